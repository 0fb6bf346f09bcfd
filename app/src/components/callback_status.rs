//! Where a "Ring meg" request stands, as the citizen reads it: when they asked, the day
//! the call will come by, and the status.

use leptos::prelude::*;
use model::CallbackRequest;

use crate::{
    format,
    i18n::{Key, use_i18n},
    labels::callback_status_name,
};

/// One request.
#[component]
pub fn CallbackStatusLine(
    /// The "Ring meg" request: when it was asked, the day the call comes by, and its status.
    request: CallbackRequest,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = request.status.is_open();
    let status = request.status;
    view! {
        <div class="callback-status" class:callback-open=open role="status">
            <p>
                {move || {
                    let key = if open { Key::callback_open_status } else { Key::callback_done_status };
                    i18n.fill(
                        key,
                        &[
                            ("asked", &format::date_time(request.requested_at, i18n.lang())),
                            ("date", &format::weekday_date(request.deadline, i18n.lang())),
                        ],
                    )
                }}
            </p>
            <p class="callback-state">
                <span class="visually-hidden">{i18n.tr(Key::callback_status_label)} ": "</span>
                <span class="status-pill" data-status=status.as_str()>{move || callback_status_name(i18n, status)}</span>
            </p>
        </div>
    }
}
