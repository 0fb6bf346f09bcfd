//! The open board, held so that a change touches only what it changes, and shown at once.
//!
//! Every action is an [`Operation`]. The store keeps a [`Replica`] (the model's client
//! copy): a change is applied to it at once, so the user sees it without waiting and a
//! refusal comes back at once with the very message the server would give; it then waits
//! as pending until the server's event for it comes back over the live connection. Events
//! from others are applied under the pending changes, which stay on top: nothing
//! flickers, nothing local is lost. Pending changes are also kept in the browser's
//! storage, so that a tablet that goes offline, or a tab closed while offline, sends them
//! when it is back.
//!
//! Each card has its own signal: editing a card's text updates that card only. A change of
//! layout (a card added, moved, deleted or restored) bumps `layout`, and each cell's memo of
//! card ids recomputes, re-rendering only the cells whose list changed.

// long-file: the board's one store: the replica, the signals drawn from it and the unsent
// changes kept in the browser, which change together

use std::collections::HashMap;

use leptos::prelude::*;
use std::collections::VecDeque;

use model::{
    AccountId, ApplyContext, Board, Card, CardId, ClientMsg, ClientOpId, Event, IsoDate, Lang,
    Meeting, MeetingSession, Member, MemberId, MinutesInfo, Operation, Overwrite, Pending,
    Placement, PresenceEntry, Received, Replica, Stage, Template,
};

use crate::{api, random, state::live::LiveLink};

/// The header fields shown above the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The board's title.
    pub title: String,
    /// Whose plan.
    pub citizen_name: String,
    /// "På kort sikt innen".
    pub short_term_by: Option<IsoDate>,
    /// "På lang sikt innen".
    pub long_term_by: Option<IsoDate>,
    /// The plan stage.
    pub stage: Option<Stage>,
    /// Whether the citizen may add cards.
    pub citizen_may_add: bool,
    /// The citizen's consent to share between services.
    pub consent: Option<model::Consent>,
    /// The member named contact person, if any (otherwise the investeringsleder).
    pub contact: Option<MemberId>,
}

impl Header {
    fn of(b: &Board) -> Self {
        Header {
            title: b.title.to_string(),
            citizen_name: b.citizen_name.to_string(),
            short_term_by: b.short_term_by,
            long_term_by: b.long_term_by,
            stage: b.stage,
            citizen_may_add: b.citizen_may_add,
            consent: b.consent.clone(),
            contact: b.contact,
        }
    }
}

/// What the server said about the board that the user should read: a refusal of a change
/// already shown, or someone replacing what the user had just written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The server refused a change; it has been taken back.
    Refused(String),
    /// Someone else's edit, made without having seen the user's, replaced it.
    Overwritten(Overwritten),
    /// The server failed on its side; the connection is being made again, and unsent
    /// changes wait in the browser meanwhile.
    Trouble,
}

/// What someone replaced of the user's words, and how to put them back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overwritten {
    /// Who replaced it.
    pub by: String,
    /// What the user had written (the card's text, or its note when only that was
    /// replaced); `None` when only other fields were (responsible, frist, status).
    pub yours: Option<String>,
    /// What it says now, in the same field.
    pub now: Option<String>,
    /// The edit that puts the user's values back.
    pub restore: Operation,
}

/// How many of the user's own change ids are remembered, to recognise an [`Overwrite`]
/// of theirs.
const OWN_OPS_KEPT: usize = 200;

/// The server could not take a change just now (busy, or a failure on its side): it stays
/// pending and goes again after this pause, doubled each time up to [`RETRY_MAX_MS`].
const RETRY_FIRST_MS: i32 = 1_000;
const RETRY_MAX_MS: i32 = 30_000;

/// Changes on the wire at most (sent on this connection and not yet answered). The rest
/// wait in order, shown and kept in the browser, and go as answers come back: a busy
/// server is not flooded, and nothing piles up where the app cannot see it.
const WINDOW: usize = 8;

/// Refusal codes that mean "not now" rather than "no": the change is kept and sent again.
fn is_transient(code: &str) -> bool {
    matches!(code, "busy" | "internal")
}

