//! "Referat" on the citizen's first screen (SPEC §5.6): the latest minutes — when, who was
//! there, who does what by when — with a PDF to keep, and the citizen's answer: "Stemmer"
//! or "Stemmer ikke" with a comment, which goes to the investeringsleder (001:487).

use leptos::{ev, prelude::*};
use model::{Action, LocalDateTime, OpRequest, Operation};

use crate::{
    api,
    components::{error_notice::ErrorNotice, submit_button::SubmitButton, submit_form, unique_id},
    format,
    i18n::{Key, use_i18n},
    random,
    state::use_citizen,
};

/// The latest minutes and the answer to them.
#[component]
pub fn MinutesAnswer() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_citizen();
    let latest = Memo::new(move |_| {
        state.data.with(|d| {
            d.as_ref().and_then(|v| {
                v.minutes
                    .clone()
                    .map(|m| (m, v.my_role.may(Action::AnswerMinutes, false)))
            })
        })
    });
    view! {
        {move || latest.get().map(|(m, is_citizen)| {
            let info = m.info;
            let lang = i18n.lang();
            let when = LocalDateTime::in_oslo(info.started_at);
            let pdf = format!(
                "/api/boards/{}/minutes/{}/{}/pdf?lang={}",
                state.id, info.number, info.revision, lang.tag()
            );
            let answered = info.answer().cloned();
            view! {
                <section class="citizen-section minutes-section" aria-labelledby="minutes-heading">
                    <h2 id="minutes-heading">
                        {i18n.fill(Key::citizen_minutes_heading, &[("date", &format::date(when.date, lang))])}
                    </h2>
                    {
                        let present = m.present_names.join(", ");
                        view! {
                            <p><strong>{i18n.tr(Key::meeting_present)}</strong> " " {present}</p>
                            <h3>{i18n.tr(Key::minutes_tasks)}</h3>
                            {m.tasks.is_empty().then(|| view! { <p>{i18n.tr(Key::minutes_no_tasks)}</p> })}
                            {m.tasks.into_iter().map(|g| view! {
                                <h4 class="task-owner">{g.name}</h4>
                                <ul class="minutes-task-list">
                                    {g.tasks.into_iter().map(|t| {
                                        let due = match t.due {
                                            Some(d) => i18n.fill(Key::minutes_due, &[("date", &format::date(d, lang))]),
                                            None => i18n.t(Key::minutes_no_due).to_string(),
                                        };
                                        view! { <li>{t.text} " – " {due}</li> }
                                    }).collect_view()}
                                </ul>
                            }).collect_view()}
                        }
                    }
                    <p><a href=pdf download="">{i18n.tr(Key::citizen_minutes_pdf)}</a></p>
                    {answered.map(|a| {
                        let verdict = if a.agrees { i18n.t(Key::minutes_agrees) } else { i18n.t(Key::minutes_disagrees) };
                        view! {
                            <p class="notice" role="status">
                                {i18n.fill(Key::citizen_minutes_answered, &[("answer", verdict)])}
                                {a.comment.map(|c| view! { " " {format!("«{c}»")} })}
                            </p>
                        }
                    })}
                    {is_citizen.then(|| view! { <AnswerForm number=info.number revision=info.revision /> })}
                </section>
            }
        })}
    }
}

#[component]
fn AnswerForm(number: u32, revision: u32) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_citizen();
    let agrees = RwSignal::new(None::<bool>);
    let comment = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let comment_id = unique_id("minutes-comment");
    let name = unique_id("minutes-answer");
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let Some(verdict) = agrees.get_untracked() else {
            error.set(Some(i18n.t(Key::citizen_minutes_choose).to_string()));
            return;
        };
        let text = comment.get_untracked();
        let req = OpRequest {
            client_op_id: random::client_op_id(),
            base_version: 0,
            op: Operation::AnswerMinutes {
                number,
                revision,
                agrees: verdict,
                comment: (!text.trim().is_empty()).then_some(text),
            },
        };
        let (id, lang) = (state.id, i18n.lang_untracked());
        submit_form(
            i18n,
            pending,
            error,
            async move { api::submit(id, &req, lang).await },
            move |_| {
                comment.set(String::new());
                agrees.set(None);
                state.load();
            },
        );
    };
    let choice = move |value: bool, key: Key| {
        let name = name.clone();
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name=name
                    prop:checked=move || agrees.get() == Some(value)
                    on:change=move |_| agrees.set(Some(value))
                />
                <span>{i18n.tr(key)}</span>
            </label>
        }
    };
    view! {
        <form class="minutes-answer" on:submit=submit>
            <fieldset>
                <legend>{i18n.tr(Key::citizen_minutes_question)}</legend>
                {choice(true, Key::minutes_agrees)}
                {choice(false, Key::minutes_disagrees)}
            </fieldset>
            <label for=comment_id.clone()>{i18n.tr(Key::citizen_minutes_comment)}</label>
            <textarea
                id=comment_id
                rows="3"
                prop:value=move || comment.get()
                on:input=move |ev| comment.set(event_target_value(&ev))
            ></textarea>
            <ErrorNotice message=error />
            <SubmitButton label=Key::citizen_minutes_send busy=Key::board_saving pending=pending />
        </form>
    }
}
