//! `/konto`: who is signed in, a new password, and signing out.

use leptos::{ev, prelude::*};
use model::ChangePassword;

use crate::{
    api,
    components::{
        error_notice::ErrorNotice, submit_button::SubmitButton, submit_form, text_field::TextField,
    },
    i18n::{Key, use_i18n},
    state::use_session,
};

/// The account page; also shown in place of everything while a temporary password must
/// be changed.
#[component]
pub fn Account() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    Effect::new(move |_| document().set_title(&format!("{} – Duk", i18n.t(Key::account_title))));
    let must_change = move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.must_change_password))
    };
    view! {
        <div class="page narrow">
            <h1>{i18n.tr(Key::account_title)}</h1>
            {move || {
                session
                    .me
                    .get()
                    .map(|me| {
                        let line = |key: Key, value: Option<String>| {
                            value.map(|v| view! {
                                <div>
                                    <dt>{i18n.tr(key)}</dt>
                                    <dd>{v}</dd>
                                </div>
                            })
                        };
                        view! {
                            <dl class="board-facts">
                                {line(Key::admin_name, Some(me.name.clone()))}
                                {line(Key::admin_email, me.email.clone())}
                                {line(Key::admin_office, me.office.clone())}
                            </dl>
                        }
                    })
            }}
            <Show when=must_change>
                <p class="notice" role="status">{i18n.tr(Key::account_must_change)}</p>
            </Show>
            <Show when=move || session.is_staff()>
                <PasswordForm />
            </Show>
        </div>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let req = ChangePassword {
            current: current.get_untracked(),
            new: new.get_untracked(),
        };
        let lang = i18n.lang_untracked();
        let request = async move { api::change_password(&req, lang).await };
        submit_form(i18n, pending, error, request, move |me| {
            current.try_set(String::new());
            new.try_set(String::new());
            done.try_set(true);
            session.me.set(Some(me));
        });
    };
    view! {
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">{i18n.tr(Key::account_password_heading)}</h2>
            <form class="stack-form" on:submit=submit>
                <TextField
                    label=Key::account_current_password
                    value=current
                    kind="password"
                    autocomplete="current-password"
                />
                <TextField
                    label=Key::account_new_password
                    value=new
                    kind="password"
                    autocomplete="new-password"
                />
                <p class="hint">{i18n.tr(Key::account_password_rule)}</p>
                <ErrorNotice message=error />
                <Show when=move || done.get()>
                    <p class="notice" role="status">{i18n.tr(Key::account_password_changed)}</p>
                </Show>
                <SubmitButton label=Key::account_password_submit busy=Key::account_password_busy pending=pending />
            </form>
        </section>
    }
}
