//! The after-shop operations of the simulator's bank, through its core API.

use crate::harness::bank as support;

use resurs_aftershop::common::{PaymentMethodType, PaymentStatus};
use resurs_aftershop::msg_aftershopflow::{
    AddMetaData, CreditPayment, FinalizePayment, GetPayment,
};
use resurs_aftershop::rules::{ErrorType, MethodKind};
use resurs_aftershop::simulator::{Bank, Booking, DiffKind};
use resurs_aftershop::types_aftershopflow::PaymentDiffType;
use support::*;

const P: &str = "Pay-ops-1";

#[test]
fn unknown_payment_is_referenced_data_dont_exists() {
    let bank = Bank::new();
    let fault = assert_fault(
        bank.get_payment(GetPayment {
            payment_id: id("nope"),
        }),
        ErrorType::ReferencedDataDontExists,
    );
    assert_eq!(fault.error_type_id(), 8);
    assert!(fault.fixable_by_you);
    assert!(fault.user_error_message.contains("nope"));
    assert_fault(
        bank.finalize_payment(finalize("nope", None)),
        ErrorType::ReferencedDataDontExists,
    );
    assert_fault(
        bank.annul_payment(annul("nope", None)),
        ErrorType::ReferencedDataDontExists,
    );
    assert_fault(
        bank.credit_payment(credit("nope", None)),
        ErrorType::ReferencedDataDontExists,
    );
    assert_fault(
        bank.additional_debit_of_payment(additional("nope", amount("1"))),
        ErrorType::ReferencedDataDontExists,
    );
}

#[test]
fn finalize_whole_then_nothing_is_debitable() {
    let bank = bank_with(P, MethodKind::ResursPartPayment, "100", "100");
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    let payment = get(&bank, P);
    assert_eq!(
        payment.status,
        vec![PaymentStatus::Creditable, PaymentStatus::IsDebited]
    );
    assert_eq!(payment.total_amount.value().to_string(), "100.00000");
    assert!(payment.finalized.is_some());
    let debit = &payment.payment_diffs[1];
    assert_eq!(debit.r#type, PaymentDiffType::Debit);
    assert_eq!(
        debit.payment_spec.total_amount.value().to_string(),
        "100.00000"
    );
    assert_eq!(debit.transaction_id.as_ref().map(|t| t.as_str()), Some(P));
    let fault = assert_fault(
        bank.finalize_payment(finalize(P, None)),
        ErrorType::NotAllowedInPaymentState,
    );
    // Technical details go to the faultstring, not to the customer.
    assert!(fault.message.contains(P), "{}", fault.message);
    assert!(!fault.user_error_message.contains(P));
}

#[test]
fn finalize_part_records_the_request() {
    let bank = bank_with(P, MethodKind::ResursPartPayment, "100", "100");
    let request = FinalizePayment {
        preferred_transaction_id: v(id("TrD-1")),
        created_by: v("Clerk".parse().expect("text")),
        order_id: v(id("Ord-1")),
        ..finalize(P, Some(one_line("40")))
    };
    bank.finalize_payment(request).expect("finalize");
    let payment = get(&bank, P);
    assert!(payment.status.contains(&PaymentStatus::Debitable));
    assert!(payment.status.contains(&PaymentStatus::Creditable));
    let debit = &payment.payment_diffs[1];
    assert_eq!(
        debit.transaction_id.as_ref().map(|t| t.as_str()),
        Some("TrD-1")
    );
    assert_eq!(debit.created_by.as_deref(), Some("Clerk"));
    assert_eq!(debit.order_id.as_ref().map(|t| t.as_str()), Some("Ord-1"));
    assert_eq!(debit.payment_spec.spec_lines.len(), 1);
    // Not an invoice: no invoice number, no documents.
    assert_eq!(debit.invoice_id, None);
    assert!(debit.document_names.is_empty());
}

#[test]
fn a_spec_whose_lines_do_not_sum_is_illegal_argument() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    let mut bad = one_line("40");
    bad.total_amount = resurs_aftershop::common::PositiveDecimal::new(d("45")).expect("positive");
    assert_fault(
        bank.finalize_payment(finalize(P, Some(bad))),
        ErrorType::IllegalArgument,
    );
    let mut off = one_line("40");
    off.spec_lines[0].total_vat_amount += d("0.06");
    assert_fault(
        bank.annul_payment(annul(P, Some(off))),
        ErrorType::IllegalArgument,
    );
    let mut slightly = one_line("40");
    slightly.spec_lines[0].total_vat_amount += d("0.04");
    bank.finalize_payment(finalize(P, Some(slightly)))
        .expect("within 0.05");
}

