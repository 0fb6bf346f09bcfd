//! The root component: language, routes and the page frame.

use leptos::prelude::*;

use crate::{
    components::site_header::SiteHeader,
    i18n::{I18n, Key},
    pages::{board_list::BoardList, board_page::BoardPage, not_found::NotFound},
    router::{Route, Router},
};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    let router = Router::provide();
    let page = move || match router.route() {
        Route::Boards => view! { <BoardList /> }.into_any(),
        Route::Board(id) => view! { <BoardPage id=id /> }.into_any(),
        Route::NotFound => view! { <NotFound /> }.into_any(),
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
