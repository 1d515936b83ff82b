//! Located diagnostics and errors: paths, shared names, line and column.

use std::sync::Arc;

use super::{same, At, Fail, Reader, Start, MAX_DIAGNOSTICS};
use crate::diag::{Diagnostic, DiagnosticKind, ElementName, Name, Path, PathNode};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::xml::escape::BadReference;
use crate::xml::XML_NAMESPACE;

impl<'a> Reader<'a> {
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
    pub(super) fn fail(&self, kind: DecodeErrorKind) -> Fail {
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

    #[cold]
    #[inline(never)]
    pub(super) fn attr_error(&self, name: &str, kind: DecodeErrorKind) -> DecodeError {
        let mut e = self.error(kind);
        e.path = format!("{}/@{name}", e.path);
        e
    }

    pub(super) fn reference_error(&self, e: BadReference) -> DecodeErrorKind {
        DecodeErrorKind::UnknownEntity(e.0)
    }

    #[cold]
    #[inline(never)]
    pub(super) fn mismatched(&self, prefix: &str, local: &str) -> DecodeError {
        let (expected_prefix, expected_local) =
            self.frames.last().map_or(("", ""), |f| (f.prefix, f.local));
        let expected = qualified(expected_prefix, expected_local);
        let found = qualified(prefix, local);
        self.error(DecodeErrorKind::MismatchedEndTag { expected, found })
    }

    #[cold]
    #[inline(never)]
    pub(super) fn diag(&mut self, kind: DiagnosticKind) {
        self.record(|_| kind, At::Here);
    }

    /// Records a diagnostic at the current position; past [`MAX_DIAGNOSTICS`], or
    /// once what diagnostics keep would pass the size limit, one `Suppressed`
    /// entry ends them. `kind` is only called for a diagnostic that is kept. A
    /// diagnostic is a fixed record: names and path nodes are shared, each made
    /// once per message (names) or per element (nodes), and counted as retained.
    #[cold]
    #[inline(never)]
    pub(super) fn record(&mut self, kind: impl FnOnce(&mut Self) -> DiagnosticKind, at: At) {
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
    pub(super) fn keep(&mut self, bytes: usize) -> bool {
        let total = self.retained.saturating_add(bytes);
        if total > self.opts.max_size {
            return false;
        }
        self.retained = total;
        true
    }

    /// The path node of the current element, made (with those of its ancestors
    /// that have none yet) on first use.
    pub(super) fn path_node(&mut self) -> Option<Arc<PathNode>> {
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
    pub(super) fn local_name(&mut self, local: &'a str) -> Name {
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
    pub(super) fn namespace_name(&mut self, ns: &'a str) -> Name {
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
    pub(super) fn element_name(&mut self, ns: Option<&'a str>, local: &'a str) -> DiagnosticKind {
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
    pub(super) fn locate(&self, pos: usize) -> (u32, u32) {
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
}

pub(super) fn qualified(prefix: &str, local: &str) -> String {
    if prefix.is_empty() {
        local.to_owned()
    } else {
        format!("{prefix}:{local}")
    }
}

/// The number of `\n` bytes. Counted in byte-sized lanes per chunk (a chunk of
/// 255 bytes cannot overflow one), which the compiler vectorizes.
pub(super) fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let lanes: u8 = chunk.iter().map(|&b| u8::from(b == b'\n')).sum();
            usize::from(lanes)
        })
        .sum()
}

/// 1-based line and column (in characters) of byte offset `pos`.
pub(super) fn line_col(src: &str, pos: usize) -> (u32, u32) {
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
