//! The meeting on the board, as on the paper's header: "Dato" and "Tilstede". The
//! investeringsleder starts it, ticks who is in the room and ends it; whoever opens the
//! board while it goes on is written down as present. Between meetings it shows the last
//! minutes, the citizen's answer, and the way to the history.

use leptos::prelude::*;
use model::{Action, Attendee, LocalDateTime, Operation};

use crate::{
    components::focus_after_render,
    format,
    i18n::{Key, use_i18n},
    router::{Link, Route},
    state::{BoardStore, BoardUi, Notice, use_session},
};

/// The meeting bar under the board's header.
#[component]
// long-fn: the bar between meetings and during one; to be split into the two when it next changes
pub fn MeetingBar(
    /// The board whose meeting is started, ticked and ended here, and whose last minutes are shown.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    let session = use_session();
    let board_id = store.id();
    // Every offer below asks the model's table, as the server does.
    let runs = move || ui.offers(Action::RunMeeting, store);
    let exports = move || !ui.wall.get() && ui.offers(Action::Export, store);
    let account = move || session.me.with(|m| m.as_ref().map(|m| m.id));
    let apply = move |op: Operation| {
        if let Err(m) = store.apply(op, i18n.lang_untracked()) {
            store.notice.set(Some(Notice::Refused(m)));
        }
    };
    // Who "I" am at a meeting: the citizen, or the team member with my account.
    let me = Memo::new(move |_| {
        let (role, account) = (ui.role.get(), account());
        store.members.track();
        store.with_board(|b| b.attendee(role, account))
    });
    // Whether I may tick `a` as present: the lead anyone, others only themselves.
    let may_tick = move |a: &Attendee| {
        let tick = Operation::SetPresent {
            attendee: a.clone(),
            present: true,
        };
        let (role, account) = (ui.role.get(), account());
        store.members.track();
        ui.offers(Action::TickPresent, store)
            && store.with_board(|b| b.permits(role, account, &tick))
    };
    // Joining a meeting going on writes one down as present, once per meeting and page:
    // someone who then takes their own tick away is not ticked again. The meeting is known
    // by its number (stable while the start waits for the server, unlike its version).
    let decided = StoredValue::new(None::<u32>);
    Effect::new(move |_| {
        let Some(present) = store
            .session
            .with(|s| s.as_ref().map(|s| s.present.clone()))
        else {
            return;
        };
        let number = store
            .minutes
            .with(|m| m.iter().map(|m| m.number).max().unwrap_or(0) + 1);
        if decided.get_value() == Some(number) {
            return;
        }
        let Some(me) = me.get() else { return };
        decided.set_value(Some(number));
        if !present.contains(&me) {
            // Quietly: another tab of mine may have been first.
            let _ = store.apply(
                Operation::SetPresent {
                    attendee: me,
                    present: true,
                },
                i18n.lang_untracked(),
            );
        }
    });
    let names = move |list: &[Attendee]| {
        store.members.track();
        store.with_board(|b| {
            list.iter()
                .map(|a| b.attendee_name(a))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let running = move || store.session.with(Option::is_some);
    // Starting or ending replaces the button pressed; keyboard users continue from the
    // bar's new heading instead of losing their place.
    let heading: NodeRef<leptos::html::H2> = NodeRef::new();
    let start = move |_| {
        let present = me.get_untracked().into_iter().collect();
        apply(Operation::StartMeeting {
            meeting_id: None,
            present,
        });
        focus_after_render(heading);
    };
    let end = move |_| {
        apply(Operation::EndMeeting {});
        focus_after_render(heading);
    };
    let other_name = RwSignal::new(String::new());
    let add_other = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = other_name.get_untracked();
        apply(Operation::SetPresent {
            attendee: Attendee::Other { name },
            present: true,
        });
        other_name.set(String::new());
    };
    // Everyone who could be in the room: the citizen, the team, and others ticked.
    let candidates = move || {
        let mut list = vec![Attendee::Citizen];
        list.extend(
            store
                .members
                .get()
                .into_iter()
                .filter(|m| !m.removed)
                .map(|m| Attendee::Member { member_id: m.id }),
        );
        if let Some(s) = store.session.get() {
            for a in s.present {
                if !list.contains(&a) {
                    list.push(a);
                }
            }
        }
        list.retain(|a| may_tick(a));
        list
    };
    let ticks_others = move || {
        may_tick(&Attendee::Other {
            name: String::new(),
        })
    };
    let present = move |a: &Attendee| {
        store
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.present.contains(a)))
    };
    let latest = Memo::new(move |_| {
        store.minutes.track();
        store.with_board(|b| b.latest_minutes().first().map(|m| (*m).clone()))
    });
    let objections = Memo::new(move |_| {
        store.minutes.track();
        store.with_board(|b| {
            b.open_objections()
                .into_iter()
                .map(|(m, a)| (m.number, m.revision, a.clone()))
                .collect::<Vec<_>>()
        })
    });
    let settled = move || store.unsent.get() == 0;

    view! {
        <section class="panel meeting-bar" class:meeting-running=running aria-labelledby="meeting-bar-heading">
            <Show
                when=running
                fallback=move || {
                    view! {
                        <h2 id="meeting-bar-heading" class="meeting-bar-title" tabindex="-1" node_ref=heading>
                            {i18n.tr(Key::meeting_record)}
                        </h2>
                        {move || {
                            latest
                                .get()
                                .map(|m| {
                                    let when = LocalDateTime::in_oslo(m.started_at);
                                    let route = Route::Minutes(Some(board_id), m.number, m.revision);
                                    view! {
                                        <p class="meeting-facts">
                                            <span>
                                                <strong>{i18n.tr(Key::meeting_last)}</strong>
                                                " "
                                                {format::date(when.date, i18n.lang())}
                                            </span>
                                            <span>
                                                <strong>{i18n.tr(Key::meeting_present)}</strong>
                                                " "
                                                {names(&m.present)}
                                            </span>
                                        </p>
                                        <Show when=settled>
                                            <p>
                                                <Link to=route.clone()>
                                                    {i18n.fill(
                                                        Key::minutes_link,
                                                        &[("number", &m.number.to_string())],
                                                    )}
                                                </Link>
                                            </p>
                                        </Show>
                                    }
                                })
                        }}
                        <For
                            each=move || objections.get()
                            key=|(n, r, a)| (*n, *r, a.at)
                            let:item
                        >
                            {
                                let (number, revision, answer) = item;
                                let comment = answer.comment.map(|c| c.to_string()).unwrap_or_default();
                                view! {
                                    <p class="notice notice-warning objection">
                                        {i18n.fill(
                                            Key::minutes_objection,
                                            &[("name", &answer.by), ("number", &number.to_string())],
                                        )}
                                        " "
                                        {format!("«{comment}»")}
                                        " "
                                        <Link to=Route::Minutes(Some(board_id), number, revision)>
                                            {i18n.tr(Key::minutes_open)}
                                        </Link>
                                    </p>
                                }
                            }
                        </For>
                        <div class="button-row">
                            <Show when=runs>
                                <button type="button" class="button button-primary" on:click=start>
                                    {i18n.tr(Key::meeting_start)}
                                </button>
                            </Show>
                            <Link to=Route::History(Some(board_id), None) class="button">
                                {i18n.tr(Key::history_link)}
                            </Link>
                            <Show when=exports>
                                <a class="button" href=format!("/api/boards/{board_id}/export") download="">
                                    {i18n.tr(Key::export_link)}
                                </a>
                            </Show>
                        </div>
                    }
                }
            >
                <h2 id="meeting-bar-heading" class="meeting-bar-title" tabindex="-1" node_ref=heading>
                    {i18n.tr(Key::meeting_running)}
                </h2>
                {move || {
                    store
                        .session
                        .get()
                        .map(|s| {
                            let when = LocalDateTime::in_oslo(s.started_at);
                            view! {
                                <p class="meeting-facts">
                                    <span>
                                        <strong>{i18n.tr(Key::meeting_date)}</strong>
                                        " "
                                        {format::date(when.date, i18n.lang())}
                                        ", "
                                        {when.time.to_string()}
                                    </span>
                                    <span>
                                        <strong>{i18n.tr(Key::meeting_present)}</strong>
                                        " "
                                        {names(&s.present)}
                                    </span>
                                </p>
                            }
                        })
                }}
                // Ticking who is here unfolds, so the running meeting stays one line.
                <Show when=move || !candidates().is_empty()>
                    <details class="present-edit">
                    <summary class="button">{i18n.tr(Key::meeting_who_present)}</summary>
                    <fieldset class="present-list">
                        <legend class="visually-hidden">{i18n.tr(Key::meeting_who_present)}</legend>
                        <For each=candidates key=|a| a.clone() let:a>
                            {
                                let name = store.with_board(|b| b.attendee_name(&a));
                                let here = a.clone();
                                let toggle = a.clone();
                                view! {
                                    <label class="toggle">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || present(&here)
                                            on:change=move |ev| {
                                                apply(Operation::SetPresent {
                                                    attendee: toggle.clone(),
                                                    present: event_target_checked(&ev),
                                                })
                                            }
                                        />
                                        <span>{name}</span>
                                    </label>
                                }
                            }
                        </For>
                        <Show when=ticks_others>
                        <form class="inline-form" on:submit=add_other>
                            <label class="field field-inline">
                                <span class="field-label">{i18n.tr(Key::meeting_other_person)}</span>
                                <input
                                    type="text"
                                    autocomplete="off"
                                    prop:value=move || other_name.get()
                                    on:input=move |ev| other_name.set(event_target_value(&ev))
                                />
                            </label>
                            <button type="submit" class="button">{i18n.tr(Key::meeting_add_present)}</button>
                        </form>
                        </Show>
                    </fieldset>
                    </details>
                </Show>
                <Show when=runs>
                    <div class="button-row">
                        <button type="button" class="button button-primary" on:click=end>
                            {i18n.tr(Key::meeting_end)}
                        </button>
                    </div>
                </Show>
            </Show>
        </section>
    }
}
