//! The duk as the shared record: its history in words, the board as it was at any
//! version, the frozen minutes (as JSON and as a PDF), the export of everything, and
//! "Mine oppgaver" across boards. Every read is written to the audit log.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
};
use model::{
    AccountKind, Action, ApiErrorCode, AuditAction, Board, BoardExport, BoardId, BoardView,
    CardStatus, EXPORT_FORMAT, Event, HistoryEntry, Lang, MinutesPage, MyTask, Rejection,
    Responsible, SlotId, catalogue::Key, date_text, stage_name,
};
use serde::Deserialize;

use crate::{
    AppState,
    auth::Viewer,
    authz::OnBoard,
    error::{ApiError, ApiPath, ApiQuery, request_lang},
    pdf::{Pdf, Style},
};

/// `?lang=` beside `Accept-Language`, for links a browser opens (the PDF).
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    lang: Option<Lang>,
}

fn lang_of(q: Option<Lang>, headers: &HeaderMap) -> Lang {
    q.unwrap_or_else(|| request_lang(headers))
}

/// Filters for the history.
#[derive(Debug, Default, Deserialize)]
pub struct HistoryQuery {
    lang: Option<Lang>,
    /// Only what happened to this card.
    card: Option<String>,
    /// Only what this person did (the name in the events).
    actor: Option<String>,
    /// Only what touched this theme row.
    theme: Option<String>,
    /// Only what came after this version.
    since: Option<u64>,
}

/// The board's whole story: its earliest stored state and every event after it, told in
/// `lang`. Events from before the earliest state (boards older than checkpoints) are told
/// against that state.
async fn story(
    state: &AppState,
    board: BoardId,
    lang: Lang,
) -> Result<(Vec<Event>, Vec<HistoryEntry>, Board), ApiError> {
    let events = state.store.events_since(board, 0).await?;
    let origin = match state.store.first_checkpoint(board).await? {
        Some(b) => b,
        None => state
            .store
            .load_board(board)
            .await?
            .ok_or(ApiErrorCode::UnknownBoard)?,
    };
    let split = events.partition_point(|e| e.version <= origin.version);
    let mut lines: Vec<HistoryEntry> = events[..split]
        .iter()
        .map(|e| HistoryEntry {
            version: e.version,
            at: e.at,
            actor: e.actor.clone(),
            text: origin.describe(e, lang),
            card_id: e.op.card_id(),
            themes: origin.themes_touched(&e.op),
        })
        .collect();
    let (after, board_now) = model::tell(origin, &events[split..], lang);
    if after.len() != events.len() - split {
        tracing::error!(%board, "the event log does not replay; history stops early");
    }
    lines.extend(after);
    Ok((events, lines, board_now))
}

/// `GET /api/boards/{id}/history`: every change, oldest first, filtered.
pub async fn history(
    State(state): State<AppState>,
    on: OnBoard,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<HistoryQuery>,
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    on.require(Action::Read)?;
    let lang = lang_of(q.lang, &headers);
    let card = q
        .card
        .as_deref()
        .map(|c| model::CardId::parse(c).ok_or(ApiErrorCode::InvalidRequest))
        .transpose()?;
    let theme = q
        .theme
        .as_deref()
        .map(|t| SlotId::parse(t).ok_or(ApiErrorCode::InvalidRequest))
        .transpose()?;
    let (_, lines, _) = story(&state, on.board, lang).await?;
    let lines = lines
        .into_iter()
        .filter(|l| card.is_none_or(|c| l.card_id == Some(c)))
        .filter(|l| q.actor.as_deref().is_none_or(|a| l.actor == a))
        .filter(|l| theme.as_ref().is_none_or(|t| l.themes.contains(t)))
        .filter(|l| q.since.is_none_or(|v| l.version > v))
        .collect();
    state
        .store
        .audit(&on.audit(AuditAction::ReadHistory))
        .await?;
    Ok(Json(lines))
}

/// `GET /api/boards/{id}/versions/{version}`: the board as it was (read-only).
pub async fn at_version(
    State(state): State<AppState>,
    on: OnBoard,
    ApiPath((_, version)): ApiPath<(String, u64)>,
) -> Result<Json<BoardView>, ApiError> {
    on.require(Action::Read)?;
    let origin = state
        .store
        .first_checkpoint(on.board)
        .await?
        .ok_or(ApiErrorCode::NotFound)?;
    if version < origin.version {
        return Err(ApiErrorCode::NotFound.into());
    }
    let events = state
        .store
        .events_between(on.board, origin.version, version)
        .await?;
    let mut board = origin;
    for e in &events {
        board.apply_event(e).map_err(|_| ApiErrorCode::Internal)?;
    }
    if board.version != version {
        return Err(ApiErrorCode::NotFound.into());
    }
    state
        .store
        .audit(&on.audit(AuditAction::ReadHistory))
        .await?;
    Ok(Json(BoardView {
        board,
        my_role: on.role,
        viewer: on.viewer.account,
        seen_version: None,
    }))
}

