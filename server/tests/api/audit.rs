//! The audit log: one line for every read and change of a board, naming who did it from
//! which session; and no way to change the log.

use model::{AuditAction, AuditRecord, ClientMsg, ClientOpId, GuestRole, PlanView, StaffRole};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::{AuditLine, Client, TestApp, create_card_op, spawn_app};

/// Runs `act` and returns the audit lines it added.
async fn added_by<F: std::future::Future<Output = ()>>(app: &TestApp, act: F) -> Vec<AuditLine> {
    let before = app.audit_lines().await.len();
    act.await;
    // A live connection writes its line before the upgrade answers, so nothing is late.
    app.audit_lines().await.split_off(before)
}

fn line(
    who: &Client,
    role: &str,
    board: model::BoardId,
    action: AuditAction,
    version: Option<i64>,
) -> AuditLine {
    (
        who.account.map(|a| a.to_string()),
        role.to_owned(),
        Some(board.to_string()),
        action.as_str().to_owned(),
        version,
    )
}

#[tokio::test]
async fn every_board_read_and_change_writes_exactly_one_line_naming_the_actor() {
    let app = spawn_app().await;
    let owner = app.client.clone();
    let board = owner.create_board().await;
    let member = app
        .staff("Mia Medlem", "mia@kommune.test", StaffRole::Caseworker)
        .await;
    app.add_to_team(&owner, board.id, &member).await;
    let citizen = app
        .guest(&owner, board.id, GuestRole::Citizen, "Kari Nordmann")
        .await;
    let id = board.id;

    // Reads.
    for (who, role) in [
        (&owner, "owner"),
        (&member, "member"),
        (&citizen, "citizen"),
    ] {
        let got = added_by(&app, async {
            assert_eq!(
                who.get(&format!("/api/boards/{id}")).await.status(),
                StatusCode::OK
            );
        })
        .await;
        assert_eq!(got, vec![line(who, role, id, AuditAction::OpenBoard, None)]);
    }
    // The citizen's first screen and her whole plan are reads of the board too.
    for path in ["citizen", "citizen/overview"] {
        let got = added_by(&app, async {
            assert_eq!(
                citizen
                    .get(&format!("/api/boards/{id}/{path}"))
                    .await
                    .status(),
                StatusCode::OK
            );
        })
        .await;
        assert_eq!(
            got,
            vec![line(&citizen, "citizen", id, AuditAction::OpenBoard, None)],
            "{path}"
        );
    }
    let got = added_by(&app, async {
        assert_eq!(
            owner
                .get(&format!("/api/boards/{id}/access"))
                .await
                .status(),
            StatusCode::OK
        );
    })
    .await;
    assert_eq!(
        got,
        vec![line(&owner, "owner", id, AuditAction::ReadAccess, None)]
    );
    let got = added_by(&app, async {
        assert_eq!(
            citizen
                .get(&format!("/api/boards/{id}/views"))
                .await
                .status(),
            StatusCode::OK
        );
    })
    .await;
    assert_eq!(
        got,
        vec![line(&citizen, "citizen", id, AuditAction::ReadViews, None)]
    );

    // Changes over HTTP: one line with the event's version.
    let version = owner.board(id).await.version;
    let got = added_by(&app, async {
        member.apply(id, version, create_card_op("Ny jobb")).await;
    })
    .await;
    assert_eq!(
        got,
        vec![line(
            &member,
            "member",
            id,
            AuditAction::ChangeBoard,
            Some(version as i64 + 1)
        )]
    );

    // A live connection: one line for opening it, one per change sent over it, and one
    // line for the change, not one per connection that receives it.
    let mut watcher = citizen.live(id).await.unwrap();
    let mut live = None;
    let got = added_by(&app, async {
        live = Some(owner.live(id).await.unwrap());
    })
    .await;
    assert_eq!(
        got,
        vec![line(&owner, "owner", id, AuditAction::OpenLive, None)]
    );
    let mut live = live.unwrap();
    let got = added_by(&app, async {
        live.send(&ClientMsg::Op {
            client_op_id: ClientOpId(Uuid::new_v4()),
            base_version: 0,
            op: create_card_op("Over socket"),
        })
        .await;
        let _ = live.next_msg().await;
        let _ = watcher.next_msg().await;
    })
    .await;
    assert_eq!(
        got,
        vec![line(
            &owner,
            "owner",
            id,
            AuditAction::ChangeBoard,
            Some(version as i64 + 2)
        )]
    );

    // A refused change writes nothing (nothing was read or changed).
    let got = added_by(&app, async {
        let res = citizen.send(id, 0, create_card_op("Ikke lov")).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    })
    .await;
    assert!(got.is_empty(), "{got:?}");

    // Every line names the session it came from.
    let sessions: Vec<(Option<String>,)> =
        sqlx::query_as("SELECT session_id FROM audit_log WHERE board_id = $1")
            .bind(id.to_string())
            .fetch_all(app.store.pool())
            .await
            .unwrap();
    assert!(sessions.iter().all(|(s,)| s.is_some()));
}