/// The board being viewed. Cheap to copy; all fields are handles.
#[derive(Debug, Clone, Copy)]
pub struct BoardStore {
    /// The reactive owner of the board page: card signals made later (by an event handler
    /// or after a network answer) belong to the page, not to whatever component is current.
    owner: StoredValue<Option<Owner>>,
    replica: StoredValue<Replica>,
    /// Where pending changes are kept in the browser (per account and board).
    storage_key: StoredValue<String>,
    /// The ids last written there, so that storage is written only when they change.
    stored_ids: StoredValue<Vec<ClientOpId>>,
    link: StoredValue<Option<LiveLink<BoardStore>>>,
    /// The signed-in person's name, to recognise an [`Overwrite`] of theirs after a reload.
    me_name: StoredValue<Option<String>>,
    /// The ids of the user's own recent changes (newest last).
    own_ops: StoredValue<VecDeque<ClientOpId>>,
    /// The pause before pending changes go again after the server said "not now".
    retry_ms: StoredValue<i32>,
    /// The timer that sends them again, while one is set (nothing else is sent meanwhile).
    retry_timer: StoredValue<Option<i32>>,
    /// The changes sent on the current connection and not answered yet, oldest first.
    on_wire: StoredValue<Vec<ClientOpId>>,
    lang: StoredValue<Lang>,
    cards: StoredValue<HashMap<CardId, RwSignal<Card>>>,
    layout: RwSignal<u64>,
    /// The header.
    pub header: RwSignal<Header>,
    /// The team, removed members included.
    pub members: RwSignal<Vec<Member>>,
    /// The meetings, cancelled ones included.
    pub meetings: RwSignal<Vec<Meeting>>,
    /// The meeting going on now on the board, if one is.
    pub session: RwSignal<Option<MeetingSession>>,
    /// Every version of every meeting's minutes, with the citizen's answers.
    pub minutes: RwSignal<Vec<MinutesInfo>>,
    /// The version the server has confirmed.
    pub version: RwSignal<u64>,
    /// The rows, columns and zones.
    pub template: RwSignal<Template>,
    /// How many changes are still on their way to the server.
    pub unsent: RwSignal<usize>,
    /// The latest thing the user should know about the server's answers.
    pub notice: RwSignal<Option<Notice>>,
    /// Whether there is a change of the user's own to undo.
    pub can_undo: RwSignal<bool>,
    /// Who is on the board now (the server says; kept in memory only).
    pub people: RwSignal<Vec<PresenceEntry>>,
    /// This page's own connection in [`BoardStore::people`].
    pub me: RwSignal<Option<u64>>,
    /// Whether the live connection is open (changes go at once) or not (they wait).
    pub online: RwSignal<bool>,
}

/// The fields of a card that decide where it is drawn.
fn layout_of(b: &Board) -> Vec<(CardId, &Placement, &str, bool)> {
    b.cards
        .values()
        .map(|c| (c.id, &c.placement, c.order.as_str(), c.deleted))
        .collect()
}

impl BoardStore {
    /// Wraps a board loaded from the server, with the changes `account` left pending on
    /// it in this browser (offline, or in a tab closed or reloaded before they were sent).
    pub fn new(board: Board, account: AccountId) -> Self {
        let storage_key = format!("duk.pending.{account}.{}", board.id);
        // The kept changes go on top first, and everything shown is drawn from the board
        // with them: a restored card gets its signal and its place in its cell now. (Drawn
        // from the server's board alone, it had neither, and when the server confirmed it,
        // nothing looked changed, so it stayed invisible: a card "lost" on reload.)
        let mut replica = Replica::new(board);
        let kept = kept_changes(&storage_key);
        if !kept.is_empty() {
            replica.restore_pending(kept);
        }
        let shown = replica.shown();
        let cards = shown
            .cards
            .values()
            .map(|c| (c.id, RwSignal::new(c.clone())))
            .collect();
        let store = BoardStore {
            owner: StoredValue::new(Owner::current()),
            header: RwSignal::new(Header::of(shown)),
            members: RwSignal::new(shown.members.clone()),
            meetings: RwSignal::new(shown.meetings.clone()),
            session: RwSignal::new(shown.session.clone()),
            minutes: RwSignal::new(shown.minutes.clone()),
            version: RwSignal::new(replica.confirmed().version),
            template: RwSignal::new(shown.template.clone()),
            unsent: RwSignal::new(0),
            notice: RwSignal::new(None),
            can_undo: RwSignal::new(false),
            people: RwSignal::new(Vec::new()),
            me: RwSignal::new(None),
            online: RwSignal::new(true),
            cards: StoredValue::new(cards),
            layout: RwSignal::new(0),
            lang: StoredValue::new(Lang::Nb),
            link: StoredValue::new(None),
            me_name: StoredValue::new(None),
            own_ops: StoredValue::new(VecDeque::new()),
            retry_ms: StoredValue::new(RETRY_FIRST_MS),
            retry_timer: StoredValue::new(None),
            on_wire: StoredValue::new(Vec::new()),
            replica: StoredValue::new(replica),
            storage_key: StoredValue::new(storage_key),
            stored_ids: StoredValue::new(Vec::new()),
        };
        store.settle();
        store
    }

