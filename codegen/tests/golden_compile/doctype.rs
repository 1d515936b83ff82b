//! The `doctype` case: schemas with a DOCTYPE whose entities nobody
//! references (the top schema, and an imported one shaped like the stock
//! W3C xmldsig schema) generate like any other.
use crate::doctype::doctype::Signed;
use crate::roundtrip;

#[test]
fn doctype_schemas_generate_and_roundtrip() {
    let v: Signed = roundtrip("doctype", Some("urn:golden:doctype"), "signed");
    assert_eq!(v.payload, "order 42");
    assert_eq!(v.signature.id.as_ref().map(|i| i.as_str()), Some("sig-1"));
    assert_eq!(
        v.signature.digest_method.algorithm,
        "http://www.w3.org/2001/04/xmlenc#sha256"
    );
}
