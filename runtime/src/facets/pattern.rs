//! XSD regular expressions, translated to `regex` syntax and compiled once.

use std::sync::OnceLock;

use regex::Regex;

use crate::error::{FacetError, FacetKind};

/// An XSD `pattern`: implicitly anchored, translated to `regex` syntax and
/// compiled on first use. A pattern that cannot be compiled is reported as a
/// [`FacetError`] each time it is checked, never a panic.
pub struct Pattern {
    xsd: &'static str,
    compiled: OnceLock<Result<Regex, String>>,
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.xsd).finish()
    }
}

impl Pattern {
    /// A pattern from its XSD regex (nothing is compiled yet).
    pub const fn new(xsd_regex: &'static str) -> Self {
        Self {
            xsd: xsd_regex,
            compiled: OnceLock::new(),
        }
    }

    /// The XSD regex.
    pub fn as_str(&self) -> &'static str {
        self.xsd
    }

    /// True if the whole of `text` matches.
    pub fn matches(&self, text: &str) -> Result<bool, FacetError> {
        let compiled = self.compiled.get_or_init(|| {
            let translated = translate(self.xsd)?;
            regex::RegexBuilder::new(&translated)
                .size_limit(1 << 22)
                .build()
                .map_err(|e| e.to_string())
        });
        match compiled {
            Ok(re) => Ok(re.is_match(text)),
            Err(reason) => Err(FacetError::new(
                text,
                FacetKind::BadPattern {
                    pattern: self.xsd,
                    reason: reason.clone(),
                },
            )),
        }
    }
}

/// `\i`: initial name characters; `\c`: name characters (XML 1.0, approximated by Unicode classes).
const NAME_START: &str = r"\p{L}\p{Nl}_:";
const NAME_CHAR: &str = r"\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Lm}_:.\-\x{B7}";

/// Translates an XSD regex to an anchored `regex` pattern.
pub(crate) fn translate(xsd: &str) -> Result<String, String> {
    let mut out = String::with_capacity(xsd.len() + 16);
    out.push_str("^(?:");
    let mut chars = xsd.chars().peekable();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    return Err("pattern ends with a backslash".into());
                };
                let inside = class_depth > 0;
                match e {
                    'i' | 'c' | 'I' | 'C' | 'w' | 'W' => {
                        let set = match e {
                            'i' | 'I' => NAME_START,
                            'c' | 'C' => NAME_CHAR,
                            _ => r"\p{P}\p{Z}\p{C}",
                        };
                        let negated = matches!(e, 'I' | 'C' | 'w');
                        match (inside, negated) {
                            (false, false) => out.push_str(&format!("[{set}]")),
                            (false, true) => out.push_str(&format!("[^{set}]")),
                            (true, false) => out.push_str(set),
                            (true, true) => out.push_str(&format!("[^{set}]")),
                        }
                    }
                    'p' | 'P' => {
                        out.push('\\');
                        out.push(e);
                        let mut name = String::new();
                        for n in chars.by_ref() {
                            name.push(n);
                            if n == '}' {
                                break;
                            }
                        }
                        let inner = name.trim_start_matches('{').trim_end_matches('}');
                        if let Some(block) = inner.strip_prefix("Is") {
                            return Err(format!(
                                "Unicode block escapes (\\p{{Is{block}}}) are not supported"
                            ));
                        }
                        out.push_str(&name);
                    }
                    _ => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '[' => {
                if class_depth > 0 {
                    out.push('[');
                } else {
                    out.push('[');
                    if chars.peek() == Some(&'^') {
                        chars.next();
                        out.push('^');
                    }
                }
                class_depth += 1;
            }
            '-' if class_depth > 0 && chars.peek() == Some(&'[') => {
                // XSD class subtraction `[a-z-[aeiou]]` → regex `[a-z--[aeiou]]`.
                out.push_str("--");
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(']');
            }
            '&' | '~' if class_depth > 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' if class_depth == 0 => out.push_str(r"[^\n\r]"),
            '^' | '$' if class_depth == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.push_str(")$");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &'static str, s: &str) -> bool {
        Pattern::new(p).matches(s).unwrap_or(false)
    }

    #[test]
    fn anchored_and_translated() {
        assert!(m("[0-9]+", "123"));
        assert!(!m("[0-9]+", "123a"));
        assert!(m(r"[\p{L}0-9 \._/\-]*", "Pay-1 ö/x_y.z"));
        assert!(m(r"\i\c*", "name-1"));
        assert!(!m(r"\i\c*", "1name"));
        assert!(m("[a-z-[aeiou]]+", "xyz"));
        assert!(!m("[a-z-[aeiou]]+", "xaz"));
        assert!(m(r"\d{3}", "123"));
        assert!(m("a$b", "a$b"));
        assert!(m("^a", "^a"));
        assert!(m("a.c", "abc"));
        assert!(!m("a.c", "a\nc"));
        assert!(m("[&~]", "&"));
    }

    #[test]
    fn bad_pattern_is_an_error() {
        assert!(Pattern::new("[a-").matches("a").is_err());
        assert!(Pattern::new(r"\p{IsBasicLatin}+").matches("a").is_err());
        assert!(Pattern::new("a\\").matches("a").is_err());
    }
}
