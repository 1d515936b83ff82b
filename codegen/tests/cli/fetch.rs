//! `soapgen fetch` and `soapgen inspect URL` against a loopback HTTP server
//! that publishes a multi-file WSDL the way JAX-WS and CXF do (`?wsdl`,
//! `?xsd=1`, relative and absolute locations, a redirect).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Most requests one test server answers before its thread ends.
const MAX_REQUESTS: usize = 64;

const WSDL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<definitions name="Shop" targetNamespace="urn:shop"
    xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:shop" xmlns:msg="urn:shop:msg">
  <types>
    <xsd:schema targetNamespace="urn:shop:msg" elementFormDefault="qualified"
        xmlns:t="urn:shop:types" xmlns:c="urn:shop:common">
      <xsd:import namespace="urn:shop:types" schemaLocation="{TYPES}"/>
      <xsd:import namespace="urn:shop:common" schemaLocation='{COMMON}'/>
      <xsd:element name="getOrder"><xsd:complexType><xsd:sequence>
        <xsd:element name="orderId" type="c:id"/>
      </xsd:sequence></xsd:complexType></xsd:element>
      <xsd:element name="getOrderResponse"><xsd:complexType><xsd:sequence>
        <xsd:element name="return" type="t:order"/>
      </xsd:sequence></xsd:complexType></xsd:element>
      <xsd:element name="auth"><xsd:complexType><xsd:sequence>
        <xsd:element name="token" type="xsd:string"/>
      </xsd:sequence></xsd:complexType></xsd:element>
      <xsd:element name="shopError"><xsd:complexType><xsd:sequence>
        <xsd:element name="userMessage" type="xsd:string"/>
      </xsd:sequence></xsd:complexType></xsd:element>
    </xsd:schema>
  </types>
  <message name="getOrder"><part name="parameters" element="msg:getOrder"/></message>
  <message name="getOrderResponse"><part name="parameters" element="msg:getOrderResponse"/></message>
  <message name="auth"><part name="auth" element="msg:auth"/></message>
  <message name="shopError"><part name="fault" element="msg:shopError"/></message>
  <portType name="ShopPortType">
    <operation name="getOrder">
      <input message="tns:getOrder"/><output message="tns:getOrderResponse"/>
      <fault name="ShopErrorException" message="tns:shopError"/>
    </operation>
  </portType>
  <binding name="ShopBinding" type="tns:ShopPortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="getOrder"><soap:operation soapAction="urn:shop:getOrder"/>
      <input><soap:header message="tns:auth" part="auth" use="literal"/><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
      <fault name="ShopErrorException"><soap:fault name="ShopErrorException" use="literal"/></fault>
    </operation>
  </binding>
  <binding name="ShopBinding12" type="tns:ShopPortType">
    <soap12:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="getOrder"><soap12:operation soapAction="urn:shop:getOrder12"/>
      <input><soap12:body use="literal"/></input><output><soap12:body use="literal"/></output>
    </operation>
  </binding>
  <service name="ShopService">
    <port name="ShopPort" binding="tns:ShopBinding"><soap:address location="http://shop.example/ws/Shop"/></port>
    <port name="ShopPort12" binding="tns:ShopBinding12"><soap12:address location="http://shop.example/ws/Shop12"/></port>
  </service>
</definitions>
"#;

const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- Types of the shop. Größe: non-ASCII before the locations. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:shop:types"
    xmlns:c="urn:shop:common" xmlns:t="urn:shop:types" elementFormDefault="qualified">
  <xs:import namespace="urn:shop:common"
      schemaLocation="{COMMON}"/>
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/>
  <xs:include schemaLocation="{EXTRA}"/>
  <xs:complexType name="order">
    <xs:sequence>
      <xs:element name="id" type="c:id"/>
      <xs:element name="state" type="c:state"/>
      <xs:element name="lines" type="t:line" maxOccurs="unbounded"/>
      <xs:choice>
        <xs:element name="card" type="c:card"/>
        <xs:element name="invoice" type="c:invoice" maxOccurs="3"/>
      </xs:choice>
    </xs:sequence>
    <xs:attribute name="version" type="xs:int"/>
  </xs:complexType>
</xs:schema>
"#;

const EXTRA: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:shop:types"
    elementFormDefault="qualified">
  <xs:complexType name="line">
    <xs:sequence>
      <xs:element name="sku" type="xs:string"/>
      <xs:element name="qty" type="xs:int"/>
      <xs:element name="note" type="xs:string" minOccurs="0" nillable="true"/>
    </xs:sequence>
  </xs:complexType>
</xs:schema>
"#;

