//! Ids made in the browser, from the browser's cryptographic random source.

use model::{CardId, ClientOpId, MeetingId, MemberId};

fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    match crypto {
        Some(c) if c.get_random_values_with_u8_array(&mut bytes).is_ok() => bytes,
        // Every browser Duk supports has crypto.getRandomValues; this keeps ids unique
        // enough for a single session if one somehow does not.
        _ => {
            for b in &mut bytes {
                *b = (js_sys::Math::random() * 256.0) as u8;
            }
            bytes
        }
    }
}

/// A new card id.
pub fn card_id() -> CardId {
    CardId::from_random_bytes(random_bytes())
}

/// A new operation id.
pub fn client_op_id() -> ClientOpId {
    ClientOpId::from_random_bytes(random_bytes())
}

/// A new team member id.
pub fn member_id() -> MemberId {
    MemberId::from_random_bytes(random_bytes())
}

/// A new meeting id.
pub fn meeting_id() -> MeetingId {
    MeetingId::from_random_bytes(random_bytes())
}

/// Eight random lowercase letters and digits, for the id of a row the team adds.
pub fn short_slug() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    random_bytes()[..8]
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}
