//! [`Error`]: every problem of a generation run.

use std::path::PathBuf;

use crate::{emit, format, model, parse, resolve};

/// Why generation failed. `Display` lists every problem, one per line, each
/// with `file:line:col` where the stage knows it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The configuration itself is wrong.
    #[error("{}", .0.join("\n"))]
    Config(Vec<String>),
    /// Files could not be read or are not WSDL/XSD.
    #[error(transparent)]
    Parse(#[from] parse::ParseErrors),
    /// References could not be bound.
    #[error(transparent)]
    Resolve(#[from] resolve::ResolveErrors),
    /// The schema has constructs the generator cannot map.
    #[error(transparent)]
    Model(#[from] model::ModelErrors),
    /// The model could not be printed.
    #[error(transparent)]
    Emit(#[from] emit::EmitError),
    /// The printed code did not parse.
    #[error(transparent)]
    Format(#[from] format::FormatError),
    /// The output could not be written.
    #[error("{}: {message}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's message.
        message: String,
    },
}
