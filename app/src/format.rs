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
    // Noon UTC, and formatted in UTC, so that no time zone moves it to another day.
    let ms = Date::utc(f64::from(d.year()), f64::from(d.month()) - 1.0)
        + (f64::from(d.day()) - 1.0) * 86_400_000.0
        + 43_200_000.0;
    Date::new(&JsValue::from_f64(ms))
        .to_locale_date_string(
            lang.locale(),
            &options(&[
                ("day", "numeric"),
                ("month", month),
                ("year", "numeric"),
                ("timeZone", "UTC"),
            ]),
        )
        .into()
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
