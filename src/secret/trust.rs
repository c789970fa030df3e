//! What in a text is infer's own: never masked, whatever secret it looks
//! like. Masking works by provenance: text infer composes from its own
//! source is infer's, text that may hold a secret (what is interpolated
//! into it, what a server, a file or the user sent) is scrubbed in every
//! form. The provenance is read back from infer's source itself: `build.rs`
//! gathers every string literal of `src/` (tests left out), cut where a
//! format string interpolates. In an outgoing text:
//!
//! - a *phrase* of infer's (a literal piece of several words: `give
//!   --password with --username`) is infer's where it stands whole, not
//!   inside a longer word;
//! - a *name* infer writes (a flag `--api-key`, a variable `ES_PASSWORD`, a
//!   snake-case setting `service_settings`, a connection setting
//!   `password`) is infer's where it stands as a whole token;
//! - in JSON, a key infer (or the API, whose keys infer names) writes is
//!   infer's, and so is a service name, task type or setting name under
//!   `service`, `task_type` or `setting`.
//!
//! Unmasking these reveals nothing: they are copies of infer's own source,
//! which every user has. A plain word (`elastic`, `inference`) standing
//! alone is never taken for infer's: an id or a value may be that word,
//! and may be the secret.

include!(concat!(env!("OUT_DIR"), "/our_words.rs"));

/// The connection settings (`config show`'s names, `src/connection/layers.rs`).
const SETTINGS: [&[&str]; 2] = [
    &crate::vocabulary::CONNECTION_UNIT,
    &crate::vocabulary::CONNECTION_LIMITS,
];

/// Keys whose value is a word the API or infer defines.
const WORD_VALUED: [&str; 4] = ["service", "task_type", "setting", "from"];

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Whether `token` is a name infer writes, standing alone.
pub fn is_name(token: &str) -> bool {
    WORDS.binary_search(&token).is_ok() || SETTINGS.iter().any(|list| list.contains(&token))
}

/// Whether a JSON key is one infer writes or the API defines.
pub fn is_key(key: &str) -> bool {
    KEYS.binary_search(&key).is_ok() || is_name(key)
}

/// Whether `value`, under `key`, is a word the API or infer defines: a
/// service, a task type, a setting's name.
pub fn is_word_value(key: &str, value: &str) -> bool {
    WORD_VALUED.contains(&key) && is_key(value)
}

/// The byte ranges of `text` that are infer's own and touch one of
/// `found` (where a secret's form was found).
pub fn ours(text: &str, found: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(start, end) in found {
        names_around(text, start, end, &mut out);
        phrases_around(text, start, end, &mut out);
        json_around(text, start, end, &mut out);
    }
    out
}

