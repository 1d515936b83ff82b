//! The token pump: `xmlparser` tokens to reader events, start tags into frames,
//! namespace declarations in scope.

use std::collections::HashMap;
use std::sync::Arc;

use xmlparser::{ElementEnd, Token, Tokenizer};

use super::{is_ws, same, Event, Fail, Reader, Start};
use crate::diag::PathNode;
use crate::error::{DecodeError, DecodeErrorKind};
use crate::xml::{scan, XML_NAMESPACE, XSI_NAMESPACE};

#[derive(Debug)]
pub(super) struct Binding<'a> {
    pub(super) prefix: &'a str,
    pub(super) uri: &'a str,
    /// The binding of the same prefix this one shadows (index into `Bindings::list`).
    pub(super) prev: Option<u32>,
}

/// The namespace declarations in scope: a stack in document order, and (once
/// there are more than a few) a map from each prefix to its innermost binding
/// (each binding remembers the one it shadows, restored when its element
/// closes), so a lookup costs the same whatever the number of declarations.
#[derive(Debug, Default)]
pub(super) struct Bindings<'a> {
    pub(super) list: Vec<Binding<'a>>,
    pub(super) innermost: HashMap<&'a str, u32>,
    /// `innermost` (and each `prev`) is kept: the list grew past `SCAN` once.
    pub(super) indexed: bool,
}

impl<'a> Bindings<'a> {
    /// Below this many bindings a scan is cheaper than hashing the prefix.
    const SCAN: usize = 8;

    pub(super) fn len(&self) -> usize {
        self.list.len()
    }

    pub(super) fn push(&mut self, prefix: &'a str, uri: &'a str) {
        let index = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        let prev = if self.indexed {
            self.innermost.insert(prefix, index)
        } else {
            None
        };
        self.list.push(Binding { prefix, uri, prev });
        if !self.indexed && self.list.len() > Self::SCAN {
            self.indexed = true;
            for (i, b) in self.list.iter_mut().enumerate() {
                b.prev = self
                    .innermost
                    .insert(b.prefix, u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
    }

    /// Drops the bindings from `mark` on, innermost first.
    pub(super) fn truncate(&mut self, mark: usize) {
        while self.list.len() > mark {
            let Some(b) = self.list.pop() else { break };
            if !self.indexed {
                continue;
            }
            match b.prev {
                Some(prev) => {
                    self.innermost.insert(b.prefix, prev);
                }
                None => {
                    self.innermost.remove(b.prefix);
                }
            }
        }
    }

    /// The index of the innermost binding of `prefix`.
    #[inline]
    pub(super) fn find(&self, prefix: &str) -> Option<usize> {
        if self.list.len() <= Self::SCAN {
            return self.list.iter().rposition(|b| same(b.prefix, prefix));
        }
        self.innermost.get(prefix).map(|&i| i as usize)
    }

    /// The URI `prefix` is bound to (`None`: unbound, or bound to "" which undeclares it).
    pub(super) fn uri(&self, prefix: &str) -> Option<Option<&'a str>> {
        let b = self.list.get(self.find(prefix)?)?;
        Some(if b.uri.is_empty() { None } else { Some(b.uri) })
    }
}

#[derive(Debug)]
pub(super) struct Frame<'a> {
    pub(super) prefix: &'a str,
    pub(super) local: &'a str,
    pub(super) ns: Option<&'a str>,
    /// `ns.len()` before this element's own declarations.
    pub(super) ns_mark: usize,
    /// 1-based position among consecutive same-name siblings.
    pub(super) index: u32,
    /// Read into a list: the index is always shown in paths.
    pub(super) repeated: bool,
    pub(super) last_child: &'a str,
    pub(super) last_child_count: u32,
    /// The field `next_field` tries first (the one after the last match).
    pub(super) hint: usize,
    /// `Reader::firsts.len()` when the element opened: its children's entries lie above.
    pub(super) firsts_mark: usize,
    /// The element's node in diagnostic paths, made when a diagnostic first needs it.
    pub(super) node: Option<Arc<PathNode>>,
}

impl<'a> Reader<'a> {
    pub(super) fn pop_frame(&mut self) {
        self.pending_pop = false;
        if let Some(frame) = self.frames.pop() {
            self.ns.truncate(frame.ns_mark);
            self.firsts.truncate(frame.firsts_mark);
        }
    }

