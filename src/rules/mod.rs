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
//! * [`ShadowLimit`]: the merchant's room for additional debits above the
//!   checkout value (fixed amount or percentage);
//! * [`check_finalize`], [`check_annul`], [`check_credit`],
//!   [`check_additional_debit`], [`check_add_meta_data`],
//!   [`check_customer_identification`]: everything above for one request,
//!   returning a [`Verdict`] (with [`RuleWarning`]s) or a [`RuleError`]
//!   (with its [`ErrorType`]);
//! * [`ErrorType`]: the `errorTypeId` of an `ECommerceError`.
//!
//! All amounts are exact decimals ([`rust_decimal::Decimal`]), never floats.
//!
//! The simulator runs these same functions ([`PaymentFacts`] built from its
//! books), so a request the client-side check passes is one the simulated
//! bank accepts, and the other way round.
//!
//! # Choices where the seeds leave room
//!
//! * **Frozen payments: only `finalizePayment` is blocked.** The seeds say
//!   only that `frozen=true` is the order status "On-Hold (Pending)"; their
//!   status/action table, which decides what is allowed, does not read
//!   `frozen`. A pending order must not be debited (finalized) while the
//!   fraud control holds it, but annulling it (cancelling the order, which
//!   only releases the customer's reservation), crediting what was already
//!   debited and additional debits stay as the table says. Resurs's own
//!   library also refuses to annul a frozen payment; we do not, because the
//!   seeds give no such rule and cancelling a held order is the usual outcome
//!   of a fraud review.
//! * **Order status: rows in the seed table's order, first match wins.**
//!   Only "On-Hold (Pending)" overlaps with the others (a frozen payment can
//!   carry any status flags); the other rows exclude each other on
//!   `DEBITABLE`, `IS_CREDITED` and `totalAmount`. On-Hold is listed first
//!   and a held order must show as held whatever else is true, so frozen
//!   wins. Resurs's library resolves overlapping rows in another order; we
//!   follow the seed's table.
//! * **A spec without lines but with `totalVatAmount`** passes with
//!   [`SpecWarning::VatWithoutLines`] (the seeds both forbid and show it).
//! * **Whole or part** (payment-method table): a request covers the whole
//!   order when it covers all that remains (within 0.05) and nothing of the
//!   order was finalized or annulled (credited, for credits) before. So after
//!   a part finalization of a Visa/Mastercard payment, annulling the rest is
//!   a partial annulment and refused: "you need to finalize this amount and
//!   then use creditPayment".
//! * **Maximum amounts** accept 0.05 above the table's maximum (the rounding
//!   tolerance), on the client side and in the simulator alike.
//! * **`additionalDebitOfPayment` without `paymentSpec`** (the schema allows
//!   it) reserves all the room `limit - totalAmount`, as an unspecified
//!   finalization or annulment covers all that is open; refused when there is
//!   no room.
//! * **`invoiceDeliveryType`** left out or nil is `EMAIL` ("Default: EMAIL"):
//!   [`Verdict::invoice_delivery_type`] says so for `INVOICE` payments, and the
//!   simulator records it on the invoice or credit note.
//! * **`creditNoteDate`** must be `yyyy-MM-dd` without a time zone (the seed's
//!   "use the format “yyyy-MM-dd”"). The seeds say nothing of the kind for
//!   `invoiceDate`/`orderDate`, which are sent as given.
//! * **Meta data** is bounded per payment ([`MAX_META_DATA_ENTRIES`],
//!   [`MAX_META_DATA_KEY_BYTES`], [`MAX_META_DATA_VALUE_BYTES`],
//!   [`MAX_META_DATA_BYTES`]); the simulator refuses more with `ILLEGAL_ARGUMENT`.

mod actions;
mod additional_debit;
mod check;
mod meta_data;
mod methods;
mod order_status;
mod rounding;
mod spec_builder;

pub use crate::error_type::ErrorType;
pub use actions::{action_allowed, Action, ActionError, DiffSums, PaymentState};
pub use additional_debit::{
    checkout_value, classify_additional_debit, existing_lines, merge_additional_debit, LineChange,
    MatchField, ShadowLimit, SuspiciousLine,
};
pub use check::{
    check_add_meta_data, check_additional_debit, check_additional_debit_with_shadow_limit,
    check_annul, check_credit, check_customer_identification, check_finalize, check_plain_date,
    Identification, PaymentFacts, RuleError, RuleWarning, Verdict, DEFAULT_INVOICE_DELIVERY,
};
pub use meta_data::{
    check_meta_data, MetaDataError, MAX_META_DATA_BYTES, MAX_META_DATA_ENTRIES,
    MAX_META_DATA_KEY_BYTES, MAX_META_DATA_VALUE_BYTES,
};
pub use methods::{AfterShopEvent, MethodKind, MethodKindSource, UnknownMethodKind};
pub use order_status::OrderStatus;
pub use rounding::{
    check_payment_spec, rounding_deviations, Deviation, RoundingError, SpecField, SpecVerdict,
    SpecWarning, ROUNDING_TOLERANCE,
};
pub use spec_builder::{totals_only, LineItem, PaymentSpecBuilder, SpecError};
