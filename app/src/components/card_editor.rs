//! The text box for writing a card, used both to add and to edit.

use leptos::{ev, prelude::*};
use model::Operation;

use crate::{
    components::{described_by, error_notice::ErrorNotice, unique_id},
    i18n::{Key, use_i18n},
    state::BoardStore,
};

/// A small form: the card's text, Save and Cancel. Enter saves, Shift+Enter breaks the line,
/// Escape cancels. Saving applies the operation `to_op` makes of the text at once; if the
/// model refuses it (empty, too long…), the message, the same the server would give, shows
/// under the box and the text stays so it can be corrected.
#[component]
pub fn CardEditor(
    /// The board the operation is applied to, checked against the version seen on opening.
    store: BoardStore,
    /// The text in the box (the caller sets where it starts).
    text: RwSignal<String>,
    /// Makes the operation to send from the text.
    to_op: Callback<String, Operation>,
    /// Called once the operation is applied.
    on_saved: Callback<()>,
    /// Called when the user cancels.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    let input: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let hint_id = unique_id("card-hint");
    // The version the user saw when the box opened: what their words are based on.
    let seen = store.version.get_untracked();
    let error_id = unique_id("card-error");
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let save = move || {
        let op = to_op.run(text.get_untracked());
        match store.apply_seen(op, seen, i18n.lang_untracked()) {
            Ok(()) => {
                error.set(None);
                on_saved.run(());
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let on_keydown = move |ev: ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" if !ev.shift_key() && !ev.is_composing() => {
            ev.prevent_default();
            save();
        }
        "Escape" => {
            ev.prevent_default();
            on_cancel.run(());
        }
        _ => {}
    };
    let described_by = described_by(hint_id.clone(), error_id.clone(), error);
    view! {
        <form
            class="card-editor"
            on:submit=move |ev: ev::SubmitEvent| {
                ev.prevent_default();
                save();
            }
        >
            <label class="visually-hidden-label">
                <span class="visually-hidden">{i18n.tr(Key::board_card_text_label)}</span>
                <textarea
                    node_ref=input
                    rows="3"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:keydown=on_keydown
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=described_by
                ></textarea>
            </label>
            <p class="visually-hidden" id=hint_id>
                {i18n.tr(Key::board_card_text_hint)}
            </p>
            <ErrorNotice message=error id=error_id />
            <div class="card-editor-actions">
                <button type="submit" class="button">
                    {i18n.tr(Key::board_save)}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| on_cancel.run(())>
                    {i18n.tr(Key::board_cancel)}
                </button>
            </div>
        </form>
    }
}
