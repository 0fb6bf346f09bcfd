//! `GET /api/boards/{id}/live`: a WebSocket that carries a board's changes to everyone on
//! it, and takes changes from them.
//!
//! The upgrade itself goes through the board guard. After that, access is checked again
//! on every message from the client, whenever the board's access or the session changes
//! (the hub says so), and every half minute (changes made by other server instances). A
//! connection that loses access is told why and closed.

use std::time::Duration;

use axum::{
    extract::{
        State,
        ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade},
    },
    http::HeaderMap,
    response::Response,
};
use futures_util::{SinkExt, StreamExt};
use model::{AuditAction, BoardRole, ClientMsg, CloseReason, Lang, ServerMsg};
use tokio::sync::broadcast::error::RecvError;

use crate::{
    AppState,
    authz::{Capability, OnBoard},
    error::ApiError,
    hub::{BoardSignal, SessionSignal},
    writer::{Actor, now},
};

/// How often an idle connection re-checks its access.
const RECHECK_EVERY: Duration = Duration::from_secs(30);
/// Longest message a client may send.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// The upgrade.
pub async fn live(
    State(state): State<AppState>,
    on: OnBoard,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    on.require(Capability::Read)?;
    state.store.audit(&on.audit(AuditAction::OpenLive)).await?;
    let lang = crate::error::request_lang(&headers);
    Ok(ws
        .max_message_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| run(socket, state, on, lang)))
}

/// The viewer's role now, or why the connection must end.
async fn recheck(state: &AppState, on: &OnBoard) -> Result<BoardRole, CloseReason> {
    let at = now();
    let session = state
        .store
        .session_by_id(&on.viewer.session_id, at)
        .await
        .map_err(|_| CloseReason::ServerRestart)?;
    let Some((session, _)) = session else {
        return Err(CloseReason::SessionEnded);
    };
    // An open board counts as activity, like a request.
    if at.0 - session.last_seen_at > 60_000 {
        let _ = state.store.touch_session(&session.id, at).await;
    }
    state
        .store
        .board_role(on.board, on.viewer.account)
        .await
        .map_err(|_| CloseReason::ServerRestart)?
        .ok_or(CloseReason::AccessRevoked)
}

fn text(msg: &ServerMsg) -> Message {
    Message::Text(Utf8Bytes::from(
        serde_json::to_string(msg).expect("server messages serialise"),
    ))
}

async fn run(socket: WebSocket, state: AppState, on: OnBoard, lang: Lang) {
    let (mut tx, mut rx) = socket.split();
    let mut board_rx = state.writer.hub().subscribe(on.board);
    let mut sessions = state.writer.hub().sessions();
    let mut tick = tokio::time::interval(RECHECK_EVERY);
    tick.tick().await;
    let mut role = on.role;
    let close = loop {
        let outcome: Result<Option<ServerMsg>, CloseReason> = tokio::select! {
            msg = rx.next() => match msg {
                Some(Ok(Message::Text(body))) => match recheck(&state, &on).await {
                    Ok(now_role) => {
                        role = now_role;
                        Ok(handle(&state, &on, role, lang, body.as_str()).await)
                    }
                    Err(reason) => Err(reason),
                },
                Some(Ok(Message::Binary(_))) => Ok(Some(ServerMsg::Error {
                    code: "invalid_message".into(),
                    message: invalid_message(lang).into(),
                })),
                Some(Ok(_)) => Ok(None),
                Some(Err(_)) | None => break None,
            },
            signal = board_rx.recv() => match signal {
                Ok(BoardSignal::Event(event)) => Ok(Some(ServerMsg::Event { event: (*event).clone() })),
                Ok(BoardSignal::AccessChanged) | Err(RecvError::Lagged(_)) => {
                    recheck(&state, &on).await.map(|r| { role = r; None })
                }
                Err(RecvError::Closed) => break Some(CloseReason::ServerRestart),
            },
            signal = sessions.recv() => {
                let concerns_us = match &signal {
                    Ok(SessionSignal::Session(id)) => *id == on.viewer.session_id,
                    Ok(SessionSignal::Account(a)) => *a == on.viewer.account,
                    Err(RecvError::Lagged(_)) => true,
                    Err(RecvError::Closed) => break Some(CloseReason::ServerRestart),
                };
                if concerns_us {
                    recheck(&state, &on).await.map(|r| { role = r; None })
                } else {
                    Ok(None)
                }
            },
            _ = tick.tick() => recheck(&state, &on).await.map(|r| { role = r; None }),
        };
        match outcome {
            Ok(Some(msg)) => {
                if tx.send(text(&msg)).await.is_err() {
                    break None;
                }
            }
            Ok(None) => {}
            Err(reason) => break Some(reason),
        }
    };
    if let Some(reason) = close {
        let _ = tx.send(text(&ServerMsg::Closed { reason })).await;
        let _ = tx
            .send(Message::Close(Some(CloseFrame {
                code: reason.close_code(),
                reason: Utf8Bytes::from_static(""),
            })))
            .await;
    }
}

fn invalid_message(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Meldingen kunne ikke leses.",
        Lang::En => "The message could not be read.",
    }
}

/// One message from the client, and the direct answer to it if there is one.
async fn handle(
    state: &AppState,
    on: &OnBoard,
    role: BoardRole,
    lang: Lang,
    body: &str,
) -> Option<ServerMsg> {
    let msg = match serde_json::from_str::<ClientMsg>(body) {
        Ok(msg) => msg,
        Err(_) => {
            return Some(ServerMsg::Error {
                code: "invalid_message".into(),
                message: invalid_message(lang).into(),
            });
        }
    };
    let Some(req) = msg.into_request() else {
        return Some(ServerMsg::Pong);
    };
    let mut audit = on.audit(AuditAction::ChangeBoard);
    audit.actor_role = role.as_str().into();
    let actor = Actor { role, audit };
    match state
        .writer
        .submit(&state.store, on.board, &req, &actor)
        .await
    {
        // The event reaches this connection through the hub, like everyone else's.
        Ok(_) => None,
        Err(e) => {
            let body = e.into_body(lang);
            Some(ServerMsg::Rejected {
                client_op_id: req.client_op_id,
                code: body.code,
                message: body.message,
            })
        }
    }
}
