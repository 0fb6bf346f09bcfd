//! The citizen's view of one board: her first screen loaded in one small request, and
//! fetched again when the board's live connection says the team changed something and
//! when the phone comes back to the page. The whole plan ("Min plan", "Ring meg") is
//! fetched and decoded by those tabs, in their own module, so that the code decoding a
//! whole board is not in the first screen's download (SPEC §10).
//!
//! Her page does not apply the team's changes itself, as the board page does: reading
//! every kind of change and applying it would put the decoding of all of them and the
//! board's whole logic in her phone's bundle, about a tenth of it, for a view that one
//! request brings whole (SPEC §10). Changes that come together cost one request.

use leptos::{prelude::*, task::spawn_local};
use model::{BoardId, CitizenOverview, CitizenView};
use wasm_bindgen::{JsCast, prelude::Closure};

use crate::{
    api::{self, ApiError},
    components::error_notice::error_text,
    format,
    i18n::I18n,
    state::{
        Session,
        live::LiveTarget,
        offline::{self, Kept},
        use_session,
    },
};

/// The citizen's view, shared by its pages through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct CitizenState {
    /// The board.
    pub id: BoardId,
    /// Her first screen as the server last said it.
    pub data: RwSignal<Option<CitizenOverview>>,
    /// The whole plan, once a tab that shows it has loaded it ([`CitizenState::whole_plan`]).
    pub whole: RwSignal<Option<CitizenView>>,
    /// Why the whole plan could not be loaded, if it could not.
    pub whole_error: RwSignal<Option<String>>,
    /// Why it could not be loaded, if it could not.
    pub error: RwSignal<Option<String>>,
    /// Set when `data` is the copy kept in this browser (no network): when it was fetched.
    pub kept_at: RwSignal<Option<model::Timestamp>>,
    /// Whether a load is under way, and whether another is wanted after it (a change came
    /// meanwhile): changes that come together cost one request.
    loading: StoredValue<Loading>,
    /// The same for the whole plan.
    whole_loading: StoredValue<Loading>,
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
            whole: RwSignal::new(None),
            whole_error: RwSignal::new(None),
            error: RwSignal::new(None),
            kept_at: RwSignal::new(None),
            loading: StoredValue::new(Loading::Idle),
            whole_loading: StoredValue::new(Loading::Idle),
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

    /// Fetches her first screen again (after the load under way, if there is one).
    pub fn load(&self) {
        let state = *self;
        coalesce(state.loading, move || state.fetch());
    }

    /// One request for her first screen; without a network, the copy kept in this browser.
    async fn fetch(self) {
        let lang = self.i18n.lang_untracked();
        let account = self.account();
        match api::citizen_overview(self.id, lang).await {
            Ok((view, text)) => {
                if let Some(account) = account {
                    offline::keep_plan(account, self.id, Kept::Overview, &text, format::now());
                }
                self.error.try_set(None);
                self.kept_at.try_set(None);
                self.data.try_set(Some(view));
            }
            // No network: the plan as it was last fetched in this browser, if it was,
            // unless a newer one is already shown.
            Err(ApiError::Network)
                if self.data.try_with_untracked(Option::is_none) == Some(true) =>
            {
                match account.and_then(|a| offline::kept_plan(a, self.id, Kept::Overview)) {
                    Some(kept) => {
                        self.kept_at.try_set(Some(kept.fetched_at));
                        self.data.try_set(Some(kept.view));
                    }
                    None => {
                        self.error
                            .try_set(Some(error_text(self.i18n, &ApiError::Network)));
                    }
                }
            }
            Err(e) => {
                self.error.try_set(Some(error_text(self.i18n, &e)));
            }
        }
    }

    /// The whole plan, for the tabs that show it: loaded when first asked for and whenever
    /// her first screen is newer than it. Called only from those tabs' module, so that
    /// decoding a whole board is code only that module carries.
    pub fn whole_plan(&self) -> RwSignal<Option<CitizenView>> {
        let state = *self;
        Effect::new(move |_| {
            let wanted = state.data.with(|d| d.as_ref().map(|o| o.version));
            let held = state
                .whole
                .with_untracked(|w| w.as_ref().map(|v| v.board.version));
            if held.is_none() || held < wanted {
                state.load_whole();
            }
        });
        state.whole
    }

    /// Fetches the whole plan again (after the load under way, if there is one).
    pub fn load_whole(&self) {
        let state = *self;
        coalesce(state.whole_loading, move || state.fetch_whole());
    }

    async fn fetch_whole(self) {
        let lang = self.i18n.lang_untracked();
        let account = self.account();
        match api::citizen_view(self.id, lang).await {
            Ok((view, text)) => {
                if let Some(account) = account {
                    offline::keep_plan(account, self.id, Kept::Whole, &text, format::now());
                }
                self.whole_error.try_set(None);
                self.whole.try_set(Some(view));
            }
            Err(ApiError::Network)
                if self.whole.try_with_untracked(Option::is_none) == Some(true) =>
            {
                match account.and_then(|a| offline::kept_plan(a, self.id, Kept::Whole)) {
                    Some(kept) => {
                        self.whole.try_set(Some(kept.view));
                    }
                    None => {
                        self.whole_error
                            .try_set(Some(error_text(self.i18n, &ApiError::Network)));
                    }
                }
            }
            Err(e) => {
                self.whole_error.try_set(Some(error_text(self.i18n, &e)));
            }
        }
    }

    fn account(&self) -> Option<model::AccountId> {
        self.session
            .me
            .try_with_untracked(|m| m.as_ref().map(|m| m.id))
            .flatten()
    }
}

/// Runs `load` unless a load is under way; then once more after it, however many were
/// asked for meanwhile: changes that come together cost one request.
fn coalesce<F, Fut>(loading: StoredValue<Loading>, load: F)
where
    F: Fn() -> Fut + Copy + 'static,
    Fut: std::future::Future<Output = ()> + 'static,
{
    match loading.try_get_value() {
        None => return,
        Some(Loading::Idle) => loading.set_value(Loading::Busy),
        Some(_) => {
            loading.set_value(Loading::BusyThenAgain);
            return;
        }
    }
    spawn_local(async move {
        load().await;
        let again = loading.try_get_value() == Some(Loading::BusyThenAgain);
        loading.try_set_value(Loading::Idle);
        if again {
            coalesce(loading, load);
        }
    });
}

/// See [`coalesce`].
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
            .try_with_untracked(|d| d.as_ref().map(|v| v.version))
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
