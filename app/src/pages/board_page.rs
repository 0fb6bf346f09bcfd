//! A board: the header, the side zones and the grid.

use leptos::prelude::*;
use model::{ApiErrorCode, BoardId, BoardView, CloseReason, ErrorBody};
use wasm_bindgen::JsCast;

use crate::{
    api::{self, ApiError},
    components::{
        board_header::BoardHeader,
        board_notices::BoardNotices,
        board_toolbar::BoardToolbar,
        card_details::CardDetails,
        duk_grid::DukGrid,
        error_notice::{ErrorNotice, error_text},
        meeting_bar::MeetingBar,
        move_dialog::MoveDialog,
        side_zone::SideZone,
    },
    dnd::Dnd,
    i18n::{Key, use_i18n},
    router::{Link, Route},
    state::{BoardStore, BoardUi, LiveLink, TEXT_SCALES, use_session},
};

/// The page at `/boards/{id}`; `None` for a malformed id, which is shown as not found.
#[component]
pub fn BoardPage(
    /// The board to load and show; `None` for a malformed id, which is shown as not found.
    id: Option<BoardId>,
) -> impl IntoView {
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
                        Ok(v) => view! { <LoadedBoard view=v /> }.into_any(),
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

/// The loaded board, followed live until the viewer's access ends.
#[component]
fn LoadedBoard(view: BoardView) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // The board's answer names the viewer, so their unsent changes are kept in the browser
    // from the first moment (the session's own answer may come later).
    let store = BoardStore::new(view.board, view.viewer);
    let ui = BoardUi::new();
    ui.role.set(view.my_role);
    ui.seen_version.set(view.seen_version);
    provide_context(ui);
    Effect::new(move |_| {
        if let Some(me) = session.me.get() {
            store.set_me(me.name.clone());
        }
    });
    let live = LiveLink::connect(store);
    Effect::new(move |_| {
        if live.ended.get() == Some(CloseReason::SessionEnded) {
            session.me.set(None);
        }
    });
    // The server says what the viewer may do; a change of role (the lead handed over)
    // comes with the next load.
    view! {
        <Show
            when=move || live.ended.get() != Some(CloseReason::AccessRevoked)
            fallback=move || {
                view! {
                    <div class="page narrow">
                        <ErrorNotice message=Some(i18n.t(Key::board_access_ended).to_string()) />
                        <p>
                            <Link to=Route::Boards>{i18n.tr(Key::board_back)}</Link>
                        </p>
                    </div>
                }
            }
        >
            <BoardBody store=store ui=ui />
        </Show>
    }
}

/// The board itself.
#[component]
fn BoardBody(store: BoardStore, ui: BoardUi) -> impl IntoView {
    let i18n = use_i18n();
    let dnd = Dnd::new(store, i18n);
    provide_context(dnd);
    preload_board_dialogs();
    provide_context(crate::state::ChangeMarks::new(store, ui));
    // Ctrl+Z / ⌘Z undoes the user's own last change, except in a text field, where it
    // undoes typing as usual.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let undo_key = (ev.ctrl_key() || ev.meta_key())
            && !ev.shift_key()
            && !ev.alt_key()
            && ev.key().eq_ignore_ascii_case("z");
        if !undo_key || !ui.role.get_untracked().changes_anything() {
            return;
        }
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|el| {
                el.is_content_editable()
                    || matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            });
        if in_field {
            return;
        }
        ev.prevent_default();
        match store.undo(i18n.lang_untracked()) {
            Ok(()) => dnd.announcement.set(i18n.t(Key::undo_done).to_string()),
            Err(m) => store.notice.set(Some(crate::state::Notice::Refused(m))),
        }
    });
    on_cleanup(move || keys.remove());
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
    // the grid as on the paper when the screen is wide enough. The header, the meeting bar
    // and the toolbar are one line each, so the duk is in the first screen.
    view! {
        <div
            class="board-page"
            class:wall=move || ui.wall.get()
            style=("--text-scale", move || format!("{}%", TEXT_SCALES[ui.text_scale.get()]))
        >
            <BoardHeader store=store />
            <MeetingBar store=store />
            <BoardToolbar store=store />
            <BoardNotices store=store />
            <p id="dnd-help" class="visually-hidden">{i18n.tr(Key::card_handle_hint)}</p>
            <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || dnd.announcement.get()}
            </div>
            // "Hopp til duken" (the first skip link) lands here: one Tab on is the first card.
            <div id="duk" class="board-layout" class:focused=move || !zones_shown() tabindex="-1">
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

/// Fetches the board's dialogs and tools once the browser has nothing else to do, so the
/// first one opened shows at once.
fn preload_board_dialogs() {
    use crate::components::{board_toolbar, card_details, move_dialog};
    request_idle_callback(|| {
        leptos::task::spawn_local(async {
            let _ = card_details::preload_card_details().await;
            let _ = move_dialog::preload_move_card().await;
            let _ = board_toolbar::preload_board_tools().await;
        })
    });
}
