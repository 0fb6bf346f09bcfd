//! A board, its cards, and how operations change them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{
    ApplyContext, Attendee, BoardId, CardId, CardText, Consent, ConsentFields, Event, Field,
    Invitee, IsoDate, Meeting, MeetingSession, Member, MemberId, MinutesAnswer, MinutesInfo, Note,
    Operation, OrderKey, Patch, PersonName, Placement, Rejection, ShortText, Template, Theme,
    Timestamp, Title, limits,
};

/// Who is responsible for a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Responsible {
    /// The citizen whose plan it is.
    Citizen,
    /// A member of the team.
    Member {
        /// Which member.
        member_id: MemberId,
    },
    /// Someone outside the team, by name (a landlord, a GP…).
    Outside {
        /// Their name.
        name: String,
    },
}

/// Where a card stands.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum CardStatus {
    /// Not done yet.
    #[default]
    Open,
    /// Done.
    Done,
    /// Put off to a new date; a goal is postponed rather than deleted (004:549).
    Postponed {
        /// The new date.
        until: IsoDate,
    },
    /// A proposal the citizen can take time to think over ("Forslag – tenk over", 004:699).
    Proposed,
}

/// Where the plan stands on the *investeringsferd* (004:303–305, 004:749–751).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Uholdbar: the situation cannot go on as it is.
    Untenable,
    /// Utsatt: at risk.
    AtRisk,
    /// Stabil.
    Stable,
    /// Bærekraftig: sustainable on its own.
    Sustainable,
}

impl Stage {
    /// All stages, from the first to the last.
    pub const ALL: [Stage; 4] = [
        Stage::Untenable,
        Stage::AtRisk,
        Stage::Stable,
        Stage::Sustainable,
    ];

    /// Its position on the journey, 1–4.
    pub fn step(self) -> usize {
        self as usize + 1
    }
}

/// A note on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// Its id.
    pub id: CardId,
    /// Its cell or zone.
    pub placement: Placement,
    /// Its position there.
    pub order: OrderKey,
    /// What it says.
    pub text: CardText,
    /// Who does it.
    #[serde(default)]
    pub responsible: Option<Responsible>,
    /// By when (frist).
    #[serde(default)]
    pub due: Option<IsoDate>,
    /// Its status.
    #[serde(default)]
    pub status: CardStatus,
    /// A longer note.
    #[serde(default)]
    pub note: Option<Note>,
    /// Who created it.
    pub created_by: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
    /// Deleted cards stay for history and so that a late edit is told the card is gone.
    #[serde(default)]
    pub deleted: bool,
    /// The board version of its last change (creation included): compared with a
    /// meeting's start or end to mark what changed in or since it.
    #[serde(default)]
    pub changed_in: u64,
}

/// A board: the header, the template and the cards, at a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    /// Its id.
    pub id: BoardId,
    /// The title shown in lists, e.g. "Planen til Kari Nordmann".
    pub title: Title,
    /// "Planen til": the citizen's display name.
    pub citizen_name: PersonName,
    /// "På kort sikt innen".
    pub short_term_by: Option<IsoDate>,
    /// "På lang sikt innen".
    pub long_term_by: Option<IsoDate>,
    /// Where the plan stands, once the team has said.
    #[serde(default)]
    pub stage: Option<Stage>,
    /// The team around the citizen, removed members included.
    #[serde(default)]
    pub members: Vec<Member>,
    /// Whether the citizen may add cards themselves (the investeringsleder decides).
    #[serde(default)]
    pub citizen_may_add: bool,
    /// The citizen's consent to share between the team's services, once recorded.
    #[serde(default)]
    pub consent: Option<Consent>,
    /// The citizen's contact person, if the team named one; otherwise the
    /// investeringsleder is (see [`Board::contact_member`]).
    #[serde(default)]
    pub contact: Option<MemberId>,
    /// Meetings, cancelled and past ones included.
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// The meeting going on now on the board, if one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<MeetingSession>,
    /// Every version of every meeting's minutes, in the order they were made.
    #[serde(default)]
    pub minutes: Vec<MinutesInfo>,
    /// Its rows, columns and zones.
    pub template: Template,
    /// Every card, deleted ones included.
    #[serde(with = "card_list")]
    pub cards: BTreeMap<CardId, Card>,
    /// The number of accepted operations so far.
    pub version: u64,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// A line in the list of boards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardSummary {
    /// Its id.
    pub id: BoardId,
    /// Its title.
    pub title: String,
    /// Whose plan.
    pub citizen_name: String,
    /// Its version.
    pub version: u64,
    /// Live (not deleted) cards.
    pub card_count: u64,
    /// The earliest frist of a card that is not done.
    #[serde(default)]
    pub next_due: Option<IsoDate>,
    /// Where the plan stands.
    #[serde(default)]
    pub stage: Option<Stage>,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// A request to create a board from the default template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBoard {
    /// "Planen til": the citizen's display name.
    pub citizen_name: String,
    /// A title; defaults to "Planen til ⟨name⟩".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// "På kort sikt innen".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_term_by: Option<IsoDate>,
    /// "På lang sikt innen".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_term_by: Option<IsoDate>,
}

