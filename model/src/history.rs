//! The board's history in plain language: every event as "who, when, what" ("Ola
//! Nordmann (NAV) flyttet «Søke bostøtte» fra Dagens situasjon til Det vi skal gjøre nå"),
//! told from the board as it stood just before, so names and places are those of the time.

use serde::{Deserialize, Serialize};

use crate::{
    Attendee, Board, CardId, CardStatus, Event, IsoDate, Lang, Operation, Patch, Placement,
    Responsible, SlotId, Stage, Timestamp,
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
    let (nb, en) = match id {
        "dagens-situasjon" => ("Dagens situasjon", "Today's situation"),
        "na" => ("Det vi skal gjøre nå", "What we do now"),
        "kort-sikt" => ("På kort sikt", "Short term"),
        "lang-sikt" => ("På lang sikt", "Long term"),
        "jobb" => ("Jobb", "Work"),
        "bosituasjon" => ("Bosituasjon", "Housing"),
        "fysisk-helse" => ("Fysisk helse", "Physical health"),
        "psykisk-helse" => ("Psykisk helse", "Mental health"),
        "okonomi" => ("Økonomi", "Finances"),
        "skole-utdanning" => ("Skole & utdanning", "School & education"),
        "fritid" => ("Fritid", "Leisure"),
        "frivillighet" => ("Frivillighet", "Volunteering"),
        "rus" => ("Rus", "Substance use"),
        "god-pa" => ("Det jeg er god på", "What I am good at"),
        "vanskelig" => ("Det som er vanskelig", "What is difficult"),
        "drommer" => ("Det jeg drømmer om", "What I dream of"),
        "rundt-meg" => ("De jeg har rundt meg", "The people around me"),
        _ => return None,
    };
    Some(match lang {
        Lang::Nb => nb,
        Lang::En => en,
    })
}

fn slot_label(custom: Option<&str>, id: &SlotId, lang: Lang) -> String {
    custom
        .map(str::to_owned)
        .or_else(|| builtin_label(id.as_str(), lang).map(str::to_owned))
        .unwrap_or_else(|| id.to_string())
}

