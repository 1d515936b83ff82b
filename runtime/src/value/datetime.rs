//! XSD `date`, `dateTime` and `time`: the parts are kept as written (time zone
//! or its absence, `Z` or `+00:00`, fractional digits), so a received value is
//! written back byte for byte.

use std::fmt;
use std::str::FromStr;

use super::{collapse_ws, SimpleType};
use crate::error::ValueError;

/// The time zone part of a date/time value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
enum Tz {
    /// No time zone written.
    #[default]
    Absent,
    /// `Z`.
    Utc,
    /// `+hh:mm` / `-hh:mm`, in minutes.
    Offset(i16),
}

impl Tz {
    fn from_minutes(minutes: i32, kind: &'static str) -> Result<Self, ValueError> {
        if minutes.abs() > 14 * 60 {
            return Err(ValueError::new(kind, &minutes.to_string())
                .because("time zone offset beyond ±14:00"));
        }
        Ok(Tz::Offset(minutes as i16))
    }

    fn minutes(self) -> Option<i32> {
        match self {
            Tz::Absent => None,
            Tz::Utc => Some(0),
            Tz::Offset(m) => Some(i32::from(m)),
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s.as_bytes() {
            [] => Some(Tz::Absent),
            [b'Z'] => Some(Tz::Utc),
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let h = two_digits(*h1, *h2)?;
                let m = two_digits(*m1, *m2)?;
                if m > 59 || h > 14 || (h == 14 && m != 0) {
                    return None;
                }
                let minutes = i16::from(h) * 60 + i16::from(m);
                Some(Tz::Offset(if *sign == b'-' { -minutes } else { minutes }))
            }
            _ => None,
        }
    }

    fn write(self, f: &mut impl fmt::Write) -> fmt::Result {
        match self {
            Tz::Absent => Ok(()),
            Tz::Utc => f.write_char('Z'),
            Tz::Offset(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
            }
        }
    }
}

/// Fractional seconds exactly as written: the digits as a number and their count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Frac {
    value: u64,
    digits: u8,
}

impl Frac {
    const MAX_DIGITS: usize = 18;

    fn parse(s: &str) -> Option<Self> {
        if s.is_empty() || s.len() > Self::MAX_DIGITS || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Frac {
            value: s.parse().ok()?,
            digits: s.len() as u8,
        })
    }

    fn nanos(self) -> u32 {
        let d = u32::from(self.digits);
        let nanos = if d <= 9 {
            self.value * 10u64.pow(9 - d)
        } else {
            self.value / 10u64.pow(d - 9)
        };
        nanos as u32
    }

    fn from_nanos(nanos: u32) -> Self {
        if nanos == 0 {
            return Frac::default();
        }
        let (mut value, mut digits) = (u64::from(nanos), 9u8);
        while value % 10 == 0 {
            value /= 10;
            digits -= 1;
        }
        Frac { value, digits }
    }

    fn write(self, f: &mut impl fmt::Write) -> fmt::Result {
        if self.digits == 0 {
            return Ok(());
        }
        write!(
            f,
            ".{:0width$}",
            self.value,
            width = usize::from(self.digits)
        )
    }
}