impl CreateBoard {
    /// Validates the request and builds the empty board at version 0.
    pub fn into_board(self, id: BoardId, at: Timestamp) -> Result<Board, Rejection> {
        let citizen_name = PersonName::parse(&self.citizen_name)?;
        let title = match &self.title {
            Some(t) => Title::parse(t)?,
            None => Title::parse(&format!("Planen til {citizen_name}"))?,
        };
        check_horizons(self.short_term_by, self.long_term_by)?;
        Ok(Board {
            id,
            title,
            citizen_name,
            short_term_by: self.short_term_by,
            long_term_by: self.long_term_by,
            stage: None,
            members: Vec::new(),
            citizen_may_add: false,
            consent: None,
            contact: None,
            meetings: Vec::new(),
            session: None,
            minutes: Vec::new(),
            template: Template::duk(),
            cards: BTreeMap::new(),
            version: 0,
            created_at: at,
            updated_at: at,
        })
    }
}

fn check_horizons(short: Option<IsoDate>, long: Option<IsoDate>) -> Result<(), Rejection> {
    match (short, long) {
        (Some(s), Some(l)) if s > l => Err(Rejection::HorizonOrder),
        _ => Ok(()),
    }
}

impl Board {
    /// The line for this board in a list.
    pub fn summary(&self) -> BoardSummary {
        BoardSummary {
            id: self.id,
            title: self.title.to_string(),
            citizen_name: self.citizen_name.to_string(),
            version: self.version,
            card_count: self.cards.values().filter(|c| !c.deleted).count() as u64,
            next_due: self.next_due(),
            stage: self.stage,
            updated_at: self.updated_at,
        }
    }

    /// The earliest frist among live cards that are not done.
    pub fn next_due(&self) -> Option<IsoDate> {
        self.cards
            .values()
            .filter(|c| !c.deleted && c.status != CardStatus::Done)
            .filter_map(|c| c.due)
            .min()
    }

