//! The seed tables, through real operations on the simulator's bank:
//! status/action × operation, maximum amounts, payment method × event, order
//! status.

use crate::harness::bank as support;

use resurs_aftershop::common::PaymentStatus;
use resurs_aftershop::rules::{ErrorType, MethodKind, OrderStatus};
use resurs_aftershop::simulator::{Bank, Booking, SimFault};
use support::*;

const P: &str = "Pay-table-1";

/// The four amount-changing operations, each asking for `amount`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    AdditionalDebit,
    Annul,
    Finalize,
    Credit,
}

fn run(bank: &Bank, op: Op, amount_text: Option<&str>) -> Result<(), SimFault> {
    let spec = amount_text.map(amount);
    match op {
        Op::AdditionalDebit => {
            bank.additional_debit_of_payment(additional(P, spec.unwrap_or_else(|| amount("10"))))
        }
        Op::Annul => bank.annul_payment(annul(P, spec)),
        Op::Finalize => bank.finalize_payment(finalize(P, spec)),
        Op::Credit => bank.credit_payment(credit(P, spec)),
    }
}

/// A card/account payment authorized for 100 (limit 1000) in one of the
/// status/action table's columns.
fn in_column(column: &[PaymentStatus]) -> Bank {
    let bank = bank_with(P, MethodKind::ResursCardAccount, "100", "1000");
    let has = |s: PaymentStatus| column.contains(&s);
    match (
        has(PaymentStatus::Debitable),
        has(PaymentStatus::Creditable),
    ) {
        (true, false) => {}
        (false, true) => bank.finalize_payment(finalize(P, None)).expect("finalize"),
        (true, true) => bank
            .finalize_payment(finalize(P, Some(amount("40"))))
            .expect("finalize"),
        (false, false) => bank.annul_payment(annul(P, None)).expect("annul"),
    }
    let status = get(&bank, P).status;
    for flag in [PaymentStatus::Debitable, PaymentStatus::Creditable] {
        assert_eq!(status.contains(&flag), column.contains(&flag), "{status:?}");
    }
    bank
}

fn status_row(op: Op, expected: [bool; 4]) {
    let columns: [&[PaymentStatus]; 4] = [
        &[PaymentStatus::Debitable],
        &[PaymentStatus::Creditable],
        &[PaymentStatus::Debitable, PaymentStatus::Creditable],
        &[],
    ];
    for (column, allowed) in columns.into_iter().zip(expected) {
        let bank = in_column(column);
        let result = run(&bank, op, Some("10"));
        if allowed {
            assert!(result.is_ok(), "{op:?} in {column:?}: {result:?}");
        } else {
            assert_fault(result, ErrorType::NotAllowedInPaymentState);
        }
    }
}

#[test]
fn status_action_additional_debit_yes_yes_yes() {
    status_row(Op::AdditionalDebit, [true, true, true, false]);
}

#[test]
fn status_action_annul_yes_no_yes() {
    status_row(Op::Annul, [true, false, true, false]);
}

#[test]
fn status_action_finalize_yes_no_yes() {
    status_row(Op::Finalize, [true, false, true, false]);
}

#[test]
fn status_action_credit_no_yes_yes() {
    status_row(Op::Credit, [false, true, true, false]);
}

/// Authorized 100, debited 30, annulled 20, credited 10 (limit 300):
/// finalize/annul max 50, credit max 20, additional debit max 300 − 70 = 230.
fn for_maximums() -> Bank {
    let bank = bank_with(P, MethodKind::ResursPartPayment, "100", "300");
    bank.finalize_payment(finalize(P, Some(amount("30"))))
        .expect("finalize");
    bank.annul_payment(annul(P, Some(amount("20"))))
        .expect("annul");
    bank.credit_payment(credit(P, Some(amount("10"))))
        .expect("credit");
    assert_eq!(get(&bank, P).total_amount.value(), &d("70.00000"));
    bank
}

fn maximum_row(op: Op, maximum: &str, over: ErrorType) {
    let max = d(maximum);
    let bank = for_maximums();
    let too_much = (max + d("0.06")).to_string();
    assert_fault(run(&bank, op, Some(&too_much)), over);
    let within_tolerance = (max + d("0.04")).to_string();
    run(&bank, op, Some(&within_tolerance)).expect("within the 0.05 tolerance");

    let bank = for_maximums();
    run(&bank, op, Some(maximum)).expect("exactly the maximum");
}

#[test]
fn maximum_finalize_is_authorized_minus_debited_minus_annulled() {
    maximum_row(Op::Finalize, "50", ErrorType::InvalidFinalization);
}

#[test]
fn maximum_annul_is_authorized_minus_debited_minus_annulled() {
    maximum_row(Op::Annul, "50", ErrorType::IllegalArgument);
}

#[test]
fn maximum_credit_is_debited_minus_credited() {
    maximum_row(Op::Credit, "20", ErrorType::InvalidCrediting);
}

#[test]
fn maximum_additional_debit_is_limit_minus_total_amount() {
    maximum_row(Op::AdditionalDebit, "230", ErrorType::IllegalArgument);
}

