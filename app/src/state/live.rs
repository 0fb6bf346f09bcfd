//! The board's live connection: changes by others appear without reloading, the board
//! page sends its own changes over it, and the page learns at once when the viewer's
//! access or session has ended.
//!
//! On every (re)connection the link says hello with the version it holds, and the server
//! sends what was missed, in order. A lost connection is tried again with growing pauses
//! (1 s, 2 s, 4 s … 30 s), and at once when the browser says the network is back.

use leptos::prelude::*;
use model::{BoardId, ClientOpId, CloseReason, PROTOCOL, PresenceEntry};
use wasm_bindgen::{JsCast, prelude::Closure};
use web_sys::{CloseEvent, Event as DomEvent, MessageEvent, WebSocket};

/// The parts of a server message the connection itself needs. The rest is read straight
/// from the text by kind: reading `ServerMsg`, an internally tagged enum, would buffer
/// every message first, and that generic code is a good part of a bundle's size.
#[derive(serde::Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    reason: Option<CloseReason>,
    #[serde(default)]
    client_op_id: Option<ClientOpId>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    connection: Option<u64>,
}

/// A `{"type": "event", "event": …}` message, read as much as the target needs.
#[derive(serde::Deserialize)]
#[serde(bound = "E: serde::de::DeserializeOwned")]
struct EventMsg<E> {
    event: E,
}

/// A `{"type": "presence", "people": […]}` message.
#[derive(serde::Deserialize)]
struct PresenceMsg {
    people: Vec<PresenceEntry>,
}

/// What a live connection keeps current: the board page's store, or the citizen's view.
pub trait LiveTarget: Copy + Send + Sync + 'static {
    /// The board followed.
    fn board_id(&self) -> BoardId;
    /// What it reads of an accepted change: the whole [`model::Event`] to apply it, or less
    /// (the citizen's page reads only its version and loads her view again).
    type Event: serde::de::DeserializeOwned;
    /// The version held, said in hello so that the server sends what came after it.
    fn since(&self) -> Option<u64>;
    /// Takes an accepted event; false if it does not follow what is held (then
    /// [`LiveTarget::resync`] is called).
    fn receive(&self, event: &Self::Event) -> bool;
    /// Fetches the board again.
    fn resync(&self);
    /// The server sent the whole board (the client was too far behind); `text` is the
    /// message. By default the board is fetched again.
    fn snapshot(&self, _text: &str) {
        self.resync();
    }
    /// The connection is open and the server has caught the target up as far as hello
    /// goes: time to send what waits.
    fn opened(&self, _link: LiveLink<Self>, _connection: u64) {}
    /// The connection was lost.
    fn closed(&self) {}
    /// The server refused one of the target's changes: `code` says why ("busy" and
    /// "internal" mean not now, rather than no), `message` says it in words.
    fn rejected(&self, _client_op_id: ClientOpId, _code: String, _message: String) {}
    /// Who is on the board now.
    fn presence(&self, _people: Vec<PresenceEntry>) {}
    /// The server failed on its side and closes the connection; the link connects again
    /// after a pause.
    fn trouble(&self) {}
}

/// Pings keep the connection open through proxies and let the server re-check access.
const PING_MS: i32 = 25_000;

