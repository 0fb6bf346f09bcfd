//! The details of a card: text, responsible, frist, status and a longer note; "Flytt til…";
//! delete (asked once, and undone from the notice that follows).

use leptos::{ev, prelude::*};
use model::{CardId, CardStatus, IsoDate, Operation, Patch, Responsible};

use crate::{
    chunk::{chunk, split},
    components::{
        described_by, error_notice::ErrorNotice, form_actions::FormActions, modal::Modal,
        text_field::TextField, unique_id,
    },
    dnd::refocus_handle,
    format,
    i18n::{Key, use_i18n},
    router::{Link, Route},
    state::{BoardStore, BoardUi},
};

/// The dialog; open while [`BoardUi::details`] names a card.
#[component]
pub fn CardDetails(
    /// The board whose card [`BoardUi::details`] names is shown and edited.
    store: BoardStore,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    let title = Signal::derive(move || i18n.t(Key::details_title).to_string());
    let close = Callback::new(move |()| {
        if let Some(card) = ui.details.get_untracked() {
            refocus_handle(card);
        }
        ui.details.set(None);
    });
    view! {
        <Modal open=Signal::derive(move || ui.details.get().is_some()) title=title on_close=close>
            {move || {
                ui.details.get().map(|card| chunk(move || details_form(store, card, close)))
            }}
        </Modal>
    }
}

/// The status radio's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusChoice {
    Open,
    Done,
    Postponed,
    Proposed,
}

