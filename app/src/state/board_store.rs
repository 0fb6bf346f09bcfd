//! The open board, held so that a change touches only what it changes, and shown at once.
//!
//! Every action is an [`Operation`]. [`BoardStore::apply`] runs it through the model's
//! `Board::apply` right away, so the user sees the change without waiting and a refusal
//! comes back at once with the very message the server would give. Accepted operations wait
//! in a queue and are sent one at a time; the server's answer is the truth. The store keeps
//! two boards: `confirmed` (what the server has accepted) and `shown` (confirmed plus the
//! operations still on their way). After every answer `shown` is rebuilt from `confirmed`
//! and the queue, and only the signals whose value changed are set, so nothing flickers.
//!
//! Each card has its own signal: editing a card's text updates that card only. A change of
//! layout (a card added, moved, deleted or restored) bumps `layout`, and each cell's memo of
//! card ids recomputes, re-rendering only the cells whose list changed.

use std::collections::{HashMap, VecDeque};

use leptos::prelude::*;
use model::{
    ApplyContext, Board, Card, CardId, ClientOpId, Event, IsoDate, Lang, Meeting, Member, MemberId,
    OpRequest, Operation, Placement, Stage, Template,
};

use crate::{api, api::ApiError, random};

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
/// already shown, or lost contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The server refused a change; it has been taken back.
    Refused(String),
    /// The server could not be reached; changes are kept and sent again.
    Offline,
}

/// One operation on its way to the server.
#[derive(Debug, Clone)]
struct Pending {
    client_op_id: ClientOpId,
    op: Operation,
}

/// The board being viewed. Cheap to copy; all fields are handles.
#[derive(Debug, Clone, Copy)]
pub struct BoardStore {
    /// The reactive owner of the board page: card signals made later (by an event handler
    /// or after a network answer) belong to the page, not to whatever component is current.
    owner: StoredValue<Option<Owner>>,
    confirmed: StoredValue<Board>,
    shown: StoredValue<Board>,
    queue: StoredValue<VecDeque<Pending>>,
    sending: StoredValue<bool>,
    lang: StoredValue<Lang>,
    cards: StoredValue<HashMap<CardId, RwSignal<Card>>>,
    layout: RwSignal<u64>,
    /// The header.
    pub header: RwSignal<Header>,
    /// The team, removed members included.
    pub members: RwSignal<Vec<Member>>,
    /// The meetings, cancelled ones included.
    pub meetings: RwSignal<Vec<Meeting>>,
    /// The version the server has confirmed.
    pub version: RwSignal<u64>,
    /// The rows, columns and zones.
    pub template: RwSignal<Template>,
    /// How many changes are still on their way to the server.
    pub unsent: RwSignal<usize>,
    /// The latest thing the user should know about the server's answers.
    pub notice: RwSignal<Option<Notice>>,
}

/// The fields of a card that decide where it is drawn.
fn layout_of(b: &Board) -> Vec<(CardId, &Placement, &str, bool)> {
    b.cards
        .values()
        .map(|c| (c.id, &c.placement, c.order.as_str(), c.deleted))
        .collect()
}

impl BoardStore {
    /// Wraps a board loaded from the server.
    pub fn new(board: Board) -> Self {
        let cards = board
            .cards
            .values()
            .map(|c| (c.id, RwSignal::new(c.clone())))
            .collect();
        BoardStore {
            owner: StoredValue::new(Owner::current()),
            header: RwSignal::new(Header::of(&board)),
            members: RwSignal::new(board.members.clone()),
            meetings: RwSignal::new(board.meetings.clone()),
            version: RwSignal::new(board.version),
            template: RwSignal::new(board.template.clone()),
            unsent: RwSignal::new(0),
            notice: RwSignal::new(None),
            cards: StoredValue::new(cards),
            layout: RwSignal::new(0),
            queue: StoredValue::new(VecDeque::new()),
            sending: StoredValue::new(false),
            lang: StoredValue::new(Lang::Nb),
            shown: StoredValue::new(board.clone()),
            confirmed: StoredValue::new(board),
        }
    }

