//! Sessions, invitations, rate limits, the cross-site check and security headers.

// long-file: every attack the server is tested against, side by side

use model::{
    ChangePassword, ClientMsg, CloseReason, GuestRole, InvitationToken, LoginRequest, Operation,
    RedeemInvitation, ServerMsg, StaffRole,
};
use reqwest::StatusCode;

use crate::helpers::{
    Client, Frame, PASSWORD, TestApp, create_card_op, expect_error, spawn_app, spawn_app_with,
    token_of,
};

async fn redeem(c: &Client, token: &str, code: &str) -> reqwest::Response {
    c.post_json(
        "/api/invitations/redeem",
        &RedeemInvitation {
            token: token.into(),
            code: code.into(),
        },
    )
    .await
}

fn wrong(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

#[tokio::test]
async fn guessing_a_code_locks_the_invitation_after_five_tries() {
    let app = spawn_app().await;
    let board = app.create_board().await.id;
    let inv = app.invite(board, GuestRole::Citizen, "Kari Nordmann").await;
    let token = token_of(&inv);
    let guesser = app.anonymous();
    for _ in 0..4 {
        expect_error(
            redeem(&guesser, &token, &wrong(&inv.code)).await,
            StatusCode::UNAUTHORIZED,
            "wrong_code",
        )
        .await;
    }
    expect_error(
        redeem(&guesser, &token, &wrong(&inv.code)).await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    )
    .await;
    // Now even the right code does not open it.
    expect_error(
        redeem(&guesser, &token, &inv.code).await,
        StatusCode::NOT_FOUND,
        "invitation_invalid",
    )
    .await;
    assert_eq!(
        guesser.get("/api/auth/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn one_address_is_stopped_after_twenty_failures_across_invitations() {
    let app = spawn_app().await;
    let board = app.create_board().await.id;
    let guesser = app.anonymous();
    for _ in 0..20 {
        let res = redeem(&guesser, "gjettet-lenke", "000000").await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
    // A real invitation with the right code is refused too, from this address, for now.
    let inv = app.invite(board, GuestRole::Citizen, "Kari Nordmann").await;
    expect_error(
        redeem(&guesser, &token_of(&inv), &inv.code).await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    )
    .await;
    let info = guesser
        .post_json(
            "/api/invitations/info",
            &InvitationToken {
                token: token_of(&inv),
            },
        )
        .await;
    assert_eq!(info.status(), StatusCode::TOO_MANY_REQUESTS);
}

/// A redeem attempt as it reaches Duk through one reverse proxy: the client wrote
/// `spoofed` into `X-Forwarded-For` itself, and the proxy appended the address it saw.
async fn redeem_via_proxy(c: &Client, spoofed: &str, seen_by_proxy: &str) -> reqwest::Response {
    c.http
        .post(format!("{}/api/invitations/redeem", c.base))
        .header("x-forwarded-for", format!("{spoofed}, {seen_by_proxy}"))
        .json(&RedeemInvitation {
            token: "gjettet-lenke".into(),
            code: "000000".into(),
        })
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn behind_a_proxy_a_new_forwarded_for_on_every_request_does_not_escape_the_limit() {
    let app = spawn_app_with(|c| {
        c.trusted_proxies = 1;
        c.rate_limit_per_ip = 5;
    })
    .await;
    let guesser = app.anonymous();
    for i in 0..5 {
        let res = redeem_via_proxy(&guesser, &format!("10.9.{i}.{i}"), "203.0.113.7").await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "attempt {i}");
    }
    // Yet another made-up address in front: still the same client to Duk.
    let res = redeem_via_proxy(&guesser, "192.0.2.99", "203.0.113.7").await;
    expect_error(res, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    // Someone else behind the same proxy is not held up by it.
    let other = redeem_via_proxy(&guesser, "10.9.0.0", "198.51.100.23").await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn codes_are_single_use_and_expire() {
    let app = spawn_app().await;
    let board = app.create_board().await.id;
    let inv = app.invite(board, GuestRole::Citizen, "Kari Nordmann").await;
    let kari = app.anonymous();
    assert_eq!(
        redeem(&kari, &token_of(&inv), &inv.code).await.status(),
        StatusCode::OK
    );
    let again = app.anonymous();
    expect_error(
        redeem(&again, &token_of(&inv), &inv.code).await,
        StatusCode::NOT_FOUND,
        "invitation_invalid",
    )
    .await;

    let old = app.invite(board, GuestRole::Citizen, "Kari Nordmann").await;
    sqlx::query("UPDATE invitations SET expires_at = $1 WHERE id = $2")
        .bind(server::clock::now().0 - 1)
        .bind(old.id.to_string())
        .execute(app.store.pool())
        .await
        .unwrap();
    expect_error(
        redeem(&again, &token_of(&old), &old.code).await,
        StatusCode::NOT_FOUND,
        "invitation_invalid",
    )
    .await;
    // Withdrawn invitations are dead too.
    let withdrawn = app.invite(board, GuestRole::Citizen, "Kari Nordmann").await;
    let res = app
        .delete(&format!("/api/boards/{board}/invitations/{}", withdrawn.id))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    expect_error(
        redeem(&again, &token_of(&withdrawn), &withdrawn.code).await,
        StatusCode::NOT_FOUND,
        "invitation_invalid",
    )
    .await;
}

#[tokio::test]
async fn a_second_invitation_for_the_citizen_signs_in_to_the_same_account() {
    let app = spawn_app().await;
    let board = app.create_board().await.id;
    let first = app
        .guest(&app.client, board, GuestRole::Citizen, "Kari Nordmann")
        .await;
    let second = app
        .guest(&app.client, board, GuestRole::Citizen, "Kari Nordmann")
        .await;
    assert_eq!(first.account, second.account);
    // And the invitation link went to the outbox only when a phone number was given.
    assert!(!app.outbox.exists());
    let res = app
        .post_json(
            &format!("/api/boards/{board}/invitations"),
            &model::NewInvitation {
                role: GuestRole::Citizen,
                name: "Kari Nordmann".into(),
                phone: Some("912 34 567".into()),
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: model::InvitationCreated = res.json().await.unwrap();
    assert_eq!(created.sent_to.as_deref(), Some("+4791234567"));
    let outbox = std::fs::read_to_string(&app.outbox).unwrap();
    assert!(outbox.contains("+4791234567") && outbox.contains(&created.link));
    assert!(
        !outbox.contains(&created.code),
        "the code goes by another way"
    );
}

#[tokio::test]
async fn wrong_passwords_lock_the_account_for_a_while() {
    let app = spawn_app().await;
    let c = app.anonymous();
    let login = |password: &str| LoginRequest {
        email: "ola@nav.test".into(),
        password: password.into(),
    };
    for _ in 0..5 {
        expect_error(
            c.post_json("/api/auth/login", &login("feil passord!!"))
                .await,
            StatusCode::UNAUTHORIZED,
            "wrong_credentials",
        )
        .await;
    }
    expect_error(
        c.post_json("/api/auth/login", &login(PASSWORD)).await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    )
    .await;
    // An unknown address gets the same answer as a wrong password.
    expect_error(
        c.post_json(
            "/api/auth/login",
            &LoginRequest {
                email: "ingen@nav.test".into(),
                password: PASSWORD.into(),
            },
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "wrong_credentials",
    )
    .await;
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server_and_closes_its_live_connection() {
    let app = spawn_app().await;
    let board = app.create_board().await.id;
    let cookie = app.cookie().unwrap();
    let mut live = app.live(board).await.unwrap();
    let res = app.post_json("/api/auth/logout", &()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let set_cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(set_cookie.contains("Max-Age=0"), "{set_cookie}");
    assert_eq!(
        live.next().await,
        Frame::Msg(ServerMsg::Closed {
            reason: CloseReason::SessionEnded
        })
    );
    assert_eq!(live.next().await, Frame::Close(4401));
    // The old cookie, replayed, no longer works.
    let res = reqwest::Client::new()
        .get(format!("{}/api/boards", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn changing_the_password_ends_every_other_session() {
    let app = spawn_app().await;
    let mut laptop = app.anonymous();
    laptop.sign_in("ola@nav.test", PASSWORD).await;
    let res = app
        .post_json(
            "/api/auth/password",
            &ChangePassword {
                current: PASSWORD.into(),
                new: "kort".into(),
            },
        )
        .await;
    expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "weak_password").await;
    let res = app
        .post_json(
            "/api/auth/password",
            &ChangePassword {
                current: PASSWORD.into(),
                new: "et helt nytt passord".into(),
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        laptop.get("/api/auth/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/auth/me").await.status(),
        StatusCode::OK,
        "a fresh session here"
    );
    let mut again = app.anonymous();
    again.sign_in("ola@nav.test", "et helt nytt passord").await;
}

#[tokio::test]
async fn a_removed_member_loses_the_board_at_once_live_connection_included() {
    let app = spawn_app().await;
    let board = app.create_board().await.id;
    let mia = app
        .staff("Mia Medlem", "mia@kommune.test", StaffRole::Caseworker)
        .await;
    let member_id = app.add_to_team(&app.client, board, &mia).await;
    let mut live = mia.live(board).await.unwrap();
    let version = app.board(board).await.version;
    app.apply(board, version, Operation::RemoveMember { member_id })
        .await;
    // The removal itself arrives as an event, then the connection is closed.
    match live.next().await {
        Frame::Msg(ServerMsg::Event { event }) => {
            assert!(matches!(event.op, Operation::RemoveMember { .. }))
        }
        other => panic!("expected the removal, got {other:?}"),
    }
    assert_eq!(
        live.next().await,
        Frame::Msg(ServerMsg::Closed {
            reason: CloseReason::AccessRevoked
        })
    );
    assert_eq!(live.next().await, Frame::Close(4403));
    expect_error(
        mia.get(&format!("/api/boards/{board}")).await,
        StatusCode::NOT_FOUND,
        "unknown_board",
    )
    .await;
    let res = mia.send(board, 0, create_card_op("Etter fjerning")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_revoked_stotteperson_is_closed_out_and_only_the_right_people_revoke() {
    let app = spawn_app().await;
    let board = app.create_board().await.id;
    let kari = app
        .guest(&app.client, board, GuestRole::Citizen, "Kari Nordmann")
        .await;
    let lise = app
        .guest(&kari, board, GuestRole::Support, "Lise Nordmann")
        .await;
    // Read-only: no change goes through, over HTTP or live.
    let res = lise.send(board, 0, create_card_op("Fra Lise")).await;
    expect_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let mut live = lise.live(board).await.unwrap();
    live.send(&ClientMsg::Ping).await;
    assert_eq!(live.next().await, Frame::Msg(ServerMsg::Pong));
    // The støtteperson cannot revoke the citizen.
    let res = lise
        .delete(&format!(
            "/api/boards/{board}/access/{}",
            kari.account.unwrap()
        ))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = kari
        .delete(&format!(
            "/api/boards/{board}/access/{}",
            lise.account.unwrap()
        ))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        live.next().await,
        Frame::Msg(ServerMsg::Closed {
            reason: CloseReason::AccessRevoked
        })
    );
    assert_eq!(
        lise.get(&format!("/api/boards/{board}")).await.status(),
        StatusCode::NOT_FOUND
    );
    // Team members leave through the team, not here.
    let res = kari
        .delete(&format!(
            "/api/boards/{board}/access/{}",
            app.account.unwrap()
        ))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn idle_and_expired_sessions_end() {
    let app = spawn_app().await;
    assert_eq!(app.get("/api/auth/me").await.status(), StatusCode::OK);
    let hour = 3_600_000;
    sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - $1")
        .bind(hour + 1)
        .execute(app.store.pool())
        .await
        .unwrap();
    assert_eq!(
        app.get("/api/auth/me").await.status(),
        StatusCode::UNAUTHORIZED,
        "idle"
    );
    let mut again = app.anonymous();
    again.sign_in("ola@nav.test", PASSWORD).await;
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE ended_at IS NULL")
        .bind(server::clock::now().0 - 1)
        .execute(app.store.pool())
        .await
        .unwrap();
    assert_eq!(
        again.get("/api/auth/me").await.status(),
        StatusCode::UNAUTHORIZED,
        "expired"
    );
}

async fn post_from(
    app: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
    body: &impl serde::Serialize,
) -> reqwest::Response {
    let mut req = app.http.post(format!("{}{path}", app.base)).json(body);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn writes_from_another_site_are_refused() {
    let app = spawn_app().await;
    let board = app.create_board().await.id;
    let op = |text: &str| model::OpRequest {
        client_op_id: model::ClientOpId(uuid::Uuid::new_v4()),
        base_version: 0,
        op: create_card_op(text),
    };
    let path = format!("/api/boards/{board}/ops");
    let before = app.fingerprint().await;
    for headers in [
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
    ] {
        let res = post_from(&app, &path, &headers, &op("Fra et annet nettsted")).await;
        expect_error(res, StatusCode::FORBIDDEN, "cross_origin").await;
    }
    let res = app.post_json("/api/auth/logout", &()).await;
    let _ = res;
    assert_eq!(app.fingerprint().await, before, "nothing changed");
    // Signing out from another site is refused as well; a live connection too.
    let mut ola = app.anonymous();
    ola.sign_in("ola@nav.test", PASSWORD).await;
    let res = ola
        .http
        .post(format!("{}/api/auth/logout", ola.base))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        ola.live_from(board, "https://evil.example").await.err(),
        Some(403)
    );
    // From our own origin it works.
    let own = ola.base.clone();
    let res = ola
        .http
        .post(format!("{}{path}", ola.base))
        .header("origin", own)
        .header("sec-fetch-site", "same-origin")
        .json(&op("Herfra"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (_dir, dist) = crate::helpers::fake_dist();
    let app = spawn_app_with(|c| c.dist = dist).await;
    for path in [
        "/",
        "/favicon.svg",
        "/api/health",
        "/api/boards",
        "/api/nope",
        "/planer/x",
    ] {
        let res = app.get(path).await;
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert!(
            h.get("strict-transport-security").is_none(),
            "no HSTS over plain http"
        );
        if path.starts_with("/api") {
            assert_eq!(h["cache-control"], "no-store", "{path}");
        }
    }
    // A session cookie over plain http: HttpOnly, SameSite=Lax, not Secure.
    let res = app
        .anonymous()
        .post_json(
            "/api/auth/login",
            &LoginRequest {
                email: "ola@nav.test".into(),
                password: PASSWORD.into(),
            },
        )
        .await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("duk_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"));
}

#[tokio::test]
async fn behind_tls_cookies_are_secure_and_hsts_is_sent() {
    let app = spawn_app_with(|c| c.public_url = Some("https://duk.kommune.test".into())).await;
    // The default client signed in over "https": the cookie is __Host- and Secure, which a
    // plain-http client will not send back, so sign in by hand and read the header.
    let res = reqwest::Client::new()
        .post(format!("{}/api/auth/login", app.base))
        .json(&LoginRequest {
            email: "ola@nav.test".into(),
            password: PASSWORD.into(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers();
    assert!(
        h["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    let cookie = h["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("__Host-duk_session=") && cookie.contains("; Secure"),
        "{cookie}"
    );
    // Writes must come from the public origin.
    let res = reqwest::Client::new()
        .post(format!("{}/api/auth/logout", app.base))
        .header("origin", app.base.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_temporary_password_must_be_changed_before_anything_else() {
    let app = spawn_app().await;
    let admin = app
        .staff("Ada Admin", "ada@kommune.test", StaffRole::Admin)
        .await;
    let res = admin
        .post_json(
            "/api/admin/accounts",
            &model::NewStaffAccount {
                name: "Nina Ny".into(),
                email: "Nina@Kommune.test".into(),
                phone: Some("93 45 67 89".into()),
                office: Some("NAV Gamle Oslo".into()),
                role: StaffRole::Caseworker,
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let issued: model::IssuedPassword = res.json().await.unwrap();
    assert_eq!(issued.account.email, "nina@kommune.test");
    assert_eq!(issued.account.phone.as_deref(), Some("+4793456789"));
    let mut nina = app.anonymous();
    let me = nina
        .sign_in("nina@kommune.test", &issued.temporary_password)
        .await;
    assert!(me.must_change_password);
    expect_error(
        nina.get("/api/boards").await,
        StatusCode::FORBIDDEN,
        "password_change_required",
    )
    .await;
    let res = nina
        .post_json(
            "/api/auth/password",
            &ChangePassword {
                current: issued.temporary_password.clone(),
                new: "ninas eget passord".into(),
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(nina.get("/api/boards").await.status(), StatusCode::OK);
    // The same e-mail twice is refused; bad fields too, and nothing is stored.
    let again = admin
        .post_json(
            "/api/admin/accounts",
            &model::NewStaffAccount {
                name: "Nina To".into(),
                email: "nina@kommune.test".into(),
                phone: None,
                office: None,
                role: StaffRole::Caseworker,
            },
        )
        .await;
    expect_error(again, StatusCode::CONFLICT, "email_taken").await;
    let bad = admin
        .post_json(
            "/api/admin/accounts",
            &model::NewStaffAccount {
                name: "Nils".into(),
                email: "nils@kommune.test".into(),
                phone: Some("ring meg".into()),
                office: None,
                role: StaffRole::Caseworker,
            },
        )
        .await;
    expect_error(bad, StatusCode::UNPROCESSABLE_ENTITY, "invalid_phone").await;
    let list: Vec<model::StaffAccount> =
        admin.get("/api/admin/accounts").await.json().await.unwrap();
    assert!(!list.iter().any(|a| a.name == "Nils"));
    // Disabling ends the account's sessions at once.
    let res = admin
        .patch_json(
            &format!("/api/admin/accounts/{}", issued.account.id),
            &model::AccountChange {
                disabled: Some(true),
                role: None,
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        nina.get("/api/auth/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    // An administrator cannot lock themselves out.
    let res = admin
        .patch_json(
            &format!("/api/admin/accounts/{}", admin.account.unwrap()),
            &model::AccountChange {
                disabled: Some(true),
                role: None,
            },
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
