//! Additional debits and existing order lines.
//!
//! An `additionalDebitOfPayment` line changes an existing line of the
//! payment (e.g. raises its quantity) only when its `artNo`, `description`
//! and `unitAmountWithoutVat` all match that line; otherwise Resurs adds it
//! as a new line.
//!
//! How much may be added is the maximum-amount table's `limit - totalAmount`.
//! For payments that are not credit payments, the room above the checkout
//! value is the "shadow limit" arranged with Resurs: "either for a fixed
//! amount, e.q. 2000SEK, or a percentage of the checkout value, e.q. 10%"
//! ([`ShadowLimit`]).

use rust_decimal::Decimal;

use crate::common::SpecLine;
use crate::types_aftershopflow::{Payment, PaymentDiffType};

/// The room for additional debits above the checkout value that a merchant
/// arranged with Resurs: a fixed amount or a percentage of the checkout value.
///
/// In fixtures: `{"fixed": "2000"}` or `{"percent": "10"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShadowLimit {
    /// This much more than the checkout value, e.g. 2000 (SEK).
    Fixed(Decimal),
    /// This percentage of the checkout value more, e.g. 10 (%).
    Percent(Decimal),
}

impl ShadowLimit {
    /// The extra room above `checkout_value` (never below zero).
    pub fn room(&self, checkout_value: Decimal) -> Decimal {
        let room = match self {
            ShadowLimit::Fixed(amount) => *amount,
            ShadowLimit::Percent(pct) => checkout_value
                .checked_mul(*pct)
                .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
                .unwrap_or(Decimal::MAX),
        };
        room.max(Decimal::ZERO)
    }

    /// The payment's `limit` under this arrangement: the checkout value plus
    /// [`room`](Self::room).
    pub fn limit(&self, checkout_value: Decimal) -> Decimal {
        checkout_value.saturating_add(self.room(checkout_value))
    }
}

/// The checkout value of a payment: the amount of its first `AUTHORIZE`
/// diff (the booking), zero when it has none.
pub fn checkout_value(payment: &Payment) -> Decimal {
    payment
        .payment_diffs
        .iter()
        .find(|diff| diff.r#type == PaymentDiffType::Authorize)
        .map_or(Decimal::ZERO, |diff| {
            *diff.payment_spec.total_amount.value()
        })
}

/// What an additional-debit line does to the payment's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineChange {
    /// Changes the existing line at this index (same `artNo`, `description`
    /// and `unitAmountWithoutVat`): its quantity and amounts grow.
    Updates {
        /// Index of the existing line.
        existing: usize,
    },
    /// Adds a line: no existing line has its `artNo`.
    Adds,
    /// Has the `artNo` of an existing line but differs in `description`
    /// and/or `unitAmountWithoutVat`, so Resurs adds it as a new line; most
    /// likely a mistake when the intent was to change that line.
    Suspicious {
        /// Index of the existing line with the same `artNo`.
        existing: usize,
        /// The fields that differ.
        differs: Vec<MatchField>,
    },
}

/// A field that must match for an additional debit to change a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchField {
    /// `description`.
    Description,
    /// `unitAmountWithoutVat` (compared as numbers: `800` equals `800.00000`).
    UnitAmountWithoutVat,
}

impl MatchField {
    /// The XML element name.
    pub fn xml_name(self) -> &'static str {
        match self {
            MatchField::Description => "description",
            MatchField::UnitAmountWithoutVat => "unitAmountWithoutVat",
        }
    }
}

/// A suspicious additional-debit line, as an error of
/// [`PaymentSpecBuilder::build_additional_debit`](super::PaymentSpecBuilder::build_additional_debit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuspiciousLine {
    /// The new line (0-based).
    pub line: usize,
    /// Its `artNo`.
    pub art_no: String,
    /// The existing line with the same `artNo` (0-based).
    pub existing: usize,
    /// What differs.
    pub differs: Vec<MatchField>,
}

impl std::fmt::Display for SuspiciousLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields: Vec<&str> = self.differs.iter().map(|field| field.xml_name()).collect();
        write!(
            f,
            "line {} has artNo `{}` like existing line {} but another {}, so it would be added instead of changing that line",
            self.line,
            self.art_no,
            self.existing,
            fields.join(" and ")
        )
    }
}

/// What each of `new` lines does to `existing` lines, in `new` order.
///
/// A line updates the first existing line matching all three fields; failing
/// that it is suspicious if some existing line has its `artNo` (the first
/// one is named), else it adds a line.
pub fn classify_additional_debit(existing: &[SpecLine], new: &[SpecLine]) -> Vec<LineChange> {
    new.iter().map(|line| classify(existing, line)).collect()
}

