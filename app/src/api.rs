//! The typed client of Duk's HTTP API. Errors come back with the server's code and its
//! message in the user's language, ready to show.

use std::cell::RefCell;

use gloo_net::http::{Request, RequestBuilder, Response};
use model::{
    AccountChange, AccountId, AuditRecord, Board, BoardAccessList, BoardId, BoardSummary,
    BoardView, CalendarFeed, CallbackId, CallbackRequest, CallbackTask, CallbackUpdate,
    ChangePassword, CitizenOverview, CitizenView, ContactProfileFields, CreateBoard, ErrorBody,
    InvitationCreated, InvitationId, InvitationInfo, InvitationToken, IssuedPassword, Lang,
    LoginRequest, Me, MyProfile, NewCallback, NewInvitation, NewStaffAccount, PlanView,
    RedeemInvitation, Redeemed, StaffAccount, StaffEntry,
};
use model::{HistoryEntry, MinutesPage, MyTask, OpRequest};
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::JsCast;

thread_local! {
    static ON_SIGNED_OUT: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Called whenever the server says the session is gone (expired, ended elsewhere), so the
/// app can ask the person to sign in again.
pub fn on_signed_out(f: impl Fn() + 'static) {
    ON_SIGNED_OUT.with(|cell| *cell.borrow_mut() = Some(Box::new(f)));
}

/// Why a request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The server could not be reached (offline, server down).
    Network,
    /// The server answered with an error; its message is for the user.
    Server {
        /// HTTP status.
        status: u16,
        /// The error body.
        body: ErrorBody,
    },
    /// An error answer that is not Duk's JSON (a proxy's error page), with its status.
    Http(u16),
    /// The answer could not be understood (a bug).
    Unexpected,
}

impl ApiError {
    /// The server's message, if it gave one.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            ApiError::Server { body, .. } => Some(&body.message),
            _ => None,
        }
    }

    /// The HTTP status of an error answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Server { status, .. } | ApiError::Http(status) => Some(*status),
            _ => None,
        }
    }

    /// The server's error code, if it gave one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Server { body, .. } => Some(&body.code),
            _ => None,
        }
    }
}

fn with_lang(req: RequestBuilder, lang: Lang) -> RequestBuilder {
    req.header("Accept-Language", lang.tag())
}

async fn read<T: DeserializeOwned>(res: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
    let res = res.map_err(|_| ApiError::Network)?;
    if res.ok() {
        return res.json::<T>().await.map_err(|_| ApiError::Unexpected);
    }
    Err(failure(res).await)
}

/// Like [`read`], with the answer's text as it came (to keep it without encoding it again).
async fn read_with_text<T: DeserializeOwned>(
    res: Result<Response, gloo_net::Error>,
) -> Result<(T, String), ApiError> {
    let res = res.map_err(|_| ApiError::Network)?;
    if res.ok() {
        // The body stopped coming: as if the request had not been answered.
        let text = res.text().await.map_err(|_| ApiError::Network)?;
        let value = serde_json::from_str(&text).map_err(|_| ApiError::Unexpected)?;
        return Ok((value, text));
    }
    Err(failure(res).await)
}

/// What an error answer means.
async fn failure(res: Response) -> ApiError {
    let status = res.status();
    match res.json::<ErrorBody>().await {
        Ok(body) => {
            if status == 401 && body.code == "not_signed_in" {
                // After this answer is handed back: the app then leaves the page that
                // asked, which must not be taken down while it is still reading it.
                leptos::task::spawn_local(async {
                    ON_SIGNED_OUT.with(|cell| {
                        if let Some(f) = cell.borrow().as_ref() {
                            f();
                        }
                    });
                });
            }
            ApiError::Server { status, body }
        }
        Err(_) => ApiError::Http(status),
    }
}

/// For answers without a body (204).
async fn read_empty(res: Result<Response, gloo_net::Error>) -> Result<(), ApiError> {
    let res = res.map_err(|_| ApiError::Network)?;
    if res.ok() {
        return Ok(());
    }
    read::<()>(Ok(res)).await
}

/// The answer to a request `boot.js` started while the wasm was still downloading, if it
/// started one for `path` (taken once: a later call asks the server again).
async fn prefetched(path: &str) -> Option<Result<Response, gloo_net::Error>> {
    let window = web_sys::window()?;
    let store = js_sys::Reflect::get(&window, &"dukPrefetch".into()).ok()?;
    if store.is_undefined() {
        return None;
    }
    let key = wasm_bindgen::JsValue::from_str(path);
    let promise = js_sys::Reflect::get(&store, &key).ok()?;
    let promise = promise.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(store.unchecked_ref::<js_sys::Object>(), &key);
    // A failed fetch reads as "offline", like any other request that could not be sent.
    let failed = || gloo_net::Error::GlooError("the early request failed".into());
    let res = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| failed())
        .and_then(|res| res.dyn_into::<web_sys::Response>().map_err(|_| failed()));
    // "Not signed in" was true when the page loaded; the person may have signed in on
    // the page since (the sign-in form takes a page's place), so ask again.
    if matches!(&res, Ok(r) if r.status() == 401) {
        return None;
    }
    Some(res.map(Response::from))
}