/// One version of a meeting's minutes with the answers and what a correction changed.
async fn minutes_page(
    state: &AppState,
    on: &OnBoard,
    number: u32,
    revision: u32,
    lang: Lang,
) -> Result<MinutesPage, ApiError> {
    on.require(Action::Read)?;
    let minutes = state
        .store
        .minutes(on.board, number, revision)
        .await?
        .ok_or(Rejection::UnknownMinutes)?;
    let board = state
        .store
        .load_board(on.board)
        .await?
        .ok_or(ApiErrorCode::UnknownBoard)?;
    let answers = board
        .minutes
        .iter()
        .find(|m| m.number == number && m.revision == revision)
        .map(|m| m.answers.clone())
        .unwrap_or_default();
    let latest_revision = board
        .minutes
        .iter()
        .filter(|m| m.number == number)
        .map(|m| m.revision)
        .max()
        .unwrap_or(revision);
    let changes = if revision > 1 {
        let before = state
            .store
            .minutes(on.board, number, revision - 1)
            .await?
            .ok_or(ApiErrorCode::Internal)?;
        let events = state
            .store
            .events_between(on.board, before.info.version, minutes.info.version - 1)
            .await?;
        model::tell(before.board, &events, lang).0
    } else {
        Vec::new()
    };
    state
        .store
        .audit(&on.audit(AuditAction::ReadMinutes))
        .await?;
    Ok(MinutesPage {
        minutes,
        answers,
        latest_revision,
        changes,
        my_role: Some(on.role),
    })
}

