//! `cargo xtask bench`: figures, never pass/fail. Today: what a browser downloads on a
//! first visit, compressed as the server sends it, against SPEC §10's budgets and the
//! products people use now.

use std::fs;

use anyhow::Result;

use crate::build;

/// First-visit sizes of products people use today (brotli, html+js+css+fonts), SPEC §10.
const PEERS: [(&str, f64); 4] = [
    ("NAV aktivitetsplan", 482.0),
    ("Kanboard", 338.0),
    ("Vikunja", 625.0),
    ("Planka", 1900.0),
];
/// Budget for the board page's first visit, KB brotli.
const BOARD_BUDGET_KB: f64 = 170.0;

/// Runs the benches.
pub fn all() -> Result<()> {
    let dist = build::app()?;
    println!("\nFirst visit to a board page (as served: brotli)");
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "file", "raw KB", "gzip KB", "brotli KB"
    );
    let (mut raw, mut gz, mut br) = (0u64, 0u64, 0u64);
    for f in &dist.first_visit {
        let path = dist.dir.join(f);
        let size = |p: std::path::PathBuf| fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let (r, g, b) = (
            size(path.clone()),
            size(path.with_extension(format!("{}.gz", ext(&path)))),
            size(path.with_extension(format!("{}.br", ext(&path)))),
        );
        println!(
            "{:<44} {:>10.1} {:>10.1} {:>10.1}",
            f.display(),
            kb(r),
            kb(g),
            kb(b)
        );
        (raw, gz, br) = (raw + r, gz + g, br + b);
    }
    println!(
        "{:<44} {:>10.1} {:>10.1} {:>10.1}",
        "total",
        kb(raw),
        kb(gz),
        kb(br)
    );
    let total = kb(br);
    println!(
        "\nBoard page budget: {BOARD_BUDGET_KB:.0} KB; Duk uses {total:.1} KB ({:.0} % of budget)",
        100.0 * total / BOARD_BUDGET_KB
    );
    for (name, size) in PEERS {
        println!(
            "  vs {name:<20} {size:>7.0} KB: Duk is {:.2}× its size",
            total / size
        );
    }
    Ok(())
}

fn ext(p: &std::path::Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_owned()
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}
