//! `cargo xtask check`: the shape of the source tree. Fails when a crate's modules import
//! each other in a cycle, when a file is over 600 lines or a function over 150, unless a
//! comment line says why: `// long-file: <reason>` in the file's first 30 lines, or
//! `// long-fn: <reason>` in the five lines above the `fn`.
//!
//! It reads text, not syntax trees: comments and the insides of string and char literals
//! are blanked, then `use` trees, inline `crate::` and `super::` paths and braces are read
//! from what is left, which is enough for code that rustfmt formats. A path leads to its
//! longest prefix that is a module. Paths to the crate root (its re-exports) are left out,
//! and so are those between a module and its ancestors or descendants: a parent declares
//! and re-exports its children, a child uses its parent's items. Unit tests
//! (`#[cfg(test)] mod tests`) may use anything. The import graph is in [`imports`].

mod imports;

use std::{
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result, bail};

use crate::{root, tools};

/// The crates whose modules must not import each other in a cycle (their `src/`).
const CRATES: [&str; 4] = ["model", "server", "app", "xtask"];
/// The folders whose files and functions are measured.
const MEASURED: [&str; 6] = [
    "model/src",
    "server/src",
    "server/tests",
    "app/src",
    "app/tests",
    "xtask/src",
];
/// The longest a file may be without a `long-file:` reason.
const MAX_FILE_LINES: usize = 600;
/// The longest a function may be without a `long-fn:` reason.
const MAX_FN_LINES: usize = 150;
/// How many lines at a file's top may hold its `long-file:` reason.
const FILE_REASON_WITHIN: usize = 30;
/// How many lines above a `fn` (its doc and attributes) may hold its `long-fn:` reason.
const FN_REASON_WITHIN: usize = 5;

/// A function with a body.
#[derive(Debug, PartialEq, Eq)]
pub struct Function {
    /// Its name.
    pub name: String,
    /// The line of its `fn` (from 1).
    pub line: usize,
    /// How many lines it spans, from its `fn` to the brace that closes its body.
    pub lines: usize,
    /// Whether a `long-fn:` comment above it says why it is that long.
    pub excused: bool,
}

/// How many files and functions are too long: `[without a reason, with one]`.
#[derive(Debug, Default)]
struct Long {
    /// Files over [`MAX_FILE_LINES`].
    files: [usize; 2],
    /// Functions over [`MAX_FN_LINES`].
    fns: [usize; 2],
}

/// `cargo xtask check`: prints what it finds, then a summary; fails if it found anything.
pub fn run() -> Result<()> {
    tools::step("Checking the source tree (import cycles, long files, long functions)");
    let root = root();
    let mut findings = Vec::new();
    let mut modules = 0;
    for name in CRATES {
        modules += imports::crate_cycles(&root, name, &mut findings)?;
    }
    let cycles = match findings.len() {
        0 => "no import cycle".to_owned(),
        1 => "1 import cycle".to_owned(),
        n => format!("{n} import cycles"),
    };
    let long = measure(&root, &mut findings)?;
    for finding in &findings {
        println!("{finding}");
    }
    println!(
        "check: {modules} modules in {} crates, {cycles}; {} files over {MAX_FILE_LINES} lines \
         ({} with a reason); {} functions over {MAX_FN_LINES} lines ({} with a reason)",
        CRATES.len(),
        long.files[0],
        long.files[1],
        long.fns[0],
        long.fns[1],
    );
    if !findings.is_empty() {
        bail!(
            "{} finding(s) in the source tree, listed above",
            findings.len()
        );
    }
    Ok(())
}

/// Measures every file and function under [`MEASURED`], adding a finding for each that is
/// too long without a reason.
fn measure(root: &Path, findings: &mut Vec<String>) -> Result<Long> {
    let mut long = Long::default();
    for dir in MEASURED {
        for path in rust_files(&root.join(dir))? {
            let (text, shown) = read(root, &path)?;
            let count = text.lines().count();
            if count > MAX_FILE_LINES {
                let excused = file_excused(&text);
                long.files[usize::from(excused)] += 1;
                if !excused {
                    findings.push(format!(
                        "{shown}: {count} lines, more than {MAX_FILE_LINES}: split it, or \
                         say why not with `// long-file: <reason>` in its first \
                         {FILE_REASON_WITHIN} lines"
                    ));
                }
            }
            let long_fns = functions(&text).into_iter();
            for f in long_fns.filter(|f| f.lines > MAX_FN_LINES) {
                long.fns[usize::from(f.excused)] += 1;
                if !f.excused {
                    findings.push(format!(
                        "{shown}:{}: fn {} is {} lines, more than {MAX_FN_LINES}: split it, or \
                         say why not with `// long-fn: <reason>` just above it",
                        f.line, f.name, f.lines
                    ));
                }
            }
        }
    }
    Ok(long)
}

