//! `AnyXml`: an element kept as raw XML (`anyType`, `xs:any`, unknown fault details).

use std::fmt;

/// The raw XML of one element, start tag to end tag. When decoded, the namespace
/// declarations in scope that the element relies on are added to its start tag,
/// so the text stands on its own. When encoded, it is written as is (the field
/// name is not used: the element carries its own).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AnyXml(pub String);

impl AnyXml {
    /// The XML text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AnyXml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
