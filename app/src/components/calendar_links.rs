//! The calendar: download the deadlines and meetings once (`.ics`), or make a private
//! address a calendar app keeps polling, which the citizen can replace or turn off.

use leptos::prelude::*;
use model::{Action, CalendarFeed};

use crate::{
    api,
    components::{
        error_notice::{ErrorNotice, error_text},
        unique_id,
    },
    format,
    i18n::{Key, use_i18n},
    state::use_citizen,
};

/// The calendar section of the citizen's first screen.
#[component]
pub fn CalendarLinks() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_citizen();
    let is_citizen = Memo::new(move |_| {
        state.data.with(|d| {
            d.as_ref()
                .is_some_and(|v| v.my_role.may(Action::CalendarFeed, false))
        })
    });
    let active_since = Memo::new(move |_| {
        state
            .data
            .with(|d| d.as_ref().and_then(|v| v.calendar_feed))
    });
    // The address is shown once, right after it is made; only its hash is kept.
    let fresh = RwSignal::new(None::<CalendarFeed>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = state.id;
    let make = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let lang = i18n.lang_untracked();
        leptos::task::spawn_local(async move {
            let result = api::create_calendar_feed(id, lang).await;
            busy.try_set(false);
            match result {
                Ok(feed) => {
                    error.try_set(None);
                    state.data.try_update(|d| {
                        if let Some(v) = d {
                            v.calendar_feed = Some(feed.created_at);
                        }
                    });
                    fresh.try_set(Some(feed));
                }
                Err(e) => {
                    error.try_set(Some(error_text(i18n, &e)));
                }
            }
        });
    };
    let revoke = move |_| {
        let lang = i18n.lang_untracked();
        leptos::task::spawn_local(async move {
            match api::revoke_calendar_feed(id, lang).await {
                Ok(()) => {
                    error.try_set(None);
                    fresh.try_set(None);
                    state.data.try_update(|d| {
                        if let Some(v) = d {
                            v.calendar_feed = None;
                        }
                    });
                }
                Err(e) => {
                    error.try_set(Some(error_text(i18n, &e)));
                }
            }
        });
    };
    let link_id = unique_id("calendar-link");
    let hint_id = unique_id("calendar-link-hint");
    view! {
        <section class="citizen-section calendar-section" aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{i18n.tr(Key::calendar_heading)}</h2>
            <p>
                <a class="button button-large" href=format!("/api/boards/{id}/calendar.ics") download="duk-plan.ics">
                    {i18n.tr(Key::calendar_download)}
                </a>
            </p>
            <Show when=move || is_citizen.get()>
                <p>{i18n.tr(Key::calendar_subscribe_intro)}</p>
                {
                    let link_id = link_id.clone();
                    let hint_id = hint_id.clone();
                    move || {
                        fresh
                            .get()
                            .map(|feed| {
                                let webcal = feed.url.replacen("https://", "webcal://", 1).replacen("http://", "webcal://", 1);
                                view! {
                                    <div class="field">
                                        <label class="field-label" for=link_id.clone()>{i18n.tr(Key::calendar_link_label)}</label>
                                        <span class="hint" id=hint_id.clone()>{i18n.tr(Key::calendar_link_hint)}</span>
                                        <input
                                            id=link_id.clone()
                                            type="text"
                                            readonly
                                            aria-describedby=hint_id.clone()
                                            prop:value=feed.url.clone()
                                            on:focus=move |e| {
                                                let input = event_target::<web_sys::HtmlInputElement>(&e);
                                                input.select();
                                            }
                                        />
                                    </div>
                                    <p>
                                        <a class="button button-primary button-large" href=webcal>
                                            {i18n.tr(Key::calendar_add)}
                                        </a>
                                    </p>
                                }
                            })
                    }
                }
                {move || match active_since.get() {
                    Some(at) => {
                        view! {
                            <p class="calendar-active">
                                {move || i18n.fill(Key::calendar_active, &[("when", &format::date_time(at, i18n.lang()))])}
                            </p>
                            <div class="button-row">
                                <button type="button" class="button" on:click=make disabled=move || busy.get()>
                                    {i18n.tr(Key::calendar_new)}
                                </button>
                                <button type="button" class="button button-quiet" on:click=revoke>
                                    {i18n.tr(Key::calendar_revoke)}
                                </button>
                            </div>
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <p>
                                <button type="button" class="button button-large" on:click=make disabled=move || busy.get()>
                                    {move || i18n.t(if busy.get() { Key::calendar_creating } else { Key::calendar_create })}
                                </button>
                            </p>
                        }
                            .into_any()
                    }
                }}
            </Show>
            <ErrorNotice message=error />
        </section>
    }
}
