//! Names of the template's rows, columns and zones in the user's language. Built-in slots
//! are translated; a slot with its own label (one the team added or renamed) shows that.

use model::{Column, Theme, Zone};

use crate::i18n::{I18n, Key};

fn builtin(i18n: I18n, id: &str) -> Option<String> {
    let s = match id {
        "dagens-situasjon" => i18n.t(Key::columns_dagens_situasjon),
        "na" => i18n.t(Key::columns_na),
        "kort-sikt" => i18n.t(Key::columns_kort_sikt),
        "lang-sikt" => i18n.t(Key::columns_lang_sikt),
        "jobb" => i18n.t(Key::themes_jobb),
        "bosituasjon" => i18n.t(Key::themes_bosituasjon),
        "fysisk-helse" => i18n.t(Key::themes_fysisk_helse),
        "psykisk-helse" => i18n.t(Key::themes_psykisk_helse),
        "okonomi" => i18n.t(Key::themes_okonomi),
        "skole-utdanning" => i18n.t(Key::themes_skole_utdanning),
        "fritid" => i18n.t(Key::themes_fritid),
        "frivillighet" => i18n.t(Key::themes_frivillighet),
        "rus" => i18n.t(Key::themes_rus),
        "god-pa" => i18n.t(Key::zones_god_pa),
        "vanskelig" => i18n.t(Key::zones_vanskelig),
        "drommer" => i18n.t(Key::zones_drommer),
        "rundt-meg" => i18n.t(Key::zones_rundt_meg),
        _ => return None,
    };
    Some(s.to_string())
}

fn label(i18n: I18n, id: &str, custom: Option<&str>) -> String {
    custom
        .map(str::to_owned)
        .or_else(|| builtin(i18n, id))
        .unwrap_or_else(|| id.to_owned())
}

/// A column's name.
pub fn column(i18n: I18n, c: &Column) -> String {
    label(i18n, c.id.as_str(), c.label.as_deref())
}

/// A theme row's name.
pub fn theme(i18n: I18n, t: &Theme) -> String {
    label(i18n, t.id.as_str(), t.label.as_deref())
}

/// A side zone's name.
pub fn zone(i18n: I18n, z: &Zone) -> String {
    label(i18n, z.id.as_str(), z.label.as_deref())
}
