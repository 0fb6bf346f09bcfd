//! The citizen's contact person (fast kontaktperson): a named person with a direct number,
//! when they can be reached, and who covers while they are away (000:319, 000:382,
//! 000:479). Staff keep these details on their own profile; the citizen sees them first.

use serde::{Deserialize, Serialize};

use crate::{
    AccountId, Field, IsoDate, PhoneNumber, Rejection, TimeOfDay, Weekday, limits, non_blank,
};

/// When someone can be reached on one day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeHours {
    /// Which day.
    pub day: Weekday,
    /// From.
    pub from: TimeOfDay,
    /// To.
    pub to: TimeOfDay,
}

/// A period away (holiday, course, leave), both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Absence {
    /// The first day away.
    pub from: IsoDate,
    /// The last day away.
    pub to: IsoDate,
}

/// What a member of staff keeps on their profile for the citizens they are contact person
/// for. The direct number is the account's phone.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContactProfile {
    /// The direct number (not the switchboard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<PhoneNumber>,
    /// When they answer the phone, by weekday.
    #[serde(default)]
    pub hours: Vec<OfficeHours>,
    /// Who covers while they are away.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitute: Option<AccountId>,
    /// Periods away, in order.
    #[serde(default)]
    pub absences: Vec<Absence>,
}

impl ContactProfile {
    /// If the person is away on `today`: the last day of that absence (absences that
    /// follow on from each other count as one) and the first working day back.
    pub fn away_on(&self, today: IsoDate) -> Option<Away> {
        let mut until: Option<IsoDate> = None;
        // Sorted by start, so a chain of back-to-back periods is followed in one pass.
        for a in &self.absences {
            let current_end = until.unwrap_or(today);
            let touches = match until {
                None => a.from <= today && today <= a.to,
                Some(end) => a.from <= end.add_days(1),
            };
            if touches && a.to >= current_end {
                until = Some(a.to);
            }
        }
        until.map(|last_day| Away {
            last_day,
            back_on: last_day.next_working_day(),
        })
    }
}

/// An absence that is going on now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Away {
    /// The last day away.
    pub last_day: IsoDate,
    /// The first working day back.
    pub back_on: IsoDate,
}

/// The profile as typed into the form; validated by [`ContactProfileFields::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactProfileFields {
    /// The direct number; blank removes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// When they answer the phone.
    #[serde(default)]
    pub hours: Vec<OfficeHours>,
    /// Who covers while they are away.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitute: Option<AccountId>,
    /// Periods away.
    #[serde(default)]
    pub absences: Vec<Absence>,
}

impl ContactProfileFields {
    /// Checks every part (the number, hours that end after they start, absences that end
    /// on or after their first day, not oneself as substitute) and returns the profile with
    /// hours by weekday and absences by date. Whether the substitute is a real colleague is
    /// for the server to check.
    pub fn validate(&self, me: AccountId) -> Result<ContactProfile, Rejection> {
        let phone = non_blank(self.phone.as_deref())
            .map(PhoneNumber::parse)
            .transpose()?;
        if self.hours.len() > limits::OFFICE_HOURS_MAX {
            return Err(Rejection::TooManyItems {
                field: Field::OfficeHours,
                max: limits::OFFICE_HOURS_MAX,
            });
        }
        if let Some(bad) = self.hours.iter().find(|h| h.to <= h.from) {
            return Err(Rejection::HoursOrder { day: bad.day });
        }
        if self.absences.len() > limits::ABSENCES_MAX {
            return Err(Rejection::TooManyItems {
                field: Field::Absences,
                max: limits::ABSENCES_MAX,
            });
        }
        if self.absences.iter().any(|a| a.to < a.from) {
            return Err(Rejection::AbsenceOrder);
        }
        if self.substitute == Some(me) {
            return Err(Rejection::SubstituteIsSelf);
        }
        let mut hours = self.hours.clone();
        hours.sort_by_key(|h| (h.day, h.from));
        let mut absences = self.absences.clone();
        absences.sort_by_key(|a| (a.from, a.to));
        Ok(ContactProfile {
            phone,
            hours,
            substitute: self.substitute,
            absences,
        })
    }
}

/// A person as the citizen sees them on "Min kontaktperson".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPerson {
    /// Name.
    pub name: String,
    /// Their role on the team ("Investeringsleder", "Veileder").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Their office or service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Their direct number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<PhoneNumber>,
    /// When they answer the phone.
    #[serde(default)]
    pub hours: Vec<OfficeHours>,
}

impl ContactPerson {
    /// Up to two initials, for the round avatar ("Ola Nordmann" → "ON").
    pub fn initials(&self) -> String {
        initials(&self.name)
    }
}

