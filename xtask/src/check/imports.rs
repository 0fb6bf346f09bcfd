//! The import graph of a crate's modules, and its cycles.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::Path,
};

use anyhow::Result;

use super::{code, is_ident, read, rust_files};

/// A path written in one module that names another module of the same crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The module the path is written in.
    pub from: String,
    /// The module it names.
    pub to: String,
    /// The line it is written on (from 1).
    pub line: usize,
}

/// A path as segments, with where (in characters) it is written.
type Named = (Vec<String>, usize);

/// Finds the import cycles between one crate's modules and adds one finding per cycle,
/// naming each of its edges with one place it is written; returns how many modules it has.
pub fn crate_cycles(root: &Path, name: &str, findings: &mut Vec<String>) -> Result<usize> {
    let src = root.join(name).join("src");
    let mut files = Vec::new();
    for path in rust_files(&src)? {
        let relative = path.strip_prefix(&src)?.to_string_lossy().into_owned();
        if let Some(module) = module_of(&relative.replace('\\', "/")) {
            let (text, shown) = read(root, &path)?;
            files.push((module, shown, text));
        }
    }
    let modules: BTreeSet<String> = files.iter().map(|f| f.0.clone()).collect();
    let mut all = Vec::new();
    let mut examples = BTreeMap::new();
    for (module, shown, text) in &files {
        let lines: Vec<&str> = text.lines().collect();
        for edge in edges(module, text, &modules) {
            let written = lines.get(edge.line - 1).map_or("", |l| l.trim());
            examples
                .entry((edge.from.clone(), edge.to.clone()))
                .or_insert_with(|| format!("{shown}:{}: {written}", edge.line));
            all.push(edge);
        }
    }
    for cycle in cycles(&all) {
        let mut lines = vec![format!("import cycle in {name}: {}", cycle.join(", "))];
        lines.extend(
            examples
                .iter()
                .filter(|((from, to), _)| cycle.contains(from) && cycle.contains(to))
                .map(|((from, to), at)| format!("    {from} → {to}: {at}")),
        );
        findings.push(lines.join("\n"));
    }
    Ok(modules.len())
}

/// The module a file is, from its path under `src/`: `store/access.rs` is `store::access`,
/// `store/mod.rs` and `store.rs` are `store`, `lib.rs` and `main.rs` the crate root (`""`);
/// `None` for what is not Rust and for `bin/`, whose files are crates of their own.
pub fn module_of(relative: &str) -> Option<String> {
    if relative.starts_with("bin/") {
        return None;
    }
    let stem = relative.strip_suffix(".rs")?;
    let stem = stem.strip_suffix("/mod").unwrap_or(stem);
    Some(match stem {
        "lib" | "main" => String::new(),
        _ => stem.replace('/', "::"),
    })
}

/// How many of a file's code lines come before its unit tests (`#[cfg(test)]` followed
/// by `mod tests`).
fn before_tests(lines: &[&str]) -> usize {
    let tests_follow = |k: usize| {
        let next = lines[k + 1..]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty());
        next.is_some_and(|l| l.starts_with("mod tests") || l.starts_with("pub mod tests"))
    };
    (0..lines.len())
        .find(|&k| lines[k].trim() == "#[cfg(test)]" && tests_follow(k))
        .unwrap_or(lines.len())
}

/// The other modules of its crate that a module's code names through `crate::` and
/// `super::` paths, each resolved to the longest prefix that is one of `modules`; the crate
/// root, the module itself, its ancestors and descendants left out, and its unit tests.
pub fn edges(module: &str, text: &str, modules: &BTreeSet<String>) -> Vec<Edge> {
    let code = code(text);
    let lines: Vec<&str> = code.lines().collect();
    let c: Vec<char> = lines[..before_tests(&lines)].join("\n").chars().collect();
    let newlines: Vec<usize> = (0..c.len()).filter(|&k| c[k] == '\n').collect();
    let mut found = Vec::new();
    for i in 0..c.len() {
        let Some((base, start)) = path_start(&c, i, module) else {
            continue;
        };
        for (rest, at) in use_tree(&c, start).0 {
            let to = resolve(&base, &rest, modules);
            if !related(module, &to) {
                let line = newlines.partition_point(|&n| n < at) + 1;
                let from = module.to_owned();
                found.push(Edge { from, to, line });
            }
        }
    }
    found
}

