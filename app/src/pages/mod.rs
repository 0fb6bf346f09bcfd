//! One module per route.

pub mod account;
pub mod admin;
pub mod board_at;
pub mod board_list;
pub mod board_page;
pub mod citizen;
pub mod glossary;
pub mod history;
pub mod invitation;
pub mod login;
pub mod minutes;
pub mod not_found;
pub mod profile;
pub mod tasks;
