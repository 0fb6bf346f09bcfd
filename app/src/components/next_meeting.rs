//! "Neste møte": when and where, the video link, whether an interpreter comes, the agenda
//! ahead of time (004:649) and who is invited.

use leptos::prelude::*;
use model::{Board, BoardRole, Invitee, Meeting};

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
        let now = format::now();
        state.data.with(|d| {
            d.as_ref().and_then(|v| {
                let you = v.my_role == BoardRole::Citizen;
                v.meetings.iter().find(|m| m.meeting.end() > now).map(|m| {
                    let citizen = m.citizen_invited.then(|| {
                        if you {
                            i18n.t(Key::meeting_you).to_string()
                        } else {
                            i18n.fill(Key::meeting_citizen, &[("name", &v.citizen_name)])
                        }
                    });
                    let names = citizen
                        .into_iter()
                        .chain(m.members.iter().cloned())
                        .collect();
                    (m.meeting.clone(), names)
                })
            })
        })
    });
    view! {
        <section class="citizen-section meeting-section" aria-labelledby="meeting-heading">
            <h2 id="meeting-heading">{i18n.tr(Key::meeting_next_heading)}</h2>
            {move || match next.get() {
                None => view! { <p>{i18n.tr(Key::meeting_none)}</p> }.into_any(),
                Some((m, names)) => view! { <MeetingDetails meeting=m names=names /> }.into_any(),
            }}
        </section>
    }
}

/// Who is invited, as `viewer_is_citizen` reads it: "Du" or the citizen's name first, then
/// the team with their services.
pub fn invited_names(board: &Board, m: &Meeting, viewer_is_citizen: bool) -> Vec<String> {
    let i18n = use_i18n();
    m.invited
        .iter()
        .filter_map(|who| match who {
            Invitee::Citizen if viewer_is_citizen => Some(i18n.t(Key::meeting_you).to_string()),
            Invitee::Citizen => Some(i18n.fill(
                Key::meeting_citizen,
                &[("name", board.citizen_name.as_str())],
            )),
            Invitee::Member { member_id } => {
                board
                    .members
                    .iter()
                    .find(|x| x.id == *member_id)
                    .map(|x| match &x.service {
                        Some(s) => format!("{} ({s})", x.name),
                        None => x.name.to_string(),
                    })
            }
        })
        .collect()
}

/// A meeting's details; `names` are who is invited.
#[component]
pub fn MeetingDetails(
    /// The meeting shown: its time, place, video link, interpreter and agenda.
    meeting: Meeting,
    /// Who is invited, in words, as the viewer should read them; nothing is listed if empty.
    names: Vec<String>,
) -> impl IntoView {
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
    let people = (!names.is_empty()).then(move || {
        view! {
            <h3 class="meeting-subheading">{i18n.tr(Key::meeting_invited)}</h3>
            <ul class="meeting-people">
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
