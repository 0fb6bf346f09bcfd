//! Who may do what on a board: one table, asked by the server's guard, the writer, the live
//! socket and the app alike, so that the app offers exactly what the server accepts.
//!
//! Every [`Operation`] belongs to one [`Action`] ([`Operation::action`]); reading, inviting
//! and the citizen's own requests are actions too. [`PERMISSIONS`] says, for each action,
//! how each [`BoardRole`] stands to it: allowed, refused, allowed only for oneself (ticking
//! oneself present), or allowed when the investeringsleder lets the citizen (adding cards).
//! [`Board::permits`] applies the table to one operation by one person.

use crate::{AccountId, Attendee, Board, BoardRole, GuestRole, Operation};

/// Something one may do on a board: a kind of change (each [`Operation`] is one), or
/// something besides changing it. In the order of [`PERMISSIONS`], which is indexed by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read the board and follow it live; read its history, minutes and calendar.
    Read,
    /// See who has access and which invitations are open.
    ReadAccess,
    /// See "Hvem har sett planen min".
    ReadViews,
    /// See a board's callback requests.
    ReadCallbacks,
    /// Download the board with its whole history (innsyn for the citizen, archiving for
    /// the investeringsleder).
    Export,
    /// Ask the contact person to call ("Ring meg").
    RequestCallback,
    /// Make, see or turn off one's own private calendar address.
    CalendarFeed,
    /// Invite the citizen (or withdraw her invitation).
    InviteCitizen,
    /// Invite a støtteperson (or withdraw such an invitation).
    InviteSupport,
    /// End the citizen's access.
    RevokeCitizen,
    /// End a støtteperson's access.
    RevokeSupport,
    /// End someone's access or withdraw an invitation, of any kind this role may (checked
    /// before looking the target up, so that others learn nothing about it).
    ManageGuests,
    /// Show the others, live, which card one is moving.
    ShowMoving,
    /// Add a card ([`Operation::CreateCard`]).
    AddCards,
    /// Edit, move, delete and restore cards.
    EditCards,
    /// Change the plan's header: title, horizons, stage, who may add cards.
    EditHeader,
    /// Record the citizen's consent to sharing.
    RecordConsent,
    /// Add and rename theme rows.
    EditRows,
    /// Add and remove team members, name the investeringsleder and the contact person.
    EditTeam,
    /// Plan, change and call off meetings.
    PlanMeetings,
    /// Start and end a meeting.
    RunMeeting,
    /// Tick who is present at the meeting going on.
    TickPresent,
    /// Correct the minutes of a meeting held.
    CorrectMinutes,
    /// Answer the minutes ("Stemmer" / "Stemmer ikke").
    AnswerMinutes,
}

/// How a role stands to an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Allowed.
    Yes,
    /// Refused.
    No,
    /// Allowed for oneself only: one ticks oneself present, not others.
    Themselves,
    /// Allowed while the investeringsleder lets the citizen add cards
    /// ([`Board::citizen_may_add`]).
    IfCitizenMayAdd,
}

use Rule::{IfCitizenMayAdd, No, Themselves, Yes};