/// Up to two capital initials of a name: the first and the last word's.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: &&str| w.chars().next().into_iter().flat_map(char::to_uppercase);
    match words.as_slice() {
        [] => String::new(),
        [one] => first(one).collect(),
        [a, .., z] => first(a).chain(first(z)).collect(),
    }
}

/// "Min kontaktperson": the contact person, and who to call while they are away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactCard {
    /// The contact person.
    pub contact: ContactPerson,
    /// Set while they are away: the substitute is shown first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub away: Option<Away>,
    /// Who covers when they are away.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitute: Option<ContactPerson>,
}

/// A member of staff's own profile page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProfile {
    /// The details.
    pub profile: ContactProfile,
    /// The substitute's name, to show beside the choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitute_name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> IsoDate {
        IsoDate::parse(s).unwrap()
    }

    fn t(s: &str) -> TimeOfDay {
        TimeOfDay::parse(s).unwrap()
    }

    fn me() -> AccountId {
        AccountId::from_random_bytes([1; 16])
    }

    #[test]
    fn an_absence_ending_before_it_starts_is_refused() {
        let fields = ContactProfileFields {
            absences: vec![Absence {
                from: d("2026-12-20"),
                to: d("2026-12-10"),
            }],
            ..Default::default()
        };
        assert_eq!(fields.validate(me()), Err(Rejection::AbsenceOrder));
    }

    #[test]
    fn hours_must_end_after_they_start() {
        let fields = ContactProfileFields {
            hours: vec![OfficeHours {
                day: Weekday::Tuesday,
                from: t("12:00"),
                to: t("09:00"),
            }],
            ..Default::default()
        };
        assert_eq!(
            fields.validate(me()),
            Err(Rejection::HoursOrder {
                day: Weekday::Tuesday
            })
        );
    }

    #[test]
    fn phone_numbers_are_stored_in_e164_and_bad_ones_refused() {
        let mut fields = ContactProfileFields {
            phone: Some("912 34 567".into()),
            ..Default::default()
        };
        assert_eq!(
            fields.validate(me()).unwrap().phone.unwrap().as_str(),
            "+4791234567"
        );
        fields.phone = Some("ring sentralbordet".into());
        assert_eq!(
            fields.validate(me()),
            Err(Rejection::InvalidFormat {
                field: Field::Phone
            })
        );
    }

    #[test]
    fn nobody_substitutes_for_themselves() {
        let fields = ContactProfileFields {
            substitute: Some(me()),
            ..Default::default()
        };
        assert_eq!(fields.validate(me()), Err(Rejection::SubstituteIsSelf));
    }

    #[test]
    fn hours_and_absences_come_back_in_order() {
        let fields = ContactProfileFields {
            hours: vec![
                OfficeHours {
                    day: Weekday::Thursday,
                    from: t("09:00"),
                    to: t("11:00"),
                },
                OfficeHours {
                    day: Weekday::Monday,
                    from: t("13:00"),
                    to: t("15:00"),
                },
            ],
            absences: vec![
                Absence {
                    from: d("2027-07-01"),
                    to: d("2027-07-21"),
                },
                Absence {
                    from: d("2026-12-21"),
                    to: d("2027-01-01"),
                },
            ],
            ..Default::default()
        };
        let p = fields.validate(me()).unwrap();
        assert_eq!(p.hours[0].day, Weekday::Monday);
        assert_eq!(p.absences[0].from, d("2026-12-21"));
    }

    #[test]
    fn away_follows_back_to_back_absences_and_returns_on_a_working_day() {
        let profile = ContactProfile {
            absences: vec![
                Absence {
                    from: d("2026-12-21"),
                    to: d("2026-12-24"),
                },
                Absence {
                    from: d("2026-12-25"),
                    to: d("2026-12-31"),
                },
                Absence {
                    from: d("2027-02-01"),
                    to: d("2027-02-02"),
                },
            ],
            ..Default::default()
        };
        assert_eq!(profile.away_on(d("2026-12-20")), None);
        let away = profile.away_on(d("2026-12-22")).unwrap();
        assert_eq!(away.last_day, d("2026-12-31"));
        // 1 January is a holiday: back on Monday 4 January 2027 (2 and 3 are a weekend).
        assert_eq!(away.back_on, d("2027-01-04"));
        assert_eq!(profile.away_on(d("2027-01-04")), None);
        assert_eq!(
            profile.away_on(d("2027-02-02")).unwrap().back_on,
            d("2027-02-03")
        );
    }

    #[test]
    fn initials_take_the_first_and_last_name() {
        assert_eq!(initials("Ola Nordmann"), "ON");
        assert_eq!(initials("siri anne hansen"), "SH");
        assert_eq!(initials("Åse"), "Å");
        assert_eq!(initials("  "), "");
    }
}
