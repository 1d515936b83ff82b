//! Payments booked when the simulator starts: a JSON fixtures file, or the
//! built-in demo set that makes every documented request meaningful.
//!
//! A fixtures file is a JSON array; each entry is
//! `{"paymentId", "paymentMethodId", "paymentMethodType", "methodKind",
//! "limit", "customer", "spec", "frozen"?, "storeId"?, "metaData"?,
//! "shadowLimit"?, "cardNumber"?}` where
//! `customer` and `spec` have the serde shape of `common::Customer` and
//! `common::PaymentSpec` (XML element names as keys, decimals as strings),
//! `metaData` is a list of `{"key", "value"}` and `methodKind` is a column of
//! the payment-method table: `resurs_invoice`, `resurs_part_payment`,
//! `resurs_card_account`, `visa_mastercard`, `swish` or `trustly`.
//! `shadowLimit` (`{"fixed": "2000"}` or `{"percent": "10"}`) makes the
//! limit the checkout value plus that much; `cardNumber` is the customer's
//! Resurs card, for which identification tokens can then be issued.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::booking::Booking;
use super::changes::check_spec;
use super::clock::Instant;
use super::fault::SimFault;
use super::money::MAX_MAGNITUDE;
use super::state::State;
use super::{booking, demo};
use crate::common::{Customer, Id, MapEntry, PaymentMethodType, PaymentSpec, PositiveDecimal};
use crate::rules::{MethodKind, ShadowLimit};
use rust_decimal::Decimal;

/// What a simulator starts with.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Fixtures {
    /// The built-in demo set (see [`super::demo`]).
    #[default]
    Demo,
    /// Exactly these payments.
    Bookings(Vec<Booking>),
}

/// Why a fixtures file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    /// The file cannot be read.
    #[error("cannot read fixtures file {}: {cause}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause (in the message, so not a `source()`).
        cause: std::io::Error,
    },
    /// The text is not JSON.
    #[error("fixtures are not valid JSON: {0}")]
    Json(serde_json::Error),
    /// The JSON is not an array.
    #[error("fixtures must be a JSON array of payments")]
    NotAnArray,
    /// An entry is not an object.
    #[error("fixture entry {index} is not a JSON object")]
    NotAnObject {
        /// Position in the array, from 0.
        index: usize,
    },
    /// A required field is missing.
    #[error("fixture entry {index}: missing field `{field}`")]
    Missing {
        /// Position in the array, from 0.
        index: usize,
        /// The field.
        field: &'static str,
    },
    /// A field the format does not know.
    #[error("fixture entry {index}: unknown field `{field}`")]
    UnknownField {
        /// Position in the array, from 0.
        index: usize,
        /// The field.
        field: String,
    },
    /// A field has a bad value.
    #[error("fixture entry {index}, field `{field}`: {message}")]
    Invalid {
        /// Position in the array, from 0.
        index: usize,
        /// The field.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
}

const FIELDS: [&str; 12] = [
    "paymentId",
    "paymentMethodId",
    "paymentMethodType",
    "methodKind",
    "limit",
    "customer",
    "spec",
    "frozen",
    "storeId",
    "metaData",
    "shadowLimit",
    "cardNumber",
];

impl Fixtures {
    /// Reads a fixtures file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, FixtureError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|cause| FixtureError::Io {
            path: path.to_owned(),
            cause,
        })?;
        Self::from_json(&text)
    }

    /// Parses fixtures JSON.
    pub fn from_json(text: &str) -> Result<Self, FixtureError> {
        let value: Value = serde_json::from_str(text).map_err(FixtureError::Json)?;
        let Value::Array(entries) = value else {
            return Err(FixtureError::NotAnArray);
        };
        bookings(entries).map(Self::Bookings)
    }

    /// Parses one payment in the fixtures format, or an array of them (the
    /// body of the simulator's `admin/payments`).
    pub fn bookings_from_json(text: &str) -> Result<Vec<Booking>, FixtureError> {
        match serde_json::from_str(text).map_err(FixtureError::Json)? {
            Value::Array(entries) => bookings(entries),
            entry => bookings(vec![entry]),
        }
    }
}

