//! The simulator over HTTP: every documented example request and every seed
//! envelope, posted byte for byte, gets a valid response; the documented
//! getPayment response and fault are reproduced.
//!
//! Needs `../shared` (skipped with a message when it is absent).

use crate::harness::http;

use std::path::{Path, PathBuf};

use resurs_aftershop::simulator::{Simulator, SimulatorHandle, MISSING_PAYMENT};
use rust_decimal::Decimal;

/// `../shared`, or `None` (with a message) when it is absent.
fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: ../shared is absent");
        None
    }
}

/// `shop:secret`, the user of the simulators started here.
const AUTHORIZATION: &str = "Basic c2hvcDpzZWNyZXQ=";

/// Posts `body` as it is (as user `shop`) and returns the status and the response body.
async fn post(url: &str, body: &[u8]) -> (u16, String) {
    let rest = url.strip_prefix("http://").expect("http url");
    let (host, path) = rest.split_at(rest.find('/').expect("path"));
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/xml; charset=utf-8\r\n\
         SOAPAction: \"\"\r\nAuthorization: {AUTHORIZATION}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let answer = http::exchange(host, &head, body)
        .await
        .expect("http response");
    (answer.status, answer.body)
}

/// The first element in the SOAP body of `xml`.
fn body_element(xml: &str) -> (String, String) {
    let doc = roxmltree::Document::parse(xml).expect("response is XML");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name(("http://schemas.xmlsoap.org/soap/envelope/", "Body")))
        .expect("soap body");
    let first = body
        .children()
        .find(|n| n.is_element())
        .expect("body element");
    (
        first.tag_name().namespace().unwrap_or_default().to_owned(),
        first.tag_name().name().to_owned(),
    )
}

/// The operation element a request envelope carries.
fn operation_of(request: &str) -> String {
    body_element(request).1
}

async fn fresh() -> SimulatorHandle {
    Simulator::builder()
        .user("shop", "secret")
        .start()
        .await
        .expect("simulator")
}

async fn expect_success(name: &str, url: &str, request: &str) {
    let sim = fresh().await;
    let endpoint = if url.is_empty() {
        sim.after_shop_url()
    } else {
        url.to_owned()
    };
    let (status, response) = post(&endpoint, request.as_bytes()).await;
    assert_eq!(status, 200, "{name}: {response}");
    let (ns, element) = body_element(&response);
    assert_eq!(
        element,
        format!("{}Response", operation_of(request)),
        "{name}"
    );
    assert_eq!(
        ns, "http://ecommerce.resurs.com/v4/msg/aftershopflow",
        "{name}"
    );
    sim.stop().await;
}

#[tokio::test]
async fn every_documented_example_request_is_answered() {
    let Some(shared) = shared_dir() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join("resurs-v4/examples"))
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains(".request"))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 12, "{files:?}");
    for file in files {
        let request = std::fs::read_to_string(&file).expect("read example");
        expect_success(&file.display().to_string(), "", &request).await;
    }
}

#[tokio::test]
async fn the_documented_example_requests_also_succeed_one_after_another() {
    let Some(shared) = shared_dir() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join("resurs-v4/examples"))
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains(".request"))
        })
        .collect();
    files.sort();
    let sim = fresh().await;
    for file in files {
        let request = std::fs::read(&file).expect("read example");
        let (status, response) = post(&sim.after_shop_url(), &request).await;
        assert_eq!(status, 200, "{}: {response}", file.display());
    }
    sim.stop().await;
}

