//! Two people editing one card at once: different fields merge, and an edit that replaces
//! what someone else wrote after the version it was based on names what it replaced.

use model::*;

struct Scene {
    board: Board,
    events: Vec<Event>,
    card: CardId,
}

fn edit_text(card: CardId, text: &str) -> Operation {
    Operation::EditCard {
        card_id: card,
        text: Some(text.into()),
        responsible: Patch::Keep,
        due: Patch::Keep,
        status: None,
        note: Patch::Keep,
    }
}

impl Scene {
    /// A board with one card "Søke bostøtte", created by Ola at version 1.
    fn new() -> Scene {
        let mut board = CreateBoard {
            citizen_name: "Kari Nordmann".into(),
            title: None,
            short_term_by: None,
            long_term_by: None,
        }
        .into_board(BoardId::from_random_bytes([3; 16]), Timestamp(1_000))
        .unwrap();
        let card = CardId::from_random_bytes([7; 16]);
        let mut scene = Scene {
            board: Board::clone(&board),
            events: Vec::new(),
            card,
        };
        let created = board
            .apply(
                &Operation::CreateCard {
                    card_id: card,
                    placement: Placement::cell("bosituasjon", "na").unwrap(),
                    order: "a0".into(),
                    text: "Søke bostøtte".into(),
                },
                &ctx("Ola", 1),
            )
            .unwrap();
        scene.board = board;
        scene.events.push(created);
        scene
    }

    /// Applies `op` by `actor` as the server does: works out what it replaces of the
    /// events after `base`, then applies it.
    fn edit(&mut self, actor: &str, n: u8, base: u64, op: Operation) -> Event {
        let before = self.board.cards[&self.card].clone();
        let since: Vec<Event> = self
            .events
            .iter()
            .filter(|e| e.version > base)
            .cloned()
            .collect();
        let mut event = self.board.apply(&op, &ctx(actor, n)).unwrap();
        event.overwrote = overwrites(&event.op, actor, &before, &since);
        self.events.push(event.clone());
        event
    }
}

fn ctx(actor: &str, n: u8) -> ApplyContext {
    ApplyContext {
        actor: actor.into(),
        at: Timestamp(5_000 + i64::from(n)),
        client_op_id: ClientOpId::from_random_bytes([n; 16]),
    }
}

#[test]
fn an_edit_based_on_an_older_version_names_the_text_it_replaced_and_how_to_put_it_back() {
    let mut s = Scene::new();
    // Both saw version 1. Siri's edit arrives first, then Per's, still based on version 1.
    let siri = s.edit(
        "Siri",
        10,
        1,
        edit_text(s.card, "Søke bostøtte innen fredag"),
    );
    assert!(siri.overwrote.is_empty());
    let per = s.edit("Per", 11, 1, edit_text(s.card, "Søke bostøtte med Per"));
    assert_eq!(
        per.overwrote,
        vec![Overwrite {
            client_op_id: siri.client_op_id,
            version: siri.version,
            actor: "Siri".into(),
            restore: edit_text(s.card, "Søke bostøtte innen fredag"),
        }]
    );
    // The restore puts Siri's words back.
    let back = s.edit("Siri", 12, per.version, per.overwrote[0].restore.clone());
    assert!(back.overwrote.is_empty(), "Siri had seen Per's text");
    assert_eq!(
        s.board.cards[&s.card].text.as_str(),
        "Søke bostøtte innen fredag"
    );
}

#[test]
fn edits_of_different_fields_merge_and_replace_nothing() {
    let mut s = Scene::new();
    s.edit("Siri", 10, 1, edit_text(s.card, "Søke bostøtte nå"));
    let per = s.edit(
        "Per",
        11,
        1,
        Operation::EditCard {
            card_id: s.card,
            text: None,
            responsible: Patch::Set(Responsible::Citizen),
            due: Patch::Set(IsoDate::parse("2027-01-15").unwrap()),
            status: None,
            note: Patch::Keep,
        },
    );
    assert!(per.overwrote.is_empty());
    let card = &s.board.cards[&s.card];
    assert_eq!(card.text.as_str(), "Søke bostøtte nå");
    assert_eq!(card.responsible, Some(Responsible::Citizen));
}

#[test]
fn an_edit_that_had_seen_the_change_or_sets_the_same_words_replaces_nothing() {
    let mut s = Scene::new();
    let siri = s.edit("Siri", 10, 1, edit_text(s.card, "Ringe NAV"));
    // Per saw Siri's version.
    let seen = s.edit(
        "Per",
        11,
        siri.version,
        edit_text(s.card, "Ringe NAV i dag"),
    );
    assert!(seen.overwrote.is_empty());
    // Lise, based on version 1, writes exactly what the card already says.
    let same = s.edit("Lise", 12, 1, edit_text(s.card, "Ringe NAV i dag"));
    assert!(same.overwrote.is_empty());
}

#[test]
fn one_person_replacing_their_own_words_from_another_device_is_not_told() {
    let mut s = Scene::new();
    s.edit("Siri", 10, 1, edit_text(s.card, "Fra nettbrettet"));
    let again = s.edit("Siri", 11, 1, edit_text(s.card, "Fra telefonen"));
    assert!(again.overwrote.is_empty());
}

#[test]
fn the_last_writer_of_each_field_is_the_one_named_and_fields_are_restored_together() {
    let mut s = Scene::new();
    s.edit("Siri", 10, 1, edit_text(s.card, "Siris tekst"));
    let per = s.edit(
        "Per",
        11,
        2,
        Operation::EditCard {
            card_id: s.card,
            text: Some("Pers tekst".into()),
            responsible: Patch::Keep,
            due: Patch::Keep,
            status: None,
            note: Patch::Set("Pers notat".into()),
        },
    );
    assert!(per.overwrote.is_empty(), "Per had seen Siri's text");
    // Lise, based on version 1, sets text and note: both were Per's last.
    let lise = s.edit(
        "Lise",
        12,
        1,
        Operation::EditCard {
            card_id: s.card,
            text: Some("Lises tekst".into()),
            responsible: Patch::Keep,
            due: Patch::Keep,
            status: None,
            note: Patch::Clear,
        },
    );
    assert_eq!(lise.overwrote.len(), 1);
    let ow = &lise.overwrote[0];
    assert_eq!((ow.actor.as_str(), ow.version), ("Per", per.version));
    assert_eq!(
        ow.restore,
        Operation::EditCard {
            card_id: s.card,
            text: Some("Pers tekst".into()),
            responsible: Patch::Keep,
            due: Patch::Keep,
            status: None,
            note: Patch::Set("Pers notat".into()),
        }
    );
}

#[test]
fn an_event_without_overwrites_reads_and_writes_as_before() {
    let s = Scene::new();
    let json = serde_json::to_value(&s.events[0]).unwrap();
    assert!(json.get("overwrote").is_none());
    let back: Event = serde_json::from_value(json).unwrap();
    assert_eq!(back, s.events[0]);
}
