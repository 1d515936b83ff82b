//! The shop-side order status of a payment, by Resurs Bank's order status
//! table ("General setup for orderstatus at Resurs Bank").

use rust_decimal::Decimal;

use crate::common::PaymentStatus;
use crate::types_aftershopflow::{BasicPayment, Payment};

/// The order status a shop shows for a Resurs payment.
///
/// Derived with [`OrderStatus::of`] from `getPayment`'s `frozen` flag,
/// `status` list and `totalAmount`. The rows of Resurs's table are tried in
/// table order and the first one that matches wins; a payment that matches
/// no row (for example one with no status flag at all) has no order status
/// and the functions return `None`, so the caller decides what to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// "On-Hold (Pending)": the fraud control froze the payment (`frozen = true`).
    Pending,
    /// "Processing (Ready/Confirmed Resurs)": something can still be debited
    /// (status `DEBITABLE`).
    Processing,
    /// "Completed": debited (`IS_DEBITED`), nothing left to debit (no
    /// `DEBITABLE`) and `totalAmount > 0`.
    Completed,
    /// "Cancelled (Annulled)": annulled (`IS_ANNULLED`), never credited (no
    /// `IS_CREDITED`) and `totalAmount = 0`.
    Cancelled,
    /// "Refunded (Credited)": credited (`IS_CREDITED`) and `totalAmount = 0`.
    Refunded,
}

impl OrderStatus {
    /// Every status, in the order of Resurs's table (the matching order).
    pub const ALL: [OrderStatus; 5] = [
        OrderStatus::Pending,
        OrderStatus::Processing,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
        OrderStatus::Refunded,
    ];

    /// The order status of a payment read with `getPayment`; `None` when no
    /// row of the table matches.
    pub fn of(payment: &Payment) -> Option<OrderStatus> {
        Self::from_parts(
            payment.frozen,
            &payment.status,
            *payment.total_amount.value(),
        )
    }

    /// The order status of a `findPayments` hit; `None` when no row matches.
    pub fn of_basic(payment: &BasicPayment) -> Option<OrderStatus> {
        Self::from_parts(
            payment.frozen,
            &payment.status,
            *payment.total_amount.value(),
        )
    }

    /// The order status from the three values the table looks at: the
    /// `frozen` flag, the status flags and the payment's `totalAmount`.
    pub fn from_parts(
        frozen: bool,
        status: &[PaymentStatus],
        total_amount: Decimal,
    ) -> Option<OrderStatus> {
        let facts = Facts {
            frozen,
            status,
            total_amount,
        };
        Self::ALL.into_iter().find(|row| row.matches(&facts))
    }

    /// Whether this row of the table matches, on its own (without the
    /// earlier rows taking precedence).
    fn matches(self, facts: &Facts<'_>) -> bool {
        let has = |flag: PaymentStatus| facts.status.contains(&flag);
        let total = facts.total_amount;
        match self {
            OrderStatus::Pending => facts.frozen,
            OrderStatus::Processing => has(PaymentStatus::Debitable),
            OrderStatus::Completed => {
                has(PaymentStatus::IsDebited)
                    && !has(PaymentStatus::Debitable)
                    && total > Decimal::ZERO
            }
            OrderStatus::Cancelled => {
                has(PaymentStatus::IsAnnulled) && !has(PaymentStatus::IsCredited) && total.is_zero()
            }
            OrderStatus::Refunded => has(PaymentStatus::IsCredited) && total.is_zero(),
        }
    }

    /// The name Resurs's table gives the status, e.g. `"On-Hold (Pending)"`.
    pub fn resurs_name(self) -> &'static str {
        match self {
            OrderStatus::Pending => "On-Hold (Pending)",
            OrderStatus::Processing => "Processing (Ready/Confirmed Resurs)",
            OrderStatus::Completed => "Completed",
            OrderStatus::Cancelled => "Cancelled (Annulled)",
            OrderStatus::Refunded => "Refunded (Credited)",
        }
    }
}

impl std::fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.resurs_name())
    }
}

