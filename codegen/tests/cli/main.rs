//! `soapgen` as a command: generate, inspect, fetch.

mod commands;
mod fetch;
