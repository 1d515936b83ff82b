//! The built-in demo set: each documented example request succeeds on it (sent
//! here through the core API; the HTTP test posts the files themselves), and
//! the documented getPayment response is reproduced.

use crate::harness::bank as support;

use resurs_aftershop::common::{PaymentSpec, PaymentStatus, PositiveDecimal, SpecLine};
use resurs_aftershop::msg_aftershopflow::{
    AddMetaData, AdditionalDebitOfPayment, AnnulPayment, CalculateResultSize, CreditPayment,
    FinalizePayment, FindPayments, GetPayment, GetPaymentDocument, GetPaymentDocumentNames,
};
use resurs_aftershop::rules::{ErrorType, OrderStatus};
use resurs_aftershop::simulator::{Bank, DOCUMENTED_PAYMENT, MISSING_PAYMENT};
use resurs_aftershop::types_aftershopflow::{PaymentDiffType, SearchCriteria};
use soap_runtime::rt::Nillable;
use support::*;

/// A line exactly as a documented request writes it: id, artNo,
/// description, quantity, unitMeasure, unitAmountWithoutVat, vatPct,
/// totalVatAmount, totalAmount.
fn doc_line(f: [&str; 9]) -> SpecLine {
    SpecLine {
        id: id(f[0]),
        art_no: f[1].into(),
        description: f[2].into(),
        quantity: d(f[3]),
        unit_measure: f[4].into(),
        unit_amount_without_vat: d(f[5]),
        vat_pct: resurs_aftershop::common::Percent::new(d(f[6])).expect("percent"),
        total_vat_amount: d(f[7]),
        total_amount: d(f[8]),
    }
}

fn doc_spec(lines: Vec<SpecLine>, total: &str, vat: Option<&str>) -> PaymentSpec {
    PaymentSpec {
        spec_lines: lines,
        total_amount: PositiveDecimal::new(d(total)).expect("positive"),
        total_vat_amount: vat.map(|v| Nillable::Value(d(v))),
        bonus_points: None,
    }
}

fn text(value: &str) -> Option<Nillable<resurs_aftershop::common::NonEmptyString>> {
    v(value.parse().expect("text"))
}

