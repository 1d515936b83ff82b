//! The seed rules, checked from both sides: `rules::check_*` on a payment as
//! `getPayment` returns it (what a shop or the `aftershop` CLI runs before
//! sending), and the simulated bank applying the same request. Both sides run
//! one implementation, so each test asserts that they agree.

use crate::harness::bank as support;

use resurs_aftershop::common::{InvoiceDeliveryTypeEnum, PaymentStatus};
use resurs_aftershop::msg_aftershopflow::{
    AddMetaData, AdditionalDebitOfPayment, CreditPayment, FinalizePayment,
};
use resurs_aftershop::rules::{
    self, ActionError, AfterShopEvent, ErrorType, MethodKind, OrderStatus, RuleError, RuleWarning,
    ShadowLimit, SpecWarning, MAX_META_DATA_ENTRIES,
};
use resurs_aftershop::simulator::{Bank, Booking};
use resurs_aftershop::types_aftershopflow::Payment;
use soap_runtime::rt::{self, Nillable};
use support::*;

const P: &str = "Pay-rules-1";

/// The error type the simulator answered with, or `None` when it accepted.
fn sim<T>(result: Result<T, resurs_aftershop::simulator::SimFault>) -> Option<ErrorType> {
    result.err().map(|fault| fault.error)
}

/// The error type the client-side check refuses with, or `None`.
fn client(result: &Result<rules::Verdict, RuleError>) -> Option<ErrorType> {
    result.as_ref().err().map(RuleError::error_type)
}

fn read(bank: &Bank) -> Payment {
    get(bank, P)
}

/// Seed: "If there are no lines this fileld must be empty (null)." The
/// seeds' own simplest spec ("totalAmount and totalVatAmount are set, but
/// there are no specLines") deviates from it, so it passes with a warning.
#[test]
fn totals_only_spec_with_vat_passes_with_a_warning_on_both_sides() {
    let bank = bank_with(P, MethodKind::ResursPartPayment, "100", "100");
    let request = finalize(P, Some(amount("40")));
    let verdict =
        rules::check_finalize(&read(&bank), Some(MethodKind::ResursPartPayment), &request)
            .expect("passes");
    assert_eq!(
        verdict.warnings,
        vec![RuleWarning::Spec(SpecWarning::VatWithoutLines {
            given: d("8")
        })]
    );
    assert!(verdict.warnings[0].to_string().contains("empty (null)"));
    assert_eq!(sim(bank.finalize_payment(request)), None);
}

/// Seed: "Partial annullment cannot be done on VISA/Mastercard payment method.
/// If the full amount is not to be debited the customer - you need to
/// finalize this amount and then use creditPayment"
#[test]
fn visa_rest_after_part_finalize_cannot_be_annulled_but_finalized_and_credited() {
    let kind = Some(MethodKind::VisaMastercard);
    let bank = bank_with(P, MethodKind::VisaMastercard, "100", "100");
    bank.finalize_payment(finalize(P, Some(amount("60"))))
        .expect("debiting part order is allowed");

    let rest = annul(P, None);
    let refused = rules::check_annul(&read(&bank), kind, &rest);
    assert_eq!(client(&refused), Some(ErrorType::NotAllowed));
    let Err(RuleError::MethodNotAllowed { event, .. }) = &refused else {
        panic!("{refused:?}");
    };
    assert_eq!(*event, AfterShopEvent::AnnulPart);
    assert!(refused
        .as_ref()
        .expect_err("refused")
        .to_string()
        .contains("creditPayment"));
    assert_eq!(sim(bank.annul_payment(rest)), Some(ErrorType::NotAllowed));
    let by_amount = annul(P, Some(amount("40")));
    assert_eq!(
        client(&rules::check_annul(&read(&bank), kind, &by_amount)),
        Some(ErrorType::NotAllowed)
    );
    assert_eq!(
        sim(bank.annul_payment(by_amount)),
        Some(ErrorType::NotAllowed)
    );

    // What the seed says to do instead.
    let rest = finalize(P, None);
    assert_eq!(
        client(&rules::check_finalize(&read(&bank), kind, &rest)),
        None
    );
    bank.finalize_payment(rest).expect("finalize the rest");
    let back = credit(P, Some(amount("40")));
    assert_eq!(
        client(&rules::check_credit(&read(&bank), kind, &back)),
        None
    );
    bank.credit_payment(back).expect("credit it");
    assert_eq!(read(&bank).total_amount.value(), &d("60"));
}

