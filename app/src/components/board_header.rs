//! The header of the duk, as on the paper: Planen til, the two horizons, and where the plan
//! stands on the investeringsferd. "Endre" opens a form for all of them.

use leptos::{ev, prelude::*};
use model::{Action, BoardRole, IsoDate, Operation, Patch, Stage};

use crate::{
    components::{
        error_notice::ErrorNotice, form_actions::FormActions, modal::Modal,
        presence_bar::PresenceBar, text_field::TextField,
    },
    format,
    i18n::{Key, use_i18n},
    labels::stage_name,
    router::{CitizenTab, Link, Route},
    state::{BoardStore, BoardUi},
};

/// The stage as four steps, the current one marked, with its name in words.
#[component]
pub fn StageMarker(
    /// The stage the plan has reached on the investeringsferd; `None` before the first.
    #[prop(into)]
    stage: Signal<Option<Stage>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || match stage.get() {
        Some(s) => format!(
            "{} ({})",
            stage_name(i18n, s),
            i18n.fill(Key::stage_step, &[("n", &s.step().to_string())])
        ),
        None => i18n.t(Key::stage_none).to_string(),
    };
    view! {
        <span class="stage" data-stage=move || stage.get().map(|s| s.step()).unwrap_or(0)>
            <span class="stage-steps" aria-hidden="true">
                {Stage::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <span
                                class="stage-step"
                                class:stage-reached=move || stage.get().is_some_and(|c| c >= s)
                            ></span>
                        }
                    })
                    .collect_view()}
            </span>
            <span class="stage-name">{label}</span>
        </span>
    }
}

/// Title and header fields of the board.
#[component]
pub fn BoardHeader(
    /// The board whose title, header fields and consent are shown and edited.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    let editing = RwSignal::new(false);
    let date = move |d: Option<IsoDate>| match d {
        Some(d) => format::date(d, i18n.lang()),
        None => i18n.t(Key::board_no_date).to_string(),
    };
    let title = Signal::derive(move || i18n.t(Key::header_edit).to_string());
    view! {
        <header class="board-header">
            <h1>{move || store.header.with(|h| h.title.clone())}</h1>
            // One line in a meeting: the stage at a glance, the rest unfolds.
            <details class="board-about">
                <summary>
                    <span class="board-about-label">{i18n.tr(Key::board_about)}</span>
                    <StageMarker stage=Signal::derive(move || store.header.with(|h| h.stage)) />
                </summary>
            <dl class="board-facts">
                <div>
                    <dt>{i18n.tr(Key::board_plan_for)}</dt>
                    <dd>{move || store.header.with(|h| h.citizen_name.clone())}</dd>
                </div>
                <div>
                    <dt>{i18n.tr(Key::board_short_term_by)}</dt>
                    <dd>{move || date(store.header.with(|h| h.short_term_by))}</dd>
                </div>
                <div>
                    <dt>{i18n.tr(Key::board_long_term_by)}</dt>
                    <dd>{move || date(store.header.with(|h| h.long_term_by))}</dd>
                </div>
                <div>
                    <dt>{i18n.tr(Key::consent_label)}</dt>
                    <dd class="consent">
                        {move || {
                            store
                                .header
                                .with(|h| match &h.consent {
                                    Some(c) => {
                                        let services = c
                                            .services
                                            .iter()
                                            .map(|s| s.as_str())
                                            .collect::<Vec<_>>()
                                            .join(", ");
                                        i18n.fill(
                                            Key::consent_given,
                                            &[
                                                ("date", &format::date(c.date, i18n.lang())),
                                                ("services", &services),
                                                ("by", &c.recorded_by),
                                            ],
                                        )
                                    }
                                    None => i18n.t(Key::consent_none).to_string(),
                                })
                        }}
                    </dd>
                </div>
            </dl>
            <Show when=move || ui.offers(Action::EditHeader, store)>
                <button type="button" class="button button-quiet" on:click=move |_| editing.set(true)>
                    {i18n.tr(Key::header_edit)}
                </button>
            </Show>
            // The citizen's own view of this plan (its own bundle: a full page load).
            <Show when=move || !ui.wall.get()>
                <Link to=Route::Citizen(Some(store.id()), CitizenTab::Overview) class="citizen-view-link">
                    {move || {
                        i18n.t(if ui.role.get() == BoardRole::Citizen {
                            Key::citizen_title
                        } else {
                            Key::nav_citizen_view
                        })
                    }}
                </Link>
            </Show>
            </details>
            // Who is here now, and undo: on the header's button row, so it takes no room.
            <PresenceBar store=store role=Signal::derive(move || ui.role.get()) />
            <Modal open=editing title=title on_close=Callback::new(move |()| editing.set(false))>
                <HeaderForm store=store on_done=Callback::new(move |()| editing.set(false)) />
            </Modal>
        </header>
    }
}

#[component]
fn HeaderForm(store: BoardStore, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let h = store.header.get_untracked();
    let title = RwSignal::new(h.title.clone());
    let name = RwSignal::new(h.citizen_name.clone());
    let short = RwSignal::new(h.short_term_by.map(|d| d.to_string()).unwrap_or_default());
    let long = RwSignal::new(h.long_term_by.map(|d| d.to_string()).unwrap_or_default());
    let stage = RwSignal::new(h.stage);
    let error = RwSignal::new(None::<String>);
    let save = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let date_patch = |old: Option<IsoDate>, raw: String| {
            let new = IsoDate::parse(raw.trim());
            if new == old {
                Patch::Keep
            } else {
                new.map_or(Patch::Clear, Patch::Set)
            }
        };
        let changed = |old: &str, new: String| (new.trim() != old).then_some(new);
        let new_stage = stage.get_untracked();
        let op = Operation::SetHeader {
            title: changed(&h.title, title.get_untracked()),
            citizen_name: changed(&h.citizen_name, name.get_untracked()),
            short_term_by: date_patch(h.short_term_by, short.get_untracked()),
            long_term_by: date_patch(h.long_term_by, long.get_untracked()),
            stage: if new_stage == h.stage {
                Patch::Keep
            } else {
                new_stage.map_or(Patch::Clear, Patch::Set)
            },
            citizen_may_add: None,
        };
        if let Operation::SetHeader {
            title: None,
            citizen_name: None,
            short_term_by: Patch::Keep,
            long_term_by: Patch::Keep,
            stage: Patch::Keep,
            citizen_may_add: None,
        } = op
        {
            return on_done.run(());
        }
        match store.apply(op, i18n.lang_untracked()) {
            Ok(()) => on_done.run(()),
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <form class="header-form" on:submit=save>
            <TextField label=Key::header_title_label value=title />
            <TextField label=Key::board_plan_for value=name />
            <TextField label=Key::board_short_term_by value=short kind="date" />
            <TextField label=Key::board_long_term_by value=long kind="date" />
            <fieldset>
                <legend>{i18n.tr(Key::stage_label)}</legend>
                <label class="choice">
                    <input
                        type="radio"
                        name="stage"
                        prop:checked=move || stage.get().is_none()
                        on:change=move |_| stage.set(None)
                    />
                    <span>{i18n.tr(Key::stage_none)}</span>
                </label>
                {Stage::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="stage"
                                    prop:checked=move || stage.get() == Some(s)
                                    on:change=move |_| stage.set(Some(s))
                                />
                                <span>{move || stage_name(i18n, s)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <ErrorNotice message=error />
            <FormActions submit=Key::board_save on_cancel=on_done />
        </form>
    }
}
