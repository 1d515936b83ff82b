//! Every request envelope Resurs publishes (`../shared/resurs-v4/examples`
//! and the envelopes quoted in `../shared/seeds`) decodes server-side into
//! its typed request and re-encodes to an equivalent envelope.
//!
//! "Equivalent" (see `support::Content`): the same operation element by
//! expanded name (`{http://ecommerce.resurs.com/v4/msg/aftershopflow}op`),
//! and below it the same tree of local names, `xsi:nil` flags, attributes
//! and leaf texts, character for character (so `50.000000000000000` stays
//! `50.000000000000000`). The published envelopes disagree on the namespace
//! of the children (unqualified, or in the message namespace through a
//! default namespace declaration, or reset with `xmlns=""`), so their
//! children are compared by local name only; our re-encoding must follow
//! the schema (`elementFormDefault="unqualified"`): no child element in a
//! namespace. Comments and whitespace between elements are ignored.

use crate::harness::canned as support;

use std::path::Path;

use resurs_aftershop::common::{PaymentSpec, PaymentStatus};
use resurs_aftershop::msg_aftershopflow::{
    self as msg, AddMetaData, AdditionalDebitOfPayment, AnnulPayment, CalculateResultSize,
    CreditPayment, FinalizePayment, FindPayments, GetCustomerBonus, GetPayment, GetPaymentDocument,
    GetPaymentDocumentNames, InsertBonusPoints, WithdrawBonusPoints,
};
use resurs_aftershop::v4;
use soap_runtime::rt::{envelope, Diagnostic, Operation, XmlType};
use soap_runtime::{DecodeOptions, Nillable};
use support::Content;

/// What a server-side round trip of one request produced.
struct RoundTrip<T> {
    request: T,
    diagnostics: Vec<Diagnostic>,
    encoded: String,
}

/// Decodes `xml` as the request of `op` (lenient, like the server) and
/// re-encodes the typed value. A strict decode must give the same value.
fn round_trip<T: XmlType + PartialEq + std::fmt::Debug>(
    op: &Operation,
    xml: &[u8],
    what: &str,
) -> RoundTrip<T> {
    let decoded = envelope::decode_request::<T>(op, xml, &DecodeOptions::default())
        .unwrap_or_else(|e| panic!("{what}: the server cannot decode it: {e}"));
    let strict = envelope::decode_request::<T>(op, xml, &DecodeOptions::strict())
        .unwrap_or_else(|e| panic!("{what}: a strict decode fails: {e}"));
    assert_eq!(strict.value, decoded.value, "{what}: strict vs lenient");
    let encoded = envelope::encode_request(op, &[], &decoded.value)
        .unwrap_or_else(|e| panic!("{what}: the decoded request does not re-encode: {e}"));
    RoundTrip {
        request: decoded.value,
        diagnostics: decoded.diagnostics,
        encoded: String::from_utf8(encoded).expect("our envelopes are UTF-8"),
    }
}

/// The same round trip without the typed value, for the request of the
/// After Shop operation named `local`.
fn round_trip_by_name(local: &str, xml: &[u8], what: &str) -> (Vec<Diagnostic>, String) {
    fn erased<T: XmlType + PartialEq + std::fmt::Debug>(
        op: &Operation,
        xml: &[u8],
        what: &str,
    ) -> (Vec<Diagnostic>, String) {
        let rt = round_trip::<T>(op, xml, what);
        (rt.diagnostics, rt.encoded)
    }
    match local {
        "additionalDebitOfPayment" => {
            erased::<AdditionalDebitOfPayment>(&v4::ADDITIONAL_DEBIT_OF_PAYMENT, xml, what)
        }
        "finalizePayment" => erased::<FinalizePayment>(&v4::FINALIZE_PAYMENT, xml, what),
        "annulPayment" => erased::<AnnulPayment>(&v4::ANNUL_PAYMENT, xml, what),
        "creditPayment" => erased::<CreditPayment>(&v4::CREDIT_PAYMENT, xml, what),
        "addMetaData" => erased::<AddMetaData>(&v4::ADD_META_DATA, xml, what),
        "getPayment" => erased::<GetPayment>(&v4::GET_PAYMENT, xml, what),
        "getPaymentDocument" => erased::<GetPaymentDocument>(&v4::GET_PAYMENT_DOCUMENT, xml, what),
        "getPaymentDocumentNames" => {
            erased::<GetPaymentDocumentNames>(&v4::GET_PAYMENT_DOCUMENT_NAMES, xml, what)
        }
        "calculateResultSize" => {
            erased::<CalculateResultSize>(&v4::CALCULATE_RESULT_SIZE, xml, what)
        }
        "findPayments" => erased::<FindPayments>(&v4::FIND_PAYMENTS, xml, what),
        "insertBonusPoints" => erased::<InsertBonusPoints>(&v4::INSERT_BONUS_POINTS, xml, what),
        "withdrawBonusPoints" => {
            erased::<WithdrawBonusPoints>(&v4::WITHDRAW_BONUS_POINTS, xml, what)
        }
        "getCustomerBonus" => erased::<GetCustomerBonus>(&v4::GET_CUSTOMER_BONUS, xml, what),
        other => panic!("{what}: {other} is not an After Shop operation"),
    }
}

