//! XSD regular expressions, translated to `regex` syntax and compiled once.

use std::sync::OnceLock;

use regex::Regex;

use crate::error::{FacetError, FacetKind};

/// An XSD `pattern`: implicitly anchored, translated to `regex` syntax and
/// compiled on first use. A pattern that cannot be compiled is reported as a
/// [`FacetError`] each time it is checked, never a panic.
pub struct Pattern {
    xsd: &'static str,
    compiled: OnceLock<Result<Matcher, String>>,
}

/// A compiled pattern.
enum Matcher {
    /// The commonest XSD shape, one character class repeated (`[A-Z0-9]{1,20}`),
    /// matched without the regex engine.
    Run(ClassRun),
    Regex(Regex),
}

/// `[class]{min,max}`: every character in the class, and a count within bounds.
struct ClassRun {
    /// Which ASCII characters are in the class.
    ascii: u128,
    /// The class's ranges (sorted, disjoint), for the others.
    ranges: Vec<(char, char)>,
    min: u32,
    max: Option<u32>,
}

impl ClassRun {
    /// The run a translated pattern describes, if it is one.
    fn of(translated: &str) -> Option<Self> {
        use regex_syntax::hir::{Class, HirKind, Look};
        let hir = regex_syntax::Parser::new().parse(translated).ok()?;
        let HirKind::Concat(parts) = hir.kind() else {
            return None;
        };
        let [start, inner, end] = parts.as_slice() else {
            return None;
        };
        let anchored = matches!(start.kind(), HirKind::Look(Look::Start))
            && matches!(end.kind(), HirKind::Look(Look::End));
        let (class, min, max) = match inner.kind() {
            HirKind::Repetition(rep) => (rep.sub.kind(), rep.min, rep.max),
            other => (other, 1, Some(1)),
        };
        let HirKind::Class(Class::Unicode(class)) = class else {
            return None;
        };
        if !anchored {
            return None;
        }
        let ranges: Vec<(char, char)> = class
            .ranges()
            .iter()
            .map(|r| (r.start(), r.end()))
            .collect();
        let ascii = (0u8..128)
            .filter(|&b| {
                ranges
                    .iter()
                    .any(|&(lo, hi)| (lo..=hi).contains(&char::from(b)))
            })
            .fold(0u128, |bits, b| bits | 1 << b);
        Some(Self {
            ascii,
            ranges,
            min,
            max,
        })
    }

    fn contains(&self, c: char) -> bool {
        match u8::try_from(c) {
            Ok(b) if b < 128 => self.ascii & (1 << b) != 0,
            _ => self
                .ranges
                .binary_search_by(|&(lo, hi)| {
                    if hi < c {
                        std::cmp::Ordering::Less
                    } else if lo > c {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .is_ok(),
        }
    }

    fn matches(&self, text: &str) -> bool {
        let mut count = 0u32;
        for c in text.chars() {
            if !self.contains(c) {
                return false;
            }
            count = count.saturating_add(1);
        }
        count >= self.min && self.max.is_none_or(|max| count <= max)
    }
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

    /// The pattern as an unanchored `regex` pattern (for generating values).
    #[cfg(feature = "proptest")]
    pub(crate) fn generator(&self) -> Option<String> {
        let anchored = translate(self.xsd).ok()?;
        Some(anchored.strip_prefix('^')?.strip_suffix('$')?.to_owned())
    }

    /// The XSD regex.
    pub fn as_str(&self) -> &'static str {
        self.xsd
    }

    /// True if the whole of `text` matches.
    pub fn matches(&self, text: &str) -> Result<bool, FacetError> {
        let compiled = self.compiled.get_or_init(|| {
            let translated = translate(self.xsd)?;
            if let Some(run) = ClassRun::of(&translated) {
                return Ok(Matcher::Run(run));
            }
            regex::RegexBuilder::new(&translated)
                .size_limit(1 << 22)
                .build()
                .map(Matcher::Regex)
                .map_err(|e| e.to_string())
        });
        match compiled {
            Ok(Matcher::Run(run)) => Ok(run.matches(text)),
            Ok(Matcher::Regex(re)) => Ok(re.is_match(text)),
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
    fn class_runs_match_like_the_regex() {
        let patterns = [
            r"[\p{L}0-9 \._/\-]*",
            "[0-9]+",
            r"\d{3}",
            "[A-Z]{2,4}",
            "[a-z-[aeiou]]+",
            "[^ ]{0,3}",
            "x",
            "[0-9]+|[a-z]+",
            "a[0-9]*",
        ];
        let texts = [
            "",
            "1",
            "123",
            "1234",
            "AB",
            "ABCDE",
            "Pay-1 ö/x_y.z",
            "xyz",
            "xaz",
            "é",
            "a b",
            "x",
            "a12",
            "\u{1F600}",
            "日本",
        ];
        for xsd in patterns {
            let translated = translate(xsd).unwrap_or_default();
            let regex = Regex::new(&translated).unwrap_or_else(|e| panic!("{e}"));
            for text in texts {
                assert_eq!(m(xsd, text), regex.is_match(text), "{xsd} on {text:?}");
            }
        }
        assert!(ClassRun::of(&translate("[0-9]{2,4}").unwrap_or_default()).is_some());
        assert!(ClassRun::of(&translate("[0-9]+|[a-z]+").unwrap_or_default()).is_none());
    }

    #[test]
    fn bad_pattern_is_an_error() {
        assert!(Pattern::new("[a-").matches("a").is_err());
        assert!(Pattern::new(r"\p{IsBasicLatin}+").matches("a").is_err());
        assert!(Pattern::new("a\\").matches("a").is_err());
    }
}
