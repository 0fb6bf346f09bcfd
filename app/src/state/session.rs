//! Who is signed in, for the whole app.

use leptos::{prelude::*, task::spawn_local};
use model::{AccountKind, Me, StaffRole};

use crate::api;

/// The signed-in account (if any), shared through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// The account; `None` when nobody is signed in.
    pub me: RwSignal<Option<Me>>,
    /// Whether the first check with the server has answered.
    pub checked: RwSignal<bool>,
}

impl Session {
    /// Asks the server who is signed in, provides the session, and listens for the server
    /// saying the session has ended.
    pub fn provide() -> Self {
        let session = Session {
            me: RwSignal::new(None),
            checked: RwSignal::new(false),
        };
        provide_context(session);
        api::on_signed_out(move || session.me.set(None));
        session.refresh();
        session
    }

    /// Asks the server again (after an invitation is used, say).
    pub fn refresh(&self) {
        let session = *self;
        spawn_local(async move {
            let me = api::me(model::Lang::Nb).await.ok();
            session.me.set(me);
            session.checked.set(true);
        });
    }

    /// Whether the signed-in account is staff (tracked).
    pub fn is_staff(&self) -> bool {
        self.me
            .with(|m| m.as_ref().is_some_and(|m| m.kind == AccountKind::Staff))
    }

    /// Whether the signed-in account is an administrator (tracked).
    pub fn is_admin(&self) -> bool {
        self.me.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.staff_role == Some(StaffRole::Admin))
        })
    }
}

/// The session provided by [`Session::provide`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}