/// Peeks at the operation of a published request, round-trips it and checks
/// that our envelope is equivalent; returns the operation's local name.
fn check_request(xml: &[u8], what: &str) -> String {
    let op = envelope::peek_operation(xml, &DecodeOptions::default())
        .unwrap_or_else(|e| panic!("{what}: no operation found: {e}"));
    assert_eq!(
        op.namespace.as_deref(),
        Some(msg::NAMESPACE),
        "{what}: operation element namespace"
    );
    let (diagnostics, encoded) = round_trip_by_name(&op.local, xml, what);
    assert!(
        diagnostics.is_empty(),
        "{what}: the published request needed tolerance: {diagnostics:#?}"
    );

    let published_text = std::str::from_utf8(xml).expect("published examples are UTF-8");
    let published = support::parse(published_text, what);
    let ours = support::parse(&encoded, "our re-encoding");
    let (theirs, mine) = (
        support::body_element(&published),
        support::body_element(&ours),
    );
    assert_eq!(
        support::expanded_name(mine),
        support::expanded_name(theirs),
        "{what}: operation element"
    );
    assert_eq!(
        support::qualified_elements(mine),
        Vec::<String>::new(),
        "{what}: our children must be unqualified\n{encoded}"
    );
    if let Some(diff) = Content::of(theirs).first_difference(&Content::of(mine)) {
        panic!("{what}: published vs re-encoded differ at {diff}\nours: {encoded}");
    }
    op.local
}

#[test]
fn the_comparison_sees_a_changed_scale_a_lost_nil_and_a_qualified_child() {
    let published = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body>
        <m:op xmlns:m="urn:m"><!-- c --><a>1.00</a><b xsi:nil="true"/></m:op></s:Body></s:Envelope>"#;
    let variants = [
        ("<a>1.0</a><b xsi:nil=\"true\"/>", "op/a[1]: text"),
        ("<a>1.00</a><b/>", "op/b[2]: nil"),
        ("<a>1.00</a>", "op: children"),
    ];
    let theirs = support::parse(published, "published");
    let theirs = Content::of(support::body_element(&theirs));
    for (body, expected) in variants {
        let changed = published.replace("<!-- c --><a>1.00</a><b xsi:nil=\"true\"/>", body);
        let doc = support::parse(&changed, "changed");
        let diff = theirs.first_difference(&Content::of(support::body_element(&doc)));
        assert!(
            diff.as_deref().is_some_and(|d| d.starts_with(expected)),
            "{body}: {diff:?}"
        );
    }
    let qualified = published.replace("<a>", "<m:a>").replace("</a>", "</m:a>");
    let doc = support::parse(&qualified, "qualified");
    let op = support::body_element(&doc);
    assert_eq!(theirs.first_difference(&Content::of(op)), None);
    assert_eq!(support::qualified_elements(op), ["{urn:m}a"]);
}

fn example(dir: &Path, file: &str) -> Vec<u8> {
    support::read(&dir.join("examples").join(file))
}