const COMMON: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:shop:common"
    elementFormDefault="qualified">
  <xs:simpleType name="id">
    <xs:restriction base="xs:string"><xs:pattern value="[A-Z0-9]+"/><xs:maxLength value="32"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="state">
    <xs:restriction base="xs:string">
      <xs:enumeration value="OPEN"/><xs:enumeration value="IS_DEBITED"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:complexType name="card"><xs:sequence><xs:element name="number" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="invoice"><xs:sequence><xs:element name="ref" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>
"#;

/// `template` with `{KEY}` replaced by `values[KEY]`.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

/// One answer of the test server.
#[derive(Clone)]
enum Answer {
    Body(String),
    Redirect(String),
}

struct Server {
    base: String,
    /// Request targets, in the order received.
    hits: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves `routes(base)` (request target → answer) on 127.0.0.1.
    fn start(routes: impl FnOnce(&str) -> BTreeMap<String, Answer>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes = routes(&base);
        let hits = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&hits);
        std::thread::spawn(move || {
            for stream in listener.incoming().take(MAX_REQUESTS) {
                let Ok(stream) = stream else { continue };
                let _ = answer(stream, &routes, &seen);
            }
        });
        Server { base, hits }
    }

    fn hits(&self) -> Vec<String> {
        self.hits.lock().unwrap().clone()
    }
}

fn answer(
    stream: TcpStream,
    routes: &BTreeMap<String, Answer>,
    hits: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    for _ in 0..100 {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" {
            break;
        }
    }
    let target = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_string();
    hits.lock().unwrap().push(target.clone());
    let head = |status: &str, extra: &str, len: usize| {
        format!("HTTP/1.1 {status}\r\n{extra}Content-Length: {len}\r\nConnection: close\r\n\r\n")
    };
    let mut stream = stream;
    match routes.get(&target) {
        Some(Answer::Body(body)) => {
            let extra = "Content-Type: text/xml; charset=utf-8\r\n";
            stream.write_all(head("200 OK", extra, body.len()).as_bytes())?;
            stream.write_all(body.as_bytes())?;
        }
        Some(Answer::Redirect(to)) => {
            let extra = format!("Location: {to}\r\n");
            stream.write_all(head("302 Found", &extra, 0).as_bytes())?;
        }
        None => stream.write_all(head("404 Not Found", "", 0).as_bytes())?,
    }
    stream.flush()
}

/// The published service: what the server sends for each target.
fn published(base: &str) -> BTreeMap<String, Answer> {
    let common = format!("{base}/ws/Shop?xsd=2");
    let body = |t: &str, v: &[(&str, String)]| Answer::Body(fill(t, v));
    BTreeMap::from([
        (
            "/ws/Shop?wsdl".to_string(),
            body(
                WSDL,
                &[("TYPES", "?xsd=1".into()), ("COMMON", common.clone())],
            ),
        ),
        (
            "/ws/Shop?xsd=1".to_string(),
            body(
                TYPES,
                &[
                    ("COMMON", "Shop?xsd=2".into()),
                    ("EXTRA", "parts/extra.xsd".into()),
                ],
            ),
        ),
        ("/ws/Shop?xsd=2".to_string(), body(COMMON, &[])),
        ("/ws/parts/extra.xsd".to_string(), body(EXTRA, &[])),
        (
            "/start".to_string(),
            Answer::Redirect(format!("{base}/ws/Shop?wsdl")),
        ),
    ])
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("soapgen-fetch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The service as its authors keep it: plain relative file names.
fn originals(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir.join("parts")).unwrap();
    let wsdl = dir.join("Shop.wsdl");
    let values = [
        ("TYPES", "types.xsd".to_string()),
        ("COMMON", "common.xsd".to_string()),
        ("EXTRA", "parts/extra.xsd".to_string()),
    ];
    std::fs::write(&wsdl, fill(WSDL, &values)).unwrap();
    std::fs::write(dir.join("types.xsd"), fill(TYPES, &values)).unwrap();
    std::fs::write(dir.join("common.xsd"), COMMON).unwrap();
    std::fs::write(dir.join("parts/extra.xsd"), EXTRA).unwrap();
    wsdl
}

fn soapgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_soapgen"))
        .args(args)
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "soapgen failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn failure(out: &Output) -> String {
    assert!(!out.status.success(), "soapgen should have failed");
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn fetch_downloads_every_import_once_and_rewrites_locations() {
    let server = Server::start(published);
    let dir = scratch("all");
    let url = format!("{}/ws/Shop?wsdl", server.base);
    let out = stdout(&soapgen(&["fetch", &url, "--out", dir.to_str().unwrap()]));

    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["Shop-xsd1.xsd", "Shop-xsd2.xsd", "Shop.wsdl", "extra.xsd"]
    );
    // Each file is the published one with only the location values changed.
    let common = format!("{}/ws/Shop?xsd=2", server.base);
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    assert_eq!(
        read("Shop.wsdl"),
        fill(
            WSDL,
            &[
                ("TYPES", "Shop-xsd1.xsd".into()),
                ("COMMON", "Shop-xsd2.xsd".into())
            ]
        )
    );
    assert_eq!(
        read("Shop-xsd1.xsd"),
        fill(
            TYPES,
            &[
                ("COMMON", "Shop-xsd2.xsd".into()),
                ("EXTRA", "extra.xsd".into())
            ]
        )
    );
    assert_eq!(read("Shop-xsd2.xsd"), COMMON);
    assert_eq!(read("extra.xsd"), EXTRA);
    assert!(
        read("Shop-xsd1.xsd").contains("schemaLocation=\"http://www.w3.org/2001/xml.xsd\""),
        "a built-in namespace's location is left alone"
    );

    // Each URL was requested once, though `?xsd=2` is imported twice.
    let mut hits = server.hits();
    hits.sort();
    assert_eq!(
        hits,
        [
            "/ws/Shop?wsdl",
            "/ws/Shop?xsd=1",
            "/ws/Shop?xsd=2",
            "/ws/parts/extra.xsd"
        ]
    );

    // The mapping: which URL went to which file, and that no location map is needed.
    let line = |name: &str, url: &str| {
        out.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == [name, url])
    };
    assert!(line("Shop.wsdl", &url), "{out}");
    assert!(
        line("Shop-xsd1.xsd", &format!("{}/ws/Shop?xsd=1", server.base)),
        "{out}"
    );
    assert!(line("Shop-xsd2.xsd", &common), "{out}");
    assert!(
        line("extra.xsd", &format!("{}/ws/parts/extra.xsd", server.base)),
        "{out}"
    );
    assert!(out.contains("fetched 4 files"), "{out}");
    assert!(
        out.contains("no Config::location mapping is needed"),
        "{out}"
    );
    let root = dir.join("Shop.wsdl");
    assert!(
        out.contains(&format!(
            "Config::new().wsdl({:?})",
            root.display().to_string()
        )),
        "{out}"
    );

    // The fetched files generate the same code as the originals.
    let orig = originals(&scratch("all-orig"));
    let code = |wsdl: &Path| {
        stdout(&soapgen(&[
            "generate",
            "--wsdl",
            wsdl.to_str().unwrap(),
            "--out",
            "-",
        ]))
    };
    assert_eq!(code(&root), code(&orig));
}

