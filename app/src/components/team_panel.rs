//! The team around the citizen: who they are and how to reach them; add and remove.

use leptos::{ev, prelude::*};
use model::{MemberFields, Operation};

use crate::{
    components::{error_notice::ErrorNotice, text_field::TextField},
    i18n::{Key, use_i18n},
    random,
    state::{BoardStore, BoardUi},
};

/// The team, folded away under its heading until opened.
#[component]
pub fn TeamPanel(store: BoardStore) -> impl IntoView {
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
    let remove = move |member_id| {
        if let Err(m) = store.apply(Operation::RemoveMember { member_id }, i18n.lang_untracked()) {
            store.notice.set(Some(crate::state::Notice::Refused(m)));
        }
    };
    view! {
        <details class="panel team-panel">
            <summary>
                {move || i18n.fill(Key::team_count, &[("count", &live().len().to_string())])}
            </summary>
            <Show when=move || live().is_empty()>
                <p>{i18n.tr(Key::team_empty)}</p>
            </Show>
            <ul class="team-list">
                <For each=live key=|m| m.id let:m>
                    <li class="team-member">
                        <span class="team-name">{m.name.to_string()}</span>
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
                        <Show when=move || !ui.wall.get()>
                            <button
                                type="button"
                                class="button button-quiet"
                                aria-label=i18n.fill(Key::team_remove, &[("name", m.name.as_str())])
                                on:click=move |_| remove(m.id)
                            >
                                {i18n.tr(Key::team_remove_short)}
                            </button>
                        </Show>
                    </li>
                </For>
            </ul>
            <Show when=move || !ui.wall.get()>
                <AddMember store=store />
            </Show>
        </details>
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
            <h2 class="panel-subheading">{i18n.tr(Key::team_add)}</h2>
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