    #[inline(always)]
    pub(super) fn next_event(&mut self, skip_ws: bool) -> Result<Event, Fail> {
        if self.pending_pop {
            self.pop_frame();
        }
        if self.pending_end {
            self.pending_end = false;
            self.pending_pop = true;
            return Ok(Event::End);
        }
        loop {
            let token = match self.tokens.next() {
                Some(Ok(token)) => token,
                Some(Err(e)) => return Err(self.syntax_error(e).into()),
                None if self.frames.is_empty() => return Ok(Event::Eof),
                None => return Err(self.truncated().into()),
            };
            match token {
                Token::ElementStart {
                    prefix,
                    local,
                    span,
                } => {
                    self.start_element(prefix.as_str(), local.as_str(), span.start())?;
                    return Ok(Event::Start);
                }
                Token::ElementEnd {
                    end: ElementEnd::Close(prefix, local),
                    span,
                } => {
                    self.pos = span.start();
                    self.end_pos = span.end();
                    let Some(frame) = self.frames.last() else {
                        return Err(
                            self.fail(DecodeErrorKind::Syntax("end tag without start tag".into()))
                        );
                    };
                    if !same(frame.prefix, prefix.as_str()) || !same(frame.local, local.as_str()) {
                        return Err(Fail::from(self.mismatched(prefix.as_str(), local.as_str())));
                    }
                    self.pending_pop = true;
                    self.skip_spaces_after(span.end());
                    return Ok(Event::End);
                }
                Token::Text { text } => {
                    if skip_ws && is_ws(text.as_str()) {
                        continue;
                    }
                    self.pos = text.start();
                    self.text = text;
                    return Ok(Event::Text(false));
                }
                Token::Cdata { text, span } => {
                    self.pos = span.start();
                    self.text = text;
                    return Ok(Event::Text(true));
                }
                Token::Declaration { .. }
                | Token::ProcessingInstruction { .. }
                | Token::Comment { .. } => {}
                Token::DtdStart { span, .. }
                | Token::EmptyDtd { span, .. }
                | Token::EntityDeclaration { span, .. }
                | Token::DtdEnd { span } => {
                    self.pos = span.start();
                    return Err(self.fail(DecodeErrorKind::DtdForbidden));
                }
                Token::Attribute { span, .. } | Token::ElementEnd { span, .. } => {
                    self.pos = span.start();
                    return Err(self.fail(DecodeErrorKind::Syntax("unexpected token".into())));
                }
            }
        }
    }

    /// After an end tag: white space up to the next markup is element content
    /// the reader ignores, so it is skipped here rather than tokenized.
    #[inline]
    pub(super) fn skip_spaces_after(&mut self, end: usize) {
        if self.scan {
            let at = self.resume_at(end);
            if at > end {
                self.tokens = Tokenizer::from_fragment(self.src, at..self.src.len());
            }
        }
    }

    /// Where to tokenize on after an end tag at `end`: past white space followed by
    /// markup; other text is read (and reported) from its start.
    #[inline]
    pub(super) fn resume_at(&self, end: usize) -> usize {
        let src = self.src.as_bytes();
        let next = scan::skip_spaces(src, end);
        if src.get(next) == Some(&b'<') {
            next
        } else {
            end
        }
    }

    #[cold]
    #[inline(never)]
    pub(super) fn truncated(&mut self) -> DecodeError {
        self.pos = self.src.len();
        self.error(DecodeErrorKind::Truncated)
    }

