//! An error message the user can read, announced by screen readers.

use leptos::prelude::*;

use crate::{api::ApiError, i18n::*};

/// The text for an API error: the server's own message when it sent one.
pub fn error_text(i18n: I18n, e: &ApiError) -> String {
    match e {
        ApiError::Server { body, .. } => body.message.clone(),
        ApiError::Network => i18n.t(Key::error_network).to_string(),
        ApiError::Http(_) | ApiError::Unexpected => i18n.t(Key::error_unexpected).to_string(),
    }
}

/// Shows `message` when there is one, in a live region (role="alert").
#[component]
pub fn ErrorNotice(
    /// The error message to show; nothing is shown while it is `None`.
    #[prop(into)]
    message: Signal<Option<String>>,
    /// The element id of the message, for a field's `aria-describedby` to point at.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    // `try_`: the form's page may be replaced by the answer it waits for, after clearing
    // its message and before this notice is drawn again.
    view! {
        <Show when=move || message.try_with(Option::is_some).unwrap_or(false)>
            <p class="error-notice" role="alert" id=id.clone()>
                {move || message.try_get().flatten().unwrap_or_default()}
            </p>
        </Show>
    }
}

/// A page's content once its data has loaded: `show` with the data, or the error.
pub fn or_error<T>(
    i18n: I18n,
    loaded: Result<T, ApiError>,
    show: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match loaded {
        Ok(value) => show(value),
        Err(e) => view! { <ErrorNotice message=Some(error_text(i18n, &e)) /> }.into_any(),
    }
}
