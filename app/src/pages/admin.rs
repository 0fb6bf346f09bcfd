//! Administration: staff accounts (`/admin`) and the audit log (`/admin/logg`).

use leptos::{ev, prelude::*};
use model::{AccountChange, AuditAction, NewStaffAccount, StaffAccount, StaffRole};

use crate::{
    api,
    components::{
        error_notice::{ErrorNotice, error_text},
        scroll_box::ScrollBox,
        submit_button::SubmitButton,
        submit_form,
        text_field::TextField,
    },
    format,
    i18n::{I18n, Key, use_i18n},
    router::{Link, Route},
    state::use_session,
};

#[component]
fn AdminNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="admin-nav" aria-label=i18n.tr(Key::admin_title)>
            <Link to=Route::AdminAccounts>{i18n.tr(Key::admin_accounts)}</Link>
            <Link to=Route::AdminAudit>{i18n.tr(Key::admin_audit)}</Link>
        </nav>
    }
}

/// Only administrators; the server refuses the rest anyway.
#[component]
fn AdminOnly(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Show
            when=move || session.is_admin()
            fallback=move || view! { <p>{i18n.tr(Key::admin_only)}</p> }
        >
            {children()}
        </Show>
    }
}

/// A change to an account, answering with the (name, one-time password) to show, if any.
type AccountAction = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Option<(String, String)>, api::ApiError>>>,
>;

fn role_name(i18n: I18n, role: StaffRole) -> &'static str {
    i18n.t(match role {
        StaffRole::Admin => Key::admin_role_admin,
        StaffRole::Caseworker => Key::admin_role_caseworker,
    })
}

/// `/admin`: every staff account, and a form for a new one.
#[component]
pub fn AdminAccounts() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| document().set_title(&format!("{} – Duk", i18n.t(Key::admin_accounts))));
    let accounts = LocalResource::new(move || {
        let lang = i18n.lang_untracked();
        async move { api::accounts(lang).await }
    });
    let issued = RwSignal::new(None::<(String, String)>);
    let error = RwSignal::new(None::<String>);
    // Disabling or resetting: a row's buttons share one pending flag and error line.
    let busy = RwSignal::new(false);
    let act = move |fut: AccountAction| {
        submit_form(i18n, busy, error, fut, move |shown| {
            if shown.is_some() {
                issued.try_set(shown);
            }
            accounts.refetch();
        });
    };
    let row = move |a: StaffAccount| {
        let (id, disabled, name) = (a.id, a.disabled, a.name.clone());
        let toggle = move |_| {
            let lang = i18n.lang_untracked();
            act(Box::pin(async move {
                let change = AccountChange {
                    disabled: Some(!disabled),
                    role: None,
                };
                api::change_account(id, &change, lang).await.map(|_| None)
            }));
        };
        let reset = {
            let name = name.clone();
            move |_| {
                let lang = i18n.lang_untracked();
                let name = name.clone();
                act(Box::pin(async move {
                    api::reset_password(id, lang)
                        .await
                        .map(|p| Some((name, p.temporary_password)))
                }));
            }
        };
        view! {
            <tr>
                <td>{a.name.clone()}</td>
                <td>{a.email.clone()}</td>
                <td>{a.office.clone().unwrap_or_default()}</td>
                <td>{move || role_name(i18n, a.role)}</td>
                <td>
                    {move || i18n.t(if disabled { Key::admin_disabled } else { Key::admin_active })}
                </td>
                <td class="actions">
                    <button
                        type="button"
                        class="button button-quiet"
                        aria-label={
                            let key = if disabled { Key::admin_enable_label } else { Key::admin_disable_label };
                            let name = name.clone();
                            move || i18n.fill(key, &[("name", &name)])
                        }
                        on:click=toggle
                    >
                        {move || i18n.t(if disabled { Key::admin_enable } else { Key::admin_disable })}
                    </button>
                    <button
                        type="button"
                        class="button button-quiet"
                        aria-label={
                            let name = a.name.clone();
                            move || i18n.fill(Key::admin_reset_label, &[("name", &name)])
                        }
                        on:click=reset
                    >
                        {i18n.tr(Key::admin_reset_password)}
                    </button>
                </td>
            </tr>
        }
    };
    view! {
        <div class="page">
            <h1>{i18n.tr(Key::admin_accounts)}</h1>
            <AdminNav />
            <AdminOnly>
                <ErrorNotice message=error />
                {move || {
                    issued
                        .get()
                        .map(|(name, password)| {
                            view! {
                                <p class="notice" role="status">
                                    {move || i18n.fill(Key::admin_issued, &[("name", &name)])}
                                    " "
                                    <strong class="one-time-secret">{password.clone()}</strong>
                                </p>
                            }
                        })
                }}
                <ScrollBox label=i18n.tr(Key::admin_accounts)>
                    <table class="data-table">
                        <caption class="visually-hidden">{i18n.tr(Key::admin_accounts)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{i18n.tr(Key::admin_name)}</th>
                                <th scope="col">{i18n.tr(Key::admin_email)}</th>
                                <th scope="col">{i18n.tr(Key::admin_office)}</th>
                                <th scope="col">{i18n.tr(Key::admin_role)}</th>
                                <th scope="col">{i18n.tr(Key::admin_status)}</th>
                                <th scope="col">{i18n.tr(Key::admin_actions)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <Suspense>
                                {move || {
                                    accounts
                                        .get()
                                        .map(|r| r.map(|list| list.into_iter().map(row).collect_view()).ok())
                                }}
                            </Suspense>
                        </tbody>
                    </table>
                </ScrollBox>
                <NewAccountForm on_created=Callback::new(move |shown| {
                    issued.set(Some(shown));
                    accounts.refetch();
                }) />
            </AdminOnly>
        </div>
    }
}

#[component]
fn NewAccountForm(on_created: Callback<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let office = RwSignal::new(String::new());
    let admin = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let optional = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let req = NewStaffAccount {
            name: name.get_untracked(),
            email: email.get_untracked(),
            phone: optional(phone),
            office: optional(office),
            role: if admin.get_untracked() {
                StaffRole::Admin
            } else {
                StaffRole::Caseworker
            },
        };
        let lang = i18n.lang_untracked();
        let request = async move { api::create_account(&req, lang).await };
        submit_form(i18n, pending, error, request, move |issued| {
            for s in [name, email, phone, office] {
                s.try_set(String::new());
            }
            on_created.run((issued.account.name, issued.temporary_password));
        });
    };
    view! {
        <section aria-labelledby="new-account-heading">
            <h2 id="new-account-heading">{i18n.tr(Key::admin_new_account)}</h2>
            <form class="stack-form" on:submit=submit>
                <TextField label=Key::admin_name value=name autocomplete="off" />
                <TextField label=Key::admin_email value=email kind="email" autocomplete="off" />
                <TextField label=Key::admin_phone value=phone kind="tel" autocomplete="off" />
                <TextField label=Key::admin_office value=office autocomplete="off" />
                <label class="toggle">
                    <input
                        type="checkbox"
                        prop:checked=move || admin.get()
                        on:change=move |ev| admin.set(event_target_checked(&ev))
                    />
                    <span>{i18n.tr(Key::admin_make_admin)}</span>
                </label>
                <ErrorNotice message=error />
                <SubmitButton label=Key::admin_create busy=Key::admin_creating pending=pending />
            </form>
        </section>
    }
}

