//! The layout of a board: which columns, theme rows and side zones it has. Templates are
//! data, so an office can rename, add or hide rows (SPEC §3).

use serde::{Deserialize, Serialize};

use crate::SlotId;

/// A time column of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Stable id; built-in ids are translated by the app.
    pub id: SlotId,
    /// A custom label that replaces the built-in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A theme row of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// Stable id; built-in ids are translated by the app.
    pub id: SlotId,
    /// A custom label (always set for rows the team adds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Hidden rows keep their cards but are not shown, and take no new cards.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// A side zone beside the grid (strengths, what is hard, dreams, people around me).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    /// Stable id; built-in ids are translated by the app.
    pub id: SlotId,
    /// A custom label that replaces the built-in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The layout of a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// Time columns, left to right.
    pub columns: Vec<Column>,
    /// Theme rows, top to bottom.
    pub themes: Vec<Theme>,
    /// Side zones.
    pub zones: Vec<Zone>,
}

/// Column id of "Dagens situasjon".
pub const COLUMN_NOW_SITUATION: &str = "dagens-situasjon";
/// Column id of "Det vi skal gjøre nå".
pub const COLUMN_DO_NOW: &str = "na";
/// Column id of "På kort sikt innen ⟨date⟩"; carries the board's short-term date.
pub const COLUMN_SHORT_TERM: &str = "kort-sikt";
/// Column id of "På lang sikt innen ⟨date⟩"; carries the board's long-term date.
pub const COLUMN_LONG_TERM: &str = "lang-sikt";

impl Template {
    /// The paper arbeidsduk from velferdslab (004:505–523): four columns, nine themes and
    /// four side zones.
    pub fn duk() -> Self {
        let columns = [
            COLUMN_NOW_SITUATION,
            COLUMN_DO_NOW,
            COLUMN_SHORT_TERM,
            COLUMN_LONG_TERM,
        ];
        let themes = [
            "jobb",
            "bosituasjon",
            "fysisk-helse",
            "psykisk-helse",
            "okonomi",
            "skole-utdanning",
            "fritid",
            "frivillighet",
            "rus",
        ];
        let zones = ["god-pa", "vanskelig", "drommer", "rundt-meg"];
        Template {
            columns: columns
                .map(|id| Column {
                    id: SlotId::known(id),
                    label: None,
                })
                .into(),
            themes: themes
                .map(|id| Theme {
                    id: SlotId::known(id),
                    label: None,
                    hidden: false,
                })
                .into(),
            zones: zones
                .map(|id| Zone {
                    id: SlotId::known(id),
                    label: None,
                })
                .into(),
        }
    }

    /// Looks up a theme row.
    pub fn theme(&self, id: &SlotId) -> Option<&Theme> {
        self.themes.iter().find(|t| &t.id == id)
    }

    /// Looks up a column.
    pub fn column(&self, id: &SlotId) -> Option<&Column> {
        self.columns.iter().find(|c| &c.id == id)
    }

    /// Looks up a side zone.
    pub fn zone(&self, id: &SlotId) -> Option<&Zone> {
        self.zones.iter().find(|z| &z.id == id)
    }
}

/// Where a card lies: in a cell of the grid, or in a side zone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Placement {
    /// A cell: theme row × time column.
    Cell {
        /// The row.
        theme: SlotId,
        /// The column.
        column: SlotId,
    },
    /// A side zone.
    Zone {
        /// The zone.
        zone: SlotId,
    },
}

impl Placement {
    /// A cell placement.
    pub fn cell(theme: &str, column: &str) -> Option<Self> {
        Some(Placement::Cell {
            theme: SlotId::parse(theme)?,
            column: SlotId::parse(column)?,
        })
    }

    /// A zone placement.
    pub fn zone(zone: &str) -> Option<Self> {
        Some(Placement::Zone {
            zone: SlotId::parse(zone)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_template_is_the_paper_duk() {
        let t = Template::duk();
        assert_eq!(t.columns.len(), 4);
        assert_eq!(t.themes.len(), 9);
        assert_eq!(t.zones.len(), 4);
        assert!(t.theme(&SlotId::parse("okonomi").unwrap()).is_some());
        assert!(t.column(&SlotId::parse("kort-sikt").unwrap()).is_some());
        assert!(t.zone(&SlotId::parse("drommer").unwrap()).is_some());
    }

    #[test]
    fn placements_serialise_tagged_by_their_kind() {
        let p = Placement::cell("jobb", "na").unwrap();
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"cell":{"theme":"jobb","column":"na"}}"#
        );
        let z: Placement = serde_json::from_str(r#"{"zone":{"zone":"drommer"}}"#).unwrap();
        assert_eq!(z, Placement::zone("drommer").unwrap());
    }
}
