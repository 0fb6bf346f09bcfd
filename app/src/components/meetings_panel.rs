//! Meetings on the board: the team plans them (date and time, place or video link, the
//! agenda the citizen sees ahead of time, who is invited, an interpreter), changes them and
//! calls them off. Everyone on the board sees them; the citizen sees the next one first.

use leptos::{ev, prelude::*};
use model::{Action, Invitee, MeetingFields, MeetingId, Operation, TimeOfDay};

use crate::{
    components::{
        error_notice::ErrorNotice,
        form_actions::FormActions,
        modal::Modal,
        next_meeting::{MeetingDetails, invited_names},
        text_field::TextField,
        unique_id,
    },
    format,
    i18n::{Key, use_i18n},
    random,
    state::{BoardStore, BoardUi, Notice},
};

/// The meetings, in the panel of their toolbar button.
#[component]
pub fn MeetingsPanel(
    /// The board whose upcoming meetings and open objections are listed, planned and called off.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    let upcoming = Memo::new(move |_| {
        store.meetings.track();
        store.with_board(|b| {
            b.upcoming_meetings(format::now())
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let objections = Memo::new(move |_| {
        store.minutes.track();
        store.with_board(|b| {
            b.open_objections()
                .into_iter()
                .map(|(m, a)| {
                    (
                        m.number,
                        a.by.clone(),
                        a.comment.as_ref().map(|c| c.to_string()),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    // `None`: closed; `Some(None)`: a new meeting; `Some(Some(id))`: changing that one.
    let editing = RwSignal::new(None::<Option<MeetingId>>);
    let cancel_meeting = move |meeting_id| {
        if let Err(m) = store.apply(
            Operation::CancelMeeting { meeting_id },
            i18n.lang_untracked(),
        ) {
            store.notice.set(Some(Notice::Refused(m)));
        }
    };
    let title = Signal::derive(move || {
        i18n.t(match editing.get() {
            Some(Some(_)) => Key::meeting_form_edit,
            _ => Key::meeting_form_new,
        })
        .to_string()
    });
    view! {
        <div class="meetings-panel">
            <Show when=move || upcoming.with(Vec::is_empty)>
                <p>{i18n.tr(Key::meeting_none)}</p>
            </Show>
            <ul class="meeting-list">
                <For each=move || upcoming.get() key=|m| (m.id, m.updated_at) let:m>
                    {
                        let id = m.id;
                        let people = store.with_board(|b| invited_names(b, &m, false));
                        let when = format!("{} {}", m.starts_at.date, m.starts_at.time);
                        view! {
                            <li class="meeting-item">
                                <MeetingDetails meeting=m names=people />
                                <Show when=move || ui.offers(Action::PlanMeetings, store)>
                                    <div class="button-row">
                                        <button
                                            type="button"
                                            class="button"
                                            aria-label=i18n.fill(Key::meeting_edit_label, &[("when", &when)])
                                            on:click=move |_| editing.set(Some(Some(id)))
                                        >
                                            {i18n.tr(Key::meeting_edit)}
                                        </button>
                                        <button
                                            type="button"
                                            class="button button-quiet"
                                            aria-label=i18n.fill(Key::meeting_cancel_label, &[("when", &when)])
                                            on:click=move |_| cancel_meeting(id)
                                        >
                                            {i18n.tr(Key::meeting_cancel)}
                                        </button>
                                    </div>
                                </Show>
                            </li>
                        }
                    }
                </For>
            </ul>
            // The citizen's objections to the last minutes belong on the next meeting's agenda.
            <Show when=move || objections.with(|o| !o.is_empty())>
                <h3 class="panel-subheading">{i18n.tr(Key::meeting_agenda_objections)}</h3>
                <ul>
                    {move || objections.get().into_iter().map(|(number, by, comment)| view! {
                        <li>
                            {i18n.fill(Key::minutes_objection, &[("name", &by), ("number", &number.to_string())])}
                            " " {comment.map(|c| format!("«{c}»"))}
                        </li>
                    }).collect_view()}
                </ul>
            </Show>
            <Show when=move || ui.offers(Action::PlanMeetings, store)>
                <button type="button" class="button button-primary" on:click=move |_| editing.set(Some(None))>
                    {i18n.tr(Key::meeting_form_new)}
                </button>
            </Show>
            <Modal
                open=Signal::derive(move || editing.with(Option::is_some))
                title=title
                on_close=Callback::new(move |()| editing.set(None))
            >
                {move || editing.get().map(|id| view! { <MeetingForm store=store id=id done=Callback::new(move |()| editing.set(None)) /> })}
            </Modal>
        </div>
    }
}

/// The form for a new meeting (`id` is `None`) or for changing one.
#[component]
// long-fn: the meeting's form, field by field, in the order it shows
fn MeetingForm(store: BoardStore, id: Option<MeetingId>, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let existing =
        id.and_then(|id| store.with_board(|b| b.meetings.iter().find(|m| m.id == id).cloned()));
    let date = RwSignal::new(
        existing
            .as_ref()
            .map(|m| m.starts_at.date.to_string())
            .unwrap_or_default(),
    );
    let time = RwSignal::new(
        existing
            .as_ref()
            .map_or_else(|| "10:00".to_owned(), |m| m.starts_at.time.to_string()),
    );
    let minutes = RwSignal::new(existing.as_ref().map_or(90, |m| m.minutes).to_string());
    let place = RwSignal::new(
        existing
            .as_ref()
            .and_then(|m| m.place.as_ref().map(ToString::to_string))
            .unwrap_or_default(),
    );
    let video = RwSignal::new(
        existing
            .as_ref()
            .and_then(|m| m.video_link.as_ref().map(ToString::to_string))
            .unwrap_or_default(),
    );
    let agenda = RwSignal::new(
        existing
            .as_ref()
            .map(|m| {
                m.agenda
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default(),
    );
    let interpreter = RwSignal::new(
        existing
            .as_ref()
            .and_then(|m| m.interpreter.as_ref().map(ToString::to_string))
            .unwrap_or_default(),
    );
    let needs_interpreter =
        RwSignal::new(existing.as_ref().is_some_and(|m| m.interpreter.is_some()));
    // Everyone is invited to a new meeting; the form unticks who will not come.
    let members: Vec<(Invitee, String)> = store.members.with_untracked(|ms| {
        ms.iter()
            .filter(|m| !m.removed)
            .map(|m| (Invitee::Member { member_id: m.id }, m.name.to_string()))
            .collect()
    });
    let citizen_name = store.header.with_untracked(|h| h.citizen_name.clone());
    let mut everyone = vec![(
        Invitee::Citizen,
        i18n.fill(Key::meeting_citizen, &[("name", &citizen_name)]),
    )];
    everyone.extend(members);
    let invited = RwSignal::new(match &existing {
        Some(m) => m.invited.clone(),
        None => everyone.iter().map(|(who, _)| who.clone()).collect(),
    });
    let error = RwSignal::new(None::<String>);
    let agenda_id = unique_id("agenda");
    let agenda_hint = unique_id("agenda-hint");
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let lang = i18n.lang_untracked();
        let Some(d) = model::IsoDate::parse(date.get_untracked().trim()) else {
            error.set(Some(i18n.t(Key::meeting_date_invalid).into()));
            return;
        };
        let Some(t) = TimeOfDay::parse(&time.get_untracked()) else {
            error.set(Some(i18n.t(Key::profile_time_invalid).into()));
            return;
        };
        let fields = MeetingFields {
            date: d,
            time: t,
            minutes: minutes.get_untracked().trim().parse().ok(),
            place: Some(place.get_untracked()),
            video_link: Some(video.get_untracked()),
            agenda: agenda.get_untracked().lines().map(str::to_owned).collect(),
            invited: invited.get_untracked(),
            interpreter: needs_interpreter
                .get_untracked()
                .then(|| interpreter.get_untracked()),
        };
        if needs_interpreter.get_untracked() && interpreter.with_untracked(|l| l.trim().is_empty())
        {
            error.set(Some(i18n.t(Key::meeting_language_needed).into()));
            return;
        }
        let op = match id {
            Some(meeting_id) => Operation::EditMeeting {
                meeting_id,
                meeting: fields,
            },
            None => Operation::ScheduleMeeting {
                meeting_id: random::meeting_id(),
                meeting: fields,
            },
        };
        match store.apply(op, lang) {
            Ok(()) => {
                error.set(None);
                done.run(());
            }
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <form class="stack-form meeting-form" on:submit=submit novalidate>
            <div class="field-row">
                <TextField label=Key::meeting_date value=date kind="date" />
                <TextField label=Key::meeting_time value=time kind="time" />
                <TextField label=Key::meeting_minutes value=minutes kind="number" />
            </div>
            <TextField label=Key::meeting_place_label value=place />
            <TextField label=Key::meeting_video_label value=video kind="url" />
            <div class="field">
                <label class="field-label" for=agenda_id.clone()>{i18n.tr(Key::meeting_agenda_label)}</label>
                <span class="hint" id=agenda_hint.clone()>{i18n.tr(Key::meeting_agenda_hint)}</span>
                <textarea
                    id=agenda_id
                    rows="5"
                    aria-describedby=agenda_hint
                    prop:value=move || agenda.get()
                    on:input=move |e| agenda.set(event_target_value(&e))
                ></textarea>
            </div>
            <fieldset class="field">
                <legend class="field-label">{i18n.tr(Key::meeting_invited_label)}</legend>
                {everyone
                    .into_iter()
                    .map(|(who, name)| {
                        let w = who.clone();
                        let checked = move || invited.with(|i| i.contains(&w));
                        view! {
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    prop:checked=checked
                                    on:change=move |e| {
                                        let on = event_target_checked(&e);
                                        let who = who.clone();
                                        invited.update(|i| {
                                            i.retain(|x| *x != who);
                                            if on {
                                                i.push(who);
                                            }
                                        });
                                    }
                                />
                                {name}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || needs_interpreter.get()
                    on:change=move |e| needs_interpreter.set(event_target_checked(&e))
                />
                {i18n.tr(Key::meeting_interpreter_needed)}
            </label>
            <Show when=move || needs_interpreter.get()>
                <TextField label=Key::meeting_interpreter_language value=interpreter />
            </Show>
            <ErrorNotice message=error />
            <FormActions submit=Key::meeting_save on_cancel=done />
        </form>
    }
}
