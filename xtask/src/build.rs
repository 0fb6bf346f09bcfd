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
/// board's or a citizen's page, for that page's data, so that on a slow network those
/// answers arrive with the app instead of after it; the app takes each answer once
/// (`app/src/api.rs`, `prefetched`). A file, not an inline script, so the CSP can forbid
/// inline code.
const BOOT_JS: &str = r#"import init from './duk.js';
let lang = 'nb';
try { if (localStorage.getItem('duk.lang') === 'en') lang = 'en'; } catch (_) {}
const get = (path) => fetch(path, { headers: { 'Accept-Language': lang } }).catch(() => undefined);
const early = { '/api/auth/me': get('/api/auth/me') };
const plan = location.pathname.match(/^\/plan\/([0-9a-f-]{36})(\/|$)/);
if (plan) early[`/api/boards/${plan[1]}/citizen/overview`] = get(`/api/boards/${plan[1]}/citizen/overview`);
const board = location.pathname.match(/^\/boards\/([0-9a-f-]{36})\/?$/);
if (board) early[`/api/boards/${board[1]}`] = get(`/api/boards/${board[1]}`);
window.dukPrefetch = early;
init();
// Keeps the app for repeat visits and for opening without a network (`app/sw.js`),
// starting with the modules this page has already loaded; `home` is this bundle's shell,
// which `/` opens offline (a citizen's phone gets her own bundle there).
if ('serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        const keep = performance.getEntriesByType('resource')
          .map((e) => new URL(e.name).pathname)
          .filter((p) => p.startsWith('/assets/'));
        reg.active?.postMessage({ keep, home: '{{HOME}}' });
      })
      .catch(() => {});
  });
}
"#;

/// One of the two builds of the app, each split into an entry and modules.
struct Bundle {
    /// What the steps say.
    label: &'static str,
    /// The app's Cargo feature that picks this bundle's root, if any.
    feature: Option<&'static str>,
    /// The shell that runs this bundle at `/` (what `/` opens offline after one of this
    /// bundle's pages ran).
    home: &'static str,
}

/// The whole app (staff, and everything else), and the citizen's bundle: only the pages a
/// citizen opens on a phone, so her first visit stays small (SPEC §10).
const BUNDLES: [Bundle; 2] = [
    Bundle {
        label: "the app",
        feature: None,
        home: "/index.html",
    },
    Bundle {
        label: "the citizen's bundle",
        feature: Some("citizen-bundle"),
        home: "/citizen.html",
    },
];

/// A shell: an HTML page that loads one bundle's entry and makes the browser fetch the
/// modules its page draws with alongside it, instead of after it. The server picks the
/// shell by path (`server/src/assets.rs`).
pub struct Page {
    /// What `cargo xtask size` calls it; `None` for the shell of every other page.
    pub label: Option<&'static str>,
    /// The shell's file name.
    pub shell: &'static str,
    /// Which of [`BUNDLES`] it loads.
    bundle: usize,
    /// The split modules the page awaits before it draws (`split! { <module>, … }` in
    /// `split!` in `app/src/chunk.rs`), e.g. `board`.
    pub splits: &'static [&'static str],
}

/// The shells; `index.html` answers every path that has no other.
pub const PAGES: [Page; 3] = [
    Page {
        label: None,
        shell: "index.html",
        bundle: 0,
        splits: &[],
    },
    Page {
        label: Some("Board page (/boards/{id})"),
        shell: "board.html",
        bundle: 0,
        splits: &["board"],
    },
    Page {
        label: Some("Citizen's first screen (/plan/{id})"),
        shell: "citizen.html",
        bundle: 1,
        splits: &[],
    },
];

/// What was built.
pub struct Dist {
    /// The `dist/` folder.
    pub dir: PathBuf,
    /// Per page of [`PAGES`]: its label and the files its first visit downloads, relative
    /// to `dir`, in the order the browser asks for them.
    pub pages: Vec<(&'static str, Vec<PathBuf>)>,
    /// Each bundle as built.
    pub bundles: Vec<BuiltBundle>,
}

/// One bundle as built.
pub struct BuiltBundle {
    /// What it is called.
    pub label: &'static str,
    /// Its folder in `dist/` (`assets/<hash>`).
    pub app_dir: PathBuf,
    /// Its wasm modules before wasm-opt, with their function names (for `cargo xtask size`).
    pub named_modules: Vec<PathBuf>,
}

/// Builds the release app into `dist/` and returns what each page's first visit loads.
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

