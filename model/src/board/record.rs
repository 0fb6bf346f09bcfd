//! The record of meetings held: starting and ending the meeting on the board, who is
//! present, correcting the minutes and the citizen's answer to them. For each operation,
//! how it is checked and applied and what the history says about it.

use crate::history::join;
use crate::{
    ApplyContext, Attendee, Board, Field, Lang, MeetingId, MeetingSession, MinutesAnswer,
    MinutesInfo, Note, Operation, Rejection, catalogue::Key, limits, non_blank,
};

impl Board {
    /// Starts the meeting on the board, for a planned meeting or not, with whoever is there
    /// already; only one runs at a time, and only while there is room for its minutes.
    pub(super) fn start_meeting(
        &mut self,
        meeting_id: Option<MeetingId>,
        present: &[Attendee],
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
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
                .find(|m| m.id == id)
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
            meeting_id,
            present: list.clone(),
        });
        Ok(Operation::StartMeeting {
            meeting_id,
            present: list,
        })
    }

    /// The history's sentence for a meeting started: who was there from the start.
    pub(crate) fn describe_start_meeting(&self, present: &[Attendee], lang: Lang) -> String {
        let w = self.words(lang);
        let names: Vec<String> = present.iter().map(|a| self.attendee_name(a)).collect();
        if names.is_empty() {
            w.say(Key::history_started_meeting, &[])
        } else {
            let present = join(&names, lang);
            w.say(
                Key::history_started_meeting_present,
                &[("present", &present)],
            )
        }
    }

    /// Ticks someone as present in the meeting going on, or takes the tick away.
    pub(super) fn set_present(
        &mut self,
        attendee: &Attendee,
        present: bool,
    ) -> Result<Operation, Rejection> {
        // Ticking checks who it is; a tick is taken away from whoever has one,
        // even someone who has left the team since.
        let who = if present {
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
        if there == present {
            return Err(Rejection::EmptyEdit);
        }
        if present {
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
        Ok(Operation::SetPresent {
            attendee: who,
            present,
        })
    }

    /// The history's sentence for a tick: "joined" or "left" when it is the actor's own,
    /// otherwise whom the actor ticked or unticked.
    pub(crate) fn describe_set_present(
        &self,
        attendee: &Attendee,
        present: bool,
        actor: &str,
        lang: Lang,
    ) -> String {
        let w = self.words(lang);
        let name = self.attendee_name(attendee);
        let own = match attendee {
            // Only the lead ticks others, and the lead is on the team: a tick of
            // the citizen by someone not on it is the citizen's own.
            Attendee::Citizen => !self
                .members
                .iter()
                .any(|m| !m.removed && m.name.as_str() == actor),
            Attendee::Member { member_id } => self
                .member(*member_id)
                .is_some_and(|m| m.name.as_str() == actor),
            Attendee::Other { .. } => false,
        };
        match (own, present) {
            (true, true) => w.say(Key::history_joined_meeting, &[]),
            (true, false) => w.say(Key::history_left_meeting, &[]),
            (false, true) => w.say(Key::history_ticked_present, &[("name", &name)]),
            (false, false) => w.say(Key::history_unticked_present, &[("name", &name)]),
        }
    }

    /// Ends the meeting going on; its minutes get the next number and are frozen from the
    /// board as it stands.
    pub(super) fn end_meeting(&mut self, ctx: &ApplyContext) -> Result<Operation, Rejection> {
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
        Ok(Operation::EndMeeting {})
    }

    /// The history's sentence for a meeting ended: the number its minutes get.
    pub(crate) fn describe_end_meeting(&self, lang: Lang) -> String {
        let number = self.minutes.iter().map(|m| m.number).max().unwrap_or(0) + 1;
        self.words(lang).say(
            Key::history_ended_meeting,
            &[("number", &number.to_string())],
        )
    }

    /// Corrects the last meeting's minutes with a new version and a note of what changed;
    /// only the newest minutes, and not while a meeting runs.
    pub(super) fn correct_minutes(
        &mut self,
        number: u32,
        note: &str,
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
        let last = self.latest_minutes().first().map(|m| (*m).clone());
        let Some(last) = last.filter(|m| m.number == number) else {
            return Err(if self.minutes.iter().any(|m| m.number == number) {
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
        Ok(Operation::CorrectMinutes {
            number,
            note: note.to_string(),
        })
    }

    /// The history's sentence for a correction: the minutes, their new version and the note.
    pub(crate) fn describe_correct_minutes(&self, number: u32, note: &str, lang: Lang) -> String {
        let revision = self
            .minutes
            .iter()
            .filter(|m| m.number == number)
            .map(|m| m.revision)
            .max()
            .unwrap_or(0)
            + 1;
        self.words(lang).say(
            Key::history_corrected_minutes,
            &[
                ("number", &number.to_string()),
                ("revision", &revision.to_string()),
                ("note", note),
            ],
        )
    }

    /// Records the citizen's answer to the newest version of a meeting's minutes, with an
    /// optional comment.
    pub(super) fn answer_minutes(
        &mut self,
        number: u32,
        revision: u32,
        agrees: bool,
        comment: Option<&str>,
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
        let newest = self
            .minutes
            .iter()
            .filter(|m| m.number == number)
            .map(|m| m.revision)
            .max()
            .ok_or(Rejection::UnknownMinutes)?;
        if revision != newest {
            return Err(if revision < newest && revision > 0 {
                Rejection::MinutesSuperseded
            } else {
                Rejection::UnknownMinutes
            });
        }
        let comment = non_blank(comment)
            .map(|c| Note::parse_as(Field::Comment, c))
            .transpose()?;
        let info = self
            .minutes
            .iter_mut()
            .find(|m| m.number == number && m.revision == revision)
            .ok_or(Rejection::UnknownMinutes)?;
        if info.answers.len() >= limits::ANSWERS_MAX {
            return Err(Rejection::TooManyItems {
                field: Field::Comment,
                max: limits::ANSWERS_MAX,
            });
        }
        info.answers.push(MinutesAnswer {
            agrees,
            comment: comment.clone(),
            by: ctx.actor.clone(),
            at: ctx.at,
        });
        Ok(Operation::AnswerMinutes {
            number,
            revision,
            agrees,
            comment: comment.map(|c| c.to_string()),
        })
    }

    /// The history's sentence for the citizen's answer: "correct" or "not correct", and
    /// their comment.
    pub(crate) fn describe_answer_minutes(
        &self,
        number: u32,
        agrees: bool,
        comment: Option<&str>,
        lang: Lang,
    ) -> String {
        let w = self.words(lang);
        let answer = w.say(
            if agrees {
                Key::history_answer_agrees
            } else {
                Key::history_answer_disagrees
            },
            &[],
        );
        let number = number.to_string();
        match comment {
            Some(comment) => w.say(
                Key::history_answered_minutes_comment,
                &[
                    ("answer", &answer),
                    ("number", &number),
                    ("comment", comment),
                ],
            ),
            None => w.say(
                Key::history_answered_minutes,
                &[("answer", &answer), ("number", &number)],
            ),
        }
    }
}
