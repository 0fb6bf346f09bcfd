//! Every rejection and API error has its words in every language, from the one message
//! catalogue (`locales/*.json`), with its placeholders filled.

use model::{ApiErrorCode, Field, Lang, Rejection};

/// One of each rejection, with every field a rejection can name.
fn every_rejection() -> Vec<Rejection> {
    use Rejection as R;
    let f = Field::Title;
    vec![
        R::Empty {
            field: Field::CardText,
        },
        R::Empty { field: f },
        R::TooLong {
            field: Field::CardText,
            max: 500,
            len: 501,
        },
        R::TooLong {
            field: f,
            max: 120,
            len: 121,
        },
        R::InvalidCharacters { field: f },
        R::InvalidFormat {
            field: Field::Phone,
        },
        R::InvalidFormat {
            field: Field::Email,
        },
        R::InvalidFormat { field: f },
        R::CardNotDeleted,
        R::UnknownMember,
        R::MemberExists,
        R::AccountOnBoard,
        R::LeadCannotBeRemoved,
        R::LeadNeedsAccount,
        R::TooManyServices { max: 8 },
        R::TooManyMembers { max: 30 },
        R::UnknownRow,
        R::RowExists,
        R::TooManyRows { max: 12 },
        R::LastVisibleRow,
        R::UnknownCard,
        R::CardDeleted,
        R::CardExists,
        R::UnknownCell,
        R::HiddenRow,
        R::InvalidOrderKey,
        R::EmptyEdit,
        R::HorizonOrder,
        R::TooManyCards { max: 500 },
        R::BaseVersionAhead {
            base: 3,
            current: 2,
        },
        R::TooManyItems {
            field: Field::Agenda,
            max: 20,
        },
        R::MeetingInPast,
        R::MeetingWhere,
        R::MeetingLength { min: 15, max: 480 },
        R::UnknownMeeting,
        R::MeetingExists,
        R::MeetingCancelled,
        R::TooManyMeetings { max: 100 },
        R::MeetingRunning,
        R::NoMeetingRunning,
        R::UnknownMinutes,
        R::MinutesSuperseded,
        R::MinutesNotLatest,
        R::TooManyMinutes { max: 200 },
        R::HoursOrder {
            day: model::Weekday::Monday,
        },
        R::AbsenceOrder,
        R::SubstituteIsSelf,
        R::ContactNeedsAccount,
        R::OutOfOrder { got: 5, current: 3 },
    ]
}

#[test]
fn every_rejection_has_words_in_every_language_with_its_placeholders_filled() {
    for r in every_rejection() {
        for lang in [Lang::Nb, Lang::En] {
            let text = r.message(lang);
            assert!(!text.is_empty(), "{} in {lang:?}", r.code());
            assert!(!text.contains('{'), "{} in {lang:?}: {text}", r.code());
        }
    }
    assert_eq!(
        Rejection::TooLong {
            field: Field::Title,
            max: 120,
            len: 121
        }
        .message(Lang::Nb),
        "Tittelen er for lang: 121 tegn. Du kan bruke opptil 120 tegn."
    );
    assert_eq!(
        Rejection::MeetingLength { min: 15, max: 480 }.message(Lang::En),
        "A meeting can last from 15 to 480 minutes."
    );
}

#[test]
fn every_api_error_has_words_in_both_languages_and_an_error_status() {
    use ApiErrorCode as A;
    for code in [
        A::MalformedJson,
        A::InvalidRequest,
        A::UnsupportedMediaType,
        A::PayloadTooLarge,
        A::UnknownBoard,
        A::NotFound,
        A::MethodNotAllowed,
        A::BadRequest,
        A::ClientOpIdReused,
        A::Busy,
        A::Internal,
        A::NotSignedIn,
        A::Forbidden,
        A::WrongCredentials,
        A::TooManyAttempts,
        A::InvitationInvalid,
        A::WrongCode,
        A::CrossOrigin,
        A::WeakPassword,
        A::PasswordChangeRequired,
        A::EmailTaken,
        A::UnknownAccount,
        A::CallbackOpen,
        A::UnknownCallback,
    ] {
        assert_ne!(
            code.message(Lang::Nb),
            code.message(Lang::En),
            "{}",
            code.code()
        );
        assert!((400..600).contains(&code.status()), "{}", code.code());
    }
}
