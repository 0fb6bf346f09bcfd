//! `GET /api/boards/{id}/live`: a WebSocket that carries a board's changes to everyone on
//! it, and takes changes from them (the protocol is in `model::live`).
//!
//! The upgrade itself goes through the board guard. After that, access is checked again
//! on every message from the client, whenever the board's access or the session changes
//! (the hub says so, also for other instances), and every half minute. A connection that
//! loses access is told why and closed.
//!
//! Each connection keeps a cursor: the last version it has sent. Events are sent in
//! version order, each once: an event already sent is skipped, and a gap (a lagging
//! queue, an event committed by another instance, a reconnecting client) is filled from
//! the event table, or by a snapshot when it is too wide. Sending to a client that does
//! not read blocks only its own connection, and one that stays blocked is dropped; it
//! catches up when it comes back.

use std::time::Duration;

use axum::{
    extract::{
        State,
        ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade},
    },
    http::HeaderMap,
    response::Response,
};
use futures_util::{
    SinkExt, StreamExt,
    stream::{SplitSink, SplitStream},
};
use model::{
    Action, AuditAction, BoardRole, CATCH_UP_MAX, ClientMsg, CloseReason, Event, Lang, PROTOCOL,
    PresenceEntry, ServerMsg, catalogue::Coded,
};
use tokio::sync::broadcast::{Receiver, error::RecvError};

use crate::{
    AppState,
    authz::OnBoard,
    clock::now,
    error::ApiError,
    hub::{BoardSignal, SessionSignal},
    store::StoreError,
    writer::{Actor, Admission},
};

/// How often an idle connection re-checks its access.
const RECHECK_EVERY: Duration = Duration::from_secs(30);
/// Longest message a client may send.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// The socket's read and write buffers. Messages are small (an event is well under 1 KB);
/// the library's default of 128 KiB each would cost 256 KiB per open board page.
const SOCKET_BUFFER_BYTES: usize = 8 * 1024;
/// A client that takes longer than this to take one message is dropped (it catches up
/// when it reconnects) rather than holding anything up.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// The upgrade.
pub async fn live(
    State(state): State<AppState>,
    on: OnBoard,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    on.require(Action::Read)?;
    state.store.audit(&on.audit(AuditAction::OpenLive)).await?;
    let lang = crate::error::request_lang(&headers);
    Ok(ws
        .max_message_size(MAX_MESSAGE_BYTES)
        .read_buffer_size(SOCKET_BUFFER_BYTES)
        .write_buffer_size(SOCKET_BUFFER_BYTES)
        .on_upgrade(move |socket| run(socket, state, on, lang)))
}

/// How a connection ends.
enum End {
    /// The client went away, or does not read: nothing more to say.
    Gone,
    /// Tell the client why, then close.
    Close(CloseReason),
}

impl From<CloseReason> for End {
    fn from(r: CloseReason) -> Self {
        End::Close(r)
    }
}

/// One open connection.
struct Conn {
    state: AppState,
    on: OnBoard,
    lang: Lang,
    role: BoardRole,
    connection: u64,
    /// The last version sent to the client.
    cursor: u64,
    /// Whether the client has said hello (and so is on the board's presence list).
    joined: bool,
    tx: SplitSink<WebSocket, Message>,
}

fn text(msg: &ServerMsg) -> Message {
    Message::Text(Utf8Bytes::from(
        serde_json::to_string(msg).expect("server messages serialise"),
    ))
}

fn error(reason: Coded, lang: Lang) -> ServerMsg {
    ServerMsg::Error {
        code: reason.code.into(),
        message: reason.key.text(lang).into(),
    }
}

