//! [`SimpleType`] for the Rust types XSD builtins map to: `String`, `bool`,
//! integers, floats and `Decimal`.

use std::fmt::Write as _;
use std::num::IntErrorKind;

use rust_decimal::Decimal;

use super::{collapse_ws, SimpleType};
use crate::error::ValueError;

impl SimpleType for String {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_owned())
    }
    fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
        out.push_str(self);
        Ok(())
    }
}

impl SimpleType for bool {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        match collapse_ws(text) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ValueError::new("boolean", text)),
        }
    }
    fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
        out.push_str(if *self { "true" } else { "false" });
        Ok(())
    }
}

macro_rules! integer {
    ($($t:ty => $xsd:literal),* $(,)?) => {$(
        impl SimpleType for $t {
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                let t = collapse_ws(text);
                let digits = t.strip_prefix('+').unwrap_or(t);
                if digits.starts_with(['+', '-']) && t.starts_with('+') {
                    return Err(ValueError::new($xsd, text));
                }
                digits.parse::<$t>().or_else(|e| {
                    let error = ValueError::new($xsd, text);
                    match e.kind() {
                        IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => {
                            Err(error.because(e.to_string()).out_of_range())
                        }
                        // An unsigned type refuses the sign: `-0` is 0, `-5` an integer below its range.
                        IntErrorKind::InvalidDigit if negative_integer(digits) => {
                            if digits[1..].bytes().all(|b| b == b'0') {
                                Ok(0)
                            } else {
                                Err(error.because("below the type's range").out_of_range())
                            }
                        }
                        _ => Err(error.because(e.to_string())),
                    }
                })
            }
            fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
                let _ = write!(out, "{self}");
                Ok(())
            }
        }
    )*};
}

integer!(
    i8 => "byte", i16 => "short", i32 => "int", i64 => "long", i128 => "integer",
    u8 => "unsignedByte", u16 => "unsignedShort", u32 => "unsignedInt", u64 => "unsignedLong",
    u128 => "nonNegativeInteger",
);

/// `-` and one or more ASCII digits.
fn negative_integer(t: &str) -> bool {
    t.strip_prefix('-')
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

macro_rules! float {
    ($($t:ty => $xsd:literal),*) => {$(
        impl SimpleType for $t {
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                let t = collapse_ws(text);
                match t {
                    "INF" | "+INF" => return Ok(<$t>::INFINITY),
                    "-INF" => return Ok(<$t>::NEG_INFINITY),
                    "NaN" => return Ok(<$t>::NAN),
                    _ => {}
                }
                // Rust also takes "inf", "nan", "infinity": not XSD.
                if t.bytes().any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') {
                    return Err(ValueError::new($xsd, text));
                }
                t.parse::<$t>().map_err(|e| ValueError::new($xsd, text).because(e.to_string()))
            }
            fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
                if self.is_nan() {
                    out.push_str("NaN");
                } else if self.is_infinite() {
                    out.push_str(if *self > 0.0 { "INF" } else { "-INF" });
                } else {
                    let _ = write!(out, "{self}");
                }
                Ok(())
            }
        }
    )*};
}

float!(f32 => "float", f64 => "double");

impl SimpleType for Decimal {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        parse_decimal(text)
    }
    fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
        let _ = write!(out, "{self}");
        Ok(())
    }
    /// More than 28 significant digits: rounded to what fits (half to even);
    /// `None` beyond the largest magnitude (about 7.9e28).
    fn parse_nearest(text: &str) -> Option<Self> {
        let normal = normal_decimal(collapse_ws(text))?;
        std::str::FromStr::from_str(&normal).ok()
    }
}

/// The lexical form of an XSD decimal as `rust_decimal` reads it (`-0.5` for
/// `-.5`, `5` for `+5.`); `None` outside the lexical space.
fn normal_decimal(t: &str) -> Option<String> {
    let (neg, unsigned) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let mut normal = String::with_capacity(unsigned.len() + 2);
    if neg {
        normal.push('-');
    }
    normal.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        normal.push('.');
        normal.push_str(frac);
    }
    Some(normal)
}

/// XSD `decimal` lexical form → `Decimal`, scale as written (`25.00000` keeps 5).
/// Accepts `+1.0`, `.5`, `5.`; refuses exponents; too many digits (more than 28
/// significant ones) or a too large magnitude is an [out of range](ValueError::is_out_of_range) error.
pub(crate) fn parse_decimal(text: &str) -> Result<Decimal, ValueError> {
    let t = collapse_ws(text);
    let err = || ValueError::new("decimal", text);
    // In the lexical space, refused only for its number of digits or its magnitude.
    let refused = |e: rust_decimal::Error| err().because(e.to_string()).out_of_range();
    // `from_str_exact` takes `-1.5`, `1.5`, `1`: hand it those as they are.
    if plain_decimal(t) {
        return Decimal::from_str_exact(t).map_err(refused);
    }
    let normal = normal_decimal(t).ok_or_else(err)?;
    Decimal::from_str_exact(&normal).map_err(refused)
}

/// `-1.5`, `1.5`, `1`: an optional minus, digits, and optionally a point and more digits.
fn plain_decimal(t: &str) -> bool {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = t.strip_prefix('-').unwrap_or(t);
    match unsigned.split_once('.') {
        Some((int, frac)) => all_digits(int) && all_digits(frac),
        None => all_digits(unsigned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negative_integer_for_an_unsigned_type_is_out_of_range() {
        let e = u64::parse_text("-5").map(|_| ()).unwrap_err();
        assert!(e.is_out_of_range(), "{e}");
        assert!(u8::parse_text(" -300 ").is_err_and(|e| e.is_out_of_range()));
        assert_eq!(u16::parse_text("-0").ok(), Some(0));
        assert_eq!(u32::parse_text("-000").ok(), Some(0));
        assert!(u64::parse_text("300").is_ok());
        assert!(u8::parse_text("300").is_err_and(|e| e.is_out_of_range()));
        for bad in ["-", "--5", "-5a", "+-5", "- 5"] {
            assert!(
                u64::parse_text(bad).is_err_and(|e| !e.is_out_of_range()),
                "{bad}"
            );
        }
        assert_eq!(i32::parse_text("-5").ok(), Some(-5));
    }
}
