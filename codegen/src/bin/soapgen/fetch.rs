//! `soapgen fetch`: a WSDL (or XSD) and everything it imports or includes,
//! downloaded over http/https and saved in one directory under readable
//! names, with every location attribute rewritten to the local file name.
//!
//! Documents are untrusted: the limits of [`FetchLimits`] bound what is
//! downloaded, DTDs are refused, and only http and https are followed.
//! Nothing is written unless every file was fetched.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use soap_codegen::parse::{self, WSDL_NS};
use soap_codegen::resolve::{SOAP_ENC_NS, XML_NS, XSD_NS};
use url::Url;

/// Limits of one download run, in the spirit of [`parse::Limits`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchLimits {
    /// Most files downloaded (the start document included).
    pub max_files: usize,
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most bytes downloaded in all.
    pub max_total_bytes: u64,
    /// Time one download may take, from connecting to the last byte.
    pub timeout: Duration,
    /// Time connecting may take.
    pub connect_timeout: Duration,
    /// Most redirects followed for one file.
    pub max_redirects: u32,
}

impl FetchLimits {
    /// Default of [`max_files`](Self::max_files).
    pub const MAX_FILES: usize = 256;
    /// Default of [`max_file_bytes`](Self::max_file_bytes): the largest file
    /// the parse stage accepts by default.
    pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
    /// Default of [`max_total_bytes`](Self::max_total_bytes).
    pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
    /// Default of [`timeout`](Self::timeout).
    pub const TIMEOUT: Duration = Duration::from_secs(60);
    /// Default of [`connect_timeout`](Self::connect_timeout).
    pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// Default of [`max_redirects`](Self::max_redirects).
    pub const MAX_REDIRECTS: u32 = 5;
}

impl Default for FetchLimits {
    /// 256 files, 16 MiB per file, 64 MiB in all, 60 s per file (10 s to
    /// connect), 5 redirects.
    fn default() -> Self {
        FetchLimits {
            max_files: Self::MAX_FILES,
            max_file_bytes: Self::MAX_FILE_BYTES,
            max_total_bytes: Self::MAX_TOTAL_BYTES,
            timeout: Self::TIMEOUT,
            connect_timeout: Self::CONNECT_TIMEOUT,
            max_redirects: Self::MAX_REDIRECTS,
        }
    }
}

/// Why a download run failed; each names the URL (and, for a location, the
/// file and line that wrote it).
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The URL to start from is not an http or https URL.
    #[error("`{url}`: not an http or https URL{}", reason_suffix(.reason))]
    NotHttp { url: String, reason: Option<String> },
    /// A location in a downloaded file cannot be followed.
    #[error("{referrer} ({file}, line {line}): location `{location}`: {reason}")]
    BadLocation {
        referrer: String,
        file: String,
        line: u32,
        location: String,
        reason: String,
    },
    /// The server answered with an error status.
    #[error("GET {url}: HTTP status {status}")]
    Status { url: String, status: u16 },
    /// No complete answer in time.
    #[error("GET {url}: no complete answer within {seconds} s")]
    Timeout { url: String, seconds: u64 },
    /// The request failed (connection, TLS, redirects...).
    #[error("GET {url}: {message}")]
    Http { url: String, message: String },
    /// The file is larger than [`FetchLimits::max_file_bytes`].
    #[error("GET {url}: the file is larger than the limit of {limit} bytes")]
    FileTooLarge { url: String, limit: u64 },
    /// The files together exceed [`FetchLimits::max_total_bytes`].
    #[error("GET {url}: the files downloaded exceed the limit of {limit} bytes in all")]
    TotalTooLarge { url: String, limit: u64 },
    /// More files than [`FetchLimits::max_files`].
    #[error("{url}: more than {limit} files would be downloaded")]
    TooManyFiles { url: String, limit: usize },
    /// The document is not XML this tool reads, or not WSDL or XSD.
    #[error("{url}:{line}:{col}: {message}")]
    Document {
        url: String,
        line: u32,
        col: u32,
        message: String,
    },
    /// A file could not be written.
    #[error("{}: cannot write: {message}", path.display())]
    Write { path: PathBuf, message: String },
}

