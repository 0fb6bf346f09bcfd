//! The built app: hashed assets cached for a year, everything else revalidated, and any
//! path that is not a file answered with an app shell so that the app's router handles it.
//!
//! There are three shells. `citizen.html` loads the citizen's bundle, a fraction of the
//! staff app, for the pages a citizen opens on a phone: `/plan/…`, `/invitasjon`,
//! `/ordliste`, and `/` when the session is a citizen's or støtteperson's. `board.html`
//! loads the whole app and makes the browser fetch the board page's module with it, for
//! `/boards/{id}`. Everything else gets `index.html`, the whole app.

use std::path::{Path, PathBuf};

use axum::{
    Router,
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
};
use model::AccountKind;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::{
    AppState,
    auth::{session_token, sha256_hex},
    clock::now,
};

/// The paths (besides `/`) the citizen's bundle serves.
const CITIZEN_PATHS: [&str; 4] = ["/plan/{id}", "/plan/{id}/{tab}", "/invitasjon", "/ordliste"];

fn shell(path: PathBuf) -> ServeFile {
    ServeFile::new(path).precompressed_br().precompressed_gzip()
}

/// Serves `dist/`: `/assets/<hash>/…` immutable, the rest `no-cache`, SPA fallback.
pub fn router(dist: &Path) -> Router<AppState> {
    // Hashed names change with their content, so they never need revalidating. A missing
    // asset is a plain 404, never a shell, so a stale page cannot cache HTML as script.
    let assets = ServeDir::new(dist.join("assets"))
        .precompressed_br()
        .precompressed_gzip();
    let app = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(shell(dist.join("index.html")));
    let mut router = Router::new()
        .nest_service("/assets", assets)
        .layer(middleware::from_fn(immutable));
    let board = dist.join("board.html");
    if board.exists() {
        router = router.route_service("/boards/{id}", shell(board));
    }
    let citizen = dist.join("citizen.html");
    // A build without these shells (an older dist) serves index.html everywhere.
    if citizen.exists() {
        for path in CITIZEN_PATHS {
            router = router.route_service(path, shell(citizen.clone()));
        }
        let shells = Shells {
            app: dist.join("index.html"),
            citizen,
        };
        router = router.route("/", get(move |state, req| home(state, req, shells.clone())));
    }
    router
        .fallback_service(app)
        .layer(middleware::from_fn(revalidate))
}

#[derive(Debug, Clone)]
struct Shells {
    app: PathBuf,
    citizen: PathBuf,
}

/// `/`: the citizen's bundle for a signed-in citizen or støtteperson (their home is their
/// plan), the whole app for staff and for anyone not signed in (the sign-in page).
async fn home(State(state): State<AppState>, req: Request, shells: Shells) -> Response {
    let kind = match session_token(&state, req.headers()) {
        Some(token) => state
            .store
            .session_by_token(&sha256_hex(&token), now())
            .await
            .ok()
            .flatten()
            .and_then(|(_, account)| account.account_kind().ok()),
        None => None,
    };
    let file = match kind {
        Some(AccountKind::Citizen | AccountKind::Support) => shells.citizen,
        _ => shells.app,
    };
    let mut res = match shell(file).oneshot(req).await {
        Ok(res) => res.into_response(),
        Err(never) => match never {},
    };
    // The same address answers differently by session.
    res.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Encoding"),
    );
    res
}

async fn immutable(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if res.status().is_success() {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    res
}

async fn revalidate(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-cache"));
    res
}
