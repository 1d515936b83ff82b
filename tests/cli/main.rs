//! The `aftershop` binary, run as a process: decode, the operator commands,
//! reconcile, simulate and its request log, and a support day from the shell.

#[path = "../harness/mod.rs"]
mod harness;

mod aftershop_day;
mod decode;
mod operator;
mod reconcile;
mod simulate;
mod simulator_log;