/// The role an audit line names: a board role, or the account's kind outside boards.
fn actor_role_name(i18n: I18n, role: &str) -> &'static str {
    match model::BoardRole::parse(role) {
        Some(r) => crate::labels::role_name(i18n, r),
        None => i18n.t(match role {
            "admin" => Key::admin_role_admin,
            "staff" => Key::audit_role_staff,
            _ => Key::audit_role_anonymous,
        }),
    }
}

fn action_name(i18n: I18n, a: AuditAction) -> &'static str {
    i18n.t(match a {
        AuditAction::ListBoards => Key::audit_list_boards,
        AuditAction::CreateBoard => Key::audit_create_board,
        AuditAction::OpenBoard => Key::audit_open_board,
        AuditAction::OpenLive => Key::audit_open_live,
        AuditAction::ChangeBoard => Key::audit_change_board,
        AuditAction::ReadAccess => Key::audit_read_access,
        AuditAction::ReadViews => Key::audit_read_views,
        AuditAction::Invite => Key::audit_invite,
        AuditAction::WithdrawInvitation => Key::audit_withdraw_invitation,
        AuditAction::RedeemInvitation => Key::audit_redeem_invitation,
        AuditAction::RevokeAccess => Key::audit_revoke_access,
        AuditAction::SignIn => Key::audit_sign_in,
        AuditAction::SignInFailed => Key::audit_sign_in_failed,
        AuditAction::SignOut => Key::audit_sign_out,
        AuditAction::ChangePassword => Key::audit_change_password,
        AuditAction::CreateAccount => Key::audit_create_account,
        AuditAction::ChangeAccount => Key::audit_change_account,
        AuditAction::SearchAudit => Key::audit_search_audit,
        AuditAction::ChangeProfile => Key::audit_change_profile,
        AuditAction::RequestCallback => Key::audit_request_callback,
        AuditAction::ReadCallbacks => Key::audit_read_callbacks,
        AuditAction::UpdateCallback => Key::audit_update_callback,
        AuditAction::ReadCalendar => Key::audit_read_calendar,
        AuditAction::CreateCalendarFeed => Key::audit_create_calendar_feed,
        AuditAction::RevokeCalendarFeed => Key::audit_revoke_calendar_feed,
        AuditAction::ReadHistory => Key::audit_read_history,
        AuditAction::ReadMinutes => Key::audit_read_minutes,
        AuditAction::ExportBoard => Key::audit_export_board,
        AuditAction::ReadTasks => Key::audit_read_tasks,
    })
}

