//! The documentation stands on its own: every relative link between the
//! README, `docs/` and CONTRIBUTING.md names a file of this repository,
//! every `#anchor` a heading of that file, and every path it quotes
//! (`src/…`, `tests/…`, `docs/…`) exists.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown files of the documentation.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md"), root().join("CONTRIBUTING.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// The lines outside fenced code blocks.
fn prose(text: &str) -> Vec<&str> {
    let mut fenced = false;
    text.lines()
        .filter(|line| {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
                return false;
            }
            !fenced
        })
        .collect()
}

/// The targets of the `[text](target)` links in `text`.
fn links(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in prose(text) {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            found.push(after[..end].to_string());
            rest = &after[end..];
        }
    }
    found
}

/// The anchors GitHub makes of a file's headings: lower case, spaces as
/// `-`, every other character but letters, digits, `-` and `_` left out.
fn anchors(text: &str) -> Vec<String> {
    prose(text)
        .into_iter()
        .filter_map(|line| line.strip_prefix('#'))
        .map(|heading| {
            heading
                .trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_relative_link_in_the_documentation_resolves() {
    let root = root().canonicalize().expect("root");
    let mut broken = Vec::new();
    for page in pages() {
        let text = read(&page);
        for link in links(&text) {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                page.parent().expect("folder").join(file)
            };
            let Ok(target) = target.canonicalize() else {
                broken.push(format!("{}: {link}: no such file", page.display()));
                continue;
            };
            if !target.starts_with(&root) {
                broken.push(format!(
                    "{}: {link}: outside the repository",
                    page.display()
                ));
            } else if !anchor.is_empty()
                && (!target.is_file() || !anchors(&read(&target)).iter().any(|a| a == anchor))
            {
                broken.push(format!("{}: {link}: no such heading", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn anchors_are_made_as_github_makes_them() {
    assert_eq!(
        anchors("## After an update: `--wait` and `--probe`\n"),
        ["after-an-update---wait-and---probe"]
    );
    assert_eq!(
        anchors("```\n# not a heading\n```\n### The first hour, without a cluster\n"),
        ["the-first-hour-without-a-cluster"]
    );
    assert_eq!(links("see [a](b.md#c) and [d](e)\n"), ["b.md#c", "e"]);
}

#[test]
fn the_readme_stays_short_and_keeps_its_test_command() {
    let readme = read(&root().join("README.md"));
    let lines = readme.lines().count();
    assert!(
        lines <= 250,
        "README.md has {lines} lines: move detail to docs/"
    );
    // `.ci/run` reads the line after the marker's next line.
    let after: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.contains("<!-- test-command -->"))
        .take(3)
        .collect();
    assert_eq!(after.get(2), Some(&"cargo test --locked"), "{after:?}");
}

/// The folders a quoted path of this repository starts with.
const TOP: [&str; 7] = [
    "src/",
    "tests/",
    "docs/",
    "man/",
    "bench/",
    "examples/",
    "completions/",
];

/// The `code spans` of `text` (outside fenced blocks) that name a path of
/// the repository: starting with one of `TOP`, with no glob, placeholder
/// or space in them. A `:line` or `::item` after a file is left off.
fn quoted_paths(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in prose(text) {
        let spans = line.split('`').skip(1).step_by(2);
        for span in spans {
            if !TOP.iter().any(|top| span.starts_with(top))
                || span.contains(['*', '<', '>', '{', '}', '$', ' ', '…', '?', '['])
            {
                continue;
            }
            let path = span.split(':').next().unwrap_or(span);
            found.push(path.to_string());
        }
    }
    found
}

#[test]
fn every_path_the_documentation_quotes_exists() {
    let mut missing = Vec::new();
    for page in pages() {
        for path in quoted_paths(&read(&page)) {
            if !root().join(&path).exists() {
                missing.push(format!("{}: `{path}`", page.display()));
            }
        }
    }
    assert!(missing.is_empty(), "no such path:\n{}", missing.join("\n"));
}

#[test]
fn a_quoted_path_is_read_without_its_line_and_a_glob_is_not_read() {
    let text = "see `src/a.rs:12`, `tests/x/` and `docs/<name>.md`, `src/*.rs`, `cargo test`\n```\n`src/in_a_block.rs`\n```\n";
    assert_eq!(quoted_paths(text), ["src/a.rs", "tests/x/"]);
}
