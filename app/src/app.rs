//! The root component of the whole app (staff, administration, and the full board for
//! everyone): language, session, routes and the page frame. Each page is drawn from its
//! own module, fetched on first use (`lazy.rs`), so a first visit downloads the frame and
//! the page it opens. The citizen's pages are in their own, much smaller bundle
//! (`citizen_app.rs`); links to them load that bundle.

use leptos::prelude::*;

use crate::{
    chunk::chunk,
    components::page_shell::PageShell,
    i18n::{I18n, Key},
    lazy,
    pages::not_found::NotFound,
    router::{Preloader, Route, Router},
    state::Session,
};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    let router = Router::provide();
    provide_context(Preloader(lazy::preload));
    let session = Session::provide();
    let page = move || {
        let route = router.route();
        if !session.checked.get() {
            return view! { <p class="page" aria-busy="true">{i18n.tr(Key::session_checking)}</p> }
                .into_any();
        }
        let me = session.me.get();
        // A page that needs a session shows the sign-in form in its place, so that the
        // person lands where they were going; a temporary password is changed first.
        match (route, me) {
            // Pages of the citizen's bundle: the server sends that bundle for them, and
            // links to them load it, so this is only seen if the server has no such build.
            (route @ (Route::Citizen(..) | Route::Glossary | Route::Invitation), _) => {
                view! { <OtherBundle href=route.href() /> }.into_any()
            }
            (Route::Login, _) => chunk(lazy::login).into_any(),
            (Route::NotFound, _) => view! { <NotFound /> }.into_any(),
            (_, None) => chunk(lazy::login).into_any(),
            (_, Some(me)) if me.must_change_password => chunk(lazy::account).into_any(),
            // A citizen's home is their plan, in their bundle (the server picks it by session).
            (Route::Boards, Some(me)) if me.kind != model::AccountKind::Staff => {
                view! { <OtherBundle href="/".to_owned() /> }.into_any()
            }
            (Route::Boards, _) => chunk(lazy::board_list).into_any(),
            (Route::Board(id), _) => chunk(move || lazy::board_page(id)).into_any(),
            (Route::Minutes(id, n, r), _) => chunk(move || lazy::minutes(id, n, r)).into_any(),
            (Route::History(id, card), _) => chunk(move || lazy::history(id, card)).into_any(),
            (Route::BoardAt(id, v), _) => chunk(move || lazy::board_at(id, v)).into_any(),
            (Route::Tasks, _) => chunk(lazy::tasks).into_any(),
            (Route::Profile, _) => chunk(lazy::profile).into_any(),
            (Route::Account, _) => chunk(lazy::account).into_any(),
            (Route::AdminAccounts, _) => chunk(lazy::admin_accounts).into_any(),
            (Route::AdminAudit, _) => chunk(lazy::admin_audit).into_any(),
        }
    };
    view! {
        // On a board the duk is what people came for: its skip link comes first.
        <Show when=move || matches!(router.route(), Route::Board(_))>
            <a class="skip-link" href="#duk">
                {i18n.tr(Key::skip_to_duk)}
            </a>
        </Show>
        <PageShell>{page}</PageShell>
    }
}

/// A page this bundle does not have: a plain link, which loads the page from the server.
#[component]
fn OtherBundle(href: String) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    view! {
        <p class="page">
            <a href=href>{i18n.tr(Key::open_page)}</a>
        </p>
    }
}
