//! Points in time as the simulator records them (booked, created, finalized,
//! modified) and their `xs:dateTime` lexical form.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use soap_runtime::value::DateTime;
use soap_runtime::ValueError;

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

    /// Parses the `xs:dateTime` lexical form (a date that does not exist, such
    /// as `2024-02-31`, is refused); without a zone the time is taken as UTC.
    pub fn parse(text: &str) -> Result<Self, InstantError> {
        let value = text.parse::<DateTime>().map_err(|_| InstantError {
            text: text.to_owned(),
        })?;
        Self::from_date_time(&value)
    }

    /// The instant a received `xs:dateTime` names; without a zone it is taken as UTC.
    pub fn from_date_time(value: &DateTime) -> Result<Self, InstantError> {
        let refused = || InstantError {
            text: value.to_string(),
        };
        let millis = value
            .to_unix_seconds()
            .checked_mul(1000)
            .and_then(|ms| ms.checked_add(i64::from(value.nanosecond() / 1_000_000)))
            .ok_or_else(refused)?;
        // `Z` and no zone are shown as `Z`; `with_utc` changes only the zone's spelling.
        let offset_minutes = match value.offset_minutes() {
            Some(0) if value.with_utc() == *value => None,
            offset => offset,
        };
        let instant = Self {
            millis,
            offset_minutes,
        };
        instant.civil().map_err(|_| refused())?;
        Ok(instant)
    }

    /// The instant as the response types carry it (its [`Display`](fmt::Display) form).
    pub fn to_date_time(&self) -> DateTime {
        self.to_string().parse().unwrap_or_default()
    }

    /// The calendar date (`YYYY-MM-DD`) in the instant's own offset.
    pub fn date(&self) -> String {
        match self.civil() {
            Ok(local) => local.date().to_string(),
            Err(_) => String::new(),
        }
    }

    /// A compact `YYYYMMDD-hhmmss` form, used in document names.
    pub fn compact(&self) -> String {
        match self.civil() {
            Ok(t) => format!(
                "{:04}{:02}{:02}-{:02}{:02}{:02}",
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            Err(_) => String::new(),
        }
    }

    /// The local date and time in the instant's offset, to the second.
    fn civil(&self) -> Result<DateTime, ValueError> {
        DateTime::from_unix_seconds(
            self.millis.div_euclid(1000),
            self.offset_minutes.unwrap_or(0),
        )
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
    /// The `xs:dateTime` lexical form; milliseconds (three digits) only when not zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.civil().map_err(|_| fmt::Error)?;
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            t.date(),
            t.hour(),
            t.minute(),
            t.second()
        )?;
        let ms = self.millis.rem_euclid(1000);
        if ms != 0 {
            write!(f, ".{ms:03}")?;
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

    #[test]
    fn dates_that_do_not_exist_are_refused() {
        assert!(Instant::parse("2024-02-31T00:00:00Z").is_err());
        assert!(Instant::parse("2023-02-29T00:00:00Z").is_err());
        assert!(Instant::parse("2024-04-31T12:00:00+02:00").is_err());
        let leap = Instant::parse("2024-02-29T00:00:00Z").unwrap();
        assert_eq!(leap.plus_days(1).date(), "2024-03-01");
    }

    #[test]
    fn zones_are_shown_as_received() {
        let plus_zero = Instant::parse("2024-05-01T08:00:00+00:00").unwrap();
        assert_eq!(plus_zero.to_string(), "2024-05-01T08:00:00+00:00");
        let west = Instant::parse("2024-05-01T00:30:00-05:00").unwrap();
        assert_eq!(west.date(), "2024-05-01");
        assert_eq!(west.compact(), "20240501-003000");
        assert_eq!(
            west.to_date_time(),
            "2024-05-01T00:30:00-05:00".parse::<DateTime>().unwrap()
        );
        assert_eq!(
            Instant::from_millis(-1).to_string(),
            "1969-12-31T23:59:59.999Z"
        );
    }
}
