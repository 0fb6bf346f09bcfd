//! The bar at the top of every page: home, and the language switch.

use leptos::prelude::*;
use model::Lang;

use crate::{
    i18n::{Key, use_i18n},
    router::{Link, Route},
};

/// The site header.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="site-header">
            <Link to=Route::Boards class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                <span class="brand-name">{i18n.tr(Key::app_name)}</span>
            </Link>
            <nav aria-label=i18n.tr(Key::app_name)>
                <Link to=Route::Boards>{i18n.tr(Key::nav_my_plans)}</Link>
            </nav>
            <button
                type="button"
                class="button button-quiet lang-switch"
                aria-label=i18n.tr(Key::switch_language_label)
                // The button is labelled in the language it switches to.
                lang=move || if i18n.lang() == Lang::Nb { "en" } else { "nb" }
                on:click=move |_| i18n.switch()
            >
                {i18n.tr(Key::switch_language)}
            </button>
        </header>
    }
}
