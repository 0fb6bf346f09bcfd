//! The plan's header: its title, whose plan it is, the horizons, the stage and whether the
//! citizen may add cards; and the citizen's consent to share. For each operation, how it is
//! checked and applied and what the history says about it, and how a header change is
//! undone.

use super::{check_horizons, patch};
use crate::history::join;
use crate::{
    ApplyContext, Board, Consent, ConsentFields, Lang, Operation, Patch, PersonName, Rejection,
    Title, catalogue::Key, stage_name,
};

impl Board {
    /// Changes some of the header's fields; the horizons must stay in order, and an edit
    /// that changes nothing is refused.
    pub(super) fn set_header(&mut self, op: &Operation) -> Result<Operation, Rejection> {
        // The header has six fields: here, for its sentence and for its undo, the
        // dispatcher hands over the whole operation rather than a long list of arguments.
        let Operation::SetHeader {
            title,
            citizen_name,
            short_term_by,
            long_term_by,
            stage,
            citizen_may_add,
        } = op
        else {
            // Never: the dispatcher sends only this operation here.
            return Err(Rejection::EmptyEdit);
        };
        if title.is_none()
            && citizen_name.is_none()
            && short_term_by.is_keep()
            && long_term_by.is_keep()
            && stage.is_keep()
            && citizen_may_add.is_none()
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
            stage: stage.clone(),
            citizen_may_add: *citizen_may_add,
        };
        if let Some(may) = citizen_may_add {
            self.citizen_may_add = *may;
        }
        if let Some(title) = title {
            self.title = title;
        }
        if let Some(name) = citizen_name {
            self.citizen_name = name;
        }
        self.short_term_by = short;
        self.long_term_by = long;
        stage.clone().apply_to(&mut self.stage);
        Ok(cleaned)
    }

    /// The history's sentence for a header change: each field it changed.
    pub(crate) fn describe_set_header(&self, op: &Operation, lang: Lang) -> String {
        let Operation::SetHeader {
            title,
            citizen_name,
            short_term_by,
            long_term_by,
            stage,
            citizen_may_add,
        } = op
        else {
            // Never: the dispatcher sends only this operation here.
            return String::new();
        };
        let w = self.words(lang);
        let mut parts = Vec::new();
        if let Some(t) = title {
            parts.push(w.say(Key::history_header_title, &[("title", t)]));
        }
        if let Some(n) = citizen_name {
            parts.push(w.say(Key::history_header_citizen_name, &[("name", n)]));
        }
        for (horizon, no_date, by_date) in [
            (
                short_term_by,
                Key::history_short_term_no_date,
                Key::history_short_term_by,
            ),
            (
                long_term_by,
                Key::history_long_term_no_date,
                Key::history_long_term_by,
            ),
        ] {
            match horizon {
                Patch::Keep => {}
                Patch::Clear => parts.push(w.say(no_date, &[])),
                Patch::Set(d) => parts.push(w.say(by_date, &[("date", &w.date(*d))])),
            }
        }
        match stage {
            Patch::Keep => {}
            Patch::Clear => parts.push(w.say(Key::history_stage_not_set, &[])),
            Patch::Set(s) => {
                parts.push(w.say(Key::history_stage, &[("stage", stage_name(*s, lang))]))
            }
        }
        match citizen_may_add {
            None => {}
            Some(true) => parts.push(w.say(Key::history_citizen_may_add, &[])),
            Some(false) => parts.push(w.say(Key::history_citizen_may_not_add, &[])),
        }
        let changes = join(&parts, lang);
        w.say(Key::history_changed_header, &[("changes", &changes)])
    }

    /// Undoes a header change by setting the fields it changed back to what they were on
    /// this board, the one before it.
    pub(crate) fn inverse_set_header(&self, op: &Operation) -> Option<Operation> {
        let Operation::SetHeader {
            title,
            citizen_name,
            short_term_by,
            long_term_by,
            stage,
            citizen_may_add,
        } = op
        else {
            // Never: the dispatcher sends only this operation here.
            return None;
        };
        Some(Operation::SetHeader {
            title: title.as_ref().map(|_| self.title.to_string()),
            citizen_name: citizen_name.as_ref().map(|_| self.citizen_name.to_string()),
            short_term_by: patch(short_term_by, &self.short_term_by),
            long_term_by: patch(long_term_by, &self.long_term_by),
            stage: patch(stage, &self.stage),
            citizen_may_add: citizen_may_add.map(|_| self.citizen_may_add),
        })
    }

    /// Records the citizen's consent to share between the team's services, or with `None`
    /// withdraws it; withdrawing a consent there is not is refused.
    pub(super) fn set_consent(
        &mut self,
        consent: Option<&ConsentFields>,
        ctx: &ApplyContext,
    ) -> Result<Operation, Rejection> {
        match consent {
            Some(fields) => {
                let services = fields.validate()?;
                let cleaned = ConsentFields {
                    date: fields.date,
                    services: services.iter().map(ToString::to_string).collect(),
                };
                self.consent = Some(Consent {
                    date: fields.date,
                    services,
                    recorded_by: ctx.actor.clone(),
                    recorded_at: ctx.at,
                });
                Ok(Operation::SetConsent {
                    consent: Some(cleaned),
                })
            }
            None => {
                if self.consent.is_none() {
                    return Err(Rejection::EmptyEdit);
                }
                self.consent = None;
                Ok(Operation::SetConsent { consent: None })
            }
        }
    }

    /// The history's sentence for consent recorded (when, between which services) or
    /// withdrawn.
    pub(crate) fn describe_set_consent(
        &self,
        consent: Option<&ConsentFields>,
        lang: Lang,
    ) -> String {
        let w = self.words(lang);
        match consent {
            Some(c) => {
                let services = join(&c.services, lang);
                w.say(
                    Key::history_recorded_consent,
                    &[("date", &w.date(c.date)), ("services", &services)],
                )
            }
            None => w.say(Key::history_withdrew_consent, &[]),
        }
    }
}
