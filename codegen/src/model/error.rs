//! Errors of the model stage.

use crate::resolve::Location;

/// One problem found while building the model.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// A built-in this generator has no mapping for.
    #[error("{location}: unknown XSD built-in type `{name}`")]
    UnknownBuiltin {
        /// The local name.
        name: String,
        /// Where it is used.
        location: Location,
    },
    /// A reference the resolve stage left unbound.
    #[error("{location}: `{name}` does not name a type of this run")]
    UnknownType {
        /// The reference, `{ns}local`.
        name: String,
        /// Where it is used.
        location: Location,
    },
    /// A construct this generator does not support.
    #[error("{location}: unsupported: {what}")]
    Unsupported {
        /// What.
        what: String,
        /// Where.
        location: Location,
    },
    /// A configuration setting that names something that does not exist.
    #[error("{location}: configuration: {what}")]
    Config {
        /// What is wrong.
        what: String,
        /// The place the setting refers to.
        location: Location,
    },
    /// `Config::operations` (`--operation`) names an operation no port has.
    #[error("configuration: no operation is named `{name}`{}", crate::errors::suggestion(close, *known, "operations"))]
    UnknownOperation {
        /// The name as given.
        name: String,
        /// Operation names close to it, closest first.
        close: Vec<String>,
        /// How many operations there are.
        known: usize,
    },
}

/// Every problem the model stage found, one per line when displayed.
pub type ModelErrors = crate::errors::Errors<ModelError>;