/// Every documented request, in the order of the example files.
fn documented_requests(
    bank: &Bank,
) -> Vec<(
    &'static str,
    Result<(), resurs_aftershop::simulator::SimFault>,
)> {
    vec![
        (
            "add-metadata",
            bank.add_meta_data(AddMetaData {
                payment_id: id("Sess-1346079637802-2201"),
                key: "Transport".into(),
                value: v("Use airline transport".into()),
            }),
        ),
        (
            "additional-debit-of-payment",
            bank.additional_debit_of_payment(AdditionalDebitOfPayment {
                payment_id: id("300007457"),
                payment_spec: v(doc_spec(
                    vec![doc_line([
                        "106",
                        "106",
                        "Frakt Norge",
                        "1",
                        "",
                        "76",
                        "25",
                        "19",
                        "95",
                    ])],
                    "95",
                    Some("19"),
                )),
                created_by: text("User"),
            }),
        ),
        (
            "annul-payment specified",
            bank.annul_payment(AnnulPayment {
                payment_id: id("300007457"),
                part_payment_spec: v(doc_spec(
                    vec![doc_line([
                        "shippingfee",
                        "shippingfee",
                        "Fraktgebyr",
                        "1",
                        "st",
                        "95",
                        "0",
                        "0",
                        "95",
                    ])],
                    "95",
                    Some("0"),
                )),
                created_by: text("IntegrationService"),
            }),
        ),
        (
            "annul-payment unspecified",
            bank.annul_payment(AnnulPayment {
                payment_id: id("12345"),
                part_payment_spec: None,
                created_by: text("Aftershop_annulPayment"),
            }),
        ),
        (
            "calculate-result-size",
            bank.calculate_result_size(CalculateResultSize {
                search_criteria: SearchCriteria {
                    payment_method_id: v(id("8")),
                    status_set: vec![PaymentStatus::Debitable],
                    status_not_set: vec![PaymentStatus::IsDebited],
                    ..Default::default()
                },
            })
            .map(|n| assert!(n >= 1, "payment method 8 has a debitable payment")),
        ),
        (
            "credit-payment discount",
            bank.credit_payment(CreditPayment {
                payment_id: id("creditexample1"),
                preferred_transaction_id: Some(Nillable::Nil),
                part_payment_spec: v(doc_spec(
                    vec![
                        doc_line([
                            "1",
                            "1111",
                            "Shoes",
                            "1.00",
                            "st",
                            "800.00000",
                            "25",
                            "200.00",
                            "1000.00",
                        ]),
                        doc_line([
                            "2",
                            "1112",
                            "Socks",
                            "1.00000",
                            "st",
                            "200.00000",
                            "25.00000",
                            "50.000000000000000",
                            "250.0000000000",
                        ]),
                        doc_line([
                            "3",
                            "1113",
                            "Rabatt",
                            "1.00000",
                            "st",
                            "-120.00000",
                            "25.00000",
                            "-30.000000000000000",
                            "-150.0000000000",
                        ]),
                    ],
                    "1100",
                    Some("220"),
                )),
                created_by: text("Partner Integration"),
                credit_note_id: v(id("1001022226-PI2")),
                credit_note_date: v("2021-02-16".parse().expect("date")),
                invoice_delivery_type: None,
            }),
        ),
        (
            "credit-payment",
            bank.credit_payment(CreditPayment {
                payment_id: id("100100446"),
                preferred_transaction_id: Some(Nillable::Nil),
                part_payment_spec: v(doc_spec(
                    vec![doc_line([
                        "1", "other", "Other", "1", "", "199", "0", "0", "199",
                    ])],
                    "199",
                    Some("0"),
                )),
                created_by: text("User"),
                credit_note_id: v(id("100100446-CR1")),
                credit_note_date: v("2015-11-21".parse().expect("date")),
                invoice_delivery_type: None,
            }),
        ),
        (
            "finalize-payment invoice",
            bank.finalize_payment(FinalizePayment {
                payment_id: id("Pay-1349186086946-3861"),
                preferred_transaction_id: v(id("TrD-12345")),
                part_payment_spec: v(doc_spec(
                    vec![
                        doc_line([
                            "1", "NUT-001", "Nut (M8)", "21.00", "st", "0.80", "25", "4.2", "21.00",
                        ]),
                        doc_line([
                            "2",
                            "BOLT-002",
                            "Bolt (M8x125mm)",
                            "17.00",
                            "st",
                            "1.60",
                            "25",
                            "6.8",
                            "34.00",
                        ]),
                    ],
                    "55.00",
                    Some("11.00"),
                )),
                order_id: v(id("Ord-23456")),
                order_date: v("2012-10-02".parse().expect("date")),
                invoice_id: v(id("DebInv-34567")),
                invoice_date: v("2012-10-02".parse().expect("date")),
                ..FinalizePayment::default()
            }),
        ),
        (
            "finalize-payment minimal",
            bank.finalize_payment(FinalizePayment {
                payment_id: id("Pay-1349186086946-3861"),
                preferred_transaction_id: v(id("TrD-12345")),
                part_payment_spec: v(doc_spec(vec![], "30.00", None)),
                created_by: text("User"),
                order_id: v(id("Ord-23456")),
                ..FinalizePayment::default()
            }),
        ),
        (
            "find-payments",
            bank.find_payments(FindPayments {
                search_criteria: SearchCriteria {
                    payment_method_id: v(id("NYTT_KORT")),
                    status_set: vec![PaymentStatus::Debitable],
                    status_not_set: vec![PaymentStatus::IsDebited],
                    ..Default::default()
                },
                ..FindPayments::default()
            })
            .map(|hits| assert!(!hits.is_empty(), "NYTT_KORT has a debitable payment")),
        ),
        (
            "get-payment-document-names",
            bank.get_payment_document_names(GetPaymentDocumentNames {
                payment_id: id("Pay-1372762113890-5677"),
            })
            .map(|names| assert!(names.contains(&"INVOICE_20130702-124247_1514".to_owned()))),
        ),
        (
            "get-payment-document",
            bank.get_payment_document(GetPaymentDocument {
                payment_id: id("Pay-1372762113890-5677"),
                document_name: "INVOICE_20130702-124247_1514".parse().expect("name"),
            })
            .map(|pdf| assert!(pdf.pdf_data.0.starts_with(b"%PDF-"))),
        ),
        (
            "get-payment",
            bank.get_payment(GetPayment {
                payment_id: id(DOCUMENTED_PAYMENT),
            })
            .map(drop),
        ),
    ]
}