fn classify(existing: &[SpecLine], line: &SpecLine) -> LineChange {
    let mut same_art_no = existing
        .iter()
        .enumerate()
        .filter(|(_, old)| old.art_no == line.art_no)
        .peekable();
    let Some(&(first, _)) = same_art_no.peek() else {
        return LineChange::Adds;
    };
    let mut first_differs = None;
    for (index, old) in same_art_no {
        let differs = differing_fields(old, line);
        if differs.is_empty() {
            return LineChange::Updates { existing: index };
        }
        first_differs.get_or_insert(differs);
    }
    LineChange::Suspicious {
        existing: first,
        differs: first_differs.unwrap_or_default(),
    }
}

fn differing_fields(old: &SpecLine, new: &SpecLine) -> Vec<MatchField> {
    let mut differs = Vec::new();
    if old.description != new.description {
        differs.push(MatchField::Description);
    }
    if old.unit_amount_without_vat != new.unit_amount_without_vat {
        differs.push(MatchField::UnitAmountWithoutVat);
    }
    differs
}

/// The payment's lines after an additional debit of `new`: matching lines
/// get the new quantity, VAT and total added; the others are appended.
pub fn merge_additional_debit(existing: &[SpecLine], new: &[SpecLine]) -> Vec<SpecLine> {
    let mut merged = existing.to_vec();
    for line in new {
        match classify(&merged, line) {
            LineChange::Updates { existing } => {
                let old = &mut merged[existing];
                old.quantity = old.quantity.saturating_add(line.quantity);
                old.total_vat_amount = old.total_vat_amount.saturating_add(line.total_vat_amount);
                old.total_amount = old.total_amount.saturating_add(line.total_amount);
            }
            LineChange::Adds | LineChange::Suspicious { .. } => merged.push(line.clone()),
        }
    }
    merged
}

