//! The layers of `src/` do not loop, and the lower ones never reach up to
//! the command line. Every module path the code names is read: `use`
//! declarations (braced groups and nested braces included), inline
//! `crate::…` paths, `super::` and `self::` paths resolved against the
//! module they are written in, and a child module named by its bare name.
//! Comments and string literals are left out first.
//!
//! `$crate` in a macro counts as `crate`, and a raw identifier (`r#cli`)
//! as its name. What the reading cannot follow is refused outright: a
//! `#[path]` attribute, `use crate as …` and `extern crate self as …`.
//!
//! The rules: (a) no cycle among the top-level modules of `src/`, (b) no
//! cycle among its files, (c) only the command line names `cli` or
//! `commands`: the crate root, `cli`, `commands`, and `complete` (which
//! names `cli` for the clap command it completes); every other module is
//! below it, and (d) `ops` never names `output`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod compiled;
mod lex;
mod paths;

use paths::{Module, Naming, evasions, module_of, namings};

/// Every `.rs` file under `src/`, relative to it, with its text.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("src/ is readable")
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path
                    .strip_prefix(root)
                    .expect("under src/")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((
                    relative,
                    std::fs::read_to_string(&path).expect("a source file"),
                ));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out
}

/// Every naming in `src/`, and the file module of each file.
fn crate_namings() -> Vec<(Module, Naming)> {
    let files = sources();
    let modules: BTreeSet<Module> = files.iter().map(|(f, _)| module_of(f)).collect();
    files
        .iter()
        .flat_map(|(file, text)| {
            let from = module_of(file);
            namings(&format!("src/{file}"), text, &modules)
                .into_iter()
                .map(move |n| (from.clone(), n))
        })
        .collect()
}

fn show(module: &Module) -> String {
    if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    }
}

