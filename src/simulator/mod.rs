//! An offline simulator of Resurs Bank's After Shop service (and the two
//! customer-identification-token operations of ShopFlow).
//!
//! Payments live in memory as a [`Bank`]; every operation checks the seed
//! tables of [`crate::rules`] (status/action, maximum amount, payment method)
//! and the 0.05 rounding tolerance before it applies a change, under one lock.
//! [`Simulator`] serves the bank over HTTP at the paths Resurs uses.
//!
//! # Faults
//!
//! Refusals are `ECommerceError`s, checked in this order:
//!
//! | situation | `errorTypeId` | `errorTypeDescription` |
//! |---|---|---|
//! | unknown payment id, unknown document name | 8 | `REFERENCED_DATA_DONT_EXISTS` |
//! | a spec whose lines do not sum to its totals, or whose VAT is off by more than 0.05 | 1 | `ILLEGAL_ARGUMENT` |
//! | `invoiceId`/`invoiceDate`/`creditNoteId`/`creditNoteDate` on a non-`INVOICE` payment | 1 | `ILLEGAL_ARGUMENT` |
//! | `creditPayment` on an `INVOICE` payment without `partPaymentSpec` | 1 | `ILLEGAL_ARGUMENT` |
//! | `additionalDebitOfPayment` without `paymentSpec`; an amount of zero | 1 | `ILLEGAL_ARGUMENT` |
//! | the payment method does not allow the event (payment-method table; whole or part decided against the maximum amount) | 4 | `NOT_ALLOWED` |
//! | the status/action table says NO (e.g. finalize without `DEBITABLE`) | 20 | `NOT_ALLOWED_IN_PAYMENT_STATE` |
//! | finalizing a frozen payment | 20 | `NOT_ALLOWED_IN_PAYMENT_STATE` |
//! | finalizing more than the maximum + 0.05 | 26 | `INVALID_FINALIZATION` |
//! | crediting more than the maximum + 0.05 | 23 | `INVALID_CREDITING` |
//! | annulling more than the maximum + 0.05, additional debit beyond `limit − totalAmount` + 0.05 | 1 | `ILLEGAL_ARGUMENT` |
//! | booking an existing payment id | 19 | `OBJECT_WITH_ID_ALREADY_EXIST` |
//! | withdrawing more bonus points than the balance | 30 | `BONUS_AUTHORIZATION_FAILED` |
//! | unknown, invalidated or expired identification token | 28 | `INVALID_IDENTIFICATION` |
//! | more than [`tokens::MAX_TOKENS_PER_CUSTOMER`] live tokens for one customer | 29 | `TOO_MANY_TOKENS` |
//!
//! # State
//!
//! `totalAmount` = authorized − annulled − credited. Status flags:
//! `DEBITABLE` while authorized − debited − annulled > 0, `CREDITABLE` while
//! debited − credited > 0, `IS_DEBITED` / `IS_CREDITED` / `IS_ANNULLED` once
//! anything is debited / credited / annulled. `finalized` is the time of the
//! first debit. Swish and Trustly payments are finalized when booked.
//! Amounts are returned with five decimals. Finalizing or crediting an
//! `INVOICE` payment creates an invoice or credit note PDF, named
//! `INVOICE_<YYYYMMDD-hhmmss>_<n>` / `CREDIT_NOTE_<YYYYMMDD-hhmmss>_<n>`.

// The adapter implements the generated server traits of `crate::v4`, which
// arrive when the code generator is integrated; until then the simulator
// serves no operation over HTTP (see `server::mount`).
#[cfg(any())]
mod adapter;
mod bank;
mod bonus;
mod booking;
mod clock;
mod customer;
pub mod demo;
mod documents;
mod fault;
mod fixtures;
mod ledger;
mod money;
mod operations;
mod pdf;
mod search;
mod server;
pub mod tokens;
mod views;

pub use bank::Bank;
pub use booking::{
    default_method_type, demo_customer, finalized_at_booking, method_name, Booking, BOOKED_BY,
};
pub use clock::{Instant, InstantError};
pub use demo::{DOCUMENTED_PAYMENT, DOCUMENT_NAME, DOCUMENT_PAYMENT, MISSING_PAYMENT};
pub use documents::{document_name, Document, DocumentKind};
pub use fault::SimFault;
pub use fixtures::{FixtureError, Fixtures};
pub use ledger::{statuses, total_amount, Diff, DiffKind, PaymentRecord};
pub use pdf::{render as render_pdf, PdfContent, PdfLine};
pub use server::{
    Simulator, SimulatorBuilder, SimulatorHandle, StartError, AFTER_SHOP_PATH, SERVES_SOAP,
    SHOP_FLOW_PATH,
};
