//! The app's pieces in a real browser: the board store, formatting through `Intl`, ids from
//! `crypto`, and the grid rendered into the DOM.

use app::{
    components::duk_grid::DukGrid,
    dnd::Dnd,
    format,
    i18n::{self, I18n, Key},
    random,
    state::{BoardStore, BoardUi, ChangeMarks, Notice, Overwritten},
};
use leptos::prelude::*;
use model::{
    ApplyContext, Board, BoardId, CreateBoard, IsoDate, Lang, Operation, Placement, Timestamp,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn board() -> Board {
    CreateBoard {
        citizen_name: "Kari Nordmann".into(),
        title: None,
        short_term_by: IsoDate::parse("2027-05-22"),
        long_term_by: None,
    }
    .into_board(BoardId::from_random_bytes([1; 16]), Timestamp(0))
    .unwrap()
}

/// Someone signed in, with an account of their own (so tests never share kept changes).
fn someone() -> model::AccountId {
    model::AccountId::from_random_bytes(*random::card_id().0.as_bytes())
}

/// Applies an operation to a server-side copy and returns the event, as the server would.
fn accept(server: &mut Board, op: Operation) -> model::Event {
    let ctx = ApplyContext {
        actor: "Ola".into(),
        at: Timestamp(1),
        client_op_id: random::client_op_id(),
    };
    server.apply(&op, &ctx).unwrap()
}

fn create(server: &Board, text: &str, placement: &Placement) -> Operation {
    Operation::CreateCard {
        card_id: random::card_id(),
        placement: placement.clone(),
        order: server.order_key_at(placement, usize::MAX, None).to_string(),
        text: text.into(),
    }
}

#[wasm_bindgen_test]
fn the_store_applies_events_and_lists_cards_per_cell() {
    let owner = Owner::new();
    owner.set();
    let mut server = board();
    let store = BoardStore::new(server.clone(), someone());
    let cell = Placement::cell("okonomi", "na").unwrap();
    let op = create(&server, "Søke bostøtte", &cell);
    let e1 = accept(&mut server, op);
    let op = create(&server, "Time hos gjeldsrådgiver", &cell);
    let e2 = accept(&mut server, op);
    assert!(store.receive(&e1));
    assert!(store.receive(&e2));
    assert_eq!(store.version.get_untracked(), 2);
    let ids = store.card_ids_at(&cell);
    assert_eq!(
        ids,
        vec![e1.op.card_id().unwrap(), e2.op.card_id().unwrap()]
    );
    let card = store.card(ids[0]).unwrap();
    assert_eq!(card.get_untracked().text.as_str(), "Søke bostøtte");
}

#[wasm_bindgen_test]
fn an_event_that_skips_a_version_is_refused_by_the_store() {
    let owner = Owner::new();
    owner.set();
    let mut server = board();
    let store = BoardStore::new(server.clone(), someone());
    let cell = Placement::zone("drommer").unwrap();
    let op = create(&server, "a", &cell);
    accept(&mut server, op);
    let op = create(&server, "b", &cell);
    let e2 = accept(&mut server, op);
    assert!(!store.receive(&e2));
    assert_eq!(store.version.get_untracked(), 0);
    store.reset(server.clone());
    assert_eq!(store.version.get_untracked(), 2);
    assert_eq!(store.card_ids_at(&cell).len(), 2);
}

#[wasm_bindgen_test]
fn a_change_shows_at_once_and_a_refused_one_says_why_without_being_sent() {
    let owner = Owner::new();
    owner.set();
    let server = board();
    let store = BoardStore::new(server.clone(), someone());
    let cell = Placement::cell("jobb", "na").unwrap();
    let op = create(&server, "Søke jobb", &cell);
    let id = op.card_id().unwrap();
    store.apply(op, Lang::Nb).unwrap();
    // Shown before the server has answered, and waiting to be sent.
    assert_eq!(store.card_ids_at(&cell), vec![id]);
    assert_eq!(store.unsent.get_untracked(), 1);
    assert_eq!(store.version.get_untracked(), 0, "not confirmed yet");

    let too_long = create(&server, &"x".repeat(501), &cell);
    let message = store.apply(too_long, Lang::Nb).unwrap_err();
    assert_eq!(
        message,
        "Teksten på kortet er for lang: 501 tegn. Du kan bruke opptil 500 tegn."
    );
    assert_eq!(
        store.unsent.get_untracked(),
        1,
        "a refused change is not queued"
    );
    assert_eq!(store.card_ids_at(&cell), vec![id]);
}

#[wasm_bindgen_test]
fn unsent_changes_are_kept_in_the_browser_until_the_server_confirms_them() {
    let owner = Owner::new();
    owner.set();
    let mut server = board();
    let account = model::AccountId::from_random_bytes([9; 16]);
    let key = format!("duk.pending.{account}.{}", server.id);
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let _ = storage.remove_item(&key);
    let cell = Placement::cell("jobb", "na").unwrap();
    let op = create(&server, "Søke jobb", &cell);
    let id = op.card_id().unwrap();
    {
        // No connection: the change waits, in the page and in the browser's storage.
        let store = BoardStore::new(server.clone(), account);
        store.apply(op.clone(), Lang::Nb).unwrap();
        assert!(
            storage
                .get_item(&key)
                .unwrap()
                .unwrap()
                .contains("Søke jobb")
        );
    }
    // The tab is closed and opened again: the change is still there, shown and waiting,
    // with the signal its card is drawn from (without it the cell lists an id it cannot
    // draw, and the card was invisible after a reload).
    let store = BoardStore::new(server.clone(), account);
    assert_eq!(store.unsent.get_untracked(), 1);
    assert_eq!(store.card_ids_at(&cell), vec![id]);
    assert_eq!(
        store.card(id).map(|c| c.get_untracked().text.to_string()),
        Some("Søke jobb".into())
    );
    // Someone else's account on the same browser does not get it.
    let other = BoardStore::new(server.clone(), someone());
    assert_eq!(other.unsent.get_untracked(), 0);
    // The server accepts it (the event carries the same client op id): no longer kept.
    let pending: Vec<model::Pending> =
        serde_json::from_str(&storage.get_item(&key).unwrap().unwrap()).unwrap();
    let ctx = model::ApplyContext {
        actor: "Ola".into(),
        at: model::Timestamp(2_000),
        client_op_id: pending[0].client_op_id,
    };
    let event = server.apply(&pending[0].op, &ctx).unwrap();
    assert!(store.receive(&event));
    assert_eq!(store.unsent.get_untracked(), 0);
    assert_eq!(storage.get_item(&key).unwrap(), None);
    assert_eq!(store.card_ids_at(&cell), vec![id]);
    assert!(store.card(id).is_some());
}

#[wasm_bindgen_test]
fn a_change_the_server_could_not_take_just_now_stays_and_a_refused_one_goes() {
    let owner = Owner::new();
    owner.set();
    let server = board();
    let account = someone();
    let key = format!("duk.pending.{account}.{}", server.id);
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let store = BoardStore::new(server.clone(), account);
    let cell = Placement::zone("drommer").unwrap();
    let op = create(&server, "Reise til Lofoten", &cell);
    let id = op.card_id().unwrap();
    store.apply(op, Lang::Nb).unwrap();
    let pending: Vec<model::Pending> =
        serde_json::from_str(&storage.get_item(&key).unwrap().unwrap()).unwrap();
    let sent = pending[0].client_op_id;
    // "Not now" (busy, or a failure on the server's side): still shown, kept, waiting.
    for code in ["busy", "internal"] {
        store.refused(sent, code, "Prøv igjen.".into());
        assert_eq!(store.unsent.get_untracked(), 1, "{code}");
        assert_eq!(store.card_ids_at(&cell), vec![id]);
        assert!(storage.get_item(&key).unwrap().is_some());
        assert_eq!(store.notice.get_untracked(), None);
    }
    // "No": taken back, with the reason.
    store.refused(sent, "forbidden", "Du har ikke tilgang til dette.".into());
    assert_eq!(store.unsent.get_untracked(), 0);
    assert!(store.card_ids_at(&cell).is_empty());
    assert_eq!(storage.get_item(&key).unwrap(), None);
    assert_eq!(
        store.notice.get_untracked(),
        Some(Notice::Refused("Du har ikke tilgang til dette.".into()))
    );
}

#[wasm_bindgen_test]
fn the_person_whose_words_were_replaced_is_told_with_both_texts_and_a_way_back() {
    let owner = Owner::new();
    owner.set();
    let mut server = board();
    let cell = Placement::cell("jobb", "na").unwrap();
    let op = create(&server, "Søke jobb", &cell);
    let created = accept(&mut server, op);
    let card = created.op.card_id().unwrap();
    let account = someone();
    let store = BoardStore::new(server.clone(), account);
    store.set_me("Ola Nordmann".into());
    let edit = |text: &str| Operation::EditCard {
        card_id: card,
        text: Some(text.into()),
        responsible: model::Patch::Keep,
        due: model::Patch::Keep,
        status: None,
        note: model::Patch::Keep,
    };
    // Ola's edit is accepted…
    store.apply(edit("Søke jobb i kommunen"), Lang::Nb).unwrap();
    let key = format!("duk.pending.{account}.{}", server.id);
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let pending: Vec<model::Pending> =
        serde_json::from_str(&storage.get_item(&key).unwrap().unwrap()).unwrap();
    let mine = model::ApplyContext {
        actor: "Ola Nordmann".into(),
        at: Timestamp(2),
        client_op_id: pending[0].client_op_id,
    };
    let ola = server.apply(&edit("Søke jobb i kommunen"), &mine).unwrap();
    assert!(store.receive(&ola));
    // …then Siri's, made without having seen it, replaces it.
    let siri_ctx = model::ApplyContext {
        actor: "Siri Hansen".into(),
        at: Timestamp(3),
        client_op_id: random::client_op_id(),
    };
    let mut siri = server.apply(&edit("Søke jobb i Asker"), &siri_ctx).unwrap();
    siri.overwrote = vec![model::Overwrite {
        client_op_id: ola.client_op_id,
        version: ola.version,
        actor: "Ola Nordmann".into(),
        restore: edit("Søke jobb i kommunen"),
    }];
    assert!(store.receive(&siri));
    assert_eq!(
        store.notice.get_untracked(),
        Some(Notice::Overwritten(Overwritten {
            by: "Siri Hansen".into(),
            yours: Some("Søke jobb i kommunen".into()),
            now: Some("Søke jobb i Asker".into()),
            restore: edit("Søke jobb i kommunen"),
        }))
    );
    // Someone else reading the same event is told nothing.
    let other = BoardStore::new(server.clone(), someone());
    other.set_me("Per Olsen".into());
    assert_eq!(other.notice.get_untracked(), None);
}

#[wasm_bindgen_test]
fn dates_are_written_for_people_in_both_languages() {
    let d = IsoDate::parse("2026-11-22").unwrap();
    assert_eq!(format::date(d, Lang::Nb), "22. november 2026");
    assert_eq!(format::date(d, Lang::En), "22 November 2026");
    assert_eq!(
        i18n::fill("Legg til kort i {place}", &[("place", "Økonomi")]),
        "Legg til kort i Økonomi"
    );
}

#[wasm_bindgen_test]
fn ids_from_the_browser_are_random_version_4_uuids() {
    let (a, b) = (random::card_id(), random::card_id());
    assert_ne!(a, b);
    assert_eq!(a.0.get_version_num(), 4);
}

#[wasm_bindgen_test]
async fn the_grid_renders_every_theme_and_column_with_its_cards() {
    let mut server = board();
    let cell = Placement::cell("jobb", "kort-sikt").unwrap();
    let op = create(&server, "Arbeidstrening", &cell);
    accept(&mut server, op);
    let document = document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let root: web_sys::HtmlElement = root.unchecked_into();
    let snapshot = server.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let store = BoardStore::new(snapshot.clone(), someone());
        let i18n = I18n::provide_lang(Lang::Nb);
        let ui = BoardUi::new();
        provide_context(ui);
        provide_context(Dnd::new(store, i18n));
        provide_context(ChangeMarks::new(store, ui));
        view! { <DukGrid store=store /> }
    });
    // Let effects run.
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL))
        .await
        .unwrap();
    assert_eq!(root.query_selector_all(".duk-row").unwrap().length(), 9);
    assert_eq!(root.query_selector_all(".duk-cell").unwrap().length(), 36);
    let group = root
        .query_selector("[aria-label^='Jobb, På kort sikt']")
        .unwrap()
        .expect("the cell is named");
    assert!(group.text_content().unwrap().contains("Arbeidstrening"));
    assert!(
        root.text_content()
            .unwrap()
            .contains("På kort sikt (innen 22. mai 2027)"),
        "the short-term column shows its date, with «innen» as on the paper"
    );
}

