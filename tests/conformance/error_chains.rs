//! Every error prints each cause once: walking `source()` from any error never
//! meets a message that an earlier link already printed (issue 11).

use std::error::Error;
use std::net::TcpListener;

use resurs_aftershop::decode::{decode_envelope, decode_envelope_with, Direction};
use resurs_aftershop::rules::LineItem;
use resurs_aftershop::simulator::{Fixtures, Simulator};
use rust_decimal::Decimal;
use soap_runtime::DecodeOptions;

/// The messages of `error`'s chain, each checked not to contain a later one.
fn assert_each_cause_once(error: &(dyn Error + 'static)) -> Vec<String> {
    let mut messages = Vec::new();
    let mut link = Some(error);
    while let Some(e) = link {
        messages.push(e.to_string());
        link = e.source();
    }
    for (i, message) in messages.iter().enumerate() {
        for later in &messages[i + 1..] {
            assert!(
                !message.contains(later.as_str()),
                "cause printed twice: {messages:?}"
            );
        }
    }
    messages
}

#[tokio::test]
async fn simulator_start_errors() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr");
    let bind = Simulator::builder()
        .listen(addr)
        .start()
        .await
        .expect_err("address in use");
    let messages = assert_each_cause_once(&bind);
    assert!(messages[0].contains(&addr.to_string()), "{messages:?}");

    let missing_dir = std::env::temp_dir().join(format!("no-such-dir-{}", std::process::id()));
    let log = Simulator::builder()
        .log(missing_dir.join("log.jsonl"))
        .start()
        .await
        .expect_err("log in a missing directory");
    let messages = assert_each_cause_once(&log);
    assert!(messages[0].contains("request log"), "{messages:?}");
}

#[test]
fn fixture_errors() {
    let missing = Fixtures::from_file("/no/such/fixtures.json").expect_err("missing");
    let messages = assert_each_cause_once(&missing);
    assert!(
        messages[0].contains("/no/such/fixtures.json"),
        "{messages:?}"
    );
    let json = Fixtures::from_json("[{").expect_err("not JSON");
    let messages = assert_each_cause_once(&json);
    assert!(messages[0].contains("not valid JSON"), "{messages:?}");
}

#[test]
fn spec_errors() {
    let line = LineItem::new(
        "",
        "A-1",
        "a",
        Decimal::ONE,
        Decimal::TEN,
        Decimal::from(25),
    );
    let error = line.to_spec_line(0).expect_err("empty id");
    let messages = assert_each_cause_once(&error);
    assert!(
        messages[0].starts_with("line 0: invalid id"),
        "{messages:?}"
    );
}

#[test]
fn decode_errors() {
    let envelope = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x:getPaymentResponse xmlns:x="http://ecommerce.resurs.com/v4/msg/aftershopflow"><return><id>1</id><totalAmount>lots</totalAmount></return></x:getPaymentResponse></s:Body></s:Envelope>"#;
    let strict = DecodeOptions {
        strict: true,
        ..DecodeOptions::default()
    };
    let error = decode_envelope_with(
        "getPayment",
        Direction::Response,
        envelope.as_bytes(),
        &strict,
    )
    .expect_err("strict decoding of a bad value");
    let messages = assert_each_cause_once(&error);
    assert!(
        messages[0].contains("'lots' is not a valid decimal"),
        "{messages:?}"
    );
    let garbage =
        decode_envelope("getPayment", Direction::Response, b"<s:Envelope").expect_err("truncated");
    assert_each_cause_once(&garbage);
}
