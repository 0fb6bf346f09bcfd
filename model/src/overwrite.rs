//! Edits that replace what someone else wrote without having seen it.
//!
//! Two people may change the same card at once. Edits of different fields merge by
//! themselves: an edit sets only the fields it names. When an edit sets a field that
//! someone else changed after the version the edit was based on, the board can hold only
//! one value, so the later edit wins, as in tldraw or Figma, but Duk also says so: the
//! event names what it replaced ([`Overwrite`]), the person whose words were replaced is
//! told at once, and [`Overwrite::restore`] puts theirs back with one tap. Both texts are
//! in the history either way.

use serde::{Deserialize, Serialize};

use crate::{Card, ClientOpId, Event, Operation, Patch, board::Responsible};

/// Values one earlier change set that a later edit replaced, unseen by its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overwrite {
    /// The earlier change (its author's browser knows its own changes by this id).
    pub client_op_id: ClientOpId,
    /// The board version it made.
    pub version: u64,
    /// Who made it.
    pub actor: String,
    /// An edit of the same card that sets back exactly the values that were replaced.
    pub restore: Operation,
}

/// Which of a card's fields an edit sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Text,
    Responsible,
    Due,
    Status,
    Note,
}

const FIELDS: [Field; 5] = [
    Field::Text,
    Field::Responsible,
    Field::Due,
    Field::Status,
    Field::Note,
];

/// An `EditCard`'s fields, by reference.
struct Edit<'a> {
    text: &'a Option<String>,
    responsible: &'a Patch<Responsible>,
    due: &'a Patch<crate::IsoDate>,
    status: &'a Option<crate::CardStatus>,
    note: &'a Patch<String>,
}

impl<'a> Edit<'a> {
    fn of(op: &'a Operation) -> Option<(crate::CardId, Edit<'a>)> {
        match op {
            Operation::EditCard {
                card_id,
                text,
                responsible,
                due,
                status,
                note,
            } => Some((
                *card_id,
                Edit {
                    text,
                    responsible,
                    due,
                    status,
                    note,
                },
            )),
            _ => None,
        }
    }

    fn sets(&self, f: Field) -> bool {
        match f {
            Field::Text => self.text.is_some(),
            Field::Responsible => !self.responsible.is_keep(),
            Field::Due => !self.due.is_keep(),
            Field::Status => self.status.is_some(),
            Field::Note => !self.note.is_keep(),
        }
    }

    /// Whether this edit leaves the field as `card` has it (then nothing is replaced).
    fn keeps_value_of(&self, f: Field, card: &Card) -> bool {
        fn same<T: PartialEq>(p: &Patch<T>, old: Option<&T>) -> bool {
            match p {
                Patch::Keep => true,
                Patch::Clear => old.is_none(),
                Patch::Set(v) => old == Some(v),
            }
        }
        match f {
            Field::Text => self.text.as_deref().is_none_or(|t| t == card.text.as_str()),
            Field::Responsible => same(self.responsible, card.responsible.as_ref()),
            Field::Due => same(self.due, card.due.as_ref()),
            Field::Status => self.status.as_ref().is_none_or(|s| *s == card.status),
            Field::Note => match self.note {
                Patch::Keep => true,
                Patch::Clear => card.note.is_none(),
                Patch::Set(v) => card.note.as_ref().is_some_and(|n| n.as_str() == v),
            },
        }
    }
}

/// An edit that sets `fields` back to what `card` holds.
fn restoring(card: &Card, fields: &[Field]) -> Operation {
    fn back<T: Clone>(old: &Option<T>) -> Patch<T> {
        old.as_ref().map_or(Patch::Clear, |v| Patch::Set(v.clone()))
    }
    let has = |f| fields.contains(&f);
    Operation::EditCard {
        card_id: card.id,
        text: has(Field::Text).then(|| card.text.to_string()),
        responsible: if has(Field::Responsible) {
            back(&card.responsible)
        } else {
            Patch::Keep
        },
        due: if has(Field::Due) {
            back(&card.due)
        } else {
            Patch::Keep
        },
        status: has(Field::Status).then(|| card.status.clone()),
        note: if has(Field::Note) {
            back(&card.note.as_ref().map(ToString::to_string))
        } else {
            Patch::Keep
        },
    }
}

/// What the edit `op` by `actor` replaces unseen: `before` is its card just before it is
/// applied, `since` every event after the version the edit was based on (oldest first).
/// A field counts when someone else set it in one of those events and the edit changes
/// its value; what one person changes twice is never reported to themselves.
pub fn overwrites(op: &Operation, actor: &str, before: &Card, since: &[Event]) -> Vec<Overwrite> {
    let Some((card_id, edit)) = Edit::of(op) else {
        return Vec::new();
    };
    let mut found: Vec<(&Event, Vec<Field>)> = Vec::new();
    for f in FIELDS {
        if !edit.sets(f) || edit.keeps_value_of(f, before) {
            continue;
        }
        // The last change of this field is what the board shows now.
        let last = since.iter().rev().find(|e| {
            Edit::of(&e.op).is_some_and(|(id, earlier)| id == card_id && earlier.sets(f))
        });
        let Some(last) = last.filter(|e| e.actor != actor) else {
            continue;
        };
        match found.iter_mut().find(|(e, _)| e.version == last.version) {
            Some((_, fields)) => fields.push(f),
            None => found.push((last, vec![f])),
        }
    }
    found
        .into_iter()
        .map(|(e, fields)| Overwrite {
            client_op_id: e.client_op_id,
            version: e.version,
            actor: e.actor.clone(),
            restore: restoring(before, &fields),
        })
        .collect()
}
