//! infer's own words, gathered from its source: every string literal of
//! `src/` (tests left out), cut at format placeholders. What infer writes
//! from these is its own text, never a secret's: the masking leaves it
//! whole (`src/secret/trust.rs`).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=src");
    let mut literals = Vec::new();
    walk(Path::new("src"), &mut literals);
    let mut phrases = Vec::new();
    let mut words = Vec::new();
    let mut keys = Vec::new();
    for literal in &literals {
        if is_key(literal) {
            keys.push(literal.clone());
        }
        // A flag clap spells from `long = "secret-env"`.
        if literal.contains('-') && is_word(&format!("--{literal}")) && !literal.starts_with('-') {
            words.push(format!("--{literal}"));
        }
        for piece in pieces(literal) {
            // Words, or a path or file name infer builds (`infer/config.toml`).
            let several = piece.contains(' ') || (piece.contains(['/', '.']) && piece.len() >= 4);
            // The names it holds, wherever they stand (`=NEW_VALUE`).
            let tokens =
                piece.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'));
            words.extend(tokens.filter(|t| is_word(t)).map(String::from));
            if several && piece.chars().any(|c| c.is_ascii_alphabetic()) {
                phrases.push(piece);
            } else if is_word(&piece) {
                words.push(piece);
            }
        }
    }
    for list in [&mut phrases, &mut words, &mut keys] {
        list.sort();
        list.dedup();
    }
    let mut out = String::new();
    let _ = writeln!(out, "pub static PHRASES: &[&str] = &{phrases:?};");
    let _ = writeln!(out, "pub static WORDS: &[&str] = &{words:?};");
    let _ = writeln!(out, "pub static KEYS: &[&str] = &{keys:?};");
    let dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&dir).join("our_words.rs"), out).expect("write our_words.rs");
}

/// A name infer writes: a flag (`--api-key`), a variable (`ES_API_KEY`), a
/// setting or key in snake case (`service_settings`). A plain word
/// (`elastic`, `inference`) is not one: a value may be that word.
fn is_word(piece: &str) -> bool {
    let name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if let Some(flag) = piece.strip_prefix("--") {
        return flag.len() >= 2 && name(flag);
    }
    // An API path's segment: `_inference`, `_update`.
    if let Some(rest) = piece.strip_prefix('_') {
        return rest.len() >= 3 && rest.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    }
    let snake = piece.contains('_')
        && piece.starts_with(|c: char| c.is_ascii_alphabetic())
        && piece.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    snake && piece.len() >= 4
}

/// A key infer writes or reads in JSON: `setting`, `service_settings`.
fn is_key(literal: &str) -> bool {
    literal.starts_with(|c: char| c.is_ascii_lowercase())
        && literal
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn walk(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            walk(&path, out);
        } else if name.ends_with(".rs")
            && !name.contains("props")
            && !name.starts_with("tests")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            literals(without_tests(&text), out);
        }
    }
}

/// The file up to its inline test module (`#[cfg(test)] mod tests {`).
fn without_tests(text: &str) -> &str {
    let mut at = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .get(i + 1)
                .is_some_and(|next| next.contains("mod ") && next.contains('{'))
        {
            return &text[..at];
        }
        at += line.len();
    }
    text
}

/// The string literals of Rust source, unescaped; comments and character
/// literals skipped.
fn literals(src: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !ident(chars.get(i.wrapping_sub(1)))
        {
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let start = j + 1;
            let mut k = start;
            while k < chars.len() {
                if chars[k] == '"' && (1..=hashes).all(|h| chars.get(k + h) == Some(&'#')) {
                    break;
                }
                k += 1;
            }
            out.push(chars[start..k.min(chars.len())].iter().collect());
            i = k + 1 + hashes;
        } else if c == '"' {
            let (text, end) = string(&chars, i + 1);
            out.push(text);
            i = end;
        } else if c == '\'' {
            // A character literal ('"', '\''), or a lifetime.
            if next == Some('\\') {
                let mut k = i + 2;
                while k < chars.len() && chars[k] != '\'' {
                    k += 1;
                }
                i = k + 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
}

fn ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// A string literal's text from `start` (after the quote), and where the
/// literal ends.
fn string(chars: &[char], start: usize) -> (String, usize) {
    let mut out = String::new();
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '"' => return (out, i + 1),
            '\\' => {
                let e = chars.get(i + 1).copied().unwrap_or('\\');
                i += 2;
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' => out.push('\0'),
                    '\n' => {
                        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                            i += 1;
                        }
                    }
                    'u' => {
                        let mut k = i + 1;
                        while k < chars.len() && chars[k] != '}' {
                            k += 1;
                        }
                        let hex: String = chars[(i + 1).min(k)..k].iter().collect();
                        if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                        {
                            out.push(c);
                        }
                        i = k + 1;
                    }
                    'x' => {
                        let hex: String = chars[i..(i + 2).min(chars.len())].iter().collect();
                        if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                        {
                            out.push(c);
                        }
                        i += 2;
                    }
                    other => out.push(other),
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    (out, i)
}

/// A literal cut where a format string interpolates (`{name}`, `{:?}`);
/// `{{` and `}}` are braces.
fn pieces(literal: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut piece = String::new();
    let mut chars = literal.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                piece.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                piece.push('}');
            }
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                out.push(std::mem::take(&mut piece));
            }
            c => piece.push(c),
        }
    }
    out.push(piece);
    out.retain(|p| !p.trim().is_empty());
    out
}