/// The lines a payment has been authorized for: the lines of its
/// `AUTHORIZE` diffs (booking, then each additional debit) merged in order.
pub fn existing_lines(payment: &Payment) -> Vec<SpecLine> {
    payment
        .payment_diffs
        .iter()
        .filter(|diff| diff.r#type == PaymentDiffType::Authorize)
        .fold(Vec::new(), |lines, diff| {
            merge_additional_debit(&lines, &diff.payment_spec.spec_lines)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::{Id, PaymentSpec, Percent};
    use crate::rules::{LineItem, PaymentSpecBuilder, SpecError};
    use crate::types_aftershopflow::PaymentDiff;
    use rust_decimal::Decimal;

    fn d(text: &str) -> Decimal {
        text.parse().expect("test decimal")
    }

    fn line(art_no: &str, description: &str, quantity: &str, unit: &str) -> SpecLine {
        let item = LineItem::new(art_no, art_no, description, d(quantity), d(unit), d("25"));
        item.to_spec_line(0).expect("line")
    }

    /// The seed example: 2 products at 100 SEK authorized.
    fn booked() -> Vec<SpecLine> {
        vec![
            line("P-1", "Product", "2", "100"),
            line("SHIP", "Shipping", "1", "49"),
        ]
    }

    #[test]
    fn same_art_no_description_and_unit_price_updates_the_line() {
        let changes =
            classify_additional_debit(&booked(), &[line("P-1", "Product", "1", "100.00000")]);
        assert_eq!(changes, vec![LineChange::Updates { existing: 0 }]);
        // The seed's example: 2 + 1 pieces, then 3 × 100 can be debited.
        let merged = merge_additional_debit(&booked(), &[line("P-1", "Product", "1", "100")]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].quantity, d("3"));
        assert_eq!(merged[0].total_amount, d("375"));
        assert_eq!(merged[0].total_vat_amount, d("75"));
    }

    #[test]
    fn unknown_art_no_adds_a_line() {
        let new = [line("106", "Frakt Norge", "1", "76")];
        assert_eq!(
            classify_additional_debit(&booked(), &new),
            vec![LineChange::Adds]
        );
        assert_eq!(merge_additional_debit(&booked(), &new).len(), 3);
    }

    #[test]
    fn same_art_no_other_description_or_price_is_suspicious() {
        let new = [
            line("P-1", "Product (red)", "1", "100"),
            line("P-1", "Product", "1", "90"),
            line("P-1", "Other", "1", "90"),
        ];
        assert_eq!(
            classify_additional_debit(&booked(), &new),
            vec![
                LineChange::Suspicious {
                    existing: 0,
                    differs: vec![MatchField::Description]
                },
                LineChange::Suspicious {
                    existing: 0,
                    differs: vec![MatchField::UnitAmountWithoutVat]
                },
                LineChange::Suspicious {
                    existing: 0,
                    differs: vec![MatchField::Description, MatchField::UnitAmountWithoutVat],
                },
            ]
        );
        // Resurs adds them as new lines.
        assert_eq!(merge_additional_debit(&booked(), &new[..1]).len(), 3);
    }

    #[test]
    fn a_later_exact_match_wins_over_an_earlier_partial_one() {
        let existing = vec![
            line("P-1", "Product", "1", "100"),
            line("P-1", "Product", "1", "90"),
        ];
        let changes = classify_additional_debit(&existing, &[line("P-1", "Product", "1", "90")]);
        assert_eq!(changes, vec![LineChange::Updates { existing: 1 }]);
    }

    #[test]
    fn the_builder_refuses_suspicious_lines() {
        let builder = PaymentSpecBuilder::new()
            .line(LineItem::new(
                "1",
                "P-1",
                "Product",
                d("1"),
                d("100"),
                d("25"),
            ))
            .line(LineItem::new(
                "2",
                "SHIP",
                "Express shipping",
                d("1"),
                d("49"),
                d("25"),
            ));
        let error = builder
            .build_additional_debit(&booked())
            .expect_err("suspicious");
        let SpecError::SuspiciousLines(lines) = &error else {
            panic!("unexpected error {error:?}");
        };
        assert_eq!(
            lines,
            &vec![SuspiciousLine {
                line: 1,
                art_no: "SHIP".into(),
                existing: 1,
                differs: vec![MatchField::Description],
            }]
        );
        assert!(error.to_string().contains("artNo `SHIP`"));
        let fine = PaymentSpecBuilder::new()
            .line(LineItem::new(
                "1",
                "P-1",
                "Product",
                d("1"),
                d("100"),
                d("25"),
            ))
            .line(LineItem::new(
                "106",
                "106",
                "Frakt Norge",
                d("1"),
                d("76"),
                d("25"),
            ));
        let (spec, changes) = fine.build_additional_debit(&booked()).expect("spec");
        assert_eq!(
            changes,
            vec![LineChange::Updates { existing: 0 }, LineChange::Adds]
        );
        assert_eq!(*spec.total_amount.value(), d("220"));
    }

    /// Seed: "This "shadow limit" can be applied either for a fixed amount,
    /// e.q. 2000SEK, or a percentage of the checkout value, e.q. 10%."
    #[test]
    fn shadow_limit_fixed_or_percentage_of_checkout_value() {
        assert_eq!(ShadowLimit::Fixed(d("2000")).limit(d("5000")), d("7000"));
        assert_eq!(ShadowLimit::Percent(d("10")).limit(d("5000")), d("5500"));
        assert_eq!(ShadowLimit::Percent(d("10")).room(d("199.90")), d("19.99"));
        assert_eq!(ShadowLimit::Fixed(d("-5")).room(d("100")), Decimal::ZERO);
        let json: ShadowLimit = serde_json::from_str(r#"{"percent": "10"}"#).expect("json");
        assert_eq!(json, ShadowLimit::Percent(d("10")));
        let json: ShadowLimit = serde_json::from_str(r#"{"fixed": "2000"}"#).expect("json");
        assert_eq!(json, ShadowLimit::Fixed(d("2000")));
    }

    #[test]
    fn existing_lines_merge_the_authorize_diffs() {
        let diff = |kind: PaymentDiffType, lines: Vec<SpecLine>| PaymentDiff {
            r#type: kind,
            payment_spec: PaymentSpec {
                spec_lines: lines,
                ..PaymentSpec::default()
            },
            ..PaymentDiff::default()
        };
        let payment = Payment {
            payment_diffs: vec![
                diff(PaymentDiffType::Authorize, booked()),
                diff(
                    PaymentDiffType::Debit,
                    vec![line("P-1", "Product", "2", "100")],
                ),
                diff(
                    PaymentDiffType::Authorize,
                    vec![line("P-1", "Product", "1", "100")],
                ),
            ],
            ..Payment::default()
        };
        let lines = existing_lines(&payment);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].quantity, d("3"));
        assert_eq!(lines[0].id, Id::new("P-1").expect("facet"));
        assert_eq!(lines[0].vat_pct, Percent::new(d("25")).expect("facet"));
    }
}
