//! The pieces pages are built from, one component per file.

pub mod access_panel;
pub mod add_card;
pub mod board_header;
pub mod board_notices;
pub mod board_toolbar;
pub mod board_tools;
pub mod calendar_links;
pub mod callback_form;
pub mod callback_inbox;
pub mod callback_status;
pub mod card_details;
pub mod card_editor;
pub mod card_list;
pub mod card_view;
pub mod contact_card;
pub mod duk_grid;
pub mod error_notice;
pub mod form_actions;
pub mod meeting_bar;
pub mod meetings_panel;
pub mod minutes_answer;
pub mod modal;
pub mod move_dialog;
pub mod next_meeting;
pub mod page_shell;
pub mod plan_outline;
pub mod presence_bar;
pub mod rows_panel;
pub mod scroll_box;
pub mod side_zone;
pub mod site_header;
pub mod static_board;
pub mod submit_button;
pub mod task_list;
pub mod team_panel;
pub mod text_field;

use std::cell::Cell;

use leptos::prelude::*;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A document-unique id for `for`/`aria-describedby` pairs.
pub fn unique_id(prefix: &str) -> String {
    let n = NEXT_ID.with(|c| {
        let n = c.get();
        c.set(n + 1);
        n
    });
    format!("{prefix}-{n}")
}

/// Sends a form: marks it pending, awaits `request`, then shows the error or calls
/// `on_ok`. The form's own signals are settled before `on_ok` runs, because `on_ok` may
/// replace the page (sign-in, navigation) and with it the signals; `try_set` makes a late
/// answer for a page already gone harmless.
pub fn submit_form<T: 'static>(
    i18n: crate::i18n::I18n,
    pending: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    request: impl std::future::Future<Output = Result<T, crate::api::ApiError>> + 'static,
    on_ok: impl FnOnce(T) + 'static,
) {
    if pending.get_untracked() {
        return;
    }
    pending.set(true);
    leptos::task::spawn_local(async move {
        let result = request.await;
        pending.try_set(false);
        match result {
            Ok(value) => {
                error.try_set(None);
                on_ok(value);
            }
            Err(e) => {
                error.try_set(Some(error_notice::error_text(i18n, &e)));
            }
        }
    });
}

/// The `aria-describedby` of a field: its hint, and its error message while there is one.
pub fn described_by(
    hint_id: String,
    error_id: String,
    error: RwSignal<Option<String>>,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || {
        if error.with(Option::is_some) {
            format!("{error_id} {hint_id}")
        } else {
            hint_id.clone()
        }
    }
}

/// Focuses an element once the page has re-rendered: the element a keyboard user came
/// from is often rendered anew when an editor closes.
pub fn focus_after_render<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
    NodeRef<E>: Copy,
{
    request_animation_frame(move || {
        if let Some(el) = node.get_untracked() {
            use wasm_bindgen::JsCast;
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