fn two_digits(a: u8, b: u8) -> Option<u8> {
    if a.is_ascii_digit() && b.is_ascii_digit() {
        Some((a - b'0') * 10 + (b - b'0'))
    } else {
        None
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Splits `-?YYYY-MM-DD` off the front of `s`; returns the date parts and the rest.
fn parse_date_part(s: &str) -> Option<(i32, u8, u8, &str)> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let year_len = body.bytes().take_while(u8::is_ascii_digit).count();
    if year_len < 4 || (year_len > 4 && body.starts_with('0')) {
        return None;
    }
    let year: i32 = body[..year_len].parse().ok()?;
    let rest = &body.as_bytes()[year_len..];
    let [b'-', m1, m2, b'-', d1, d2, ..] = *rest else {
        return None;
    };
    let month = two_digits(m1, m2)?;
    let day = two_digits(d1, d2)?;
    let year = if neg { -year } else { year };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some((year, month, day, &body[year_len + 6..]))
}

/// Splits `hh:mm:ss(.f+)?` off the front of `s`.
fn parse_time_part(s: &str) -> Option<(u8, u8, u8, Frac, &str)> {
    let b = s.as_bytes();
    let [h1, h2, b':', m1, m2, b':', s1, s2, ..] = *b else {
        return None;
    };
    let (hour, minute, second) = (
        two_digits(h1, h2)?,
        two_digits(m1, m2)?,
        two_digits(s1, s2)?,
    );
    let mut rest = &s[8..];
    let mut frac = Frac::default();
    if let Some(after_dot) = rest.strip_prefix('.') {
        let n = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        frac = Frac::parse(&after_dot[..n])?;
        rest = &after_dot[n..];
    }
    let end_of_day = hour == 24 && minute == 0 && second == 0 && frac.value == 0;
    if (hour > 23 && !end_of_day) || minute > 59 || second > 59 {
        return None;
    }
    Some((hour, minute, second, frac, rest))
}

fn check_time(kind: &'static str, h: u8, mi: u8, s: u8) -> Result<(), ValueError> {
    if h > 23 || mi > 59 || s > 59 {
        return Err(ValueError::new(kind, &format!("{h:02}:{mi:02}:{s:02}")));
    }
    Ok(())
}

fn check_date(kind: &'static str, y: i32, m: u8, d: u8) -> Result<(), ValueError> {
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || y.abs() > 999_999_999 {
        return Err(ValueError::new(kind, &format!("{y:04}-{m:02}-{d:02}")));
    }
    Ok(())
}

fn write_year(f: &mut impl fmt::Write, year: i32) -> fmt::Result {
    if year < 0 {
        f.write_char('-')?;
    }
    write!(f, "{:04}", year.unsigned_abs())
}

/// XSD `date`: `YYYY-MM-DD` with an optional time zone, kept as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
    tz: Tz,
}

impl Default for Date {
    fn default() -> Self {
        Self {
            year: 1970,
            month: 1,
            day: 1,
            tz: Tz::Absent,
        }
    }
}

impl Date {
    /// A date without time zone. Errors on an invalid month or day.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, ValueError> {
        check_date("date", year, month, day)?;
        Ok(Self {
            year,
            month,
            day,
            tz: Tz::Absent,
        })
    }
    /// The same date with a time zone offset (`0` is written `+00:00`).
    pub fn with_offset_minutes(self, minutes: i32) -> Result<Self, ValueError> {
        Ok(Self {
            tz: Tz::from_minutes(minutes, "date")?,
            ..self
        })
    }
    /// The same date in UTC, written with `Z`.
    pub fn with_utc(self) -> Self {
        Self {
            tz: Tz::Utc,
            ..self
        }
    }
    /// The year (negative before year 1).
    pub fn year(&self) -> i32 {
        self.year
    }
    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month, 1–31.
    pub fn day(&self) -> u8 {
        self.day
    }
    /// The time zone offset in minutes (`Z` is 0); `None` when none was written.
    pub fn offset_minutes(&self) -> Option<i32> {
        self.tz.minutes()
    }
    /// Days since 1970-01-01 (ignoring the time zone).
    pub fn days_since_epoch(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_year(f, self.year)?;
        write!(f, "-{:02}-{:02}", self.month, self.day)?;
        self.tz.write(f)
    }
}

impl FromStr for Date {
    type Err = ValueError;
    fn from_str(text: &str) -> Result<Self, ValueError> {
        let err = || ValueError::new("date", text);
        let (year, month, day, rest) = parse_date_part(collapse_ws(text)).ok_or_else(err)?;
        let tz = Tz::parse(rest).ok_or_else(err)?;
        Ok(Self {
            year,
            month,
            day,
            tz,
        })
    }
}

/// XSD `time`: `hh:mm:ss(.fff)` with an optional time zone, kept as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Time {
    hour: u8,
    minute: u8,
    second: u8,
    frac: Frac,
    tz: Tz,
}

