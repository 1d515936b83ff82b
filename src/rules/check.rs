//! The checks before a mutation: one function per operation, run by a shop
//! before it sends the request and by the simulator before it applies it.
//!
//! ```
//! # use resurs_aftershop::rules::{self, MethodKind};
//! # use resurs_aftershop::msg_aftershopflow::FinalizePayment;
//! # let payment = resurs_aftershop::types_aftershopflow::Payment::default();
//! # let request = FinalizePayment::default();
//! match rules::check_finalize(&payment, Some(MethodKind::ResursInvoice), &request) {
//!     Ok(verdict) => {
//!         for warning in &verdict.warnings {
//!             eprintln!("warning: {warning}");
//!         }
//!         // send the request
//!     }
//!     Err(refused) => eprintln!("Resurs would refuse it ({}): {refused}", refused.error_type()),
//! }
//! ```
//!
//! Checked in this order (the order the simulator reports refusals in):
//! invoice-only fields, date formats, the spec that crediting an `INVOICE`
//! payment needs, the spec's 0.05 rounding check, the payment-method table,
//! the status/action table, the maximum-amount table (with the 0.05
//! tolerance).

use rust_decimal::Decimal;
use soap_runtime::Nillable;

use super::actions::{Action, ActionError, PaymentState};
use super::additional_debit::{checkout_value, ShadowLimit};
use super::meta_data::{check_meta_data, MetaDataError};
use super::methods::{AfterShopEvent, MethodKind};
use super::rounding::{check_payment_spec, RoundingError, SpecWarning, ROUNDING_TOLERANCE};
use crate::common::{InvoiceDeliveryTypeEnum, PaymentMethodType, PaymentSpec};
use crate::error_type::ErrorType;
use crate::msg_aftershopflow::{
    AddMetaData, AdditionalDebitOfPayment, AnnulPayment, CreditPayment, FinalizePayment,
};
use crate::types_aftershopflow::Payment;
use crate::types_shopflow::{CustomerCard, CustomerIdentification, IdentificationToken};

/// What the rules need to know about a payment: read from `getPayment`
/// ([`PaymentFacts::of`]) or from the simulator's own books.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentFacts {
    /// The payment id (for messages).
    pub payment_id: String,
    /// Status flags, frozen, limit, amounts.
    pub state: PaymentState,
    /// `paymentMethodType`: invoice-only fields need `INVOICE`.
    pub method_type: PaymentMethodType,
    /// The column of the payment-method table; `None` when the caller does
    /// not know it (that table is then not checked, with a warning).
    pub method_kind: Option<MethodKind>,
}

impl PaymentFacts {
    /// The facts of a payment read with `getPayment`, whose method is of
    /// `method_kind` (Resurs does not send it; see [`MethodKind::of_payment`]).
    pub fn of(payment: &Payment, method_kind: Option<MethodKind>) -> PaymentFacts {
        PaymentFacts {
            payment_id: payment.id.as_str().to_owned(),
            state: PaymentState::of(payment),
            method_type: payment.payment_method_type.clone(),
            method_kind,
        }
    }

    /// The same facts when the merchant's [`ShadowLimit`] bounds additional
    /// debits: the limit becomes the smaller of the payment's `limit` and the
    /// checkout value plus the shadow limit.
    pub fn with_shadow_limit(mut self, shadow: ShadowLimit, checkout_value: Decimal) -> Self {
        self.state.limit = self.state.limit.min(shadow.limit(checkout_value));
        self
    }

    /// [`check_finalize`] on these facts.
    pub fn check_finalize(&self, request: &FinalizePayment) -> Result<Verdict, RuleError> {
        self.check(Mutation {
            action: Action::Finalize,
            spec: value(&request.part_payment_spec),
            invoice_only: &[
                ("invoiceId", value(&request.invoice_id).is_some()),
                ("invoiceDate", value(&request.invoice_date).is_some()),
            ],
            plain_dates: &[],
            delivery: Some(&request.invoice_delivery_type),
        })
    }

