//! Rows as the database returns them, and their conversion to and from the model.

use std::collections::BTreeMap;

use model::{
    Board, BoardId, BoardSummary, Card, CardId, CardText, ClientOpId, Event, IsoDate, Note,
    OrderKey, PersonName, Rejection, Timestamp, Title,
};
use serde::de::DeserializeOwned;

use super::StoreError;

/// Reads a JSON column.
pub(super) fn from_json<T: DeserializeOwned>(what: &str, s: &str) -> Result<T, StoreError> {
    json(what, s)
}

fn json<T: DeserializeOwned>(what: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

pub(super) fn to_json<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Stored text is re-validated on the way out, so nothing invalid can reach a client.
fn valid<T>(what: &str, parsed: Result<T, Rejection>) -> Result<T, StoreError> {
    parsed.map_err(|r| StoreError::Corrupt(format!("{what}: {r}")))
}

fn uuid<T>(what: &str, s: &str, f: impl FnOnce(&str) -> Option<T>) -> Result<T, StoreError> {
    f(s).ok_or_else(|| StoreError::Corrupt(format!("{what}: invalid id")))
}

fn date(what: &str, s: Option<String>) -> Result<Option<IsoDate>, StoreError> {
    s.map(|s| IsoDate::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("{what}: bad date"))))
        .transpose()
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

pub(super) fn version(v: i64) -> Result<u64, StoreError> {
    u64::try_from(v).map_err(|_| StoreError::Corrupt("negative version".into()))
}

#[derive(sqlx::FromRow)]
pub(super) struct SummaryRow {
    id: String,
    title: String,
    citizen_name: String,
    version: i64,
    updated_at: i64,
    card_count: i64,
    next_due: Option<String>,
    stage: Option<String>,
}

impl SummaryRow {
    pub(super) fn into_summary(self) -> Result<BoardSummary, StoreError> {
        Ok(BoardSummary {
            id: uuid("board id", &self.id, BoardId::parse)?,
            title: self.title,
            citizen_name: self.citizen_name,
            version: version(self.version)?,
            card_count: u64::try_from(self.card_count).unwrap_or(0),
            next_due: date("next_due", self.next_due)?,
            stage: self.stage.map(|s| json("stage", &s)).transpose()?,
            updated_at: Timestamp(self.updated_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct BoardRow {
    id: String,
    title: String,
    citizen_name: String,
    short_term_by: Option<String>,
    long_term_by: Option<String>,
    template: String,
    stage: Option<String>,
    members: String,
    citizen_may_add: i64,
    consent: Option<String>,
    meetings: String,
    contact: Option<String>,
    session: Option<String>,
    minutes: String,
    version: i64,
    created_at: i64,
    updated_at: i64,
}

impl BoardRow {
    pub(super) fn into_board(self, cards: Vec<CardRow>) -> Result<Board, StoreError> {
        let cards = cards
            .into_iter()
            .map(|c| c.into_card().map(|c| (c.id, c)))
            .collect::<Result<BTreeMap<_, _>, _>>()?;
        Ok(Board {
            id: uuid("board id", &self.id, BoardId::parse)?,
            title: valid("title", Title::parse(&self.title))?,
            citizen_name: valid("citizen name", PersonName::parse(&self.citizen_name))?,
            short_term_by: date("short_term_by", self.short_term_by)?,
            long_term_by: date("long_term_by", self.long_term_by)?,
            stage: self.stage.map(|s| json("stage", &s)).transpose()?,
            members: json("members", &self.members)?,
            citizen_may_add: self.citizen_may_add != 0,
            consent: self.consent.map(|c| json("consent", &c)).transpose()?,
            contact: self
                .contact
                .map(|c| uuid("contact", &c, model::MemberId::parse))
                .transpose()?,
            meetings: json("meetings", &self.meetings)?,
            session: self.session.map(|s| json("session", &s)).transpose()?,
            minutes: json("minutes", &self.minutes)?,
            template: json("template", &self.template)?,
            cards,
            version: version(self.version)?,
            created_at: Timestamp(self.created_at),
            updated_at: Timestamp(self.updated_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct CardRow {
    pub(super) id: String,
    pub(super) placement: String,
    pub(super) order_key: String,
    pub(super) text: String,
    pub(super) responsible: Option<String>,
    pub(super) due_date: Option<String>,
    pub(super) status: String,
    pub(super) note: Option<String>,
    pub(super) created_by: String,
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
    pub(super) deleted: i64,
    pub(super) changed_in: i64,
}

impl CardRow {
    pub(super) fn from_card(c: &Card) -> Result<Self, StoreError> {
        Ok(CardRow {
            id: c.id.to_string(),
            placement: to_json(&c.placement)?,
            order_key: c.order.to_string(),
            text: c.text.to_string(),
            responsible: c.responsible.as_ref().map(to_json).transpose()?,
            due_date: c.due.map(|d| d.to_string()),
            status: to_json(&c.status)?,
            note: c.note.as_ref().map(|n| n.to_string()),
            created_by: c.created_by.clone(),
            created_at: c.created_at.0,
            updated_at: c.updated_at.0,
            deleted: i64::from(c.deleted),
            changed_in: to_i64(c.changed_in),
        })
    }

    fn into_card(self) -> Result<Card, StoreError> {
        Ok(Card {
            id: uuid("card id", &self.id, CardId::parse)?,
            placement: json("placement", &self.placement)?,
            order: valid("order key", OrderKey::parse(&self.order_key))?,
            text: valid("card text", CardText::parse(&self.text))?,
            responsible: self
                .responsible
                .as_deref()
                .map(|r| json("responsible", r))
                .transpose()?,
            due: date("due_date", self.due_date)?,
            status: json("status", &self.status)?,
            note: self
                .note
                .as_deref()
                .map(|n| valid("note", Note::parse(n)))
                .transpose()?,
            created_by: self.created_by,
            created_at: Timestamp(self.created_at),
            updated_at: Timestamp(self.updated_at),
            deleted: self.deleted != 0,
            changed_in: version(self.changed_in)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct EventRow {
    board_id: String,
    version: i64,
    actor: String,
    at: i64,
    client_op_id: String,
    op: String,
    overwrote: Option<String>,
}

impl EventRow {
    pub(super) fn into_event(self) -> Result<Event, StoreError> {
        Ok(Event {
            board_id: uuid("board id", &self.board_id, BoardId::parse)?,
            version: version(self.version)?,
            actor: self.actor,
            at: Timestamp(self.at),
            client_op_id: uuid("client op id", &self.client_op_id, ClientOpId::parse)?,
            op: json("op", &self.op)?,
            overwrote: match self.overwrote {
                Some(text) => json("overwrote", &text)?,
                None => Vec::new(),
            },
        })
    }
}
