//! The frame around every page, the same in both bundles: the skip link to the content,
//! the bar at the top, and the `<main>` the page is drawn in. What only one bundle has (the
//! staff app's skip link to the duk on a board page) its root draws before the frame.

use leptos::prelude::*;

use crate::{
    components::site_header::SiteHeader,
    i18n::{Key, use_i18n},
};

/// Draws the skip link to the content, the site header and `<main id="main">` with the
/// page (`children`) in it. `<main>` can take focus (`tabindex="-1"`), so that the skip
/// link moves the keyboard there, not only the view.
///
/// (A generic function taking the page instead of `Children` was tried: it measured 1.4 KB
/// more on the board page's first visit and 0.1 KB more on the citizen's.)
#[component]
pub fn PageShell(
    /// The page: what `<main>` shows.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">
            {i18n.tr(Key::skip_to_content)}
        </a>
        <SiteHeader />
        <main id="main" tabindex="-1">
            {children()}
        </main>
    }
}
