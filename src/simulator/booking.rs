//! Booking payments into the bank (what ShopFlow's `bookPayment` would do):
//! fixtures and tests start here.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::changes::check_spec;
use super::clock::Instant;
use super::customer::{CustomerKey, CustomerKind};
use super::fault::SimFault;
use super::ledger::{Diff, DiffKind, PaymentRecord};
use super::money::{spec_five_decimals, MAX_MAGNITUDE};
use super::state::State;
use crate::common::{
    Address, CountryCode, Customer, CustomerType, MapEntry, NonEmptyString, PaymentMethodType,
    PaymentSpec,
};
use crate::rules::{ErrorType, MethodKind, ShadowLimit};

/// Who the simulator records as the creator of an authorization.
pub const BOOKED_BY: &str = "SHOP_FLOW";

/// The Resurs card number [`Booking::new`] gives the customer: the simulator
/// issues identification tokens only for cards it knows, and these are the
/// demo customers' cards.
pub const DEMO_CARD_NUMBER: &str = "9000";

/// A payment to book: the fields of one fixture entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Booking {
    /// The payment id.
    pub payment_id: String,
    /// The payment method id, e.g. `NYTT_KORT`.
    pub payment_method_id: String,
    /// `INVOICE`, `REVOLVING_CREDIT` or `CARD`.
    pub payment_method_type: PaymentMethodType,
    /// The column of the payment-method table the method belongs to.
    pub method_kind: MethodKind,
    /// The credit limit (room for additional debits is `limit − totalAmount`);
    /// replaced by the checkout value plus `shadow_limit` when that is set.
    pub limit: Decimal,
    /// The merchant's shadow limit for additional debits: the payment's
    /// limit becomes the checkout value plus this.
    pub shadow_limit: Option<ShadowLimit>,
    /// The customer's Resurs card, known to the bank from then on (tokens
    /// are issued for known cards only).
    pub card_number: Option<String>,
    /// The customer.
    pub customer: Customer,
    /// What is authorized.
    pub spec: PaymentSpec,
    /// Whether the payment is on hold (cannot be finalized).
    pub frozen: bool,
    /// The store the payment belongs to.
    pub store_id: Option<String>,
    /// Meta data set at booking.
    pub meta_data: Vec<MapEntry>,
}

impl Booking {
    /// A booking with the demo customer (holding card [`DEMO_CARD_NUMBER`]),
    /// a limit equal to the amount, no shadow limit, not frozen.
    pub fn new(payment_id: impl Into<String>, method_kind: MethodKind, spec: PaymentSpec) -> Self {
        let payment_method_type = default_method_type(method_kind);
        Self {
            payment_id: payment_id.into(),
            payment_method_id: payment_method_type.as_str().to_owned(),
            payment_method_type,
            method_kind,
            limit: *spec.total_amount.value(),
            shadow_limit: None,
            card_number: Some(DEMO_CARD_NUMBER.to_owned()),
            customer: demo_customer(),
            spec,
            frozen: false,
            store_id: None,
            meta_data: Vec::new(),
        }
    }
}

/// The `paymentMethodType` a method of `kind` usually has.
pub fn default_method_type(kind: MethodKind) -> PaymentMethodType {
    match kind {
        MethodKind::ResursInvoice => PaymentMethodType::Invoice,
        MethodKind::ResursPartPayment | MethodKind::ResursCardAccount => {
            PaymentMethodType::RevolvingCredit
        }
        MethodKind::VisaMastercard | MethodKind::Swish | MethodKind::Trustly => {
            PaymentMethodType::Card
        }
    }
}

/// The display name of a method of `kind`.
pub fn method_name(kind: MethodKind) -> &'static str {
    match kind {
        MethodKind::ResursInvoice => "Resurs Faktura",
        MethodKind::ResursPartPayment => "Resurs Delbetalning",
        MethodKind::ResursCardAccount => "Resurs Kort/Konto",
        MethodKind::VisaMastercard => "Visa/Mastercard",
        MethodKind::Swish => "Swish",
        MethodKind::Trustly => "Trustly",
    }
}

/// Whether the simulator finalizes payments of `kind` when booked: Swish (the
/// rules say so) and, simulator-specific, Trustly: it also moves money
/// account to account at purchase, and since the payment-method table allows
/// no debit for it, crediting (which the table allows) needs it debited.
pub fn finalized_at_booking(kind: MethodKind) -> bool {
    kind.finalized_at_booking() || kind == MethodKind::Trustly
}

fn text(value: &str) -> Option<NonEmptyString> {
    NonEmptyString::new(value).ok()
}

