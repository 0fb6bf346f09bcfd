//! Duk's browser app: Leptos, rendered on the client, compiled to WebAssembly.
//!
//! `pages/` are the routes, `components/` the pieces they are built from (one component per
//! file), `api.rs` the typed client of the server, `state/` what pages share (the board
//! store), `router.rs` the routes, `chunk.rs` how the app is split into modules fetched
//! on first use (`lazy.rs` the pages' split points). Every user-visible string comes from `locales/*.json`
//! through `i18n.rs`.

pub mod api;
pub mod app;
pub mod chunk;
pub mod citizen_app;
pub mod components;
pub mod dnd;
pub mod format;
pub mod i18n;
pub mod labels;
pub mod lazy;
pub mod pages;
pub mod random;
pub mod router;
pub mod state;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point, called when the wasm module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    #[cfg(not(feature = "citizen-bundle"))]
    leptos::mount::mount_to_body(app::App);
    #[cfg(feature = "citizen-bundle")]
    leptos::mount::mount_to_body(citizen_app::CitizenApp);
}
