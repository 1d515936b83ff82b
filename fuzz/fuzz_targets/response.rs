//! Any bytes as the response to each Resurs operation (the client's decoder).
#![no_main]

use libfuzzer_sys::fuzz_target;
use resurs_aftershop_fuzz::{each_operation, Responses};

fuzz_target!(|data: &[u8]| each_operation(&mut Responses(data)));