/// Seed: "Annulment whole order | ... | YES" for Visa/MasterCard: an untouched
/// order annulled in full is a whole annulment.
#[test]
fn visa_whole_annulment_is_allowed_on_both_sides() {
    let bank = bank_with(P, MethodKind::VisaMastercard, "100", "100");
    let whole = annul(P, None);
    let verdict =
        rules::check_annul(&read(&bank), Some(MethodKind::VisaMastercard), &whole).expect("whole");
    assert_eq!(verdict.event, AfterShopEvent::AnnulWhole);
    assert!(verdict.whole());
    assert_eq!(verdict.amount, d("100"));
    assert_eq!(sim(bank.annul_payment(whole)), None);
}

/// Seed: "finalizePayment | sum(AUTHORIZE.totalAmount) -
/// sum(DEBIT.totalAmount) - sum(ANNUL.totalAmount)", with the 0.05 tolerance on every amount:
/// maximum + 0.05 passes, maximum + 0.06 is refused, by the check and by
/// the simulator alike.
#[test]
fn maximum_plus_tolerance_edge_agrees_on_both_sides() {
    for (over, refused) in [("100.05", false), ("100.06", true)] {
        let bank = bank_with(P, MethodKind::ResursPartPayment, "100", "100");
        let request = finalize(P, Some(amount(over)));
        let checked = rules::check_finalize(&read(&bank), None, &request);
        let expected = refused.then_some(ErrorType::InvalidFinalization);
        assert_eq!(client(&checked), expected, "client, {over}");
        assert_eq!(
            sim(bank.finalize_payment(request)),
            expected,
            "simulator, {over}"
        );
        if let Ok(verdict) = checked {
            assert!(verdict.warnings.contains(&RuleWarning::WithinTolerance {
                amount: d(over),
                maximum: d("100"),
            }));
        }
    }
    // Crediting: INVALID_CREDITING beyond debited + 0.05.
    for (over, refused) in [("100.05", false), ("100.06", true)] {
        let bank = bank_with(P, MethodKind::ResursPartPayment, "100", "100");
        bank.finalize_payment(finalize(P, None)).expect("finalize");
        let request = credit(P, Some(amount(over)));
        let expected = refused.then_some(ErrorType::InvalidCrediting);
        assert_eq!(
            client(&rules::check_credit(&read(&bank), None, &request)),
            expected
        );
        assert_eq!(sim(bank.credit_payment(request)), expected);
    }
}

/// Seed: "creditNoteId ... For payment methods other than INVOICE, setting
/// this will generate an error." (and the same for creditNoteDate).
#[test]
fn invoice_only_fields_are_refused_on_both_sides() {
    let bank = bank_with(P, MethodKind::ResursPartPayment, "100", "100");
    let with_invoice_id = FinalizePayment {
        invoice_id: v(id("INV-1")),
        ..finalize(P, None)
    };
    let checked = rules::check_finalize(&read(&bank), None, &with_invoice_id);
    assert!(
        matches!(
            &checked,
            Err(RuleError::InvoiceOnly {
                field: "invoiceId",
                ..
            })
        ),
        "{checked:?}"
    );
    assert_eq!(client(&checked), Some(ErrorType::IllegalArgument));
    assert_eq!(
        sim(bank.finalize_payment(with_invoice_id)),
        Some(ErrorType::IllegalArgument)
    );
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    let with_note = CreditPayment {
        credit_note_id: v(id("CR-1")),
        ..credit(P, None)
    };
    assert!(matches!(
        rules::check_credit(&read(&bank), None, &with_note),
        Err(RuleError::InvoiceOnly {
            field: "creditNoteId",
            ..
        })
    ));
    assert_eq!(
        sim(bank.credit_payment(with_note)),
        Some(ErrorType::IllegalArgument)
    );
}

