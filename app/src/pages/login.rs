//! Staff sign-in. Shown in place of any page that needs a session, so that after signing
//! in the person is where they were going.

use leptos::{ev, prelude::*};
use model::LoginRequest;

use crate::{
    api,
    components::{
        error_notice::ErrorNotice, submit_button::SubmitButton, submit_form, text_field::TextField,
    },
    i18n::{Key, use_i18n},
    router::{Route, use_router},
    state::use_session,
};

/// The sign-in form.
#[component]
pub fn Login() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let router = use_router();
    Effect::new(move |_| document().set_title(&format!("{} – Duk", i18n.t(Key::login_title))));
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let req = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        let lang = i18n.lang_untracked();
        submit_form(
            i18n,
            pending,
            error,
            async move { api::login(&req, lang).await },
            move |me| {
                password.try_set(String::new());
                session.me.set(Some(me));
                if router.route_untracked() == Route::Login {
                    router.navigate(Route::Boards);
                }
            },
        );
    };
    view! {
        <div class="page narrow">
            <h1>{i18n.tr(Key::login_title)}</h1>
            <p>{i18n.tr(Key::login_intro)}</p>
            <form class="stack-form" on:submit=submit>
                <TextField label=Key::login_email value=email kind="email" autocomplete="username" />
                <TextField
                    label=Key::login_password
                    value=password
                    kind="password"
                    autocomplete="current-password"
                />
                <ErrorNotice message=error />
                <SubmitButton label=Key::login_submit busy=Key::login_busy pending=pending />
            </form>
            <p class="hint">{i18n.tr(Key::login_citizen_hint)}</p>
        </div>
    }
}
