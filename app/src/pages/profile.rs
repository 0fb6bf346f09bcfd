//! `/profil`: what a member of staff shows the citizens they are contact person for: the
//! direct number, when they answer, who covers for them, and when they are away.

use leptos::{ev, prelude::*};
use model::{
    Absence, AccountId, ContactProfileFields, IsoDate, MyProfile, OfficeHours, StaffEntry,
    TimeOfDay, Weekday,
};

use crate::{
    api,
    components::{
        error_notice::{ErrorNotice, error_text},
        submit_button::SubmitButton,
        submit_form,
        text_field::TextField,
    },
    i18n::{Key, use_i18n},
    labels::weekday_name,
    state::{StaffSearchState, use_session},
};

/// One line of office hours being edited.
#[derive(Debug, Clone, Copy)]
struct HoursRow {
    key: u32,
    day: RwSignal<Weekday>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

/// One absence being edited.
#[derive(Debug, Clone, Copy)]
struct AbsenceRow {
    key: u32,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

/// The profile page.
#[component]
pub fn Profile() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| document().set_title(&format!("{} – Duk", i18n.t(Key::profile_title))));
    let loaded = LocalResource::new(move || {
        let lang = i18n.lang_untracked();
        async move { api::my_profile(lang).await }
    });
    view! {
        <div class="page narrow profile-page">
            <h1>{i18n.tr(Key::profile_title)}</h1>
            <p>{i18n.tr(Key::profile_intro)}</p>
            <Suspense fallback=move || view! { <p aria-busy="true">{i18n.tr(Key::profile_loading)}</p> }>
                {move || {
                    loaded
                        .get()
                        .map(|r| match r {
                            Ok(p) => view! { <ProfileForm profile=p /> }.into_any(),
                            Err(e) => view! { <ErrorNotice message=Some(error_text(i18n, &e)) /> }.into_any(),
                        })
                }}
            </Suspense>
        </div>
    }
}

