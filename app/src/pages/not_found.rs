//! Any path the app does not know.

use leptos::prelude::*;

use crate::{
    i18n::{Key, use_i18n},
    router::{Link, Route},
};

/// The "not found" page.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="page narrow">
            <h1>{i18n.tr(Key::not_found_title)}</h1>
            <p>{i18n.tr(Key::not_found_text)}</p>
            <p>
                <Link to=Route::Boards>{i18n.tr(Key::board_back)}</Link>
            </p>
        </div>
    }
}