    /// A team member who has not been removed.
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id && !m.removed)
    }

    /// The live cards at a placement, in order.
    pub fn cards_at(&self, placement: &Placement) -> Vec<&Card> {
        let mut cards: Vec<&Card> = self
            .cards
            .values()
            .filter(|c| !c.deleted && &c.placement == placement)
            .collect();
        cards.sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
        cards
    }

    /// The key that puts a card at `index` among the live cards at `placement`, leaving out
    /// `moving` (the card being moved, if it is already there).
    pub fn order_key_at(
        &self,
        placement: &Placement,
        index: usize,
        moving: Option<CardId>,
    ) -> OrderKey {
        let cards: Vec<&Card> = self
            .cards_at(placement)
            .into_iter()
            .filter(|c| Some(c.id) != moving)
            .collect();
        let index = index.min(cards.len());
        let before = index.checked_sub(1).map(|i| &cards[i].order);
        let after = cards.get(index).map(|c| &c.order);
        OrderKey::between(before, after)
    }

    /// Checks that a card may be placed there.
    fn check_placement(&self, placement: &Placement) -> Result<(), Rejection> {
        match placement {
            Placement::Cell { theme, column } => {
                let row = self.template.theme(theme).ok_or(Rejection::UnknownCell)?;
                self.template.column(column).ok_or(Rejection::UnknownCell)?;
                if row.hidden {
                    return Err(Rejection::HiddenRow);
                }
            }
            Placement::Zone { zone } => {
                self.template.zone(zone).ok_or(Rejection::UnknownCell)?;
            }
        }
        Ok(())
    }

    /// Checks that someone can be ticked as present: a member on the team, the citizen,
    /// or someone named.
    fn check_attendee(&self, who: &Attendee) -> Result<Attendee, Rejection> {
        Ok(match who {
            Attendee::Citizen => Attendee::Citizen,
            Attendee::Member { member_id } => {
                self.member(*member_id).ok_or(Rejection::UnknownMember)?;
                Attendee::Member {
                    member_id: *member_id,
                }
            }
            Attendee::Other { name } => Attendee::Other {
                name: PersonName::parse(name)?.to_string(),
            },
        })
    }

    fn live_card(&self, id: CardId) -> Result<&Card, Rejection> {
        match self.cards.get(&id) {
            None => Err(Rejection::UnknownCard),
            Some(c) if c.deleted => Err(Rejection::CardDeleted),
            Some(c) => Ok(c),
        }
    }

    /// Validates `op` against the board and, if it is allowed, applies it and returns the
    /// event (the next version). If it is refused the board is left exactly as it was.
    pub fn apply(&mut self, op: &Operation, ctx: &ApplyContext) -> Result<Event, Rejection> {
        let cleaned = match op {
            Operation::CreateCard {
                card_id,
                placement,
                order,
                text,
            } => {
                if self.cards.contains_key(card_id) {
                    return Err(Rejection::CardExists);
                }
                if self.cards.len() >= limits::CARDS_PER_BOARD_MAX {
                    return Err(Rejection::TooManyCards {
                        max: limits::CARDS_PER_BOARD_MAX,
                    });
                }
                self.check_placement(placement)?;
                let order = OrderKey::parse(order)?;
                let text = CardText::parse(text)?;
                let cleaned = Operation::CreateCard {
                    card_id: *card_id,
                    placement: placement.clone(),
                    order: order.to_string(),
                    text: text.to_string(),
                };
                let card = Card {
                    id: *card_id,
                    placement: placement.clone(),
                    order,
                    text,
                    responsible: None,
                    due: None,
                    status: CardStatus::Open,
                    note: None,
                    created_by: ctx.actor.clone(),
                    created_at: ctx.at,
                    updated_at: ctx.at,
                    deleted: false,
                    changed_in: self.version + 1,
                };
                self.cards.insert(*card_id, card);
                cleaned
            }
            Operation::EditCard {
                card_id,
                text,
                responsible,
                due,
                status,
                note,
            } => {
                let mut card = self.live_card(*card_id)?.clone();
                if text.is_none()
                    && responsible.is_keep()
                    && due.is_keep()
                    && status.is_none()
                    && note.is_keep()
                {
                    return Err(Rejection::EmptyEdit);
                }
                let text = text.as_deref().map(CardText::parse).transpose()?;
                let responsible = responsible.try_map(|r| match r {
                    Responsible::Citizen => Ok(Responsible::Citizen),
                    Responsible::Member { member_id } => self
                        .member(*member_id)
                        .map(|_| Responsible::Member {
                            member_id: *member_id,
                        })
                        .ok_or(Rejection::UnknownMember),
                    Responsible::Outside { name } => Ok(Responsible::Outside {
                        name: PersonName::parse(name)?.to_string(),
                    }),
                })?;
                let note = note.try_map(|n| Note::parse(n))?;
                let cleaned = Operation::EditCard {
                    card_id: *card_id,
                    text: text.as_ref().map(|t| t.to_string()),
                    responsible: responsible.clone(),
                    due: due.clone(),
                    status: status.clone(),
                    note: note.try_map(|n| Ok::<_, Rejection>(n.to_string()))?,
                };
                if let Some(text) = text {
                    card.text = text;
                }
                responsible.apply_to(&mut card.responsible);
                due.clone().apply_to(&mut card.due);
                if let Some(status) = status {
                    card.status = status.clone();
                }
                note.apply_to(&mut card.note);
                card.updated_at = ctx.at;
                self.cards.insert(*card_id, card);
                cleaned
            }
            Operation::MoveCard {
                card_id,
                placement,
                order,
            } => {
                self.live_card(*card_id)?;
                self.check_placement(placement)?;
                let order = OrderKey::parse(order)?;
                let cleaned = Operation::MoveCard {
                    card_id: *card_id,
                    placement: placement.clone(),
                    order: order.to_string(),
                };
                if let Some(card) = self.cards.get_mut(card_id) {
                    card.placement = placement.clone();
                    card.order = order;
                    card.updated_at = ctx.at;
                }
                cleaned
            }
            Operation::DeleteCard { card_id } => {
                self.live_card(*card_id)?;
                if let Some(card) = self.cards.get_mut(card_id) {
                    card.deleted = true;
                    card.updated_at = ctx.at;
                }
                op.clone()
            }
            Operation::RestoreCard { card_id } => {
                let card = self.cards.get(card_id).ok_or(Rejection::UnknownCard)?;
                if !card.deleted {
                    return Err(Rejection::CardNotDeleted);
                }
                // Back where it was, unless its row has been hidden since.
                self.check_placement(&card.placement)?;
                if let Some(card) = self.cards.get_mut(card_id) {
                    card.deleted = false;
                    card.updated_at = ctx.at;
                }
                op.clone()
            }
            Operation::AddTheme { theme_id, label } => {
                if self.template.theme(theme_id).is_some() {
                    return Err(Rejection::RowExists);
                }
                if self.template.themes.len() >= limits::THEMES_MAX {
                    return Err(Rejection::TooManyRows {
                        max: limits::THEMES_MAX,
                    });
                }
                let label = ShortText::parse_as(Field::RowName, label)?.to_string();
                self.template.themes.push(Theme {
                    id: theme_id.clone(),
                    label: Some(label.clone()),
                    hidden: false,
                });
                Operation::AddTheme {
                    theme_id: theme_id.clone(),
                    label,
                }
            }
            Operation::EditTheme {
                theme_id,
                label,
                hidden,
            } => {
                if label.is_keep() && hidden.is_none() {
                    return Err(Rejection::EmptyEdit);
                }
                let row = self.template.theme(theme_id).ok_or(Rejection::UnknownRow)?;
                let label = label.try_map(|l| ShortText::parse_as(Field::RowName, l))?;
                // A row the team added has no built-in name to fall back on.
                if label == Patch::Clear && !Template::duk().themes.iter().any(|t| t.id == row.id) {
                    return Err(Rejection::Empty {
                        field: Field::RowName,
                    });
                }
                let visible_others = self
                    .template
                    .themes
                    .iter()
                    .filter(|t| !t.hidden && &t.id != theme_id)
                    .count();
                if *hidden == Some(true) && !row.hidden && visible_others == 0 {
                    return Err(Rejection::LastVisibleRow);
                }
                let label = label.try_map(|l| Ok::<_, Rejection>(l.to_string()))?;
                let cleaned = Operation::EditTheme {
                    theme_id: theme_id.clone(),
                    label: label.clone(),
                    hidden: *hidden,
                };
                if let Some(row) = self.template.themes.iter_mut().find(|t| &t.id == theme_id) {
                    label.apply_to(&mut row.label);
                    if let Some(hidden) = hidden {
                        row.hidden = *hidden;
                    }
                }
                cleaned
            }
            Operation::AddMember { member_id, member } => {
                if self.members.iter().any(|m| m.id == *member_id) {
                    return Err(Rejection::MemberExists);
                }
                if self.members.len() >= limits::MEMBERS_MAX {
                    return Err(Rejection::TooManyMembers {
                        max: limits::MEMBERS_MAX,
                    });
                }
                let (new, cleaned) = member.validate(*member_id)?;
                if new.account.is_some()
                    && self
                        .members
                        .iter()
                        .any(|m| !m.removed && m.account == new.account)
                {
                    return Err(Rejection::AccountOnBoard);
                }
                self.members.push(new);
                Operation::AddMember {
                    member_id: *member_id,
                    member: cleaned,
                }
            }
            Operation::RemoveMember { member_id } => {
                let member = self.member(*member_id).ok_or(Rejection::UnknownMember)?;
                if member.lead {
                    return Err(Rejection::LeadCannotBeRemoved);
                }
                if let Some(m) = self.members.iter_mut().find(|m| m.id == *member_id) {
                    m.removed = true;
                }
                op.clone()
            }
            Operation::SetLead { member_id } => {
                let member = self.member(*member_id).ok_or(Rejection::UnknownMember)?;
                if member.account.is_none() {
                    return Err(Rejection::LeadNeedsAccount);
                }
                for m in &mut self.members {
                    m.lead = m.id == *member_id;
                }
                op.clone()
            }
            Operation::SetContact { member_id } => {
                if *member_id == self.contact {
                    return Err(Rejection::EmptyEdit);
                }
                if let Some(id) = member_id {
                    let member = self.member(*id).ok_or(Rejection::UnknownMember)?;
                    if member.account.is_none() {
                        return Err(Rejection::ContactNeedsAccount);
                    }
                }
                self.contact = *member_id;
                op.clone()
            }
            Operation::ScheduleMeeting {
                meeting_id,
                meeting,
            } => {
                if self.meetings.iter().any(|m| m.id == *meeting_id) {
                    return Err(Rejection::MeetingExists);
                }
                if self.meetings.len() >= limits::MEETINGS_MAX {
                    return Err(Rejection::TooManyMeetings {
                        max: limits::MEETINGS_MAX,
                    });
                }
                let (cleaned, clean) = meeting.validate(|id| self.member(id).is_some())?;
                if clean.starts_at.to_timestamp() <= ctx.at {
                    return Err(Rejection::MeetingInPast);
                }
                let mut new = Meeting {
                    id: *meeting_id,
                    starts_at: clean.starts_at,
                    minutes: clean.minutes,
                    place: None,
                    video_link: None,
                    agenda: Vec::new(),
                    invited: Vec::new(),
                    interpreter: None,
                    cancelled: false,
                    created_by: ctx.actor.clone(),
                    updated_at: ctx.at,
                };
                clean.write_to(&mut new);
                self.meetings.push(new);
                Operation::ScheduleMeeting {
                    meeting_id: *meeting_id,
                    meeting: cleaned,
                }
            }
            Operation::EditMeeting {
                meeting_id,
                meeting,
            } => {
                let existing = self
                    .meetings
                    .iter()
                    .find(|m| m.id == *meeting_id)
                    .ok_or(Rejection::UnknownMeeting)?;
                if existing.cancelled {
                    return Err(Rejection::MeetingCancelled);
                }
                // Someone invited before they left the team may stay on the list.
                let (cleaned, clean) = meeting.validate(|id| {
                    self.member(id).is_some()
                        || existing.invites(&Invitee::Member { member_id: id })
                })?;
                if clean.starts_at != existing.starts_at && clean.starts_at.to_timestamp() <= ctx.at
                {
                    return Err(Rejection::MeetingInPast);
                }
                if let Some(m) = self.meetings.iter_mut().find(|m| m.id == *meeting_id) {
                    clean.write_to(m);
                    m.updated_at = ctx.at;
                }
                Operation::EditMeeting {
                    meeting_id: *meeting_id,
                    meeting: cleaned,
                }
            }
            Operation::CancelMeeting { meeting_id } => {
                let m = self
                    .meetings
                    .iter_mut()
                    .find(|m| m.id == *meeting_id)
                    .ok_or(Rejection::UnknownMeeting)?;
                if m.cancelled {
                    return Err(Rejection::MeetingCancelled);
                }
                m.cancelled = true;
                m.updated_at = ctx.at;
                op.clone()
            }
            Operation::SetConsent { consent } => match consent {
                Some(fields) => {
                    let services = fields.validate()?;
                    let cleaned = ConsentFields {
                        date: fields.date,
                        services: services.iter().map(ToString::to_string).collect(),
                    };
                    self.consent = Some(Consent {
                        date: fields.date,
                        services,
                        recorded_by: ctx.actor.clone(),
                        recorded_at: ctx.at,
                    });
                    Operation::SetConsent {
                        consent: Some(cleaned),
                    }
                }
                None => {
                    if self.consent.is_none() {
                        return Err(Rejection::EmptyEdit);
                    }
                    self.consent = None;
                    op.clone()
                }
            },
            Operation::StartMeeting {
                meeting_id,
                present,
            } => {
                if self.session.is_some() {
                    return Err(Rejection::MeetingRunning);
                }
                // A meeting that could not end (no room for its minutes) must not start.
                if self.minutes.len() >= limits::MINUTES_MAX {
                    return Err(Rejection::TooManyMinutes {
                        max: limits::MINUTES_MAX,
                    });
                }
                if let Some(id) = meeting_id {
                    let m = self
                        .meetings
                        .iter()
                        .find(|m| m.id == *id)
                        .ok_or(Rejection::UnknownMeeting)?;
                    if m.cancelled {
                        return Err(Rejection::MeetingCancelled);
                    }
                }
                if present.len() > limits::PRESENT_MAX {
                    return Err(Rejection::TooManyItems {
                        field: Field::Present,
                        max: limits::PRESENT_MAX,
                    });
                }
                let mut list: Vec<Attendee> = Vec::new();
                for who in present {
                    let who = self.check_attendee(who)?;
                    if !list.contains(&who) {
                        list.push(who);
                    }
                }
                self.session = Some(MeetingSession {
                    started_at: ctx.at,
                    started_by: ctx.actor.clone(),
                    started_version: self.version + 1,
                    meeting_id: *meeting_id,
                    present: list.clone(),
                });
                Operation::StartMeeting {
                    meeting_id: *meeting_id,
                    present: list,
                }
            }
            Operation::SetPresent { attendee, present } => {
                // Ticking checks who it is; a tick is taken away from whoever has one,
                // even someone who has left the team since.
                let who = if *present {
                    self.check_attendee(attendee)?
                } else {
                    match attendee {
                        Attendee::Other { name } => Attendee::Other {
                            name: name.trim().to_owned(),
                        },
                        other => other.clone(),
                    }
                };
                let session = self.session.as_mut().ok_or(Rejection::NoMeetingRunning)?;
                let there = session.present.contains(&who);
                if there == *present {
                    return Err(Rejection::EmptyEdit);
                }
                if *present {
                    if session.present.len() >= limits::PRESENT_MAX {
                        return Err(Rejection::TooManyItems {
                            field: Field::Present,
                            max: limits::PRESENT_MAX,
                        });
                    }
                    session.present.push(who.clone());
                } else {
                    session.present.retain(|a| a != &who);
                }
                Operation::SetPresent {
                    attendee: who,
                    present: *present,
                }
            }
            Operation::EndMeeting {} => {
                let session = self.session.as_ref().ok_or(Rejection::NoMeetingRunning)?;
                if self.minutes.len() >= limits::MINUTES_MAX {
                    return Err(Rejection::TooManyMinutes {
                        max: limits::MINUTES_MAX,
                    });
                }
                let number = self.minutes.iter().map(|m| m.number).max().unwrap_or(0) + 1;
                let info = MinutesInfo {
                    number,
                    revision: 1,
                    version: self.version + 1,
                    started_at: session.started_at,
                    ended_at: ctx.at,
                    by: ctx.actor.clone(),
                    present: session.present.clone(),
                    meeting_id: session.meeting_id,
                    correction: None,
                    answers: Vec::new(),
                };
                self.minutes.push(info);
                self.session = None;
                op.clone()
            }
            Operation::CorrectMinutes { number, note } => {
                let last = self.latest_minutes().first().map(|m| (*m).clone());
                let Some(last) = last.filter(|m| m.number == *number) else {
                    return Err(if self.minutes.iter().any(|m| m.number == *number) {
                        Rejection::MinutesNotLatest
                    } else {
                        Rejection::UnknownMinutes
                    });
                };
                if self.session.is_some() {
                    return Err(Rejection::MinutesNotLatest);
                }
                if self.minutes.len() >= limits::MINUTES_MAX {
                    return Err(Rejection::TooManyMinutes {
                        max: limits::MINUTES_MAX,
                    });
                }
                let note = Note::parse_as(Field::Correction, note)?;
                self.minutes.push(MinutesInfo {
                    revision: last.revision + 1,
                    version: self.version + 1,
                    ended_at: ctx.at,
                    by: ctx.actor.clone(),
                    correction: Some(note.clone()),
                    answers: Vec::new(),
                    ..last
                });
                Operation::CorrectMinutes {
                    number: *number,
                    note: note.to_string(),
                }
            }
            Operation::AnswerMinutes {
                number,
                revision,
                agrees,
                comment,
            } => {
                let newest = self
                    .minutes
                    .iter()
                    .filter(|m| m.number == *number)
                    .map(|m| m.revision)
                    .max()
                    .ok_or(Rejection::UnknownMinutes)?;
                if *revision != newest {
                    return Err(if *revision < newest && *revision > 0 {
                        Rejection::MinutesSuperseded
                    } else {
                        Rejection::UnknownMinutes
                    });
                }
                let comment = comment
                    .as_deref()
                    .filter(|c| !c.trim().is_empty())
                    .map(|c| Note::parse_as(Field::Comment, c))
                    .transpose()?;
                let info = self
                    .minutes
                    .iter_mut()
                    .find(|m| m.number == *number && m.revision == *revision)
                    .ok_or(Rejection::UnknownMinutes)?;
                if info.answers.len() >= limits::ANSWERS_MAX {
                    return Err(Rejection::TooManyItems {
                        field: Field::Comment,
                        max: limits::ANSWERS_MAX,
                    });
                }
                info.answers.push(MinutesAnswer {
                    agrees: *agrees,
                    comment: comment.clone(),
                    by: ctx.actor.clone(),
                    at: ctx.at,
                });
                Operation::AnswerMinutes {
                    number: *number,
                    revision: *revision,
                    agrees: *agrees,
                    comment: comment.map(|c| c.to_string()),
                }
            }
            Operation::SetHeader {
                title,
                citizen_name,
                short_term_by,
                long_term_by,
                stage,
                citizen_may_add,
            } => {
                if title.is_none()
                    && citizen_name.is_none()
                    && short_term_by.is_keep()
                    && long_term_by.is_keep()
                    && stage.is_keep()
                    && citizen_may_add.is_none()
                {
                    return Err(Rejection::EmptyEdit);
                }
                let title = title.as_deref().map(Title::parse).transpose()?;
                let citizen_name = citizen_name.as_deref().map(PersonName::parse).transpose()?;
                let (mut short, mut long) = (self.short_term_by, self.long_term_by);
                short_term_by.clone().apply_to(&mut short);
                long_term_by.clone().apply_to(&mut long);
                check_horizons(short, long)?;
                let cleaned = Operation::SetHeader {
                    title: title.as_ref().map(|t| t.to_string()),
                    citizen_name: citizen_name.as_ref().map(|n| n.to_string()),
                    short_term_by: short_term_by.clone(),
                    long_term_by: long_term_by.clone(),
                    stage: stage.clone(),
                    citizen_may_add: *citizen_may_add,
                };
                if let Some(may) = citizen_may_add {
                    self.citizen_may_add = *may;
                }
                if let Some(title) = title {
                    self.title = title;
                }
                if let Some(name) = citizen_name {
                    self.citizen_name = name;
                }
                self.short_term_by = short;
                self.long_term_by = long;
                stage.clone().apply_to(&mut self.stage);
                cleaned
            }
        };
        self.version += 1;
        self.updated_at = ctx.at;
        if let Some(card) = cleaned.card_id().and_then(|id| self.cards.get_mut(&id)) {
            card.changed_in = self.version;
        }
        Ok(Event {
            board_id: self.id,
            version: self.version,
            actor: ctx.actor.clone(),
            at: ctx.at,
            client_op_id: ctx.client_op_id,
            op: cleaned,
            overwrote: Vec::new(),
        })
    }

    /// Applies an event accepted elsewhere (by the server), which must be the next version.
    pub fn apply_event(&mut self, event: &Event) -> Result<(), Rejection> {
        if event.version != self.version + 1 {
            return Err(Rejection::OutOfOrder {
                got: event.version,
                current: self.version,
            });
        }
        let ctx = ApplyContext {
            actor: event.actor.clone(),
            at: event.at,
            client_op_id: event.client_op_id,
        };
        self.apply(&event.op, &ctx).map(|_| ())
    }
}

/// Cards travel as a list (in id order) but are kept in a map for lookup.
mod card_list {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serializer};

    use super::Card;
    use crate::CardId;

    pub fn serialize<S: Serializer>(
        cards: &BTreeMap<CardId, Card>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(cards.values())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<CardId, Card>, D::Error> {
        let list = Vec::<Card>::deserialize(d)?;
        Ok(list.into_iter().map(|c| (c.id, c)).collect())
    }
}
