//! The pages' split points, and [`preload`], which fetches a route's modules ahead
//! (hover, focus, idle), so that opening the page then feels instant. Both bundles
//! (`app.rs` for staff, `citizen_app.rs` for the citizen's phone) have every split point;
//! each fetches only the modules its own pages draw with. `board.html` names the board
//! page's module, so the browser fetches it alongside the entry (`xtask/src/build.rs`,
//! `PAGES`). The mechanism is in [`crate::chunk`].

use leptos::prelude::*;
use model::{BoardId, CardId};

use crate::{
    chunk::split,
    pages::citizen::{preload_callback, preload_min_plan},
    router::{CitizenTab, Route},
};

split! {
    staff, board, preload_board_page,
    fn board_page(id: Option<BoardId>) {
        use crate::pages::board_page::BoardPage;
        view! { <BoardPage id=id /> }
    }
}

split! {
    staff, pages, preload_board_list,
    fn board_list() {
        use crate::pages::board_list::BoardList;
        view! { <BoardList /> }
    }
}

split! {
    staff, pages, preload_minutes,
    fn minutes(id: Option<BoardId>, number: u32, revision: u32) {
        use crate::pages::minutes::MinutesView;
        view! { <MinutesView id=id number=number revision=revision /> }
    }
}

split! {
    staff, pages, preload_history,
    fn history(id: Option<BoardId>, card: Option<CardId>) {
        use crate::pages::history::HistoryView;
        view! { <HistoryView id=id card=card /> }
    }
}

split! {
    staff, pages, preload_board_at,
    fn board_at(id: Option<BoardId>, version: u64) {
        use crate::pages::board_at::BoardAtView;
        view! { <BoardAtView id=id version=version /> }
    }
}

split! {
    staff, pages, preload_tasks,
    fn tasks() {
        use crate::pages::tasks::TasksView;
        view! { <TasksView /> }
    }
}

split! {
    staff, pages, preload_login,
    fn login() {
        use crate::pages::login::Login;
        view! { <Login /> }
    }
}

split! {
    citizen, public, preload_invitation,
    fn invitation() {
        use crate::pages::invitation::Invitation;
        view! { <Invitation /> }
    }
}

split! {
    staff, pages, preload_account,
    fn account() {
        use crate::pages::account::Account;
        view! { <Account /> }
    }
}

split! {
    staff, pages, preload_admin,
    fn admin_accounts() {
        use crate::pages::admin::AdminAccounts;
        view! { <AdminAccounts /> }
    }
}

split! {
    staff, pages, preload_admin_audit,
    fn admin_audit() {
        use crate::pages::admin::AdminAudit;
        view! { <AdminAudit /> }
    }
}

split! {
    staff, pages, preload_profile,
    fn profile() {
        use crate::pages::profile::Profile;
        view! { <Profile /> }
    }
}

split! {
    citizen, public, preload_glossary,
    fn glossary() {
        use crate::pages::glossary::Glossary;
        view! { <Glossary /> }
    }
}

/// Fetches the modules a route draws with, without drawing it (a link is hovered or
/// focused, or the browser is idle). A failure is left for the page itself to report.
pub fn preload(route: &Route) {
    if !route.in_this_bundle() {
        return;
    }
    let route = route.clone();
    leptos::task::spawn_local(async move {
        let _ = match route {
            // The citizen's home is in her bundle's entry.
            Route::Boards if cfg!(feature = "citizen-bundle") => Ok(()),
            Route::Boards => preload_board_list().await,
            Route::Board(_) => preload_board_page().await,
            Route::Minutes(..) => preload_minutes().await,
            Route::History(..) => preload_history().await,
            Route::BoardAt(..) => preload_board_at().await,
            Route::Tasks => preload_tasks().await,
            Route::Login => preload_login().await,
            Route::Invitation => preload_invitation().await,
            Route::Account => preload_account().await,
            Route::AdminAccounts | Route::AdminAudit => preload_admin().await,
            Route::Citizen(_, tab) => match tab {
                CitizenTab::Overview => Ok(()),
                CitizenTab::Plan => preload_min_plan().await,
                CitizenTab::Callback => preload_callback().await,
            },
            Route::Profile => preload_profile().await,
            Route::Glossary => preload_glossary().await,
            Route::NotFound => Ok(()),
        };
    });
}
