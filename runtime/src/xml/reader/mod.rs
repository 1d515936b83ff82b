//! The streaming pull reader: `xmlparser` tokens in, namespaces resolved by URI,
//! element path and limits kept, values parsed straight from borrowed text.

use std::collections::HashMap;

use xmlparser::{StrSpan, Tokenizer};

use super::escape::escape_into;
use super::{DecodeOptions, FieldSlot, XML_NAMESPACE};
use crate::diag::{Diagnostic, DiagnosticKind, Name};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::value::{Namespaces, QName};

mod diagnostics;
mod fields;
mod leaf;
mod pump;
mod xsi_type;

use diagnostics::line_col;
use pump::{Bindings, Frame};
pub use xsi_type::XsiType;

/// Errors inside the reader are boxed: the hot functions' results then fit in registers.
type Fail = Box<DecodeError>;

/// At most this many diagnostics are kept per message (then one `Suppressed`).
pub const MAX_DIAGNOSTICS: usize = 1000;

/// A start tag: its resolved namespace, local name, attributes and position.
#[derive(Debug, Clone)]
pub struct Start<'a> {
    ns: Option<&'a str>,
    prefix: &'a str,
    local: &'a str,
    nil: bool,
    pos: usize,
}

impl<'a> Start<'a> {
    /// The namespace URI (`None` = no namespace).
    pub fn namespace(&self) -> Option<&'a str> {
        self.ns
    }
    /// The local name.
    pub fn local_name(&self) -> &'a str {
        self.local
    }
    /// True if this is `name` in `ns`.
    pub fn is(&self, ns: Option<&str>, name: &str) -> bool {
        same(self.local, name) && same_ns(self.ns, ns)
    }
    /// True if the element carries `xsi:nil="true"`.
    pub fn is_nil(&self) -> bool {
        self.nil
    }
    /// The name as a [`QName`].
    pub fn qname(&self) -> QName {
        QName {
            namespace: self.ns.map(str::to_owned),
            local: self.local.to_owned(),
        }
    }
    /// `{namespace}local` (or `local`), for messages.
    pub fn qname_display(&self) -> String {
        self.qname().to_string()
    }
}

/// Where a diagnostic is, relative to the current element.
#[derive(Clone, Copy)]
enum At {
    Here,
    Child(&'static str),
    Attribute(&'static str),
}

/// What `next_event` read. A start tag's data is left in `Reader::start`
/// (moving it through every layer costs more than the rest of the work).
enum Event {
    Start,
    End,
    /// Text or CDATA (true); the text is in `Reader::text`.
    Text(bool),
    Eof,
}

/// The namespace declarations of a reader, for [`SimpleType::parse_text_in`].
struct Scope<'r, 'a>(&'r Bindings<'a>);

impl Namespaces for Scope<'_, '_> {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NAMESPACE);
        }
        self.0.uri(prefix).flatten()
    }
}

