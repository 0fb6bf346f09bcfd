//! Serving the built app: SPA fallback, cache headers and compression.

use reqwest::StatusCode;

use crate::helpers::{fake_dist, spawn_app_with};

#[tokio::test]
async fn app_routes_fall_back_to_index_html_which_is_revalidated() {
    let (_dir, dist) = fake_dist();
    let app = spawn_app_with(|c| c.dist = dist).await;
    for path in [
        "/",
        "/boards/0b6c6f57-1111-4111-8111-111111111111",
        "/some/deep/link",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert!(res.text().await.unwrap().contains("<title>Duk</title>"));
    }
    let res = app.get("/favicon.svg").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-cache");
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_served_precompressed() {
    let (_dir, dist) = fake_dist();
    let app = spawn_app_with(|c| c.dist = dist).await;
    let res = app.get("/assets/0123abcd/duk.js").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let res = app
        .http
        .get(format!("{}/assets/0123abcd/duk.js", app.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"brotli-bytes");
}

#[tokio::test]
async fn every_answer_with_compressed_variants_says_it_varies_by_accept_encoding() {
    let (_dir, dist) = fake_dist();
    let app = spawn_app_with(|c| c.dist = dist).await;
    // Hashed assets, the shell at its own name, as the SPA fallback, and at `/`.
    for path in [
        "/assets/0123abcd/duk.js",
        "/index.html",
        "/some/deep/link",
        "/",
    ] {
        for encoding in ["br", "gzip", "identity"] {
            let res = app
                .http
                .get(format!("{}{path}", app.base))
                .header("accept-encoding", encoding)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{path} {encoding}");
            let sent = res
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap().to_owned());
            assert_eq!(
                sent.as_deref(),
                (encoding != "identity").then_some(encoding),
                "{path} {encoding}"
            );
            let vary: Vec<String> = res
                .headers()
                .get_all("vary")
                .iter()
                .flat_map(|v| v.to_str().unwrap().split(','))
                .map(|v| v.trim().to_ascii_lowercase())
                .collect();
            // A shared cache that ignored this would give brotli to a client that cannot
            // read it, or the other way round, for a year.
            assert!(
                vary.iter().any(|v| v == "accept-encoding"),
                "{path} {encoding}: Vary {vary:?}"
            );
        }
    }
    // Assets carry a strong validator.
    let res = app.get("/assets/0123abcd/duk.js").await;
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    assert!(!etag.starts_with("W/"), "{etag}");
    let again = app
        .http
        .get(format!("{}/assets/0123abcd/duk.js", app.base))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn a_missing_asset_is_a_404_and_never_the_app_page() {
    let (_dir, dist) = fake_dist();
    let app = spawn_app_with(|c| c.dist = dist).await;
    let res = app.get("/assets/0123abcd/gone.js").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(
        res.headers()
            .get("cache-control")
            .is_none_or(|v| v != "public, max-age=31536000, immutable")
    );
}

#[tokio::test]
async fn api_answers_are_compressed_for_clients_that_accept_it() {
    let (_dir, dist) = fake_dist();
    let app = spawn_app_with(|c| c.dist = dist).await;
    let board = app.create_board().await;
    for n in 0..20 {
        let b = app.board(board.id).await;
        app.add_card(&b, "jobb", "na", &format!("Kort nummer {n} med litt tekst"))
            .await;
    }
    let res = app
        .http
        .get(format!("{}/api/boards/{}", app.base, board.id))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn the_citizens_pages_and_the_board_page_get_their_own_shells() {
    let (_dir, dist) = fake_dist();
    std::fs::write(
        dist.join("citizen.html"),
        "<!doctype html><title>Duk</title><!-- citizen -->",
    )
    .unwrap();
    std::fs::write(
        dist.join("board.html"),
        "<!doctype html><title>Duk</title><!-- board -->",
    )
    .unwrap();
    let app = spawn_app_with(|c| c.dist = dist).await;
    let is_citizen_shell = async |c: &crate::helpers::Client, path: &str| {
        let res = c.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        res.text().await.unwrap().contains("<!-- citizen -->")
    };
    let board = app.create_board().await.id;
    for path in [
        format!("/plan/{board}"),
        format!("/plan/{board}/min-plan"),
        "/invitasjon".to_owned(),
        "/ordliste".to_owned(),
    ] {
        assert!(is_citizen_shell(&app.client, &path).await, "{path}");
    }
    for path in ["/", "/boards/x", "/profil", "/logg-inn"] {
        assert!(!is_citizen_shell(&app.client, path).await, "{path}");
        assert!(!is_citizen_shell(&app.anonymous(), path).await, "{path}");
    }
    // The board page's shell fetches the chunks the board draws with; the board's other
    // pages get the plain shell.
    let shell_of = async |path: String| {
        let res = app.client.get(&path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        res.text().await.unwrap()
    };
    assert!(
        shell_of(format!("/boards/{board}"))
            .await
            .contains("<!-- board -->")
    );
    for path in [
        format!("/boards/{board}/historikk"),
        format!("/boards/{board}/versjon/1"),
        "/oppgaver".to_owned(),
    ] {
        let html = shell_of(path.clone()).await;
        assert!(
            !html.contains("<!-- board -->") && !html.contains("<!-- citizen -->"),
            "{path}"
        );
    }
    // A signed-in citizen's home is their plan, in their bundle.
    let kari = app
        .guest(&app.client, board, model::GuestRole::Citizen, "Kari")
        .await;
    assert!(is_citizen_shell(&kari, "/").await);
    let res = kari.get("/").await;
    assert!(res.headers()["vary"].to_str().unwrap().contains("Cookie"));
}
