//! Property: every request and response of the Resurs services survives
//! encode → decode unchanged, with no diagnostic in strict mode. The values
//! come from the `Arbitrary` impls that soap-codegen emits
//! (`Config::arbitrary(true)`, facets respected) and the operations from the
//! generated `v4::arbitrary_operations`; nothing here lists a type.

use std::collections::BTreeSet;
use std::fmt::Debug;

use proptest::test_runner::{Config, TestCaseError, TestRunner};
use resurs_aftershop::v4;
use soap_runtime::arbitrary::{Arbitrary, Visit};
use soap_runtime::rt::{envelope, DecodeOptions, FaultDetail, Operation, XmlType};

const CASES: u32 = 48;

#[derive(Default)]
struct RoundTrips {
    operations: BTreeSet<&'static str>,
    failures: Vec<String>,
    /// Operations whose response has content but whose draws never varied.
    constant: Vec<&'static str>,
    /// The longest response drawn (`ROUNDTRIP_SHOW=1` prints it).
    longest: Vec<u8>,
}

/// Draws per operation for the variety check.
const SAMPLES: usize = 16;

/// Whether an encoded response envelope has more than the empty body element
/// (`<?xml`, `Envelope`, `Body`, `<op/>` and the two closing tags).
fn has_content(envelope: &[u8]) -> bool {
    envelope.iter().filter(|&&b| b == b'<').count() > 6
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    })
}

fn check<T: XmlType + Arbitrary + PartialEq + Debug>(
    op: &Operation,
    value: &T,
    encode: impl Fn(&T) -> Result<Vec<u8>, soap_runtime::rt::EncodeError>,
    decode: impl Fn(&[u8]) -> Result<(Option<T>, usize), String>,
) -> Result<(), TestCaseError> {
    let bytes =
        encode(value).map_err(|e| TestCaseError::fail(format!("{}: encode: {e}", op.name)))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (back, diagnostics) = decode(&bytes)
        .map_err(|e| TestCaseError::fail(format!("{}: decode: {e}\n{text}", op.name)))?;
    proptest::prop_assert_eq!(back.as_ref(), Some(value), "{}\n{}", op.name, text);
    proptest::prop_assert_eq!(diagnostics, 0, "{}: diagnostics\n{}", op.name, text);
    Ok(())
}

impl Visit for RoundTrips {
    fn visit<Req, Resp, F>(&mut self, op: &'static Operation)
    where
        Req: XmlType + Arbitrary + Clone + PartialEq + Send,
        Resp: XmlType + Arbitrary + Clone + PartialEq + Send,
        F: FaultDetail + Debug + Clone + PartialEq,
    {
        self.operations.insert(op.name);
        let strict = DecodeOptions::strict();
        let requests = runner().run(&Req::arbitrary(), |req| {
            check(
                op,
                &req,
                |v| envelope::encode_request(op, &[], v),
                |b| {
                    envelope::decode_request::<Req>(op, b, &strict)
                        .map(|d| (Some(d.value), d.diagnostics.len()))
                        .map_err(|e| e.to_string())
                },
            )
        });
        let responses = runner().run(&Resp::arbitrary(), |resp| {
            check(
                op,
                &resp,
                |v| envelope::encode_response(op, &[], v),
                |b| {
                    envelope::decode_response::<Resp, F>(op, b, &strict)
                        .map(|d| (d.value.ok(), d.diagnostics.len()))
                        .map_err(|e| e.to_string())
                },
            )
        });
        // A fixed seed: the variety check gives the same verdict on every run.
        let mut sample = TestRunner::deterministic();
        let mut distinct = BTreeSet::new();
        for _ in 0..SAMPLES {
            let tree = proptest::strategy::Strategy::new_tree(&Resp::arbitrary(), &mut sample);
            if let Ok(tree) = tree {
                let value = proptest::strategy::ValueTree::current(&tree);
                if let Ok(bytes) = envelope::encode_response(op, &[], &value) {
                    distinct.insert(bytes);
                }
            }
        }
        if let Some(long) = distinct.iter().max_by_key(|b| b.len()) {
            if long.len() > self.longest.len() {
                self.longest = long.clone();
            }
        }
        if distinct.len() < 2 && distinct.iter().any(|bytes| has_content(bytes)) {
            self.constant.push(op.name);
        }
        let requests = requests.map_err(|e| format!("{} request: {e}", op.name));
        let responses = responses.map_err(|e| format!("{} response: {e}", op.name));
        self.failures
            .extend(requests.err().into_iter().chain(responses.err()));
    }
}

#[test]
fn every_request_and_response_round_trips() {
    let mut visitor = RoundTrips::default();
    v4::arbitrary_operations(&mut visitor);
    assert!(
        visitor.failures.is_empty(),
        "{}",
        visitor.failures.join("\n\n")
    );
    // Responses without content (`annulPaymentResponse` is empty) repeat; the others vary.
    assert!(
        visitor.constant.is_empty(),
        "responses drawn {SAMPLES} times without varying: {:?}",
        visitor.constant
    );

    // Every operation of the WSDLs was visited (names as the model has them).
    let model = soap_codegen::Config::new()
        .wsdl(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/wsdl/AfterShopFlowService.wsdl"
        ))
        .wsdl(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/wsdl/ShopFlowService.wsdl"
        ))
        .model()
        .unwrap();
    if std::env::var_os("ROUNDTRIP_SHOW").is_some() {
        eprintln!("{}", String::from_utf8_lossy(&visitor.longest));
    }
    let declared: BTreeSet<&str> = model
        .modules
        .iter()
        .flat_map(|m| &m.operations)
        .map(|op| op.name.as_str())
        .collect();
    assert_eq!(visitor.operations, declared);
}

#[test]
fn arbitrary_values_respect_the_facets() {
    use resurs_aftershop::common::{Id, Percent};
    use soap_runtime::rt::SimpleType;
    let mut runner = runner();
    runner
        .run(&Id::arbitrary(), |id| {
            proptest::prop_assert!(id.check_facets().is_ok());
            proptest::prop_assert!(!id.as_str().is_empty());
            Ok(())
        })
        .unwrap();
    runner
        .run(&Percent::arbitrary(), |p| {
            proptest::prop_assert!(p.check_facets().is_ok(), "{p:?}");
            Ok(())
        })
        .unwrap();
}
