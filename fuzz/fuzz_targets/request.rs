//! Any bytes as a request to the Resurs services (the server's routing and decoder).
#![no_main]

use libfuzzer_sys::fuzz_target;
use resurs_aftershop_fuzz::{each_operation, Requests};

fuzz_target!(|data: &[u8]| each_operation(&mut Requests(data)));