/// In JSON text: a key infer or the API writes (`"profile":`), and a
/// service, task type or setting name where the API puts one
/// (`"service": "elasticsearch"`), that `[start, end)` falls in.
fn json_around(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let key_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
    let from = start
        - text[..start]
            .chars()
            .rev()
            .take_while(|c| key_char(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    let to = end
        + text[end..]
            .chars()
            .take_while(|c| key_char(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    let word = &text[from..to];
    // JSON's own literals, where a value goes.
    if matches!(word, "null" | "true" | "false")
        && text[..from].trim_end().ends_with([':', ',', '['])
    {
        out.push((from, to));
        return;
    }
    if word.is_empty() || !text[..from].ends_with('"') || !text[to..].starts_with('"') {
        return;
    }
    let before = text[..from - 1].trim_end();
    let after = text[to + 1..].trim_start();
    let is_ours = if after.starts_with(':') {
        is_key(word)
    } else if let Some(before) = before.strip_suffix(':') {
        let before = before.trim_end();
        WORD_VALUED
            .iter()
            .any(|key| before.ends_with(&format!("\"{key}\"")))
            && is_key(word)
    } else {
        false
    };
    if is_ours {
        out.push((from, to));
    }
}

/// The tokens `[start, end)` falls in, where they are infer's names.
fn names_around(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let mut from = text[..start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_token_char(*c))
        .last()
        .map_or(start, |(i, _)| i);
    while from < end {
        let len: usize = text[from..]
            .chars()
            .take_while(|c| is_token_char(*c))
            .map(char::len_utf8)
            .sum();
        if len == 0 {
            from += text[from..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let token = &text[from..from + len];
        // `--flag=value`, `ES_PASSWORD=…`: the name before the `=`.
        if is_name(token) || is_name(token.trim_end_matches('-')) {
            out.push((from, from + len));
        }
        from += len;
    }
}

/// Whole occurrences of infer's phrases that overlap `[start, end)`.
fn phrases_around(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        i.min(text.len())
    };
    for phrase in PHRASES {
        let lo = floor(start.saturating_sub(phrase.len()));
        let hi = ceil((end + phrase.len()).min(text.len()));
        let window = &text[lo..hi];
        let mut from = 0;
        while let Some(at) = window[from..].find(phrase) {
            let a = lo + from + at;
            let b = a + phrase.len();
            if a < end && b > start && whole(text, a, b) {
                out.push((a, b));
            }
            from += at + phrase.chars().next().map_or(1, char::len_utf8);
        }
    }
}

/// Whether `text[a..b]` stands whole: not the end or start of a longer word.
fn whole(text: &str, a: usize, b: usize) -> bool {
    let piece = &text[a..b];
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let starts_word = alnum(piece.chars().next());
    let ends_word = alnum(piece.chars().next_back());
    let joined_before = starts_word && alnum(text[..a].chars().next_back());
    let joined_after = ends_word && alnum(text[b..].chars().next());
    !joined_before && !joined_after
}

/// `found` without the parts `ours` covers.
pub fn subtract(found: Vec<(usize, usize)>, ours: &[(usize, usize)]) -> Vec<(usize, usize)> {
    if ours.is_empty() {
        return found;
    }
    let mut out = Vec::new();
    for (start, end) in found {
        let mut pieces = vec![(start, end)];
        for &(a, b) in ours {
            pieces = pieces
                .into_iter()
                .flat_map(|(s, e)| {
                    if b <= s || a >= e {
                        vec![(s, e)]
                    } else {
                        [(s, a.max(s)), (b.min(e), e)]
                            .into_iter()
                            .filter(|(x, y)| x < y)
                            .collect()
                    }
                })
                .collect();
        }
        out.extend(pieces);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infer_s_phrases_and_names_are_gathered() {
        assert!(is_name("--password"), "{WORDS:?}");
        assert!(is_name("ES_PASSWORD"));
        assert!(is_name("service_settings"));
        assert!(!is_name("elastic"));
        assert!(!is_name("inference"));
        assert!(is_key("setting"));
        assert!(is_word_value("service", "elasticsearch"));
        assert!(!is_word_value("inference_id", "elasticsearch"));
        assert!(
            PHRASES
                .iter()
                .any(|p| p.contains("give --password with --username"))
        );
    }

    #[test]
    fn only_whole_phrases_and_tokens_are_ours() {
        let text = "x give --password with --username, y";
        let at = text.find("password").unwrap_or(0);
        assert!(!ours(text, &[(at, at + 8)]).is_empty());
        // Inside a longer token, a name is not infer's.
        let text = "--passwordX";
        assert!(ours(text, &[(2, 10)]).is_empty());
        // JSON keys and the API's words where the API puts them.
        let text = r#"{"profile": null, "service": "elasticsearch", "id": "elasticsearch"}"#;
        let at = |n: usize| {
            let i = text.match_indices("elastic").nth(n).map_or(0, |(i, _)| i);
            ours(text, &[(i, i + 7)])
        };
        assert!(!at(0).is_empty());
        assert!(at(1).is_empty());
        assert!(!ours(text, &[(3, 7)]).is_empty());
    }

    #[test]
    fn subtraction_keeps_what_is_not_ours() {
        assert_eq!(
            subtract(vec![(0, 10)], &[(2, 4), (6, 8)]),
            vec![(0, 2), (4, 6), (8, 10)]
        );
        assert_eq!(subtract(vec![(3, 5)], &[(0, 10)]), vec![]);
    }
}
