//! Reconciliation after an ambiguous failure of an amount-changing call, and a
//! retry policy for reads.
//!
//! `finalizePayment`, `annulPayment`, `creditPayment` and
//! `additionalDebitOfPayment` are not idempotent: when such a call times out,
//! loses its connection or gets a 5xx, the bank may or may not have applied
//! it. Sending it again blindly may debit twice. Instead:
//!
//! 1. [`classify`] the error: [`Failure::NotSent`] (nothing reached the
//!    service: resend), [`Failure::Refused`] (the service answered: do not
//!    resend) or [`Failure::Ambiguous`];
//! 2. on [`Failure::Ambiguous`], re-read the payment (with
//!    [`RetryPolicy::run`], reads are idempotent) and [`reconcile`] it with the
//!    payment read before the call: [`Reconciliation::Landed`] (done, do not
//!    resend), [`Reconciliation::NotLanded`] (resend once) or
//!    [`Reconciliation::Unknown`] (a human has to look).
//!
//! The match is by diff type, transaction id and amount. `finalizePayment`
//! and `creditPayment` carry a `preferredTransactionId` that Resurs stores on
//! the diff; always send one so that the diff can be told apart from others.
//! `annulPayment` and `additionalDebitOfPayment` have none: their diff is
//! recognised as the one new diff of its type with the intended amount.
//!
//! ```
//! use resurs_aftershop::reconcile::{reconcile, Intent, Reconciliation};
//! use resurs_aftershop::rules::Action;
//! # let before = resurs_aftershop::types_aftershopflow::Payment::default();
//! # let after = before.clone();
//! let intent = Intent::new(Action::Finalize, Some("T-1".into()), "100".parse()?);
//! match reconcile(&intent, &before, &after) {
//!     Reconciliation::Landed { .. } => println!("already debited"),
//!     Reconciliation::NotLanded => println!("safe to send again"),
//!     Reconciliation::Unknown { why } => println!("check by hand: {why}"),
//! }
//! # Ok::<(), rust_decimal::Error>(())
//! ```

use std::future::Future;
use std::time::Duration;

use rust_decimal::Decimal;
use soap_runtime::Transport;
use soap_runtime::{TimeoutPhase, TransportError};

use crate::msg_aftershopflow::GetPayment;
use crate::rules::Action;
use crate::types_aftershopflow::{Payment, PaymentDiff, PaymentDiffType};
use crate::v4::{AfterShopFlowServiceClient, GetPaymentError};

/// The change an amount-changing call was meant to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intent {
    /// The operation.
    pub action: Action,
    /// The `preferredTransactionId` sent (finalize and credit only).
    pub transaction_id: Option<String>,
    /// The `totalAmount` of the diff the call creates: the spec's total, or
    /// for a call without spec the maximum the payment allowed before it.
    pub amount: Decimal,
}

impl Intent {
    /// The intent of `action` for `amount`, sent with `transaction_id`.
    pub fn new(action: Action, transaction_id: Option<String>, amount: Decimal) -> Intent {
        Intent {
            action,
            transaction_id,
            amount,
        }
    }

    /// The type of diff the action records in the payment's history.
    pub fn diff_type(&self) -> PaymentDiffType {
        diff_type(self.action)
    }
}

/// The `paymentDiffs` type an action records.
pub fn diff_type(action: Action) -> PaymentDiffType {
    match action {
        Action::AdditionalDebit => PaymentDiffType::Authorize,
        Action::Annul => PaymentDiffType::Annul,
        Action::Finalize => PaymentDiffType::Debit,
        Action::Credit => PaymentDiffType::Credit,
    }
}

/// Whether an intended change is in the payment's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reconciliation {
    /// The change was applied: do not send it again.
    Landed {
        /// The position of the diff in the payment's `paymentDiffs`.
        index: usize,
        /// The diff's transaction id, if it has one.
        transaction_id: Option<String>,
        /// The diff's `totalAmount`.
        amount: Decimal,
    },
    /// No diff of the change's type appeared: it is safe to send it again.
    NotLanded,
    /// The history does not say for sure (a diff with the transaction id but
    /// another amount, several new diffs...): a human has to look.
    Unknown {
        /// What was found.
        why: String,
    },
}

