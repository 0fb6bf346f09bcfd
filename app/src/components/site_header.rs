//! The bar at the top of every page: home, the signed-in person, and the language switch.
//! On a phone it is one line (the logo, the page's name, "Meny"), and the rest unfolds
//! under it, so that the page, not the chrome, owns the first screen.

use leptos::prelude::*;
use model::Lang;

use crate::{
    api,
    i18n::{Key, use_i18n},
    router::{Link, Route, use_router},
    state::use_session,
};

/// The name of the page a route shows, for the phone's header line.
#[cfg(not(feature = "citizen-bundle"))]
fn page_name(route: &Route) -> Key {
    match route {
        Route::Boards => Key::nav_my_plans,
        Route::Board(_) => Key::page_board,
        Route::Minutes(..) => Key::page_minutes,
        Route::History(..) => Key::history_title,
        Route::BoardAt(..) => Key::page_board_at,
        Route::Tasks => Key::tasks_title,
        Route::Login => Key::login_title,
        Route::Invitation => Key::invite_title,
        Route::Account => Key::account_title,
        Route::AdminAccounts => Key::admin_title,
        Route::AdminAudit => Key::admin_audit,
        Route::Citizen(..) => Key::citizen_title,
        Route::Profile => Key::profile_title,
        Route::Glossary => Key::glossary_title,
        Route::NotFound => Key::not_found_title,
    }
}

/// The citizen's bundle draws only her pages; the others are links to the staff bundle.
#[cfg(feature = "citizen-bundle")]
fn page_name(route: &Route) -> Key {
    match route {
        Route::Invitation => Key::invite_title,
        Route::Glossary => Key::glossary_title,
        Route::NotFound => Key::not_found_title,
        _ => Key::citizen_title,
    }
}

/// Staff's own pages. The citizen's bundle leaves them out: staff who look at a plan as
/// the citizen sees it go back by "Mine planer".
#[cfg(not(feature = "citizen-bundle"))]
fn staff_links() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Show when=move || session.is_staff()>
            <Link to=Route::Tasks>{i18n.tr(Key::nav_tasks)}</Link>
            <Link to=Route::Profile>{i18n.tr(Key::nav_profile)}</Link>
        </Show>
        <Show when=move || session.is_admin()>
            <Link to=Route::AdminAccounts>{i18n.tr(Key::admin_title)}</Link>
        </Show>
    }
}

#[cfg(feature = "citizen-bundle")]
fn staff_links() {}

/// The site header.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let router = use_router();
    // The menu's state on a phone; wider screens show it all in one row regardless.
    let open = RwSignal::new(false);
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
        <header
            class="site-header"
            class:menu-open=move || open.get()
            on:keydown=move |ev| {
                if ev.key() == "Escape" && open.get_untracked() {
                    open.set(false);
                    crate::router::focus_element("menu-button");
                }
            }
        >
            <Link to=Route::Boards class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                <span class="brand-name">{i18n.tr(Key::app_name)}</span>
            </Link>
            // The page's own heading names it for screen readers; this is for the eye.
            <span class="header-page" aria-hidden="true">
                {move || i18n.t(page_name(&router.route()))}
            </span>
            <button
                type="button"
                id="menu-button"
                class="button button-quiet menu-button"
                aria-controls="site-menu"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {i18n.tr(Key::nav_menu)}
            </button>
            // A choice made in the menu (a link, the language) folds it away again.
            <div id="site-menu" class="site-menu" on:click=move |_| open.set(false)>
                <nav aria-label=i18n.tr(Key::app_name)>
                    <Show when=signed_in>
                        <Link to=Route::Boards>{i18n.tr(Key::nav_my_plans)}</Link>
                        {staff_links()}
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
                    // The page stays: the menu stays open, with focus on this button.
                    on:click=move |ev| {
                        ev.stop_propagation();
                        i18n.switch()
                    }
                >
                    {i18n.tr(Key::switch_language)}
                </button>
            </div>
        </header>
    }
}
