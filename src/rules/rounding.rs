//! Resurs Bank's rounding check of a payment spec.
//!
//! Amounts are sent unrounded. The service recomputes every line from its
//! total: net unit price = `totalAmount / ((1 + vatPct/100) × quantity)`,
//! line VAT = `vatPct/100 × net unit price × quantity`; the spec totals are
//! the sums of the lines. Each value sent may differ from the recomputed one
//! by at most [`ROUNDING_TOLERANCE`] (0.05 currency units).

use rust_decimal::Decimal;

use crate::common::{PaymentSpec, SpecLine};
use soap_runtime::Nillable;

/// The largest accepted difference between a value sent and the value
/// Resurs recomputes: 0.05 currency units.
pub const ROUNDING_TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// A value of a payment spec the rounding check looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpecField {
    /// `unitAmountWithoutVat` of a line.
    UnitAmountWithoutVat,
    /// `totalVatAmount` of a line or of the spec.
    TotalVatAmount,
    /// `totalAmount` of a line or of the spec.
    TotalAmount,
}

impl SpecField {
    /// The XML element name.
    pub fn xml_name(self) -> &'static str {
        match self {
            SpecField::UnitAmountWithoutVat => "unitAmountWithoutVat",
            SpecField::TotalVatAmount => "totalVatAmount",
            SpecField::TotalAmount => "totalAmount",
        }
    }
}

/// One value of a spec that Resurs would not accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deviation {
    /// The line (0-based index into `specLines`), or `None` for the spec's totals.
    pub line: Option<usize>,
    /// Which value.
    pub field: SpecField,
    /// The value sent; `None` when it is missing (a spec with lines but no
    /// `totalVatAmount`, or a nil one).
    pub given: Option<Decimal>,
    /// The value Resurs computes; `None` when it cannot be computed (a
    /// `vatPct` of -100, or amounts too large for exact decimals).
    pub expected: Option<Decimal>,
}

impl Deviation {
    /// `given - expected`, when both are known.
    pub fn difference(&self) -> Option<Decimal> {
        Some(self.given? - self.expected?)
    }
}

impl std::fmt::Display for Deviation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "specLines[{line}].{}", self.field.xml_name())?,
            None => f.write_str(self.field.xml_name())?,
        }
        match (self.given, self.expected) {
            (Some(given), Some(expected)) => write!(
                f,
                ": {given} differs from the recomputed {expected} by more than {ROUNDING_TOLERANCE}"
            ),
            (None, Some(expected)) => write!(f, ": missing, expected {expected}"),
            (_, None) => {
                f.write_str(": cannot be recomputed (vatPct of -100 or amounts out of range)")
            }
        }
    }
}

/// A spec that fails the rounding check: every deviation found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("payment spec fails Resurs's 0.05 rounding check: {}", list(.deviations))]
pub struct RoundingError {
    /// The deviations, lines first (in line order), then the totals.
    pub deviations: Vec<Deviation>,
}

fn list(deviations: &[Deviation]) -> String {
    deviations
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every value of `spec` that differs from Resurs's recomputation by more
/// than [`ROUNDING_TOLERANCE`]. A totals-only spec (no lines) has nothing to
/// recompute and always passes.
pub fn rounding_deviations(spec: &PaymentSpec) -> Vec<Deviation> {
    let mut deviations = Vec::new();
    if spec.spec_lines.is_empty() {
        return deviations;
    }
    let mut total_amount = Some(Decimal::ZERO);
    let mut total_vat = Some(Decimal::ZERO);
    for (index, line) in spec.spec_lines.iter().enumerate() {
        let expected = Recomputed::of(line);
        let line_checks = [
            (
                SpecField::UnitAmountWithoutVat,
                line.unit_amount_without_vat,
                expected.unit,
            ),
            (
                SpecField::TotalVatAmount,
                line.total_vat_amount,
                expected.vat,
            ),
            (SpecField::TotalAmount, line.total_amount, expected.total),
        ];
        for (field, given, expected) in line_checks {
            if let Some(deviation) = compare(Some(index), field, Some(given), expected) {
                deviations.push(deviation);
            }
        }
        total_amount = total_amount.and_then(|sum| sum.checked_add(line.total_amount));
        total_vat = total_vat
            .and_then(|sum| sum.checked_add(expected.vat.unwrap_or(line.total_vat_amount)));
    }
    let given_vat = match &spec.total_vat_amount {
        Some(Nillable::Value(vat)) => Some(*vat),
        Some(Nillable::Nil) | None => None,
    };
    let totals = [
        (
            SpecField::TotalAmount,
            Some(*spec.total_amount.value()),
            total_amount,
        ),
        (SpecField::TotalVatAmount, given_vat, total_vat),
    ];
    for (field, given, expected) in totals {
        if let Some(deviation) = compare(None, field, given, expected) {
            deviations.push(deviation);
        }
    }
    deviations
}

/// A deviation from the documentation that Resurs accepts all the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecWarning {
    /// A spec without lines has a `totalVatAmount`; the documentation says it
    /// must then be empty (null), but its own examples set it and Resurs
    /// accepts it.
    VatWithoutLines {
        /// The `totalVatAmount` sent.
        given: Decimal,
    },
}