    /// [`check_annul`] on these facts.
    pub fn check_annul(&self, request: &AnnulPayment) -> Result<Verdict, RuleError> {
        self.check(Mutation {
            action: Action::Annul,
            spec: value(&request.part_payment_spec),
            invoice_only: &[],
            plain_dates: &[],
            delivery: None,
        })
    }

    /// [`check_credit`] on these facts.
    pub fn check_credit(&self, request: &CreditPayment) -> Result<Verdict, RuleError> {
        self.check(Mutation {
            action: Action::Credit,
            spec: value(&request.part_payment_spec),
            invoice_only: &[
                ("creditNoteId", value(&request.credit_note_id).is_some()),
                ("creditNoteDate", value(&request.credit_note_date).is_some()),
            ],
            plain_dates: &[("creditNoteDate", value(&request.credit_note_date))],
            delivery: Some(&request.invoice_delivery_type),
        })
    }

    /// [`check_additional_debit`] on these facts.
    pub fn check_additional_debit(
        &self,
        request: &AdditionalDebitOfPayment,
    ) -> Result<Verdict, RuleError> {
        self.check(Mutation {
            action: Action::AdditionalDebit,
            spec: value(&request.payment_spec),
            invoice_only: &[],
            plain_dates: &[],
            delivery: None,
        })
    }

    fn check(&self, m: Mutation<'_>) -> Result<Verdict, RuleError> {
        let is_invoice = self.method_type == PaymentMethodType::Invoice;
        if !is_invoice {
            if let Some((field, _)) = m.invoice_only.iter().find(|(_, set)| *set) {
                return Err(RuleError::InvoiceOnly {
                    field,
                    payment_id: self.payment_id.clone(),
                    method_type: self.method_type.as_str().to_owned(),
                });
            }
        }
        for (field, date) in m.plain_dates {
            if let Some(date) = date {
                check_plain_date(field, date)?;
            }
        }
        if m.action == Action::Credit && is_invoice && m.spec.is_none() {
            return Err(RuleError::SpecRequired {
                payment_id: self.payment_id.clone(),
            });
        }
        let mut warnings = Vec::new();
        if let Some(spec) = m.spec {
            let verdict = check_payment_spec(spec)?;
            warnings.extend(verdict.warnings.into_iter().map(RuleWarning::Spec));
        }
        let maximum = self.state.max_amount(m.action);
        let requested = m.spec.map(|spec| *spec.total_amount.value());
        let amount = requested.unwrap_or(maximum);
        let event = AfterShopEvent::of(m.action, self.covers_whole(m.action, requested, maximum));
        match self.method_kind {
            Some(kind) if !kind.allows(event) => {
                return Err(RuleError::MethodNotAllowed {
                    event,
                    kind,
                    payment_id: self.payment_id.clone(),
                })
            }
            Some(_) => {}
            None => warnings.push(RuleWarning::MethodKindUnknown { event }),
        }
        self.state
            .check(m.action, amount)
            .map_err(|error| match error {
                ActionError::NotPositive { .. }
                    if m.action == Action::AdditionalDebit && requested.is_none() =>
                {
                    RuleError::NoRoom {
                        payment_id: self.payment_id.clone(),
                    }
                }
                error => RuleError::Action {
                    payment_id: self.payment_id.clone(),
                    error,
                },
            })?;
        if amount > maximum {
            warnings.push(RuleWarning::WithinTolerance { amount, maximum });
        }
        if m.action == Action::AdditionalDebit && requested.is_none() {
            warnings.push(RuleWarning::WholeRoomReserved { amount });
        }
        let invoice_delivery_type = m
            .delivery
            .filter(|_| is_invoice)
            .map(|given| value(given).cloned().unwrap_or(DEFAULT_INVOICE_DELIVERY));
        Ok(Verdict {
            action: m.action,
            amount,
            maximum,
            event,
            invoice_delivery_type,
            warnings,
        })
    }

