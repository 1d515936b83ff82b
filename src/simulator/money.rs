//! Amounts as the service returns them: five decimals, whatever was sent.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::common::{PaymentSpec, Percent, PositiveDecimal, SpecLine};
use soap_runtime::rt::Nillable;

/// Scale of every amount the simulator returns.
pub const SCALE: u32 = 5;

/// The largest magnitude the simulator accepts for any amount or quantity
/// (10^15): far beyond any real payment, and small enough that sums of
/// amounts can never overflow a decimal.
pub const MAX_MAGNITUDE: Decimal = Decimal::from_parts(0xA4C6_8000, 0x0003_8D7E, 0, false, 0);

/// Whether every amount and quantity of `spec` is within [`MAX_MAGNITUDE`].
pub fn in_range(spec: &PaymentSpec) -> bool {
    let ok = |v: &Decimal| v.abs() <= MAX_MAGNITUDE;
    ok(spec.total_amount.value())
        && spec
            .total_vat_amount
            .as_ref()
            .and_then(Nillable::value)
            .is_none_or(ok)
        && spec.spec_lines.iter().all(|l| {
            [
                &l.quantity,
                &l.unit_amount_without_vat,
                &l.total_vat_amount,
                &l.total_amount,
            ]
            .into_iter()
            .all(ok)
        })
}

/// `value` rounded half away from zero and shown with five decimals.
pub fn five_decimals(value: Decimal) -> Decimal {
    let mut v = value.round_dp_with_strategy(SCALE, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(SCALE);
    v
}

/// A non-negative amount with five decimals (negative values are clamped to zero).
pub fn positive(value: Decimal) -> PositiveDecimal {
    PositiveDecimal::new(five_decimals(value.max(Decimal::ZERO))).unwrap_or_default()
}

/// A copy of `spec` with every amount shown with five decimals.
pub fn spec_five_decimals(spec: &PaymentSpec) -> PaymentSpec {
    PaymentSpec {
        spec_lines: spec.spec_lines.iter().map(line_five_decimals).collect(),
        total_amount: positive(*spec.total_amount.value()),
        total_vat_amount: spec.total_vat_amount.as_ref().map(|vat| match vat {
            Nillable::Value(v) => Nillable::Value(five_decimals(*v)),
            Nillable::Nil => Nillable::Nil,
        }),
        bonus_points: spec.bonus_points,
    }
}

fn line_five_decimals(line: &SpecLine) -> SpecLine {
    SpecLine {
        quantity: five_decimals(line.quantity),
        unit_amount_without_vat: five_decimals(line.unit_amount_without_vat),
        vat_pct: Percent::new(five_decimals(*line.vat_pct.value()))
            .unwrap_or_else(|_| line.vat_pct.clone()),
        total_vat_amount: five_decimals(line.total_vat_amount),
        total_amount: five_decimals(line.total_amount),
        ..line.clone()
    }
}

/// A spec holding only totals (amount and VAT).
pub fn amounts(total: Decimal, vat: Decimal) -> PaymentSpec {
    PaymentSpec {
        spec_lines: Vec::new(),
        total_amount: positive(total),
        total_vat_amount: Some(Nillable::Value(five_decimals(vat))),
        bonus_points: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_magnitude_is_ten_to_the_fifteen() {
        assert_eq!(MAX_MAGNITUDE, Decimal::from(1_000_000_000_000_000_i64));
    }

    #[test]
    fn five_decimals_whatever_was_sent() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(five_decimals(d("30")).to_string(), "30.00000");
        assert_eq!(five_decimals(d("4.000000000000000")).to_string(), "4.00000");
        assert_eq!(five_decimals(d("0.123456")).to_string(), "0.12346");
        assert_eq!(positive(d("-1")).to_string(), "0.00000");
    }
}
