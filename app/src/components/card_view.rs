//! One card: its text, who does it and by when; click the text to edit it.

use leptos::prelude::*;
use model::{CardId, CardStatus, Operation, Patch, Responsible};

use crate::{
    components::{card_editor::CardEditor, focus_after_render},
    format,
    i18n::{Key, use_i18n},
    state::BoardStore,
};

/// A card on the board.
#[component]
pub fn CardView(store: BoardStore, id: CardId) -> impl IntoView {
    let i18n = use_i18n();
    let Some(card) = store.card(id) else {
        return ().into_any();
    };
    let editing = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let button: NodeRef<leptos::html::Button> = NodeRef::new();

    let start = move |_| {
        text.set(card.with_untracked(|c| c.text.to_string()));
        editing.set(true);
    };
    let stop = move || {
        editing.set(false);
        // Back to the card, so keyboard users keep their place.
        focus_after_render(button);
    };
    let to_op = Callback::new(move |value: String| Operation::EditCard {
        card_id: id,
        text: Some(value),
        responsible: Patch::Keep,
        due: Patch::Keep,
        status: None,
        note: Patch::Keep,
    });

    let responsible = move || {
        card.with(|c| match &c.responsible {
            Some(Responsible::Citizen) => Some(i18n.t(Key::board_the_citizen).to_string()),
            Some(Responsible::Outside { name }) => Some(name.clone()),
            None => None,
        })
    };
    let due = move || card.with(|c| c.due);
    let overdue = move || {
        card.with(|c| c.due.is_some_and(|d| d < format::today()) && c.status != CardStatus::Done)
    };
    let status = move || {
        card.with(|c| match &c.status {
            CardStatus::Open => None,
            CardStatus::Done => Some(i18n.t(Key::status_done).to_string()),
            CardStatus::Postponed { until } => Some(i18n.fill(
                Key::status_postponed,
                &[("date", &format::date(*until, i18n.lang()))],
            )),
            CardStatus::Proposed => Some(i18n.t(Key::status_proposed).to_string()),
        })
    };

    view! {
        <li
            class="card"
            class:card-done=move || card.with(|c| c.status == CardStatus::Done)
            class:card-proposed=move || card.with(|c| c.status == CardStatus::Proposed)
            class:card-overdue=overdue
        >
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="card-text"
                            node_ref=button
                            aria-label=move || {
                                card.with(|c| {
                                    i18n.fill(Key::board_edit_card, &[("text", c.text.as_str())])
                                })
                            }
                            on:click=start
                        >
                            {move || card.with(|c| c.text.to_string())}
                        </button>
                    }
                }
            >
                <CardEditor
                    store=store
                    text=text
                    to_op=to_op
                    on_saved=Callback::new(move |()| stop())
                    on_cancel=Callback::new(move |()| stop())
                />
            </Show>
            <Show when=move || responsible().is_some() || due().is_some() || status().is_some()>
                <dl class="card-meta">
                    {move || {
                        responsible()
                            .map(|r| {
                                view! {
                                    <div>
                                        <dt>{i18n.tr(Key::board_responsible)}</dt>
                                        <dd>{r}</dd>
                                    </div>
                                }
                            })
                    }}
                    {move || {
                        due()
                            .map(|d| {
                                view! {
                                    <div class="card-due">
                                        <dt>{i18n.tr(Key::board_due)}</dt>
                                        <dd>
                                            <time datetime=d.to_string()>
                                                {move || format::short_date(d, i18n.lang())}
                                            </time>
                                            <Show when=overdue>
                                                <span class="overdue-flag">
                                                    " – " {i18n.tr(Key::board_overdue)}
                                                </span>
                                            </Show>
                                        </dd>
                                    </div>
                                }
                            })
                    }}
                    {move || {
                        status()
                            .map(|s| {
                                view! {
                                    <div class="card-status">
                                        <dt>{i18n.tr(Key::board_status)}</dt>
                                        <dd>{s}</dd>
                                    </div>
                                }
                            })
                    }}
                </dl>
            </Show>
        </li>
    }
    .into_any()
}
