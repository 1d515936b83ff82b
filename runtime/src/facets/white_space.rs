//! XSD `whiteSpace`: how a string type's received text is normalised, and
//! the check that a value to send is already normal.

use std::borrow::Cow;

/// The `whiteSpace` facet of a simple type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WhiteSpace {
    /// `preserve` (`xs:string`): the text as it is.
    #[default]
    Preserve,
    /// `replace` (`xs:normalizedString`): tab, newline and carriage return
    /// become spaces.
    Replace,
    /// `collapse` (`xs:token` and its derivations): as `replace`, then
    /// runs of spaces become one and leading and trailing spaces go.
    Collapse,
}

impl WhiteSpace {
    /// The facet's value in a schema (`preserve`, `replace`, `collapse`).
    pub fn as_str(self) -> &'static str {
        match self {
            WhiteSpace::Preserve => "preserve",
            WhiteSpace::Replace => "replace",
            WhiteSpace::Collapse => "collapse",
        }
    }

    /// Received text normalised by this facet (borrowed when already normal).
    pub fn apply(self, text: &str) -> Cow<'_, str> {
        match self {
            WhiteSpace::Preserve => Cow::Borrowed(text),
            WhiteSpace::Replace if !text.contains(['\t', '\n', '\r']) => Cow::Borrowed(text),
            WhiteSpace::Replace => Cow::Owned(text.replace(['\t', '\n', '\r'], " ")),
            WhiteSpace::Collapse => {
                let trimmed = text.trim_matches([' ', '\t', '\n', '\r']);
                if WhiteSpace::Collapse.is_normal(trimmed) {
                    Cow::Borrowed(trimmed)
                } else {
                    Cow::Owned(
                        trimmed
                            .split([' ', '\t', '\n', '\r'])
                            .filter(|word| !word.is_empty())
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                }
            }
        }
    }

    /// True when `text` is unchanged by [`apply`](Self::apply): the only
    /// values of the type's value space.
    pub fn is_normal(self, text: &str) -> bool {
        match self {
            WhiteSpace::Preserve => true,
            WhiteSpace::Replace => !text.contains(['\t', '\n', '\r']),
            WhiteSpace::Collapse => {
                !text.contains(['\t', '\n', '\r'])
                    && !text.starts_with(' ')
                    && !text.ends_with(' ')
                    && !text.contains("  ")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WhiteSpace::{Collapse, Preserve, Replace};

    #[test]
    fn normalisation() {
        assert_eq!(Preserve.apply(" a\tb "), " a\tb ");
        assert_eq!(Replace.apply(" a\tb\r\n"), " a b  ");
        assert_eq!(Collapse.apply("\n  a \t b  c \r\n"), "a b c");
        assert_eq!(Collapse.apply("   "), "");
        assert!(matches!(
            Collapse.apply("  a b "),
            std::borrow::Cow::Borrowed("a b")
        ));
    }

    #[test]
    fn only_normal_values_are_normal() {
        assert!(Replace.is_normal(" a  b "));
        assert!(!Replace.is_normal("a\nb"));
        assert!(Collapse.is_normal("a b"));
        for bad in [" a", "a ", "a  b", "a\tb"] {
            assert!(!Collapse.is_normal(bad), "{bad:?}");
        }
    }
}
