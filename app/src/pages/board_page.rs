//! A board: the header, the side zones and the grid.

use leptos::prelude::*;
use model::{ApiErrorCode, Board, BoardId, ErrorBody};

use crate::{
    api::{self, ApiError},
    components::{
        board_header::BoardHeader,
        board_notices::BoardNotices,
        board_tools::BoardTools,
        card_details::CardDetails,
        duk_grid::DukGrid,
        error_notice::{ErrorNotice, error_text},
        move_dialog::MoveDialog,
        rows_panel::RowsPanel,
        side_zone::SideZone,
        team_panel::TeamPanel,
    },
    dnd::Dnd,
    i18n::{Key, use_i18n},
    router::{Link, Route},
    state::{BoardStore, BoardUi, TEXT_SCALES},
};

/// The page at `/boards/{id}`; `None` for a malformed id, which is shown as not found.
#[component]
pub fn BoardPage(id: Option<BoardId>) -> impl IntoView {
    let i18n = use_i18n();
    let board = LocalResource::new(move || {
        // The language only changes error texts; switching it must not reload the board.
        let lang = i18n.lang_untracked();
        async move {
            match id {
                Some(id) => api::board(id, lang).await,
                None => Err(ApiError::Server {
                    status: 404,
                    body: ErrorBody {
                        code: ApiErrorCode::UnknownBoard.code().into(),
                        message: ApiErrorCode::UnknownBoard.message(lang).into(),
                        detail: None,
                    },
                }),
            }
        }
    });
    view! {
        <Suspense fallback=move || {
            view! { <p class="page" aria-busy="true">{i18n.tr(Key::board_loading)}</p> }
        }>
            {move || {
                board
                    .get()
                    .map(|result| match result {
                        Ok(b) => view! { <BoardView board=b /> }.into_any(),
                        Err(e) => {
                            let message = error_text(i18n, &e);
                            view! {
                                <div class="page narrow">
                                    <ErrorNotice message=Some(message) />
                                    <p>
                                        <Link to=Route::Boards>{i18n.tr(Key::board_back)}</Link>
                                    </p>
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// The loaded board.
#[component]
fn BoardView(board: Board) -> impl IntoView {
    let i18n = use_i18n();
    let store = BoardStore::new(board);
    let ui = BoardUi::new();
    provide_context(ui);
    let dnd = Dnd::new(store, i18n);
    provide_context(dnd);
    Effect::new(move |_| {
        document().set_title(&format!("{} – Duk", store.header.with(|h| h.title.clone())));
    });
    let zone = move |id: &str| {
        store
            .template
            .with_untracked(|t| t.zones.iter().find(|z| z.id.as_str() == id).cloned())
            .map(|z| view! { <SideZone store=store zone=z /> })
    };
    // Zones are shown unless the user focuses on one theme or one time of the grid.
    let zones_shown =
        move || ui.focus_theme.with(Option::is_none) && ui.focus_column.with(Option::is_none);
    // Strengths and dreams come first (SPEC P11); the stylesheet places the zones around
    // the grid as on the paper when the screen is wide enough.
    view! {
        <div
            class="board-page"
            class:wall=move || ui.wall.get()
            style=move || format!("--text-scale: {}%", TEXT_SCALES[ui.text_scale.get()])
        >
            <BoardHeader store=store />
            <BoardNotices store=store />
            <Show when=move || !ui.wall.get()>
                <div class="board-panels">
                    <TeamPanel store=store />
                    <RowsPanel store=store />
                </div>
            </Show>
            <BoardTools store=store />
            <p id="dnd-help" class="visually-hidden">{i18n.tr(Key::card_handle_hint)}</p>
            <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || dnd.announcement.get()}
            </div>
            <div class="board-layout" class:focused=move || !zones_shown()>
                <Show when=zones_shown>
                    {zone("god-pa")}
                    {zone("drommer")}
                </Show>
                <DukGrid store=store />
                <Show when=zones_shown>
                    {zone("vanskelig")}
                    {zone("rundt-meg")}
                </Show>
            </div>
            <CardDetails store=store />
            <MoveDialog store=store />
        </div>
    }
}
