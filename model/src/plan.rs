//! The board as the citizen reads it between meetings: my tasks, what others do for me,
//! the next meeting, and who my contact person is.

use crate::{Board, Card, CardStatus, IsoDate, Meeting, Member, Responsible, Timestamp};

impl Card {
    /// The date that counts now: the new date of a postponed card, otherwise its frist.
    pub fn effective_due(&self) -> Option<IsoDate> {
        match &self.status {
            CardStatus::Postponed { until } => Some(*until),
            _ => self.due,
        }
    }

    /// A frist that has passed on a card that is not done.
    pub fn is_overdue(&self, today: IsoDate) -> bool {
        self.status != CardStatus::Done && self.effective_due().is_some_and(|d| d < today)
    }

    fn is_open_task(&self) -> bool {
        !self.deleted && self.status != CardStatus::Done && self.responsible.is_some()
    }
}

/// Soonest frist first, cards without a frist last, then as they stand on the board.
fn by_due(cards: &mut [&Card]) {
    cards.sort_by(|a, b| {
        let key = |c: &Card| (c.effective_due().is_none(), c.effective_due());
        key(a)
            .cmp(&key(b))
            .then_with(|| a.order.cmp(&b.order))
            .then_with(|| a.id.cmp(&b.id))
    });
}

impl Board {
    /// "Mine frister": what the citizen has taken on and not finished, soonest first.
    pub fn citizen_tasks(&self) -> Vec<&Card> {
        let mut cards: Vec<&Card> = self
            .cards
            .values()
            .filter(|c| c.is_open_task() && c.responsible == Some(Responsible::Citizen))
            .collect();
        by_due(&mut cards);
        cards
    }

    /// "Dette gjør andre for deg": what team members and others have taken on and not
    /// finished, soonest first.
    pub fn others_tasks(&self) -> Vec<&Card> {
        let mut cards: Vec<&Card> = self
            .cards
            .values()
            .filter(|c| c.is_open_task() && c.responsible != Some(Responsible::Citizen))
            .collect();
        by_due(&mut cards);
        cards
    }

    /// The meeting that is on now or comes next, if one is planned.
    pub fn next_meeting(&self, now: Timestamp) -> Option<&Meeting> {
        self.upcoming_meetings(now).into_iter().next()
    }

    /// Meetings not cancelled that have not ended, soonest first.
    pub fn upcoming_meetings(&self, now: Timestamp) -> Vec<&Meeting> {
        let mut meetings: Vec<&Meeting> = self
            .meetings
            .iter()
            .filter(|m| !m.cancelled && m.end() > now)
            .collect();
        meetings.sort_by_key(|m| (m.starts_at, m.id));
        meetings
    }

    /// The citizen's contact person: the member the board names, or else the
    /// investeringsleder.
    pub fn contact_member(&self) -> Option<&Member> {
        self.contact
            .and_then(|id| self.member(id))
            .filter(|m| m.account.is_some())
            .or_else(|| self.members.iter().find(|m| m.lead && !m.removed))
    }

    /// The name of whoever is responsible, as the citizen reads it (`None` for the citizen).
    pub fn responsible_name(&self, r: &Responsible) -> Option<String> {
        match r {
            Responsible::Citizen => None,
            Responsible::Member { member_id } => self
                .members
                .iter()
                .find(|m| m.id == *member_id)
                .map(|m| m.name.to_string()),
            Responsible::Outside { name } => Some(name.clone()),
        }
    }
}
