//! A calendar date with no time zone, the only notion of time the atlas needs.
//!
//! Dates are stored as proleptic Gregorian year/month/day and convert to a day
//! number (days since 1970-01-01) so that the slider, which works in days, can
//! move through them with plain integer arithmetic.

use std::fmt;
use std::str::FromStr;

/// A valid calendar date between the years 1 and 9999.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a string or a triple is not a [`Date`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

/// Number of days in `month` of `year`, or 0 for a month outside 1..=12.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

impl Date {
    /// Builds a date, checking that the day exists in that month.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=9999).contains(&year) {
            return Err(DateError(format!("year {year} is outside 1..=9999")));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError(format!("month {month} is outside 1..=12")));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError(format!("{year:04}-{month:02} has no day {day}")));
        }
        Ok(Date { year, month, day })
    }

    /// The year, 1 to 9999.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it), after Howard Hinnant's
    /// `days_from_civil`, which is exact for the whole proleptic calendar.
    pub fn to_days(self) -> i32 {
        let y = i32::from(self.year) - i32::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i32::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i32::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::to_days`]; `None` outside the years 1..=9999.
    pub fn from_days(days: i32) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i32::from(month <= 2);
        let year = u16::try_from(year).ok()?;
        Date::new(year, month as u8, day as u8).ok()
    }

    /// The date `n` days later (earlier when negative), saturating at the
    /// calendar's ends.
    pub fn add_days(self, n: i32) -> Date {
        Date::from_days(self.to_days().saturating_add(n)).unwrap_or(if n < 0 { Date::MIN } else { Date::MAX })
    }

    /// The same day `n` months later (earlier when negative), clamped to the
    /// last day of a shorter month: 2024-01-31 plus one month is 2024-02-29.
    pub fn add_months(self, n: i32) -> Date {
        let index = i32::from(self.year) * 12 + i32::from(self.month) - 1 + n;
        let year = index.div_euclid(12);
        let month = (index.rem_euclid(12) + 1) as u8;
        match u16::try_from(year) {
            Ok(year) if (1..=9999).contains(&year) => {
                let day = self.day.min(days_in_month(year, month));
                Date { year, month, day }
            }
            _ if n < 0 => Date::MIN,
            _ => Date::MAX,
        }
    }

    /// Day of the week, 0 = Monday .. 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        (self.to_days() + 3).rem_euclid(7) as u8
    }

    /// The earliest date the type holds.
    pub const MIN: Date = Date { year: 1, month: 1, day: 1 };
    /// The latest date the type holds.
    pub const MAX: Date = Date { year: 9999, month: 12, day: 31 };
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses exactly `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, DateError> {
        let bad = || DateError(format!("{s:?} is not a date of the form YYYY-MM-DD"));
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u16, DateError> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        Date::new(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_round_trip() {
        for s in ["2019-01-23", "2024-02-29", "0001-01-01", "9999-12-31"] {
            assert_eq!(d(s).to_string(), s);
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for s in [
            "2019-02-29",
            "2019-13-01",
            "2019-00-10",
            "2019-1-1",
            "2019-01-32",
            "",
            "20190101",
            "2019-01-0a",
            "２０１９-01-01",
        ] {
            assert!(s.parse::<Date>().is_err(), "{s} should be rejected");
        }
    }

    #[test]
    fn day_numbers_match_the_unix_epoch() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2019-01-01").to_days(), 17_897);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
    }

    #[test]
    fn day_numbers_round_trip_across_the_atlas_range() {
        let mut date = d("2018-12-01");
        for _ in 0..3000 {
            assert_eq!(Date::from_days(date.to_days()), Some(date));
            let next = date.add_days(1);
            assert!(next > date);
            date = next;
        }
    }

    #[test]
    fn months_clamp_to_shorter_months() {
        assert_eq!(d("2024-01-31").add_months(1), d("2024-02-29"));
        assert_eq!(d("2019-03-31").add_months(-1), d("2019-02-28"));
        assert_eq!(d("2019-12-15").add_months(1), d("2020-01-15"));
        assert_eq!(Date::MAX.add_months(1), Date::MAX);
        assert_eq!(Date::MIN.add_days(-5), Date::MIN);
    }

    #[test]
    fn weekdays_are_known() {
        assert_eq!(d("2019-01-24").weekday(), 3); // a Thursday
        assert_eq!(d("2025-01-07").weekday(), 1); // a Tuesday
    }
}