    let named = root().join("target/dist-named");
    if named.exists() {
        fs::remove_dir_all(&named)?;
    }
    let mut pages = Vec::new();
    let mut bundles = Vec::new();
    let mut precache = vec![format!("/{}", css_file.display())];
    let mut version = css_hash.clone();
    for (i, bundle) in BUNDLES.iter().enumerate() {
        let app_out = staging.join(format!("app-{i}"));
        let bundle_named = named.join(format!("bundle-{i}"));
        let split = wasm(bundle, &app_out, &bundle_named)?;
        // JS glue, the wasm modules and any JS snippets share one folder, named by their
        // hash, because the glue finds the others by relative path.
        fs::write(
            app_out.join("boot.js"),
            BOOT_JS.replace("{{HOME}}", bundle.home),
        )?;
        let app_hash = hash_dir(&app_out)?;
        version.push('-');
        version.push_str(&app_hash);
        let app_dir = format!("assets/{app_hash}");
        copy_dir(&app_out, &dist_staging.join(&app_dir))?;
        bundles.push(BuiltBundle {
            label: bundle.label,
            app_dir: PathBuf::from(&app_dir),
            named_modules: files(&bundle_named)?,
        });
        let entry: Vec<PathBuf> = ["boot.js", "duk.js", "__wasm_split.js", "duk_bg.wasm"]
            .iter()
            .map(|f| PathBuf::from(format!("{app_dir}/{f}")))
            .collect();
        for page in PAGES.iter().filter(|p| p.bundle == i) {
            let chunks = split.files_for(page.splits)?;
            let links: String = chunks
                .iter()
                .map(|f| {
                    format!(
                        "  <link rel=\"preload\" href=\"/{app_dir}/{f}\" as=\"fetch\" \
                         type=\"application/wasm\" crossorigin>\n"
                    )
                })
                .collect();
            let html = template
                .replace("{{APP}}", &format!("/{app_dir}"))
                .replace("{{CSS}}", &format!("/{}", css_file.display()))
                .replace("{{PRELOAD}}", &links);
            if html.contains("{{") {
                bail!("app/index.html has a placeholder xtask does not know");
            }
            fs::write(dist_staging.join(page.shell), html)?;
            precache.push(format!("/{}", page.shell));
            if let Some(label) = page.label {
                let mut files = vec![PathBuf::from(page.shell), css_file.clone()];
                files.extend(entry.iter().cloned());
                files.extend(
                    chunks
                        .iter()
                        .map(|c| PathBuf::from(format!("{app_dir}/{c}"))),
                );
                pages.push((label, files));
            }
        }
    }
    // The service worker: a new build is a new version, which takes over once installed.
    // It keeps the shells and the styles when it installs, each page's entry and modules as
    // the page loads them (a citizen's phone never downloads the staff app for it).
    let sw = fs::read_to_string(root().join("app/sw.js"))?
        .replace("{{VERSION}}", &short_hash(version.as_bytes()))
        .replace("{{FILES}}", &serde_json::to_string(&precache)?);
    if sw.contains("{{") {
        bail!("app/sw.js has a placeholder xtask does not know");
    }
    fs::write(dist_staging.join("sw.js"), sw)?;
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
    Ok(Dist {
        dir: dist,
        pages,
        bundles,
    })
}

/// The split: which files each `#[lazy]` function needs.
struct Split {
    /// `#[lazy]` name (with the macro's hash) → file stems of the modules it loads.
    prefetch: std::collections::HashMap<String, Vec<String>>,
}

impl Split {
    /// The wasm files (in the app folder) the given lazy functions load, in a stable order,
    /// each once. A name that matches no lazy function fails the build: the page table and
    /// the app have drifted apart.
    fn files_for(&self, splits: &[&str]) -> Result<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        for name in splits {
            let mut matched: Vec<_> = self
                .prefetch
                .iter()
                .filter(|(key, _)| lazy_name(key) == *name)
                .collect();
            matched.sort();
            let [(_, stems)] = matched.as_slice() else {
                bail!(
                    "{} split modules are called `{name}` (one was expected); the modules \
                     are: {:?}",
                    matched.len(),
                    self.prefetch
                        .keys()
                        .map(|k| lazy_name(k))
                        .collect::<Vec<_>>()
                );
            };
            for stem in stems.iter() {
                let file = format!("{stem}.wasm");
                if !out.contains(&file) {
                    out.push(file);
                }
            }
        }
        Ok(out)
    }
}

