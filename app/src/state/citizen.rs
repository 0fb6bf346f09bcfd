//! The citizen's view of one board: loaded in one request, and fetched again when the
//! board's live connection says the team changed something and when the phone comes back
//! to the page.
//!
//! Her page does not apply the team's changes itself, as the board page does: reading
//! every kind of change and applying it would put the decoding of all of them and the
//! board's whole logic in her phone's bundle, about a tenth of it, for a view that one
//! request brings whole (SPEC §10). Changes that come together cost one request.

use leptos::{prelude::*, task::spawn_local};
use model::{BoardId, CitizenView};
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
    /// Whether a load is under way, and whether another is wanted after it (a change came
    /// meanwhile): changes that come together cost one request.
    loading: StoredValue<Loading>,
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
            loading: StoredValue::new(Loading::Idle),
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

    /// Fetches the view again (after the load under way, if there is one).
    pub fn load(&self) {
        let state = *self;
        match state.loading.try_get_value() {
            None => return,
            Some(Loading::Idle) => state.loading.set_value(Loading::Busy),
            Some(_) => {
                state.loading.set_value(Loading::BusyThenAgain);
                return;
            }
        }
        spawn_local(async move {
            state.fetch().await;
            let again = state.loading.try_get_value() == Some(Loading::BusyThenAgain);
            state.loading.try_set_value(Loading::Idle);
            if again {
                state.load();
            }
        });
    }

    /// One request for the view; without a network, the copy kept in this browser.
    async fn fetch(self) {
        let state = self;
        let lang = state.i18n.lang_untracked();
        let account = state
            .session
            .me
            .try_with_untracked(|m| m.as_ref().map(|m| m.id))
            .flatten();
        match api::citizen_view(state.id, lang).await {
            Ok((view, text)) => {
                if let Some(account) = account {
                    offline::keep_plan(account, state.id, &text, format::now());
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
    }
}

/// See [`CitizenState::load`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loading {
    Idle,
    Busy,
    BusyThenAgain,
}

/// What her page reads of a change on the board: only its version.
#[derive(serde::Deserialize)]
pub struct EventVersion {
    version: u64,
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

    type Event = EventVersion;

    /// A change already in what was loaded is taken; any other makes the view load again
    /// (through [`LiveTarget::resync`]).
    fn receive(&self, event: &EventVersion) -> bool {
        self.since().is_some_and(|held| event.version <= held)
    }

    fn resync(&self) {
        self.load();
    }
}

/// The citizen's view provided by [`CitizenState::provide`].
pub fn use_citizen() -> CitizenState {
    expect_context::<CitizenState>()
}