fn reason_suffix(reason: &Option<String>) -> String {
    reason
        .as_ref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default()
}

/// WSDL or XSD, by the root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `wsdl:definitions`.
    Wsdl,
    /// `xs:schema`.
    Xsd,
}

/// What a run wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    /// The directory written to.
    pub dir: PathBuf,
    /// The files in download order; the first is the start document.
    pub files: Vec<FetchedFile>,
    /// Bytes downloaded.
    pub bytes: u64,
}

/// One file written.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchedFile {
    /// The URL it was downloaded from (as requested, before redirects).
    pub url: String,
    /// Its name in [`Fetched::dir`].
    pub name: String,
    /// What it is.
    pub kind: Kind,
}

impl Fetched {
    /// The local path of the start document.
    pub fn root_path(&self) -> PathBuf {
        self.files
            .first()
            .map_or_else(|| self.dir.clone(), |f| self.dir.join(&f.name))
    }

    /// What was written and how to generate from it.
    pub fn summary(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "fetched {} files ({} bytes) into {}:",
            self.files.len(),
            self.bytes,
            self.dir.display()
        );
        let width = self.files.iter().map(|f| f.name.len()).max().unwrap_or(0);
        for f in &self.files {
            let _ = writeln!(out, "  {:width$}  {}", f.name, f.url);
        }
        let root = self.root_path();
        let root = root.display().to_string();
        let method = match self.files.first().map(|f| f.kind) {
            Some(Kind::Xsd) => "xsd",
            _ => "wsdl",
        };
        let _ = writeln!(
            out,
            "Every location in these files now names one of them: no Config::location mapping is needed."
        );
        let _ = writeln!(
            out,
            "  build.rs: soap_codegen::Config::new().{method}({root:?}).generate()"
        );
        let _ = writeln!(
            out,
            "  command:  soapgen generate --{method} {root} --out generated.rs"
        );
        out
    }
}

/// True for an http or https URL (what `inspect` fetches instead of reading).
pub fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A document downloaded, with the locations it writes.
struct Doc {
    url: Url,
    name: String,
    kind: Kind,
    bytes: Vec<u8>,
    /// Byte ranges of location values in `bytes`, and the document each names.
    rewrites: Vec<(Range<usize>, usize)>,
}

/// Downloads `start` and everything it imports or includes into `dir`.
pub fn fetch(start: &str, dir: &Path, limits: &FetchLimits) -> Result<Fetched, FetchError> {
    let not_http = |reason: Option<String>| FetchError::NotHttp {
        url: start.to_owned(),
        reason,
    };
    let mut url = Url::parse(start.trim()).map_err(|e| not_http(Some(e.to_string())))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(not_http(None));
    }
    url.set_fragment(None);
    let agent = agent(limits);
    let mut urls: Vec<Url> = vec![url.clone()];
    let mut index: HashMap<String, usize> = HashMap::from([(url.to_string(), 0)]);
    let mut names = Names::default();
    let mut docs: Vec<Doc> = Vec::new();
    let mut total = 0u64;
    while let Some(url) = urls.get(docs.len()).cloned() {
        let (bytes, base) = get(&agent, &url, limits, total)?;
        total += bytes.len() as u64;
        let scanned = scan(&url, &bytes)?;
        let name = names.assign(&url, scanned.kind);
        tracing::info!(%url, file = %name, bytes = bytes.len(), "fetched");
        let mut rewrites = Vec::new();
        for r in scanned.locations {
            let bad = |reason: String| FetchError::BadLocation {
                referrer: url.to_string(),
                file: name.clone(),
                line: r.line,
                location: r.value.clone(),
                reason,
            };
            let mut target = base
                .join(r.value.trim())
                .map_err(|e| bad(format!("not a URL: {e}")))?;
            if !matches!(target.scheme(), "http" | "https") {
                return Err(bad("only http and https locations are followed".into()));
            }
            target.set_fragment(None);
            let key = target.to_string();
            let i = match index.get(&key) {
                Some(&i) => i,
                None => {
                    if urls.len() >= limits.max_files {
                        return Err(FetchError::TooManyFiles {
                            url: key,
                            limit: limits.max_files,
                        });
                    }
                    index.insert(key, urls.len());
                    urls.push(target);
                    urls.len() - 1
                }
            };
            rewrites.push((r.range, i));
        }
        docs.push(Doc {
            url,
            name,
            kind: scanned.kind,
            bytes,
            rewrites,
        });
    }
    write_all(dir, &docs)?;
    Ok(Fetched {
        dir: dir.to_path_buf(),
        files: docs
            .iter()
            .map(|d| FetchedFile {
                url: d.url.to_string(),
                name: d.name.clone(),
                kind: d.kind,
            })
            .collect(),
        bytes: total,
    })
}