    /// Whether a request covers the *whole order* for the payment-method
    /// table: it covers all that remains (within the tolerance) and nothing
    /// of the order was handled that way before. After a part finalization,
    /// annulling the rest is a partial annulment: the seed's "Partial
    /// annullment cannot be done on VISA/Mastercard" then applies, and the
    /// remainder must be finalized and credited.
    fn covers_whole(&self, action: Action, requested: Option<Decimal>, maximum: Decimal) -> bool {
        let rest = requested.is_none_or(|amount| amount >= maximum - ROUNDING_TOLERANCE);
        let sums = &self.state.sums;
        let untouched = match action {
            Action::Annul | Action::Finalize => sums.debited.is_zero() && sums.annulled.is_zero(),
            Action::Credit => sums.credited.is_zero(),
            Action::AdditionalDebit => true,
        };
        rest && untouched
    }
}

/// What a mutation asks, as the shared check reads it.
struct Mutation<'a> {
    action: Action,
    spec: Option<&'a PaymentSpec>,
    invoice_only: &'a [(&'static str, bool)],
    plain_dates: &'a [(&'static str, Option<&'a soap_runtime::Date>)],
    delivery: Option<&'a Option<Nillable<InvoiceDeliveryTypeEnum>>>,
}

/// The value of an optional nillable field (absent and nil are both `None`).
fn value<T>(field: &Option<Nillable<T>>) -> Option<&T> {
    field.as_ref().and_then(Nillable::value)
}

/// `invoiceDeliveryType` when the request leaves it out (or sends nil):
/// "Default: EMAIL".
pub const DEFAULT_INVOICE_DELIVERY: InvoiceDeliveryTypeEnum = InvoiceDeliveryTypeEnum::Email;

/// The seed's "use the format “yyyy-MM-dd” for date": four-digit year, no
/// time zone (`2015-11-21`, not `2015-11-21+01:00` or `2015-11-21Z`).
pub fn check_plain_date(field: &'static str, date: &soap_runtime::Date) -> Result<(), RuleError> {
    if date.offset_minutes().is_none() && (0..=9999).contains(&date.year()) {
        Ok(())
    } else {
        Err(RuleError::DateFormat {
            field,
            value: date.to_string(),
        })
    }
}

/// A request the rules let through, and what the caller should know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The operation.
    pub action: Action,
    /// The amount it covers: the spec's `totalAmount`, or (without a spec)
    /// the maximum, which is what the operation then covers.
    pub amount: Decimal,
    /// The maximum-amount table's maximum now.
    pub maximum: Decimal,
    /// The row of the payment-method table the request is.
    pub event: AfterShopEvent,
    /// For finalizing or crediting an `INVOICE` payment: how Resurs delivers
    /// the invoice or credit note (the request's, else `EMAIL`).
    pub invoice_delivery_type: Option<InvoiceDeliveryTypeEnum>,
    /// Deviations the service accepts all the same.
    pub warnings: Vec<RuleWarning>,
}

impl Verdict {
    /// Whether the request covers the whole order (see [`Verdict::event`]).
    pub fn whole(&self) -> bool {
        !matches!(
            self.event,
            AfterShopEvent::DebitPart | AfterShopEvent::CreditPart | AfterShopEvent::AnnulPart
        )
    }
}

/// Something accepted that the caller should know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleWarning {
    /// The spec deviates from the documentation (see [`SpecWarning`]).
    Spec(SpecWarning),
    /// The payment method's kind was not given: the payment-method table
    /// (e.g. no partial annulment on Visa/Mastercard) was not checked.
    MethodKindUnknown {
        /// The row that would have been checked.
        event: AfterShopEvent,
    },
    /// The amount exceeds the maximum by no more than the 0.05 rounding tolerance.
    WithinTolerance {
        /// The amount asked for.
        amount: Decimal,
        /// The maximum.
        maximum: Decimal,
    },
    /// An additional debit without `paymentSpec` reserves all the room the
    /// maximum-amount table gives (`limit - totalAmount`), like an
    /// unspecified finalization or annulment covers all that is open.
    WholeRoomReserved {
        /// The amount that will be reserved.
        amount: Decimal,
    },
}

