//! What the test binaries share. Each binary uses some of it.
#![allow(dead_code)]

pub mod bank;
pub mod canned;
pub mod http;
pub mod shell;
