//! Errors of the parse stage.

use std::path::PathBuf;

/// One problem found while reading input files.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseError {
    /// The file could not be read.
    #[error("{}: cannot read: {message}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// The OS error.
        message: String,
    },
    /// The file is larger than [`Limits::max_file_size`](super::Limits::max_file_size).
    #[error("{}: file is {size} bytes, more than the limit of {limit}", file.display())]
    TooLarge {
        /// The file.
        file: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// More files than [`Limits::max_files`](super::Limits::max_files).
    #[error("{}: more than {limit} files are imported", file.display())]
    TooManyFiles {
        /// The file that would exceed the limit.
        file: PathBuf,
        /// The limit.
        limit: usize,
    },
    /// The XML is not well-formed (or not UTF-8).
    #[error("{}:{line}:{col}: malformed XML: {message}", file.display())]
    XmlSyntax {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        col: u32,
        /// What is wrong.
        message: String,
    },
    /// A reference to an entity that a DTD declares (`&name;`): refused,
    /// since expanding it could cost unbounded memory or read other files.
    /// A DOCTYPE itself is accepted as long as none of its entities is used.
    #[error("{}:{line}:{col}: reference to the DTD entity `{name}` refused (only &lt; &gt; &amp; &apos; &quot; and character references are read)", file.display())]
    EntityRefused {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        col: u32,
        /// The entity's name (at most 64 characters).
        name: String,
    },
    /// More XML nodes than [`Limits::max_nodes`](super::Limits::max_nodes).
    #[error("{}: more than {limit} XML nodes", file.display())]
    TooManyNodes {
        /// The file.
        file: PathBuf,
        /// The limit.
        limit: u32,
    },
    /// Elements nested deeper than [`Limits::max_depth`](super::Limits::max_depth).
    #[error("{}:{line}:{col}: elements nested deeper than {limit}", file.display())]
    TooDeep {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        col: u32,
        /// The limit.
        limit: u32,
    },
    /// A `schemaLocation`/`location` that names no local file.
    #[error("{}:{line}:{col}: cannot resolve location `{url}` to a local file (relative path, `xsd=` parameter or location map)", importing_file.display())]
    UnresolvedLocation {
        /// The file containing the import.
        importing_file: PathBuf,
        /// 1-based line of the import.
        line: u32,
        /// 1-based column of the import.
        col: u32,
        /// The location as written.
        url: String,
    },
    /// A location that resolves (symbolic links followed) to a file outside
    /// the input's directory, the mapped directories and the allowed ones
    /// ([`LocationMap::allow`](super::LocationMap::allow),
    /// `Config::allow_path`, `soapgen --allow-path`): not read.
    #[error("{}:{line}:{col}: location `{url}` resolves to {}, outside {} (the input's directory); allow it with Config::allow_path / soapgen --allow-path DIR, or map it with Config::location / --location", importing_file.display(), resolved.display(), tree.display())]
    LocationOutsideTree {
        /// The file containing the import.
        importing_file: PathBuf,
        /// 1-based line of the import.
        line: u32,
        /// 1-based column of the import.
        col: u32,
        /// The location as written.
        url: String,
        /// The file it resolves to, canonical.
        resolved: PathBuf,
        /// The input's directory, canonical.
        tree: PathBuf,
    },
    /// The root element is neither `wsdl:definitions` nor `xs:schema`.
    #[error("{}:{line}:{col}: root element `{root}` is neither wsdl:definitions nor xs:schema", file.display())]
    NotWsdlOrXsd {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        col: u32,
        /// The root element's name.
        root: String,
    },
    /// A required attribute is missing.
    #[error("{}:{line}:{col}: `{element}` has no `{attribute}` attribute", file.display())]
    MissingAttribute {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        col: u32,
        /// The element's local name.
        element: String,
        /// The attribute.
        attribute: String,
    },
    /// A construct this generator does not support (e.g. `xs:redefine`).
    #[error("{}:{line}:{col}: unsupported: {construct}", file.display())]
    UnsupportedConstruct {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        col: u32,
        /// What it is.
        construct: String,
    },
}

/// All problems of the parse stage, one per line when displayed.
pub type ParseErrors = crate::errors::Errors<ParseError>;
