//! "Ring meg" on a staff member's start page: open requests from citizens they are
//! contact person for, or cover for while a colleague is away, soonest deadline first;
//! one past its promise is flagged.

use leptos::prelude::*;
use model::{CallbackStatus, CallbackTask, CallbackUpdate};

use crate::{
    api,
    components::error_notice::{ErrorNotice, error_text},
    format,
    i18n::{Key, use_i18n},
    labels::callback_status_name,
    router::{Link, Route},
};

/// The list, shown only when there is something in it (or it could not be loaded).
#[component]
pub fn CallbackInbox() -> impl IntoView {
    let i18n = use_i18n();
    let tasks = RwSignal::new(None::<Vec<CallbackTask>>);
    let error = RwSignal::new(None::<String>);
    let load = move || {
        let lang = i18n.lang_untracked();
        leptos::task::spawn_local(async move {
            match api::my_callbacks(lang).await {
                Ok(list) => {
                    error.try_set(None);
                    tasks.try_set(Some(list));
                }
                Err(e) => {
                    error.try_set(Some(error_text(i18n, &e)));
                }
            }
        });
    };
    load();
    let set_status = move |task: CallbackTask, status: CallbackStatus| {
        let lang = i18n.lang_untracked();
        leptos::task::spawn_local(async move {
            match api::update_callback(task.request.id, &CallbackUpdate { status }, lang).await {
                Ok(_) => load(),
                Err(e) => {
                    error.try_set(Some(error_text(i18n, &e)));
                }
            }
        });
    };
    let count = move || tasks.with(|t| t.as_ref().map_or(0, Vec::len));
    let shown = move || count() > 0 || error.with(Option::is_some);
    view! {
        <Show when=shown>
            <section class="callback-inbox" aria-labelledby="inbox-heading">
                <h2 id="inbox-heading">
                    {move || i18n.fill(Key::inbox_heading, &[("count", &count().to_string())])}
                </h2>
                <ErrorNotice message=error />
                <ul class="inbox-list">
                    <For
                        each=move || tasks.get().unwrap_or_default()
                        key=|t| (t.request.id, t.request.status)
                        let:task
                    >
                        {
                            let today = format::today();
                            let overdue = task.request.is_overdue(today);
                            let r = task.request.clone();
                            let name = r.citizen_name.clone();
                            let phone = r.phone.to_string();
                            let shown = format::phone(&phone);
                            let deadline = r.deadline;
                            let status = r.status;
                            let title = task.board_title.clone();
                            let on_team = task.on_team;
                            let covering = task.covering_for.clone();
                            let board = r.board_id;
                            let buttons = [CallbackStatus::Called, CallbackStatus::NoAnswer, CallbackStatus::Closed]
                                .into_iter()
                                .filter(move |s| *s != status)
                                .map(|s| {
                                    let task = task.clone();
                                    let label = i18n.fill(
                                        Key::inbox_set_status,
                                        &[("status", callback_status_name(i18n, s)), ("name", &name)],
                                    );
                                    view! {
                                        <button
                                            type="button"
                                            class="button"
                                            aria-label=label
                                            on:click=move |_| set_status(task.clone(), s)
                                        >
                                            {callback_status_name(i18n, s)}
                                        </button>
                                    }
                                })
                                .collect_view();
                            view! {
                                <li class="inbox-item" class:inbox-overdue=overdue>
                                    <p class="inbox-who">
                                        <strong>{r.citizen_name.clone()}</strong>
                                        " · "
                                        <a href=format!("tel:{phone}")>{shown}</a>
                                    </p>
                                    <p class="inbox-deadline">
                                        {overdue.then(|| view! { <strong class="flag-overdue">{i18n.tr(Key::inbox_overdue)}</strong> " " })}
                                        {move || i18n.fill(Key::inbox_deadline, &[("date", &format::weekday_date(deadline, i18n.lang()))])}
                                        " · "
                                        <span class="status-pill" data-status=status.as_str()>{move || callback_status_name(i18n, status)}</span>
                                    </p>
                                    {covering.map(|c| view! { <p class="inbox-covering">{move || i18n.fill(Key::inbox_covering, &[("name", &c)])}</p> })}
                                    {r.note.clone().map(|n| view! { <p class="inbox-note">{n}</p> })}
                                    {r.good_times.clone().map(|t| view! { <p class="inbox-times">{move || i18n.fill(Key::inbox_good_times, &[("times", &t)])}</p> })}
                                    <p class="inbox-plan">
                                        {move || i18n.fill(Key::inbox_from_plan, &[("title", &title)])}
                                        {on_team.then(|| view! { " · " <Link to=Route::Board(Some(board))>{i18n.tr(Key::inbox_open_plan)}</Link> })}
                                    </p>
                                    <div class="button-row">{buttons}</div>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </section>
        </Show>
    }
}
