//! Sends messages to people outside Duk (an SMS with an invitation link).
//!
//! There is no SMS gateway here: [`OutboxNotifier`] appends each message to a file, which
//! stands in for the gateway in development and tests, and which an operator can watch.
//! A real gateway implements [`Notifier`] the same way.

use std::{io::Write, path::PathBuf, sync::Mutex};

use model::Timestamp;
use serde::Serialize;

/// A message to a phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// E.164 number.
    pub to: String,
    /// The text.
    pub text: String,
    /// When it was handed over.
    pub at: Timestamp,
}

/// Something that delivers messages.
pub trait Notifier: Send + Sync + std::fmt::Debug {
    /// Hands a message over for delivery.
    fn send(&self, message: &Message) -> std::io::Result<()>;
}

/// Appends each message as a JSON line to a file.
#[derive(Debug)]
pub struct OutboxNotifier {
    path: PathBuf,
    lock: Mutex<()>,
}

impl OutboxNotifier {
    /// Writes to `path` (its folder is created when needed).
    pub fn new(path: PathBuf) -> Self {
        OutboxNotifier {
            path,
            lock: Mutex::new(()),
        }
    }
}

impl Notifier for OutboxNotifier {
    fn send(&self, message: &Message) -> std::io::Result<()> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        let line = serde_json::to_string(message).map_err(std::io::Error::other)?;
        writeln!(file, "{line}")
    }
}
