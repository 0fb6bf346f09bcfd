//! The citizen's view: the contact person and their substitute, "Ring meg", meetings, and
//! the calendar (download and private subscription).

// long-file: the citizen's view end to end: her first screen, her plan, Ring meg and her calendar

use std::io::BufReader;

use model::{
    Absence, CalendarFeed, CallbackRequest, CallbackStatus, CallbackTask, CallbackUpdate,
    CitizenView, ContactProfileFields, GuestRole, Invitee, IsoDate, MeetingFields, MeetingId,
    MyProfile, NewCallback, OfficeHours, Operation, Patch, Responsible, StaffRole, TimeOfDay,
    Weekday, callback_deadline, oslo_today,
};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::{Client, TestApp, expect_error, spawn_app};

fn today() -> IsoDate {
    oslo_today(server::clock::now())
}

async fn put_profile(c: &Client, fields: &ContactProfileFields) -> reqwest::Response {
    c.put_json("/api/profile", fields).await
}

async fn save_profile(c: &Client, fields: &ContactProfileFields) -> MyProfile {
    let res = put_profile(c, fields).await;
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn citizen_view(c: &Client, board: model::BoardId) -> CitizenView {
    let res = c.get(&format!("/api/boards/{board}/citizen")).await;
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn meeting(date: IsoDate, agenda: Vec<String>) -> MeetingFields {
    MeetingFields {
        date,
        time: TimeOfDay::parse("10:00").unwrap(),
        minutes: None,
        place: Some("NAV Testby".into()),
        video_link: None,
        agenda,
        invited: vec![Invitee::Citizen],
        interpreter: None,
    }
}

/// A board led by the app's default caseworker, with a citizen signed in.
async fn board_with_citizen(app: &TestApp) -> (model::BoardId, Client) {
    let board = app.create_board().await.id;
    let kari = app
        .guest(&app.client, board, GuestRole::Citizen, "Kari Nordmann")
        .await;
    (board, kari)
}

#[tokio::test]
async fn the_citizen_sees_the_lead_as_contact_with_the_number_from_their_profile() {
    let app = spawn_app().await;
    let (board, kari) = board_with_citizen(&app).await;
    let saved = save_profile(
        &app.client,
        &ContactProfileFields {
            phone: Some("912 34 567".into()),
            hours: vec![OfficeHours {
                day: Weekday::Monday,
                from: TimeOfDay::parse("09:00").unwrap(),
                to: TimeOfDay::parse("11:00").unwrap(),
            }],
            ..Default::default()
        },
    )
    .await;
    assert_eq!(saved.profile.phone.unwrap().as_str(), "+4791234567");
    let view = citizen_view(&kari, board).await;
    let card = view.contact.expect("the lead is the contact person");
    assert_eq!(card.contact.name, "Ola Hansen");
    assert_eq!(card.contact.phone.unwrap().as_str(), "+4791234567");
    assert_eq!(card.contact.hours.len(), 1);
    assert_eq!(card.away, None);
    assert_eq!(view.my_role, model::BoardRole::Citizen);
}

#[tokio::test]
async fn during_an_absence_the_substitute_is_named_with_the_return_day() {
    let app = spawn_app().await;
    let (board, kari) = board_with_citizen(&app).await;
    let siri = app
        .staff("Siri Vikar", "siri@nav.test", StaffRole::Caseworker)
        .await;
    save_profile(
        &siri,
        &ContactProfileFields {
            phone: Some("92345678".into()),
            ..Default::default()
        },
    )
    .await;
    let mut fields = ContactProfileFields {
        phone: Some("91234567".into()),
        substitute: siri.account,
        ..Default::default()
    };
    save_profile(&app.client, &fields).await;
    let view = citizen_view(&kari, board).await;
    let card = view.contact.unwrap();
    assert_eq!(card.away, None);
    assert_eq!(card.substitute.as_ref().unwrap().name, "Siri Vikar");

    fields.absences = vec![Absence {
        from: today().add_days(-2),
        to: today().add_days(3),
    }];
    save_profile(&app.client, &fields).await;
    let card = citizen_view(&kari, board).await.contact.unwrap();
    let away = card.away.expect("away today");
    assert_eq!(away.last_day, today().add_days(3));
    assert_eq!(away.back_on, today().add_days(3).next_working_day());
    let sub = card.substitute.unwrap();
    assert_eq!(sub.phone.unwrap().as_str(), "+4792345678");
}

#[tokio::test]
async fn bad_profiles_are_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let before = save_profile(
        &app.client,
        &ContactProfileFields {
            phone: Some("91234567".into()),
            ..Default::default()
        },
    )
    .await;
    let cases = [
        (
            ContactProfileFields {
                phone: Some("ring sentralbordet".into()),
                ..Default::default()
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_phone",
        ),
        (
            ContactProfileFields {
                absences: vec![Absence {
                    from: IsoDate::parse("2027-07-20").unwrap(),
                    to: IsoDate::parse("2027-07-01").unwrap(),
                }],
                ..Default::default()
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "absence_order",
        ),
        (
            ContactProfileFields {
                substitute: app.client.account,
                ..Default::default()
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "substitute_is_self",
        ),
        (
            ContactProfileFields {
                substitute: Some(model::AccountId(Uuid::new_v4())),
                ..Default::default()
            },
            StatusCode::NOT_FOUND,
            "unknown_account",
        ),
        (
            ContactProfileFields {
                hours: vec![
                    OfficeHours {
                        day: Weekday::Friday,
                        from: TimeOfDay::parse("09:00").unwrap(),
                        to: TimeOfDay::parse("10:00").unwrap(),
                    };
                    100
                ],
                ..Default::default()
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "too_many_items",
        ),
    ];
    for (fields, status, code) in cases {
        let body = expect_error(put_profile(&app.client, &fields).await, status, code).await;
        assert!(!body.message.is_empty());
    }
    let after: MyProfile = app.get("/api/profile").await.json().await.unwrap();
    assert_eq!(after, before);
    // A citizen has no profile to keep.
    let board = app.create_board().await.id;
    let kari = app
        .guest(&app.client, board, GuestRole::Citizen, "Kari")
        .await;
    expect_error(
        put_profile(&kari, &ContactProfileFields::default()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn a_callback_request_reaches_the_contact_person_with_a_two_working_day_deadline() {
    let app = spawn_app().await;
    let (board, kari) = board_with_citizen(&app).await;
    let res = kari
        .post_json(
            &format!("/api/boards/{board}/callbacks"),
            &NewCallback {
                phone: "0047 480 12 345".into(),
                note: Some("Om bostøtten".into()),
                good_times: Some("etter kl. 14".into()),
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let req: CallbackRequest = res.json().await.unwrap();
    assert_eq!(req.phone.as_str(), "+4748012345");
    assert_eq!(req.status, CallbackStatus::Received);
    assert_eq!(req.deadline, callback_deadline(req.requested_at));
    assert_eq!(
        req.deadline,
        oslo_today(req.requested_at).add_working_days(2)
    );

    let inbox: Vec<CallbackTask> = app.get("/api/callbacks").await.json().await.unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].request.id, req.id);
    assert_eq!(inbox[0].request.citizen_name, "Kari Nordmann");
    assert!(inbox[0].on_team);
    assert_eq!(inbox[0].covering_for, None);

    // A second open request is refused, with a message; the first still stands.
    let again = kari
        .post_json(
            &format!("/api/boards/{board}/callbacks"),
            &NewCallback {
                phone: "48012345".into(),
                note: None,
                good_times: None,
            },
        )
        .await;
    expect_error(again, StatusCode::CONFLICT, "callback_open").await;

    // Someone outside the board cannot answer it, or learn that it exists.
    let stranger = app
        .staff("Per Fremmed", "per@nav.test", StaffRole::Caseworker)
        .await;
    let none: Vec<CallbackTask> = stranger.get("/api/callbacks").await.json().await.unwrap();
    assert!(none.is_empty());
    expect_error(
        stranger
            .patch_json(
                &format!("/api/callbacks/{}", req.id),
                &CallbackUpdate {
                    status: CallbackStatus::Closed,
                },
            )
            .await,
        StatusCode::NOT_FOUND,
        "unknown_callback",
    )
    .await;

    // The contact person calls; the citizen sees it.
    let res = app
        .patch_json(
            &format!("/api/callbacks/{}", req.id),
            &CallbackUpdate {
                status: CallbackStatus::Called,
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let view = citizen_view(&kari, board).await;
    assert_eq!(view.callbacks[0].status, CallbackStatus::Called);
    assert_eq!(view.callbacks[0].updated_by.as_deref(), Some("Ola Hansen"));
    let inbox: Vec<CallbackTask> = app.get("/api/callbacks").await.json().await.unwrap();
    assert!(inbox.is_empty(), "answered requests leave the start page");
    let actions: Vec<String> = app.audit_lines().await.into_iter().map(|l| l.3).collect();
    for action in ["request_callback", "read_callbacks", "update_callback"] {
        assert!(actions.iter().any(|a| a == action), "{action} is audited");
    }
}

#[tokio::test]
async fn the_substitute_sees_requests_only_while_the_contact_person_is_away() {
    let app = spawn_app().await;
    let (board, kari) = board_with_citizen(&app).await;
    let siri = app
        .staff("Siri Vikar", "siri@nav.test", StaffRole::Caseworker)
        .await;
    let mut fields = ContactProfileFields {
        substitute: siri.account,
        ..Default::default()
    };
    save_profile(&app.client, &fields).await;
    let res = kari
        .post_json(
            &format!("/api/boards/{board}/callbacks"),
            &NewCallback {
                phone: "48012345".into(),
                note: None,
                good_times: None,
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<CallbackRequest>().await.unwrap().id;
    let inbox: Vec<CallbackTask> = siri.get("/api/callbacks").await.json().await.unwrap();
    assert!(inbox.is_empty());

    fields.absences = vec![Absence {
        from: today(),
        to: today().add_days(7),
    }];
    save_profile(&app.client, &fields).await;
    let inbox: Vec<CallbackTask> = siri.get("/api/callbacks").await.json().await.unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].covering_for.as_deref(), Some("Ola Hansen"));
    assert!(!inbox[0].on_team);
    let res = siri
        .patch_json(
            &format!("/api/callbacks/{id}"),
            &CallbackUpdate {
                status: CallbackStatus::NoAnswer,
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // "Ikke fått svar – prøver igjen" keeps it open.
    let inbox: Vec<CallbackTask> = siri.get("/api/callbacks").await.json().await.unwrap();
    assert_eq!(inbox[0].request.status, CallbackStatus::NoAnswer);
}

#[tokio::test]
async fn bad_callback_requests_are_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let (board, kari) = board_with_citizen(&app).await;
    let before = app.fingerprint().await;
    for (req, code) in [
        (
            NewCallback {
                phone: "ring meg".into(),
                note: None,
                good_times: None,
            },
            "invalid_phone",
        ),
        (
            NewCallback {
                phone: "48012345".into(),
                note: Some("x".repeat(model::limits::CALLBACK_NOTE_MAX + 1)),
                good_times: None,
            },
            "field_too_long",
        ),
    ] {
        expect_error(
            kari.post_json(&format!("/api/boards/{board}/callbacks"), &req)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            code,
        )
        .await;
    }
    // Only the citizen asks to be called.
    expect_error(
        app.post_json(
            &format!("/api/boards/{board}/callbacks"),
            &NewCallback {
                phone: "48012345".into(),
                note: None,
                good_times: None,
            },
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn meetings_in_the_past_or_with_huge_agendas_are_refused() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let before = app.fingerprint().await;
    let cases = [
        (meeting(today().add_days(-1), vec![]), "meeting_in_past"),
        (
            meeting(today().add_days(7), vec!["Punkt".into(); 10_000]),
            "too_many_items",
        ),
        (
            MeetingFields {
                place: None,
                ..meeting(today().add_days(7), vec![])
            },
            "meeting_where",
        ),
    ];
    for (fields, code) in cases {
        let res = app
            .send(
                board.id,
                board.version,
                Operation::ScheduleMeeting {
                    meeting_id: MeetingId(Uuid::new_v4()),
                    meeting: fields,
                },
            )
            .await;
        expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, code).await;
    }
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn the_next_meeting_with_its_agenda_reaches_the_citizen() {
    let app = spawn_app().await;
    let (board, kari) = board_with_citizen(&app).await;
    let b = app.board(board).await;
    let id = MeetingId(Uuid::new_v4());
    app.apply(
        board,
        b.version,
        Operation::ScheduleMeeting {
            meeting_id: id,
            meeting: meeting(
                today().add_days(10),
                vec!["Bolig".into(), " ".into(), "Jobb".into()],
            ),
        },
    )
    .await;
    let view = citizen_view(&kari, board).await;
    let next = view
        .board
        .next_meeting(server::clock::now())
        .expect("a meeting");
    assert_eq!(next.id, id);
    let agenda: Vec<&str> = next.agenda.iter().map(|a| a.as_str()).collect();
    assert_eq!(agenda, ["Bolig", "Jobb"]);
    // The citizen may not plan meetings.
    let res = kari
        .send(
            board,
            view.board.version,
            Operation::CancelMeeting { meeting_id: id },
        )
        .await;
    expect_error(res, StatusCode::FORBIDDEN, "forbidden").await;
}

/// Parses iCalendar text with an independent parser; returns each event's properties.
fn parse_ics(text: &str) -> Vec<Vec<(String, String)>> {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = calendars
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(calendars.next().is_none());
    cal.events
        .into_iter()
        .map(|e| {
            e.properties
                .into_iter()
                .map(|p| (p.name, p.value.unwrap_or_default()))
                .collect()
        })
        .collect()
}

fn prop<'a>(event: &'a [(String, String)], name: &str) -> Option<&'a str> {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// A board with one citizen deadline, one team task and one meeting.
async fn board_for_calendar(app: &TestApp) -> (model::BoardId, Client, IsoDate, IsoDate) {
    let (board, kari) = board_with_citizen(app).await;
    let b = app.board(board).await;
    let e = app.add_card(&b, "okonomi", "na", "Søke bostøtte").await;
    let due = today().add_days(5);
    let card = e.op.card_id().unwrap();
    let e = app
        .apply(
            board,
            e.version,
            Operation::EditCard {
                card_id: card,
                text: None,
                responsible: Patch::Set(Responsible::Citizen),
                due: Patch::Set(due),
                status: None,
                note: Patch::Keep,
            },
        )
        .await;
    let b = app.board(board).await;
    let e2 = app.add_card(&b, "jobb", "na", "Ringe arbeidsgiver").await;
    let _ = e;
    let meeting_day = today().add_days(12);
    app.apply(
        board,
        e2.version,
        Operation::ScheduleMeeting {
            meeting_id: MeetingId(Uuid::new_v4()),
            meeting: meeting(meeting_day, vec!["Bolig".into()]),
        },
    )
    .await;
    (board, kari, due, meeting_day)
}

#[tokio::test]
async fn the_ics_download_holds_the_citizens_deadlines_and_meetings() {
    let app = spawn_app().await;
    let (board, kari, due, meeting_day) = board_for_calendar(&app).await;
    let res = kari.get(&format!("/api/boards/{board}/calendar.ics")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let events = parse_ics(&res.text().await.unwrap());
    assert_eq!(events.len(), 2, "one deadline and one meeting: {events:?}");
    let deadline = events
        .iter()
        .find(|e| prop(e, "SUMMARY") == Some("Frist: Søke bostøtte"))
        .expect("the deadline");
    assert_eq!(
        prop(deadline, "DTSTART"),
        Some(due.to_string().replace('-', "").as_str())
    );
    let meeting = events
        .iter()
        .find(|e| prop(e, "SUMMARY") == Some("Møte om planen din"))
        .expect("the meeting");
    let start = model::LocalDateTime {
        date: meeting_day,
        time: TimeOfDay::parse("10:00").unwrap(),
    }
    .to_timestamp();
    let expected = chrono::DateTime::from_timestamp_millis(start.0)
        .unwrap()
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    assert_eq!(prop(meeting, "DTSTART"), Some(expected.as_str()));
    assert_eq!(prop(meeting, "LOCATION"), Some("NAV Testby"));
    assert!(prop(meeting, "DESCRIPTION").unwrap().contains("Bolig"));
    // The team's task is not the citizen's deadline.
    assert!(
        events
            .iter()
            .all(|e| prop(e, "SUMMARY") != Some("Frist: Ringe arbeidsgiver"))
    );
}

#[tokio::test]
async fn the_subscription_address_serves_only_that_citizens_calendar_until_revoked() {
    let app = spawn_app().await;
    let (board, kari, _, _) = board_for_calendar(&app).await;
    let res = kari
        .post_json(&format!("/api/boards/{board}/calendar-feed"), &())
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let feed: CalendarFeed = res.json().await.unwrap();
    assert!(feed.url.starts_with(app.base()), "{}", feed.url);
    let path = feed.url.strip_prefix(app.base()).unwrap().to_owned();
    // No session needed: a calendar app polls it.
    let anon = app.anonymous();
    let res = anon.get(&path).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(parse_ics(&res.text().await.unwrap()).len(), 2);
    // A guessed token gets nothing.
    assert_eq!(
        anon.get("/api/calendar/gjettet.ics").await.status(),
        StatusCode::NOT_FOUND
    );
    // A new address replaces the old one.
    let newer: CalendarFeed = kari
        .post_json(&format!("/api/boards/{board}/calendar-feed"), &())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(anon.get(&path).await.status(), StatusCode::NOT_FOUND);
    let newer_path = newer.url.strip_prefix(app.base()).unwrap().to_owned();
    assert_eq!(anon.get(&newer_path).await.status(), StatusCode::OK);
    // Revoked: 404 at once.
    let res = kari
        .delete(&format!("/api/boards/{board}/calendar-feed"))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(anon.get(&newer_path).await.status(), StatusCode::NOT_FOUND);
    let reads = app
        .audit_lines()
        .await
        .into_iter()
        .filter(|l| l.3 == "read_calendar" && l.1 == "citizen")
        .count();
    assert_eq!(reads, 2, "each read of the feed is in the audit log");
}

#[tokio::test]
async fn a_subscription_stops_when_the_citizens_access_ends() {
    let app = spawn_app().await;
    let (board, kari, _, _) = board_for_calendar(&app).await;
    let feed: CalendarFeed = kari
        .post_json(&format!("/api/boards/{board}/calendar-feed"), &())
        .await
        .json()
        .await
        .unwrap();
    let path = feed.url.strip_prefix(app.base()).unwrap().to_owned();
    assert_eq!(app.anonymous().get(&path).await.status(), StatusCode::OK);
    let res = app
        .delete(&format!(
            "/api/boards/{board}/access/{}",
            kari.account.unwrap()
        ))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.anonymous().get(&path).await.status(),
        StatusCode::NOT_FOUND
    );
}
