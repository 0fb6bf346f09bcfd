//! The typed client of Duk's HTTP API. Errors come back with the server's code and its
//! message in the user's language, ready to show.

use gloo_net::http::{Request, RequestBuilder, Response};
use model::{Board, BoardId, BoardSummary, CreateBoard, ErrorBody, Event, Lang, OpRequest};
use serde::{Serialize, de::DeserializeOwned};

/// Why a request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The server could not be reached (offline, server down).
    Network,
    /// The server answered with an error; its message is for the user.
    Server {
        /// HTTP status.
        status: u16,
        /// The error body.
        body: ErrorBody,
    },
    /// An error answer that is not Duk's JSON (a proxy's error page), with its status.
    Http(u16),
    /// The answer could not be understood (a bug).
    Unexpected,
}

impl ApiError {
    /// The server's message, if it gave one.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            ApiError::Server { body, .. } => Some(&body.message),
            _ => None,
        }
    }

    /// The HTTP status of an error answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Server { status, .. } | ApiError::Http(status) => Some(*status),
            _ => None,
        }
    }

    /// The server's error code, if it gave one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Server { body, .. } => Some(&body.code),
            _ => None,
        }
    }
}

fn with_lang(req: RequestBuilder, lang: Lang) -> RequestBuilder {
    req.header("Accept-Language", lang.tag())
}

async fn read<T: DeserializeOwned>(res: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
    let res = res.map_err(|_| ApiError::Network)?;
    if res.ok() {
        return res.json::<T>().await.map_err(|_| ApiError::Unexpected);
    }
    let status = res.status();
    match res.json::<ErrorBody>().await {
        Ok(body) => Err(ApiError::Server { status, body }),
        Err(_) => Err(ApiError::Http(status)),
    }
}

async fn get<T: DeserializeOwned>(path: &str, lang: Lang) -> Result<T, ApiError> {
    read(with_lang(Request::get(path), lang).send().await).await
}

async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    lang: Lang,
) -> Result<T, ApiError> {
    let req = with_lang(Request::post(path), lang)
        .json(body)
        .map_err(|_| ApiError::Unexpected)?;
    read(req.send().await).await
}

/// All boards.
pub async fn list_boards(lang: Lang) -> Result<Vec<BoardSummary>, ApiError> {
    get("/api/boards", lang).await
}

/// Creates a board from the default template.
pub async fn create_board(req: &CreateBoard, lang: Lang) -> Result<Board, ApiError> {
    post("/api/boards", req, lang).await
}

/// One board with its cards.
pub async fn board(id: BoardId, lang: Lang) -> Result<Board, ApiError> {
    get(&format!("/api/boards/{id}"), lang).await
}

/// Sends an operation; returns the accepted event.
pub async fn submit(id: BoardId, req: &OpRequest, lang: Lang) -> Result<Event, ApiError> {
    post(&format!("/api/boards/{id}/ops"), req, lang).await
}