/// Whether `c` has `s` at `k`.
fn starts(c: &[char], k: usize, s: &str) -> bool {
    let here = c.get(k..).unwrap_or_default();
    here.iter().copied().take(s.len()).eq(s.chars())
}

/// Where the first character that is not white space is, from `k`.
fn skip_space(c: &[char], k: usize) -> usize {
    let here = c.get(k..).unwrap_or_default();
    k + here.iter().take_while(|ch| ch.is_whitespace()).count()
}

/// How long the identifier at `k` is (0 if there is none).
fn ident_len(c: &[char], k: usize) -> usize {
    let here = c.get(k..).unwrap_or_default();
    here.iter().take_while(|&&ch| is_ident(ch)).count()
}

/// If a `crate::` or `super::` path starts at `i` (and is not the tail of a longer path),
/// the module it starts from, as segments, and where the rest of it starts.
fn path_start(c: &[char], i: usize, module: &str) -> Option<(Vec<String>, usize)> {
    let (base, start) = if starts(c, i, "crate::") {
        (Vec::new(), i + "crate::".len())
    } else if starts(c, i, "super::") {
        let mut base: Vec<String> = module.split("::").map(str::to_owned).collect();
        base.retain(|s| !s.is_empty());
        let mut k = i;
        while starts(c, k, "super::") {
            base.pop()?;
            k += "super::".len();
        }
        (base, k)
    } else {
        return None;
    };
    let glued = i > 0 && is_ident(c[i - 1]);
    let before = c[..i].iter().rev().skip_while(|ch| ch.is_whitespace());
    let before: String = before.take(2).collect();
    (!glued && before != "::").then_some((base, start))
}

/// The paths a use tree starting at `k` names, relative to its prefix, each with where it
/// is written (`a::B` names one, `{a::B, c::{d, e}}` three), and where the tree ends.
fn use_tree(c: &[char], k: usize) -> (Vec<Named>, usize) {
    let mut k = skip_space(c, k);
    let at = k;
    let mut path: Vec<String> = Vec::new();
    loop {
        if c.get(k) == Some(&'{') {
            let (inner, end) = group(c, k + 1);
            let named = inner
                .into_iter()
                .map(|(rest, at)| ([path.clone(), rest].concat(), at));
            return (named.collect(), end);
        }
        let len = ident_len(c, k);
        if len == 0 {
            break;
        }
        path.push(c[k..k + len].iter().collect());
        k += len;
        if !starts(c, k, "::") {
            break;
        }
        k = skip_space(c, k + 2);
    }
    (vec![(path, at)], k)
}

/// The paths a `{…}` group names, read from just inside its brace, and where it ends.
fn group(c: &[char], mut k: usize) -> (Vec<Named>, usize) {
    let mut named = Vec::new();
    while let Some(&ch) = c.get(k) {
        if ch == '}' {
            return (named, k + 1);
        }
        if is_ident(ch) || ch == '{' {
            let (more, end) = use_tree(c, k);
            named.extend(more);
            k = end.max(k + 1);
        } else {
            k += 1;
        }
    }
    (named, k)
}

/// The longest prefix of `base` followed by `rest` that is one of `modules` (`base` if none
/// is), as a module path.
fn resolve(base: &[String], rest: &[String], modules: &BTreeSet<String>) -> String {
    let full = [base, rest].concat();
    (base.len()..=full.len())
        .rev()
        .map(|n| full[..n].join("::"))
        .find(|m| modules.contains(m))
        .unwrap_or_else(|| base.join("::"))
}

/// Whether an edge between two modules is left out: the crate root, the same module, or
/// one the other's ancestor.
fn related(from: &str, to: &str) -> bool {
    let inside = |outer: &str, inner: &str| {
        let tail = inner.strip_prefix(outer);
        tail.is_some_and(|t| t.starts_with("::"))
    };
    from.is_empty() || to.is_empty() || from == to || inside(from, to) || inside(to, from)
}