#[component]
// long-fn: the profile form, field by field, in the order it shows
fn ProfileForm(profile: MyProfile) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let next_key = StoredValue::new(0u32);
    let key = move || {
        next_key.update_value(|k| *k += 1);
        next_key.get_value()
    };
    let p = profile.profile;
    let phone = RwSignal::new(
        p.phone
            .map(|n| crate::format::phone(n.as_str()))
            .unwrap_or_default(),
    );
    let hours_row = move |h: Option<OfficeHours>| HoursRow {
        key: key(),
        day: RwSignal::new(h.map_or(Weekday::Monday, |h| h.day)),
        from: RwSignal::new(h.map_or_else(|| "09:00".into(), |h| h.from.to_string())),
        to: RwSignal::new(h.map_or_else(|| "11:00".into(), |h| h.to.to_string())),
    };
    let absence_row = move |a: Option<Absence>| AbsenceRow {
        key: key(),
        from: RwSignal::new(a.map(|a| a.from.to_string()).unwrap_or_default()),
        to: RwSignal::new(a.map(|a| a.to.to_string()).unwrap_or_default()),
    };
    let hours = RwSignal::new(
        p.hours
            .into_iter()
            .map(|h| hours_row(Some(h)))
            .collect::<Vec<_>>(),
    );
    let absences = RwSignal::new(
        p.absences
            .into_iter()
            .map(|a| absence_row(Some(a)))
            .collect::<Vec<_>>(),
    );
    let substitute = RwSignal::new(p.substitute.zip(profile.substitute_name));
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        saved.set(false);
        let lang = i18n.lang_untracked();
        let hours = hours.get_untracked().into_iter().map(|r| {
            Some(OfficeHours {
                day: r.day.get_untracked(),
                from: TimeOfDay::parse(&r.from.get_untracked())?,
                to: TimeOfDay::parse(&r.to.get_untracked())?,
            })
        });
        let Some(hours) = hours.collect::<Option<Vec<_>>>() else {
            error.set(Some(i18n.t(Key::profile_time_invalid).into()));
            return;
        };
        let absences = absences.get_untracked().into_iter().map(|r| {
            Some(Absence {
                from: IsoDate::parse(&r.from.get_untracked())?,
                to: IsoDate::parse(&r.to.get_untracked())?,
            })
        });
        let Some(absences) = absences.collect::<Option<Vec<_>>>() else {
            error.set(Some(i18n.t(Key::profile_date_invalid).into()));
            return;
        };
        let fields = ContactProfileFields {
            phone: Some(phone.get_untracked()),
            hours,
            substitute: substitute.get_untracked().map(|(id, _)| id),
            absences,
        };
        // The model refuses exactly what the server would, with the same words.
        let me = session.me.with_untracked(|m| m.as_ref().map(|m| m.id));
        if let Some(me) = me
            && let Err(r) = fields.validate(me)
        {
            error.set(Some(r.message(lang)));
            return;
        }
        submit_form(
            i18n,
            pending,
            error,
            async move { api::save_profile(&fields, lang).await },
            move |_| {
                saved.try_set(true);
            },
        );
    };
    view! {
        <form class="stack-form profile-form" on:submit=submit>
            <section aria-labelledby="profile-phone-heading">
                <h2 id="profile-phone-heading">{i18n.tr(Key::profile_phone_heading)}</h2>
                <p class="hint">{i18n.tr(Key::profile_phone_hint)}</p>
                <TextField label=Key::profile_phone value=phone kind="tel" autocomplete="tel" />
            </section>
            <section aria-labelledby="profile-hours-heading">
                <h2 id="profile-hours-heading">{i18n.tr(Key::profile_hours)}</h2>
                <ul class="edit-rows">
                    <For each=move || hours.get() key=|r| r.key let:row>
                        <li class="edit-row">
                            <label class="field">
                                <span class="field-label">{i18n.tr(Key::profile_day)}</span>
                                <select on:change=move |e| {
                                    let v = event_target_value(&e);
                                    if let Some(d) = Weekday::ALL.into_iter().find(|d| format!("{d:?}") == v) {
                                        row.day.set(d);
                                    }
                                }>
                                    {Weekday::ALL
                                        .into_iter()
                                        .map(|d| {
                                            view! {
                                                <option value=format!("{d:?}") selected=move || row.day.get() == d>
                                                    {move || weekday_name(i18n, d)}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </label>
                            <TextField label=Key::profile_from value=row.from kind="time" />
                            <TextField label=Key::profile_to value=row.to kind="time" />
                            <button
                                type="button"
                                class="button button-quiet"
                                aria-label=move || i18n.fill(Key::profile_remove_hours, &[("day", weekday_name(i18n, row.day.get()))])
                                on:click=move |_| hours.update(|h| h.retain(|r| r.key != row.key))
                            >
                                {i18n.tr(Key::profile_remove)}
                            </button>
                        </li>
                    </For>
                </ul>
                <button type="button" class="button" on:click=move |_| hours.update(|h| h.push(hours_row(None)))>
                    {i18n.tr(Key::profile_add_hours)}
                </button>
            </section>
            <SubstitutePicker substitute=substitute />
            <section aria-labelledby="profile-away-heading">
                <h2 id="profile-away-heading">{i18n.tr(Key::profile_absences)}</h2>
                <p class="hint">{i18n.tr(Key::profile_absences_hint)}</p>
                <ul class="edit-rows">
                    <For each=move || absences.get() key=|r| r.key let:row>
                        <li class="edit-row">
                            <TextField label=Key::profile_absence_from value=row.from kind="date" />
                            <TextField label=Key::profile_absence_to value=row.to kind="date" />
                            <button
                                type="button"
                                class="button button-quiet"
                                aria-label=move || i18n.fill(Key::profile_remove_absence, &[("from", &row.from.get())])
                                on:click=move |_| absences.update(|a| a.retain(|r| r.key != row.key))
                            >
                                {i18n.tr(Key::profile_remove)}
                            </button>
                        </li>
                    </For>
                </ul>
                <button type="button" class="button" on:click=move |_| absences.update(|a| a.push(absence_row(None)))>
                    {i18n.tr(Key::profile_add_absence)}
                </button>
            </section>
            <ErrorNotice message=error />
            <Show when=move || saved.get()>
                <p class="saved-notice" role="status">{i18n.tr(Key::profile_saved)}</p>
            </Show>
            <SubmitButton label=Key::profile_save busy=Key::profile_saving pending=pending />
        </form>
    }
}

/// Chooses the colleague who covers: search the staff directory, pick one, or remove.
#[component]
fn SubstitutePicker(substitute: RwSignal<Option<(AccountId, String)>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let staff = StaffSearchState::new(i18n);
    let StaffSearchState {
        query,
        results,
        error,
        ..
    } = staff;
    let me = move || session.me.with(|m| m.as_ref().map(|m| m.id));
    view! {
        <section aria-labelledby="profile-sub-heading">
            <h2 id="profile-sub-heading">{i18n.tr(Key::profile_substitute)}</h2>
            <p class="hint">{i18n.tr(Key::profile_substitute_hint)}</p>
            <p class="profile-substitute">
                {move || match substitute.get() {
                    Some((_, name)) => name,
                    None => i18n.t(Key::profile_no_substitute).to_string(),
                }}
            </p>
            <Show when=move || substitute.with(Option::is_some)>
                <button type="button" class="button button-quiet" on:click=move |_| substitute.set(None)>
                    {i18n.tr(Key::profile_clear_substitute)}
                </button>
            </Show>
            <div class="field-row" role="search">
                <TextField label=Key::profile_find_substitute value=query autocomplete="off" />
                <button type="button" class="button" on:click=move |_| staff.search()>
                    {i18n.tr(Key::team_find)}
                </button>
            </div>
            <ErrorNotice message=error />
            {move || {
                results
                    .get()
                    .map(|list| {
                        let list: Vec<StaffEntry> = list.into_iter().filter(|e| Some(e.id) != me()).collect();
                        if list.is_empty() {
                            return view! { <p>{i18n.tr(Key::team_find_none)}</p> }.into_any();
                        }
                        view! {
                            <ul class="team-list">
                                {list
                                    .into_iter()
                                    .map(|entry| {
                                        let label = i18n.fill(Key::profile_choose_person, &[("name", &entry.name)]);
                                        let info = entry.office.clone().unwrap_or_default();
                                        let (id, name) = (entry.id, entry.name.clone());
                                        view! {
                                            <li class="team-member">
                                                <span class="team-name">{entry.name.clone()}</span>
                                                <span class="team-info">{info}</span>
                                                <button
                                                    type="button"
                                                    class="button button-primary"
                                                    aria-label=label
                                                    on:click=move |_| {
                                                        substitute.set(Some((id, name.clone())));
                                                        results.set(None);
                                                    }
                                                >
                                                    {i18n.tr(Key::profile_choose)}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    })
            }}
        </section>
    }
}