/// The table: for each action, in the order [`Action`] lists them, the rule for the
/// investeringsleder, a team member, the citizen and a støtteperson, in the order of
/// [`BoardRole::ALL`]. The investeringsleder
/// does everything on the board but answer the minutes, which only the citizen does; team
/// members work on cards and plan meetings; the citizen reads, asks, answers and chooses
/// her støtteperson; a støtteperson reads the plan (not the citizen's calls or who has
/// access).
#[rustfmt::skip]
pub const PERMISSIONS: &[(Action, [Rule; 4])] = &[
    //                                         lead  member       citizen          støtteperson
    (Action::Read,                            [Yes,  Yes,         Yes,             Yes]),
    (Action::ReadAccess,                      [Yes,  Yes,         Yes,             No]),
    (Action::ReadViews,                       [Yes,  No,          Yes,             No]),
    (Action::ReadCallbacks,                   [Yes,  Yes,         Yes,             No]),
    (Action::Export,                          [Yes,  No,          Yes,             No]),
    (Action::RequestCallback,                 [No,   No,          Yes,             No]),
    (Action::CalendarFeed,                    [No,   No,          Yes,             No]),
    (Action::InviteCitizen,                   [Yes,  No,          No,              No]),
    // The citizen chooses her støtteperson; the investeringsleder may end the access (say,
    // at the citizen's request by phone) but not give it.
    (Action::InviteSupport,                   [No,   No,          Yes,             No]),
    (Action::RevokeCitizen,                   [Yes,  No,          No,              No]),
    (Action::RevokeSupport,                   [Yes,  No,          Yes,             No]),
    (Action::ManageGuests,                    [Yes,  No,          Yes,             No]),
    (Action::ShowMoving,                      [Yes,  Yes,         Yes,             No]),
    (Action::AddCards,                        [Yes,  Yes,         IfCitizenMayAdd, No]),
    (Action::EditCards,                       [Yes,  Yes,         No,              No]),
    (Action::EditHeader,                      [Yes,  No,          No,              No]),
    (Action::RecordConsent,                   [Yes,  No,          No,              No]),
    (Action::EditRows,                        [Yes,  No,          No,              No]),
    (Action::EditTeam,                        [Yes,  No,          No,              No]),
    (Action::PlanMeetings,                    [Yes,  Yes,         No,              No]),
    (Action::RunMeeting,                      [Yes,  No,          No,              No]),
    (Action::TickPresent,                     [Yes,  Themselves,  Themselves,      No]),
    (Action::CorrectMinutes,                  [Yes,  No,          No,              No]),
    (Action::AnswerMinutes,                   [No,   No,          Yes,             No]),
];

impl Action {
    /// Every action, in the order of [`PERMISSIONS`].
    pub fn all() -> impl Iterator<Item = Action> {
        PERMISSIONS.iter().map(|(a, _)| *a)
    }

    /// Inviting someone in this guest role.
    pub fn invite(guest: GuestRole) -> Action {
        match guest {
            GuestRole::Citizen => Action::InviteCitizen,
            GuestRole::Support => Action::InviteSupport,
        }
    }

    /// Ending the access of someone in this guest role.
    pub fn revoke(guest: GuestRole) -> Action {
        match guest {
            GuestRole::Citizen => Action::RevokeCitizen,
            GuestRole::Support => Action::RevokeSupport,
        }
    }

    /// Whether it changes the board (is the action of some [`Operation`]).
    pub fn changes_board(self) -> bool {
        matches!(
            self,
            Action::AddCards
                | Action::EditCards
                | Action::EditHeader
                | Action::RecordConsent
                | Action::EditRows
                | Action::EditTeam
                | Action::PlanMeetings
                | Action::RunMeeting
                | Action::TickPresent
                | Action::CorrectMinutes
                | Action::AnswerMinutes
        )
    }
}

impl BoardRole {
    /// Its place in [`BoardRole::ALL`] and in each row of [`PERMISSIONS`].
    fn index(self) -> usize {
        match self {
            BoardRole::Owner => 0,
            BoardRole::Member => 1,
            BoardRole::Citizen => 2,
            BoardRole::Support => 3,
        }
    }

    /// This role's rule for `action`, from [`PERMISSIONS`] (indexed by the action, so
    /// that a question asked with a known action costs the app no search).
    pub fn rule(self, action: Action) -> Rule {
        PERMISSIONS[action as usize].1[self.index()]
    }

    /// Whether this role may do `action` at all, on a board that does or does not let the
    /// citizen add cards (for [`Rule::Themselves`]: for oneself).
    pub fn may(self, action: Action, citizen_may_add: bool) -> bool {
        match self.rule(action) {
            Rule::Yes | Rule::Themselves => true,
            Rule::No => false,
            Rule::IfCitizenMayAdd => citizen_may_add,
        }
    }

