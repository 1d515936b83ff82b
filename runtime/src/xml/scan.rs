//! Byte-level scanning for the reader's fast path over the usual leaf element,
//! `<name>text</name>`: the text and the end tag are checked here, with the
//! rules `xmlparser` applies to them, instead of being tokenized.
//!
//! Every function answers `None` when the input is anything but the plain case
//! (a comment, CDATA, a child element, a malformed end tag, the end of input);
//! the reader then lets the tokenizer read it and report what is wrong.

/// How [`char_data`] treats a byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Part of the text, nothing to check.
    Plain,
    /// `<`: the text ends (never inside the text [`classify`] sees).
    Markup,
    /// `&` or `\r`: the text needs `unescape`.
    Escape,
    /// `>` (could end `]]>`) or `0xEF` (could start U+FFFE or U+FFFF).
    Check,
    /// A control character other than tab, line feed and carriage return.
    Invalid,
}

const CLASSES: [Class; 256] = {
    let mut table = [Class::Plain; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = Class::Invalid;
        b += 1;
    }
    table[b'\t' as usize] = Class::Plain;
    table[b'\n' as usize] = Class::Plain;
    table[b'\r' as usize] = Class::Escape;
    table[b'&' as usize] = Class::Escape;
    table[b'<' as usize] = Class::Markup;
    table[b'>' as usize] = Class::Check;
    table[0xEF] = Class::Check;
    table
};

/// Character data from `from` up to the next `<`: its end (the `<`) and whether it
/// holds references or carriage returns to resolve. `None` if it holds a
/// character XML does not allow, `]]>`, or runs to the end of input.
#[inline]
pub(crate) fn char_data(src: &[u8], from: usize) -> Option<(usize, bool)> {
    let rest = src.get(from..)?;
    let text = &rest[..memchr::memchr(b'<', rest)?];
    // One pass without early exit (the compiler vectorizes it) rules out the usual case.
    let unusual = text.iter().fold(false, |found, &b| {
        found | (b < 0x20) | (b == b'&') | (b == b'>') | (b == 0xEF)
    });
    if unusual {
        classify(text).map(|escapes| (from + text.len(), escapes))
    } else {
        Some((from + text.len(), false))
    }
}

/// Whether `text` (no `<` in it) needs `unescape`; `None` if XML does not allow it.
#[cold]
fn classify(text: &[u8]) -> Option<bool> {
    let mut escapes = false;
    for (i, &b) in text.iter().enumerate() {
        match CLASSES[usize::from(b)] {
            Class::Plain | Class::Markup => {}
            Class::Escape => escapes = true,
            Class::Check => {
                let bad = if b == b'>' {
                    i >= 2 && text[i - 2..i] == *b"]]"
                } else {
                    matches!(text.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF]))
                };
                if bad {
                    return None;
                }
            }
            Class::Invalid => return None,
        }
    }
    Some(escapes)
}

/// The end tag `</prefix:local>` (spaces allowed before `>`) at `at`: the offset just past it.
#[inline]
pub(crate) fn end_tag(src: &[u8], at: usize, prefix: &str, local: &str) -> Option<usize> {
    let mut i = at;
    let mut expect = |bytes: &[u8]| {
        let found = src.get(i..i + bytes.len())?;
        // Names are short: a byte loop beats a `memcmp` call.
        found
            .iter()
            .zip(bytes)
            .all(|(a, b)| a == b)
            .then(|| i += bytes.len())
    };
    expect(b"</")?;
    if !prefix.is_empty() {
        expect(prefix.as_bytes())?;
        expect(b":")?;
    }
    expect(local.as_bytes())?;
    let i = skip_spaces(src, i);
    (src.get(i) == Some(&b'>')).then_some(i + 1)
}

/// The offset of the first byte at or after `from` that is not XML white space.
#[inline]
pub(crate) fn skip_spaces(src: &[u8], from: usize) -> usize {
    from + src.get(from..).map_or(0, spaces)
}

fn spaces(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::{char_data, end_tag, skip_spaces};

    #[test]
    fn char_data_stops_at_markup_and_flags_escapes() {
        assert_eq!(char_data(b">abc</x>", 1), Some((4, false)));
        assert_eq!(char_data(b"a &amp; b<", 0), Some((9, true)));
        assert_eq!(char_data(b"a\r\nb<", 0), Some((4, true)));
        assert_eq!(char_data(b"<", 0), Some((0, false)));
        assert_eq!(char_data("é ü ﬀ<".as_bytes(), 0), Some((9, false)));
        assert_eq!(char_data(b"a > b<", 0), Some((5, false)));
    }

    #[test]
    fn char_data_refuses_what_xml_forbids() {
        assert_eq!(char_data(b"no end", 0), None);
        assert_eq!(char_data(b"a]]>b<", 0), None);
        assert_eq!(char_data(b"a\x01b<", 0), None);
        assert_eq!(char_data(b"a\x00<", 0), None);
        assert_eq!(char_data("a\u{FFFE}<".as_bytes(), 0), None);
        assert_eq!(char_data("a\u{FFFF}<".as_bytes(), 0), None);
        assert_eq!(char_data("a\u{FFFD}<".as_bytes(), 0), Some((4, false)));
    }

    #[test]
    fn end_tags_must_name_the_open_element() {
        assert_eq!(end_tag(b"x</a>y", 1, "", "a"), Some(5));
        assert_eq!(end_tag(b"</p:a \n>", 0, "p", "a"), Some(8));
        assert_eq!(end_tag(b"</ab>", 0, "", "a"), None);
        assert_eq!(end_tag(b"</q:a>", 0, "p", "a"), None);
        assert_eq!(end_tag(b"</a:a>", 0, "", "a"), None);
        assert_eq!(end_tag(b"</a", 0, "", "a"), None);
        assert_eq!(end_tag(b"<a>", 0, "", "a"), None);
        assert_eq!(end_tag(b"<!--x-->", 0, "", "a"), None);
    }

    #[test]
    fn spaces_are_skipped_to_the_next_markup() {
        assert_eq!(skip_spaces(b"a \r\n\t<", 1), 5);
        assert_eq!(skip_spaces(b"  ", 0), 2);
        assert_eq!(skip_spaces(b"", 3), 3);
    }
}