/// Seed: "partPaymentSpec | paymentSpec | 0..1 | No | The specification of
/// the payment crediting. PS! Mandatory if payment method is INVOICE"
#[test]
fn crediting_an_invoice_needs_a_spec_on_both_sides() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    let bare = credit(P, None);
    let checked = rules::check_credit(&read(&bank), None, &bare);
    assert!(matches!(checked, Err(RuleError::SpecRequired { .. })));
    assert_eq!(
        sim(bank.credit_payment(bare)),
        Some(ErrorType::IllegalArgument)
    );
    let specified = credit(P, Some(one_line("100")));
    assert_eq!(
        client(&rules::check_credit(&read(&bank), None, &specified)),
        None
    );
    assert_eq!(sim(bank.credit_payment(specified)), None);
}

/// Seed: "invoiceDeliveryType | invoiceDeliveryType | 0..1 | Yes | How the
/// credit invoice should be delivered to the customer. Default: EMAIL"
#[test]
fn invoice_delivery_type_defaults_to_email() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    let request = finalize(P, None);
    let verdict = rules::check_finalize(&read(&bank), None, &request).expect("passes");
    assert_eq!(
        verdict.invoice_delivery_type,
        Some(InvoiceDeliveryTypeEnum::Email)
    );
    bank.finalize_payment(request).expect("finalize");
    let nil = CreditPayment {
        invoice_delivery_type: Some(Nillable::Nil),
        ..credit(P, Some(one_line("40")))
    };
    let verdict = rules::check_credit(&read(&bank), None, &nil).expect("passes");
    assert_eq!(
        verdict.invoice_delivery_type,
        Some(InvoiceDeliveryTypeEnum::Email)
    );
    bank.credit_payment(nil).expect("credit");
    let postal = CreditPayment {
        invoice_delivery_type: v(InvoiceDeliveryTypeEnum::Postal),
        ..credit(P, Some(one_line("60")))
    };
    let verdict = rules::check_credit(&read(&bank), None, &postal).expect("passes");
    assert_eq!(
        verdict.invoice_delivery_type,
        Some(InvoiceDeliveryTypeEnum::Postal)
    );
    bank.credit_payment(postal).expect("credit");

    let record = bank.record(P).expect("record");
    let mut deliveries: Vec<_> = record
        .documents
        .values()
        .map(|doc| doc.delivery.clone())
        .collect();
    deliveries.sort_by_key(|d| d.as_ref().map(|d| d.as_str().to_owned()));
    assert_eq!(
        deliveries,
        vec![
            Some(InvoiceDeliveryTypeEnum::Email),
            Some(InvoiceDeliveryTypeEnum::Email),
            Some(InvoiceDeliveryTypeEnum::Postal),
        ]
    );
    let any = record.documents.values().next().expect("a document");
    assert!(String::from_utf8_lossy(&any.pdf).contains("(Delivery)"));

    // Not an invoice payment: nothing is delivered.
    let card = bank_with("Pay-card", MethodKind::ResursCardAccount, "10", "10");
    let verdict = rules::check_finalize(&get(&card, "Pay-card"), None, &finalize("Pay-card", None))
        .expect("passes");
    assert_eq!(verdict.invoice_delivery_type, None);
}

