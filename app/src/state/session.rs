//! Who is signed in, for the whole app.

use leptos::{prelude::*, task::spawn_local};
use model::{AccountKind, Me, StaffRole};

use crate::{
    api::{self, ApiError},
    state::offline,
};

/// The signed-in account (if any), shared through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// The account; `None` when nobody is signed in.
    pub me: RwSignal<Option<Me>>,
    /// Whether the first check with the server has answered.
    pub checked: RwSignal<bool>,
    /// The server could not be reached, and `me` is who was signed in when it last could
    /// (so the citizen's kept plan can be shown).
    pub offline: RwSignal<bool>,
}

impl Session {
    /// Asks the server who is signed in, provides the session, and listens for the server
    /// saying the session has ended.
    pub fn provide() -> Self {
        let session = Session {
            me: RwSignal::new(None),
            checked: RwSignal::new(false),
            offline: RwSignal::new(false),
        };
        provide_context(session);
        api::on_signed_out(move || session.me.set(None));
        // What this browser keeps belongs to whoever is signed in, and to nobody else.
        Effect::new(move |_| {
            if !session.checked.get() {
                return;
            }
            session.me.with(|me| match me {
                Some(me) if !session.offline.get_untracked() => offline::remember_me(me),
                Some(_) => {}
                None => offline::forget_all(),
            });
        });
        session.refresh();
        // Back online: ask the server again.
        let on_online = wasm_bindgen::prelude::Closure::<dyn Fn()>::new(move || {
            if session.offline.get_untracked() {
                session.refresh();
            }
        });
        let _ = window().add_event_listener_with_callback(
            "online",
            wasm_bindgen::JsCast::unchecked_ref(on_online.as_ref()),
        );
        // The listener lives as long as the page.
        on_online.forget();
        session
    }

    /// Asks the server again (when the network is back).
    pub fn refresh(&self) {
        let session = *self;
        spawn_local(async move { session.reload().await });
    }

    /// Asks the server who is signed in, and resolves once the answer is in `me`: a page
    /// that has just signed someone in (an invitation used) waits for it, so that the page
    /// it opens next never shows them signed out meanwhile.
    pub async fn reload(&self) {
        let (me, offline) = match api::me(model::Lang::Nb).await {
            Ok(me) => (Some(me), false),
            // The server says nobody is signed in.
            Err(ApiError::Server { status: 401, .. }) => (None, false),
            // No network (or no server): who was signed in when there was one, if anyone.
            Err(_) => match offline::remembered_me() {
                Some(me) => (Some(me), true),
                None => (None, false),
            },
        };
        self.offline.set(offline);
        self.me.set(me);
        // Set once: a page that reads only whether the session is known is not redrawn.
        if !self.checked.get_untracked() {
            self.checked.set(true);
        }
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
