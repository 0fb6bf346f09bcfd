//! The team around the citizen: who they are and how to reach them; add and remove.

use leptos::{ev, prelude::*};
use model::{AccountId, Action, MemberFields, Operation, StaffEntry};

use crate::{
    components::{error_notice::ErrorNotice, text_field::TextField},
    i18n::{Key, use_i18n},
    random,
    state::{BoardStore, BoardUi, StaffSearchState},
};

/// The team, in the panel of its toolbar button.
#[component]
pub fn TeamPanel(
    /// The board whose team is listed, added to, given a contact person and removed from.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    let live = move || {
        store
            .members
            .get()
            .into_iter()
            .filter(|m| !m.removed)
            .collect::<Vec<_>>()
    };
    // The contact person: the one the team named, or else the investeringsleder.
    let contact = Memo::new(move |_| {
        store.header.track();
        store.members.track();
        store.with_board(|b| b.contact_member().map(|m| m.id))
    });
    let make_contact = move |member_id| {
        if let Err(m) = store.apply(
            Operation::SetContact {
                member_id: Some(member_id),
            },
            i18n.lang_untracked(),
        ) {
            store.notice.set(Some(crate::state::Notice::Refused(m)));
        }
    };
    let remove = move |member_id| {
        if let Err(m) = store.apply(Operation::RemoveMember { member_id }, i18n.lang_untracked()) {
            store.notice.set(Some(crate::state::Notice::Refused(m)));
        }
    };
    view! {
        <div class="team-panel">
            <Show when=move || live().is_empty()>
                <p>{i18n.tr(Key::team_empty)}</p>
            </Show>
            <ul class="team-list">
                <For each=live key=|m| m.id let:m>
                    {
                        let name = m.name.to_string();
                        let make_label = i18n.fill(Key::team_make_contact, &[("name", &name)]);
                        let remove_label = i18n.fill(Key::team_remove, &[("name", &name)]);
                        view! {
                        <li class="team-member">
                            <span class="team-name">{m.name.to_string()}</span>
                            <Show when=move || contact.get() == Some(m.id)>
                                <span class="tag">{i18n.tr(Key::team_contact)}</span>
                            </Show>
                            <span class="team-info">
                                {[m.role.as_ref(), m.service.as_ref()]
                                    .into_iter()
                                    .flatten()
                                    .map(ToString::to_string)
                                    .collect::<Vec<_>>()
                                    .join(", ")}
                            </span>
                            {m
                                .phone
                                .clone()
                                .map(|p| {
                                    view! {
                                        <a class="team-contact" href=format!("tel:{p}")>
                                            {p.to_string()}
                                        </a>
                                    }
                                })}
                            {m
                                .email
                                .clone()
                                .map(|e| {
                                    view! {
                                        <a class="team-contact" href=format!("mailto:{e}")>
                                            {e.to_string()}
                                        </a>
                                    }
                                })}
                            <Show when={
                                let has_account = m.account.is_some();
                                move || ui.offers(Action::EditTeam, store) && has_account && contact.get() != Some(m.id)
                            }>
                                <button
                                    type="button"
                                    class="button button-quiet"
                                    aria-label=make_label.clone()
                                    on:click=move |_| make_contact(m.id)
                                >
                                    {i18n.tr(Key::team_make_contact_short)}
                                </button>
                            </Show>
                            <Show when=move || ui.offers(Action::EditTeam, store)>
                                <button
                                    type="button"
                                    class="button button-quiet"
                                    aria-label=remove_label.clone()
                                    on:click=move |_| remove(m.id)
                                >
                                    {i18n.tr(Key::team_remove_short)}
                                </button>
                            </Show>
                        </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || ui.offers(Action::EditTeam, store)>
                <StaffSearch store=store />
                <AddMember store=store />
            </Show>
        </div>
    }
}

/// Finds a colleague with a Duk account and adds them: they can then open the board.
#[component]
fn StaffSearch(store: BoardStore) -> impl IntoView {
    let i18n = use_i18n();
    let staff = StaffSearchState::new(i18n);
    let StaffSearchState {
        query,
        results,
        error,
        ..
    } = staff;
    let search = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        staff.search();
    };
    let on_team = move |account: AccountId| {
        store
            .members
            .with(|ms| ms.iter().any(|m| !m.removed && m.account == Some(account)))
    };
    let add = move |entry: StaffEntry| {
        let op = Operation::AddMember {
            member_id: random::member_id(),
            member: MemberFields {
                name: entry.name.clone(),
                service: entry.office.clone(),
                role: None,
                phone: entry.phone.clone(),
                email: Some(entry.email.clone()),
                account: Some(entry.id),
            },
        };
        match store.apply(op, i18n.lang_untracked()) {
            Ok(()) => error.set(None),
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <form class="staff-search" role="search" on:submit=search>
            <h2 class="panel-subheading">{i18n.tr(Key::team_find_heading)}</h2>
            <div class="field-row">
                <TextField label=Key::team_find_label value=query autocomplete="off" />
                <button type="submit" class="button">{i18n.tr(Key::team_find)}</button>
            </div>
            <ErrorNotice message=error />
            {move || {
                results
                    .get()
                    .map(|list| {
                        if list.is_empty() {
                            return view! { <p>{i18n.tr(Key::team_find_none)}</p> }.into_any();
                        }
                        view! {
                            <ul class="team-list">
                                {list
                                    .into_iter()
                                    .map(|entry| {
                                        let id = entry.id;
                                        let label = i18n.fill(Key::team_add_person, &[("name", &entry.name)]);
                                        let info = [entry.office.clone(), Some(entry.email.clone())]
                                            .into_iter()
                                            .flatten()
                                            .collect::<Vec<_>>()
                                            .join(", ");
                                        let entry = StoredValue::new(entry);
                                        view! {
                                            <li class="team-member">
                                                <span class="team-name">{entry.with_value(|e| e.name.clone())}</span>
                                                <span class="team-info">{info}</span>
                                                <Show
                                                    when=move || !on_team(id)
                                                    fallback=move || view! { <span class="team-info">{i18n.tr(Key::team_already)}</span> }
                                                >
                                                    <button
                                                        type="button"
                                                        class="button button-primary"
                                                        aria-label=label.clone()
                                                        on:click=move |_| add(entry.get_value())
                                                    >
                                                        {i18n.tr(Key::team_add_short)}
                                                    </button>
                                                </Show>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    })
            }}
        </form>
    }
}

#[component]
fn AddMember(store: BoardStore) -> impl IntoView {
    let i18n = use_i18n();
    let fields = [
        (Key::team_name, "text", "name"),
        (Key::team_service, "text", "organization"),
        (Key::team_role, "text", "organization-title"),
        (Key::team_phone, "tel", "tel"),
        (Key::team_email, "email", "email"),
    ]
    .map(|(key, kind, auto)| (key, kind, auto, RwSignal::new(String::new())));
    let error = RwSignal::new(None::<String>);
    let value = move |i: usize| {
        let v = fields[i].3.get_untracked();
        (!v.trim().is_empty()).then_some(v)
    };
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let op = Operation::AddMember {
            member_id: random::member_id(),
            member: MemberFields {
                name: fields[0].3.get_untracked(),
                service: value(1),
                role: value(2),
                phone: value(3),
                email: value(4),
                account: None,
            },
        };
        match store.apply(op, i18n.lang_untracked()) {
            Ok(()) => {
                error.set(None);
                for f in &fields {
                    f.3.set(String::new());
                }
            }
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <form class="add-member" on:submit=submit>
            <h2 class="panel-subheading">{i18n.tr(Key::team_add_outside)}</h2>
            <div class="field-row">
                {fields
                    .into_iter()
                    .map(|(key, kind, auto, value)| {
                        view! { <TextField label=key value=value kind=kind autocomplete=auto /> }
                    })
                    .collect_view()}
            </div>
            <ErrorNotice message=error />
            <button type="submit" class="button button-primary">
                {i18n.tr(Key::team_add)}
            </button>
        </form>
    }
}
