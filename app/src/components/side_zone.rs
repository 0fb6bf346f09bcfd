//! A side zone of the duk: strengths, what is hard, dreams, the people around me.

use leptos::prelude::*;
use model::{Placement, Zone};

use crate::{components::card_list::CardList, dnd::place_key, i18n::*, labels, state::BoardStore};

/// One side zone with its cards.
#[component]
pub fn SideZone(
    /// The board whose cards in the zone are listed.
    store: BoardStore,
    /// The side zone shown: its name heads the section and its cards are listed.
    zone: Zone,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("zone-{}", zone.id);
    let labelled_by = heading_id.clone();
    let name = {
        let zone = zone.clone();
        Signal::derive(move || labels::zone(i18n, &zone))
    };
    let placement = Placement::Zone {
        zone: zone.id.clone(),
    };
    let data_place = place_key(&placement);
    view! {
        <section
            class=format!("zone zone-{}", zone.id)
            aria-labelledby=labelled_by
            data-place=data_place
        >
            <h2 id=heading_id class="zone-heading">
                {move || name.get()}
            </h2>
            <CardList store=store placement=placement place=name />
        </section>
    }
}
