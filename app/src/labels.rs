//! Names of the template's rows, columns and zones in the user's language. Built-in slots
//! are translated; a slot with its own label (one the team added or renamed) shows that.

use model::{Column, Theme, Zone};

use crate::i18n::{I18n, Key};

fn builtin_key(id: &str) -> Option<Key> {
    Some(match id {
        "dagens-situasjon" => Key::columns_dagens_situasjon,
        "na" => Key::columns_na,
        "kort-sikt" => Key::columns_kort_sikt,
        "lang-sikt" => Key::columns_lang_sikt,
        "jobb" => Key::themes_jobb,
        "bosituasjon" => Key::themes_bosituasjon,
        "fysisk-helse" => Key::themes_fysisk_helse,
        "psykisk-helse" => Key::themes_psykisk_helse,
        "okonomi" => Key::themes_okonomi,
        "skole-utdanning" => Key::themes_skole_utdanning,
        "fritid" => Key::themes_fritid,
        "frivillighet" => Key::themes_frivillighet,
        "rus" => Key::themes_rus,
        "god-pa" => Key::zones_god_pa,
        "vanskelig" => Key::zones_vanskelig,
        "drommer" => Key::zones_drommer,
        "rundt-meg" => Key::zones_rundt_meg,
        _ => return None,
    })
}

/// True for the rows, columns and zones of the built-in template.
pub fn is_builtin(id: &str) -> bool {
    builtin_key(id).is_some()
}

fn label(i18n: I18n, id: &str, custom: Option<&str>) -> String {
    custom
        .map(str::to_owned)
        .or_else(|| builtin_key(id).map(|k| i18n.t(k).to_string()))
        .unwrap_or_else(|| id.to_owned())
}

/// A column's name.
pub fn column(i18n: I18n, c: &Column) -> String {
    label(i18n, c.id.as_str(), c.label.as_deref())
}

/// A column's name with the date its horizon ends, as the paper and the plan's header say
/// it: "På kort sikt (innen 2. juni 2027)". Without a date, the name alone.
pub fn column_by(i18n: I18n, c: &Column, by: Option<model::IsoDate>) -> String {
    let name = column(i18n, c);
    match by {
        Some(d) => i18n.fill(
            Key::plan_column_by,
            &[
                ("column", &name),
                ("date", &crate::format::date(d, i18n.lang())),
            ],
        ),
        None => name,
    }
}

/// A theme row's name.
pub fn theme(i18n: I18n, t: &Theme) -> String {
    label(i18n, t.id.as_str(), t.label.as_deref())
}

/// A side zone's name.
pub fn zone(i18n: I18n, z: &Zone) -> String {
    label(i18n, z.id.as_str(), z.label.as_deref())
}
