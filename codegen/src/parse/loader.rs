//! Following inputs and their imports, reading each file once.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

use super::locations::resolve_location;
use super::syntax::{Documents, Pos, SourceFile, XmlElement};
use super::xml::{parse_text, read_file};
use super::{Limits, LocationMap, ParseError, ParseErrors};
use crate::resolve::ir::XSD_NS;

/// The WSDL 1.1 namespace.
pub const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";

/// Reads `inputs` (WSDL or bare XSD files) and every file they import or
/// include, each once. All problems are collected.
pub fn load(
    inputs: &[PathBuf],
    locations: &LocationMap,
    limits: &Limits,
) -> Result<Documents, ParseErrors> {
    let mut loader = Loader {
        docs: Documents::default(),
        errors: Vec::new(),
        seen: HashMap::new(),
        queue: VecDeque::new(),
        locations,
        permitted: locations.permitted_dirs(),
        limits,
    };
    for input in inputs {
        loader.register(input.clone(), None);
        while let Some(file) = loader.queue.pop_front() {
            loader.read(file);
        }
    }
    if loader.errors.is_empty() {
        Ok(loader.docs)
    } else {
        Err(crate::errors::Errors(loader.errors))
    }
}

pub(crate) struct Loader<'a> {
    pub(crate) docs: Documents,
    pub(crate) errors: Vec<ParseError>,
    seen: HashMap<PathBuf, usize>,
    queue: VecDeque<usize>,
    locations: &'a LocationMap,
    /// Canonical directories outside the input's own that locations may reach.
    permitted: Vec<PathBuf>,
    limits: &'a Limits,
}

/// Where a location led.
enum Found {
    /// A readable file inside the permitted directories.
    Inside(PathBuf),
    /// A file outside them: `(canonical file, canonical input directory)`.
    Outside(PathBuf, PathBuf),
    /// No local file.
    Nothing,
}

impl Loader<'_> {
    /// Adds `path` to the files (once per canonical path); `root`: the input
    /// that led here (None: `path` is an input itself).
    fn register(&mut self, path: PathBuf, root: Option<usize>) -> Option<usize> {
        let canonical = match path.canonicalize() {
            Ok(c) => c,
            Err(e) => {
                self.errors.push(ParseError::Io {
                    file: path,
                    message: e.to_string(),
                });
                return None;
            }
        };
        if let Some(&index) = self.seen.get(&canonical) {
            return Some(index);
        }
        if self.docs.files.len() >= self.limits.max_files {
            self.errors.push(ParseError::TooManyFiles {
                file: path,
                limit: self.limits.max_files,
            });
            return None;
        }
        let index = self.docs.files.len();
        self.docs.files.push(SourceFile {
            path,
            root: root.unwrap_or(index),
            wsdl: None,
            schemas: Vec::new(),
        });
        self.seen.insert(canonical, index);
        self.queue.push_back(index);
        Some(index)
    }

    fn read(&mut self, file: usize) {
        let path = self.docs.files[file].path.clone();
        let parsed =
            read_file(&path, self.limits).and_then(|text| parse_text(&path, &text, self.limits));
        let root = match parsed {
            Ok(root) => root,
            Err(e) => {
                self.errors.push(e);
                return;
            }
        };
        if root.is(XSD_NS, "schema") {
            self.schema(file, root);
        } else if root.is(WSDL_NS, "definitions") {
            self.wsdl(file, root);
        } else {
            let name = match &root.ns {
                Some(ns) => format!("{{{ns}}}{}", root.local),
                None => root.local.clone(),
            };
            self.error_at(file, root.pos, |file, line, col| ParseError::NotWsdlOrXsd {
                file,
                line,
                col,
                root: name,
            });
        }
    }

    /// Resolves a location written in `file` at `pos` and queues the file.
    pub(crate) fn locate(&mut self, file: usize, location: &str, pos: Pos) -> Option<usize> {
        match self.find_location(file, location) {
            Found::Inside(path) => self.register(path, Some(self.docs.files[file].root)),
            Found::Outside(resolved, tree) => {
                self.errors.push(ParseError::LocationOutsideTree {
                    importing_file: self.docs.files[file].path.clone(),
                    line: pos.line,
                    col: pos.col,
                    url: location.to_owned(),
                    resolved,
                    tree,
                });
                None
            }
            Found::Nothing => {
                self.errors.push(ParseError::UnresolvedLocation {
                    importing_file: self.docs.files[file].path.clone(),
                    line: pos.line,
                    col: pos.col,
                    url: location.to_owned(),
                });
                None
            }
        }
    }

    /// Like [`locate`](Self::locate), but a location that does not resolve is
    /// no error (for imports of namespaces the generator has built in); one
    /// outside the permitted directories is not read either.
    pub(crate) fn locate_if_present(&mut self, file: usize, location: &str) -> Option<usize> {
        match self.find_location(file, location) {
            Found::Inside(path) => self.register(path, Some(self.docs.files[file].root)),
            Found::Outside(..) | Found::Nothing => None,
        }
    }

    fn find_location(&self, file: usize, location: &str) -> Found {
        let importing = &self.docs.files[file].path;
        let root = &self.docs.files[self.docs.files[file].root].path;
        let Some(path) = resolve_location(location, importing, root, self.locations) else {
            return Found::Nothing;
        };
        let (Ok(resolved), Some(tree)) = (path.canonicalize(), input_dir(root)) else {
            return Found::Nothing;
        };
        if resolved.starts_with(&tree) || self.permitted.iter().any(|d| resolved.starts_with(d)) {
            Found::Inside(path)
        } else {
            Found::Outside(resolved, tree)
        }
    }

    /// Records an error built from the file path and a position.
    pub(crate) fn error_at(
        &mut self,
        file: usize,
        pos: Pos,
        make: impl FnOnce(PathBuf, u32, u32) -> ParseError,
    ) {
        let path = self.docs.files[file].path.clone();
        self.errors.push(make(path, pos.line, pos.col));
    }

    /// The value of a required attribute, or a `MissingAttribute` error.
    pub(crate) fn required_attr(
        &mut self,
        file: usize,
        el: &XmlElement,
        attr: &str,
    ) -> Option<String> {
        if let Some(v) = el.attr(attr) {
            return Some(v.to_owned());
        }
        let element = el.local.clone();
        self.error_at(file, el.pos, |file, line, col| {
            ParseError::MissingAttribute {
                file,
                line,
                col,
                element,
                attribute: attr.to_owned(),
            }
        });
        None
    }
}

/// The canonical directory of an input file (symbolic links followed).
fn input_dir(input: &Path) -> Option<PathBuf> {
    input.canonicalize().ok()?.parent().map(Path::to_path_buf)
}
