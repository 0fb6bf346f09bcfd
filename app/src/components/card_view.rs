//! One card: its text, who does it and by when; a handle to move it and a button for the
//! rest (details, "Flytt til…", delete). Click the text to edit it in place.

use leptos::{either::Either, ev, prelude::*};
use model::{Action, CardId, CardStatus, Operation, Patch, Responsible};

use crate::{
    components::{card_editor::CardEditor, focus_after_render},
    dnd::Dnd,
    format,
    i18n::{Key, use_i18n},
    state::{BoardStore, BoardUi, ChangeMarks},
};

/// Who is responsible, in words.
pub fn responsible_name(store: BoardStore, r: &Responsible, i18n: crate::i18n::I18n) -> String {
    match r {
        Responsible::Citizen => store.header.with(|h| h.citizen_name.clone()),
        Responsible::Member { member_id } => match store.member(*member_id) {
            Some(m) if m.removed => i18n.fill(Key::removed_member, &[("name", m.name.as_str())]),
            Some(m) => match &m.service {
                Some(s) => format!("{} ({s})", m.name),
                None => m.name.to_string(),
            },
            None => String::new(),
        },
        Responsible::Outside { name } => name.clone(),
    }
}

/// A card on the board.
#[component]
// long-fn: one card as drawn, with its pointer and keyboard handlers next to the markup they serve
pub fn CardView(
    /// The board the card is on, to which edits and moves are sent.
    store: BoardStore,
    /// The card drawn; nothing is drawn if the board has no such card.
    id: CardId,
) -> impl IntoView {
    let i18n = use_i18n();
    let dnd = expect_context::<Dnd>();
    let ui = expect_context::<BoardUi>();
    let Some(card) = store.card(id) else {
        return ().into_any();
    };
    let editing = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let button: NodeRef<leptos::html::Button> = NodeRef::new();

    let start = move |_| {
        if dnd.take_swallowed_click() || !ui.offers(Action::EditCards, store) {
            return;
        }
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
        card.with(|c| {
            c.responsible
                .as_ref()
                .map(|r| responsible_name(store, r, i18n))
        })
        .filter(|s| !s.is_empty())
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
    let card_text = move || card.with(|c| c.text.to_string());
    let mover = Memo::new(move |_| crate::components::presence_bar::moved_by(store, id));
    // Made or changed in the meeting going on; otherwise changed since what the viewer
    // chose to compare with.
    let marks = expect_context::<ChangeMarks>();
    let tag = Memo::new(move |_| {
        let changed_in = card.with(|c| c.changed_in);
        if marks.meeting_started.get().is_some_and(|v| changed_in > v) {
            return Some(Key::card_in_meeting);
        }
        marks
            .since
            .get()
            .filter(|v| changed_in > *v)
            .map(|_| Key::card_changed)
    });

    view! {
        <li
            class="card"
            data-card=id.to_string()
            class:card-done=move || card.with(|c| c.status == CardStatus::Done)
            class:card-proposed=move || card.with(|c| c.status == CardStatus::Proposed)
            class:card-overdue=overdue
            class:card-kb-lifted=move || dnd.kb_lifted.get() == Some(id)
            class:card-hidden=move || !ui.visible(card)
            class:card-moved-by-other=move || mover.with(Option::is_some)
            class:card-changed=move || tag.with(Option::is_some)
            on:pointerdown=move |ev: ev::PointerEvent| {
                if ui.offers(Action::EditCards, store) {
                    dnd.pointer_down(&ev, id, false)
                }
            }
        >
            {move || {
                mover
                    .get()
                    .map(|name| {
                        let label = i18n.fill(Key::card_moved_by, &[("name", &name)]);
                        let title = label.clone();
                        view! {
                            <span class="card-mover" title=title>
                                <span aria-hidden="true">{model::initials(&name)}</span>
                                <span class="visually-hidden">{label}</span>
                            </span>
                        }
                    })
            }}
            {move || tag.get().map(|k| view! { <span class="card-tag">{i18n.tr(k)}</span> })}
            <Show
                when=move || editing.get()
                fallback=move || {
                    // Only who may edit gets a button; the others read the text.
                    move || if ui.offers(Action::EditCards, store) {
                        Either::Left(
                        view! {
                            <button
                                type="button"
                                class="card-text"
                                node_ref=button
                                aria-label=move || {
                                    i18n.fill(Key::board_edit_card, &[("text", &card_text())])
                                }
                                on:click=start
                            >
                                {card_text}
                            </button>
                        })
                    } else {
                        Either::Right(view! { <p class="card-text card-text-read">{card_text}</p> })
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
            <Show when=move || ui.offers(Action::EditCards, store)>
                <div class="card-actions">
                    <button
                        type="button"
                        class="card-handle"
                        aria-label=move || i18n.fill(Key::card_handle, &[("text", &card_text())])
                        aria-describedby="dnd-help"
                        aria-pressed=move || {
                            if dnd.kb_lifted.get() == Some(id) { "true" } else { "false" }
                        }
                        on:pointerdown=move |ev: ev::PointerEvent| dnd.pointer_down(&ev, id, true)
                        on:keydown=move |ev: ev::KeyboardEvent| {
                            if dnd.handle_key(&ev, id) {
                                ev.prevent_default();
                            }
                        }
                        on:blur=move |_| dnd.handle_blur(id)
                    >
                        <span aria-hidden="true">"⠿"</span>
                    </button>
                    <button
                        type="button"
                        class="card-more"
                        aria-label=move || i18n.fill(Key::card_more, &[("text", &card_text())])
                        on:click=move |_| ui.details.set(Some(id))
                    >
                        <span aria-hidden="true">"⋯"</span>
                    </button>
                </div>
            </Show>
        </li>
    }
    .into_any()
}
