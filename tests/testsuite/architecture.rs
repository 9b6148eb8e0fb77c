//! The layout of the code: no two files of `src/` import each other, even
//! through others, so that the data flows one way (ARCHITECTURE.md) and a
//! module can be read knowing only those below it. A file's imports are
//! its `use` items and its `crate::`, `super::` and `self::` paths, tests
//! and comments left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::repo_root;

/// Every module of `src/` (`search::index`; `crate` for lib.rs) and its
/// text, tests and comments left out.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut modules = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.expect("readable src/");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(src).unwrap().with_extension("");
        let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        let name = match parts.join("::").as_str() {
            "lib" => "crate".to_string(),
            other => other.to_string(),
        };
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
        let code: Vec<&str> = code
            .lines()
            .map(|line| line.split("//").next().unwrap_or_default())
            .collect();
        modules.insert(name, code.join("\n"));
    }
    modules
}

/// `a::{b, c::{d}}` as `a::b`, `a::c::d`.
fn expand(prefix: &str, tree: &str) -> Vec<String> {
    let mut items = Vec::new();
    let (mut depth, mut item) = (0, String::new());
    for c in tree.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    items.push(item);
    let mut paths = Vec::new();
    for item in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        match item.split_once('{') {
            Some((head, rest)) => paths.extend(expand(
                &format!("{prefix}{head}"),
                rest.trim_end().trim_end_matches('}'),
            )),
            None => paths.push(format!("{prefix}{}", item.split(" as ").next().unwrap().trim())),
        }
    }
    paths
}

/// The paths a module's code names: `use` items (relative ones from a
/// child module made `self::`), and `crate::`/`super::`/`self::` paths.
fn named_paths(code: &str, children: &BTreeSet<String>) -> Vec<String> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut paths = Vec::new();
    for (at, _) in code.match_indices("use ") {
        if code[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let Some(end) = code[at..].find(';') else { continue };
        let tree: String = code[at + 4..at + end].split_whitespace().collect::<Vec<_>>().join(" ");
        let first: String = tree.chars().take_while(|&c| is_ident(c)).collect();
        if ["crate", "super", "self"].contains(&first.as_str()) {
            paths.extend(expand("", &tree));
        } else if children.contains(&first) {
            paths.extend(expand("self::", &tree));
        }
    }
    for root in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(root) {
            if code[..at].chars().next_back().is_some_and(|c| is_ident(c) || c == ':') {
                continue;
            }
            let path: String = code[at..].chars().take_while(|&c| is_ident(c) || c == ':').collect();
            paths.push(path);
        }
    }
    paths
}

/// The module a path from `module` lands in: its longest prefix that is a
/// module.
fn resolve(module: &str, path: &str, modules: &BTreeMap<String, String>) -> Option<String> {
    let mut base: Vec<&str> = if module == "crate" {
        Vec::new()
    } else {
        module.split("::").collect()
    };
    let mut parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty() && *p != "*").collect();
    match parts.first().copied() {
        Some("crate") => {
            base.clear();
            parts.remove(0);
        }
        Some("super" | "self") => {
            while let Some(&first) = parts.first().filter(|p| **p == "super" || **p == "self") {
                if first == "super" {
                    base.pop();
                }
                parts.remove(0);
            }
        }
        _ => return None,
    }
    (0..=parts.len()).rev().find_map(|n| {
        let candidate = base.iter().chain(&parts[..n]).copied().collect::<Vec<_>>().join("::");
        let candidate = if candidate.is_empty() {
            "crate".to_string()
        } else {
            candidate
        };
        modules.contains_key(&candidate).then_some(candidate)
    })
}

/// A circle of imports, if there is one: the modules along it.
fn find_circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_two_files_of_src_import_each_other() {
    let modules = modules(&repo_root().join("src"));
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in &modules {
        let prefix = if module == "crate" {
            String::new()
        } else {
            format!("{module}::")
        };
        let children: BTreeSet<String> = modules
            .keys()
            .filter_map(|m| {
                m.strip_prefix(&prefix)
                    .filter(|rest| !rest.contains("::"))
                    .map(str::to_string)
            })
            .filter(|child| module != "crate" || child != "crate")
            .collect();
        for path in named_paths(code, &children) {
            if let Some(target) = resolve(module, &path, &modules).filter(|t| t != module && t != "crate") {
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    assert!(
        edges
            .get("site")
            .is_some_and(|e| e.contains("render") && e.contains("search")),
        "the import graph was not read: {edges:?}"
    );
    if let Some(circle) = find_circle(&edges) {
        panic!("an import circle in src/: {}", circle.join(" → "));
    }
}

/// The names the data-flow map of ARCHITECTURE.md gives (`corpus::load_all_cached`,
/// `Snapshot::with_docs`, `theme::Theme`): each a type or module, then a
/// function or type.
fn mapped_names(map: &str) -> Vec<(String, String)> {
    let diagram = map
        .split("## The data flow")
        .nth(1)
        .and_then(|rest| rest.split("```").nth(1))
        .expect("ARCHITECTURE.md has a data-flow diagram");
    let mut names = Vec::new();
    for word in diagram.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
        let parts: Vec<&str> = word.trim_matches(':').split("::").collect();
        if let [.., owner, function] = parts[..] {
            names.push((owner.to_string(), function.to_string()));
        }
    }
    names
}

/// Every function and type the map names exists, in the module or on the
/// type it names, so that the map cannot drift from the code unnoticed.
#[test]
fn the_architecture_map_names_functions_that_exist() {
    let root = repo_root();
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let names = mapped_names(&map);
    assert!(names.len() >= 10, "too few names read from the map: {names:?}");
    let modules = modules(&root.join("src"));
    for (owner, function) in names {
        let defined = modules.iter().any(|(module, code)| {
            let owns = module.rsplit("::").next() == Some(owner.as_str())
                || code.contains(&format!("impl {owner} {{"))
                || code.contains(&format!("impl<'a> {owner}<'a> {{"))
                || code.contains(&format!("impl {owner}<"))
                || code.contains(&format!("for {owner} {{"));
            owns && ["fn", "struct", "enum", "trait"]
                .iter()
                .any(|item| code.contains(&format!("{item} {function}")))
        });
        assert!(
            defined,
            "ARCHITECTURE.md names {owner}::{function}, which src/ does not define"
        );
    }
}