    /// Whether this role may change the board in any way.
    pub fn changes_anything(self) -> bool {
        Action::all().any(|a| a.changes_board() && self.may(a, true))
    }
}

impl Operation {
    /// The action this operation is, for [`PERMISSIONS`].
    pub fn action(&self) -> Action {
        match self {
            Operation::CreateCard { .. } => Action::AddCards,
            Operation::EditCard { .. }
            | Operation::MoveCard { .. }
            | Operation::DeleteCard { .. }
            | Operation::RestoreCard { .. } => Action::EditCards,
            Operation::SetHeader { .. } => Action::EditHeader,
            Operation::SetConsent { .. } => Action::RecordConsent,
            Operation::AddTheme { .. } | Operation::EditTheme { .. } => Action::EditRows,
            Operation::AddMember { .. }
            | Operation::RemoveMember { .. }
            | Operation::SetLead { .. }
            | Operation::SetContact { .. } => Action::EditTeam,
            Operation::ScheduleMeeting { .. }
            | Operation::EditMeeting { .. }
            | Operation::CancelMeeting { .. } => Action::PlanMeetings,
            Operation::StartMeeting { .. } | Operation::EndMeeting {} => Action::RunMeeting,
            Operation::SetPresent { .. } => Action::TickPresent,
            Operation::CorrectMinutes { .. } => Action::CorrectMinutes,
            Operation::AnswerMinutes { .. } => Action::AnswerMinutes,
        }
    }

    /// Whom an operation done [`Rule::Themselves`] is about.
    fn about(&self) -> Option<&Attendee> {
        match self {
            Operation::SetPresent { attendee, .. } => Some(attendee),
            _ => None,
        }
    }
}

impl Board {
    /// Whether someone in `role` may do `action` on this board as it stands (for
    /// [`Rule::Themselves`]: for themselves).
    pub fn allows(&self, role: BoardRole, action: Action) -> bool {
        role.may(action, self.citizen_may_add)
    }

    /// Whether someone in `role`, signed in as `account`, may apply `op` to this board:
    /// the check the server makes before applying anything, and the app before offering it.
    pub fn permits(&self, role: BoardRole, account: Option<AccountId>, op: &Operation) -> bool {
        let action = op.action();
        match role.rule(action) {
            Rule::Yes => true,
            Rule::No => false,
            Rule::IfCitizenMayAdd => self.citizen_may_add,
            Rule::Themselves => {
                op.about().is_some() && op.about() == self.attendee(role, account).as_ref()
            }
        }
    }

    /// Who someone in `role`, signed in as `account`, is at a meeting: the citizen, or the
    /// team member with that account (a støtteperson is ticked by name, by the lead).
    pub fn attendee(&self, role: BoardRole, account: Option<AccountId>) -> Option<Attendee> {
        match role {
            BoardRole::Citizen => Some(Attendee::Citizen),
            BoardRole::Owner | BoardRole::Member => {
                let account = account?;
                self.members
                    .iter()
                    .find(|m| !m.removed && m.account == Some(account))
                    .map(|m| Attendee::Member { member_id: m.id })
            }
            BoardRole::Support => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_its_row_in_its_place() {
        for (i, (action, _)) in PERMISSIONS.iter().enumerate() {
            assert_eq!(*action as usize, i, "{action:?} is not in its place");
        }
        assert_eq!(
            PERMISSIONS.len(),
            Action::AnswerMinutes as usize + 1,
            "every action has a row"
        );
        for g in [GuestRole::Citizen, GuestRole::Support] {
            assert_ne!(Action::invite(g), Action::revoke(g));
        }
    }

    #[test]
    fn only_a_stoetteperson_changes_nothing() {
        for role in BoardRole::ALL {
            assert_eq!(
                role.changes_anything(),
                role != BoardRole::Support,
                "{role:?}"
            );
        }
    }
}
