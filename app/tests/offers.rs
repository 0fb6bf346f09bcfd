//! The app offers what the model allows, and nothing else: for each role on a board and
//! each operation, the control that makes it is on the page exactly when
//! `Board::permits` (the model's permission table, which the server enforces) says that
//! person may do it. Drawn in a real browser with the board page's own components.

// long-file: one check per operation for every role, each next to the control it looks for

use app::{
    components::{
        board_header::BoardHeader, board_toolbar::BoardToolbar, card_details::CardDetails,
        duk_grid::DukGrid, meeting_bar::MeetingBar, minutes_answer::MinutesAnswer,
    },
    dnd::Dnd,
    i18n::I18n,
    pages::minutes::Minutes,
    router::Router,
    state::{BoardStore, BoardUi, ChangeMarks, CitizenState, Session, Tool},
};
use leptos::prelude::*;
use model::{
    AccountId, AccountKind, ApplyContext, Attendee, Board, BoardId, BoardRole, CardId, ClientOpId,
    CreateBoard, IsoDate, Lang, Me, MeetingFields, MeetingId, MemberFields, MemberId, Operation,
    OrderKey, Placement, TimeOfDay, Timestamp,
};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A board with a team of three (the lead, the viewer when a team member, and a colleague
/// with an account), a card, and a meeting ahead; `running` starts a meeting on it.
struct Fixture {
    board: Board,
    /// The signed-in team member's account (the lead has one of their own).
    member_account: AccountId,
    /// The lead's account.
    lead_account: AccountId,
    card: CardId,
    colleague: MemberId,
    meeting: MeetingId,
}

/// A fresh id (distinct within the test run).
fn id() -> Uuid {
    thread_local!(static NEXT: std::cell::Cell<u128> = const { std::cell::Cell::new(1) });
    NEXT.with(|n| {
        n.set(n.get() + 1);
        Uuid::from_u128(n.get() << 64 | 0x4000_8000_0000_0000)
    })
}

/// The meeting ahead.
fn meeting_fields() -> MeetingFields {
    MeetingFields {
        date: IsoDate::parse("2099-01-15").unwrap(),
        time: TimeOfDay::parse("10:00").unwrap(),
        minutes: None,
        place: Some("NAV".into()),
        video_link: None,
        agenda: Vec::new(),
        invited: Vec::new(),
        interpreter: None,
    }
}

fn apply(board: &mut Board, op: Operation) {
    let ctx = ApplyContext {
        actor: "Ola".into(),
        at: Timestamp(1),
        client_op_id: ClientOpId(id()),
    };
    board
        .apply(&op, &ctx)
        .expect("the fixture's change is valid");
}

fn member(board: &mut Board, name: &str, account: AccountId) -> MemberId {
    let member_id = MemberId(id());
    apply(
        board,
        Operation::AddMember {
            member_id,
            member: MemberFields {
                name: name.into(),
                account: Some(account),
                ..MemberFields::default()
            },
        },
    );
    member_id
}

fn fixture(running: bool, citizen_may_add: bool) -> Fixture {
    let mut board = CreateBoard {
        citizen_name: "Kari Nordmann".into(),
        title: None,
        short_term_by: None,
        long_term_by: None,
    }
    .into_board(BoardId(id()), Timestamp(0))
    .unwrap();
    let lead_account = AccountId(id());
    let lead = member(&mut board, "Ola Leder", lead_account);
    apply(&mut board, Operation::SetLead { member_id: lead });
    let member_account = AccountId(id());
    member(&mut board, "Mia Medlem", member_account);
    let colleague = member(&mut board, "Siri Kollega", AccountId(id()));
    let card = CardId(id());
    apply(
        &mut board,
        Operation::CreateCard {
            card_id: card,
            placement: Placement::cell("jobb", "na").unwrap(),
            order: OrderKey::between(None, None).to_string(),
            text: "Søke jobb".into(),
        },
    );
    let meeting = MeetingId(id());
    apply(
        &mut board,
        Operation::ScheduleMeeting {
            meeting_id: meeting,
            meeting: meeting_fields(),
        },
    );
    if citizen_may_add {
        apply(
            &mut board,
            Operation::SetHeader {
                title: None,
                citizen_name: None,
                short_term_by: model::Patch::Keep,
                long_term_by: model::Patch::Keep,
                stage: model::Patch::Keep,
                citizen_may_add: Some(true),
            },
        );
    }
    if running {
        apply(
            &mut board,
            Operation::StartMeeting {
                meeting_id: None,
                present: Vec::new(),
            },
        );
    }
    Fixture {
        board,
        member_account,
        lead_account,
        card,
        colleague,
        meeting,
    }
}

/// The account someone in `role` is signed in with.
fn account_of(f: &Fixture, role: BoardRole) -> AccountId {
    match role {
        BoardRole::Owner => f.lead_account,
        BoardRole::Member => f.member_account,
        BoardRole::Citizen | BoardRole::Support => AccountId(Uuid::from_u128(7)),
    }
}

/// Lets effects, suspenses and the split points' futures run.
async fn settle() {
    for _ in 0..5 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

/// A fresh element to draw into.
fn new_root() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Language, routes and the signed-in session every page has, for `role` as `account`.
fn provide_page(role: BoardRole, account: AccountId) -> I18n {
    let i18n = I18n::provide_lang(Lang::Nb);
    Router::provide();
    provide_context(Session {
        me: RwSignal::new(Some(Me {
            id: account,
            name: "Noen".into(),
            kind: match role {
                BoardRole::Owner | BoardRole::Member => AccountKind::Staff,
                BoardRole::Citizen => AccountKind::Citizen,
                BoardRole::Support => AccountKind::Support,
            },
            staff_role: None,
            office: None,
            email: None,
            must_change_password: false,
        })),
        checked: RwSignal::new(true),
        offline: RwSignal::new(false),
    });
    i18n
}

/// The board page's pieces, drawn for `role` on the fixture's board.
async fn draw(f: &Fixture, role: BoardRole) -> (web_sys::HtmlElement, BoardUi) {
    let root = new_root();
    let board = f.board.clone();
    let account = account_of(f, role);
    let ui_out = StoredValue::new(None::<BoardUi>);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let i18n = provide_page(role, account);
        let store = BoardStore::new(board.clone(), account);
        let ui = BoardUi::new();
        ui.role.set(role);
        ui_out.set_value(Some(ui));
        provide_context(ui);
        provide_context(Dnd::new(store, i18n));
        provide_context(ChangeMarks::new(store, ui));
        view! {
            <BoardHeader store=store />
            <MeetingBar store=store />
            <BoardToolbar store=store />
            <DukGrid store=store />
            <CardDetails store=store />
        }
    });
    handle.forget();
    settle().await;
    (root, ui_out.get_value().unwrap())
}

