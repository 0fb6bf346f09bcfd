//! The grid of the duk: theme rows × time columns.

use leptos::prelude::*;
use model::{COLUMN_LONG_TERM, COLUMN_SHORT_TERM, Column, Placement, Theme};

use crate::{
    components::card_list::CardList,
    dnd::place_key,
    i18n::{I18n, Key, use_i18n},
    labels,
    state::{BoardStore, BoardUi},
};

/// A column's heading, with the horizon date for the short- and long-term columns.
fn column_heading(i18n: I18n, store: BoardStore, column: &Column) -> String {
    let date = store.header.with(|h| match column.id.as_str() {
        COLUMN_SHORT_TERM => h.short_term_by,
        COLUMN_LONG_TERM => h.long_term_by,
        _ => None,
    });
    labels::column_by(i18n, column, date)
}

/// The whole grid. Columns head the grid once; every cell also carries its own (visually
/// hidden on wide screens) heading, so the phone layout and screen readers name each cell.
#[component]
pub fn DukGrid(
    /// The board whose theme rows, time columns and cards make up the grid.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    // Focus on one time column or one theme hides the others (SPEC P4).
    let columns = move || {
        let focus = ui.focus_column.get();
        store.template.with(|t| {
            t.columns
                .iter()
                .filter(|c| focus.as_ref().is_none_or(|f| *f == c.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let themes = move || {
        let focus = ui.focus_theme.get();
        store.template.with(|t| {
            t.themes
                .iter()
                .filter(|t| !t.hidden && focus.as_ref().is_none_or(|f| *f == t.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section
            class="duk"
            aria-labelledby="duk-heading"
            // Through the CSSOM, which the Content-Security-Policy allows (a `style`
            // attribute it would not).
            style=("--duk-columns", move || columns().len().to_string())
        >
            <h2 id="duk-heading" class="visually-hidden">
                {i18n.tr(Key::board_grid_heading)}
            </h2>
            <div class="duk-colheads" aria-hidden="true">
                <span class="duk-corner"></span>
                <For each=columns key=|c| c.id.clone() let:column>
                    <span class="duk-colhead">{move || column_heading(i18n, store, &column)}</span>
                </For>
            </div>
            {move || {
                let columns = columns();
                view! {
                    <For each=themes key=|t| (t.id.clone(), t.label.clone()) let:theme>
                        <ThemeRow store=store theme=theme columns=columns.clone() />
                    </For>
                }
            }}
        </section>
    }
}

/// One theme row: its name and one cell per column.
#[component]
fn ThemeRow(store: BoardStore, theme: Theme, columns: Vec<Column>) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("theme-{}", theme.id);
    let labelled_by = heading_id.clone();
    let theme_name = {
        let theme = theme.clone();
        Signal::derive(move || labels::theme(i18n, &theme))
    };
    let cells = columns
        .into_iter()
        .map(|column| {
            let placement = Placement::Cell {
                theme: theme.id.clone(),
                column: column.id.clone(),
            };
            let data_place = place_key(&placement);
            let column_name = {
                let column = column.clone();
                Signal::derive(move || column_heading(i18n, store, &column))
            };
            let place =
                Signal::derive(move || format!("{}, {}", theme_name.get(), column_name.get()));
            view! {
                <div
                    class=format!("duk-cell col-{}", column.id)
                    role="group"
                    aria-label=move || place.get()
                    data-place=data_place
                >
                    <h4 class="duk-cellhead">{move || column_name.get()}</h4>
                    <CardList store=store placement=placement place=place />
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="duk-row" aria-labelledby=labelled_by>
            <h3 id=heading_id class="duk-rowhead">
                {move || theme_name.get()}
            </h3>
            {cells}
        </section>
    }
}
