//! XSD `duration` (`PnYnMnDTnHnMnS`), kept as written.

use std::fmt;
use std::str::FromStr;

use super::{collapse_ws, SimpleType};
use crate::error::ValueError;

/// XSD `duration`: `-?PnYnMnDTnHnMn(.n)S`, checked and kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration(String);

impl Default for Duration {
    fn default() -> Self {
        Self("PT0S".to_owned())
    }
}

impl Duration {
    /// A duration of whole seconds (`PT90S`; negative: `-PT90S`).
    pub fn from_seconds(seconds: i64) -> Self {
        let sign = if seconds < 0 { "-" } else { "" };
        Self(format!("{sign}PT{}S", seconds.unsigned_abs()))
    }

    /// The lexical form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the lexical form starts with `-`.
    pub fn is_negative(&self) -> bool {
        self.0.starts_with('-')
    }
}

fn valid(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let Some(body) = body.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let mut any = false;
    if !units(date, b"YMD", false, &mut any) {
        return false;
    }
    if let Some(time) = time {
        if time.is_empty() || !units(time, b"HMS", true, &mut any) {
            return false;
        }
    }
    any
}

/// Checks `nU nU ...` with units in `order`; only the last (seconds) may have a fraction.
fn units(mut s: &str, order: &[u8], last_fraction: bool, any: &mut bool) -> bool {
    let mut next = 0;
    while !s.is_empty() {
        let n = s
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let Some(&unit) = s.as_bytes().get(n) else {
            return false;
        };
        let Some(pos) = order[next..].iter().position(|u| *u == unit) else {
            return false;
        };
        let num = &s[..n];
        let dots = num.bytes().filter(|b| *b == b'.').count();
        let fraction_ok = dots == 0 || (dots == 1 && last_fraction && unit == b'S');
        if num.is_empty()
            || num == "."
            || !fraction_ok
            || num.starts_with('.')
            || num.ends_with('.')
        {
            return false;
        }
        next += pos + 1;
        *any = true;
        s = &s[n + 1..];
    }
    true
}

impl FromStr for Duration {
    type Err = ValueError;
    fn from_str(text: &str) -> Result<Self, ValueError> {
        let t = collapse_ws(text);
        if valid(t) {
            Ok(Self(t.to_owned()))
        } else {
            Err(ValueError::new("duration", text))
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl SimpleType for Duration {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        text.parse()
    }
    fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
        out.push_str(&self.0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_forms() {
        for ok in ["P1Y2M3DT10H30M", "-P120D", "PT1.5S", "P1Y", "PT0S", "P0D"] {
            assert_eq!(
                ok.parse::<Duration>().map(|d| d.to_string()).as_deref(),
                Ok(ok)
            );
        }
        for bad in [
            "P", "PT", "1Y", "P1S", "PT1D", "P1M1Y", "PT1.S", "P1.5Y", "",
        ] {
            assert!(bad.parse::<Duration>().is_err(), "{bad}");
        }
        assert_eq!(Duration::from_seconds(-90).as_str(), "-PT90S");
    }
}
