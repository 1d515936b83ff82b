//! An offline simulator of Resurs Bank's After Shop service (and the
//! customer-identification-token operations of ShopFlow, with ShopFlow's
//! `getCustomerBonus` that accepts a token).
//!
//! Payments live in memory as a [`Bank`]; every changing operation runs the
//! same `rules::check_*` function a shop runs before sending (status/action,
//! maximum amount, payment method, 0.05 rounding, invoice-only fields,
//! dates, meta data limits) before it applies a change, under one lock.
//! [`Simulator`] serves the bank over HTTP at the paths Resurs uses.
//!
//! # Floors
//!
//! The modules stand on each other in five floors; a module imports only
//! from floors below it (and from modules listed before it on its own
//! floor), never upwards, so there are no circles:
//!
//! 1. values: `clock` (instants, through the runtime's `xs:dateTime`),
//!    `money`, `fault` ([`SimFault`]), `customer`, `pdf`;
//! 2. state, plain data: `ledger` (payments, their diffs and documents),
//!    `bonus`, [`tokens`], `state` (all of it together);
//! 3. rules, one module per topic, functions of the state and the time that
//!    neither lock nor read a clock: `documents`, `changes` (finalize, annul,
//!    credit, additional debit, meta data), `booking`, `customers` (bonus
//!    points and tokens), `views`, `search`, [`demo`], `fixtures`;
//! 4. the [`Bank`]: the state behind one lock, every operation's method in
//!    one place;
//! 5. serving: `auth`, `log`, `adapter` (the generated server traits over the
//!    bank), `wsdl`, [`inject`], `admin`, `server` ([`Simulator`]).
//!
//! # Credentials
//!
//! Every request needs HTTP Basic credentials of a configured user
//! ([`SimulatorBuilder::user`]; without any, one user [`DEMO_USER`] with a
//! random password, [`SimulatorHandle::demo_user`]). Anything else (no
//! `Authorization` header, an unknown user, a wrong password, a header that
//! is not `Basic` base64 `name:password`) gets `401` with
//! `WWW-Authenticate: Basic realm="Resurs Bank simulator"` and reaches no
//! operation, so it changes nothing. Names and passwords are compared in
//! constant time.
//!
//! # Admin endpoint and fault injection
//!
//! Beside the services, at [`ADMIN_PATH`] (`{base}/admin`, where `{base}` is
//! the After Shop endpoint without its last segment):
//! `POST admin/payments` books a payment in the [`Fixtures`] format (or an
//! array of them, all or nothing): 201 and the ids, 409 for an existing id,
//! 400 for a bad fixture; `POST admin/reset` (204) goes back to the start-up
//! fixtures and clears the faults; `POST admin/faults` (201) plans an
//! [`InjectedFault`] and `DELETE admin/faults` (204) clears them. Errors
//! are JSON `{"error": "..."}`. The faults are described in [`inject`].
//! # Service descriptions
//!
//! `GET <service path>?wsdl` serves the project's WSDL of that service and
//! `GET <service path>?xsd=<name>` the schemas it imports, with the
//! `soap:address` and every `schemaLocation` rewritten to the simulator's URL
//! (the request's `Host`, else the listening address). They are public, like
//! the bank's: no credentials needed.
//!
//! # Request log
//!
//! With [`SimulatorBuilder::log`] (`aftershop simulate --log FILE`) every
//! request is appended to the file as one JSON object per line, when its
//! answer is given:
//!
//! ```json
//! {"time":"2026-12-07T10:15:00.123Z","method":"POST","path":"/ecommerce-test/ws/V4/AfterShopFlowService","operation":"finalizePayment","user":"shop","payment_id":"Pay-1","outcome":"ok","status":200,"duration_ms":1.234}
//! ```
//!
//! `outcome` is `ok` (HTTP 200); for a SOAP fault its `errorTypeDescription`
//! (e.g. `REFERENCED_DATA_DONT_EXISTS`), or its `faultcode` (`Client`,
//! `Server`) when it has no `ECommerceError`; `injected` for an answer a
//! fault injection made (the connection dropped, or a response carrying the
//! [`INJECTED_HEADER`] header, `status` then `null` or the status sent); else
//! the HTTP status (`401`, `404`...). `user` is the authenticated user
//! (`null` when the credentials were refused or absent); passwords are never
//! written. `operation` (the SOAP body element) and `payment_id` (its
//! `paymentId` child) are `null` when the body has none.
//!
//! # Faults
//!
//! Refusals are `ECommerceError`s. An amount-changing operation checks, in
//! this order: the payment exists, amounts within 10^15, invoice-only fields,
//! `creditNoteDate` as `yyyy-MM-dd`, the spec a credit of an `INVOICE` payment
//! needs, the spec's rounding, the payment-method table, the status/action
//! table, the maximum-amount table (+ 0.05). A request is for the *whole*
//! order when it has no spec or its amount is at least the maximum − 0.05,
//! and nothing of the order was finalized or annulled (for credits:
//! credited) before; else for a *part*. So after a part finalization of a
//! Visa/Mastercard payment the rest cannot be annulled (finalize and credit it).
//!
//! | situation | `errorTypeId` | `errorTypeDescription` |
//! |---|---|---|
//! | unknown payment id, unknown document name | 8 | `REFERENCED_DATA_DONT_EXISTS` |
//! | `invoiceId`/`invoiceDate`/`creditNoteId`/`creditNoteDate` on a non-`INVOICE` payment | 1 | `ILLEGAL_ARGUMENT` |
//! | `creditPayment` on an `INVOICE` payment without `partPaymentSpec` | 1 | `ILLEGAL_ARGUMENT` |
//! | `creditNoteDate` with a time zone (not `yyyy-MM-dd`) | 1 | `ILLEGAL_ARGUMENT` |
//! | `additionalDebitOfPayment` without `paymentSpec` when `limit − totalAmount` is zero (with room, it reserves all of it) | 1 | `ILLEGAL_ARGUMENT` |
//! | a spec whose lines do not sum to its totals, or whose line amounts are off by more than 0.05 | 1 | `ILLEGAL_ARGUMENT` |
//! | the payment method does not allow the event (payment-method table), e.g. annulling the rest of a part-finalized Visa/Mastercard payment | 4 | `NOT_ALLOWED` |
//! | the status/action table says NO (e.g. finalize without `DEBITABLE`) | 20 | `NOT_ALLOWED_IN_PAYMENT_STATE` |
//! | finalizing a frozen payment | 20 | `NOT_ALLOWED_IN_PAYMENT_STATE` |
//! | an amount of zero | 1 | `ILLEGAL_ARGUMENT` |
//! | `addMetaData` with an empty key, a key over `rules::MAX_META_DATA_KEY_BYTES`, a value over `rules::MAX_META_DATA_VALUE_BYTES`, a key beyond `rules::MAX_META_DATA_ENTRIES` or beyond `rules::MAX_META_DATA_BYTES` in all | 1 | `ILLEGAL_ARGUMENT` |
//! | finalizing more than the maximum + 0.05 | 26 | `INVALID_FINALIZATION` |
//! | crediting more than the maximum + 0.05 | 23 | `INVALID_CREDITING` |
//! | annulling more than the maximum + 0.05, an additional debit beyond `limit − totalAmount` + 0.05 | 1 | `ILLEGAL_ARGUMENT` |
//! | booking an existing payment id | 19 | `OBJECT_WITH_ID_ALREADY_EXIST` |
//! | withdrawing more bonus points than the balance | 30 | `BONUS_AUTHORIZATION_FAILED` |
//! | an unknown, invalidated or expired identification token; ShopFlow `getCustomerBonus` with a card that is not a known card of that customer | 28 | `INVALID_IDENTIFICATION` |
//! | ShopFlow `getCustomerBonus` with both or neither of `token` and `customerAccount` | 1 | `ILLEGAL_ARGUMENT` |
//! | a customer holding [`tokens::MAX_TOKENS_PER_CUSTOMER`] live tokens asks for another | 29 | `TOO_MANY_TOKENS` |
//!
//! `issueCustomerIdentificationToken` for a card the bank does not know (not
//! booked with that customer, see [`Booking::card_number`] and
//! [`Bank::register_card`]) is no fault: the response has no `return`, as the
//! schema documents for a card that does not identify a customer.
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
//! `INVOICE_<YYYYMMDD-hhmmss>_<n>` / `CREDIT_NOTE_<YYYYMMDD-hhmmss>_<n>`,
//! recording its `invoiceDeliveryType` (`EMAIL` when left out). A booking
//! with a [`Booking::shadow_limit`] gets the limit checkout value + shadow
//! limit. Frozen payments cannot be finalized; everything else follows the
//! tables (see the choices in [`crate::rules`]).

