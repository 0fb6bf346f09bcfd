//! The duk as the shared record: meetings, frozen minutes, corrections and answers, the
//! history in words, the board as it was, the export, the PDF and "Mine oppgaver".

// long-file: the record end to end: history, minutes, versions and export

use std::collections::BTreeSet;

use model::{
    Attendee, Board, BoardExport, BoardId, BoardView, CardId, CardStatus, CitizenOverview,
    ConsentFields, Event, GuestRole, HistoryEntry, IsoDate, MeetingFields, MeetingId, MemberFields,
    MemberId, MinutesPage, MyTask, Operation, Patch, Placement, Responsible, SlotId, StaffRole,
    Stage, TimeOfDay,
};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::*;

/// Applies `op` as `c` (base version 0: the server checks only that it is not ahead).
async fn act(c: &Client, board: BoardId, op: Operation) -> Event {
    c.apply(board, 0, op).await
}

fn card_at(board: &Board, text: &str) -> CardId {
    board
        .cards
        .values()
        .find(|c| c.text.as_str() == text)
        .unwrap_or_else(|| panic!("no card «{text}»"))
        .id
}

async fn json<T: serde::de::DeserializeOwned>(c: &Client, path: &str) -> T {
    let res = c.get(path).await;
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{path}: {text}");
    serde_json::from_str(&text).unwrap()
}

fn meeting_in(days: i64) -> MeetingFields {
    MeetingFields {
        date: model::oslo_today(server::clock::now()).add_days(days),
        time: TimeOfDay::parse("10:00").unwrap(),
        minutes: None,
        place: Some("NAV Grünerløkka".into()),
        video_link: None,
        agenda: Vec::new(),
        invited: Vec::new(),
        interpreter: None,
    }
}

fn responsible(card_id: CardId, who: Responsible, due: &str) -> Operation {
    Operation::EditCard {
        card_id,
        text: None,
        responsible: Patch::Set(who),
        due: Patch::Set(IsoDate::parse(due).unwrap()),
        status: None,
        note: Patch::Keep,
    }
}

/// Ola (lead), Siri (team member with an account) and Kari (citizen) on one board with
/// two tasks and a meeting planned.
struct Team {
    app: TestApp,
    board: BoardId,
    siri: Client,
    siri_id: MemberId,
    kari: Client,
}

async fn team() -> Team {
    let app = spawn_app().await;
    let board = app.create_board().await.id;
    let siri = app
        .staff("Siri Hansen", "siri@bolig.test", StaffRole::Caseworker)
        .await;
    let siri_id = app.add_to_team(&app.client, board, &siri).await;
    let kari = app
        .guest(&app.client, board, GuestRole::Citizen, "Kari Nordmann")
        .await;
    let b = app.board(board).await;
    app.add_card(&b, "bosituasjon", "na", "Søke bostøtte").await;
    let b = app.board(board).await;
    app.add_card(&b, "jobb", "dagens-situasjon", "Ringe arbeidsgiver")
        .await;
    let b = app.board(board).await;
    let bostotte = card_at(&b, "Søke bostøtte");
    let ringe = card_at(&b, "Ringe arbeidsgiver");
    act(
        &app.client,
        board,
        responsible(
            bostotte,
            Responsible::Member { member_id: siri_id },
            "2027-01-15",
        ),
    )
    .await;
    act(
        &app.client,
        board,
        responsible(ringe, Responsible::Citizen, "2027-01-10"),
    )
    .await;
    act(
        &app.client,
        board,
        Operation::ScheduleMeeting {
            meeting_id: MeetingId(Uuid::new_v4()),
            meeting: meeting_in(21),
        },
    )
    .await;
    Team {
        app,
        board,
        siri,
        siri_id,
        kari,
    }
}

impl Team {
    async fn hold_meeting(&self) -> Event {
        let ola = self.app.board(self.board).await.members[0].id;
        act(
            &self.app.client,
            self.board,
            Operation::StartMeeting {
                meeting_id: None,
                present: vec![Attendee::Member { member_id: ola }],
            },
        )
        .await;
        act(
            &self.siri,
            self.board,
            Operation::SetPresent {
                attendee: Attendee::Member {
                    member_id: self.siri_id,
                },
                present: true,
            },
        )
        .await;
        act(
            &self.kari,
            self.board,
            Operation::SetPresent {
                attendee: Attendee::Citizen,
                present: true,
            },
        )
        .await;
        act(&self.app.client, self.board, Operation::EndMeeting {}).await
    }
}