/// Compares the payment read after an ambiguous failure (`after`) with the
/// one read before the call (`before`), for the change `intent`.
///
/// With a transaction id, the diff of the intent's type carrying it must be
/// new and have the intended amount; without one, exactly one new diff of the
/// type must have appeared, with the intended amount. Amounts compare as
/// numbers (`100` equals `100.00000`).
pub fn reconcile(intent: &Intent, before: &Payment, after: &Payment) -> Reconciliation {
    let kind = intent.diff_type();
    let new = new_diffs(&kind, before, after);
    if let Some(wanted) = intent.transaction_id.as_deref() {
        let carries = |diff: &PaymentDiff| {
            diff.r#type == kind && diff.transaction_id.as_ref().map(|t| t.as_str()) == Some(wanted)
        };
        if before.payment_diffs.iter().any(carries) {
            return Reconciliation::Unknown {
                why: format!(
                    "a {kind} diff with transaction id {wanted} existed before the call; \
                     use a fresh transaction id"
                ),
            };
        }
        let mine: Vec<usize> = new
            .iter()
            .copied()
            .filter(|&i| carries(&after.payment_diffs[i]))
            .collect();
        return match mine.as_slice() {
            [] if new.is_empty() => Reconciliation::NotLanded,
            [] => Reconciliation::Unknown {
                why: format!(
                    "{} new {kind} diff(s) appeared, none with transaction id {wanted}",
                    new.len()
                ),
            },
            [index] => landed_if_amount(intent, after, *index),
            _ => Reconciliation::Unknown {
                why: format!(
                    "{} new {kind} diffs carry transaction id {wanted}",
                    mine.len()
                ),
            },
        };
    }
    match new.as_slice() {
        [] => Reconciliation::NotLanded,
        [index] => landed_if_amount(intent, after, *index),
        _ => Reconciliation::Unknown {
            why: format!(
                "{} new {kind} diffs appeared since the payment was read",
                new.len()
            ),
        },
    }
}

fn landed_if_amount(intent: &Intent, after: &Payment, index: usize) -> Reconciliation {
    let diff = &after.payment_diffs[index];
    let amount = *diff.payment_spec.total_amount.value();
    if amount != intent.amount {
        return Reconciliation::Unknown {
            why: format!(
                "a new {} diff of {amount} appeared, but {} was intended",
                diff.r#type, intent.amount
            ),
        };
    }
    Reconciliation::Landed {
        index,
        transaction_id: diff.transaction_id.as_ref().map(|t| t.as_str().to_owned()),
        amount,
    }
}

/// The positions in `after.payment_diffs` of the diffs of type `kind` that
/// `before` does not have (each diff of `before` accounts for one equal diff
/// of `after`).
fn new_diffs(kind: &PaymentDiffType, before: &Payment, after: &Payment) -> Vec<usize> {
    let mut old: Vec<&PaymentDiff> = before
        .payment_diffs
        .iter()
        .filter(|d| d.r#type == *kind)
        .collect();
    let mut new = Vec::new();
    for (index, diff) in after.payment_diffs.iter().enumerate() {
        if diff.r#type != *kind {
            continue;
        }
        match old.iter().position(|o| *o == diff) {
            Some(seen) => {
                old.swap_remove(seen);
            }
            None => new.push(index),
        }
    }
    new
}

/// What a failed call means for the change it carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Nothing reached the service (connection refused, connect timeout, TLS
    /// set-up, a request that could not be encoded): the change was not made.
    NotSent,
    /// The service answered that it did not make the change (a SOAP fault,
    /// a 4xx such as a refused login).
    Refused,
    /// The request may have been carried out: the call timed out, the
    /// connection broke, a 5xx came back or the answer was unreadable.
    Ambiguous,
}

/// Sorts a failed call by whether its change may have been made.
pub fn classify<F>(error: &soap_runtime::Error<F>) -> Failure {
    match error {
        soap_runtime::Error::Encode(_)
        | soap_runtime::Error::Timeout {
            phase: TimeoutPhase::Connect,
            ..
        } => Failure::NotSent,
        soap_runtime::Error::Transport(
            TransportError::Connect { .. }
            | TransportError::ConnectTimeout { .. }
            | TransportError::Tls { .. }
            | TransportError::InvalidRequest { .. },
        ) => Failure::NotSent,
        soap_runtime::Error::Fault(_) => Failure::Refused,
        soap_runtime::Error::HttpStatus { status, .. } if status.is_client_error() => {
            Failure::Refused
        }
        _ => Failure::Ambiguous,
    }
}

