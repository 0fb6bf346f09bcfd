//! "Flytt til…": move a card by picking its place with single taps (WCAG 2.2 SC 2.5.7).

use leptos::prelude::*;
use model::{CardId, Placement, SlotId};

use crate::{
    chunk::{chunk, split},
    components::{error_notice::ErrorNotice, form_actions::FormActions, modal::Modal},
    dnd::{Dnd, Target, refocus_handle},
    i18n::{Key, use_i18n},
    labels,
    state::{BoardStore, BoardUi},
};

/// Where the card goes: a side zone, or a theme row (then a column is picked too).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    Zone(SlotId),
    Theme(SlotId),
}

/// The dialog; open while [`BoardUi::moving`] names a card.
#[component]
pub fn MoveDialog(
    /// The board on which the card [`BoardUi::moving`] names is moved.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    let title = Signal::derive(move || i18n.t(Key::move_title).to_string());
    let close = Callback::new(move |()| {
        if let Some(card) = ui.moving.get_untracked() {
            refocus_handle(card);
        }
        ui.moving.set(None);
    });
    view! {
        <Modal open=Signal::derive(move || ui.moving.get().is_some()) title=title on_close=close>
            {move || ui.moving.get().map(|card| chunk(move || move_form(store, card, close)))}
        </Modal>
    }
}

/// The dialog's form (in its own module, [`move_form`]).
#[component]
// long-fn: the move form's rows and columns, in the order they show
pub fn MoveForm(
    /// The board the card is on: its rows, columns and the cards at each place are offered.
    store: BoardStore,
    /// The card to move.
    card: CardId,
    /// Called when the form is done: the card moved, cancelled, or the card is gone.
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dnd = expect_context::<Dnd>();
    // The card may be gone (taken back after a refusal) by the time the dialog opens.
    let start = store.with_board(|b| {
        let c = b.cards.get(&card).filter(|c| !c.deleted)?;
        let text = c.text.to_string();
        Some(match &c.placement {
            Placement::Cell { theme, column } => {
                (Row::Theme(theme.clone()), Some(column.clone()), text)
            }
            Placement::Zone { zone } => (Row::Zone(zone.clone()), None, text),
        })
    });
    let template = store.template.get_untracked();
    let (Some((start_row, start_column, card_text)), Some(first_column)) =
        (start, template.columns.first().map(|c| c.id.clone()))
    else {
        on_done.run(());
        return ().into_any();
    };
    let error = RwSignal::new(None::<String>);
    let row = RwSignal::new(start_row);
    let column = RwSignal::new(start_column.unwrap_or(first_column));
    let placement = Memo::new(move |_| match row.get() {
        Row::Zone(zone) => Placement::Zone { zone },
        Row::Theme(theme) => Placement::Cell {
            theme,
            column: column.get(),
        },
    });
    // The other cards at the chosen place: (id, text).
    let others = Memo::new(move |_| {
        store.with_board(|b| {
            b.cards_at(&placement.get())
                .iter()
                .filter(|c| c.id != card)
                .map(|c| (c.id, c.text.to_string()))
                .collect::<Vec<_>>()
        })
    });
    // Position among the others; defaults to the end, or where the card is now.
    let index = RwSignal::new(usize::MAX);
    Effect::new(move |_| {
        let p = placement.get();
        let here = store.with_board(|b| b.cards_at(&p).iter().position(|c| c.id == card));
        index.set(here.unwrap_or_else(|| others.with_untracked(Vec::len)));
    });

    let zones = template.zones.clone();
    let themes: Vec<_> = template
        .themes
        .iter()
        .filter(|t| !t.hidden)
        .cloned()
        .collect();
    let columns = template.columns.clone();
    let radio_row = move |value: Row, label: String| {
        let checked = {
            let value = value.clone();
            move || row.get() == value
        };
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="move-row"
                    prop:checked=checked
                    on:change=move |_| row.set(value.clone())
                />
                <span>{label}</span>
            </label>
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let target = Target {
            placement: placement.get_untracked(),
            index: index.get_untracked(),
        };
        match dnd.move_to(card, &target) {
            Ok(()) => on_done.run(()),
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <form class="move-form" on:submit=submit>
            <p class="modal-subject">{card_text}</p>
            <fieldset>
                <legend>{i18n.tr(Key::move_where)}</legend>
                <p class="choice-group-label">{i18n.tr(Key::move_zones)}</p>
                {zones
                    .into_iter()
                    .map(|z| radio_row(Row::Zone(z.id.clone()), labels::zone(i18n, &z)))
                    .collect_view()}
                <p class="choice-group-label">{i18n.tr(Key::move_themes)}</p>
                {themes
                    .into_iter()
                    .map(|t| radio_row(Row::Theme(t.id.clone()), labels::theme(i18n, &t)))
                    .collect_view()}
            </fieldset>
            <Show when=move || matches!(row.get(), Row::Theme(_))>
                <fieldset>
                    <legend>{i18n.tr(Key::move_when)}</legend>
                    {columns
                        .iter()
                        .map(|c| {
                            let id = c.id.clone();
                            let id2 = c.id.clone();
                            view! {
                                <label class="choice">
                                    <input
                                        type="radio"
                                        name="move-column"
                                        prop:checked=move || column.get() == id
                                        on:change=move |_| column.set(id2.clone())
                                    />
                                    <span>{labels::column(i18n, c)}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </Show>
            <fieldset>
                <legend>{i18n.tr(Key::move_position)}</legend>
                <label class="choice">
                    <input
                        type="radio"
                        name="move-index"
                        prop:checked=move || index.get() == 0
                        on:change=move |_| index.set(0)
                    />
                    <span>{i18n.tr(Key::move_first)}</span>
                </label>
                {move || {
                    others
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, (_, text))| {
                            view! {
                                <label class="choice">
                                    <input
                                        type="radio"
                                        name="move-index"
                                        prop:checked=move || index.get() == i + 1
                                        on:change=move |_| index.set(i + 1)
                                    />
                                    <span>{i18n.fill(Key::move_after, &[("text", &text)])}</span>
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
            <ErrorNotice message=error />
            <FormActions submit=Key::move_confirm on_cancel=on_done />
        </form>
    }
    .into_any()
}

// The form is a module of its own, fetched when a card is first moved this way.
split! {
    staff, board_dialogs, preload_move_card,
    fn move_form(store: BoardStore, card: CardId, on_done: Callback<()>) {
        view! { <MoveForm store=store card=card on_done=on_done /> }
    }
}
