//! The one error type of the HTTP API.
//!
//! Handlers return [`ApiError`]; it becomes a status code plus an [`ErrorInfo`] extension,
//! and the [`localize`] middleware, which knows the request's language, writes the JSON
//! body `{code, message}`. Database and unexpected errors are logged with their cause and
//! answered with a generic message, so no internals reach the client.

use axum::{
    extract::{FromRequest, FromRequestParts, Request, rejection::JsonRejection},
    http::{StatusCode, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};
use model::{ApiErrorCode, ErrorBody, Lang, Rejection};
use serde::de::DeserializeOwned;

use crate::store::StoreError;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The model refused the change.
    #[error("rejected: {0}")]
    Rejected(#[from] Rejection),
    /// A request-level error with a detail for developers.
    #[error("{code:?}")]
    Api {
        /// Which error.
        code: ApiErrorCode,
        /// Technical detail (which field was wrong), safe to show.
        detail: Option<String>,
    },
    /// The store failed.
    #[error("store error")]
    Store(#[from] StoreError),
}

impl From<ApiErrorCode> for ApiError {
    fn from(code: ApiErrorCode) -> Self {
        ApiError::Api { code, detail: None }
    }
}

/// What the [`localize`] middleware needs to write an error body.
#[derive(Debug, Clone)]
pub enum ErrorInfo {
    /// A model rejection.
    Rejected(Rejection),
    /// A request-level error.
    Api(ApiErrorCode, Option<String>),
}

impl ErrorInfo {
    fn status(&self) -> u16 {
        match self {
            ErrorInfo::Rejected(r) => r.status(),
            ErrorInfo::Api(code, _) => code.status(),
        }
    }

    /// The body in a language.
    pub fn body(&self, lang: Lang) -> ErrorBody {
        match self {
            ErrorInfo::Rejected(r) => ErrorBody {
                code: r.code().into(),
                message: r.message(lang),
                detail: None,
            },
            ErrorInfo::Api(code, detail) => ErrorBody {
                code: code.code().into(),
                message: code.message(lang).into(),
                detail: detail.clone(),
            },
        }
    }
}

impl ApiError {
    /// What the client may learn; a store failure is logged here with its cause.
    fn into_info(self) -> ErrorInfo {
        match self {
            ApiError::Rejected(r) => ErrorInfo::Rejected(r),
            ApiError::Api { code, detail } => ErrorInfo::Api(code, detail),
            ApiError::Store(err) => {
                if !err.already_logged() {
                    tracing::error!(error = %chain(err), "store failure");
                }
                ErrorInfo::Api(ApiErrorCode::Internal, None)
            }
        }
    }

    /// The error body in a language (for answers that are not HTTP responses).
    pub fn into_body(self, lang: Lang) -> ErrorBody {
        self.into_info().body(lang)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.into_info().into_response()
    }
}

impl IntoResponse for ErrorInfo {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        // The body is written by `localize`; a response that bypasses it still has the code.
        let mut res = (status, self.body(Lang::Nb).code).into_response();
        res.extensions_mut().insert(self);
        res
    }
}

/// An error with every cause after it, on one line ("database error: …: …"), for logs
/// that keep one failure on one line.
pub fn chain(e: impl Into<anyhow::Error>) -> String {
    format!("{:#}", e.into())
}

/// The language a request asks for (`Accept-Language`), bokmål by default.
pub fn request_lang(headers: &axum::http::HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// Writes error bodies in the language the client asked for (`Accept-Language`).
///
/// An error answer from the API that Duk's handlers did not write (the router's 405, an
/// extractor's rejection) is given Duk's format too, with its text as the detail: a client
/// reads every error of the API the same way.
pub async fn localize(req: Request, next: Next) -> Response {
    let lang = request_lang(req.headers());
    let api = req.uri().path() == "/api" || req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    if api
        && (res.status().is_client_error() || res.status().is_server_error())
        && res.extensions().get::<ErrorInfo>().is_none()
    {
        let info = foreign_error(&mut res).await;
        res.extensions_mut().insert(info);
    }
    if let Some(info) = res.extensions_mut().remove::<ErrorInfo>() {
        let status = res.status();
        let mut out = (status, axum::Json(info.body(lang))).into_response();
        out.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            lang.tag().parse().expect("valid tag"),
        );
        if matches!(info, ErrorInfo::Api(ApiErrorCode::Busy, _)) {
            // Too much at once: come back in a second (the app backs off and resends).
            out.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        }
        return out;
    }
    res
}

/// The [`ErrorInfo`] for an error answer written outside Duk's handlers: the code its
/// status calls for, and its text (at most a line of it) as the detail when the client
/// caused it.
async fn foreign_error(res: &mut Response) -> ErrorInfo {
    let status = res.status();
    let code = ApiErrorCode::for_status(status.as_u16());
    if status.is_server_error() {
        tracing::error!(
            status = status.as_u16(),
            "error answer without Duk's format"
        );
        return ErrorInfo::Api(code, None);
    }
    let body = std::mem::take(res.body_mut());
    let detail = axum::body::to_bytes(body, 4096)
        .await
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .filter(|t| !t.is_empty());
    ErrorInfo::Api(code, detail)
}

/// Refuses, on every API route, a query string that is not form-encoded UTF-8 (`?q=%FF`,
/// `?q=%G1`): 400 in Duk's format, whether or not the route reads its query. A route that
/// reads one refuses what it cannot read in it through [`ApiQuery`].
pub async fn readable_query(req: Request, next: Next) -> Response {
    match req.uri().query() {
        Some(query) if !is_form_utf8(query) => ApiError::Api {
            code: ApiErrorCode::BadRequest,
            detail: Some("the query string is not UTF-8 in form encoding".into()),
        }
        .into_response(),
        _ => next.run(req).await,
    }
}

/// Whether `query` percent-decodes (`%XX`, `+`) to UTF-8, with no stray `%`.
fn is_form_utf8(query: &str) -> bool {
    let bytes = query.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => decoded.push(b),
                    None => return false,
                }
                i += 3;
            }
            b => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

