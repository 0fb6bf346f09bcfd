//! "Mine oppgaver": what the signed-in member of staff has taken on, on every board whose
//! team they are on, soonest frist first. Between meetings they mark a task done or give
//! a new expected date (004:913); the investeringsleder sees it on the board.

use leptos::{ev, prelude::*};
use model::{BoardId, CardId, CardStatus, IsoDate, MyTask, OpRequest, Operation, Patch};

use crate::{
    api,
    components::{
        error_notice::{ErrorNotice, error_text},
        unique_id,
    },
    format,
    i18n::{Key, use_i18n},
    random,
    router::{Link, Route},
};

/// The page at `/oppgaver`.
#[component]
pub fn TasksView() -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let tasks = LocalResource::new(move || {
        reload.track();
        let lang = i18n.lang();
        async move { api::my_tasks(lang).await }
    });
    let done = RwSignal::new(None::<String>);
    Effect::new(move |_| document().set_title(&format!("{} – Duk", i18n.t(Key::tasks_title))));
    view! {
        <div class="page tasks-page">
            <h1>{i18n.tr(Key::tasks_title)}</h1>
            <p class="hint">{i18n.tr(Key::tasks_intro)}</p>
            <p role="status" class="visually-hidden">{move || done.get()}</p>
            <Suspense fallback=move || view! { <p aria-busy="true">{i18n.tr(Key::board_loading)}</p> }>
                {move || {
                    tasks.get().map(|r| match r {
                        Ok(list) if list.is_empty() => view! { <p>{i18n.tr(Key::tasks_none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="my-tasks">
                                {list.into_iter().map(|t| view! { <TaskItem task=t reload=reload done=done /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice message=Some(error_text(i18n, &e)) /> }.into_any(),
                    })
                }}
            </Suspense>
        </div>
    }
}

async fn change(
    board: BoardId,
    card: CardId,
    status: CardStatus,
    lang: model::Lang,
) -> Result<(), api::ApiError> {
    let req = OpRequest {
        client_op_id: random::client_op_id(),
        base_version: 0,
        op: Operation::EditCard {
            card_id: card,
            text: None,
            responsible: Patch::Keep,
            due: Patch::Keep,
            status: Some(status),
            note: Patch::Keep,
        },
    };
    api::submit(board, &req, lang).await.map(|_| ())
}

#[component]
fn TaskItem(task: MyTask, reload: RwSignal<u32>, done: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang_untracked();
    let (board, card) = (task.board_id, task.card.id);
    let text = task.card.text.to_string();
    let error = RwSignal::new(None::<String>);
    let new_date = RwSignal::new(String::new());
    let date_id = unique_id("new-date");
    let due = task.card.effective_due();
    let overdue = task.card.is_overdue(format::today());
    let send = move |status: CardStatus, message: String| {
        leptos::task::spawn_local(async move {
            match change(board, card, status, lang).await {
                Ok(()) => {
                    done.set(Some(message));
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(error_text(i18n, &e))),
            }
        });
    };
    let done_text = i18n.fill(Key::tasks_marked_done, &[("text", &text)]);
    let mark_done = move |_| send(CardStatus::Done, done_text.clone());
    let moved_text = i18n.fill(Key::tasks_moved, &[("text", &text)]);
    let postpone = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        match IsoDate::parse(&new_date.get_untracked()) {
            Some(until) => send(CardStatus::Postponed { until }, moved_text.clone()),
            None => error.set(Some(i18n.t(Key::tasks_date_needed).to_string())),
        }
    };
    view! {
        <li class="my-task" class:card-overdue=overdue>
            <p class="my-task-text">{text.clone()}</p>
            <p class="my-task-meta">
                <Link to=Route::Board(Some(board))>{task.board_title.clone()}</Link>
                " · " {task.place.clone()} " · "
                {match due {
                    Some(d) => i18n.fill(Key::minutes_due, &[("date", &format::date(d, lang))]),
                    None => i18n.t(Key::minutes_no_due).to_string(),
                }}
                {overdue.then(|| view! { " – " <strong>{i18n.tr(Key::board_overdue)}</strong> })}
            </p>
            <div class="button-row">
                <button type="button" class="button button-primary" on:click=mark_done
                    aria-label=i18n.fill(Key::tasks_done_label, &[("text", &text)])>
                    {i18n.tr(Key::tasks_done)}
                </button>
                <form class="inline-form" on:submit=postpone>
                    <label class="field field-inline" for=date_id.clone()>
                        <span class="field-label">{i18n.tr(Key::tasks_new_date)}</span>
                    </label>
                    <input id=date_id type="date" prop:value=move || new_date.get()
                        on:input=move |ev| new_date.set(event_target_value(&ev)) />
                    <button type="submit" class="button"
                        aria-label=i18n.fill(Key::tasks_save_date_label, &[("text", &text)])>
                        {i18n.tr(Key::tasks_save_date)}
                    </button>
                </form>
            </div>
            <ErrorNotice message=error />
        </li>
    }
}