    /// The board's id.
    pub fn id(&self) -> model::BoardId {
        self.replica.with_value(|r| r.confirmed().id)
    }

    /// Reads the board as shown (confirmed plus unsent changes), without tracking.
    pub fn with_board<T>(&self, f: impl FnOnce(&Board) -> T) -> T {
        self.replica.with_value(|r| f(r.shown()))
    }

    /// The ids of the live cards at a placement, in order (tracks layout changes only).
    pub fn card_ids_at(&self, placement: &Placement) -> Vec<CardId> {
        self.layout.track();
        self.with_board(|b| b.cards_at(placement).iter().map(|c| c.id).collect())
    }

    /// The signal of one card.
    pub fn card(&self, id: CardId) -> Option<RwSignal<Card>> {
        self.cards.with_value(|m| m.get(&id).copied())
    }

    /// The ordering key that puts a new card last at a placement.
    pub fn key_for_end(&self, placement: &Placement) -> model::OrderKey {
        self.with_board(|b| b.order_key_at(placement, usize::MAX, None))
    }

    /// A live team member by id.
    pub fn member(&self, id: model::MemberId) -> Option<Member> {
        self.members
            .with(|ms| ms.iter().find(|m| m.id == id).cloned())
    }

    /// Names the signed-in person (their edits' events carry this name).
    pub fn set_me(&self, name: String) {
        self.me_name.set_value(Some(name));
    }

    /// Applies a change at once and sends it. A change the model refuses is not sent; the
    /// message says why, in the user's language (the server would say the same).
    pub fn apply(&self, op: Operation, lang: Lang) -> Result<(), String> {
        self.apply_seen(op, self.version.get_untracked(), lang)
    }

    /// Like [`BoardStore::apply`], for a change the user began at an older version (an
    /// editor opened then): if it replaces words someone wrote after `seen`, the server
    /// tells them.
    pub fn apply_seen(&self, op: Operation, seen: u64, lang: Lang) -> Result<(), String> {
        self.lang.set_value(lang);
        let pending = Pending {
            client_op_id: random::client_op_id(),
            op,
            base_version: Some(seen.min(self.version.get_untracked())),
        };
        let ctx = local_context(pending.client_op_id);
        let before = self.layout_hash();
        self.replica
            .try_update_value(|r| r.local(pending.clone(), &ctx, true))
            .unwrap_or(Ok(()))
            .map_err(|r| r.message(lang))?;
        self.show(before);
        self.settle();
        self.remember_own(pending.client_op_id);
        self.pump();
        Ok(())
    }

    fn remember_own(&self, id: ClientOpId) {
        self.own_ops.update_value(|ops| {
            ops.push_back(id);
            if ops.len() > OWN_OPS_KEPT {
                ops.pop_front();
            }
        });
    }