#[wasm_bindgen_test]
fn every_text_exists_in_both_languages_and_switching_updates_the_page() {
    let owner = Owner::new();
    owner.set();
    let i18n = I18n::provide_lang(Lang::Nb);
    let title = i18n.tr(Key::list_title);
    assert_eq!(title.get_untracked(), "Mine planer");
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("nb")
    );
    i18n.switch();
    assert_eq!(title.get_untracked(), "My plans");
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );
    assert_eq!(
        i18n.fill(Key::board_add_card_in, &[("place", "Work")]),
        "Add a card to Work"
    );
    // Leave the saved choice as a fresh browser would have it.
    i18n.switch();
}

#[wasm_bindgen_test]
fn norwegian_numbers_are_shown_in_groups_and_others_as_stored() {
    assert_eq!(format::phone("+4791234567"), "912 34 567");
    assert_eq!(format::phone("+4722334455"), "22 33 44 55");
    assert_eq!(format::phone("+46701234567"), "+46701234567");
}

#[wasm_bindgen_test]
fn days_people_plan_around_are_written_with_their_weekday() {
    let d = IsoDate::parse("2026-12-04").unwrap();
    assert_eq!(format::weekday_date(d, Lang::Nb), "fredag 4. desember 2026");
    assert_eq!(format::weekday_date(d, Lang::En), "Friday, 4 December 2026");
}

#[wasm_bindgen_test]
fn the_citizens_addresses_read_back_as_the_same_pages() {
    use app::router::{CitizenTab, Route};
    let id = BoardId::from_random_bytes([9; 16]);
    for route in [
        Route::Citizen(Some(id), CitizenTab::Overview),
        Route::Citizen(Some(id), CitizenTab::Plan),
        Route::Citizen(Some(id), CitizenTab::Callback),
        Route::Profile,
        Route::Glossary,
    ] {
        assert_eq!(Route::parse(&route.href()), route);
    }
    // Each bundle knows which pages it has; the whole app sends the citizen's elsewhere.
    assert!(!Route::Citizen(Some(id), CitizenTab::Plan).in_this_bundle());
    assert!(Route::Board(Some(id)).in_this_bundle());
    assert!(Route::Citizen(Some(id), CitizenTab::Plan).in_citizen_bundle());
    assert!(!Route::Profile.in_citizen_bundle());
}
