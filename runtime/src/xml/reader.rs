//! The streaming pull reader: `xmlparser` tokens in, namespaces resolved by URI,
//! element path and limits kept, values parsed straight from borrowed text.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use xmlparser::{ElementEnd, StrSpan, Token, Tokenizer};

use super::escape::{escape_into, unescape, BadReference};
use super::scan;
use super::{DecodeOptions, FieldName, FieldSlot, Wildcard, XML_NAMESPACE, XSI_NAMESPACE};
use crate::diag::{Diagnostic, DiagnosticKind, ElementName, Name, Path, PathNode};
use crate::error::{DecodeError, DecodeErrorKind, ValueError};
use crate::value::{Namespaces, QName, SimpleType};

mod xsi_type;
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

#[derive(Debug)]
struct Binding<'a> {
    prefix: &'a str,
    uri: &'a str,
    /// The binding of the same prefix this one shadows (index into `Bindings::list`).
    prev: Option<u32>,
}

/// The namespace declarations in scope: a stack in document order, and (once
/// there are more than a few) a map from each prefix to its innermost binding
/// (each binding remembers the one it shadows, restored when its element
/// closes), so a lookup costs the same whatever the number of declarations.
#[derive(Debug, Default)]
struct Bindings<'a> {
    list: Vec<Binding<'a>>,
    innermost: HashMap<&'a str, u32>,
    /// `innermost` (and each `prev`) is kept: the list grew past `SCAN` once.
    indexed: bool,
}

impl<'a> Bindings<'a> {
    /// Below this many bindings a scan is cheaper than hashing the prefix.
    const SCAN: usize = 8;

    fn len(&self) -> usize {
        self.list.len()
    }

    fn push(&mut self, prefix: &'a str, uri: &'a str) {
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
    fn truncate(&mut self, mark: usize) {
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
    fn find(&self, prefix: &str) -> Option<usize> {
        if self.list.len() <= Self::SCAN {
            return self.list.iter().rposition(|b| same(b.prefix, prefix));
        }
        self.innermost.get(prefix).map(|&i| i as usize)
    }

    /// The URI `prefix` is bound to (`None`: unbound, or bound to "" which undeclares it).
    fn uri(&self, prefix: &str) -> Option<Option<&'a str>> {
        let b = self.list.get(self.find(prefix)?)?;
        Some(if b.uri.is_empty() { None } else { Some(b.uri) })
    }
}

#[derive(Debug)]
struct Frame<'a> {
    prefix: &'a str,
    local: &'a str,
    ns: Option<&'a str>,
    /// `ns.len()` before this element's own declarations.
    ns_mark: usize,
    /// 1-based position among consecutive same-name siblings.
    index: u32,
    /// Read into a list: the index is always shown in paths.
    repeated: bool,
    last_child: &'a str,
    last_child_count: u32,
    /// The field `next_field` tries first (the one after the last match).
    hint: usize,
    /// `Reader::firsts.len()` when the element opened: its children's entries lie above.
    firsts_mark: usize,
    /// The element's node in diagnostic paths, made when a diagnostic first needs it.
    node: Option<Arc<PathNode>>,
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

    /// The next child element of the current element that matches one of `fields`
    /// (its index is returned). Unknown children are skipped and recorded; `None`
    /// at the current element's end tag.
    #[inline]
    pub fn next_field(
        &mut self,
        fields: &'static [FieldName],
    ) -> Result<Option<(usize, Start<'a>)>, DecodeError> {
        self.next_field_or_other(fields, &[])
    }

