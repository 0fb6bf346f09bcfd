//! A board, its cards, and how operations change them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{
    ApplyContext, BoardId, CardId, CardText, Event, IsoDate, Note, Operation, OrderKey, PersonName,
    Placement, Rejection, Template, Timestamp, Title, limits,
};

/// Who is responsible for a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Responsible {
    /// The citizen whose plan it is.
    Citizen,
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
            updated_at: self.updated_at,
        }
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
            Operation::SetHeader {
                title,
                citizen_name,
                short_term_by,
                long_term_by,
            } => {
                if title.is_none()
                    && citizen_name.is_none()
                    && short_term_by.is_keep()
                    && long_term_by.is_keep()
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
                };
                if let Some(title) = title {
                    self.title = title;
                }
                if let Some(name) = citizen_name {
                    self.citizen_name = name;
                }
                self.short_term_by = short;
                self.long_term_by = long;
                cleaned
            }
        };
        self.version += 1;
        self.updated_at = ctx.at;
        Ok(Event {
            board_id: self.id,
            version: self.version,
            actor: ctx.actor.clone(),
            at: ctx.at,
            client_op_id: ctx.client_op_id,
            op: cleaned,
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
