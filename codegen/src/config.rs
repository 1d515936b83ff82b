//! Configuration (placeholder created by the parse/resolve engineer so the crate compiles; owned by the config engineer).

/// Drives the whole pipeline (placeholder).
#[derive(Debug, Default)]
pub struct Config;
