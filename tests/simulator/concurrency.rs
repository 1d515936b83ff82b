//! Concurrent calls on one payment never debit, annul or credit more than the
//! tables allow.

use crate::harness::bank as support;

use resurs_aftershop::rules::{ErrorType, MethodKind};
use resurs_aftershop::simulator::{Bank, SimFault};
use resurs_aftershop::types_aftershopflow::PaymentDiffType;
use rust_decimal::Decimal;
use support::*;

const P: &str = "Pay-concurrent-1";

/// Runs `calls` at once on `bank`, one thread each.
fn all_at_once<F>(bank: &Bank, calls: usize, call: F) -> Vec<Result<(), SimFault>>
where
    F: Fn(&Bank, usize) -> Result<(), SimFault> + Sync,
{
    let barrier = std::sync::Barrier::new(calls);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..calls)
            .map(|i| {
                let (barrier, call) = (&barrier, &call);
                scope.spawn(move || {
                    barrier.wait();
                    call(bank, i)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    })
}

fn sum_of(bank: &Bank, kind: PaymentDiffType) -> Decimal {
    get(bank, P)
        .payment_diffs
        .iter()
        .filter(|d| d.r#type == kind)
        .map(|d| *d.payment_spec.total_amount.value())
        .sum()
}

#[test]
fn fifty_part_finalizes_of_ten_on_three_hundred() {
    let bank = bank_with(P, MethodKind::ResursPartPayment, "300", "300");
    let results = all_at_once(&bank, 50, |bank, _| {
        bank.finalize_payment(finalize(P, Some(amount("10"))))
    });
    let (ok, refused): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    assert_eq!(ok.len(), 30);
    assert_eq!(refused.len(), 20);
    for fault in refused {
        // After 30 debits nothing is DEBITABLE any more.
        assert_fault(fault, ErrorType::NotAllowedInPaymentState);
    }
    assert_eq!(sum_of(&bank, PaymentDiffType::Debit), d("300"));
}

#[test]
fn finalizes_and_annuls_race_within_the_authorization() {
    let bank = bank_with(P, MethodKind::ResursCardAccount, "300", "300");
    let results = all_at_once(&bank, 60, |bank, i| {
        if i % 2 == 0 {
            bank.finalize_payment(finalize(P, Some(amount("7"))))
        } else {
            bank.annul_payment(annul(P, Some(amount("11"))))
        }
    });
    for result in &results {
        if let Err(fault) = result {
            assert!(
                [
                    ErrorType::NotAllowedInPaymentState,
                    ErrorType::InvalidFinalization,
                    ErrorType::IllegalArgument
                ]
                .contains(&fault.error),
                "{fault}"
            );
        }
    }
    let debited = sum_of(&bank, PaymentDiffType::Debit);
    let annulled = sum_of(&bank, PaymentDiffType::Annul);
    assert!(debited + annulled <= d("300"), "{debited} + {annulled}");
    let successes = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(
        get(&bank, P).payment_diffs.len(),
        1 + successes,
        "every success is one diff"
    );
}

#[test]
fn concurrent_credits_never_exceed_the_debited_amount() {
    let bank = bank_with(P, MethodKind::ResursCardAccount, "100", "100");
    bank.finalize_payment(finalize(P, None)).expect("finalize");
    let results = all_at_once(&bank, 40, |bank, _| {
        bank.credit_payment(credit(P, Some(amount("3"))))
    });
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 33);
    assert_eq!(sum_of(&bank, PaymentDiffType::Credit), d("99"));
    for result in results.into_iter().filter(Result::is_err) {
        assert_fault(result, ErrorType::InvalidCrediting);
    }
}

#[test]
fn concurrent_additional_debits_stay_within_the_limit() {
    let bank = bank_with(P, MethodKind::ResursInvoice, "100", "250");
    let results = all_at_once(&bank, 40, |bank, _| {
        bank.additional_debit_of_payment(additional(P, amount("10")))
    });
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 15);
    assert_eq!(get(&bank, P).total_amount.value(), &d("250"));
}