/// A group of the task list as the tests compare it: who, and (text, frist) of each task.
type Group<'a> = (&'a str, Vec<(&'a str, Option<IsoDate>)>);

/// Her first screen is worked out from the board: what it shows, and nothing else.
#[tokio::test]
async fn the_citizens_first_screen_has_her_tasks_the_next_meeting_and_the_latest_minutes() {
    let t = team().await;
    let path = format!("/api/boards/{}/citizen/overview", t.board);
    let before: CitizenOverview = json(&t.kari, &path).await;
    assert!(before.minutes.is_none(), "no meeting held yet");
    t.hold_meeting().await;
    let o: CitizenOverview = json(&t.kari, &path).await;
    let b = t.app.board(t.board).await;
    assert_eq!(o.version, b.version);
    assert_eq!(o.title, b.title.to_string());
    assert_eq!(o.citizen_name, "Kari Nordmann");
    assert_eq!(o.my_role, model::BoardRole::Citizen);
    let lines = |tasks: &[model::CitizenTask]| {
        tasks
            .iter()
            .map(|c| (c.text.clone(), c.who.clone(), c.due))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        lines(&o.my_tasks),
        [(
            "Ringe arbeidsgiver".to_owned(),
            None,
            IsoDate::parse("2027-01-10")
        )]
    );
    assert_eq!(
        lines(&o.others_tasks),
        [(
            "Søke bostøtte".to_owned(),
            Some("Siri Hansen".to_owned()),
            IsoDate::parse("2027-01-15")
        )]
    );
    // The minutes as the minutes page has them, with nothing of the frozen board.
    let m = o.minutes.expect("the minutes of the meeting just held");
    let page: MinutesPage = json(
        &t.kari,
        &format!(
            "/api/boards/{}/minutes/{}/{}",
            t.board, m.info.number, m.info.revision
        ),
    )
    .await;
    assert_eq!(m.info.number, page.minutes.info.number);
    assert_eq!(m.present_names, page.minutes.present_names);
    assert_eq!(m.tasks, page.minutes.tasks);
    assert!(!m.tasks.is_empty());
    // The meeting planned three weeks ahead, nothing ended or cancelled.
    let b = t.app.board(t.board).await;
    let planned: Vec<_> = b
        .upcoming_meetings(server::clock::now())
        .into_iter()
        .map(|m| m.id)
        .collect();
    let shown: Vec<_> = o.meetings.iter().map(|m| m.meeting.id).collect();
    assert_eq!(shown, planned);
    assert_eq!(shown.len(), 1);
    // The answer is small: it carries no cards, rows or members of the board.
    let text = t.kari.get(&path).await.text().await.unwrap();
    assert!(!text.contains("\"cards\""), "{text}");
}

#[tokio::test]
// long-fn: one meeting from start to correction, told in order
async fn minutes_are_frozen_when_the_meeting_ends_and_cannot_be_changed_afterwards() {
    let t = team().await;
    // Only oneself: Siri may not tick Ola, nor Kari Siri.
    act(
        &t.app.client,
        t.board,
        Operation::StartMeeting {
            meeting_id: None,
            present: Vec::new(),
        },
    )
    .await;
    let ola = t.app.board(t.board).await.members[0].id;
    let res = t
        .siri
        .send(
            t.board,
            0,
            Operation::SetPresent {
                attendee: Attendee::Member { member_id: ola },
                present: true,
            },
        )
        .await;
    expect_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let res = t
        .kari
        .send(
            t.board,
            0,
            Operation::SetPresent {
                attendee: Attendee::Member {
                    member_id: t.siri_id,
                },
                present: true,
            },
        )
        .await;
    expect_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let res = t.siri.send(t.board, 0, Operation::EndMeeting {}).await;
    expect_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    act(&t.app.client, t.board, Operation::EndMeeting {}).await;
    let ended = t.hold_meeting().await;

    let path = format!("/api/boards/{}/minutes/2/1", t.board);
    let page: MinutesPage = json(&t.kari, &path).await;
    let m = &page.minutes;
    assert_eq!((m.info.number, m.info.revision), (2, 1));
    assert_eq!(m.info.version, ended.version);
    assert_eq!(
        m.present_names,
        ["Ola Hansen (NAV)", "Siri Hansen", "Kari Nordmann"]
    );
    let tasks: Vec<Group> = m
        .tasks
        .iter()
        .map(|g| {
            (
                g.name.as_str(),
                g.tasks.iter().map(|t| (t.text.as_str(), t.due)).collect(),
            )
        })
        .collect();
    assert_eq!(
        tasks,
        [
            (
                "Kari Nordmann",
                vec![("Ringe arbeidsgiver", IsoDate::parse("2027-01-10"))]
            ),
            (
                "Siri Hansen",
                vec![("Søke bostøtte", IsoDate::parse("2027-01-15"))]
            ),
        ]
    );
    assert!(m.next_meeting.is_some(), "the planned meeting comes next");
    assert_eq!(page.latest_revision, 1);

    // Later changes do not reach the frozen minutes.
    let b = t.app.board(t.board).await;
    let bostotte = card_at(&b, "Søke bostøtte");
    act(
        &t.app.client,
        t.board,
        Operation::EditCard {
            card_id: bostotte,
            text: Some("Søke bostøtte og startlån".into()),
            responsible: Patch::Keep,
            due: Patch::Keep,
            status: None,
            note: Patch::Keep,
        },
    )
    .await;
    let again: MinutesPage = json(&t.app.client, &path).await;
    assert_eq!(again.minutes, page.minutes);

    // Nor can the database be made to change them.
    for sql in [
        "UPDATE minutes SET doc = '{}'",
        "UPDATE board_checkpoints SET board = '{}'",
    ] {
        let res = sqlx::query(sql).execute(t.app.store.pool()).await;
        assert!(res.is_err(), "{sql} must be refused");
    }
    let again: MinutesPage = json(&t.app.client, &path).await;
    assert_eq!(again.minutes, page.minutes);

    // A correction is a new version that says what changed; the first stays.
    act(
        &t.app.client,
        t.board,
        Operation::CorrectMinutes {
            number: 2,
            note: "Startlån kom med i møtet.".into(),
        },
    )
    .await;
    let corrected: MinutesPage =
        json(&t.kari, &format!("/api/boards/{}/minutes/2/2", t.board)).await;
    assert_eq!(
        corrected
            .minutes
            .info
            .correction
            .as_ref()
            .map(|n| n.as_str()),
        Some("Startlån kom med i møtet.")
    );
    assert_eq!(
        corrected
            .changes
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        ["Ola Hansen (NAV) endret «Søke bostøtte»: ny tekst «Søke bostøtte og startlån»"]
    );
    assert_eq!(
        corrected.minutes.tasks[1].tasks[0].text,
        "Søke bostøtte og startlån"
    );
    let first: MinutesPage = json(&t.kari, &path).await;
    assert_eq!(first.minutes, page.minutes);
    assert_eq!(first.latest_revision, 2);

    // The citizen answers the newest version; an old one is refused.
    let res = t
        .kari
        .send(
            t.board,
            0,
            Operation::AnswerMinutes {
                number: 2,
                revision: 1,
                agrees: true,
                comment: None,
            },
        )
        .await;
    expect_error(res, StatusCode::CONFLICT, "minutes_superseded").await;
    let res = t
        .app
        .send(
            t.board,
            0,
            Operation::AnswerMinutes {
                number: 2,
                revision: 2,
                agrees: true,
                comment: None,
            },
        )
        .await;
    expect_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    act(
        &t.kari,
        t.board,
        Operation::AnswerMinutes {
            number: 2,
            revision: 2,
            agrees: false,
            comment: Some("Jeg sa ikke ja til startlån.".into()),
        },
    )
    .await;
    let answered: MinutesPage = json(
        &t.app.client,
        &format!("/api/boards/{}/minutes/2/2", t.board),
    )
    .await;
    assert_eq!(
        answered.minutes, corrected.minutes,
        "answers are not frozen in"
    );
    assert_eq!(answered.answers.len(), 1);
    assert!(!answered.answers[0].agrees);
    let board = t.app.board(t.board).await;
    assert_eq!(board.open_objections().len(), 1);

    // Unknown minutes are told apart from a board one may not see.
    let res = t
        .app
        .get(&format!("/api/boards/{}/minutes/9/1", t.board))
        .await;
    expect_error(res, StatusCode::NOT_FOUND, "unknown_minutes").await;
    let reads = t
        .app
        .audit_lines()
        .await
        .into_iter()
        .filter(|l| l.3 == "read_minutes")
        .count();
    assert!(reads >= 6, "every read of the minutes is in the audit log");
}

/// The kind of an operation; the match has no wildcard, so a new kind fails to compile
/// here until the history test covers it.
fn kind(op: &Operation) -> &'static str {
    match op {
        Operation::CreateCard { .. } => "create_card",
        Operation::EditCard { .. } => "edit_card",
        Operation::MoveCard { .. } => "move_card",
        Operation::DeleteCard { .. } => "delete_card",
        Operation::RestoreCard { .. } => "restore_card",
        Operation::SetHeader { .. } => "set_header",
        Operation::SetConsent { .. } => "set_consent",
        Operation::AddTheme { .. } => "add_theme",
        Operation::EditTheme { .. } => "edit_theme",
        Operation::AddMember { .. } => "add_member",
        Operation::RemoveMember { .. } => "remove_member",
        Operation::SetLead { .. } => "set_lead",
        Operation::SetContact { .. } => "set_contact",
        Operation::ScheduleMeeting { .. } => "schedule_meeting",
        Operation::EditMeeting { .. } => "edit_meeting",
        Operation::CancelMeeting { .. } => "cancel_meeting",
        Operation::StartMeeting { .. } => "start_meeting",
        Operation::SetPresent { .. } => "set_present",
        Operation::EndMeeting {} => "end_meeting",
        Operation::CorrectMinutes { .. } => "correct_minutes",
        Operation::AnswerMinutes { .. } => "answer_minutes",
    }
}