/// The dialog's form (in its own module, [`details_form`]).
#[component]
// long-fn: the card's form, field by field, in the order it shows
pub fn DetailsForm(
    /// The board the card is on, and to which its changes and deletion are sent.
    store: BoardStore,
    /// The card whose details are edited.
    card: CardId,
    /// Called when the form is done: saved, nothing changed, or cancelled.
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<BoardUi>();
    let Some(current) = store.card(card).map(|c| c.get_untracked()) else {
        return ().into_any();
    };
    // The version the user saw when the dialog opened: what their changes are based on.
    let seen = store.version.get_untracked();
    let text = RwSignal::new(current.text.to_string());
    let who = RwSignal::new(match &current.responsible {
        None => String::new(),
        Some(Responsible::Citizen) => "citizen".into(),
        Some(Responsible::Member { member_id }) => format!("member:{member_id}"),
        Some(Responsible::Outside { .. }) => "outside".into(),
    });
    let outside = RwSignal::new(match &current.responsible {
        Some(Responsible::Outside { name }) => name.clone(),
        _ => String::new(),
    });
    let due = RwSignal::new(current.due.map(|d| d.to_string()).unwrap_or_default());
    // The usual frist is "by the next meeting" (SPEC §3): one tap sets it.
    let next_meeting =
        store.with_board(|b| b.next_meeting(format::now()).map(|m| m.starts_at.date));
    let (status0, until0) = match &current.status {
        CardStatus::Open => (StatusChoice::Open, String::new()),
        CardStatus::Done => (StatusChoice::Done, String::new()),
        CardStatus::Postponed { until } => (StatusChoice::Postponed, until.to_string()),
        CardStatus::Proposed => (StatusChoice::Proposed, String::new()),
    };
    let status = RwSignal::new(status0);
    let until = RwSignal::new(until0);
    let note = RwSignal::new(
        current
            .note
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<String>);
    let confirm_delete = RwSignal::new(false);
    let error_id = unique_id("details-error");
    let hint_id = unique_id("details-hint");

    let build = move || -> Result<Operation, String> {
        let responsible = match who.get_untracked().as_str() {
            "" => None,
            "citizen" => Some(Responsible::Citizen),
            "outside" => {
                let name = outside.get_untracked();
                if name.trim().is_empty() {
                    return Err(i18n.t(Key::details_need_name).into());
                }
                Some(Responsible::Outside { name })
            }
            other => other
                .strip_prefix("member:")
                .and_then(|id| uuid::Uuid::parse_str(id).ok())
                .map(|id| Responsible::Member {
                    member_id: model::MemberId(id),
                }),
        };
        let due = IsoDate::parse(due.get_untracked().trim());
        let new_status = match status.get_untracked() {
            StatusChoice::Open => CardStatus::Open,
            StatusChoice::Done => CardStatus::Done,
            StatusChoice::Proposed => CardStatus::Proposed,
            StatusChoice::Postponed => match IsoDate::parse(until.get_untracked().trim()) {
                Some(until) => CardStatus::Postponed { until },
                None => return Err(i18n.t(Key::details_need_date).into()),
            },
        };
        let note = note.get_untracked();
        let note = (!note.trim().is_empty()).then_some(note);
        let patch = |old: Option<String>, new: Option<String>| match (old == new, new) {
            (true, _) => Patch::Keep,
            (false, None) => Patch::Clear,
            (false, Some(v)) => Patch::Set(v),
        };
        let text_now = text.get_untracked();
        let op = Operation::EditCard {
            card_id: card,
            text: (text_now.trim() != current.text.as_str()).then_some(text_now),
            responsible: if responsible == current.responsible {
                Patch::Keep
            } else {
                responsible.map_or(Patch::Clear, Patch::Set)
            },
            due: if due == current.due {
                Patch::Keep
            } else {
                due.map_or(Patch::Clear, Patch::Set)
            },
            status: (new_status != current.status).then_some(new_status),
            note: patch(current.note.as_ref().map(ToString::to_string), note),
        };
        Ok(op)
    };
    let save = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let op = match build() {
            Ok(op) => op,
            Err(message) => return error.set(Some(message)),
        };
        if let Operation::EditCard {
            text: None,
            responsible,
            due,
            status: None,
            note,
            ..
        } = &op
            && responsible.is_keep()
            && due.is_keep()
            && note.is_keep()
        {
            // Nothing changed: closing is what the user wants.
            return on_done.run(());
        }
        match store.apply_seen(op, seen, i18n.lang_untracked()) {
            Ok(()) => on_done.run(()),
            Err(message) => error.set(Some(message)),
        }
    };
    let delete = move |_| match store.apply(
        Operation::DeleteCard { card_id: card },
        i18n.lang_untracked(),
    ) {
        Ok(()) => {
            ui.deleted.set(Some(card));
            ui.details.set(None);
        }
        Err(message) => error.set(Some(message)),
    };
    let members = move || {
        store
            .members
            .get()
            .into_iter()
            .filter(|m| !m.removed)
            .map(|m| {
                let value = format!("member:{}", m.id);
                let label = match &m.service {
                    Some(s) => format!("{} ({s})", m.name),
                    None => m.name.to_string(),
                };
                view! { <option value=value>{label}</option> }
            })
            .collect_view()
    };
    let status_radio = move |value: StatusChoice, key: Key| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="card-status"
                    prop:checked=move || status.get() == value
                    on:change=move |_| status.set(value)
                />
                <span>{i18n.tr(key)}</span>
            </label>
        }
    };
    let citizen = store.header.with_untracked(|h| h.citizen_name.clone());
    let described = described_by(hint_id.clone(), error_id.clone(), error);
    view! {
        <form class="details-form" on:submit=save>
            <label class="field">
                <span class="field-label">{i18n.tr(Key::board_card_text_label)}</span>
                <textarea
                    rows="3"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    aria-describedby=described
                ></textarea>
            </label>
            <label class="field">
                <span class="field-label">{i18n.tr(Key::board_responsible)}</span>
                <select
                    prop:value=move || who.get()
                    on:change=move |ev| who.set(event_target_value(&ev))
                >
                    <option value="">{i18n.tr(Key::details_responsible_none)}</option>
                    <option value="citizen">
                        {move || i18n.fill(Key::details_responsible_citizen, &[("name", &citizen)])}
                    </option>
                    {members}
                    <option value="outside">{i18n.tr(Key::details_responsible_other)}</option>
                </select>
            </label>
            <Show when=move || who.get() == "outside">
                <TextField label=Key::details_other_name value=outside />
            </Show>
            <label class="field">
                <span class="field-label">{i18n.tr(Key::board_due)}</span>
                <input
                    type="date"
                    prop:value=move || due.get()
                    on:input=move |ev| due.set(event_target_value(&ev))
                    aria-describedby=hint_id.clone()
                />
                <span class="field-hint" id=hint_id>{i18n.tr(Key::details_due_hint)}</span>
            </label>
            {next_meeting
                .map(|d| {
                    view! {
                        <button
                            type="button"
                            class="button button-quiet due-suggestion"
                            on:click=move |_| due.set(d.to_string())
                        >
                            {move || i18n.fill(Key::details_due_next_meeting, &[("date", &format::date(d, i18n.lang()))])}
                        </button>
                    }
                })}
            <fieldset>
                <legend>{i18n.tr(Key::board_status)}</legend>
                {status_radio(StatusChoice::Open, Key::details_status_open)}
                {status_radio(StatusChoice::Done, Key::status_done)}
                {status_radio(StatusChoice::Postponed, Key::details_postponed_label)}
                <Show when=move || status.get() == StatusChoice::Postponed>
                    <TextField
                        label=Key::details_postponed_to
                        value=until
                        kind="date"
                        class="field-indent"
                    />
                </Show>
                {status_radio(StatusChoice::Proposed, Key::status_proposed)}
            </fieldset>
            <label class="field">
                <span class="field-label">{i18n.tr(Key::details_note)}</span>
                <textarea
                    rows="4"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </label>
            <ErrorNotice message=error id=error_id />
            <FormActions submit=Key::board_save on_cancel=on_done />
            <div class="modal-actions modal-secondary">
                <button
                    type="button"
                    class="button button-quiet"
                    on:click=move |_| {
                        ui.details.set(None);
                        ui.moving.set(Some(card));
                    }
                >
                    {i18n.tr(Key::move_to)}
                </button>
                <Link to=Route::History(Some(store.id()), Some(card)) class="button button-quiet">
                    {i18n.tr(Key::history_of_card)}
                </Link>
                <Show
                    when=move || confirm_delete.get()
                    fallback=move || {
                        view! {
                            <button
                                type="button"
                                class="button button-danger"
                                on:click=move |_| confirm_delete.set(true)
                            >
                                {i18n.tr(Key::details_delete)}
                            </button>
                        }
                    }
                >
                    <div class="confirm" role="group" aria-label=i18n.tr(Key::details_delete)>
                        <p>{i18n.tr(Key::details_delete_confirm)}</p>
                        <button type="button" class="button button-danger" on:click=delete>
                            {i18n.tr(Key::details_delete_yes)}
                        </button>
                        <button
                            type="button"
                            class="button button-quiet"
                            on:click=move |_| confirm_delete.set(false)
                        >
                            {i18n.tr(Key::details_delete_no)}
                        </button>
                    </div>
                </Show>
            </div>
        </form>
    }
    .into_any()
}

// The form is a module of its own, fetched when a card is first opened.
split! {
    staff, board_dialogs, preload_card_details,
    fn details_form(store: BoardStore, card: CardId, on_done: Callback<()>) {
        view! { <DetailsForm store=store card=card on_done=on_done /> }
    }
}
