//! A small router over the History API: the app's few routes as an enum.
//!
//! (`leptos_router` measured +59 KB brotli for a single route; Duk has a handful of flat
//! routes and needs none of its nesting, so this keeps the bundle within SPEC §10.)

use leptos::{ev, prelude::*};
use model::{BoardId, CardId};
use wasm_bindgen::{JsCast, prelude::Closure};

/// The three pages of the citizen's view of a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CitizenTab {
    /// `/plan/{id}`: contact person, deadlines, next meeting, calendar.
    Overview,
    /// `/plan/{id}/min-plan`: the whole plan as a list.
    Plan,
    /// `/plan/{id}/ring-meg`: ask to be called.
    Callback,
}

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: "Mine planer".
    Boards,
    /// `/boards/{id}`: a board (the id may be malformed; the page says it is not found).
    Board(Option<BoardId>),
    /// `/boards/{id}/referat/{number}/{revision}`: a meeting's minutes.
    Minutes(Option<BoardId>, u32, u32),
    /// `/boards/{id}/historikk[/{card}]`: the board's (or one card's) history.
    History(Option<BoardId>, Option<CardId>),
    /// `/boards/{id}/versjon/{version}`: the board as it was.
    BoardAt(Option<BoardId>, u64),
    /// `/oppgaver`: "Mine oppgaver" across boards.
    Tasks,
    /// `/logg-inn`: staff sign-in.
    Login,
    /// `/invitasjon#<secret>`: a citizen or støtteperson enters their code.
    Invitation,
    /// `/konto`: the signed-in account, new password, sign out.
    Account,
    /// `/admin`: staff accounts.
    AdminAccounts,
    /// `/admin/logg`: the audit log.
    AdminAudit,
    /// `/plan/{id}…`: the citizen's view of a board.
    Citizen(Option<BoardId>, CitizenTab),
    /// `/profil`: staff's contact details for citizens.
    Profile,
    /// `/ordliste`: the words in the plan, explained.
    Glossary,
    /// Anything else.
    NotFound,
}

impl Route {
    /// Pages anyone may open without being signed in.
    pub fn is_public(&self) -> bool {
        matches!(
            self,
            Route::Login | Route::Invitation | Route::NotFound | Route::Glossary
        )
    }

    /// Pages the citizen's bundle has (`citizen_app.rs`).
    pub fn in_citizen_bundle(&self) -> bool {
        matches!(
            self,
            Route::Citizen(..) | Route::Glossary | Route::Invitation | Route::Boards
        )
    }

    /// Whether the bundle running now has this page; a link to one it lacks loads the
    /// page from the server, which sends the bundle that has it.
    pub fn in_this_bundle(&self) -> bool {
        if cfg!(feature = "citizen-bundle") {
            self.in_citizen_bundle()
        } else {
            !matches!(
                self,
                Route::Citizen(..) | Route::Glossary | Route::Invitation
            )
        }
    }

    /// Reads a path.
    pub fn parse(path: &str) -> Route {
        let segments: Vec<&str> = path
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .collect();
        match segments.as_slice() {
            [] => Route::Boards,
            ["boards", id] => Route::Board(BoardId::parse(id)),
            ["boards", id, "referat", n, r] => match (n.parse(), r.parse()) {
                (Ok(n), Ok(r)) => Route::Minutes(BoardId::parse(id), n, r),
                _ => Route::NotFound,
            },
            ["boards", id, "historikk"] => Route::History(BoardId::parse(id), None),
            ["boards", id, "historikk", card] => match CardId::parse(card) {
                Some(card) => Route::History(BoardId::parse(id), Some(card)),
                None => Route::NotFound,
            },
            ["boards", id, "versjon", v] => match v.parse() {
                Ok(v) => Route::BoardAt(BoardId::parse(id), v),
                Err(_) => Route::NotFound,
            },
            ["oppgaver"] => Route::Tasks,
            ["logg-inn"] => Route::Login,
            ["invitasjon"] => Route::Invitation,
            ["konto"] => Route::Account,
            ["admin"] => Route::AdminAccounts,
            ["admin", "logg"] => Route::AdminAudit,
            ["plan", id] => Route::Citizen(BoardId::parse(id), CitizenTab::Overview),
            ["plan", id, "min-plan"] => Route::Citizen(BoardId::parse(id), CitizenTab::Plan),
            ["plan", id, "ring-meg"] => Route::Citizen(BoardId::parse(id), CitizenTab::Callback),
            ["profil"] => Route::Profile,
            ["ordliste"] => Route::Glossary,
            _ => Route::NotFound,
        }
    }

    /// The path of a route.
    pub fn href(&self) -> String {
        match self {
            Route::Boards => "/".into(),
            Route::Board(Some(id)) => format!("/boards/{id}"),
            Route::Minutes(Some(id), n, r) => format!("/boards/{id}/referat/{n}/{r}"),
            Route::History(Some(id), None) => format!("/boards/{id}/historikk"),
            Route::History(Some(id), Some(card)) => format!("/boards/{id}/historikk/{card}"),
            Route::BoardAt(Some(id), v) => format!("/boards/{id}/versjon/{v}"),
            Route::Tasks => "/oppgaver".into(),
            Route::Login => "/logg-inn".into(),
            Route::Invitation => "/invitasjon".into(),
            Route::Account => "/konto".into(),
            Route::AdminAccounts => "/admin".into(),
            Route::AdminAudit => "/admin/logg".into(),
            Route::Citizen(Some(id), CitizenTab::Overview) => format!("/plan/{id}"),
            Route::Citizen(Some(id), CitizenTab::Plan) => format!("/plan/{id}/min-plan"),
            Route::Citizen(Some(id), CitizenTab::Callback) => format!("/plan/{id}/ring-meg"),
            Route::Profile => "/profil".into(),
            Route::Glossary => "/ordliste".into(),
            Route::Board(None)
            | Route::Citizen(None, _)
            | Route::Minutes(None, ..)
            | Route::History(None, _)
            | Route::BoardAt(None, _)
            | Route::NotFound => "/404".into(),
        }
    }
}