/// What the table's conditions read.
struct Facts<'a> {
    frozen: bool,
    status: &'a [PaymentStatus],
    total_amount: Decimal,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::PositiveDecimal;
    use PaymentStatus::{Creditable, Debitable, IsAnnulled, IsCredited, IsDebited};

    fn d(text: &str) -> Decimal {
        text.parse().expect("test decimal")
    }

    fn status(frozen: bool, flags: &[PaymentStatus], total: &str) -> Option<OrderStatus> {
        OrderStatus::from_parts(frozen, flags, d(total))
    }

    #[test]
    fn row_on_hold_pending_frozen_true() {
        assert_eq!(status(true, &[], "100"), Some(OrderStatus::Pending));
        // First matching row wins: frozen beats every status flag.
        assert_eq!(
            status(true, &[Debitable, IsDebited], "100"),
            Some(OrderStatus::Pending)
        );
        assert_eq!(status(true, &[IsCredited], "0"), Some(OrderStatus::Pending));
    }

    #[test]
    fn row_processing_debitable() {
        assert_eq!(
            status(false, &[Debitable], "100"),
            Some(OrderStatus::Processing)
        );
        // Part debited, rest still debitable: still processing.
        assert_eq!(
            status(false, &[Debitable, Creditable, IsDebited], "100"),
            Some(OrderStatus::Processing)
        );
        assert_eq!(
            status(false, &[Debitable, IsAnnulled], "0"),
            Some(OrderStatus::Processing)
        );
    }

    #[test]
    fn row_completed_is_debited_not_debitable_total_positive() {
        assert_eq!(
            status(false, &[IsDebited, Creditable], "100"),
            Some(OrderStatus::Completed)
        );
        assert_eq!(
            status(false, &[IsDebited], "0.01"),
            Some(OrderStatus::Completed)
        );
        // Part credited but money left: completed, not refunded.
        assert_eq!(
            status(false, &[IsDebited, IsCredited, Creditable], "50"),
            Some(OrderStatus::Completed)
        );
        // totalAmount must be > 0.
        assert_ne!(
            status(false, &[IsDebited], "0"),
            Some(OrderStatus::Completed)
        );
    }

    #[test]
    fn row_cancelled_is_annulled_not_credited_total_zero() {
        assert_eq!(
            status(false, &[IsAnnulled], "0"),
            Some(OrderStatus::Cancelled)
        );
        assert_eq!(
            status(false, &[IsAnnulled], "0.00000"),
            Some(OrderStatus::Cancelled)
        );
        // Credited as well: not "cancelled" (the refunded row takes it).
        assert_eq!(
            status(false, &[IsAnnulled, IsCredited], "0"),
            Some(OrderStatus::Refunded)
        );
        // Money left: not cancelled.
        assert_eq!(status(false, &[IsAnnulled], "10"), None);
    }

    #[test]
    fn row_refunded_is_credited_total_zero() {
        assert_eq!(
            status(false, &[IsDebited, IsCredited], "0"),
            Some(OrderStatus::Refunded)
        );
        assert_eq!(
            status(false, &[IsCredited], "0"),
            Some(OrderStatus::Refunded)
        );
    }

    #[test]
    fn no_matching_row_is_none() {
        assert_eq!(status(false, &[], "0"), None);
        assert_eq!(status(false, &[], "100"), None);
        assert_eq!(status(false, &[Creditable], "100"), None);
        assert_eq!(
            status(false, &[PaymentStatus::Unknown("NEW_FLAG".into())], "1"),
            None
        );
    }

    #[test]
    fn documented_get_payment_response_is_refunded() {
        // The published getPayment response: IS_DEBITED + IS_CREDITED, total 0.
        let payment = Payment {
            total_amount: PositiveDecimal::new(d("0.00000000000000000000")).expect("facet"),
            frozen: false,
            status: vec![IsDebited, IsCredited],
            ..Payment::default()
        };
        assert_eq!(OrderStatus::of(&payment), Some(OrderStatus::Refunded));
    }

    #[test]
    fn basic_payment_uses_the_same_table() {
        let hit = BasicPayment {
            total_amount: PositiveDecimal::new(d("250")).expect("facet"),
            status: vec![Debitable],
            ..BasicPayment::default()
        };
        assert_eq!(OrderStatus::of_basic(&hit), Some(OrderStatus::Processing));
    }

    #[test]
    fn serde_names_and_display() {
        let json = serde_json::to_string(&OrderStatus::Pending).expect("json");
        assert_eq!(json, "\"pending\"");
        assert_eq!(OrderStatus::Refunded.to_string(), "Refunded (Credited)");
    }
}
