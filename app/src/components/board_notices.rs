//! What the user should know about their changes: saving, a refusal from the server, lost
//! contact, and "Angre" after a delete.

use leptos::prelude::*;
use model::Operation;

use crate::{
    i18n::{Key, use_i18n},
    state::{BoardStore, BoardUi, Notice, Overwritten},
};

/// The notices under the board's header.
#[component]
pub fn BoardNotices(
    /// The board whose save state, refusals, lost contact and deleted card are told of.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    let refused = move || match store.notice.get() {
        Some(Notice::Refused(m)) => Some(m),
        _ => None,
    };
    let overwritten = move || match store.notice.get() {
        Some(Notice::Overwritten(o)) => Some(o),
        _ => None,
    };
    let trouble = move || store.notice.get() == Some(Notice::Trouble);
    let offline = move || !store.online.get();
    // Only while the card is still deleted (a refused delete brings it back by itself).
    let deleted_text = move || {
        ui.deleted
            .get()
            .and_then(|id| store.card(id))
            .and_then(|c| c.with(|c| c.deleted.then(|| c.text.to_string())))
    };
    let undo_button: NodeRef<leptos::html::Button> = NodeRef::new();
    // The delete button went away with its dialog: the keyboard user lands on "Angre".
    Effect::new(move |_| {
        if ui.deleted.get().is_some() {
            crate::components::focus_after_render(undo_button);
        }
    });
    let undo = move |_| {
        if let Some(id) = ui.deleted.get_untracked() {
            if let Err(m) = store.apply(
                Operation::RestoreCard { card_id: id },
                i18n.lang_untracked(),
            ) {
                store.notice.set(Some(Notice::Refused(m)));
            }
            ui.deleted.set(None);
            crate::dnd::refocus_handle(id);
        }
    };
    view! {
        <div class="board-notices">
            <p class="save-state" role="status">
                // Offline nothing is being saved: the changes wait (the notice says so).
                {move || match store.unsent.get() {
                    0 => i18n.t(Key::saved_status).to_string(),
                    n if offline() => i18n.count(n, Key::unsaved_status_one, Key::unsaved_status),
                    n => i18n.count(n, Key::saving_status_one, Key::saving_status),
                }}
            </p>
            <div role="alert">
                {move || {
                    refused()
                        .map(|m| {
                            view! {
                                <p class="notice notice-error">
                                    <span>{m}</span>
                                    <button
                                        type="button"
                                        class="button button-quiet"
                                        on:click=move |_| store.notice.set(None)
                                    >
                                        {i18n.tr(Key::close)}
                                    </button>
                                </p>
                            }
                        })
                }}
                {move || overwritten().map(|o| view! { <OverwrittenNotice store=store notice=o /> })}
                <Show when=trouble>
                    <p class="notice notice-offline">{i18n.tr(Key::notice_server_trouble)}</p>
                </Show>
                <Show when=offline>
                    <p class="notice notice-offline">{i18n.tr(Key::notice_offline)}</p>
                </Show>
            </div>
            <div role="status">
                {move || {
                    deleted_text()
                        .map(|text| {
                            view! {
                                <p class="notice notice-undo">
                                    <span>{i18n.fill(Key::deleted_notice, &[("text", &text)])}</span>
                                    <button type="button" class="button" node_ref=undo_button on:click=undo>
                                        {i18n.tr(Key::undo)}
                                    </button>
                                    <button
                                        type="button"
                                        class="button button-quiet"
                                        on:click=move |_| ui.deleted.set(None)
                                    >
                                        {i18n.tr(Key::close)}
                                    </button>
                                </p>
                            }
                        })
                }}
            </div>
        </div>
    }
}

/// Someone replaced what the user had just written: both texts, and one tap to put the
/// user's back (or to keep the new one).
#[component]
fn OverwrittenNotice(store: BoardStore, notice: Overwritten) -> impl IntoView {
    let i18n = use_i18n();
    let Overwritten {
        by,
        yours,
        now,
        restore,
    } = notice;
    let restore = move |_| {
        if let Err(m) = store.apply(restore.clone(), i18n.lang_untracked()) {
            store.notice.set(Some(Notice::Refused(m)));
        } else {
            store.notice.set(None);
        }
    };
    let texts = yours.map(|yours| {
        view! {
            <dl class="overwritten-texts">
                <dt>{i18n.tr(Key::overwritten_yours)}</dt>
                <dd>{yours}</dd>
                <dt>{i18n.tr(Key::overwritten_now)}</dt>
                <dd>{now.unwrap_or_default()}</dd>
            </dl>
        }
        .into_any()
    });
    let texts =
        texts.unwrap_or_else(|| view! { <p>{i18n.tr(Key::overwritten_fields)}</p> }.into_any());
    view! {
        <div class="notice notice-overwritten">
            <p>{i18n.fill(Key::overwritten_by, &[("name", &by)])}</p>
            {texts}
            <p class="notice-actions">
                <button type="button" class="button" on:click=restore>
                    {i18n.tr(Key::overwritten_restore)}
                </button>
                <button
                    type="button"
                    class="button button-quiet"
                    on:click=move |_| store.notice.set(None)
                >
                    {i18n.tr(Key::overwritten_keep)}
                </button>
            </p>
        </div>
    }
}
