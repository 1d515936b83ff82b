//! Field matching: children to the fields of a type, unknown children skipped,
//! required fields, attributes, duplicates of single-valued ones.

use xmlparser::{Token, Tokenizer};

use super::{same, same_ns, At, Reader, Scope, Start};
use crate::diag::{DiagnosticKind, Name};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::value::{Namespaces, SimpleType};
use crate::xml::escape::unescape;
use crate::xml::{FieldName, Wildcard};

impl<'a> Reader<'a> {
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

    /// The index of the field named like `self.start`: the field after the last
    /// match is tried first (sequences), then the last match again (lists), then all.
    pub(super) fn match_field(&mut self, fields: &[FieldName]) -> Option<usize> {
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

    #[cold]
    #[inline(never)]
    pub(super) fn skip_unknown(&mut self) -> Result<(), DecodeError> {
        self.pos = self.start.pos;
        let (ns, local) = (self.start.ns, self.start.local);
        self.record(|r| r.element_name(ns, local), At::Here);
        let start = self.start.clone();
        self.skip(&start)
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

    /// The raw value of attribute `name` in `ns` of `start` (unqualified attributes
    /// also match a qualified request).
    /// Also the position of the first, and of a second one that matches as well.
    pub(super) fn find_attribute(
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

    /// A second attribute `name` (at byte `second`) where one is allowed: an error in
    /// strict mode, otherwise a diagnostic; the first (at `first`) is taken.
    #[cold]
    #[inline(never)]
    pub(super) fn duplicate_attribute(
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
}
