//! What our client puts on the wire: every operation's request envelope has
//! the operation element in its message namespace and unqualified children
//! (the schemas' `elementFormDefault="unqualified"`), and a request that
//! violates its schema fails with an encode error naming the field before
//! anything reaches the transport.

use crate::harness::canned as support;

use std::sync::Arc;

use resurs_aftershop::common::{
    CustomerType, Id, NonEmptyString, PaymentSpec, PaymentStatus, Percent, PositiveDecimal,
    SpecLine,
};
use resurs_aftershop::msg_aftershopflow::{
    self as msg, AddMetaData, AdditionalDebitOfPayment, AnnulPayment, CalculateResultSize,
    CreditPayment, FinalizePayment, FindPayments, GetCustomerBonus, GetPayment, GetPaymentDocument,
    GetPaymentDocumentNames, InsertBonusPoints, WithdrawBonusPoints,
};
use resurs_aftershop::msg_shopflow::{
    self, InvalidateCustomerIdentificationToken, IssueCustomerIdentificationToken,
};
use resurs_aftershop::types_aftershopflow::SearchCriteria;
use resurs_aftershop::types_shopflow::{CustomerCard, IdentificationToken};
use resurs_aftershop::v4::{self, AfterShopFlowServiceClient};
use rust_decimal::Decimal;
use soap_runtime::rt::{envelope, FacetKind, Operation, XmlType};
use soap_runtime::{Client, EncodeError, EncodeErrorKind, Error, Nillable};
use support::RecordingTransport;

fn id(text: &str) -> Id {
    Id::new(text).expect("a valid id")
}

fn spec() -> PaymentSpec {
    let d = |s: &str| s.parse::<Decimal>().expect("decimal");
    PaymentSpec {
        spec_lines: vec![SpecLine {
            id: id("1"),
            art_no: "NUT-001".into(),
            description: "Nut (M8)".into(),
            quantity: d("21.00"),
            unit_measure: "st".into(),
            unit_amount_without_vat: d("0.80"),
            vat_pct: Percent::new(d("25")).expect("percent"),
            total_vat_amount: d("4.2"),
            total_amount: d("21.00"),
        }],
        total_amount: PositiveDecimal::new(d("21.00")).expect("positive"),
        total_vat_amount: Some(Nillable::Value(d("4.2"))),
        bonus_points: None,
    }
}

/// One operation's encoded request and the child element it must start with.
struct Encoded {
    op: &'static Operation,
    namespace: &'static str,
    xml: String,
    first_child: &'static str,
}

fn encoded<T: XmlType>(
    op: &'static Operation,
    namespace: &'static str,
    request: &T,
    first_child: &'static str,
) -> Encoded {
    let xml = envelope::encode_request(op, &[], request)
        .unwrap_or_else(|e| panic!("{}: a valid request does not encode: {e}", op.name));
    Encoded {
        op,
        namespace,
        xml: String::from_utf8(xml).expect("UTF-8"),
        first_child,
    }
}

