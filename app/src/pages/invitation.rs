//! `/invitasjon#<secret>`: a citizen (or støtteperson) opens the link from the SMS on their
//! phone and types the code their contact person gave them. Plain words, one thing at a
//! time, big targets.

use leptos::{ev, prelude::*};
use model::{GuestRole, RedeemInvitation};

use crate::{
    api,
    components::{
        error_notice::{ErrorNotice, error_text},
        submit_button::SubmitButton,
        submit_form,
    },
    format,
    i18n::{Key, use_i18n},
    router::{CitizenTab, Route, use_router},
    state::use_session,
};

/// The secret from the address's fragment (never sent to the server in the URL).
fn token_from_location() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.trim_start_matches('#').to_owned()
}

/// The invitation page.
#[component]
pub fn Invitation() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let router = use_router();
    Effect::new(move |_| document().set_title(&format!("{} – Duk", i18n.t(Key::invite_title))));
    let token = StoredValue::new(token_from_location());
    // The secret has done its job in the address bar; keep it out of the history.
    if let Ok(history) = window().history() {
        let _ =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/invitasjon"));
    }
    let info = LocalResource::new(move || {
        let lang = i18n.lang_untracked();
        async move { api::invitation_info(&token.get_value(), lang).await }
    });
    let code = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let req = RedeemInvitation {
            token: token.get_value(),
            code: code.get_untracked(),
        };
        let lang = i18n.lang_untracked();
        submit_form(
            i18n,
            pending,
            error,
            // The button stays busy until the session knows her: her plan opens signed in.
            async move {
                let done = api::redeem(&req, lang).await?;
                session.reload().await;
                Ok(done)
            },
            move |done| {
                router.navigate(Route::Citizen(Some(done.board_id), CitizenTab::Overview));
            },
        );
    };
    view! {
        <div class="page narrow invitation">
            <h1>{i18n.tr(Key::invite_title)}</h1>
            <Suspense fallback=move || view! { <p aria-busy="true">{i18n.tr(Key::invite_loading)}</p> }>
                {move || {
                    info.get()
                        .map(|result| match result {
                            Ok(info) => {
                                let intro = match info.role {
                                    GuestRole::Citizen => Key::invite_intro_citizen,
                                    GuestRole::Support => Key::invite_intro_support,
                                };
                                let by = info.invited_by.clone();
                                let until = info.expires_at;
                                view! {
                                    <p class="invite-intro">
                                        {move || i18n.fill(intro, &[("name", &by)])}
                                    </p>
                                    <form class="stack-form" on:submit=submit>
                                        <label class="field code-field">
                                            <span class="field-label">{i18n.tr(Key::invite_code_label)}</span>
                                            <span class="hint">{i18n.tr(Key::invite_code_hint)}</span>
                                            <input
                                                type="text"
                                                inputmode="numeric"
                                                autocomplete="one-time-code"
                                                prop:value=move || code.get()
                                                on:input=move |ev| code.set(event_target_value(&ev))
                                            />
                                        </label>
                                        <ErrorNotice message=error />
                                        <SubmitButton label=Key::invite_submit busy=Key::invite_busy pending=pending />
                                    </form>
                                    <p class="hint">
                                        {move || i18n.fill(Key::invite_valid_until, &[("when", &format::date_time(until, i18n.lang()))])}
                                    </p>
                                }
                                    .into_any()
                            }
                            Err(e) => {
                                let message = error_text(i18n, &e);
                                view! { <ErrorNotice message=Some(message) /> }.into_any()
                            }
                        })
                }}
            </Suspense>
        </div>
    }
}
