//! Building a `common::PaymentSpec` from quantities, net unit prices and VAT
//! rates, with exact decimal amounts.

use rust_decimal::Decimal;
use soap_runtime::FacetError;
use soap_runtime::Nillable;

use super::additional_debit::{classify_additional_debit, LineChange, SuspiciousLine};
use crate::common::{Id, PaymentSpec, Percent, PositiveDecimal, SpecLine};

/// One order line to put in a spec: what is sold, how many, at which net
/// unit price and VAT rate. The amounts are computed by
/// [`PaymentSpecBuilder`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineItem {
    /// Line id (`specLines/id`): letters, digits, space, `.`, `_`, `/`, `-`.
    pub id: String,
    /// Article number.
    pub art_no: String,
    /// Text on the invoice.
    pub description: String,
    /// Number of units.
    pub quantity: Decimal,
    /// Unit of the quantity, e.g. `st` (may be empty).
    pub unit_measure: String,
    /// Price of one unit without VAT; negative for a discount.
    pub unit_amount_without_vat: Decimal,
    /// VAT rate in percent, `0..=100` (`25` = 25 %).
    pub vat_pct: Decimal,
}

impl LineItem {
    /// A line with an empty unit of measure (see [`unit_measure`](Self::unit_measure)).
    pub fn new(
        id: impl Into<String>,
        art_no: impl Into<String>,
        description: impl Into<String>,
        quantity: Decimal,
        unit_amount_without_vat: Decimal,
        vat_pct: Decimal,
    ) -> LineItem {
        LineItem {
            id: id.into(),
            art_no: art_no.into(),
            description: description.into(),
            quantity,
            unit_measure: String::new(),
            unit_amount_without_vat,
            vat_pct,
        }
    }

    /// The same line with a unit of measure.
    pub fn unit_measure(mut self, unit: impl Into<String>) -> LineItem {
        self.unit_measure = unit.into();
        self
    }

    /// Net amount: `unitAmountWithoutVat × quantity` (`None` on overflow).
    pub fn net_amount(&self) -> Option<Decimal> {
        self.unit_amount_without_vat.checked_mul(self.quantity)
    }

    /// Line VAT: `vatPct / 100 × unitAmountWithoutVat × quantity`, exact
    /// (`None` on overflow).
    pub fn vat_amount(&self) -> Option<Decimal> {
        self.net_amount()?
            .checked_mul(self.vat_pct)?
            .checked_div(Decimal::ONE_HUNDRED)
    }

    /// Line total including VAT: net amount + line VAT (`None` on overflow).
    pub fn total_amount(&self) -> Option<Decimal> {
        self.net_amount()?.checked_add(self.vat_amount()?)
    }

    /// The `specLines` entry; `index` (0-based) only serves error messages.
    pub fn to_spec_line(&self, index: usize) -> Result<SpecLine, SpecError> {
        let id =
            Id::new(self.id.clone()).map_err(|cause| SpecError::LineId { line: index, cause })?;
        let vat_pct =
            Percent::new(self.vat_pct).map_err(|cause| SpecError::VatPct { line: index, cause })?;
        let (Some(vat), Some(total)) = (self.vat_amount(), self.total_amount()) else {
            return Err(SpecError::Overflow { line: Some(index) });
        };
        Ok(SpecLine {
            id,
            art_no: self.art_no.clone(),
            description: self.description.clone(),
            quantity: self.quantity,
            unit_measure: self.unit_measure.clone(),
            unit_amount_without_vat: self.unit_amount_without_vat,
            vat_pct,
            total_vat_amount: vat,
            total_amount: total,
        })
    }
}

/// Builds a [`PaymentSpec`] with lines: each line's VAT and total, then the
/// spec's `totalAmount` and `totalVatAmount` as the sums of the lines
/// (discount lines with negative amounts included). Amounts are exact and
/// unrounded, as Resurs asks.
///
/// ```
/// use resurs_aftershop::rules::{LineItem, PaymentSpecBuilder};
/// use rust_decimal::Decimal;
///
/// let spec = PaymentSpecBuilder::new()
///     .line(LineItem::new("1", "1111", "Shoes", Decimal::ONE, Decimal::from(800), Decimal::from(25)).unit_measure("st"))
///     .line(LineItem::new("2", "1113", "Discount", Decimal::ONE, Decimal::from(-120), Decimal::from(25)))
///     .build()?;
/// assert_eq!(*spec.total_amount.value(), Decimal::from(850));
/// # Ok::<(), resurs_aftershop::rules::SpecError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PaymentSpecBuilder {
    lines: Vec<LineItem>,
    bonus_points: Option<u64>,
}

impl PaymentSpecBuilder {
    /// An empty builder.
    pub fn new() -> PaymentSpecBuilder {
        PaymentSpecBuilder::default()
    }

    /// Adds a line.
    pub fn line(mut self, item: LineItem) -> PaymentSpecBuilder {
        self.lines.push(item);
        self
    }

