//! "Mine planer": the boards, and a form to make a new one.

use leptos::{ev, prelude::*};
use model::{BoardSummary, CreateBoard};

use crate::{
    api,
    components::{
        board_header::StageMarker,
        callback_inbox::CallbackInbox,
        described_by,
        error_notice::{ErrorNotice, error_text},
        submit_button::SubmitButton,
        submit_form, unique_id,
    },
    format,
    i18n::{Key, use_i18n},
    router::{Link, Route, use_router},
    state::use_session,
};

/// The list of boards.
#[component]
pub fn BoardList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    Effect::new(move |_| set_title(i18n.t(Key::list_title)));
    let boards = LocalResource::new(move || {
        let lang = i18n.lang();
        async move { api::list_boards(lang).await }
    });
    view! {
        <div class="page">
            <h1>{i18n.tr(Key::list_title)}</h1>
            <Show when=move || session.is_staff()>
                <CallbackInbox />
            </Show>
            <Suspense fallback=move || {
                view! { <p aria-busy="true">{i18n.tr(Key::list_loading)}</p> }
            }>
                {move || {
                    boards
                        .get()
                        .map(|result| match result {
                            Ok(list) if list.is_empty() => {
                                view! { <p>{i18n.tr(Key::list_empty)}</p> }.into_any()
                            }
                            Ok(list) => view! { <BoardLinks list=list /> }.into_any(),
                            Err(e) => {
                                let message = error_text(i18n, &e);
                                view! { <ErrorNotice message=Some(message) /> }.into_any()
                            }
                        })
                }}
            </Suspense>
            <Show when=move || session.is_staff()>
                <NewBoardForm />
            </Show>
        </div>
    }
}

fn set_title(title: &str) {
    document().set_title(&format!("{title} – Duk"));
}

#[component]
fn BoardLinks(list: Vec<BoardSummary>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="board-list">
            {list
                .into_iter()
                .map(|b| {
                    let count = b.card_count;
                    let updated = b.updated_at;
                    let next_due = b.next_due;
                    let stage = b.stage;
                    view! {
                        <li class="board-list-item">
                            <Link to=Route::Board(Some(b.id))>{b.title.clone()}</Link>
                            <p class="board-list-meta">
                                <span>
                                    {i18n.tr(Key::board_plan_for)} ": " {b.citizen_name.clone()}
                                </span>
                                " · "
                                <StageMarker stage=Signal::stored(stage) />
                            </p>
                            <p class="board-list-meta">
                                <span class="board-list-due">
                                    {move || match next_due {
                                        Some(d) => {
                                            i18n.fill(Key::list_next_due, &[("date", &format::date(d, i18n.lang()))])
                                        }
                                        None => i18n.t(Key::list_no_due).to_string(),
                                    }}
                                </span>
                                " · "
                                <span>{move || i18n.count(count as usize, Key::list_cards_one, Key::list_cards)}</span>
                                " · "
                                <span>
                                    {move || {
                                        i18n.fill(Key::list_changed, &[("when", &format::date_time(updated, i18n.lang()))],
                                        )
                                    }}
                                </span>
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn NewBoardForm() -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let name = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let (input_id, hint_id, error_id) = (
        unique_id("citizen"),
        unique_id("citizen-hint"),
        unique_id("citizen-error"),
    );
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let req = CreateBoard {
            citizen_name: name.get_untracked(),
            title: None,
            short_term_by: None,
            long_term_by: None,
        };
        let lang = i18n.lang_untracked();
        let request = async move { api::create_board(&req, lang).await };
        submit_form(i18n, pending, error, request, move |board| {
            router.navigate(Route::Board(Some(board.id)))
        });
    };
    let described_by = described_by(hint_id.clone(), error_id.clone(), error);
    view! {
        <section class="new-board" aria-labelledby="new-board-heading">
            <h2 id="new-board-heading">{i18n.tr(Key::list_new_heading)}</h2>
            <form on:submit=on_submit>
                <label for=input_id.clone()>{i18n.tr(Key::list_citizen_label)}</label>
                <p class="hint" id=hint_id>
                    {i18n.tr(Key::list_citizen_hint)}
                </p>
                <input
                    id=input_id
                    type="text"
                    autocomplete="off"
                    maxlength="100"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=described_by
                />
                <ErrorNotice message=error id=error_id />
                <SubmitButton label=Key::list_create busy=Key::list_creating pending=pending />
            </form>
        </section>
    }
}
