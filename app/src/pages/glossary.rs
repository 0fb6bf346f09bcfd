//! `/ordliste`: the few words in the plan a citizen may not know, in plain language
//! (002:64).

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

const WORDS: [(Key, Key); 10] = [
    (Key::glossary_term_plan, Key::glossary_def_plan),
    (Key::glossary_term_frist, Key::glossary_def_frist),
    (
        Key::glossary_term_kontaktperson,
        Key::glossary_def_kontaktperson,
    ),
    (
        Key::glossary_term_stedfortreder,
        Key::glossary_def_stedfortreder,
    ),
    (
        Key::glossary_term_investeringsleder,
        Key::glossary_def_investeringsleder,
    ),
    (Key::glossary_term_vedtak, Key::glossary_def_vedtak),
    (Key::glossary_term_referat, Key::glossary_def_referat),
    (Key::glossary_term_samtykke, Key::glossary_def_samtykke),
    (
        Key::glossary_term_stotteperson,
        Key::glossary_def_stotteperson,
    ),
    (Key::glossary_term_tolk, Key::glossary_def_tolk),
];

/// The glossary.
#[component]
pub fn Glossary() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| document().set_title(&format!("{} – Duk", i18n.t(Key::glossary_title))));
    view! {
        <div class="page narrow glossary">
            <h1>{i18n.tr(Key::glossary_title)}</h1>
            <dl>
                {WORDS
                    .into_iter()
                    .map(|(term, def)| {
                        view! {
                            <dt>{i18n.tr(term)}</dt>
                            <dd>{i18n.tr(def)}</dd>
                        }
                    })
                    .collect_view()}
            </dl>
            <p>
                <button type="button" class="button" on:click=move |_| {
                    let _ = window().history().and_then(|h| h.back());
                }>
                    {i18n.tr(Key::glossary_back)}
                </button>
            </p>
        </div>
    }
}
