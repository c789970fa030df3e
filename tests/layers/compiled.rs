//! Every file of Rust under `tests/integration/` is part of the test
//! binary: a file no `mod` line names is never compiled, and its tests
//! would pass by never running.

use std::path::{Path, PathBuf};

/// The `.rs` files under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The file that must declare `path` as a module, and the name it must
/// use: `a/b.rs` is declared by `a/mod.rs` (or `main.rs` at the root),
/// `a/b/mod.rs` by `a/mod.rs` (or `main.rs`) as `b`.
fn declared_by(root: &Path, path: &Path) -> Option<(PathBuf, String)> {
    let stem = path.file_stem()?.to_str()?;
    let (dir, name) = if stem == "mod" {
        let own = path.parent()?;
        (own.parent()?, own.file_name()?.to_str()?.to_string())
    } else {
        (path.parent()?, stem.to_string())
    };
    if stem == "main" && dir == root {
        return None;
    }
    let parent = if dir == root {
        root.join("main.rs")
    } else {
        dir.join("mod.rs")
    };
    Some((parent, name))
}

/// Whether `text` declares the module `name` (`mod name;`, `pub mod
/// name;`, `pub(crate) mod name;`), at the start of a line.
fn declares(text: &str, name: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        let line = line
            .strip_prefix("pub(crate) ")
            .or_else(|| line.strip_prefix("pub "))
            .unwrap_or(line);
        line == format!("mod {name};")
    })
}

#[test]
fn every_integration_test_file_is_compiled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration");
    let mut missing = Vec::new();
    for path in rust_files(&root) {
        let Some((parent, name)) = declared_by(&root, &path) else {
            continue;
        };
        let text = std::fs::read_to_string(&parent).unwrap_or_default();
        if !declares(&text, &name) {
            missing.push(format!(
                "{} is not compiled: add `mod {name};` to {}",
                path.display(),
                parent.display()
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn a_declaration_is_a_whole_mod_line() {
    assert!(declares("mod a;\nmod b;\n", "b"));
    assert!(declares("    pub mod b;\n", "b"));
    assert!(!declares("mod bb;\n", "b"));
    assert!(!declares("// mod b; is gone\n", "b"));
}