#[test]
fn inspect_json_of_fetched_files_equals_that_of_the_originals() {
    let server = Server::start(published);
    let dir = scratch("json");
    let url = format!("{}/ws/Shop?wsdl", server.base);
    stdout(&soapgen(&["fetch", &url, "--out", dir.to_str().unwrap()]));
    let fetched = stdout(&soapgen(&[
        "inspect",
        "--json",
        dir.join("Shop.wsdl").to_str().unwrap(),
    ]));
    let orig = originals(&scratch("json-orig"));
    let original = stdout(&soapgen(&["inspect", "--json", orig.to_str().unwrap()]));
    assert_eq!(fetched, original);
    // `inspect URL` fetches into a temporary directory; through a redirect,
    // relative locations resolve against where the WSDL really is.
    let by_url = stdout(&soapgen(&[
        "inspect",
        "--json",
        &format!("{}/start", server.base),
    ]));
    assert_eq!(by_url, original);

    // What the report holds: no paths, XML and Rust names side by side.
    assert!(!original.contains(orig.parent().unwrap().to_str().unwrap()));
    let json: serde_json::Value = serde_json::from_str(&original).unwrap();
    let service = &json["services"][0];
    assert_eq!(service["name"], "ShopService");
    let port = &service["ports"][0];
    assert_eq!(port["endpoint"], "http://shop.example/ws/Shop");
    assert_eq!(port["soap_version"], "1.1");
    assert_eq!(port["style"], "document");
    assert_eq!(port["rust"]["client"], "ShopServiceClient");
    let op = &port["operations"][0];
    assert_eq!(op["xml_name"], "getOrder");
    assert_eq!(op["rust_name"], "get_order");
    assert_eq!(op["soap_action"], "urn:shop:getOrder");
    assert_eq!(op["input"]["element"]["namespace"], "urn:shop:msg");
    assert_eq!(op["input"]["element"]["name"], "getOrder");
    assert_eq!(op["input"]["rust_type"], "msg::GetOrder");
    assert_eq!(op["output"]["returns"], "types::Order");
    assert_eq!(op["faults"][0]["name"], "ShopErrorException");
    assert_eq!(op["faults"][0]["element"]["name"], "shopError");
    assert_eq!(op["faults"][0]["rust_type"], "msg::ShopError");
    let header = &op["headers"]["input"][0];
    assert_eq!(header["message"], "{urn:shop}auth");
    assert_eq!(header["part"], "auth");
    assert_eq!(header["element"]["name"], "auth");
    assert_eq!(header["rust_field"], "auth");
    assert_eq!(op["headers"]["rust_method"], "get_order_with_headers");
    let port12 = &service["ports"][1];
    assert_eq!(port12["soap_version"], "1.2");
    assert_eq!(port12["rust"]["client"], "ShopServiceSoap12Client");
    assert_eq!(
        port12["operations"][0]["soap_action"],
        "urn:shop:getOrder12"
    );

    let module = |name: &str| {
        json["modules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["rust_name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no module {name} in {original}"))
    };
    let types = module("types");
    assert_eq!(types["namespace"], "urn:shop:types");
    let order = types["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["rust_name"] == "Order")
        .unwrap()
        .clone();
    assert_eq!(order["xml"]["name"], "order");
    assert_eq!(order["xml"]["namespace"], "urn:shop:types");
    assert_eq!(order["kind"], "struct");
    let field = |i: usize| &order["fields"][i];
    assert_eq!(field(0)["xml"]["name"], "id");
    assert_eq!(field(0)["rust_type"], "common::Id");
    assert_eq!(field(2)["rust_name"], "lines");
    assert_eq!(field(2)["rust_type"], "Vec<types::Line>");
    assert_eq!(field(2)["occurrence"], "many");
    assert_eq!(field(3)["field"], "choice");
    assert_eq!(field(3)["arms"][0]["xml"]["name"], "card");
    assert_eq!(field(3)["arms"][0]["rust_type"], "common::Card");
    assert_eq!(field(3)["arms"][1]["rust_type"], "Vec<common::Invoice>");
    assert_eq!(order["attributes"][0]["rust_type"], "Option<i32>");
    let common = module("common");
    let state = &common["types"][1];
    assert_eq!(state["kind"], "enumeration");
    assert_eq!(state["values"][1]["value"], "IS_DEBITED");
    assert_eq!(state["values"][1]["rust_variant"], "IsDebited");
}

#[test]
fn failures_name_the_url_and_write_nothing() {
    let server = Server::start(|base| {
        let mut routes = published(base);
        let bad = |location: &str| {
            Answer::Body(fill(
                TYPES,
                &[
                    ("COMMON", location.into()),
                    ("EXTRA", "parts/extra.xsd".into()),
                ],
            ))
        };
        routes.insert("/missing.xsd".into(), bad("nowhere.xsd"));
        routes.insert("/ftp.xsd".into(), bad("ftp://files.example/common.xsd"));
        routes.insert("/html".into(), Answer::Body("<html><body/></html>".into()));
        routes
    });
    let base = &server.base;
    let run = |target: &str, extra: &[&str]| {
        let dir = scratch(&format!("fail{}", target.replace(['/', '?', '='], "_")));
        let mut args = vec!["fetch", target, "--out", dir.to_str().unwrap()];
        args.extend_from_slice(extra);
        let err = failure(&soapgen(&args));
        assert!(!dir.exists(), "nothing is written on failure: {err}");
        assert!(!err.contains("panicked"), "{err}");
        err
    };

    let err = run(&format!("{base}/missing.xsd"), &[]);
    assert_eq!(
        err.trim(),
        format!("GET {base}/nowhere.xsd: HTTP status 404")
    );

    let err = run(&format!("{base}/ftp.xsd"), &[]);
    assert_eq!(
        err.trim(),
        format!(
            "{base}/ftp.xsd (ftp.xsd, line 6): location `ftp://files.example/common.xsd`: \
             only http and https locations are followed"
        )
    );

    let err = run(&format!("{base}/html"), &[]);
    assert!(
        err.starts_with(&format!("{base}/html:1:1: root element `html`")),
        "{err}"
    );

    let err = run(&format!("{base}/ws/Shop?wsdl"), &["--max-files", "2"]);
    assert_eq!(
        err.trim(),
        format!("{base}/ws/Shop?xsd=2: more than 2 files would be downloaded")
    );

    let err = run(
        &format!("{base}/ws/Shop?wsdl"),
        &["--max-file-bytes", "1000"],
    );
    assert_eq!(
        err.trim(),
        format!("GET {base}/ws/Shop?wsdl: the file is larger than the limit of 1000 bytes")
    );

    let total = WSDL.len() + 100;
    let err = run(
        &format!("{base}/ws/Shop?wsdl"),
        &["--max-total-bytes", &total.to_string()],
    );
    assert!(
        err.contains("the files downloaded exceed the limit of"),
        "{err}"
    );

    let err = run("file:///etc/passwd", &[]);
    assert!(err.contains("not an http or https URL"), "{err}");
}
