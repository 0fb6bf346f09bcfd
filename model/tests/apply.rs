//! How operations change a board, and how refused ones leave it alone.

mod common;

use common::*;
use model::*;
use proptest::prelude::*;

fn ctx(n: u8) -> ApplyContext {
    ApplyContext {
        actor: "Ola".into(),
        at: Timestamp(2_000 + i64::from(n)),
        client_op_id: ClientOpId::from_random_bytes([n; 16]),
    }
}

fn create(b: &Board, n: u8, theme: &str, column: &str, text: &str) -> Operation {
    let placement = Placement::cell(theme, column).unwrap();
    let order = b.order_key_at(&placement, usize::MAX, None).to_string();
    Operation::CreateCard {
        card_id: card_id(n),
        placement,
        order,
        text: text.into(),
    }
}

/// Applies `op` and asserts it is refused with `expected`, leaving the board untouched.
fn assert_refused(b: &mut Board, op: Operation, expected: Rejection) {
    let before = b.clone();
    assert_eq!(b.apply(&op, &ctx(99)), Err(expected));
    assert_eq!(*b, before, "a refused operation must not change the board");
}

#[test]
fn a_new_board_gets_its_title_from_the_citizen() {
    let b = board();
    assert_eq!(b.title.as_str(), "Planen til Kari Nordmann");
    assert_eq!(b.version, 0);
}

