//! Every API route answers a request it cannot read (a malformed path, query string or
//! body) with Duk's error format, `{code, message}` with a Norwegian message, and a 4xx
//! status, never with a framework's English text; and such a request changes nothing.
//!
//! The table is checked against `server::api::endpoints()`, so a route added without a
//! row fails this test.

use std::collections::BTreeSet;

use model::{ErrorBody, Operation, StaffRole};
use reqwest::{Method, Response};
use uuid::Uuid;

use crate::helpers::{Client, spawn_app_with};

/// A route, and what it reads besides its path.
struct Row {
    method: &'static str,
    path: &'static str,
    /// A query string this route cannot read (only for routes that read their query).
    bad_query: Option<&'static str>,
    /// Whether it reads a JSON body.
    body: bool,
}

const fn row(
    method: &'static str,
    path: &'static str,
    bad_query: Option<&'static str>,
    body: bool,
) -> Row {
    Row {
        method,
        path,
        bad_query,
        body,
    }
}

const LANG: Option<&str> = Some("lang=klingon");

#[rustfmt::skip]
const TABLE: &[Row] = &[
    row("GET",    "/api/health", None, false),
    row("POST",   "/api/auth/login", None, true),
    row("POST",   "/api/auth/logout", None, false),
    row("GET",    "/api/auth/me", None, false),
    row("POST",   "/api/auth/password", None, true),
    row("POST",   "/api/invitations/info", None, true),
    row("POST",   "/api/invitations/redeem", None, true),
    row("GET",    "/api/boards", None, false),
    row("POST",   "/api/boards", None, true),
    row("GET",    "/api/boards/{id}", None, false),
    row("POST",   "/api/boards/{id}/ops", None, true),
    row("GET",    "/api/boards/{id}/live", None, false),
    row("GET",    "/api/boards/{id}/access", None, false),
    row("DELETE", "/api/boards/{id}/access/{account}", None, false),
    row("POST",   "/api/boards/{id}/invitations", None, true),
    row("DELETE", "/api/boards/{id}/invitations/{invitation}", None, false),
    row("GET",    "/api/boards/{id}/views", None, false),
    row("GET",    "/api/staff", None, false),
    row("GET",    "/api/boards/{id}/history", Some("since=abc"), false),
    row("GET",    "/api/boards/{id}/versions/{version}", None, false),
    row("GET",    "/api/boards/{id}/minutes/{number}/{revision}", LANG, false),
    row("GET",    "/api/boards/{id}/minutes/{number}/{revision}/pdf", LANG, false),
    row("GET",    "/api/boards/{id}/export", LANG, false),
    row("GET",    "/api/tasks", LANG, false),
    row("GET",    "/api/boards/{id}/citizen", None, false),
    row("GET",    "/api/boards/{id}/citizen/overview", None, false),
    row("GET",    "/api/boards/{id}/callbacks", None, false),
    row("POST",   "/api/boards/{id}/callbacks", None, true),
    row("GET",    "/api/callbacks", None, false),
    row("PATCH",  "/api/callbacks/{callback}", None, true),
    row("GET",    "/api/boards/{id}/calendar.ics", None, false),
    row("GET",    "/api/boards/{id}/calendar-feed", None, false),
    row("POST",   "/api/boards/{id}/calendar-feed", None, false),
    row("DELETE", "/api/boards/{id}/calendar-feed", None, false),
    row("GET",    "/api/calendar/{token}", None, false),
    row("GET",    "/api/profile", None, false),
    row("PUT",    "/api/profile", None, true),
    row("GET",    "/api/admin/accounts", None, false),
    row("POST",   "/api/admin/accounts", None, true),
    row("PATCH",  "/api/admin/accounts/{account}", None, true),
    row("POST",   "/api/admin/accounts/{account}/password", None, false),
    row("GET",    "/api/admin/audit", Some("board=not-a-board&then=what"), false),
];

/// A query string no route can read: not UTF-8 once decoded.
const NOT_UTF8: &str = "q=%FF";

/// Sends a request and checks that it was refused in Duk's format, in Norwegian; returns
/// the code.
async fn refused(client: &Client, method: &str, path: &str, body: Option<&str>) -> String {
    let send = |lang: &'static str| {
        let mut req = client
            .http
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                format!("{}{path}", client.base),
            )
            .header("accept-language", lang);
        if let Some(body) = body {
            req = req
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        req.send()
    };
    let nb = send("nb").await.unwrap();
    let en = send("en").await.unwrap();
    let what = format!("{method} {path} {}", body.unwrap_or(""));
    let nb = error_of(nb, &what, "nb").await;
    let en = error_of(en, &what, "en").await;
    assert_eq!(nb.code, en.code, "{what}: one code in every language");
    assert_ne!(nb.message, en.message, "{what}: the message is Norwegian");
    nb.code
}

