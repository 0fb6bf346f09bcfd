//! Integration tests of the HTTP API against the real server and a real database.
//!
//! Every test gets its own server on a free port and its own database: a SQLite file in a
//! temporary folder, or, when `DUK_TEST_DATABASE_URL` names a PostgreSQL server, a fresh
//! database on it (`cargo xtask test` runs this binary once for each).

mod access;
mod assets;
mod audit;
mod bad_input;
mod board_ops;
mod boards;
mod citizen;
mod fault;
mod helpers;
mod instances;
mod lifecycle;
mod live;
mod malformed;
mod record;
mod security;
