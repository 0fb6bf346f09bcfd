//! A modal dialog on the native `<dialog>` element: the browser keeps focus inside it, puts
//! it above the page, closes it on Escape and makes the page behind it inert.

use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

use crate::i18n::{Key, use_i18n};

/// Opens while `open` is true; `on_close` runs when the user closes it (Escape, the close
/// button) so the owner can clear its state. Its content is built only while it is open.
#[component]
pub fn Modal(
    /// Whether it is open.
    #[prop(into)]
    open: Signal<bool>,
    /// Its heading.
    #[prop(into)]
    title: Signal<String>,
    /// Called when the user closes it.
    on_close: Callback<()>,
    /// The content.
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog: NodeRef<leptos::html::Dialog> = NodeRef::new();
    let heading_id = super::unique_id("dialog-title");
    let labelled_by = heading_id.clone();
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        let el: &web_sys::HtmlDialogElement = el.unchecked_ref();
        if open.get() {
            if !el.open() {
                let _ = el.show_modal();
            }
        } else if el.open() {
            el.close();
        }
    });
    let children = StoredValue::new(children);
    view! {
        <dialog
            class="modal"
            node_ref=dialog
            aria-labelledby=labelled_by
            on:close=move |_| {
                if open.get_untracked() {
                    on_close.run(());
                }
            }
            on:cancel=move |ev: ev::Event| {
                ev.prevent_default();
                on_close.run(());
            }
        >
            <div class="modal-head">
                <h2 id=heading_id>{move || title.get()}</h2>
                <button
                    type="button"
                    class="modal-close"
                    aria-label=i18n.tr(Key::close)
                    on:click=move |_| on_close.run(())
                >
                    <span aria-hidden="true">"×"</span>
                </button>
            </div>
            <Show when=move || open.get()>{move || children.with_value(|c| c())}</Show>
        </dialog>
    }
}
