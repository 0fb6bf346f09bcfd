use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date without time zone (a frist, a horizon), written `YYYY-MM-DD`.
///
/// Ordered chronologically. Kept deliberately small instead of pulling a date crate into
/// the wasm bundle; formatting for people is done by the browser's `Intl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    year: u16,
    month: u8,
    day: u8,
}

impl IsoDate {
    /// Parses `YYYY-MM-DD` with a real calendar check (30 February is refused), years 1900–2999.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            b[r].iter().try_fold(0u16, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u16::from(c - b'0'))
            })
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Self::from_ymd(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    /// Builds a date from its parts, if it exists.
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Self> {
        let valid = (1900..=2999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }
    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days from 1970-01-01 to this date (negative before), the inverse of
    /// [`IsoDate::from_timestamp`] at midnight UTC.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days-from-civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a UTC timestamp.
    pub fn from_timestamp(ts: Timestamp) -> Self {
        // Howard Hinnant's days-from-civil inverse; exact for the proleptic Gregorian calendar.
        let days = ts.0.div_euclid(86_400_000);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Self { year, month, day }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        IsoDate::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format_args!("invalid date {s:?}, expected YYYY-MM-DD"))
        })
    }
}

/// A point in time: milliseconds since the Unix epoch, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_inverts_from_timestamp() {
        assert_eq!(IsoDate::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(
            IsoDate::parse("2000-03-01").unwrap().days_since_epoch(),
            11_017
        );
        for days in (-20_000..40_000).step_by(37) {
            let d = IsoDate::from_timestamp(Timestamp(days * 86_400_000));
            assert_eq!(d.days_since_epoch(), days, "{d}");
        }
    }

    #[test]
    fn real_dates_parse_and_print_back() {
        for s in [
            "2026-11-22",
            "2024-02-29",
            "2000-02-29",
            "1900-01-01",
            "2999-12-31",
        ] {
            assert_eq!(IsoDate::parse(s).map(|d| d.to_string()).as_deref(), Some(s));
        }
    }

    #[test]
    fn impossible_or_malformed_dates_are_refused() {
        for s in [
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "",
            "2026-01-01T00:00",
            "1899-12-31",
            "+026-01-01",
        ] {
            assert_eq!(IsoDate::parse(s), None, "{s} should be refused");
        }
    }

    #[test]
    fn dates_order_chronologically() {
        let a = IsoDate::parse("2026-12-31").unwrap();
        let b = IsoDate::parse("2027-01-01").unwrap();
        assert!(a < b);
    }

    #[test]
    fn timestamps_convert_to_utc_dates() {
        assert_eq!(
            IsoDate::from_timestamp(Timestamp(0)).to_string(),
            "1970-01-01"
        );
        // 2026-11-22T15:00:00Z
        assert_eq!(
            IsoDate::from_timestamp(Timestamp(1_795_359_600_000)).to_string(),
            "2026-11-22"
        );
        // 2024-02-29T23:59:59.999Z
        assert_eq!(
            IsoDate::from_timestamp(Timestamp(1_709_251_199_999)).to_string(),
            "2024-02-29"
        );
    }
}
