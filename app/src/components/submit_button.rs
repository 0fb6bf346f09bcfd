//! The main button of a form, which says so while the form is being sent.

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// A submit button labelled `label`, or `busy` (and disabled) while `pending`.
#[component]
pub fn SubmitButton(
    /// The button's label while nothing is pending.
    label: Key,
    /// The button's label while the form's request is pending.
    busy: Key,
    /// Whether the form's request is pending; the button is then disabled.
    #[prop(into)]
    pending: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        // `try_get`: the form's page may be replaced by the answer it waits for.
        <button
            type="submit"
            class="button button-primary"
            disabled=move || pending.try_get().unwrap_or(false)
        >
            {move || i18n.t(if pending.try_get().unwrap_or(false) { busy } else { label })}
        </button>
    }
}
