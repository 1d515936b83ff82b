//! The embedded simulator of the bank: its core API, over HTTP, through the
//! generated clients and a third-party client; the seed tables and rules.

#[path = "../harness/mod.rs"]
mod harness;

mod admin;
mod auth;
mod client;
mod concurrency;
mod customers;
mod demo;
mod documents;
mod faults;
mod fixtures;
mod operations;
mod over_http;
mod rules_check;
mod rules_tokens;
mod search;
mod tables;
mod wsdl;
mod zeep;
