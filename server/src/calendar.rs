//! The citizen's calendar: their own deadlines and the board's meetings as iCalendar, to
//! download once (`/api/boards/{id}/calendar.ics`) or to subscribe to from a calendar app
//! through a private address with a secret token (`/api/calendar/{token}.ics`) that the
//! citizen can replace or turn off at any time.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use model::{
    Action, ApiErrorCode, AuditAction, Board, BoardRole, CalendarFeed, CalendarFeedStatus, Invitee,
    Lang, Timestamp, catalogue::Key,
};

use crate::{
    AppState,
    auth::{random_token, random_uuid, sha256_hex},
    authz::OnBoard,
    clock::now,
    error::{ApiError, ApiPath},
    store::AuditEntry,
};

fn utc(t: Timestamp) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.0).unwrap_or_default()
}

fn texts(lang: Lang) -> [&'static str; 6] {
    [
        Key::calendar_due,
        Key::calendar_from_plan,
        Key::calendar_meeting_title,
        Key::calendar_agenda,
        Key::calendar_interpreter,
        Key::calendar_video_link,
    ]
    .map(|key| key.text(lang))
}

/// The calendar of `board` for its citizen: every deadline the citizen has (all-day events
/// on the day that counts now) and every meeting the citizen is invited to, cancelled ones
/// marked so that subscribed calendars take them away.
pub fn build(board: &Board, lang: Lang, stamp: Timestamp) -> String {
    let [
        due_word,
        from_plan,
        meeting_title,
        agenda_intro,
        interpreter,
        video,
    ] = texts(lang);
    let mut cal = Calendar::new();
    cal.name(&format!("Duk – {}", board.title));
    for card in board.citizen_tasks() {
        let Some(due) = card.effective_due() else {
            continue;
        };
        let Some(day) =
            NaiveDate::from_ymd_opt(due.year().into(), due.month().into(), due.day().into())
        else {
            continue;
        };
        let event = Event::new()
            .uid(&format!("card-{}@duk", card.id))
            .summary(&format!("{due_word}: {}", card.text))
            .description(from_plan)
            .all_day(day)
            .timestamp(utc(stamp))
            .done();
        cal.push(event);
    }
    for meeting in &board.meetings {
        if !meeting.invited.is_empty() && !meeting.invites(&Invitee::Citizen) {
            continue;
        }
        let mut description = String::new();
        if !meeting.agenda.is_empty() {
            description.push_str(agenda_intro);
            for item in &meeting.agenda {
                description.push_str("\n– ");
                description.push_str(item.as_str());
            }
        }
        if let Some(link) = &meeting.video_link {
            description.push_str(&format!("\n{video}: {link}"));
        }
        if let Some(language) = &meeting.interpreter {
            description.push_str(&format!("\n{interpreter}: {language}"));
        }
        let location = meeting
            .place
            .as_ref()
            .map(ToString::to_string)
            .or_else(|| meeting.video_link.as_ref().map(ToString::to_string));
        let mut event = Event::new();
        event
            .uid(&format!("meeting-{}@duk", meeting.id))
            .summary(meeting_title)
            .starts(utc(meeting.start()))
            .ends(utc(meeting.end()))
            .timestamp(utc(stamp))
            .description(description.trim())
            .status(if meeting.cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        if let Some(location) = location {
            event.location(&location);
        }
        if let Some(link) = &meeting.video_link {
            event.url(link.as_str());
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}

/// An `.ics` answer: never cached, since it holds personal data and changes.
fn ics_response(body: String, download: bool) -> Response {
    let mut res = body.into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if download {
        headers.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"duk-plan.ics\""),
        );
    }
    res
}

/// `GET /api/boards/{id}/calendar.ics`: the calendar as a file, for anyone on the board.
pub async fn download(
    State(state): State<AppState>,
    on: OnBoard,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    on.require(Action::Read)?;
    let board = state
        .store
        .load_board(on.board)
        .await?
        .ok_or(ApiErrorCode::UnknownBoard)?;
    state
        .store
        .audit(&on.audit(AuditAction::ReadCalendar))
        .await?;
    Ok(ics_response(
        build(&board, crate::error::request_lang(&headers), now()),
        true,
    ))
}

/// `GET /api/boards/{id}/calendar-feed`: whether the citizen has a subscription address.
pub async fn feed_status(
    State(state): State<AppState>,
    on: OnBoard,
) -> Result<Json<CalendarFeedStatus>, ApiError> {
    on.require(Action::CalendarFeed)?;
    let created_at = state
        .store
        .calendar_feed(on.board, on.viewer.account)
        .await?;
    Ok(Json(CalendarFeedStatus { created_at }))
}

/// The address people reach the server on: the configured public URL, or the request's
/// own host (a local installation).
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.config.public_url {
        return url.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// `POST /api/boards/{id}/calendar-feed`: a new private address (an old one stops working).
/// The address is shown once; only its token's hash is kept.
pub async fn create_feed(
    State(state): State<AppState>,
    on: OnBoard,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<CalendarFeed>), ApiError> {
    on.require(Action::CalendarFeed)?;
    let token = random_token();
    let id = random_uuid().to_string();
    let audit = on.audit(AuditAction::CreateCalendarFeed);
    state
        .store
        .replace_calendar_feed(
            on.board,
            on.viewer.account,
            Some((&id, &sha256_hex(&token))),
            &audit,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CalendarFeed {
            url: format!("{}/api/calendar/{token}.ics", base_url(&state, &headers)),
            created_at: audit.at,
        }),
    ))
}

/// `DELETE /api/boards/{id}/calendar-feed`: the address stops working at once.
pub async fn revoke_feed(
    State(state): State<AppState>,
    on: OnBoard,
) -> Result<StatusCode, ApiError> {
    on.require(Action::CalendarFeed)?;
    let audit = on.audit(AuditAction::RevokeCalendarFeed);
    if state
        .store
        .replace_calendar_feed(on.board, on.viewer.account, None, &audit)
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiErrorCode::NotFound.into())
    }
}

/// `GET /api/calendar/{token}.ics`: what calendar apps poll. No session: the token is the
/// key. An unknown or turned-off token, or a citizen who no longer has the plan, gets 404.
/// Every read is in the audit log, in the citizen's name.
pub async fn feed(
    State(state): State<AppState>,
    ApiPath(file): ApiPath<String>,
) -> Result<Response, ApiError> {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let (board_id, account) = state
        .store
        .calendar_feed_by_token(&sha256_hex(token))
        .await?
        .ok_or(ApiErrorCode::NotFound)?;
    if state.store.board_role(board_id, account).await? != Some(BoardRole::Citizen) {
        return Err(ApiErrorCode::NotFound.into());
    }
    let board = state
        .store
        .load_board(board_id)
        .await?
        .ok_or(ApiErrorCode::NotFound)?;
    let name = state
        .store
        .account(account)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let at = now();
    state
        .store
        .audit(&AuditEntry {
            at,
            account_id: Some(account),
            actor_name: name,
            actor_role: BoardRole::Citizen.as_str().into(),
            session_id: None,
            board_id: Some(board_id),
            action: AuditAction::ReadCalendar,
            version: None,
        })
        .await?;
    Ok(ics_response(build(&board, Lang::Nb, at), false))
}
