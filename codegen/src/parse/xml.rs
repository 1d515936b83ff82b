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

/// Reads `path` as UTF-8 text within the size limit.
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
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes);
            let pos = LineIndex::new(&lossy).pos(e.valid_up_to());
            Err(ParseError::XmlSyntax {
                file: path.to_path_buf(),
                line: pos.line,
                col: pos.col,
                message: "not UTF-8 (only UTF-8 input is supported)".into(),
            })
        }
    }
}

/// Parses `text` (the content of `path`) into an owned element tree.
pub(crate) fn parse_text(
    path: &Path,
    text: &str,
    limits: &Limits,
) -> Result<XmlElement, ParseError> {
    let index = LineIndex::new(text);
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: limits.max_nodes,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::DtdDetected => {
            let pos = index.pos(text.find("<!DOCTYPE").unwrap_or(0));
            ParseError::DtdRefused {
                file: path.to_path_buf(),
                line: pos.line,
                col: pos.col,
            }
        }
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

/// A hash of an element's content that ignores positions and surrounding
/// whitespace: equal fingerprints mean the same declaration.
pub(crate) fn fingerprint(element: &XmlElement) -> u64 {
    fn feed(e: &XmlElement, h: &mut DefaultHasher) {
        e.ns.hash(h);
        e.local.hash(h);
        for a in &e.attributes {
            (&a.ns, &a.local, &a.value).hash(h);
        }
        e.namespaces.hash(h);
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
    fn positions_are_one_based_chars() {
        let index = LineIndex::new("ab\ncdé\nx");
        assert_eq!(index.pos(0), Pos { line: 1, col: 1 });
        assert_eq!(index.pos(3), Pos { line: 2, col: 1 });
        assert_eq!(index.pos(8), Pos { line: 3, col: 1 });
        assert_eq!(index.pos(7), Pos { line: 2, col: 4 });
    }
}
