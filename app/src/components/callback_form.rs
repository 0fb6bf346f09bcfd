//! "Ring meg": the citizen asks their contact person to call, with an optional short note
//! and good times, and sees the promise (two working days) and where it stands.

use leptos::{ev, prelude::*};
use model::{NewCallback, limits};

use crate::{
    api,
    components::{
        callback_status::CallbackStatusLine, described_by, error_notice::ErrorNotice,
        submit_button::SubmitButton, submit_form, unique_id,
    },
    i18n::{Key, use_i18n},
    state::use_citizen,
};

/// The form, or the open request's status when there is one; earlier requests below.
#[component]
pub fn CallbackForm() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_citizen();
    let whole = state.whole_plan();
    let requests = Memo::new(move |_| {
        whole.with(|d| d.as_ref().map(|v| v.callbacks.clone()).unwrap_or_default())
    });
    let contact_name = Memo::new(move |_| {
        state.data.with(|d| {
            d.as_ref().and_then(|v| {
                v.contact.as_ref().map(|c| match (&c.away, &c.substitute) {
                    (Some(_), Some(s)) => s.name.clone(),
                    _ => c.contact.name.clone(),
                })
            })
        })
    });
    // Her open request is on her first screen's answer, so it shows before the history has
    // loaded.
    let open = Memo::new(move |_| {
        state
            .data
            .with(|d| d.as_ref().and_then(|v| v.open_callback.clone()))
    });
    let earlier = Memo::new(move |_| {
        requests.with(|r| {
            r.iter()
                .filter(|c| !c.status.is_open())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="citizen-section callback-section" aria-labelledby="callback-heading">
            <h2 id="callback-heading">{i18n.tr(Key::callback_title)}</h2>
            {move || match open.get() {
                Some(req) => view! { <CallbackStatusLine request=req /> }.into_any(),
                None => view! { <NewRequest contact=contact_name /> }.into_any(),
            }}
            <Show when=move || earlier.with(|e| !e.is_empty())>
                <h3>{i18n.tr(Key::callback_history)}</h3>
                <For each=move || earlier.get() key=|r| (r.id, r.status) let:req>
                    <CallbackStatusLine request=req />
                </For>
            </Show>
            <ErrorNotice message=state.whole_error />
        </section>
    }
}

#[component]
fn NewRequest(contact: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_citizen();
    let phone = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let times = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let ids = [
        unique_id("cb-phone"),
        unique_id("cb-phone-hint"),
        unique_id("cb-note"),
        unique_id("cb-note-hint"),
        unique_id("cb-times"),
        unique_id("cb-times-hint"),
        unique_id("cb-error"),
    ];
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let req = NewCallback {
            phone: phone.get_untracked(),
            note: Some(note.get_untracked()),
            good_times: Some(times.get_untracked()),
        };
        let lang = i18n.lang_untracked();
        let id = state.id;
        submit_form(
            i18n,
            pending,
            error,
            async move { api::request_callback(id, &req, lang).await },
            move |created| {
                state.data.update(|d| {
                    if let Some(v) = d {
                        v.open_callback = Some(created.clone());
                    }
                });
                state.whole.update(|d| {
                    if let Some(v) = d {
                        v.callbacks.insert(0, created);
                    }
                });
            },
        );
    };
    let note_len = move || note.with(|n| n.trim().chars().count());
    let intro = move || match contact.get() {
        Some(name) => i18n.fill(Key::callback_intro, &[("name", &name)]),
        None => i18n.t(Key::callback_intro_nobody).to_string(),
    };
    let invalid = move || {
        if error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    };
    view! {
        <p>{intro}</p>
        <form class="stack-form callback-form" on:submit=submit novalidate>
            <div class="field">
                <label class="field-label" for=ids[0].clone()>{i18n.tr(Key::callback_phone)}</label>
                <span class="hint" id=ids[1].clone()>{i18n.tr(Key::callback_phone_hint)}</span>
                <input
                    id=ids[0].clone()
                    type="tel"
                    autocomplete="tel"
                    inputmode="tel"
                    aria-invalid=invalid
                    aria-describedby=described_by(ids[1].clone(), ids[6].clone(), error)
                    prop:value=move || phone.get()
                    on:input=move |e| phone.set(event_target_value(&e))
                />
            </div>
            <div class="field">
                <label class="field-label" for=ids[2].clone()>{i18n.tr(Key::callback_note)}</label>
                <span class="hint" id=ids[3].clone()>
                    {move || {
                        i18n.fill(
                            Key::callback_note_hint,
                            &[("count", &note_len().to_string()), ("max", &limits::CALLBACK_NOTE_MAX.to_string())],
                        )
                    }}
                </span>
                <textarea
                    id=ids[2].clone()
                    rows="4"
                    aria-describedby=ids[3].clone()
                    prop:value=move || note.get()
                    on:input=move |e| note.set(event_target_value(&e))
                ></textarea>
            </div>
            <div class="field">
                <label class="field-label" for=ids[4].clone()>{i18n.tr(Key::callback_times)}</label>
                <span class="hint" id=ids[5].clone()>{i18n.tr(Key::callback_times_hint)}</span>
                <input
                    id=ids[4].clone()
                    type="text"
                    aria-describedby=ids[5].clone()
                    prop:value=move || times.get()
                    on:input=move |e| times.set(event_target_value(&e))
                />
            </div>
            <ErrorNotice message=error id=ids[6].clone() />
            <SubmitButton label=Key::callback_submit busy=Key::callback_sending pending=pending />
        </form>
    }
}