impl Conn {
    async fn send(&mut self, msg: &ServerMsg) -> Result<(), End> {
        match tokio::time::timeout(SEND_TIMEOUT, self.tx.send(text(msg))).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) | Err(_) => Err(End::Gone),
        }
    }

    /// A database failure on this connection: logged once, with its cause chain, and the
    /// client is told (it says so and connects again).
    fn failed(&self, what: &'static str, e: StoreError) -> End {
        tracing::error!(
            board = %self.on.board,
            connection = self.connection,
            error = %crate::error::chain(e),
            "live connection: {what}"
        );
        End::Close(CloseReason::ServerError)
    }

    /// The viewer's role now (one query for the session and the role), or why the
    /// connection must end.
    async fn recheck(&mut self) -> Result<(), End> {
        let at = now();
        let store = &self.state.store;
        let access = store
            .live_access(&self.on.viewer.session_id, self.on.board, at)
            .await;
        let (last_seen, role) = match access {
            Ok(Some(found)) => found,
            Ok(None) => return Err(CloseReason::SessionEnded.into()),
            Err(e) => return Err(self.failed("checking the session and access", e)),
        };
        // An open board counts as activity, like a request.
        // The session stays valid if this fails; it may only end a little early for
        // idleness.
        if at.0 - last_seen > 60_000
            && let Err(e) = store.touch_session(&self.on.viewer.session_id, at).await
        {
            tracing::warn!(board = %self.on.board, error = %crate::error::chain(e), "live connection: noting activity");
        }
        self.role = role.ok_or(CloseReason::AccessRevoked)?;
        Ok(())
    }

    /// The board's version now.
    async fn current_version(&self) -> Result<u64, End> {
        match self.state.store.board_version(self.on.board).await {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(CloseReason::AccessRevoked.into()),
            Err(e) => Err(self.failed("reading the board's version", e)),
        }
    }

    /// Sends every event after the cursor (or the whole board, when too far behind).
    async fn catch_up(&mut self) -> Result<(), End> {
        let current = self.current_version().await?;
        self.catch_up_to(current).await
    }

    /// Like [`Conn::catch_up`], with the board's version already read.
    async fn catch_up_to(&mut self, current: u64) -> Result<(), End> {
        if current == self.cursor {
            return Ok(());
        }
        if current < self.cursor || current - self.cursor > CATCH_UP_MAX {
            let board = match self.state.store.load_board(self.on.board).await {
                Ok(Some(b)) => b,
                Ok(None) => return Err(CloseReason::AccessRevoked.into()),
                Err(e) => return Err(self.failed("reading the board", e)),
            };
            self.cursor = board.version;
            return self
                .send(&ServerMsg::Snapshot {
                    board: Box::new(board),
                })
                .await;
        }
        let events = match self
            .state
            .store
            .events_between(self.on.board, self.cursor, current)
            .await
        {
            Ok(events) => events,
            Err(e) => return Err(self.failed("reading the events to catch up", e)),
        };
        for event in events {
            self.cursor = event.version;
            self.send(&ServerMsg::Event { event }).await?;
        }
        Ok(())
    }

    /// An event committed in this process: sent if it is the next one, skipped if already
    /// sent, and the gap filled first otherwise.
    async fn deliver(&mut self, event: &Event) -> Result<(), End> {
        if event.version <= self.cursor {
            Ok(())
        } else if event.version == self.cursor + 1 {
            self.cursor = event.version;
            self.send(&ServerMsg::Event {
                event: event.clone(),
            })
            .await
        } else {
            self.catch_up().await
        }
    }

    fn presence_entry(&self, moving: Option<model::CardId>) -> PresenceEntry {
        PresenceEntry {
            connection: self.connection,
            name: self.on.viewer.name.clone(),
            role: self.role,
            moving,
        }
    }

    /// One message from the client.
    async fn handle(&mut self, body: &str) -> Result<(), End> {
        let msg = match serde_json::from_str::<ClientMsg>(body) {
            Ok(msg) => msg,
            Err(_) => {
                let known = serde_json::from_str::<serde_json::Value>(body)
                    .ok()
                    .and_then(|v| v.get("type")?.as_str().map(str::to_owned))
                    .is_none_or(|t| ClientMsg::KINDS.contains(&t.as_str()));
                let code = if known {
                    Coded::live_invalid_message
                } else {
                    Coded::live_unknown_message
                };
                return self.send(&error(code, self.lang)).await;
            }
        };
        match msg {
            ClientMsg::Hello { protocol, since } => {
                if protocol != PROTOCOL {
                    self.send(&error(Coded::live_unsupported_protocol, self.lang))
                        .await?;
                    return Err(CloseReason::Outdated.into());
                }
                if let Some(since) = since {
                    self.cursor = since;
                }
                let version = self.current_version().await?;
                self.send(&ServerMsg::Welcome {
                    protocol: PROTOCOL,
                    version,
                    connection: self.connection,
                })
                .await?;
                if since.is_some() {
                    self.catch_up_to(version).await?;
                }
                self.joined = true;
                // Everyone, this connection included, hears the new list from the hub.
                self.state
                    .hub
                    .present(self.on.board, self.presence_entry(None));
                Ok(())
            }
            ClientMsg::Moving { card_id } => {
                if !self.joined {
                    return self.send(&error(Coded::live_hello_first, self.lang)).await;
                }
                if !crate::authz::allows(self.role, Action::ShowMoving) {
                    return self.send(&error(Coded::live_forbidden, self.lang)).await;
                }
                self.state
                    .hub
                    .moving(self.on.board, self.connection, card_id);
                Ok(())
            }
            ClientMsg::Ping => self.send(&ServerMsg::Pong).await,
            ClientMsg::Op {
                client_op_id,
                base_version,
                op,
            } => {
                let req = model::OpRequest {
                    client_op_id,
                    base_version,
                    op,
                };
                let mut audit = self.on.audit(AuditAction::ChangeBoard);
                audit.actor_role = self.role.as_str().into();
                let actor = Actor {
                    role: self.role,
                    audit,
                };
                let client_op_id = req.client_op_id;
                // Waits for room in the writer: meanwhile this connection reads nothing
                // more, so a client that sends faster than changes commit is slowed down.
                match self
                    .state
                    .writer
                    .submit(self.on.board, req, actor, Admission::Wait)
                    .await
                {
                    // A new event reaches this connection through the hub, in order, like
                    // everyone else's. A resend of one already sent gets it again, so the
                    // client learns it was accepted.
                    Ok(event) if event.version <= self.cursor => {
                        self.send(&ServerMsg::Event { event }).await
                    }
                    Ok(_) => Ok(()),
                    Err(e) => {
                        let body = e.into_body(self.lang);
                        self.send(&ServerMsg::Rejected {
                            client_op_id,
                            code: body.code,
                            message: body.message,
                        })
                        .await
                    }
                }
            }
        }
    }

    /// A signal from the hub about this board.
    async fn signal(&mut self, signal: Result<BoardSignal, RecvError>) -> Result<(), End> {
        match signal {
            Ok(BoardSignal::Event(event)) => self.deliver(&event).await,
            Ok(BoardSignal::Committed(version)) if version > self.cursor => self.catch_up().await,
            Ok(BoardSignal::Committed(_)) => Ok(()),
            Ok(BoardSignal::Presence(people)) if self.joined => {
                self.send(&ServerMsg::Presence {
                    people: people.to_vec(),
                })
                .await
            }
            Ok(BoardSignal::Presence(_)) => Ok(()),
            Ok(BoardSignal::AccessChanged) => self.recheck().await,
            // Fell behind: whatever was dropped is in the database.
            Err(RecvError::Lagged(_)) => {
                self.recheck().await?;
                self.catch_up().await?;
                if self.joined {
                    let people = self.state.hub.people(self.on.board);
                    self.send(&ServerMsg::Presence { people }).await?;
                }
                Ok(())
            }
            Err(RecvError::Closed) => Err(CloseReason::ServerRestart.into()),
        }
    }

    async fn serve(
        &mut self,
        rx: &mut SplitStream<WebSocket>,
        board_rx: &mut Receiver<BoardSignal>,
        sessions: &mut Receiver<SessionSignal>,
    ) -> End {
        let mut tick = tokio::time::interval(RECHECK_EVERY);
        tick.tick().await;
        loop {
            let outcome = tokio::select! {
                msg = rx.next() => match msg {
                    Some(Ok(Message::Text(body))) => match self.recheck().await {
                        Ok(()) => self.handle(body.as_str()).await,
                        Err(end) => Err(end),
                    },
                    Some(Ok(Message::Binary(_))) => self.send(&error(Coded::live_invalid_message, self.lang)).await,
                    Some(Ok(_)) => Ok(()),
                    Some(Err(_)) | None => Err(End::Gone),
                },
                signal = board_rx.recv() => self.signal(signal).await,
                signal = sessions.recv() => {
                    let concerns_us = match &signal {
                        Ok(SessionSignal::Session(id)) => *id == self.on.viewer.session_id,
                        Ok(SessionSignal::Account(a)) => *a == self.on.viewer.account,
                        Ok(SessionSignal::Everyone) | Err(RecvError::Lagged(_)) => true,
                        Err(RecvError::Closed) => return End::Close(CloseReason::ServerRestart),
                    };
                    if concerns_us { self.recheck().await } else { Ok(()) }
                },
                _ = tick.tick() => self.recheck().await,
            };
            if let Err(end) = outcome {
                return end;
            }
        }
    }
}