/// Seed: "creditNoteDate | date | ... Note: use the format “yyyy-MM-dd” for
/// date." A date with a time zone is refused by the check and the simulator.
#[test]
fn credit_note_date_with_an_offset_is_refused() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    let dated = |text: &str| CreditPayment {
        credit_note_date: v(text.parse::<rt::Date>().expect("xs:date")),
        ..credit(P, Some(one_line("10")))
    };
    for text in ["2015-11-21+01:00", "2015-11-21Z"] {
        let checked = rules::check_credit(&read(&bank), None, &dated(text));
        assert!(
            matches!(&checked, Err(RuleError::DateFormat { field: "creditNoteDate", value }) if value == text),
            "{checked:?}"
        );
        assert_eq!(
            sim(bank.credit_payment(dated(text))),
            Some(ErrorType::IllegalArgument)
        );
    }
    assert_eq!(
        client(&rules::check_credit(
            &read(&bank),
            None,
            &dated("2015-11-21")
        )),
        None
    );
    assert_eq!(sim(bank.credit_payment(dated("2015-11-21"))), None);
}

/// Seed: "This "shadow limit" can be applied either for a fixed amount, e.q.
/// 2000SEK, or a percentage of the checkout value, e.q. 10%." and "additionalDebitOfPayment | limit - totalAmount".
#[test]
fn shadow_limit_bounds_additional_debits_on_both_sides() {
    let bank = Bank::new();
    bank.book(Booking {
        shadow_limit: Some(ShadowLimit::Percent(d("10"))),
        ..Booking::new(P, MethodKind::ResursInvoice, one_line("1000"))
    })
    .expect("booking");
    let payment = read(&bank);
    assert_eq!(payment.limit.value(), &d("1100"));
    assert_eq!(rules::checkout_value(&payment), d("1000"));
    let too_much = AdditionalDebitOfPayment {
        ..additional(P, one_line("100.10"))
    };
    assert_eq!(
        client(&rules::check_additional_debit(&payment, None, &too_much)),
        Some(ErrorType::IllegalArgument)
    );
    assert_eq!(
        sim(bank.additional_debit_of_payment(too_much)),
        Some(ErrorType::IllegalArgument)
    );
    let room = additional(P, one_line("100"));
    assert_eq!(
        client(&rules::check_additional_debit(&payment, None, &room)),
        None
    );
    assert_eq!(sim(bank.additional_debit_of_payment(room)), None);

    // A shop that knows its fixed shadow limit checks against it even when
    // the payment's limit is larger.
    let wide = bank_with("Pay-wide", MethodKind::ResursPartPayment, "1000", "50000");
    let payment = get(&wide, "Pay-wide");
    let request = additional("Pay-wide", one_line("2500"));
    let checked = rules::check_additional_debit_with_shadow_limit(
        &payment,
        None,
        ShadowLimit::Fixed(d("2000")),
        &request,
    );
    assert!(matches!(
        checked,
        Err(RuleError::Action {
            error: ActionError::OverMaximum { .. },
            ..
        })
    ));
    assert_eq!(
        client(&rules::check_additional_debit(&payment, None, &request)),
        None
    );
}

/// Seed: "paymentSpec | paymentSpec | 0..1 | No | The specification of the
/// additional payment." Without one, the maximum-amount table's
/// `limit - totalAmount` is what is reserved (reported as a warning).
#[test]
fn additional_debit_without_a_spec_reserves_the_room_on_both_sides() {
    let bank = bank_with(P, MethodKind::ResursPartPayment, "100", "130");
    let request = AdditionalDebitOfPayment {
        payment_id: id(P),
        ..AdditionalDebitOfPayment::default()
    };
    let verdict = rules::check_additional_debit(&read(&bank), None, &request).expect("room");
    assert_eq!(verdict.amount, d("30"));
    assert!(verdict
        .warnings
        .contains(&RuleWarning::WholeRoomReserved { amount: d("30") }));
    bank.additional_debit_of_payment(request.clone())
        .expect("reserved");
    assert_eq!(read(&bank).total_amount.value(), &d("130"));
    let checked = rules::check_additional_debit(&read(&bank), None, &request);
    assert!(
        matches!(checked, Err(RuleError::NoRoom { .. })),
        "{checked:?}"
    );
    assert_eq!(
        sim(bank.additional_debit_of_payment(request)),
        Some(ErrorType::IllegalArgument)
    );
}

