//! The generator stage by stage: parse (errors, locations, confinement), resolve
//! (schemas, WSDL, Resurs), model, warnings, the `Config` builder and the golden
//! outputs.

#[path = "../resolve_support/mod.rs"]
mod resolve_support;

mod config;
mod golden;
mod model;
mod parse_confinement;
mod parse_errors;
mod parse_locations;
mod resolve_resurs;
mod resolve_schema;
mod resolve_wsdl;
mod warnings;