impl std::fmt::Display for RuleWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RuleWarning::Spec(warning) => warning.fmt(f),
            RuleWarning::MethodKindUnknown { event } => write!(
                f,
                "the payment method's kind is not known, so whether it allows \"{event}\" was not checked"
            ),
            RuleWarning::WithinTolerance { amount, maximum } => write!(
                f,
                "{amount} exceeds the maximum {maximum} by no more than the 0.05 rounding tolerance"
            ),
            RuleWarning::WholeRoomReserved { amount } => write!(
                f,
                "no paymentSpec: the whole room of {amount} (limit - totalAmount) is reserved"
            ),
        }
    }
}

/// Why the rules refuse a request (and the service would).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// An invoice-only field on a payment that is not an `INVOICE` one:
    /// "For payment methods other than INVOICE, setting this will generate an error."
    #[error("{field} may only be set for INVOICE payments; payment {payment_id} is {method_type}")]
    InvoiceOnly {
        /// The field, e.g. `creditNoteId`.
        field: &'static str,
        /// The payment.
        payment_id: String,
        /// Its `paymentMethodType`.
        method_type: String,
    },
    /// Crediting an `INVOICE` payment without `partPaymentSpec`:
    /// "Mandatory if payment method is INVOICE".
    #[error("partPaymentSpec is mandatory when crediting INVOICE payment {payment_id}")]
    SpecRequired {
        /// The payment.
        payment_id: String,
    },
    /// A date that must be written `yyyy-MM-dd` is not.
    #[error("{field} must be written yyyy-MM-dd (no time zone), got {value}")]
    DateFormat {
        /// The field, e.g. `creditNoteDate`.
        field: &'static str,
        /// The date as it would be sent.
        value: String,
    },
    /// The spec fails the 0.05 rounding check.
    #[error(transparent)]
    Rounding(#[from] RoundingError),
    /// The payment-method table says NO.
    #[error("{}", method_not_allowed(.event, .kind, .payment_id))]
    MethodNotAllowed {
        /// The row of the table.
        event: AfterShopEvent,
        /// The column.
        kind: MethodKind,
        /// The payment.
        payment_id: String,
    },
    /// The status/action or maximum-amount table refuses it.
    #[error("payment {payment_id}: {error}")]
    Action {
        /// The payment.
        payment_id: String,
        /// What the tables say.
        error: ActionError,
    },
    /// An additional debit without `paymentSpec` on a payment whose limit is used up.
    #[error(
        "payment {payment_id} has no room for an additional debit (limit - totalAmount is zero)"
    )]
    NoRoom {
        /// The payment.
        payment_id: String,
    },
    /// The meta data limits.
    #[error(transparent)]
    MetaData(#[from] MetaDataError),
    /// A `customerIdentification` with both or neither of its alternatives.
    #[error("customerIdentification needs exactly one of token and customerAccount, got {}", if *.both { "both" } else { "neither" })]
    Identification {
        /// Both were set (else neither).
        both: bool,
    },
}

fn method_not_allowed(event: &AfterShopEvent, kind: &MethodKind, payment_id: &str) -> String {
    let hint = match (event, kind) {
        (AfterShopEvent::AnnulPart, MethodKind::VisaMastercard) => {
            "; finalize what the customer pays, then credit the rest with creditPayment"
        }
        _ => "",
    };
    format!(
        "\"{event}\" is not allowed for payment method kind {kind} (payment {payment_id}){hint}"
    )
}