#[test]
fn zero_amount_is_illegal_argument() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    assert_fault(
        bank.finalize_payment(finalize(P, Some(amount("0")))),
        ErrorType::IllegalArgument,
    );
}

#[test]
fn annul_whole_and_part() {
    let bank = bank_with(P, MethodKind::ResursCardAccount, "100", "100");
    bank.annul_payment(annul(P, Some(amount("30"))))
        .expect("part");
    let payment = get(&bank, P);
    assert_eq!(payment.total_amount.value(), &d("70"));
    assert!(payment.status.contains(&PaymentStatus::IsAnnulled));
    assert!(payment.status.contains(&PaymentStatus::Debitable));
    bank.annul_payment(annul(P, None)).expect("the rest");
    let payment = get(&bank, P);
    assert_eq!(payment.total_amount.value(), &d("0"));
    assert_eq!(payment.status, vec![PaymentStatus::IsAnnulled]);
    let annulled = &payment.payment_diffs[2];
    assert_eq!(annulled.r#type, PaymentDiffType::Annul);
    assert_eq!(annulled.payment_spec.total_amount.value(), &d("70"));
}

#[test]
fn annul_after_finalize_is_refused() {
    let bank = bank_with(P, MethodKind::ResursCardAccount, "100", "100");
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    assert_fault(
        bank.annul_payment(annul(P, None)),
        ErrorType::NotAllowedInPaymentState,
    );
}

#[test]
fn partial_annul_refused_on_visa_mastercard_whole_allowed() {
    let bank = bank_with(P, MethodKind::VisaMastercard, "100", "100");
    assert_fault(
        bank.annul_payment(annul(P, Some(amount("30")))),
        ErrorType::NotAllowed,
    );
    bank.annul_payment(annul(P, Some(amount("100"))))
        .expect("whole annul by amount");
}

#[test]
fn credit_whole_and_part() {
    let bank = bank_with(P, MethodKind::ResursCardAccount, "100", "100");
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    bank.credit_payment(credit(P, Some(amount("25"))))
        .expect("part");
    assert_eq!(get(&bank, P).total_amount.value(), &d("75"));
    bank.credit_payment(credit(P, None)).expect("the rest");
    let payment = get(&bank, P);
    assert_eq!(payment.total_amount.value(), &d("0"));
    assert_eq!(
        payment.status,
        vec![PaymentStatus::IsDebited, PaymentStatus::IsCredited]
    );
    assert_fault(
        bank.credit_payment(credit(P, None)),
        ErrorType::NotAllowedInPaymentState,
    );
}

#[test]
fn credit_before_finalize_is_refused() {
    let bank = bank_with(P, MethodKind::ResursCardAccount, "100", "100");
    assert_fault(
        bank.credit_payment(credit(P, None)),
        ErrorType::NotAllowedInPaymentState,
    );
}

#[test]
fn credit_note_fields_only_for_invoices() {
    let bank = bank_with(P, MethodKind::ResursCardAccount, "100", "100");
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    let request = CreditPayment {
        credit_note_id: v(id("CR-1")),
        ..credit(P, Some(amount("10")))
    };
    assert_fault(bank.credit_payment(request), ErrorType::IllegalArgument);
    let request = CreditPayment {
        credit_note_date: v("2024-01-01".parse().expect("date")),
        ..credit(P, Some(amount("10")))
    };
    assert_fault(bank.credit_payment(request), ErrorType::IllegalArgument);
    let request = FinalizePayment {
        invoice_id: v(id("INV-1")),
        ..finalize(P, None)
    };
    assert_fault(bank.finalize_payment(request), ErrorType::IllegalArgument);

    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    let request = FinalizePayment {
        invoice_id: v(id("INV-1")),
        invoice_date: v("2024-01-01".parse().expect("date")),
        ..finalize(P, None)
    };
    bank.finalize_payment(request)
        .expect("invoice fields on an invoice");
    let request = CreditPayment {
        credit_note_id: v(id("CR-1")),
        credit_note_date: v("2024-01-02".parse().expect("date")),
        ..credit(P, Some(amount("10")))
    };
    bank.credit_payment(request)
        .expect("credit note fields on an invoice");
    let payment = get(&bank, P);
    assert_eq!(payment.payment_method_type, PaymentMethodType::Invoice);
    assert_eq!(
        payment.payment_diffs[1]
            .invoice_id
            .as_ref()
            .map(|i| i.as_str()),
        Some("INV-1")
    );
    assert_eq!(
        payment.payment_diffs[2]
            .invoice_id
            .as_ref()
            .map(|i| i.as_str()),
        Some("CR-1")
    );
}

#[test]
fn invoice_credit_needs_a_spec() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    assert_fault(
        bank.credit_payment(credit(P, None)),
        ErrorType::IllegalArgument,
    );
}

