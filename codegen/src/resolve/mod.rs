//! The resolve stage: binds every QName of the parsed documents, expands
//! group references, applies form defaults and merges WSDL operations with
//! their bindings, producing [`Resolved`].

mod builtins;
mod doc;
mod error;
mod index;
pub mod ir;
mod resolver;
mod schema;
mod wsdl;

pub use builtins::{is_builtin, BUILTINS};
pub use error::{ResolveError, ResolveErrors};
pub use ir::*;
pub use resolver::MAX_EXPANDED;

use crate::parse::Documents;

/// Options of the resolve stage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResolveOptions {
    /// Resolve (and check) only these operations, by WSDL name; `None`: all.
    /// Messages, bindings and ports no kept operation uses are not checked.
    pub operations: Option<Vec<String>>,
}

/// Binds `docs` into the component and service model; all problems are
/// collected and returned together.
pub fn resolve(docs: &Documents) -> Result<Resolved, ResolveErrors> {
    resolve_with(docs, &ResolveOptions::default())
}

/// [`resolve`] with options.
pub fn resolve_with(docs: &Documents, options: &ResolveOptions) -> Result<Resolved, ResolveErrors> {
    let mut resolver = resolver::Resolver::new(docs);
    resolver.operations = options.operations.clone();
    resolver.schemas();
    resolver.wsdls();
    resolver.finish()
}