impl RuleError {
    /// The `errorTypeId` Resurs answers this refusal with.
    pub fn error_type(&self) -> ErrorType {
        match self {
            RuleError::MethodNotAllowed { .. } => ErrorType::NotAllowed,
            RuleError::Action { error, .. } => match error {
                ActionError::NotAllowed { .. } => ErrorType::NotAllowedInPaymentState,
                ActionError::NotPositive { .. } => ErrorType::IllegalArgument,
                ActionError::OverMaximum { action, .. } => match action {
                    Action::Finalize => ErrorType::InvalidFinalization,
                    Action::Credit => ErrorType::InvalidCrediting,
                    Action::Annul | Action::AdditionalDebit => ErrorType::IllegalArgument,
                },
            },
            RuleError::InvoiceOnly { .. }
            | RuleError::SpecRequired { .. }
            | RuleError::DateFormat { .. }
            | RuleError::Rounding(_)
            | RuleError::NoRoom { .. }
            | RuleError::MetaData(_)
            | RuleError::Identification { .. } => ErrorType::IllegalArgument,
        }
    }
}

/// Checks a `finalizePayment` for `payment` (as read with `getPayment`, its
/// method of `method_kind`): invoice-only `invoiceId`/`invoiceDate`, the
/// spec's rounding, the payment-method, status/action and maximum-amount
/// tables. The verdict carries the amount, the table row and warnings.
pub fn check_finalize(
    payment: &Payment,
    method_kind: Option<MethodKind>,
    request: &FinalizePayment,
) -> Result<Verdict, RuleError> {
    PaymentFacts::of(payment, method_kind).check_finalize(request)
}

/// Checks an `annulPayment` (see [`check_finalize`]); a partial annulment of
/// a Visa/Mastercard payment, also of what a part finalization left, is refused.
pub fn check_annul(
    payment: &Payment,
    method_kind: Option<MethodKind>,
    request: &AnnulPayment,
) -> Result<Verdict, RuleError> {
    PaymentFacts::of(payment, method_kind).check_annul(request)
}

/// Checks a `creditPayment` (see [`check_finalize`]): also invoice-only
/// `creditNoteId`/`creditNoteDate`, `creditNoteDate` as `yyyy-MM-dd`, and the
/// `partPaymentSpec` an `INVOICE` payment needs.
pub fn check_credit(
    payment: &Payment,
    method_kind: Option<MethodKind>,
    request: &CreditPayment,
) -> Result<Verdict, RuleError> {
    PaymentFacts::of(payment, method_kind).check_credit(request)
}

/// Checks an `additionalDebitOfPayment` (see [`check_finalize`]); without
/// `paymentSpec` it covers the whole room `limit - totalAmount`
/// ([`RuleWarning::WholeRoomReserved`]).
pub fn check_additional_debit(
    payment: &Payment,
    method_kind: Option<MethodKind>,
    request: &AdditionalDebitOfPayment,
) -> Result<Verdict, RuleError> {
    PaymentFacts::of(payment, method_kind).check_additional_debit(request)
}

/// [`check_additional_debit`] under the merchant's shadow limit (the limit
/// is at most the checkout value plus `shadow`).
pub fn check_additional_debit_with_shadow_limit(
    payment: &Payment,
    method_kind: Option<MethodKind>,
    shadow: ShadowLimit,
    request: &AdditionalDebitOfPayment,
) -> Result<Verdict, RuleError> {
    PaymentFacts::of(payment, method_kind)
        .with_shadow_limit(shadow, checkout_value(payment))
        .check_additional_debit(request)
}

/// Checks an `addMetaData` against the payment's meta data and the limits
/// [`MAX_META_DATA_ENTRIES`](super::MAX_META_DATA_ENTRIES) and its siblings.
pub fn check_add_meta_data(payment: &Payment, request: &AddMetaData) -> Result<(), RuleError> {
    let existing = payment
        .meta_data
        .iter()
        .map(|entry| (entry.key.as_str(), entry.value.as_deref()));
    Ok(check_meta_data(
        existing,
        &request.key,
        value(&request.value).map(String::as_str),
    )?)
}

