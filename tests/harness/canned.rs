//! Helpers of the conformance tests: Resurs's published material in
//! `../shared` (skipped when absent), envelope trees compared by expanded
//! names, a loopback HTTP server answering canned bytes, and a transport
//! that only records.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use soap_runtime::rt::BoxFuture;
use soap_runtime::{Transport, TransportError, TransportRequest, TransportResponse};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

/// The SOAP 1.1 envelope namespace.
pub const SOAP_ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The XML Schema instance namespace (`xsi:nil`).
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// `../shared/resurs-v4` beside the crate, or `None` (with a one-line
/// message naming `test`) when the reference material is absent.
pub fn resurs_v4(test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/resurs-v4");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped {test}: ../shared/resurs-v4 is absent");
        None
    }
}

/// `../shared/seeds` beside the crate, or `None` (with a one-line message).
pub fn seeds(test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped {test}: ../shared/seeds is absent");
        None
    }
}

/// Reads a file of the reference material (a missing file fails the test).
pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The files of `dir`, sorted by name.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.map(|e| e.path()).expect("directory entry"))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The file name of `path`, for messages.
pub fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Every `<…Envelope …>…</…Envelope>` block of a text (the seeds quote
/// envelopes between prose lines).
pub fn envelopes(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find('<').map(|i| at + i) {
        let after = &text[open + 1..];
        let name_len = after
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(after.len());
        let tag = &after[..name_len];
        if tag == "Envelope" || tag.ends_with(":Envelope") {
            let close = format!("</{tag}>");
            if let Some(end) = after.find(&close) {
                let stop = open + 1 + end + close.len();
                found.push(&text[open..stop]);
                at = stop;
                continue;
            }
        }
        at = open + 1;
    }
    found
}

/// An element of a message body, reduced to what the wire contract fixes:
/// its local name, `xsi:nil`, other attributes by expanded name, and either
/// its text (no child elements) or its child elements in order. Comments,
/// processing instructions and whitespace between elements are dropped;
/// namespaces of elements are checked separately ([`qualified_elements`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    /// Local name.
    pub local: String,
    /// `xsi:nil="true"` (or `"1"`).
    pub nil: bool,
    /// Other attributes: `{namespace}local` and value, sorted.
    pub attributes: Vec<(String, String)>,
    /// The text, exactly as written, for an element without child elements.
    pub text: Option<String>,
    /// The child elements, for an element that has some.
    pub children: Vec<Content>,
}

impl Content {
    /// The content tree of `node`.
    pub fn of(node: roxmltree::Node<'_, '_>) -> Content {
        let children: Vec<Content> = node
            .children()
            .filter(|c| c.is_element())
            .map(Content::of)
            .collect();
        let text = children.is_empty().then(|| {
            node.children()
                .filter(|c| c.is_text())
                .filter_map(|c| c.text())
                .collect::<String>()
        });
        let mut nil = false;
        let mut attributes = Vec::new();
        for a in node.attributes() {
            if a.namespace() == Some(XSI) && a.name() == "nil" {
                nil = matches!(a.value().trim(), "true" | "1");
            } else {
                let ns = a.namespace().unwrap_or_default();
                attributes.push((format!("{{{ns}}}{}", a.name()), a.value().to_owned()));
            }
        }
        attributes.sort();
        Content {
            local: node.tag_name().name().to_owned(),
            nil,
            attributes,
            text,
            children,
        }
    }

    /// The first place where `self` and `other` differ (`None` when equal),
    /// as `path: what`.
    pub fn first_difference(&self, other: &Content) -> Option<String> {
        self.difference_at(other, &self.local)
    }

