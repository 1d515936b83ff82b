//! Points in time as the simulator records them (booked, created, finalized,
//! modified) and their `xs:dateTime` lexical form.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// An instant with the UTC offset it is shown in.
///
/// Ordering and equality compare the instant only, so `12:00+02:00` equals
/// `10:00Z`.
#[derive(Debug, Clone, Copy)]
pub struct Instant {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    millis: i64,
    /// Offset from UTC in minutes; `None` shows as `Z`.
    offset_minutes: Option<i32>,
}

/// Why a text is not an `xs:dateTime` the simulator understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not an xs:dateTime (YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm])")]
pub struct InstantError {
    /// The rejected text.
    pub text: String,
}

impl Instant {
    /// The current time, in UTC.
    pub fn now() -> Self {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        Self::from_millis(millis)
    }

    /// The instant `millis` milliseconds after the Unix epoch, shown in UTC.
    pub fn from_millis(millis: i64) -> Self {
        Self {
            millis,
            offset_minutes: None,
        }
    }

    /// Milliseconds since the Unix epoch.
    pub fn millis(&self) -> i64 {
        self.millis
    }

    /// The same instant `days` days later.
    pub fn plus_days(&self, days: i64) -> Self {
        Self {
            millis: self.millis + days * 86_400_000,
            ..*self
        }
    }

    /// Parses the `xs:dateTime` lexical form; without a zone the time is taken as UTC.
    pub fn parse(text: &str) -> Result<Self, InstantError> {
        parse_date_time(text.trim()).ok_or_else(|| InstantError {
            text: text.to_owned(),
        })
    }

    /// The calendar date (`YYYY-MM-DD`) in the instant's own offset.
    pub fn date(&self) -> String {
        let local = self.local_millis();
        let (y, m, d) = civil_from_days(local.div_euclid(86_400_000));
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// A compact `YYYYMMDD-hhmmss` form, used in document names.
    pub fn compact(&self) -> String {
        let local = self.local_millis();
        let (y, mo, d) = civil_from_days(local.div_euclid(86_400_000));
        let secs = local.rem_euclid(86_400_000) / 1000;
        format!(
            "{y:04}{mo:02}{d:02}-{:02}{:02}{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }

    fn local_millis(&self) -> i64 {
        self.millis + i64::from(self.offset_minutes.unwrap_or(0)) * 60_000
    }
}

impl PartialEq for Instant {
    fn eq(&self, other: &Self) -> bool {
        self.millis == other.millis
    }
}
impl Eq for Instant {}
impl PartialOrd for Instant {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Instant {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.millis.cmp(&other.millis)
    }
}

impl fmt::Display for Instant {
    /// The `xs:dateTime` lexical form; milliseconds only when not zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.local_millis();
        let (y, mo, d) = civil_from_days(local.div_euclid(86_400_000));
        let ms = local.rem_euclid(86_400_000);
        let secs = ms / 1000;
        write!(
            f,
            "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )?;
        if ms % 1000 != 0 {
            write!(f, ".{:03}", ms % 1000)?;
        }
        match self.offset_minutes {
            None => f.write_str("Z"),
            Some(offset) => {
                let sign = if offset < 0 { '-' } else { '+' };
                let abs = offset.abs();
                write!(f, "{sign}{:02}:{:02}", abs / 60, abs % 60)
            }
        }
    }
}

fn parse_date_time(text: &str) -> Option<Instant> {
    let (date, rest) = text.split_once('T')?;
    let mut date_parts = date.splitn(3, '-');
    let year: i64 = date_parts.next()?.parse().ok()?;
    let month: u32 = date_parts.next()?.parse().ok()?;
    let day: u32 = date_parts.next()?.parse().ok()?;
    let (time, offset_minutes) = split_zone(rest)?;
    let mut time_parts = time.splitn(3, ':');
    let hour: i64 = time_parts.next()?.parse().ok()?;
    let minute: i64 = time_parts.next()?.parse().ok()?;
    let seconds = time_parts.next()?;
    let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
    let second: i64 = whole.parse().ok()?;
    let millis_part: i64 = if fraction.is_empty() {
        0
    } else {
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let padded: String = fraction.chars().chain("000".chars()).take(3).collect();
        padded.parse().ok()?
    };
    // Years beyond ±9999 would overflow the millisecond arithmetic.
    let valid = (-9999..=9999).contains(&year)
        && (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && (0..=24).contains(&hour)
        && (0..60).contains(&minute)
        && (0..61).contains(&second);
    if !valid {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let local = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis_part;
    Some(Instant {
        millis: local - i64::from(offset_minutes.unwrap_or(0)) * 60_000,
        offset_minutes,
    })
}

/// Splits `hh:mm:ss[.f]` from its zone (`Z`, `±hh:mm` or nothing).
fn split_zone(rest: &str) -> Option<(&str, Option<i32>)> {
    if let Some(time) = rest.strip_suffix('Z') {
        return Some((time, None));
    }
    let bytes = rest.as_bytes();
    if bytes.len() > 6 && matches!(bytes[bytes.len() - 6], b'+' | b'-') {
        let (time, zone) = rest.split_at(rest.len() - 6);
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let (h, m) = zone[1..].split_once(':')?;
        let h: i32 = h.parse().ok()?;
        let m: i32 = m.parse().ok()?;
        return Some((time, Some(sign * (h * 60 + m))));
    }
    Some((rest, None))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_documented_form() {
        let t = Instant::parse("2013-07-02T12:51:51+02:00").unwrap();
        assert_eq!(t.to_string(), "2013-07-02T12:51:51+02:00");
        assert_eq!(t, Instant::parse("2013-07-02T10:51:51Z").unwrap());
        assert_eq!(t.date(), "2013-07-02");
        assert_eq!(t.compact(), "20130702-125151");
    }

    #[test]
    fn utc_and_fractions() {
        let t = Instant::parse("2024-02-29T23:59:59.5").unwrap();
        assert_eq!(t.to_string(), "2024-02-29T23:59:59.500Z");
        assert_eq!(Instant::from_millis(0).to_string(), "1970-01-01T00:00:00Z");
        assert!(Instant::parse("2024-13-01T00:00:00Z").is_err());
        assert!(Instant::parse("yesterday").is_err());
        assert!(Instant::parse("2147483647-01-01T00:00:00Z").is_err());
    }
}
