//! Who is on the board now, and which card each is moving (kept in memory only), with the
//! button that undoes the user's own last change (also Ctrl+Z / ⌘Z).

use leptos::prelude::*;
use model::{BoardRole, PresenceEntry, initials};

use crate::{
    i18n::{I18n, Key, use_i18n},
    labels::role_name,
    state::BoardStore,
};

/// How one person on the board is named for screen readers and in the tooltip.
fn described(i18n: I18n, store: BoardStore, p: &PresenceEntry, me: bool) -> String {
    let name = if me {
        i18n.fill(Key::presence_you, &[("name", &p.name)])
    } else {
        p.name.clone()
    };
    let mut text = i18n.fill(
        Key::presence_person,
        &[("name", &name), ("role", role_name(i18n, p.role))],
    );
    if let Some(card) = p.moving.and_then(|c| store.card(c)) {
        let card_text = card.with_untracked(|c| c.text.to_string());
        text.push_str(" – ");
        text.push_str(&i18n.fill(
            Key::presence_moving,
            &[("name", &p.name), ("text", &card_text)],
        ));
    }
    text
}

/// The name of whoever else is moving `card` now, if anyone.
pub fn moved_by(store: BoardStore, card: model::CardId) -> Option<String> {
    let me = store.me.get();
    store.people.with(|people| {
        people
            .iter()
            .find(|p| p.moving == Some(card) && Some(p.connection) != me)
            .map(|p| p.name.clone())
    })
}

/// The row of avatars and the undo button.
#[component]
pub fn PresenceBar(
    /// The board whose people present now are shown, and whose last change by this user is undone.
    store: BoardStore,
    /// The user's role on the board; the undo button shows only for roles that change anything.
    role: Signal<BoardRole>,
) -> impl IntoView {
    let i18n = use_i18n();
    let undo = move |_| {
        if let Err(m) = store.undo(i18n.lang_untracked()) {
            store.notice.set(Some(crate::state::Notice::Refused(m)));
        }
    };
    let people = move || {
        let me = store.me.get();
        store
            .people
            .get()
            .into_iter()
            .map(|p| {
                let mine = Some(p.connection) == me;
                let label = described(i18n, store, &p, mine);
                let title = label.clone();
                view! {
                    <li
                        class="presence-person"
                        class:presence-me=mine
                        class:presence-moving=p.moving.is_some()
                        data-role=p.role.as_str()
                        title=title
                    >
                        <span class="presence-avatar" aria-hidden="true">{initials(&p.name)}</span>
                        <span class="visually-hidden">{label}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="presence-bar">
            <Show when=move || store.people.with(|p| !p.is_empty())>
                <h2 class="presence-label">{i18n.tr(Key::presence_label)}</h2>
                <ul class="presence-list">{people}</ul>
            </Show>
            <Show when=move || role.get().changes_anything()>
                <button
                    type="button"
                    class="button button-quiet undo-button"
                    aria-keyshortcuts="Control+Z Meta+Z"
                    disabled=move || !store.can_undo.get()
                    on:click=undo
                >
                    <span aria-hidden="true">"↶ "</span>
                    // On a phone only the arrow shows; the words stay its name.
                    <span class="undo-text">{i18n.tr(Key::undo_last)}</span>
                </button>
            </Show>
        </div>
    }
}
