//! The Norwegian calendar: weekdays, public holidays (the moving Easter-based ones
//! included), working days, times of day, and local time in Norway.
//!
//! Kept here rather than in a date crate so that the browser and the server agree on
//! deadlines ("we call you within two working days", 000:469) without a time-zone database
//! in the wasm bundle (SPEC §10). Norway has kept the EU's summer-time rule since 1996:
//! CEST (UTC+2) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
//! of October, CET (UTC+1) otherwise.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{IsoDate, Timestamp};

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Mandag.
    Monday,
    /// Tirsdag.
    Tuesday,
    /// Onsdag.
    Wednesday,
    /// Torsdag.
    Thursday,
    /// Fredag.
    Friday,
    /// Lørdag.
    Saturday,
    /// Søndag.
    Sunday,
}

impl Weekday {
    /// Monday to Sunday, as Norwegian calendars start the week.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }
}

impl IsoDate {
    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    /// The date `days` later (earlier when negative).
    pub fn add_days(self, days: i64) -> IsoDate {
        IsoDate::from_timestamp(Timestamp((self.days_since_epoch() + days) * DAY_MS))
    }

    /// Whether this is a Norwegian public holiday (helligdag or 1. and 17. mai).
    pub fn is_public_holiday(self) -> bool {
        let fixed = matches!(
            (self.month(), self.day()),
            (1, 1) | (5, 1) | (5, 17) | (12, 25) | (12, 26)
        );
        if fixed {
            return true;
        }
        let Some(easter) = easter_sunday(self.year()) else {
            return false;
        };
        // Skjærtorsdag, langfredag, 1. og 2. påskedag, Kristi himmelfartsdag, 1. og 2. pinsedag.
        let offset = self.days_since_epoch() - easter.days_since_epoch();
        matches!(offset, -3 | -2 | 0 | 1 | 39 | 49 | 50)
    }

    /// A weekday that is not a public holiday.
    pub fn is_working_day(self) -> bool {
        !self.weekday().is_weekend() && !self.is_public_holiday()
    }

    /// The `n`th working day after this date (this date itself never counts).
    pub fn add_working_days(self, n: u32) -> IsoDate {
        let mut day = self;
        let mut left = n;
        while left > 0 {
            day = day.add_days(1);
            if day.is_working_day() {
                left -= 1;
            }
        }
        day
    }

    /// The first working day after this date.
    pub fn next_working_day(self) -> IsoDate {
        self.add_working_days(1)
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/
/// Butcher").
pub fn easter_sunday(year: u16) -> Option<IsoDate> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    IsoDate::from_ymd(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

/// A time of day, to the minute, written `HH:MM` (24-hour clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    minutes: u16,
}

impl TimeOfDay {
    /// Parses `HH:MM` (also `H:MM` and `HH.MM`, as Norwegians often write it), 00:00–23:59.
    pub fn parse(s: &str) -> Option<Self> {
        let (h, m) = s.trim().split_once([':', '.'])?;
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(h) || h.len() > 2 || !digits(m) || m.len() != 2 {
            return None;
        }
        Self::from_hm(h.parse().ok()?, m.parse().ok()?)
    }

    /// From hours and minutes, if they make a time.
    pub fn from_hm(hours: u16, minutes: u16) -> Option<Self> {
        (hours < 24 && minutes < 60).then_some(Self {
            minutes: hours * 60 + minutes,
        })
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u16 {
        self.minutes
    }

    /// The hour, 0–23.
    pub fn hour(self) -> u16 {
        self.minutes / 60
    }

    /// The minute, 0–59.
    pub fn minute(self) -> u16 {
        self.minutes % 60
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        TimeOfDay::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format_args!("invalid time {s:?}, expected HH:MM"))
        })
    }
}

/// A date and time on the wall clock in Norway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LocalDateTime {
    /// The date.
    pub date: IsoDate,
    /// The time.
    pub time: TimeOfDay,
}

