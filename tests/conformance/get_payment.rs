//! Resurs's documented getPayment response and fault, served over loopback
//! HTTP, through the real client (`AfterShopClient::get_payment`).

use crate::harness::canned as support;

use std::sync::{Arc, Mutex};

use resurs_aftershop::common::{CountryCode, CustomerType, PaymentMethodType, PaymentStatus};
use resurs_aftershop::msg_aftershopflow::{GetPayment, GetPaymentResponse};
use resurs_aftershop::rules::OrderStatus;
use resurs_aftershop::types_aftershopflow::{Payment, PaymentDiffType};
use resurs_aftershop::v4::{self, GetPaymentError, GetPaymentFault};
use resurs_aftershop::{AfterShopClient, Environment, ErrorType};
use soap_runtime::client::DiagnosticsHook;
use soap_runtime::rt::envelope;
use soap_runtime::{DecodeErrorKind, DecodeOptions, Diagnostic, DiagnosticKind, Error};
use support::{CannedServer, Content};

const PAYMENT_ID: &str = "Pay-1372762301644-3166";

fn request() -> GetPayment {
    GetPayment {
        payment_id: PAYMENT_ID.parse().expect("a valid id"),
    }
}

/// A lenient client of `server` whose diagnostics land in the returned log.
fn client_with_log(server: &CannedServer) -> (AfterShopClient, Arc<Mutex<Vec<Diagnostic>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    let hook: DiagnosticsHook = Arc::new(move |op, diagnostics| {
        assert_eq!(op.name, "getPayment");
        sink.lock().expect("log").extend_from_slice(diagnostics);
    });
    let client = AfterShopClient::builder(Environment::Custom(server.after_shop_url()))
        .credentials("webshop", "secret")
        .configure(|b| b.on_diagnostics(hook))
        .build()
        .expect("client");
    (client, log)
}

async fn fetch(
    status: &'static str,
    file: &str,
) -> Option<(Result<Payment, GetPaymentError>, Vec<Diagnostic>)> {
    let dir = support::resurs_v4(file)?;
    let body = support::read(&dir.join("examples").join(file));
    let server = CannedServer::start(status, body).await;
    let (client, log) = client_with_log(&server);
    let result = client.get_payment(&request()).await;
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "one request reached the server");
    assert!(
        String::from_utf8_lossy(&requests[0]).contains(PAYMENT_ID),
        "the request carries the payment id"
    );
    let diagnostics = log.lock().expect("log").clone();
    Some((result, diagnostics))
}

