//! Which after-shop operations a payment allows now, and for how much: Resurs
//! Bank's status/action table and maximum-amount table.

use rust_decimal::Decimal;

use super::methods::{AfterShopEvent, MethodKind};
use super::rounding::ROUNDING_TOLERANCE;
use crate::common::PaymentStatus;
use crate::types_aftershopflow::{Payment, PaymentDiff, PaymentDiffType};

/// An amount-changing after-shop operation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Action {
    /// `additionalDebitOfPayment`: reserve more on the customer's account.
    #[serde(rename = "additionalDebitOfPayment")]
    AdditionalDebit,
    /// `annulPayment`: release (part of) the reservation.
    #[serde(rename = "annulPayment")]
    Annul,
    /// `finalizePayment`: debit (part of) the reservation.
    #[serde(rename = "finalizePayment")]
    Finalize,
    /// `creditPayment`: pay (part of) a debited amount back.
    #[serde(rename = "creditPayment")]
    Credit,
}

impl Action {
    /// Every action, in the order of Resurs's tables.
    pub const ALL: [Action; 4] = [
        Action::AdditionalDebit,
        Action::Annul,
        Action::Finalize,
        Action::Credit,
    ];

    /// The SOAP operation name, e.g. `"finalizePayment"`.
    pub fn operation_name(self) -> &'static str {
        match self {
            Action::AdditionalDebit => "additionalDebitOfPayment",
            Action::Annul => "annulPayment",
            Action::Finalize => "finalizePayment",
            Action::Credit => "creditPayment",
        }
    }

    /// The status/action table row of this action: allowed with only
    /// `DEBITABLE`, with only `CREDITABLE`, and with both.
    fn status_row(self) -> [bool; 3] {
        match self {
            Action::AdditionalDebit => [true, true, true],
            Action::Annul => [true, false, true],
            Action::Finalize => [true, false, true],
            Action::Credit => [false, true, true],
        }
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.operation_name())
    }
}

/// Whether the status flags allow `action`, by the status/action table.
///
/// Only `DEBITABLE` and `CREDITABLE` matter; a payment with neither flag (for
/// example fully annulled or fully credited) allows nothing. The table does
/// not look at `frozen`: a frozen payment cannot be finalized either, which
/// [`PaymentState::allows`] adds.
pub fn action_allowed(status: &[PaymentStatus], action: Action) -> bool {
    allowed_by_flags(
        status.contains(&PaymentStatus::Debitable),
        status.contains(&PaymentStatus::Creditable),
        action,
    )
}

/// The status/action table, by the two flags it reads.
fn allowed_by_flags(debitable: bool, creditable: bool, action: Action) -> bool {
    let [only_debitable, only_creditable, both] = action.status_row();
    match (debitable, creditable) {
        (true, false) => only_debitable,
        (false, true) => only_creditable,
        (true, true) => both,
        (false, false) => false,
    }
}

/// The sums of a payment's diffs' `paymentSpec.totalAmount`, per diff type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DiffSums {
    /// `sum(AUTHORIZE.totalAmount)`: booking plus additional debits.
    pub authorized: Decimal,
    /// `sum(DEBIT.totalAmount)`: finalized.
    pub debited: Decimal,
    /// `sum(CREDIT.totalAmount)`: paid back.
    pub credited: Decimal,
    /// `sum(ANNUL.totalAmount)`: released.
    pub annulled: Decimal,
}

impl DiffSums {
    /// Sums the diffs; diffs of a type this crate does not know are skipped.
    pub fn of(diffs: &[PaymentDiff]) -> DiffSums {
        diffs.iter().fold(DiffSums::default(), |mut sums, diff| {
            let amount = *diff.payment_spec.total_amount.value();
            match diff.r#type {
                PaymentDiffType::Authorize => sums.authorized += amount,
                PaymentDiffType::Debit => sums.debited += amount,
                PaymentDiffType::Credit => sums.credited += amount,
                PaymentDiffType::Annul => sums.annulled += amount,
                PaymentDiffType::Unknown(_) => {}
            }
            sums
        })
    }

    /// What can still be finalized or annulled:
    /// `sum(AUTHORIZE) - sum(DEBIT) - sum(ANNUL)`.
    pub fn open(&self) -> Decimal {
        self.authorized - self.debited - self.annulled
    }

    /// What can still be credited: `sum(DEBIT) - sum(CREDIT)`.
    pub fn creditable(&self) -> Decimal {
        self.debited - self.credited
    }
}