impl Time {
    /// A time without fraction or time zone.
    pub fn new(hour: u8, minute: u8, second: u8) -> Result<Self, ValueError> {
        check_time("time", hour, minute, second)?;
        Ok(Self {
            hour,
            minute,
            second,
            ..Self::default()
        })
    }
    /// The same time with fractional seconds (written with as few digits as needed).
    pub fn with_nanos(self, nanos: u32) -> Result<Self, ValueError> {
        if nanos >= 1_000_000_000 {
            return Err(ValueError::new("time", &nanos.to_string()).because("nanoseconds ≥ 1 s"));
        }
        Ok(Self {
            frac: Frac::from_nanos(nanos),
            ..self
        })
    }
    /// The same time with a time zone offset (`0` is written `+00:00`).
    pub fn with_offset_minutes(self, minutes: i32) -> Result<Self, ValueError> {
        Ok(Self {
            tz: Tz::from_minutes(minutes, "time")?,
            ..self
        })
    }
    /// The same time in UTC, written with `Z`.
    pub fn with_utc(self) -> Self {
        Self {
            tz: Tz::Utc,
            ..self
        }
    }
    /// The hour, 0–23 (24 only in `24:00:00`).
    pub fn hour(&self) -> u8 {
        self.hour
    }
    /// The minute.
    pub fn minute(&self) -> u8 {
        self.minute
    }
    /// The second.
    pub fn second(&self) -> u8 {
        self.second
    }
    /// The fractional second in nanoseconds (digits past the ninth dropped).
    pub fn nanosecond(&self) -> u32 {
        self.frac.nanos()
    }
    /// The time zone offset in minutes (`Z` is 0); `None` when none was written.
    pub fn offset_minutes(&self) -> Option<i32> {
        self.tz.minutes()
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}:{:02}", self.hour, self.minute, self.second)?;
        self.frac.write(f)?;
        self.tz.write(f)
    }
}

impl FromStr for Time {
    type Err = ValueError;
    fn from_str(text: &str) -> Result<Self, ValueError> {
        let err = || ValueError::new("time", text);
        let (hour, minute, second, frac, rest) =
            parse_time_part(collapse_ws(text)).ok_or_else(err)?;
        let tz = Tz::parse(rest).ok_or_else(err)?;
        Ok(Self {
            hour,
            minute,
            second,
            frac,
            tz,
        })
    }
}

/// XSD `dateTime`: `YYYY-MM-DDThh:mm:ss(.fff)` with an optional time zone, kept
/// as written (`2013-07-02T12:51:51+02:00` round-trips byte for byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DateTime {
    date: Date,
    time: Time,
}

impl DateTime {
    /// A date and time without fraction or time zone.
    pub fn new(
        year: i32,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
    ) -> Result<Self, ValueError> {
        check_date("dateTime", year, month, day)?;
        check_time("dateTime", hour, minute, second)?;
        Ok(Self {
            date: Date {
                year,
                month,
                day,
                tz: Tz::Absent,
            },
            time: Time {
                hour,
                minute,
                second,
                ..Time::default()
            },
        })
    }
    /// The instant `secs` after 1970-01-01T00:00:00Z, as local time at
    /// `offset_minutes` east of UTC (written `Z` for 0).
    pub fn from_unix_seconds(secs: i64, offset_minutes: i32) -> Result<Self, ValueError> {
        let tz = if offset_minutes == 0 {
            Tz::Utc
        } else {
            Tz::from_minutes(offset_minutes, "dateTime")?
        };
        let local = secs
            .checked_add(i64::from(offset_minutes) * 60)
            .ok_or_else(|| ValueError::new("dateTime", &secs.to_string()))?;
        let (days, rem) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        let year =
            i32::try_from(year).map_err(|_| ValueError::new("dateTime", &secs.to_string()))?;
        let mut value = Self::new(
            year,
            month,
            day,
            (rem / 3600) as u8,
            (rem % 3600 / 60) as u8,
            (rem % 60) as u8,
        )?;
        value.time.tz = tz;
        Ok(value)
    }
    /// Seconds since 1970-01-01T00:00:00Z (a value without time zone is taken as UTC).
    pub fn to_unix_seconds(&self) -> i64 {
        let days = self.date.days_since_epoch();
        let secs = i64::from(self.time.hour) * 3600
            + i64::from(self.time.minute) * 60
            + i64::from(self.time.second);
        days * 86_400 + secs - i64::from(self.time.tz.minutes().unwrap_or(0)) * 60
    }
    /// The same value with fractional seconds (written with as few digits as needed).
    pub fn with_nanos(self, nanos: u32) -> Result<Self, ValueError> {
        Ok(Self {
            time: self.time.with_nanos(nanos)?,
            ..self
        })
    }
    /// The same value with a time zone offset (`0` is written `+00:00`).
    pub fn with_offset_minutes(self, minutes: i32) -> Result<Self, ValueError> {
        Ok(Self {
            time: self.time.with_offset_minutes(minutes)?,
            ..self
        })
    }
    /// The same value in UTC, written with `Z` (the clock time is not shifted).
    pub fn with_utc(self) -> Self {
        Self {
            time: self.time.with_utc(),
            ..self
        }
    }
    /// The date part (without time zone).
    pub fn date(&self) -> Date {
        self.date
    }
    /// The time part (with the time zone).
    pub fn time(&self) -> Time {
        self.time
    }
    /// The year.
    pub fn year(&self) -> i32 {
        self.date.year
    }
    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.date.month
    }
    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.date.day
    }
    /// The hour.
    pub fn hour(&self) -> u8 {
        self.time.hour
    }
    /// The minute.
    pub fn minute(&self) -> u8 {
        self.time.minute
    }
    /// The second.
    pub fn second(&self) -> u8 {
        self.time.second
    }
    /// The fractional second in nanoseconds.
    pub fn nanosecond(&self) -> u32 {
        self.time.nanosecond()
    }
    /// The time zone offset in minutes (`Z` is 0); `None` when none was written.
    pub fn offset_minutes(&self) -> Option<i32> {
        self.time.offset_minutes()
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{}", self.date, self.time)
    }
}

