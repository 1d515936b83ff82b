//! XSD constraining facets, declared once per restricted simple type as a
//! `static` and checked by the generated `check_facets`.

mod builtin;
mod pattern;
mod white_space;

pub use builtin::{
    Entities, IdRefs, Language, Name, NcName, NegativeInteger, NmToken, NmTokens,
    NonPositiveInteger, NormalizedString, PositiveInteger, Token, LANGUAGE, NAME, NC_NAME,
    NEGATIVE_INTEGER, NM_TOKEN, NON_POSITIVE_INTEGER, NORMALIZED_STRING, POSITIVE_INTEGER, TOKEN,
};
pub use pattern::Pattern;
pub use white_space::WhiteSpace;

use rust_decimal::Decimal;

use crate::error::{FacetError, FacetKind};
use crate::value::SimpleType;

/// The facets of one restricted simple type. Build it with struct-update syntax
/// over [`Facets::NONE`]:
///
/// ```
/// use soap_runtime::rt;
/// static PERCENT: rt::Facets = rt::Facets {
///     min_inclusive: Some("0"),
///     max_inclusive: Some("100"),
///     ..rt::Facets::NONE
/// };
/// assert!(PERCENT.check_decimal(&rt::Decimal::new(120, 0)).is_err());
/// ```
///
/// XSD's derived integer types map to plain Rust integers; their value-space
/// bounds are facets too: a restriction of `positiveInteger` is a newtype over
/// `u64` with `min_inclusive: Some("1")` merged into its facets (`negativeInteger`:
/// `i64`, `max_inclusive: Some("-1")`; `nonPositiveInteger`: `i64`,
/// `max_inclusive: Some("0")`); used directly, they are
/// [`PositiveInteger`], [`NegativeInteger`] and [`NonPositiveInteger`].
#[derive(Debug, Clone, Copy)]
pub struct Facets {
    /// `length` (characters; octets for binary types; items for lists).
    pub length: Option<usize>,
    /// `minLength`.
    pub min_length: Option<usize>,
    /// `maxLength`.
    pub max_length: Option<usize>,
    /// `pattern`s: the value must match each one (XSD ANDs patterns of different derivation steps).
    pub patterns: &'static [&'static Pattern],
    /// `minInclusive`, as written in the schema.
    pub min_inclusive: Option<&'static str>,
    /// `maxInclusive`.
    pub max_inclusive: Option<&'static str>,
    /// `minExclusive`.
    pub min_exclusive: Option<&'static str>,
    /// `maxExclusive`.
    pub max_exclusive: Option<&'static str>,
    /// `totalDigits`.
    pub total_digits: Option<u32>,
    /// `fractionDigits`.
    pub fraction_digits: Option<u32>,
    /// `whiteSpace` (string types): received text is normalised by it, a
    /// value to send must already be normal.
    pub white_space: WhiteSpace,
}

impl Facets {
    /// No facets at all.
    pub const NONE: Facets = Facets {
        length: None,
        min_length: None,
        max_length: None,
        patterns: &[],
        min_inclusive: None,
        max_inclusive: None,
        min_exclusive: None,
        max_exclusive: None,
        total_digits: None,
        fraction_digits: None,
        white_space: WhiteSpace::Preserve,
    };

