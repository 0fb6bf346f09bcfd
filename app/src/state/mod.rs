//! State shared between components.

mod board_store;
mod board_ui;

pub use board_store::{BoardStore, Notice};
pub use board_ui::{BoardUi, TEXT_SCALES, responsible_key};
