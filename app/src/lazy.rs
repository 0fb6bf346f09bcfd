//! Where the app is split. Every function here is compiled into a module of its own
//! (`cargo xtask build` splits the wasm with `wasm_split_cli_support`), fetched the first
//! time it is called or preloaded, so that a page downloads only what it shows (SPEC §10).
//! Both bundles (`app.rs` for staff, `citizen_app.rs` for the citizen's phone) have every
//! split point; each fetches only the modules its own pages draw with.
//!
//! A split function returns its view; [`chunk`] draws it with a busy line while the module
//! loads and a notice, with a retry, if it cannot be loaded (offline, or Duk was updated
//! meanwhile). [`preload`] fetches a route's modules ahead (hover, focus, idle), so that
//! opening the page then feels instant. `board.html` names the board page's module, so the
//! browser fetches it alongside the entry (`xtask/src/build.rs`, `PAGES`).

// `wasm_split` declares each module's loader and entry point with `unsafe extern` blocks;
// no unsafe code is written here.
#![allow(unsafe_code)]

#[cfg(duk_split)]
use leptos::wasm_split::wasm_split;
use leptos::{prelude::*, wasm_split::SplitLoaderError};
use model::{BoardId, CardId};
use send_wrapper::SendWrapper;

use crate::{
    i18n::{Key, use_i18n},
    router::{CitizenTab, Route},
    state::BoardStore,
};

/// A module that could not be fetched.
#[derive(Debug, Clone, Copy)]
pub struct ChunkMissing;

impl From<SplitLoaderError> for ChunkMissing {
    fn from(_: SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// What a split function gives: its view, or why its module is missing.
pub type Loaded = Result<AnyView, ChunkMissing>;

/// A split point: `bundle` is the bundle whose pages call it (`staff` or `citizen`),
/// `module` the file it is compiled into there (several functions may share one),
/// `preload` fetches that file without drawing. Elsewhere (the other bundle, where nothing
/// calls it, and the wasm tests, which are not split) it is a plain function: an unused
/// split point would otherwise keep its code in the entry.
macro_rules! split {
    (staff, $($rest:tt)*) => {
        split!(@cfg all(duk_split, not(feature = "citizen-bundle")), $($rest)*);
    };
    (citizen, $($rest:tt)*) => {
        split!(@cfg all(duk_split, feature = "citizen-bundle"), $($rest)*);
    };
    (@cfg $when:meta, $module:ident, $preload:ident, fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        #[cfg($when)]
        #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible,
            preload(#[allow(dead_code)] $preload))]
        pub(crate) fn $name($($arg: $ty),*) -> Loaded {
            Ok($body.into_any())
        }

        #[cfg(not($when))]
        #[allow(dead_code)]
        pub(crate) async fn $name($($arg: $ty),*) -> Loaded {
            Ok($body.into_any())
        }

        #[cfg(not($when))]
        #[allow(dead_code)]
        pub(crate) async fn $preload() -> Result<(), SplitLoaderError> {
            Ok(())
        }
    };
}

split! {
    staff, board, preload_board_page,
    fn board_page(id: Option<BoardId>) {
        use crate::pages::board_page::BoardPage;
        view! { <BoardPage id=id /> }
    }
}

split! {
    citizen, citizen_tabs, preload_min_plan,
    fn min_plan() {
        use crate::components::plan_outline::PlanOutline;
        view! { <PlanOutline /> }
    }
}

split! {
    citizen, citizen_tabs, preload_callback,
    fn callback() {
        use crate::components::callback_form::CallbackForm;
        view! { <CallbackForm /> }
    }
}

split! {
    citizen, citizen_more, preload_citizen_more,
    fn citizen_more() {
        use crate::components::{calendar_links::CalendarLinks, minutes_answer::MinutesAnswer};
        view! {
            <MinutesAnswer />
            <CalendarLinks />
        }
    }
}

split! {
    citizen, citizen_more, preload_citizen_follow,
    fn citizen_follow(state: crate::state::CitizenState) {
        crate::state::LiveLink::connect(state);
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

split! {
    staff, board_dialogs, preload_card_details,
    fn card_details(store: BoardStore, card: CardId, on_done: Callback<()>) {
        use crate::components::card_details::DetailsForm;
        view! { <DetailsForm store=store card=card on_done=on_done /> }
    }
}

split! {
    staff, board_dialogs, preload_move_card,
    fn move_card(store: BoardStore, card: CardId, on_done: Callback<()>) {
        use crate::components::move_dialog::MoveForm;
        view! { <MoveForm store=store card=card on_done=on_done /> }
    }
}

split! {
    staff, board_tools, preload_board_tools,
    fn board_tool(tool: crate::state::Tool, store: BoardStore) {
        use crate::components::{
            access_panel::AccessPanel, board_tools::BoardTools,
            meetings_panel::MeetingsPanel, rows_panel::RowsPanel, team_panel::TeamPanel,
        };
        use crate::state::Tool;
        match tool {
            Tool::Team => view! { <TeamPanel store=store /> }.into_any(),
            Tool::Meetings => view! { <MeetingsPanel store=store /> }.into_any(),
            Tool::Rows => view! { <RowsPanel store=store /> }.into_any(),
            Tool::Access => view! { <AccessPanel store=store /> }.into_any(),
            Tool::View => view! { <BoardTools store=store /> }.into_any(),
        }
    }
}

/// Fetches the board's dialogs and tools once the browser has nothing else to do, so the
/// first one opened shows at once.
pub fn preload_board_dialogs() {
    request_idle_callback(|| {
        leptos::task::spawn_local(async {
            let _ = preload_card_details().await;
            let _ = preload_move_card().await;
            let _ = preload_board_tools().await;
        })
    });
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

/// Draws what a split function gives: a busy line while its module loads (only the first
/// time: a loaded module answers at once), and if it cannot be loaded, a notice with a
/// button that tries again.
pub fn chunk<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + Clone + 'static,
    Fut: Future<Output = Loaded> + 'static,
{
    drawn(load, Waiting::BusyLine)
}

/// Draws a part of a page that comes after what the page shows first: nothing while its
/// module loads (the page is already there; a busy line would only jump about), and a
/// notice with a retry if it cannot be loaded.
pub fn chunk_after<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + Clone + 'static,
    Fut: Future<Output = Loaded> + 'static,
{
    drawn(load, Waiting::Nothing)
}

/// What [`drawn`] shows while a module loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waiting {
    BusyLine,
    Nothing,
}

fn drawn<F, Fut>(load: F, waiting: Waiting) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + Clone + 'static,
    Fut: Future<Output = Loaded> + 'static,
{
    let i18n = use_i18n();
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        let load = load.clone();
        let future = SendWrapper::new(async move { load().await });
        view! {
            <Suspense fallback=move || {
                (waiting == Waiting::BusyLine).then(|| {
                    view! { <p class="chunk-loading" aria-busy="true">{i18n.tr(Key::chunk_loading)}</p> }
                })
            }>
                {Suspend::new(async move {
                    match future.await {
                        Ok(view) => view,
                        Err(ChunkMissing) => {
                            view! {
                                <div class="page narrow" role="alert">
                                    <p>{i18n.tr(Key::chunk_failed)}</p>
                                    <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                                        {i18n.tr(Key::error_retry)}
                                    </button>
                                </div>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        }
    }
}
