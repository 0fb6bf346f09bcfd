//! The bar at the top of every page: home, the signed-in person, and the language switch.

use leptos::prelude::*;
use model::Lang;

use crate::{
    api,
    i18n::{Key, use_i18n},
    router::{Link, Route, use_router},
    state::use_session,
};

/// The site header.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let router = use_router();
    let sign_out = move |_| {
        let lang = i18n.lang_untracked();
        leptos::task::spawn_local(async move {
            // Signed out on the server first; if that fails the session stays visible.
            if api::logout(lang).await.is_ok() {
                session.me.set(None);
                router.navigate(Route::Login);
            }
        });
    };
    let signed_in = move || session.me.with(Option::is_some);
    view! {
        <header class="site-header">
            <Link to=Route::Boards class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                <span class="brand-name">{i18n.tr(Key::app_name)}</span>
            </Link>
            <nav aria-label=i18n.tr(Key::app_name)>
                <Show when=signed_in>
                    <Link to=Route::Boards>{i18n.tr(Key::nav_my_plans)}</Link>
                    <Show when=move || session.is_staff()>
                        <Link to=Route::Tasks>{i18n.tr(Key::nav_tasks)}</Link>
                        <Link to=Route::Profile>{i18n.tr(Key::nav_profile)}</Link>
                    </Show>
                    <Show when=move || session.is_admin()>
                        <Link to=Route::AdminAccounts>{i18n.tr(Key::admin_title)}</Link>
                    </Show>
                    <Link to=Route::Account class="nav-me">
                        {move || session.me.with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default())}
                    </Link>
                    <button type="button" class="button button-quiet" on:click=sign_out>
                        {i18n.tr(Key::nav_sign_out)}
                    </button>
                </Show>
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
