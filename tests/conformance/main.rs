//! The wire contract: what the client sends and accepts against Resurs's
//! published messages, faults as real stacks write them, built-in facets, the
//! project's own WSDL and the checked-in generated code.

#[path = "../harness/mod.rs"]
mod harness;

mod builtin_facets;
mod encoding;
mod error_chains;
mod generated_current;
mod get_payment;
mod php_faults;
mod requests;
mod wsdl_model;
