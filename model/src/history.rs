//! The board's history in plain language: every event as "who, when, what" ("Ola
//! Nordmann (NAV) flyttet «Søke bostøtte» fra Dagens situasjon til Det vi skal gjøre nå"),
//! told from the board as it stood just before, so names and places are those of the time.

use serde::{Deserialize, Serialize};

use crate::{
    Board, CardId, Event, IsoDate, Lang, MemberId, Operation, Placement, SlotId, Stage, Timestamp,
    catalogue::Key,
};

/// One line of a board's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The board version the event made.
    pub version: u64,
    /// When.
    pub at: Timestamp,
    /// Who, as stored in the event.
    pub actor: String,
    /// What happened, in a sentence.
    pub text: String,
    /// The card it was about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_id: Option<CardId>,
    /// The theme rows it touched (where a card was and where it went).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<SlotId>,
}

/// The built-in name of a row, column or zone.
pub fn builtin_label(id: &str, lang: Lang) -> Option<&'static str> {
    let key = match id {
        "dagens-situasjon" => Key::columns_dagens_situasjon,
        "na" => Key::columns_na,
        "kort-sikt" => Key::columns_kort_sikt,
        "lang-sikt" => Key::columns_lang_sikt,
        "jobb" => Key::themes_jobb,
        "bosituasjon" => Key::themes_bosituasjon,
        "fysisk-helse" => Key::themes_fysisk_helse,
        "psykisk-helse" => Key::themes_psykisk_helse,
        "okonomi" => Key::themes_okonomi,
        "skole-utdanning" => Key::themes_skole_utdanning,
        "fritid" => Key::themes_fritid,
        "frivillighet" => Key::themes_frivillighet,
        "rus" => Key::themes_rus,
        "god-pa" => Key::zones_god_pa,
        "vanskelig" => Key::zones_vanskelig,
        "drommer" => Key::zones_drommer,
        "rundt-meg" => Key::zones_rundt_meg,
        _ => return None,
    };
    Some(key.text(lang))
}

fn slot_label(custom: Option<&str>, id: &SlotId, lang: Lang) -> String {
    custom
        .map(str::to_owned)
        .or_else(|| builtin_label(id.as_str(), lang).map(str::to_owned))
        .unwrap_or_else(|| id.to_string())
}

/// A stage's name.
pub fn stage_name(stage: Stage, lang: Lang) -> &'static str {
    match stage {
        Stage::Untenable => Key::stage_untenable,
        Stage::AtRisk => Key::stage_at_risk,
        Stage::Stable => Key::stage_stable,
        Stage::Sustainable => Key::stage_sustainable,
    }
    .text(lang)
}

/// A date as people write it: "12.01.2027", "12 Jan 2027".
pub fn date_text(d: IsoDate, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Nb => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
        Lang::En => format!(
            "{} {} {}",
            d.day(),
            MONTHS[usize::from(d.month().clamp(1, 12)) - 1],
            d.year()
        ),
    }
}

/// What every history sentence needs, for one board (as it stood before the event) and one
/// language: the feature files under `board/` build their sentences with it, so a card, a
/// date or a member reads the same in all of them. The sentences' words are the catalogue's
/// `history_*` keys, filled by [`Words::say`].
pub(crate) struct Words<'a> {
    /// The board the sentence is told from.
    board: &'a Board,
    /// The language it is told in.
    lang: Lang,
}

impl Words<'_> {
    /// The text of `key` (one of the catalogue's `history_*` keys) in the sentence's
    /// language, its `{name}` placeholders filled with `vars`.
    ///
    /// The values are mostly what people wrote (card texts, names, row names), so the text
    /// is filled in one pass: a value is put in as it is and never searched for placeholders
    /// itself, whatever it holds and whatever order `vars` are in.
    pub(crate) fn say(&self, key: Key, vars: &[(&str, &str)]) -> String {
        key.fill(self.lang, vars)
    }

    /// A card by its text in «quotes», or "a card" if the board does not have it.
    pub(crate) fn card(&self, id: CardId) -> String {
        self.board
            .cards
            .get(&id)
            .map(|c| format!("«{}»", c.text))
            .unwrap_or_else(|| self.say(Key::history_a_card, &[]))
    }

    /// A date as people write it.
    pub(crate) fn date(&self, d: IsoDate) -> String {
        date_text(d, self.lang)
    }

    /// A team member's name with their service, or "a team member" if the board does not
    /// know them.
    pub(crate) fn member(&self, id: MemberId) -> String {
        self.board
            .member_label(id)
            .unwrap_or_else(|| self.say(Key::history_a_member, &[]))
    }
}

impl Board {
    /// A theme row's name.
    pub fn theme_name(&self, id: &SlotId, lang: Lang) -> String {
        slot_label(
            self.template.theme(id).and_then(|t| t.label.as_deref()),
            id,
            lang,
        )
    }

    /// A column's name.
    pub fn column_name(&self, id: &SlotId, lang: Lang) -> String {
        slot_label(
            self.template.column(id).and_then(|c| c.label.as_deref()),
            id,
            lang,
        )
    }

    /// A side zone's name.
    pub fn zone_name(&self, id: &SlotId, lang: Lang) -> String {
        slot_label(
            self.template.zone(id).and_then(|z| z.label.as_deref()),
            id,
            lang,
        )
    }