/// The payment-method table's events, performed on a payment authorized for
/// 100 (limit 200). Credits first finalize the whole payment where the
/// method allows it (Swish and Trustly are finalized at booking).
#[derive(Debug, Clone, Copy)]
enum Event {
    DebitWhole,
    DebitPart,
    CreditWhole,
    CreditPart,
    AnnulWhole,
    AnnulPart,
    AdditionalDebit,
}

fn perform(kind: MethodKind, event: Event) -> Result<(), SimFault> {
    let bank = bank_with(P, kind, "100", "200");
    if matches!(event, Event::CreditWhole | Event::CreditPart)
        && get(&bank, P).status.contains(&PaymentStatus::Debitable)
    {
        bank.finalize_payment(finalize(P, None))
            .expect("finalize before crediting");
    }
    match event {
        Event::DebitWhole => bank.finalize_payment(finalize(P, None)),
        Event::DebitPart => bank.finalize_payment(finalize(P, Some(amount("40")))),
        // An invoice credit needs its spec; 100 is the whole debited amount.
        Event::CreditWhole => bank.credit_payment(credit(P, Some(amount("100")))),
        Event::CreditPart => bank.credit_payment(credit(P, Some(amount("40")))),
        Event::AnnulWhole => bank.annul_payment(annul(P, None)),
        Event::AnnulPart => bank.annul_payment(annul(P, Some(amount("40")))),
        Event::AdditionalDebit => bank.additional_debit_of_payment(additional(P, amount("50"))),
    }
}

/// Columns: invoice, part payment, card/account, Visa/Mastercard, Swish, Trustly.
fn method_row(event: Event, expected: [bool; 5]) {
    let kinds = [
        (MethodKind::ResursInvoice, expected[0]),
        (MethodKind::ResursPartPayment, expected[1]),
        (MethodKind::ResursCardAccount, expected[2]),
        (MethodKind::VisaMastercard, expected[3]),
        (MethodKind::Swish, expected[4]),
        (MethodKind::Trustly, expected[4]),
    ];
    for (kind, allowed) in kinds {
        let result = perform(kind, event);
        if allowed {
            assert!(result.is_ok(), "{event:?} on {kind}: {result:?}");
        } else {
            assert_fault(result, ErrorType::NotAllowed);
        }
    }
}

#[test]
fn method_debiting_whole_order() {
    method_row(Event::DebitWhole, [true, true, true, true, false]);
}

#[test]
fn method_debiting_part_order() {
    method_row(Event::DebitPart, [true, true, true, true, false]);
}

#[test]
fn method_crediting_whole_order() {
    method_row(Event::CreditWhole, [true, true, true, true, true]);
}

#[test]
fn method_crediting_part_order() {
    method_row(Event::CreditPart, [true, true, true, true, true]);
}

#[test]
fn method_annulment_whole_order() {
    method_row(Event::AnnulWhole, [true, true, true, true, false]);
}

#[test]
fn method_annulment_part_order() {
    method_row(Event::AnnulPart, [true, true, true, false, false]);
}

#[test]
fn method_additional_debit_of_payment() {
    method_row(Event::AdditionalDebit, [true, true, true, false, false]);
}

fn order_status(bank: &Bank) -> Option<OrderStatus> {
    OrderStatus::of(&get(bank, P))
}

#[test]
fn order_status_pending_when_frozen() {
    let bank = Bank::new();
    let booking = Booking {
        frozen: true,
        ..Booking::new(P, MethodKind::ResursInvoice, one_line("100"))
    };
    bank.book(booking).expect("booking");
    assert_eq!(order_status(&bank), Some(OrderStatus::Pending));
    assert_fault(
        bank.finalize_payment(finalize(P, None)),
        ErrorType::NotAllowedInPaymentState,
    );
}

#[test]
fn order_status_processing_when_debitable() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    assert_eq!(order_status(&bank), Some(OrderStatus::Processing));
    bank.finalize_payment(finalize(P, Some(amount("40"))))
        .expect("part");
    assert_eq!(order_status(&bank), Some(OrderStatus::Processing));
}

#[test]
fn order_status_completed_when_debited_and_nothing_left() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    assert_eq!(order_status(&bank), Some(OrderStatus::Completed));
}

#[test]
fn order_status_cancelled_when_annulled() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    bank.annul_payment(annul(P, None)).expect("annul");
    let payment = get(&bank, P);
    assert_eq!(payment.status, vec![PaymentStatus::IsAnnulled]);
    assert_eq!(payment.total_amount.value(), &d("0"));
    assert_eq!(order_status(&bank), Some(OrderStatus::Cancelled));
}

#[test]
fn order_status_refunded_when_credited_to_zero() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "100");
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    bank.credit_payment(credit(P, Some(amount("100"))))
        .expect("credit");
    let payment = get(&bank, P);
    assert_eq!(
        payment.status,
        vec![PaymentStatus::IsDebited, PaymentStatus::IsCredited]
    );
    assert_eq!(order_status(&bank), Some(OrderStatus::Refunded));
}
