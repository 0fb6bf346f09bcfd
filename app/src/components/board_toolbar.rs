//! The board's tools in one row between the meeting bar and the duk: the team, meetings,
//! rows, access, and how the board is shown. In a meeting the duk is the thing on the table
//! (004:505–523), so the tools wait behind their buttons instead of stacking above it. A
//! button opens its panel right under the row, drawn from a module of its own fetched the
//! first time (`tool_panel`, preloaded when the browser is idle). On a phone the row
//! folds into one "Verktøy" button.

use leptos::prelude::*;
use model::Action;
use wasm_bindgen::JsCast;

use crate::{
    chunk::{chunk, split},
    format,
    i18n::{Key, use_i18n},
    state::{BoardStore, BoardUi, Tool},
};

/// The row of tool buttons and, under it, the open tool's panel.
#[component]
pub fn BoardToolbar(
    /// The board the tools work on; its team and upcoming meetings are counted on the buttons.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    // On a phone the buttons are behind "Verktøy" (the stylesheet shows them from 700 px).
    let menu = RwSignal::new(false);
    let count = move |key: Key, n: usize| i18n.fill(key, &[("count", &n.to_string())]);
    let team = move || {
        count(
            Key::team_count,
            store
                .members
                .with(|ms| ms.iter().filter(|m| !m.removed).count()),
        )
    };
    let meetings = move || {
        store.meetings.track();
        count(
            Key::meetings_count,
            store.with_board(|b| b.upcoming_meetings(format::now()).len()),
        )
    };
    let button = move |tool: Tool, label: Signal<String>| {
        view! {
            <button
                type="button"
                class="button tool-button"
                id=tool.button_id()
                aria-controls="tool-panel"
                aria-expanded=move || if ui.tool.get() == Some(tool) { "true" } else { "false" }
                on:click=move |_| {
                    // Chosen from the phone's menu: the menu folds away with the button
                    // that has focus, so focus goes on to the panel it opened.
                    let from_menu = menu.get_untracked();
                    menu.set(false);
                    let opening = ui.tool.get_untracked() != Some(tool);
                    ui.tool.set(opening.then_some(tool));
                    if from_menu {
                        request_animation_frame(move || {
                            crate::router::focus_element(if opening { "tool-section" } else { "tools-menu" });
                        });
                    }
                }
            >
                {move || label.get()}
            </button>
        }
    };
    // Focus goes back to the tool's button, or on a phone, where the button is folded
    // away in the menu, to "Verktøy".
    let close = move || {
        if let Some(tool) = ui.tool.get_untracked() {
            ui.tool.set(None);
            let shown = document()
                .get_element_by_id(tool.button_id())
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                .is_some_and(|b| b.offset_parent().is_some());
            crate::router::focus_element(if shown {
                tool.button_id()
            } else {
                "tools-menu"
            });
        }
    };
    view! {
        <div class="board-toolbar" class:menu-open=move || menu.get()>
            <button
                type="button"
                id="tools-menu"
                class="button toolbar-menu"
                aria-controls="tool-buttons"
                aria-expanded=move || if menu.get() { "true" } else { "false" }
                on:click=move |_| menu.update(|m| *m = !*m)
            >
                {i18n.tr(Key::tools_menu)}
            </button>
            <div id="tool-buttons" class="tool-buttons">
                <Show when=move || !ui.wall.get()>
                    {button(Tool::Team, Signal::derive(team))}
                    {button(Tool::Meetings, Signal::derive(meetings))}
                    <Show when=move || ui.offers(Action::EditRows, store)>
                        {button(Tool::Rows, Signal::derive(move || i18n.t(Key::rows_heading).to_string()))}
                    </Show>
                    <Show when=move || ui.offers(Action::ReadAccess, store)>
                        {button(Tool::Access, Signal::derive(move || i18n.t(Key::access_heading).to_string()))}
                    </Show>
                </Show>
                {button(
                    Tool::View,
                    Signal::derive(move || {
                        i18n.t(if ui.filtering() { Key::tools_heading_filtered } else { Key::tools_heading })
                            .to_string()
                    }),
                )}
            </div>
        </div>
        <div id="tool-panel">
            {move || {
                ui.tool
                    .get()
                    .map(|tool| {
                        view! {
                            <section
                                id="tool-section"
                                tabindex="-1"
                                class="panel tool-panel"
                                aria-labelledby=tool.button_id()
                                on:keydown=move |ev| {
                                    // Escape in a dialog opened from the panel closes only that.
                                    let in_dialog = ev
                                        .target()
                                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                                        .and_then(|el| el.closest("dialog").ok().flatten())
                                        .is_some();
                                    if ev.key() == "Escape" && !in_dialog {
                                        ev.prevent_default();
                                        close();
                                    }
                                }
                            >
                                <button
                                    type="button"
                                    class="modal-close tool-close"
                                    aria-label=i18n.tr(Key::tools_close)
                                    on:click=move |_| close()
                                >
                                    "×"
                                </button>
                                {chunk(move || tool_panel(tool, store))}
                            </section>
                        }
                    })
            }}
        </div>
    }
}

// The panels are a module of their own, fetched when a tool is first opened.
split! {
    staff, board_tools, preload_board_tools,
    fn tool_panel(tool: crate::state::Tool, store: BoardStore) {
        use super::{
            access_panel::AccessPanel, board_tools::BoardTools,
            meetings_panel::MeetingsPanel, rows_panel::RowsPanel, team_panel::TeamPanel,
        };
        match tool {
            Tool::Team => view! { <TeamPanel store=store /> }.into_any(),
            Tool::Meetings => view! { <MeetingsPanel store=store /> }.into_any(),
            Tool::Rows => view! { <RowsPanel store=store /> }.into_any(),
            Tool::Access => view! { <AccessPanel store=store /> }.into_any(),
            Tool::View => view! { <BoardTools store=store /> }.into_any(),
        }
    }
}