/// How a `customerIdentification` identifies the customer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Identification<'a> {
    /// By a customer identification token.
    Token(&'a IdentificationToken),
    /// By a Resurs card.
    Card(&'a CustomerCard),
}

/// The one alternative a `customerIdentification` sets: "Either set
/// identificationToken, or customerAccount. Both should not be set."
pub fn check_customer_identification(
    identification: &CustomerIdentification,
) -> Result<Identification<'_>, RuleError> {
    match (&identification.token, &identification.customer_account) {
        (Some(token), None) => Ok(Identification::Token(token)),
        (None, Some(card)) => Ok(Identification::Card(card)),
        (Some(_), Some(_)) => Err(RuleError::Identification { both: true }),
        (None, None) => Err(RuleError::Identification { both: false }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::PaymentStatus;
    use crate::rules::DiffSums;

    fn d(text: &str) -> Decimal {
        text.parse().expect("test decimal")
    }

    /// A Visa/Mastercard payment authorized for 100 with `debited` finalized.
    fn visa(debited: &str) -> PaymentFacts {
        let sums = DiffSums {
            authorized: d("100"),
            debited: d(debited),
            ..DiffSums::default()
        };
        let mut status = vec![PaymentStatus::Debitable];
        if !sums.debited.is_zero() {
            status.push(PaymentStatus::Creditable);
        }
        PaymentFacts {
            payment_id: "P".into(),
            state: PaymentState::new(false, &status, d("100"), d("100"), sums),
            method_type: PaymentMethodType::Card,
            method_kind: Some(MethodKind::VisaMastercard),
        }
    }

    /// Seed: "Partial annullment cannot be done on VISA/Mastercard payment
    /// method." The rest of a part-finalized order is a part, not the whole.
    #[test]
    fn the_rest_after_a_part_finalization_is_not_the_whole_order() {
        let untouched = visa("0");
        assert!(untouched.covers_whole(Action::Annul, None, d("100")));
        assert!(untouched.covers_whole(Action::Annul, Some(d("99.95")), d("100")));
        assert!(!untouched.covers_whole(Action::Annul, Some(d("99.94")), d("100")));
        let part = visa("60");
        assert!(!part.covers_whole(Action::Annul, None, d("40")));
        let refused = part
            .check_annul(&AnnulPayment::default())
            .expect_err("partial annulment");
        assert_eq!(refused.error_type(), ErrorType::NotAllowed);
        assert!(refused.to_string().contains("then credit the rest"));
    }

    #[test]
    fn over_maximum_maps_to_the_error_type_of_each_operation() {
        let over = |action| RuleError::Action {
            payment_id: "P".into(),
            error: ActionError::OverMaximum {
                action,
                amount: d("2"),
                maximum: d("1"),
            },
        };
        assert_eq!(
            over(Action::Finalize).error_type(),
            ErrorType::InvalidFinalization
        );
        assert_eq!(
            over(Action::Credit).error_type(),
            ErrorType::InvalidCrediting
        );
        assert_eq!(over(Action::Annul).error_type(), ErrorType::IllegalArgument);
        assert_eq!(
            over(Action::AdditionalDebit).error_type(),
            ErrorType::IllegalArgument
        );
    }

    /// Seed: "Note: use the format “yyyy-MM-dd” for date."
    #[test]
    fn plain_dates_only() {
        let date = |text: &str| text.parse::<soap_runtime::Date>().expect("xs:date");
        assert_eq!(
            check_plain_date("creditNoteDate", &date("2015-11-21")),
            Ok(())
        );
        for bad in [
            "2015-11-21-05:00",
            "2015-11-21Z",
            "12015-11-21",
            "-0001-11-21",
        ] {
            assert!(
                check_plain_date("creditNoteDate", &date(bad)).is_err(),
                "{bad}"
            );
        }
    }
}