/// The bookings of fixture entries; an id may appear once.
fn bookings(entries: Vec<Value>) -> Result<Vec<Booking>, FixtureError> {
    let mut bookings: Vec<Booking> = Vec::with_capacity(entries.len());
    for (index, entry) in entries.into_iter().enumerate() {
        let Value::Object(object) = entry else {
            return Err(FixtureError::NotAnObject { index });
        };
        let booking = Entry { index, object }.booking()?;
        if bookings.iter().any(|b| b.payment_id == booking.payment_id) {
            return Err(FixtureError::Invalid {
                index,
                field: "paymentId",
                message: format!(
                    "payment {} is already booked by an earlier entry",
                    booking.payment_id
                ),
            });
        }
        bookings.push(booking);
    }
    Ok(bookings)
}

/// One fixture entry being read.
struct Entry {
    index: usize,
    object: Map<String, Value>,
}

impl Entry {
    fn booking(mut self) -> Result<Booking, FixtureError> {
        if let Some(unknown) = self.object.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            return Err(FixtureError::UnknownField {
                index: self.index,
                field: unknown.clone(),
            });
        }
        let payment_id: String = self.required("paymentId")?;
        self.check(Id::new(payment_id.as_str()).map(drop), "paymentId")?;
        let payment_method_id: String = self.required("paymentMethodId")?;
        self.check(
            Id::new(payment_method_id.as_str()).map(drop),
            "paymentMethodId",
        )?;
        let payment_method_type: PaymentMethodType = self.required("paymentMethodType")?;
        if let PaymentMethodType::Unknown(other) = &payment_method_type {
            return Err(self.invalid(
                "paymentMethodType",
                format!(
                    "`{other}` is not one of {}",
                    PaymentMethodType::VALUES.join(", ")
                ),
            ));
        }
        let kind_name: String = self.required("methodKind")?;
        let method_kind = MethodKind::from_name(&kind_name).ok_or_else(|| {
            self.invalid(
                "methodKind",
                format!(
                    "`{kind_name}` is not one of resurs_invoice, resurs_part_payment, \
                     resurs_card_account, visa_mastercard, swish, trustly"
                ),
            )
        })?;
        let limit: Decimal = self.required("limit")?;
        if limit < Decimal::ZERO || limit > MAX_MAGNITUDE {
            return Err(self.invalid(
                "limit",
                format!("the limit must be between 0 and {MAX_MAGNITUDE}"),
            ));
        }
        let customer: Customer = self.required("customer")?;
        let spec: PaymentSpec = self.required("spec")?;
        self.check(
            PositiveDecimal::new(*spec.total_amount.value()).map(drop),
            "spec",
        )?;
        self.check(check_spec(&spec).map_err(|e| e.message), "spec")?;
        let frozen: Option<bool> = self.optional("frozen")?;
        let store_id: Option<String> = self.optional("storeId")?;
        let meta_data: Option<Vec<MapEntry>> = self.optional("metaData")?;
        let shadow_limit: Option<ShadowLimit> = self.optional("shadowLimit")?;
        let card_number: Option<String> = self.optional("cardNumber")?;
        Ok(Booking {
            payment_id,
            payment_method_id,
            payment_method_type,
            method_kind,
            limit,
            shadow_limit,
            card_number,
            customer,
            spec,
            frozen: frozen.unwrap_or(false),
            store_id,
            meta_data: meta_data.unwrap_or_default(),
        })
    }

    fn required<T: DeserializeOwned>(&mut self, field: &'static str) -> Result<T, FixtureError> {
        self.optional(field)?.ok_or(FixtureError::Missing {
            index: self.index,
            field,
        })
    }

    fn optional<T: DeserializeOwned>(
        &mut self,
        field: &'static str,
    ) -> Result<Option<T>, FixtureError> {
        match self.object.remove(field) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => serde_json::from_value(value)
                .map(Some)
                .map_err(|e| self.invalid(field, e.to_string())),
        }
    }

    fn check<E: std::fmt::Display>(
        &self,
        result: Result<(), E>,
        field: &'static str,
    ) -> Result<(), FixtureError> {
        result.map_err(|e| self.invalid(field, e.to_string()))
    }

    fn invalid(&self, field: &'static str, message: String) -> FixtureError {
        FixtureError::Invalid {
            index: self.index,
            field,
            message,
        }
    }
}

/// Books `fixtures` into `state` (the demo set, or the given payments, booked at `now`).
pub(crate) fn load(state: &mut State, fixtures: &Fixtures, now: Instant) -> Result<(), SimFault> {
    match fixtures {
        Fixtures::Demo => demo::load(state),
        Fixtures::Bookings(bookings) => bookings
            .iter()
            .try_for_each(|b| booking::book(state, b.clone(), now, now)),
    }
}