#[test]
fn additional_debit_within_limit_minus_total() {
    let bank = bank_with(P, MethodKind::ResursPartPayment, "100", "150");
    bank.additional_debit_of_payment(additional(P, amount("50")))
        .expect("exactly the room");
    let payment = get(&bank, P);
    assert_eq!(payment.total_amount.value(), &d("150"));
    assert_eq!(payment.payment_diffs.len(), 2);
    assert_eq!(payment.payment_diffs[1].r#type, PaymentDiffType::Authorize);
    assert_fault(
        bank.additional_debit_of_payment(additional(P, amount("1"))),
        ErrorType::IllegalArgument,
    );
    // The whole 150 can now be finalized.
    bank.finalize_payment(finalize(P, Some(amount("150"))))
        .expect("finalize all");
}

#[test]
fn additional_debit_updates_the_matching_line() {
    let bank = Bank::new();
    let authorized = spec(vec![
        line("A-1", "Widget", "2", "100", "25"),
        line("B-2", "Gadget", "1", "40", "25"),
    ]);
    bank.book(Booking {
        limit: d("1000"),
        ..Booking::new(P, MethodKind::ResursInvoice, authorized)
    })
    .expect("booking");
    // Same artNo, description and unit price: quantity goes from 2 to 3.
    bank.additional_debit_of_payment(additional(
        P,
        spec(vec![line("A-1", "Widget", "1", "100", "25")]),
    ))
    .expect("additional debit");
    // A different price: a new line.
    bank.additional_debit_of_payment(additional(
        P,
        spec(vec![line("A-1", "Widget", "1", "90", "25")]),
    ))
    .expect("additional debit");
    let lines = bank.record(P).expect("record").order_lines();
    let widgets: Vec<_> = lines.iter().filter(|l| l.art_no == "A-1").collect();
    assert_eq!(widgets.len(), 2, "{widgets:?}");
    assert_eq!(widgets[0].quantity, d("3"));
    assert_eq!(widgets[0].total_amount, d("375"));
    assert_eq!(widgets[1].unit_amount_without_vat, d("90"));
    assert_eq!(get(&bank, P).total_amount.value(), &d("537.5"));
    // Finalizing the whole order lists the merged lines on the invoice.
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    let record = bank.record(P).expect("record");
    let invoice = record.documents.values().next().expect("an invoice");
    let text = String::from_utf8_lossy(&invoice.pdf);
    assert!(text.contains("(Widget)"));
    assert!(text.contains("(3 st)"), "quantity 3 on the invoice");
}

/// Seed: "paymentSpec | paymentSpec | 0..1 | No | The specification of the
/// additional payment." Without it the whole room `limit - totalAmount` is
/// reserved; with no room left it is refused.
#[test]
fn additional_debit_without_a_spec_reserves_the_whole_room() {
    let bank = bank_with(P, MethodKind::ResursPartPayment, "100", "150");
    let request = resurs_aftershop::msg_aftershopflow::AdditionalDebitOfPayment {
        payment_id: id(P),
        ..Default::default()
    };
    bank.additional_debit_of_payment(request.clone())
        .expect("reserves the room");
    let payment = get(&bank, P);
    assert_eq!(payment.total_amount.value(), &d("150"));
    let added = &payment.payment_diffs[1];
    assert_eq!(added.r#type, PaymentDiffType::Authorize);
    assert_eq!(added.payment_spec.total_amount.value(), &d("50"));
    assert_eq!(added.payment_spec.total_vat_amount, None);
    assert_fault(
        bank.additional_debit_of_payment(request),
        ErrorType::IllegalArgument,
    );
}

#[test]
fn swish_is_finalized_at_booking() {
    let bank = bank_with(P, MethodKind::Swish, "100", "100");
    let payment = get(&bank, P);
    assert_eq!(
        payment.status,
        vec![PaymentStatus::Creditable, PaymentStatus::IsDebited]
    );
    assert!(payment.finalized.is_some());
    let record = bank.record(P).expect("record");
    let kinds: Vec<_> = record.diffs.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, vec![DiffKind::Authorize, DiffKind::Debit]);
    assert_fault(
        bank.finalize_payment(finalize(P, None)),
        ErrorType::NotAllowed,
    );
    bank.credit_payment(credit(P, Some(amount("30"))))
        .expect("swish credits");
}

#[test]
fn add_meta_data_overwrites_an_existing_key() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    let add = |key: &str, value: Option<&str>| AddMetaData {
        payment_id: id(P),
        key: key.to_owned(),
        value: value.map(|v| soap_runtime::rt::Nillable::Value(v.to_owned())),
    };
    bank.add_meta_data(add("Transport", Some("Train")))
        .expect("add");
    bank.add_meta_data(add("Gift", None)).expect("add");
    bank.add_meta_data(add("Transport", Some("Use airline transport")))
        .expect("overwrite");
    let meta = get(&bank, P).meta_data;
    assert_eq!(meta.len(), 2);
    assert_eq!(meta[0].key.as_str(), "Transport");
    assert_eq!(meta[0].value.as_deref(), Some("Use airline transport"));
    assert_eq!(meta[1].value, None);
    assert_fault(
        bank.add_meta_data(AddMetaData {
            payment_id: id("nope"),
            ..add("k", None)
        }),
        ErrorType::ReferencedDataDontExists,
    );
}