async fn run(socket: WebSocket, state: AppState, on: OnBoard, lang: Lang) {
    let (tx, mut rx) = socket.split();
    let hub = state.hub.clone();
    // Follow first, then read the version: nothing committed in between is missed.
    let mut board_rx = hub.subscribe(on.board);
    let mut sessions = hub.sessions();
    let cursor = match state.store.board_version(on.board).await {
        Ok(Some(v)) => v,
        Ok(None) => 0,
        Err(e) => {
            tracing::error!(board = %on.board, error = %crate::error::chain(e), "live connection: reading the board's version");
            let (mut tx, _) = (tx, rx);
            let _ = tx
                .send(text(&ServerMsg::Closed {
                    reason: CloseReason::ServerError,
                }))
                .await;
            let _ = tx
                .send(Message::Close(Some(CloseFrame {
                    code: CloseReason::ServerError.close_code(),
                    reason: Utf8Bytes::from_static(""),
                })))
                .await;
            return;
        }
    };
    let board = on.board;
    let mut conn = Conn {
        role: on.role,
        connection: hub.connection_id(),
        state,
        on,
        lang,
        cursor,
        joined: false,
        tx,
    };
    let end = conn.serve(&mut rx, &mut board_rx, &mut sessions).await;
    if conn.joined {
        hub.absent(board, conn.connection);
    }
    if let End::Close(reason) = end {
        let _ = conn.send(&ServerMsg::Closed { reason }).await;
        let _ = tokio::time::timeout(
            SEND_TIMEOUT,
            conn.tx.send(Message::Close(Some(CloseFrame {
                code: reason.close_code(),
                reason: Utf8Bytes::from_static(""),
            }))),
        )
        .await;
    }
}
