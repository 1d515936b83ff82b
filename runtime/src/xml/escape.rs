//! Escaping text for output and resolving entity/character references on input.

use std::borrow::Cow;

/// Appends `text` with `&`, `<`, `>` (and, in attributes, `"`) escaped.
pub(crate) fn escape_into(out: &mut String, text: &str, attribute: bool) {
    let special = |b: u8| {
        matches!(b, b'&' | b'<' | b'>')
            || (attribute && matches!(b, b'"' | b'\n' | b'\r' | b'\t'))
            || b == b'\r'
    };
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        if !special(b) {
            continue;
        }
        out.push_str(&text[last..i]);
        out.push_str(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\n' => "&#10;",
            b'\r' => "&#13;",
            _ => "&#9;",
        });
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// Escapes the text appended to `out` since byte `from`, in place (only when needed).
pub(crate) fn escape_tail(out: &mut String, from: usize, attribute: bool) {
    let needs = out.as_bytes()[from..].iter().any(|b| {
        matches!(b, b'&' | b'<' | b'>' | b'\r') || (attribute && matches!(b, b'"' | b'\n' | b'\t'))
    });
    if needs {
        let tail = out.split_off(from);
        escape_into(out, &tail, attribute);
    }
}

/// A reference that is not one of the predefined entities nor a valid character reference.
#[derive(Debug)]
pub(crate) struct BadReference(pub(crate) String);

/// Resolves references in raw character data and normalizes line ends (`\r\n` → `\n`).
/// `attribute`: also applies attribute-value normalization (whitespace → space).
/// Borrows when there is nothing to do.
pub(crate) fn unescape(raw: &str, attribute: bool) -> Result<Cow<'_, str>, BadReference> {
    // A fold without early exit: the compiler vectorizes it.
    let special = raw.bytes().fold(false, |found, b| {
        found | (b == b'&') | (b == b'\r') | (attribute & ((b == b'\n') | (b == b'\t')))
    });
    if !special {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\r', '\n', '\t']) {
        out.push_str(&rest[..i]);
        let c = rest.as_bytes()[i];
        rest = &rest[i + 1..];
        match c {
            b'&' => {
                let end = rest
                    .find(';')
                    .ok_or_else(|| BadReference(rest.chars().take(16).collect()))?;
                out.push(resolve(&rest[..end])?);
                rest = &rest[end + 1..];
            }
            b'\r' => {
                rest = rest.strip_prefix('\n').unwrap_or(rest);
                out.push(if attribute { ' ' } else { '\n' });
            }
            _ if attribute => out.push(' '),
            _ => out.push(c as char),
        }
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

fn resolve(name: &str) -> Result<char, BadReference> {
    let bad = || BadReference(name.chars().take(16).collect());
    match name {
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "amp" => return Ok('&'),
        "apos" => return Ok('\''),
        "quot" => return Ok('"'),
        _ => {}
    }
    let code = if let Some(hex) = name.strip_prefix("#x") {
        u32::from_str_radix(hex, 16).map_err(|_| bad())?
    } else if let Some(dec) = name.strip_prefix('#') {
        dec.parse::<u32>().map_err(|_| bad())?
    } else {
        return Err(bad());
    };
    char::from_u32(code)
        .filter(|c| is_xml_char(*c))
        .ok_or_else(bad)
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_references() {
        let ok = |s: &str| unescape(s, false).map(|c| c.into_owned()).ok();
        assert_eq!(
            ok("a &lt;b&gt; &amp; &quot;&apos; &#65;&#x42;"),
            Some("a <b> & \"' AB".to_owned())
        );
        assert_eq!(
            ok("line\r\nnext\rlast"),
            Some("line\nnext\nlast".to_owned())
        );
        assert!(matches!(
            unescape("plain", false),
            Ok(Cow::Borrowed("plain"))
        ));
        assert!(unescape("&foo;", false).is_err());
        assert!(unescape("&#0;", false).is_err());
        assert!(unescape("&amp", false).is_err());
        assert_eq!(
            unescape("a\tb\nc", true).map(|c| c.into_owned()).ok(),
            Some("a b c".to_owned())
        );
    }

    #[test]
    fn escapes_specials() {
        let mut out = String::new();
        escape_into(&mut out, "a<b>&\"c\"", false);
        assert_eq!(out, "a&lt;b&gt;&amp;\"c\"");
        out.clear();
        escape_into(&mut out, "\"x\"\n", true);
        assert_eq!(out, "&quot;x&quot;&#10;");
    }
}