#[test]
fn creating_a_card_makes_the_next_version_with_cleaned_text() {
    let mut b = board();
    let ev = b
        .apply(
            &create(&b, 1, "okonomi", "na", "  Søke bostøtte  "),
            &ctx(1),
        )
        .unwrap();
    assert_eq!(ev.version, 1);
    assert_eq!(b.version, 1);
    let card = &b.cards[&card_id(1)];
    assert_eq!(card.text.as_str(), "Søke bostøtte");
    assert_eq!(card.created_by, "Ola");
    match ev.op {
        Operation::CreateCard { text, .. } => assert_eq!(text, "Søke bostøtte"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn empty_and_huge_card_texts_are_refused() {
    let mut b = board();
    let op = create(&b, 1, "jobb", "na", "   ");
    assert_refused(
        &mut b,
        op,
        Rejection::Empty {
            field: Field::CardText,
        },
    );
    let huge = "x".repeat(10 * 1024 * 1024);
    let op = create(&b, 1, "jobb", "na", &huge);
    assert_refused(
        &mut b,
        op,
        Rejection::TooLong {
            field: Field::CardText,
            max: 500,
            len: huge.len(),
        },
    );
}

#[test]
fn a_card_cannot_go_into_a_cell_that_does_not_exist() {
    let mut b = board();
    for (theme, column) in [("hobby", "na"), ("jobb", "i-morgen")] {
        let op = Operation::CreateCard {
            card_id: card_id(1),
            placement: Placement::cell(theme, column).unwrap(),
            order: "V".into(),
            text: "x".into(),
        };
        assert_refused(&mut b, op, Rejection::UnknownCell);
    }
    let op = Operation::CreateCard {
        card_id: card_id(1),
        placement: Placement::zone("ingen-sone").unwrap(),
        order: "V".into(),
        text: "x".into(),
    };
    assert_refused(&mut b, op, Rejection::UnknownCell);
}

#[test]
fn a_card_id_can_only_be_created_once() {
    let mut b = board();
    b.apply(&create(&b, 1, "jobb", "na", "a"), &ctx(1)).unwrap();
    let op = create(&b, 1, "rus", "na", "b");
    assert_refused(&mut b, op, Rejection::CardExists);
}

#[test]
fn moving_a_card_changes_its_cell_and_position() {
    let mut b = board();
    b.apply(&create(&b, 1, "jobb", "na", "a"), &ctx(1)).unwrap();
    b.apply(&create(&b, 2, "okonomi", "na", "b"), &ctx(2))
        .unwrap();
    let to = Placement::cell("okonomi", "na").unwrap();
    let order = b.order_key_at(&to, 0, Some(card_id(1))).to_string();
    b.apply(
        &Operation::MoveCard {
            card_id: card_id(1),
            placement: to.clone(),
            order,
        },
        &ctx(3),
    )
    .unwrap();
    let ids: Vec<CardId> = b.cards_at(&to).iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![card_id(1), card_id(2)]);
    assert!(
        b.cards_at(&Placement::cell("jobb", "na").unwrap())
            .is_empty()
    );
}

#[test]
fn a_move_with_a_malformed_ordering_key_is_refused() {
    let mut b = board();
    b.apply(&create(&b, 1, "jobb", "na", "a"), &ctx(1)).unwrap();
    let op = Operation::MoveCard {
        card_id: card_id(1),
        placement: Placement::cell("jobb", "kort-sikt").unwrap(),
        order: "not a key".into(),
    };
    assert_refused(&mut b, op, Rejection::InvalidOrderKey);
}

#[test]
fn an_edit_to_a_deleted_card_says_the_card_was_deleted() {
    let mut b = board();
    b.apply(&create(&b, 1, "jobb", "na", "a"), &ctx(1)).unwrap();
    b.apply(
        &Operation::DeleteCard {
            card_id: card_id(1),
        },
        &ctx(2),
    )
    .unwrap();
    assert!(
        b.cards[&card_id(1)].deleted,
        "deleted cards stay for history"
    );
    let edit = Operation::EditCard {
        card_id: card_id(1),
        text: Some("b".into()),
        responsible: Patch::Keep,
        due: Patch::Keep,
        status: None,
        note: Patch::Keep,
    };
    assert_refused(&mut b, edit, Rejection::CardDeleted);
    let delete = Operation::DeleteCard {
        card_id: card_id(1),
    };
    assert_refused(&mut b, delete, Rejection::CardDeleted);
}

#[test]
fn an_edit_to_an_unknown_card_is_refused() {
    let mut b = board();
    let op = Operation::DeleteCard {
        card_id: card_id(9),
    };
    assert_refused(&mut b, op, Rejection::UnknownCard);
}

#[test]
fn editing_sets_and_clears_fields() {
    let mut b = board();
    b.apply(&create(&b, 1, "jobb", "na", "a"), &ctx(1)).unwrap();
    let set = Operation::EditCard {
        card_id: card_id(1),
        text: None,
        responsible: Patch::Set(Responsible::Outside {
            name: " Fastlegen ".into(),
        }),
        due: Patch::Set(IsoDate::parse("2027-01-15").unwrap()),
        status: Some(CardStatus::Proposed),
        note: Patch::Set("Husk legeerklæring".into()),
    };
    b.apply(&set, &ctx(2)).unwrap();
    let c = &b.cards[&card_id(1)];
    assert_eq!(
        c.responsible,
        Some(Responsible::Outside {
            name: "Fastlegen".into()
        })
    );
    assert_eq!(c.due.map(|d| d.to_string()).as_deref(), Some("2027-01-15"));
    assert_eq!(c.status, CardStatus::Proposed);
    let clear = Operation::EditCard {
        card_id: card_id(1),
        text: None,
        responsible: Patch::Clear,
        due: Patch::Clear,
        status: None,
        note: Patch::Clear,
    };
    b.apply(&clear, &ctx(3)).unwrap();
    let c = &b.cards[&card_id(1)];
    assert_eq!(
        (c.responsible.clone(), c.due, c.note.clone()),
        (None, None, None)
    );
}

#[test]
fn an_edit_that_changes_nothing_is_refused() {
    let mut b = board();
    b.apply(&create(&b, 1, "jobb", "na", "a"), &ctx(1)).unwrap();
    let op = Operation::EditCard {
        card_id: card_id(1),
        text: None,
        responsible: Patch::Keep,
        due: Patch::Keep,
        status: None,
        note: Patch::Keep,
    };
    assert_refused(&mut b, op, Rejection::EmptyEdit);
}

#[test]
fn the_short_term_horizon_cannot_come_after_the_long_term_one() {
    let mut b = board();
    let op = Operation::SetHeader {
        title: None,
        citizen_name: None,
        short_term_by: Patch::Set(IsoDate::parse("2030-01-01").unwrap()),
        long_term_by: Patch::Keep,
        stage: Patch::Keep,
        citizen_may_add: None,
    };
    assert_refused(&mut b, op, Rejection::HorizonOrder);
    let ok = Operation::SetHeader {
        title: Some("Planen til Kari".into()),
        citizen_name: Some("Kari".into()),
        short_term_by: Patch::Clear,
        long_term_by: Patch::Keep,
        stage: Patch::Keep,
        citizen_may_add: None,
    };
    b.apply(&ok, &ctx(1)).unwrap();
    assert_eq!(
        (b.title.as_str(), b.short_term_by),
        ("Planen til Kari", None)
    );
}

#[test]
fn events_must_be_replayed_in_order() {
    let mut server = board();
    let mut client = server.clone();
    let e1 = server
        .apply(&create(&server, 1, "jobb", "na", "a"), &ctx(1))
        .unwrap();
    let e2 = server
        .apply(&create(&server, 2, "jobb", "na", "b"), &ctx(2))
        .unwrap();
    assert_eq!(
        client.apply_event(&e2),
        Err(Rejection::OutOfOrder { got: 2, current: 0 })
    );
    client.apply_event(&e1).unwrap();
    client.apply_event(&e2).unwrap();
    assert_eq!(client, server);
}

#[test]
fn operations_refuse_unknown_fields_and_read_patches() {
    let id = card_id(1);
    let unknown = format!(r#"{{"delete_card":{{"card_id":"{id}","extra":1}}}}"#);
    assert!(serde_json::from_str::<Operation>(&unknown).is_err());
    let unknown_type = format!(r#"{{"explode":{{"card_id":"{id}"}}}}"#);
    assert!(serde_json::from_str::<Operation>(&unknown_type).is_err());
    let two_ops = format!(r#"{{"delete_card":{{"card_id":"{id}"}},"explode":{{}}}}"#);
    assert!(serde_json::from_str::<Operation>(&two_ops).is_err());

    let edit = format!(r#"{{"edit_card":{{"card_id":"{id}","due":null,"note":"n"}}}}"#);
    match serde_json::from_str::<Operation>(&edit).unwrap() {
        Operation::EditCard {
            due,
            note,
            responsible,
            text,
            ..
        } => {
            assert_eq!(due, Patch::Clear);
            assert_eq!(note, Patch::Set("n".into()));
            assert_eq!(responsible, Patch::Keep);
            assert_eq!(text, None);
        }
        other => panic!("unexpected {other:?}"),
    }
    let bad_date = format!(r#"{{"edit_card":{{"card_id":"{id}","due":"2027-02-30"}}}}"#);
    assert!(serde_json::from_str::<Operation>(&bad_date).is_err());
}

#[test]
fn an_operation_survives_a_round_trip_through_json() {
    let op = Operation::EditCard {
        card_id: card_id(3),
        text: Some("t".into()),
        responsible: Patch::Clear,
        due: Patch::Set(IsoDate::parse("2027-01-15").unwrap()),
        status: Some(CardStatus::Postponed {
            until: IsoDate::parse("2027-02-01").unwrap(),
        }),
        note: Patch::Keep,
    };
    let json = serde_json::to_string(&op).unwrap();
    assert_eq!(serde_json::from_str::<Operation>(&json).unwrap(), op);
}

#[test]
fn rejections_have_codes_and_messages_in_both_languages() {
    let all = [
        Rejection::Empty {
            field: Field::CardText,
        },
        Rejection::Empty { field: Field::Name },
        Rejection::TooLong {
            field: Field::CardText,
            max: 500,
            len: 501,
        },
        Rejection::InvalidCharacters {
            field: Field::Title,
        },
        Rejection::UnknownCard,
        Rejection::CardDeleted,
        Rejection::CardExists,
        Rejection::UnknownCell,
        Rejection::HiddenRow,
        Rejection::InvalidOrderKey,
        Rejection::EmptyEdit,
        Rejection::HorizonOrder,
        Rejection::TooManyCards { max: 2000 },
        Rejection::BaseVersionAhead {
            base: 3,
            current: 2,
        },
        Rejection::TooManyItems {
            field: Field::Agenda,
            max: 30,
        },
        Rejection::MeetingInPast,
        Rejection::MeetingWhere,
        Rejection::MeetingLength { min: 15, max: 480 },
        Rejection::UnknownMeeting,
        Rejection::MeetingExists,
        Rejection::MeetingCancelled,
        Rejection::TooManyMeetings { max: 200 },
        Rejection::HoursOrder {
            day: Weekday::Monday,
        },
        Rejection::AbsenceOrder,
        Rejection::SubstituteIsSelf,
        Rejection::ContactNeedsAccount,
        Rejection::InvalidFormat {
            field: Field::VideoLink,
        },
    ];
    for r in all {
        assert!(!r.code().is_empty());
        assert!((400..500).contains(&r.status()));
        assert_ne!(r.message(Lang::Nb), r.message(Lang::En), "{r:?}");
    }
    assert_eq!(
        Rejection::Empty {
            field: Field::CardText
        }
        .message(Lang::Nb),
        "Kortet må ha tekst. Skriv noen ord før du lagrer."
    );
}

// ---------------------------------------------------------------------------------------
// Properties over random operation sequences.

proptest! {
    #[test]
    fn refused_operations_change_nothing_and_accepted_ones_replay_identically(
        ops in prop::collection::vec(arb_op(), 1..60)
    ) {
        let mut server = board();
        let mut replica = server.clone();
        for (i, spec) in ops.iter().enumerate() {
            let op = build_op(&server, spec);
            let before = server.clone();
            match server.apply(&op, &ctx(i as u8)) {
                Ok(ev) => {
                    prop_assert_eq!(ev.version, before.version + 1);
                    // The cleaned operation in the event rebuilds exactly the same board.
                    replica.apply_event(&ev).unwrap();
                    prop_assert_eq!(&replica, &server);
                    // And it survives a trip through JSON, as it does on the wire.
                    let wire: Event = serde_json::from_str(&serde_json::to_string(&ev).unwrap()).unwrap();
                    prop_assert_eq!(wire, ev);
                }
                Err(_) => prop_assert_eq!(&server, &before),
            }
            // Every cell stays strictly ordered.
            for p in server.cards.values().map(|c| c.placement.clone()).collect::<Vec<_>>() {
                let cards = server.cards_at(&p);
                prop_assert!(cards.windows(2).all(|w| (&w[0].order, w[0].id) < (&w[1].order, w[1].id)));
            }
        }
        // The whole board survives a trip through JSON too (the snapshot the app loads).
        let json = serde_json::to_string(&server).unwrap();
        prop_assert_eq!(serde_json::from_str::<Board>(&json).unwrap(), server);
    }
}