/// Seed: "On-Hold (Pending) | getPaymentResponse.frozen=true". Our choice
/// (see `rules` docs): a held order cannot be finalized, but it can be
/// annulled; the check and the simulator agree.
#[test]
fn frozen_blocks_finalize_only() {
    let bank = Bank::new();
    bank.book(Booking {
        frozen: true,
        ..Booking::new(P, MethodKind::ResursInvoice, one_line("100"))
    })
    .expect("booking");
    let payment = read(&bank);
    assert_eq!(OrderStatus::of(&payment), Some(OrderStatus::Pending));
    let fin = finalize(P, None);
    assert_eq!(
        client(&rules::check_finalize(&payment, None, &fin)),
        Some(ErrorType::NotAllowedInPaymentState)
    );
    assert_eq!(
        sim(bank.finalize_payment(fin)),
        Some(ErrorType::NotAllowedInPaymentState)
    );
    let cancel = annul(P, None);
    assert_eq!(client(&rules::check_annul(&payment, None, &cancel)), None);
    assert_eq!(sim(bank.annul_payment(cancel)), None);
    let payment = read(&bank);
    assert_eq!(payment.status, vec![PaymentStatus::IsAnnulled]);
    // Rows in table order, first match wins: still On-Hold while frozen.
    assert_eq!(OrderStatus::of(&payment), Some(OrderStatus::Pending));
}

/// Meta data is bounded per payment: the check and the simulator refuse the
/// entry beyond `MAX_META_DATA_ENTRIES`, and replacing a key is not adding.
#[test]
fn meta_data_entries_are_bounded_on_both_sides() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    let entry = |key: String| AddMetaData {
        payment_id: id(P),
        key,
        value: v("x".to_owned()),
    };
    for i in 0..MAX_META_DATA_ENTRIES {
        bank.add_meta_data(entry(format!("key-{i}")))
            .expect("within the limit");
    }
    let one_more = entry("key-new".to_owned());
    let checked = rules::check_add_meta_data(&read(&bank), &one_more);
    assert!(
        matches!(checked, Err(RuleError::MetaData(_))),
        "{checked:?}"
    );
    assert_eq!(
        checked.expect_err("refused").error_type(),
        ErrorType::IllegalArgument
    );
    assert_eq!(
        sim(bank.add_meta_data(one_more)),
        Some(ErrorType::IllegalArgument)
    );
    let replace = entry("key-7".to_owned());
    assert_eq!(rules::check_add_meta_data(&read(&bank), &replace), Ok(()));
    assert_eq!(sim(bank.add_meta_data(replace)), None);
    assert_eq!(read(&bank).meta_data.len(), MAX_META_DATA_ENTRIES);
    let huge = AddMetaData {
        value: v("x".repeat(rules::MAX_META_DATA_VALUE_BYTES + 1)),
        ..entry("key-8".to_owned())
    };
    assert_eq!(
        sim(bank.add_meta_data(huge)),
        Some(ErrorType::IllegalArgument)
    );
}

/// Without the payment method's kind, the payment-method table cannot be
/// checked: the verdict says so instead of staying silent.
#[test]
fn unknown_method_kind_is_a_warning() {
    let bank = bank_with(P, MethodKind::VisaMastercard, "100", "100");
    let verdict = rules::check_annul(&read(&bank), None, &annul(P, Some(amount("30"))))
        .expect("cannot tell it is a card");
    assert!(verdict.warnings.contains(&RuleWarning::MethodKindUnknown {
        event: AfterShopEvent::AnnulPart
    }));
}
