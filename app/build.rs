//! Generates the translation table from `locales/nb.json` and `locales/en.json`: an enum
//! `Key` with one variant per text, and one array of texts per language. A key missing in
//! one language, or a `{placeholder}` that differs between them, fails the build.

use std::{collections::BTreeMap, collections::BTreeSet, env, fs, path::Path};

fn load(lang: &str) -> BTreeMap<String, String> {
    let path = format!("locales/{lang}.json");
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

fn main() {
    let nb = load("nb");
    let en = load("en");
    let (nb_keys, en_keys): (BTreeSet<_>, BTreeSet<_>) = (nb.keys().collect(), en.keys().collect());
    if nb_keys != en_keys {
        let only_nb: Vec<_> = nb_keys.difference(&en_keys).collect();
        let only_en: Vec<_> = en_keys.difference(&nb_keys).collect();
        panic!("translations differ: only in nb.json {only_nb:?}, only in en.json {only_en:?}");
    }
    for (key, text) in &nb {
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
    let mut out = String::from(
        "/// Every text of the UI; the variant names are the keys of `locales/*.json`.\n\
         #[allow(non_camel_case_types, missing_docs)]\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum Key {\n",
    );
    for key in nb.keys() {
        out.push_str(&format!("    {key},\n"));
    }
    out.push_str("}\n\n");
    for (name, texts) in [("NB", &nb), ("EN", &en)] {
        out.push_str(&format!("static {name}: [&str; {}] = [\n", texts.len()));
        for text in texts.values() {
            out.push_str(&format!("    {text:?},\n"));
        }
        out.push_str("];\n\n");
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("translations.rs");
    fs::write(dest, out).expect("cannot write the translation table");
}
