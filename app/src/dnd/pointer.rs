//! Dragging a card with a pointer (mouse, touch, pen): the press, the lift into a floating
//! copy that follows the pointer, scrolling at the window's edge, and the drop or cancel.
//! The window's listeners for the moves and releases of a drag are set up here too.

use leptos::prelude::*;
use model::CardId;
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{Element, HtmlElement, PointerEvent};

use super::{
    Dnd, Target,
    dom::{by_selector, clear_marks, hit_test, mark},
};
use crate::i18n::Key;

/// How far (px) a mouse or pen moves before a press becomes a drag.
const DRAG_THRESHOLD: f64 = 4.0;
/// How long (ms) a finger rests on a card before it lifts.
const LONG_PRESS_MS: i32 = 250;
/// How far (px) a finger may move during the press and still lift the card.
const LONG_PRESS_TOLERANCE: f64 = 8.0;
/// How close (px) to the window's edge the board starts to scroll during a drag.
const EDGE: f64 = 48.0;

/// How far a pointer on a card has got.
#[derive(Debug)]
enum Phase {
    /// A button is down on a card; not a drag yet.
    Pressed { since_timer: Option<i32> },
    /// The card is lifted and follows the pointer.
    Dragging { ghost: HtmlElement },
}

/// One pointer's press on a card, and the drag it may become.
#[derive(Debug)]
pub(super) struct PointerDrag {
    /// The card pressed.
    card: CardId,
    /// The pointer pressing it.
    pointer_id: i32,
    /// Whether the pointer is a finger.
    touch: bool,
    /// Whether the press began on the card's handle.
    from_handle: bool,
    /// Where the press began (client px).
    start: (f64, f64),
    /// Where the pointer was last (client px).
    last: (f64, f64),
    /// Where in the card it was grabbed, from its top left corner (px).
    grab: (f64, f64),
    /// The card's element on the board.
    source: HtmlElement,
    /// Pressed or dragging.
    phase: Phase,
    /// Where the card would land if dropped now.
    target: Option<Target>,
}

/// A CSS length in whole pixels (formatting floats would pull float printing into the
/// bundle for nothing: a pixel is as fine as a drag needs).
fn px(v: f64) -> String {
    format!("{}px", v.round() as i64)
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

impl Dnd {
    /// Listens on the window for the moves and releases of a drag, for Escape, and against
    /// the context menu and scrolling during one; removed again with the board, which also
    /// drops any drag under way.
    pub(super) fn listen(&self) {
        let dnd = *self;
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
    }

    /// Whether an event comes from the pointer of the press or drag under way.
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

    /// A finger has rested long enough on a card: it lifts, if it is still pressing.
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

    /// The pointer moved: a press becomes a drag (or, for a finger, a scroll), a drag
    /// follows.
    fn pointer_move(&self, ev: &PointerEvent) {
        if !self.is_pointer(ev) {
            return;
        }
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        /// What the move leads to.
        enum Next {
            /// Nothing yet.
            Nothing,
            /// The pressed card lifts.
            Lift,
            /// The press is given up.
            Cancel,
            /// The lifted card follows.
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

    /// The pointer was released: a drag drops its card on the target, or is cancelled
    /// outside any cell; a press without a drag just ends.
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

    /// Ends a press or drag without a move; says so if a card was lifted and `say`.
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
}
