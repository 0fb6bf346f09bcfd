//! Planned meetings: planning one, changing it and calling it off. For each operation, how
//! it is checked and applied and what the history says about it.

use crate::{
    ApplyContext, Board, Invitee, Lang, Meeting, MeetingFields, MeetingId, Operation, Rejection,
    catalogue::Key, limits,
};

impl Board {
    /// Plans a meeting, if the id is free, the board has room for another and it does not
    /// start in the past.
    pub(super) fn schedule_meeting(
        &mut self,
        meeting_id: MeetingId,
        meeting: &MeetingFields,
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
        if self.meetings.iter().any(|m| m.id == meeting_id) {
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
            id: meeting_id,
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
        Ok(Operation::ScheduleMeeting {
            meeting_id,
            meeting: cleaned,
        })
    }

    /// The history's sentence for a planned meeting: when it is.
    pub(crate) fn describe_schedule_meeting(&self, meeting: &MeetingFields, lang: Lang) -> String {
        let w = self.words(lang);
        w.say(
            Key::history_scheduled_meeting,
            &[
                ("date", &w.date(meeting.date)),
                ("time", &meeting.time.to_string()),
            ],
        )
    }

    /// Changes a planned meeting that has not been called off (all its fields at once); it
    /// may not be moved into the past.
    pub(super) fn edit_meeting(
        &mut self,
        meeting_id: MeetingId,
        meeting: &MeetingFields,
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
        let existing = self
            .meetings
            .iter()
            .find(|m| m.id == meeting_id)
            .ok_or(Rejection::UnknownMeeting)?;
        if existing.cancelled {
            return Err(Rejection::MeetingCancelled);
        }
        // Someone invited before they left the team may stay on the list.
        let (cleaned, clean) = meeting.validate(|id| {
            self.member(id).is_some() || existing.invites(&Invitee::Member { member_id: id })
        })?;
        if clean.starts_at != existing.starts_at && clean.starts_at.to_timestamp() <= ctx.at {
            return Err(Rejection::MeetingInPast);
        }
        if let Some(m) = self.meetings.iter_mut().find(|m| m.id == meeting_id) {
            clean.write_to(m);
            m.updated_at = ctx.at;
        }
        Ok(Operation::EditMeeting {
            meeting_id,
            meeting: cleaned,
        })
    }

    /// The history's sentence for a changed meeting: when it is now.
    pub(crate) fn describe_edit_meeting(&self, meeting: &MeetingFields, lang: Lang) -> String {
        let w = self.words(lang);
        w.say(
            Key::history_edited_meeting,
            &[
                ("date", &w.date(meeting.date)),
                ("time", &meeting.time.to_string()),
            ],
        )
    }

    /// Calls a meeting off; it stays, marked cancelled, so calendars learn it is off.
    pub(super) fn cancel_meeting(
        &mut self,
        meeting_id: MeetingId,
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
        let m = self
            .meetings
            .iter_mut()
            .find(|m| m.id == meeting_id)
            .ok_or(Rejection::UnknownMeeting)?;
        if m.cancelled {
            return Err(Rejection::MeetingCancelled);
        }
        m.cancelled = true;
        m.updated_at = ctx.at;
        Ok(Operation::CancelMeeting { meeting_id })
    }

    /// The history's sentence for a meeting called off: when it was to be.
    pub(crate) fn describe_cancel_meeting(&self, meeting_id: MeetingId, lang: Lang) -> String {
        let w = self.words(lang);
        match self.meetings.iter().find(|m| m.id == meeting_id) {
            Some(m) => w.say(
                Key::history_cancelled_meeting,
                &[
                    ("date", &w.date(m.starts_at.date)),
                    ("time", &m.starts_at.time.to_string()),
                ],
            ),
            None => w.say(Key::history_cancelled_a_meeting, &[]),
        }
    }
}