/// The groups of modules that import each other in a cycle: the strongly connected
/// components (Tarjan's algorithm) of more than one module, each sorted, in order.
pub fn cycles(edges: &[Edge]) -> Vec<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for e in edges {
        next.entry(e.from.as_str()).or_default().push(e.to.as_str());
    }
    let mut tarjan = Tarjan::default();
    for &v in next.keys() {
        if !tarjan.order.contains_key(v) {
            tarjan.visit(v, &next);
        }
    }
    let mut cycles: Vec<Vec<String>> = tarjan
        .components
        .iter()
        .map(|c| c.iter().map(|m| (*m).to_owned()).collect())
        .collect();
    cycles.sort();
    cycles
}

/// Tarjan's search for strongly connected components, as it goes.
#[derive(Debug, Default)]
struct Tarjan<'a> {
    /// Each visited node's place in the visiting order.
    order: BTreeMap<&'a str, usize>,
    /// The earliest place in the visiting order each visited node reaches.
    low: BTreeMap<&'a str, usize>,
    /// The visited nodes whose component is not complete yet.
    stack: Vec<&'a str>,
    /// The components of more than one node found, each sorted.
    components: Vec<Vec<&'a str>>,
}

impl<'a> Tarjan<'a> {
    /// Visits `v` and, depth first, what it reaches; completes `v`'s component if `v` is
    /// the first of it visited.
    fn visit(&mut self, v: &'a str, next: &BTreeMap<&'a str, Vec<&'a str>>) {
        let place = self.order.len();
        self.order.insert(v, place);
        self.low.insert(v, place);
        self.stack.push(v);
        for &w in next.get(v).into_iter().flatten() {
            if !self.order.contains_key(w) {
                self.visit(w, next);
                self.low.insert(v, self.low[v].min(self.low[w]));
            } else if self.stack.contains(&w) {
                self.low.insert(v, self.low[v].min(self.order[w]));
            }
        }
        if self.low[v] == place {
            let first = self.stack.iter().rposition(|&w| w == v).unwrap_or(0);
            let mut component = self.stack.split_off(first);
            component.sort_unstable();
            if component.len() > 1 {
                self.components.push(component);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A crate made of these modules.
    fn modules(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn modules_that_use_each_other_are_a_cycle() {
        let m = modules(&["", "a", "b", "store", "store::access", "store::commit"]);
        let mut all = edges("a", "use crate::b::Thing;\n", &m);
        let b = "fn f() -> usize {\n    crate::a::count()\n}\n";
        all.extend(edges("b", b, &m));
        let access = "use super::{Store, commit::batch};\n";
        all.extend(edges("store::access", access, &m));
        all.extend(edges("store::commit", "use super::access::insert;\n", &m));
        let pair = |a: &str, b: &str| vec![a.to_owned(), b.to_owned()];
        let expected = vec![pair("a", "b"), pair("store::access", "store::commit")];
        assert_eq!(cycles(&all), expected);
        assert_eq!(all[1].line, 2);
    }

    #[test]
    fn a_module_using_its_parent_or_its_child_is_no_cycle() {
        let m = modules(&["", "store", "store::access"]);
        let parent = "pub mod access;\npub use self::access::grant;\n\
                      fn f() { access::g(crate::store::access::h()) }\n";
        let child = "use super::Store;\nuse crate::{Board, store::Row};\n\
                     // crate::store::access\nconst S: &str = \"crate::other\";\n";
        let mut all = edges("store", parent, &m);
        all.extend(edges("store::access", child, &m));
        assert!(all.is_empty(), "{all:?}");
        assert!(cycles(&all).is_empty());
    }

    #[test]
    fn a_grouped_use_over_several_lines_names_each_module() {
        let m = modules(&["", "a", "b", "b::c", "x"]);
        let text = "use crate::{\n    a::X,\n    b::{c::Y},\n};\n\n\
                    #[cfg(test)]\nmod tests {\n    use crate::x::Z;\n}\n";
        let found: Vec<(String, usize)> = edges("m", text, &m)
            .into_iter()
            .map(|e| (e.to, e.line))
            .collect();
        assert_eq!(found, vec![("a".to_owned(), 2), ("b::c".to_owned(), 3)]);
    }

    #[test]
    fn a_file_is_the_module_its_path_names() {
        let module = |path: &str| module_of(path).unwrap_or_else(|| "none".into());
        assert_eq!(module("store/access.rs"), "store::access");
        assert_eq!(module("store/mod.rs"), "store");
        assert_eq!(module("store.rs"), "store");
        assert_eq!(module("lib.rs"), "");
        assert_eq!(module("bin/tool.rs"), "none");
    }
}
