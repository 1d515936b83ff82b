//! Resurs Bank's After Shop business rules, as published in the After Shop
//! Service API documentation, over the generated types:
//!
//! * [`OrderStatus`]: the shop order status of a payment (order status table);
//! * [`PaymentState`], [`Action`], [`action_allowed`]: which operations a
//!   payment allows now and for how much (status/action and maximum-amount
//!   tables);
//! * [`MethodKind`], [`AfterShopEvent`]: what each kind of payment method
//!   allows (after-shop event table);
//! * [`PaymentSpecBuilder`], [`check_payment_spec`]: building specs with exact
//!   VAT, and the 0.05 rounding check;
//! * [`classify_additional_debit`], [`merge_additional_debit`]: additional
//!   debits against existing lines;
//! * [`ErrorType`]: the `errorTypeId` of an `ECommerceError`.
//!
//! All amounts are exact decimals ([`rust_decimal::Decimal`]), never floats.

mod actions;
mod additional_debit;
mod methods;
mod order_status;
mod rounding;
mod spec_builder;

pub use crate::error_type::ErrorType;
pub use actions::{action_allowed, Action, ActionError, DiffSums, PaymentState};
pub use additional_debit::{
    classify_additional_debit, existing_lines, merge_additional_debit, LineChange, MatchField,
    SuspiciousLine,
};
pub use methods::{AfterShopEvent, MethodKind, MethodKindSource, UnknownMethodKind};
pub use order_status::OrderStatus;
pub use rounding::{
    check_payment_spec, rounding_deviations, Deviation, RoundingError, SpecField,
    ROUNDING_TOLERANCE,
};
pub use spec_builder::{totals_only, LineItem, PaymentSpecBuilder, SpecError};
