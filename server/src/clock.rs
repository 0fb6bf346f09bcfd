//! The server's clock, as the model counts time.

use std::time::{SystemTime, UNIX_EPOCH};

use model::Timestamp;

/// The current time, as the model counts it.
pub fn now() -> Timestamp {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    Timestamp(i64::try_from(ms).unwrap_or(i64::MAX))
}
