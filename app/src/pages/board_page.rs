//! A board: the header, the side zones and the grid.

use leptos::prelude::*;
use model::{ApiErrorCode, Board, BoardId, ErrorBody};

use crate::{
    api::{self, ApiError},
    components::{
        board_header::BoardHeader,
        duk_grid::DukGrid,
        error_notice::{ErrorNotice, error_text},
        side_zone::SideZone,
    },
    i18n::{Key, use_i18n},
    router::{Link, Route},
    state::BoardStore,
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
    let store = BoardStore::new(board);
    Effect::new(move |_| {
        document().set_title(&format!("{} – Duk", store.header.with(|h| h.title.clone())));
    });
    let zone = move |id: &str| {
        store
            .template
            .with_untracked(|t| t.zones.iter().find(|z| z.id.as_str() == id).cloned())
            .map(|z| view! { <SideZone store=store zone=z /> })
    };
    // Strengths and dreams come first (SPEC P11); the stylesheet places the zones around
    // the grid as on the paper when the screen is wide enough.
    view! {
        <div class="board-page">
            <BoardHeader store=store />
            <div class="board-layout">
                {zone("god-pa")}
                {zone("drommer")}
                <DukGrid store=store />
                {zone("vanskelig")}
                {zone("rundt-meg")}
            </div>
        </div>
    }
}