// The floors, bottom up (see "Floors"; `floors_import_only_downwards` checks the order).
mod clock;
mod customer;
mod fault;
mod money;
mod pdf;

mod bonus;
mod ledger;
mod state;
pub mod tokens;

mod booking;
mod changes;
mod customers;
pub mod demo;
mod documents;
mod fixtures;
mod search;
mod views;

mod bank;

mod adapter;
mod admin;
mod auth;
pub mod inject;
mod log;
mod server;
mod wsdl;

pub use adapter::BankService;
pub use adapter::{AFTER_SHOP_PATH, SHOP_FLOW_PATH};
pub use admin::ADMIN_PATH;
pub use auth::{User, UserError, DEMO_USER, REALM};
pub use bank::Bank;
pub use booking::{
    default_method_type, demo_customer, finalized_at_booking, method_name, Booking, BOOKED_BY,
    DEMO_CARD_NUMBER,
};
pub use clock::{Instant, InstantError};
pub use demo::{DOCUMENTED_PAYMENT, DOCUMENT_NAME, DOCUMENT_PAYMENT, MISSING_PAYMENT};
pub use fault::SimFault;
pub use fixtures::{FixtureError, Fixtures};
pub use inject::{FaultAction, FaultError, InjectedFault};
pub use ledger::{
    document_name, statuses, total_amount, Diff, DiffKind, Document, DocumentKind, PaymentRecord,
};
pub use log::{LogError, INJECTED_HEADER};
pub use pdf::{render as render_pdf, PdfContent, PdfLine};
pub use server::{Simulator, SimulatorBuilder, SimulatorHandle, StartError};

