//! "Min plan": the duk as a list a citizen can read on a phone. Dreams and strengths first
//! (SPEC P11), then each theme with what we do now, short and long term, with who and by
//! when; the plan stage shown gently; "Det som er vanskelig" folded away until asked for
//! (004:643–647).

use leptos::prelude::*;
use model::{Board, BoardRole, Card, CardStatus, Placement, SlotId};

use crate::{
    components::{board_header::StageMarker, error_notice::ErrorNotice},
    format,
    i18n::{I18n, Key, use_i18n},
    labels,
    router::{Link, Route},
    state::use_citizen,
};

/// One card as a line of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Line {
    id: model::CardId,
    text: String,
    who: Option<String>,
    due: Option<model::IsoDate>,
    done: bool,
    proposed: bool,
}

/// A heading and its cards.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Group {
    heading: String,
    lines: Vec<Line>,
}

/// The cards at a placement; the citizen reads their own name as "Du".
fn lines(board: &Board, placement: &Placement, citizen: &str) -> Vec<Line> {
    board
        .cards_at(placement)
        .into_iter()
        .map(|c: &Card| Line {
            id: c.id,
            text: c.text.to_string(),
            who: c.responsible.as_ref().map(|r| {
                board
                    .responsible_name(r)
                    .unwrap_or_else(|| citizen.to_owned())
            }),
            due: c.effective_due(),
            done: c.status == CardStatus::Done,
            proposed: c.status == CardStatus::Proposed,
        })
        .collect()
}

fn zone(i18n: I18n, board: &Board, id: &str, citizen: &str) -> Option<Group> {
    let z = board.template.zones.iter().find(|z| z.id.as_str() == id)?;
    Some(Group {
        heading: labels::zone(i18n, z),
        lines: lines(
            board,
            &Placement::Zone {
                zone: SlotId::parse(id)?,
            },
            citizen,
        ),
    })
}

/// Each theme that has cards: its slot id, its name, and its columns that have cards,
/// "Dagens situasjon" last.
fn themes(i18n: I18n, board: &Board, citizen: &str) -> Vec<(String, String, Vec<Group>)> {
    let mut columns: Vec<&model::Column> = board.template.columns.iter().collect();
    // What we do comes before how things are today (the citizen's view leads with the
    // next small steps, SPEC P11).
    columns.sort_by_key(|c| c.id.as_str() == model::COLUMN_NOW_SITUATION);
    board
        .template
        .themes
        .iter()
        .filter(|t| !t.hidden)
        .filter_map(|t| {
            let groups: Vec<Group> = columns
                .iter()
                .map(|c| {
                    let by = match c.id.as_str() {
                        model::COLUMN_SHORT_TERM => board.short_term_by,
                        model::COLUMN_LONG_TERM => board.long_term_by,
                        _ => None,
                    };
                    let heading = labels::column_by(i18n, c, by);
                    Group {
                        heading,
                        lines: lines(
                            board,
                            &Placement::Cell {
                                theme: t.id.clone(),
                                column: c.id.clone(),
                            },
                            citizen,
                        ),
                    }
                })
                .filter(|g| !g.lines.is_empty())
                .collect();
            (!groups.is_empty()).then(|| (t.id.to_string(), labels::theme(i18n, t), groups))
        })
        .collect()
}

/// How the citizen is named on their cards: "Du" to themselves, by name to others.
fn citizen_reads_as(i18n: I18n, v: &model::CitizenView) -> String {
    if v.my_role == BoardRole::Citizen {
        i18n.t(Key::meeting_you).to_owned()
    } else {
        v.board.citizen_name.to_string()
    }
}