/// A streaming pull reader over one XML document (generated `read` functions drive it).
///
/// Namespaces are matched by URI; the element path, the byte position and the
/// limits of [`DecodeOptions`] are kept as it goes; what it tolerates is
/// recorded as [`Diagnostic`]s.
#[derive(Debug)]
pub struct Reader<'a> {
    src: &'a str,
    tokens: Tokenizer<'a>,
    opts: DecodeOptions,
    ns: Bindings<'a>,
    frames: Vec<Frame<'a>>,
    /// An empty-element tag was read: the next event is its end.
    pending_end: bool,
    /// The top frame's end was read: pop it before the next event.
    pending_pop: bool,
    /// Byte offset of the current token (for errors).
    pos: usize,
    /// Byte offset just past the current token.
    end_pos: usize,
    elements: usize,
    /// Bytes of the input kept as raw XML so far (counted against `max_size`).
    retained: usize,
    diagnostics: Vec<Diagnostic>,
    /// Diagnostics stopped (the count cap or the size limit was reached).
    suppressed: bool,
    /// Names kept by diagnostics: local names by their text, namespaces by the
    /// declaration they come from (a long URI is hashed once, not per mention).
    locals: Vec<(&'a str, Name)>,
    more_locals: HashMap<&'a str, Name>,
    namespaces: HashMap<usize, Name>,
    /// The field index the last child matched (`next_field_or_other`).
    matched: usize,
    /// First occurrences of single-valued fields of the open elements: (field index,
    /// byte offset), a stack in document order (see `Frame::firsts_mark`).
    firsts: Vec<(usize, usize)>,
    /// The text `next_event` read last.
    text: StrSpan<'a>,
    /// Positions `locate` computed (byte offset, line, column), in offset order:
    /// each is counted on from the nearest one before it.
    located: std::cell::RefCell<Vec<(usize, u32, u32)>>,
    /// The start tag `next_event` read last.
    start: Start<'a>,
    /// Prefixed attributes of the tag being read (reused buffer).
    prefixed: Vec<(&'a str, &'a str, &'a str)>,
    /// Plain leaves and the white space after end tags are scanned without the
    /// tokenizer (off only in tests that compare both ways).
    scan: bool,
}

impl<'a> Reader<'a> {
    /// A reader over `xml` (UTF-8, an optional BOM). Checks the size limit and the encoding.
    pub fn new(xml: &'a [u8], opts: &DecodeOptions) -> Result<Self, DecodeError> {
        let bare = |kind| DecodeError {
            kind,
            path: String::new(),
            line: 0,
            column: 0,
        };
        if xml.len() > opts.max_size {
            return Err(bare(DecodeErrorKind::SizeLimit {
                limit: opts.max_size,
                size: xml.len(),
            }));
        }
        let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
        let src = std::str::from_utf8(xml).map_err(|e| {
            let valid = std::str::from_utf8(&xml[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = line_col(valid, valid.len());
            DecodeError {
                line,
                column,
                ..bare(DecodeErrorKind::InvalidUtf8)
            }
        })?;
        Ok(Self {
            src,
            tokens: Tokenizer::from(src),
            opts: opts.clone(),
            ns: Bindings::default(),
            // Under 1 KiB: a larger first allocation makes glibc consolidate its free lists on every decode.
            frames: Vec::with_capacity(8),
            pending_end: false,
            pending_pop: false,
            pos: 0,
            end_pos: 0,
            elements: 0,
            retained: 0,
            diagnostics: Vec::new(),
            suppressed: false,
            locals: Vec::new(),
            more_locals: HashMap::new(),
            namespaces: HashMap::new(),
            matched: 0,
            firsts: Vec::with_capacity(16),
            start: Start {
                ns: None,
                prefix: "",
                local: "",
                nil: false,
                pos: 0,
            },
            prefixed: Vec::new(),
            scan: true,
            located: std::cell::RefCell::new(Vec::new()),
            text: StrSpan::from(""),
        })
    }

    /// Turns the tokenizer-free scanning of plain leaves off, for tests comparing both ways.
    #[cfg(test)]
    pub(crate) fn without_scan(mut self) -> Self {
        self.scan = false;
        self
    }

    /// The options this reader applies.
    pub fn options(&self) -> &DecodeOptions {
        &self.opts
    }

    /// The diagnostics recorded so far.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The diagnostics, taking the reader.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// Reads up to the root element's start tag.
    pub fn root(&mut self) -> Result<Start<'a>, DecodeError> {
        loop {
            match self.next_event(true)? {
                Event::Start => return Ok(self.start.clone()),
                Event::Text(..) => {}
                Event::End | Event::Eof => {
                    self.pos = self.src.len();
                    return Err(self.error(DecodeErrorKind::Truncated));
                }
            }
        }
    }

    /// Checks that nothing but comments and whitespace follows the root element.
    pub fn finish(&mut self) -> Result<(), DecodeError> {
        if self.pending_pop {
            self.pop_frame();
        }
        // Whether or not leaves were scanned (which resumes the tokenizer in fragment
        // mode), what follows the root is tokenized the same way.
        let at = self.tokens.stream().pos();
        self.tokens = Tokenizer::from_fragment(self.src, at..self.src.len());
        loop {
            match self.next_event(true)? {
                Event::Eof => return Ok(()),
                Event::Text(false) if is_ws(self.text.as_str()) => {}
                Event::Start | Event::End | Event::Text(..) => {
                    return Err(self.error(DecodeErrorKind::Syntax(
                        "content after the root element".into(),
                    )))
                }
            }
        }
    }

    /// The next child element of the current element, whatever its name; `None`
    /// at the current element's end tag. Text between elements is ignored (and
    /// recorded when it is not whitespace).
    pub fn next_element(&mut self) -> Result<Option<Start<'a>>, DecodeError> {
        Ok(if self.next_child()? {
            Some(self.start.clone())
        } else {
            None
        })
    }

    /// Reads to the next child start tag (true; its data in `self.start`) or the end tag (false).
    #[inline]
    fn next_child(&mut self) -> Result<bool, Fail> {
        loop {
            match self.next_event(true)? {
                Event::Start => return Ok(true),
                Event::Text(cdata) => {
                    if cdata || !is_ws(self.text.as_str()) {
                        self.diag(DiagnosticKind::UnexpectedText);
                    }
                }
                Event::End | Event::Eof => return Ok(false),
            }
        }
    }

    /// Reads a child into its slot: `Option<T>` (set), `Vec<T>` (push),
    /// `Option<Nillable<T>>` (`xsi:nil` aware), `Option<Box<T>>`...
    pub fn read_into<K, S: FieldSlot<K>>(
        &mut self,
        slot: &mut S,
        start: &Start<'_>,
    ) -> Result<(), DecodeError> {
        slot.read_slot(self, start)
    }

    /// Skips the rest of the current element, through its end tag.
    pub fn skip(&mut self, start: &Start<'_>) -> Result<(), DecodeError> {
        let _ = start;
        let depth = self.frames.len();
        loop {
            match self.next_event(true)? {
                Event::End if self.frames.len() == depth => return Ok(()),
                Event::Eof => return Err(self.error(DecodeErrorKind::Truncated)),
                _ => {}
            }
        }
    }

    /// Reads the current element as raw XML, start tag to end tag, with the outer
    /// namespace declarations it may rely on (the default namespace, prefixes its
    /// text mentions) added to its start tag.
    pub fn raw_element(&mut self, start: &Start<'_>) -> Result<String, DecodeError> {
        let mark = self.frames.last().map_or(0, |f| f.ns_mark);
        self.skip(start)?;
        let raw = self.src.get(start.pos..self.end_pos).unwrap_or_default();
        let name_end =
            1 + start.prefix.len() + usize::from(!start.prefix.is_empty()) + start.local.len();
        let (head, tail) = raw.split_at(name_end.min(raw.len()));
        let mut out = String::with_capacity(raw.len() + 64);
        out.push_str(head);
        // Only what the text may refer to: the default namespace and the prefixes it
        // mentions, as bound outside the element (unless it rebinds them), in
        // declaration order.
        let mut seen = std::collections::HashSet::new();
        let mut used: Vec<usize> = std::iter::once("")
            .chain(mentioned_prefixes(raw))
            .filter(|prefix| seen.insert(*prefix))
            .filter(|prefix| self.ns.find(prefix).is_some_and(|i| i < mark))
            .filter_map(|prefix| self.ns.find(prefix))
            .collect();
        used.sort_unstable();
        for b in used.iter().filter_map(|&i| self.ns.list.get(i)) {
            out.push_str(" xmlns");
            if !b.prefix.is_empty() {
                out.push(':');
                out.push_str(b.prefix);
            }
            out.push_str("=\"");
            escape_into(&mut out, b.uri, true);
            out.push('"');
        }
        self.retain(out.len() + tail.len())?;
        out.push_str(tail);
        Ok(out)
    }

    /// The error for a child the caller cannot handle (e.g. a fault detail element it does not know).
    pub fn unexpected(&mut self, start: &Start<'_>) -> DecodeError {
        self.pos = start.pos;
        self.error(DecodeErrorKind::UnexpectedElement {
            found: start.qname_display(),
        })
    }

    /// Counts `bytes` more kept from the input (raw XML) against the size limit:
    /// what a message makes the decoder keep may not exceed what it may send.
    fn retain(&mut self, bytes: usize) -> Result<(), DecodeError> {
        self.retained = self.retained.saturating_add(bytes);
        if self.retained > self.opts.max_size {
            return Err(self.error(DecodeErrorKind::RetainedLimit {
                limit: self.opts.max_size,
            }));
        }
        Ok(())
    }
}

/// String equality without a `memcmp` call: names are short, and the call (and
/// its vector setup) costs more than the comparison.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && (std::ptr::eq(a, b) || a.iter().zip(b).all(|(x, y)| x == y))
}