/// A valid request of each of the 13 After Shop and 2 token operations.
fn every_operation() -> Vec<Encoded> {
    let after_shop = msg::NAMESPACE;
    let criteria = SearchCriteria {
        status_set: vec![PaymentStatus::Debitable],
        ..Default::default()
    };
    let expiration = "2030-12-31".parse().expect("date");
    vec![
        encoded(
            &v4::ADDITIONAL_DEBIT_OF_PAYMENT,
            after_shop,
            &AdditionalDebitOfPayment {
                payment_id: id("Pay-1"),
                payment_spec: Some(Nillable::Value(spec())),
                created_by: None,
            },
            "paymentId",
        ),
        encoded(
            &v4::FINALIZE_PAYMENT,
            after_shop,
            &FinalizePayment {
                payment_id: id("Pay-1"),
                part_payment_spec: Some(Nillable::Value(spec())),
                ..Default::default()
            },
            "paymentId",
        ),
        encoded(
            &v4::ANNUL_PAYMENT,
            after_shop,
            &AnnulPayment {
                payment_id: id("Pay-1"),
                ..Default::default()
            },
            "paymentId",
        ),
        encoded(
            &v4::CREDIT_PAYMENT,
            after_shop,
            &CreditPayment {
                payment_id: id("Pay-1"),
                preferred_transaction_id: Some(Nillable::Nil),
                ..Default::default()
            },
            "paymentId",
        ),
        encoded(
            &v4::ADD_META_DATA,
            after_shop,
            &AddMetaData {
                payment_id: id("Pay-1"),
                key: "Transport".into(),
                value: Some(Nillable::Value("Air".into())),
            },
            "paymentId",
        ),
        encoded(
            &v4::GET_PAYMENT,
            after_shop,
            &GetPayment {
                payment_id: id("Pay-1"),
            },
            "paymentId",
        ),
        encoded(
            &v4::GET_PAYMENT_DOCUMENT,
            after_shop,
            &GetPaymentDocument {
                payment_id: id("Pay-1"),
                document_name: NonEmptyString::new("INVOICE_1").expect("name"),
            },
            "paymentId",
        ),
        encoded(
            &v4::GET_PAYMENT_DOCUMENT_NAMES,
            after_shop,
            &GetPaymentDocumentNames {
                payment_id: id("Pay-1"),
            },
            "paymentId",
        ),
        encoded(
            &v4::CALCULATE_RESULT_SIZE,
            after_shop,
            &CalculateResultSize {
                search_criteria: criteria.clone(),
            },
            "searchCriteria",
        ),
        encoded(
            &v4::FIND_PAYMENTS,
            after_shop,
            &FindPayments {
                search_criteria: criteria,
                ..Default::default()
            },
            "searchCriteria",
        ),
        encoded(
            &v4::INSERT_BONUS_POINTS,
            after_shop,
            &InsertBonusPoints {
                government_id: "8305147715".into(),
                customer_type: Some(CustomerType::Natural),
                bonus_points: 100_u64.try_into().expect("at least 1 point"),
                expiration_date: expiration,
            },
            "governmentId",
        ),
        encoded(
            &v4::WITHDRAW_BONUS_POINTS,
            after_shop,
            &WithdrawBonusPoints {
                government_id: "8305147715".into(),
                customer_type: None,
                bonus_points: 50_u64.try_into().expect("at least 1 point"),
            },
            "governmentId",
        ),
        encoded(
            &v4::GET_CUSTOMER_BONUS,
            after_shop,
            &GetCustomerBonus {
                government_id: "8305147715".into(),
                customer_type: None,
            },
            "governmentId",
        ),
        encoded(
            &v4::ISSUE_CUSTOMER_IDENTIFICATION_TOKEN,
            msg_shopflow::NAMESPACE,
            &IssueCustomerIdentificationToken {
                customer_card: CustomerCard {
                    government_id: "8305147715".into(),
                    card_number: "1234".into(),
                    ..Default::default()
                },
                customer_ip_address: "127.0.0.1".into(),
            },
            "customerCard",
        ),
        encoded(
            &v4::INVALIDATE_CUSTOMER_IDENTIFICATION_TOKEN,
            msg_shopflow::NAMESPACE,
            &InvalidateCustomerIdentificationToken {
                token: vec![IdentificationToken::new("A".repeat(100)).expect("token")],
                ..Default::default()
            },
            "token",
        ),
    ]
}

#[test]
fn every_operation_element_is_qualified_and_its_children_are_not() {
    let all = every_operation();
    let mut names: Vec<&str> = all.iter().map(|e| e.op.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 15, "distinct operations");

    for e in &all {
        let doc = support::parse(&e.xml, e.op.name);
        let operation = support::body_element(&doc);
        assert_eq!(
            support::expanded_name(operation),
            format!("{{{}}}{}", e.namespace, e.op.name),
            "{}",
            e.xml
        );
        let input = e.op.input.element().expect("an input element");
        assert_eq!(input.ns, Some(e.namespace));
        assert_eq!(input.name, e.op.name);
        assert_eq!(
            support::qualified_elements(operation),
            Vec::<String>::new(),
            "{}: children must be unqualified\n{}",
            e.op.name,
            e.xml
        );
        let first = operation.children().find(|c| c.is_element());
        assert_eq!(
            first.map(|c| c.tag_name().name()),
            Some(e.first_child),
            "{}",
            e.xml
        );
    }
}