    /// Takes back the user's own last change (never anyone else's).
    pub fn undo(&self, lang: Lang) -> Result<(), String> {
        self.lang.set_value(lang);
        let client_op_id = random::client_op_id();
        let ctx = local_context(client_op_id);
        let before = self.layout_hash();
        let result = self
            .replica
            .try_update_value(|r| r.undo(client_op_id, &ctx))
            .ok_or_else(String::new)?;
        self.can_undo
            .set(self.replica.with_value(Replica::can_undo));
        result.map_err(|e| e.message(lang))?;
        self.show(before);
        self.settle();
        self.remember_own(client_op_id);
        self.pump();
        Ok(())
    }

    /// Tells the others which card the user is moving (`None`: none any more).
    pub fn moving(&self, card: Option<CardId>) {
        if let Some(link) = self.link.get_value() {
            let msg = ClientMsg::Moving { card_id: card };
            if let Ok(text) = serde_json::to_string(&msg) {
                link.send(&text);
            }
        }
    }

    /// Sends the pending changes that are not on the wire yet, oldest first, while the
    /// window has room and the connection is open (and no pause after "not now" runs).
    fn pump(&self) {
        if self.retry_timer.get_value().is_some() {
            return;
        }
        while self.on_wire.with_value(Vec::len) < WINDOW {
            let next = self.replica.with_value(|r| {
                self.on_wire.with_value(|wire| {
                    r.pending()
                        .iter()
                        .find(|p| !wire.contains(&p.client_op_id))
                        .cloned()
                })
            });
            let Some(next) = next else { return };
            if !self.send(&next) {
                // Not open: it waits and goes when the connection is back.
                return;
            }
            self.on_wire.update_value(|w| w.push(next.client_op_id));
        }
    }

    /// An answer for a change on the wire came: it leaves the window, the next may go.
    fn answered(&self, id: ClientOpId) {
        self.on_wire.update_value(|w| w.retain(|x| *x != id));
    }

    fn send(&self, p: &Pending) -> bool {
        let Some(link) = self.link.get_value() else {
            return false;
        };
        let base_version = p
            .base_version
            .unwrap_or_else(|| self.version.get_untracked());
        let msg = ClientMsg::Op {
            client_op_id: p.client_op_id,
            base_version,
            op: p.op.clone(),
        };
        serde_json::to_string(&msg).is_ok_and(|text| link.send(&text))
    }

    /// The server refused one of the user's changes. "Not now" (busy, or a failure on its
    /// side) keeps the change, shown and kept in the browser, and sends it again after a
    /// pause; "no" takes it back and says why.
    pub fn refused(&self, client_op_id: ClientOpId, code: &str, message: String) {
        self.answered(client_op_id);
        if is_transient(code) {
            let pending = self
                .replica
                .with_value(|r| r.pending().iter().any(|p| p.client_op_id == client_op_id));
            if pending {
                self.retry_later();
            }
            return;
        }
        let before = self.layout_hash();
        let was_pending = self
            .replica
            .try_update_value(|r| r.rejected(client_op_id))
            .unwrap_or(false);
        if was_pending {
            self.show(before);
            self.settle();
            self.notice.set(Some(Notice::Refused(message)));
        }
        self.pump();
    }

    /// Takes an event the server accepted (ours or someone else's) and shows it, with our
    /// unsent changes on top. Returns false, changing nothing, if the event does not follow
    /// the confirmed version: then the board is fetched again.
    pub fn receive(&self, event: &Event) -> bool {
        let before = self.layout_hash();
        let Some(received) = self.replica.try_update_value(|r| r.receive(event)) else {
            return true;
        };
        match received {
            Received::Gap => false,
            Received::Stale { mine: None } => true,
            Received::Applied { mine } | Received::Stale { mine } => {
                self.show(before);
                self.settle();
                if let Some(notice) = self.overwritten(event) {
                    self.notice.set(Some(notice));
                }
                if let Some(id) = mine {
                    self.retry_ms.set_value(RETRY_FIRST_MS);
                    self.answered(id);
                    self.pump();
                }
                true
            }
        }
    }