/// What a payment allows now: the inputs of the status/action and
/// maximum-amount tables, taken from a `getPayment` response.
///
/// ```
/// # use resurs_aftershop::rules::{Action, PaymentState};
/// # let payment = resurs_aftershop::types_aftershopflow::Payment::default();
/// let state = PaymentState::of(&payment);
/// if state.allows(Action::Finalize) {
///     println!("up to {} can be debited", state.max_amount(Action::Finalize));
/// }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PaymentState {
    /// The fraud control holds the payment: it cannot be finalized.
    pub frozen: bool,
    /// Status `DEBITABLE` is set.
    pub debitable: bool,
    /// Status `CREDITABLE` is set.
    pub creditable: bool,
    /// The payment's `limit`.
    pub limit: Decimal,
    /// The payment's current `totalAmount`.
    pub total_amount: Decimal,
    /// The sums of the payment diffs.
    pub sums: DiffSums,
}

impl PaymentState {
    /// The state of a payment read with `getPayment`.
    pub fn of(payment: &Payment) -> PaymentState {
        PaymentState::new(
            payment.frozen,
            &payment.status,
            *payment.limit.value(),
            *payment.total_amount.value(),
            DiffSums::of(&payment.payment_diffs),
        )
    }

    /// The state from its parts (e.g. a simulator's own bookkeeping).
    pub fn new(
        frozen: bool,
        status: &[PaymentStatus],
        limit: Decimal,
        total_amount: Decimal,
        sums: DiffSums,
    ) -> PaymentState {
        PaymentState {
            frozen,
            debitable: status.contains(&PaymentStatus::Debitable),
            creditable: status.contains(&PaymentStatus::Creditable),
            limit,
            total_amount,
            sums,
        }
    }

    /// Whether `action` is possible now: the status/action table, plus "a
    /// frozen payment cannot be finalized".
    pub fn allows(&self, action: Action) -> bool {
        allowed_by_flags(self.debitable, self.creditable, action)
            && !(self.frozen && action == Action::Finalize)
    }

    /// The largest amount `action` may cover, by the maximum-amount table
    /// (never below zero, whatever the data says):
    ///
    /// | action | maximum |
    /// |---|---|
    /// | additional debit | `limit - totalAmount` |
    /// | annul, finalize | `sum(AUTHORIZE) - sum(DEBIT) - sum(ANNUL)` |
    /// | credit | `sum(DEBIT) - sum(CREDIT)` |
    ///
    /// This is the amount the table gives; whether the action is allowed at
    /// all is [`allows`](Self::allows) (see [`available`](Self::available)).
    pub fn max_amount(&self, action: Action) -> Decimal {
        let max = match action {
            Action::AdditionalDebit => self.limit - self.total_amount,
            Action::Annul | Action::Finalize => self.sums.open(),
            Action::Credit => self.sums.creditable(),
        };
        max.max(Decimal::ZERO)
    }

    /// Whether `event` is possible now for a payment of method `kind`: the
    /// after-shop event table ([`MethodKind::allows`]) and this state
    /// ([`allows`](Self::allows)) must both agree.
    pub fn allows_event(&self, kind: MethodKind, event: AfterShopEvent) -> bool {
        kind.allows(event) && self.allows(event.action())
    }

    /// The maximum amount of `action` when it is allowed now, else `None`.
    pub fn available(&self, action: Action) -> Option<Decimal> {
        self.allows(action).then(|| self.max_amount(action))
    }

    /// What can still be debited (= annulled): authorized − debited − annulled.
    pub fn remaining_debitable(&self) -> Decimal {
        self.max_amount(Action::Finalize)
    }

    /// What can still be credited: debited − credited.
    pub fn remaining_creditable(&self) -> Decimal {
        self.max_amount(Action::Credit)
    }

    /// Room for additional debits: `limit - totalAmount`.
    pub fn additional_debit_room(&self) -> Decimal {
        self.max_amount(Action::AdditionalDebit)
    }

    /// The actions possible now, in table order.
    pub fn allowed_actions(&self) -> Vec<Action> {
        Action::ALL
            .into_iter()
            .filter(|a| self.allows(*a))
            .collect()
    }

    /// Checks a request for `amount` before sending it: the action must be
    /// allowed, the amount above zero and at most the maximum plus
    /// [`ROUNDING_TOLERANCE`] (the 0.05 Resurs accepts on every value, so a
    /// spec summing to 0.05 more than the maximum still passes). The
    /// simulator applies exactly this check.
    pub fn check(&self, action: Action, amount: Decimal) -> Result<(), ActionError> {
        if !self.allows(action) {
            return Err(ActionError::NotAllowed {
                action,
                debitable: self.debitable,
                creditable: self.creditable,
                frozen: self.frozen,
            });
        }
        if amount <= Decimal::ZERO {
            return Err(ActionError::NotPositive { action, amount });
        }
        let maximum = self.max_amount(action);
        if amount > maximum.saturating_add(ROUNDING_TOLERANCE) {
            return Err(ActionError::OverMaximum {
                action,
                amount,
                maximum,
            });
        }
        Ok(())
    }
}