async fn error_of(res: Response, what: &str, lang: &str) -> ErrorBody {
    let status = res.status();
    assert!(status.is_client_error(), "{what}: 4xx, got {status}");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(
        header("content-type").as_deref(),
        Some("application/json"),
        "{what}: JSON"
    );
    assert_eq!(header("content-language").as_deref(), Some(lang), "{what}");
    let text = res.text().await.unwrap();
    let body: ErrorBody = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{what}: Duk's error format, got {text:?}: {e}"));
    assert!(
        !body.code.is_empty() && !body.message.is_empty(),
        "{what}: {text}"
    );
    body
}

#[tokio::test]
async fn every_route_answers_a_malformed_path_query_or_body_in_duks_format() {
    let app = spawn_app_with(|c| c.rate_limit_per_ip = 10_000).await;
    let routed: BTreeSet<(String, String)> = server::api::endpoints()
        .into_iter()
        .map(|e| (e.method.to_owned(), e.path.to_owned()))
        .collect();
    let tabled: BTreeSet<(String, String)> = TABLE
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    assert_eq!(tabled, routed, "every route has a row, every row a route");

    // A board with a meeting held, so that every path below names something real.
    let owner = app.client.clone();
    let board = owner.create_board().await.id;
    for op in [
        Operation::StartMeeting {
            meeting_id: None,
            present: Vec::new(),
        },
        Operation::EndMeeting {},
    ] {
        let b = owner.board(board).await;
        owner.apply(board, b.version, op).await;
    }
    let admin = app
        .staff("Ada Admin", "ada@kommune.test", StaffRole::Admin)
        .await;
    let account = admin.account.unwrap();
    let before = app.fingerprint().await;

    let real = |name: &str| -> String {
        match name {
            "id" => board.to_string(),
            "account" => account.to_string(),
            "version" | "number" | "revision" => "1".into(),
            "token" => "no-such-feed".into(),
            _ => Uuid::new_v4().to_string(),
        }
    };
    let fill = |path: &str, bad: Option<&str>| -> String {
        let mut out = String::new();
        for (i, part) in path.split('{').enumerate() {
            if i == 0 {
                out.push_str(part);
                continue;
            }
            let (name, rest) = part.split_once('}').unwrap();
            if Some(name) == bad {
                out.push_str("%FF");
            } else {
                out.push_str(&real(name));
            }
            out.push_str(rest);
        }
        out
    };

    let mut tried = 0;
    for row in TABLE {
        let client = if row.path.starts_with("/api/admin") {
            &admin
        } else {
            &owner
        };
        let params: Vec<&str> = row
            .path
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect();
        let body = row.body.then_some("{}");

        // Each part of the path that cannot be read: the address names nothing.
        for name in &params {
            let path = fill(row.path, Some(name));
            refused(client, row.method, &path, body).await;
            tried += 1;
        }
        // A route without parts: one more segment that cannot be read.
        if params.is_empty() {
            let path = format!("{}/%FF", row.path);
            refused(client, row.method, &path, body).await;
            tried += 1;
        }

        // A query string that is not UTF-8, on every route.
        let path = fill(row.path, None);
        let code = refused(client, row.method, &format!("{path}?{NOT_UTF8}"), body).await;
        assert_eq!(code, "bad_request", "{} {}", row.method, row.path);
        tried += 1;
        // What the route reads in its query, of the wrong kind.
        if let Some(query) = row.bad_query {
            let code = refused(client, row.method, &format!("{path}?{query}"), body).await;
            assert_eq!(code, "bad_request", "{} {}?{query}", row.method, row.path);
            tried += 1;
        }

        // A body that is not JSON.
        if row.body {
            let code = refused(client, row.method, &path, Some("{,")).await;
            assert_eq!(code, "malformed_json", "{} {}", row.method, row.path);
            tried += 1;
        }
    }
    assert!(tried > TABLE.len() * 2, "{tried} requests tried");
    assert_eq!(
        app.fingerprint().await,
        before,
        "refused requests change nothing"
    );
}

#[tokio::test]
async fn a_method_a_route_does_not_have_is_refused_in_duks_format() {
    let app = spawn_app_with(|_| {}).await;
    let code = refused(&app.client, "DELETE", "/api/boards", None).await;
    assert_eq!(code, "method_not_allowed");
    let code = refused(&app.client, "PUT", "/api/auth/me", None).await;
    assert_eq!(code, "method_not_allowed");
}

#[tokio::test]
async fn a_query_the_route_cannot_read_says_what_was_wrong_in_norwegian() {
    let app = spawn_app_with(|_| {}).await;
    let board = app.client.create_board().await.id;
    let res = app
        .client
        .get(&format!("/api/boards/{board}/history?since=abc"))
        .await;
    assert_eq!(res.status(), 400);
    let body: ErrorBody = res.json().await.unwrap();
    assert_eq!(body.code, "bad_request");
    assert_eq!(
        body.message,
        "Forespørselen kunne ikke leses. Sjekk adressen og prøv igjen."
    );
    assert!(
        body.detail.as_deref().is_some_and(|d| d.contains("since")),
        "the detail names the part: {:?}",
        body.detail
    );
}
