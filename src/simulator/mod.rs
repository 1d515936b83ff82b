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
//! Refusals are `ECommerceError`s. An amount-changing operation checks, in
//! this order: the payment exists, invoice-only fields, the spec's rounding,
//! the payment-method table, the status/action table, the maximum-amount
//! table. A request is for the *whole* order when it has no spec or its
//! amount is at least the maximum − 0.05, else for a *part*.
//!
//! | situation | `errorTypeId` | `errorTypeDescription` |
//! |---|---|---|
//! | unknown payment id, unknown document name | 8 | `REFERENCED_DATA_DONT_EXISTS` |
//! | `invoiceId`/`invoiceDate`/`creditNoteId`/`creditNoteDate` on a non-`INVOICE` payment | 1 | `ILLEGAL_ARGUMENT` |
//! | `creditPayment` on an `INVOICE` payment without `partPaymentSpec` | 1 | `ILLEGAL_ARGUMENT` |
//! | `additionalDebitOfPayment` without `paymentSpec` | 1 | `ILLEGAL_ARGUMENT` |
//! | a spec whose lines do not sum to its totals, or whose line amounts are off by more than 0.05 | 1 | `ILLEGAL_ARGUMENT` |
//! | the payment method does not allow the event (payment-method table) | 4 | `NOT_ALLOWED` |
//! | the status/action table says NO (e.g. finalize without `DEBITABLE`) | 20 | `NOT_ALLOWED_IN_PAYMENT_STATE` |
//! | finalizing a frozen payment | 20 | `NOT_ALLOWED_IN_PAYMENT_STATE` |
//! | an amount of zero | 1 | `ILLEGAL_ARGUMENT` |
//! | finalizing more than the maximum + 0.05 | 26 | `INVALID_FINALIZATION` |
//! | crediting more than the maximum + 0.05 | 23 | `INVALID_CREDITING` |
//! | annulling more than the maximum + 0.05, an additional debit beyond `limit − totalAmount` + 0.05 | 1 | `ILLEGAL_ARGUMENT` |
//! | booking an existing payment id | 19 | `OBJECT_WITH_ID_ALREADY_EXIST` |
//! | withdrawing more bonus points than the balance | 30 | `BONUS_AUTHORIZATION_FAILED` |
//! | an unknown, invalidated or expired identification token | 28 | `INVALID_IDENTIFICATION` |
//! | a customer holding [`tokens::MAX_TOKENS_PER_CUSTOMER`] live tokens asks for another | 29 | `TOO_MANY_TOKENS` |
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

pub use adapter::BankService;
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
    Simulator, SimulatorBuilder, SimulatorHandle, StartError, AFTER_SHOP_PATH, SHOP_FLOW_PATH,
};
