//! Cards: creating, editing, moving, deleting and bringing them back. For each operation,
//! how it is checked and applied, what the history says about it and how it is undone.

use super::patch;
use crate::history::join;
use crate::{
    ApplyContext, Board, Card, CardId, CardStatus, CardText, Lang, Note, Operation, OrderKey,
    Patch, PersonName, Placement, Rejection, Responsible, catalogue::Key, limits,
};

impl Board {
    /// Puts a new card at a position in a cell or zone, if the id is free, the board has
    /// room and the place, position and text are valid.
    pub(super) fn create_card(
        &mut self,
        card_id: CardId,
        placement: &Placement,
        order: &str,
        text: &str,
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
        if self.cards.contains_key(&card_id) {
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
            card_id,
            placement: placement.clone(),
            order: order.to_string(),
            text: text.to_string(),
        };
        let card = Card {
            id: card_id,
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
        self.cards.insert(card_id, card);
        Ok(cleaned)
    }

    /// The history's sentence for a new card: what it says and where it went.
    pub(crate) fn describe_create_card(
        &self,
        placement: &Placement,
        text: &str,
        lang: Lang,
    ) -> String {
        let place = self.placement_name(placement, lang);
        self.words(lang).say(
            Key::history_added_card,
            &[("text", text), ("place", &place)],
        )
    }

    /// Undoes a new card by deleting it.
    pub(crate) fn inverse_create_card(&self, card_id: CardId) -> Option<Operation> {
        Some(Operation::DeleteCard { card_id })
    }

    /// Changes some of a live card's fields: its text, who is responsible, its frist, its
    /// status and its note. An edit that changes nothing is refused.
    pub(super) fn edit_card(
        &mut self,
        op: &Operation,
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
        // Six fields and the context would make too many arguments, so the dispatcher
        // hands over the whole operation.
        let Operation::EditCard {
            card_id,
            text,
            responsible,
            due,
            status,
            note,
        } = op
        else {
            // Never: the dispatcher sends only this operation here.
            return Err(Rejection::EmptyEdit);
        };
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
        Ok(cleaned)
    }

    /// The history's sentence for an edit: the card, then each field it changed.
    pub(crate) fn describe_edit_card(&self, op: &Operation, lang: Lang) -> String {
        // As for `edit_card`: six fields and the language would make too many arguments.
        let Operation::EditCard {
            card_id,
            text,
            responsible,
            due,
            status,
            note,
        } = op
        else {
            // Never: the dispatcher sends only this operation here.
            return String::new();
        };
        let w = self.words(lang);
        let mut parts = Vec::new();
        if let Some(t) = text {
            parts.push(w.say(Key::history_new_text, &[("text", t)]));
        }
        match responsible {
            Patch::Keep => {}
            Patch::Clear => parts.push(w.say(Key::history_no_one_responsible, &[])),
            Patch::Set(r) => {
                let name = match r {
                    Responsible::Citizen => self.citizen_name.to_string(),
                    Responsible::Member { member_id } => w.member(*member_id),
                    Responsible::Outside { name } => name.clone(),
                };
                parts.push(w.say(Key::history_responsible, &[("name", &name)]));
            }
        }
        match due {
            Patch::Keep => {}
            Patch::Clear => parts.push(w.say(Key::history_no_due, &[])),
            Patch::Set(d) => parts.push(w.say(Key::history_due, &[("date", &w.date(*d))])),
        }
        if let Some(s) = status {
            parts.push(match s {
                CardStatus::Open => w.say(Key::history_reopened, &[]),
                CardStatus::Done => w.say(Key::history_marked_done, &[]),
                CardStatus::Postponed { until } => {
                    w.say(Key::history_postponed_to, &[("date", &w.date(*until))])
                }
                CardStatus::Proposed => w.say(Key::history_proposal, &[]),
            });
        }
        match note {
            Patch::Keep => {}
            Patch::Clear => parts.push(w.say(Key::history_note_removed, &[])),
            Patch::Set(_) => parts.push(w.say(Key::history_new_note, &[])),
        }
        let changes = join(&parts, lang);
        w.say(
            Key::history_changed_card,
            &[("card", &w.card(*card_id)), ("changes", &changes)],
        )
    }

    /// Undoes an edit by setting the fields it changed back to what they were on the board
    /// before it; `None` if that board did not have the card.
    pub(crate) fn inverse_edit_card(&self, op: &Operation) -> Option<Operation> {
        // As for `edit_card`: the dispatcher hands over the whole operation.
        let Operation::EditCard {
            card_id,
            text,
            responsible,
            due,
            status,
            note,
        } = op
        else {
            // Never: the dispatcher sends only this operation here.
            return None;
        };
        let c = self.cards.get(card_id)?;
        Some(Operation::EditCard {
            card_id: *card_id,
            text: text.as_ref().map(|_| c.text.to_string()),
            responsible: patch(responsible, &c.responsible),
            due: patch(due, &c.due),
            status: status.as_ref().map(|_| c.status.clone()),
            note: patch(note, &c.note.as_ref().map(ToString::to_string)),
        })
    }

    /// Moves a live card to a position in a cell or zone (possibly the one it is in).
    pub(super) fn move_card(
        &mut self,
        card_id: CardId,
        placement: &Placement,
        order: &str,
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
        self.live_card(card_id)?;
        self.check_placement(placement)?;
        let order = OrderKey::parse(order)?;
        let cleaned = Operation::MoveCard {
            card_id,
            placement: placement.clone(),
            order: order.to_string(),
        };
        if let Some(card) = self.cards.get_mut(&card_id) {
            card.placement = placement.clone();
            card.order = order;
            card.updated_at = ctx.at;
        }
        Ok(cleaned)
    }

    /// The history's sentence for a move: from where to where, or within which place.
    pub(crate) fn describe_move_card(
        &self,
        card_id: CardId,
        placement: &Placement,
        lang: Lang,
    ) -> String {
        let w = self.words(lang);
        let from = self.cards.get(&card_id).map(|c| &c.placement);
        match from {
            Some(from) if from == placement => {
                let place = self.placement_name(placement, lang);
                w.say(
                    Key::history_moved_card_within,
                    &[("card", &w.card(card_id)), ("place", &place)],
                )
            }
            _ => {
                // In the same row, the columns say it all, as on the paper.
                let (from, to) = match (from, placement) {
                    (
                        Some(Placement::Cell {
                            theme: a,
                            column: ca,
                        }),
                        Placement::Cell {
                            theme: b,
                            column: cb,
                        },
                    ) if a == b => (self.column_name(ca, lang), self.column_name(cb, lang)),
                    (from, to) => (
                        from.map(|p| self.placement_name(p, lang))
                            .unwrap_or_else(|| w.say(Key::history_elsewhere, &[])),
                        self.placement_name(to, lang),
                    ),
                };
                w.say(
                    Key::history_moved_card,
                    &[("card", &w.card(card_id)), ("from", &from), ("to", &to)],
                )
            }
        }
    }

    /// Undoes a move by putting the card back where it was on the board before it; `None`
    /// if that board did not have the card.
    pub(crate) fn inverse_move_card(&self, card_id: CardId) -> Option<Operation> {
        let c = self.cards.get(&card_id)?;
        Some(Operation::MoveCard {
            card_id,
            placement: c.placement.clone(),
            order: c.order.to_string(),
        })
    }

    /// Deletes a live card; it stays on the board, marked deleted, for the history.
    pub(super) fn delete_card(
        &mut self,
        card_id: CardId,
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
        self.live_card(card_id)?;
        if let Some(card) = self.cards.get_mut(&card_id) {
            card.deleted = true;
            card.updated_at = ctx.at;
        }
        Ok(Operation::DeleteCard { card_id })
    }

    /// The history's sentence for a deleted card.
    pub(crate) fn describe_delete_card(&self, card_id: CardId, lang: Lang) -> String {
        let w = self.words(lang);
        w.say(Key::history_deleted_card, &[("card", &w.card(card_id))])
    }

    /// Undoes a delete by bringing the card back.
    pub(crate) fn inverse_delete_card(&self, card_id: CardId) -> Option<Operation> {
        Some(Operation::RestoreCard { card_id })
    }

    /// Brings back a deleted card, to the place it was in.
    pub(super) fn restore_card(
        &mut self,
        card_id: CardId,
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
        let card = self.cards.get(&card_id).ok_or(Rejection::UnknownCard)?;
        if !card.deleted {
            return Err(Rejection::CardNotDeleted);
        }
        // Back where it was, unless its row has been hidden since.
        self.check_placement(&card.placement)?;
        if let Some(card) = self.cards.get_mut(&card_id) {
            card.deleted = false;
            card.updated_at = ctx.at;
        }
        Ok(Operation::RestoreCard { card_id })
    }

    /// The history's sentence for a card brought back.
    pub(crate) fn describe_restore_card(&self, card_id: CardId, lang: Lang) -> String {
        let w = self.words(lang);
        w.say(Key::history_restored_card, &[("card", &w.card(card_id))])
    }

    /// Undoes bringing a card back by deleting it again.
    pub(crate) fn inverse_restore_card(&self, card_id: CardId) -> Option<Operation> {
        Some(Operation::DeleteCard { card_id })
    }
}
