//! The text box for writing a card, used both to add and to edit.

use leptos::{ev, prelude::*};

use crate::{components::error_notice::ErrorNotice, components::unique_id, i18n::*};

/// A small form: the card's text, Save and Cancel. Enter saves, Shift+Enter breaks the line,
/// Escape cancels. The parent does the saving and reports back through `pending` and
/// `error`; the text stays so a refused card can be corrected.
#[component]
pub fn CardEditor(
    /// The text to start from.
    text: RwSignal<String>,
    /// True while the parent saves.
    #[prop(into)]
    pending: Signal<bool>,
    /// The last error, shown under the box.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Called with the text when the user saves.
    on_save: Callback<String>,
    /// Called when the user cancels.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let hint_id = unique_id("card-hint");
    let error_id = unique_id("card-error");
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let save = move || {
        if !pending.get_untracked() {
            on_save.run(text.get_untracked());
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
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if error.with(Option::is_some) {
                format!("{error_id} {hint_id}")
            } else {
                hint_id.clone()
            }
        }
    };
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
                    maxlength="500"
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
                <button type="submit" class="button button-primary" disabled=move || pending.get()>
                    {move || {
                        if pending.get() {
                            i18n.t(Key::board_saving).to_string()
                        } else {
                            i18n.t(Key::board_save).to_string()
                        }
                    }}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| on_cancel.run(())>
                    {i18n.tr(Key::board_cancel)}
                </button>
            </div>
        </form>
    }
}