fn write_all(dir: &Path, docs: &[Doc]) -> Result<(), FetchError> {
    let failed = |path: &Path, e: std::io::Error| FetchError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
    let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
    for d in docs {
        let path = dir.join(&d.name);
        std::fs::write(&path, rewritten(&d.bytes, &d.rewrites, &names))
            .map_err(|e| failed(&path, e))?;
    }
    Ok(())
}

/// `bytes` with each range replaced by the name of the document it points to.
fn rewritten(bytes: &[u8], rewrites: &[(Range<usize>, usize)], names: &[&str]) -> Vec<u8> {
    let mut sorted: Vec<&(Range<usize>, usize)> = rewrites.iter().collect();
    sorted.sort_by_key(|(r, _)| r.start);
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for (range, target) in sorted {
        out.extend_from_slice(&bytes[at..range.start]);
        out.extend_from_slice(names[*target].as_bytes());
        at = range.end;
    }
    out.extend_from_slice(&bytes[at..]);
    out
}

fn agent(limits: &FetchLimits) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .timeout_connect(Some(limits.connect_timeout))
        .max_redirects(limits.max_redirects)
        .user_agent(concat!("soapgen/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// The body of `url` and the URL it came from after redirects, within the
/// per-file limit and what is left of the total (`total` bytes are spent).
fn get(
    agent: &ureq::Agent,
    url: &Url,
    limits: &FetchLimits,
    total: u64,
) -> Result<(Vec<u8>, Url), FetchError> {
    use ureq::ResponseExt;
    let left = limits.max_total_bytes.saturating_sub(total);
    let limit = limits.max_file_bytes.min(left);
    let failed = |e: ureq::Error| match e {
        ureq::Error::StatusCode(status) => FetchError::Status {
            url: url.to_string(),
            status,
        },
        ureq::Error::Timeout(_) => FetchError::Timeout {
            url: url.to_string(),
            seconds: limits.timeout.as_secs(),
        },
        ureq::Error::BodyExceedsLimit(_) if limit < limits.max_file_bytes => {
            FetchError::TotalTooLarge {
                url: url.to_string(),
                limit: limits.max_total_bytes,
            }
        }
        ureq::Error::BodyExceedsLimit(_) => FetchError::FileTooLarge {
            url: url.to_string(),
            limit: limits.max_file_bytes,
        },
        other => FetchError::Http {
            url: url.to_string(),
            message: other.to_string(),
        },
    };
    tracing::debug!(%url, "GET");
    let mut response = agent.get(url.as_str()).call().map_err(failed)?;
    let base = Url::parse(&response.get_uri().to_string()).unwrap_or_else(|_| url.clone());
    if base != *url {
        tracing::info!(%url, to = %base, "redirected");
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(failed)?;
    Ok((bytes, base))
}

/// A location attribute as written.
struct Location {
    /// The value, entities expanded.
    value: String,
    /// Where the value is in the document's bytes (between the quotes).
    range: Range<usize>,
    /// 1-based line.
    line: u32,
}

struct Scanned {
    kind: Kind,
    locations: Vec<Location>,
}

/// The kind of document and the locations it imports or includes (not those
/// of namespaces the generator has built in).
fn scan(url: &Url, bytes: &[u8]) -> Result<Scanned, FetchError> {
    let error = |line: u32, col: u32, message: String| FetchError::Document {
        url: url.to_string(),
        line,
        col,
        message,
    };
    let text = Text::decode(bytes).map_err(|m| error(1, 1, m))?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: parse::Limits::default().max_nodes,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(&text.text, options).map_err(|e| {
        let pos = e.pos();
        match e {
            roxmltree::Error::DtdDetected => error(pos.row, pos.col, "DTDs are refused".into()),
            other => error(pos.row, pos.col, format!("malformed XML: {other}")),
        }
    })?;
    let root = doc.root_element();
    let kind = match (root.tag_name().namespace(), root.tag_name().name()) {
        (Some(WSDL_NS), "definitions") => Kind::Wsdl,
        (Some(XSD_NS), "schema") => Kind::Xsd,
        (_, name) => {
            let pos = doc.text_pos_at(root.range().start);
            return Err(error(
                pos.row,
                pos.col,
                format!("root element `{name}` is neither wsdl:definitions nor xs:schema"),
            ));
        }
    };
    let mut locations = Vec::new();
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let attribute = match (node.tag_name().namespace(), node.tag_name().name()) {
            (Some(WSDL_NS), "import") => "location",
            (Some(XSD_NS), "import" | "include" | "redefine" | "override") => "schemaLocation",
            _ => continue,
        };
        let Some(attr) = node
            .attributes()
            .find(|a| a.namespace().is_none() && a.name() == attribute)
        else {
            continue;
        };
        let built_in = node.tag_name().name() == "import"
            && matches!(
                node.attribute("namespace"),
                Some(XML_NS | XSD_NS | SOAP_ENC_NS)
            );
        if built_in {
            tracing::info!(%url, location = attr.value(), "left as is: the namespace is built in");
            continue;
        }
        let range = attr.range_value();
        locations.push(Location {
            value: attr.value().to_owned(),
            range: text.byte_range(range.clone()),
            line: doc.text_pos_at(range.start).row,
        });
    }
    Ok(Scanned { kind, locations })
}

/// A document's text, and how its positions map back to its bytes.
struct Text<'a> {
    text: Cow<'a, str>,
    /// Bytes before the text (a UTF-8 byte order mark).
    skip: usize,
    /// Each character of `text` is one byte of the document (ISO-8859-1,
    /// windows-1252 and other single-byte encodings).
    single_byte: bool,
}

impl<'a> Text<'a> {
    /// UTF-8 (with or without byte order mark), else a single-byte
    /// encoding read as ISO-8859-1 (locations are ASCII in practice).
    /// UTF-16 is refused: its positions cannot be rewritten byte-wise here.
    fn decode(bytes: &'a [u8]) -> Result<Text<'a>, String> {
        if matches!(
            bytes,
            [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] | [0, b'<', ..] | [b'<', 0, ..]
        ) {
            return Err("UTF-16 documents are not supported by fetch; save it as UTF-8".into());
        }
        let (skip, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (3, rest),
            None => (0, bytes),
        };
        Ok(match std::str::from_utf8(body) {
            Ok(text) => Text {
                text: Cow::Borrowed(text),
                skip,
                single_byte: false,
            },
            Err(_) => Text {
                text: Cow::Owned(body.iter().map(|&b| char::from(b)).collect()),
                skip,
                single_byte: true,
            },
        })
    }

    /// The bytes of the document that `range` of the text came from.
    fn byte_range(&self, range: Range<usize>) -> Range<usize> {
        let at = |i: usize| {
            let i = if self.single_byte {
                self.text[..i].chars().count()
            } else {
                i
            };
            self.skip + i
        };
        at(range.start)..at(range.end)
    }
}

/// File names handed out, so two URLs never share a file.
#[derive(Default)]
struct Names {
    /// Lower-cased, for file systems that ignore case.
    taken: HashSet<String>,
}

impl Names {
    /// A readable name for `url`: its last path segment, with what the query
    /// says (`?wsdl` nothing, `?xsd=1` `-xsd1`, `?xsd=types.xsd` the file
    /// named), the extension of `kind`, and `-2`, `-3`... when taken.
    fn assign(&mut self, url: &Url, kind: Kind) -> String {
        let ext = match kind {
            Kind::Wsdl => "wsdl",
            Kind::Xsd => "xsd",
        };
        let stem = stem(url);
        let mut n = 1;
        loop {
            let name = if n == 1 {
                format!("{stem}.{ext}")
            } else {
                format!("{stem}-{n}.{ext}")
            };
            if self.taken.insert(name.to_lowercase()) {
                return name;
            }
            n += 1;
        }
    }
}

fn stem(url: &Url) -> String {
    let segment = url
        .path_segments()
        .and_then(|mut s| s.rfind(|s| !s.is_empty()))
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        })
        .unwrap_or_default();
    let mut stem = without_extension(&segment).to_owned();
    let mut extra = Vec::new();
    for (key, value) in url.query_pairs() {
        let key_lower = key.to_ascii_lowercase();
        match (key_lower.as_str(), value.as_ref()) {
            ("wsdl" | "singlewsdl" | "xsd", "") => {}
            ("wsdl" | "xsd", v) if !v.bytes().all(|b| b.is_ascii_digit()) => {
                let file = v.rsplit(['/', '\\']).next().unwrap_or(v);
                stem = without_extension(file).to_owned();
            }
            (_, "") => extra.push(key.into_owned()),
            (_, v) => extra.push(format!("{key}{v}")),
        }
    }
    extra.insert(0, stem);
    let joined: Vec<String> = extra
        .iter()
        .map(|s| sanitized(s))
        .filter(|s| !s.is_empty())
        .collect();
    let stem = joined.join("-");
    if !stem.is_empty() {
        stem
    } else {
        url.host_str()
            .map(sanitized)
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "index".to_owned())
    }
}