#[inline]
pub(super) fn same_ns(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same(a, b),
        _ => false,
    }
}

/// The names before a `:` in `raw` (candidate prefixes of tags, attributes and
/// QName values), in order, with repeats.
fn mentioned_prefixes(raw: &str) -> impl Iterator<Item = &str> {
    let name_byte =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.') || b >= 0x80;
    let bytes = raw.as_bytes();
    raw.match_indices(':').filter_map(move |(colon, _)| {
        let start = bytes[..colon]
            .iter()
            .rposition(|&b| !name_byte(b))
            .map_or(0, |i| i + 1);
        raw.get(start..colon).filter(|p| !p.is_empty())
    })
}

fn is_ws(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

#[cfg(test)]
mod scan_equivalence;

#[cfg(test)]
mod tests {
    use super::diagnostics::{count_newlines, line_col};
    use super::pump::strip_positions;

    #[test]
    fn tokenizer_positions_leave_the_message() {
        assert_eq!(strip_positions("unknown token at 2:1"), "unknown token");
        assert_eq!(
            strip_positions("invalid attribute at 1:5 cause invalid space at 1:9"),
            "invalid attribute: invalid space"
        );
        assert_eq!(strip_positions("look at this"), "look at this");
    }

    #[test]
    fn shadowed_prefixes_come_back_once_the_bindings_are_indexed() {
        // `b` declares more than `Bindings::SCAN` prefixes (the map takes over
        // while it is open) and rebinds `p`; after it closes `p` is `u1` again.
        let many: String = (0..10).map(|i| format!(" xmlns:q{i}=\"x{i}\"")).collect();
        let xml = format!("<a xmlns:p=\"u1\"><b{many} xmlns:p=\"u2\"><p:c/><q9:e/></b><p:d/></a>");
        let opts = crate::xml::DecodeOptions::default();
        let mut r = super::Reader::new(xml.as_bytes(), &opts).unwrap();
        let a = r.root().unwrap();
        let b = r.next_element().unwrap().unwrap();
        let c = r.next_element().unwrap().unwrap();
        assert_eq!(c.namespace(), Some("u2"));
        r.skip(&c).unwrap();
        let e = r.next_element().unwrap().unwrap();
        assert_eq!(e.namespace(), Some("x9"));
        r.skip(&e).unwrap();
        assert!(r.next_element().unwrap().is_none());
        let d = r.next_element().unwrap().unwrap();
        assert_eq!(d.namespace(), Some("u1"));
        r.skip(&d).unwrap();
        assert!(r.next_element().unwrap().is_none());
        let _ = (a, b);
        r.finish().unwrap();
    }

    #[test]
    fn newlines_are_counted_past_a_chunk() {
        let text = "ab\n".repeat(300) + "é\nxyz";
        assert_eq!(count_newlines(text.as_bytes()), 301);
        assert_eq!(count_newlines(&[b'\n'; 255]), 255);
        assert_eq!(line_col(&text, text.len()), (302, 4));
    }
}