/// A path whose parts could not be read (`/versions/abc`) names nothing: 404 in Duk's
/// format, with what was wrong as the detail.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => Err(ApiError::Api {
                code: ApiErrorCode::NotFound,
                detail: Some(rejection.body_text()),
            }),
        }
    }
}

/// A query string that could not be read (`?since=abc`): 400 in Duk's format, with what
/// was wrong as the detail.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(ApiError::Api {
                code: ApiErrorCode::BadRequest,
                detail: Some(rejection.body_text()),
            }),
        }
    }
}

/// A JSON body whose errors come back as [`ApiError`]s with stable codes.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    let (code, detail) = match &rejection {
        JsonRejection::JsonDataError(e) => (ApiErrorCode::InvalidRequest, Some(e.body_text())),
        JsonRejection::JsonSyntaxError(e) => (ApiErrorCode::MalformedJson, Some(e.body_text())),
        JsonRejection::MissingJsonContentType(_) => (ApiErrorCode::UnsupportedMediaType, None),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            (ApiErrorCode::PayloadTooLarge, None)
        }
        other => (ApiErrorCode::MalformedJson, Some(other.body_text())),
    };
    ApiError::Api { code, detail }
}

#[cfg(test)]
mod tests {
    use super::is_form_utf8;

    #[test]
    fn a_query_must_be_utf8_in_form_encoding() {
        for ok in [
            "",
            "q=ola",
            "q=%C3%B8",
            "q=a+b&lang=nb",
            "since=12",
            "q=%2B",
        ] {
            assert!(is_form_utf8(ok), "{ok}");
        }
        for bad in ["q=%FF", "q=%", "q=%G1", "q=%C3", "q=%2", "q=%C3%28"] {
            assert!(!is_form_utf8(bad), "{bad}");
        }
    }
}