/// `board_page_1234567890` → `board_page`: `#[lazy]` appends a hash of where it stands
/// (`split!` names its modules itself, so this only matters for `#[lazy]`).
fn lazy_name(split: &str) -> &str {
    match split.rsplit_once('_') {
        Some((name, hash)) if !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => split,
    }
}

/// Compiles the app (release, for wasm), splits it into the entry module and the chunks
/// its `#[lazy]` functions load, runs wasm-bindgen on the entry, keeps a named copy of
/// every module in `named` (for the size tally), and runs wasm-opt on each module when it
/// is installed.
fn wasm(bundle: &Bundle, out: &Path, named: &Path) -> Result<Split> {
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
    // The splitter needs the linker's relocations (only these builds are split, so only
    // they carry them); `duk_split` turns the `split!` functions into split points.
    cargo.env("RUSTFLAGS", "-Clink-args=--emit-relocs --cfg duk_split");
    if let Some(feature) = bundle.feature {
        cargo.args(["--features", feature]);
    }
    tools::run(&mut cargo)?;
    let wasm = tools::target_dir().join("wasm32-unknown-unknown/wasm-release/app.wasm");

    tools::step(&format!(
        "Splitting {} into an entry module and modules loaded on demand",
        bundle.label
    ));
    fs::create_dir_all(out)?;
    let input = fs::read(&wasm).with_context(|| format!("cannot read {}", wasm.display()))?;
    let main_split = out.with_file_name("app_split.wasm");
    let mut opts = wasm_split_cli_support::Options::new(&input);
    opts.output_dir = out;
    opts.main_out_path = &main_split;
    // Must match the glue's name (`out_name` below): the split loader imports it.
    opts.main_module = "./duk.js";
    opts.link_name = "./__wasm_split.js";
    let split = wasm_split_cli_support::transform(opts)
        .map_err(|e| anyhow::anyhow!("splitting the wasm failed: {e:?}"))?;

    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&main_split)
        .web(true)?
        // The library defaults differ from the CLI: without this the generated init()
        // fails in the browser ("Argument 0 must be a buffer source").
        .omit_default_module_path(false)
        // The chunks use the function table and the memory layout the linker exported.
        .keep_lld_exports(true)
        .demangle(false)
        .typescript(false)
        .out_name("duk")
        .generate(out)
        .context("wasm-bindgen failed")?;

    let _ = fs::remove_file(&main_split);

    // Copies with their function names for the size tally (wasm-opt drops the names).
    fs::create_dir_all(named)?;
    let mut modules = vec![out.join("duk_bg.wasm")];
    modules.extend(split.split_modules.iter().cloned());
    for m in &modules {
        if let Some(name) = m.file_name() {
            fs::copy(m, named.join(name))?;
        }
    }
    match tools::wasm_opt() {
        Some(opt) => {
            tools::step(&format!(
                "Optimising {}: {} wasm modules (wasm-opt -Oz)",
                bundle.label,
                modules.len()
            ));
            for m in &modules {
                let optimised = m.with_extension("opt.wasm");
                let output = Command::new(&opt)
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
                    .arg(m)
                    .arg("-o")
                    .arg(&optimised)
                    .output()
                    .with_context(|| format!("cannot start {}", opt.display()))?;
                if !output.status.success() {
                    bail!(
                        "wasm-opt failed on {}: {}",
                        m.display(),
                        String::from_utf8_lossy(&output.stderr)
                    );
                }
                fs::rename(&optimised, m)?;
            }
        }
        None => {
            println!("note: wasm-opt not found (npm ci in tests/ installs it); the wasm is larger")
        }
    }
    Ok(Split {
        prefetch: split.prefetch_map,
    })
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
    fn a_lazy_functions_name_is_read_without_its_hash() {
        assert_eq!(lazy_name("board_page_12345678901234567"), "board_page");
        assert_eq!(lazy_name("board_page"), "board_page");
        assert_eq!(lazy_name("page_v2"), "page_v2");
    }

    #[test]
    fn css_comments_are_removed() {
        assert_eq!(
            strip_css_comments("a{}/* x */\n\n/* y\n z */b{}"),
            "a{}\nb{}"
        );
    }
}