/// `/admin/logg`: search the audit log by board, person and period.
#[component]
pub fn AdminAudit() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| document().set_title(&format!("{} – Duk", i18n.t(Key::admin_audit))));
    let board = RwSignal::new(String::new());
    let account = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let accounts = LocalResource::new(move || {
        let lang = i18n.lang_untracked();
        async move { api::accounts(lang).await.unwrap_or_default() }
    });
    let results = LocalResource::new(move || {
        let q = query.get();
        let lang = i18n.lang_untracked();
        async move { api::audit(&q, lang).await }
    });
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let enc = |s: RwSignal<String>| {
            String::from(js_sys::encode_uri_component(s.get_untracked().trim()))
        };
        query.set(format!(
            "board={}&account={}&from={}&to={}",
            enc(board),
            enc(account),
            enc(from),
            enc(to)
        ));
    };
    view! {
        <div class="page">
            <h1>{i18n.tr(Key::admin_audit)}</h1>
            <AdminNav />
            <AdminOnly>
                <form class="filter-form" on:submit=submit>
                    <TextField label=Key::audit_board value=board autocomplete="off" />
                    <label class="field">
                        <span class="field-label">{i18n.tr(Key::audit_person)}</span>
                        <select on:change=move |ev| account.set(event_target_value(&ev))>
                            <option value="">{i18n.tr(Key::audit_everyone)}</option>
                            <Suspense>
                                {move || {
                                    accounts
                                        .get()
                                        .map(|list| {
                                            list.into_iter()
                                                .map(|a| view! { <option value=a.id.to_string()>{a.name}</option> })
                                                .collect_view()
                                        })
                                }}
                            </Suspense>
                        </select>
                    </label>
                    <TextField label=Key::audit_from value=from kind="date" />
                    <TextField label=Key::audit_to value=to kind="date" />
                    <button type="submit" class="button button-primary">{i18n.tr(Key::audit_search)}</button>
                </form>
                <Suspense fallback=move || view! { <p aria-busy="true">{i18n.tr(Key::audit_loading)}</p> }>
                    {move || {
                        results
                            .get()
                            .map(|r| match r {
                                Err(e) => {
                                    let message = error_text(i18n, &e);
                                    view! { <ErrorNotice message=Some(message) /> }.into_any()
                                }
                                Ok(list) if list.is_empty() => view! { <p>{i18n.tr(Key::audit_none)}</p> }.into_any(),
                                Ok(list) => {
                                    let count = list.len();
                                    view! {
                                        <ScrollBox label=i18n.tr(Key::admin_audit)>
                                            <table class="data-table">
                                                <caption>
                                                    {move || i18n.count(count, Key::audit_count_one, Key::audit_count)}
                                                </caption>
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{i18n.tr(Key::audit_when)}</th>
                                                        <th scope="col">{i18n.tr(Key::audit_who)}</th>
                                                        <th scope="col">{i18n.tr(Key::audit_role)}</th>
                                                        <th scope="col">{i18n.tr(Key::audit_what)}</th>
                                                        <th scope="col">{i18n.tr(Key::audit_board)}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {list
                                                        .iter()
                                                        .map(|r| {
                                                            let (at, action, version) = (r.at, r.action, r.version);
                                                            let role = r.actor_role.clone();
                                                            view! {
                                                                <tr>
                                                                    <td>{move || format::date_time(at, i18n.lang())}</td>
                                                                    <td>{r.actor_name.clone()}</td>
                                                                    <td>{move || actor_role_name(i18n, &role)}</td>
                                                                    <td>
                                                                        {move || action_name(i18n, action)}
                                                                        {version.map(|v| view! { " " {move || i18n.fill(Key::audit_version, &[("version", &v.to_string())])} })}
                                                                    </td>
                                                                    <td class="mono">
                                                                        {r.board_id.map(|b| b.to_string()).unwrap_or_default()}
                                                                    </td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </tbody>
                                            </table>
                                        </ScrollBox>
                                    }
                                        .into_any()
                                }
                            })
                    }}
                </Suspense>
            </AdminOnly>
        </div>
    }
}
