//! A board drawn read-only as the paper sheet: the side zones, then the grid of themes ×
//! times with the cards in each cell. For the board as it was (time travel) and the board
//! frozen in the minutes; it prints on A3 like the paper.

use leptos::prelude::*;
use model::{Board, Card, Placement};

use crate::{
    components::scroll_box::ScrollBox,
    format,
    i18n::{I18n, Key, use_i18n},
    labels,
};

/// The board, read-only; cards changed after `changed_after` are marked.
#[component]
pub fn StaticBoard(
    /// The board to draw: its side zones, theme rows, time columns and cards.
    board: Board,
    /// A board version: cards changed in a later one are marked as changed; none if omitted.
    #[prop(optional)]
    changed_after: Option<u64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = |p: &Placement| cell(i18n, &board, p, changed_after);
    let zones = board
        .template
        .zones
        .iter()
        .map(|z| {
            let p = Placement::Zone { zone: z.id.clone() };
            view! {
                <section class="static-zone">
                    <h3>{labels::zone(i18n, z)}</h3>
                    {list(&p)}
                </section>
            }
        })
        .collect_view();
    let columns = board.template.columns.clone();
    let head = columns
        .iter()
        .map(|c| view! { <th scope="col">{labels::column(i18n, c)}</th> })
        .collect_view();
    let rows = board
        .template
        .themes
        .iter()
        .filter(|t| !t.hidden)
        .map(|t| {
            let cells = columns
                .iter()
                .map(|c| {
                    let p = Placement::Cell {
                        theme: t.id.clone(),
                        column: c.id.clone(),
                    };
                    view! { <td>{list(&p)}</td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{labels::theme(i18n, t)}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="static-board">
            <div class="static-zones">{zones}</div>
            <ScrollBox label=i18n.tr(Key::board_grid_caption)>
                <table class="static-grid">
                    <caption class="visually-hidden">{i18n.tr(Key::board_grid_caption)}</caption>
                    <thead>
                        <tr>
                            <td></td>
                            {head}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollBox>
        </div>
    }
}

/// The cards at one placement, or a dash.
fn cell(i18n: I18n, board: &Board, p: &Placement, changed_after: Option<u64>) -> AnyView {
    let cards = board.cards_at(p);
    if cards.is_empty() {
        return view! {
            <p class="static-empty">
                <span aria-hidden="true">"–"</span>
                <span class="visually-hidden">{i18n.t(Key::static_no_cards)}</span>
            </p>
        }
        .into_any();
    }
    view! {
        <ul class="static-cards">
            {cards.into_iter().map(|c| card_item(i18n, board, c, changed_after)).collect_view()}
        </ul>
    }
    .into_any()
}

fn card_item(i18n: I18n, board: &Board, c: &Card, changed_after: Option<u64>) -> impl IntoView {
    let lang = i18n.lang_untracked();
    let changed = changed_after.is_some_and(|v| c.changed_in > v);
    let who = c.responsible.as_ref().map(|r| board.responsible_label(r));
    let due = c.effective_due().map(|d| format::short_date(d, lang));
    view! {
        <li class="static-card" class:card-changed=changed>
            {changed.then(|| view! { <span class="card-tag">{i18n.t(Key::card_changed)}</span> })}
            <span class="static-card-text">{c.text.to_string()}</span>
            {who.map(|w| view! { <span class="static-card-meta">{w}</span> })}
            {due.map(|d| view! { <span class="static-card-meta">{i18n.t(Key::board_due)} " " {d}</span> })}
        </li>
    }
}
