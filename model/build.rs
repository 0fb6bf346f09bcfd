//! Generates the message catalogue from `locales/nb.json` and `locales/en.json` at the top
//! of the workspace: a type `Key` with one constant per text, holding it in both languages,
//! and for the texts whose key is a code (`rejection_*`, `api_*`, `live_*`) a constant of
//! `Coded` holding the code and its text.
//! A key missing in one language, a `{placeholder}` that differs between them, or a key that
//! is not snake_case fails the build.

use std::{collections::BTreeMap, collections::BTreeSet, env, fs, path::Path};

/// Key prefixes whose keys end in a code the program sends; each such key also gets a
/// `Coded` constant with the code and its text.
const BY_CODE: [&str; 3] = ["rejection", "api", "live"];

fn load(lang: &str) -> BTreeMap<String, String> {
    let path = format!("../locales/{lang}.json");
    println!("cargo::rerun-if-changed={path}");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{path} is not a flat JSON object of strings: {e}"))
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect()
}

fn check(nb: &BTreeMap<String, String>, en: &BTreeMap<String, String>) {
    let (nb_keys, en_keys): (BTreeSet<_>, BTreeSet<_>) = (nb.keys().collect(), en.keys().collect());
    if nb_keys != en_keys {
        let only_nb: Vec<_> = nb_keys.difference(&en_keys).collect();
        let only_en: Vec<_> = en_keys.difference(&nb_keys).collect();
        panic!("translations differ: only in nb.json {only_nb:?}, only in en.json {only_en:?}");
    }
    for (key, text) in nb {
        if placeholders(text) != placeholders(&en[key]) {
            panic!("`{key}` has different {{placeholders}} in nb.json and en.json");
        }
        if !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            panic!("translation key `{key}` must be snake_case");
        }
    }
}

fn main() {
    let nb = load("nb");
    let en = load("en");
    check(&nb, &en);
    // Each text is its own constant, a pointer to its two translations: a module carries
    // only the texts it uses (one table of every text would put the staff pages' texts in
    // the citizen's bundle, and the PDF's words in every page; SPEC §10).
    let mut out = String::from(
        "/// A text of Duk, in bokmål and English. The constants are the keys of\n\
         /// `locales/*.json`.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n\
         pub struct Key(&'static [&'static str; 2]);\n\n\
         #[allow(non_upper_case_globals, missing_docs)]\nimpl Key {\n",
    );
    for (key, text) in &nb {
        let en_text = &en[key];
        out.push_str(&format!(
            "    pub const {key}: Key = Key(&[{text:?}, {en_text:?}]);\n"
        ));
    }
    out.push_str("}\n\n");
    out.push_str(
        "/// A text whose key is a code the program sends (`rejection_card_text_empty` for the\n\
         /// code `card_text_empty`): the code and its text, so that one `match` gives both.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n\
         pub struct Coded {\n    \
         /// The stable code, for programs.\n    pub code: &'static str,\n    \
         /// Its words, for people.\n    pub key: Key,\n}\n\n\
         #[allow(non_upper_case_globals, missing_docs)]\nimpl Coded {\n",
    );
    for key in nb.keys() {
        let Some(code) = BY_CODE
            .iter()
            .find_map(|prefix| key.strip_prefix(&format!("{prefix}_")))
        else {
            continue;
        };
        out.push_str(&format!(
            "    pub const {key}: Coded = Coded {{ code: {code:?}, key: Key::{key} }};\n"
        ));
    }
    out.push_str("}\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogue.rs");
    fs::write(dest, out).expect("cannot write the message catalogue");
}