fn count(root: &web_sys::HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

/// Buttons whose text or label starts with `text`.
fn buttons(root: &web_sys::HtmlElement, text: &str) -> u32 {
    let all = root.query_selector_all("button").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i))
        .map(|n| n.unchecked_into::<web_sys::Element>())
        .filter(|b| {
            b.text_content()
                .unwrap_or_default()
                .trim()
                .starts_with(text)
                || b.get_attribute("aria-label")
                    .is_some_and(|l| l.starts_with(text))
        })
        .count() as u32
}

/// Checks one control: shown (at least once) exactly when the model allows `op`.
fn offered(failures: &mut Vec<String>, what: &str, role: BoardRole, allowed: bool, shown: u32) {
    if allowed != (shown > 0) {
        failures.push(format!(
            "{role:?}: {what}: the model says {}, the page shows it {shown} time(s)",
            if allowed { "allowed" } else { "refused" },
        ));
    }
}

/// Every operation but the two of the minutes (made on the minutes and citizen pages),
/// for one role, between meetings.
async fn between_meetings(f: &Fixture, role: BoardRole, failures: &mut Vec<String>) {
    let may = |op: Operation| f.board.permits(role, Some(account_of(f, role)), &op);
    let cell = Placement::cell("jobb", "na").unwrap();
    let (root, ui) = draw(f, role).await;

    let create = may(Operation::CreateCard {
        card_id: CardId(id()),
        placement: cell.clone(),
        order: OrderKey::between(None, None).to_string(),
        text: "Nytt".into(),
    });
    offered(
        failures,
        "CreateCard (Legg til kort)",
        role,
        create,
        count(&root, "button.add-card"),
    );
    let card = f.card;
    let edit = may(Operation::EditCard {
        card_id: card,
        text: Some("Ny tekst".into()),
        responsible: model::Patch::Keep,
        due: model::Patch::Keep,
        status: None,
        note: model::Patch::Keep,
    });
    offered(
        failures,
        "EditCard (the card's text as a button)",
        role,
        edit,
        count(&root, "button.card-text"),
    );
    offered(
        failures,
        "EditCard/DeleteCard (Mer om kortet)",
        role,
        edit,
        count(&root, "button.card-more"),
    );
    let mv = may(Operation::MoveCard {
        card_id: card,
        placement: cell.clone(),
        order: OrderKey::between(None, None).to_string(),
    });
    offered(
        failures,
        "MoveCard (Flytt kortet)",
        role,
        mv,
        count(&root, "button.card-handle"),
    );
    let delete = may(Operation::DeleteCard { card_id: card });
    if delete {
        ui.details.set(Some(card));
        settle().await;
        offered(
            failures,
            "DeleteCard (Slett kortet)",
            role,
            delete,
            buttons(&root, "Slett kortet"),
        );
        ui.details.set(None);
        settle().await;
    }
    let header = may(Operation::SetHeader {
        title: Some("Ny tittel".into()),
        citizen_name: None,
        short_term_by: model::Patch::Keep,
        long_term_by: model::Patch::Keep,
        stage: model::Patch::Keep,
        citizen_may_add: None,
    });
    offered(
        failures,
        "SetHeader (Endre planens topp)",
        role,
        header,
        buttons(&root, "Endre planens topp"),
    );
    let rows = may(Operation::AddTheme {
        theme_id: model::SlotId::parse("egen-rad").unwrap(),
        label: "Familie".into(),
    });
    offered(
        failures,
        "AddTheme/EditTheme (Rader)",
        role,
        rows,
        count(&root, "#tool-rows"),
    );
    let start = may(Operation::StartMeeting {
        meeting_id: None,
        present: Vec::new(),
    });
    offered(
        failures,
        "StartMeeting (Start møtet)",
        role,
        start,
        buttons(&root, "Start møtet"),
    );

    in_the_tools(f, role, &root, ui, failures).await;
    root.remove();
}

