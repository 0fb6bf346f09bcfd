//! Time travel: the board as it was after a change or at a meeting, read-only, with the
//! way to the changes before and after it. Prints on A3 like the paper.

use leptos::prelude::*;
use model::{BoardId, BoardView, LocalDateTime};

use crate::{
    api,
    components::{error_notice::or_error, static_board::StaticBoard},
    format,
    i18n::{Key, use_i18n},
    router::{Link, Route},
};

/// The page at `/boards/{id}/versjon/{version}`.
#[component]
pub fn BoardAtView(
    /// The board from the address; `None` for a malformed id, which is shown as not found.
    id: Option<BoardId>,
    /// The board version to show the board as it was after.
    version: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = LocalResource::new(move || {
        let lang = i18n.lang();
        async move {
            let id = id.ok_or(api::ApiError::Http(404))?;
            Ok((id, api::board_at(id, version, lang).await?))
        }
    });
    Effect::new(move |_| {
        document().set_title(&format!(
            "{} – Duk",
            i18n.fill(Key::board_at_title, &[("version", &version.to_string())])
        ))
    });
    view! {
        <div class="page board-at-page">
            <Suspense fallback=move || view! { <p aria-busy="true">{i18n.tr(Key::board_loading)}</p> }>
                {move || {
                    data.get().map(|r| or_error(i18n, r, |(id, v)| view! { <BoardAt id=id view=v /> }.into_any()))
                }}
                {id.map(|id| view! {
                    <p class="no-print"><Link to=Route::Board(Some(id))>{i18n.tr(Key::minutes_back)}</Link></p>
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn BoardAt(id: BoardId, view: BoardView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang_untracked();
    let b = view.board;
    let version = b.version;
    // The meetings held by then: a way to step from meeting to meeting.
    let meetings = b
        .latest_minutes()
        .into_iter()
        .map(|m| {
            let when = LocalDateTime::in_oslo(m.ended_at);
            let label = i18n.fill(
                Key::board_at_meeting,
                &[
                    ("number", &m.number.to_string()),
                    ("date", &format::date(when.date, lang)),
                ],
            );
            let current = Signal::stored(m.version == version);
            view! {
                <li>
                    <Link to=Route::BoardAt(Some(id), m.version) current=current>{label}</Link>
                </li>
            }
        })
        .collect_view();
    let changed = b.updated_at;
    view! {
        <p class="no-print">
            <Link to=Route::History(Some(id), None)>{i18n.tr(Key::history_link)}</Link>
        </p>
        <h1>{b.title.to_string()}</h1>
        <p class="notice board-at-notice">
            {i18n.fill(
                Key::board_at_notice,
                &[("version", &version.to_string()), ("when", &format::date_time(changed, lang))],
            )}
        </p>
        <nav class="board-at-steps no-print" aria-label=i18n.tr(Key::board_at_steps)>
            <ul class="button-row">
                {(version > 0).then(|| view! {
                    <li><Link to=Route::BoardAt(Some(id), version - 1) class="button">{i18n.tr(Key::board_at_previous)}</Link></li>
                })}
                <li><Link to=Route::BoardAt(Some(id), version + 1) class="button">{i18n.tr(Key::board_at_next)}</Link></li>
                <li>
                    <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>
                        {i18n.tr(Key::tools_print_duk)}
                    </button>
                </li>
            </ul>
            <ul class="board-at-meetings">{meetings}</ul>
        </nav>
        <h2>{i18n.tr(Key::minutes_board)}</h2>
        <StaticBoard board=b />
    }
}
