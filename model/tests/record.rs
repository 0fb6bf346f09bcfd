//! Meetings held on the board, their minutes and the citizen's answers; the history told
//! in plain language.

use model::*;

fn board() -> Board {
    let mut b = CreateBoard {
        citizen_name: "Kari Nordmann".into(),
        title: None,
        short_term_by: None,
        long_term_by: None,
    }
    .into_board(BoardId::from_random_bytes([3; 16]), Timestamp(1_000))
    .unwrap();
    for (n, name, service) in [
        (1, "Ola Nordmann", "NAV"),
        (2, "Siri Hansen", "Boligkontoret"),
    ] {
        apply(
            &mut b,
            Operation::AddMember {
                member_id: member_id(n),
                member: MemberFields {
                    name: name.into(),
                    service: Some(service.into()),
                    ..MemberFields::default()
                },
            },
        );
    }
    b
}

fn apply(b: &mut Board, op: Operation) -> Event {
    let v = b.version;
    let ctx = ApplyContext {
        actor: "Ola Nordmann".into(),
        at: Timestamp(10_000 + i64::try_from(v).unwrap() * 1_000),
        client_op_id: ClientOpId::from_random_bytes([u8::try_from(v % 250).unwrap(); 16]),
    };
    b.apply(&op, &ctx).expect("accepted")
}

fn refused(b: &mut Board, op: Operation) -> Rejection {
    let before = b.clone();
    let ctx = ApplyContext {
        actor: "Ola Nordmann".into(),
        at: Timestamp(999_999),
        client_op_id: ClientOpId::from_random_bytes([251; 16]),
    };
    let r = b.apply(&op, &ctx).expect_err("refused");
    assert_eq!(*b, before, "a refused operation must not change the board");
    r
}

fn member_id(n: u8) -> MemberId {
    MemberId::from_random_bytes([n; 16])
}

fn card(b: &mut Board, n: u8, text: &str, r: Option<Responsible>, due: Option<&str>) -> CardId {
    let id = CardId::from_random_bytes([n; 16]);
    let placement = Placement::cell("jobb", "na").unwrap();
    let order = b.order_key_at(&placement, 99, None).to_string();
    apply(
        b,
        Operation::CreateCard {
            card_id: id,
            placement,
            order,
            text: text.into(),
        },
    );
    if r.is_some() || due.is_some() {
        apply(
            b,
            Operation::EditCard {
                card_id: id,
                text: None,
                responsible: r.map_or(Patch::Keep, Patch::Set),
                due: due.map_or(Patch::Keep, |d| Patch::Set(IsoDate::parse(d).unwrap())),
                status: None,
                note: Patch::Keep,
            },
        );
    }
    id
}

fn ola() -> Attendee {
    Attendee::Member {
        member_id: member_id(1),
    }
}