#[test]
fn finalize_payment_reads_as_the_documentation_writes_it() {
    let finalize = every_operation()
        .into_iter()
        .find(|e| e.op.name == "finalizePayment")
        .expect("finalizePayment");
    let doc = support::parse(&finalize.xml, "finalizePayment");
    let operation = support::body_element(&doc);
    let path: Vec<String> = operation
        .descendants()
        .filter(|n| n.is_element())
        .take(4)
        .map(support::expanded_name)
        .collect();
    assert_eq!(
        path,
        [
            "{http://ecommerce.resurs.com/v4/msg/aftershopflow}finalizePayment",
            "{}paymentId",
            "{}partPaymentSpec",
            "{}specLines"
        ]
    );
    assert!(
        finalize.xml.contains("<quantity>21.00</quantity>"),
        "{}",
        finalize.xml
    );
}

/// A client whose transport only counts what reaches it.
fn offline_client() -> (
    AfterShopFlowServiceClient<Arc<RecordingTransport>>,
    Arc<RecordingTransport>,
) {
    let transport = Arc::new(RecordingTransport::default());
    let client =
        Client::with_transport("http://127.0.0.1:9/AfterShopFlowService", transport.clone())
            .expect("client");
    (AfterShopFlowServiceClient::new(client), transport)
}

/// The encode error of a call that must fail before sending.
fn encode_error<F: std::fmt::Debug>(result: Result<impl std::fmt::Debug, Error<F>>) -> EncodeError {
    match result {
        Err(Error::Encode(e)) => e,
        other => panic!("expected an encode error, got {other:?}"),
    }
}

fn facet(e: &EncodeError) -> &FacetKind {
    match &e.kind {
        EncodeErrorKind::Facet(f) => &f.facet,
        other => panic!("expected a facet violation, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_enum_value_is_refused_before_sending() {
    let (client, transport) = offline_client();
    let request = FindPayments {
        search_criteria: SearchCriteria {
            status_set: vec![PaymentStatus::Debitable, PaymentStatus::Unknown("X".into())],
            ..Default::default()
        },
        ..Default::default()
    };
    let err = client.find_payments(&request).await;
    let shown = err
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    let e = encode_error(err);
    assert_eq!(e.path, "findPayments/searchCriteria/statusSet[2]");
    assert!(matches!(facet(&e), FacetKind::Enumeration(values) if values.contains(&"IS_DEBITED")));
    assert!(shown.contains("nothing sent"), "{shown}");
    assert!(shown.contains("statusSet"), "{shown}");

    let request = InsertBonusPoints {
        government_id: "8305147715".into(),
        customer_type: Some(CustomerType::Unknown("COMPANY".into())),
        bonus_points: 1_u64.try_into().expect("at least 1 point"),
        expiration_date: "2030-12-31".parse().expect("date"),
    };
    let e = encode_error(client.insert_bonus_points(&request).await);
    assert_eq!(e.path, "insertBonusPoints/customerType");
    assert_eq!(transport.calls(), 0, "nothing reached the transport");
}

#[tokio::test]
async fn values_deserialized_past_their_facets_are_refused_before_sending() {
    let (client, transport) = offline_client();
    // `new` checks the facets; a fixture or JSON input does not go through it.
    let payment_id: Id = serde_json::from_str("\"Pay#1\"").expect("serde takes any string");
    let e = encode_error(client.get_payment(&GetPayment { payment_id }).await);
    assert_eq!(e.path, "getPayment/paymentId");
    assert!(matches!(facet(&e), FacetKind::Pattern(_)), "{e}");

    let mut spec = spec();
    spec.spec_lines[0].vat_pct = serde_json::from_str("\"101\"").expect("serde takes any decimal");
    let request = FinalizePayment {
        payment_id: id("Pay-1"),
        part_payment_spec: Some(Nillable::Value(spec)),
        ..Default::default()
    };
    let e = encode_error(client.finalize_payment(&request).await);
    assert_eq!(
        e.path,
        "finalizePayment/partPaymentSpec/specLines[1]/vatPct"
    );
    assert!(matches!(facet(&e), FacetKind::MaxInclusive("100")), "{e}");
    assert_eq!(transport.calls(), 0, "nothing reached the transport");
}

#[tokio::test]
async fn a_valid_request_does_reach_the_transport() {
    let (client, transport) = offline_client();
    let result = client
        .get_payment(&GetPayment {
            payment_id: id("Pay-1"),
        })
        .await;
    assert!(matches!(result, Err(Error::Transport(_))), "{result:?}");
    assert_eq!(transport.calls(), 1);
}
