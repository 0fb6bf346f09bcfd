//! The team around the citizen: adding and removing members, handing on the lead and naming
//! the contact person. For each operation, how it is checked and applied and what the
//! history says about it.

use crate::{
    Board, Lang, MemberFields, MemberId, Operation, Rejection, catalogue::Key, limits, non_blank,
};

impl Board {
    /// Adds a team member, if the id is free, the team has room and their account (if
    /// they have one) is not on the board already.
    pub(super) fn add_member(
        &mut self,
        member_id: MemberId,
        member: &MemberFields,
    ) -> Result<Operation, Rejection> {
        if self.members.iter().any(|m| m.id == member_id) {
            return Err(Rejection::MemberExists);
        }
        if self.members.len() >= limits::MEMBERS_MAX {
            return Err(Rejection::TooManyMembers {
                max: limits::MEMBERS_MAX,
            });
        }
        let (new, cleaned) = member.validate(member_id)?;
        if new.account.is_some()
            && self
                .members
                .iter()
                .any(|m| !m.removed && m.account == new.account)
        {
            return Err(Rejection::AccountOnBoard);
        }
        self.members.push(new);
        Ok(Operation::AddMember {
            member_id,
            member: cleaned,
        })
    }

    /// The history's sentence for a new member: their name, with their service if given.
    pub(crate) fn describe_add_member(&self, member: &MemberFields, lang: Lang) -> String {
        let name = match non_blank(member.service.as_deref()) {
            Some(s) => format!("{} ({s})", member.name.trim()),
            None => member.name.trim().to_owned(),
        };
        self.words(lang)
            .say(Key::history_added_member, &[("name", &name)])
    }

    /// Removes a team member (they stay on the board, marked removed); the lead cannot be
    /// removed.
    pub(super) fn remove_member(&mut self, member_id: MemberId) -> Result<Operation, Rejection> {
        let member = self.member(member_id).ok_or(Rejection::UnknownMember)?;
        if member.lead {
            return Err(Rejection::LeadCannotBeRemoved);
        }
        if let Some(m) = self.members.iter_mut().find(|m| m.id == member_id) {
            m.removed = true;
        }
        Ok(Operation::RemoveMember { member_id })
    }

    /// The history's sentence for a member removed.
    pub(crate) fn describe_remove_member(&self, member_id: MemberId, lang: Lang) -> String {
        let w = self.words(lang);
        let name = w.member(member_id);
        w.say(Key::history_removed_member, &[("name", &name)])
    }

    /// Hands the investeringsleder role to another member, who must have an account.
    pub(super) fn set_lead(&mut self, member_id: MemberId) -> Result<Operation, Rejection> {
        let member = self.member(member_id).ok_or(Rejection::UnknownMember)?;
        if member.account.is_none() {
            return Err(Rejection::LeadNeedsAccount);
        }
        for m in &mut self.members {
            m.lead = m.id == member_id;
        }
        Ok(Operation::SetLead { member_id })
    }

    /// The history's sentence for a new lead.
    pub(crate) fn describe_set_lead(&self, member_id: MemberId, lang: Lang) -> String {
        let w = self.words(lang);
        let name = w.member(member_id);
        w.say(Key::history_made_lead, &[("name", &name)])
    }

    /// Names the citizen's contact person, a member with an account, or with `None` goes
    /// back to the investeringsleder. Naming whoever it is already is refused.
    pub(super) fn set_contact(
        &mut self,
        member_id: Option<MemberId>,
    ) -> Result<Operation, Rejection> {
        if member_id == self.contact {
            return Err(Rejection::EmptyEdit);
        }
        if let Some(id) = member_id {
            let member = self.member(id).ok_or(Rejection::UnknownMember)?;
            if member.account.is_none() {
                return Err(Rejection::ContactNeedsAccount);
            }
        }
        self.contact = member_id;
        Ok(Operation::SetContact { member_id })
    }

    /// The history's sentence for a new contact person, or the lead being it again.
    pub(crate) fn describe_set_contact(&self, member_id: Option<MemberId>, lang: Lang) -> String {
        let w = self.words(lang);
        match member_id {
            Some(id) => {
                let name = w.member(id);
                w.say(Key::history_made_contact, &[("name", &name)])
            }
            None => w.say(Key::history_lead_contact_again, &[]),
        }
    }
}
