//! Leaf text: plain leaves scanned without the tokenizer, text pieces joined,
//! values parsed and checked against their facets.

use std::borrow::Cow;

use xmlparser::Tokenizer;

use super::{At, Event, Fail, Reader, Scope, Start};
use crate::diag::DiagnosticKind;
use crate::error::{DecodeError, DecodeErrorKind, FacetError, ValueError};
use crate::value::SimpleType;
use crate::xml::escape::unescape;
use crate::xml::scan;

impl<'a> Reader<'a> {
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
    pub(super) fn text_value<T: SimpleType>(&mut self) -> Result<Result<T, ValueError>, Fail> {
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
    pub(super) fn nearest<T: SimpleType>(
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
    pub(super) fn check_received<T: SimpleType>(&self, value: &T) -> Result<(), FacetError> {
        value.check_facets()
    }

    /// Text content through the end tag (entity references resolved; borrowed when
    /// there are none), and the position of its first piece.
    #[inline]
    pub(super) fn read_text(&mut self) -> Result<(Cow<'a, str>, usize), Fail> {
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
    pub(super) fn scan_leaf(&mut self) -> Option<(Cow<'a, str>, usize)> {
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
    pub(super) fn text_piece(&self, cdata: bool) -> Result<Cow<'a, str>, Fail> {
        let text = self.text.as_str();
        if cdata {
            return Ok(Cow::Borrowed(text));
        }
        unescape(text, false).map_err(|e| self.fail(self.reference_error(e)))
    }

    /// The rest of [`Self::read_text`] from `event` on: more pieces (text split by
    /// comments or CDATA) are joined; a child element is an error.
    #[inline(never)]
    pub(super) fn read_text_rest(
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
}
