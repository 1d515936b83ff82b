//! Reading one file into an owned [`XmlElement`] tree, within [`Limits`].

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use super::syntax::{Namespaces, Pos, XmlAttribute, XmlElement, XmlNode};
use super::{Limits, ParseError};

/// Byte offset → line/column, built once per file.
struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    fn pos(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let col = self
            .text
            .get(start..offset.min(self.text.len()))
            .map_or(0, |s| s.chars().count());
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col + 1).unwrap_or(u32::MAX),
        }
    }
}

/// Reads `path` as text within the size limit: UTF-8 (with or without BOM),
/// UTF-16 (BOM or `<?` in either byte order), or ISO-8859-1 / windows-1252
/// when the XML declaration names them.
pub(crate) fn read_file(path: &Path, limits: &Limits) -> Result<String, ParseError> {
    let io = |e: std::io::Error| ParseError::Io {
        file: path.to_path_buf(),
        message: e.to_string(),
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > limits.max_file_size {
        return Err(ParseError::TooLarge {
            file: path.to_path_buf(),
            size,
            limit: limits.max_file_size,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    decode(&bytes).map_err(|(offset, message)| {
        let lossy = String::from_utf8_lossy(&bytes);
        let pos = LineIndex::new(&lossy).pos(offset);
        ParseError::XmlSyntax {
            file: path.to_path_buf(),
            line: pos.line,
            col: pos.col,
            message,
        }
    })
}

/// The text of an XML file; on error the byte offset and what is wrong.
fn decode(bytes: &[u8]) -> Result<String, (usize, String)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    match bytes {
        [0xFF, 0xFE, rest @ ..] | [b'<', 0, b'?', 0, rest @ ..] if rest.len() % 2 == 0 => {
            let start = if bytes[0] == 0xFF { rest } else { bytes };
            return utf16(start, u16::from_le_bytes);
        }
        [0xFE, 0xFF, rest @ ..] | [0, b'<', 0, b'?', rest @ ..] if rest.len() % 2 == 0 => {
            let start = if bytes[0] == 0xFE { rest } else { bytes };
            return utf16(start, u16::from_be_bytes);
        }
        _ => {}
    }
    match declared_encoding(bytes).as_deref() {
        None | Some("utf-8" | "utf8" | "us-ascii" | "ascii") => utf8(bytes),
        Some("iso-8859-1" | "iso_8859-1" | "latin1" | "latin-1" | "l1") => {
            Ok(bytes.iter().map(|&b| char::from(b)).collect())
        }
        Some("windows-1252" | "cp1252") => Ok(bytes.iter().map(|&b| windows_1252(b)).collect()),
        Some(other) => Err((
            0,
            format!(
                "unsupported encoding `{other}` (UTF-8, UTF-16, ISO-8859-1 and windows-1252 are)"
            ),
        )),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, (usize, String)> {
    std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| {
        (
            e.valid_up_to(),
            "not UTF-8 (and no other encoding declared)".to_owned(),
        )
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, (usize, String)> {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| (0, "invalid UTF-16".to_owned()))
}

/// The lower-cased `encoding` of an ASCII-compatible XML declaration.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.strip_prefix(b"<?xml")?;
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let after = &decl[decl.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    Some(value[..value.find(quote)?].to_ascii_lowercase())
}

/// windows-1252: ISO-8859-1 with printable characters in 0x80–0x9F.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Parses `text` (the content of `path`) into an owned element tree.
pub(crate) fn parse_text(
    path: &Path,
    text: &str,
    limits: &Limits,
) -> Result<XmlElement, ParseError> {
    let index = LineIndex::new(text);
    refuse_entity_references(path, text, &index)?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: limits.max_nodes,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => ParseError::TooManyNodes {
            file: path.to_path_buf(),
            limit: limits.max_nodes,
        },
        other => {
            let pos = other.pos();
            ParseError::XmlSyntax {
                file: path.to_path_buf(),
                line: pos.row,
                col: pos.col,
                message: other.to_string(),
            }
        }
    })?;
    let conv = Converter {
        path,
        index: &index,
        limits,
    };
    conv.element(doc.root_element(), &Arc::new(Namespaces::default()), 1)
}

/// A DOCTYPE may declare entities (the stock W3C xmldsig schema does), but
/// none may be referenced: only the five predefined entities and character
/// references are read, so nothing is ever expanded or fetched. Runs before
/// roxmltree, which would expand internal entities.
fn refuse_entity_references(
    path: &Path,
    text: &str,
    index: &LineIndex<'_>,
) -> Result<(), ParseError> {
    if !text.contains("<!DOCTYPE") {
        return Ok(());
    }
    for token in xmlparser::Tokenizer::from(text) {
        let span = match token {
            Ok(xmlparser::Token::Text { text }) => text,
            Ok(xmlparser::Token::Attribute { value, .. }) => value,
            Ok(_) => continue,
            // roxmltree reports the syntax error with its position.
            Err(_) => return Ok(()),
        };
        let content = span.as_str();
        for (at, _) in content.match_indices('&') {
            let rest = &content[at + 1..];
            if rest.starts_with('#') {
                continue;
            }
            let name = rest.split(';').next().unwrap_or(rest);
            if !matches!(name, "lt" | "gt" | "amp" | "apos" | "quot") {
                let pos = index.pos(span.start() + at);
                return Err(ParseError::EntityRefused {
                    file: path.to_path_buf(),
                    line: pos.line,
                    col: pos.col,
                    name: name.chars().take(64).collect(),
                });
            }
        }
    }
    Ok(())
}

struct Converter<'a> {
    path: &'a Path,
    index: &'a LineIndex<'a>,
    limits: &'a Limits,
}

impl Converter<'_> {
    fn element(
        &self,
        node: roxmltree::Node<'_, '_>,
        parent_scope: &Arc<Namespaces>,
        depth: u32,
    ) -> Result<XmlElement, ParseError> {
        let pos = self.index.pos(node.range().start);
        if depth > self.limits.max_depth {
            return Err(ParseError::TooDeep {
                file: self.path.to_path_buf(),
                line: pos.line,
                col: pos.col,
                limit: self.limits.max_depth,
            });
        }
        let bindings: Vec<(Option<String>, String)> = node
            .namespaces()
            .map(|ns| (ns.name().map(str::to_owned), ns.uri().to_owned()))
            .collect();
        let scope = if bindings == parent_scope.bindings {
            Arc::clone(parent_scope)
        } else {
            Arc::new(Namespaces { bindings })
        };
        let attributes = node
            .attributes()
            .map(|a| XmlAttribute {
                ns: a.namespace().map(str::to_owned),
                local: a.name().to_owned(),
                value: a.value().to_owned(),
            })
            .collect();
        let mut children = Vec::new();
        for child in node.children() {
            if child.is_element() {
                children.push(XmlNode::Element(self.element(child, &scope, depth + 1)?));
            } else if child.is_text() {
                if let Some(text) = child.text() {
                    children.push(XmlNode::Text(text.to_owned()));
                }
            }
        }
        let name = node.tag_name();
        Ok(XmlElement {
            ns: name.namespace().map(str::to_owned),
            local: name.name().to_owned(),
            attributes,
            children,
            namespaces: scope,
            pos,
        })
    }
}

/// Schema attributes whose value is a QName (or a list of them).
const QNAME_ATTRIBUTES: [&str; 6] = [
    "type",
    "ref",
    "base",
    "itemType",
    "memberTypes",
    "substitutionGroup",
];

/// A hash of an element's content that ignores positions, surrounding
/// whitespace and prefixes (QName values count by their expanded name):
/// equal fingerprints mean the same declaration.
pub(crate) fn fingerprint(element: &XmlElement) -> u64 {
    fn feed(e: &XmlElement, h: &mut DefaultHasher) {
        e.ns.hash(h);
        e.local.hash(h);
        for a in &e.attributes {
            (&a.ns, &a.local).hash(h);
            if a.ns.is_none() && QNAME_ATTRIBUTES.contains(&a.local.as_str()) {
                for q in a.value.split_whitespace() {
                    let (prefix, local) = match q.split_once(':') {
                        Some((p, l)) => (Some(p), l),
                        None => (None, q),
                    };
                    (e.namespaces.uri(prefix), local).hash(h);
                }
            } else {
                a.value.hash(h);
            }
        }
        for c in &e.children {
            match c {
                XmlNode::Element(child) => {
                    0u8.hash(h);
                    feed(child, h);
                }
                XmlNode::Text(t) => {
                    1u8.hash(h);
                    t.split_whitespace().for_each(|w| w.hash(h));
                }
            }
        }
    }
    let mut h = DefaultHasher::new();
    feed(element, &mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_decoded() {
        let text = "<?xml version=\"1.0\"?><a>Größe</a>";
        assert_eq!(decode(text.as_bytes()).as_deref(), Ok(text));
        let bom: Vec<u8> = b"\xEF\xBB\xBF"
            .iter()
            .chain(text.as_bytes())
            .copied()
            .collect();
        assert_eq!(decode(&bom).as_deref(), Ok(text));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).as_deref(), Ok(text));
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be).as_deref(), Ok(text));
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>Gr\xF6\xDFe \x80</a>";
        assert_eq!(
            decode(latin1).as_deref(),
            Ok("<?xml version='1.0' encoding='ISO-8859-1'?><a>Größe \u{80}</a>")
        );
        let cp1252 = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\x80\x96</a>";
        assert_eq!(
            decode(cp1252).as_deref(),
            Ok("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>€–</a>")
        );
        let bad = b"<?xml version=\"1.0\"?><a>\xF6</a>";
        assert_eq!(decode(bad).map_err(|e| e.0), Err(24));
        let other = b"<?xml version=\"1.0\" encoding=\"EBCDIC\"?><a/>";
        assert!(decode(other).is_err_and(|e| e.1.contains("`ebcdic`")));
    }

    #[test]
    fn positions_are_one_based_chars() {
        let index = LineIndex::new("ab\ncdé\nx");
        assert_eq!(index.pos(0), Pos { line: 1, col: 1 });
        assert_eq!(index.pos(3), Pos { line: 2, col: 1 });
        assert_eq!(index.pos(8), Pos { line: 3, col: 1 });
        assert_eq!(index.pos(7), Pos { line: 2, col: 4 });
    }
}
