//! The "+" of a cell or zone, and the box that appears to write a new card.

use leptos::prelude::*;
use model::{Operation, Placement};

use crate::{
    components::{card_editor::CardEditor, error_notice::error_text},
    i18n::{Key, use_i18n},
    random,
    state::BoardStore,
};

/// Adds cards at the end of `placement`. After a card is saved the box stays open and
/// empty, so that a meeting can note several things in a row.
#[component]
pub fn AddCard(
    store: BoardStore,
    placement: Placement,
    /// Where, in words ("Økonomi, Det vi skal gjøre nå"), for the button's accessible name.
    #[prop(into)]
    place: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let button: NodeRef<leptos::html::Button> = NodeRef::new();

    let close = move || {
        open.set(false);
        error.set(None);
        text.set(String::new());
        // The "+" button is rendered anew; give it the focus once it is on the page, so
        // keyboard users stay where they were.
        request_animation_frame(move || {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        });
    };
    let on_save = {
        let placement = placement.clone();
        Callback::new(move |value: String| {
            let op = Operation::CreateCard {
                card_id: random::card_id(),
                placement: placement.clone(),
                order: store.key_for_end(&placement).to_string(),
                text: value,
            };
            let lang = i18n.lang();
            pending.set(true);
            leptos::task::spawn_local(async move {
                match store.send(op, lang).await {
                    Ok(_) => {
                        text.set(String::new());
                        error.set(None);
                    }
                    Err(e) => error.set(Some(error_text(i18n, &e))),
                }
                pending.set(false);
            });
        })
    };

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
            <CardEditor
                text=text
                pending=pending
                error=error
                on_save=on_save
                on_cancel=Callback::new(move |()| close())
            />
        </Show>
    }
}
