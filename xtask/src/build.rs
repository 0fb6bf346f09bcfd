//! Builds the app into `dist/`: wasm (release), JS glue, CSS, `index.html` and the static
//! files, with content-hashed asset folders and brotli/gzip copies next to each file.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::{root, tools};

/// Starts the app. While the wasm downloads, it already asks who is signed in and, on a
/// citizen's page, for that page's data, so that on a slow network those answers arrive
/// with the app instead of after it; the app takes each answer once (`app/src/api.rs`,
/// `prefetched`). A file, not an inline script, so the CSP can forbid inline code.
const BOOT_JS: &str = r#"import init from './duk.js';
let lang = 'nb';
try { if (localStorage.getItem('duk.lang') === 'en') lang = 'en'; } catch (_) {}
const get = (path) => fetch(path, { headers: { 'Accept-Language': lang } }).catch(() => undefined);
const early = { '/api/auth/me': get('/api/auth/me') };
const plan = location.pathname.match(/^\/plan\/([0-9a-f-]{36})(\/|$)/);
if (plan) early[`/api/boards/${plan[1]}/citizen`] = get(`/api/boards/${plan[1]}/citizen`);
window.dukPrefetch = early;
init();
"#;

/// What was built.
pub struct Dist {
    /// The `dist/` folder.
    pub dir: PathBuf,
    /// Files a first visit to a board downloads, relative to `dir`.
    pub first_visit: Vec<PathBuf>,
    /// Files a citizen's first visit to their plan downloads, relative to `dir`.
    pub citizen_first_visit: Vec<PathBuf>,
}

/// One of the two wasm bundles.
struct Bundle {
    /// What the step says.
    label: &'static str,
    /// The app's Cargo feature that picks this bundle's root, if any.
    feature: Option<&'static str>,
    /// The HTML shell that loads it.
    shell: &'static str,
}

/// The whole app (staff, and everything else), and the citizen's bundle: only the pages a
/// citizen opens on a phone, so their first visit stays small (SPEC §10).
const BUNDLES: [Bundle; 2] = [
    Bundle {
        label: "the app",
        feature: None,
        shell: "index.html",
    },
    Bundle {
        label: "the citizen's bundle",
        feature: Some("citizen-bundle"),
        shell: "citizen.html",
    },
];

/// Builds both release bundles into `dist/` and returns what a first visit loads.
pub fn app() -> Result<Dist> {
    tools::ensure_wasm_target()?;
    // wasm-opt comes from the npm binaryen package; fetch it if npm is here.
    let _ = tools::ensure_node_modules(false);

    let staging = root().join("target/dist-staging");
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    let dist_staging = staging.join("dist");

    let css = concat_css(&root().join("style"))?;
    let css_hash = short_hash(css.as_bytes());
    let css_dir = dist_staging.join("assets").join(&css_hash);
    fs::create_dir_all(&css_dir)?;
    fs::write(css_dir.join("duk.css"), &css)?;
    let css_file = PathBuf::from(format!("assets/{css_hash}/duk.css"));
    let template = fs::read_to_string(root().join("app/index.html"))?;

    let mut visits = Vec::new();
    for (i, bundle) in BUNDLES.iter().enumerate() {
        let bindgen_out = staging.join(format!("bindgen-{i}"));
        wasm(bundle, &bindgen_out)?;
        // JS glue, wasm and any JS snippets share one folder, named by their hash, because
        // the glue finds the others by relative path.
        let app_hash = hash_dir(&bindgen_out)?;
        let app_dir = dist_staging.join("assets").join(&app_hash);
        copy_dir(&bindgen_out, &app_dir)?;
        fs::write(app_dir.join("boot.js"), BOOT_JS)?;
        let html = template
            .replace("{{APP}}", &format!("/assets/{app_hash}"))
            .replace("{{CSS}}", &format!("/assets/{css_hash}/duk.css"));
        if html.contains("{{") {
            bail!("app/index.html has a placeholder xtask does not know");
        }
        fs::write(dist_staging.join(bundle.shell), html)?;
        visits.push(vec![
            PathBuf::from(bundle.shell),
            css_file.clone(),
            PathBuf::from(format!("assets/{app_hash}/boot.js")),
            PathBuf::from(format!("assets/{app_hash}/duk.js")),
            PathBuf::from(format!("assets/{app_hash}/duk_bg.wasm")),
        ]);
    }
    copy_dir(&root().join("public"), &dist_staging)?;
    compress_all(&dist_staging)?;

    // Swap in the new build in one step, so a running server never sees half of it.
    let dist = root().join("dist");
    let old = staging.join("old");
    if dist.exists() {
        fs::rename(&dist, &old)?;
    }
    fs::rename(&dist_staging, &dist)?;
    let _ = fs::remove_dir_all(&staging);

    println!("Built {}", dist.display());
    let citizen_first_visit = visits.pop().unwrap_or_default();
    let first_visit = visits.pop().unwrap_or_default();
    Ok(Dist {
        dir: dist,
        first_visit,
        citizen_first_visit,
    })
}

