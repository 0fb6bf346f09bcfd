//! The board's history: every change as "who, when, what" in plain language, newest
//! first, filtered by person or theme; or one card's own history. Each line leads to the
//! board as it was right after it.

use leptos::prelude::*;
use model::{BoardId, BoardView, CardId, HistoryEntry, SlotId};

use crate::{
    api,
    components::error_notice::or_error,
    format,
    i18n::{Key, use_i18n},
    labels,
    router::{Link, Route},
};

/// The page at `/boards/{id}/historikk[/{card}]`.
#[component]
pub fn HistoryView(
    /// The board whose history is shown; `None` for a malformed id, which is shown as not found.
    id: Option<BoardId>,
    /// The card whose own history is shown; `None` for the whole board's.
    card: Option<CardId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = LocalResource::new(move || {
        let lang = i18n.lang();
        async move {
            let id = id.ok_or(api::ApiError::Http(404))?;
            let query = card.map(|c| format!("card={c}")).unwrap_or_default();
            let lines = api::history(id, &query, lang).await?;
            // For the names of rows and the card: the board as of the newest line (or now,
            // for a board older than its kept history).
            let board = match api::board_at(id, lines.last().map_or(0, |l| l.version), lang).await {
                Ok(b) => b,
                Err(_) => api::board(id, lang).await?,
            };
            Ok((id, board, lines))
        }
    });
    Effect::new(move |_| document().set_title(&format!("{} – Duk", i18n.t(Key::history_title))));
    view! {
        <div class="page history-page">
            <Suspense fallback=move || view! { <p aria-busy="true">{i18n.tr(Key::board_loading)}</p> }>
                {move || {
                    data.get().map(|r| or_error(i18n, r, |(id, board, lines)| {
                        view! { <History id=id card=card board=board lines=lines /> }.into_any()
                    }))
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn History(
    id: BoardId,
    card: Option<CardId>,
    board: BoardView,
    lines: Vec<HistoryEntry>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang_untracked();
    let person = RwSignal::new(String::new());
    let theme = RwSignal::new(String::new());
    let mut people: Vec<String> = lines.iter().map(|l| l.actor.clone()).collect();
    people.sort();
    people.dedup();
    let themes: Vec<(String, String)> = board
        .board
        .template
        .themes
        .iter()
        .map(|t| (t.id.to_string(), labels::theme(i18n, t)))
        .collect();
    let card_text = card.and_then(|c| board.board.cards.get(&c).map(|c| c.text.to_string()));
    let heading = match &card_text {
        Some(t) => i18n.fill(Key::history_card_title, &[("text", t)]),
        None => i18n.t(Key::history_title).to_string(),
    };
    let lines = StoredValue::new(lines);
    let shown = move || {
        let (p, t) = (person.get(), theme.get());
        let t = SlotId::parse(&t);
        lines.with_value(|ls| {
            ls.iter()
                .rev()
                .filter(|l| p.is_empty() || l.actor == p)
                .filter(|l| t.as_ref().is_none_or(|t| l.themes.contains(t)))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || shown().len();
    view! {
        <p>
            <Link to=Route::Board(Some(id))>{i18n.tr(Key::minutes_back)}</Link>
            {card.map(|_| view! { " · " <Link to=Route::History(Some(id), None)>{i18n.tr(Key::history_all)}</Link> })}
        </p>
        <h1>{heading}</h1>
        <div class="tool-group history-filters">
            <label class="field field-inline">
                <span class="field-label">{i18n.tr(Key::history_person)}</span>
                <select on:change=move |ev| person.set(event_target_value(&ev))>
                    <option value="">{i18n.tr(Key::tools_anyone)}</option>
                    {people.into_iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view()}
                </select>
            </label>
            <Show when=move || card.is_none()>
                <label class="field field-inline">
                    <span class="field-label">{i18n.tr(Key::tools_focus_theme)}</span>
                    <select on:change=move |ev| theme.set(event_target_value(&ev))>
                        <option value="">{i18n.tr(Key::tools_all_themes)}</option>
                        {themes.clone().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                    </select>
                </label>
            </Show>
        </div>
        <p role="status">{move || i18n.count(count(), Key::history_count_one, Key::history_count)}</p>
        <ol class="history-list" reversed>
            <For each=shown key=|l| l.version let:l>
                <li class="history-item">
                    <time datetime=l.at.0.to_string()>{format::date_time(l.at, lang)}</time>
                    <p class="history-text">{l.text.clone()}</p>
                    <p class="history-links">
                        <Link to=Route::BoardAt(Some(id), l.version)>
                            {i18n.fill(Key::history_board_then, &[("version", &l.version.to_string())])}
                        </Link>
                        {l.card_id
                            .filter(|_| card.is_none())
                            .map(|c| {
                                view! {
                                    " · "
                                    <Link to=Route::History(Some(id), Some(c))>
                                        {i18n.tr(Key::history_of_card)}
                                    </Link>
                                }
                            })}
                    </p>
                </li>
            </For>
        </ol>
    }
}
