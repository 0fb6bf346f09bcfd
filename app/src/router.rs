//! A small router over the History API: the app's few routes as an enum.
//!
//! (`leptos_router` measured +59 KB brotli for a single route; Duk has a handful of flat
//! routes and needs none of its nesting, so this keeps the bundle within SPEC §10.)

use leptos::{ev, prelude::*};
use model::BoardId;
use wasm_bindgen::{JsCast, prelude::Closure};

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: "Mine planer".
    Boards,
    /// `/boards/{id}`: a board (the id may be malformed; the page says it is not found).
    Board(Option<BoardId>),
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
    /// Anything else.
    NotFound,
}

impl Route {
    /// Pages anyone may open without being signed in.
    pub fn is_public(&self) -> bool {
        matches!(self, Route::Login | Route::Invitation | Route::NotFound)
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
            ["logg-inn"] => Route::Login,
            ["invitasjon"] => Route::Invitation,
            ["konto"] => Route::Account,
            ["admin"] => Route::AdminAccounts,
            ["admin", "logg"] => Route::AdminAudit,
            _ => Route::NotFound,
        }
    }

    /// The path of a route.
    pub fn href(&self) -> String {
        match self {
            Route::Boards => "/".into(),
            Route::Board(Some(id)) => format!("/boards/{id}"),
            Route::Login => "/logg-inn".into(),
            Route::Invitation => "/invitasjon".into(),
            Route::Account => "/konto".into(),
            Route::AdminAccounts => "/admin".into(),
            Route::AdminAudit => "/admin/logg".into(),
            Route::Board(None) | Route::NotFound => "/404".into(),
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
        let on_popstate =
            Closure::<dyn Fn()>::new(move || router.route.set(Route::parse(&current_path())));
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
        let href = to.href();
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
        self.route.set(to);
        window().scroll_to_with_x_and_y(0.0, 0.0);
        request_animation_frame(|| {
            if let Some(main) = document()
                .get_element_by_id("main")
                .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = main.focus();
            }
        });
    }
}

/// The router provided by [`Router::provide`].
pub fn use_router() -> Router {
    expect_context::<Router>()
}

/// A link inside the app: a real `<a href>` (open in new tab works), navigated in place on
/// a plain click.
#[component]
pub fn Link(
    to: Route,
    #[prop(optional, into)] class: Option<String>,
    children: Children,
) -> impl IntoView {
    let router = use_router();
    let href = to.href();
    let on_click = move |e: ev::MouseEvent| {
        if e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()) {
            e.prevent_default();
            router.navigate(to.clone());
        }
    };
    view! {
        <a href=href class=class on:click=on_click>
            {children()}
        </a>
    }
}
