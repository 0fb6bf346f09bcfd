//! State shared between components.

mod board_store;
mod board_ui;
mod citizen;
pub(crate) mod live;
pub mod offline;
mod session;
mod staff_search;

pub(crate) use board_store::sleep;
pub use board_store::{BoardStore, Notice, Overwritten};
pub use board_ui::{BoardUi, ChangeMarks, Highlight, TEXT_SCALES, Tool, responsible_key};
pub use citizen::{CitizenState, use_citizen};
pub use live::LiveLink;
pub use session::{Session, use_session};
pub use staff_search::StaffSearchState;
