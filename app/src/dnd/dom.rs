//! What a move reads from the page and marks on it: placements in `data-place`, the cards
//! of a cell, the cell under a point, the cells in rows as the eye sees them, the classes
//! that mark a target, and the focus given back after a move. Pointer and keyboard both use
//! these; nothing here knows about either.

use leptos::prelude::{document, request_animation_frame};
use model::{CardId, Placement, SlotId};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::Target;

/// The text form of a placement in `data-place`.
pub fn place_key(p: &Placement) -> String {
    match p {
        Placement::Cell { theme, column } => format!("cell:{theme}:{column}"),
        Placement::Zone { zone } => format!("zone:{zone}"),
    }
}

/// The placement a `data-place` names ([`place_key`] read back); `None` if it names none.
fn parse_place(s: &str) -> Option<Placement> {
    let mut parts = s.split(':');
    match (parts.next()?, parts.next(), parts.next()) {
        ("cell", Some(t), Some(c)) => Some(Placement::Cell {
            theme: SlotId::parse(t)?,
            column: SlotId::parse(c)?,
        }),
        ("zone", Some(z), None) => Some(Placement::Zone {
            zone: SlotId::parse(z)?,
        }),
        _ => None,
    }
}

/// The first element on the page that matches a CSS selector.
pub(super) fn by_selector(sel: &str) -> Option<Element> {
    document().query_selector(sel).ok().flatten()
}

/// Removes the marks of a target cell and an insertion point from the page.
pub(super) fn clear_marks() {
    for class in ["drop-target", "drop-before", "drop-end"] {
        if let Ok(list) = document().query_selector_all(&format!(".{class}")) {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.class_list().remove_1(class);
                }
            }
        }
    }
}

/// The cards in a cell element, in order, leaving out `moving`.
fn cards_in(cell: &Element, moving: CardId) -> Vec<Element> {
    let mut out = Vec::new();
    let moving = moving.to_string();
    if let Ok(list) = cell.query_selector_all("[data-card]") {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok())
                && el.get_attribute("data-card").as_deref() != Some(moving.as_str())
            {
                out.push(el);
            }
        }
    }
    out
}

/// Marks the target cell and the insertion point on the page.
pub(super) fn mark(target: &Target, moving: CardId) {
    clear_marks();
    let Some(cell) = by_selector(&format!(
        "[data-place=\"{}\"]",
        place_key(&target.placement)
    )) else {
        return;
    };
    let _ = cell.class_list().add_1("drop-target");
    let cards = cards_in(&cell, moving);
    match cards.get(target.index) {
        Some(before) => {
            let _ = before.class_list().add_1("drop-before");
        }
        None => {
            if let Ok(Some(list)) = cell.query_selector(".card-list") {
                let _ = list.class_list().add_1("drop-end");
            }
        }
    }
}

/// The cells and zones on the screen, in rows as the eye sees them: the zones above the
/// grid, each theme row, the zones below. Hidden rows, and what focus mode leaves out,
/// are not on the page and so not here.
pub(super) fn rows_on_page() -> Vec<Vec<Placement>> {
    let mut rows: Vec<Vec<Placement>> = Vec::new();
    let mut last_theme: Option<SlotId> = None;
    let Ok(list) = document().query_selector_all("[data-place]") else {
        return rows;
    };
    for i in 0..list.length() {
        let Some(p) = list
            .item(i)
            .and_then(|n| n.dyn_into::<Element>().ok())
            .and_then(|el| el.get_attribute("data-place"))
            .and_then(|s| parse_place(&s))
        else {
            continue;
        };
        match &p {
            Placement::Cell { theme, .. } => {
                if last_theme.as_ref() != Some(theme) {
                    rows.push(Vec::new());
                    last_theme = Some(theme.clone());
                }
            }
            Placement::Zone { .. } => {
                let new_row = match rows.last() {
                    None => true,
                    Some(_) if last_theme.is_some() => true,
                    Some(_) => false,
                };
                if new_row {
                    rows.push(Vec::new());
                    last_theme = None;
                }
            }
        }
        if let Some(row) = rows.last_mut() {
            row.push(p);
        }
    }
    rows
}

/// The positions a card can take in a cell, as indices among the other cards there
/// (leaving out `moving`): before each card the user can see, and after the last one.
/// Cards a filter hides are skipped, so every step moves past something visible.
pub(super) fn slots(placement: &Placement, moving: CardId) -> Vec<usize> {
    let Some(cell) = by_selector(&format!("[data-place=\"{}\"]", place_key(placement))) else {
        return vec![0];
    };
    let mut slots = Vec::new();
    let mut end = 0;
    for (i, el) in cards_in(&cell, moving).iter().enumerate() {
        if !el.class_list().contains("card-hidden") {
            slots.push(i);
            end = i + 1;
        }
    }
    slots.push(end);
    slots
}

/// The cell and insertion index under a point.
pub(super) fn hit_test(x: f64, y: f64, moving: CardId) -> Option<Target> {
    let el = document().element_from_point(x as f32, y as f32)?;
    let cell = el.closest("[data-place]").ok()??;
    let placement = parse_place(&cell.get_attribute("data-place")?)?;
    let cards = cards_in(&cell, moving);
    let index = cards
        .iter()
        .position(|c| {
            let r = c.get_bounding_client_rect();
            y < r.top() + r.height() / 2.0
        })
        .unwrap_or(cards.len());
    Some(Target { placement, index })
}

/// Gives the focus back to a card's handle once the moved card is drawn in its new place.
pub fn refocus_handle(card: CardId) {
    request_animation_frame(move || {
        if let Some(el) = by_selector(&format!("[data-card=\"{card}\"] .card-handle"))
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placements_survive_the_data_attribute() {
        for p in [
            Placement::cell("okonomi", "na").unwrap(),
            Placement::zone("drommer").unwrap(),
        ] {
            assert_eq!(parse_place(&place_key(&p)), Some(p));
        }
        assert_eq!(parse_place("cell:OKONOMI:na"), None);
        assert_eq!(parse_place("zone:a:b"), None);
    }
}