#[test]
fn amounts_come_back_with_five_decimals() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "3030");
    bank.finalize_payment(finalize(P, Some(amount("12.5"))))
        .expect("finalize");
    let payment = get(&bank, P);
    assert_eq!(payment.total_amount.to_string(), "100.00000");
    assert_eq!(payment.limit.to_string(), "3030.00000");
    let debit = &payment.payment_diffs[1].payment_spec;
    assert_eq!(debit.total_amount.to_string(), "12.50000");
    let line = &payment.payment_diffs[0].payment_spec.spec_lines[0];
    assert_eq!(line.quantity.to_string(), "1.00000");
    assert_eq!(line.vat_pct.to_string(), "25.00000");
}

#[test]
fn total_amount_is_authorized_minus_annulled_minus_credited() {
    let bank = bank_with(P, MethodKind::ResursCardAccount, "100", "100");
    bank.finalize_payment(finalize(P, Some(amount("60"))))
        .expect("finalize");
    bank.annul_payment(annul(P, Some(amount("15"))))
        .expect("annul");
    bank.credit_payment(credit(P, Some(amount("20"))))
        .expect("credit");
    let payment = get(&bank, P);
    assert_eq!(payment.total_amount.value(), &d("65"));
    assert_eq!(
        payment.status,
        vec![
            PaymentStatus::Debitable,
            PaymentStatus::Creditable,
            PaymentStatus::IsDebited,
            PaymentStatus::IsCredited,
            PaymentStatus::IsAnnulled
        ]
    );
}

#[test]
fn absurd_amounts_are_refused_not_overflowed() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    let mut huge = amount("1");
    huge.total_vat_amount = v(d("-79000000000000000000000000000"));
    assert_fault(
        bank.finalize_payment(finalize(P, Some(huge))),
        ErrorType::IllegalArgument,
    );
    let mut huge = one_line("40");
    huge.spec_lines[0].quantity = d("10000000000000000");
    assert_fault(
        bank.annul_payment(annul(P, Some(huge))),
        ErrorType::IllegalArgument,
    );
    let booking = Booking {
        limit: d("79000000000000000000000000000"),
        ..Booking::new("Pay-huge", MethodKind::ResursInvoice, one_line("10"))
    };
    assert_fault(bank.book(booking), ErrorType::IllegalArgument);
    // A decoded (not facet-checked) spec can hold a negative total.
    let negative_spec = serde_json::from_str(r#"{"totalAmount": "-10"}"#).expect("spec");
    let negative = Booking::new("Pay-negative", MethodKind::ResursInvoice, negative_spec);
    assert_fault(bank.book(negative), ErrorType::IllegalArgument);
}
