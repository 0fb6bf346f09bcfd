//! Every API endpoint, in one table.
//!
//! Routes are added only through [`Api`], which records each method and path, so
//! [`endpoints`] is the complete list; the authorization-matrix test compares its own
//! table with it, and a new endpoint without a row there fails the test.

use axum::{
    Router,
    handler::Handler,
    http::Method,
    routing::{MethodRouter, delete, get, patch, post, put},
};

use crate::{
    AppState, access, admin, boards, calendar, callbacks, citizen, health, invitations, live,
    record, signin,
};

/// One endpoint: method and path pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Endpoint {
    /// `GET`, `POST`…
    pub method: &'static str,
    /// As routed, e.g. `/api/boards/{id}`.
    pub path: &'static str,
}

/// Collects routes and their table.
#[derive(Default)]
struct Api {
    router: Router<AppState>,
    endpoints: Vec<Endpoint>,
}

impl Api {
    fn add(mut self, method: Method, path: &'static str, route: MethodRouter<AppState>) -> Self {
        self.endpoints.push(Endpoint {
            method: method.as_str().to_owned().leak(),
            path,
        });
        self.router = self.router.route(path, route);
        self
    }

    fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::GET, path, get(h))
    }

    fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::POST, path, post(h))
    }

    fn patch<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::PATCH, path, patch(h))
    }

    fn put<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::PUT, path, put(h))
    }

    fn delete<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::DELETE, path, delete(h))
    }
}

fn build() -> Api {
    Api::default()
        .get("/api/health", health::health)
        // Signing in and out.
        .post("/api/auth/login", signin::login)
        .post("/api/auth/logout", signin::logout)
        .get("/api/auth/me", signin::me)
        .post("/api/auth/password", signin::change_password)
        // Invitations, before a session exists.
        .post("/api/invitations/info", invitations::info)
        .post("/api/invitations/redeem", invitations::redeem)
        // Boards.
        .get("/api/boards", boards::list)
        .post("/api/boards", boards::create)
        .get("/api/boards/{id}", boards::show)
        .post("/api/boards/{id}/ops", boards::submit)
        .get("/api/boards/{id}/live", live::live)
        .get("/api/boards/{id}/access", access::list)
        .delete("/api/boards/{id}/access/{account}", access::revoke)
        .post("/api/boards/{id}/invitations", invitations::create)
        .delete(
            "/api/boards/{id}/invitations/{invitation}",
            invitations::withdraw,
        )
        .get("/api/boards/{id}/views", access::views)
        .get("/api/staff", access::staff)
        // The record: history, the board as it was, minutes, export, one's own tasks.
        .get("/api/boards/{id}/history", record::history)
        .get("/api/boards/{id}/versions/{version}", record::at_version)
        .get(
            "/api/boards/{id}/minutes/{number}/{revision}",
            record::minutes,
        )
        .get(
            "/api/boards/{id}/minutes/{number}/{revision}/pdf",
            record::minutes_pdf,
        )
        .get("/api/boards/{id}/export", record::export)
        .get("/api/tasks", record::my_tasks)
        // The citizen's view: contact person, "Ring meg", calendar.
        .get("/api/boards/{id}/citizen", citizen::view)
        .get("/api/boards/{id}/citizen/overview", citizen::overview)
        .get("/api/boards/{id}/callbacks", callbacks::list)
        .post("/api/boards/{id}/callbacks", callbacks::create)
        .get("/api/callbacks", callbacks::mine)
        .patch("/api/callbacks/{callback}", callbacks::update)
        .get("/api/boards/{id}/calendar.ics", calendar::download)
        .get("/api/boards/{id}/calendar-feed", calendar::feed_status)
        .post("/api/boards/{id}/calendar-feed", calendar::create_feed)
        .delete("/api/boards/{id}/calendar-feed", calendar::revoke_feed)
        // Polled by calendar apps: the secret token is the only key.
        .get("/api/calendar/{token}", calendar::feed)
        // Staff's own contact details, shown to the citizens they are contact person for.
        .get("/api/profile", citizen::my_profile)
        .put("/api/profile", citizen::save_profile)
        // Administration.
        .get("/api/admin/accounts", admin::accounts)
        .post("/api/admin/accounts", admin::create_account)
        .patch("/api/admin/accounts/{account}", admin::change_account)
        .post(
            "/api/admin/accounts/{account}/password",
            admin::reset_password,
        )
        .get("/api/admin/audit", admin::audit)
}

/// The API's routes.
pub fn router() -> Router<AppState> {
    build().router
}

/// Every endpoint of the API.
pub fn endpoints() -> Vec<Endpoint> {
    build().endpoints
}
