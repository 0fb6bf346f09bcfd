//! The "+" of a cell or zone, and the box that appears to write a new card.

use leptos::prelude::*;
use model::{Operation, Placement};

use crate::{
    components::{card_editor::CardEditor, focus_after_render},
    i18n::{Key, use_i18n},
    random,
    state::BoardStore,
};

/// Adds cards at the end of `placement`. After a card is saved the box stays open and
/// empty, so that a meeting can note several things in a row.
#[component]
pub fn AddCard(
    /// The board the new cards are added to.
    store: BoardStore,
    /// The cell or side zone the new cards go in, each at the end of its list.
    placement: Placement,
    /// Where, in words ("Økonomi, Det vi skal gjøre nå"), for the button's accessible name.
    #[prop(into)]
    place: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let button: NodeRef<leptos::html::Button> = NodeRef::new();

    let close = move || {
        open.set(false);
        text.set(String::new());
        // The "+" button is rendered anew; give it the focus once it is on the page, so
        // keyboard users stay where they were.
        focus_after_render(button);
    };
    let to_op = Callback::new(move |value: String| Operation::CreateCard {
        card_id: random::card_id(),
        placement: placement.clone(),
        order: store.key_for_end(&placement).to_string(),
        text: value,
    });
    view! {
        <Show
            when=move || open.get()
            fallback=move || {
                view! {
                    <button
                        type="button"
                        class="add-card"
                        node_ref=button
                        aria-label=move || {
                            i18n.fill(Key::board_add_card_in, &[("place", &place.get())])
                        }
                        on:click=move |_| open.set(true)
                    >
                        <span aria-hidden="true">"+"</span>
                        <span class="add-card-text">{i18n.tr(Key::board_add_card)}</span>
                    </button>
                }
            }
        >
            // Stays open and empty after a save, for the next card.
            <CardEditor
                store=store
                text=text
                to_op=to_op
                on_saved=Callback::new(move |()| text.set(String::new()))
                on_cancel=Callback::new(move |()| close())
            />
        </Show>
    }
}
