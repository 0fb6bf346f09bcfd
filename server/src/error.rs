//! The one error type of the HTTP API.
//!
//! Handlers return [`ApiError`]; it becomes a status code plus an [`ErrorInfo`] extension,
//! and the [`localize`] middleware, which knows the request's language, writes the JSON
//! body `{code, message}`. Database and unexpected errors are logged with their cause and
//! answered with a generic message, so no internals reach the client.

use axum::{
    extract::{FromRequest, Request, rejection::JsonRejection},
    http::{StatusCode, header},
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
pub async fn localize(req: Request, next: Next) -> Response {
    let lang = request_lang(req.headers());
    let mut res = next.run(req).await;
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
