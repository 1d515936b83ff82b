//! The parse stage: reads WSDL and XSD files (the inputs and everything they
//! import or include, each file once) into raw syntax with positions.
//!
//! Input is untrusted: a DOCTYPE is read but none of its entities may be
//! referenced (nothing is expanded), and [`Limits`] bound file size,
//! node count, nesting depth and file count. Nothing is fetched over the
//! network; see [`LocationMap`] for how a `schemaLocation` finds its file.

mod error;
mod limits;
mod loader;
mod locations;
mod syntax;
mod wsdl;
mod xml;
mod xsd;

pub use error::{ParseError, ParseErrors};
pub use limits::Limits;
pub use loader::{load, WSDL_NS};
pub use locations::LocationMap;
pub use syntax::*;
pub use wsdl::{SOAP11_NS, SOAP12_NS};
