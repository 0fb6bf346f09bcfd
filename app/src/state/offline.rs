//! What the app keeps in this browser so that a citizen's plan opens without a network:
//! who was signed in, and for each of her boards the last first screen and the last whole
//! plan ("Min plan") she was shown, with when they were fetched. It belongs to one account: kept under that account's id, forgotten as soon
//! as nobody is signed in (signing out, a session that ends), and all of it forgotten
//! when another account signs in on the same browser (a shared phone).
//!
//! The service worker (`app/sw.js`) keeps only the app itself, never an API answer.

use model::{AccountId, BoardId, Me, Timestamp};
use serde::{Deserialize, de::DeserializeOwned};

const ME: &str = "duk.me";
const PLAN: &str = "duk.plan.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// A plan as it was last fetched: her first screen ([`model::CitizenOverview`]) or the
/// whole plan ([`model::CitizenView`]).
#[derive(Deserialize)]
pub struct KeptPlan<T> {
    /// When it was fetched.
    pub fetched_at: Timestamp,
    /// What the server said.
    pub view: T,
}

/// Which of a board's answers is kept.
#[derive(Debug, Clone, Copy)]
pub enum Kept {
    /// Her first screen.
    Overview,
    /// The whole plan, for "Min plan" and "Ring meg".
    Whole,
}

/// Remembers who is signed in; another account's kept data is forgotten first.
pub fn remember_me(me: &Me) {
    if remembered_me().is_some_and(|kept| kept.id != me.id) {
        forget_all();
    }
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(me)) {
        let _ = s.set_item(ME, &json);
    }
}

/// Who was signed in when the network was last there.
pub fn remembered_me() -> Option<Me> {
    let json = storage()?.get_item(ME).ok()??;
    serde_json::from_str(&json).ok()
}

/// Forgets everything kept: the account and every plan.
pub fn forget_all() {
    let Some(s) = storage() else { return };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k == ME || k.starts_with(PLAN))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

fn plan_key(account: AccountId, board: BoardId, kept: Kept) -> String {
    match kept {
        Kept::Overview => format!("{PLAN}{account}.{board}"),
        Kept::Whole => format!("{PLAN}{account}.{board}.all"),
    }
}

/// Keeps what the citizen was just shown: `view` is the server's answer as it came (JSON),
/// kept as [`KeptPlan`] without decoding and encoding it again.
pub fn keep_plan(
    account: AccountId,
    board: BoardId,
    kept: Kept,
    view: &str,
    fetched_at: Timestamp,
) {
    let Ok(fetched_at) = serde_json::to_string(&fetched_at) else {
        return;
    };
    if let Some(s) = storage() {
        // A full storage only costs the offline copy.
        let json = format!(r#"{{"fetched_at":{fetched_at},"view":{view}}}"#);
        let _ = s.set_item(&plan_key(account, board, kept), &json);
    }
}

/// What is kept for this account and board, if anything.
pub fn kept_plan<T: DeserializeOwned>(
    account: AccountId,
    board: BoardId,
    kept: Kept,
) -> Option<KeptPlan<T>> {
    let json = storage()?
        .get_item(&plan_key(account, board, kept))
        .ok()??;
    serde_json::from_str(&json).ok()
}

/// The boards this account has a kept first screen for.
pub fn kept_boards(account: AccountId) -> Vec<BoardId> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    let prefix = format!("{PLAN}{account}.");
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(&prefix).and_then(BoardId::parse))
        .collect()
}