#[test]
fn every_published_request_round_trips_through_the_server_decoder() {
    let Some(dir) = support::resurs_v4("every_published_request_round_trips") else {
        return;
    };
    let requests: Vec<_> = support::files(&dir.join("examples"))
        .into_iter()
        .filter(|p| support::name(p).contains(".request"))
        .collect();
    let mut operations: Vec<String> = requests
        .iter()
        .map(|path| check_request(&support::read(path), &support::name(path)))
        .collect();
    operations.sort();
    operations.dedup();
    assert_eq!(
        operations,
        [
            "addMetaData",
            "additionalDebitOfPayment",
            "annulPayment",
            "calculateResultSize",
            "creditPayment",
            "finalizePayment",
            "findPayments",
            "getPayment",
            "getPaymentDocument",
            "getPaymentDocumentNames",
        ],
        "operations covered by the published requests"
    );
    assert_eq!(requests.len(), 13, "published request examples");
}

#[test]
fn every_published_example_is_covered_by_a_conformance_test() {
    let Some(dir) = support::resurs_v4("every_published_example_is_covered") else {
        return;
    };
    let uncovered: Vec<String> = support::files(&dir.join("examples"))
        .iter()
        .map(|p| support::name(p))
        .filter(|n| {
            !n.contains(".request")
                && n != "get-payment.response.xml"
                && n != "get-payment.fault.xml"
        })
        .collect();
    assert!(
        uncovered.is_empty(),
        "examples no test reads: {uncovered:?}"
    );
}

#[test]
fn the_envelopes_quoted_in_the_seeds_round_trip_too() {
    let Some(dir) = support::seeds("the_envelopes_quoted_in_the_seeds_round_trip") else {
        return;
    };
    let mut operations = Vec::new();
    for path in support::files(&dir) {
        let text = String::from_utf8(support::read(&path)).expect("seeds are UTF-8");
        for (i, quoted) in support::envelopes(&text).into_iter().enumerate() {
            let what = format!("{} envelope {}", support::name(&path), i + 1);
            operations.push(check_request(quoted.as_bytes(), &what));
        }
    }
    operations.sort();
    assert_eq!(
        operations,
        [
            "additionalDebitOfPayment",
            "annulPayment",
            "annulPayment",
            "creditPayment",
            "creditPayment",
        ]
    );
}

fn value<T: std::fmt::Debug + Clone>(field: &Option<Nillable<T>>, what: &str) -> T {
    match field {
        Some(Nillable::Value(v)) => v.clone(),
        other => panic!("{what}: expected a value, found {other:?}"),
    }
}

fn texts(spec: &PaymentSpec) -> Vec<[String; 4]> {
    spec.spec_lines
        .iter()
        .map(|l| {
            [
                l.quantity.to_string(),
                l.unit_amount_without_vat.to_string(),
                l.total_vat_amount.to_string(),
                l.total_amount.to_string(),
            ]
        })
        .collect()
}

#[test]
fn credit_with_discount_keeps_three_lines_a_negative_one_and_every_scale() {
    let Some(dir) = support::resurs_v4("credit_with_discount") else {
        return;
    };
    let xml = example(&dir, "credit-payment.request-discount.xml");
    let rt = round_trip::<CreditPayment>(&v4::CREDIT_PAYMENT, &xml, "credit with discount");
    let credit = rt.request;
    assert_eq!(credit.payment_id.as_str(), "creditexample1");
    assert_eq!(credit.preferred_transaction_id, Some(Nillable::Nil));
    let spec = value(&credit.part_payment_spec, "partPaymentSpec");
    let descriptions: Vec<&str> = spec
        .spec_lines
        .iter()
        .map(|l| l.description.as_str())
        .collect();
    assert_eq!(descriptions, ["Shoes", "Socks", "Rabatt"]);
    assert_eq!(
        texts(&spec),
        [
            ["1.00", "800.00000", "200.00", "1000.00"],
            [
                "1.00000",
                "200.00000",
                "50.000000000000000",
                "250.0000000000"
            ],
            [
                "1.00000",
                "-120.00000",
                "-30.000000000000000",
                "-150.0000000000"
            ],
        ]
    );
    assert!(spec.spec_lines[2].total_amount.is_sign_negative());
    assert_eq!(spec.spec_lines[1].vat_pct.to_string(), "25.00000");
    assert_eq!(spec.total_amount.to_string(), "1100");
    assert_eq!(
        value(&spec.total_vat_amount, "totalVatAmount").to_string(),
        "220"
    );
    assert_eq!(
        value(&credit.created_by, "createdBy").as_str(),
        "Partner Integration"
    );
    assert_eq!(
        value(&credit.credit_note_id, "creditNoteId").as_str(),
        "1001022226-PI2"
    );
    assert_eq!(
        value(&credit.credit_note_date, "creditNoteDate").to_string(),
        "2021-02-16"
    );
    assert_eq!(credit.invoice_delivery_type, None);
    assert!(
        rt.encoded
            .contains("<totalVatAmount>-30.000000000000000</totalVatAmount>"),
        "{}",
        rt.encoded
    );
}