/// The operations made from the toolbar's panels (team, meetings, access), for one role.
async fn in_the_tools(
    f: &Fixture,
    role: BoardRole,
    root: &web_sys::HtmlElement,
    ui: BoardUi,
    failures: &mut Vec<String>,
) {
    let may = |op: Operation| f.board.permits(role, Some(account_of(f, role)), &op);
    let root = root.clone();
    ui.tool.set(Some(Tool::Team));
    settle().await;
    let add = may(Operation::AddMember {
        member_id: MemberId(id()),
        member: MemberFields {
            name: "Fastlegen".into(),
            ..MemberFields::default()
        },
    });
    offered(
        failures,
        "AddMember (Legg til i teamet)",
        role,
        add,
        count(&root, "form.add-member"),
    );
    let remove = may(Operation::RemoveMember {
        member_id: f.colleague,
    });
    offered(
        failures,
        "RemoveMember (Fjern … fra teamet)",
        role,
        remove,
        buttons(&root, "Fjern Siri Kollega"),
    );
    let contact = may(Operation::SetContact {
        member_id: Some(f.colleague),
    });
    offered(
        failures,
        "SetContact (Gjør til kontaktperson)",
        role,
        contact,
        buttons(&root, "Gjør til kontaktperson: Siri"),
    );

    ui.tool.set(Some(Tool::Meetings));
    settle().await;
    let meeting = meeting_fields();
    let plan = may(Operation::ScheduleMeeting {
        meeting_id: MeetingId(id()),
        meeting: meeting.clone(),
    });
    offered(
        failures,
        "ScheduleMeeting (Nytt møte)",
        role,
        plan,
        buttons(&root, "Nytt møte"),
    );
    let edit_meeting = may(Operation::EditMeeting {
        meeting_id: f.meeting,
        meeting,
    });
    offered(
        failures,
        "EditMeeting (Endre møtet)",
        role,
        edit_meeting,
        buttons(&root, "Endre møtet "),
    );
    let cancel = may(Operation::CancelMeeting {
        meeting_id: f.meeting,
    });
    offered(
        failures,
        "CancelMeeting (Avlys møtet)",
        role,
        cancel,
        buttons(&root, "Avlys møtet "),
    );

    ui.tool.set(Some(Tool::Access));
    settle().await;
    let consent = may(Operation::SetConsent { consent: None });
    offered(
        failures,
        "SetConsent (Lagre samtykket)",
        role,
        consent,
        count(&root, "form.consent-form"),
    );
    let may_add = may(Operation::SetHeader {
        title: None,
        citizen_name: None,
        short_term_by: model::Patch::Keep,
        long_term_by: model::Patch::Keep,
        stage: model::Patch::Keep,
        citizen_may_add: Some(true),
    });
    offered(
        failures,
        "SetHeader (Innbyggeren kan legge til kort selv)",
        role,
        may_add,
        count(&root, ".access-panel input[type=checkbox]"),
    );
}