impl FromStr for DateTime {
    type Err = ValueError;
    fn from_str(text: &str) -> Result<Self, ValueError> {
        let err = || ValueError::new("dateTime", text);
        let (year, month, day, rest) = parse_date_part(collapse_ws(text)).ok_or_else(err)?;
        let rest = rest.strip_prefix('T').ok_or_else(err)?;
        let (hour, minute, second, frac, rest) = parse_time_part(rest).ok_or_else(err)?;
        let tz = Tz::parse(rest).ok_or_else(err)?;
        Ok(Self {
            date: Date {
                year,
                month,
                day,
                tz: Tz::Absent,
            },
            time: Time {
                hour,
                minute,
                second,
                frac,
                tz,
            },
        })
    }
}

macro_rules! simple_via_display {
    ($($t:ty),*) => {$(
        impl SimpleType for $t {
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                text.parse()
            }
            fn write_text(&self, out: &mut String) -> Result<(), ValueError> {
                use std::fmt::Write as _;
                let _ = write!(out, "{self}");
                Ok(())
            }
        }
    )*};
}
simple_via_display!(Date, Time, DateTime);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_byte_exact() {
        for s in [
            "2013-07-02T12:51:51+02:00",
            "2013-07-02T12:51:51Z",
            "2013-07-02T12:51:51.000+00:00",
            "2013-07-02T12:51:51.123456789012-05:30",
            "-0044-03-15T24:00:00",
            "12345-01-01T00:00:00",
        ] {
            assert_eq!(
                s.parse::<DateTime>().map(|d| d.to_string()).as_deref(),
                Ok(s)
            );
        }
        for s in ["2012-10-02", "2012-02-29Z", "2012-10-02-01:00"] {
            assert_eq!(s.parse::<Date>().map(|d| d.to_string()).as_deref(), Ok(s));
        }
        for s in ["12:00:00", "23:59:59.5Z"] {
            assert_eq!(s.parse::<Time>().map(|d| d.to_string()).as_deref(), Ok(s));
        }
    }

    #[test]
    fn refuses_invalid() {
        for s in [
            "2013-02-29",
            "2013-13-01",
            "13-01-01",
            "2013-01-01T25:00:00",
            "2013-01-01T10:00",
            "2013-01-01T10:00:00+15:00",
            "02013-01-01",
            "2013-01-01T10:00:00.",
        ] {
            assert!(
                s.parse::<DateTime>().is_err() && s.parse::<Date>().is_err()
                    || s.contains('T') && s.parse::<DateTime>().is_err(),
                "{s}"
            );
        }
    }

    #[test]
    fn constructors_and_unix_time() {
        let d = DateTime::new(2013, 7, 2, 12, 51, 51).and_then(|d| d.with_offset_minutes(120));
        assert_eq!(
            d.map(|d| d.to_string()).as_deref(),
            Ok("2013-07-02T12:51:51+02:00")
        );
        let d = DateTime::from_unix_seconds(1_372_762_311, 120);
        assert_eq!(
            d.clone().map(|d| d.to_string()).as_deref(),
            Ok("2013-07-02T12:51:51+02:00")
        );
        assert_eq!(d.map(|d| d.to_unix_seconds()), Ok(1_372_762_311));
        assert_eq!(
            DateTime::from_unix_seconds(0, 0)
                .map(|d| d.to_string())
                .as_deref(),
            Ok("1970-01-01T00:00:00Z")
        );
        assert_eq!(
            Date::new(2012, 10, 2).map(|d| d.to_string()).as_deref(),
            Ok("2012-10-02")
        );
        assert!(Date::new(2013, 2, 29).is_err());
    }
}