const KINDS: usize = 21;

/// Makes one change of every kind on the team's board; returns the kinds in order.
// long-fn: one change of every kind, in the order the history tells them
async fn every_kind_of_change(t: &Team) -> Vec<&'static str> {
    let ola = &t.app.client;
    let b = t.app.board(t.board).await;
    let card = card_at(&b, "Søke bostøtte");
    let meeting = b.meetings[0].id;
    let gp = MemberId(Uuid::new_v4());
    let mut ops = vec![
        (
            ola,
            Operation::CreateCard {
                card_id: CardId(Uuid::new_v4()),
                placement: Placement::zone("drommer").unwrap(),
                order: "a0".into(),
                text: "Egen leilighet".into(),
            },
        ),
        (
            ola,
            Operation::EditCard {
                card_id: card,
                text: None,
                responsible: Patch::Keep,
                due: Patch::Keep,
                status: Some(CardStatus::Postponed {
                    until: IsoDate::parse("2027-02-01").unwrap(),
                }),
                note: Patch::Keep,
            },
        ),
        (
            ola,
            Operation::MoveCard {
                card_id: card,
                placement: Placement::cell("bosituasjon", "kort-sikt").unwrap(),
                order: "a0".into(),
            },
        ),
        (ola, Operation::DeleteCard { card_id: card }),
        (ola, Operation::RestoreCard { card_id: card }),
        (
            ola,
            Operation::SetHeader {
                title: None,
                citizen_name: None,
                short_term_by: Patch::Keep,
                long_term_by: Patch::Keep,
                stage: Patch::Set(Stage::AtRisk),
                citizen_may_add: None,
            },
        ),
        (
            ola,
            Operation::SetConsent {
                consent: Some(ConsentFields {
                    date: IsoDate::parse("2026-11-01").unwrap(),
                    services: vec!["NAV".into(), "Boligkontoret".into()],
                }),
            },
        ),
        (
            ola,
            Operation::AddTheme {
                theme_id: SlotId::parse("hund").unwrap(),
                label: "Hund".into(),
            },
        ),
        (
            ola,
            Operation::EditTheme {
                theme_id: SlotId::parse("rus").unwrap(),
                label: Patch::Keep,
                hidden: Some(true),
            },
        ),
        (
            ola,
            Operation::AddMember {
                member_id: gp,
                member: MemberFields {
                    name: "Fastlege Berg".into(),
                    service: Some("Legekontoret".into()),
                    ..MemberFields::default()
                },
            },
        ),
        (ola, Operation::RemoveMember { member_id: gp }),
        (
            ola,
            Operation::SetContact {
                member_id: Some(t.siri_id),
            },
        ),
        (
            ola,
            Operation::EditMeeting {
                meeting_id: meeting,
                meeting: meeting_in(22),
            },
        ),
        (
            ola,
            Operation::CancelMeeting {
                meeting_id: meeting,
            },
        ),
        (
            ola,
            Operation::ScheduleMeeting {
                meeting_id: MeetingId(Uuid::new_v4()),
                meeting: meeting_in(28),
            },
        ),
        (
            ola,
            Operation::StartMeeting {
                meeting_id: None,
                present: Vec::new(),
            },
        ),
        (
            &t.kari,
            Operation::SetPresent {
                attendee: Attendee::Citizen,
                present: true,
            },
        ),
        (ola, Operation::EndMeeting {}),
        (
            ola,
            Operation::CorrectMinutes {
                number: 1,
                note: "Kari var med på video.".into(),
            },
        ),
        (
            &t.kari,
            Operation::AnswerMinutes {
                number: 1,
                revision: 2,
                agrees: true,
                comment: None,
            },
        ),
    ];
    // Last, because Ola is no longer the lead after it.
    ops.push((
        ola,
        Operation::SetLead {
            member_id: t.siri_id,
        },
    ));
    let mut kinds = Vec::new();
    for (who, op) in ops {
        kinds.push(kind(&op));
        act(who, t.board, op).await;
    }
    kinds
}

