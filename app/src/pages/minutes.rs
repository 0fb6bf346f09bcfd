//! A meeting's minutes (referat), as frozen when the meeting ended: date and who was
//! there, "Hva hver enkelt skal gjøre til neste møte", the stage, the next meeting, the
//! citizen's answer, and the board as it stood. Prints on A4; a PDF to download; the
//! investeringsleder corrects it as a new version.

use leptos::{ev, prelude::*};
use model::{Action, BoardId, LocalDateTime, MinutesPage, OpRequest, Operation};

use crate::{
    api,
    components::{
        error_notice::{ErrorNotice, or_error},
        static_board::StaticBoard,
        submit_button::SubmitButton,
        submit_form, unique_id,
    },
    format,
    i18n::{Key, use_i18n},
    labels::stage_name,
    random,
    router::{Link, Route, use_router},
};

/// The page at `/boards/{id}/referat/{number}/{revision}`.
#[component]
pub fn MinutesView(
    /// The board whose minutes are shown; `None` for a malformed id, which is shown as not found.
    id: Option<BoardId>,
    /// The meeting's number on the board.
    number: u32,
    /// Which version of that meeting's minutes: 1 as written, higher for corrections.
    revision: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let page = LocalResource::new(move || {
        let lang = i18n.lang();
        async move {
            let id = id.ok_or(api::ApiError::Http(404))?;
            Ok((id, api::minutes(id, number, revision, lang).await?))
        }
    });
    Effect::new(move |_| {
        document().set_title(&format!(
            "{} – Duk",
            i18n.fill(Key::minutes_title, &[("number", &number.to_string())])
        ))
    });
    view! {
        <div class="page minutes-page">
            <Suspense fallback=move || view! { <p aria-busy="true">{i18n.tr(Key::board_loading)}</p> }>
                {move || {
                    page.get().map(|r| or_error(i18n, r, |(id, p)| view! { <Minutes id=id page=p /> }.into_any()))
                }}
            </Suspense>
        </div>
    }
}

