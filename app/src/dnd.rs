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

use leptos::prelude::*;
use model::{CardId, Operation, Placement, SlotId};
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{Element, HtmlElement, PointerEvent};

use crate::{
    i18n::{I18n, Key},
    labels,
    state::{BoardStore, Notice},
};

/// How far (px) a mouse or pen moves before a press becomes a drag.
const DRAG_THRESHOLD: f64 = 4.0;
/// How long (ms) a finger rests on a card before it lifts.
const LONG_PRESS_MS: i32 = 250;
/// How far (px) a finger may move during the press and still lift the card.
const LONG_PRESS_TOLERANCE: f64 = 8.0;
/// How close (px) to the window's edge the board starts to scroll during a drag.
const EDGE: f64 = 48.0;

/// The text form of a placement in `data-place`.
pub fn place_key(p: &Placement) -> String {
    match p {
        Placement::Cell { theme, column } => format!("cell:{theme}:{column}"),
        Placement::Zone { zone } => format!("zone:{zone}"),
    }
}

fn parse_place(s: &str) -> Option<Placement> {
    let mut parts = s.split(':');
    match (parts.next()?, parts.next(), parts.next()) {
        ("cell", Some(t), Some(c)) => Some(Placement::Cell {
            theme: SlotId::parse(t)?,
            column: SlotId::parse(c)?,
        }),
        ("zone", Some(z), None) => Some(Placement::Zone {
            zone: SlotId::parse(z)?,
        }),
        _ => None,
    }
}

/// Where a card would land: a placement and its index among the other cards there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The cell or zone.
    pub placement: Placement,
    /// Position among the cards there, leaving out the moving card.
    pub index: usize,
}

#[derive(Debug)]
enum Phase {
    /// A button is down on a card; not a drag yet.
    Pressed { since_timer: Option<i32> },
    /// The card is lifted and follows the pointer.
    Dragging { ghost: HtmlElement },
}

#[derive(Debug)]
struct PointerDrag {
    card: CardId,
    pointer_id: i32,
    touch: bool,
    from_handle: bool,
    start: (f64, f64),
    last: (f64, f64),
    grab: (f64, f64),
    source: HtmlElement,
    phase: Phase,
    target: Option<Target>,
}

/// Drag and drop on one board. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Dnd {
    store: BoardStore,
    i18n: I18n,
    pointer: StoredValue<Option<PointerDrag>, LocalStorage>,
    keyboard: StoredValue<Option<(CardId, Target)>>,
    /// When the last drag ended (ms since the epoch), so the click that follows a drop
    /// does not open the editor.
    drag_ended_at: StoredValue<f64>,
    /// What the live region says.
    pub announcement: RwSignal<String>,
    /// The card lifted with the keyboard, for its look.
    pub kb_lifted: RwSignal<Option<CardId>>,
}

fn document() -> web_sys::Document {
    leptos::prelude::document()
}

fn by_selector(sel: &str) -> Option<Element> {
    document().query_selector(sel).ok().flatten()
}

fn clear_marks() {
    for class in ["drop-target", "drop-before", "drop-end"] {
        if let Ok(list) = document().query_selector_all(&format!(".{class}")) {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.class_list().remove_1(class);
                }
            }
        }
    }
}

/// The cards in a cell element, in order, leaving out `moving`.
fn cards_in(cell: &Element, moving: CardId) -> Vec<Element> {
    let mut out = Vec::new();
    let moving = moving.to_string();
    if let Ok(list) = cell.query_selector_all("[data-card]") {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok())
                && el.get_attribute("data-card").as_deref() != Some(moving.as_str())
            {
                out.push(el);
            }
        }
    }
    out
}

