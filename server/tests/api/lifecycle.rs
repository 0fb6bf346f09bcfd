//! The server as a process and its database settings.

use std::{process::Stdio, time::Duration};

use reqwest::StatusCode;
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::Command,
    time::timeout,
};

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_server_binary_starts_answers_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested/folder/duk.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_duk-server"))
        .args(["--port", "0", "--seed-demo"])
        .arg("--database-url")
        .arg(format!("sqlite://{}", db.display()))
        .arg("--dist")
        .arg(dir.path().join("no-app-built"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    // The server prints its address once it listens; the timeout only bounds a hang.
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let announced = timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(url) = line.strip_prefix("Duk kjører på ") {
                return Some(url.to_owned());
            }
        }
        None
    })
    .await
    .expect("the server starts")
    .expect("the server prints where it listens");
    let res = reqwest::get(format!("{announced}/api/health"))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        db.exists(),
        "the SQLite file and its folders are created on first start"
    );

    let pid = child.id().unwrap().to_string();
    let sent = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    assert!(sent.success());
    let status = timeout(Duration::from_secs(30), child.wait())
        .await
        .expect("it stops")
        .unwrap();
    assert!(status.success(), "SIGTERM is a clean shutdown: {status:?}");
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_enforced() {
    let app = spawn_app().await;
    if app.store.backend() != server::store::Backend::Sqlite {
        return; // PostgreSQL has neither setting.
    }
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    let orphan = sqlx::query(
        "INSERT INTO board_events (board_id, version, actor, at, client_op_id, op) \
         VALUES ('no-such-board', 1, 'x', 0, 'y', '{}')",
    )
    .execute(app.store.pool())
    .await;
    assert!(
        orphan.is_err(),
        "an event for a board that does not exist is refused"
    );
}