impl std::fmt::Display for SpecWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpecWarning::VatWithoutLines { given } => write!(
                f,
                "totalVatAmount {given} is set on a spec without specLines; the documentation says it must then be empty (null)"
            ),
        }
    }
}

/// The outcome of a passed rounding check: the spec is accepted, with these
/// deviations from the documentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SpecVerdict {
    /// What the caller should know; empty when the spec follows the documentation.
    pub warnings: Vec<SpecWarning>,
}

impl SpecVerdict {
    /// True when there is nothing to warn about.
    pub fn is_clean(&self) -> bool {
        self.warnings.is_empty()
    }
}

/// The verdict when `spec` passes the rounding check (with its warnings),
/// else every deviation.
pub fn check_payment_spec(spec: &PaymentSpec) -> Result<SpecVerdict, RoundingError> {
    let deviations = rounding_deviations(spec);
    if !deviations.is_empty() {
        return Err(RoundingError { deviations });
    }
    let mut warnings = Vec::new();
    if spec.spec_lines.is_empty() {
        if let Some(Nillable::Value(given)) = &spec.total_vat_amount {
            warnings.push(SpecWarning::VatWithoutLines { given: *given });
        }
    }
    Ok(SpecVerdict { warnings })
}

fn compare(
    line: Option<usize>,
    field: SpecField,
    given: Option<Decimal>,
    expected: Option<Decimal>,
) -> Option<Deviation> {
    let within = match (given, expected) {
        (Some(given), Some(expected)) => given
            .checked_sub(expected)
            .is_some_and(|difference| difference.abs() <= ROUNDING_TOLERANCE),
        _ => false,
    };
    (!within).then_some(Deviation {
        line,
        field,
        given,
        expected,
    })
}

/// A line as Resurs recomputes it from its `totalAmount`, `vatPct` and
/// `quantity`; `None` where the arithmetic is impossible.
struct Recomputed {
    unit: Option<Decimal>,
    vat: Option<Decimal>,
    total: Option<Decimal>,
}