fn without_extension(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, ext))
            if ["wsdl", "xsd", "xml", "svc", "asmx"]
                .iter()
                .any(|e| ext.eq_ignore_ascii_case(e)) =>
        {
            stem
        }
        _ => name,
    }
}

/// `s` with characters other than ASCII letters, digits, `.`, `_` and `-`
/// replaced by `_`, without leading dots, at most 64 characters.
fn sanitized(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    clean.trim_start_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(names: &mut Names, url: &str, kind: Kind) -> String {
        names.assign(&Url::parse(url).unwrap(), kind)
    }

    #[test]
    fn names_follow_path_and_query() {
        let mut n = Names::default();
        assert_eq!(
            name(&mut n, "http://h/ws/Shop?wsdl", Kind::Wsdl),
            "Shop.wsdl"
        );
        assert_eq!(
            name(&mut n, "http://h/ws/Shop?xsd=1", Kind::Xsd),
            "Shop-xsd1.xsd"
        );
        assert_eq!(
            name(&mut n, "http://h/ws/Shop?xsd=schemas/types.xsd", Kind::Xsd),
            "types.xsd"
        );
        assert_eq!(
            name(&mut n, "http://h/other/types.xsd", Kind::Xsd),
            "types-2.xsd"
        );
        assert_eq!(
            name(&mut n, "http://h/Shop.svc?singleWsdl", Kind::Wsdl),
            "Shop-2.wsdl"
        );
        assert_eq!(name(&mut n, "http://h/", Kind::Wsdl), "h.wsdl");
        assert_eq!(
            name(&mut n, "http://h/a%20b/c%C3%A9.xsd", Kind::Xsd),
            "c_.xsd"
        );
        assert_eq!(
            name(&mut n, "http://h/x/..hidden?v=2&p", Kind::Xsd),
            "hidden-v2-p.xsd"
        );
        assert_eq!(name(&mut n, "http://h/TYPES.xsd", Kind::Xsd), "TYPES-3.xsd");
    }

    #[test]
    fn rewriting_replaces_only_the_ranges() {
        let doc = b"<a x='one'/><b y=\"two\"/>";
        let out = rewritten(doc, &[(18..21, 1), (6..9, 0)], &["A.xsd", "B.xsd"]);
        assert_eq!(out, b"<a x='A.xsd'/><b y=\"B.xsd\"/>");
    }

    #[test]
    fn locations_are_found_with_byte_ranges_and_lines() {
        let url = Url::parse("http://h/s?wsdl").unwrap();
        let doc = "\u{feff}<?xml version='1.0'?>\n<!-- é -->\n<w:definitions xmlns:w='http://schemas.xmlsoap.org/wsdl/' \
            xmlns:xs='http://www.w3.org/2001/XMLSchema' targetNamespace='urn:t'>\n\
            <w:import namespace='urn:o' location='other?wsdl&amp;x=1'/>\n<w:types><xs:schema>\n\
            <xs:import namespace='http://www.w3.org/XML/1998/namespace' schemaLocation='http://www.w3.org/2001/xml.xsd'/>\n\
            <xs:include schemaLocation='inc.xsd'/><xs:redefine schemaLocation='r.xsd'/>\n\
            </xs:schema></w:types></w:definitions>";
        let bytes = doc.as_bytes();
        let scanned = scan(&url, bytes).unwrap();
        assert_eq!(scanned.kind, Kind::Wsdl);
        let found: Vec<(&str, &[u8], u32)> = scanned
            .locations
            .iter()
            .map(|l| (l.value.as_str(), &bytes[l.range.clone()], l.line))
            .collect();
        assert_eq!(
            found,
            vec![
                ("other?wsdl&x=1", &b"other?wsdl&amp;x=1"[..], 4),
                ("inc.xsd", &b"inc.xsd"[..], 7),
                ("r.xsd", &b"r.xsd"[..], 7),
            ]
        );
    }

    #[test]
    fn single_byte_documents_map_positions_to_bytes() {
        let url = Url::parse("http://h/t.xsd").unwrap();
        let bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><!-- \xE9\xE9 -->\
            <xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:include schemaLocation='i.xsd'/></xs:schema>";
        let scanned = scan(&url, bytes).unwrap();
        assert_eq!(scanned.kind, Kind::Xsd);
        assert_eq!(&bytes[scanned.locations[0].range.clone()], b"i.xsd");
    }

    #[test]
    fn other_documents_are_refused_with_their_url() {
        let url = Url::parse("http://h/x").unwrap();
        let e = scan(&url, b"<html/>").err().unwrap().to_string();
        assert!(e.starts_with("http://h/x:1:1:"), "{e}");
        assert!(e.contains("`html`"), "{e}");
        let e = scan(&url, b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>")
            .err()
            .unwrap();
        assert!(e.to_string().contains("DTDs are refused"), "{e}");
        let utf16: Vec<u8> = "<x/>".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(scan(&url, &utf16).is_err());
    }

    #[test]
    fn default_file_limit_is_the_parse_stage_limit() {
        assert_eq!(
            FetchLimits::MAX_FILE_BYTES,
            parse::Limits::default().max_file_size
        );
    }

    #[test]
    fn only_http_urls_are_urls() {
        assert!(is_url("http://h/x?wsdl"));
        assert!(is_url("HTTPS://h/x"));
        assert!(!is_url("x.wsdl"));
        assert!(!is_url("file:///x.wsdl"));
        let e = fetch("ftp://h/x", Path::new("unused"), &FetchLimits::default());
        assert!(matches!(e, Err(FetchError::NotHttp { .. })));
    }
}