    /// Reads the rest of a start tag (attributes) into `self.start` and opens its frame.
    pub(super) fn start_element(
        &mut self,
        prefix: &'a str,
        local: &'a str,
        pos: usize,
    ) -> Result<(), Fail> {
        self.pos = pos;
        let ns_mark = self.ns.len();
        self.prefixed.clear();
        let empty = loop {
            let token = match self.tokens.next() {
                Some(Ok(token)) => token,
                Some(Err(e)) => return Err(self.syntax_error(e).into()),
                None => return Err(self.truncated().into()),
            };
            match token {
                Token::Attribute {
                    prefix: p,
                    local: l,
                    value,
                    ..
                } => {
                    let (p, l) = (p.as_str(), l.as_str());
                    if p == "xmlns" || (p.is_empty() && l == "xmlns") {
                        let uri = value.as_str();
                        if uri.contains('&') {
                            return Err(self.fail(DecodeErrorKind::Syntax(
                                "character references in namespace names are not supported".into(),
                            )));
                        }
                        self.ns.push(if p.is_empty() { "" } else { l }, uri);
                    } else if !p.is_empty() {
                        self.prefixed.push((p, l, value.as_str()));
                    }
                }
                Token::ElementEnd {
                    end: ElementEnd::Open,
                    span,
                } => {
                    self.end_pos = span.end();
                    break false;
                }
                Token::ElementEnd {
                    end: ElementEnd::Empty,
                    span,
                } => {
                    self.end_pos = span.end();
                    break true;
                }
                _ => return Err(self.fail(DecodeErrorKind::Syntax("malformed start tag".into()))),
            }
        };
        self.pos = pos;
        if self.frames.len() >= self.opts.max_depth {
            return Err(self.fail(DecodeErrorKind::DepthLimit {
                limit: self.opts.max_depth,
            }));
        }
        self.elements += 1;
        if self.elements > self.opts.max_elements {
            return Err(self.fail(DecodeErrorKind::ElementLimit {
                limit: self.opts.max_elements,
            }));
        }
        // Without declarations of its own, a child with its parent's prefix has its namespace.
        let ns = match self.frames.last() {
            Some(parent) if self.ns.len() == ns_mark && same(parent.prefix, prefix) => parent.ns,
            _ => self.resolve(prefix)?,
        };
        let mut nil = false;
        for i in 0..self.prefixed.len() {
            let (p, l, raw) = self.prefixed[i];
            let attr_ns = self.resolve(p)?;
            if l == "nil" && attr_ns == Some(XSI_NAMESPACE) {
                nil = matches!(raw.trim(), "true" | "1");
            }
        }
        let index = match self.frames.last_mut() {
            Some(parent) => {
                if parent.last_child_count > 0 && same(parent.last_child, local) {
                    parent.last_child_count += 1;
                } else {
                    parent.last_child = local;
                    parent.last_child_count = 1;
                }
                parent.last_child_count
            }
            None => 1,
        };
        self.frames.push(Frame {
            prefix,
            local,
            ns,
            ns_mark,
            index,
            repeated: false,
            last_child: "",
            last_child_count: 0,
            hint: 0,
            firsts_mark: self.firsts.len(),
            node: None,
        });
        if empty {
            self.pending_end = true;
        }
        self.start = Start {
            ns,
            prefix,
            local,
            nil,
            pos,
        };
        Ok(())
    }

    pub(super) fn resolve(&self, prefix: &'a str) -> Result<Option<&'a str>, Fail> {
        if let Some(uri) = self.ns.uri(prefix) {
            return Ok(uri);
        }
        match prefix {
            "" => Ok(None),
            "xml" => Ok(Some(XML_NAMESPACE)),
            _ => Err(self.fail(DecodeErrorKind::UndeclaredPrefix(prefix.to_owned()))),
        }
    }

    #[cold]
    #[inline(never)]
    pub(super) fn syntax_error(&self, e: xmlparser::Error) -> DecodeError {
        let pos = e.pos();
        let kind = match e {
            xmlparser::Error::InvalidElement(xmlparser::StreamError::UnexpectedEndOfStream, _)
            | xmlparser::Error::InvalidAttribute(
                xmlparser::StreamError::UnexpectedEndOfStream,
                _,
            )
            | xmlparser::Error::InvalidComment(xmlparser::StreamError::UnexpectedEndOfStream, _)
            | xmlparser::Error::InvalidCdata(xmlparser::StreamError::UnexpectedEndOfStream, _)
            | xmlparser::Error::InvalidCharData(xmlparser::StreamError::UnexpectedEndOfStream, _) => {
                DecodeErrorKind::Truncated
            }
            xmlparser::Error::InvalidDoctype(..) | xmlparser::Error::InvalidEntity(..) => {
                DecodeErrorKind::DtdForbidden
            }
            other => DecodeErrorKind::Syntax(strip_positions(&other.to_string())),
        };
        DecodeError {
            kind,
            path: self.path(),
            line: pos.row,
            column: pos.col,
        }
    }
}

/// `xmlparser` messages carry their own positions ("invalid attribute at 1:5 cause
/// invalid space at 1:9"); the error carries the position already, so they go,
/// and "cause" becomes a colon.
pub(super) fn strip_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at ") {
        let after = &rest[i + 4..];
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let row = digits(after);
        let col = after[row..].strip_prefix(':').map_or(0, digits);
        out.push_str(&rest[..i]);
        if row > 0 && col > 0 {
            rest = &after[row + 1 + col..];
        } else {
            out.push_str(" at ");
            rest = after;
        }
    }
    out.push_str(rest);
    out.replace(" cause ", ": ")
}