/// The last Sunday of a month, at 01:00 UTC: when Europe changes its clocks.
fn clock_change(year: u16, month: u8) -> i64 {
    // March and October both have 31 days.
    let last_day = IsoDate::from_ymd(year, month, 31).expect("31 March and 31 October exist");
    let back = (last_day.weekday() as i64 + 1) % 7;
    (last_day.days_since_epoch() - back) * DAY_MS + HOUR_MS
}

/// Norway's offset from UTC at an instant, in milliseconds (one or two hours).
pub fn oslo_offset_ms(at: Timestamp) -> i64 {
    let year = IsoDate::from_timestamp(at).year();
    if at.0 >= clock_change(year, 3) && at.0 < clock_change(year, 10) {
        2 * HOUR_MS
    } else {
        HOUR_MS
    }
}

impl LocalDateTime {
    /// The wall-clock time in Norway at an instant.
    pub fn in_oslo(at: Timestamp) -> Self {
        let local = at.0 + oslo_offset_ms(at);
        let date = IsoDate::from_timestamp(Timestamp(local));
        let minutes = (local.rem_euclid(DAY_MS) / 60_000) as u16;
        LocalDateTime {
            date,
            time: TimeOfDay { minutes },
        }
    }

    /// The instant this wall-clock time in Norway names. In the hour that does not exist
    /// (spring forward) it is read as winter time; in the hour that comes twice (fall back)
    /// the first one is meant.
    pub fn to_timestamp(self) -> Timestamp {
        let naive = self.date.days_since_epoch() * DAY_MS + i64::from(self.time.minutes) * 60_000;
        let summer = Timestamp(naive - 2 * HOUR_MS);
        if oslo_offset_ms(summer) == 2 * HOUR_MS {
            summer
        } else {
            Timestamp(naive - HOUR_MS)
        }
    }
}

