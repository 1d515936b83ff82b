//! How the simulator identifies a customer for bonus points and tokens.

use std::fmt;

/// `NATURAL` or `LEGAL` (the schema's `customerType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CustomerKind {
    /// A private person.
    Natural,
    /// A company.
    Legal,
}

impl CustomerKind {
    /// Parses the XML value; anything else is `None`.
    pub fn from_xml(value: &str) -> Option<Self> {
        match value {
            "NATURAL" => Some(Self::Natural),
            "LEGAL" => Some(Self::Legal),
            _ => None,
        }
    }
}

/// A customer: government id plus kind (a Swedish sole proprietor has the
/// same id as a natural and as a legal customer).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomerKey {
    /// The government id, as sent.
    pub government_id: String,
    /// Natural or legal.
    pub kind: CustomerKind,
}

impl CustomerKey {
    /// Resolves an optional customer type the way the service documents it:
    /// when omitted, a natural customer is tried first, then a legal one.
    pub fn resolve(
        government_id: &str,
        kind: Option<CustomerKind>,
        exists: impl Fn(&CustomerKey) -> bool,
    ) -> Self {
        let key = |kind| Self {
            government_id: government_id.to_owned(),
            kind,
        };
        match kind {
            Some(kind) => key(kind),
            None => {
                let legal = key(CustomerKind::Legal);
                if !exists(&key(CustomerKind::Natural)) && exists(&legal) {
                    legal
                } else {
                    key(CustomerKind::Natural)
                }
            }
        }
    }
}

impl fmt::Display for CustomerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            CustomerKind::Natural => "NATURAL",
            CustomerKind::Legal => "LEGAL",
        };
        write!(f, "{} ({kind})", self.government_id)
    }
}
