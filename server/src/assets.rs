//! The built app: hashed assets cached for a year, everything else revalidated, and any
//! path that is not a file answered with `index.html` so that the app's router handles it.

use std::path::Path;

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, header},
    middleware::{self, Next},
    response::Response,
};
use tower_http::services::{ServeDir, ServeFile};

use crate::AppState;

/// Serves `dist/`: `/assets/<hash>/…` immutable, the rest `no-cache`, SPA fallback.
pub fn router(dist: &Path) -> Router<AppState> {
    // Hashed names change with their content, so they never need revalidating. A missing
    // asset is a plain 404, never index.html, so a stale page cannot cache HTML as script.
    let assets = ServeDir::new(dist.join("assets"))
        .precompressed_br()
        .precompressed_gzip();
    let app = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(dist.join("index.html")));
    Router::new()
        .nest_service("/assets", assets)
        .layer(middleware::from_fn(immutable))
        .fallback_service(app)
        .layer(middleware::from_fn(revalidate))
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
