//! Helpers shared by the simulator tests.

use resurs_aftershop::common::{Id, PaymentSpec, PositiveDecimal};
use resurs_aftershop::msg_aftershopflow::{
    AdditionalDebitOfPayment, AnnulPayment, CreditPayment, FinalizePayment, GetPayment,
};
use resurs_aftershop::rules::{ErrorType, LineItem, MethodKind, PaymentSpecBuilder};
use resurs_aftershop::simulator::{Bank, Booking, SimFault};
use resurs_aftershop::types_aftershopflow::Payment;
use rust_decimal::Decimal;
use soap_runtime::rt::Nillable;

pub fn d(text: &str) -> Decimal {
    text.parse().expect("test decimal")
}

pub fn id(text: &str) -> Id {
    Id::new(text).expect("test id")
}

pub fn v<T>(value: T) -> Option<Nillable<T>> {
    Some(Nillable::Value(value))
}

/// A line (unit `st`) whose VAT and total follow from quantity, unit price and rate.
pub fn line(
    art_no: &str,
    description: &str,
    quantity: &str,
    unit: &str,
    vat_pct: &str,
) -> LineItem {
    LineItem::new(
        art_no,
        art_no,
        description,
        d(quantity),
        d(unit),
        d(vat_pct),
    )
    .unit_measure("st")
}

/// A spec of `items` with totals summed.
pub fn spec(items: Vec<LineItem>) -> PaymentSpec {
    items
        .into_iter()
        .fold(PaymentSpecBuilder::new(), PaymentSpecBuilder::line)
        .build()
        .expect("test spec")
}

/// A spec with only totals (VAT 25 % included).
pub fn amount(total: &str) -> PaymentSpec {
    let total = d(total);
    PaymentSpec {
        spec_lines: Vec::new(),
        total_amount: PositiveDecimal::new(total).expect("positive"),
        total_vat_amount: v(total / d("5")),
        bonus_points: None,
    }
}

/// A one-line spec of `total` (VAT 25 % included).
pub fn one_line(total: &str) -> PaymentSpec {
    let net = d(total) / d("1.25");
    spec(vec![line(
        "ART-1",
        "Article one",
        "1",
        &net.to_string(),
        "25",
    )])
}

/// A bank holding one payment of `kind`, authorized for `total`, limit `limit`.
pub fn bank_with(payment_id: &str, kind: MethodKind, total: &str, limit: &str) -> Bank {
    let bank = Bank::new();
    let booking = Booking {
        limit: d(limit),
        ..Booking::new(payment_id, kind, one_line(total))
    };
    bank.book(booking).expect("booking");
    bank
}

pub fn finalize(payment_id: &str, spec: Option<PaymentSpec>) -> FinalizePayment {
    FinalizePayment {
        payment_id: id(payment_id),
        part_payment_spec: spec.map(Nillable::Value),
        ..FinalizePayment::default()
    }
}

pub fn annul(payment_id: &str, spec: Option<PaymentSpec>) -> AnnulPayment {
    AnnulPayment {
        payment_id: id(payment_id),
        part_payment_spec: spec.map(Nillable::Value),
        ..AnnulPayment::default()
    }
}

pub fn credit(payment_id: &str, spec: Option<PaymentSpec>) -> CreditPayment {
    CreditPayment {
        payment_id: id(payment_id),
        part_payment_spec: spec.map(Nillable::Value),
        ..CreditPayment::default()
    }
}

pub fn additional(payment_id: &str, spec: PaymentSpec) -> AdditionalDebitOfPayment {
    AdditionalDebitOfPayment {
        payment_id: id(payment_id),
        payment_spec: v(spec),
        ..AdditionalDebitOfPayment::default()
    }
}

pub fn get(bank: &Bank, payment_id: &str) -> Payment {
    bank.get_payment(GetPayment {
        payment_id: id(payment_id),
    })
    .expect("payment exists")
}

/// Asserts a refusal with `expected`'s id and description.
pub fn assert_fault<T: std::fmt::Debug>(
    result: Result<T, SimFault>,
    expected: ErrorType,
) -> SimFault {
    let fault = result.expect_err("the simulator should refuse");
    assert_eq!(fault.error, expected, "{fault}");
    assert_eq!(fault.error_type_id(), expected.id());
    assert_eq!(fault.error_type_description(), expected.name());
    assert!(!fault.user_error_message.is_empty());
    fault
}
