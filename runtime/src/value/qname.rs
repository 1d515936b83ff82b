//! XSD `QName`, resolved by namespace.

use std::fmt;

use super::{collapse_ws, Namespaces, SimpleType};
use crate::error::ValueError;

/// A qualified name: the namespace URI (resolved from the prefix in scope where it
/// was read) and the local part. Displays in Clark notation, `{namespace}local`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct QName {
    /// The namespace URI; `None` for no namespace.
    pub namespace: Option<String>,
    /// The local part.
    pub local: String,
}

impl QName {
    /// A name in a namespace.
    pub fn new(namespace: impl Into<String>, local: impl Into<String>) -> Self {
        Self {
            namespace: Some(namespace.into()),
            local: local.into(),
        }
    }

    /// A name in no namespace.
    pub fn unqualified(local: impl Into<String>) -> Self {
        Self {
            namespace: None,
            local: local.into(),
        }
    }

    /// True if this is `local` in `namespace`.
    pub fn is(&self, namespace: Option<&str>, local: &str) -> bool {
        self.namespace.as_deref() == namespace && self.local == local
    }

    /// The prefix the writer uses for a QName value's namespace.
    pub(crate) const VALUE_PREFIX: &'static str = "qn";
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "{{{ns}}}{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

pub(crate) fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '\u{B7}'))
}

impl SimpleType for QName {
    /// Without namespace declarations in scope only an unprefixed name can be read (it gets no namespace).
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Self::parse_text_in(text, &())
    }

    fn parse_text_in(text: &str, scope: &dyn Namespaces) -> Result<Self, ValueError> {
        let t = collapse_ws(text);
        let (prefix, local) = t.split_once(':').unwrap_or(("", t));
        if !is_ncname(local) || (!prefix.is_empty() && !is_ncname(prefix)) {
            return Err(ValueError::new("QName", text));
        }
        let namespace = scope.resolve(prefix).filter(|ns| !ns.is_empty());
        if namespace.is_none() && !prefix.is_empty() {
            return Err(ValueError::new("QName", text)
                .because(format!("prefix '{prefix}' is not declared")));
        }
        Ok(Self {
            namespace: namespace.map(str::to_owned),
            local: local.to_owned(),
        })
    }

    /// Refuses a local part that is not an NCName (it could not be read back).
    fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
        if !is_ncname(&self.local) {
            return Err(ValueError::new("QName", &self.local));
        }
        if self.namespace.is_some() {
            out.push_str(Self::VALUE_PREFIX);
            out.push(':');
        }
        out.push_str(&self.local);
        Ok(())
    }

    fn prefixed_namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }
}