/// The current route, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Router {
    route: RwSignal<Route>,
}

fn current_path() -> String {
    window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "/".into())
}

impl Router {
    /// Reads the address bar, follows the back and forward buttons, and provides itself.
    pub fn provide() -> Self {
        let router = Router {
            route: RwSignal::new(Route::parse(&current_path())),
        };
        // A skip link (`#duk`) fires popstate too, on the same route: the page stays.
        let on_popstate = Closure::<dyn Fn()>::new(move || {
            let route = Route::parse(&current_path());
            if route != router.route.get_untracked() {
                router.route.set(route);
            }
        });
        let _ = window()
            .add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        on_popstate.forget();
        provide_context(router);
        router
    }

    /// The current route (tracked).
    pub fn route(&self) -> Route {
        self.route.get()
    }

    /// The current route, without tracking.
    pub fn route_untracked(&self) -> Route {
        self.route.get_untracked()
    }

    /// Goes to a route: a new history entry, the top of the page, and focus on the main
    /// content so that screen readers start reading the new page.
    pub fn navigate(&self, to: Route) {
        self.go(to, None);
    }

    /// Goes to a route and shows the element with id `fragment` there (a card on "Min
    /// plan"), focused, instead of the top of the page.
    pub fn navigate_to(&self, to: Route, fragment: &str) {
        self.go(to, Some(fragment.to_owned()));
    }

    fn go(&self, to: Route, fragment: Option<String>) {
        let mut href = to.href();
        if let Some(f) = &fragment {
            href.push('#');
            href.push_str(f);
        }
        if !to.in_this_bundle() {
            let _ = window().location().assign(&href);
            return;
        }
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
        self.route.set(to);
        match fragment {
            // The page may come from a module still on its way: look for a while.
            Some(f) => reveal_when_drawn(f, 300),
            None => {
                window().scroll_to_with_x_and_y(0.0, 0.0);
                request_animation_frame(|| {
                    focus_element("main");
                });
            }
        }
    }
}

pub(crate) fn focus_element(id: &str) -> bool {
    match document()
        .get_element_by_id(id)
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(el) => {
            let _ = el.focus();
            true
        }
        None => false,
    }
}

/// Reveals the element with `id` once it is drawn, trying on each of the next `frames`
/// animation frames.
fn reveal_when_drawn(id: String, frames: u32) {
    request_animation_frame(move || {
        if document().get_element_by_id(&id).is_some() {
            reveal(&id);
        } else if frames > 0 {
            reveal_when_drawn(id, frames - 1);
        }
    });
}

/// Scrolls the element with `id` into view and focuses it, opening the `<details>` it is
/// folded into, if any.
pub fn reveal(id: &str) {
    let Some(el) = document().get_element_by_id(id) else {
        return;
    };
    let mut parent = el.parent_element();
    while let Some(p) = parent {
        if let Some(details) = p.dyn_ref::<web_sys::HtmlDetailsElement>() {
            details.set_open(true);
        }
        parent = p.parent_element();
    }
    el.scroll_into_view();
    focus_element(id);
}

/// The router provided by [`Router::provide`].
pub fn use_router() -> Router {
    expect_context::<Router>()
}

/// Fetches the modules a route draws with, ahead of opening it (`lazy::preload`). The
/// app's root provides it, so that the router knows nothing of the pages it leads to.
#[derive(Debug, Clone, Copy)]
pub struct Preloader(pub fn(&Route));

/// A link inside the app: a real `<a href>` (open in new tab works), navigated in place on
/// a plain click. `current` marks the link to the page being shown (`aria-current`).
#[component]
pub fn Link(
    /// The page the link leads to; its module is fetched ahead when pointed at or focused.
    to: Route,
    /// The CSS classes of the `<a>`, if any.
    #[prop(optional, into)]
    class: Option<String>,
    /// Whether the link leads to the page being shown (`aria-current="page"`); never if omitted.
    #[prop(optional, into)]
    current: Option<Signal<bool>>,
    /// The link's content.
    children: Children,
) -> impl IntoView {
    let router = use_router();
    let href = to.href();
    // Pointing at or tabbing to a link fetches the page's module, so it opens at once.
    let ahead = to.clone();
    let on_click = move |e: ev::MouseEvent| {
        if e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()) {
            e.prevent_default();
            router.navigate(to.clone());
        }
    };
    let aria_current = move || current.and_then(|c| c.get().then_some("page"));
    let preloader = use_context::<Preloader>();
    let preload = move || {
        if let Some(Preloader(preload)) = preloader {
            preload(&ahead);
        }
    };
    let preload_too = preload.clone();
    view! {
        <a
            href=href
            class=class
            aria-current=aria_current
            on:click=on_click
            on:pointerenter=move |_| preload()
            on:focus=move |_| preload_too()
        >
            {children()}
        </a>
    }
}