    /// Received text normalised by the `whiteSpace` facet (borrowed when
    /// nothing changes).
    pub fn normalize<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        self.white_space.apply(text)
    }

    /// Checks a string: whiteSpace (the value is already normal), lengths
    /// in characters, patterns.
    pub fn check_str(&self, v: &str) -> Result<(), FacetError> {
        if !self.white_space.is_normal(v) {
            return Err(FacetError::new(v, FacetKind::WhiteSpace(self.white_space)));
        }
        if self.length.is_some() || self.min_length.is_some() || self.max_length.is_some() {
            let chars = if v.is_ascii() {
                v.len()
            } else {
                v.chars().count()
            };
            self.check_length(v, chars)?;
        }
        self.check_lexical(v)
    }

    /// Checks the patterns against a lexical form (for types whose other facets do not apply).
    pub fn check_lexical(&self, text: &str) -> Result<(), FacetError> {
        for pattern in self.patterns {
            if !pattern.matches(text)? {
                return Err(FacetError::new(text, FacetKind::Pattern(pattern.as_str())));
            }
        }
        Ok(())
    }

    /// Checks a length that is not counted in characters (octets of binary
    /// types, items of lists); `shown` is the value for the message.
    pub fn check_len(&self, shown: &str, len: usize) -> Result<(), FacetError> {
        self.check_length(shown, len)
    }

    /// Checks a decimal: bounds (numerically), totalDigits, fractionDigits, patterns.
    pub fn check_decimal(&self, v: &Decimal) -> Result<(), FacetError> {
        let shown = || v.to_string();
        self.check_bounds(&shown, |bound| {
            // Bounds are mostly whole numbers ("0", "100"): those skip the decimal parser.
            let b = match bound.parse::<i64>() {
                Ok(whole) => Decimal::from(whole),
                Err(_) => crate::value::parse_decimal(bound)
                    .map_err(|_| FacetError::new(bound, FacetKind::BadBound(bound)))?,
            };
            Ok(v.cmp(&b))
        })?;
        if self.total_digits.is_some() || self.fraction_digits.is_some() {
            let n = v.normalize();
            let scale = n.scale();
            let digits = decimal_digits(n.mantissa().unsigned_abs());
            let digits = if n.is_zero() { 1 } else { digits.max(scale) };
            if let Some(max) = self.total_digits {
                if digits > max {
                    return Err(FacetError::new(&shown(), FacetKind::TotalDigits(max)));
                }
            }
            if let Some(max) = self.fraction_digits {
                if scale > max {
                    return Err(FacetError::new(&shown(), FacetKind::FractionDigits(max)));
                }
            }
        }
        if !self.patterns.is_empty() {
            self.check_lexical(&shown())?;
        }
        Ok(())
    }

    /// Checks a signed integer (any width, widened): bounds, totalDigits, patterns.
    pub fn check_i64(&self, v: i64) -> Result<(), FacetError> {
        self.check_decimal(&Decimal::from(v))
    }

    /// Checks an unsigned integer (any width, widened): bounds, totalDigits, patterns.
    pub fn check_u64(&self, v: u64) -> Result<(), FacetError> {
        self.check_decimal(&Decimal::from(v))
    }

    /// Checks a float/double: bounds (as `f64`, `INF`/`-INF` allowed), patterns.
    pub fn check_f64(&self, v: f64) -> Result<(), FacetError> {
        let shown = || {
            let mut s = String::new();
            let _ = v.write_text(&mut s);
            s
        };
        self.check_bounds(&shown, |bound| {
            let b = f64::parse_text(bound)
                .map_err(|_| FacetError::new(bound, FacetKind::BadBound(bound)))?;
            Ok(v.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal))
        })?;
        if !self.patterns.is_empty() {
            self.check_lexical(&shown())?;
        }
        Ok(())
    }

    fn check_length(&self, shown: &str, len: usize) -> Result<(), FacetError> {
        if let Some(n) = self.length {
            if len != n {
                return Err(FacetError::new(shown, FacetKind::Length(n)));
            }
        }
        if let Some(n) = self.min_length {
            if len < n {
                return Err(FacetError::new(shown, FacetKind::MinLength(n)));
            }
        }
        if let Some(n) = self.max_length {
            if len > n {
                return Err(FacetError::new(shown, FacetKind::MaxLength(n)));
            }
        }
        Ok(())
    }

    /// Checks the four bounds with `cmp(bound)` = the value compared to the bound.
    fn check_bounds(
        &self,
        shown: &dyn Fn() -> String,
        cmp: impl Fn(&'static str) -> Result<std::cmp::Ordering, FacetError>,
    ) -> Result<(), FacetError> {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let checks: [BoundCheck; 4] = [
            (
                self.min_inclusive,
                &[Equal, Greater],
                FacetKind::MinInclusive,
            ),
            (self.max_inclusive, &[Equal, Less], FacetKind::MaxInclusive),
            (self.min_exclusive, &[Greater], FacetKind::MinExclusive),
            (self.max_exclusive, &[Less], FacetKind::MaxExclusive),
        ];
        for (bound, allowed, kind) in checks {
            if let Some(bound) = bound {
                if !allowed.contains(&cmp(bound)?) {
                    return Err(FacetError::new(&shown(), kind(bound)));
                }
            }
        }
        Ok(())
    }
}

/// The number of decimal digits of `n` (1 for 0).
fn decimal_digits(mut n: u128) -> u32 {
    let mut digits = 1;
    while n >= 10 {
        n /= 10;
        digits += 1;
    }
    digits
}

/// A bound, the orderings of value vs. bound it allows, and the facet it is.
type BoundCheck = (
    Option<&'static str>,
    &'static [std::cmp::Ordering],
    fn(&'static str) -> FacetKind,
);

#[cfg(test)]
mod tests {
    use super::*;

    static PCT: Facets = Facets {
        min_inclusive: Some("0"),
        max_inclusive: Some("100"),
        ..Facets::NONE
    };
    static MONEY: Facets = Facets {
        total_digits: Some(5),
        fraction_digits: Some(2),
        min_exclusive: Some("0"),
        ..Facets::NONE
    };
    static POSITIVE: Facets = Facets {
        min_inclusive: Some("1"),
        ..Facets::NONE
    };
    static ID: Facets = Facets {
        min_length: Some(1),
        max_length: Some(3),
        patterns: &[&ID_P],
        ..Facets::NONE
    };
    static ID_P: Pattern = Pattern::new("[A-Z]+");

    fn dec(s: &str) -> Decimal {
        crate::value::parse_decimal(s).unwrap_or_default()
    }

    #[test]
    fn bounds_are_numeric() {
        assert!(PCT.check_decimal(&dec("100.000")).is_ok());
        let e = PCT.check_decimal(&dec("120")).err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("120 is above maxInclusive 100"));
        assert!(PCT.check_i64(-1).is_err());
        assert!(PCT.check_f64(99.5).is_ok());
        assert!(POSITIVE.check_u64(0).is_err());
        assert!(POSITIVE.check_u64(1).is_ok());
        assert!(MONEY.check_decimal(&dec("0")).is_err());
    }

    #[test]
    fn digits() {
        assert!(MONEY.check_decimal(&dec("123.45")).is_ok());
        assert!(
            MONEY.check_decimal(&dec("123.450000")).is_ok(),
            "trailing zeros do not count"
        );
        assert!(MONEY.check_decimal(&dec("1.234")).is_err());
        assert!(MONEY.check_decimal(&dec("123456")).is_err());
    }

    #[test]
    fn strings() {
        assert!(ID.check_str("ABC").is_ok());
        assert!(ID.check_str("").is_err());
        assert!(ID.check_str("ABCD").is_err());
        assert!(ID.check_str("ab").is_err());
    }
}