#[cfg(test)]
mod tests {
    /// The modules of each floor, bottom up, in the order they may import each other.
    const FLOORS: &[&[&str]] = &[
        &["clock", "money", "fault", "customer", "pdf"],
        &["ledger", "bonus", "tokens", "state"],
        &[
            "documents",
            "changes",
            "booking",
            "customers",
            "views",
            "search",
            "demo",
            "fixtures",
        ],
        &["bank"],
        &[
            "auth", "log", "adapter", "wsdl", "inject", "admin", "server",
        ],
    ];

    /// The sibling modules a source file names through `super::` (a test
    /// module's `super::super::`), outside comments.
    fn siblings(source: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut in_tests = false;
        for line in source.lines() {
            let line = line.trim();
            if line.starts_with("//") {
                continue;
            }
            if line.starts_with("#[cfg(test)]") {
                in_tests = true;
            }
            let prefix = if in_tests {
                "super::super::"
            } else {
                "super::"
            };
            let mut rest = line;
            while let Some(at) = rest.find(prefix) {
                let after = &rest[at + prefix.len()..];
                let names: Vec<&str> = match after.strip_prefix('{') {
                    Some(list) => list
                        .split('}')
                        .next()
                        .unwrap_or("")
                        .split(',')
                        .map(|item| item.trim().split("::").next().unwrap_or(""))
                        .collect(),
                    None => vec![after
                        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or("")],
                };
                out.extend(
                    names
                        .into_iter()
                        .filter(|n| !n.is_empty())
                        .map(String::from),
                );
                rest = after;
            }
        }
        out
    }

    #[test]
    fn floors_import_only_downwards() {
        let order: Vec<&str> = FLOORS.iter().flat_map(|f| f.iter().copied()).collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/simulator");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
            if name == "mod" {
                continue;
            }
            let rank = order
                .iter()
                .position(|m| *m == name)
                .unwrap_or_else(|| panic!("{name}.rs is on no floor of simulator/mod.rs"));
            seen += 1;
            let source = std::fs::read_to_string(&path).unwrap();
            for sibling in siblings(&source) {
                let target = order.iter().position(|m| *m == sibling);
                assert!(
                    target.is_some_and(|t| t < rank),
                    "{name}.rs imports `super::{sibling}`, which is not below it"
                );
            }
        }
        assert_eq!(seen, order.len());
    }

    #[test]
    fn siblings_are_read_from_use_lines_and_paths() {
        let source = "use super::bank::Bank;\nuse super::{clock, fault::SimFault};\n// super::server\nlet x = super::money::five(1);\n#[cfg(test)]\nuse super::*;\nuse super::super::customer::Kind;\n";
        assert_eq!(
            siblings(source),
            ["bank", "clock", "fault", "money", "customer"]
        );
    }
}