#[tokio::test]
async fn the_citizen_sees_which_staff_opened_the_plan() {
    let app = spawn_app().await;
    let owner = app.client.clone();
    let board = owner.create_board().await.id;
    let member = app
        .staff("Mia Medlem", "mia@kommune.test", StaffRole::Caseworker)
        .await;
    app.add_to_team(&owner, board, &member).await;
    let citizen = app
        .guest(&owner, board, GuestRole::Citizen, "Kari Nordmann")
        .await;
    owner.board(board).await;
    member.board(board).await;
    member.board(board).await;
    citizen.board(board).await;
    let views: Vec<PlanView> = citizen
        .get(&format!("/api/boards/{board}/views"))
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<(&str, model::BoardRole)> =
        views.iter().map(|v| (v.name.as_str(), v.role)).collect();
    assert_eq!(
        names,
        [
            ("Mia Medlem", model::BoardRole::Member),
            ("Ola Hansen", model::BoardRole::Owner)
        ],
        "staff only, newest first, repeated opens within the hour once"
    );
    assert_eq!(views[0].office.as_deref(), Some("NAV"));
}

#[tokio::test]
async fn administrators_search_the_log_by_board_account_and_period() {
    let app = spawn_app().await;
    let admin = app
        .staff("Ada Admin", "ada@kommune.test", StaffRole::Admin)
        .await;
    let a = app.create_board().await.id;
    let b = app.create_board().await.id;
    app.board(a).await;
    app.board(b).await;
    let search = |q: String| {
        let admin = admin.clone();
        async move {
            let res = admin.get(&format!("/api/admin/audit{q}")).await;
            assert_eq!(res.status(), StatusCode::OK);
            res.json::<Vec<AuditRecord>>().await.unwrap()
        }
    };
    let on_a = search(format!("?board={a}")).await;
    assert!(!on_a.is_empty());
    assert!(on_a.iter().all(|r| r.board_id == Some(a)));
    assert!(on_a.iter().any(|r| r.action == AuditAction::OpenBoard));
    let by_owner = search(format!("?account={}", app.account.unwrap())).await;
    assert!(by_owner.iter().all(|r| r.account_id == app.account));
    assert!(by_owner.iter().any(|r| r.board_id == Some(b)));
    let today = model::IsoDate::from_timestamp(server::clock::now());
    assert!(!search(format!("?from={today}&to={today}")).await.is_empty());
    assert!(
        search("?from=2000-01-01&to=2000-01-02".into())
            .await
            .is_empty()
    );
    let res = admin.get("/api/admin/audit?from=igår").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Searching is itself logged.
    let last = search(String::new()).await;
    assert_eq!(last[0].action, AuditAction::SearchAudit);
}

#[tokio::test]
async fn the_audit_log_cannot_be_changed_through_the_api_or_the_database() {
    let app = spawn_app().await;
    let admin = app
        .staff("Ada Admin", "ada@kommune.test", StaffRole::Admin)
        .await;
    let board = app.create_board().await.id;
    app.board(board).await;
    let snapshot = app.audit_lines().await;
    // No method edits or deletes it.
    for method in ["PUT", "PATCH", "DELETE", "POST"] {
        for path in ["/api/admin/audit", "/api/admin/audit/1"] {
            let res = admin
                .http
                .request(method.parse().unwrap(), format!("{}{path}", app.base))
                .json(&serde_json::json!({}))
                .send()
                .await
                .unwrap();
            assert!(
                [StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&res.status()),
                "{method} {path}: {}",
                res.status()
            );
        }
    }
    let after = app.audit_lines().await;
    assert_eq!(
        &after[..snapshot.len()],
        &snapshot[..],
        "earlier lines unchanged"
    );
    // The database refuses too.
    for sql in [
        "UPDATE audit_log SET actor_name = 'noen andre'",
        "DELETE FROM audit_log",
    ] {
        assert!(
            sqlx::query(sql).execute(app.store.pool()).await.is_err(),
            "{sql} must be refused"
        );
    }
    assert_eq!(app.audit_lines().await.len(), after.len());
}
