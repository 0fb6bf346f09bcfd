//! The root component of the whole app (staff, administration, and the full board for
//! everyone): language, session, routes and the page frame. The citizen's pages are in
//! their own, much smaller bundle (`citizen_app.rs`); links to them load that bundle.

use leptos::prelude::*;

use crate::{
    components::site_header::SiteHeader,
    i18n::{I18n, Key},
    pages::{
        account::Account,
        admin::{AdminAccounts, AdminAudit},
        board_at::BoardAtView,
        board_list::BoardList,
        board_page::BoardPage,
        history::HistoryView,
        login::Login,
        minutes::MinutesView,
        not_found::NotFound,
        profile::Profile,
        tasks::TasksView,
    },
    router::{Route, Router},
    state::Session,
};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    let router = Router::provide();
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
        match (&route, me) {
            // Pages of the citizen's bundle: the server sends that bundle for them, and
            // links to them load it, so this is only seen if the server has no such build.
            (Route::Citizen(..) | Route::Glossary | Route::Invitation, _) => {
                view! { <OtherBundle href=route.href() /> }.into_any()
            }
            (Route::Login, _) => view! { <Login /> }.into_any(),
            (Route::NotFound, _) => view! { <NotFound /> }.into_any(),
            (_, None) => view! { <Login /> }.into_any(),
            (_, Some(me)) if me.must_change_password => view! { <Account /> }.into_any(),
            // A citizen's home is their plan, in their bundle (the server picks it by session).
            (Route::Boards, Some(me)) if me.kind != model::AccountKind::Staff => {
                view! { <OtherBundle href="/".to_owned() /> }.into_any()
            }
            (Route::Boards, _) => view! { <BoardList /> }.into_any(),
            (Route::Board(id), _) => {
                let id = *id;
                view! { <BoardPage id=id /> }.into_any()
            }
            (Route::Minutes(id, n, r), _) => {
                let (id, n, r) = (*id, *n, *r);
                view! { <MinutesView id=id number=n revision=r /> }.into_any()
            }
            (Route::History(id, card), _) => {
                let (id, card) = (*id, *card);
                view! { <HistoryView id=id card=card /> }.into_any()
            }
            (Route::BoardAt(id, v), _) => {
                let (id, v) = (*id, *v);
                view! { <BoardAtView id=id version=v /> }.into_any()
            }
            (Route::Tasks, _) => view! { <TasksView /> }.into_any(),
            (Route::Profile, _) => view! { <Profile /> }.into_any(),
            (Route::Account, _) => view! { <Account /> }.into_any(),
            (Route::AdminAccounts, _) => view! { <AdminAccounts /> }.into_any(),
            (Route::AdminAudit, _) => view! { <AdminAudit /> }.into_any(),
        }
    };
    view! {
        <a class="skip-link" href="#main">
            {i18n.tr(Key::skip_to_content)}
        </a>
        <SiteHeader />
        <main id="main" tabindex="-1">
            {page}
        </main>
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