impl Recomputed {
    fn of(line: &SpecLine) -> Recomputed {
        let rate = line.vat_pct.value().checked_div(Decimal::ONE_HUNDRED);
        if line.quantity.is_zero() {
            // Nothing bought: no price can be derived, and the line must be zero.
            return Recomputed {
                unit: Some(line.unit_amount_without_vat),
                vat: Some(Decimal::ZERO),
                total: Some(Decimal::ZERO),
            };
        }
        let unit = rate.and_then(|rate| {
            let divisor = (Decimal::ONE + rate).checked_mul(line.quantity)?;
            line.total_amount.checked_div(divisor)
        });
        let vat = rate.and_then(|rate| rate.checked_mul(unit?)?.checked_mul(line.quantity));
        Recomputed {
            unit,
            vat,
            total: Some(line.total_amount),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::{Id, Percent, PositiveDecimal};

    fn d(text: &str) -> Decimal {
        text.parse().expect("test decimal")
    }

    /// A line as written in an envelope:
    /// (id, artNo, description, quantity, unit, vatPct, totalVatAmount, totalAmount).
    fn line(values: (&str, &str, &str, &str, &str, &str, &str, &str)) -> SpecLine {
        let (id, art_no, description, quantity, unit, vat_pct, vat, total) = values;
        SpecLine {
            id: Id::new(id).expect("facet"),
            art_no: art_no.into(),
            description: description.into(),
            quantity: d(quantity),
            unit_measure: "st".into(),
            unit_amount_without_vat: d(unit),
            vat_pct: Percent::new(d(vat_pct)).expect("facet"),
            total_vat_amount: d(vat),
            total_amount: d(total),
        }
    }

    fn spec(lines: Vec<SpecLine>, total: &str, vat: Option<&str>) -> PaymentSpec {
        PaymentSpec {
            spec_lines: lines,
            total_amount: PositiveDecimal::new(d(total)).expect("facet"),
            total_vat_amount: vat.map(|v| Nillable::Value(d(v))),
            bonus_points: None,
        }
    }

    /// creditPayment with discount (seed 000 and examples/): shoes, socks and
    /// a negative discount line.
    fn credit_with_discount() -> PaymentSpec {
        spec(
            vec![
                line((
                    "1",
                    "1111",
                    "Shoes",
                    "1.00",
                    "800.00000",
                    "25",
                    "200.00",
                    "1000.00",
                )),
                line((
                    "2",
                    "1112",
                    "Socks",
                    "1.00000",
                    "200.00000",
                    "25.00000",
                    "50.000000000000000",
                    "250.0000000000",
                )),
                line((
                    "3",
                    "1113",
                    "Rabatt",
                    "1.00000",
                    "-120.00000",
                    "25.00000",
                    "-30.000000000000000",
                    "-150.0000000000",
                )),
            ],
            "1100",
            Some("220"),
        )
    }

    #[test]
    fn seed_credit_payment_with_discount_passes() {
        assert_eq!(
            check_payment_spec(&credit_with_discount()),
            Ok(SpecVerdict::default())
        );
    }

    #[test]
    fn seed_credit_payment_zero_vat_passes() {
        let spec = spec(
            vec![line(("1", "other", "Other", "1", "199", "0", "0", "199"))],
            "199",
            Some("0"),
        );
        assert_eq!(check_payment_spec(&spec), Ok(SpecVerdict::default()));
    }

    #[test]
    fn seed_additional_debit_of_payment_passes() {
        let spec = spec(
            vec![line((
                "106",
                "106",
                "Frakt Norge",
                "1",
                "76",
                "25",
                "19",
                "95",
            ))],
            "95",
            Some("19"),
        );
        assert_eq!(check_payment_spec(&spec), Ok(SpecVerdict::default()));
    }

    #[test]
    fn seed_annul_payment_fully_specified_passes() {
        let spec = spec(
            vec![line((
                "shippingfee",
                "shippingfee",
                "Fraktgebyr",
                "1",
                "95",
                "0",
                "0",
                "95",
            ))],
            "95",
            Some("0"),
        );
        assert_eq!(check_payment_spec(&spec), Ok(SpecVerdict::default()));
    }

    #[test]
    fn documented_finalize_invoice_and_get_payment_specs_pass() {
        let finalize = spec(
            vec![
                line((
                    "1", "NUT-001", "Nut (M8)", "21.00", "0.80", "25", "4.2", "21.00",
                )),
                line((
                    "2",
                    "BOLT-002",
                    "Bolt (M8x125mm)",
                    "17.00",
                    "1.60",
                    "25",
                    "6.8",
                    "34.00",
                )),
            ],
            "55.00",
            Some("11.00"),
        );
        assert_eq!(check_payment_spec(&finalize), Ok(SpecVerdict::default()));
        let authorize = spec(
            vec![
                line((
                    "BOLT-002",
                    "BOLT-002",
                    "Bolt (M8x125mm)",
                    "10.00000",
                    "1.60000",
                    "25.00000",
                    "4.000000000000000",
                    "20.000000000000000",
                )),
                line((
                    "NUT-001",
                    "NUT-001",
                    "Nut (M8)",
                    "10.00000",
                    "0.80000",
                    "25.00000",
                    "2.000000000000000",
                    "10.000000000000000",
                )),
            ],
            "30.000000000000000",
            Some("6.000000000000000"),
        );
        assert_eq!(check_payment_spec(&authorize), Ok(SpecVerdict::default()));
    }

    /// Seed: "If there are no lines this fileld must be empty (null)." and
    /// "In it's simplest form it's just sum, i.e. totalAmount and
    /// totalVatAmount are set, but there are no specLines." The spec passes;
    /// the VAT is reported as a warning.
    #[test]
    fn totals_only_spec_with_vat_passes_with_a_warning() {
        let verdict = check_payment_spec(&spec(vec![], "30.0000000000", Some("6.0000000000")))
            .expect("a totals-only spec passes");
        assert_eq!(
            verdict.warnings,
            vec![SpecWarning::VatWithoutLines {
                given: d("6.0000000000")
            }]
        );
        assert!(!verdict.is_clean());
        assert!(verdict.warnings[0]
            .to_string()
            .contains("must then be empty (null)"));
    }

    #[test]
    fn totals_only_spec_without_vat_is_clean() {
        assert_eq!(
            check_payment_spec(&spec(vec![], "95", None)),
            Ok(SpecVerdict::default())
        );
        let mut nil = spec(vec![], "95", None);
        nil.total_vat_amount = Some(Nillable::Nil);
        assert_eq!(check_payment_spec(&nil), Ok(SpecVerdict::default()));
    }

    #[test]
    fn differences_up_to_five_hundredths_pass() {
        // 3 × 33.33 at 25 %: unrounded VAT 24.9975, total 124.9975, sent rounded.
        let spec = spec(
            vec![line((
                "1", "A", "Thing", "3", "33.33", "25", "25.00", "125.00",
            ))],
            "125.00",
            Some("25.00"),
        );
        assert_eq!(check_payment_spec(&spec), Ok(SpecVerdict::default()));
    }

    #[test]
    fn wrong_line_vat_is_reported() {
        let mut spec = credit_with_discount();
        spec.spec_lines[1].total_vat_amount = d("50.06");
        let deviations = rounding_deviations(&spec);
        assert_eq!(
            deviations,
            vec![Deviation {
                line: Some(1),
                field: SpecField::TotalVatAmount,
                given: Some(d("50.06")),
                expected: Some(d("50")),
            }]
        );
        assert_eq!(deviations[0].difference(), Some(d("0.06")));
    }

    #[test]
    fn wrong_unit_price_and_totals_are_all_reported() {
        let mut spec = credit_with_discount();
        // The discount line's total no longer matches its unit price, so the
        // recomputed unit price and the spec total move too.
        spec.spec_lines[2].total_amount = d("-140");
        spec.total_vat_amount = Some(Nillable::Value(d("220.10")));
        let found: Vec<(Option<usize>, SpecField)> = rounding_deviations(&spec)
            .iter()
            .map(|dev| (dev.line, dev.field))
            .collect();
        assert_eq!(
            found,
            vec![
                (Some(2), SpecField::UnitAmountWithoutVat),
                (Some(2), SpecField::TotalVatAmount),
                (None, SpecField::TotalAmount),
                (None, SpecField::TotalVatAmount),
            ]
        );
        let error = check_payment_spec(&spec).expect_err("deviations");
        assert_eq!(error.deviations.len(), 4);
        assert!(error
            .to_string()
            .contains("specLines[2].unitAmountWithoutVat: -120.00000 differs"));
    }

    #[test]
    fn missing_total_vat_with_lines_is_reported() {
        let mut spec = credit_with_discount();
        spec.total_vat_amount = Some(Nillable::Nil);
        assert_eq!(
            rounding_deviations(&spec),
            vec![Deviation {
                line: None,
                field: SpecField::TotalVatAmount,
                given: None,
                expected: Some(d("220")),
            }]
        );
        spec.total_vat_amount = None;
        assert_eq!(rounding_deviations(&spec).len(), 1);
    }

    #[test]
    fn zero_quantity_line_must_be_zero() {
        let spec = spec(
            vec![
                line(("1", "A", "Thing", "0", "10", "25", "0", "0")),
                line(("2", "B", "Other", "0", "10", "25", "2.5", "12.5")),
            ],
            "12.5",
            Some("2.5"),
        );
        let found: Vec<(Option<usize>, SpecField)> = rounding_deviations(&spec)
            .iter()
            .map(|dev| (dev.line, dev.field))
            .collect();
        assert_eq!(
            found,
            vec![
                (Some(1), SpecField::TotalVatAmount),
                (Some(1), SpecField::TotalAmount),
                (None, SpecField::TotalVatAmount),
            ]
        );
    }

    #[test]
    fn impossible_vat_rate_is_reported_not_panicking() {
        // Deserialized values skip facet checks: vatPct -100 makes the divisor zero.
        let mut bad = line(("1", "A", "Thing", "1", "10", "25", "2.5", "12.5"));
        bad.vat_pct = serde_json::from_str("\"-100\"").expect("json");
        let spec = spec(vec![bad], "12.5", Some("2.5"));
        let deviations = rounding_deviations(&spec);
        assert!(deviations
            .iter()
            .any(|dev| dev.line == Some(0) && dev.expected.is_none()));
    }
}
