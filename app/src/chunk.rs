//! How the app is split. A split point ([`split!`]) is a function compiled into a wasm
//! module of its own (`cargo xtask build` splits the wasm with `wasm_split_cli_support`),
//! fetched the first time it is called or preloaded, so that a page downloads only what it
//! shows (SPEC §10). Split points live next to what they draw: the pages' in `lazy.rs`,
//! a dialog's or panel's in the component that opens it.
//!
//! A split function returns its view; [`chunk`] draws it with a busy line while the module
//! loads and a notice, with a retry, if it cannot be loaded (offline, or Duk was updated
//! meanwhile).

use leptos::{prelude::*, wasm_split::SplitLoaderError};
use send_wrapper::SendWrapper;

use crate::i18n::{Key, use_i18n};

/// A module that could not be fetched.
#[derive(Debug, Clone, Copy)]
pub struct ChunkMissing;

impl From<SplitLoaderError> for ChunkMissing {
    fn from(_: SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// What a split function gives: its view, or why its module is missing.
pub type Loaded = Result<AnyView, ChunkMissing>;

/// A split point: `bundle` is the bundle whose pages call it (`staff` or `citizen`),
/// `module` the file it is compiled into there (several functions may share one),
/// `preload` fetches that file without drawing. Elsewhere (the other bundle, where nothing
/// calls it, and the wasm tests, which are not split) it is a plain function: an unused
/// split point would otherwise keep its code in the entry.
macro_rules! split {
    (staff, $($rest:tt)*) => {
        split!(@cfg all(duk_split, not(feature = "citizen-bundle")), $($rest)*);
    };
    (citizen, $($rest:tt)*) => {
        split!(@cfg all(duk_split, feature = "citizen-bundle"), $($rest)*);
    };
    (@cfg $when:meta, $module:ident, $preload:ident, fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        // `wasm_split` declares the module's loader and entry point with `unsafe extern`
        // blocks inside these two functions; no unsafe code is written by hand.
        #[cfg($when)]
        #[::leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split,
            fallible, preload(#[allow(dead_code, unsafe_code)] $preload))]
        #[allow(unsafe_code)]
        pub(crate) fn $name($($arg: $ty),*) -> $crate::chunk::Loaded {
            Ok(::leptos::prelude::IntoAny::into_any($body))
        }

        #[cfg(not($when))]
        #[allow(dead_code)]
        pub(crate) async fn $name($($arg: $ty),*) -> $crate::chunk::Loaded {
            Ok(::leptos::prelude::IntoAny::into_any($body))
        }

        #[cfg(not($when))]
        #[allow(dead_code)]
        pub(crate) async fn $preload() -> Result<(), ::leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }
    };
}

pub(crate) use split;

/// Draws what a split function gives: a busy line while its module loads (only the first
/// time: a loaded module answers at once), and if it cannot be loaded, a notice with a
/// button that tries again.
pub fn chunk<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + Clone + 'static,
    Fut: Future<Output = Loaded> + 'static,
{
    drawn(load, Waiting::BusyLine)
}

/// Draws a part of a page that comes after what the page shows first: nothing while its
/// module loads (the page is already there; a busy line would only jump about), and a
/// notice with a retry if it cannot be loaded.
pub fn chunk_after<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + Clone + 'static,
    Fut: Future<Output = Loaded> + 'static,
{
    drawn(load, Waiting::Nothing)
}

/// What [`drawn`] shows while a module loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waiting {
    BusyLine,
    Nothing,
}

fn drawn<F, Fut>(load: F, waiting: Waiting) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + Clone + 'static,
    Fut: Future<Output = Loaded> + 'static,
{
    let i18n = use_i18n();
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        let load = load.clone();
        let future = SendWrapper::new(async move { load().await });
        view! {
            <Suspense fallback=move || {
                (waiting == Waiting::BusyLine).then(|| {
                    view! { <p class="chunk-loading" aria-busy="true">{i18n.tr(Key::chunk_loading)}</p> }
                })
            }>
                {Suspend::new(async move {
                    match future.await {
                        Ok(view) => view,
                        Err(ChunkMissing) => {
                            view! {
                                <div class="page narrow" role="alert">
                                    <p>{i18n.tr(Key::chunk_failed)}</p>
                                    <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                                        {i18n.tr(Key::error_retry)}
                                    </button>
                                </div>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        }
    }
}