async fn get<T: DeserializeOwned>(path: &str, lang: Lang) -> Result<T, ApiError> {
    read(send_get(path, lang).await).await
}

/// A GET, or the answer `boot.js` already asked for.
async fn send_get(path: &str, lang: Lang) -> Result<Response, gloo_net::Error> {
    match prefetched(path).await {
        Some(res) => res,
        None => with_lang(Request::get(path), lang).send().await,
    }
}

async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    lang: Lang,
) -> Result<T, ApiError> {
    let req = with_lang(Request::post(path), lang)
        .json(body)
        .map_err(|_| ApiError::Unexpected)?;
    read(req.send().await).await
}

async fn send_empty(req: RequestBuilder, lang: Lang) -> Result<(), ApiError> {
    read_empty(with_lang(req, lang).send().await).await
}

async fn patch<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    lang: Lang,
) -> Result<T, ApiError> {
    let req = with_lang(Request::patch(path), lang)
        .json(body)
        .map_err(|_| ApiError::Unexpected)?;
    read(req.send().await).await
}

/// Who is signed in.
pub async fn me(lang: Lang) -> Result<Me, ApiError> {
    get("/api/auth/me", lang).await
}

/// Staff sign-in.
pub async fn login(req: &LoginRequest, lang: Lang) -> Result<Me, ApiError> {
    post("/api/auth/login", req, lang).await
}

/// Ends the session.
pub async fn logout(lang: Lang) -> Result<(), ApiError> {
    send_empty(Request::post("/api/auth/logout"), lang).await
}

/// A new password (ends every other session).
pub async fn change_password(req: &ChangePassword, lang: Lang) -> Result<Me, ApiError> {
    post("/api/auth/password", req, lang).await
}

/// What an invitation link is.
pub async fn invitation_info(token: &str, lang: Lang) -> Result<InvitationInfo, ApiError> {
    let body = InvitationToken {
        token: token.into(),
    };
    post("/api/invitations/info", &body, lang).await
}

/// Uses an invitation with its code; starts a session.
pub async fn redeem(req: &RedeemInvitation, lang: Lang) -> Result<Redeemed, ApiError> {
    post("/api/invitations/redeem", req, lang).await
}

/// Who has access to a board.
pub async fn access(id: BoardId, lang: Lang) -> Result<BoardAccessList, ApiError> {
    get(&format!("/api/boards/{id}/access"), lang).await
}

/// Invites a citizen or støtteperson.
pub async fn invite(
    id: BoardId,
    req: &NewInvitation,
    lang: Lang,
) -> Result<InvitationCreated, ApiError> {
    post(&format!("/api/boards/{id}/invitations"), req, lang).await
}

/// Withdraws an invitation.
pub async fn withdraw(id: BoardId, invitation: InvitationId, lang: Lang) -> Result<(), ApiError> {
    send_empty(
        Request::delete(&format!("/api/boards/{id}/invitations/{invitation}")),
        lang,
    )
    .await
}

/// Ends a citizen's or støtteperson's access.
pub async fn revoke(id: BoardId, account: AccountId, lang: Lang) -> Result<(), ApiError> {
    send_empty(
        Request::delete(&format!("/api/boards/{id}/access/{account}")),
        lang,
    )
    .await
}

/// "Hvem har sett planen min".
pub async fn views(id: BoardId, lang: Lang) -> Result<Vec<PlanView>, ApiError> {
    get(&format!("/api/boards/{id}/views"), lang).await
}

/// Staff matching a search.
pub async fn staff(q: &str, lang: Lang) -> Result<Vec<StaffEntry>, ApiError> {
    let q = js_sys::encode_uri_component(q);
    get(&format!("/api/staff?q={q}"), lang).await
}

/// Every staff account (administrators).
pub async fn accounts(lang: Lang) -> Result<Vec<StaffAccount>, ApiError> {
    get("/api/admin/accounts", lang).await
}

/// A new staff account (administrators).
pub async fn create_account(req: &NewStaffAccount, lang: Lang) -> Result<IssuedPassword, ApiError> {
    post("/api/admin/accounts", req, lang).await
}

/// Disables, enables or changes the role of an account (administrators).
pub async fn change_account(
    id: AccountId,
    req: &AccountChange,
    lang: Lang,
) -> Result<StaffAccount, ApiError> {
    patch(&format!("/api/admin/accounts/{id}"), req, lang).await
}

/// A new temporary password (administrators).
pub async fn reset_password(id: AccountId, lang: Lang) -> Result<IssuedPassword, ApiError> {
    post(&format!("/api/admin/accounts/{id}/password"), &(), lang).await
}

/// Searches the audit log (administrators); `query` is `board=…&account=…&from=…&to=…`.
pub async fn audit(query: &str, lang: Lang) -> Result<Vec<AuditRecord>, ApiError> {
    get(&format!("/api/admin/audit?{query}"), lang).await
}

/// All boards.
pub async fn list_boards(lang: Lang) -> Result<Vec<BoardSummary>, ApiError> {
    get("/api/boards", lang).await
}