    /// What the user should be told about `event` replacing their words, if it did.
    fn overwritten(&self, event: &Event) -> Option<Notice> {
        let me = self.me_name.get_value();
        let mine = |ow: &&Overwrite| {
            self.own_ops
                .with_value(|ops| ops.contains(&ow.client_op_id))
                || (me.as_deref() == Some(ow.actor.as_str()) && me.as_deref() != Some(&event.actor))
        };
        let ow = event.overwrote.iter().find(mine)?;
        let Operation::EditCard {
            card_id,
            text,
            note,
            ..
        } = &ow.restore
        else {
            return None;
        };
        let card = self.with_board(|b| b.cards.get(card_id).cloned())?;
        let (yours, now) = match (text, note) {
            (Some(t), _) => (Some(t.clone()), Some(card.text.to_string())),
            (None, model::Patch::Set(n)) => (
                Some(n.clone()),
                Some(card.note.map(|n| n.to_string()).unwrap_or_default()),
            ),
            _ => (None, None),
        };
        Some(Notice::Overwritten(Overwritten {
            by: event.actor.clone(),
            yours,
            now,
            restore: ow.restore.clone(),
        }))
    }

    /// Sends the pending changes again after a pause (the server said "not now").
    fn retry_later(&self) {
        if self.retry_timer.get_value().is_some() {
            return;
        }
        let delay = self.retry_ms.get_value();
        self.retry_ms.set_value((delay * 2).min(RETRY_MAX_MS));
        let store = *self;
        let again = wasm_bindgen::closure::Closure::once_into_js(move || {
            if store.gone() {
                return;
            }
            store.retry_timer.set_value(None);
            store.pump();
        });
        let id = web_sys::window().and_then(|w| {
            use wasm_bindgen::JsCast;
            w.set_timeout_with_callback_and_timeout_and_arguments_0(again.unchecked_ref(), delay)
                .ok()
        });
        self.retry_timer.set_value(id);
    }

    /// Starts again from a fresh copy of the board from the server, keeping unsent changes
    /// on top.
    pub fn reset(&self, board: Board) {
        let before = self.layout_hash();
        self.replica.update_value(|r| r.reset(board));
        self.show(before);
        self.settle();
    }

    /// Fetches the board again in the background (after the live connection missed
    /// something).
    pub fn resync(&self) {
        let store = *self;
        leptos::task::spawn_local(async move { store.reload().await });
    }

    /// True once the board page is gone.
    fn gone(&self) -> bool {
        self.replica.is_disposed()
    }

    /// Fetches the server's board and shows it with the unsent changes on top. Tries
    /// again (with growing pauses) until it gets an answer: showing an older copy would
    /// hide changes the server has already accepted.
    async fn reload(&self) {
        let mut delay_ms = 500;
        loop {
            if self.gone() {
                return;
            }
            match api::board(self.id(), self.lang.get_value()).await {
                Ok(view) if !self.gone() => return self.reset(view.board),
                Ok(_) => return,
                Err(_) => {
                    sleep(delay_ms).await;
                    delay_ms = (delay_ms * 2).min(16_000);
                }
            }
        }
    }

