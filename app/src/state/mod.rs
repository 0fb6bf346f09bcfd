//! State shared between components.

mod board_store;
mod board_ui;
mod live;
mod session;

pub use board_store::{BoardStore, Notice};
pub use board_ui::{BoardUi, TEXT_SCALES, responsible_key};
pub use live::LiveLink;
pub use session::{Session, use_session};
