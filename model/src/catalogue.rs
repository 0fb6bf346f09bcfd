//! The message catalogue: every text Duk shows or sends, in bokmål and English, from one
//! place, `locales/*.json` at the top of the workspace. The UI's texts, the reasons an
//! operation or request is refused, the live socket's errors and the words of the minutes'
//! PDF and the history's sentences are all keys of the same files, so that a new language is one file to fill.
//!
//! The build script turns the files into [`Key`]'s constants (each holding its text in both
//! languages, so that a module carries only the texts it uses): a key that does not exist is
//! a compile error, and a text missing in one language fails the build. Texts may hold
//! `{name}` placeholders, filled by [`fill`]. A text whose key is a code the program sends
//! (`rejection_card_text_empty` for [`Rejection`](crate::Rejection)'s code
//! `card_text_empty`) is also a [`Coded`] constant holding both, so that one `match` from a
//! rejection gives its code and its words, which cannot drift apart.

use crate::Lang;

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

impl Key {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nb => self.0[0],
            Lang::En => self.0[1],
        }
    }

    /// The text in `lang` with its `{name}` placeholders filled.
    pub fn fill(self, lang: Lang, vars: &[(&str, &str)]) -> String {
        fill(self.text(lang), vars)
    }
}

/// Puts `vars` into `template`'s `{name}` placeholders in a single pass over it, so that
/// a value holding something like `{name}` (a card's text, a title) stays as it is. A brace that does not open a
/// known placeholder is kept.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| {
            let name = &after[..close];
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (*value, close))
        });
        match found {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn a_value_is_not_filled_again() {
        let vars = [("old", "{new}"), ("new", "B")];
        assert_eq!(fill("«{old}» → «{new}»", &vars), "«{new}» → «B»");
        assert_eq!(fill("{unknown} {new", &vars), "{unknown} {new");
    }
}