/// The cycles of a graph (strongly connected components of two or more),
/// each with the namings that make its edges.
fn cycles(edges: &BTreeMap<String, BTreeMap<String, Naming>>) -> Vec<String> {
    let nodes: BTreeSet<&String> = edges
        .keys()
        .chain(edges.values().flat_map(|m| m.keys()))
        .collect();
    let reach = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for next in edges.get(&n).into_iter().flat_map(|m| m.keys()) {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut reported = BTreeSet::new();
    let mut out = Vec::new();
    for node in &nodes {
        if !reaches[node].contains(*node) || reported.contains(*node) {
            continue;
        }
        let members: BTreeSet<&String> = nodes
            .iter()
            .copied()
            .filter(|m| reaches[node].contains(*m) && reaches[m].contains(*node))
            .collect();
        let mut text = format!(
            "cycle among {}:",
            members
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        for from in &members {
            for (to, naming) in edges.get(*from).into_iter().flatten() {
                if members.contains(to) {
                    text.push_str(&format!(
                        "\n  {from} -> {to}: {}:{} names {}",
                        naming.file, naming.line, naming.path
                    ));
                }
            }
        }
        reported.extend(members.iter().map(|m| m.to_string()));
        out.push(text);
    }
    out
}

/// The graph of namings, each module mapped by `node` (top level or file).
fn graph(
    namings: &[(Module, Naming)],
    node: impl Fn(&Module) -> String,
) -> BTreeMap<String, BTreeMap<String, Naming>> {
    let mut edges: BTreeMap<String, BTreeMap<String, Naming>> = BTreeMap::new();
    for (from, naming) in namings {
        let (a, b) = (node(from), node(&naming.target));
        if a != b {
            edges
                .entry(a)
                .or_default()
                .entry(b)
                .or_insert_with(|| naming.clone());
        }
    }
    edges
}

#[test]
fn no_cycle_among_top_level_modules() {
    let top = |m: &Module| m.first().cloned().unwrap_or_else(|| "crate".into());
    let found = cycles(&graph(&crate_namings(), top));
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The file graph: a module's naming of its own descendants is left out
/// (its `mod.rs` declares them and is their face: `pub use unit::Unit`);
/// every other naming counts, a child's `super::` naming of its parent
/// included.
fn file_graph() -> BTreeMap<String, BTreeMap<String, Naming>> {
    let namings: Vec<(Module, Naming)> = crate_namings()
        .into_iter()
        .filter(|(from, n)| !n.target.starts_with(from))
        .collect();
    graph(&namings, show)
}

#[test]
fn no_cycle_among_files() {
    let found = cycles(&file_graph());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The namings by files under one of `layers` of a module in `forbidden`.
fn forbidden(layers: &[&str], forbidden: &[&str]) -> Vec<String> {
    crate_namings()
        .into_iter()
        .filter(|(from, n)| {
            from.first().is_some_and(|l| layers.contains(&l.as_str()))
                && n.target
                    .first()
                    .is_some_and(|t| forbidden.contains(&t.as_str()))
        })
        .map(|(_, n)| format!("{}:{} names {}", n.file, n.line, n.path))
        .collect()
}

/// The top-level modules that may name `cli` or `commands`: the command
/// line itself, and `complete` (dynamic completion reads the clap command
/// of `cli` to know what it completes). The crate root (`main.rs`) may too.
const COMMAND_LINE: [&str; 3] = ["cli", "commands", "complete"];

#[test]
fn only_the_command_line_names_the_command_line() {
    let found: Vec<String> = crate_namings()
        .into_iter()
        .filter(|(from, n)| {
            from.first()
                .is_some_and(|l| !COMMAND_LINE.contains(&l.as_str()))
                && n.target
                    .first()
                    .is_some_and(|t| t == "cli" || t == "commands")
        })
        .map(|(_, n)| format!("{}:{} names {}", n.file, n.line, n.path))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn no_module_is_named_in_a_way_the_scanner_cannot_follow() {
    let found: Vec<String> = sources()
        .iter()
        .flat_map(|(file, text)| evasions(&format!("src/{file}"), text))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn ops_never_names_output() {
    let found = forbidden(&["ops"], &["output"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The scanner on small samples.
mod scanner {
    use super::*;

    fn modules(names: &[&str]) -> BTreeSet<Module> {
        names
            .iter()
            .map(|n| {
                if n.is_empty() {
                    Vec::new()
                } else {
                    n.split("::").map(str::to_string).collect()
                }
            })
            .collect()
    }

    fn targets(file: &str, text: &str) -> Vec<(usize, String)> {
        let files = modules(&["", "a", "a::b", "a::c", "d", "d::e"]);
        namings(file, text, &files)
            .into_iter()
            .map(|n| (n.line, show(&n.target)))
            .collect()
    }

    #[test]
    fn a_braced_use_with_nested_braces_names_each_module() {
        let text = "use crate::{a::{b::{X, Y}, self}, d::e as f};\nuse std::fmt;";
        assert_eq!(
            targets("src/main.rs", text),
            [
                (1, "a::b".into()),
                (1, "a::b".into()),
                (1, "a".into()),
                (1, "d::e".into())
            ]
        );
    }

    #[test]
    fn super_resolves_against_the_files_module_and_inline_modules() {
        let text = "use super::c::Z;\nfn f() { super::super::d::g(); }\nmod tests {\n    use super::*;\n}\n";
        assert_eq!(
            targets("src/a/b.rs", text),
            [(1, "a::c".into()), (2, "d".into()), (4, "a::b".into())]
        );
    }

    #[test]
    fn inline_paths_are_read_and_comments_and_strings_are_not() {
        let text = "// crate::d::e in a comment\n/* crate::d */ fn f() -> u8 {\n    let s = \"crate::a::b\";\n    let r = r#\"crate::a::c\"#;\n    let c = '\"';\n    crate::d::e::go(s, r, c)\n}\n";
        assert_eq!(targets("src/a/c.rs", text), [(6, "d::e".into())]);
    }

    #[test]
    fn a_bare_child_module_is_named_and_another_crate_is_not() {
        let text =
            "mod e;\npub use e::Thing;\nuse serde::Serialize;\nfn f() { self::e::go(); e::went() }";
        assert_eq!(
            targets("src/d/mod.rs", text),
            [(2, "d::e".into()), (4, "d::e".into()), (4, "d::e".into())]
        );
    }

    #[test]
    fn a_macros_crate_is_the_crate_and_a_lifetime_is_no_path() {
        let text = "macro_rules! m { () => { $crate::a::f() } }\nfn g<'a>(x: &'a str) -> &'a str { x }\nmacro_rules! n { ($d:ident) => { $d::a::f() } }";
        assert_eq!(targets("src/d/e.rs", text), [(1, "a".into())]);
    }

    #[test]
    fn a_raw_identifier_is_read_as_its_name() {
        let text = "fn f() { crate::r#a::r#b::go() }\nuse crate::r#d::e;";
        assert_eq!(
            targets("src/d/e.rs", text),
            [(1, "a::b".into()), (2, "d::e".into())]
        );
    }

    #[test]
    fn a_path_attribute_and_a_renamed_crate_are_evasions() {
        let samples = [
            "#[path = \"../cli/mod.rs\"]\nmod sneaky;",
            "#[ path=\"x.rs\" ] mod y;",
            "#[cfg_attr(unix, path = \"x.rs\")] mod y;",
            "use crate as root;\nfn f() { root::a::go() }",
            "use crate::{self as root};",
            "extern crate self as root;",
        ];
        for text in samples {
            assert!(!evasions("src/d/e.rs", text).is_empty(), "{text}");
        }
        let fine = "// #[path = \"x\"] in a comment\nlet s = \"use crate as x\";\nuse crate::a as b;\n#[derive(Debug)] struct P { path: u8 }";
        assert!(
            evasions("src/d/e.rs", fine).is_empty(),
            "{:?}",
            evasions("src/d/e.rs", fine)
        );
    }

    #[test]
    fn a_cycle_is_reported_with_the_lines_that_make_it() {
        let naming = |file: &str, target: &str| Naming {
            file: file.into(),
            line: 3,
            path: format!("crate::{target}"),
            target: vec![target.into()],
        };
        let mut edges: BTreeMap<String, BTreeMap<String, Naming>> = BTreeMap::new();
        edges
            .entry("a".into())
            .or_default()
            .insert("d".into(), naming("src/a.rs", "d"));
        edges
            .entry("d".into())
            .or_default()
            .insert("a".into(), naming("src/d.rs", "a"));
        let found = cycles(&edges);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].contains("src/a.rs:3 names crate::d"),
            "{}",
            found[0]
        );
        assert!(
            found[0].contains("src/d.rs:3 names crate::a"),
            "{}",
            found[0]
        );
    }
}
