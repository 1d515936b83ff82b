//! XSD value types and the [`SimpleType`] trait (text <-> value).

mod any;
mod binary;
mod builtin;
mod datetime;
mod duration;
mod nillable;
mod qname;
pub(crate) use qname::is_ncname;
#[cfg(feature = "serde")]
mod serde_impls;

pub use any::AnyXml;
pub use binary::{Base64Binary, HexBinary};
pub(crate) use builtin::parse_decimal;
pub use datetime::{Date, DateTime, Time};
pub use duration::Duration;
pub use nillable::Nillable;
pub use qname::QName;
#[cfg(feature = "serde")]
pub use serde_impls::serde_opt_nillable;

use crate::error::{FacetError, ValueError};

/// Text <-> value for an XSD simple type: the builtins here, and generated
/// newtypes, enumerations, lists and unions.
pub trait SimpleType: Sized {
    /// Parses the lexical form (lenient: checks the lexical space only, not facets).
    fn parse_text(text: &str) -> Result<Self, ValueError>;

    /// Appends the lexical form (unescaped; the writer escapes it).
    fn write_text(&self, out: &mut String) -> Result<(), ValueError>;

    /// Checks the type's facets: the writer refuses values that fail; the reader
    /// reports them (an error in strict mode, a diagnostic otherwise).
    fn check_facets(&self) -> Result<(), FacetError> {
        Ok(())
    }

    /// The nearest value of this type for a `text` that [`parse_text`](Self::parse_text)
    /// refused as [out of range](ValueError::is_out_of_range) (a decimal with more
    /// than 28 significant digits is rounded); `None` when there is none.
    fn parse_nearest(text: &str) -> Option<Self> {
        let _ = text;
        None
    }

    /// Parses with the namespace declarations in scope at the text (for `QName`s);
    /// everything else ignores them.
    fn parse_text_in(text: &str, scope: &dyn Namespaces) -> Result<Self, ValueError> {
        let _ = scope;
        Self::parse_text(text)
    }

    /// The namespace the lexical form's `q:` prefix stands for (a `QName` with a
    /// namespace); the writer declares it on the element. `None` for everything else.
    fn prefixed_namespace(&self) -> Option<&str> {
        None
    }
}

/// The namespace declarations in scope at a point of a document.
pub trait Namespaces {
    /// The namespace a prefix is bound to (`""` = the default namespace); `None` when
    /// undeclared (or, for `""`, when there is no default namespace).
    fn resolve(&self, prefix: &str) -> Option<&str>;
}

/// No namespace declarations at all.
impl Namespaces for () {
    fn resolve(&self, _prefix: &str) -> Option<&str> {
        None
    }
}

/// XSD whitespace `collapse`: trims XML whitespace at both ends. (Inner runs are
/// left alone: no lexical space of a collapsed builtin type allows them.)
pub fn collapse_ws(text: &str) -> &str {
    text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}