    /// [`next_field`](Self::next_field) for a type with `xs:any` wildcards: a child
    /// that matches no field but is admitted by `wildcards[i]` (the first that admits
    /// it) is returned with index `fields.len() + i` instead of being skipped.
    pub fn next_field_or_other(
        &mut self,
        fields: &'static [FieldName],
        wildcards: &'static [Wildcard],
    ) -> Result<Option<(usize, Start<'a>)>, DecodeError> {
        while self.next_child()? {
            if let Some(index) = self.match_field(fields) {
                self.matched = index;
                return Ok(Some((index, self.start.clone())));
            }
            let ns = self.start.ns;
            if let Some(i) = wildcards.iter().position(|w| w.admits(ns)) {
                self.matched = fields.len() + i;
                return Ok(Some((fields.len() + i, self.start.clone())));
            }
            self.skip_unknown()?;
        }
        Ok(None)
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

    /// A required field: the value, or (absent) the default and a
    /// `MissingRequired` diagnostic; an error in strict mode.
    pub fn required<T: Default>(
        &mut self,
        slot: Option<T>,
        parent: &Start<'_>,
        name: &'static str,
    ) -> Result<T, DecodeError> {
        let _ = parent;
        if let Some(value) = slot {
            return Ok(value);
        }
        if self.opts.strict {
            return Err(DecodeError {
                path: format!("{}/{name}", self.path()),
                ..self.error(DecodeErrorKind::MissingRequired(name.to_owned()))
            });
        }
        self.record(
            |_| DiagnosticKind::MissingRequired(Name::from_static(name)),
            At::Child(name),
        );
        Ok(T::default())
    }

    /// The attribute `name` in `ns` (`None` = unqualified) of `start`, parsed.
    pub fn attribute<T: SimpleType>(
        &mut self,
        start: &Start<'_>,
        ns: Option<&'static str>,
        name: &'static str,
    ) -> Result<Option<T>, DecodeError> {
        let Some((raw, first, second)) = self.find_attribute(start, ns, name) else {
            return Ok(None);
        };
        if let Some(second) = second {
            self.duplicate_attribute(name, first, second)?;
        }
        let text =
            unescape(raw, true).map_err(|e| self.attr_error(name, self.reference_error(e)))?;
        let value = match T::parse_text_in(&text, &Scope(&self.ns)) {
            Ok(value) => value,
            Err(e) => match self.nearest(&text, e, At::Attribute(name)) {
                Ok(value) => value,
                Err(e) if !self.opts.strict && e.is_out_of_range() => {
                    self.record(
                        |_| DiagnosticKind::OutOfRange {
                            error: e,
                            rounded: false,
                        },
                        At::Attribute(name),
                    );
                    return Ok(None);
                }
                Err(e) => return Err(self.attr_error(name, DecodeErrorKind::InvalidValue(e))),
            },
        };
        if let Err(e) = self.check_received(&value) {
            if self.opts.strict && !e.is_enumeration() {
                return Err(self.attr_error(name, DecodeErrorKind::Facet(e)));
            }
            self.record(|_| DiagnosticKind::Facet(e), At::Attribute(name));
        }
        Ok(Some(value))
    }

    /// The text content of the current element (simple types, simpleContent),
    /// parsed, through the end tag. Facet violations are errors in strict mode and
    /// diagnostics otherwise.
    pub fn text<T: SimpleType>(&mut self, start: &Start<'_>) -> Result<T, DecodeError> {
        let _ = start;
        match self.text_value()? {
            Ok(value) => Ok(value),
            Err(e) => Err(self.error(DecodeErrorKind::InvalidValue(e))),
        }
    }

    /// [`text`](Self::text) for an element that is a field: a value out of range
    /// of its Rust type with no nearest one leaves the element out (`None`, with a
    /// diagnostic) in lenient decoding.
    pub(crate) fn text_field<T: SimpleType>(&mut self) -> Result<Option<T>, DecodeError> {
        match self.text_value()? {
            Ok(value) => Ok(Some(value)),
            Err(e) if !self.opts.strict && e.is_out_of_range() => {
                self.diag(DiagnosticKind::OutOfRange {
                    error: e,
                    rounded: false,
                });
                Ok(None)
            }
            Err(e) => Err(self.error(DecodeErrorKind::InvalidValue(e))),
        }
    }

    /// The text through the end tag, parsed and checked; `Err` (inner, with
    /// `self.pos` at the text) for a text the type refuses. Lenient decoding takes
    /// the nearest value for an out-of-range one when there is one.
    #[inline]
    fn text_value<T: SimpleType>(&mut self) -> Result<Result<T, ValueError>, Fail> {
        let (text, text_pos) = self.read_text()?;
        let value = match T::parse_text_in(&text, &Scope(&self.ns)) {
            Ok(value) => value,
            Err(e) => {
                self.pos = text_pos;
                match self.nearest(&text, e, At::Here) {
                    Ok(value) => value,
                    Err(e) => return Ok(Err(e)),
                }
            }
        };
        if let Err(e) = self.check_received(&value) {
            self.pos = text_pos;
            if self.opts.strict && !e.is_enumeration() {
                return Err(self.fail(DecodeErrorKind::Facet(e)));
            }
            self.diag(DiagnosticKind::Facet(e));
        }
        Ok(Ok(value))
    }

    /// Lenient decoding of a value the type refused as out of range: the nearest
    /// value it holds, recorded; otherwise (or in strict mode) the error.
    #[cold]
    #[inline(never)]
    fn nearest<T: SimpleType>(
        &mut self,
        text: &str,
        e: ValueError,
        at: At,
    ) -> Result<T, ValueError> {
        if self.opts.strict || !e.is_out_of_range() {
            return Err(e);
        }
        let Some(value) = T::parse_nearest(text) else {
            return Err(e);
        };
        self.record(
            |_| DiagnosticKind::OutOfRange {
                error: e,
                rounded: true,
            },
            at,
        );
        Ok(value)
    }

    /// Every received value is checked against its facets: a violation is an error in
    /// strict mode and a diagnostic otherwise (an unlisted enumeration value is always
    /// a diagnostic: it decodes into `Unknown(..)`).
    #[inline]
    fn check_received<T: SimpleType>(&self, value: &T) -> Result<(), crate::error::FacetError> {
        value.check_facets()
    }

    /// The error for a child the caller cannot handle (e.g. a fault detail element it does not know).
    pub fn unexpected(&mut self, start: &Start<'_>) -> DecodeError {
        self.pos = start.pos;
        self.error(DecodeErrorKind::UnexpectedElement {
            found: start.qname_display(),
        })
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

    /// Records a diagnostic at the current element.
    pub fn diagnostic(&mut self, kind: DiagnosticKind) {
        self.diag(kind);
    }

    /// Records that `start` was skipped as unknown (its name is only formatted
    /// while diagnostics are still kept).
    pub fn unknown_element(&mut self, start: &Start<'a>) {
        self.pos = start.pos;
        let (ns, local) = (start.ns, start.local);
        self.record(|r| r.element_name(ns, local), At::Here);
    }

    /// An error of `kind` at the current element and token.
    #[cold]
    #[inline(never)]
    fn fail(&self, kind: DecodeErrorKind) -> Fail {
        Box::new(self.error(kind))
    }

    /// An error of `kind` at the current element and token.
    #[cold]
    #[inline(never)]
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        let (line, column) = self.locate(self.pos);
        DecodeError {
            kind,
            path: self.path(),
            line,
            column,
        }
    }

    /// An error of `kind` at the start tag `start`.
    #[cold]
    #[inline(never)]
    pub fn error_at(&mut self, start: &Start<'_>, kind: DecodeErrorKind) -> DecodeError {
        self.pos = start.pos;
        self.error(kind)
    }

    /// Marks the current element as item `index` (1-based) of a list: the index shows in paths.
    pub(crate) fn mark_repeated(&mut self, index: usize) {
        if let Some(frame) = self.frames.last_mut() {
            frame.repeated = true;
            frame.index = u32::try_from(index).unwrap_or(u32::MAX);
            frame.node = None;
        }
    }

    /// Notes that the current element fills a single-valued slot for the first
    /// time (its position names it when a duplicate follows).
    #[inline]
    pub(crate) fn first_of_field(&mut self, start: &Start<'_>) {
        self.firsts.push((self.matched, start.pos));
        if let Some(frame) = self.frames.last_mut() {
            frame.firsts_mark = self.firsts.len();
        }
    }

    /// A second attribute `name` (at byte `second`) where one is allowed: an error in
    /// strict mode, otherwise a diagnostic; the first (at `first`) is taken.
    #[cold]
    #[inline(never)]
    fn duplicate_attribute(
        &mut self,
        name: &'static str,
        first: usize,
        second: usize,
    ) -> Result<(), DecodeError> {
        let pos = std::mem::replace(&mut self.pos, second);
        if self.opts.strict {
            let (first_line, first_column) = self.locate(first);
            return Err(self.attr_error(
                name,
                DecodeErrorKind::Duplicate {
                    first_line,
                    first_column,
                },
            ));
        }
        self.record(
            |r| {
                let (first_line, first_column) = r.locate(first);
                DiagnosticKind::Duplicate {
                    first_line,
                    first_column,
                }
            },
            At::Attribute(name),
        );
        self.pos = pos;
        Ok(())
    }

    /// A second element for a filled single-valued slot: an error in strict mode;
    /// otherwise a diagnostic naming both positions, and the element is skipped
    /// (the first one stays: a later duplicate never silently replaces a value).
    #[cold]
    #[inline(never)]
    pub(crate) fn duplicate(&mut self, start: &Start<'_>) -> Result<(), DecodeError> {
        let mark = self
            .frames
            .len()
            .checked_sub(2)
            .and_then(|i| self.frames.get(i))
            .map_or(0, |parent| parent.firsts_mark);
        let field = self.matched;
        let first = self
            .firsts
            .get(mark..)
            .unwrap_or_default()
            .iter()
            .find(|(index, _)| *index == field)
            .map(|&(_, pos)| pos);
        self.pos = start.pos;
        let locate = move |r: &Self| first.map_or((0, 0), |pos| r.locate(pos));
        if self.opts.strict {
            let (first_line, first_column) = locate(self);
            return Err(self.error(DecodeErrorKind::Duplicate {
                first_line,
                first_column,
            }));
        }
        // Only a kept diagnostic locates the first occurrence.
        let kind = move |r: &mut Self| {
            let (first_line, first_column) = locate(r);
            DiagnosticKind::Duplicate {
                first_line,
                first_column,
            }
        };
        self.record(kind, At::Here);
        self.skip(start)
    }

    #[cold]
    #[inline(never)]
    fn mismatched(&self, prefix: &str, local: &str) -> DecodeError {
        let (expected_prefix, expected_local) =
            self.frames.last().map_or(("", ""), |f| (f.prefix, f.local));
        let expected = qualified(expected_prefix, expected_local);
        let found = qualified(prefix, local);
        self.error(DecodeErrorKind::MismatchedEndTag { expected, found })
    }

    #[cold]
    #[inline(never)]
    fn attr_error(&self, name: &str, kind: DecodeErrorKind) -> DecodeError {
        let mut e = self.error(kind);
        e.path = format!("{}/@{name}", e.path);
        e
    }

    fn reference_error(&self, e: BadReference) -> DecodeErrorKind {
        DecodeErrorKind::UnknownEntity(e.0)
    }

    #[cold]
    #[inline(never)]
    fn diag(&mut self, kind: DiagnosticKind) {
        self.record(|_| kind, At::Here);
    }

    /// Records a diagnostic at the current position; past [`MAX_DIAGNOSTICS`], or
    /// once what diagnostics keep would pass the size limit, one `Suppressed`
    /// entry ends them. `kind` is only called for a diagnostic that is kept. A
    /// diagnostic is a fixed record: names and path nodes are shared, each made
    /// once per message (names) or per element (nodes), and counted as retained.
    #[cold]
    #[inline(never)]
    fn record(&mut self, kind: impl FnOnce(&mut Self) -> DiagnosticKind, at: At) {
        if self.suppressed {
            return;
        }
        let kind = if self.diagnostics.len() < MAX_DIAGNOSTICS
            && self.keep(std::mem::size_of::<Diagnostic>())
        {
            kind(self)
        } else {
            self.suppressed = true;
            DiagnosticKind::Suppressed
        };
        let path = Path::new(self.path_node());
        let path = match at {
            At::Here => path,
            At::Child(name) => path.child(Name::from_static(name)),
            At::Attribute(name) => path.attribute(Name::from_static(name)),
        };
        let (line, column) = self.locate(self.pos);
        self.diagnostics.push(Diagnostic {
            kind,
            path,
            line,
            column,
        });
    }

    /// Counts `bytes` kept by diagnostics; false (nothing counted) when they would
    /// pass the size limit.
    fn keep(&mut self, bytes: usize) -> bool {
        let total = self.retained.saturating_add(bytes);
        if total > self.opts.max_size {
            return false;
        }
        self.retained = total;
        true
    }

    /// The path node of the current element, made (with those of its ancestors
    /// that have none yet) on first use.
    fn path_node(&mut self) -> Option<Arc<PathNode>> {
        let have = self
            .frames
            .iter()
            .rposition(|f| f.node.is_some())
            .map_or(0, |i| i + 1);
        let mut parent = have
            .checked_sub(1)
            .and_then(|i| self.frames[i].node.clone());
        for i in have..self.frames.len() {
            let (local, index, repeated) = {
                let f = &self.frames[i];
                (f.local, f.index, f.repeated)
            };
            let name = self.local_name(local);
            self.keep(std::mem::size_of::<PathNode>() + 16);
            let node = Arc::new(PathNode {
                parent,
                name,
                index: if repeated || index > 1 { index } else { 0 },
            });
            self.frames[i].node = Some(Arc::clone(&node));
            parent = Some(node);
        }
        parent
    }

    /// The shared copy of local name `local` (one per distinct name; the first
    /// few are found by a scan, which costs less than hashing).
    fn local_name(&mut self, local: &'a str) -> Name {
        const SCAN: usize = 32;
        if let Some((_, name)) = self.locals.iter().find(|(l, _)| same(l, local)) {
            return name.clone();
        }
        if let Some(name) = self.more_locals.get(local) {
            return name.clone();
        }
        self.keep(local.len());
        let name = Name::shared(local);
        if self.locals.len() < SCAN {
            self.locals.push((local, name.clone()));
        } else {
            self.more_locals.insert(local, name.clone());
        }
        name
    }

    /// The shared copy of namespace `ns`, a URI of a declaration in the input (one
    /// per declaration, found by its address: a long URI is not hashed per use).
    fn namespace_name(&mut self, ns: &'a str) -> Name {
        if let Some(name) = self.namespaces.get(&(ns.as_ptr() as usize)) {
            if name.len() == ns.len() {
                return name.clone();
            }
        }
        self.keep(ns.len());
        let name = Name::shared(ns);
        self.namespaces.insert(ns.as_ptr() as usize, name.clone());
        name
    }

    /// An `UnknownElement` diagnostic for `{ns}local`, with shared names.
    fn element_name(&mut self, ns: Option<&'a str>, local: &'a str) -> DiagnosticKind {
        let namespace = match ns {
            Some(XML_NAMESPACE) => Some(Name::from_static(XML_NAMESPACE)),
            Some(ns) => Some(self.namespace_name(ns)),
            None => None,
        };
        DiagnosticKind::UnknownElement(ElementName {
            namespace,
            local: self.local_name(local),
        })
    }

    /// 1-based line and column of byte offset `pos`, counted on from the nearest
    /// position located before (diagnostics come almost in document order, so the
    /// whole input is counted about once).
    fn locate(&self, pos: usize) -> (u32, u32) {
        /// Enough for every kept diagnostic and the first occurrence it names.
        const MARKS: usize = 4 * MAX_DIAGNOSTICS;
        let pos = pos.min(self.src.len());
        let mut marks = self.located.borrow_mut();
        let after = marks.partition_point(|m| m.0 <= pos);
        let (at, mut line, mut column) = after
            .checked_sub(1)
            .and_then(|i| marks.get(i).copied())
            .unwrap_or((0, 1, 1));
        let Some(span) = self.src.get(at..pos) else {
            return (line, column);
        };
        let newlines = count_newlines(span.as_bytes());
        let count = |s: &str| u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
        match span.rfind('\n') {
            None => column = column.saturating_add(count(span)),
            Some(last) => {
                line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
                column = 1 + count(&span[last + 1..]);
            }
        }
        if at < pos && marks.len() < MARKS {
            marks.insert(after, (pos, line, column));
        }
        (line, column)
    }

    /// The element path, e.g. `Envelope/Body/getPaymentResponse/return/paymentDiffs[2]`.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for (i, frame) in self.frames.iter().enumerate() {
            if i > 0 {
                path.push('/');
            }
            path.push_str(frame.local);
            if frame.repeated || frame.index > 1 {
                path.push('[');
                path.push_str(&frame.index.to_string());
                path.push(']');
            }
        }
        path
    }

    /// The raw value of attribute `name` in `ns` of `start` (unqualified attributes
    /// also match a qualified request).
    /// Also the position of the first, and of a second one that matches as well.
    fn find_attribute(
        &self,
        start: &Start<'_>,
        ns: Option<&str>,
        name: &str,
    ) -> Option<(&'a str, usize, Option<usize>)> {
        // Attributes are read again from the start tag: they are rare, and not keeping
        // them makes every other element cheaper.
        self.src.get(start.pos..)?;
        let mut found = None;
        for token in Tokenizer::from_fragment(self.src, start.pos..self.src.len()) {
            match token {
                Ok(Token::Attribute {
                    prefix,
                    local,
                    value,
                    span,
                }) => {
                    let (p, l) = (prefix.as_str(), local.as_str());
                    if !same(l, name) || p == "xmlns" {
                        continue;
                    }
                    let scope = Scope(&self.ns);
                    let attr_ns = if p.is_empty() { None } else { scope.resolve(p) };
                    if same_ns(attr_ns, ns) || (ns.is_some() && attr_ns.is_none()) {
                        match found {
                            None => found = Some((value.as_str(), span.start())),
                            Some((first, at)) => return Some((first, at, Some(span.start()))),
                        }
                    }
                }
                Ok(Token::ElementStart { .. }) => {}
                _ => break,
            }
        }
        found.map(|(value, at)| (value, at, None))
    }

    #[cold]
    #[inline(never)]
    fn skip_unknown(&mut self) -> Result<(), DecodeError> {
        self.pos = self.start.pos;
        let (ns, local) = (self.start.ns, self.start.local);
        self.record(|r| r.element_name(ns, local), At::Here);
        let start = self.start.clone();
        self.skip(&start)
    }

    /// The index of the field named like `self.start`: the field after the last
    /// match is tried first (sequences), then the last match again (lists), then all.
    fn match_field(&mut self, fields: &[FieldName]) -> Option<usize> {
        let parent_at = self.frames.len().checked_sub(2)?;
        let (hint, parent_ns) = {
            let parent = &self.frames[parent_at];
            (parent.hint, parent.ns)
        };
        let start = &self.start;
        let matches = |field: &FieldName| {
            same(field.name, start.local)
                && match (field.ns, start.ns) {
                    (None, None) | (Some(_), None) => true,
                    (Some(want), Some(got)) => same(want, got),
                    (None, Some(got)) => same_ns(parent_ns, Some(got)),
                }
        };
        let found = [hint, hint.wrapping_sub(1)]
            .into_iter()
            .find(|&i| fields.get(i).is_some_and(matches))
            .or_else(|| fields.iter().position(matches))?;
        self.frames[parent_at].hint = found + 1;
        Some(found)
    }

    /// Text content through the end tag (entity references resolved; borrowed when
    /// there are none), and the position of its first piece.
    #[inline]
    fn read_text(&mut self) -> Result<(Cow<'a, str>, usize), Fail> {
        if let Some(found) = self.scan_leaf() {
            return Ok(found);
        }
        // One text token and the end tag, without the general loop.
        let after_start_tag = self.end_pos;
        let event = self.next_event(false)?;
        let Event::Text(cdata) = event else {
            return self.read_text_rest(None, after_start_tag, event);
        };
        let first = self.text.start();
        let piece = self.text_piece(cdata)?;
        match self.next_event(false)? {
            Event::End => Ok((piece, first)),
            event => self.read_text_rest(Some(piece), first, event),
        }
    }

    /// The plain leaf, `text</name>` right after the start tag, read without the
    /// tokenizer (see [`scan`](super::scan)), which then resumes at the next markup.
    /// `None`, nothing read, for any other shape.
    #[inline]
    fn scan_leaf(&mut self) -> Option<(Cow<'a, str>, usize)> {
        if self.pending_end || !self.scan {
            return None;
        }
        let src = self.src.as_bytes();
        let from = self.end_pos;
        let (text_end, escapes) = scan::char_data(src, from)?;
        let frame = self.frames.last()?;
        let end = scan::end_tag(src, text_end, frame.prefix, frame.local)?;
        let raw = self.src.get(from..text_end)?;
        let text = if escapes {
            unescape(raw, false).ok()?
        } else {
            Cow::Borrowed(raw)
        };
        self.pos = text_end;
        self.end_pos = end;
        self.pending_pop = true;
        self.tokens = Tokenizer::from_fragment(self.src, self.resume_at(end)..self.src.len());
        Some((text, from))
    }

    /// The current text token, references resolved (CDATA as is).
    #[inline]
    fn text_piece(&self, cdata: bool) -> Result<Cow<'a, str>, Fail> {
        let text = self.text.as_str();
        if cdata {
            return Ok(Cow::Borrowed(text));
        }
        unescape(text, false).map_err(|e| self.fail(self.reference_error(e)))
    }

    /// The rest of [`Self::read_text`] from `event` on: more pieces (text split by
    /// comments or CDATA) are joined; a child element is an error.
    #[inline(never)]
    fn read_text_rest(
        &mut self,
        mut acc: Option<Cow<'a, str>>,
        mut first: usize,
        mut event: Event,
    ) -> Result<(Cow<'a, str>, usize), Fail> {
        loop {
            match event {
                Event::Text(cdata) => {
                    let start = self.text.start();
                    let piece = self.text_piece(cdata)?;
                    acc = Some(match acc {
                        None => {
                            first = start;
                            piece
                        }
                        Some(prev) => Cow::Owned(prev.into_owned() + &piece),
                    });
                }
                Event::Start => {
                    self.pos = self.start.pos;
                    let found = self.start.qname_display();
                    return Err(self.fail(DecodeErrorKind::UnexpectedElement { found }));
                }
                Event::End => return Ok((acc.unwrap_or(Cow::Borrowed("")), first)),
                Event::Eof => return Err(self.fail(DecodeErrorKind::Truncated)),
            }
            event = self.next_event(false)?;
        }
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

    fn pop_frame(&mut self) {
        self.pending_pop = false;
        if let Some(frame) = self.frames.pop() {
            self.ns.truncate(frame.ns_mark);
            self.firsts.truncate(frame.firsts_mark);
        }
    }

    #[inline(always)]
    fn next_event(&mut self, skip_ws: bool) -> Result<Event, Fail> {
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
    fn skip_spaces_after(&mut self, end: usize) {
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
    fn resume_at(&self, end: usize) -> usize {
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
    fn truncated(&mut self) -> DecodeError {
        self.pos = self.src.len();
        self.error(DecodeErrorKind::Truncated)
    }

    /// Reads the rest of a start tag (attributes) into `self.start` and opens its frame.
    fn start_element(&mut self, prefix: &'a str, local: &'a str, pos: usize) -> Result<(), Fail> {
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

    fn resolve(&self, prefix: &'a str) -> Result<Option<&'a str>, Fail> {
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
    fn syntax_error(&self, e: xmlparser::Error) -> DecodeError {
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
fn strip_positions(message: &str) -> String {
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

/// String equality without a `memcmp` call: names are short, and the call (and
/// its vector setup) costs more than the comparison.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && (std::ptr::eq(a, b) || a.iter().zip(b).all(|(x, y)| x == y))
}

#[inline]
fn same_ns(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same(a, b),
        _ => false,
    }
}

fn qualified(prefix: &str, local: &str) -> String {
    if prefix.is_empty() {
        local.to_owned()
    } else {
        format!("{prefix}:{local}")
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

/// The number of `\n` bytes. Counted in byte-sized lanes per chunk (a chunk of
/// 255 bytes cannot overflow one), which the compiler vectorizes.
fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let lanes: u8 = chunk.iter().map(|&b| u8::from(b == b'\n')).sum();
            usize::from(lanes)
        })
        .sum()
}

/// 1-based line and column (in characters) of byte offset `pos`.
fn line_col(src: &str, pos: usize) -> (u32, u32) {
    let mut pos = pos.min(src.len());
    while !src.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &src[..pos];
    let line = count_newlines(before.as_bytes()) + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

#[cfg(test)]
mod scan_equivalence;

#[cfg(test)]
mod tests {
    use super::{count_newlines, line_col, strip_positions};

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
