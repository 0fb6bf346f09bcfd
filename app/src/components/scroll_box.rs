//! A box that scrolls sideways when what it holds (a wide table) does not fit the screen.

use leptos::prelude::*;

/// Scrolls its content sideways on a narrow screen, and only itself: the page never does.
/// It is a named region that takes focus, so that keyboard users can scroll it too (WCAG
/// 2.1.1), and it is positioned, so that visually hidden text in it stays inside it.
#[component]
pub fn ScrollBox(
    /// The region's accessible name, saying what the box holds.
    #[prop(into)]
    label: Signal<&'static str>,
    /// What scrolls: the wide content, such as a table.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="scroll-box" role="region" tabindex="0" aria-label=move || label.get()>
            {children()}
        </div>
    }
}
