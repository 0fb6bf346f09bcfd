//! The buttons under a form in a dialog: the main action, and Cancel.

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// A submit button labelled `submit` and a Cancel button that runs `on_cancel`.
#[component]
pub fn FormActions(
    /// The label of the submit button.
    submit: Key,
    /// Called when the Cancel button is pressed.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="modal-actions">
            <button type="submit" class="button button-primary">
                {i18n.tr(submit)}
            </button>
            <button type="button" class="button button-quiet" on:click=move |_| on_cancel.run(())>
                {i18n.tr(Key::board_cancel)}
            </button>
        </div>
    }
}
