//! The built-in demo set: every payment id the documented example requests
//! use, each in a state where its documented request succeeds, plus a few
//! more so searches have something to tell apart.
//!
//! | payment | method (kind) | state | documented request it serves |
//! |---|---|---|---|
//! | `Sess-1346079637802-2201` | `Faktura` (invoice) | authorized 500 | addMetaData |
//! | `300007457` | `8` (part payment), limit 2000 | authorized 1095, incl. a 95 shipping fee | additionalDebitOfPayment (+95), annulPayment specified (95), calculateResultSize |
//! | `12345` | `NYTT_KORT` (card/account) | authorized 250 | annulPayment unspecified, findPayments |
//! | `100100446` | `Faktura` (invoice) | finalized 500 | creditPayment (199) |
//! | `creditexample1` | `Faktura` (invoice) | finalized 1250 (shoes, socks) | creditPayment with discount (1100) |
//! | `Pay-1349186086946-3861` | `Faktura` (invoice) | authorized 100 (nuts, bolts) | finalizePayment invoice (55) and minimal (30) |
//! | `Pay-1372762113890-5677` | `Faktura` (invoice) | finalized, document `INVOICE_20130702-124247_1514` | getPaymentDocumentNames, getPaymentDocument |
//! | `Pay-1372762301644-3166` | `Faktura` (invoice) | exactly the documented getPayment response | getPayment |
//! | `Pay-demo-nytt-kort-2` | `NYTT_KORT` (card/account) | authorized 400 | findPayments |
//! | `Pay-demo-8-2` | `8` (part payment) | authorized 120, 20 finalized | calculateResultSize (excluded: IS_DEBITED) |
//! | `Pay-demo-visa-1` | `VISA_MC` (Visa/Mastercard) | authorized 300 | — |
//! | `Pay-demo-swish-1` | `SWISH` (Swish) | finalized at booking, 150 | — |
//! | `Pay-demo-frozen-1` | `Faktura` (invoice) | authorized 80, frozen | — |
//!
//! The documented fault's id, `Pay-1372762301644-31656`, is deliberately absent.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::booking::{book, demo_customer, method_name, Booking};
use super::changes::finalize_at;
use super::clock::Instant;
use super::fault::SimFault;
use super::ledger::{Diff, DiffKind, PaymentRecord};
use super::money::{amounts, spec_five_decimals};
use super::state::State;
use crate::common::{Id, PaymentMethodType, PaymentSpec};
use crate::msg_aftershopflow::FinalizePayment;
use crate::rules::{ErrorType, LineItem, MethodKind, PaymentSpecBuilder};
use soap_runtime::rt::Nillable;

/// The payment of the documented `getPayment` response.
pub const DOCUMENTED_PAYMENT: &str = "Pay-1372762301644-3166";
/// The payment id of the documented fault: never booked.
pub const MISSING_PAYMENT: &str = "Pay-1372762301644-31656";
/// The payment holding the documented document.
pub const DOCUMENT_PAYMENT: &str = "Pay-1372762113890-5677";
/// The documented document name.
pub const DOCUMENT_NAME: &str = "INVOICE_20130702-124247_1514";

fn at(text: &str) -> Result<Instant, SimFault> {
    Instant::parse(text).map_err(|e| SimFault::illegal_argument(e.to_string()).not_fixable())
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap_or_default()
}

/// A line item (unit `st`) whose VAT and total the spec builder computes.
fn line(art_no: &str, description: &str, quantity: &str, unit: &str, vat_pct: &str) -> LineItem {
    LineItem::new(
        art_no,
        art_no,
        description,
        dec(quantity),
        dec(unit),
        dec(vat_pct),
    )
    .unit_measure("st")
}

/// A spec of `items`, totals summed by the rules' builder.
fn spec(items: Vec<LineItem>) -> Result<PaymentSpec, SimFault> {
    items
        .into_iter()
        .fold(PaymentSpecBuilder::new(), PaymentSpecBuilder::line)
        .build()
        .map_err(|e| {
            SimFault::new(ErrorType::InternalError, format!("demo spec: {e}")).not_fixable()
        })
}

