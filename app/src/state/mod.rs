//! State shared between components.

mod board_store;

pub use board_store::BoardStore;
