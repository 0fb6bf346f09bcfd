//! The citizen's pages, phone first: `/plan/{id}` (my contact person, my deadlines, what
//! others do for me, the next meeting, my calendar), `/plan/{id}/min-plan` (the whole duk as
//! a list) and `/plan/{id}/ring-meg` (ask to be called). One column, large type and
//! targets, plain words. The three share one load of the board, followed live.

use leptos::prelude::*;
use model::{BoardId, BoardRole};

use crate::{
    api::{self, ApiError},
    chunk::{chunk, chunk_after, split},
    components::error_notice::error_text,
    components::{
        contact_card::ContactCard, error_notice::ErrorNotice, next_meeting::NextMeeting,
        task_list::TaskList,
    },
    i18n::{Key, use_i18n},
    router::{CitizenTab, Link, Route, use_router},
    state::{CitizenState, offline, use_session},
};

/// `/` for a citizen or støtteperson: their plan at once when they have one (the usual
/// case), a list to choose from when they have several.
#[component]
pub fn CitizenHome() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let kept = session
        .me
        .with_untracked(|m| m.as_ref().map(|m| offline::kept_boards(m.id)))
        .unwrap_or_default();
    let boards = LocalResource::new(move || {
        let lang = i18n.lang_untracked();
        async move { api::list_boards(lang).await }
    });
    view! {
        <Suspense fallback=move || view! { <p class="page" aria-busy="true">{i18n.tr(Key::citizen_loading)}</p> }>
            {move || {
                boards
                    .get()
                    .map(|result| match result {
                        Ok(list) if list.len() == 1 => view! { <CitizenPage id=Some(list[0].id) /> }.into_any(),
                        // No network: the plan kept in this browser, if there is one.
                        Err(ApiError::Network) if kept.len() == 1 => {
                            view! { <CitizenPage id=Some(kept[0]) /> }.into_any()
                        }
                        Ok(list) => {
                            Effect::new(move |_| document().set_title(&format!("{} – Duk", i18n.t(Key::citizen_plans))));
                            view! {
                                <div class="page narrow">
                                    <h1>{i18n.tr(Key::citizen_plans)}</h1>
                                    <Show when={
                                        let empty = list.is_empty();
                                        move || empty
                                    }>
                                        <p>{i18n.tr(Key::list_empty)}</p>
                                    </Show>
                                    <ul class="board-list">
                                        {list
                                            .into_iter()
                                            .map(|b| {
                                                view! {
                                                    <li class="board-list-item">
                                                        <Link to=Route::Citizen(Some(b.id), CitizenTab::Overview)>{b.title}</Link>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            let message = error_text(i18n, &e);
                            view! {
                                <div class="page narrow">
                                    <ErrorNotice message=Some(message) />
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// The citizen's view of board `id` (`None`: a malformed address, shown as not found).
/// The tab comes from the address, so moving between tabs keeps what is loaded.
#[component]
pub fn CitizenPage(
    /// The board whose citizen's view is shown; `None` for a malformed address, shown as not found.
    id: Option<BoardId>,
) -> impl IntoView {
    let i18n = use_i18n();
    match id {
        Some(id) => view! { <CitizenLoaded id=id /> }.into_any(),
        None => view! {
            <div class="page narrow">
                <ErrorNotice message=Some(i18n.t(Key::citizen_not_found).to_string()) />
            </div>
        }
        .into_any(),
    }
}

#[component]
fn CitizenLoaded(id: BoardId) -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let state = CitizenState::provide(id, i18n);
    let tab = Memo::new(move |_| match router.route() {
        Route::Citizen(_, tab) => tab,
        _ => CitizenTab::Overview,
    });
    let role = Memo::new(move |_| state.data.with(|d| d.as_ref().map(|v| v.my_role)));
    let is_citizen = move || role.get() == Some(BoardRole::Citizen);
    let title = Memo::new(move |_| {
        state
            .data
            .with(|d| d.as_ref().map(|v| v.title.clone()).unwrap_or_default())
    });
    Effect::new(move |_| {
        let page = match tab.get() {
            CitizenTab::Overview if is_citizen() => i18n.t(Key::citizen_title),
            CitizenTab::Overview => "",
            CitizenTab::Plan => i18n.t(Key::citizen_tab_plan),
            CitizenTab::Callback => i18n.t(Key::citizen_tab_callback),
        };
        let name = if page.is_empty() {
            title.get()
        } else {
            page.to_owned()
        };
        document().set_title(&format!("{name} – Duk"));
    });
    let tab_link = move |t: CitizenTab, key: Key| {
        view! {
            <Link to=Route::Citizen(Some(id), t) class="citizen-tab" current=Signal::derive(move || tab.get() == t)>
                {i18n.tr(key)}
            </Link>
        }
    };
    let loaded = move || state.data.with(Option::is_some);
    view! {
        <div class="page citizen">
            <Show
                when=loaded
                fallback=move || {
                    view! {
                        <Show
                            when=move || state.error.with(Option::is_some)
                            fallback=move || view! { <p aria-busy="true">{i18n.tr(Key::citizen_loading)}</p> }
                        >
                            <ErrorNotice message=state.error />
                        </Show>
                    }
                }
            >
                <Show when=move || state.kept_at.with(Option::is_some)>
                    <p class="kept-note" role="status">
                        {move || {
                            state
                                .kept_at
                                .get()
                                .map(|t| {
                                    i18n.fill(
                                        Key::citizen_kept,
                                        &[("time", &crate::format::date_time(t, i18n.lang()))],
                                    )
                                })
                        }}
                    </p>
                </Show>
                <h1 class="citizen-title">
                    {move || if is_citizen() { i18n.t(Key::citizen_title).to_string() } else { title.get() }}
                </h1>
                <nav class="citizen-tabs" aria-label=i18n.tr(Key::citizen_nav_label)>
                    {tab_link(CitizenTab::Overview, Key::citizen_tab_overview)}
                    {tab_link(CitizenTab::Plan, Key::citizen_tab_plan)}
                    <Show when=is_citizen>{tab_link(CitizenTab::Callback, Key::citizen_tab_callback)}</Show>
                </nav>
                {move || match tab.get() {
                    CitizenTab::Overview => view! { <Overview /> }.into_any(),
                    CitizenTab::Plan => chunk(min_plan).into_any(),
                    CitizenTab::Callback => chunk(callback).into_any(),
                }}
                // Following the board live is code of its own, fetched once her plan is
                // drawn: her first screen does not wait for it (SPEC §10).
                {chunk_after(move || citizen_follow(state))}
                <p class="citizen-foot">
                    <Link to=Route::Glossary>{i18n.tr(Key::glossary_link)}</Link>
                </p>
                <Show when=is_citizen>
                    <p class="citizen-foot">
                        <a href=format!("/api/boards/{id}/export") download="">{i18n.tr(Key::citizen_export)}</a>
                    </p>
                </Show>
            </Show>
        </div>
    }
}

/// The first screen: contact person first (SPEC §5), then the next meeting, her deadlines
/// and what others do for her; then the latest minutes and the calendar, whose code is a
/// module of its own.
///
/// The sections below the first two are drawn in a second task, after the browser has
/// painted the first: one long task on a slow phone blocks her taps (SPEC §10). The
/// minutes and the calendar come last, so that nothing above them moves when their module
/// arrives.
#[component]
fn Overview() -> impl IntoView {
    let rest = RwSignal::new(false);
    set_timeout(
        move || {
            rest.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    view! {
        <ContactCard />
        <NextMeeting />
        <Show when=move || rest.get()>
            <TaskList mine=true />
            <TaskList mine=false />
            {chunk_after(citizen_more)}
        </Show>
    }
}

// Her other tabs and what comes under her first screen are modules of their own.
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