#[test]
fn a_meeting_records_who_was_there_and_freezes_who_does_what_by_when() {
    let mut b = board();
    let before = card(&mut b, 1, "Ringe legen", Some(Responsible::Citizen), None);
    apply(
        &mut b,
        Operation::StartMeeting {
            meeting_id: None,
            present: vec![ola(), ola()],
        },
    );
    let session = b.session.clone().unwrap();
    assert_eq!(session.present, vec![ola()], "ticked once");
    apply(
        &mut b,
        Operation::SetPresent {
            attendee: Attendee::Citizen,
            present: true,
        },
    );
    apply(
        &mut b,
        Operation::SetPresent {
            attendee: Attendee::Other {
                name: "  Lise Nordmann ".into(),
            },
            present: true,
        },
    );
    let siri = Responsible::Member {
        member_id: member_id(2),
    };
    let late = card(
        &mut b,
        2,
        "Søke bostøtte",
        Some(siri.clone()),
        Some("2027-02-01"),
    );
    let soon = card(
        &mut b,
        3,
        "Sende husleiekontrakt",
        Some(siri),
        Some("2027-01-10"),
    );
    card(&mut b, 4, "Ingen ansvarlig", None, None);
    assert!(b.card_changed_since(late, session.started_version));
    assert!(!b.card_changed_since(before, session.started_version));
    apply(&mut b, Operation::EndMeeting {});
    assert!(b.session.is_none());
    let info = b.minutes[0].clone();
    assert_eq!(
        (info.number, info.revision, info.version),
        (1, 1, b.version)
    );
    let minutes = b.freeze_minutes(&info);
    assert_eq!(
        minutes.present_names,
        ["Ola Nordmann (NAV)", "Kari Nordmann", "Lise Nordmann"]
    );
    let groups: Vec<(&str, Vec<&str>)> = minutes
        .tasks
        .iter()
        .map(|g| {
            (
                g.name.as_str(),
                g.tasks.iter().map(|t| t.text.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("Kari Nordmann", vec!["Ringe legen"]),
            (
                "Siri Hansen (Boligkontoret)",
                vec!["Sende husleiekontrakt", "Søke bostøtte"]
            ),
        ]
    );
    assert_eq!(
        minutes.tasks[1].tasks[0].due,
        IsoDate::parse("2027-01-10"),
        "the soonest frist first"
    );
    assert_eq!(minutes.tasks[1].tasks[0].card_id, soon);
    assert_eq!(b.last_meeting_version(), Some(info.version));
}

#[test]
fn meetings_refuse_what_does_not_fit() {
    let mut b = board();
    assert_eq!(
        refused(&mut b, Operation::EndMeeting {}),
        Rejection::NoMeetingRunning
    );
    assert_eq!(
        refused(
            &mut b,
            Operation::SetPresent {
                attendee: ola(),
                present: true
            }
        ),
        Rejection::NoMeetingRunning
    );
    assert_eq!(
        refused(
            &mut b,
            Operation::StartMeeting {
                meeting_id: None,
                present: vec![Attendee::Member {
                    member_id: member_id(9)
                }],
            }
        ),
        Rejection::UnknownMember
    );
    apply(
        &mut b,
        Operation::StartMeeting {
            meeting_id: None,
            present: vec![ola()],
        },
    );
    assert_eq!(
        refused(
            &mut b,
            Operation::StartMeeting {
                meeting_id: None,
                present: vec![]
            }
        ),
        Rejection::MeetingRunning
    );
    assert_eq!(
        refused(
            &mut b,
            Operation::SetPresent {
                attendee: ola(),
                present: true
            }
        ),
        Rejection::EmptyEdit,
        "already ticked"
    );
    assert_eq!(
        refused(
            &mut b,
            Operation::SetPresent {
                attendee: Attendee::Other { name: "  ".into() },
                present: true
            }
        ),
        Rejection::Empty { field: Field::Name }
    );
}

#[test]
fn a_correction_is_a_new_version_and_the_citizen_answers_the_newest() {
    let mut b = board();
    for _ in 0..2 {
        apply(
            &mut b,
            Operation::StartMeeting {
                meeting_id: None,
                present: vec![],
            },
        );
        apply(&mut b, Operation::EndMeeting {});
    }
    assert_eq!(
        refused(
            &mut b,
            Operation::CorrectMinutes {
                number: 1,
                note: "x".into()
            }
        ),
        Rejection::MinutesNotLatest
    );
    assert_eq!(
        refused(
            &mut b,
            Operation::CorrectMinutes {
                number: 7,
                note: "x".into()
            }
        ),
        Rejection::UnknownMinutes
    );
    assert_eq!(
        refused(
            &mut b,
            Operation::CorrectMinutes {
                number: 2,
                note: " ".into()
            }
        ),
        Rejection::Empty {
            field: Field::Correction
        }
    );
    apply(
        &mut b,
        Operation::AnswerMinutes {
            number: 2,
            revision: 1,
            agrees: false,
            comment: Some("Jeg sa ja til kurs, ikke jobb.".into()),
        },
    );
    assert_eq!(b.open_objections().len(), 1);
    apply(
        &mut b,
        Operation::CorrectMinutes {
            number: 2,
            note: "Rettet: kurs, ikke jobb.".into(),
        },
    );
    let latest = b.latest_minutes();
    assert_eq!((latest[0].number, latest[0].revision), (2, 2));
    assert_eq!(latest[1].number, 1);
    assert!(b.open_objections().is_empty(), "the correction answers it");
    assert_eq!(
        refused(
            &mut b,
            Operation::AnswerMinutes {
                number: 2,
                revision: 1,
                agrees: true,
                comment: None
            }
        ),
        Rejection::MinutesSuperseded
    );
    assert_eq!(
        refused(
            &mut b,
            Operation::AnswerMinutes {
                number: 2,
                revision: 3,
                agrees: true,
                comment: None
            }
        ),
        Rejection::UnknownMinutes
    );
    apply(
        &mut b,
        Operation::AnswerMinutes {
            number: 2,
            revision: 2,
            agrees: true,
            comment: Some("   ".into()),
        },
    );
    let answer = b.latest_minutes()[0].answer().unwrap().clone();
    assert!(answer.agrees);
    assert_eq!(answer.comment, None, "a blank comment is no comment");
    // The first version still has the objection, as it was given.
    assert!(!b.minutes[1].answers[0].agrees);
}

#[test]
fn the_history_says_who_moved_what_from_where_to_where() {
    let mut b = board();
    let id = card(&mut b, 1, "Søke bostøtte", None, None);
    let before = b.clone();
    let placement = Placement::cell("jobb", "dagens-situasjon").unwrap();
    let event = apply(
        &mut b,
        Operation::MoveCard {
            card_id: id,
            placement,
            order: "a0".into(),
        },
    );
    assert_eq!(
        before.describe(&event, Lang::Nb),
        "Ola Nordmann (NAV) flyttet «Søke bostøtte» fra Det vi skal gjøre nå til Dagens situasjon"
    );
    assert_eq!(
        before.describe(&event, Lang::En),
        "Ola Nordmann (NAV) moved «Søke bostøtte» from What we do now to Today's situation"
    );
    let to_housing = Placement::cell("bosituasjon", "na").unwrap();
    let before = b.clone();
    let event = apply(
        &mut b,
        Operation::MoveCard {
            card_id: id,
            placement: to_housing,
            order: "a0".into(),
        },
    );
    assert_eq!(
        before.describe(&event, Lang::Nb),
        "Ola Nordmann (NAV) flyttet «Søke bostøtte» fra Jobb – Dagens situasjon til \
         Bosituasjon – Det vi skal gjøre nå"
    );
    assert_eq!(
        before.themes_touched(&event.op),
        [
            SlotId::parse("jobb").unwrap(),
            SlotId::parse("bosituasjon").unwrap()
        ]
    );
}

#[test]
fn telling_the_history_replays_to_the_board() {
    let mut b = board();
    let origin = b.clone();
    let mut events = Vec::new();
    let id = CardId::from_random_bytes([1; 16]);
    for op in [
        Operation::CreateCard {
            card_id: id,
            placement: Placement::zone("drommer").unwrap(),
            order: "a0".into(),
            text: "Egen leilighet".into(),
        },
        Operation::EditCard {
            card_id: id,
            text: Some("Egen leilighet med hund".into()),
            responsible: Patch::Set(Responsible::Citizen),
            due: Patch::Set(IsoDate::parse("2027-03-01").unwrap()),
            status: Some(CardStatus::Done),
            note: Patch::Keep,
        },
        Operation::DeleteCard { card_id: id },
    ] {
        events.push(apply(&mut b, op));
    }
    let (lines, after) = tell(origin, &events, Lang::Nb);
    assert_eq!(after, b);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Ola Nordmann (NAV) la til «Egen leilighet» i Det jeg drømmer om",
            "Ola Nordmann (NAV) endret «Egen leilighet»: ny tekst «Egen leilighet med hund», \
             ansvarlig Kari Nordmann, frist 01.03.2027 og markert som gjort",
            "Ola Nordmann (NAV) slettet «Egen leilighet med hund»",
        ]
    );
    assert!(lines.iter().all(|l| l.card_id == Some(id)));
}

