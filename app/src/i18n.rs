//! The translation layer: every text of the UI, in bokmål and English.
//!
//! The texts live in the workspace's one message catalogue, `locales/nb.json` and
//! `locales/en.json`, which the model's build script turns into [`Key`]'s constants
//! (`model::catalogue`: each holds its text in both languages, so that a module carries
//! only the texts it uses), so a key that does not exist is a compile error and a text
//! missing in one language fails the build. Texts may hold `{name}` placeholders, filled
//! by [`I18n::fill`].
//!
//! (`leptos_i18n` does the same, but measured +35 KB brotli in the bundle for cookie,
//! locale-negotiation and `<html>`-attribute machinery Duk does not use; see SPEC §10.)

use leptos::prelude::*;
use model::Lang;

pub use model::catalogue::{Key, fill};

const STORAGE_KEY: &str = "duk.lang";

/// The UI language, shared through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn set_html_lang(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

impl I18n {
    /// Creates the language state and provides it to the components below. Bokmål unless
    /// the user chose English in this browser: Duk is a Norwegian public service, and
    /// English is a choice, not a guess from the browser's settings.
    pub fn provide() -> Self {
        let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let lang = if saved.as_deref() == Some("en") {
            Lang::En
        } else {
            Lang::Nb
        };
        Self::provide_lang(lang)
    }

    /// Provides a given language (tests, previews).
    pub fn provide_lang(lang: Lang) -> Self {
        set_html_lang(lang);
        let i18n = I18n {
            lang: RwSignal::new(lang),
        };
        provide_context(i18n);
        i18n
    }

    /// The current language (tracked).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The current language, without tracking.
    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// A text in the current language (tracked).
    pub fn t(&self, key: Key) -> &'static str {
        text(self.lang.get(), key)
    }

    /// A text as a signal, for views: every text on a page shares this one type.
    pub fn tr(&self, key: Key) -> Signal<&'static str> {
        let lang = self.lang;
        Signal::derive(move || text(lang.get(), key))
    }

    /// A text with its `{name}` placeholders filled (tracked).
    pub fn fill(&self, key: Key, vars: &[(&str, &str)]) -> String {
        fill(self.t(key), vars)
    }

    /// A text with a number in it, in the form the language uses for that number (tracked):
    /// `one` ("1 endring") or `other` ("3 endringer"), as the browser's `Intl.PluralRules`
    /// says, with `{count}` filled.
    pub fn count(&self, n: usize, one: Key, other: Key) -> String {
        let lang = self.lang.get();
        let rules = js_sys::Intl::PluralRules::new(
            &js_sys::Array::of1(&lang.tag().into()),
            &js_sys::Object::new(),
        );
        let key = if rules.select(n as f64) == "one" {
            one
        } else {
            other
        };
        fill(text(lang, key), &[("count", &n.to_string())])
    }

    /// Switches between bokmål and English and remembers the choice in this browser.
    pub fn switch(&self) {
        let next = match self.lang.get_untracked() {
            Lang::Nb => Lang::En,
            Lang::En => Lang::Nb,
        };
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, next.tag());
        }
        set_html_lang(next);
        self.lang.set(next);
    }
}

/// The text of `key` in `lang`.
pub fn text(lang: Lang, key: Key) -> &'static str {
    key.text(lang)
}

/// The language state provided by [`I18n::provide`].
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
