//! What the model's property tests share: a board to start from and random operations on
//! a small set of cards, so that they collide.

#![allow(dead_code, reason = "each test binary uses a different part")]

use model::*;
use proptest::prelude::*;

/// A fresh board for Kari.
pub fn board() -> Board {
    CreateBoard {
        citizen_name: "Kari Nordmann".into(),
        title: None,
        short_term_by: IsoDate::parse("2027-06-01"),
        long_term_by: IsoDate::parse("2029-06-01"),
    }
    .into_board(BoardId::from_random_bytes([7; 16]), Timestamp(1_000))
    .unwrap()
}

/// The card id number `n` (a small set, so operations meet on the same cards).
pub fn card_id(n: u8) -> CardId {
    CardId::from_random_bytes([n; 16])
}

pub fn themes() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["jobb", "okonomi", "rus", "finnes-ikke"])
}
pub fn columns() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["dagens-situasjon", "na", "lang-sikt"])
}

/// A random operation on a small set of card ids, with some invalid input mixed in.
pub fn arb_op() -> impl Strategy<Value = (u8, u8, &'static str, &'static str, usize, String)> {
    (
        0u8..17,
        1u8..6,
        themes(),
        columns(),
        0usize..6,
        prop::sample::select(vec![
            "ok".to_string(),
            "  trimmed ".to_string(),
            "   ".to_string(),
            "x".repeat(501),
        ]),
    )
}

pub fn build_op(
    b: &Board,
    (kind, n, theme, column, index, text): &(u8, u8, &str, &str, usize, String),
) -> Operation {
    let placement = Placement::cell(theme, column).unwrap();
    let order = b
        .order_key_at(&placement, *index, Some(card_id(*n)))
        .to_string();
    match kind {
        0 => Operation::CreateCard {
            card_id: card_id(*n),
            placement,
            order,
            text: text.clone(),
        },
        1 => Operation::MoveCard {
            card_id: card_id(*n),
            placement,
            order,
        },
        2 => Operation::EditCard {
            card_id: card_id(*n),
            text: Some(text.clone()),
            responsible: Patch::Keep,
            due: Patch::Keep,
            status: None,
            note: Patch::Keep,
        },
        3 => Operation::DeleteCard {
            card_id: card_id(*n),
        },
        4 => Operation::RestoreCard {
            card_id: card_id(*n),
        },
        5 => Operation::EditTheme {
            theme_id: SlotId::parse(theme).unwrap(),
            label: if *index % 2 == 0 {
                Patch::Set(text.clone())
            } else {
                Patch::Clear
            },
            hidden: Some(*index % 3 == 0),
        },
        6 => Operation::AddTheme {
            theme_id: SlotId::parse(&format!("egen-{n}")).unwrap(),
            label: text.clone(),
        },
        7 => Operation::AddMember {
            member_id: MemberId::from_random_bytes([*n; 16]),
            member: MemberFields {
                name: text.clone(),
                phone: (*index % 2 == 0).then(|| "912 34 567".to_string()),
                // A few accounts, so that the same account is sometimes added twice.
                account: (*index % 3 != 0)
                    .then(|| AccountId::from_random_bytes([*index as u8; 16])),
                ..MemberFields::default()
            },
        },
        8 => Operation::RemoveMember {
            member_id: MemberId::from_random_bytes([*n; 16]),
        },
        9 => Operation::EditCard {
            card_id: card_id(*n),
            text: None,
            responsible: Patch::Set(Responsible::Member {
                member_id: MemberId::from_random_bytes([*index as u8; 16]),
            }),
            due: Patch::Keep,
            status: None,
            note: Patch::Keep,
        },
        10 => Operation::SetLead {
            member_id: MemberId::from_random_bytes([*n; 16]),
        },
        11 => Operation::SetConsent {
            consent: (*index % 4 != 0).then(|| ConsentFields {
                date: IsoDate::parse("2026-11-01").unwrap(),
                services: vec![text.clone(), "NAV".into()],
            }),
        },
        13 => Operation::SetContact {
            member_id: (*index % 3 != 0).then(|| MemberId::from_random_bytes([*n; 16])),
        },
        14 | 15 => {
            let meeting = MeetingFields {
                // The contexts are in 1970: one date in the past, the others ahead.
                date: IsoDate::parse(["1969-12-31", "2027-01-12", "2027-03-02"][*index % 3])
                    .unwrap(),
                time: TimeOfDay::parse("10:00").unwrap(),
                minutes: None,
                place: (*index != 4).then(|| text.clone()),
                video_link: None,
                agenda: vec![text.clone(); *index],
                invited: vec![
                    Invitee::Citizen,
                    Invitee::Member {
                        member_id: MemberId::from_random_bytes([*index as u8; 16]),
                    },
                ],
                interpreter: (*index % 2 == 1).then(|| "Arabisk".into()),
            };
            let meeting_id = MeetingId::from_random_bytes([*n; 16]);
            if *kind == 14 {
                Operation::ScheduleMeeting {
                    meeting_id,
                    meeting,
                }
            } else {
                Operation::EditMeeting {
                    meeting_id,
                    meeting,
                }
            }
        }
        16 => Operation::CancelMeeting {
            meeting_id: MeetingId::from_random_bytes([*n; 16]),
        },
        _ => Operation::SetHeader {
            title: Some(text.clone()),
            citizen_name: None,
            short_term_by: Patch::Keep,
            long_term_by: Patch::Keep,
            stage: Stage::ALL
                .get(*index)
                .map_or(Patch::Clear, |s| Patch::Set(*s)),
            citizen_may_add: Some(*index % 2 == 0),
        },
    }
}