struct Socket {
    ws: WebSocket,
    _on_open: Closure<dyn FnMut(DomEvent)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

/// A board's live connection, reconnecting with growing pauses until the page goes.
pub struct LiveLink<T: LiveTarget> {
    /// Why the server ended the connection for good, if it did.
    pub ended: RwSignal<Option<CloseReason>>,
    socket: StoredValue<Option<Socket>, LocalStorage>,
    retry_ms: StoredValue<i32>,
    retry_timer: StoredValue<Option<i32>>,
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

/// Runs `f` on a window event until the calling component is disposed.
fn on_window(name: &'static str, f: impl Fn() + 'static) {
    let closure = Closure::<dyn Fn()>::new(f);
    let _ = window().add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    let closure = StoredValue::new_local(Some(closure));
    on_cleanup(move || {
        closure.update_value(|c| {
            if let Some(c) = c.take() {
                let _ =
                    window().remove_event_listener_with_callback(name, c.as_ref().unchecked_ref());
            }
        });
    });
}

impl<T: LiveTarget> LiveLink<T> {
    /// Opens the connection for `store`'s board; it closes when the calling component
    /// is disposed.
    pub fn connect(store: T) -> Self {
        let link = LiveLink {
            ended: RwSignal::new(None),
            socket: StoredValue::new_local(None),
            retry_ms: StoredValue::new(1_000),
            retry_timer: StoredValue::new(None),
            store,
        };
        link.open();
        let ping = Closure::<dyn Fn()>::new(move || {
            link.send(r#"{"type":"ping"}"#);
        });
        let ping_id = window()
            .set_interval_with_callback_and_timeout_and_arguments_0(
                ping.as_ref().unchecked_ref(),
                PING_MS,
            )
            .ok();
        let ping = StoredValue::new_local(Some(ping));
        // The browser knows before the socket does: offline closes it at once (changes
        // wait in the store), online opens it again without waiting for the next try.
        on_window("offline", move || {
            if !link.gone() {
                link.drop_socket();
                link.store.closed();
            }
        });
        on_window("online", move || {
            if !link.gone() && link.ended.get_untracked().is_none() {
                link.retry_ms.set_value(1_000);
                link.cancel_retry();
                link.drop_socket();
                link.open();
            }
        });
        on_cleanup(move || {
            if let Some(id) = ping_id {
                window().clear_interval_with_handle(id);
            }
            ping.update_value(|p| *p = None);
            link.cancel_retry();
            link.drop_socket();
        });
        link
    }

    fn gone(&self) -> bool {
        self.ended.is_disposed()
    }

    /// Sends a message if the connection is open; false if it is not (the caller keeps
    /// what it wanted to send and sends it again from [`LiveTarget::opened`]).
    pub fn send(&self, text: &str) -> bool {
        self.socket
            .try_with_value(|s| match s {
                Some(s) if s.ws.ready_state() == WebSocket::OPEN => {
                    s.ws.send_with_str(text).is_ok()
                }
                _ => false,
            })
            .unwrap_or(false)
    }

    fn cancel_retry(&self) {
        if let Some(Some(id)) = self.retry_timer.try_get_value() {
            window().clear_timeout_with_handle(id);
            self.retry_timer.set_value(None);
        }
    }

    fn drop_socket(&self) {
        self.socket.try_update_value(|s| {
            if let Some(s) = s.take() {
                s.ws.set_onopen(None);
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
        let on_open = Closure::<dyn FnMut(DomEvent)>::new(move |_| {
            if self.gone() {
                return;
            }
            let since = store
                .since()
                .map_or_else(|| "null".to_owned(), |v| v.to_string());
            self.send(&format!(
                r#"{{"type":"hello","protocol":{PROTOCOL},"since":{since}}}"#
            ));
        });
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
            match envelope.kind.as_str() {
                "welcome" => {
                    self.retry_ms.set_value(1_000);
                    store.opened(self, envelope.connection.unwrap_or(0));
                }
                "event" => {
                    let followed = serde_json::from_str::<EventMsg<T::Event>>(&text)
                        .is_ok_and(|m| store.receive(&m.event));
                    if !followed {
                        store.resync();
                    }
                }
                "snapshot" => store.snapshot(&text),
                "rejected" => {
                    if let Some(id) = envelope.client_op_id {
                        store.rejected(
                            id,
                            envelope.code.unwrap_or_default(),
                            envelope.message.unwrap_or_default(),
                        );
                    }
                }
                "presence" => {
                    if let Ok(m) = serde_json::from_str::<PresenceMsg>(&text) {
                        store.presence(m.people);
                    }
                }
                "closed" => match envelope.reason {
                    Some(CloseReason::Outdated) => {
                        let _ = window().location().reload();
                    }
                    Some(CloseReason::ServerError) => store.trouble(),
                    Some(reason) if reason != CloseReason::ServerRestart => {
                        self.ended.set(Some(reason));
                    }
                    _ => {}
                },
                _ => {}
            }
        });
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| {
            if self.gone() {
                return;
            }
            store.closed();
            match CloseReason::from_close_code(e.code()) {
                Some(reason @ (CloseReason::AccessRevoked | CloseReason::SessionEnded)) => {
                    self.ended.set(Some(reason));
                }
                // The "closed" message has already reloaded the page.
                Some(CloseReason::Outdated) => {}
                _ if self.ended.get_untracked().is_none() => self.retry(),
                _ => {}
            }
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        self.socket.set_value(Some(Socket {
            ws,
            _on_open: on_open,
            _on_message: on_message,
            _on_close: on_close,
        }));
    }

    /// Opens again after a pause that doubles each time (up to 30 s); hello then brings
    /// what was missed while the connection was down.
    fn retry(self) {
        let delay = self.retry_ms.get_value();
        self.retry_ms.set_value((delay * 2).min(30_000));
        self.cancel_retry();
        let again = Closure::once_into_js(move || {
            if self.gone() {
                return;
            }
            self.retry_timer.set_value(None);
            self.drop_socket();
            self.open();
        });
        let id = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(again.unchecked_ref(), delay)
            .ok();
        self.retry_timer.set_value(id);
    }
}
