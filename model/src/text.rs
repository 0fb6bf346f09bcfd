use serde::Serialize;

use crate::{Field, Rejection, limits};

/// Trims, normalises line endings, and checks length and characters. `multiline` allows
/// line breaks (card text, notes); single-line fields (names, titles) refuse them.
pub(crate) fn clean(
    field: Field,
    raw: &str,
    max: usize,
    multiline: bool,
) -> Result<String, Rejection> {
    let text = raw.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Err(Rejection::Empty { field });
    }
    let len = text.chars().count();
    if len > max {
        return Err(Rejection::TooLong { field, max, len });
    }
    let bad = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\t'));
    if text.chars().any(bad) {
        return Err(Rejection::InvalidCharacters { field });
    }
    Ok(text)
}

/// An optional text, trimmed, with a blank one (empty or only whitespace) taken as not
/// given: `Some(" Oslo ")` is `Some("Oslo")`, `Some("  ")` and `None` are `None`. For the
/// optional fields of a form, where an emptied input means "not given".
pub fn non_blank(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|s| !s.is_empty())
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $field:expr, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Trims and validates; the error says why, in words a user understands.
            pub fn parse(raw: &str) -> Result<Self, Rejection> {
                clean($field, raw, $max, $multiline).map(Self)
            }
        }

        validated_string!($name);
    };
}

text_type!(
    /// The text of a card: 1–500 characters after trimming, line breaks allowed.
    CardText, Field::CardText, limits::CARD_TEXT_MAX, true
);
text_type!(
    /// A longer note on a card.
    Note, Field::Note, limits::NOTE_MAX, true
);
impl Note {
    /// A longer text for another field (a comment, a correction): the same rules as a
    /// note, and a message that names the field.
    pub fn parse_as(field: Field, raw: &str) -> Result<Self, Rejection> {
        clean(field, raw, limits::NOTE_MAX, true).map(Self)
    }
}

text_type!(
    /// A board's title, on one line.
    Title, Field::Title, limits::TITLE_MAX, false
);
text_type!(
    /// A person's display name, on one line.
    PersonName, Field::Name, limits::NAME_MAX, false
);

text_type!(
    /// Where a meeting is held, on one line.
    Place, Field::Place, limits::PLACE_MAX, false
);
text_type!(
    /// One item of a meeting's agenda, on one line.
    AgendaItem, Field::Agenda, limits::AGENDA_ITEM_MAX, false
);

/// A short single-line text: a member's service or role, a row's name. Which field it is
/// only matters for the message when it is refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct ShortText(String);

impl ShortText {
    /// Trims and validates, naming `field` in the message if refused.
    pub fn parse_as(field: Field, raw: &str) -> Result<Self, Rejection> {
        clean(field, raw, limits::SHORT_TEXT_MAX, false).map(Self)
    }

    /// Trims and validates a short label (the field named in a refusal is "the text").
    pub fn parse(raw: &str) -> Result<Self, Rejection> {
        Self::parse_as(Field::Label, raw)
    }
}

validated_string!(ShortText);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_blank_trims_and_drops_blank_text() {
        assert_eq!(non_blank(None), None);
        assert_eq!(non_blank(Some("")), None);
        assert_eq!(non_blank(Some(" \n\t ")), None);
        assert_eq!(non_blank(Some("Oslo")), Some("Oslo"));
        assert_eq!(non_blank(Some("  NAV Oslo \n")), Some("NAV Oslo"));
    }

    #[test]
    fn card_text_is_trimmed() {
        assert_eq!(
            CardText::parse("  Søke bostøtte \n").unwrap().as_str(),
            "Søke bostøtte"
        );
    }

    #[test]
    fn card_text_counts_characters_not_bytes() {
        let max = "ø".repeat(limits::CARD_TEXT_MAX);
        assert!(CardText::parse(&max).is_ok());
        let over = "ø".repeat(limits::CARD_TEXT_MAX + 1);
        assert_eq!(
            CardText::parse(&over),
            Err(Rejection::TooLong {
                field: Field::CardText,
                max: 500,
                len: 501
            })
        );
    }

    #[test]
    fn whitespace_only_card_text_is_empty() {
        assert_eq!(
            CardText::parse(" \n\t "),
            Err(Rejection::Empty {
                field: Field::CardText
            })
        );
    }

    #[test]
    fn line_breaks_are_allowed_in_cards_but_not_in_names() {
        assert_eq!(CardText::parse("a\r\nb").unwrap().as_str(), "a\nb");
        assert_eq!(
            PersonName::parse("Kari\nNordmann"),
            Err(Rejection::InvalidCharacters { field: Field::Name })
        );
    }

    #[test]
    fn control_characters_are_refused() {
        assert_eq!(
            CardText::parse("a\u{0}b"),
            Err(Rejection::InvalidCharacters {
                field: Field::CardText
            })
        );
    }

    #[test]
    fn deserializing_validates_too() {
        assert!(serde_json::from_str::<CardText>("\"   \"").is_err());
        assert_eq!(
            serde_json::from_str::<Title>("\" Plan \"")
                .unwrap()
                .as_str(),
            "Plan"
        );
    }
}
