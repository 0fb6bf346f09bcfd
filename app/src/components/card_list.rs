//! The cards of one cell or zone, in order, and the button to add one.

use leptos::prelude::*;
use model::{Action, Placement};

use crate::{
    components::{add_card::AddCard, card_view::CardView},
    state::{BoardStore, BoardUi},
};

/// The cards at `placement`. Re-renders only when this list changes.
#[component]
pub fn CardList(
    /// The board whose cards are listed and to which new ones are added.
    store: BoardStore,
    /// The cell or side zone whose cards are listed, and where the "+" adds new ones.
    placement: Placement,
    /// Where, in words, for accessible names.
    #[prop(into)]
    place: Signal<String>,
) -> impl IntoView {
    let ui = expect_context::<BoardUi>();
    let ids = {
        let placement = placement.clone();
        Memo::new(move |_| store.card_ids_at(&placement))
    };
    view! {
        <ul class="card-list" aria-label=move || place.get()>
            <For each=move || ids.get() key=|id| *id let:id>
                <CardView store=store id=id />
            </For>
        </ul>
        <Show when=move || ui.offers(Action::AddCards, store)>
            <AddCard store=store placement=placement.clone() place=place />
        </Show>
    }
}