/// `GET /api/boards/{id}/minutes/{number}/{revision}`.
pub async fn minutes(
    State(state): State<AppState>,
    on: OnBoard,
    headers: HeaderMap,
    ApiPath((_, number, revision)): ApiPath<(String, u32, u32)>,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<Json<MinutesPage>, ApiError> {
    let lang = lang_of(q.lang, &headers);
    Ok(Json(
        minutes_page(&state, &on, number, revision, lang).await?,
    ))
}

/// `GET /api/boards/{id}/minutes/{number}/{revision}/pdf`: the minutes as an A4 PDF.
pub async fn minutes_pdf(
    State(state): State<AppState>,
    on: OnBoard,
    headers: HeaderMap,
    ApiPath((_, number, revision)): ApiPath<(String, u32, u32)>,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<Response, ApiError> {
    let lang = lang_of(q.lang, &headers);
    let page = minutes_page(&state, &on, number, revision, lang).await?;
    let bytes = render_pdf(&page, lang);
    let name = Key::pdf_file_name.fill(
        lang,
        &[
            ("number", &number.to_string()),
            ("revision", &revision.to_string()),
        ],
    );
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The minutes on A4: who was there, who does what by when, the stage, the next meeting,
/// and for a correction what changed.
// long-fn: the minutes' pages top to bottom, in the order they print
fn render_pdf(page: &MinutesPage, lang: Lang) -> Vec<u8> {
    let m = &page.minutes;
    let b = &m.board;
    let t = |key: Key| key.text(lang);
    let date = |ts: model::Timestamp| {
        let local = model::LocalDateTime::in_oslo(ts);
        format!("{} {}", date_text(local.date, lang), local.time)
    };
    let title = Key::pdf_title.fill(
        lang,
        &[
            ("number", &m.info.number.to_string()),
            ("title", b.title.as_str()),
        ],
    );
    let mut pdf = Pdf::new(&title);
    pdf.text(Style::Title, 0.0, &title);
    pdf.text(
        Style::Small,
        0.0,
        &format!(
            "{} {} · {} {} · {} {}",
            t(Key::pdf_version),
            m.info.revision,
            t(Key::pdf_plan_of),
            b.citizen_name,
            t(Key::pdf_made_by),
            m.info.by
        ),
    );
    pdf.space(8.0);
    pdf.text(
        Style::Strong,
        0.0,
        &format!("{}: {}", t(Key::pdf_date), date(m.info.started_at)),
    );
    pdf.text(
        Style::Body,
        0.0,
        &format!(
            "{}: {}",
            t(Key::pdf_present),
            if m.present_names.is_empty() {
                t(Key::minutes_no_one).to_owned()
            } else {
                m.present_names.join(", ")
            }
        ),
    );
    pdf.text(
        Style::Body,
        0.0,
        &format!(
            "{}: {}",
            t(Key::stage_label),
            m.stage
                .map(|s| stage_name(s, lang))
                .unwrap_or(t(Key::pdf_not_set))
        ),
    );
    if let Some(note) = &m.info.correction {
        pdf.space(6.0);
        pdf.text(Style::Heading, 0.0, t(Key::pdf_correction));
        pdf.text(Style::Body, 0.0, note.as_str());
        for c in &page.changes {
            pdf.bullet(0.0, &c.text);
        }
    }
    pdf.space(10.0);
    pdf.text(Style::Heading, 0.0, t(Key::minutes_tasks));
    if m.tasks.is_empty() {
        pdf.text(Style::Body, 0.0, t(Key::minutes_no_tasks));
    }
    for group in &m.tasks {
        pdf.space(4.0);
        pdf.text(Style::Strong, 0.0, &group.name);
        for task in &group.tasks {
            let due = match (task.due, task.postponed) {
                (Some(d), false) => format!(" – {} {}", t(Key::pdf_due), date_text(d, lang)),
                (Some(d), true) => {
                    format!(" – {} {}", t(Key::pdf_postponed_to), date_text(d, lang))
                }
                (None, _) => format!(" – {}", t(Key::minutes_no_due)),
            };
            pdf.bullet(8.0, &format!("{}{due}", task.text));
        }
    }
    pdf.space(10.0);
    pdf.text(Style::Heading, 0.0, t(Key::meeting_next_heading));
    match &m.next_meeting {
        Some(next) => {
            let place = next
                .place
                .as_ref()
                .map(|p| p.to_string())
                .or_else(|| {
                    next.video_link
                        .as_ref()
                        .map(|_| t(Key::pdf_video).to_owned())
                })
                .unwrap_or_default();
            pdf.text(
                Style::Body,
                0.0,
                &format!(
                    "{} {} {}, {place}",
                    date_text(next.starts_at.date, lang),
                    t(Key::pdf_at_time),
                    next.starts_at.time
                ),
            );
        }
        None => pdf.text(Style::Body, 0.0, t(Key::pdf_not_agreed)),
    }
    if !page.answers.is_empty() {
        pdf.space(10.0);
        pdf.text(Style::Heading, 0.0, t(Key::minutes_answers));
        for a in &page.answers {
            let verdict = if a.agrees {
                t(Key::minutes_agrees)
            } else {
                t(Key::minutes_disagrees)
            };
            let comment = a
                .comment
                .as_ref()
                .map(|c| format!(": «{c}»"))
                .unwrap_or_default();
            pdf.bullet(0.0, &format!("{verdict}{comment} ({})", date(a.at)));
        }
    }
    pdf.space(10.0);
    pdf.text(
        Style::Small,
        0.0,
        &format!("{} {}", t(Key::pdf_ended), date(m.info.ended_at)),
    );
    pdf.finish()
}

/// `GET /api/boards/{id}/export`: the board with every event, its history in words and
/// every version of the minutes, as one JSON file (innsyn, archiving).
pub async fn export(
    State(state): State<AppState>,
    on: OnBoard,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<Response, ApiError> {
    on.require(Action::Export)?;
    let lang = lang_of(q.lang, &headers);
    let (events, history, _) = story(&state, on.board, lang).await?;
    let board = state
        .store
        .load_board(on.board)
        .await?
        .ok_or(ApiErrorCode::UnknownBoard)?;
    let minutes = state.store.all_minutes(on.board).await?;
    state
        .store
        .audit(&on.audit(AuditAction::ExportBoard))
        .await?;
    let export = BoardExport {
        format: EXPORT_FORMAT.into(),
        exported_at: crate::clock::now(),
        board,
        events,
        history,
        minutes,
    };
    let mut res = Json(export).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"duk-{}.json\"", on.board))
    {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// `GET /api/tasks`: "Mine oppgaver" — the cards the signed-in member of staff is
/// responsible for and has not finished, on every board whose team they are on, soonest
/// frist first.
pub async fn my_tasks(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<Json<Vec<MyTask>>, ApiError> {
    if viewer.kind != AccountKind::Staff {
        return Err(ApiErrorCode::Forbidden.into());
    }
    let lang = lang_of(q.lang, &headers);
    let mut tasks = Vec::new();
    for summary in state.store.boards_of(viewer.account).await? {
        let Some(board) = state.store.load_board(summary.id).await? else {
            continue;
        };
        let mine: Vec<_> = board
            .members
            .iter()
            .filter(|m| !m.removed && m.account == Some(viewer.account))
            .map(|m| m.id)
            .collect();
        if mine.is_empty() {
            continue;
        }
        // On the team, so the lead or a member; no need to ask the database.
        let role = if board
            .members
            .iter()
            .any(|m| m.lead && !m.removed && m.account == Some(viewer.account))
        {
            model::BoardRole::Owner
        } else {
            model::BoardRole::Member
        };
        state
            .store
            .audit(&viewer.audit(AuditAction::ReadTasks, Some(board.id), role.as_str()))
            .await?;
        for card in board.cards.values() {
            let is_mine = matches!(&card.responsible, Some(Responsible::Member { member_id }) if mine.contains(member_id));
            if is_mine && !card.deleted && card.status != CardStatus::Done {
                tasks.push(MyTask {
                    board_id: board.id,
                    board_title: board.title.to_string(),
                    board_version: board.version,
                    card: card.clone(),
                    place: board.placement_name(&card.placement, lang),
                });
            }
        }
    }
    tasks.sort_by(|a, b| {
        let due = |t: &MyTask| (t.card.effective_due().is_none(), t.card.effective_due());
        due(a)
            .cmp(&due(b))
            .then_with(|| a.board_title.cmp(&b.board_title))
            .then_with(|| a.card.id.cmp(&b.card.id))
    });
    Ok(Json(tasks))
}