fn booking(id: &str, method_id: &str, kind: MethodKind, spec: PaymentSpec) -> Booking {
    Booking {
        payment_method_id: method_id.to_owned(),
        ..Booking::new(id, kind, spec)
    }
}

fn invoice(id: &str, spec: PaymentSpec) -> Booking {
    booking(id, "Faktura", MethodKind::ResursInvoice, spec)
}

fn finalize_whole(state: &mut State, id: &str, when: Instant) -> Result<(), SimFault> {
    let request = FinalizePayment {
        payment_id: Id::new(id).unwrap_or_default(),
        ..FinalizePayment::default()
    };
    finalize_at(state, &request, when)
}

/// Books the demo set into `state`.
pub(crate) fn load(state: &mut State) -> Result<(), SimFault> {
    // Document numbers: the documented one first, the rest after it.
    let booked = at("2013-07-02T12:40:12+02:00")?;
    book(
        state,
        invoice(
            DOCUMENT_PAYMENT,
            spec(vec![line("NUT-001", "Nut (M8)", "10", "0.80", "25")])?,
        ),
        booked,
        booked,
    )?;
    state.next_document = 1514;
    finalize_whole(state, DOCUMENT_PAYMENT, at("2013-07-02T12:42:47+02:00")?)?;

    let t = at("2012-08-27T15:00:37.802Z")?;
    book(
        state,
        Booking {
            limit: dec("1000"),
            ..invoice(
                "Sess-1346079637802-2201",
                spec(vec![line("CHAIR-1", "Chair", "1", "400", "25")])?,
            )
        },
        t,
        t,
    )?;

    let t = at("2015-11-20T09:00:00+01:00")?;
    book(
        state,
        Booking {
            limit: dec("2000"),
            ..booking(
                "300007457",
                "8",
                MethodKind::ResursPartPayment,
                spec(vec![
                    line("BIKE-1", "Bicycle", "1", "800", "25"),
                    line("shippingfee", "Fraktgebyr", "1", "95", "0"),
                ])?,
            )
        },
        t,
        t,
    )?;

    let t = at("2016-03-01T10:00:00+01:00")?;
    book(
        state,
        booking(
            "12345",
            "NYTT_KORT",
            MethodKind::ResursCardAccount,
            spec(vec![line("LAMP-1", "Lamp", "2", "100", "25")])?,
        ),
        t,
        t,
    )?;

    let t = at("2015-11-20T10:00:00+01:00")?;
    book(
        state,
        invoice(
            "100100446",
            spec(vec![
                line("other", "Other", "1", "199", "0"),
                line("TABLE-1", "Table", "1", "240.80", "25"),
            ])?,
        ),
        t,
        t,
    )?;
    finalize_whole(state, "100100446", at("2015-11-20T11:00:00+01:00")?)?;

    let t = at("2021-02-15T10:00:00+01:00")?;
    book(
        state,
        invoice(
            "creditexample1",
            spec(vec![
                line("1111", "Shoes", "1", "800", "25"),
                line("1112", "Socks", "1", "200", "25"),
            ])?,
        ),
        t,
        t,
    )?;
    finalize_whole(state, "creditexample1", at("2021-02-15T12:00:00+01:00")?)?;

    let t = at("2012-10-02T15:54:46.946+02:00")?;
    book(
        state,
        invoice(
            "Pay-1349186086946-3861",
            spec(vec![
                line("NUT-001", "Nut (M8)", "50", "0.80", "25"),
                line("BOLT-002", "Bolt (M8x125mm)", "25", "1.60", "25"),
            ])?,
        ),
        t,
        t,
    )?;

    documented_payment(state)?;

    let t = at("2016-03-02T10:00:00+01:00")?;
    book(
        state,
        booking(
            "Pay-demo-nytt-kort-2",
            "NYTT_KORT",
            MethodKind::ResursCardAccount,
            spec(vec![line("SOFA-1", "Sofa", "1", "320", "25")])?,
        ),
        t,
        t,
    )?;

    let t = at("2016-03-03T10:00:00+01:00")?;
    book(
        state,
        booking(
            "Pay-demo-8-2",
            "8",
            MethodKind::ResursPartPayment,
            spec(vec![line("MUG-1", "Mug", "6", "16", "25")])?,
        ),
        t,
        t,
    )?;
    let request = FinalizePayment {
        payment_id: Id::new("Pay-demo-8-2").unwrap_or_default(),
        part_payment_spec: Some(Nillable::Value(spec(vec![line(
            "MUG-1", "Mug", "1", "16", "25",
        )])?)),
        ..FinalizePayment::default()
    };
    finalize_at(state, &request, at("2016-03-03T11:00:00+01:00")?)?;

    let t = at("2016-03-04T10:00:00+01:00")?;
    book(
        state,
        booking(
            "Pay-demo-visa-1",
            "VISA_MC",
            MethodKind::VisaMastercard,
            spec(vec![line("COAT-1", "Coat", "1", "240", "25")])?,
        ),
        t,
        t,
    )?;

    let t = at("2016-03-05T10:00:00+01:00")?;
    book(
        state,
        booking(
            "Pay-demo-swish-1",
            "SWISH",
            MethodKind::Swish,
            spec(vec![line("CAP-1", "Cap", "1", "120", "25")])?,
        ),
        t,
        t,
    )?;

    let t = at("2016-03-06T10:00:00+01:00")?;
    book(
        state,
        Booking {
            frozen: true,
            ..invoice(
                "Pay-demo-frozen-1",
                spec(vec![line("PEN-1", "Pen", "4", "16", "25")])?,
            )
        },
        t,
        t,
    )?;
    Ok(())
}