/// The customer of the documented `getPayment` response.
pub fn demo_customer() -> Customer {
    Customer {
        government_id: text("8305147715").unwrap_or_default(),
        address: Address {
            full_name: text("Vincent Williamsson Alexandersson"),
            first_name: text("Vincent"),
            last_name: text("Williamsson Alexandersson"),
            address_row1: "Glassgatan 15".to_owned(),
            address_row2: None,
            postal_area: text("Göteborg").unwrap_or_default(),
            postal_code: text("41655").unwrap_or_default(),
            country: CountryCode::Se,
        },
        phone: Some("0707123456".to_owned()),
        email: text("testdata@resurs.se"),
        r#type: CustomerType::Natural,
    }
}

/// Books `booking` at `booked`, authorized at `authorized`.
pub(crate) fn book(
    state: &mut State,
    booking: Booking,
    booked: Instant,
    authorized: Instant,
) -> Result<(), SimFault> {
    if state.payments.contains_key(&booking.payment_id) {
        return Err(SimFault::new(
            ErrorType::ObjectWithIdAlreadyExist,
            format!("payment {} already exists", booking.payment_id),
        ));
    }
    check_spec(&booking.spec).map_err(|e| {
        SimFault::illegal_argument(format!("payment {}: {}", booking.payment_id, e.message))
    })?;
    if booking.spec.total_amount.value().is_sign_negative() {
        return Err(SimFault::illegal_argument(format!(
            "payment {}: the total amount must not be negative",
            booking.payment_id
        )));
    }
    let limit = booking.shadow_limit.map_or(booking.limit, |shadow| {
        shadow.limit(*booking.spec.total_amount.value())
    });
    if limit.abs() > MAX_MAGNITUDE {
        return Err(SimFault::illegal_argument(format!(
            "payment {}: the limit exceeds {MAX_MAGNITUDE}",
            booking.payment_id
        )));
    }
    let spec = spec_five_decimals(&booking.spec);
    if let Some(card) = &booking.card_number {
        if let Some(kind) = CustomerKind::from_xml(booking.customer.r#type.as_str()) {
            let holder = CustomerKey {
                government_id: booking.customer.government_id.as_str().to_owned(),
                kind,
            };
            state.tokens.register_card(holder, card);
        }
    }
    let mut record = PaymentRecord {
        id: booking.payment_id.clone(),
        payment_method_id: booking.payment_method_id,
        payment_method_name: method_name(booking.method_kind).to_owned(),
        payment_method_type: booking.payment_method_type,
        method_kind: booking.method_kind,
        limit,
        customer: booking.customer,
        booked,
        modified: booked,
        finalized: None,
        frozen: booking.frozen,
        fraud: false,
        store_id: booking.store_id,
        meta_data: booking
            .meta_data
            .into_iter()
            .map(|entry| (entry.key.into_inner(), entry.value))
            .collect(),
        diffs: Vec::new(),
        documents: BTreeMap::new(),
    };
    record.push(Diff {
        kind: DiffKind::Authorize,
        transaction_id: None,
        created: authorized,
        created_by: Some(BOOKED_BY.to_owned()),
        spec: spec.clone(),
        order_id: None,
        invoice_id: None,
        document_names: Vec::new(),
    });
    if finalized_at_booking(record.method_kind) {
        record.push(Diff {
            kind: DiffKind::Debit,
            transaction_id: Some(record.id.clone()),
            created: authorized,
            created_by: Some(BOOKED_BY.to_owned()),
            spec,
            order_id: None,
            invoice_id: None,
            document_names: Vec::new(),
        });
    }
    state.payments.insert(record.id.clone(), record);
    Ok(())
}

/// Books all of `bookings` at `now`, or (on an error) none of them: an
/// existing id is `OBJECT_WITH_ID_ALREADY_EXIST`. Returns the ids booked.
pub(crate) fn book_all(
    state: &mut State,
    bookings: Vec<Booking>,
    now: Instant,
) -> Result<Vec<String>, SimFault> {
    if let Some(existing) = bookings
        .iter()
        .find(|b| state.payments.contains_key(&b.payment_id))
    {
        return Err(SimFault::new(
            ErrorType::ObjectWithIdAlreadyExist,
            format!("payment {} already exists", existing.payment_id),
        ));
    }
    let mut booked = Vec::with_capacity(bookings.len());
    for booking in bookings {
        let id = booking.payment_id.clone();
        if let Err(fault) = book(state, booking, now, now) {
            for id in &booked {
                state.payments.remove(id);
            }
            return Err(fault);
        }
        booked.push(id);
    }
    Ok(booked)
}
