//! The shape of the source tree, checked: imports run one way (no file
//! reaches back to a file that reaches it), and the engine imports nothing
//! from the edges (command line, input, files, terminal, sinks).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every source file by module path: `render::text` for src/render/text.rs.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path: PathBuf = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let module = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}::{name}")
            };
            if path.is_dir() {
                walk(&path, &module, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let module = match name.as_str() {
                    "mod" => prefix.to_string(),
                    "lib" | "main" if prefix.is_empty() => "crate".to_string(),
                    _ => module,
                };
                out.insert(module, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "",
        &mut out,
    );
    out
}

/// The paths a `use` tree names: `a::{b, c::{d, e}}` gives a::b, a::c::d, a::c::e.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap().trim().to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(p).into_iter().map(move |x| format!("{prefix}{x}")))
        .collect()
}

/// The modules `source` (the file of `module`) imports from this crate.
fn imports(module: &str, source: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    let mut found = BTreeSet::new();
    let code: String = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    // Stop at the tests: a unit test may reach anywhere.
    let code = code.split("#[cfg(test)]").next().unwrap();
    let mut paths = Vec::new();
    for statement in code.split(';') {
        let statement = statement.trim();
        if let Some(tree) = statement
            .strip_prefix("pub use ")
            .or_else(|| statement.strip_prefix("use "))
        {
            paths.extend(expand(tree));
        }
    }
    for (at, _) in code.match_indices("crate::") {
        let rest: String = code[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        paths.push(rest);
    }
    // A module's own children, named without `self::`.
    let own = if module == "crate" {
        String::new()
    } else {
        format!("{module}::")
    };
    for child in known.iter().filter_map(|k| k.strip_prefix(&own)) {
        if child.contains("::") {
            continue;
        }
        let named = code.match_indices(&format!("{child}::")).any(|(at, _)| {
            !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
        });
        if named {
            paths.push(format!("self::{child}"));
        }
    }
    for path in paths {
        let path = if let Some(rest) = path.strip_prefix("crate::") {
            rest.to_string()
        } else if let Some(rest) = path.strip_prefix("super::") {
            if parent.is_empty() {
                rest.to_string()
            } else {
                format!("{parent}::{rest}")
            }
        } else if let Some(rest) = path.strip_prefix("self::") {
            format!("{own}{rest}")
        } else {
            continue;
        };
        // The longest module the path starts with.
        let segments: Vec<&str> = path.split("::").collect();
        let target = (1..=segments.len())
            .rev()
            .map(|n| segments[..n].join("::"))
            .find(|candidate| known.contains(candidate));
        if let Some(target) = target
            && target != module
        {
            found.insert(target);
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .filter(|(module, _)| module.as_str() != "crate")
        .map(|(module, source)| (module.clone(), imports(module, source, &known)))
        .collect()
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let graph = graph();
    // Depth-first search for a cycle, reporting the first one found.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("an import loop: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_engine_imports_nothing_from_the_edges() {
    let graph = graph();
    let engine = [
        "diagnosis",
        "simulate",
        "track_record",
        "check",
        "workshop",
        "portfolio",
    ];
    let edges = [
        "cli",
        "commands",
        "input",
        "interview",
        "files",
        "packs",
        "terminal",
        "sink",
    ];
    // Everything the engine reaches, directly or not.
    for start in engine {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.to_string()];
        while let Some(node) = todo.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        let reached: Vec<&String> = seen
            .iter()
            .filter(|m| {
                edges
                    .iter()
                    .any(|e| *m == e || m.starts_with(&format!("{e}::")))
            })
            .collect();
        assert!(reached.is_empty(), "{start} reaches {reached:?}");
    }
}

#[test]
fn the_checks_see_the_imports_they_are_meant_to() {
    // The analysis itself: a grouped import, a `super` path, an inline path.
    let graph = graph();
    let text = &graph["render::text"];
    assert!(text.contains("render::renderer"), "{text:?}");
    assert!(text.contains("check"), "{text:?}");
    assert!(graph["commands::check"].contains("files"));
    assert!(graph["render"].contains("render::text"));
}