#[tokio::test]
async fn the_history_tells_every_kind_of_change_in_bokmal_and_english() {
    let t = team().await;
    let before = t.app.board(t.board).await.version;
    let kinds = every_kind_of_change(&t).await;
    assert_eq!(
        kinds.iter().collect::<BTreeSet<_>>().len(),
        KINDS,
        "one change of every kind"
    );
    let nb: Vec<HistoryEntry> =
        json(&t.siri, &format!("/api/boards/{}/history?lang=nb", t.board)).await;
    let en: Vec<HistoryEntry> =
        json(&t.siri, &format!("/api/boards/{}/history?lang=en", t.board)).await;
    let events = t.app.event_count(t.board).await;
    assert_eq!(nb.len() as i64, events, "one line per event");
    assert_eq!(en.len() as i64, events);
    let versions: Vec<u64> = nb.iter().map(|l| l.version).collect();
    assert_eq!(versions, (1..=events as u64).collect::<Vec<_>>());
    let mine: Vec<(&HistoryEntry, &HistoryEntry)> = nb
        .iter()
        .zip(&en)
        .filter(|(l, _)| l.version > before)
        .collect();
    assert_eq!(mine.len(), KINDS);
    for ((n, e), kind) in mine.iter().zip(&kinds) {
        let who = if *kind == "set_present" || *kind == "answer_minutes" {
            "Kari Nordmann "
        } else {
            "Ola Hansen (NAV) "
        };
        assert!(n.text.starts_with(who), "{kind}: {}", n.text);
        assert!(e.text.starts_with(who), "{kind}: {}", e.text);
        assert!(n.text.len() > who.len() + 5, "{kind}: {}", n.text);
        assert_ne!(n.text, e.text, "{kind} reads differently in English");
    }
    let text = |k: &str| {
        mine.iter()
            .zip(&kinds)
            .find(|(_, kind)| **kind == k)
            .map(|((n, e), _)| (n.text.clone(), e.text.clone()))
            .unwrap()
    };
    assert_eq!(
        text("move_card"),
        (
            "Ola Hansen (NAV) flyttet «Søke bostøtte» fra Det vi skal gjøre nå til På kort sikt"
                .into(),
            "Ola Hansen (NAV) moved «Søke bostøtte» from What we do now to Short term".into()
        )
    );
    assert_eq!(text("set_present").0, "Kari Nordmann kom med i møtet",);
    assert_eq!(
        text("answer_minutes").1,
        "Kari Nordmann answered «Correct» to minutes no. 1"
    );
    assert_eq!(
        text("set_header").0,
        "Ola Hansen (NAV) endret planens overskrift: fase Utsatt"
    );

    // Filters: one card, one theme, one person.
    let b = t.app.board(t.board).await;
    let card = card_at(&b, "Søke bostøtte");
    let of_card: Vec<HistoryEntry> = json(
        &t.kari,
        &format!("/api/boards/{}/history?card={card}", t.board),
    )
    .await;
    assert_eq!(
        of_card.len(),
        2 + 4,
        "created, given a responsible, and four changes here"
    );
    assert!(of_card.iter().all(|l| l.card_id == Some(card)));
    let housing: Vec<HistoryEntry> = json(
        &t.kari,
        &format!("/api/boards/{}/history?theme=bosituasjon", t.board),
    )
    .await;
    assert_eq!(housing.len(), of_card.len(), "the only card in Bosituasjon");
    let by_kari: Vec<HistoryEntry> = json(
        &t.app.client,
        &format!("/api/boards/{}/history?actor=Kari%20Nordmann", t.board),
    )
    .await;
    assert_eq!(by_kari.len(), 2);
    let res = t
        .kari
        .get(&format!(
            "/api/boards/{}/history?card=ikke-et-kort",
            t.board
        ))
        .await;
    expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_request").await;
}

