//! "Tilgang": who can open the plan, inviting the citizen or a støtteperson (with the code
//! to give by phone), ending access, the consent, and "Hvem har sett planen".

use leptos::{ev, prelude::*};
use model::{
    Action, BoardAccessList, BoardRole, ConsentFields, GuestRole, InvitationCreated, IsoDate,
    NewInvitation, Operation, Patch,
};

use crate::{
    api,
    components::{
        error_notice::{ErrorNotice, error_text},
        submit_form,
        text_field::TextField,
    },
    format,
    i18n::{Key, use_i18n},
    labels::role_name,
    state::{BoardStore, BoardUi},
};

/// Who has access, in the panel of its toolbar button; only for roles that may see it.
#[component]
pub fn AccessPanel(
    /// The board whose access is listed, and to which people are invited or lose access.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    let version = RwSignal::new(0u32);
    // Asked for when the panel opens, and again after each change made here.
    let list = LocalResource::new(move || {
        version.track();
        let lang = i18n.lang_untracked();
        let id = store.id();
        async move { api::access(id, lang).await }
    });
    let error = RwSignal::new(None::<String>);
    let reload = move || version.update(|v| *v += 1);
    let revoke = move |account| {
        let lang = i18n.lang_untracked();
        let id = store.id();
        leptos::task::spawn_local(async move {
            match api::revoke(id, account, lang).await {
                Ok(()) => {
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(error_text(i18n, &e)));
                }
            }
            let _ = version.try_update(|v| *v += 1);
        });
    };
    let withdraw = move |invitation| {
        let lang = i18n.lang_untracked();
        let id = store.id();
        leptos::task::spawn_local(async move {
            match api::withdraw(id, invitation, lang).await {
                Ok(()) => {
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(error_text(i18n, &e)));
                }
            }
            reload();
        });
    };
    let show = move |access: BoardAccessList| {
        let me = access.my_role;
        let may_revoke = move |r: BoardRole| match r {
            BoardRole::Citizen => me.may(Action::RevokeCitizen, false),
            BoardRole::Support => me.may(Action::RevokeSupport, false),
            // Team access follows the team: it ends by removing the member.
            BoardRole::Owner | BoardRole::Member => false,
        };
        view! {
            <ul class="team-list">
                {access
                    .people
                    .into_iter()
                    .map(|p| {
                        let name = p.name.clone();
                        let account = p.account_id;
                        view! {
                            <li class="team-member">
                                <span class="team-name">{p.name.clone()}</span>
                                <span class="team-info">{move || role_name(i18n, p.role)}</span>
                                <Show when=move || may_revoke(p.role)>
                                    <button
                                        type="button"
                                        class="button button-quiet"
                                        aria-label=i18n.fill(Key::access_revoke_label, &[("name", &name)])
                                        on:click=move |_| revoke(account)
                                    >
                                        {i18n.tr(Key::access_revoke)}
                                    </button>
                                </Show>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(!access.invitations.is_empty())
                .then(|| {
                    view! {
                        <h2 class="panel-subheading">{i18n.tr(Key::access_pending)}</h2>
                        <ul class="team-list">
                            {access
                                .invitations
                                .into_iter()
                                .map(|inv| {
                                    let (id, until, name) = (inv.id, inv.expires_at, inv.name.clone());
                                    view! {
                                        <li class="team-member">
                                            <span class="team-name">{inv.name.clone()}</span>
                                            <span class="team-info">
                                                {move || i18n.fill(Key::access_pending_until, &[("when", &format::date_time(until, i18n.lang()))])}
                                            </span>
                                            <button
                                                type="button"
                                                class="button button-quiet"
                                                aria-label=i18n.fill(Key::access_withdraw_label, &[("name", &name)])
                                                on:click=move |_| withdraw(id)
                                            >
                                                {i18n.tr(Key::access_withdraw)}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        }
    };
    view! {
        <div class="access-panel">
            <ErrorNotice message=error />
            <Suspense>
                {move || {
                    list.get()
                        .map(|r| match r {
                            Ok(access) => show(access).into_any(),
                            Err(e) => {
                                let message = error_text(i18n, &e);
                                view! { <ErrorNotice message=Some(message) /> }.into_any()
                            }
                        })
                }}
            </Suspense>
            <Show when=move || ui.offers(Action::InviteCitizen, store)>
                <InviteForm store=store guest=GuestRole::Citizen on_done=Callback::new(move |()| reload()) />
            </Show>
            <Show when=move || ui.offers(Action::EditHeader, store)>
                <CitizenMayAdd store=store />
            </Show>
            <Show when=move || ui.offers(Action::RecordConsent, store)>
                <ConsentForm store=store />
            </Show>
            <Show when=move || ui.offers(Action::InviteSupport, store)>
                <InviteForm store=store guest=GuestRole::Support on_done=Callback::new(move |()| reload()) />
            </Show>
            <Show when=move || ui.offers(Action::ReadViews, store)>
                <Views store=store />
            </Show>
        </div>
    }
}

#[component]
fn InviteForm(store: BoardStore, guest: GuestRole, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let initial = if guest == GuestRole::Citizen {
        store.header.with_untracked(|h| h.citizen_name.clone())
    } else {
        String::new()
    };
    let name = RwSignal::new(initial);
    let phone = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<InvitationCreated>);
    let pending = RwSignal::new(false);
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let req = NewInvitation {
            role: guest,
            name: name.get_untracked(),
            phone: Some(phone.get_untracked()).filter(|p| !p.trim().is_empty()),
        };
        let lang = i18n.lang_untracked();
        let id = store.id();
        let request = async move { api::invite(id, &req, lang).await };
        submit_form(i18n, pending, error, request, move |inv| {
            created.try_set(Some(inv));
            on_done.run(());
        });
    };
    let heading = if guest == GuestRole::Citizen {
        Key::access_invite_citizen
    } else {
        Key::access_invite_support
    };
    view! {
        <form class="invite-form" on:submit=submit>
            <h2 class="panel-subheading">{i18n.tr(heading)}</h2>
            <div class="field-row">
                <TextField label=Key::team_name value=name autocomplete="off" />
                <TextField label=Key::access_phone value=phone kind="tel" autocomplete="off" />
            </div>
            <ErrorNotice message=error />
            <button type="submit" class="button button-primary" disabled=move || pending.get()>
                {i18n.tr(Key::access_invite_submit)}
            </button>
            {move || {
                created
                    .get()
                    .map(|inv| {
                        let origin = window().location().origin().unwrap_or_default();
                        let link = format!("{origin}{}", inv.link);
                        let sent = inv.sent_to.clone();
                        view! {
                            <div class="invite-result" role="status">
                                <p>{i18n.tr(Key::access_code_intro)}</p>
                                <p class="invite-code" data-testid="invite-code">{inv.code.clone()}</p>
                                <p>
                                    {move || match &sent {
                                        Some(to) => i18n.fill(Key::access_link_sent, &[("phone", to)]),
                                        None => i18n.t(Key::access_link_give).to_string(),
                                    }}
                                </p>
                                <p class="invite-link">
                                    <a href=link.clone() data-testid="invite-link">{link.clone()}</a>
                                </p>
                            </div>
                        }
                    })
            }}
        </form>
    }
}

#[component]
fn CitizenMayAdd(store: BoardStore) -> impl IntoView {
    let i18n = use_i18n();
    let allowed = move || store.header.with(|h| h.citizen_may_add);
    let toggle = move |ev: ev::Event| {
        let op = Operation::SetHeader {
            title: None,
            citizen_name: None,
            short_term_by: Patch::Keep,
            long_term_by: Patch::Keep,
            stage: Patch::Keep,
            citizen_may_add: Some(event_target_checked(&ev)),
        };
        if let Err(m) = store.apply(op, i18n.lang_untracked()) {
            store.notice.set(Some(crate::state::Notice::Refused(m)));
        }
    };
    view! {
        <label class="toggle">
            <input type="checkbox" prop:checked=allowed on:change=toggle />
            <span>{i18n.tr(Key::access_citizen_may_add)}</span>
        </label>
    }
}

#[component]
fn ConsentForm(store: BoardStore) -> impl IntoView {
    let i18n = use_i18n();
    let services = store.members.with_untracked(|ms| {
        let mut out: Vec<String> = Vec::new();
        for s in ms
            .iter()
            .filter(|m| !m.removed)
            .filter_map(|m| m.service.as_ref())
        {
            if !out.iter().any(|o| o == s.as_str()) {
                out.push(s.to_string());
            }
        }
        out.join(", ")
    });
    let date = RwSignal::new(format::today().to_string());
    let services = RwSignal::new(services);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let Some(date) = IsoDate::parse(&date.get_untracked()) else {
            error.set(Some(i18n.t(Key::access_consent_date_missing).into()));
            return;
        };
        let op = Operation::SetConsent {
            consent: Some(ConsentFields {
                date,
                services: services
                    .get_untracked()
                    .split(',')
                    .map(|s| s.trim().to_owned())
                    .collect(),
            }),
        };
        match store.apply(op, i18n.lang_untracked()) {
            Ok(()) => error.set(None),
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <form class="consent-form" on:submit=submit>
            <h2 class="panel-subheading">{i18n.tr(Key::access_consent_heading)}</h2>
            <div class="field-row">
                <TextField label=Key::access_consent_date value=date kind="date" />
                <TextField label=Key::access_consent_services value=services autocomplete="off" />
            </div>
            <ErrorNotice message=error />
            <button type="submit" class="button button-primary">{i18n.tr(Key::access_consent_save)}</button>
        </form>
    }
}

#[component]
fn Views(store: BoardStore) -> impl IntoView {
    let i18n = use_i18n();
    let load = RwSignal::new(false);
    let views = LocalResource::new(move || {
        let go = load.get();
        let lang = i18n.lang_untracked();
        let id = store.id();
        async move {
            if go {
                Some(api::views(id, lang).await)
            } else {
                None
            }
        }
    });
    view! {
        <section class="views" aria-labelledby="views-heading">
            <h2 class="panel-subheading" id="views-heading">{i18n.tr(Key::views_heading)}</h2>
            <Show
                when=move || load.get()
                fallback=move || {
                    view! {
                        <button type="button" class="button" on:click=move |_| load.set(true)>
                            {i18n.tr(Key::views_show)}
                        </button>
                    }
                }
            >
                <Suspense>
                    {move || {
                        views
                            .get()
                            .flatten()
                            .map(|r| match r {
                                Ok(list) if list.is_empty() => view! { <p>{i18n.tr(Key::views_none)}</p> }.into_any(),
                                Ok(list) => {
                                    view! {
                                        <ul class="views-list">
                                            {list
                                                .into_iter()
                                                .map(|v| {
                                                    view! {
                                                        <li>
                                                            {move || {
                                                                let who = match &v.office {
                                                                    Some(o) => i18n.fill(Key::views_who, &[("name", &v.name), ("office", o)]),
                                                                    None => v.name.clone(),
                                                                };
                                                                i18n.fill(
                                                                    Key::views_line,
                                                                    &[
                                                                        ("who", &who),
                                                                        ("role", role_name(i18n, v.role)),
                                                                        ("when", &format::date_time(v.at, i18n.lang())),
                                                                    ],
                                                                )
                                                            }}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
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
            </Show>
        </section>
    }
}