#[test]
fn nil_stays_nil_and_is_distinct_from_absent() {
    let Some(dir) = support::resurs_v4("nil_stays_nil") else {
        return;
    };
    let xml = example(&dir, "credit-payment.request.xml");
    let rt = round_trip::<CreditPayment>(&v4::CREDIT_PAYMENT, &xml, "credit");
    assert_eq!(rt.request.preferred_transaction_id, Some(Nillable::Nil));
    let doc = support::parse(&rt.encoded, "our credit");
    let preferred = support::body_element(&doc)
        .children()
        .find(|c| c.has_tag_name("preferredTransactionId"))
        .expect("nil element written");
    assert_eq!(preferred.attribute((support::XSI, "nil")), Some("true"));
    assert!(!preferred.children().any(|c| c.is_element() || c.is_text()));

    let absent = CreditPayment {
        preferred_transaction_id: None,
        ..rt.request
    };
    let encoded = envelope::encode_request(&v4::CREDIT_PAYMENT, &[], &absent).expect("encodes");
    let encoded = String::from_utf8(encoded).expect("UTF-8");
    assert!(!encoded.contains("preferredTransactionId"), "{encoded}");

    let spec = value(&absent.part_payment_spec, "partPaymentSpec");
    assert_eq!(spec.spec_lines[0].unit_measure, "", "empty <unitMeasure/>");
}

#[test]
fn finalize_examples_keep_lines_totals_and_absent_vat() {
    let Some(dir) = support::resurs_v4("finalize_examples") else {
        return;
    };
    let xml = example(&dir, "finalize-payment.request-invoice.xml");
    let invoice = round_trip::<FinalizePayment>(&v4::FINALIZE_PAYMENT, &xml, "invoice").request;
    assert_eq!(invoice.payment_id.as_str(), "Pay-1349186086946-3861");
    assert_eq!(
        value(&invoice.preferred_transaction_id, "preferredTransactionId").as_str(),
        "TrD-12345"
    );
    let spec = value(&invoice.part_payment_spec, "partPaymentSpec");
    assert_eq!(
        texts(&spec),
        [
            ["21.00", "0.80", "4.2", "21.00"],
            ["17.00", "1.60", "6.8", "34.00"]
        ]
    );
    assert_eq!(spec.total_amount.to_string(), "55.00");
    assert_eq!(invoice.created_by, None);
    assert_eq!(value(&invoice.order_id, "orderId").as_str(), "Ord-23456");
    assert_eq!(
        value(&invoice.order_date, "orderDate").to_string(),
        "2012-10-02"
    );
    assert_eq!(
        value(&invoice.invoice_id, "invoiceId").as_str(),
        "DebInv-34567"
    );
    assert_eq!(
        value(&invoice.invoice_date, "invoiceDate").to_string(),
        "2012-10-02"
    );

    let xml = example(&dir, "finalize-payment.request-minimal.xml");
    let minimal = round_trip::<FinalizePayment>(&v4::FINALIZE_PAYMENT, &xml, "minimal").request;
    let spec = value(&minimal.part_payment_spec, "partPaymentSpec");
    assert!(spec.spec_lines.is_empty());
    assert_eq!(spec.total_amount.to_string(), "30.00");
    assert_eq!(spec.total_vat_amount, None, "absent, not nil");
    assert_eq!(value(&minimal.created_by, "createdBy").as_str(), "User");
    assert_eq!(minimal.order_date, None);
}

