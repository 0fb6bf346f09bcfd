//! "Neste møte": when and where, the video link, whether an interpreter comes, the agenda
//! ahead of time (004:649) and who is invited.

use leptos::prelude::*;
use model::{BoardRole, Invitee, Meeting};

use crate::{
    format,
    i18n::{Key, use_i18n},
    state::use_citizen,
};

/// The next meeting on the citizen's first screen.
#[component]
pub fn NextMeeting() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_citizen();
    let next = Memo::new(move |_| {
        state.data.with(|d| {
            d.as_ref().and_then(|v| {
                let board = &v.board;
                board.next_meeting(format::now()).map(|m| {
                    let names: Vec<String> = m
                        .invited
                        .iter()
                        .filter_map(|who| match who {
                            Invitee::Citizen => None,
                            Invitee::Member { member_id } => board
                                .members
                                .iter()
                                .find(|x| x.id == *member_id)
                                .map(|x| match &x.service {
                                    Some(s) => format!("{} ({s})", x.name),
                                    None => x.name.to_string(),
                                }),
                        })
                        .collect();
                    let you = m.invites(&Invitee::Citizen) && v.my_role == BoardRole::Citizen;
                    (m.clone(), names, you)
                })
            })
        })
    });
    view! {
        <section class="citizen-section meeting-section" aria-labelledby="meeting-heading">
            <h2 id="meeting-heading">{i18n.tr(Key::meeting_next_heading)}</h2>
            {move || match next.get() {
                None => view! { <p>{i18n.tr(Key::meeting_none)}</p> }.into_any(),
                Some((m, names, you)) => view! { <MeetingDetails meeting=m names=names you=you /> }.into_any(),
            }}
        </section>
    }
}

/// A meeting's details.
#[component]
pub fn MeetingDetails(meeting: Meeting, names: Vec<String>, you: bool) -> impl IntoView {
    let i18n = use_i18n();
    let when = move || {
        i18n.fill(
            Key::meeting_when,
            &[
                (
                    "date",
                    &format::weekday_date(meeting.starts_at.date, i18n.lang()),
                ),
                ("time", &meeting.starts_at.time.to_string()),
            ],
        )
    };
    let place = meeting.place.clone().map(|p| {
        view! {
            <p class="meeting-place">
                <span class="meeting-label">{i18n.tr(Key::meeting_place)} ": "</span>
                {p.to_string()}
            </p>
        }
    });
    let video = meeting.video_link.clone().map(|link| {
        view! {
            <p>
                <a class="button button-large" href=link.to_string() rel="noopener noreferrer" target="_blank">
                    {i18n.tr(Key::meeting_video)}
                </a>
            </p>
        }
    });
    let interpreter = meeting.interpreter.clone().map(|lang| {
        let lang = lang.to_string();
        view! { <p class="meeting-interpreter">{move || i18n.fill(Key::meeting_interpreter, &[("language", &lang)])}</p> }
    });
    let agenda = (!meeting.agenda.is_empty()).then(|| {
        view! {
            <h3 class="meeting-subheading">{i18n.tr(Key::meeting_agenda)}</h3>
            <ol class="meeting-agenda">
                {meeting.agenda.iter().map(|item| view! { <li>{item.to_string()}</li> }).collect_view()}
            </ol>
        }
    });
    let people = (!names.is_empty() || you).then(move || {
        view! {
            <h3 class="meeting-subheading">{i18n.tr(Key::meeting_invited)}</h3>
            <ul class="meeting-people">
                {you.then(|| view! { <li>{i18n.tr(Key::meeting_you)}</li> })}
                {names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <p class="meeting-when">{when}</p>
        {place}
        {video}
        {interpreter}
        {agenda}
        {people}
    }
}