/// A stage's name.
pub fn stage_name(stage: Stage, lang: Lang) -> &'static str {
    match (stage, lang) {
        (Stage::Untenable, Lang::Nb) => "Uholdbar",
        (Stage::Untenable, Lang::En) => "Untenable",
        (Stage::AtRisk, Lang::Nb) => "Utsatt",
        (Stage::AtRisk, Lang::En) => "At risk",
        (Stage::Stable, Lang::Nb) => "Stabil",
        (Stage::Stable, Lang::En) => "Stable",
        (Stage::Sustainable, Lang::Nb) => "Bærekraftig",
        (Stage::Sustainable, Lang::En) => "Sustainable",
    }
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
    pub fn describe(&self, event: &Event, lang: Lang) -> String {
        let who = self.actor_label(&event.actor);
        let nb = lang == Lang::Nb;
        let pick = |n: &str, e: &str| if nb { n.to_owned() } else { e.to_owned() };
        let card = |id: &CardId| {
            self.cards
                .get(id)
                .map(|c| format!("«{}»", c.text))
                .unwrap_or_else(|| pick("et kort", "a card"))
        };
        let date = |d: IsoDate| date_text(d, lang);
        let member = |id| {
            self.member_label(id)
                .unwrap_or_else(|| pick("et teammedlem", "a team member"))
        };
        let what = match &event.op {
            Operation::CreateCard {
                placement, text, ..
            } => {
                let place = self.placement_name(placement, lang);
                if nb {
                    format!("la til «{text}» i {place}")
                } else {
                    format!("added «{text}» to {place}")
                }
            }
            Operation::EditCard {
                card_id,
                text,
                responsible,
                due,
                status,
                note,
            } => {
                let mut parts = Vec::new();
                if let Some(t) = text {
                    parts.push(pick(&format!("ny tekst «{t}»"), &format!("new text «{t}»")));
                }
                match responsible {
                    Patch::Keep => {}
                    Patch::Clear => parts.push(pick("ingen ansvarlig", "no one responsible")),
                    Patch::Set(r) => {
                        let name = match r {
                            Responsible::Citizen => self.citizen_name.to_string(),
                            Responsible::Member { member_id } => member(*member_id),
                            Responsible::Outside { name } => name.clone(),
                        };
                        parts.push(pick(
                            &format!("ansvarlig {name}"),
                            &format!("{name} responsible"),
                        ));
                    }
                }
                match due {
                    Patch::Keep => {}
                    Patch::Clear => parts.push(pick("ingen frist", "no due date")),
                    Patch::Set(d) => parts.push(pick(
                        &format!("frist {}", date(*d)),
                        &format!("due {}", date(*d)),
                    )),
                }
                if let Some(s) = status {
                    parts.push(match s {
                        CardStatus::Open => pick("åpnet igjen", "reopened"),
                        CardStatus::Done => pick("markert som gjort", "marked done"),
                        CardStatus::Postponed { until } => pick(
                            &format!("utsatt til {}", date(*until)),
                            &format!("postponed to {}", date(*until)),
                        ),
                        CardStatus::Proposed => {
                            pick("forslag – tenk over", "proposal – think it over")
                        }
                    });
                }
                match note {
                    Patch::Keep => {}
                    Patch::Clear => parts.push(pick("notatet fjernet", "note removed")),
                    Patch::Set(_) => parts.push(pick("nytt notat", "new note")),
                }
                let list = join(&parts, lang);
                if nb {
                    format!("endret {}: {list}", card(card_id))
                } else {
                    format!("changed {}: {list}", card(card_id))
                }
            }
            Operation::MoveCard {
                card_id, placement, ..
            } => {
                let from = self.cards.get(card_id).map(|c| &c.placement);
                match from {
                    Some(from) if from == placement => {
                        let place = self.placement_name(placement, lang);
                        if nb {
                            format!("flyttet {} innen {place}", card(card_id))
                        } else {
                            format!("moved {} within {place}", card(card_id))
                        }
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
                                    .unwrap_or_else(|| pick("et annet sted", "elsewhere")),
                                self.placement_name(to, lang),
                            ),
                        };
                        if nb {
                            format!("flyttet {} fra {from} til {to}", card(card_id))
                        } else {
                            format!("moved {} from {from} to {to}", card(card_id))
                        }
                    }
                }
            }
            Operation::DeleteCard { card_id } => pick(
                &format!("slettet {}", card(card_id)),
                &format!("deleted {}", card(card_id)),
            ),
            Operation::RestoreCard { card_id } => pick(
                &format!("hentet tilbake {}", card(card_id)),
                &format!("brought back {}", card(card_id)),
            ),
            Operation::SetHeader {
                title,
                citizen_name,
                short_term_by,
                long_term_by,
                stage,
                citizen_may_add,
            } => {
                let mut parts = Vec::new();
                if let Some(t) = title {
                    parts.push(pick(&format!("tittel «{t}»"), &format!("title «{t}»")));
                }
                if let Some(n) = citizen_name {
                    parts.push(pick(&format!("planen til {n}"), &format!("plan of {n}")));
                }
                for (patch, nb_label, en_label) in [
                    (short_term_by, "kort sikt innen", "short term by"),
                    (long_term_by, "lang sikt innen", "long term by"),
                ] {
                    match patch {
                        Patch::Keep => {}
                        Patch::Clear => parts.push(pick(
                            &format!("{nb_label} ingen dato"),
                            &format!("{en_label} no date"),
                        )),
                        Patch::Set(d) => parts.push(pick(
                            &format!("{nb_label} {}", date(*d)),
                            &format!("{en_label} {}", date(*d)),
                        )),
                    }
                }
                match stage {
                    Patch::Keep => {}
                    Patch::Clear => parts.push(pick("fase ikke satt", "stage not set")),
                    Patch::Set(s) => parts.push(pick(
                        &format!("fase {}", stage_name(*s, lang)),
                        &format!("stage {}", stage_name(*s, lang)),
                    )),
                }
                match citizen_may_add {
                    None => {}
                    Some(true) => parts.push(pick(
                        "innbyggeren kan legge til kort",
                        "the citizen may add cards",
                    )),
                    Some(false) => parts.push(pick(
                        "innbyggeren kan ikke legge til kort",
                        "the citizen may not add cards",
                    )),
                }
                let list = join(&parts, lang);
                pick(
                    &format!("endret planens overskrift: {list}"),
                    &format!("changed the plan's header: {list}"),
                )
            }
            Operation::SetConsent { consent } => match consent {
                Some(c) => {
                    let services = join(&c.services, lang);
                    pick(
                        &format!(
                            "registrerte samtykke gitt {} til deling mellom {services}",
                            date(c.date)
                        ),
                        &format!(
                            "recorded consent given {} to share between {services}",
                            date(c.date)
                        ),
                    )
                }
                None => pick("trakk tilbake samtykket", "withdrew the consent"),
            },
            Operation::AddTheme { label, .. } => pick(
                &format!("la til raden «{label}»"),
                &format!("added the row «{label}»"),
            ),
            Operation::EditTheme {
                theme_id,
                label,
                hidden,
            } => {
                let old = self.theme_name(theme_id, lang);
                let mut parts = Vec::new();
                match label {
                    Patch::Keep => {}
                    Patch::Clear => parts.push(pick(
                        &format!("ga raden «{old}» det vanlige navnet tilbake"),
                        &format!("gave the row «{old}» its usual name back"),
                    )),
                    Patch::Set(new) => parts.push(pick(
                        &format!("ga raden «{old}» navnet «{new}»"),
                        &format!("renamed the row «{old}» to «{new}»"),
                    )),
                }
                match hidden {
                    None => {}
                    Some(true) => parts.push(pick(
                        &format!("skjulte raden «{old}»"),
                        &format!("hid the row «{old}»"),
                    )),
                    Some(false) => parts.push(pick(
                        &format!("viste raden «{old}» igjen"),
                        &format!("showed the row «{old}» again"),
                    )),
                }
                join(&parts, lang)
            }
            Operation::AddMember { member, .. } => {
                let name = match member.service.as_deref().map(str::trim) {
                    Some(s) if !s.is_empty() => format!("{} ({s})", member.name.trim()),
                    _ => member.name.trim().to_owned(),
                };
                pick(
                    &format!("la til {name} i teamet"),
                    &format!("added {name} to the team"),
                )
            }
            Operation::RemoveMember { member_id } => {
                let name = member(*member_id);
                pick(
                    &format!("fjernet {name} fra teamet"),
                    &format!("removed {name} from the team"),
                )
            }
            Operation::SetLead { member_id } => {
                let name = member(*member_id);
                pick(
                    &format!("gjorde {name} til investeringsleder"),
                    &format!("made {name} the investeringsleder (lead)"),
                )
            }
            Operation::SetContact { member_id } => match member_id {
                Some(id) => {
                    let name = member(*id);
                    pick(
                        &format!("gjorde {name} til kontaktperson"),
                        &format!("made {name} the contact person"),
                    )
                }
                None => pick(
                    "gjorde investeringslederen til kontaktperson igjen",
                    "made the investeringsleder the contact person again",
                ),
            },
            Operation::ScheduleMeeting { meeting, .. } => pick(
                &format!("planla et møte {} kl. {}", date(meeting.date), meeting.time),
                &format!(
                    "planned a meeting on {} at {}",
                    date(meeting.date),
                    meeting.time
                ),
            ),
            Operation::EditMeeting { meeting, .. } => pick(
                &format!("endret møtet {} kl. {}", date(meeting.date), meeting.time),
                &format!(
                    "changed the meeting on {} at {}",
                    date(meeting.date),
                    meeting.time
                ),
            ),
            Operation::CancelMeeting { meeting_id } => {
                match self.meetings.iter().find(|m| m.id == *meeting_id) {
                    Some(m) => pick(
                        &format!(
                            "avlyste møtet {} kl. {}",
                            date(m.starts_at.date),
                            m.starts_at.time
                        ),
                        &format!(
                            "called off the meeting on {} at {}",
                            date(m.starts_at.date),
                            m.starts_at.time
                        ),
                    ),
                    None => pick("avlyste et møte", "called off a meeting"),
                }
            }
            Operation::StartMeeting { present, .. } => {
                let names: Vec<String> = present.iter().map(|a| self.attendee_name(a)).collect();
                if names.is_empty() {
                    pick("startet møtet", "started the meeting")
                } else {
                    let list = join(&names, lang);
                    pick(
                        &format!("startet møtet; til stede: {list}"),
                        &format!("started the meeting; present: {list}"),
                    )
                }
            }
            Operation::SetPresent { attendee, present } => {
                let name = self.attendee_name(attendee);
                let own = match attendee {
                    // Only the lead ticks others, and the lead is on the team: a tick of
                    // the citizen by someone not on it is the citizen's own.
                    Attendee::Citizen => !self
                        .members
                        .iter()
                        .any(|m| !m.removed && m.name.as_str() == event.actor),
                    Attendee::Member { member_id } => self
                        .member(*member_id)
                        .is_some_and(|m| m.name.as_str() == event.actor),
                    Attendee::Other { .. } => false,
                };
                match (own, present) {
                    (true, true) => pick("kom med i møtet", "joined the meeting"),
                    (true, false) => pick("gikk fra møtet", "left the meeting"),
                    (false, true) => pick(
                        &format!("krysset av {name} som til stede"),
                        &format!("ticked {name} as present"),
                    ),
                    (false, false) => pick(
                        &format!("tok bort {name} fra de som er til stede"),
                        &format!("took {name} off the list of those present"),
                    ),
                }
            }
            Operation::EndMeeting {} => {
                let number = self.minutes.iter().map(|m| m.number).max().unwrap_or(0) + 1;
                pick(
                    &format!("avsluttet møtet; referat nr. {number} er laget"),
                    &format!("ended the meeting; minutes no. {number} were made"),
                )
            }
            Operation::CorrectMinutes { number, note } => {
                let revision = self
                    .minutes
                    .iter()
                    .filter(|m| m.number == *number)
                    .map(|m| m.revision)
                    .max()
                    .unwrap_or(0)
                    + 1;
                pick(
                    &format!("rettet referat nr. {number} (versjon {revision}): «{note}»"),
                    &format!("corrected minutes no. {number} (version {revision}): «{note}»"),
                )
            }
            Operation::AnswerMinutes {
                number,
                agrees,
                comment,
                ..
            } => {
                let answer = match (agrees, lang) {
                    (true, Lang::Nb) => "«Stemmer»",
                    (false, Lang::Nb) => "«Stemmer ikke»",
                    (true, Lang::En) => "«Correct»",
                    (false, Lang::En) => "«Not correct»",
                };
                let said = comment
                    .as_deref()
                    .map(|c| format!(": «{c}»"))
                    .unwrap_or_default();
                pick(
                    &format!("svarte {answer} på referat nr. {number}{said}"),
                    &format!("answered {answer} to minutes no. {number}{said}"),
                )
            }
        };
        format!("{who} {what}")
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
fn join(parts: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::Nb => " og ",
        Lang::En => " and ",
    };
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
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