    /// The board's id.
    pub fn id(&self) -> model::BoardId {
        self.confirmed.with_value(|b| b.id)
    }

    /// Reads the board as shown (confirmed plus unsent changes), without tracking.
    pub fn with_board<T>(&self, f: impl FnOnce(&Board) -> T) -> T {
        self.shown.with_value(f)
    }

    /// The ids of the live cards at a placement, in order (tracks layout changes only).
    pub fn card_ids_at(&self, placement: &Placement) -> Vec<CardId> {
        self.layout.track();
        self.shown
            .with_value(|b| b.cards_at(placement).iter().map(|c| c.id).collect())
    }

    /// The signal of one card.
    pub fn card(&self, id: CardId) -> Option<RwSignal<Card>> {
        self.cards.with_value(|m| m.get(&id).copied())
    }

    /// The ordering key that puts a new card last at a placement.
    pub fn key_for_end(&self, placement: &Placement) -> model::OrderKey {
        self.shown
            .with_value(|b| b.order_key_at(placement, usize::MAX, None))
    }

    /// A live team member by id.
    pub fn member(&self, id: model::MemberId) -> Option<Member> {
        self.members
            .with(|ms| ms.iter().find(|m| m.id == id).cloned())
    }

    /// Applies a change at once and queues it for the server. A change the model refuses
    /// is not sent; the message says why, in the user's language (the server would say the
    /// same).
    pub fn apply(&self, op: Operation, lang: Lang) -> Result<(), String> {
        self.lang.set_value(lang);
        let pending = Pending {
            client_op_id: random::client_op_id(),
            op,
        };
        let mut next = self.shown.with_value(Clone::clone);
        next.apply(&pending.op, &local_context(pending.client_op_id))
            .map_err(|r| r.message(lang))?;
        self.show(next);
        self.queue.update_value(|q| q.push_back(pending));
        self.unsent.set(self.queue.with_value(VecDeque::len));
        leptos::task::spawn_local(self.flush());
        Ok(())
    }

    /// True once the board page is gone; a send still under way then stops quietly.
    fn gone(&self) -> bool {
        self.queue.is_disposed() || self.confirmed.is_disposed()
    }

    /// Sends queued changes one at a time until the queue is empty (or the page is gone).
    async fn flush(self) {
        if self.gone() || self.sending.get_value() {
            return;
        }
        self.sending.set_value(true);
        let mut delay_ms = 500;
        loop {
            if self.gone() {
                return;
            }
            let Some(next) = self.queue.with_value(|q| q.front().cloned()) else {
                break;
            };
            let req = OpRequest {
                client_op_id: next.client_op_id,
                base_version: self.confirmed.with_value(|b| b.version),
                op: next.op,
            };
            let lang = self.lang.get_value();
            let result = api::submit(self.id(), &req, lang).await;
            if self.gone() {
                return;
            }
            match result {
                Ok(event) => {
                    // By id: the live connection may have delivered it already.
                    self.queue
                        .update_value(|q| q.retain(|p| p.client_op_id != req.client_op_id));
                    if !self.receive(&event) {
                        // Others changed the board in between: our event does not follow
                        // our copy. Fetch the server's board, which includes it.
                        self.reload().await;
                    }
                    delay_ms = 500;
                    if self.notice.try_get_untracked().flatten() == Some(Notice::Offline) {
                        self.notice.set(None);
                    }
                }
                Err(ApiError::Server { status: 503, .. }) => {
                    // Busy: the change is fine, the board was changing under it.
                    sleep(delay_ms).await;
                    delay_ms = (delay_ms * 2).min(8_000);
                }
                Err(e @ (ApiError::Server { .. } | ApiError::Http(_)))
                    if e.status().is_some_and(|s| s < 500) =>
                {
                    // Refused. The model let it through here, so the server's board must
                    // differ from ours (someone hid a row, removed a member…): take the
                    // change back and show the server's board.
                    self.queue
                        .update_value(|q| q.retain(|p| p.client_op_id != req.client_op_id));
                    let message = match e {
                        ApiError::Server { body, .. } => body.message,
                        _ => crate::i18n::text(lang, crate::i18n::Key::error_unexpected).into(),
                    };
                    self.notice.set(Some(Notice::Refused(message)));
                    self.reload().await;
                }
                Err(_) => {
                    // Lost contact, or the server failed: keep the change and try again.
                    self.notice.set(Some(Notice::Offline));
                    sleep(delay_ms).await;
                    delay_ms = (delay_ms * 2).min(16_000);
                }
            }
            if self.gone() {
                return;
            }
            self.unsent.set(self.queue.with_value(VecDeque::len));
        }
        self.sending.set_value(false);
    }

