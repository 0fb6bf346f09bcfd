//! The board's own operations: stage, theme rows, team members, restoring a card; and how
//! each refuses bad input while leaving the board as it was.

use model::*;

fn board() -> Board {
    CreateBoard {
        citizen_name: "Kari Nordmann".into(),
        title: None,
        short_term_by: None,
        long_term_by: None,
    }
    .into_board(BoardId::from_random_bytes([3; 16]), Timestamp(1_000))
    .unwrap()
}

fn ctx(n: u8) -> ApplyContext {
    ApplyContext {
        actor: "Ola".into(),
        at: Timestamp(5_000 + i64::from(n)),
        client_op_id: ClientOpId::from_random_bytes([n; 16]),
    }
}

fn apply(b: &mut Board, op: Operation) -> Event {
    let n = u8::try_from(b.version % 250).unwrap();
    b.apply(&op, &ctx(n)).expect("accepted")
}

fn assert_refused(b: &mut Board, op: Operation, expected: Rejection) {
    let before = b.clone();
    assert_eq!(b.apply(&op, &ctx(200)), Err(expected));
    assert_eq!(*b, before, "a refused operation must not change the board");
}

fn slot(s: &str) -> SlotId {
    SlotId::parse(s).unwrap()
}

fn member_id(n: u8) -> MemberId {
    MemberId::from_random_bytes([n; 16])
}

fn add_member(n: u8, name: &str) -> Operation {
    Operation::AddMember {
        member_id: member_id(n),
        member: MemberFields {
            name: name.into(),
            service: Some("NAV".into()),
            role: Some("Veileder".into()),
            phone: Some("912 34 567".into()),
            email: Some("ola@nav.no".into()),
            account: None,
        },
    }
}

fn stage(stage: Patch<Stage>) -> Operation {
    Operation::SetHeader {
        title: None,
        citizen_name: None,
        short_term_by: Patch::Keep,
        long_term_by: Patch::Keep,
        stage,
        citizen_may_add: None,
    }
}

fn edit_theme(id: &str, label: Patch<String>, hidden: Option<bool>) -> Operation {
    Operation::EditTheme {
        theme_id: slot(id),
        label,
        hidden,
    }
}

fn create_in(b: &mut Board, n: u8, theme: &str) -> CardId {
    let placement = Placement::cell(theme, "na").unwrap();
    let card_id = CardId::from_random_bytes([n; 16]);
    let order = b.order_key_at(&placement, usize::MAX, None).to_string();
    apply(
        b,
        Operation::CreateCard {
            card_id,
            placement,
            order,
            text: format!("kort {n}"),
        },
    );
    card_id
}

fn set_responsible(card_id: CardId, r: Responsible) -> Operation {
    Operation::EditCard {
        card_id,
        text: None,
        responsible: Patch::Set(r),
        due: Patch::Keep,
        status: None,
        note: Patch::Keep,
    }
}

#[test]
fn the_stage_is_set_changed_and_cleared() {
    let mut b = board();
    assert_eq!(b.stage, None);
    apply(&mut b, stage(Patch::Set(Stage::Untenable)));
    assert_eq!(b.stage, Some(Stage::Untenable));
    let ev = apply(&mut b, stage(Patch::Set(Stage::Stable)));
    assert_eq!(b.stage, Some(Stage::Stable));
    assert_eq!(
        serde_json::to_string(&ev.op).unwrap(),
        r#"{"set_header":{"stage":"stable"}}"#
    );
    apply(&mut b, stage(Patch::Clear));
    assert_eq!(b.stage, None);
    assert_eq!(Stage::Sustainable.step(), 4);
}

