//! The format stage (placeholder created by the parse/resolve engineer so the crate compiles; owned by the emit engineer).
