//! The board's live connection: changes by others appear without reloading, and the page
//! learns at once when the viewer's access or session has ended.

use leptos::{prelude::*, task::spawn_local};
use model::{BoardId, CloseReason, Event};
use wasm_bindgen::{JsCast, prelude::Closure};
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use crate::state::board_store::sleep;

/// The parts of a server message the connection itself needs. An event is then read
/// straight from the text: reading `ServerMsg`, an internally tagged enum, would buffer
/// every message first, and that generic code is a good part of a bundle's size.
#[derive(serde::Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    reason: Option<CloseReason>,
}

/// A `{"type": "event", "event": …}` message.
#[derive(serde::Deserialize)]
struct EventMsg {
    event: Event,
}

/// What a live connection keeps current: the board page's store, or the citizen's view.
pub trait LiveTarget: Copy + Send + Sync + 'static {
    /// The board followed.
    fn board_id(&self) -> BoardId;
    /// Takes an accepted event; false if it does not follow what is held (then
    /// [`LiveTarget::resync`] is called).
    fn receive(&self, event: &Event) -> bool;
    /// Fetches the board again.
    fn resync(&self);
}

/// Pings keep the connection open through proxies and let the server re-check access.
const PING_MS: i32 = 25_000;

struct Socket {
    ws: WebSocket,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

/// A board's live connection, reconnecting with growing pauses until the page goes.
pub struct LiveLink<T: LiveTarget> {
    /// Why the server ended the connection for good, if it did.
    pub ended: RwSignal<Option<CloseReason>>,
    socket: StoredValue<Option<Socket>, LocalStorage>,
    retry_ms: StoredValue<i32>,
    timer: StoredValue<Option<i32>>,
    store: T,
}

impl<T: LiveTarget> Clone for LiveLink<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: LiveTarget> Copy for LiveLink<T> {}

fn url(board: BoardId) -> Option<String> {
    let location = window().location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!(
        "{scheme}://{}/api/boards/{}/live",
        location.host().ok()?,
        board
    ))
}

impl<T: LiveTarget> LiveLink<T> {
    /// Opens the connection for `store`'s board; it closes when the calling component
    /// is disposed.
    pub fn connect(store: T) -> Self {
        let link = LiveLink {
            ended: RwSignal::new(None),
            socket: StoredValue::new_local(None),
            retry_ms: StoredValue::new(1_000),
            timer: StoredValue::new(None),
            store,
        };
        link.open();
        let ping = Closure::<dyn Fn()>::new(move || link.send_ping());
        let ping_id = window()
            .set_interval_with_callback_and_timeout_and_arguments_0(
                ping.as_ref().unchecked_ref(),
                PING_MS,
            )
            .ok();
        let ping = StoredValue::new_local(Some(ping));
        on_cleanup(move || {
            if let Some(id) = ping_id {
                window().clear_interval_with_handle(id);
            }
            ping.update_value(|p| *p = None);
            link.close();
        });
        link
    }

    fn gone(&self) -> bool {
        self.ended.is_disposed()
    }

    fn send_ping(&self) {
        self.socket.with_value(|s| {
            if let Some(s) = s
                && s.ws.ready_state() == WebSocket::OPEN
            {
                let _ = s.ws.send_with_str(r#"{"type":"ping"}"#);
            }
        });
    }

    fn close(&self) {
        if let Some(Some(id)) = self.timer.try_get_value() {
            window().clear_timeout_with_handle(id);
        }
        self.socket.update_value(|s| {
            if let Some(s) = s.take() {
                s.ws.set_onclose(None);
                s.ws.set_onmessage(None);
                let _ = s.ws.close();
            }
        });
    }

    fn open(self) {
        let Some(url) = url(self.store.board_id()) else {
            return;
        };
        let Ok(ws) = WebSocket::new(&url) else {
            return self.retry();
        };
        let store = self.store;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if self.gone() {
                return;
            }
            let Some(text) = e.data().as_string() else {
                return;
            };
            let Ok(envelope) = serde_json::from_str::<Envelope>(&text) else {
                return;
            };
            match (envelope.kind.as_str(), envelope.reason) {
                ("event", _) => {
                    self.retry_ms.set_value(1_000);
                    let followed = serde_json::from_str::<EventMsg>(&text)
                        .is_ok_and(|m| store.receive(&m.event));
                    if !followed {
                        store.resync();
                    }
                }
                ("closed", Some(reason)) if reason != CloseReason::ServerRestart => {
                    self.ended.set(Some(reason));
                }
                _ => {}
            }
        });
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| {
            if self.gone() {
                return;
            }
            match e.code() {
                4403 => self.ended.set(Some(CloseReason::AccessRevoked)),
                4401 => self.ended.set(Some(CloseReason::SessionEnded)),
                _ if self.ended.get_untracked().is_none() => self.retry(),
                _ => {}
            }
        });
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        self.socket.set_value(Some(Socket {
            ws,
            _on_message: on_message,
            _on_close: on_close,
        }));
    }

    /// Opens again after a pause; on success the board is fetched again, so that
    /// nothing said while the connection was down is missed.
    fn retry(self) {
        let delay = self.retry_ms.get_value();
        self.retry_ms.set_value((delay * 2).min(30_000));
        spawn_local(async move {
            sleep(delay).await;
            if self.gone() {
                return;
            }
            self.open();
            self.store.resync();
        });
    }
}