    /// After any change: counts, undo, and the copy of the pending list in the browser
    /// (written only when the list changed).
    fn settle(&self) {
        let (ids, can_undo, version) = self.replica.with_value(|r| {
            (
                r.pending()
                    .iter()
                    .map(|p| p.client_op_id)
                    .collect::<Vec<_>>(),
                r.can_undo(),
                r.confirmed().version,
            )
        });
        if self.unsent.get_untracked() != ids.len() {
            self.unsent.set(ids.len());
        }
        if self.can_undo.get_untracked() != can_undo {
            self.can_undo.set(can_undo);
        }
        if self.version.get_untracked() != version {
            self.version.set(version);
        }
        // Written already.
        if self.stored_ids.with_value(|s| *s == ids) {
            return;
        }
        self.storage_key.with_value(|key| {
            let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten())
            else {
                return;
            };
            if ids.is_empty() {
                let _ = storage.remove_item(key);
            } else {
                let pending: Vec<Pending> = self
                    .replica
                    .with_value(|r| r.pending().iter().cloned().collect());
                if let Ok(text) = serde_json::to_string(&pending) {
                    let _ = storage.set_item(key, &text);
                }
            }
        });
        self.stored_ids.set_value(ids);
    }

    /// A fingerprint of the shown layout, taken before a change to tell whether the
    /// change moved anything (cheaper than keeping a copy of every card's place).
    fn layout_hash(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.with_board(|b| layout_of(b).hash(&mut h));
        h.finish()
    }

    /// Sets exactly the signals whose value changed from what is shown now.
    fn show(&self, layout_before: u64) {
        let layout_changed = self.layout_hash() != layout_before;
        self.replica.with_value(|r| {
            let next = r.shown();
            self.cards.update_value(|signals| {
                for card in next.cards.values() {
                    match signals.get(&card.id) {
                        Some(s) => {
                            if s.with_untracked(|c| c != card) {
                                s.set(card.clone());
                            }
                        }
                        None => {
                            let make = || RwSignal::new(card.clone());
                            let signal = self
                                .owner
                                .with_value(|o| o.as_ref().map(|o| o.with(make)))
                                .unwrap_or_else(make);
                            signals.insert(card.id, signal);
                        }
                    }
                }
            });
            let header = Header::of(next);
            if self.header.with_untracked(|h| *h != header) {
                self.header.set(header);
            }
            if self.template.with_untracked(|t| *t != next.template) {
                self.template.set(next.template.clone());
            }
            if self.members.with_untracked(|m| *m != next.members) {
                self.members.set(next.members.clone());
            }
            if self.meetings.with_untracked(|m| *m != next.meetings) {
                self.meetings.set(next.meetings.clone());
            }
            if self.session.with_untracked(|m| *m != next.session) {
                self.session.set(next.session.clone());
            }
            if self.minutes.with_untracked(|m| *m != next.minutes) {
                self.minutes.set(next.minutes.clone());
            }
            if layout_changed {
                self.layout.update(|n| *n += 1);
            }
        });
    }
}

impl super::live::LiveTarget for BoardStore {
    fn board_id(&self) -> model::BoardId {
        self.id()
    }

    type Event = Event;

    fn since(&self) -> Option<u64> {
        Some(self.version.get_untracked())
    }

    fn receive(&self, event: &Event) -> bool {
        BoardStore::receive(self, event)
    }

    fn resync(&self) {
        BoardStore::resync(self);
    }

    fn snapshot(&self, text: &str) {
        #[derive(serde::Deserialize)]
        struct Snapshot {
            board: Board,
        }
        match serde_json::from_str::<Snapshot>(text) {
            Ok(s) => self.reset(s.board),
            Err(_) => self.resync(),
        }
    }

    fn opened(&self, link: LiveLink<Self>, connection: u64) {
        self.link.set_value(Some(link));
        self.me.set(Some(connection));
        self.online.set(true);
        if self.notice.get_untracked() == Some(Notice::Trouble) {
            self.notice.set(None);
        }
        // Everything still pending goes (again), in the order it was made; the server
        // applies a resend once and answers it with the original event.
        self.on_wire.set_value(Vec::new());
        if let Some(Some(id)) = self.retry_timer.try_get_value() {
            window().clear_timeout_with_handle(id);
            self.retry_timer.set_value(None);
        }
        self.pump();
    }

    fn trouble(&self) {
        self.notice.set(Some(Notice::Trouble));
    }

    fn closed(&self) {
        self.on_wire.set_value(Vec::new());
        self.online.set(false);
        self.people.set(Vec::new());
    }

    fn rejected(&self, client_op_id: ClientOpId, code: String, message: String) {
        self.refused(client_op_id, &code, message);
    }
    fn presence(&self, people: Vec<PresenceEntry>) {
        if self.people.with_untracked(|p| *p != people) {
            self.people.set(people);
        }
    }
}

/// The changes kept in the browser under `key` from an earlier visit.
fn kept_changes(key: &str) -> Vec<Pending> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(key).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// The context for applying a change locally: the server fills in the real actor and time.
fn local_context(client_op_id: ClientOpId) -> ApplyContext {
    ApplyContext {
        actor: String::new(),
        at: model::Timestamp(js_sys::Date::now() as i64),
        client_op_id,
    }
}

/// Waits `ms` milliseconds (a browser timer).
pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