    /// Where a card lies, in words: "Jobb – Det vi skal gjøre nå", "Det jeg er god på".
    pub fn placement_name(&self, p: &Placement, lang: Lang) -> String {
        match p {
            Placement::Cell { theme, column } => format!(
                "{} – {}",
                self.theme_name(theme, lang),
                self.column_name(column, lang)
            ),
            Placement::Zone { zone } => self.zone_name(zone, lang),
        }
    }

    /// Who made a change, with their service when they are on the team:
    /// "Ola Nordmann (NAV)".
    pub fn actor_label(&self, actor: &str) -> String {
        self.members
            .iter()
            .find(|m| m.name.as_str() == actor && !m.removed)
            .and_then(|m| self.member_label(m.id))
            .unwrap_or_else(|| actor.to_owned())
    }

    /// What `event` did, told from this board as it stood just before it.
    ///
    /// Each operation's sentence is made next to the operation itself, in the file of its
    /// feature under `board/`; here it is put after who did it.
    pub fn describe(&self, event: &Event, lang: Lang) -> String {
        let who = self.actor_label(&event.actor);
        let what = match &event.op {
            Operation::CreateCard {
                placement, text, ..
            } => self.describe_create_card(placement, text, lang),
            Operation::EditCard { .. } => self.describe_edit_card(&event.op, lang),
            Operation::MoveCard {
                card_id, placement, ..
            } => self.describe_move_card(*card_id, placement, lang),
            Operation::DeleteCard { card_id } => self.describe_delete_card(*card_id, lang),
            Operation::RestoreCard { card_id } => self.describe_restore_card(*card_id, lang),
            Operation::SetHeader { .. } => self.describe_set_header(&event.op, lang),
            Operation::SetConsent { consent } => self.describe_set_consent(consent.as_ref(), lang),
            Operation::AddTheme { label, .. } => self.describe_add_theme(label, lang),
            Operation::EditTheme {
                theme_id,
                label,
                hidden,
            } => self.describe_edit_theme(theme_id, label, *hidden, lang),
            Operation::AddMember { member, .. } => self.describe_add_member(member, lang),
            Operation::RemoveMember { member_id } => self.describe_remove_member(*member_id, lang),
            Operation::SetLead { member_id } => self.describe_set_lead(*member_id, lang),
            Operation::SetContact { member_id } => self.describe_set_contact(*member_id, lang),
            Operation::ScheduleMeeting { meeting, .. } => {
                self.describe_schedule_meeting(meeting, lang)
            }
            Operation::EditMeeting { meeting, .. } => self.describe_edit_meeting(meeting, lang),
            Operation::CancelMeeting { meeting_id } => {
                self.describe_cancel_meeting(*meeting_id, lang)
            }
            Operation::StartMeeting { present, .. } => self.describe_start_meeting(present, lang),
            Operation::SetPresent { attendee, present } => {
                self.describe_set_present(attendee, *present, &event.actor, lang)
            }
            Operation::EndMeeting {} => self.describe_end_meeting(lang),
            Operation::CorrectMinutes { number, note } => {
                self.describe_correct_minutes(*number, note, lang)
            }
            Operation::AnswerMinutes {
                number,
                agrees,
                comment,
                ..
            } => self.describe_answer_minutes(*number, *agrees, comment.as_deref(), lang),
        };
        format!("{who} {what}")
    }

    /// The helpers the history's sentences share, for this board in `lang`.
    pub(crate) fn words(&self, lang: Lang) -> Words<'_> {
        Words { board: self, lang }
    }

    /// The theme rows an event touches on this board as it stood before it: where its
    /// card was and where it goes.
    pub fn themes_touched(&self, op: &Operation) -> Vec<SlotId> {
        let mut themes = Vec::new();
        let mut add = |p: &Placement| {
            if let Placement::Cell { theme, .. } = p
                && !themes.contains(theme)
            {
                themes.push(theme.clone());
            }
        };
        if let Some(card) = op.card_id().and_then(|id| self.cards.get(&id)) {
            add(&card.placement);
        }
        match op {
            Operation::CreateCard { placement, .. } | Operation::MoveCard { placement, .. } => {
                add(placement)
            }
            Operation::AddTheme { theme_id, .. } | Operation::EditTheme { theme_id, .. }
                if !themes.contains(theme_id) =>
            {
                themes.push(theme_id.clone());
            }
            _ => {}
        }
        themes
    }
}

/// "a, b og c" / "a, b and c".
pub(crate) fn join(parts: &[String], lang: Lang) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), Key::history_and.text(lang)),
    }
}

/// Tells every event in order, starting from `board` as it stood before the first of them;
/// returns the lines and the board after the last. An event that does not follow (a gap,
/// or one the model refuses) stops the story there, so the caller can tell.
pub fn tell(mut board: Board, events: &[Event], lang: Lang) -> (Vec<HistoryEntry>, Board) {
    let mut lines = Vec::with_capacity(events.len());
    for event in events {
        let text = board.describe(event, lang);
        let themes = board.themes_touched(&event.op);
        if board.apply_event(event).is_err() {
            break;
        }
        lines.push(HistoryEntry {
            version: event.version,
            at: event.at,
            actor: event.actor.clone(),
            text,
            card_id: event.op.card_id(),
            themes,
        });
    }
    (lines, board)
}