fn missing_required(diagnostics: &[Diagnostic]) -> Vec<(String, String)> {
    diagnostics
        .iter()
        .filter_map(|d| match &d.kind {
            DiagnosticKind::MissingRequired(name) => Some((name.to_string(), d.path.to_string())),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn the_documented_payment_decodes_with_exact_values() {
    let Some((result, diagnostics)) = fetch("200 OK", "get-payment.response.xml").await else {
        return;
    };
    let payment = result.unwrap_or_else(|e| panic!("getPayment failed: {e:?}"));

    assert_eq!(payment.id.as_str(), PAYMENT_ID);
    assert_eq!(payment.total_amount.to_string(), "0.00000000000000000000");
    assert_eq!(payment.total_amount.value().scale(), 20);
    assert!(payment.total_amount.value().is_zero());
    assert_eq!(payment.limit.to_string(), "3030.00000");
    let meta: Vec<(&str, &str)> = payment
        .meta_data
        .iter()
        .map(|e| (e.key.as_str(), e.value.as_deref().unwrap_or_default()))
        .collect();
    assert_eq!(meta, [("Expressfrakt", "true")]);

    let diffs = &payment.payment_diffs;
    let types: Vec<&PaymentDiffType> = diffs.iter().map(|d| &d.r#type).collect();
    assert_eq!(
        types,
        [
            &PaymentDiffType::Authorize,
            &PaymentDiffType::Debit,
            &PaymentDiffType::Credit
        ]
    );
    let created: Vec<String> = diffs.iter().map(|d| d.created.to_string()).collect();
    assert_eq!(
        created,
        [
            "2013-07-02T12:51:51+02:00",
            "2013-07-02T12:51:51+02:00",
            "2013-07-02T12:51:52+02:00"
        ]
    );
    assert_eq!(diffs[0].created.offset_minutes(), Some(120));
    assert_eq!(diffs[0].created.hour(), 12);
    assert_eq!(diffs[0].created_by.as_deref(), Some("SHOP_FLOW"));
    assert_eq!(diffs[0].transaction_id, None);

    let authorize = &diffs[0].payment_spec;
    let lines: Vec<[String; 6]> = authorize
        .spec_lines
        .iter()
        .map(|l| {
            [
                l.id.to_string(),
                l.description.clone(),
                l.quantity.to_string(),
                l.unit_amount_without_vat.to_string(),
                l.vat_pct.to_string(),
                l.total_amount.to_string(),
            ]
        })
        .collect();
    assert_eq!(
        lines,
        [
            [
                "BOLT-002",
                "Bolt (M8x125mm)",
                "10.00000",
                "1.60000",
                "25.00000",
                "20.000000000000000"
            ],
            [
                "NUT-001",
                "Nut (M8)",
                "10.00000",
                "0.80000",
                "25.00000",
                "10.000000000000000"
            ],
        ]
        .map(|row| row.map(String::from))
    );
    assert_eq!(authorize.spec_lines[0].unit_measure, "st");
    assert_eq!(
        authorize.spec_lines[0].total_vat_amount.to_string(),
        "4.000000000000000"
    );
    assert_eq!(authorize.total_amount.to_string(), "30.000000000000000");

    let debit = &diffs[1];
    assert_eq!(
        debit.transaction_id.as_ref().map(|i| i.as_str()),
        Some("TrD-1372762301644-3166")
    );
    assert!(debit.payment_spec.spec_lines.is_empty());
    assert_eq!(debit.payment_spec.total_amount.to_string(), "30.0000000000");
    assert_eq!(
        debit.order_id.as_ref().map(|i| i.as_str()),
        Some("Ord-1372762301644-3166")
    );
    assert_eq!(
        debit.invoice_id.as_ref().map(|i| i.as_str()),
        Some("DebInv-1372762301644-3166")
    );
    assert_eq!(
        diffs[2].invoice_id.as_ref().map(|i| i.as_str()),
        Some("CrN-1372762301644-3166")
    );

    let customer = &payment.customer;
    assert_eq!(customer.government_id.as_str(), "8305147715");
    assert_eq!(
        customer.address.full_name.as_ref().map(|n| n.as_str()),
        Some("Vincent Williamsson Alexandersson")
    );
    assert_eq!(customer.address.postal_area.as_str(), "Göteborg");
    assert_eq!(customer.address.country, CountryCode::Se);
    assert_eq!(customer.r#type, CustomerType::Natural);

    assert_eq!(payment.booked.to_string(), "2013-07-02T12:51:49+02:00");
    assert_eq!(
        payment
            .finalized
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("2013-07-02T12:51:51+02:00")
    );
    assert_eq!(payment.payment_method_id.as_str(), "Faktura");
    assert!(!payment.fraud);
    assert!(!payment.frozen);
    assert_eq!(
        payment.status,
        [PaymentStatus::IsDebited, PaymentStatus::IsCredited]
    );
    assert_eq!(payment.payment_method_type, PaymentMethodType::Invoice);
    assert_eq!(payment.store_id, None);
    assert_eq!(payment.delivery_address, None);

    // Real responses leave out two required elements: defaults, reported.
    assert_eq!(payment.payment_method_name, "");
    assert_eq!(payment.total_bonus_points, 0);
    let missing = missing_required(&diagnostics);
    let names: Vec<&str> = missing.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["paymentMethodName", "totalBonusPoints"],
        "{diagnostics:#?}"
    );
    for (name, path) in &missing {
        assert_eq!(
            path,
            &format!("Envelope/Body/getPaymentResponse/return/{name}")
        );
    }
    assert_eq!(
        diagnostics.len(),
        2,
        "nothing else tolerated: {diagnostics:#?}"
    );

    // IS_CREDITED with a total of 0: the "Refunded (Credited)" row.
    assert_eq!(OrderStatus::of(&payment), Some(OrderStatus::Refunded));
}

#[tokio::test]
async fn a_strict_client_refuses_the_documented_payment_naming_what_is_missing() {
    let Some(dir) = support::resurs_v4("a_strict_client_refuses_the_documented_payment") else {
        return;
    };
    let body = support::read(&dir.join("examples/get-payment.response.xml"));
    let server = CannedServer::start("200 OK", body).await;
    let client = AfterShopClient::builder(Environment::Custom(server.after_shop_url()))
        .strict(true)
        .build()
        .expect("client");
    let err = client
        .get_payment(&request())
        .await
        .expect_err("strict decoding fails");
    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}");
    };
    // The decoder stops at the first missing element, in schema order.
    assert_eq!(
        decode.kind,
        DecodeErrorKind::MissingRequired("paymentMethodName".into())
    );
    assert_eq!(
        decode.path,
        "Envelope/Body/getPaymentResponse/return/paymentMethodName"
    );
    assert!(err.to_string().contains("paymentMethodName"), "{err}");
}

#[tokio::test]
async fn the_documented_fault_is_a_typed_ecommerce_error() {
    let Some((result, diagnostics)) =
        fetch("500 Internal Server Error", "get-payment.fault.xml").await
    else {
        return;
    };
    let err = result.expect_err("a fault");
    let fault = err
        .fault()
        .unwrap_or_else(|| panic!("not a fault: {err:?}"));
    assert!(fault.is_code("Server"), "{:?}", fault.code);
    assert_eq!(fault.faultstring(), "This order group do not exists");
    assert_eq!(fault.raw_detail, None);
    let Some(GetPaymentFault::ECommerceErrorException(e)) = &fault.detail else {
        panic!("no typed detail: {fault:?}");
    };
    assert_eq!(e.error_type_id, 8);
    assert_eq!(e.error_type(), ErrorType::ReferencedDataDontExists);
    assert_eq!(
        e.error_type_description.as_str(),
        "REFERENCED_DATA_DONT_EXISTS"
    );
    assert!(e.fixable_by_you);
    let message =
        "Efterfrågad order/betalning (Pay-1372762301644-31656) kan inte hittas i databasen.";
    assert_eq!(e.user_error_message.as_str(), message);
    assert_eq!(err.user_message(), message);

    let shown = err.to_string();
    assert!(shown.contains(message), "{shown}");
    assert!(!shown.contains("This order group do not exists"), "{shown}");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[test]
fn the_documented_payment_re_encodes_as_published_plus_the_two_defaults() {
    let Some(dir) = support::resurs_v4("the_documented_payment_re_encodes") else {
        return;
    };
    let xml = support::read(&dir.join("examples/get-payment.response.xml"));
    let decoded = envelope::decode_response::<GetPaymentResponse, GetPaymentFault>(
        &v4::GET_PAYMENT,
        &xml,
        &DecodeOptions::default(),
    )
    .expect("decodes");
    let response = decoded.value.expect("not a fault");
    let encoded = envelope::encode_response(&v4::GET_PAYMENT, &[], &response).expect("re-encodes");
    let encoded = String::from_utf8(encoded).expect("UTF-8");

    let ours = support::parse(&encoded, "our response");
    let published_text = String::from_utf8(xml).expect("UTF-8");
    let published = support::parse(&published_text, "published response");
    let (mine, theirs) = (
        support::body_element(&ours),
        support::body_element(&published),
    );
    assert_eq!(support::expanded_name(mine), support::expanded_name(theirs));
    assert_eq!(support::qualified_elements(mine), Vec::<String>::new());

    let mut mine = Content::of(mine);
    let payment = &mut mine.children[0].children;
    let defaults: Vec<(String, Option<String>)> = payment
        .iter()
        .filter(|c| c.local == "paymentMethodName" || c.local == "totalBonusPoints")
        .map(|c| (c.local.clone(), c.text.clone()))
        .collect();
    assert_eq!(
        defaults,
        [
            ("paymentMethodName".to_owned(), Some(String::new())),
            ("totalBonusPoints".to_owned(), Some("0".to_owned())),
        ]
    );
    payment.retain(|c| c.local != "paymentMethodName" && c.local != "totalBonusPoints");
    if let Some(diff) = Content::of(theirs).first_difference(&mine) {
        panic!("published vs re-encoded differ at {diff}\n{encoded}");
    }
}

#[test]
fn the_documented_fault_survives_a_server_round_trip() {
    let Some(dir) = support::resurs_v4("the_documented_fault_survives_a_server_round_trip") else {
        return;
    };
    let decode = |xml: &[u8]| {
        envelope::decode_response::<GetPaymentResponse, GetPaymentFault>(
            &v4::GET_PAYMENT,
            xml,
            &DecodeOptions::strict(),
        )
        .expect("decodes strictly")
        .value
        .expect_err("a fault")
    };
    let published = decode(&support::read(&dir.join("examples/get-payment.fault.xml")));
    let again = decode(&envelope::encode_fault(
        ::soap_runtime::rt::SoapVersion::V11,
        &[],
        &published,
    ));
    assert_eq!(again, published);
    assert!(published.detail.is_some());
}