/// Why an after-shop request would be refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    /// The payment's state does not allow the action at all.
    #[error("{action} is not allowed now (DEBITABLE: {debitable}, CREDITABLE: {creditable}, frozen: {frozen})")]
    NotAllowed {
        /// The action.
        action: Action,
        /// Status `DEBITABLE` was set.
        debitable: bool,
        /// Status `CREDITABLE` was set.
        creditable: bool,
        /// The payment was frozen.
        frozen: bool,
    },
    /// The amount is zero or negative.
    #[error("{action} needs an amount above zero, got {amount}")]
    NotPositive {
        /// The action.
        action: Action,
        /// The amount asked for.
        amount: Decimal,
    },
    /// The amount is more than the maximum-amount table allows, by more than
    /// the 0.05 rounding tolerance.
    #[error(
        "{action} of {amount} exceeds the maximum of {maximum} (plus the 0.05 rounding tolerance)"
    )]
    OverMaximum {
        /// The action.
        action: Action,
        /// The amount asked for.
        amount: Decimal,
        /// The maximum now.
        maximum: Decimal,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::{PaymentSpec, PositiveDecimal};
    use PaymentStatus::{Creditable, Debitable, IsAnnulled, IsCredited, IsDebited};

    fn d(text: &str) -> Decimal {
        text.parse().expect("test decimal")
    }

    /// The three columns of the status/action table, then "neither flag".
    const COLUMNS: [&[PaymentStatus]; 4] = [
        &[Debitable],
        &[Creditable],
        &[Debitable, Creditable],
        &[IsDebited, IsCredited],
    ];

    fn row(action: Action) -> [bool; 4] {
        COLUMNS.map(|status| action_allowed(status, action))
    }

    #[test]
    fn status_row_additional_debit_of_payment_yes_yes_yes() {
        assert_eq!(row(Action::AdditionalDebit), [true, true, true, false]);
    }

    #[test]
    fn status_row_annul_payment_yes_no_yes() {
        assert_eq!(row(Action::Annul), [true, false, true, false]);
    }

    #[test]
    fn status_row_finalize_payment_yes_no_yes() {
        assert_eq!(row(Action::Finalize), [true, false, true, false]);
    }

    #[test]
    fn status_row_credit_payment_no_yes_yes() {
        assert_eq!(row(Action::Credit), [false, true, true, false]);
    }

    #[test]
    fn other_flags_do_not_matter() {
        assert!(action_allowed(
            &[IsDebited, Debitable, IsAnnulled],
            Action::Finalize
        ));
        assert!(!action_allowed(
            &[PaymentStatus::Unknown("DEBITABLE ".into())],
            Action::Finalize
        ));
    }

    fn diff(kind: PaymentDiffType, amount: &str) -> PaymentDiff {
        PaymentDiff {
            r#type: kind,
            payment_spec: PaymentSpec {
                total_amount: PositiveDecimal::new(d(amount)).expect("facet"),
                ..PaymentSpec::default()
            },
            ..PaymentDiff::default()
        }
    }

    /// Authorized 1000 + 200, debited 300 + 100, annulled 50, credited 120;
    /// limit 2000, totalAmount 1030.
    fn payment() -> Payment {
        use PaymentDiffType::{Annul, Authorize, Credit, Debit};
        Payment {
            limit: PositiveDecimal::new(d("2000")).expect("facet"),
            total_amount: PositiveDecimal::new(d("1030")).expect("facet"),
            status: vec![Debitable, Creditable, IsDebited, IsCredited, IsAnnulled],
            payment_diffs: vec![
                diff(Authorize, "1000"),
                diff(Debit, "300"),
                diff(Annul, "50"),
                diff(Authorize, "200.00000"),
                diff(Debit, "100"),
                diff(Credit, "120"),
                diff(PaymentDiffType::Unknown("REFUND".into()), "999"),
            ],
            ..Payment::default()
        }
    }

    #[test]
    fn max_row_additional_debit_of_payment_is_limit_minus_total_amount() {
        let state = PaymentState::of(&payment());
        assert_eq!(state.max_amount(Action::AdditionalDebit), d("970"));
        assert_eq!(state.additional_debit_room(), d("970"));
    }

    #[test]
    fn max_row_annul_payment_is_authorized_minus_debited_minus_annulled() {
        let state = PaymentState::of(&payment());
        assert_eq!(state.max_amount(Action::Annul), d("750"));
    }

    #[test]
    fn max_row_finalize_payment_is_authorized_minus_debited_minus_annulled() {
        let state = PaymentState::of(&payment());
        assert_eq!(state.max_amount(Action::Finalize), d("750"));
        assert_eq!(state.remaining_debitable(), d("750"));
    }

    #[test]
    fn max_row_credit_payment_is_debited_minus_credited() {
        let state = PaymentState::of(&payment());
        assert_eq!(state.max_amount(Action::Credit), d("280"));
        assert_eq!(state.remaining_creditable(), d("280"));
    }

    #[test]
    fn sums_per_diff_type() {
        let sums = DiffSums::of(&payment().payment_diffs);
        assert_eq!(
            sums,
            DiffSums {
                authorized: d("1200"),
                debited: d("400"),
                credited: d("120"),
                annulled: d("50"),
            }
        );
    }

    #[test]
    fn maximum_never_negative() {
        let mut p = payment();
        p.limit = PositiveDecimal::new(d("500")).expect("facet");
        assert_eq!(
            PaymentState::of(&p).max_amount(Action::AdditionalDebit),
            Decimal::ZERO
        );
    }

    #[test]
    fn frozen_payment_cannot_be_finalized() {
        let mut p = payment();
        p.frozen = true;
        let state = PaymentState::of(&p);
        assert!(!state.allows(Action::Finalize));
        assert!(state.allows(Action::Annul));
        assert_eq!(
            state.allowed_actions(),
            vec![Action::AdditionalDebit, Action::Annul, Action::Credit]
        );
    }

    #[test]
    fn check_reports_typed_errors() {
        let state = PaymentState::of(&payment());
        assert_eq!(state.check(Action::Finalize, d("750")), Ok(()));
        assert_eq!(
            state.check(Action::Finalize, d("750.06")),
            Err(ActionError::OverMaximum {
                action: Action::Finalize,
                amount: d("750.06"),
                maximum: d("750"),
            })
        );
        assert!(matches!(
            state.check(Action::Credit, d("0")),
            Err(ActionError::NotPositive { .. })
        ));
        let credited_only =
            PaymentState::new(false, &[Creditable], d("0"), d("10"), DiffSums::default());
        assert!(matches!(
            credited_only.check(Action::Annul, d("1")),
            Err(ActionError::NotAllowed {
                action: Action::Annul,
                ..
            })
        ));
        assert_eq!(credited_only.available(Action::Annul), None);
    }

    /// Seed: the maximum-amount table, with the 0.05 tolerance Resurs applies
    /// to every amount: maximum + 0.05 passes, maximum + 0.06 is refused, for
    /// every action.
    #[test]
    fn maximum_tolerance_edge() {
        let state = PaymentState::of(&payment());
        for action in Action::ALL {
            let maximum = state.max_amount(action);
            assert_eq!(state.check(action, maximum + d("0.05")), Ok(()), "{action}");
            assert_eq!(
                state.check(action, maximum + d("0.06")),
                Err(ActionError::OverMaximum {
                    action,
                    amount: maximum + d("0.06"),
                    maximum,
                }),
                "{action}"
            );
        }
    }

    #[test]
    fn events_need_both_the_method_table_and_the_state() {
        let state = PaymentState::of(&payment());
        assert!(state.allows_event(MethodKind::ResursInvoice, AfterShopEvent::AnnulPart));
        assert!(!state.allows_event(MethodKind::VisaMastercard, AfterShopEvent::AnnulPart));
        assert!(state.allows_event(MethodKind::VisaMastercard, AfterShopEvent::AnnulWhole));
        let credit_only =
            PaymentState::new(false, &[Creditable], d("0"), d("10"), DiffSums::default());
        assert!(!credit_only.allows_event(MethodKind::ResursInvoice, AfterShopEvent::DebitWhole));
        assert!(credit_only.allows_event(MethodKind::Swish, AfterShopEvent::CreditPart));
    }

    #[test]
    fn display_is_the_operation_name() {
        assert_eq!(
            Action::AdditionalDebit.to_string(),
            "additionalDebitOfPayment"
        );
        assert_eq!(
            serde_json::to_string(&Action::Credit).expect("json"),
            "\"creditPayment\""
        );
    }
}