/// Compiles one bundle (release, for wasm), runs wasm-bindgen into `out` and, when it is
/// installed, wasm-opt.
fn wasm(bundle: &Bundle, out: &Path) -> Result<()> {
    tools::step(&format!("Building {} (wasm, release)", bundle.label));
    let mut cargo = tools::cargo();
    cargo.args([
        "build",
        "-p",
        "app",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
    ]);
    if let Some(feature) = bundle.feature {
        cargo.args(["--features", feature]);
    }
    tools::run(&mut cargo)?;
    let wasm = tools::target_dir().join("wasm32-unknown-unknown/wasm-release/app.wasm");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        // The library defaults differ from the CLI: without this the generated init()
        // fails in the browser ("Argument 0 must be a buffer source").
        .omit_default_module_path(false)
        .typescript(false)
        .out_name("duk")
        .generate(out)
        .context("wasm-bindgen failed")?;

    let wasm_out = out.join("duk_bg.wasm");
    match tools::wasm_opt() {
        Some(opt) => {
            tools::step(&format!("Optimising {} (wasm-opt -Oz)", bundle.label));
            let optimised = out.join("duk_bg.opt.wasm");
            tools::run(
                Command::new(opt)
                    .arg("-Oz")
                    // What rustc 1.95 emits for wasm32 by default.
                    .args([
                        "--enable-bulk-memory",
                        "--enable-mutable-globals",
                        "--enable-nontrapping-float-to-int",
                        "--enable-sign-ext",
                        "--enable-reference-types",
                        "--enable-multivalue",
                    ])
                    .arg(&wasm_out)
                    .arg("-o")
                    .arg(&optimised),
            )?;
            fs::rename(&optimised, &wasm_out)?;
        }
        None => {
            println!("note: wasm-opt not found (npm ci in tests/ installs it); the wasm is larger")
        }
    }
    Ok(())
}

/// The first 12 hex digits of a SHA-256: plenty to tell builds apart.
fn hex12(digest: &[u8]) -> String {
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

fn short_hash(bytes: &[u8]) -> String {
    hex12(&Sha256::digest(bytes))
}

fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path)
            } else {
                out.push(path)
            }
        }
    }
    out.sort();
    Ok(out)
}

fn hash_dir(dir: &Path) -> Result<String> {
    let mut hasher = Sha256::new();
    for f in files(dir)? {
        hasher.update(f.strip_prefix(dir)?.to_string_lossy().as_bytes());
        hasher.update(fs::read(&f)?);
    }
    Ok(hex12(&hasher.finalize()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    for f in files(from)? {
        let dest = to.join(f.strip_prefix(from)?);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(&f, &dest)?;
    }
    Ok(())
}

/// All `style/*.css` files in name order, without comments.
fn concat_css(dir: &Path) -> Result<String> {
    let mut out = String::new();
    for f in files(dir)?
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "css"))
    {
        let text = fs::read_to_string(&f)?;
        out.push_str(&strip_css_comments(&text));
    }
    Ok(out)
}

fn strip_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes `.br` (quality 11) and `.gz` (level 9) next to every compressible file; the
/// server sends them as they are, so nothing is compressed per request.
fn compress_all(dir: &Path) -> Result<()> {
    for f in files(dir)? {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(
            ext,
            "html" | "js" | "wasm" | "css" | "svg" | "webmanifest" | "json"
        ) {
            continue;
        }
        let data = fs::read(&f)?;
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
            w.write_all(&data)?;
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&data)?;
        let gz = gz.finish()?;
        fs::write(with_suffix(&f, "br"), br)?;
        fs::write(with_suffix(&f, "gz"), gz)?;
    }
    Ok(())
}

fn with_suffix(f: &Path, suffix: &str) -> PathBuf {
    let mut s = f.as_os_str().to_owned();
    s.push(".");
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_comments_are_removed() {
        assert_eq!(
            strip_css_comments("a{}/* x */\n\n/* y\n z */b{}"),
            "a{}\nb{}"
        );
    }
}