/// The plan as a list.
#[component]
pub fn PlanOutline() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_citizen();
    let whole = state.whole_plan();
    // The citizen reads their own cards as "Du"; others read the citizen's name.
    let with_board = move |f: &dyn Fn(&Board, &str) -> Option<Group>| {
        whole.with(|d| {
            d.as_ref()
                .and_then(|v| f(&v.board, &citizen_reads_as(i18n, v)))
        })
    };
    let dreams = Memo::new(move |_| with_board(&|b, c| zone(i18n, b, "drommer", c)));
    let strengths = Memo::new(move |_| with_board(&|b, c| zone(i18n, b, "god-pa", c)));
    let people = Memo::new(move |_| with_board(&|b, c| zone(i18n, b, "rundt-meg", c)));
    let hard = Memo::new(move |_| with_board(&|b, c| zone(i18n, b, "vanskelig", c)));
    let themes = Memo::new(move |_| {
        whole.with(|d| {
            d.as_ref()
                .map(|v| themes(i18n, &v.board, &citizen_reads_as(i18n, v)))
                .unwrap_or_default()
        })
    });
    let stage = Signal::derive(move || whole.with(|d| d.as_ref().and_then(|v| v.board.stage)));
    let hard_open = RwSignal::new(false);
    // Opened from a task: show that card, unfolding "vanskelig" if it is there.
    Effect::new(move |_| {
        if themes.with(Vec::is_empty) && dreams.with(Option::is_none) {
            return;
        }
        let hash = window().location().hash().unwrap_or_default();
        if let Some(card) = hash.strip_prefix("#kort-") {
            let in_hard = hard.with_untracked(|h| {
                h.as_ref()
                    .is_some_and(|g| g.lines.iter().any(|l| l.id.to_string() == card))
            });
            if in_hard {
                hard_open.set(true);
            }
            crate::router::reveal(&format!("kort-{card}"));
        }
    });
    let id = state.id;
    view! {
        <WholePending />
        <div class="plan-outline">
            <p class="plan-stage">
                <span class="plan-stage-label">{i18n.tr(Key::plan_stage)} ": "</span>
                <StageMarker stage=stage />
            </p>
            {move || dreams.get().map(|g| view! { <GroupList group=g level=2 /> })}
            {move || strengths.get().map(|g| view! { <GroupList group=g level=2 /> })}
            <For each=move || themes.get() key=|t| t.clone() let:theme>
                <section class="plan-theme" aria-labelledby=format!("tema-{}", theme.0)>
                    <h2 id=format!("tema-{}", theme.0)>{theme.1.clone()}</h2>
                    {theme.2.into_iter().map(|g| view! { <GroupList group=g level=3 /> }).collect_view()}
                </section>
            </For>
            {move || people.get().map(|g| view! { <GroupList group=g level=2 /> })}
            {move || {
                hard.get()
                    .filter(|g| !g.lines.is_empty())
                    .map(|g| {
                        view! {
                            <details
                                class="plan-hard"
                                prop:open=move || hard_open.get()
                                on:toggle=move |e| {
                                    let open = event_target::<web_sys::HtmlDetailsElement>(&e).open();
                                    hard_open.set(open);
                                }
                            >
                                <summary>{g.heading.clone()} " (" {g.lines.len()} ")"</summary>
                                <Lines lines=g.lines />
                            </details>
                        }
                    })
            }}
            <p class="plan-whole">
                <Link to=Route::Board(Some(id))>{i18n.tr(Key::plan_whole_board)}</Link>
            </p>
        </div>
    }
}

/// While the whole plan loads for a tab, a busy line; if it cannot, why.
#[component]
pub fn WholePending() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_citizen();
    view! {
        <Show when=move || state.whole.with(Option::is_none)>
            <Show
                when=move || state.whole_error.with(Option::is_some)
                fallback=move || view! { <p aria-busy="true">{i18n.tr(Key::citizen_loading)}</p> }
            >
                <ErrorNotice message=state.whole_error />
            </Show>
        </Show>
    }
}

/// A group under its heading (`level` 2 or 3); empty side zones are left out.
#[component]
fn GroupList(group: Group, level: u8) -> impl IntoView {
    if group.lines.is_empty() {
        return ().into_any();
    }
    let heading = group.heading.clone();
    view! {
        <section class="plan-group">
            {if level == 2 {
                view! { <h2>{heading}</h2> }.into_any()
            } else {
                view! { <h3>{heading}</h3> }.into_any()
            }}
            <Lines lines=group.lines />
        </section>
    }
    .into_any()
}

#[component]
fn Lines(lines: Vec<Line>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="plan-cards">
            {lines
                .into_iter()
                .map(|l| {
                    let meta = move || {
                        let mut parts: Vec<String> = Vec::new();
                        if let Some(who) = &l.who {
                            parts.push(who.clone());
                        }
                        if let Some(d) = l.due {
                            parts.push(i18n.fill(Key::task_due, &[("date", &format::date(d, i18n.lang()))]));
                        }
                        if l.done {
                            parts.push(i18n.t(Key::status_done).to_string());
                        }
                        if l.proposed {
                            parts.push(i18n.t(Key::status_proposed).to_string());
                        }
                        parts.join(" · ")
                    };
                    let done = l.done;
                    view! {
                        <li class="plan-card" class:plan-card-done=done id=format!("kort-{}", l.id) tabindex="-1">
                            <span class="plan-card-text">{l.text.clone()}</span>
                            <span class="plan-card-meta">{meta}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