#[test]
fn an_unknown_stage_is_not_read() {
    let err = serde_json::from_str::<Operation>(r#"{"set_header":{"stage":"great"}}"#);
    assert!(err.is_err());
}

#[test]
fn a_custom_row_is_added_at_the_bottom_and_takes_cards() {
    let mut b = board();
    let ev = apply(
        &mut b,
        Operation::AddTheme {
            theme_id: slot("egen-1"),
            label: "  Familie  ".into(),
        },
    );
    assert_eq!(
        ev.op,
        Operation::AddTheme {
            theme_id: slot("egen-1"),
            label: "Familie".into()
        }
    );
    let last = b.template.themes.last().unwrap();
    assert_eq!(
        (last.id.as_str(), last.label.as_deref()),
        ("egen-1", Some("Familie"))
    );
    create_in(&mut b, 1, "egen-1");
    assert_eq!(
        b.cards_at(&Placement::cell("egen-1", "na").unwrap()).len(),
        1
    );
}

#[test]
fn adding_rows_refuses_taken_ids_blank_names_and_too_many() {
    let mut b = board();
    assert_refused(
        &mut b,
        Operation::AddTheme {
            theme_id: slot("okonomi"),
            label: "Penger".into(),
        },
        Rejection::RowExists,
    );
    assert_refused(
        &mut b,
        Operation::AddTheme {
            theme_id: slot("egen-1"),
            label: "   ".into(),
        },
        Rejection::Empty {
            field: Field::RowName,
        },
    );
    assert_refused(
        &mut b,
        Operation::AddTheme {
            theme_id: slot("egen-1"),
            label: "x".repeat(61),
        },
        Rejection::TooLong {
            field: Field::RowName,
            max: 60,
            len: 61,
        },
    );
    for n in b.template.themes.len()..limits::THEMES_MAX {
        apply(
            &mut b,
            Operation::AddTheme {
                theme_id: slot(&format!("egen-{n}")),
                label: format!("Rad {n}"),
            },
        );
    }
    assert_refused(
        &mut b,
        Operation::AddTheme {
            theme_id: slot("egen-siste"),
            label: "En til".into(),
        },
        Rejection::TooManyRows {
            max: limits::THEMES_MAX,
        },
    );
}

#[test]
fn rows_are_renamed_and_built_in_names_come_back() {
    let mut b = board();
    apply(
        &mut b,
        edit_theme("okonomi", Patch::Set("Penger".into()), None),
    );
    assert_eq!(
        b.template.theme(&slot("okonomi")).unwrap().label.as_deref(),
        Some("Penger")
    );
    apply(&mut b, edit_theme("okonomi", Patch::Clear, None));
    assert_eq!(b.template.theme(&slot("okonomi")).unwrap().label, None);
}

#[test]
fn a_custom_row_cannot_lose_its_name() {
    let mut b = board();
    apply(
        &mut b,
        Operation::AddTheme {
            theme_id: slot("egen-1"),
            label: "Familie".into(),
        },
    );
    assert_refused(
        &mut b,
        edit_theme("egen-1", Patch::Clear, None),
        Rejection::Empty {
            field: Field::RowName,
        },
    );
}

#[test]
fn editing_an_unknown_row_or_nothing_is_refused() {
    let mut b = board();
    assert_refused(
        &mut b,
        edit_theme("finnes-ikke", Patch::Set("X".into()), None),
        Rejection::UnknownRow,
    );
    assert_refused(
        &mut b,
        edit_theme("jobb", Patch::Keep, None),
        Rejection::EmptyEdit,
    );
}

#[test]
fn a_hidden_row_keeps_its_cards_but_takes_no_new_ones_or_moves() {
    let mut b = board();
    let kept = create_in(&mut b, 1, "rus");
    let elsewhere = create_in(&mut b, 2, "jobb");
    apply(&mut b, edit_theme("rus", Patch::Keep, Some(true)));
    assert!(b.template.theme(&slot("rus")).unwrap().hidden);
    assert!(!b.cards[&kept].deleted);
    let placement = Placement::cell("rus", "na").unwrap();
    assert_refused(
        &mut b,
        Operation::MoveCard {
            card_id: elsewhere,
            placement: placement.clone(),
            order: "a0".into(),
        },
        Rejection::HiddenRow,
    );
    assert_refused(
        &mut b,
        Operation::CreateCard {
            card_id: CardId::from_random_bytes([9; 16]),
            placement,
            order: "a0".into(),
            text: "ny".into(),
        },
        Rejection::HiddenRow,
    );
    apply(&mut b, edit_theme("rus", Patch::Keep, Some(false)));
    assert!(!b.template.theme(&slot("rus")).unwrap().hidden);
}

#[test]
fn the_last_visible_row_cannot_be_hidden() {
    let mut b = board();
    let ids: Vec<String> = b.template.themes.iter().map(|t| t.id.to_string()).collect();
    let (last, rest) = ids.split_last().unwrap();
    for id in rest {
        apply(&mut b, edit_theme(id, Patch::Keep, Some(true)));
    }
    assert_refused(
        &mut b,
        edit_theme(last, Patch::Keep, Some(true)),
        Rejection::LastVisibleRow,
    );
}

#[test]
fn members_are_added_with_cleaned_fields() {
    let mut b = board();
    let ev = apply(&mut b, add_member(1, " Ola Nordmann "));
    let m = &b.members[0];
    assert_eq!(m.name.as_str(), "Ola Nordmann");
    assert_eq!(m.phone.as_ref().unwrap().as_str(), "+4791234567");
    assert_eq!(m.email.as_ref().unwrap().as_str(), "ola@nav.no");
    match ev.op {
        Operation::AddMember { member, .. } => {
            assert_eq!(member.phone.as_deref(), Some("+4791234567"));
            assert_eq!(member.name, "Ola Nordmann");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn members_with_bad_fields_are_refused() {
    let mut b = board();
    let bad = |f: fn(&mut MemberFields)| {
        let Operation::AddMember {
            member_id,
            mut member,
        } = add_member(1, "Ola")
        else {
            unreachable!()
        };
        f(&mut member);
        Operation::AddMember { member_id, member }
    };
    assert_refused(
        &mut b,
        bad(|m| m.name = " ".into()),
        Rejection::Empty { field: Field::Name },
    );
    assert_refused(
        &mut b,
        bad(|m| m.phone = Some("ring meg".into())),
        Rejection::InvalidFormat {
            field: Field::Phone,
        },
    );
    assert_refused(
        &mut b,
        bad(|m| m.email = Some("ola.nav.no".into())),
        Rejection::InvalidFormat {
            field: Field::Email,
        },
    );
    assert_refused(
        &mut b,
        bad(|m| m.service = Some("NAV\nKontor".into())),
        Rejection::InvalidCharacters {
            field: Field::Service,
        },
    );
    assert_refused(
        &mut b,
        bad(|m| m.role = Some("r".repeat(61))),
        Rejection::TooLong {
            field: Field::Role,
            max: 60,
            len: 61,
        },
    );
}

#[test]
fn a_member_id_is_used_once_and_the_team_has_a_limit() {
    let mut b = board();
    apply(&mut b, add_member(1, "Ola"));
    assert_refused(&mut b, add_member(1, "Kari"), Rejection::MemberExists);
    for n in 2..=u8::try_from(limits::MEMBERS_MAX).unwrap() {
        apply(&mut b, add_member(n, "Person"));
    }
    assert_refused(
        &mut b,
        add_member(200, "En til"),
        Rejection::TooManyMembers {
            max: limits::MEMBERS_MAX,
        },
    );
}

#[test]
fn a_member_can_be_responsible_until_removed() {
    let mut b = board();
    apply(&mut b, add_member(1, "Ola"));
    let card = create_in(&mut b, 1, "jobb");
    let as_member = Responsible::Member {
        member_id: member_id(1),
    };
    apply(&mut b, set_responsible(card, as_member.clone()));
    assert_eq!(b.cards[&card].responsible, Some(as_member.clone()));

    apply(
        &mut b,
        Operation::RemoveMember {
            member_id: member_id(1),
        },
    );
    assert!(b.members[0].removed, "the member stays, marked as removed");
    assert_eq!(b.member(member_id(1)), None);
    // Their cards still name them…
    assert_eq!(b.cards[&card].responsible, Some(as_member.clone()));
    // …but no new task goes to someone who left the team.
    let other = create_in(&mut b, 2, "jobb");
    assert_refused(
        &mut b,
        set_responsible(other, as_member),
        Rejection::UnknownMember,
    );
    assert_refused(
        &mut b,
        Operation::RemoveMember {
            member_id: member_id(1),
        },
        Rejection::UnknownMember,
    );
}

#[test]
fn a_task_for_a_stranger_is_refused() {
    let mut b = board();
    let card = create_in(&mut b, 1, "jobb");
    assert_refused(
        &mut b,
        set_responsible(
            card,
            Responsible::Member {
                member_id: member_id(7),
            },
        ),
        Rejection::UnknownMember,
    );
}

#[test]
fn a_deleted_card_comes_back_where_it_was() {
    let mut b = board();
    let card = create_in(&mut b, 1, "okonomi");
    let before = b.cards[&card].clone();
    apply(&mut b, Operation::DeleteCard { card_id: card });
    assert!(b.cards_at(&before.placement).is_empty());
    apply(&mut b, Operation::RestoreCard { card_id: card });
    let after = &b.cards[&card];
    assert!(!after.deleted);
    assert_eq!(
        (&after.placement, &after.order),
        (&before.placement, &before.order)
    );
    assert_refused(
        &mut b,
        Operation::RestoreCard { card_id: card },
        Rejection::CardNotDeleted,
    );
    assert_refused(
        &mut b,
        Operation::RestoreCard {
            card_id: CardId::from_random_bytes([77; 16]),
        },
        Rejection::UnknownCard,
    );
}

#[test]
fn a_deleted_card_cannot_be_moved() {
    let mut b = board();
    let card = create_in(&mut b, 1, "okonomi");
    apply(&mut b, Operation::DeleteCard { card_id: card });
    assert_refused(
        &mut b,
        Operation::MoveCard {
            card_id: card,
            placement: Placement::cell("jobb", "na").unwrap(),
            order: "a0".into(),
        },
        Rejection::CardDeleted,
    );
}

#[test]
fn a_card_in_a_hidden_row_is_restored_only_once_the_row_is_shown() {
    let mut b = board();
    let card = create_in(&mut b, 1, "rus");
    apply(&mut b, Operation::DeleteCard { card_id: card });
    apply(&mut b, edit_theme("rus", Patch::Keep, Some(true)));
    assert_refused(
        &mut b,
        Operation::RestoreCard { card_id: card },
        Rejection::HiddenRow,
    );
}

#[test]
fn the_summary_names_the_next_frist_of_open_cards() {
    let mut b = board();
    let a = create_in(&mut b, 1, "jobb");
    let c = create_in(&mut b, 2, "jobb");
    let due = |card_id, d: &str| Operation::EditCard {
        card_id,
        text: None,
        responsible: Patch::Keep,
        due: Patch::Set(IsoDate::parse(d).unwrap()),
        status: None,
        note: Patch::Keep,
    };
    apply(&mut b, due(a, "2027-03-01"));
    apply(&mut b, due(c, "2027-05-01"));
    assert_eq!(b.summary().next_due, IsoDate::parse("2027-03-01"));
    apply(
        &mut b,
        Operation::EditCard {
            card_id: a,
            text: None,
            responsible: Patch::Keep,
            due: Patch::Keep,
            status: Some(CardStatus::Done),
            note: Patch::Keep,
        },
    );
    assert_eq!(b.summary().next_due, IsoDate::parse("2027-05-01"));
}

#[test]
fn every_new_operation_round_trips_through_json() {
    let ops = [
        add_member(1, "Ola"),
        Operation::RemoveMember {
            member_id: member_id(1),
        },
        Operation::AddTheme {
            theme_id: slot("egen-1"),
            label: "Familie".into(),
        },
        edit_theme("jobb", Patch::Clear, Some(true)),
        Operation::RestoreCard {
            card_id: CardId::from_random_bytes([1; 16]),
        },
        stage(Patch::Set(Stage::AtRisk)),
    ];
    for op in ops {
        let json = serde_json::to_string(&op).unwrap();
        assert_eq!(
            serde_json::from_str::<Operation>(&json).unwrap(),
            op,
            "{json}"
        );
    }
}

#[test]
fn every_new_rejection_has_a_code_and_messages() {
    let all = [
        Rejection::InvalidFormat {
            field: Field::Phone,
        },
        Rejection::InvalidFormat {
            field: Field::Email,
        },
        Rejection::CardNotDeleted,
        Rejection::UnknownMember,
        Rejection::MemberExists,
        Rejection::TooManyMembers { max: 50 },
        Rejection::UnknownRow,
        Rejection::RowExists,
        Rejection::TooManyRows { max: 30 },
        Rejection::LastVisibleRow,
    ];
    let mut codes = std::collections::HashSet::new();
    for r in all {
        assert!(codes.insert(r.code()), "duplicate code {}", r.code());
        assert_ne!(r.message(Lang::Nb), r.message(Lang::En));
        assert!(!r.message(Lang::Nb).is_empty());
    }
}

fn add_account_member(n: u8, account: u8) -> Operation {
    Operation::AddMember {
        member_id: member_id(n),
        member: MemberFields {
            name: format!("Person {n}"),
            account: Some(AccountId::from_random_bytes([account; 16])),
            ..MemberFields::default()
        },
    }
}

#[test]
fn an_account_is_on_a_team_once_and_may_return_after_removal() {
    let mut b = board();
    b.apply(&add_account_member(1, 7), &ctx(1)).unwrap();
    assert_refused(&mut b, add_account_member(2, 7), Rejection::AccountOnBoard);
    b.apply(
        &Operation::RemoveMember {
            member_id: member_id(1),
        },
        &ctx(2),
    )
    .unwrap();
    b.apply(&add_account_member(2, 7), &ctx(3)).unwrap();
    assert_eq!(b.members.len(), 2);
}

#[test]
fn the_lead_cannot_be_removed_and_only_hands_over_to_someone_with_an_account() {
    let mut b = board();
    b.apply(&add_account_member(1, 7), &ctx(1)).unwrap();
    b.apply(&add_member(2, "Uten konto"), &ctx(2)).unwrap();
    b.apply(
        &Operation::SetLead {
            member_id: member_id(1),
        },
        &ctx(3),
    )
    .unwrap();
    assert!(b.member(member_id(1)).unwrap().lead);
    assert_refused(
        &mut b,
        Operation::RemoveMember {
            member_id: member_id(1),
        },
        Rejection::LeadCannotBeRemoved,
    );
    assert_refused(
        &mut b,
        Operation::SetLead {
            member_id: member_id(2),
        },
        Rejection::LeadNeedsAccount,
    );
    b.apply(&add_account_member(3, 8), &ctx(4)).unwrap();
    b.apply(
        &Operation::SetLead {
            member_id: member_id(3),
        },
        &ctx(5),
    )
    .unwrap();
    let leads: Vec<_> = b.members.iter().filter(|m| m.lead).map(|m| m.id).collect();
    assert_eq!(leads, vec![member_id(3)], "exactly one lead");
}

#[test]
fn consent_is_recorded_with_who_and_when_and_can_be_withdrawn() {
    let mut b = board();
    let date = IsoDate::parse("2026-11-01").unwrap();
    let give = |services: Vec<&str>| Operation::SetConsent {
        consent: Some(ConsentFields {
            date,
            services: services.into_iter().map(String::from).collect(),
        }),
    };
    assert_refused(
        &mut b,
        give(vec!["", "  "]),
        Rejection::Empty {
            field: Field::Service,
        },
    );
    let many: Vec<String> = (0..=CONSENT_SERVICES_MAX)
        .map(|i| format!("Tjeneste {i}"))
        .collect();
    assert_refused(
        &mut b,
        give(many.iter().map(String::as_str).collect()),
        Rejection::TooManyServices {
            max: CONSENT_SERVICES_MAX,
        },
    );
    let ev = b
        .apply(&give(vec![" NAV ", "Boligkontoret", "nav"]), &ctx(1))
        .unwrap();
    let consent = b.consent.clone().unwrap();
    assert_eq!(
        consent
            .services
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>(),
        ["NAV", "Boligkontoret"],
        "trimmed, repeats dropped"
    );
    assert_eq!(consent.date, date);
    assert_eq!(consent.recorded_by, ctx(1).actor);
    assert_eq!(ev.op, give(vec!["NAV", "Boligkontoret"]));
    b.apply(&Operation::SetConsent { consent: None }, &ctx(2))
        .unwrap();
    assert_eq!(b.consent, None);
    assert_refused(
        &mut b,
        Operation::SetConsent { consent: None },
        Rejection::EmptyEdit,
    );
}

#[test]
fn the_owner_decides_whether_the_citizen_may_add_cards() {
    let mut b = board();
    assert!(!b.citizen_may_add);
    let allow = |v| Operation::SetHeader {
        title: None,
        citizen_name: None,
        short_term_by: Patch::Keep,
        long_term_by: Patch::Keep,
        stage: Patch::Keep,
        citizen_may_add: Some(v),
    };
    b.apply(&allow(true), &ctx(1)).unwrap();
    assert!(b.citizen_may_add);
    b.apply(&allow(false), &ctx(2)).unwrap();
    assert!(!b.citizen_may_add);
}

// ---------------------------------------------------------------------------------------
// Meetings and the contact person.

fn meeting_fields(date: &str) -> MeetingFields {
    MeetingFields {
        date: IsoDate::parse(date).unwrap(),
        time: TimeOfDay::parse("10:00").unwrap(),
        minutes: Some(60),
        place: Some("NAV Grünerløkka".into()),
        video_link: None,
        agenda: vec!["Bolig".into(), "Jobb".into()],
        invited: vec![Invitee::Citizen],
        interpreter: None,
    }
}

fn meeting_id(n: u8) -> MeetingId {
    MeetingId::from_random_bytes([n; 16])
}

#[test]
fn a_meeting_is_planned_changed_and_called_off() {
    let mut b = board();
    apply(
        &mut b,
        Operation::ScheduleMeeting {
            meeting_id: meeting_id(1),
            meeting: meeting_fields("2027-01-12"),
        },
    );
    assert_eq!(b.meetings.len(), 1);
    assert_eq!(b.meetings[0].created_by, "Ola");
    assert_eq!(
        b.next_meeting(Timestamp(5_000)).map(|m| m.id),
        Some(meeting_id(1))
    );
    let mut later = meeting_fields("2027-01-19");
    later.agenda = vec!["Bolig".into()];
    apply(
        &mut b,
        Operation::EditMeeting {
            meeting_id: meeting_id(1),
            meeting: later,
        },
    );
    assert_eq!(b.meetings[0].starts_at.date.to_string(), "2027-01-19");
    assert_eq!(b.meetings[0].agenda.len(), 1);
    apply(
        &mut b,
        Operation::CancelMeeting {
            meeting_id: meeting_id(1),
        },
    );
    assert!(b.meetings[0].cancelled);
    assert_eq!(b.next_meeting(Timestamp(5_000)), None);
    assert_refused(
        &mut b,
        Operation::EditMeeting {
            meeting_id: meeting_id(1),
            meeting: meeting_fields("2027-02-02"),
        },
        Rejection::MeetingCancelled,
    );
    assert_refused(
        &mut b,
        Operation::CancelMeeting {
            meeting_id: meeting_id(9),
        },
        Rejection::UnknownMeeting,
    );
}

#[test]
fn a_meeting_in_the_past_is_refused() {
    let mut b = board();
    // The context's clock is in January 1970.
    assert_refused(
        &mut b,
        Operation::ScheduleMeeting {
            meeting_id: meeting_id(1),
            meeting: meeting_fields("1969-12-31"),
        },
        Rejection::MeetingInPast,
    );
}

#[test]
fn the_next_meeting_is_the_soonest_one_not_over() {
    let mut b = board();
    for (n, date) in [(1, "2027-03-01"), (2, "2027-01-05"), (3, "2027-02-01")] {
        apply(
            &mut b,
            Operation::ScheduleMeeting {
                meeting_id: meeting_id(n),
                meeting: meeting_fields(date),
            },
        );
    }
    assert_eq!(
        b.next_meeting(Timestamp(5_000)).map(|m| m.id),
        Some(meeting_id(2))
    );
    // Once the 5 January meeting is over, the February one is next.
    let after = LocalDateTime {
        date: IsoDate::parse("2027-01-05").unwrap(),
        time: TimeOfDay::parse("11:30").unwrap(),
    }
    .to_timestamp();
    assert_eq!(b.next_meeting(after).map(|m| m.id), Some(meeting_id(3)));
}

#[test]
fn the_contact_person_is_the_lead_unless_another_member_with_an_account_is_named() {
    let mut b = board();
    let lead = member_id(1);
    apply(
        &mut b,
        Operation::AddMember {
            member_id: lead,
            member: MemberFields {
                name: "Ola Leder".into(),
                account: Some(AccountId::from_random_bytes([1; 16])),
                ..MemberFields::default()
            },
        },
    );
    apply(&mut b, Operation::SetLead { member_id: lead });
    assert_eq!(b.contact_member().map(|m| m.id), Some(lead));
    let siri = member_id(2);
    apply(
        &mut b,
        Operation::AddMember {
            member_id: siri,
            member: MemberFields {
                name: "Siri Kontakt".into(),
                account: Some(AccountId::from_random_bytes([2; 16])),
                ..MemberFields::default()
            },
        },
    );
    let gp = member_id(3);
    apply(
        &mut b,
        Operation::AddMember {
            member_id: gp,
            member: MemberFields {
                name: "Fastlegen".into(),
                ..MemberFields::default()
            },
        },
    );
    assert_refused(
        &mut b,
        Operation::SetContact {
            member_id: Some(gp),
        },
        Rejection::ContactNeedsAccount,
    );
    apply(
        &mut b,
        Operation::SetContact {
            member_id: Some(siri),
        },
    );
    assert_eq!(b.contact_member().map(|m| m.id), Some(siri));
    // Removed from the team: the lead is the contact person again.
    apply(&mut b, Operation::RemoveMember { member_id: siri });
    assert_eq!(b.contact_member().map(|m| m.id), Some(lead));
}

#[test]
fn tasks_are_split_between_the_citizen_and_others_soonest_first() {
    let mut b = board();
    let who = member_id(4);
    apply(
        &mut b,
        Operation::AddMember {
            member_id: who,
            member: MemberFields {
                name: "Siri".into(),
                ..MemberFields::default()
            },
        },
    );
    let cell = Placement::cell("okonomi", "na").unwrap();
    let plan = [
        (
            1,
            Some(Responsible::Citizen),
            Some("2027-01-10"),
            CardStatus::Open,
        ),
        (
            2,
            Some(Responsible::Citizen),
            Some("2026-12-01"),
            CardStatus::Open,
        ),
        (3, Some(Responsible::Citizen), None, CardStatus::Open),
        (
            4,
            Some(Responsible::Citizen),
            Some("2026-11-01"),
            CardStatus::Done,
        ),
        (
            5,
            Some(Responsible::Member { member_id: who }),
            Some("2027-02-01"),
            CardStatus::Open,
        ),
        (
            6,
            Some(Responsible::Outside {
                name: "Fastlegen".into(),
            }),
            Some("2026-12-20"),
            CardStatus::Open,
        ),
        (7, None, Some("2026-12-20"), CardStatus::Open),
    ];
    for (n, responsible, due, status) in plan {
        let id = CardId::from_random_bytes([n; 16]);
        let order = b.order_key_at(&cell, usize::MAX, None).to_string();
        apply(
            &mut b,
            Operation::CreateCard {
                card_id: id,
                placement: cell.clone(),
                order,
                text: format!("Kort {n}"),
            },
        );
        apply(
            &mut b,
            Operation::EditCard {
                card_id: id,
                text: None,
                responsible: responsible.map_or(Patch::Clear, Patch::Set),
                due: due.map_or(Patch::Keep, |d| Patch::Set(IsoDate::parse(d).unwrap())),
                status: Some(status),
                note: Patch::Keep,
            },
        );
    }
    let texts = |cards: Vec<&Card>| cards.iter().map(|c| c.text.to_string()).collect::<Vec<_>>();
    assert_eq!(texts(b.citizen_tasks()), ["Kort 2", "Kort 1", "Kort 3"]);
    assert_eq!(texts(b.others_tasks()), ["Kort 6", "Kort 5"]);
    let today = IsoDate::parse("2026-12-02").unwrap();
    assert!(b.citizen_tasks()[0].is_overdue(today));
    assert!(!b.citizen_tasks()[1].is_overdue(today));
    assert_eq!(
        b.responsible_name(b.others_tasks()[1].responsible.as_ref().unwrap()),
        Some("Siri".into())
    );
}