    /// Takes an event the server accepted (ours or someone else's) and shows it, with our
    /// unsent changes on top. Returns false, changing nothing, if the event does not follow
    /// the confirmed version: then the caller must [`reset`](Self::reset) from the server.
    pub fn receive(&self, event: &Event) -> bool {
        // Our own change can arrive twice: over the live connection and as the answer.
        if event.version <= self.confirmed.with_value(|b| b.version) {
            return true;
        }
        let followed = self
            .confirmed
            .try_update_value(|b| b.apply_event(event).is_ok())
            .unwrap_or(false);
        if followed {
            // One of ours, confirmed over the live connection before its answer came.
            self.queue
                .update_value(|q| q.retain(|p| p.client_op_id != event.client_op_id));
            self.unsent.set(self.queue.with_value(VecDeque::len));
            self.version.set(event.version);
            self.rebuild();
        }
        followed
    }

    /// Starts again from a fresh copy of the board from the server, keeping unsent changes
    /// that still apply.
    pub fn reset(&self, board: Board) {
        self.version.set(board.version);
        self.confirmed.set_value(board);
        self.rebuild();
    }

    /// Fetches the board again in the background (after the live connection missed
    /// something).
    pub fn resync(&self) {
        let store = *self;
        leptos::task::spawn_local(async move { store.reload().await });
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

    /// Shows the confirmed board with the queued changes on top; queued changes the newer
    /// board no longer allows are dropped and the user is told.
    fn rebuild(&self) {
        let mut next = self.confirmed.with_value(Clone::clone);
        let lang = self.lang.get_value();
        let mut refused = None;
        self.queue.update_value(|q| {
            q.retain(
                |p| match next.apply(&p.op, &local_context(p.client_op_id)) {
                    Ok(_) => true,
                    Err(r) => {
                        refused = Some(r.message(lang));
                        false
                    }
                },
            );
        });
        if let Some(message) = refused {
            self.notice.set(Some(Notice::Refused(message)));
        }
        self.show(next);
    }

    /// Makes `next` the shown board and sets exactly the signals whose value changed.
    fn show(&self, next: Board) {
        let layout_changed = self
            .shown
            .with_value(|old| layout_of(old) != layout_of(&next));
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
        let header = Header::of(&next);
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
        self.shown.set_value(next);
        if layout_changed {
            self.layout.update(|n| *n += 1);
        }
    }
}

impl super::live::LiveTarget for BoardStore {
    fn board_id(&self) -> model::BoardId {
        self.id()
    }

    fn receive(&self, event: &Event) -> bool {
        BoardStore::receive(self, event)
    }

    fn resync(&self) {
        BoardStore::resync(self);
    }
}

/// The context for applying a change locally: the server fills in the real actor and time.
fn local_context(client_op_id: ClientOpId) -> ApplyContext {
    ApplyContext {
        actor: String::new(),
        at: model::Timestamp(js_sys::Date::now() as i64),
        client_op_id,
    }
}

/// Waits `ms` milliseconds.
/// Waits `ms` milliseconds (a browser timer).
pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