/// Creates a board from the default template.
pub async fn create_board(req: &CreateBoard, lang: Lang) -> Result<Board, ApiError> {
    post("/api/boards", req, lang).await
}

/// One board with its cards, and the viewer's role on it.
pub async fn board(id: BoardId, lang: Lang) -> Result<BoardView, ApiError> {
    get(&format!("/api/boards/{id}"), lang).await
}

/// The citizen's first screen, with the answer's text (kept as it came for opening her
/// plan offline).
pub async fn citizen_overview(
    id: BoardId,
    lang: Lang,
) -> Result<(CitizenOverview, String), ApiError> {
    read_with_text(send_get(&format!("/api/boards/{id}/citizen/overview"), lang).await).await
}

/// The whole plan as the citizen's "Min plan" and "Ring meg" read it, with the answer's
/// text (what her phone keeps for opening it offline, as it came: encoding the view again
/// would put the serialisation of every board type in her bundle). Called only from those
/// tabs' module, so decoding a board is code only that module carries.
pub async fn citizen_view(id: BoardId, lang: Lang) -> Result<(CitizenView, String), ApiError> {
    read_with_text(send_get(&format!("/api/boards/{id}/citizen"), lang).await).await
}

/// Asks the contact person to call.
pub async fn request_callback(
    id: BoardId,
    req: &NewCallback,
    lang: Lang,
) -> Result<CallbackRequest, ApiError> {
    post(&format!("/api/boards/{id}/callbacks"), req, lang).await
}

/// Open callback requests for the signed-in member of staff.
pub async fn my_callbacks(lang: Lang) -> Result<Vec<CallbackTask>, ApiError> {
    get("/api/callbacks", lang).await
}

/// Changes a callback request's status.
pub async fn update_callback(
    id: CallbackId,
    req: &CallbackUpdate,
    lang: Lang,
) -> Result<CallbackRequest, ApiError> {
    patch(&format!("/api/callbacks/{id}"), req, lang).await
}

/// Makes a new private calendar address (the old one stops working).
pub async fn create_calendar_feed(id: BoardId, lang: Lang) -> Result<CalendarFeed, ApiError> {
    post(&format!("/api/boards/{id}/calendar-feed"), &(), lang).await
}

/// Turns the private calendar address off.
pub async fn revoke_calendar_feed(id: BoardId, lang: Lang) -> Result<(), ApiError> {
    send_empty(
        Request::delete(&format!("/api/boards/{id}/calendar-feed")),
        lang,
    )
    .await
}

/// The signed-in member of staff's contact details.
pub async fn my_profile(lang: Lang) -> Result<MyProfile, ApiError> {
    get("/api/profile", lang).await
}

/// Saves the signed-in member of staff's contact details.
pub async fn save_profile(req: &ContactProfileFields, lang: Lang) -> Result<MyProfile, ApiError> {
    let req = with_lang(Request::put("/api/profile"), lang)
        .json(req)
        .map_err(|_| ApiError::Unexpected)?;
    read(req.send().await).await
}

/// Sends one change over HTTP (for pages without a live board: the citizen's answer to
/// the minutes, "Mine oppgaver"); returns the event. When the server is busy (503), fails
/// on its side (500) or cannot be reached, the same change (the same id, so it is applied
/// once) is sent again after 1, 2, 4 and 8 s before the error is shown.
pub async fn submit(id: BoardId, req: &OpRequest, lang: Lang) -> Result<model::Event, ApiError> {
    let path = format!("/api/boards/{id}/ops");
    let mut pause_ms = 1_000;
    loop {
        let result = post(&path, req, lang).await;
        let again = matches!(
            &result,
            Err(ApiError::Network)
                | Err(ApiError::Server {
                    status: 500 | 503,
                    ..
                })
                | Err(ApiError::Http(500 | 502 | 503 | 504))
        );
        if !again || pause_ms > 8_000 {
            return result;
        }
        crate::state::sleep(pause_ms).await;
        pause_ms *= 2;
    }
}

/// One version of a meeting's minutes.
pub async fn minutes(
    id: BoardId,
    number: u32,
    revision: u32,
    lang: Lang,
) -> Result<MinutesPage, ApiError> {
    get(
        &format!(
            "/api/boards/{id}/minutes/{number}/{revision}?lang={}",
            lang.tag()
        ),
        lang,
    )
    .await
}

/// The board's history in words, oldest first; `query` is `card=…&actor=…&theme=…`.
pub async fn history(id: BoardId, query: &str, lang: Lang) -> Result<Vec<HistoryEntry>, ApiError> {
    get(
        &format!("/api/boards/{id}/history?lang={}&{query}", lang.tag()),
        lang,
    )
    .await
}

/// The board as it was at a version.
pub async fn board_at(id: BoardId, version: u64, lang: Lang) -> Result<BoardView, ApiError> {
    get(&format!("/api/boards/{id}/versions/{version}"), lang).await
}

/// "Mine oppgaver".
pub async fn my_tasks(lang: Lang) -> Result<Vec<MyTask>, ApiError> {
    get(&format!("/api/tasks?lang={}", lang.tag()), lang).await
}