    /// Adds a line (for loops).
    pub fn push(&mut self, item: LineItem) -> &mut PaymentSpecBuilder {
        self.lines.push(item);
        self
    }

    /// Sets `bonusPoints`, the bonus points spent on the purchase.
    pub fn bonus_points(mut self, points: u64) -> PaymentSpecBuilder {
        self.bonus_points = Some(points);
        self
    }

    /// The lines added so far.
    pub fn lines(&self) -> &[LineItem] {
        &self.lines
    }

    /// The spec: lines with their VAT and totals, and the sums.
    pub fn build(&self) -> Result<PaymentSpec, SpecError> {
        if self.lines.is_empty() {
            return Err(SpecError::NoLines);
        }
        let spec_lines = self
            .lines
            .iter()
            .enumerate()
            .map(|(index, item)| item.to_spec_line(index))
            .collect::<Result<Vec<_>, _>>()?;
        let sum = |field: fn(&SpecLine) -> Decimal| {
            spec_lines
                .iter()
                .try_fold(Decimal::ZERO, |acc, line| acc.checked_add(field(line)))
                .ok_or(SpecError::Overflow { line: None })
        };
        let total = sum(|line| line.total_amount)?;
        let total_vat = sum(|line| line.total_vat_amount)?;
        let total_amount = PositiveDecimal::new(total)
            .map_err(|cause| SpecError::NegativeTotal { total, cause })?;
        Ok(PaymentSpec {
            spec_lines,
            total_amount,
            total_vat_amount: Some(Nillable::Value(total_vat)),
            bonus_points: self.bonus_points,
        })
    }

    /// The spec of an `additionalDebitOfPayment`, checked against the lines
    /// the payment already has (see [`existing_lines`](super::existing_lines)):
    /// returns the spec and what each new line does, or
    /// [`SpecError::SuspiciousLines`] when a line has the `artNo` of an
    /// existing line but another `description` or `unitAmountWithoutVat`
    /// (Resurs would add it as a new line instead of changing the old one).
    pub fn build_additional_debit(
        &self,
        existing: &[SpecLine],
    ) -> Result<(PaymentSpec, Vec<LineChange>), SpecError> {
        let spec = self.build()?;
        let changes = classify_additional_debit(existing, &spec.spec_lines);
        let suspicious: Vec<SuspiciousLine> = changes
            .iter()
            .enumerate()
            .filter_map(|(line, change)| match change {
                LineChange::Suspicious { existing, differs } => Some(SuspiciousLine {
                    line,
                    art_no: spec.spec_lines[line].art_no.clone(),
                    existing: *existing,
                    differs: differs.clone(),
                }),
                LineChange::Updates { .. } | LineChange::Adds => None,
            })
            .collect();
        if suspicious.is_empty() {
            Ok((spec, changes))
        } else {
            Err(SpecError::SuspiciousLines(suspicious))
        }
    }
}

/// A spec totals only, without lines (`totalVatAmount` left out, as Resurs
/// requires for a spec without lines).
pub fn totals_only(total_amount: Decimal) -> Result<PaymentSpec, SpecError> {
    let total = PositiveDecimal::new(total_amount).map_err(|cause| SpecError::NegativeTotal {
        total: total_amount,
        cause,
    })?;
    Ok(PaymentSpec {
        spec_lines: Vec::new(),
        total_amount: total,
        total_vat_amount: None,
        bonus_points: None,
    })
}

