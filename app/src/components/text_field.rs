//! A labelled one-line input bound to a signal: the field every form here is made of.

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// `<label>` with the text of `label` and an input of type `kind` whose value is `value`.
#[component]
pub fn TextField(
    /// The label's text.
    label: Key,
    /// The value, kept in step with what is typed.
    value: RwSignal<String>,
    /// The input type: `text`, `date`, `tel`, `email`.
    #[prop(default = "text")]
    kind: &'static str,
    /// The `autocomplete` hint, if any.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// An extra class on the field.
    #[prop(optional)]
    class: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let class = match class {
        Some(c) => format!("field {c}"),
        None => "field".to_owned(),
    };
    view! {
        <label class=class>
            <span class="field-label">{i18n.tr(label)}</span>
            <input
                type=kind
                autocomplete=autocomplete
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}
