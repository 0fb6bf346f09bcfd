//! The team around a citizen: who is on a board, and how to reach them.

use serde::{Deserialize, Serialize};

use crate::{AccountId, Field, MemberId, PersonName, Rejection, ShortText, non_blank};

/// A phone number in E.164 form (`+4791234567`).
///
/// Norwegian numbers may be typed as eight digits, with spaces, or with `0047`; other
/// countries need their `+` code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Normalises what a person typed, or says why it is not a phone number.
    pub fn parse(raw: &str) -> Result<Self, Rejection> {
        let field = Field::Phone;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Rejection::Empty { field });
        }
        let compact: String = trimmed
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}'))
            .collect();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let e164 = if let Some(rest) = compact.strip_prefix('+') {
            digits(rest).then(|| format!("+{rest}"))
        } else if let Some(rest) = compact.strip_prefix("00") {
            digits(rest).then(|| format!("+{rest}"))
        } else if compact.len() == 8 && digits(&compact) {
            Some(format!("+47{compact}"))
        } else {
            None
        };
        match e164 {
            // E.164: a country code and subscriber number, at most 15 digits in all.
            Some(n) if (8..=16).contains(&n.len()) && !n.starts_with("+0") => Ok(Self(n)),
            _ => Err(Rejection::InvalidFormat { field }),
        }
    }
}

validated_string!(PhoneNumber);

/// An e-mail address, checked for its shape (one `@`, a dotted domain, no spaces).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Longest address (RFC 5321).
    pub const MAX: usize = 254;

    /// Trims and checks an address.
    pub fn parse(raw: &str) -> Result<Self, Rejection> {
        let field = Field::Email;
        let s = raw.trim();
        if s.is_empty() {
            return Err(Rejection::Empty { field });
        }
        if s.chars().count() > Self::MAX {
            return Err(Rejection::TooLong {
                field,
                max: Self::MAX,
                len: s.chars().count(),
            });
        }
        let ok = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(Rejection::InvalidFormat { field })
        }
    }
}

validated_string!(Email);

/// Someone on the team around the citizen (a caseworker at NAV, a nurse, a teacher…).
/// A member with an account can open the board; one without (a GP who does not use Duk)
/// is only named on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Its id.
    pub id: MemberId,
    /// Their name.
    pub name: PersonName,
    /// Their service ("NAV", "Boligkontoret", "Helsestasjonen").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ShortText>,
    /// Their role ("Investeringsleder", "Veileder").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<ShortText>,
    /// A direct number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<PhoneNumber>,
    /// An e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
    /// Removed members stay, so that cards and history still name them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
    /// Their staff account: while they are on the team, it may open the board.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountId>,
    /// The investeringsleder, who leads the meetings and decides who has access. Set on
    /// the member who creates the board.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lead: bool,
}

/// The fields of a member as typed into a form; validated by [`MemberFields::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberFields {
    /// Their name.
    pub name: String,
    /// Their service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// Their role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// A direct number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// An e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Their staff account, which gives them access to the board. The server checks that
    /// it is an active staff account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountId>,
}

impl MemberFields {
    /// Validates every field; blank optional fields count as not given. Returns the member
    /// and the cleaned fields (as stored in the event).
    pub fn validate(&self, id: MemberId) -> Result<(Member, MemberFields), Rejection> {
        let name = PersonName::parse(&self.name)?;
        let service = non_blank(self.service.as_deref())
            .map(|s| ShortText::parse_as(Field::Service, s))
            .transpose()?;
        let role = non_blank(self.role.as_deref())
            .map(|s| ShortText::parse_as(Field::Role, s))
            .transpose()?;
        let phone = non_blank(self.phone.as_deref())
            .map(PhoneNumber::parse)
            .transpose()?;
        let email = non_blank(self.email.as_deref())
            .map(Email::parse)
            .transpose()?;
        let cleaned = MemberFields {
            name: name.to_string(),
            service: service.as_ref().map(ToString::to_string),
            role: role.as_ref().map(ToString::to_string),
            phone: phone.as_ref().map(ToString::to_string),
            email: email.as_ref().map(ToString::to_string),
            account: self.account,
        };
        let member = Member {
            id,
            name,
            service,
            role,
            phone,
            email,
            removed: false,
            account: self.account,
            lead: false,
        };
        Ok((member, cleaned))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_numbers_become_e164() {
        for typed in ["91234567", "912 34 567", "+47 912 34 567", "0047 91234567"] {
            assert_eq!(PhoneNumber::parse(typed).unwrap().as_str(), "+4791234567");
        }
        assert_eq!(
            PhoneNumber::parse("+46 70 123 45 67").unwrap().as_str(),
            "+46701234567"
        );
    }

    #[test]
    fn things_that_are_not_phone_numbers_are_refused() {
        for typed in [
            "1234",
            "ring meg",
            "+47 9123 4567 8901 2345",
            "+0123456789",
            "12345678901",
        ] {
            assert_eq!(
                PhoneNumber::parse(typed),
                Err(Rejection::InvalidFormat {
                    field: Field::Phone
                }),
                "{typed}"
            );
        }
    }

    #[test]
    fn email_addresses_are_checked_for_their_shape() {
        assert_eq!(Email::parse(" ola@nav.no ").unwrap().as_str(), "ola@nav.no");
        for typed in [
            "ola",
            "ola@nav",
            "@nav.no",
            "ola@@nav.no",
            "ola nordmann@nav.no",
            "ola@.no",
        ] {
            assert!(Email::parse(typed).is_err(), "{typed}");
        }
    }

    #[test]
    fn blank_optional_fields_are_left_out() {
        let fields = MemberFields {
            name: " Ola Nordmann ".into(),
            service: Some("  ".into()),
            role: Some("Veileder".into()),
            phone: Some("".into()),
            email: None,
            account: None,
        };
        let (member, cleaned) = fields
            .validate(MemberId::from_random_bytes([1; 16]))
            .unwrap();
        assert_eq!(member.name.as_str(), "Ola Nordmann");
        assert_eq!(member.service, None);
        assert_eq!(cleaned.role.as_deref(), Some("Veileder"));
        assert_eq!(cleaned.phone, None);
    }
}
