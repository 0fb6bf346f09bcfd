//! How the board is shown (SPEC P4–P7): focus on one theme or one time, hide done cards,
//! filters, text size, wall view and printing.

use leptos::prelude::*;
use model::SlotId;

use crate::{
    i18n::{Key, use_i18n},
    labels,
    state::{BoardStore, BoardUi, Highlight, TEXT_SCALES},
};

/// The view controls, in the panel of the toolbar's "Visning og filtre".
#[component]
// long-fn: the view panel's controls in the order they show
pub fn BoardTools(
    /// The board whose themes, time columns and people the focus and responsible filters offer.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    let slot = |v: String| (!v.is_empty()).then(|| SlotId::parse(&v)).flatten();
    let themes = move || {
        store.template.with(|t| {
            t.themes
                .iter()
                .filter(|x| !x.hidden)
                .map(|x| (x.id.to_string(), labels::theme(i18n, x)))
                .collect::<Vec<_>>()
        })
    };
    let columns = move || {
        store.template.with(|t| {
            t.columns
                .iter()
                .map(|x| (x.id.to_string(), labels::column(i18n, x)))
                .collect::<Vec<_>>()
        })
    };
    let people = move || {
        let mut out = vec![(
            "citizen".to_string(),
            store.header.with(|h| h.citizen_name.clone()),
        )];
        out.extend(
            store
                .members
                .get()
                .into_iter()
                .filter(|m| !m.removed)
                .map(|m| (format!("member:{}", m.id), m.name.to_string())),
        );
        out
    };
    let options = |list: Vec<(String, String)>| {
        list.into_iter()
            .map(|(v, l)| view! { <option value=v>{l}</option> })
            .collect_view()
    };
    let toggle = move |signal: RwSignal<bool>, key: Key| {
        view! {
            <label class="toggle">
                <input
                    type="checkbox"
                    prop:checked=move || signal.get()
                    on:change=move |ev| signal.set(event_target_checked(&ev))
                />
                <span>{i18n.tr(key)}</span>
            </label>
        }
    };
    let print = move |list: bool| {
        if let Some(body) = document().body() {
            let _ = body.class_list().toggle_with_force("print-list", list);
        }
        let _ = window().print();
    };
    view! {
        <div class="board-tools-body">
            <Show when=move || !ui.wall.get()>
                <div class="tool-group">
                    <label class="field field-inline">
                        <span class="field-label">{i18n.tr(Key::tools_focus_theme)}</span>
                        <select
                            prop:value=move || ui.focus_theme.get().map(|s| s.to_string()).unwrap_or_default()
                            on:change=move |ev| ui.focus_theme.set(slot(event_target_value(&ev)))
                        >
                            <option value="">{i18n.tr(Key::tools_all_themes)}</option>
                            {move || options(themes())}
                        </select>
                    </label>
                    <label class="field field-inline">
                        <span class="field-label">{i18n.tr(Key::tools_focus_column)}</span>
                        <select
                            prop:value=move || ui.focus_column.get().map(|s| s.to_string()).unwrap_or_default()
                            on:change=move |ev| ui.focus_column.set(slot(event_target_value(&ev)))
                        >
                            <option value="">{i18n.tr(Key::tools_all_columns)}</option>
                            {move || options(columns())}
                        </select>
                    </label>
                    <label class="field field-inline">
                        <span class="field-label">{i18n.tr(Key::tools_responsible)}</span>
                        <select
                            prop:value=move || ui.responsible.get()
                            on:change=move |ev| ui.responsible.set(event_target_value(&ev))
                        >
                            <option value="">{i18n.tr(Key::tools_anyone)}</option>
                            {move || options(people())}
                        </select>
                    </label>
                </div>
                <div class="tool-group">
                    {toggle(ui.hide_done, Key::tools_hide_done)}
                    {toggle(ui.with_due, Key::tools_with_due)}
                    {toggle(ui.proposed, Key::tools_proposed)}
                    <label class="field field-inline">
                        <span class="field-label">{i18n.tr(Key::tools_highlight)}</span>
                        <select
                            prop:value=move || match ui.highlight.get() {
                                Highlight::Off => "",
                                Highlight::SinceMeeting => "meeting",
                                Highlight::SinceSeen => "seen",
                            }
                            on:change=move |ev| ui.highlight.set(match event_target_value(&ev).as_str() {
                                "meeting" => Highlight::SinceMeeting,
                                "seen" => Highlight::SinceSeen,
                                _ => Highlight::Off,
                            })
                        >
                            <option value="">{i18n.tr(Key::tools_highlight_off)}</option>
                            <option value="meeting">{i18n.tr(Key::tools_highlight_meeting)}</option>
                            <option value="seen">{i18n.tr(Key::tools_highlight_seen)}</option>
                        </select>
                    </label>
                </div>
            </Show>
            <div class="tool-group" role="group" aria-label=i18n.tr(Key::tools_text_size)>
                <button
                    type="button"
                    class="button button-quiet"
                    prop:disabled=move || ui.text_scale.get() == 0
                    on:click=move |_| ui.step_text(false)
                >
                    <span aria-hidden="true">"A−"</span>
                    <span class="visually-hidden">{i18n.tr(Key::tools_smaller)}</span>
                </button>
                <span class="text-scale" aria-live="polite">
                    {move || format!("{} %", TEXT_SCALES[ui.text_scale.get()])}
                </span>
                <button
                    type="button"
                    class="button button-quiet"
                    prop:disabled=move || ui.text_scale.get() + 1 == TEXT_SCALES.len()
                    on:click=move |_| ui.step_text(true)
                >
                    <span aria-hidden="true">"A+"</span>
                    <span class="visually-hidden">{i18n.tr(Key::tools_larger)}</span>
                </button>
            </div>
            <div class="tool-group">
                <button
                    type="button"
                    class="button button-quiet"
                    aria-pressed=move || if ui.wall.get() { "true" } else { "false" }
                    on:click=move |_| {
                        // The handles go away in wall view: put back a card lifted by keyboard.
                        expect_context::<crate::dnd::Dnd>().cancel();
                        ui.wall.update(|w| *w = !*w)
                    }
                >
                    {move || i18n.t(if ui.wall.get() { Key::tools_wall_exit } else { Key::tools_wall })}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| print(false)>
                    {i18n.tr(Key::tools_print_duk)}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| print(true)>
                    {i18n.tr(Key::tools_print_list)}
                </button>
            </div>
        </div>
    }
}
