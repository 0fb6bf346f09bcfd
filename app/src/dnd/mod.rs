//! Moving cards: drag and drop on Pointer Events (mouse, touch, pen) and with the keyboard.
//!
//! The DOM carries what a drop needs: every cell and zone has `data-place` (its placement,
//! see [`place_key`]) and every card `data-card` (its id). A drag works on the DOM directly
//! (a floating copy of the card follows the pointer, classes mark the target cell and the
//! insertion point), so a pointer move costs a hit test and a few class changes, never a
//! re-render. Only the drop changes the board: one `MoveCard` through the store.
//!
//! - Mouse and pen: a drag starts once the pointer has moved a few pixels with the button
//!   down; a click stays a click.
//! - Touch: from the card's handle at once; elsewhere on the card after a short press
//!   (250 ms, with a little movement allowed), so that a finger swipe scrolls the board.
//! - Keyboard, on the card's handle: Space or Enter lifts, arrows move between positions and
//!   cells, Space or Enter drops, Escape cancels. Every step is announced in the live region.
//! - Escape, or dropping outside any cell, cancels.
//!
//! This file holds the state both inputs share and the move they end in; `pointer.rs` is
//! the drag, `keyboard.rs` the keys on a handle, `dom.rs` what both read from the page and
//! mark on it.

mod dom;
mod keyboard;
mod pointer;

use leptos::prelude::*;
use model::{CardId, Operation, Placement};

use dom::slots;
pub use dom::{place_key, refocus_handle};
use pointer::PointerDrag;

use crate::{
    i18n::{I18n, Key},
    labels,
    state::{BoardStore, Notice},
};

/// Where a card would land: a placement and its index among the other cards there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The cell or zone.
    pub placement: Placement,
    /// Position among the cards there, leaving out the moving card.
    pub index: usize,
}

/// Drag and drop on one board. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Dnd {
    /// The board the cards move on.
    store: BoardStore,
    /// The language of what is announced.
    i18n: I18n,
    /// The press or drag of a pointer, while there is one.
    pointer: StoredValue<Option<PointerDrag>, LocalStorage>,
    /// The card lifted with the keyboard and where it would land, while there is one.
    keyboard: StoredValue<Option<(CardId, Target)>>,
    /// When the last drag ended (ms since the epoch), so the click that follows a drop
    /// does not open the editor.
    drag_ended_at: StoredValue<f64>,
    /// What the live region says.
    pub announcement: RwSignal<String>,
    /// The card lifted with the keyboard, for its look.
    pub kb_lifted: RwSignal<Option<CardId>>,
}

impl Dnd {
    /// Creates the drag-and-drop state of a board and listens on the window for the moves
    /// and releases of a drag (removed again with the board).
    pub fn new(store: BoardStore, i18n: I18n) -> Self {
        let dnd = Dnd {
            store,
            i18n,
            pointer: StoredValue::new_local(None),
            keyboard: StoredValue::new(None),
            drag_ended_at: StoredValue::new(0.0),
            announcement: RwSignal::new(String::new()),
            kb_lifted: RwSignal::new(None),
        };
        dnd.listen();
        dnd
    }

    /// A text of the interface, in the board's language.
    fn t(&self, key: Key) -> &'static str {
        self.i18n.t(key)
    }

    /// "Økonomi, Det vi skal gjøre nå" for a placement.
    pub fn place_name(&self, p: &Placement) -> String {
        let i18n = self.i18n;
        self.store.template.with_untracked(|t| match p {
            Placement::Cell { theme, column } => {
                let theme = t
                    .theme(theme)
                    .map(|x| labels::theme(i18n, x))
                    .unwrap_or_default();
                let column = t
                    .column(column)
                    .map(|x| labels::column(i18n, x))
                    .unwrap_or_default();
                format!("{theme}, {column}")
            }
            Placement::Zone { zone } => t
                .zone(zone)
                .map(|z| labels::zone(i18n, z))
                .unwrap_or_default(),
        })
    }

    /// "Økonomi, Det vi skal gjøre nå, position 2 of 3": where a target is, counted in the
    /// positions the user can see.
    fn position_text(&self, target: &Target, moving: CardId) -> String {
        let slots = slots(&target.placement, moving);
        let n = slots.iter().take_while(|s| **s < target.index).count() + 1;
        self.i18n.fill(
            Key::dnd_position,
            &[
                ("place", &self.place_name(&target.placement)),
                ("n", &n.min(slots.len()).to_string()),
                ("count", &slots.len().to_string()),
            ],
        )
    }

    /// Says `text` in the live region.
    fn announce(&self, text: String) {
        // The same text twice in a row is not read again by every screen reader; a
        // trailing no-break space makes it new.
        let text = if self.announcement.get_untracked() == text {
            format!("{text}\u{a0}")
        } else {
            text
        };
        self.announcement.set(text);
    }

    /// What is announced when a card is lifted: its text.
    fn lifted_text(&self, card: CardId) -> String {
        let text = self
            .store
            .card(card)
            .map(|c| c.with_untracked(|c| c.text.to_string()))
            .unwrap_or_default();
        self.i18n.fill(Key::dnd_lifted, &[("text", &text)])
    }

    /// True if a click on a card should be ignored because it ends a drag: it comes right
    /// after the release, with mouse and touch alike, before any new press.
    pub fn take_swallowed_click(&self) -> bool {
        let ended = self.drag_ended_at.get_value();
        self.drag_ended_at.set_value(0.0);
        js_sys::Date::now() - ended < 600.0
    }

    /// Where `card` is on the board now: its placement and, if it is live there, its index
    /// among the cards there. `None` for a card the board does not have.
    fn current_place(&self, card: CardId) -> Option<(Placement, Option<usize>)> {
        self.store.with_board(|b| {
            let c = b.cards.get(&card)?;
            let index = b.cards_at(&c.placement).iter().position(|x| x.id == card);
            Some((c.placement.clone(), index))
        })
    }

    /// Moves `card` to `target` through the store; says what happened either way. A
    /// refusal comes back with its reason.
    pub fn move_to(&self, card: CardId, target: &Target) -> Result<(), String> {
        let current = self
            .current_place(card)
            .map(|(placement, index)| (placement, index.unwrap_or(0)));
        if current == Some((target.placement.clone(), target.index)) {
            self.announce(self.i18n.fill(
                Key::dnd_dropped_same,
                &[("position", &self.position_text(target, card))],
            ));
            return Ok(());
        }
        let order = self
            .store
            .with_board(|b| b.order_key_at(&target.placement, target.index, Some(card)));
        let op = Operation::MoveCard {
            card_id: card,
            placement: target.placement.clone(),
            order: order.to_string(),
        };
        match self.store.apply(op, self.i18n.lang_untracked()) {
            Ok(()) => {
                self.announce(self.i18n.fill(
                    Key::dnd_dropped,
                    &[("position", &self.position_text(target, card))],
                ));
                Ok(())
            }
            Err(message) => {
                self.announce(self.i18n.fill(Key::dnd_refused, &[("reason", &message)]));
                self.store
                    .notice
                    .set(Some(Notice::Refused(message.clone())));
                Err(message)
            }
        }
    }
}