/// Why a spec cannot be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SpecError {
    /// The builder has no line; use [`totals_only`] for a spec without lines.
    #[error("a payment spec with lines needs at least one line (use totals_only for a spec without lines)")]
    NoLines,
    /// A line id breaks the `id` type's facets.
    #[error("line {line}: invalid id: {cause}")]
    LineId {
        /// The line (0-based).
        line: usize,
        /// The facet broken (in the message, so not a `source()`).
        cause: FacetError,
    },
    /// A VAT rate outside `0..=100`.
    #[error("line {line}: invalid vatPct: {cause}")]
    VatPct {
        /// The line (0-based).
        line: usize,
        /// The facet broken (in the message, so not a `source()`).
        cause: FacetError,
    },
    /// An amount too large for exact decimals.
    #[error("{}: amount out of range", .line.map_or("spec totals".to_owned(), |l| format!("line {l}")))]
    Overflow {
        /// The line (0-based), or `None` for the totals.
        line: Option<usize>,
    },
    /// The lines add up to less than zero (`totalAmount` must be `>= 0`).
    #[error("the lines add up to {total}, but totalAmount cannot be negative: {cause}")]
    NegativeTotal {
        /// The sum of the lines.
        total: Decimal,
        /// The facet broken (in the message, so not a `source()`).
        cause: FacetError,
    },
    /// Additional-debit lines that look like changes of existing lines but
    /// do not match them.
    #[error("{} suspicious additional debit line(s): {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    SuspiciousLines(Vec<SuspiciousLine>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::check_payment_spec;

    fn d(text: &str) -> Decimal {
        text.parse().expect("test decimal")
    }

    fn item(
        id: &str,
        art_no: &str,
        description: &str,
        quantity: &str,
        unit: &str,
        vat: &str,
    ) -> LineItem {
        LineItem::new(id, art_no, description, d(quantity), d(unit), d(vat)).unit_measure("st")
    }

    #[test]
    fn line_amounts_are_exact() {
        let line = item("1", "A", "Thing", "3", "33.33", "25");
        assert_eq!(line.net_amount(), Some(d("99.99")));
        assert_eq!(line.vat_amount(), Some(d("24.9975")));
        assert_eq!(line.total_amount(), Some(d("124.9875")));
        let odd = item("2", "B", "Food", "7", "0.99", "12");
        assert_eq!(odd.vat_amount(), Some(d("0.8316")));
    }

    #[test]
    fn builds_the_seed_credit_with_discount_spec() {
        let spec = PaymentSpecBuilder::new()
            .line(item("1", "1111", "Shoes", "1", "800", "25"))
            .line(item("2", "1112", "Socks", "1", "200", "25"))
            .line(item("3", "1113", "Rabatt", "1", "-120", "25"))
            .build()
            .expect("spec");
        let amounts: Vec<(Decimal, Decimal)> = spec
            .spec_lines
            .iter()
            .map(|line| (line.total_vat_amount, line.total_amount))
            .collect();
        assert_eq!(
            amounts,
            vec![
                (d("200"), d("1000")),
                (d("50"), d("250")),
                (d("-30"), d("-150"))
            ]
        );
        assert_eq!(*spec.total_amount.value(), d("1100"));
        assert_eq!(spec.total_vat_amount, Some(Nillable::Value(d("220"))));
        assert_eq!(spec.spec_lines[2].unit_measure, "st");
        assert!(check_payment_spec(&spec).is_ok_and(|v| v.is_clean()));
    }

    #[test]
    fn built_specs_pass_the_rounding_check() {
        let spec = PaymentSpecBuilder::new()
            .line(item("1", "A", "Thing", "3", "33.33", "25"))
            .line(item("2", "B", "Food", "7", "0.99", "12"))
            .line(item("3", "C", "Book", "2.5", "19.90", "6"))
            .bonus_points(10)
            .build()
            .expect("spec");
        assert!(check_payment_spec(&spec).is_ok_and(|v| v.is_clean()));
        assert_eq!(spec.bonus_points, Some(10));
    }

    #[test]
    fn invalid_lines_are_typed_errors() {
        assert_eq!(PaymentSpecBuilder::new().build(), Err(SpecError::NoLines));
        let bad_vat = PaymentSpecBuilder::new()
            .line(item("1", "A", "x", "1", "1", "101"))
            .build();
        assert!(matches!(bad_vat, Err(SpecError::VatPct { line: 0, .. })));
        let bad_id = PaymentSpecBuilder::new()
            .line(item("1", "A", "x", "1", "1", "25"))
            .line(item("", "B", "y", "1", "1", "25"))
            .build();
        assert!(matches!(bad_id, Err(SpecError::LineId { line: 1, .. })));
        let negative = PaymentSpecBuilder::new()
            .line(item("1", "A", "x", "1", "-5", "25"))
            .build();
        assert!(matches!(negative, Err(SpecError::NegativeTotal { .. })));
        let huge = PaymentSpecBuilder::new()
            .line(LineItem::new(
                "1",
                "A",
                "x",
                Decimal::MAX,
                Decimal::MAX,
                d("25"),
            ))
            .build();
        assert_eq!(huge, Err(SpecError::Overflow { line: Some(0) }));
    }

    #[test]
    fn built_spec_serializes_with_xml_names_and_exact_decimals() {
        let spec = PaymentSpecBuilder::new()
            .line(item("1", "A", "Thing", "3", "33.33", "25"))
            .build()
            .expect("spec");
        let json = serde_json::to_value(&spec).expect("json");
        assert_eq!(json["totalAmount"], "124.9875");
        assert_eq!(json["totalVatAmount"], "24.9975");
        assert_eq!(json["specLines"][0]["unitAmountWithoutVat"], "33.33");
        assert_eq!(json["specLines"][0]["vatPct"], "25");
        assert!(json.get("bonusPoints").is_none());
        let back: PaymentSpec = serde_json::from_value(json).expect("back");
        assert_eq!(back, spec);
        let totals: PaymentSpec =
            serde_json::from_str(r#"{"totalAmount": "95", "totalVatAmount": null}"#).expect("json");
        assert_eq!(totals.total_vat_amount, Some(Nillable::Nil));
    }

    #[test]
    fn totals_only_has_no_vat() {
        let spec = totals_only(d("95")).expect("spec");
        assert!(spec.spec_lines.is_empty());
        assert_eq!(spec.total_vat_amount, None);
        assert!(matches!(
            totals_only(d("-1")),
            Err(SpecError::NegativeTotal { .. })
        ));
    }
}