#[tokio::test]
async fn the_export_holds_the_board_every_event_its_history_and_every_minutes() {
    let t = team().await;
    every_kind_of_change(&t).await;
    let res = t.kari.get(&format!("/api/boards/{}/export", t.board)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("attachment")),
        "a download"
    );
    let export: BoardExport = res.json().await.unwrap();
    assert_eq!(export.format, "duk-export/1");
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT version, client_op_id, op FROM board_events WHERE board_id = $1 ORDER BY version",
    )
    .bind(t.board.to_string())
    .fetch_all(t.app.store.pool())
    .await
    .unwrap();
    assert_eq!(export.events.len(), rows.len());
    for (event, (version, client_op_id, op)) in export.events.iter().zip(&rows) {
        assert_eq!(event.version as i64, *version);
        assert_eq!(event.client_op_id.to_string(), *client_op_id);
        assert_eq!(serde_json::to_string(&event.op).unwrap(), *op);
    }
    assert_eq!(export.history.len(), rows.len());
    // The events replay to the board exported.
    let mut replayed: Board = sqlx::query_as::<_, (String,)>(
        "SELECT board FROM board_checkpoints WHERE board_id = $1 AND version = 0",
    )
    .bind(t.board.to_string())
    .fetch_one(t.app.store.pool())
    .await
    .map(|(json,)| serde_json::from_str(&json).unwrap())
    .unwrap();
    for e in &export.events {
        replayed.apply_event(e).unwrap();
    }
    assert_eq!(replayed, export.board);
    let minutes: Vec<(u32, u32)> = export
        .minutes
        .iter()
        .map(|m| (m.info.number, m.info.revision))
        .collect();
    assert_eq!(minutes, [(1, 1), (1, 2)]);
    assert!(
        t.app
            .audit_lines()
            .await
            .iter()
            .any(|l| l.3 == "export_board" && l.1 == "citizen"),
        "the export is in the audit log"
    );
}

