//! "Min kontaktperson": a named person with a direct number, as a big call button and an
//! SMS link, when they answer, and who covers when they are away; during an absence the
//! substitute comes first, with the day the contact person is back (000:319, 000:479).

use leptos::prelude::*;
use model::{Action, ContactPerson, OfficeHours, Weekday};

use crate::{
    components::callback_status::CallbackStatusLine,
    format,
    i18n::{I18n, Key, use_i18n},
    labels::weekday_name,
    router::{CitizenTab, Link, Route},
    state::use_citizen,
};

/// The contact section of the citizen's first screen.
#[component]
pub fn ContactCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_citizen();
    let card = Memo::new(move |_| {
        state
            .data
            .with(|d| d.as_ref().and_then(|v| v.contact.clone()))
    });
    let is_citizen = Memo::new(move |_| {
        state.data.with(|d| {
            d.as_ref()
                .is_some_and(|v| v.my_role.may(Action::RequestCallback, false))
        })
    });
    let open_request = Memo::new(move |_| {
        state
            .data
            .with(|d| d.as_ref().and_then(|v| v.open_callback.clone()))
    });
    let heading = move || {
        i18n.t(if is_citizen.get() {
            Key::contact_heading
        } else {
            Key::contact_heading_other
        })
    };
    view! {
        <section class="citizen-section contact-section" aria-labelledby="contact-heading">
            <h2 id="contact-heading">{heading}</h2>
            {move || match card.get() {
                None => view! { <p>{i18n.tr(Key::contact_none)}</p> }.into_any(),
                Some(card) => {
                    let contact_name = card.contact.name.clone();
                    match (card.away, card.substitute) {
                        (Some(away), Some(sub)) => {
                            let back = format::date(away.back_on, i18n.lang_untracked());
                            let last = format::date(away.last_day, i18n.lang_untracked());
                            view! {
                                <p class="contact-away" role="note">
                                    {i18n.fill(Key::contact_away, &[("name", &contact_name), ("last", &last), ("back", &back)])}
                                </p>
                                <Person person=sub primary=true label=Key::contact_substitute_now />
                                <Person person=card.contact primary=false label=Key::contact_away_label />
                            }
                                .into_any()
                        }
                        (away, sub) => {
                            let away_note = away.map(|a| {
                                let back = format::date(a.back_on, i18n.lang_untracked());
                                view! {
                                    <p class="contact-away" role="note">
                                        {i18n.fill(Key::contact_away_no_substitute, &[("name", &contact_name), ("back", &back)])}
                                    </p>
                                }
                            });
                            let sub = sub.map(|s| {
                                view! { <Person person=s primary=false label=Key::contact_substitute /> }
                            });
                            view! {
                                {away_note}
                                <Person person=card.contact primary=true label=Key::contact_person />
                                {sub}
                            }
                                .into_any()
                        }
                    }
                }
            }}
            <Show when=move || is_citizen.get()>
                {move || match open_request.get() {
                    Some(req) => view! { <CallbackStatusLine request=req /> }.into_any(),
                    None => {
                        view! {
                            <p>
                                <Link
                                    to=Route::Citizen(Some(state.id), CitizenTab::Callback)
                                    class="button button-large"
                                >
                                    {i18n.tr(Key::callback_ask)}
                                </Link>
                            </p>
                        }
                            .into_any()
                    }
                }}
            </Show>
        </section>
    }
}

/// One person: initials, name, role and office, the call button, the SMS link and hours.
#[component]
fn Person(person: ContactPerson, primary: bool, label: Key) -> impl IntoView {
    let i18n = use_i18n();
    let initials = person.initials();
    let role_office = [person.role.clone(), person.office.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let name = person.name.clone();
    let phone = person.phone.clone();
    let hours = person.hours.clone();
    view! {
        <div class="contact-person" class:contact-primary=primary>
            <span class="contact-label">{i18n.tr(label)}</span>
            <div class="contact-who">
                <span class="avatar" aria-hidden="true">{initials}</span>
                <div>
                    <p class="contact-name">{name.clone()}</p>
                    <Show when={
                        let empty = role_office.is_empty();
                        move || !empty
                    }>
                        <p class="contact-role">{role_office.clone()}</p>
                    </Show>
                </div>
            </div>
            {match phone {
                Some(p) => {
                    let number = p.to_string();
                    let shown = format::phone(&number);
                    let call = i18n.fill(Key::contact_call, &[("name", &name), ("number", &shown)]);
                    view! {
                        <div class="contact-actions">
                            <a
                                class="button button-large call-link"
                                class:button-primary=primary
                                href=format!("tel:{number}")
                            >
                                <span aria-hidden="true">"✆ "</span>
                                {call}
                            </a>
                            <a class="button button-large" href=format!("sms:{number}")>
                                {move || i18n.fill(Key::contact_sms, &[("name", &name)])}
                            </a>
                        </div>
                    }
                        .into_any()
                }
                None => view! { <p class="hint">{i18n.tr(Key::contact_no_phone)}</p> }.into_any(),
            }}
            <Hours hours=hours />
        </div>
    }
}

/// When someone answers the phone, day by day; days with the same hours are joined
/// ("mandag–fredag 09:00–11:00").
#[component]
fn Hours(hours: Vec<OfficeHours>) -> impl IntoView {
    let i18n = use_i18n();
    if hours.is_empty() {
        return ().into_any();
    }
    view! {
        <div class="contact-hours">
            <p class="contact-hours-label">{i18n.tr(Key::contact_hours)}</p>
            <ul>
                {move || {
                    hour_lines(i18n, &hours)
                        .into_iter()
                        .map(|line| view! { <li>{line}</li> })
                        .collect_view()
                }}
            </ul>
        </div>
    }
    .into_any()
}

/// Lines of office hours, consecutive days with the same times joined.
fn hour_lines(i18n: I18n, hours: &[OfficeHours]) -> Vec<String> {
    let mut runs: Vec<(Weekday, Weekday, OfficeHours)> = Vec::new();
    for h in hours {
        match runs.last_mut() {
            Some((_, last, prev))
                if prev.from == h.from
                    && prev.to == h.to
                    && (*last as usize) + 1 == h.day as usize =>
            {
                *last = h.day;
            }
            _ => runs.push((h.day, h.day, *h)),
        }
    }
    runs.into_iter()
        .map(|(first, last, h)| {
            let days = if first == last {
                weekday_name(i18n, first).to_string()
            } else {
                format!("{}–{}", weekday_name(i18n, first), weekday_name(i18n, last))
            };
            format!("{days} {}–{}", h.from, h.to)
        })
        .collect()
}
