//! The citizen's view of one board: loaded in one request, kept current by the board's
//! live connection (a change by the team is applied to the local copy at once) and fetched
//! again when the phone comes back to the page.

use leptos::{prelude::*, task::spawn_local};
use model::{BoardId, CitizenView, Event};
use wasm_bindgen::{JsCast, prelude::Closure};

use crate::{
    api::{self, ApiError},
    components::error_notice::error_text,
    format,
    i18n::I18n,
    state::{Session, live::LiveTarget, offline, use_session},
};

/// The citizen's view, shared by its pages through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct CitizenState {
    /// The board.
    pub id: BoardId,
    /// What the server last said, with the live changes since.
    pub data: RwSignal<Option<CitizenView>>,
    /// Why it could not be loaded, if it could not.
    pub error: RwSignal<Option<String>>,
    /// Set when `data` is the copy kept in this browser (no network): when it was fetched.
    pub kept_at: RwSignal<Option<model::Timestamp>>,
    i18n: I18n,
    session: Session,
}

impl CitizenState {
    /// Loads the view, follows the board live, and loads it again whenever the page
    /// becomes visible (the contact person's absence may have begun meanwhile).
    pub fn provide(id: BoardId, i18n: I18n) -> Self {
        let state = CitizenState {
            id,
            data: RwSignal::new(None),
            error: RwSignal::new(None),
            kept_at: RwSignal::new(None),
            i18n,
            session: use_session(),
        };
        provide_context(state);
        state.load();
        let on_visible = Closure::<dyn Fn()>::new(move || {
            if document().visibility_state() == web_sys::VisibilityState::Visible
                && !state.data.is_disposed()
            {
                state.load();
            }
        });
        let _ = document().add_event_listener_with_callback(
            "visibilitychange",
            on_visible.as_ref().unchecked_ref(),
        );
        let on_visible = StoredValue::new_local(Some(on_visible));
        on_cleanup(move || {
            on_visible.update_value(|c| {
                if let Some(c) = c.take() {
                    let _ = document().remove_event_listener_with_callback(
                        "visibilitychange",
                        c.as_ref().unchecked_ref(),
                    );
                }
            });
        });
        state
    }

    /// Fetches the view again.
    pub fn load(&self) {
        let state = *self;
        spawn_local(async move {
            let lang = state.i18n.lang_untracked();
            let account = state
                .session
                .me
                .try_with_untracked(|m| m.as_ref().map(|m| m.id))
                .flatten();
            match api::citizen_view(state.id, lang).await {
                Ok(view) => {
                    if let Some(account) = account {
                        offline::keep_plan(account, state.id, &view, format::now());
                    }
                    state.error.try_set(None);
                    state.kept_at.try_set(None);
                    state.data.try_set(Some(view));
                }
                // No network: the plan as it was last fetched in this browser, if it was,
                // unless a newer one is already shown.
                Err(ApiError::Network)
                    if state.data.try_with_untracked(Option::is_none) == Some(true) =>
                {
                    match account.and_then(|a| offline::kept_plan(a, state.id)) {
                        Some(kept) => {
                            state.kept_at.try_set(Some(kept.fetched_at));
                            state.data.try_set(Some(kept.view));
                        }
                        None => {
                            state
                                .error
                                .try_set(Some(error_text(state.i18n, &ApiError::Network)));
                        }
                    }
                }
                Err(e) => {
                    state.error.try_set(Some(error_text(state.i18n, &e)));
                }
            }
        });
    }
}

impl LiveTarget for CitizenState {
    fn board_id(&self) -> BoardId {
        self.id
    }

    fn since(&self) -> Option<u64> {
        self.data
            .try_with_untracked(|d| d.as_ref().map(|v| v.board.version))
            .flatten()
    }

    fn receive(&self, event: &Event) -> bool {
        self.data
            .try_update(|d| match d {
                // Already in what was loaded.
                Some(view) if event.version <= view.board.version => true,
                Some(view) => view.board.apply_event(event).is_ok(),
                // Not loaded yet: the load under way may have read the board before this
                // event, so load again.
                None => false,
            })
            .unwrap_or(true)
    }

    fn resync(&self) {
        self.load();
    }
}

/// The citizen's view provided by [`CitizenState::provide`].
pub fn use_citizen() -> CitizenState {
    expect_context::<CitizenState>()
}
