//! A search of the staff directory: what the person typed, the accounts the server found
//! for it, and why the search failed if it did. The board's team panel uses it to add a
//! colleague to the team, the profile page to choose who covers; each draws the field and
//! the list its own way and decides what picking an account does.

use leptos::{prelude::*, task::spawn_local};
use model::StaffEntry;

use crate::{api, components::error_notice::error_text, i18n::I18n};

/// The signals of one staff search, owned by the component that shows it (each search
/// field has its own). Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct StaffSearchState {
    /// What the person typed, a name or an e-mail address: the search field's value.
    pub query: RwSignal<String>,
    /// The accounts the last answer listed; `None` until a search has answered, or once
    /// the component has put the list away.
    pub results: RwSignal<Option<Vec<StaffEntry>>>,
    /// Why the last search failed, if it did. The component may show its own errors here
    /// too, so that the search has one message line.
    pub error: RwSignal<Option<String>>,
    /// For the language of the request and of the error message.
    i18n: I18n,
}

impl StaffSearchState {
    /// A search with nothing typed and nothing found yet.
    pub fn new(i18n: I18n) -> Self {
        Self {
            query: RwSignal::new(String::new()),
            results: RwSignal::new(None),
            error: RwSignal::new(None),
            i18n,
        }
    }

    /// Asks the server for the staff accounts matching the query as it is now. An answer
    /// replaces the list and clears the error; a failure keeps the list and says why. The
    /// signals are set with `try_set`, since the component may be gone when the answer
    /// comes.
    pub fn search(self) {
        let Self {
            query,
            results,
            error,
            i18n,
        } = self;
        let q = query.get_untracked();
        let lang = i18n.lang_untracked();
        spawn_local(async move {
            match api::staff(&q, lang).await {
                Ok(list) => {
                    error.try_set(None);
                    results.try_set(Some(list));
                }
                Err(e) => {
                    error.try_set(Some(error_text(i18n, &e)));
                }
            }
        });
    }
}
