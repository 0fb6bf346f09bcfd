//! One module per route.

pub mod board_list;
pub mod board_page;
pub mod not_found;