/// One version of the minutes, as read from the server.
#[component]
// long-fn: the minutes as printed, section by section
pub fn Minutes(
    /// The board the minutes belong to, for the links back, to its versions and to the PDF.
    id: BoardId,
    /// The minutes as the server sent them, with the citizen's answers, the newest version
    /// and the reader's role.
    page: MinutesPage,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang_untracked();
    let m = page.minutes;
    let (number, revision) = (m.info.number, m.info.revision);
    let when = LocalDateTime::in_oslo(m.info.started_at);
    let ended = LocalDateTime::in_oslo(m.info.ended_at);
    let present = if m.present_names.is_empty() {
        i18n.t(Key::minutes_no_one).to_string()
    } else {
        m.present_names.join(", ")
    };
    let stage = m
        .stage
        .map(|s| stage_name(i18n, s).to_string())
        .unwrap_or_else(|| i18n.t(Key::stage_none).to_string());
    let next = m.next_meeting.as_ref().map(|n| {
        let place = n.place.as_ref().map(|p| p.to_string()).unwrap_or_default();
        format!(
            "{} {}{}",
            format::date(n.starts_at.date, lang),
            n.starts_at.time,
            if place.is_empty() {
                String::new()
            } else {
                format!(", {place}")
            }
        )
    });
    let pdf = format!(
        "/api/boards/{id}/minutes/{number}/{revision}/pdf?lang={}",
        lang.tag()
    );
    let versions = (1..=page.latest_revision)
        .map(|r| {
            let current = r == revision;
            view! {
                <li>
                    <Link to=Route::Minutes(Some(id), number, r) current=Signal::stored(current)>
                        {i18n.fill(Key::minutes_version, &[("revision", &r.to_string())])}
                    </Link>
                </li>
            }
        })
        .collect_view();
    // Whoever the model's table lets correct the minutes (the investeringsleder now) may
    // correct the newest version.
    let may_correct = page
        .my_role
        .is_some_and(|r| r.may(Action::CorrectMinutes, false))
        && revision == page.latest_revision;
    let tasks = m
        .tasks
        .iter()
        .map(|g| {
            let items =
                g.tasks
                    .iter()
                    .map(|t| {
                        let due = match (t.due, t.postponed) {
                            (Some(d), false) => {
                                i18n.fill(Key::minutes_due, &[("date", &format::date(d, lang))])
                            }
                            (Some(d), true) => i18n
                                .fill(Key::minutes_postponed, &[("date", &format::date(d, lang))]),
                            (None, _) => i18n.t(Key::minutes_no_due).to_string(),
                        };
                        view! {
                            <li>
                                <span class="task-text">{t.text.clone()}</span>
                                " – "
                                <span class="task-due">{due}</span>
                            </li>
                        }
                    })
                    .collect_view();
            view! {
                <section class="task-group">
                    <h3>{g.name.clone()}</h3>
                    <ul>{items}</ul>
                </section>
            }
        })
        .collect_view();
    let answers = page
        .answers
        .iter()
        .map(|a| {
            let verdict = if a.agrees {
                i18n.t(Key::minutes_agrees)
            } else {
                i18n.t(Key::minutes_disagrees)
            };
            view! {
                <li class:objection=!a.agrees>
                    <strong>{i18n.fill(Key::minutes_answer_by, &[("name", &a.by), ("answer", verdict)])}</strong>
                    {a.comment.as_ref().map(|c| view! { " " {format!("«{c}»")} })}
                    " "
                    <span class="hint">{format::date_time(a.at, lang)}</span>
                </li>
            }
        })
        .collect_view();
    let changes = page
        .changes
        .iter()
        .map(|c| view! { <li>{c.text.clone()}</li> })
        .collect_view();
    view! {
        <p class="no-print">
            <Link to=Route::Board(Some(id))>{i18n.tr(Key::minutes_back)}</Link>
        </p>
        <h1>{i18n.fill(Key::minutes_title, &[("number", &number.to_string())])} " – " {m.board.title.to_string()}</h1>
        <dl class="minutes-facts">
            <div>
                <dt>{i18n.tr(Key::meeting_date)}</dt>
                <dd>{format::date(when.date, lang)} ", " {when.time.to_string()}</dd>
            </div>
            <div>
                <dt>{i18n.tr(Key::meeting_present)}</dt>
                <dd>{present}</dd>
            </div>
            <div>
                <dt>{i18n.tr(Key::minutes_stage)}</dt>
                <dd>{stage}</dd>
            </div>
            <div>
                <dt>{i18n.tr(Key::minutes_next_meeting)}</dt>
                <dd>{next.unwrap_or_else(|| i18n.t(Key::minutes_next_none).to_string())}</dd>
            </div>
            <div>
                <dt>{i18n.tr(Key::minutes_made)}</dt>
                <dd>{format::date(ended.date, lang)} ", " {ended.time.to_string()} " – " {m.info.by.clone()}</dd>
            </div>
        </dl>
        <nav class="minutes-versions no-print" aria-label=i18n.tr(Key::minutes_versions)>
            <ul>{versions}</ul>
        </nav>
        {m.info.correction.as_ref().map(|note| {
            let note = note.to_string();
            view! {
                <section class="notice minutes-correction" aria-labelledby="minutes-correction">
                    <h2 id="minutes-correction">{i18n.fill(Key::minutes_correction, &[("revision", &revision.to_string())])}</h2>
                    <p>{note}</p>
                    <ul>{changes}</ul>
                </section>
            }
        })}
        <section aria-labelledby="minutes-tasks">
            <h2 id="minutes-tasks">{i18n.tr(Key::minutes_tasks)}</h2>
            {m.tasks.is_empty().then(|| view! { <p>{i18n.tr(Key::minutes_no_tasks)}</p> })}
            {tasks}
        </section>
        <section aria-labelledby="minutes-answers">
            <h2 id="minutes-answers">{i18n.tr(Key::minutes_answers)}</h2>
            {page.answers.is_empty().then(|| view! { <p>{i18n.tr(Key::minutes_no_answer)}</p> })}
            <ul class="minutes-answers">{answers}</ul>
        </section>
        <div class="button-row no-print">
            <a class="button" href=pdf download="">{i18n.tr(Key::minutes_pdf)}</a>
            <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>
                {i18n.tr(Key::minutes_print)}
            </button>
            <Link to=Route::BoardAt(Some(id), m.info.version) class="button">
                {i18n.tr(Key::minutes_board_then)}
            </Link>
        </div>
        {may_correct.then(|| view! { <CorrectForm id=id number=number next=revision + 1 /> })}
        <section class="minutes-board" aria-labelledby="minutes-board">
            <h2 id="minutes-board">{i18n.tr(Key::minutes_board)}</h2>
            <StaticBoard board=m.board />
        </section>
    }
}

/// "Rett referatet": a note of what is corrected; the board as it stands now becomes the
/// new version, `next`.
#[component]
fn CorrectForm(id: BoardId, number: u32, next: u32) -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let note = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let field = unique_id("correction");
    let hint = unique_id("correction-hint");
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let req = OpRequest {
            client_op_id: random::client_op_id(),
            base_version: 0,
            op: Operation::CorrectMinutes {
                number,
                note: note.get_untracked(),
            },
        };
        let lang = i18n.lang_untracked();
        submit_form(
            i18n,
            pending,
            error,
            async move { api::submit(id, &req, lang).await },
            move |_| router.navigate(Route::Minutes(Some(id), number, next)),
        );
    };
    view! {
        <section class="correct-minutes no-print" aria-labelledby="correct-heading">
            <h2 id="correct-heading">{i18n.tr(Key::minutes_correct)}</h2>
            <form on:submit=submit>
                <label for=field.clone()>{i18n.tr(Key::minutes_correct_label)}</label>
                <p class="hint" id=hint.clone()>{i18n.tr(Key::minutes_correct_hint)}</p>
                <textarea
                    id=field
                    rows="3"
                    aria-describedby=hint
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
                <ErrorNotice message=error />
                <SubmitButton label=Key::minutes_correct_save busy=Key::board_saving pending=pending />
            </form>
        </section>
    }
}