/// `Pay-1372762301644-3166`, exactly as the documented `getPayment` response shows it.
fn documented_payment(state: &mut State) -> Result<(), SimFault> {
    let id = DOCUMENTED_PAYMENT;
    let authorized = spec(vec![
        line("BOLT-002", "Bolt (M8x125mm)", "10", "1.60", "25"),
        line("NUT-001", "Nut (M8)", "10", "0.80", "25"),
    ])?;
    let debited = amounts(dec("30"), dec("6"));
    let mut record = PaymentRecord {
        id: id.to_owned(),
        payment_method_id: "Faktura".to_owned(),
        payment_method_name: method_name(MethodKind::ResursInvoice).to_owned(),
        payment_method_type: PaymentMethodType::Invoice,
        method_kind: MethodKind::ResursInvoice,
        limit: dec("3030"),
        customer: demo_customer(),
        booked: at("2013-07-02T12:51:49+02:00")?,
        modified: at("2013-07-02T12:51:49+02:00")?,
        finalized: None,
        frozen: false,
        fraud: false,
        store_id: None,
        meta_data: vec![("Expressfrakt".to_owned(), Some("true".to_owned()))],
        diffs: Vec::new(),
        documents: BTreeMap::new(),
    };
    let diff = |kind, created, transaction: Option<&str>, spec: &PaymentSpec| Diff {
        kind,
        transaction_id: transaction.map(str::to_owned),
        created,
        created_by: None,
        spec: spec_five_decimals(spec),
        order_id: None,
        invoice_id: None,
        document_names: Vec::new(),
    };
    record.push(Diff {
        created_by: Some("SHOP_FLOW".to_owned()),
        ..diff(
            DiffKind::Authorize,
            at("2013-07-02T12:51:51+02:00")?,
            None,
            &authorized,
        )
    });
    record.push(Diff {
        order_id: Some("Ord-1372762301644-3166".to_owned()),
        invoice_id: Some("DebInv-1372762301644-3166".to_owned()),
        ..diff(
            DiffKind::Debit,
            at("2013-07-02T12:51:51+02:00")?,
            Some("TrD-1372762301644-3166"),
            &debited,
        )
    });
    record.push(Diff {
        invoice_id: Some("CrN-1372762301644-3166".to_owned()),
        ..diff(
            DiffKind::Credit,
            at("2013-07-02T12:51:52+02:00")?,
            Some("TrC-1372762301644-3166"),
            &debited,
        )
    });
    state.payments.insert(id.to_owned(), record);
    Ok(())
}
