//! Moving a card with the keyboard, on its handle: Space or Enter lifts, arrows move
//! between positions and cells as they are on the screen, Space or Enter drops, Escape
//! (or leaving the handle) puts the card back. Every step is announced.

use leptos::prelude::*;
use model::{CardId, Placement};

use super::{
    Dnd, Target,
    dom::{clear_marks, mark, refocus_handle, rows_on_page, slots},
};
use crate::i18n::Key;

impl Dnd {
    /// A key on a card's handle. Returns true if the key was used.
    pub fn handle_key(&self, ev: &web_sys::KeyboardEvent, card: CardId) -> bool {
        let key = ev.key();
        let lifted = self
            .keyboard
            .with_value(|k| k.as_ref().map(|(c, t)| (*c, t.clone())));
        match (lifted, key.as_str()) {
            (None, " " | "Enter") => {
                if ev.repeat() {
                    return true;
                }
                let Some(target) = self.current_target(card) else {
                    return false;
                };
                self.keyboard.set_value(Some((card, target.clone())));
                self.kb_lifted.set(Some(card));
                self.store.moving(Some(card));
                mark(&target, card);
                self.announce(format!(
                    "{} {}",
                    self.lifted_text(card),
                    self.t(Key::dnd_keyboard_help)
                ));
                true
            }
            (Some((c, target)), " " | "Enter") if c == card => {
                if ev.repeat() {
                    return true;
                }
                self.finish_keyboard();
                if self.move_to(card, &target).is_ok() {
                    refocus_handle(card);
                }
                true
            }
            (Some((c, _)), "Escape") if c == card => {
                self.cancel_keyboard(true);
                true
            }
            (Some((c, target)), "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight")
                if c == card =>
            {
                match self.step(&target, card, &key) {
                    Some(next) => {
                        self.keyboard.set_value(Some((card, next.clone())));
                        mark(&next, card);
                        self.announce(self.position_text(&next, card));
                    }
                    None => self.announce(self.t(Key::dnd_edge).to_string()),
                }
                true
            }
            _ => false,
        }
    }

    /// The handle lost focus while a card was lifted: put it back.
    pub fn handle_blur(&self, card: CardId) {
        if self
            .keyboard
            .with_value(|k| k.as_ref().is_some_and(|(c, _)| *c == card))
        {
            self.cancel_keyboard(true);
        }
    }

    /// Ends a keyboard lift, dropped or not: the card's look and the marks go.
    fn finish_keyboard(&self) {
        if self.keyboard.with_value(Option::is_some) {
            self.store.moving(None);
        }
        self.keyboard.set_value(None);
        self.kb_lifted.set(None);
        clear_marks();
    }

    /// Puts back a card lifted with the keyboard (when the view changes under it).
    pub fn cancel(&self) {
        if self.keyboard.with_value(Option::is_some) {
            self.cancel_keyboard(true);
        }
    }

    /// Puts back a card lifted with the keyboard; if `say`, announces where it is again.
    pub(super) fn cancel_keyboard(&self, say: bool) {
        let was = self.keyboard.with_value(|k| k.as_ref().map(|(c, _)| *c));
        self.finish_keyboard();
        if let (Some(card), true) = (was, say) {
            let back = self
                .current_target(card)
                .map(|t| self.position_text(&t, card))
                .unwrap_or_default();
            self.announce(
                self.i18n
                    .fill(Key::dnd_cancelled_back, &[("position", &back)]),
            );
        }
    }

    /// Where `card` is now, as a target; `None` if it is not live on the board.
    fn current_target(&self, card: CardId) -> Option<Target> {
        let (placement, index) = self.current_place(card)?;
        Some(Target {
            placement,
            index: index?,
        })
    }

    /// Where an arrow key takes the lifted card, through what is on the screen (focus
    /// and filters respected). Up and down go through the positions of a cell and on into
    /// the cell above or below; left and right go to the next cell in the row, at the same
    /// position where it has one. `None` at the edge.
    fn step(&self, from: &Target, card: CardId, key: &str) -> Option<Target> {
        let rows = rows_on_page();
        let (r, c) = rows.iter().enumerate().find_map(|(r, row)| {
            row.iter()
                .position(|p| *p == from.placement)
                .map(|c| (r, c))
        })?;
        let here = slots(&from.placement, card);
        let k = here.iter().take_while(|s| **s < from.index).count();
        let cell_at = |r: usize, c: usize| {
            let row = rows.get(r)?;
            row.get(c.min(row.len().checked_sub(1)?)).cloned()
        };
        let target = |placement: Placement, pick: &dyn Fn(&[usize]) -> usize| {
            let slots = slots(&placement, card);
            Target {
                index: pick(&slots),
                placement,
            }
        };
        match key {
            "ArrowUp" if k > 0 => Some(Target {
                placement: from.placement.clone(),
                index: here[k - 1],
            }),
            "ArrowUp" => Some(target(cell_at(r.checked_sub(1)?, c)?, &|s| {
                s.last().copied().unwrap_or(0)
            })),
            "ArrowDown" if k + 1 < here.len() => Some(Target {
                placement: from.placement.clone(),
                index: here[k + 1],
            }),
            "ArrowDown" => Some(target(cell_at(r + 1, c)?, &|s| {
                s.first().copied().unwrap_or(0)
            })),
            "ArrowLeft" | "ArrowRight" => {
                let c = if key == "ArrowLeft" {
                    c.checked_sub(1)?
                } else {
                    c + 1
                };
                let placement = rows[r].get(c)?.clone();
                Some(target(placement, &|s| {
                    s.get(k.min(s.len().saturating_sub(1)))
                        .copied()
                        .unwrap_or(0)
                }))
            }
            _ => None,
        }
    }
}