#[test]
fn a_meeting_does_not_start_when_its_minutes_would_have_no_room() {
    let mut b = board();
    apply(
        &mut b,
        Operation::StartMeeting {
            meeting_id: None,
            present: vec![],
        },
    );
    apply(&mut b, Operation::EndMeeting {});
    let one = b.minutes[0].clone();
    b.minutes = vec![one; limits::MINUTES_MAX];
    assert_eq!(
        refused(
            &mut b,
            Operation::StartMeeting {
                meeting_id: None,
                present: vec![]
            }
        ),
        Rejection::TooManyMinutes {
            max: limits::MINUTES_MAX
        }
    );
}

#[test]
fn the_minutes_name_the_next_meeting_not_the_one_held() {
    let mut b = board();
    let plan = |b: &mut Board, date: &str| {
        let id = MeetingId::from_random_bytes([date.len() as u8 + b.version as u8; 16]);
        apply(
            b,
            Operation::ScheduleMeeting {
                meeting_id: id,
                meeting: MeetingFields {
                    date: IsoDate::parse(date).unwrap(),
                    time: TimeOfDay::parse("10:00").unwrap(),
                    minutes: None,
                    place: Some("NAV".into()),
                    video_link: None,
                    agenda: vec![],
                    invited: vec![],
                    interpreter: None,
                },
            },
        );
        id
    };
    let held = plan(&mut b, "2027-01-05");
    let next = plan(&mut b, "2027-02-05");
    apply(
        &mut b,
        Operation::StartMeeting {
            meeting_id: Some(held),
            present: vec![],
        },
    );
    apply(&mut b, Operation::EndMeeting {});
    let minutes = b.freeze_minutes(&b.minutes[0].clone());
    assert_eq!(minutes.next_meeting.map(|m| m.id), Some(next));
}

#[test]
fn a_tick_is_taken_away_from_someone_who_has_left_the_team() {
    let mut b = board();
    let siri = Attendee::Member {
        member_id: member_id(2),
    };
    apply(
        &mut b,
        Operation::StartMeeting {
            meeting_id: None,
            present: vec![siri.clone()],
        },
    );
    apply(
        &mut b,
        Operation::RemoveMember {
            member_id: member_id(2),
        },
    );
    assert_eq!(
        refused(
            &mut b,
            Operation::SetPresent {
                attendee: siri.clone(),
                present: true
            }
        ),
        Rejection::UnknownMember,
        "no new tick for someone who has left"
    );
    apply(
        &mut b,
        Operation::SetPresent {
            attendee: siri,
            present: false,
        },
    );
    assert!(b.session.unwrap().present.is_empty());
}
