use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// Builds an id from 16 random bytes (a version 4 UUID). The caller supplies the
            /// randomness: the OS on the server, `crypto.getRandomValues` in the browser.
            pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
                Self(uuid::Builder::from_random_bytes(bytes).into_uuid())
            }

            /// Parses the hyphenated form, as found in URLs.
            pub fn parse(s: &str) -> Option<Self> {
                Uuid::try_parse(s).ok().map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }
    };
}

uuid_id!(
    /// Identifies a board.
    BoardId
);
uuid_id!(
    /// Identifies a card. Chosen by the client that creates it, so an optimistic card keeps
    /// its id when the server accepts it.
    CardId
);
uuid_id!(
    /// Identifies a team member on a board. Chosen by the client that adds the member.
    MemberId
);
uuid_id!(
    /// Identifies an account: a member of staff, a citizen or a støtteperson.
    AccountId
);
uuid_id!(
    /// Identifies an invitation.
    InvitationId
);
uuid_id!(
    /// Identifies a meeting on a board. Chosen by the client that plans it.
    MeetingId
);
uuid_id!(
    /// Identifies a "Ring meg" request.
    CallbackId
);
uuid_id!(
    /// Chosen by the client for each operation it sends, so that a resend after a lost
    /// answer is recognised and applied only once.
    ClientOpId
);

/// Identifies a row, column or side zone of a board's template: a short lowercase slug
/// such as `okonomi` or `kort-sikt`. Built-in slots are translated by the app; custom slots
/// carry their own label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SlotId(String);

impl SlotId {
    /// Longest slot id.
    pub const MAX: usize = 40;

    /// Accepts 1–40 characters of `a-z`, `0-9` and `-`.
    pub fn parse(s: &str) -> Option<Self> {
        let ok = !s.is_empty()
            && s.len() <= Self::MAX
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        ok.then(|| Self(s.to_owned()))
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For the built-in template, whose slugs are known to be valid.
    pub(crate) fn known(s: &'static str) -> Self {
        debug_assert!(Self::parse(s).is_some(), "invalid built-in slot id {s}");
        Self(s.to_owned())
    }
}

impl fmt::Display for SlotId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
