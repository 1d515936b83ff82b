//! What each kind of payment method allows after the purchase: Resurs Bank's
//! after-shop event table.

use std::collections::HashMap;

use super::actions::Action;
use crate::types_aftershopflow::Payment;

/// A column of the after-shop event table: the kind of payment method.
///
/// Resurs does not send the kind: a payment only names its
/// `paymentMethodId`, whose meaning is set up per merchant. The caller maps
/// ids to kinds with a [`MethodKindSource`] (a closure or a map).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    /// Resurs Bank invoice.
    ResursInvoice,
    /// Resurs Bank part payment.
    ResursPartPayment,
    /// Resurs Bank card or account.
    ResursCardAccount,
    /// Visa/Mastercard card payment.
    VisaMastercard,
    /// Swish (bank payment from account to account).
    Swish,
    /// Trustly (bank payment from account to account).
    Trustly,
}

impl MethodKind {
    /// Every kind, in table column order (Swish and Trustly share the last column).
    pub const ALL: [MethodKind; 6] = [
        MethodKind::ResursInvoice,
        MethodKind::ResursPartPayment,
        MethodKind::ResursCardAccount,
        MethodKind::VisaMastercard,
        MethodKind::Swish,
        MethodKind::Trustly,
    ];

    /// The serde/fixture name, e.g. `"resurs_part_payment"`.
    pub fn name(self) -> &'static str {
        match self {
            MethodKind::ResursInvoice => "resurs_invoice",
            MethodKind::ResursPartPayment => "resurs_part_payment",
            MethodKind::ResursCardAccount => "resurs_card_account",
            MethodKind::VisaMastercard => "visa_mastercard",
            MethodKind::Swish => "swish",
            MethodKind::Trustly => "trustly",
        }
    }

    /// The kind with this [`name`](Self::name), if any.
    pub fn from_name(name: &str) -> Option<MethodKind> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// Whether the after-shop event table allows `event` for this kind.
    pub fn allows(self, event: AfterShopEvent) -> bool {
        let [invoice, part_payment, card_account, visa_mastercard, bank] = event.row();
        match self {
            MethodKind::ResursInvoice => invoice,
            MethodKind::ResursPartPayment => part_payment,
            MethodKind::ResursCardAccount => card_account,
            MethodKind::VisaMastercard => visa_mastercard,
            MethodKind::Swish | MethodKind::Trustly => bank,
        }
    }

    /// The events the table allows for this kind, in table order.
    pub fn allowed_events(self) -> Vec<AfterShopEvent> {
        AfterShopEvent::ALL
            .into_iter()
            .filter(|event| self.allows(*event))
            .collect()
    }

    /// True when Resurs finalizes (debits) payments of this kind by itself at
    /// booking: Swish payments are finalized automatically, so the shop never
    /// calls `finalizePayment` for them (only credits remain possible).
    pub fn finalized_at_booking(self) -> bool {
        self == MethodKind::Swish
    }

    /// The kind of `payment`, by its `paymentMethodId`, as `source` maps it.
    pub fn of_payment(payment: &Payment, source: &impl MethodKindSource) -> Option<MethodKind> {
        source.method_kind(payment.payment_method_id.as_str())
    }
}

impl std::fmt::Display for MethodKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for MethodKind {
    type Err = UnknownMethodKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_name(s).ok_or_else(|| UnknownMethodKind(s.to_owned()))
    }
}

/// A text that names no [`MethodKind`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a payment method kind (resurs_invoice, resurs_part_payment, resurs_card_account, visa_mastercard, swish, trustly)")]
pub struct UnknownMethodKind(pub String);

/// Maps a `paymentMethodId` to its [`MethodKind`]; the merchant's
/// configuration, supplied by the caller. Implemented for closures
/// `Fn(&str) -> Option<MethodKind>` and for `HashMap<String, MethodKind>`.
pub trait MethodKindSource {
    /// The kind of the payment method with this id, if known.
    fn method_kind(&self, payment_method_id: &str) -> Option<MethodKind>;
}

impl<F: Fn(&str) -> Option<MethodKind>> MethodKindSource for F {
    fn method_kind(&self, payment_method_id: &str) -> Option<MethodKind> {
        self(payment_method_id)
    }
}

impl<S: std::hash::BuildHasher> MethodKindSource for HashMap<String, MethodKind, S> {
    fn method_kind(&self, payment_method_id: &str) -> Option<MethodKind> {
        self.get(payment_method_id).copied()
    }
}

/// A row of the after-shop event table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterShopEvent {
    /// Debiting the whole order.
    DebitWhole,
    /// Debiting part of the order.
    DebitPart,
    /// Crediting the whole order.
    CreditWhole,
    /// Crediting part of the order.
    CreditPart,
    /// Annulling the whole order.
    AnnulWhole,
    /// Annulling part of the order.
    AnnulPart,
    /// Additional debit of payment.
    AdditionalDebit,
}

impl AfterShopEvent {
    /// Every event, in table row order.
    pub const ALL: [AfterShopEvent; 7] = [
        AfterShopEvent::DebitWhole,
        AfterShopEvent::DebitPart,
        AfterShopEvent::CreditWhole,
        AfterShopEvent::CreditPart,
        AfterShopEvent::AnnulWhole,
        AfterShopEvent::AnnulPart,
        AfterShopEvent::AdditionalDebit,
    ];

    /// The event an action is: `whole` says whether it covers everything
    /// still open for that action (ignored for additional debits).
    pub fn of(action: Action, whole: bool) -> AfterShopEvent {
        match (action, whole) {
            (Action::Finalize, true) => AfterShopEvent::DebitWhole,
            (Action::Finalize, false) => AfterShopEvent::DebitPart,
            (Action::Credit, true) => AfterShopEvent::CreditWhole,
            (Action::Credit, false) => AfterShopEvent::CreditPart,
            (Action::Annul, true) => AfterShopEvent::AnnulWhole,
            (Action::Annul, false) => AfterShopEvent::AnnulPart,
            (Action::AdditionalDebit, _) => AfterShopEvent::AdditionalDebit,
        }
    }