/// Ticking who is present and ending the meeting, for one role, during a meeting.
async fn during_a_meeting(f: &Fixture, role: BoardRole, failures: &mut Vec<String>) {
    let account = Some(account_of(f, role));
    let may = |op: Operation| f.board.permits(role, account, &op);
    let (root, _ui) = draw(f, role).await;
    let end = may(Operation::EndMeeting {});
    offered(
        failures,
        "EndMeeting (Avslutt møtet)",
        role,
        end,
        buttons(&root, "Avslutt møtet"),
    );
    let mut candidates = vec![Attendee::Citizen];
    candidates.extend(
        f.board
            .members
            .iter()
            .map(|m| Attendee::Member { member_id: m.id }),
    );
    let tickable = candidates
        .into_iter()
        .filter(|a| {
            may(Operation::SetPresent {
                attendee: a.clone(),
                present: true,
            })
        })
        .count() as u32;
    let shown = count(&root, "details.present-edit input[type=checkbox]");
    if shown != tickable {
        failures.push(format!(
            "{role:?}: SetPresent: the model allows ticking {tickable} of the people, the page \
             offers {shown} checkboxes"
        ));
    }
    let other = may(Operation::SetPresent {
        attendee: Attendee::Other {
            name: "Tolken".into(),
        },
        present: true,
    });
    offered(
        failures,
        "SetPresent (Andre til stede)",
        role,
        other,
        count(&root, "details.present-edit form.inline-form"),
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn every_role_is_offered_exactly_what_the_model_allows_on_the_board_page() {
    let mut failures = Vec::new();
    for citizen_may_add in [false, true] {
        let f = fixture(false, citizen_may_add);
        for role in BoardRole::ALL {
            between_meetings(&f, role, &mut failures).await;
        }
    }
    let f = fixture(true, false);
    for role in BoardRole::ALL {
        during_a_meeting(&f, role, &mut failures).await;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The minutes (correcting them, on their page) and the answer to them (on the citizen's
/// first screen), for one role, after a meeting.
async fn after_a_meeting(role: BoardRole, failures: &mut Vec<String>) {
    let mut f = fixture(true, false);
    apply(&mut f.board, Operation::EndMeeting {});
    let account = account_of(&f, role);
    let may = |op: Operation| f.board.permits(role, Some(account), &op);
    let info = f.board.minutes.last().unwrap().clone();
    let page = model::MinutesPage {
        minutes: f.board.freeze_minutes(&info),
        answers: Vec::new(),
        latest_revision: info.revision,
        changes: Vec::new(),
        my_role: Some(role),
    };
    let root = new_root();
    let board_id = f.board.id;
    leptos::mount::mount_to(root.clone(), move || {
        provide_page(role, account);
        view! { <Minutes id=board_id page=page.clone() /> }
    })
    .forget();
    settle().await;
    let correct = may(Operation::CorrectMinutes {
        number: info.number,
        note: "Datoen var feil.".into(),
    });
    offered(
        failures,
        "CorrectMinutes (Rett referatet)",
        role,
        correct,
        count(&root, "section.correct-minutes"),
    );
    root.remove();

    let overview = model::CitizenOverview {
        title: f.board.title.to_string(),
        version: f.board.version,
        citizen_name: f.board.citizen_name.to_string(),
        my_role: role,
        contact: None,
        open_callback: None,
        meetings: Vec::new(),
        minutes: Some(model::CitizenMinutes {
            info: info.clone(),
            present_names: Vec::new(),
            tasks: Vec::new(),
        }),
        my_tasks: Vec::new(),
        others_tasks: Vec::new(),
        calendar_feed: None,
    };
    let root = new_root();
    leptos::mount::mount_to(root.clone(), move || {
        let i18n = provide_page(role, account);
        let state = CitizenState::provide(board_id, i18n);
        state.data.set(Some(overview.clone()));
        view! { <MinutesAnswer /> }
    })
    .forget();
    settle().await;
    let answer = may(Operation::AnswerMinutes {
        number: info.number,
        revision: info.revision,
        agrees: true,
        comment: None,
    });
    offered(
        failures,
        "AnswerMinutes (Send svar)",
        role,
        answer,
        count(&root, "form.minutes-answer"),
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn every_role_is_offered_exactly_what_the_model_allows_with_the_minutes() {
    let mut failures = Vec::new();
    for role in BoardRole::ALL {
        after_a_meeting(role, &mut failures).await;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
async fn a_wall_shows_no_control_that_changes_the_board() {
    let f = fixture(false, true);
    let (root, ui) = draw(&f, BoardRole::Owner).await;
    assert!(
        count(&root, "button.add-card") > 0,
        "the lead adds cards outside wall view"
    );
    ui.wall.set(true);
    settle().await;
    for selector in [
        "button.add-card",
        "button.card-more",
        "button.card-handle",
        "button.card-text",
    ] {
        assert_eq!(count(&root, selector), 0, "{selector} in wall view");
    }
    assert_eq!(buttons(&root, "Start møtet"), 0);
    root.remove();
}
