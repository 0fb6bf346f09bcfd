//! Hardening that applies to every request: security headers, the cross-site check for
//! cookie-authenticated writes, and rate limits for sign-in and invitation codes.

use std::{
    collections::{HashMap, VecDeque},
    net::{IpAddr, SocketAddr},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, HeaderValue, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use model::ApiErrorCode;

use crate::{AppState, error::ApiError};

/// The Content-Security-Policy: only our own scripts (and compiling our own wasm), styles,
/// images and connections; no plugins, no framing, no `<base>` tricks.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every response, and `Cache-Control: no-store` to the
/// API's (they hold personal data).
pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api");
    let https = state.config.is_https() || forwarded_https(&state, req.headers());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, "content-security-policy", CONTENT_SECURITY_POLICY);
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    // Invitation links carry their secret in the fragment, which is never sent; no
    // referrer at all keeps even the path to ourselves.
    set(h, "referrer-policy", "no-referrer");
    set(h, "cross-origin-opener-policy", "same-origin");
    set(h, "cross-origin-resource-policy", "same-origin");
    set(
        h,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    );
    if https {
        set(
            h,
            "strict-transport-security",
            "max-age=63072000; includeSubDomains",
        );
    }
    if is_api && !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
    res
}

fn forwarded_https(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.proxies() > 0
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// Refuses writes (and live connections) that a browser sent from another site.
///
/// Session cookies are `SameSite=Lax`, which already keeps them off cross-site `POST`s;
/// this is the second lock. A browser always says where a request comes from (`Origin`,
/// or `Sec-Fetch-Site`); a request that says another site is refused with 403. Programs
/// that send neither are not browsers and carry no ambient cookies.
pub async fn same_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_write = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let is_upgrade = req
        .headers()
        .get(header::UPGRADE)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"websocket"));
    if (is_write || is_upgrade) && !from_own_site(&state, req.headers()) {
        return ApiError::from(ApiErrorCode::CrossOrigin).into_response();
    }
    next.run(req).await
}

fn from_own_site(state: &AppState, headers: &HeaderMap) -> bool {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let Ok(origin) = origin.to_str() else {
            return false;
        };
        return expected_origins(state, headers)
            .iter()
            .any(|o| o.eq_ignore_ascii_case(origin));
    }
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => matches!(site, "same-origin" | "none"),
        None => true,
    }
}

/// This server's own origin: the configured public URL, or the `Host` the request was
/// sent to (with `https` when a trusted proxy says so).
fn expected_origins(state: &AppState, headers: &HeaderMap) -> Vec<String> {
    if let Some(public) = state.config.public_origin() {
        return vec![public];
    }
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return Vec::new();
    };
    let scheme = if forwarded_https(state, headers) {
        "https"
    } else {
        "http"
    };
    vec![format!("{scheme}://{host}")]
}

/// The client's address: the connection's, or, behind `n` trusted reverse proxies, the
/// `n`th `X-Forwarded-For` entry from the right — the address the outermost proxy saw.
/// Entries left of it were written by the client and could say anything; a request
/// whose list is shorter than `n` did not come through the proxies, and the connection's
/// address is used.
pub fn client_ip(
    state: &AppState,
    headers: &HeaderMap,
    extensions: &axum::http::Extensions,
) -> IpAddr {
    let connection = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    match state.config.proxies() {
        0 => connection,
        n => forwarded_client(headers, n).unwrap_or(connection),
    }
}

/// The `n`th address from the right of every `X-Forwarded-For` header, in order.
fn forwarded_client(headers: &HeaderMap, n: usize) -> Option<IpAddr> {
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .collect();
    let hop = hops.len().checked_sub(n).map(|i| hops[i])?;
    // Some proxies add the port: `203.0.113.7:5123`, `[2001:db8::1]:5123`.
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// The client's address, as [`client_ip`] reads it.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl axum::extract::FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(
            state,
            &parts.headers,
            &parts.extensions,
        )))
    }
}

/// A sliding-window counter per key, in memory (per server instance; the per-account and
/// per-invitation limits are in the database and hold across instances).
#[derive(Debug, Clone, Default)]
pub struct Limiter {
    hits: Arc<Mutex<Hits>>,
}

/// The times of recent hits per (bucket, key).
type Hits = HashMap<(&'static str, String), VecDeque<Instant>>;

impl Limiter {
    /// Whether `key` has fewer than `max` hits in the last `window` in `bucket`.
    pub fn allowed(&self, bucket: &'static str, key: &str, max: usize, window: Duration) -> bool {
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        match hits.get_mut(&(bucket, key.to_owned())) {
            Some(q) => {
                while q.front().is_some_and(|t| now.duration_since(*t) > window) {
                    q.pop_front();
                }
                q.len() < max
            }
            None => true,
        }
    }

    /// Counts a hit for `key`.
    pub fn hit(&self, bucket: &'static str, key: &str, window: Duration) {
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if hits.len() > 100_000 {
            hits.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) <= window));
        }
        let q = hits.entry((bucket, key.to_owned())).or_default();
        while q.front().is_some_and(|t| now.duration_since(*t) > window) || q.len() >= 1000 {
            q.pop_front();
        }
        q.push_back(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_client_is_counted_from_the_right_so_what_it_writes_itself_is_ignored() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        // One proxy: it appended what it saw.
        let h = headers(&["6.6.6.6, 203.0.113.7"]);
        assert_eq!(forwarded_client(&h, 1), Some(ip("203.0.113.7")));
        // Two proxies, and the list spread over two headers.
        let h = headers(&["1.1.1.1, 203.0.113.7", "10.0.0.2"]);
        assert_eq!(forwarded_client(&h, 2), Some(ip("203.0.113.7")));
        // With ports, and IPv6.
        let h = headers(&["[2001:db8::1]:5123"]);
        assert_eq!(forwarded_client(&h, 1), Some(ip("2001:db8::1")));
        let h = headers(&["203.0.113.7:80"]);
        assert_eq!(forwarded_client(&h, 1), Some(ip("203.0.113.7")));
        // Fewer hops than proxies, or garbage: not believed.
        assert_eq!(forwarded_client(&headers(&["203.0.113.7"]), 2), None);
        assert_eq!(forwarded_client(&headers(&["nonsense"]), 1), None);
        assert_eq!(forwarded_client(&HeaderMap::new(), 1), None);
    }
}
