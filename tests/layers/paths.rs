//! The module paths a source file names, resolved against the module it
//! is written in: `use` trees, inline `crate::`, `super::` and `self::`
//! paths, and a child module named by its bare name.

use std::collections::BTreeSet;

use super::lex::{Token, strip, tokens};

/// A module path, `["connection", "unit"]`; the crate root is `[]`.
pub type Module = Vec<String>;

/// One path named by the code: the file and line, the path as written
/// (resolved), and the file module it lands in.
#[derive(Debug, Clone)]
pub struct Naming {
    pub file: String,
    pub line: usize,
    pub path: String,
    pub target: Module,
}

/// The module of a file under `src/`: `src/connection/unit.rs` is
/// `connection::unit`, `connection/mod.rs` is `connection`, `main.rs` is
/// the root.
pub fn module_of(relative: &str) -> Module {
    let mut parts: Vec<String> = relative
        .trim_start_matches("src/")
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "main" | "lib")
    ) {
        parts.pop();
    }
    parts
}

/// The paths a file names, each resolved to an absolute module path.
/// `files` is every file module of the crate: a bare first segment counts
/// only when it is a child module of the module it is written in.
pub fn namings(file: &str, text: &str, files: &BTreeSet<Module>) -> Vec<Naming> {
    let toks = tokens(&strip(text));
    let here = module_of(file);
    let mut found = Vec::new();
    // Inline modules (`mod tests { … }`) open around the code: their name
    // and the brace depth they close at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < toks.len() {
        let current: Module = here
            .iter()
            .cloned()
            .chain(inline.iter().map(|(n, _)| n.clone()))
            .collect();
        match &toks[i].0 {
            Token::Punct("{") => depth += 1,
            Token::Punct("}") => {
                depth -= 1;
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Token::Ident(kw) if kw == "mod" => {
                if let (Some((Token::Ident(name), _)), Some((Token::Punct("{"), _))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    inline.push((name.clone(), depth));
                }
            }
            Token::Ident(kw) if kw == "use" => {
                let end = (i..toks.len())
                    .find(|&j| toks[j].0 == Token::Punct(";"))
                    .unwrap_or(toks.len());
                for (path, line) in use_paths(&toks[i + 1..end]) {
                    push(&mut found, file, line, &current, &path, files);
                }
                i = end;
                continue;
            }
            Token::Ident(start) => {
                // `$crate` in a macro is the crate; another `$name` is a
                // macro variable, no path.
                let after_dollar = i > 0 && toks[i - 1].0 == Token::Punct("$") && start != "crate";
                let after_colons = i > 0 && toks[i - 1].0 == Token::Punct("::");
                if !after_dollar
                    && !after_colons
                    && toks.get(i + 1).map(|t| &t.0) == Some(&Token::Punct("::"))
                {
                    let mut path = vec![start.clone()];
                    let mut j = i + 1;
                    while let (Some((Token::Punct("::"), _)), Some((Token::Ident(seg), _))) =
                        (toks.get(j), toks.get(j + 1))
                    {
                        path.push(seg.clone());
                        j += 2;
                    }
                    push(&mut found, file, toks[i].1, &current, &path, files);
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// The paths of a `use` tree (the tokens between `use` and `;`), braces
/// expanded: `crate::a::{b, c::{d, self}}` is `crate::a::b`,
/// `crate::a::c::d` and `crate::a::c`.
fn use_paths(toks: &[(Token, usize)]) -> Vec<(Vec<String>, usize)> {
    let mut out = Vec::new();
    let mut prefixes: Vec<Vec<String>> = vec![Vec::new()];
    let mut current: Vec<String> = Vec::new();
    let mut line = toks.first().map_or(0, |t| t.1);
    let mut skip_alias = false;
    let finish = |current: &mut Vec<String>,
                  prefixes: &[Vec<String>],
                  out: &mut Vec<(Vec<String>, usize)>,
                  line: usize| {
        if current.is_empty() {
            return;
        }
        let mut path = prefixes.last().cloned().unwrap_or_default();
        for seg in current.drain(..) {
            if seg != "self" || path.is_empty() {
                path.push(seg);
            }
        }
        out.push((path, line));
    };
    for (tok, at) in toks {
        match tok {
            Token::Ident(word) if word == "as" => skip_alias = true,
            Token::Ident(_) if skip_alias => skip_alias = false,
            Token::Ident(seg) => {
                if current.is_empty() {
                    line = *at;
                }
                current.push(seg.clone());
            }
            Token::Punct("{") => {
                let mut prefix = prefixes.last().cloned().unwrap_or_default();
                prefix.append(&mut current);
                prefixes.push(prefix);
            }
            Token::Punct(",") => finish(&mut current, &prefixes, &mut out, line),
            Token::Punct("}") => {
                finish(&mut current, &prefixes, &mut out, line);
                prefixes.pop();
            }
            _ => {}
        }
    }
    finish(&mut current, &prefixes, &mut out, line);
    out
}

/// Resolve `path`, written in module `current`, and record it when it
/// lands in a file module of the crate.
fn push(
    found: &mut Vec<Naming>,
    file: &str,
    line: usize,
    current: &Module,
    path: &[String],
    files: &BTreeSet<Module>,
) {
    let mut absolute: Module = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("self") => current.clone(),
        Some("super") => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            current[..current.len().saturating_sub(ups)].to_vec()
        }
        Some(first) => {
            let mut child = current.clone();
            child.push(first.to_string());
            if !files.contains(&child) {
                return; // another crate, or an item in scope
            }
            current.clone()
        }
        None => return,
    };
    let skip = match path.first().map(String::as_str) {
        Some("crate" | "self") => 1,
        Some("super") => path.iter().take_while(|s| *s == "super").count(),
        _ => 0,
    };
    absolute.extend(path[skip..].iter().cloned());
    let target = (0..=absolute.len())
        .rev()
        .map(|n| absolute[..n].to_vec())
        .find(|m| files.contains(m))
        .unwrap_or_default();
    found.push(Naming {
        file: file.to_string(),
        line,
        path: path.join("::"),
        target,
    });
}

/// The ways of naming a module that the path reading above cannot
/// follow, each a finding: a `#[path]` attribute (a file mounted under
/// another module's name), `use crate as …` or `use crate::{self as …}`,
/// and `extern crate self as …` (the crate under a second name).
pub fn evasions(file: &str, text: &str) -> Vec<String> {
    let stripped = strip(text);
    let mut found = Vec::new();
    let squeezed: String = stripped.chars().filter(|c| !c.is_whitespace()).collect();
    if squeezed.contains("#[path=")
        || squeezed.contains("#![path=")
        || (squeezed.contains("cfg_attr(") && squeezed.contains(",path="))
    {
        found.push(format!("{file}: a #[path] attribute"));
    }
    let toks = tokens(&stripped);
    let word = |k: usize, w: &str| matches!(toks.get(k), Some((Token::Ident(x), _)) if x == w);
    for (i, (tok, line)) in toks.iter().enumerate() {
        if *tok == Token::Ident("extern".into()) && word(i + 1, "crate") && word(i + 2, "self") {
            found.push(format!("{file}:{line}: extern crate self"));
        }
        if *tok == Token::Ident("use".into()) {
            let end = (i..toks.len())
                .find(|&j| toks[j].0 == Token::Punct(";"))
                .unwrap_or(toks.len());
            for (path, at) in use_paths(&toks[i + 1..end]) {
                if path == ["crate"] {
                    found.push(format!("{file}:{at}: the crate under another name"));
                }
            }
        }
    }
    found
}
