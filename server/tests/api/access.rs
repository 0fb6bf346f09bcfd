//! The authorization matrix: every endpoint and every live message, for every role, on the
//! board the role belongs to and on a board nobody here belongs to.
//!
//! The table below is checked against `server::api::endpoints()` and
//! `ClientMsg::KINDS`, so an endpoint or message added without a row fails this test.

// long-file: the authorization matrix is one table with the requests that try it

use std::collections::BTreeSet;

use model::{
    AccountChange, Action, BoardRole, ClientMsg, ClientOpId, ConsentFields, GuestRole,
    InvitationToken, IsoDate, LoginRequest, MemberFields, MemberId, NewInvitation, NewStaffAccount,
    OpRequest, Operation, Patch, RedeemInvitation, ServerMsg, StaffRole,
};
use uuid::Uuid;

use crate::helpers::{Client, Frame, TestApp, create_card_op, spawn_app_with};

/// The roles, in the order of every `expect` array.
const ROLES: [&str; 8] = [
    "anonymous",
    "administrator",
    "investeringsleder",
    "team member",
    "removed member",
    "citizen",
    "støtteperson",
    "citizen of another board",
];

/// What a cell expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exp {
    /// An HTTP status (for a live message: the status the connection attempt got).
    S(u16),
    /// A live message answered by the event, to everyone.
    Event,
    /// A live message refused with this code.
    Refused(&'static str),
    /// A live ping answered with a pong.
    Pong,
    /// A live hello answered with a welcome.
    Welcome,
    /// A live message answered with the board's presence list.
    Presence,
    /// A live message answered with an error with this code.
    Error(&'static str),
}
use Exp::*;

/// Who is refused what, as everywhere: no session 401, no role on the board 404.
const A: Exp = S(401);
const N: Exp = S(404);
const F: Exp = S(403);

/// A row: an endpoint (method, path pattern) or a live message (`WS`, kind).
struct Row {
    method: &'static str,
    path: &'static str,
    /// Whether it names a board, and so is tried on the foreign board too.
    board: bool,
    /// What it does on the board, in the model's permission table ([`model::PERMISSIONS`]).
    action: Option<Action>,
    expect: [Exp; 8],
}

const fn row(
    method: &'static str,
    path: &'static str,
    board: bool,
    action: Option<Action>,
    expect: [Exp; 8],
) -> Row {
    Row {
        method,
        path,
        board,
        action,
        expect,
    }
}

/// Reading the board.
const R: Option<Action> = Some(Action::Read);

/// The table. Order matters only for sign-out, which is last.
#[rustfmt::skip]
const TABLE: &[Row] = &[
    //                                                        anon adm  own       member    removed citizen   support   other
    row("GET",    "/api/health",                      false, None, [S(200), S(200), S(200), S(200), S(200), S(200), S(200), S(200)]),
    // A wrong password is the same answer for everyone.
    row("POST",   "/api/auth/login",                  false, None, [S(401), S(401), S(401), S(401), S(401), S(401), S(401), S(401)]),
    row("GET",    "/api/auth/me",                     false, None, [A, S(200), S(200), S(200), S(200), S(200), S(200), S(200)]),
    // With a wrong current password: staff are heard (and refused 401), guests have none.
    row("POST",   "/api/auth/password",               false, None, [A, S(401), S(401), S(401), S(401), F, F, F]),
    // An unknown invitation is the same answer for everyone.
    row("POST",   "/api/invitations/info",            false, None, [S(404), S(404), S(404), S(404), S(404), S(404), S(404), S(404)]),
    row("POST",   "/api/invitations/redeem",          false, None, [S(404), S(404), S(404), S(404), S(404), S(404), S(404), S(404)]),
    row("GET",    "/api/boards",                      false, None, [A, S(200), S(200), S(200), S(200), S(200), S(200), S(200)]),
    row("POST",   "/api/boards",                      false, None, [A, S(201), S(201), S(201), S(201), F, F, F]),
    row("GET",    "/api/boards/{id}",                 true, R,  [A, N, S(200), S(200), N, S(200), S(200), N]),
    row("POST",   "/api/boards/{id}/ops#card",        true, Some(Action::AddCards),  [A, N, S(200), S(200), N, F, F, N]),
    row("POST",   "/api/boards/{id}/ops#header",      true, Some(Action::EditHeader),  [A, N, S(200), F, N, F, F, N]),
    row("POST",   "/api/boards/{id}/ops#team",        true, Some(Action::EditTeam),  [A, N, S(200), F, N, F, F, N]),
    row("POST",   "/api/boards/{id}/ops#move",        true, Some(Action::EditCards), [A, N, S(200), S(200), N, F, F, N]),
    row("POST",   "/api/boards/{id}/ops#rows",        true, Some(Action::EditRows), [A, N, S(200), F, N, F, F, N]),
    row("POST",   "/api/boards/{id}/ops#consent",     true, Some(Action::RecordConsent),  [A, N, S(200), F, N, F, F, N]),
    row("GET",    "/api/boards/{id}/live",            true, R,  [A, N, S(101), S(101), N, S(101), S(101), N]),
    row("WS",     "op",                               true, Some(Action::AddCards),  [A, N, Event, Event, N, Refused("forbidden"), Refused("forbidden"), N]),
    row("WS",     "ping",                             true, R,  [A, N, Pong, Pong, N, Pong, Pong, N]),
    row("WS",     "hello",                            true, R,  [A, N, Welcome, Welcome, N, Welcome, Welcome, N]),
    // Showing which card one moves: for those who may move cards.
    row("WS",     "moving",                           true, Some(Action::ShowMoving),  [A, N, Presence, Presence, N, Presence, Error("forbidden"), N]),
    row("GET",    "/api/boards/{id}/access",          true, Some(Action::ReadAccess),  [A, N, S(200), S(200), N, S(200), F, N]),
    // The target does not exist: those who may end access learn that; others are refused first.
    row("DELETE", "/api/boards/{id}/access/{account}", true, Some(Action::ManageGuests), [A, N, S(404), F, N, S(404), F, N]),
    row("POST",   "/api/boards/{id}/invitations#citizen", true, Some(Action::InviteCitizen), [A, N, S(201), F, N, F, F, N]),
    row("POST",   "/api/boards/{id}/invitations#support", true, Some(Action::InviteSupport), [A, N, F, F, N, S(201), F, N]),
    row("DELETE", "/api/boards/{id}/invitations/{invitation}", true, Some(Action::ManageGuests), [A, N, S(404), F, N, S(404), F, N]),
    row("GET",    "/api/boards/{id}/views",           true, Some(Action::ReadViews),  [A, N, S(200), F, N, S(200), F, N]),
    // The record: everyone on the board reads it; the lead and the citizen export it.
    row("GET",    "/api/boards/{id}/history",         true, R,  [A, N, S(200), S(200), N, S(200), S(200), N]),
    row("GET",    "/api/boards/{id}/versions/{version}", true, R, [A, N, S(200), S(200), N, S(200), S(200), N]),
    row("GET",    "/api/boards/{id}/minutes/{number}/{revision}", true, R, [A, N, S(200), S(200), N, S(200), S(200), N]),
    row("GET",    "/api/boards/{id}/minutes/{number}/{revision}/pdf", true, R, [A, N, S(200), S(200), N, S(200), S(200), N]),
    row("GET",    "/api/boards/{id}/export",          true, Some(Action::Export),  [A, N, S(200), F, N, S(200), F, N]),
    row("GET",    "/api/tasks",                       false, None, [A, S(200), S(200), S(200), S(200), F, F, F]),
    // Only the lead starts and ends a meeting (the start row leaves one going on for the end row).
    row("POST",   "/api/boards/{id}/ops#start",       true, Some(Action::RunMeeting),  [A, N, S(200), F, N, F, F, N]),
    // Ticking the citizen present: the lead may tick anyone, she herself, a member only himself.
    row("POST",   "/api/boards/{id}/ops#present",     true, Some(Action::TickPresent), [A, N, S(200), F, N, S(200), F, N]),
    row("POST",   "/api/boards/{id}/ops#end",         true, Some(Action::RunMeeting),  [A, N, S(200), F, N, F, F, N]),
    // Only the lead corrects the minutes.
    row("POST",   "/api/boards/{id}/ops#correct",     true, Some(Action::CorrectMinutes), [A, N, S(200), F, N, F, F, N]),
    // Only the citizen answers the minutes.
    row("POST",   "/api/boards/{id}/ops#answer",      true, Some(Action::AnswerMinutes),  [A, N, F, F, N, S(200), F, N]),
    row("GET",    "/api/staff",                       false, None, [A, S(200), S(200), S(200), S(200), F, F, F]),
    row("POST",   "/api/boards/{id}/ops#meeting",     true, Some(Action::PlanMeetings),  [A, N, S(200), S(200), N, F, F, N]),
    row("POST",   "/api/boards/{id}/ops#contact",     true, Some(Action::EditTeam),  [A, N, S(200), F, N, F, F, N]),
    row("GET",    "/api/boards/{id}/citizen",         true, R,  [A, N, S(200), S(200), N, S(200), S(200), N]),
    row("GET",    "/api/boards/{id}/citizen/overview", true, R, [A, N, S(200), S(200), N, S(200), S(200), N]),
    row("POST",   "/api/boards/{id}/callbacks",       true, Some(Action::RequestCallback),  [A, N, F, F, N, S(201), F, N]),
    row("GET",    "/api/boards/{id}/callbacks",       true, Some(Action::ReadCallbacks),  [A, N, S(200), S(200), N, S(200), F, N]),
    row("GET",    "/api/callbacks",                   false, None, [A, S(200), S(200), S(200), S(200), F, F, F]),
    // An unknown request: staff learn only that it is not theirs to answer.
    row("PATCH",  "/api/callbacks/{callback}",        false, None, [A, S(404), S(404), S(404), S(404), F, F, F]),
    row("GET",    "/api/boards/{id}/calendar.ics",    true, R,  [A, N, S(200), S(200), N, S(200), S(200), N]),
    row("GET",    "/api/boards/{id}/calendar-feed",   true, Some(Action::CalendarFeed),  [A, N, F, F, N, S(200), F, N]),
    row("POST",   "/api/boards/{id}/calendar-feed",   true, Some(Action::CalendarFeed),  [A, N, F, F, N, S(201), F, N]),
    row("DELETE", "/api/boards/{id}/calendar-feed",   true, Some(Action::CalendarFeed),  [A, N, F, F, N, S(204), F, N]),
    // The token is the key: an unknown one is the same answer for everyone.
    row("GET",    "/api/calendar/{token}",            false, None, [S(404), S(404), S(404), S(404), S(404), S(404), S(404), S(404)]),
    row("GET",    "/api/profile",                     false, None, [A, S(200), S(200), S(200), S(200), F, F, F]),
    row("PUT",    "/api/profile",                     false, None, [A, S(200), S(200), S(200), S(200), F, F, F]),
    row("GET",    "/api/admin/accounts",              false, None, [A, S(200), F, F, F, F, F, F]),
    row("POST",   "/api/admin/accounts",              false, None, [A, S(201), F, F, F, F, F, F]),
    row("PATCH",  "/api/admin/accounts/{account}",    false, None, [A, S(200), F, F, F, F, F, F]),
    row("POST",   "/api/admin/accounts/{account}/password", false, None, [A, S(200), F, F, F, F, F, F]),
    row("GET",    "/api/admin/audit",                 false, None, [A, S(200), F, F, F, F, F, F]),
    // Last: it ends the sessions the rows above use.
    row("POST",   "/api/auth/logout",                 false, None, [A, S(204), S(204), S(204), S(204), S(204), S(204), S(204)]),
];

/// Everyone, and the two boards.
struct World {
    clients: Vec<Client>,
    own: model::BoardId,
    foreign: model::BoardId,
    spare: model::AccountId,
    /// A team member with an account on the own board, to name contact person.
    contact: MemberId,
    /// A card on the own board, to move.
    card: model::CardId,
}

async fn world(app: &TestApp) -> World {
    let owner = app.client.clone();
    let own = owner.create_board().await.id;
    let admin = app
        .staff("Ada Admin", "ada@kommune.test", StaffRole::Admin)
        .await;
    let member = app
        .staff("Mia Medlem", "mia@kommune.test", StaffRole::Caseworker)
        .await;
    let contact = app.add_to_team(&owner, own, &member).await;
    let removed = app
        .staff("Rune Fjernet", "rune@kommune.test", StaffRole::Caseworker)
        .await;
    let removed_id = app.add_to_team(&owner, own, &removed).await;
    let b = owner.board(own).await;
    owner
        .apply(
            own,
            b.version,
            Operation::RemoveMember {
                member_id: removed_id,
            },
        )
        .await;
    // A meeting held, so there are minutes to read and answer.
    for op in [
        Operation::StartMeeting {
            meeting_id: None,
            present: Vec::new(),
        },
        Operation::EndMeeting {},
    ] {
        let b = owner.board(own).await;
        owner.apply(own, b.version, op).await;
    }
    let card_op = create_card_op("Et kort å flytte");
    let card = card_op.card_id().unwrap();
    let b = owner.board(own).await;
    owner.apply(own, b.version, card_op).await;
    let citizen = app
        .guest(&owner, own, GuestRole::Citizen, "Kari Nordmann")
        .await;
    let support = app
        .guest(&citizen, own, GuestRole::Support, "Lise Nordmann")
        .await;
    let other_owner = app
        .staff("Olav Annen", "olav@kommune.test", StaffRole::Caseworker)
        .await;
    let other_board = other_owner.create_board().await.id;
    let other_citizen = app
        .guest(&other_owner, other_board, GuestRole::Citizen, "Per Persen")
        .await;
    let foreign = other_owner.create_board().await.id;
    let spare = app
        .staff("Sara Reserve", "sara@kommune.test", StaffRole::Caseworker)
        .await
        .account
        .unwrap();
    World {
        clients: vec![
            app.anonymous(),
            admin,
            owner,
            member,
            removed,
            citizen,
            support,
            other_citizen,
        ],
        own,
        foreign,
        spare,
        contact,
        card,
    }
}

fn op_for(kind: &str, w: &World) -> Operation {
    match kind {
        "meeting" => Operation::ScheduleMeeting {
            meeting_id: model::MeetingId(Uuid::new_v4()),
            meeting: model::MeetingFields {
                date: model::oslo_today(server::clock::now()).add_days(30),
                time: model::TimeOfDay::parse("10:00").unwrap(),
                minutes: None,
                place: Some("NAV".into()),
                video_link: None,
                agenda: Vec::new(),
                invited: Vec::new(),
                interpreter: None,
            },
        },
        "start" => Operation::StartMeeting {
            meeting_id: None,
            present: Vec::new(),
        },
        "end" => Operation::EndMeeting {},
        "answer" => Operation::AnswerMinutes {
            number: 1,
            revision: 1,
            agrees: false,
            comment: Some("Det var ikke slik.".into()),
        },
        "contact" => Operation::SetContact {
            member_id: Some(w.contact),
        },
        "card" => create_card_op("Et kort"),
        "move" => Operation::MoveCard {
            card_id: w.card,
            placement: model::Placement::cell("bosituasjon", "na").unwrap(),
            order: model::OrderKey::between(None, None).to_string(),
        },
        "rows" => Operation::AddTheme {
            theme_id: model::SlotId::parse(&format!("rad-{}", Uuid::new_v4().simple())).unwrap(),
            label: "Familie".into(),
        },
        "present" => Operation::SetPresent {
            attendee: model::Attendee::Citizen,
            present: true,
        },
        // The latest minutes: those of the meeting the start and end rows hold.
        "correct" => Operation::CorrectMinutes {
            number: 2,
            note: "Datoen var feil.".into(),
        },
        "header" => Operation::SetHeader {
            title: Some(format!("Plan {}", Uuid::new_v4().simple())),
            citizen_name: None,
            short_term_by: Patch::Keep,
            long_term_by: Patch::Keep,
            stage: Patch::Keep,
            citizen_may_add: None,
        },
        "team" => Operation::AddMember {
            member_id: MemberId(Uuid::new_v4()),
            member: MemberFields {
                name: "Fastlegen".into(),
                ..MemberFields::default()
            },
        },
        "consent" => Operation::SetConsent {
            consent: Some(ConsentFields {
                date: IsoDate::parse("2026-11-01").unwrap(),
                services: vec!["NAV".into()],
            }),
        },
        other => panic!("no op {other}"),
    }
}

/// Runs one HTTP cell; returns the status.
// long-fn: one request per kind of endpoint, as the matrix's rows name them
async fn http_cell(c: &Client, row: &Row, board: model::BoardId, w: &World) -> u16 {
    let (path, variant) = row.path.split_once('#').unwrap_or((row.path, ""));
    let path = path
        .replace("{id}", &board.to_string())
        .replace(
            "{account}",
            &if path.starts_with("/api/admin") {
                w.spare.to_string()
            } else {
                Uuid::new_v4().to_string()
            },
        )
        .replace("{invitation}", &Uuid::new_v4().to_string())
        .replace("{callback}", &Uuid::new_v4().to_string())
        .replace("{version}", "1")
        .replace("{number}", "1")
        .replace("{revision}", "1")
        .replace("{token}", "ukjent.ics");
    let res = match (row.method, path.as_str()) {
        ("GET", "/api/boards/{id}/live") => unreachable!(),
        ("GET", p) if p.ends_with("/live") => {
            return match c.live(board).await {
                Ok(_) => 101,
                Err(status) => status,
            };
        }
        ("GET", p) => c.get(p).await,
        ("DELETE", p) => c.delete(p).await,
        ("PATCH", p) if p.starts_with("/api/callbacks/") => {
            c.patch_json(
                p,
                &model::CallbackUpdate {
                    status: model::CallbackStatus::Called,
                },
            )
            .await
        }
        ("PUT", "/api/profile") => {
            c.put_json("/api/profile", &model::ContactProfileFields::default())
                .await
        }
        ("POST", p) if p.ends_with("/callbacks") => {
            c.post_json(
                p,
                &model::NewCallback {
                    phone: "48012345".into(),
                    note: None,
                    good_times: None,
                },
            )
            .await
        }
        ("POST", p) if p.ends_with("/calendar-feed") => c.post_json(p, &()).await,
        ("PATCH", p) => {
            c.patch_json(
                p,
                &AccountChange {
                    disabled: None,
                    role: Some(StaffRole::Caseworker),
                },
            )
            .await
        }
        ("POST", "/api/auth/login") => {
            c.post_json(
                "/api/auth/login",
                &LoginRequest {
                    // No such account, so that no account is locked by the repeats.
                    email: "ingen@nav.test".into(),
                    password: "feil passord her".into(),
                },
            )
            .await
        }
        ("POST", "/api/auth/password") => {
            c.post_json(
                "/api/auth/password",
                &model::ChangePassword {
                    current: "ikke mitt passord".into(),
                    new: "et nytt langt passord".into(),
                },
            )
            .await
        }
        ("POST", "/api/auth/logout") => c.post_json("/api/auth/logout", &()).await,
        ("POST", "/api/invitations/info") => {
            c.post_json(
                "/api/invitations/info",
                &InvitationToken {
                    token: "ukjent".into(),
                },
            )
            .await
        }
        ("POST", "/api/invitations/redeem") => {
            c.post_json(
                "/api/invitations/redeem",
                &RedeemInvitation {
                    token: "ukjent".into(),
                    code: "123456".into(),
                },
            )
            .await
        }
        ("POST", "/api/boards") => {
            c.post_json(
                "/api/boards",
                &model::CreateBoard {
                    citizen_name: "Noen".into(),
                    title: None,
                    short_term_by: None,
                    long_term_by: None,
                },
            )
            .await
        }
        ("POST", p) if p.ends_with("/ops") => {
            let mut op = op_for(variant, w);
            // Each tick turns the citizen's presence over, so that it is a change each time.
            if let Operation::SetPresent { attendee, present } = &mut op
                && board == w.own
            {
                let b = w.clients[2].board(board).await;
                *present = !b.session.is_some_and(|s| s.present.contains(attendee));
            }
            c.post_json(
                p,
                &OpRequest {
                    client_op_id: ClientOpId(Uuid::new_v4()),
                    base_version: 0,
                    op,
                },
            )
            .await
        }
        ("POST", p) if p.ends_with("/invitations") => {
            c.post_json(
                p,
                &NewInvitation {
                    role: if variant == "citizen" {
                        GuestRole::Citizen
                    } else {
                        GuestRole::Support
                    },
                    name: "Noen".into(),
                    phone: None,
                },
            )
            .await
        }
        ("POST", "/api/admin/accounts") => {
            c.post_json(
                "/api/admin/accounts",
                &NewStaffAccount {
                    name: "Ny Ansatt".into(),
                    email: format!("{}@kommune.test", Uuid::new_v4().simple()),
                    phone: None,
                    office: None,
                    role: StaffRole::Caseworker,
                },
            )
            .await
        }
        ("POST", p) if p.ends_with("/password") => c.post_json(p, &()).await,
        (m, p) => panic!("no request for {m} {p}"),
    };
    res.status().as_u16()
}

/// Runs one live-message cell.
async fn ws_cell(c: &Client, kind: &str, board: model::BoardId) -> Exp {
    let mut live = match c.live(board).await {
        Ok(live) => live,
        Err(status) => return S(status),
    };
    let msg = match kind {
        "op" => ClientMsg::Op {
            client_op_id: ClientOpId(Uuid::new_v4()),
            base_version: 0,
            op: create_card_op("Fra socket"),
        },
        "ping" => ClientMsg::Ping,
        "hello" => ClientMsg::Hello {
            protocol: model::PROTOCOL,
            since: None,
        },
        "moving" => {
            // Said after hello, which puts the connection on the board's list.
            live.send(&ClientMsg::Hello {
                protocol: model::PROTOCOL,
                since: None,
            })
            .await;
            assert!(matches!(live.next_msg().await, ServerMsg::Welcome { .. }));
            assert!(matches!(live.next_msg().await, ServerMsg::Presence { .. }));
            ClientMsg::Moving {
                card_id: Some(model::CardId(Uuid::new_v4())),
            }
        }
        other => panic!("no message {other}"),
    };
    live.send(&msg).await;
    match live.next().await {
        Frame::Msg(ServerMsg::Event { .. }) => Event,
        Frame::Msg(ServerMsg::Pong) => Pong,
        Frame::Msg(ServerMsg::Welcome { .. }) => Welcome,
        Frame::Msg(ServerMsg::Presence { people }) => {
            assert!(people.iter().any(|p| p.moving.is_some()));
            Presence
        }
        Frame::Msg(ServerMsg::Error { code, .. }) => Error(if code == "forbidden" {
            "forbidden"
        } else {
            "other"
        }),
        Frame::Msg(ServerMsg::Rejected { code, .. }) => Refused(if code == "forbidden" {
            "forbidden"
        } else {
            "other"
        }),
        other => panic!("unexpected answer {other:?}"),
    }
}

/// The board roles among [`ROLES`], by index.
const BOARD_ROLES: [(usize, BoardRole); 4] = [
    (2, BoardRole::Owner),
    (3, BoardRole::Member),
    (5, BoardRole::Citizen),
    (6, BoardRole::Support),
];

/// Checks that the model's permission table refuses a row's action to exactly the board
/// roles the row expects to be refused (403, or "forbidden" on the socket): the server is
/// checked against the same expectations, so the model, the table and the server agree.
/// A change is judged by [`model::Board::permits`] on the board as it stands, so that
/// "only themselves" and "when the lead allows" count.
async fn model_agrees(row: &Row, w: &World, failures: &mut Vec<String>) {
    let Some(action) = row.action else { return };
    let variant = match (row.method, row.path.split_once('#')) {
        ("WS", _) if row.path == "op" => Some("card"),
        (_, Some((p, v))) if p.ends_with("/ops") => Some(v),
        _ => None,
    };
    let board = w.clients[2].board(w.own).await;
    for (i, role) in BOARD_ROLES {
        let allowed = match variant {
            Some(v) => {
                let op = op_for(v, w);
                assert_eq!(op.action(), action, "{} {}", row.method, row.path);
                board.permits(role, w.clients[i].account, &op)
            }
            None => role.may(action, board.citizen_may_add),
        };
        let refused = matches!(row.expect[i], F | Refused("forbidden") | Error("forbidden"));
        if allowed == refused {
            failures.push(format!(
                "{} {} as {}: the model's table says {}, the row expects {:?}",
                row.method,
                row.path,
                ROLES[i],
                if allowed { "allowed" } else { "refused" },
                row.expect[i]
            ));
        }
    }
}

#[tokio::test]
async fn every_endpoint_and_live_message_answers_every_role_as_the_table_says() {
    // The per-address limit would stop the table's deliberate wrong passwords and codes.
    let app = spawn_app_with(|c| c.rate_limit_per_ip = 10_000).await;

    // The table covers the whole API, and nothing else.
    let routed: BTreeSet<(String, String)> = server::api::endpoints()
        .into_iter()
        .map(|e| (e.method.to_owned(), e.path.to_owned()))
        .collect();
    let tabled: BTreeSet<(String, String)> = TABLE
        .iter()
        .filter(|r| r.method != "WS")
        .map(|r| {
            let path = r.path.split('#').next().unwrap();
            (r.method.to_owned(), path.to_owned())
        })
        .collect();
    assert_eq!(
        tabled, routed,
        "every endpoint has a row, every row an endpoint"
    );
    let messages: BTreeSet<&str> = TABLE
        .iter()
        .filter(|r| r.method == "WS")
        .map(|r| r.path)
        .collect();
    assert_eq!(
        messages,
        ClientMsg::KINDS.into_iter().collect(),
        "every live message has a row"
    );

    let w = world(&app).await;
    let mut cells = 0;
    let mut failures = Vec::new();
    // Every action in the model's table is tried by some row.
    for action in Action::all() {
        if !matches!(action, Action::RevokeCitizen | Action::RevokeSupport) {
            assert!(
                TABLE.iter().any(|r| r.action == Some(action)),
                "no row tries {action:?}"
            );
        }
    }
    for row in TABLE {
        model_agrees(row, &w, &mut failures).await;
        let boards: &[(model::BoardId, bool)] = if row.board {
            &[(w.own, true), (w.foreign, false)]
        } else {
            &[(w.own, true)]
        };
        for &(board, own) in boards {
            for (i, client) in w.clients.iter().enumerate() {
                let expected = if own || i == 0 { row.expect[i] } else { N };
                let got = if row.method == "WS" {
                    ws_cell(client, row.path, board).await
                } else {
                    S(http_cell(client, row, board, &w).await)
                };
                cells += 1;
                if got != expected {
                    failures.push(format!(
                        "{} {} as {} on the {} board: expected {expected:?}, got {got:?}",
                        row.method,
                        row.path,
                        ROLES[i],
                        if own { "own" } else { "foreign" }
                    ));
                }
            }
        }
    }
    let endpoints = TABLE.iter().filter(|r| r.method != "WS").count();
    println!(
        "authorization matrix: {} rows ({endpoints} endpoint variants over {} endpoints, {} live \
         messages) × {} roles × own/foreign board = {cells} cells",
        TABLE.len(),
        routed.len(),
        messages.len(),
        ROLES.len(),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
