//! Theme rows: adding a row the team names itself, and renaming, hiding or showing one. For
//! each operation, how it is checked and applied and what the history says about it.

use crate::history::join;
use crate::{
    Board, Field, Lang, Operation, Patch, Rejection, ShortText, SlotId, Template, Theme,
    catalogue::Key, limits,
};

impl Board {
    /// Adds a theme row the team names itself, below the others, if the id is free and
    /// the board has room for another row.
    pub(super) fn add_theme(
        &mut self,
        theme_id: &SlotId,
        label: &str,
    ) -> Result<Operation, Rejection> {
        if self.template.theme(theme_id).is_some() {
            return Err(Rejection::RowExists);
        }
        if self.template.themes.len() >= limits::THEMES_MAX {
            return Err(Rejection::TooManyRows {
                max: limits::THEMES_MAX,
            });
        }
        let label = ShortText::parse_as(Field::RowName, label)?.to_string();
        self.template.themes.push(Theme {
            id: theme_id.clone(),
            label: Some(label.clone()),
            hidden: false,
        });
        Ok(Operation::AddTheme {
            theme_id: theme_id.clone(),
            label,
        })
    }

    /// The history's sentence for a new row: its name.
    pub(crate) fn describe_add_theme(&self, label: &str, lang: Lang) -> String {
        self.words(lang)
            .say(Key::history_added_row, &[("label", label)])
    }

    /// Renames, hides or shows a theme row. A row the team added cannot lose its name, and
    /// the last visible row cannot be hidden.
    pub(super) fn edit_theme(
        &mut self,
        theme_id: &SlotId,
        label: &Patch<String>,
        hidden: Option<bool>,
    ) -> Result<Operation, Rejection> {
        if label.is_keep() && hidden.is_none() {
            return Err(Rejection::EmptyEdit);
        }
        let row = self.template.theme(theme_id).ok_or(Rejection::UnknownRow)?;
        let label = label.try_map(|l| ShortText::parse_as(Field::RowName, l))?;
        // A row the team added has no built-in name to fall back on.
        if label == Patch::Clear && !Template::duk().themes.iter().any(|t| t.id == row.id) {
            return Err(Rejection::Empty {
                field: Field::RowName,
            });
        }
        let visible_others = self
            .template
            .themes
            .iter()
            .filter(|t| !t.hidden && &t.id != theme_id)
            .count();
        if hidden == Some(true) && !row.hidden && visible_others == 0 {
            return Err(Rejection::LastVisibleRow);
        }
        let label = label.try_map(|l| Ok::<_, Rejection>(l.to_string()))?;
        let cleaned = Operation::EditTheme {
            theme_id: theme_id.clone(),
            label: label.clone(),
            hidden,
        };
        if let Some(row) = self.template.themes.iter_mut().find(|t| &t.id == theme_id) {
            label.apply_to(&mut row.label);
            if let Some(hidden) = hidden {
                row.hidden = hidden;
            }
        }
        Ok(cleaned)
    }

    /// The history's sentence for a row renamed, hidden or shown, naming the row as it was
    /// called before.
    pub(crate) fn describe_edit_theme(
        &self,
        theme_id: &SlotId,
        label: &Patch<String>,
        hidden: Option<bool>,
        lang: Lang,
    ) -> String {
        let w = self.words(lang);
        let old = self.theme_name(theme_id, lang);
        let mut parts = Vec::new();
        match label {
            Patch::Keep => {}
            Patch::Clear => parts.push(w.say(Key::history_row_name_back, &[("old", &old)])),
            Patch::Set(new) => {
                parts.push(w.say(Key::history_row_renamed, &[("old", &old), ("new", new)]))
            }
        }
        match hidden {
            None => {}
            Some(true) => parts.push(w.say(Key::history_row_hidden, &[("old", &old)])),
            Some(false) => parts.push(w.say(Key::history_row_shown, &[("old", &old)])),
        }
        join(&parts, lang)
    }
}