/// The `.rs` files under a folder, at any depth, sorted; none if it does not exist.
fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten() {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        if path.is_dir() {
            files.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// A file's text, and its path from the workspace root as findings show it.
fn read(root: &Path, path: &Path) -> Result<(String, String)> {
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let shown = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
    Ok((text, shown.replace('\\', "/")))
}

/// Whether a character can be part of an identifier.
fn is_ident(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// A file's code: its text with comments and string and char literals blanked (every
/// newline kept), so that paths and braces can be read from it line by line.
pub fn code(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        let Some(end) = skip_at(&c, i) else {
            code.push(c[i]);
            i += 1;
            continue;
        };
        code.extend(
            c[i..end]
                .iter()
                .map(|&ch| if ch == '\n' { ch } else { ' ' }),
        );
        i = end;
    }
    code
}

/// If a comment or a string or char literal starts at `i`, where it ends (exclusive).
/// Lifetimes (`'a`) are not literals; block comments are not nested.
fn skip_at(c: &[char], i: usize) -> Option<usize> {
    let at = |k: usize| c.get(k).copied().unwrap_or('\0');
    let after = |from: usize, end: char| (from..c.len()).find(|&k| c[k] == end);
    match (at(i), at(i + 1)) {
        ('/', '/') => Some(after(i, '\n').unwrap_or(c.len())),
        ('/', '*') => {
            let end = (i + 3..c.len()).find(|&k| c[k - 1] == '*' && c[k] == '/');
            Some(end.map_or(c.len(), |k| k + 1))
        }
        ('"', _) => Some(string_end(c, i + 1)),
        ('\'', '\\') => Some(after(i + 3, '\'').map_or(c.len(), |k| k + 1)),
        ('\'', x) if x != '\'' && at(i + 2) == '\'' => Some(i + 3),
        ('r', _) => raw_string_end(c, i),
        _ => None,
    }
}

/// Where a string whose text starts at `k` ends (after its closing quote).
fn string_end(c: &[char], mut k: usize) -> usize {
    while let Some(&ch) = c.get(k) {
        match ch {
            '\\' => k += 2,
            '"' => return k + 1,
            _ => k += 1,
        }
    }
    c.len()
}

/// If a raw string (`r"…"`, `r#"…"#`, also `br` and `cr`) starts at the `r` at `i`, where
/// it ends. Not for raw identifiers (`r#type`) nor an `r` inside a word.
fn raw_string_end(c: &[char], i: usize) -> Option<usize> {
    let word: String = c[..i]
        .iter()
        .rev()
        .take_while(|&&ch| is_ident(ch))
        .collect();
    if !matches!(word.as_str(), "" | "b" | "c") {
        return None;
    }
    let hashes = c[i + 1..].iter().take_while(|&&ch| ch == '#').count();
    if c.get(i + 1 + hashes) != Some(&'"') {
        return None;
    }
    let closes = |k: usize| {
        let tail = c.get(k + 1..k + 1 + hashes);
        c[k] == '"' && tail.is_some_and(|h| h.iter().all(|&ch| ch == '#'))
    };
    let end = (i + 2 + hashes..c.len()).find(|&k| closes(k));
    Some(end.map_or(c.len(), |k| k + 1 + hashes))
}

/// Whether a line is a comment that starts with `marker` and gives a reason after it
/// (`// long-fn: the matrix is one table`; doc comments too).
fn gives_reason(line: &str, marker: &str) -> bool {
    let comment = line.trim_start().strip_prefix("//");
    let comment = comment.map(|r| r.trim_start_matches(['/', '!']).trim_start());
    let reason = comment.and_then(|r| r.strip_prefix(marker));
    reason.is_some_and(|r| !r.trim().is_empty())
}

/// Whether a file's first lines say why it is long (a `long-file:` comment).
pub fn file_excused(text: &str) -> bool {
    let mut top = text.lines().take(FILE_REASON_WITHIN);
    top.any(|l| gives_reason(l, "long-file:"))
}

/// Every function with a body in a file, nested ones too, with its length.
pub fn functions(text: &str) -> Vec<Function> {
    let raw: Vec<&str> = text.lines().collect();
    let code = code(text);
    let code: Vec<&str> = code.lines().collect();
    let function = |(k, line): (usize, &&str)| {
        let name = fn_name(line)?.to_owned();
        let lines = body_lines(&code, k)?;
        let above = raw.get(k.saturating_sub(FN_REASON_WITHIN)..k);
        let excused = above
            .unwrap_or_default()
            .iter()
            .any(|l| gives_reason(l, "long-fn:"));
        let line = k + 1;
        Some(Function {
            name,
            line,
            lines,
            excused,
        })
    };
    code.iter().enumerate().filter_map(function).collect()
}

/// The name of the function a code line starts to define (after its visibility and
/// qualifiers: `pub(crate) const async unsafe extern "C" fn name`).
fn fn_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    if let Some(after) = rest.strip_prefix("pub") {
        let after = match after.strip_prefix('(') {
            Some(inside) => &inside[inside.find(')')? + 1..],
            None => after,
        };
        if after.starts_with(char::is_whitespace) {
            rest = after.trim_start();
        }
    }
    while let Some(word) = rest.split_whitespace().next() {
        if !matches!(word, "const" | "async" | "unsafe" | "extern" | "default") {
            break;
        }
        rest = rest[word.len()..].trim_start();
    }
    let after = rest.strip_prefix("fn")?;
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let after = after.trim_start();
    let len = after.find(|ch: char| !is_ident(ch)).unwrap_or(after.len());
    (len > 0).then(|| &after[..len])
}

/// How many lines the function whose `fn` is on code line `k` spans, to the brace that
/// closes its body; `None` for a declaration without a body (`fn f();` in a trait).
fn body_lines(code: &[&str], k: usize) -> Option<usize> {
    let mut nesting = 0i32; // ( and [ in the signature
    let mut depth = 0usize; // braces from the body's
    for (n, line) in code.iter().enumerate().skip(k) {
        let from = if n == k { line.find("fn")? + 2 } else { 0 };
        for ch in line[from..].chars() {
            match ch {
                '(' | '[' if depth == 0 => nesting += 1,
                ')' | ']' if depth == 0 => nesting -= 1,
                ';' if depth == 0 && nesting == 0 => return None,
                '{' if nesting == 0 => depth += 1,
                '}' if depth == 1 => return Some(n - k + 1),
                '}' if depth > 1 => depth -= 1,
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_function_is_measured_past_braces_in_literals_and_comments() {
        let body = "    let s = \"{{ } {\";\n    let c = '{';\n    // }}}\n    \
                    let r = r#\"}\"{\"#;\n"
            .repeat(40);
        let text = format!(
            "/// Long.\npub async fn long<'a>(x: [u8; 2], y: &'a str) -> usize {{\n\
             {body}    0\n}}\n\ntrait T {{\n    fn declared(&self);\n}}\nfn short() {{}}\n"
        );
        let found = functions(&text);
        let long = Function {
            name: "long".into(),
            line: 2,
            lines: 163,
            excused: false,
        };
        assert_eq!(found[0], long);
        assert_eq!(found.len(), 2);
        assert_eq!((found[1].name.as_str(), found[1].lines), ("short", 1));
    }

    #[test]
    fn a_reason_above_a_long_function_or_atop_a_long_file_excuses_it() {
        let body = "    step();\n".repeat(200);
        let text = format!(
            "// long-fn: the authorization matrix is one table\n#[test]\nfn matrix() {{\n{body}}}\n\
             \n/// See `// long-fn: x` for why.\nfn other() {{\n{body}}}\n"
        );
        let found = functions(&text);
        assert_eq!((found[0].lines, found[0].excused), (202, true));
        assert_eq!((found[1].lines, found[1].excused), (202, false));
        assert!(!file_excused(&text));
        let reasoned = "//! Matrix.\n// long-file: the matrix is one table\n";
        assert!(file_excused(reasoned));
        assert!(!file_excused("// long-file:\n"));
    }
}
