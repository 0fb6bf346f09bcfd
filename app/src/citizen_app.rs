//! The root of the citizen's bundle (built with the `citizen-bundle` feature): only what a
//! citizen or støtteperson opens on their phone, so that the first visit on an old phone
//! on a slow network downloads a fraction of the staff app (SPEC §10). Its entry draws
//! her first screen; Min plan, Ring meg, the glossary and the invitation page are modules
//! fetched on first use (`lazy.rs`). The server sends
//! this bundle for `/plan/…`, `/invitasjon`, `/ordliste`, and for `/` to a signed-in
//! citizen; a link to any other page loads the full app (`Router::navigate`).

use leptos::prelude::*;

use crate::{
    chunk::chunk,
    components::{error_notice::ErrorNotice, page_shell::PageShell},
    i18n::{I18n, Key, use_i18n},
    lazy,
    pages::citizen::{CitizenHome, CitizenPage},
    router::{CitizenTab, Preloader, Route, Router},
    state::Session,
};

/// The citizen's app.
#[component]
pub fn CitizenApp() -> impl IntoView {
    let i18n = I18n::provide();
    let router = Router::provide();
    provide_context(Preloader(lazy::preload));
    let session = Session::provide();
    // The tabs share one page, so moving between them keeps what it loaded.
    let page_route = Memo::new(move |_| match router.route() {
        Route::Citizen(id, _) => Route::Citizen(id, CitizenTab::Overview),
        other => other,
    });
    // The invitation and glossary pages do not read the session, so that signing in from
    // the invitation does not draw it anew (its task is still running) before it opens
    // her plan: what this closure does not read does not redraw it.
    let page = move || {
        if !session.checked.get() {
            return view! { <p class="page" aria-busy="true">{i18n.tr(Key::session_checking)}</p> }
                .into_any();
        }
        match page_route.get() {
            Route::Invitation => chunk(lazy::invitation).into_any(),
            Route::Glossary => chunk(lazy::glossary).into_any(),
            route => match (route, session.me.with(Option::is_some)) {
                (Route::Citizen(id, _), true) => view! { <CitizenPage id=id /> }.into_any(),
                (Route::Boards, true) => view! { <CitizenHome /> }.into_any(),
                // Only the pages above are routed here; anything else is a full load.
                _ => view! { <SignedOut /> }.into_any(),
            },
        }
    };
    view! { <PageShell>{page}</PageShell> }
}

/// A citizen whose session has ended: they sign in again with a new invitation from their
/// contact person (staff have their own sign-in page).
#[component]
fn SignedOut() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="page narrow">
            <h1>{i18n.tr(Key::citizen_signed_out_title)}</h1>
            <ErrorNotice message=Some(i18n.t(Key::citizen_signed_out).to_string()) />
            <p>
                <a href=Route::Login.href()>{i18n.tr(Key::citizen_staff_sign_in)}</a>
            </p>
        </div>
    }
}