#[tokio::test]
async fn the_pdf_of_the_minutes_names_who_was_there_and_who_does_what_by_when() {
    let t = team().await;
    t.hold_meeting().await;
    let res = t
        .kari
        .get(&format!("/api/boards/{}/minutes/1/1/pdf?lang=nb", t.board))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers().get("content-type").unwrap(),
        "application/pdf"
    );
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&bytes);
    for expected in [
        "Referat nr. 1",
        "Tilstede: Ola Hansen (NAV), Siri Hansen, Kari Nordmann",
        "Hva hver enkelt skal gjøre til neste møte",
        "Ringe arbeidsgiver – frist 10.01.2027",
        "Søke bostøtte – frist 15.01.2027",
        "Neste møte",
    ] {
        assert!(
            text.contains(expected),
            "«{expected}» missing from:\n{text}"
        );
    }
    // Who does what is grouped under each name.
    let kari = text.find("\nKari Nordmann\n").expect("Kari's heading");
    let siri = text.find("\nSiri Hansen\n").expect("Siri's heading");
    assert!(kari < text.find("Ringe arbeidsgiver").unwrap());
    assert!(siri < text.find("Søke bostøtte").unwrap());
}

/// The text of a PDF, as `pdftotext` (poppler-utils) reads it.
fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (Debian's poppler-utils; `cargo xtask test` installs it)");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "pdftotext could not read the file");
    // Lines trimmed, so the layout's indentation does not matter.
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn the_board_as_it_was_at_a_meeting_and_what_changed_since_for_each_viewer() {
    let t = team().await;
    let first: BoardView = json(&t.siri, &format!("/api/boards/{}", t.board)).await;
    assert_eq!(first.seen_version, None, "Siri has not opened it before");
    let ended = t.hold_meeting().await;
    let b = t.app.board(t.board).await;
    let bostotte = card_at(&b, "Søke bostøtte");
    let ringe = card_at(&b, "Ringe arbeidsgiver");
    act(
        &t.app.client,
        t.board,
        Operation::MoveCard {
            card_id: bostotte,
            placement: Placement::cell("bosituasjon", "lang-sikt").unwrap(),
            order: "a0".into(),
        },
    )
    .await;

    let then: BoardView = json(
        &t.kari,
        &format!("/api/boards/{}/versions/{}", t.board, ended.version),
    )
    .await;
    assert_eq!(then.board.version, ended.version);
    assert_eq!(
        then.board.cards[&bostotte].placement,
        Placement::cell("bosituasjon", "na").unwrap(),
        "where it was at the meeting"
    );
    let now: BoardView = json(&t.siri, &format!("/api/boards/{}", t.board)).await;
    assert_eq!(now.seen_version, Some(first.board.version));
    let last_meeting = now.board.last_meeting_version().unwrap();
    assert_eq!(last_meeting, ended.version);
    let changed: Vec<CardId> = now
        .board
        .cards
        .keys()
        .copied()
        .filter(|c| now.board.card_changed_since(*c, last_meeting))
        .collect();
    assert_eq!(changed, [bostotte]);
    assert!(!now.board.card_changed_since(ringe, last_meeting));
    let again: BoardView = json(&t.siri, &format!("/api/boards/{}", t.board)).await;
    assert_eq!(again.seen_version, Some(now.board.version));

    for bad in [now.board.version + 1, 999_999] {
        let res = t
            .kari
            .get(&format!("/api/boards/{}/versions/{bad}", t.board))
            .await;
        expect_error(res, StatusCode::NOT_FOUND, "not_found").await;
    }
}

#[tokio::test]
async fn mine_oppgaver_lists_a_members_open_tasks_on_all_their_boards() {
    let t = team().await;
    let other = t.app.create_board().await.id;
    let siri_there = t.app.add_to_team(&t.app.client, other, &t.siri).await;
    let b = t.app.board(other).await;
    t.app.add_card(&b, "okonomi", "na", "Lage budsjett").await;
    let b = t.app.board(other).await;
    let budsjett = card_at(&b, "Lage budsjett");
    act(
        &t.app.client,
        other,
        responsible(
            budsjett,
            Responsible::Member {
                member_id: siri_there,
            },
            "2027-01-05",
        ),
    )
    .await;
    let tasks: Vec<MyTask> = json(&t.siri, "/api/tasks?lang=nb").await;
    let listed: Vec<(&str, &str)> = tasks
        .iter()
        .map(|t| (t.card.text.as_str(), t.place.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("Lage budsjett", "Økonomi – Det vi skal gjøre nå"),
            ("Søke bostøtte", "Bosituasjon – Det vi skal gjøre nå"),
        ],
        "soonest frist first"
    );
    // Done from the list: it leaves the list; a new date moves it.
    act(
        &t.siri,
        other,
        Operation::EditCard {
            card_id: budsjett,
            text: None,
            responsible: Patch::Keep,
            due: Patch::Keep,
            status: Some(CardStatus::Done),
            note: Patch::Keep,
        },
    )
    .await;
    let tasks: Vec<MyTask> = json(&t.siri, "/api/tasks").await;
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].board_id, t.board);
    let none: Vec<MyTask> = json(&t.app.client, "/api/tasks").await;
    assert!(none.is_empty(), "Ola has no tasks");
    let res = t.kari.get("/api/tasks").await;
    expect_error(res, StatusCode::FORBIDDEN, "forbidden").await;
}
