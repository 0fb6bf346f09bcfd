//! The board's theme rows: add a row, rename a row, hide or show it (templates are data).

use leptos::{ev, prelude::*};
use model::{Operation, Patch, SlotId, Theme};

use crate::{
    components::{error_notice::ErrorNotice, text_field::TextField},
    i18n::{Key, use_i18n},
    labels, random,
    state::BoardStore,
};

/// The rows, folded away under their heading until opened.
#[component]
pub fn RowsPanel(
    /// The board whose theme rows are listed, added, renamed, hidden and shown.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    let apply = move |op: Operation| match store.apply(op, i18n.lang_untracked()) {
        Ok(()) => {
            error.set(None);
            true
        }
        Err(m) => {
            error.set(Some(m));
            false
        }
    };
    let add = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let theme_id = SlotId::parse(&format!("egen-{}", random::short_slug()))
            .expect("a generated slug is valid");
        if apply(Operation::AddTheme {
            theme_id,
            label: new_name.get_untracked(),
        }) {
            new_name.set(String::new());
        }
    };
    let themes = move || store.template.get().themes;
    view! {
        <div class="rows-panel">
            <ErrorNotice message=error />
            <ul class="rows-list">
                <For each=themes key=|t| (t.id.clone(), t.label.clone(), t.hidden) let:theme>
                    <RowLine theme=theme apply=apply />
                </For>
            </ul>
            <form class="add-row" on:submit=add>
                <TextField label=Key::rows_new_name value=new_name />
                <button type="submit" class="button button-primary">
                    {i18n.tr(Key::rows_add)}
                </button>
            </form>
        </div>
    }
}

#[component]
fn RowLine(
    theme: Theme,
    apply: impl Fn(Operation) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = labels::theme(i18n, &theme);
    let value = RwSignal::new(name.clone());
    let id = theme.id.clone();
    let hidden = theme.hidden;
    let has_custom = theme.label.is_some();
    let (id2, id3) = (id.clone(), id.clone());
    let rename = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        apply(Operation::EditTheme {
            theme_id: id.clone(),
            label: Patch::Set(value.get_untracked()),
            hidden: None,
        });
    };
    view! {
        <li class="row-line" class:row-hidden=hidden>
            <form class="row-rename" on:submit=rename>
                <label class="field">
                    <span class="visually-hidden">
                        {i18n.fill(Key::rows_rename, &[("name", &name)])}
                    </span>
                    <input
                        type="text"
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" class="button button-quiet">
                    {i18n.tr(Key::board_save)}
                </button>
            </form>
            {hidden.then(|| view! { <span class="row-flag">{i18n.tr(Key::rows_hidden)}</span> })}
            <button
                type="button"
                class="button button-quiet"
                on:click=move |_| {
                    apply(Operation::EditTheme {
                        theme_id: id2.clone(),
                        label: Patch::Keep,
                        hidden: Some(!hidden),
                    });
                }
            >
                {i18n.fill(if hidden { Key::rows_show } else { Key::rows_hide }, &[("name", &name)])}
            </button>
            {(has_custom && labels::is_builtin(id3.as_str()))
                .then(|| {
                    let id3 = id3.clone();
                    view! {
                        <button
                            type="button"
                            class="button button-quiet"
                            on:click=move |_| {
                                apply(Operation::EditTheme {
                                    theme_id: id3.clone(),
                                    label: Patch::Clear,
                                    hidden: None,
                                });
                            }
                        >
                            {i18n.tr(Key::rows_reset)}
                        </button>
                    }
                })}
        </li>
    }
}
