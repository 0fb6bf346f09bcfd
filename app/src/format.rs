//! Dates and times for people, through the browser's `Intl` (no date crate in the bundle).

use js_sys::{Date, Object, Reflect};
use model::{IsoDate, Lang, Timestamp};
use wasm_bindgen::JsValue;

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o.into()
}

/// A calendar date in words, with the month `"long"` or `"short"`.
fn calendar_date(d: IsoDate, lang: Lang, month: &str) -> String {
    calendar_date_with(d, lang, &[("month", month)])
}

fn calendar_date_with(d: IsoDate, lang: Lang, extra: &[(&str, &str)]) -> String {
    // Noon UTC, and formatted in UTC, so that no time zone moves it to another day.
    let ms = Date::utc(f64::from(d.year()), f64::from(d.month()) - 1.0)
        + (f64::from(d.day()) - 1.0) * 86_400_000.0
        + 43_200_000.0;
    Date::new(&JsValue::from_f64(ms))
        .to_locale_date_string(
            lang.locale(),
            &options(
                &[("day", "numeric"), ("year", "numeric"), ("timeZone", "UTC")]
                    .into_iter()
                    .chain(extra.iter().copied())
                    .collect::<Vec<_>>(),
            ),
        )
        .into()
}

/// "fredag 4. desember 2026" / "Friday 4 December 2026": for days people plan around.
pub fn weekday_date(d: IsoDate, lang: Lang) -> String {
    calendar_date_with(d, lang, &[("month", "long"), ("weekday", "long")])
}

/// A phone number as people read it: Norwegian numbers in groups ("912 34 567",
/// "22 33 44 55"), others as stored.
pub fn phone(e164: &str) -> String {
    match e164.strip_prefix("+47") {
        Some(n) if n.len() == 8 && n.bytes().all(|b| b.is_ascii_digit()) => {
            if n.starts_with(['4', '9']) {
                format!("{} {} {}", &n[..3], &n[3..5], &n[5..])
            } else {
                format!("{} {} {} {}", &n[..2], &n[2..4], &n[4..6], &n[6..])
            }
        }
        _ => e164.to_owned(),
    }
}

/// Now, by the browser's clock.
pub fn now() -> Timestamp {
    Timestamp(Date::now() as i64)
}

/// "22. november 2026" / "22 November 2026".
pub fn date(d: IsoDate, lang: Lang) -> String {
    calendar_date(d, lang, "long")
}

/// "22. nov. 2026" / "22 Nov 2026": for cards, where space is short.
pub fn short_date(d: IsoDate, lang: Lang) -> String {
    calendar_date(d, lang, "short")
}

/// "22.11.2026, 15:04" in the user's time zone.
pub fn date_time(t: Timestamp, lang: Lang) -> String {
    let date = Date::new(&JsValue::from_f64(t.0 as f64));
    date.to_locale_string(
        lang.locale(),
        &options(&[
            ("day", "numeric"),
            ("month", "short"),
            ("year", "numeric"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
        ]),
    )
    .into()
}

/// Today in the user's time zone.
pub fn today() -> IsoDate {
    let now = Date::new_0();
    IsoDate::from_ymd(
        now.get_full_year() as u16,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| IsoDate::from_timestamp(Timestamp(now.get_time() as i64)))
}