/// How often and how patiently an idempotent read is retried. Only errors
/// the runtime calls retryable ([`soap_runtime::Error::is_retryable`]: unreachable,
/// timed out, 502/503/504) are retried; the wait doubles after each attempt
/// up to `max_backoff`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (at least one is made).
    pub attempts: u32,
    /// The wait before the second attempt.
    pub initial_backoff: Duration,
    /// The longest wait between two attempts.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts, waiting 200 ms then 400 ms.
    fn default() -> Self {
        RetryPolicy {
            attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retry.
    pub fn none() -> RetryPolicy {
        RetryPolicy {
            attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Runs `call` until it succeeds, fails with an error that is not
    /// retryable, or the attempts are used up; returns the last result.
    /// Use it for reads only: a retried mutation may be applied twice.
    pub async fn run<T, F, Fut>(
        &self,
        mut call: impl FnMut() -> Fut,
    ) -> Result<T, soap_runtime::Error<F>>
    where
        Fut: Future<Output = Result<T, soap_runtime::Error<F>>>,
    {
        let mut backoff = self.initial_backoff;
        let mut attempt = 1;
        loop {
            match call().await {
                Err(error) if error.is_retryable() && attempt < self.attempts => {
                    tracing::debug!(attempt, ?backoff, "retrying a read after a retryable error");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(self.max_backoff);
                    attempt += 1;
                }
                result => return result,
            }
        }
    }
}

/// Reads the payment `payment_id` with `policy` and reconciles it with
/// `before` for `intent` (see [`reconcile`]).
pub async fn reconcile_payment<T: Transport>(
    client: &AfterShopFlowServiceClient<T>,
    policy: &RetryPolicy,
    intent: &Intent,
    before: &Payment,
) -> Result<Reconciliation, GetPaymentError> {
    let request = GetPayment {
        payment_id: before.id.clone(),
    };
    let after = policy.run(|| client.get_payment(&request)).await?;
    Ok(reconcile(intent, before, &after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::{Id, PaymentSpec, PositiveDecimal};
    use std::cell::Cell;

    fn d(text: &str) -> Decimal {
        text.parse().expect("test decimal")
    }

    fn diff(kind: PaymentDiffType, transaction: Option<&str>, amount: &str) -> PaymentDiff {
        PaymentDiff {
            r#type: kind,
            transaction_id: transaction.map(|t| Id::new(t).expect("id")),
            payment_spec: PaymentSpec {
                total_amount: PositiveDecimal::new(d(amount)).expect("amount"),
                ..PaymentSpec::default()
            },
            ..PaymentDiff::default()
        }
    }

    fn payment(diffs: Vec<PaymentDiff>) -> Payment {
        Payment {
            payment_diffs: diffs,
            ..Payment::default()
        }
    }

    fn booked() -> Payment {
        payment(vec![
            diff(PaymentDiffType::Authorize, Some("P"), "1000"),
            diff(PaymentDiffType::Debit, Some("T-0"), "200"),
        ])
    }

    fn with(mut payment: Payment, added: PaymentDiff) -> Payment {
        payment.payment_diffs.push(added);
        payment
    }

    #[test]
    fn a_new_diff_with_the_transaction_id_and_amount_landed() {
        let after = with(
            booked(),
            diff(PaymentDiffType::Debit, Some("T-1"), "300.00000"),
        );
        let intent = Intent::new(Action::Finalize, Some("T-1".into()), d("300"));
        assert_eq!(
            reconcile(&intent, &booked(), &after),
            Reconciliation::Landed {
                index: 2,
                transaction_id: Some("T-1".into()),
                amount: d("300")
            }
        );
    }

    #[test]
    fn an_unchanged_history_did_not_land() {
        let intent = Intent::new(Action::Finalize, Some("T-1".into()), d("300"));
        assert_eq!(
            reconcile(&intent, &booked(), &booked()),
            Reconciliation::NotLanded
        );
        let annul = Intent::new(Action::Annul, None, d("300"));
        assert_eq!(
            reconcile(&annul, &booked(), &booked()),
            Reconciliation::NotLanded
        );
    }

    #[test]
    fn diffs_of_other_types_do_not_count() {
        let after = with(booked(), diff(PaymentDiffType::Credit, Some("T-1"), "300"));
        let intent = Intent::new(Action::Finalize, Some("T-1".into()), d("300"));
        assert_eq!(
            reconcile(&intent, &booked(), &after),
            Reconciliation::NotLanded
        );
    }

    #[test]
    fn another_amount_is_unknown() {
        let after = with(booked(), diff(PaymentDiffType::Debit, Some("T-1"), "299"));
        let intent = Intent::new(Action::Finalize, Some("T-1".into()), d("300"));
        let Reconciliation::Unknown { why } = reconcile(&intent, &booked(), &after) else {
            panic!("expected Unknown");
        };
        assert!(why.contains("299") && why.contains("300"), "{why}");
    }

    #[test]
    fn a_new_diff_with_another_transaction_id_is_unknown() {
        let after = with(booked(), diff(PaymentDiffType::Debit, Some("T-9"), "300"));
        let intent = Intent::new(Action::Finalize, Some("T-1".into()), d("300"));
        assert!(matches!(
            reconcile(&intent, &booked(), &after),
            Reconciliation::Unknown { .. }
        ));
    }

    #[test]
    fn a_reused_transaction_id_is_unknown() {
        let intent = Intent::new(Action::Finalize, Some("T-0".into()), d("200"));
        let after = with(booked(), diff(PaymentDiffType::Debit, Some("T-0"), "200"));
        let Reconciliation::Unknown { why } = reconcile(&intent, &booked(), &after) else {
            panic!("expected Unknown");
        };
        assert!(why.contains("existed before"), "{why}");
    }

    #[test]
    fn without_transaction_id_exactly_one_new_diff_must_match() {
        let intent = Intent::new(Action::AdditionalDebit, None, d("50"));
        let one = with(booked(), diff(PaymentDiffType::Authorize, None, "50"));
        assert!(matches!(
            reconcile(&intent, &booked(), &one),
            Reconciliation::Landed { index: 2, .. }
        ));
        // A second diff equal to an old one is new too.
        let again = with(
            booked(),
            diff(PaymentDiffType::Authorize, Some("P"), "1000"),
        );
        assert!(matches!(
            reconcile(
                &Intent::new(Action::AdditionalDebit, None, d("1000")),
                &booked(),
                &again
            ),
            Reconciliation::Landed { index: 2, .. }
        ));
        let two = with(one, diff(PaymentDiffType::Authorize, None, "50"));
        assert!(matches!(
            reconcile(&intent, &booked(), &two),
            Reconciliation::Unknown { .. }
        ));
    }

    fn timeout() -> soap_runtime::Error<soap_runtime::NoFault> {
        soap_runtime::Error::Timeout {
            phase: TimeoutPhase::Call,
            endpoint: "http://127.0.0.1:1/".into(),
        }
    }

    #[test]
    fn failures_are_classified_by_whether_the_request_may_have_arrived() {
        assert_eq!(classify(&timeout()), Failure::Ambiguous);
        let connect = soap_runtime::Error::<soap_runtime::NoFault>::Timeout {
            phase: TimeoutPhase::Connect,
            endpoint: String::new(),
        };
        assert_eq!(classify(&connect), Failure::NotSent);
        let status = |code: u16| soap_runtime::Error::<soap_runtime::NoFault>::HttpStatus {
            status: http_status(code),
            content_type: None,
            snippet: String::new(),
        };
        assert_eq!(classify(&status(500)), Failure::Ambiguous);
        assert_eq!(classify(&status(503)), Failure::Ambiguous);
        assert_eq!(classify(&status(401)), Failure::Refused);
    }

    fn http_status(code: u16) -> http::StatusCode {
        http::StatusCode::from_u16(code).expect("status")
    }

    fn instant() -> RetryPolicy {
        RetryPolicy {
            initial_backoff: Duration::ZERO,
            ..RetryPolicy::default()
        }
    }

    fn block_on<T>(future: impl Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("runtime")
            .block_on(future)
    }

    #[test]
    fn reads_are_retried_while_retryable_up_to_the_attempts() {
        let policy = instant();
        let calls = Cell::new(0);
        let result: Result<(), _> = block_on(policy.run(|| {
            calls.set(calls.get() + 1);
            async { Err(timeout()) }
        }));
        assert!(result.is_err());
        assert_eq!(calls.get(), 3);

        calls.set(0);
        let result = block_on(policy.run(|| {
            calls.set(calls.get() + 1);
            let n = calls.get();
            async move {
                if n < 2 {
                    Err(timeout())
                } else {
                    Ok(n)
                }
            }
        }));
        assert_eq!(result.ok(), Some(2));
    }

    #[test]
    fn errors_that_are_not_retryable_are_returned_at_once() {
        let calls = Cell::new(0);
        let result: Result<(), _> = block_on(instant().run(|| {
            calls.set(calls.get() + 1);
            async {
                Err(soap_runtime::Error::<soap_runtime::NoFault>::HttpStatus {
                    status: http_status(500),
                    content_type: None,
                    snippet: String::new(),
                })
            }
        }));
        assert!(result.is_err());
        assert_eq!(calls.get(), 1);
        assert_eq!(RetryPolicy::none().attempts, 1);
    }
}