/// The SOAP envelopes quoted in a seed page.
fn envelopes(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(":Envelope ").and_then(|i| rest[..i].rfind('<')) {
        let prefix = &rest[start + 1..rest[start..].find(':').map_or(start, |i| start + i)];
        let close = format!("</{prefix}:Envelope>");
        let Some(end) = rest[start..].find(&close) else {
            break;
        };
        let end = start + end + close.len();
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

#[tokio::test]
async fn every_seed_envelope_is_answered() {
    let Some(shared) = shared_dir() else { return };
    let mut count = 0;
    for entry in std::fs::read_dir(shared.join("seeds")).expect("seeds") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("seed");
        for envelope in envelopes(&text) {
            expect_success(&path.display().to_string(), "", envelope).await;
            count += 1;
        }
    }
    assert!(count >= 5, "found {count} envelopes in the seeds");
}

#[tokio::test]
async fn an_unknown_payment_gets_the_documented_fault() {
    let Some(shared) = shared_dir() else { return };
    let sim = fresh().await;
    let request = format!(
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" \
         xmlns:aft=\"http://ecommerce.resurs.com/v4/msg/aftershopflow\"><soapenv:Body>\
         <aft:getPayment><paymentId>{MISSING_PAYMENT}</paymentId></aft:getPayment>\
         </soapenv:Body></soapenv:Envelope>"
    );
    let (status, response) = post(&sim.after_shop_url(), request.as_bytes()).await;
    assert_eq!(status, 500, "{response}");
    let ours = roxmltree::Document::parse(&response).expect("xml");
    let documented =
        std::fs::read_to_string(shared.join("resurs-v4/examples/get-payment.fault.xml"))
            .expect("fault");
    let documented = roxmltree::Document::parse(&documented).expect("xml");
    let leaf = |doc: &roxmltree::Document<'_>, name: &str| -> String {
        doc.descendants()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    for name in [
        "errorTypeDescription",
        "errorTypeId",
        "fixableByYou",
        "userErrorMessage",
    ] {
        assert_eq!(leaf(&ours, name), leaf(&documented, name), "{name}");
    }
    assert!(leaf(&ours, "faultcode").ends_with(":Server"));
    let error = ours
        .descendants()
        .find(|n| n.has_tag_name("ECommerceError"))
        .expect("ECommerceError detail");
    assert_eq!(
        error.tag_name().namespace(),
        Some("http://ecommerce.resurs.com/v4/msg/exception")
    );
    sim.stop().await;
}

/// `(path, text)` of every leaf element under `node`.
fn leaves(node: roxmltree::Node<'_, '_>, path: &str, out: &mut Vec<(String, String)>) {
    let children: Vec<_> = node.children().filter(|n| n.is_element()).collect();
    if children.is_empty() {
        out.push((
            path.to_owned(),
            node.text().unwrap_or_default().trim().to_owned(),
        ));
    }
    for child in children {
        leaves(child, &format!("{path}/{}", child.tag_name().name()), out);
    }
}

fn same_value(a: &str, b: &str) -> bool {
    match (a.parse::<Decimal>(), b.parse::<Decimal>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

#[tokio::test]
async fn the_documented_get_payment_response_is_reproduced() {
    let Some(shared) = shared_dir() else { return };
    let sim = fresh().await;
    let request =
        std::fs::read(shared.join("resurs-v4/examples/get-payment.request.xml")).expect("request");
    let (status, response) = post(&sim.after_shop_url(), &request).await;
    assert_eq!(status, 200, "{response}");
    let documented =
        std::fs::read_to_string(shared.join("resurs-v4/examples/get-payment.response.xml"))
            .expect("response");
    let returned = |xml: &str| -> Vec<(String, String)> {
        let doc = roxmltree::Document::parse(xml).expect("xml");
        let node = doc
            .descendants()
            .find(|n| n.has_tag_name("return"))
            .expect("return");
        let mut out = Vec::new();
        leaves(node, "", &mut out);
        out
    };
    let ours = returned(&response);
    let mut ours_iter = ours.iter();
    for (path, value) in returned(&documented) {
        let found = ours_iter.find(|(p, _)| *p == path);
        let Some((_, our_value)) = found else {
            panic!("{path} = {value} missing or out of order in {ours:?}");
        };
        assert!(
            same_value(our_value, &value),
            "{path}: ours {our_value}, documented {value}"
        );
    }
    // Five decimals, whatever was stored.
    let total = ours
        .iter()
        .find(|(p, _)| p == "/totalAmount")
        .expect("totalAmount");
    assert_eq!(total.1, "0.00000");
    sim.stop().await;
}

#[tokio::test]
async fn tokens_are_served_at_the_shop_flow_path() {
    let sim = fresh().await;
    let request = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" \
         xmlns:shop=\"http://ecommerce.resurs.com/v4/msg/shopflow\"><soapenv:Body>\
         <shop:issueCustomerIdentificationToken><customerCard><governmentId>8305147715</governmentId>\
         <customerType>NATURAL</customerType><cardNumber>9000</cardNumber></customerCard>\
         <customerIpAddress>127.0.0.1</customerIpAddress></shop:issueCustomerIdentificationToken>\
         </soapenv:Body></soapenv:Envelope>";
    let (status, response) = post(&sim.shop_flow_url(), request.as_bytes()).await;
    assert_eq!(status, 200, "{response}");
    let doc = roxmltree::Document::parse(&response).expect("xml");
    let token = doc
        .descendants()
        .find(|n| n.has_tag_name("token"))
        .and_then(|n| n.text())
        .expect("token");
    assert_eq!(token.len(), 100);
    assert!(token.bytes().all(|b| b.is_ascii_alphanumeric()));
    sim.stop().await;
}

#[test]
fn the_seeds_quote_five_well_formed_envelopes() {
    let Some(shared) = shared_dir() else { return };
    let mut operations = Vec::new();
    for entry in std::fs::read_dir(shared.join("seeds")).expect("seeds") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("seed");
        operations.extend(envelopes(&text).into_iter().map(operation_of));
    }
    operations.sort();
    assert_eq!(
        operations,
        [
            "additionalDebitOfPayment",
            "annulPayment",
            "annulPayment",
            "creditPayment",
            "creditPayment"
        ]
    );
}

#[test]
fn seed_envelopes_are_found() {
    let text = "x <soap:Envelope a=\"1\"><soap:Body/></soap:Envelope> y <SOAP-ENV:Envelope b=\"2\"></SOAP-ENV:Envelope>";
    assert_eq!(
        envelopes(text),
        [
            "<soap:Envelope a=\"1\"><soap:Body/></soap:Envelope>",
            "<SOAP-ENV:Envelope b=\"2\"></SOAP-ENV:Envelope>"
        ]
    );
}