#[test]
fn annul_specified_and_unspecified() {
    let Some(dir) = support::resurs_v4("annul_specified_and_unspecified") else {
        return;
    };
    let xml = example(&dir, "annul-payment.request-specified.xml");
    let specified = round_trip::<AnnulPayment>(&v4::ANNUL_PAYMENT, &xml, "specified").request;
    assert_eq!(specified.payment_id.as_str(), "300007457");
    let spec = value(&specified.part_payment_spec, "partPaymentSpec (xmlns=\"\")");
    assert_eq!(spec.spec_lines.len(), 1);
    assert_eq!(spec.spec_lines[0].id.as_str(), "shippingfee");
    assert_eq!(spec.spec_lines[0].vat_pct.to_string(), "0");
    assert_eq!(
        value(&spec.total_vat_amount, "totalVatAmount").to_string(),
        "0"
    );
    assert_eq!(
        value(
            &specified.created_by,
            "createdBy (back in the message namespace)"
        )
        .as_str(),
        "IntegrationService"
    );

    let xml = example(&dir, "annul-payment.request-unspecified.xml");
    let unspecified = round_trip::<AnnulPayment>(&v4::ANNUL_PAYMENT, &xml, "unspecified").request;
    assert_eq!(unspecified.payment_id.as_str(), "12345");
    assert_eq!(unspecified.part_payment_spec, None);
    assert_eq!(
        value(&unspecified.created_by, "createdBy").as_str(),
        "Aftershop_annulPayment"
    );
}

#[test]
fn additional_debit_in_a_default_namespace_decodes() {
    let Some(dir) = support::resurs_v4("additional_debit_in_a_default_namespace") else {
        return;
    };
    let xml = example(&dir, "additional-debit-of-payment.request.xml");
    let debit = round_trip::<AdditionalDebitOfPayment>(
        &v4::ADDITIONAL_DEBIT_OF_PAYMENT,
        &xml,
        "additional debit",
    )
    .request;
    assert_eq!(debit.payment_id.as_str(), "300007457");
    let spec = value(&debit.payment_spec, "paymentSpec");
    assert_eq!(texts(&spec), [["1", "76", "19", "95"]]);
    assert_eq!(spec.spec_lines[0].description, "Frakt Norge");
    assert_eq!(value(&debit.created_by, "createdBy").as_str(), "User");
}

#[test]
fn reads_and_searches_keep_their_values() {
    let Some(dir) = support::resurs_v4("reads_and_searches") else {
        return;
    };
    let xml = example(&dir, "add-metadata.request.xml");
    let meta = round_trip::<AddMetaData>(&v4::ADD_META_DATA, &xml, "add metadata").request;
    assert_eq!(meta.payment_id.as_str(), "Sess-1346079637802-2201");
    assert_eq!(meta.key, "Transport");
    assert_eq!(value(&meta.value, "value"), "Use airline transport");

    let xml = example(&dir, "find-payments.request.xml");
    let find = round_trip::<FindPayments>(&v4::FIND_PAYMENTS, &xml, "find payments").request;
    let criteria = &find.search_criteria;
    assert_eq!(
        value(&criteria.payment_method_id, "paymentMethodId").as_str(),
        "NYTT_KORT"
    );
    assert_eq!(criteria.status_set, [PaymentStatus::Debitable]);
    assert_eq!(criteria.status_not_set, [PaymentStatus::IsDebited]);
    assert_eq!(find.page_number, None);

    let xml = example(&dir, "calculate-result-size.request.xml");
    let size =
        round_trip::<CalculateResultSize>(&v4::CALCULATE_RESULT_SIZE, &xml, "result size").request;
    assert_eq!(
        value(&size.search_criteria.payment_method_id, "paymentMethodId").as_str(),
        "8"
    );

    let xml = example(&dir, "get-payment-document.request.xml");
    let document =
        round_trip::<GetPaymentDocument>(&v4::GET_PAYMENT_DOCUMENT, &xml, "document").request;
    assert_eq!(document.payment_id.as_str(), "Pay-1372762113890-5677");
    assert_eq!(
        document.document_name.as_str(),
        "INVOICE_20130702-124247_1514"
    );

    let xml = example(&dir, "get-payment.request.xml");
    let get = round_trip::<GetPayment>(&v4::GET_PAYMENT, &xml, "get payment").request;
    assert_eq!(get.payment_id.as_str(), "Pay-1372762301644-3166");
}
