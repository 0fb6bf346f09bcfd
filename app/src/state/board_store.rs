//! The open board, held so that an incoming change touches only what it changes.
//!
//! The store keeps the model's `Board` (to apply events with the very same code as the
//! server) and one signal per card. Editing a card's text updates that card's signal only;
//! a change of layout (a card added, moved or deleted) bumps `layout`, and each cell's
//! memo of card ids then recomputes, re-rendering only the cells whose list changed.

use std::collections::HashMap;

use leptos::prelude::*;
use model::{
    Board, Card, CardId, Event, Lang, OpRequest, Operation, Placement, Rejection, Template,
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
    pub short_term_by: Option<model::IsoDate>,
    /// "På lang sikt innen".
    pub long_term_by: Option<model::IsoDate>,
}

impl Header {
    fn of(b: &Board) -> Self {
        Header {
            title: b.title.to_string(),
            citizen_name: b.citizen_name.to_string(),
            short_term_by: b.short_term_by,
            long_term_by: b.long_term_by,
        }
    }
}

/// The board being viewed. Cheap to copy; all fields are handles.
#[derive(Debug, Clone, Copy)]
pub struct BoardStore {
    model: StoredValue<Board>,
    cards: StoredValue<HashMap<CardId, RwSignal<Card>>>,
    layout: RwSignal<u64>,
    /// The header.
    pub header: RwSignal<Header>,
    /// The version the client has.
    pub version: RwSignal<u64>,
    /// The rows, columns and zones.
    pub template: RwSignal<Template>,
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
            header: RwSignal::new(Header::of(&board)),
            version: RwSignal::new(board.version),
            template: RwSignal::new(board.template.clone()),
            cards: StoredValue::new(cards),
            layout: RwSignal::new(0),
            model: StoredValue::new(board),
        }
    }

    /// The board's id.
    pub fn id(&self) -> model::BoardId {
        self.model.with_value(|b| b.id)
    }

    /// The ids of the live cards at a placement, in order (tracks layout changes only).
    pub fn card_ids_at(&self, placement: &Placement) -> Vec<CardId> {
        self.layout.track();
        self.model
            .with_value(|b| b.cards_at(placement).iter().map(|c| c.id).collect())
    }

    /// The signal of one card.
    pub fn card(&self, id: CardId) -> Option<RwSignal<Card>> {
        self.cards.with_value(|m| m.get(&id).copied())
    }

    /// The ordering key that puts a new card last at a placement.
    pub fn key_for_end(&self, placement: &Placement) -> model::OrderKey {
        self.model
            .with_value(|b| b.order_key_at(placement, usize::MAX, None))
    }

    /// Applies an event accepted by the server and updates exactly what it changed.
    pub fn apply_event(&self, event: &Event) -> Result<(), Rejection> {
        self.model
            .try_update_value(|b| b.apply_event(event))
            .unwrap_or(Ok(()))?;
        self.version.set(event.version);
        match &event.op {
            Operation::SetHeader { .. } => {
                self.header.set(self.model.with_value(Header::of));
            }
            op => {
                let Some(id) = op.card_id() else {
                    return Ok(());
                };
                let Some(card) = self.model.with_value(|b| b.cards.get(&id).cloned()) else {
                    return Ok(());
                };
                match self.card(id) {
                    Some(signal) => signal.set(card),
                    None => self.cards.update_value(|m| {
                        m.insert(id, RwSignal::new(card));
                    }),
                }
                if !matches!(op, Operation::EditCard { .. }) {
                    self.layout.update(|n| *n += 1);
                }
            }
        }
        Ok(())
    }

    /// Replaces the whole board with a fresh copy from the server.
    pub fn reset(&self, board: Board) {
        let signals: Vec<(CardId, Card)> =
            board.cards.values().map(|c| (c.id, c.clone())).collect();
        self.header.set(Header::of(&board));
        self.version.set(board.version);
        self.template.set(board.template.clone());
        self.model.set_value(board);
        self.cards.update_value(|m| {
            for (id, card) in signals {
                match m.get(&id) {
                    Some(s) => s.set(card),
                    None => {
                        m.insert(id, RwSignal::new(card));
                    }
                }
            }
        });
        self.layout.update(|n| *n += 1);
    }

    /// Sends an operation based on the version this client has and applies the accepted
    /// event. If others changed the board in between, the event does not follow our
    /// version; then the whole board is reloaded so the user sees the server's state.
    pub async fn send(self, op: Operation, lang: Lang) -> Result<Event, ApiError> {
        let req = OpRequest {
            client_op_id: random::client_op_id(),
            base_version: self.version.get_untracked(),
            op,
        };
        let event = api::submit(self.id(), &req, lang).await?;
        if self.apply_event(&event).is_err() {
            let board = api::board(self.id(), lang).await?;
            self.reset(board);
        }
        Ok(event)
    }
}