#[test]
fn every_documented_request_succeeds_on_the_demo_set() {
    let bank = Bank::demo().expect("demo set");
    for (name, result) in documented_requests(&bank) {
        assert!(result.is_ok(), "{name}: {result:?}");
    }
}

#[test]
fn documented_requests_leave_the_expected_state() {
    let bank = Bank::demo().expect("demo set");
    let _ = documented_requests(&bank);
    let p = get(&bank, "300007457");
    // 1095 authorized + 95 additional debit − 95 annulled.
    assert_eq!(p.total_amount.value(), &d("1095"));
    assert_eq!(get(&bank, "12345").status, vec![PaymentStatus::IsAnnulled]);
    let invoice = get(&bank, "Pay-1349186086946-3861");
    let debits: Vec<_> = invoice
        .payment_diffs
        .iter()
        .filter(|d| d.r#type == PaymentDiffType::Debit)
        .collect();
    assert_eq!(debits.len(), 2);
    assert_eq!(
        debits[0].invoice_id.as_ref().map(|i| i.as_str()),
        Some("DebInv-34567")
    );
    assert_eq!(
        debits[0].transaction_id.as_ref().map(|i| i.as_str()),
        Some("TrD-12345")
    );
    let meta = get(&bank, "Sess-1346079637802-2201").meta_data;
    assert_eq!(meta[0].value.as_deref(), Some("Use airline transport"));
    let credited = get(&bank, "creditexample1");
    assert_eq!(credited.total_amount.value(), &d("150"));
}

#[test]
fn the_documented_fault_payment_does_not_exist() {
    let bank = Bank::demo().expect("demo set");
    let fault = assert_fault(
        bank.get_payment(GetPayment {
            payment_id: id(MISSING_PAYMENT),
        }),
        ErrorType::ReferencedDataDontExists,
    );
    assert!(fault.fixable_by_you);
    assert!(fault.user_error_message.contains(MISSING_PAYMENT));
}

#[test]
fn the_documented_get_payment_response_is_reproduced() {
    let bank = Bank::demo().expect("demo set");
    let p = get(&bank, DOCUMENTED_PAYMENT);
    assert_eq!(p.id.as_str(), "Pay-1372762301644-3166");
    assert_eq!(p.total_amount.to_string(), "0.00000");
    assert_eq!(p.meta_data.len(), 1);
    assert_eq!(p.meta_data[0].key.as_str(), "Expressfrakt");
    assert_eq!(p.meta_data[0].value.as_deref(), Some("true"));
    assert_eq!(p.limit.to_string(), "3030.00000");
    assert_eq!(p.booked.to_string(), "2013-07-02T12:51:49+02:00");
    assert_eq!(
        p.finalized.as_ref().map(ToString::to_string).as_deref(),
        Some("2013-07-02T12:51:51+02:00")
    );
    assert_eq!(p.payment_method_id.as_str(), "Faktura");
    assert_eq!(p.payment_method_type.as_str(), "INVOICE");
    assert!(!p.fraud);
    assert!(!p.frozen);
    assert_eq!(
        p.status,
        vec![PaymentStatus::IsDebited, PaymentStatus::IsCredited]
    );
    assert_eq!(OrderStatus::of(&p), Some(OrderStatus::Refunded));

    let c = &p.customer;
    assert_eq!(c.government_id.as_str(), "8305147715");
    assert_eq!(
        c.address.full_name.as_ref().map(|n| n.as_str()),
        Some("Vincent Williamsson Alexandersson")
    );
    assert_eq!(c.address.address_row1, "Glassgatan 15");
    assert_eq!(c.address.postal_area.as_str(), "Göteborg");
    assert_eq!(c.address.postal_code.as_str(), "41655");
    assert_eq!(c.address.country.as_str(), "SE");
    assert_eq!(c.phone.as_deref(), Some("0707123456"));
    assert_eq!(
        c.email.as_ref().map(|e| e.as_str()),
        Some("testdata@resurs.se")
    );
    assert_eq!(c.r#type.as_str(), "NATURAL");

    let [authorize, debit, credit] = &p.payment_diffs[..] else {
        panic!("three diffs: {:?}", p.payment_diffs);
    };
    assert_eq!(authorize.r#type, PaymentDiffType::Authorize);
    assert_eq!(authorize.created.to_string(), "2013-07-02T12:51:51+02:00");
    assert_eq!(authorize.created_by.as_deref(), Some("SHOP_FLOW"));
    assert_eq!(authorize.transaction_id, None);
    let spec = &authorize.payment_spec;
    assert_eq!(spec.total_amount.to_string(), "30.00000");
    assert_eq!(spec.total_vat_amount, Some(Nillable::Value(d("6"))));
    let lines: Vec<(String, String, String, String, String)> = spec
        .spec_lines
        .iter()
        .map(|l| {
            (
                l.id.as_str().to_owned(),
                l.description.clone(),
                l.quantity.to_string(),
                l.unit_amount_without_vat.to_string(),
                l.total_amount.to_string(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                "BOLT-002".into(),
                "Bolt (M8x125mm)".into(),
                "10.00000".into(),
                "1.60000".into(),
                "20.00000".into()
            ),
            (
                "NUT-001".into(),
                "Nut (M8)".into(),
                "10.00000".into(),
                "0.80000".into(),
                "10.00000".into()
            ),
        ]
    );
    assert_eq!(spec.spec_lines[0].unit_measure, "st");
    assert_eq!(spec.spec_lines[0].vat_pct.to_string(), "25.00000");
    assert_eq!(spec.spec_lines[0].total_vat_amount.to_string(), "4.00000");

    assert_eq!(debit.r#type, PaymentDiffType::Debit);
    assert_eq!(
        debit.transaction_id.as_ref().map(|t| t.as_str()),
        Some("TrD-1372762301644-3166")
    );
    assert_eq!(debit.created.to_string(), "2013-07-02T12:51:51+02:00");
    assert_eq!(debit.created_by, None);
    assert!(debit.payment_spec.spec_lines.is_empty());
    assert_eq!(debit.payment_spec.total_amount.to_string(), "30.00000");
    assert_eq!(
        debit.payment_spec.total_vat_amount,
        Some(Nillable::Value(d("6")))
    );
    assert_eq!(
        debit.order_id.as_ref().map(|t| t.as_str()),
        Some("Ord-1372762301644-3166")
    );
    assert_eq!(
        debit.invoice_id.as_ref().map(|t| t.as_str()),
        Some("DebInv-1372762301644-3166")
    );
    assert!(debit.document_names.is_empty());

    assert_eq!(credit.r#type, PaymentDiffType::Credit);
    assert_eq!(
        credit.transaction_id.as_ref().map(|t| t.as_str()),
        Some("TrC-1372762301644-3166")
    );
    assert_eq!(credit.created.to_string(), "2013-07-02T12:51:52+02:00");
    assert_eq!(credit.payment_spec.total_amount.to_string(), "30.00000");
    assert_eq!(credit.order_id, None);
    assert_eq!(
        credit.invoice_id.as_ref().map(|t| t.as_str()),
        Some("CrN-1372762301644-3166")
    );
}