/// Today's date in Norway.
pub fn oslo_today(now: Timestamp) -> IsoDate {
    LocalDateTime::in_oslo(now).date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> IsoDate {
        IsoDate::parse(s).unwrap()
    }

    #[test]
    fn weekdays_are_right() {
        assert_eq!(d("1970-01-01").weekday(), Weekday::Thursday);
        assert_eq!(d("2026-12-01").weekday(), Weekday::Tuesday);
        assert_eq!(d("2027-05-17").weekday(), Weekday::Monday);
        assert_eq!(d("2000-02-29").weekday(), Weekday::Tuesday);
    }

    #[test]
    fn easter_falls_on_the_known_sundays() {
        for (year, easter) in [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter_sunday(year), Some(d(easter)), "{year}");
            assert_eq!(d(easter).weekday(), Weekday::Sunday);
        }
    }

    #[test]
    fn norwegian_public_holidays_of_2026() {
        let holidays = [
            "2026-01-01", // nyttårsdag
            "2026-04-02", // skjærtorsdag
            "2026-04-03", // langfredag
            "2026-04-05", // 1. påskedag
            "2026-04-06", // 2. påskedag
            "2026-05-01", // arbeidernes dag
            "2026-05-14", // Kristi himmelfartsdag
            "2026-05-17", // grunnlovsdag
            "2026-05-24", // 1. pinsedag
            "2026-05-25", // 2. pinsedag
            "2026-12-25", // 1. juledag
            "2026-12-26", // 2. juledag
        ];
        let mut found = Vec::new();
        let mut day = d("2026-01-01");
        while day.year() == 2026 {
            if day.is_public_holiday() {
                found.push(day.to_string());
            }
            day = day.add_days(1);
        }
        assert_eq!(found, holidays);
        // Christmas Eve and Easter Saturday are not public holidays.
        assert!(!d("2026-12-24").is_public_holiday());
        assert!(!d("2026-04-04").is_public_holiday());
    }

    #[test]
    fn two_working_days_skip_weekends() {
        // Monday → Wednesday; Thursday → Monday; Friday → Tuesday; Saturday and Sunday → Tuesday.
        assert_eq!(d("2026-11-30").add_working_days(2), d("2026-12-02"));
        assert_eq!(d("2026-12-03").add_working_days(2), d("2026-12-07"));
        assert_eq!(d("2026-12-04").add_working_days(2), d("2026-12-08"));
        assert_eq!(d("2026-12-05").add_working_days(2), d("2026-12-08"));
        assert_eq!(d("2026-12-06").add_working_days(2), d("2026-12-08"));
    }

    #[test]
    fn two_working_days_skip_easter() {
        // Wednesday before Easter 2026: Thursday to Monday are all holidays or the weekend.
        assert_eq!(d("2026-04-01").add_working_days(2), d("2026-04-08"));
        // Easter 2027 is in March: Maundy Thursday 25 March.
        assert_eq!(d("2027-03-24").add_working_days(2), d("2027-03-31"));
        assert_eq!(d("2027-03-23").add_working_days(2), d("2027-03-30"));
    }

    #[test]
    fn two_working_days_skip_17_mai_ascension_and_whitsun() {
        // 2027: 17 May is a Monday, Ascension Day 6 May, Whit Monday 17 May as well.
        assert_eq!(d("2027-05-14").add_working_days(2), d("2027-05-19"));
        // 2026: Ascension Day Thursday 14 May, then Friday 15 and Monday 18 (17 May is a Sunday).
        assert_eq!(d("2026-05-13").add_working_days(2), d("2026-05-18"));
        // 2026: Whit Monday 25 May.
        assert_eq!(d("2026-05-22").add_working_days(2), d("2026-05-27"));
        // 2028: 17 May is a Wednesday.
        assert_eq!(d("2028-05-16").add_working_days(2), d("2028-05-19"));
        // Christmas 2026: Friday 25 and Saturday 26 December.
        assert_eq!(d("2026-12-23").add_working_days(2), d("2026-12-28"));
    }

    #[test]
    fn times_of_day_parse_as_people_write_them() {
        assert_eq!(TimeOfDay::parse("09:30").unwrap().to_string(), "09:30");
        assert_eq!(TimeOfDay::parse("9:05").unwrap().to_string(), "09:05");
        assert_eq!(TimeOfDay::parse("14.15").unwrap().to_string(), "14:15");
        for bad in [
            "24:00", "12:60", "12", "12:5", "ab:cd", "", "12:345", "-1:00",
        ] {
            assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn oslo_time_follows_summer_time() {
        let winter = LocalDateTime {
            date: d("2026-12-10"),
            time: TimeOfDay::from_hm(10, 0).unwrap(),
        };
        // 10:00 in December is 09:00 UTC.
        assert_eq!(winter.to_timestamp().0 % DAY_MS, 9 * HOUR_MS);
        assert_eq!(LocalDateTime::in_oslo(winter.to_timestamp()), winter);
        let summer = LocalDateTime {
            date: d("2026-06-10"),
            time: TimeOfDay::from_hm(10, 0).unwrap(),
        };
        assert_eq!(summer.to_timestamp().0 % DAY_MS, 8 * HOUR_MS);
        assert_eq!(LocalDateTime::in_oslo(summer.to_timestamp()), summer);
        // Summer time 2026 starts 29 March 01:00 UTC and ends 25 October 01:00 UTC.
        let start = d("2026-03-29").days_since_epoch() * DAY_MS + HOUR_MS;
        assert_eq!(oslo_offset_ms(Timestamp(start - 1)), HOUR_MS);
        assert_eq!(oslo_offset_ms(Timestamp(start)), 2 * HOUR_MS);
        let end = d("2026-10-25").days_since_epoch() * DAY_MS + HOUR_MS;
        assert_eq!(oslo_offset_ms(Timestamp(end - 1)), 2 * HOUR_MS);
        assert_eq!(oslo_offset_ms(Timestamp(end)), HOUR_MS);
    }

    #[test]
    fn late_evening_utc_is_the_next_day_in_norway() {
        // 2026-12-01T23:30Z is 00:30 on 2 December in Oslo.
        let t = Timestamp(d("2026-12-01").days_since_epoch() * DAY_MS + 23 * HOUR_MS + 1_800_000);
        assert_eq!(oslo_today(t), d("2026-12-02"));
    }
}
