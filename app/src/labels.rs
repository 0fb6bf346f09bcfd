//! Names of things in the user's language: the template's rows, columns and zones (built-in
//! slots are translated; a slot with its own label, one the team added or renamed, shows
//! that), roles, stages, weekdays and where a "Ring meg" request stands.

use model::{BoardRole, CallbackStatus, Column, Stage, Theme, Weekday, Zone};

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

/// The name of a role on a board, in plain words.
pub fn role_name(i18n: I18n, role: BoardRole) -> &'static str {
    i18n.t(match role {
        BoardRole::Owner => Key::role_owner,
        BoardRole::Member => Key::role_member,
        BoardRole::Citizen => Key::role_citizen,
        BoardRole::Support => Key::role_support,
    })
}

/// The name of a weekday.
pub fn weekday_name(i18n: I18n, day: Weekday) -> &'static str {
    i18n.t(match day {
        Weekday::Monday => Key::weekday_monday,
        Weekday::Tuesday => Key::weekday_tuesday,
        Weekday::Wednesday => Key::weekday_wednesday,
        Weekday::Thursday => Key::weekday_thursday,
        Weekday::Friday => Key::weekday_friday,
        Weekday::Saturday => Key::weekday_saturday,
        Weekday::Sunday => Key::weekday_sunday,
    })
}

/// The status of a callback request in words.
pub fn callback_status_name(i18n: I18n, status: CallbackStatus) -> &'static str {
    i18n.t(match status {
        CallbackStatus::Received => Key::callback_status_received,
        CallbackStatus::Called => Key::callback_status_called,
        CallbackStatus::NoAnswer => Key::callback_status_no_answer,
        CallbackStatus::Closed => Key::callback_status_closed,
    })
}

/// A stage's name.
pub fn stage_name(i18n: I18n, s: Stage) -> &'static str {
    i18n.t(match s {
        Stage::Untenable => Key::stage_untenable,
        Stage::AtRisk => Key::stage_at_risk,
        Stage::Stable => Key::stage_stable,
        Stage::Sustainable => Key::stage_sustainable,
    })
}
