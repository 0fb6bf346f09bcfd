//! The root component: language, session, routes and the page frame.

use leptos::prelude::*;

use crate::{
    components::site_header::SiteHeader,
    i18n::{I18n, Key},
    pages::{
        account::Account,
        admin::{AdminAccounts, AdminAudit},
        board_list::BoardList,
        board_page::BoardPage,
        invitation::Invitation,
        login::Login,
        not_found::NotFound,
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
            (Route::Login, _) => view! { <Login /> }.into_any(),
            (Route::Invitation, _) => view! { <Invitation /> }.into_any(),
            (Route::NotFound, _) => view! { <NotFound /> }.into_any(),
            (_, None) => view! { <Login /> }.into_any(),
            (_, Some(me)) if me.must_change_password => view! { <Account /> }.into_any(),
            (Route::Boards, _) => view! { <BoardList /> }.into_any(),
            (Route::Board(id), _) => {
                let id = *id;
                view! { <BoardPage id=id /> }.into_any()
            }
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
