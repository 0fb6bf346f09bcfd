//! The header of the duk, as on the paper: Planen til, and the two horizons.

use leptos::prelude::*;

use crate::{
    format,
    i18n::{Key, use_i18n},
    state::BoardStore,
};

/// Title and header fields of the board.
#[component]
pub fn BoardHeader(store: BoardStore) -> impl IntoView {
    let i18n = use_i18n();
    let date = move |d: Option<model::IsoDate>| match d {
        Some(d) => format::date(d, i18n.lang()),
        None => i18n.t(Key::board_no_date).to_string(),
    };
    view! {
        <header class="board-header">
            <h1>{move || store.header.with(|h| h.title.clone())}</h1>
            <dl class="board-facts">
                <div>
                    <dt>{i18n.tr(Key::board_plan_for)}</dt>
                    <dd>{move || store.header.with(|h| h.citizen_name.clone())}</dd>
                </div>
                <div>
                    <dt>{i18n.tr(Key::board_short_term_by)}</dt>
                    <dd>{move || date(store.header.with(|h| h.short_term_by))}</dd>
                </div>
                <div>
                    <dt>{i18n.tr(Key::board_long_term_by)}</dt>
                    <dd>{move || date(store.header.with(|h| h.long_term_by))}</dd>
                </div>
            </dl>
        </header>
    }
}
