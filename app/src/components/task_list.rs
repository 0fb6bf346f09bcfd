//! "Mine frister" and "Dette gjør andre for deg" ("når får jeg svar", 004:481): open tasks,
//! soonest first; an overdue one is marked kindly. Each leads to the card in its theme on
//! "Min plan".

use leptos::prelude::*;
use model::{BoardRole, CardId};

use crate::{
    format,
    i18n::{Key, use_i18n},
    router::{CitizenTab, Route, use_router},
    state::use_citizen,
};

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct TaskLine {
    id: CardId,
    text: String,
    who: Option<String>,
    due: Option<model::IsoDate>,
    overdue: bool,
    proposed: bool,
}

/// The citizen's own tasks (`mine`) or what others do for them.
#[component]
pub fn TaskList(
    /// `true` for the citizen's own tasks, `false` for what others do for them.
    mine: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_citizen();
    let router = use_router();
    let lines = Memo::new(move |_| {
        let today = format::today();
        state.data.with(|d| {
            let Some(v) = d else { return Vec::new() };
            let tasks = if mine { &v.my_tasks } else { &v.others_tasks };
            tasks
                .iter()
                .map(|c| TaskLine {
                    id: c.id,
                    text: c.text.clone(),
                    who: c.who.clone(),
                    due: c.due,
                    overdue: c.due.is_some_and(|d| d < today),
                    proposed: c.proposed,
                })
                .collect::<Vec<_>>()
        })
    });
    let third_person = Memo::new(move |_| {
        state.data.with(|d| {
            d.as_ref()
                .filter(|v| v.my_role != BoardRole::Citizen)
                .map(|v| v.citizen_name.clone())
        })
    });
    let heading = move || match (third_person.get(), mine) {
        (None, true) => i18n.t(Key::tasks_mine_heading).to_string(),
        (None, false) => i18n.t(Key::tasks_others_heading).to_string(),
        (Some(name), true) => i18n.fill(Key::tasks_citizen_heading, &[("name", &name)]),
        (Some(name), false) => i18n.fill(Key::tasks_for_citizen_heading, &[("name", &name)]),
    };
    let heading_id = if mine { "tasks-mine" } else { "tasks-others" };
    let id = state.id;
    view! {
        <section class="citizen-section task-section" aria-labelledby=heading_id>
            <h2 id=heading_id>{heading}</h2>
            <Show
                when=move || lines.with(|l| !l.is_empty())
                fallback=move || {
                    view! { <p>{i18n.tr(if mine { Key::tasks_mine_none } else { Key::tasks_others_none })}</p> }
                }
            >
                <ul class="task-list">
                    <For each=move || lines.get() key=|l| l.clone() let:line>
                        {
                            let href = format!(
                                "{}#kort-{}",
                                Route::Citizen(Some(id), CitizenTab::Plan).href(),
                                line.id
                            );
                            let card = line.id;
                            let when = move || match (line.due, line.overdue, &line.who) {
                                (Some(d), true, _) => i18n.fill(Key::task_overdue, &[("date", &format::date(d, i18n.lang()))]),
                                (Some(d), false, None) => i18n.fill(Key::task_due, &[("date", &format::date(d, i18n.lang()))]),
                                (Some(d), false, Some(who)) => {
                                    i18n.fill(Key::task_by, &[("who", who), ("date", &format::date(d, i18n.lang()))])
                                }
                                (None, _, None) => i18n.t(Key::task_no_due).to_string(),
                                (None, _, Some(who)) => i18n.fill(Key::task_by_no_date, &[("who", who)]),
                            };
                            view! {
                                <li class="task" class:task-overdue=line.overdue>
                                    <a
                                        class="task-link"
                                        href=href
                                        on:click=move |e: leptos::ev::MouseEvent| {
                                            if e.button() == 0 && !(e.ctrl_key() || e.meta_key()) {
                                                e.prevent_default();
                                                router.navigate_to(Route::Citizen(Some(id), CitizenTab::Plan), &format!("kort-{card}"));
                                            }
                                        }
                                    >
                                        <span class="task-text">{line.text.clone()}</span>
                                        <span class="task-when">{when}</span>
                                        {line.proposed.then(|| view! { <span class="task-proposed">{i18n.tr(Key::status_proposed)}</span> })}
                                    </a>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}