/// Marks the target cell and the insertion point on the page.
fn mark(target: &Target, moving: CardId) {
    clear_marks();
    let Some(cell) = by_selector(&format!(
        "[data-place=\"{}\"]",
        place_key(&target.placement)
    )) else {
        return;
    };
    let _ = cell.class_list().add_1("drop-target");
    let cards = cards_in(&cell, moving);
    match cards.get(target.index) {
        Some(before) => {
            let _ = before.class_list().add_1("drop-before");
        }
        None => {
            if let Ok(Some(list)) = cell.query_selector(".card-list") {
                let _ = list.class_list().add_1("drop-end");
            }
        }
    }
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
        let h1 = window_event_listener(leptos::ev::pointermove, move |ev| dnd.pointer_move(&ev));
        let h2 = window_event_listener(leptos::ev::pointerup, move |ev| dnd.pointer_up(&ev));
        let h3 = window_event_listener(leptos::ev::pointercancel, move |ev| {
            if dnd.is_pointer(&ev) {
                dnd.cancel_pointer(true);
            }
        });
        let h4 = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" && dnd.pointer.with_value(Option::is_some) {
                ev.prevent_default();
                dnd.cancel_pointer(true);
            }
        });
        // A long press must not open the context menu or select text.
        let h5 = window_event_listener(leptos::ev::contextmenu, move |ev| {
            if dnd.pointer.with_value(Option::is_some) {
                ev.prevent_default();
            }
        });
        // Once a finger has lifted a card, the board must not scroll under it. Only a
        // non-passive touchmove listener can stop that.
        let touchmove = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let dragging = dnd.pointer.with_value(|p| {
                matches!(
                    p,
                    Some(PointerDrag {
                        phase: Phase::Dragging { .. },
                        ..
                    })
                )
            });
            if dragging {
                ev.prevent_default();
            }
        });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(false);
        let _ = window().add_event_listener_with_callback_and_add_event_listener_options(
            "touchmove",
            touchmove.as_ref().unchecked_ref(),
            &options,
        );
        let touchmove = StoredValue::new_local(touchmove);
        on_cleanup(move || {
            h1.remove();
            h2.remove();
            h3.remove();
            h4.remove();
            h5.remove();
            touchmove.with_value(|cb| {
                let _ = window()
                    .remove_event_listener_with_callback("touchmove", cb.as_ref().unchecked_ref());
            });
            dnd.cancel_pointer(false);
        });
        dnd
    }

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

    /// True if a click on a card should be ignored because it ends a drag: it comes right
    /// after the release, with mouse and touch alike, before any new press.
    pub fn take_swallowed_click(&self) -> bool {
        let ended = self.drag_ended_at.get_value();
        self.drag_ended_at.set_value(0.0);
        js_sys::Date::now() - ended < 600.0
    }

    /// Moves `card` to `target` through the store; says what happened either way. A
    /// refusal comes back with its reason.
    pub fn move_to(&self, card: CardId, target: &Target) -> Result<(), String> {
        let current = self.store.with_board(|b| {
            b.cards.get(&card).map(|c| {
                let index = b
                    .cards_at(&c.placement)
                    .iter()
                    .position(|x| x.id == card)
                    .unwrap_or(0);
                (c.placement.clone(), index)
            })
        });
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

    // ---- Pointer ----

    fn is_pointer(&self, ev: &PointerEvent) -> bool {
        self.pointer
            .with_value(|p| p.as_ref().is_some_and(|p| p.pointer_id == ev.pointer_id()))
    }

    /// A pointer went down on a card (or its handle).
    pub fn pointer_down(&self, ev: &PointerEvent, card: CardId, from_handle: bool) {
        // A new press: the click that ends it is a real one.
        self.drag_ended_at.set_value(0.0);
        if !ev.is_primary() || ev.button() != 0 || self.pointer.with_value(Option::is_some) {
            return;
        }
        if self.keyboard.with_value(Option::is_some) {
            self.cancel_keyboard(false);
        }
        let Some(source) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest("[data-card]").ok().flatten())
            .and_then(|el| el.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        // Typing in a card's editor is not a drag.
        if ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| {
                el.closest("textarea, input, select, .card-editor")
                    .ok()
                    .flatten()
            })
            .is_some()
        {
            return;
        }
        let touch = ev.pointer_type() == "touch";
        let rect = source.get_bounding_client_rect();
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let timer = if touch && !from_handle {
            let dnd = *self;
            let cb = Closure::once_into_js(move || dnd.long_press_elapsed());
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    cb.unchecked_ref(),
                    LONG_PRESS_MS,
                )
                .ok()
        } else {
            None
        };
        if from_handle {
            // The handle does not scroll (touch-action: none), so no press is needed; keep
            // the pointer so the moves come here even outside the window.
            let _ = source.set_pointer_capture(ev.pointer_id());
        }
        self.pointer.set_value(Some(PointerDrag {
            card,
            pointer_id: ev.pointer_id(),
            touch,
            from_handle,
            start: (x, y),
            last: (x, y),
            grab: (x - rect.left(), y - rect.top()),
            source,
            phase: Phase::Pressed { since_timer: timer },
            target: None,
        }));
    }

    fn long_press_elapsed(&self) {
        let ready = self.pointer.with_value(|p| {
            matches!(
                p,
                Some(PointerDrag {
                    phase: Phase::Pressed { .. },
                    ..
                })
            )
        });
        if ready {
            let _ = window().navigator().vibrate_with_duration(15);
            self.lift();
            self.follow();
        }
    }

    fn pointer_move(&self, ev: &PointerEvent) {
        if !self.is_pointer(ev) {
            return;
        }
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        enum Next {
            Nothing,
            Lift,
            Cancel,
            Follow,
        }
        let next = self.pointer.try_update_value(|p| {
            let Some(p) = p.as_mut() else {
                return Next::Nothing;
            };
            p.last = (x, y);
            let moved = (x - p.start.0).hypot(y - p.start.1);
            match p.phase {
                Phase::Pressed { .. } if p.touch && !p.from_handle => {
                    // A finger that moves before the press is long enough is scrolling.
                    if moved > LONG_PRESS_TOLERANCE {
                        Next::Cancel
                    } else {
                        Next::Nothing
                    }
                }
                Phase::Pressed { .. } if moved > DRAG_THRESHOLD => Next::Lift,
                Phase::Pressed { .. } => Next::Nothing,
                Phase::Dragging { .. } => Next::Follow,
            }
        });
        match next {
            Some(Next::Lift) => {
                ev.prevent_default();
                self.lift();
                self.follow();
            }
            Some(Next::Follow) => {
                ev.prevent_default();
                self.follow();
            }
            Some(Next::Cancel) => self.cancel_pointer(false),
            _ => {}
        }
    }

    /// The pressed card becomes a floating copy that follows the pointer.
    fn lift(&self) {
        let lifted = self.pointer.try_update_value(|p| {
            let p = p.as_mut()?;
            if let Phase::Pressed {
                since_timer: Some(t),
            } = p.phase
            {
                window().clear_timeout_with_handle(t);
            }
            let rect = p.source.get_bounding_client_rect();
            let ghost = p
                .source
                .clone_node_with_deep(true)
                .ok()?
                .dyn_into::<HtmlElement>()
                .ok()?;
            ghost.remove_attribute("data-card").ok()?;
            ghost.set_attribute("aria-hidden", "true").ok()?;
            let _ = ghost.class_list().add_1("card-ghost");
            let style = ghost.style();
            let _ = style.set_property("width", &px(rect.width()));
            let _ = style.set_property(
                "transform",
                &format!("translate({}, {})", px(rect.left()), px(rect.top())),
            );
            document().body()?.append_child(&ghost).ok()?;
            let _ = p.source.class_list().add_1("card-lifted");
            let _ = p.source.set_pointer_capture(p.pointer_id);
            p.phase = Phase::Dragging { ghost };
            Some(p.card)
        });
        if let Some(Some(card)) = lifted {
            self.store.moving(Some(card));
            self.announce(self.lifted_text(card));
            self.auto_scroll();
        }
    }

    fn lifted_text(&self, card: CardId) -> String {
        let text = self
            .store
            .card(card)
            .map(|c| c.with_untracked(|c| c.text.to_string()))
            .unwrap_or_default();
        self.i18n.fill(Key::dnd_lifted, &[("text", &text)])
    }

    /// Moves the floating card to the pointer and finds the target under it.
    fn follow(&self) {
        let found = self.pointer.try_update_value(|p| {
            let p = p.as_mut()?;
            let Phase::Dragging { ghost } = &p.phase else {
                return None;
            };
            let (x, y) = p.last;
            let _ = ghost.style().set_property(
                "transform",
                &format!(
                    "translate({}, {}) rotate(1.5deg)",
                    px(x - p.grab.0),
                    px(y - p.grab.1)
                ),
            );
            let target = hit_test(x, y, p.card);
            let changed = target != p.target;
            p.target = target.clone();
            Some((changed, target, p.card))
        });
        if let Some(Some((true, target, card))) = found {
            match &target {
                Some(t) => mark(t, card),
                None => clear_marks(),
            }
        }
    }

    /// While a card is lifted and the pointer is near the window's edge, scrolls the page
    /// (and the grid, where it scrolls sideways), then finds the target again.
    fn auto_scroll(&self) {
        let dnd = *self;
        let frame = Closure::once_into_js(move || {
            let state = dnd.pointer.try_with_value(|p| match p {
                Some(PointerDrag {
                    phase: Phase::Dragging { .. },
                    last,
                    ..
                }) => Some(*last),
                _ => None,
            });
            // Nothing lifted any more, or the board is gone.
            let Some(Some((x, y))) = state else {
                return;
            };
            let w = window();
            let width = w.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
            let height = w
                .inner_height()
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            let speed = |d: f64| ((EDGE - d) / EDGE * 18.0).clamp(0.0, 18.0);
            let dy = if y < EDGE {
                -speed(y)
            } else if y > height - EDGE {
                speed(height - y)
            } else {
                0.0
            };
            let dx = if x < EDGE {
                -speed(x)
            } else if x > width - EDGE {
                speed(width - x)
            } else {
                0.0
            };
            if dx != 0.0 || dy != 0.0 {
                w.scroll_by_with_x_and_y(dx, dy);
                if let Some(grid) = by_selector(".board-layout") {
                    grid.set_scroll_left(grid.scroll_left() + dx as i32);
                }
                dnd.follow();
            }
            dnd.auto_scroll();
        });
        let _ = window().request_animation_frame(frame.unchecked_ref());
    }

    fn pointer_up(&self, ev: &PointerEvent) {
        if !self.is_pointer(ev) {
            return;
        }
        let Some(p) = self.pointer.try_update_value(Option::take).flatten() else {
            return;
        };
        let dragged = matches!(p.phase, Phase::Dragging { .. });
        cleanup(&p);
        if !dragged {
            return;
        }
        self.store.moving(None);
        self.drag_ended_at.set_value(js_sys::Date::now());
        match p.target {
            Some(target) => {
                let _ = self.move_to(p.card, &target);
            }
            None => self.announce(self.t(Key::dnd_cancelled_outside).to_string()),
        }
    }

    fn cancel_pointer(&self, say: bool) {
        if let Some(p) = self.pointer.try_update_value(Option::take).flatten() {
            let dragged = matches!(p.phase, Phase::Dragging { .. });
            cleanup(&p);
            if dragged {
                self.store.moving(None);
                self.drag_ended_at.set_value(js_sys::Date::now());
            }
            if dragged && say {
                self.announce(self.t(Key::dnd_cancelled).to_string());
            }
        }
    }

    // ---- Keyboard ----

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

    fn cancel_keyboard(&self, say: bool) {
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

    fn current_target(&self, card: CardId) -> Option<Target> {
        self.store.with_board(|b| {
            let c = b.cards.get(&card)?;
            let index = b.cards_at(&c.placement).iter().position(|x| x.id == card)?;
            Some(Target {
                placement: c.placement.clone(),
                index,
            })
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

/// The cells and zones on the screen, in rows as the eye sees them: the zones above the
/// grid, each theme row, the zones below. Hidden rows, and what focus mode leaves out,
/// are not on the page and so not here.
fn rows_on_page() -> Vec<Vec<Placement>> {
    let mut rows: Vec<Vec<Placement>> = Vec::new();
    let mut last_theme: Option<SlotId> = None;
    let Ok(list) = document().query_selector_all("[data-place]") else {
        return rows;
    };
    for i in 0..list.length() {
        let Some(p) = list
            .item(i)
            .and_then(|n| n.dyn_into::<Element>().ok())
            .and_then(|el| el.get_attribute("data-place"))
            .and_then(|s| parse_place(&s))
        else {
            continue;
        };
        match &p {
            Placement::Cell { theme, .. } => {
                if last_theme.as_ref() != Some(theme) {
                    rows.push(Vec::new());
                    last_theme = Some(theme.clone());
                }
            }
            Placement::Zone { .. } => {
                let new_row = match rows.last() {
                    None => true,
                    Some(_) if last_theme.is_some() => true,
                    Some(_) => false,
                };
                if new_row {
                    rows.push(Vec::new());
                    last_theme = None;
                }
            }
        }
        if let Some(row) = rows.last_mut() {
            row.push(p);
        }
    }
    rows
}

/// The positions a card can take in a cell, as indices among the other cards there
/// (leaving out `moving`): before each card the user can see, and after the last one.
/// Cards a filter hides are skipped, so every step moves past something visible.
fn slots(placement: &Placement, moving: CardId) -> Vec<usize> {
    let Some(cell) = by_selector(&format!("[data-place=\"{}\"]", place_key(placement))) else {
        return vec![0];
    };
    let mut slots = Vec::new();
    let mut end = 0;
    for (i, el) in cards_in(&cell, moving).iter().enumerate() {
        if !el.class_list().contains("card-hidden") {
            slots.push(i);
            end = i + 1;
        }
    }
    slots.push(end);
    slots
}

/// A CSS length in whole pixels (formatting floats would pull float printing into the
/// bundle for nothing: a pixel is as fine as a drag needs).
fn px(v: f64) -> String {
    format!("{}px", v.round() as i64)
}

/// The cell and insertion index under a point.
fn hit_test(x: f64, y: f64, moving: CardId) -> Option<Target> {
    let el = document().element_from_point(x as f32, y as f32)?;
    let cell = el.closest("[data-place]").ok()??;
    let placement = parse_place(&cell.get_attribute("data-place")?)?;
    let index = cards_in(&cell, moving)
        .iter()
        .position(|c| {
            let r = c.get_bounding_client_rect();
            y < r.top() + r.height() / 2.0
        })
        .unwrap_or_else(|| cards_in(&cell, moving).len());
    Some(Target { placement, index })
}

/// Removes the floating copy and every mark of a drag.
fn cleanup(p: &PointerDrag) {
    match &p.phase {
        Phase::Pressed {
            since_timer: Some(t),
        } => window().clear_timeout_with_handle(*t),
        Phase::Pressed { .. } => {}
        Phase::Dragging { ghost } => ghost.remove(),
    }
    let _ = p.source.class_list().remove_1("card-lifted");
    if p.source.has_pointer_capture(p.pointer_id) {
        let _ = p.source.release_pointer_capture(p.pointer_id);
    }
    clear_marks();
}

/// Gives the focus back to a card's handle once the moved card is drawn in its new place.
pub fn refocus_handle(card: CardId) {
    request_animation_frame(move || {
        if let Some(el) = by_selector(&format!("[data-card=\"{card}\"] .card-handle"))
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placements_survive_the_data_attribute() {
        for p in [
            Placement::cell("okonomi", "na").unwrap(),
            Placement::zone("drommer").unwrap(),
        ] {
            assert_eq!(parse_place(&place_key(&p)), Some(p));
        }
        assert_eq!(parse_place("cell:OKONOMI:na"), None);
        assert_eq!(parse_place("zone:a:b"), None);
    }
}