    /// The action this event is done with.
    pub fn action(self) -> Action {
        match self {
            AfterShopEvent::DebitWhole | AfterShopEvent::DebitPart => Action::Finalize,
            AfterShopEvent::CreditWhole | AfterShopEvent::CreditPart => Action::Credit,
            AfterShopEvent::AnnulWhole | AfterShopEvent::AnnulPart => Action::Annul,
            AfterShopEvent::AdditionalDebit => Action::AdditionalDebit,
        }
    }

    /// The table's wording, e.g. `"Debiting part order"`.
    pub fn description(self) -> &'static str {
        match self {
            AfterShopEvent::DebitWhole => "Debiting whole order",
            AfterShopEvent::DebitPart => "Debiting part order",
            AfterShopEvent::CreditWhole => "Crediting whole order",
            AfterShopEvent::CreditPart => "Crediting part order",
            AfterShopEvent::AnnulWhole => "Annulment whole order",
            AfterShopEvent::AnnulPart => "Annulment part order",
            AfterShopEvent::AdditionalDebit => "Additional Debit of Payment",
        }
    }

    /// The table row: Resurs invoice, Resurs part payment, Resurs
    /// card/account, Visa/Mastercard, Swish/Trustly.
    fn row(self) -> [bool; 5] {
        match self {
            AfterShopEvent::DebitWhole => [true, true, true, true, false],
            AfterShopEvent::DebitPart => [true, true, true, true, false],
            AfterShopEvent::CreditWhole => [true, true, true, true, true],
            AfterShopEvent::CreditPart => [true, true, true, true, true],
            AfterShopEvent::AnnulWhole => [true, true, true, true, false],
            AfterShopEvent::AnnulPart => [true, true, true, false, false],
            AfterShopEvent::AdditionalDebit => [true, true, true, false, false],
        }
    }
}

impl std::fmt::Display for AfterShopEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.description())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::Id;

    /// One table row as the table reads: invoice, part payment,
    /// card/account, Visa/Mastercard, Swish, Trustly.
    fn row(event: AfterShopEvent) -> [bool; 6] {
        MethodKind::ALL.map(|kind| kind.allows(event))
    }

    #[test]
    fn event_row_debiting_whole_order() {
        assert_eq!(
            row(AfterShopEvent::DebitWhole),
            [true, true, true, true, false, false]
        );
    }

    #[test]
    fn event_row_debiting_part_order() {
        assert_eq!(
            row(AfterShopEvent::DebitPart),
            [true, true, true, true, false, false]
        );
    }

    #[test]
    fn event_row_crediting_whole_order() {
        assert_eq!(row(AfterShopEvent::CreditWhole), [true; 6]);
    }

    #[test]
    fn event_row_crediting_part_order() {
        assert_eq!(row(AfterShopEvent::CreditPart), [true; 6]);
    }

    #[test]
    fn event_row_annulment_whole_order() {
        assert_eq!(
            row(AfterShopEvent::AnnulWhole),
            [true, true, true, true, false, false]
        );
    }

    #[test]
    fn event_row_annulment_part_order() {
        assert_eq!(
            row(AfterShopEvent::AnnulPart),
            [true, true, true, false, false, false]
        );
    }

    #[test]
    fn event_row_additional_debit_of_payment() {
        assert_eq!(
            row(AfterShopEvent::AdditionalDebit),
            [true, true, true, false, false, false]
        );
    }

    #[test]
    fn swish_is_finalized_at_booking_and_only_credits_remain() {
        assert!(MethodKind::Swish.finalized_at_booking());
        assert!(!MethodKind::Trustly.finalized_at_booking());
        assert!(!MethodKind::ResursInvoice.finalized_at_booking());
        assert_eq!(
            MethodKind::Swish.allowed_events(),
            vec![AfterShopEvent::CreditWhole, AfterShopEvent::CreditPart]
        );
    }

    #[test]
    fn events_and_actions_correspond() {
        for event in AfterShopEvent::ALL {
            let whole = !matches!(
                event,
                AfterShopEvent::DebitPart | AfterShopEvent::CreditPart | AfterShopEvent::AnnulPart
            );
            assert_eq!(AfterShopEvent::of(event.action(), whole), event);
        }
    }

    #[test]
    fn names_round_trip_through_serde_and_from_name() {
        for kind in MethodKind::ALL {
            let json = serde_json::to_string(&kind).expect("json");
            assert_eq!(json, format!("\"{}\"", kind.name()));
            assert_eq!(MethodKind::from_name(kind.name()), Some(kind));
            assert_eq!(kind.name().parse::<MethodKind>(), Ok(kind));
        }
        assert_eq!(MethodKind::from_name("klarna"), None);
        assert!("klarna".parse::<MethodKind>().is_err());
    }

    #[test]
    fn the_caller_maps_payment_method_ids() {
        let payment = Payment {
            payment_method_id: Id::new("Faktura").expect("facet"),
            ..Payment::default()
        };
        let by_closure = |id: &str| (id == "Faktura").then_some(MethodKind::ResursInvoice);
        assert_eq!(
            MethodKind::of_payment(&payment, &by_closure),
            Some(MethodKind::ResursInvoice)
        );
        let by_map: HashMap<String, MethodKind> = [("SWISH".to_owned(), MethodKind::Swish)]
            .into_iter()
            .collect();
        assert_eq!(MethodKind::of_payment(&payment, &by_map), None);
    }
}