    fn difference_at(&self, other: &Content, path: &str) -> Option<String> {
        if self.local != other.local {
            return Some(format!("{path}: element {} vs {}", self.local, other.local));
        }
        if self.nil != other.nil {
            return Some(format!("{path}: nil {} vs {}", self.nil, other.nil));
        }
        if self.attributes != other.attributes {
            return Some(format!(
                "{path}: attributes {:?} vs {:?}",
                self.attributes, other.attributes
            ));
        }
        if self.text != other.text {
            return Some(format!("{path}: text {:?} vs {:?}", self.text, other.text));
        }
        for (i, (a, b)) in self.children.iter().zip(&other.children).enumerate() {
            let child_path = format!("{path}/{}[{}]", a.local, i + 1);
            if let Some(diff) = a.difference_at(b, &child_path) {
                return Some(diff);
            }
        }
        if self.children.len() != other.children.len() {
            let names = |c: &Content| {
                c.children
                    .iter()
                    .map(|c| c.local.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            return Some(format!(
                "{path}: children [{}] vs [{}]",
                names(self),
                names(other)
            ));
        }
        None
    }
}

/// The first element of the SOAP 1.1 `Body` of `doc` (the operation element).
pub fn body_element<'a, 'input>(
    doc: &'a roxmltree::Document<'input>,
) -> roxmltree::Node<'a, 'input> {
    let envelope = doc.root_element();
    assert!(
        envelope.has_tag_name((SOAP_ENV, "Envelope")),
        "not a SOAP 1.1 envelope: {:?}",
        envelope.tag_name()
    );
    let body = envelope
        .children()
        .find(|c| c.has_tag_name((SOAP_ENV, "Body")))
        .expect("the envelope has a Body");
    body.children()
        .find(|c| c.is_element())
        .expect("the Body holds an element")
}

/// `{namespace}local` of an element.
pub fn expanded_name(node: roxmltree::Node<'_, '_>) -> String {
    let name = node.tag_name();
    format!(
        "{{{}}}{}",
        name.namespace().unwrap_or_default(),
        name.name()
    )
}

/// The elements below `node` that are in a namespace, as `{ns}local`
/// (the Resurs schemas have `elementFormDefault="unqualified"`: none may be).
pub fn qualified_elements(node: roxmltree::Node<'_, '_>) -> Vec<String> {
    node.descendants()
        .filter(|d| d.is_element() && *d != node && d.tag_name().namespace().is_some())
        .map(expanded_name)
        .collect()
}

/// Parses an envelope (a malformed one fails the test, naming `what`).
pub fn parse<'input>(xml: &'input str, what: &str) -> roxmltree::Document<'input> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{what} is not XML: {e}"))
}

/// A loopback HTTP/1.1 server that answers every POST with the same status
/// and body, and keeps the request bodies it received. Stops when dropped.
pub struct CannedServer {
    address: std::net::SocketAddr,
    requests: Arc<Mutex<Vec<Vec<u8>>>>,
    task: tokio::task::JoinHandle<()>,
}

impl CannedServer {
    /// Starts answering `status` (e.g. `"500 Internal Server Error"`) with `body`.
    pub async fn start(status: &'static str, body: Vec<u8>) -> CannedServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let address = listener.local_addr().expect("local address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let body = Arc::new(body);
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let (seen, body) = (seen.clone(), body.clone());
                tokio::spawn(async move {
                    // Logged before answering: a client holding the answer finds it logged.
                    if let Some(request) = read_request(&mut stream).await {
                        seen.lock().expect("request log").push(request);
                        let _ = answer(stream, status, &body).await;
                    }
                });
            }
        });
        CannedServer {
            address,
            requests,
            task,
        }
    }

    /// The After Shop endpoint on this server.
    pub fn after_shop_url(&self) -> String {
        format!(
            "http://{}/ecommerce-test/ws/V4/AfterShopFlowService",
            self.address
        )
    }

    /// The request bodies received so far.
    pub fn requests(&self) -> Vec<Vec<u8>> {
        self.requests.lock().expect("request log").clone()
    }
}

impl Drop for CannedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one request (headers, then `Content-Length` bytes) and returns its body.
async fn read_request(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(buf[head_end..head_end + length].to_vec())
}

/// Writes the canned answer and closes the connection.
async fn answer(mut stream: TcpStream, status: &str, body: &[u8]) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.shutdown().await
}

/// A transport that never sends: it counts the requests handed to it and
/// refuses them.
#[derive(Debug, Default)]
pub struct RecordingTransport {
    calls: Mutex<usize>,
}

impl RecordingTransport {
    /// How many requests reached the transport.
    pub fn calls(&self) -> usize {
        *self.calls.lock().expect("call count")
    }
}

impl Transport for RecordingTransport {
    fn send(
        &self,
        request: TransportRequest,
    ) -> BoxFuture<'_, Result<TransportResponse, TransportError>> {
        *self.calls.lock().expect("call count") += 1;
        Box::pin(async move {
            Err(TransportError::InvalidRequest {
                endpoint: request.endpoint.to_string(),
                reason: "the recording transport never sends".into(),
            })
        })
    }
}
