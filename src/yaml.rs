//! YAML as people write it: block style, two spaces a level, and a string
//! quoted only when it would otherwise read back as something else. Written
//! from a JSON value (everything infer prints is one), so every YAML text
//! here is also what `serde_json::Value` reads back from it.
//!
//! The rules come from the YAML 1.2.2 specification (yaml.org/spec/1.2.2):
//! plain scalars (section 7.3.3) may not start with an indicator, hold
//! `": "` or `" #"`, or end in `:`; the core schema (section 10.3.2)
//! resolves `null`, `~`, `true`, `false` and numbers in decimal, octal
//! (`0o`) and hexadecimal (`0x`); and since many readers still follow YAML
//! 1.1, its `yes`, `no`, `on`, `off`, `y`, `n`, sexagesimal numbers
//! (`12:30`) and dates are quoted too. Characters outside the printable
//! set (section 5.1), and those a terminal would act on, are written as
//! escapes in a double-quoted scalar (section 7.3.1).

use serde_json::Value;

/// The text of `value` as a YAML document, ending in a line break.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    let nested = matches!(value, Value::Array(a) if !a.is_empty())
        || matches!(value, Value::Object(m) if !m.is_empty());
    for (i, line) in block(value).into_iter().enumerate() {
        // A literal block alone is indented under its header.
        let line = if nested || i == 0 {
            line
        } else {
            indent(&line)
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The lines of `value` at the left margin: a scalar or empty collection
/// is one line; a mapping or sequence is one line per entry, with nested
/// ones indented under them.
fn block(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) if !items.is_empty() => items.iter().flat_map(item).collect(),
        Value::Object(map) if !map.is_empty() => {
            map.iter().flat_map(|(k, v)| entry(k, v)).collect()
        }
        scalar => inline(scalar),
    }
}

/// One item of a sequence: `- ` before its first line, the rest indented
/// to match (a mapping in a sequence starts on the dash's line).
fn item(value: &Value) -> Vec<String> {
    block(value)
        .into_iter()
        .enumerate()
        .map(|(i, line)| match (i, line.is_empty()) {
            (0, _) => format!("- {line}"),
            (_, true) => line,
            _ => format!("  {line}"),
        })
        .collect()
}

/// One entry of a mapping: `key: scalar`, or `key:` and the nested
/// collection indented under it. A key longer than YAML allows an
/// implicit key to be (1024 characters, section 7.4) is explicit: `? key`.
fn entry(key: &str, value: &Value) -> Vec<String> {
    let key = scalar(key);
    let nested = matches!(value, Value::Array(a) if !a.is_empty())
        || matches!(value, Value::Object(m) if !m.is_empty());
    let (mut lines, colon) = if key.chars().count() > 1000 || key.contains('\n') {
        (vec![format!("? {key}")], String::from(":"))
    } else {
        (Vec::new(), format!("{key}:"))
    };
    if nested {
        lines.push(colon);
        lines.extend(block(value).into_iter().map(|l| indent(&l)));
        return lines;
    }
    let mut inner = inline(value).into_iter();
    let first = inner.next().unwrap_or_default();
    lines.push(format!("{colon} {first}"));
    lines.extend(inner.map(|l| indent(&l)));
    lines
}

fn indent(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!("  {line}")
    }
}

/// A scalar or an empty collection: its lines (several only for a
/// literal block of text, whose first line is the `|` header).
fn inline(value: &Value) -> Vec<String> {
    match value {
        Value::Null => vec!["null".into()],
        Value::Bool(b) => vec![b.to_string()],
        Value::Number(n) => vec![number(&n.to_string())],
        Value::String(s) => match literal(s) {
            Some(lines) => lines,
            None => vec![scalar(s)],
        },
        Value::Array(_) => vec!["[]".into()],
        Value::Object(_) => vec!["{}".into()],
    }
}

/// A number as JSON writes it, in the form both YAML 1.1 and 1.2 read as
/// one: an exponent needs a point before it in YAML 1.1 (`1.0e20`, not
/// `1e20`).
fn number(text: &str) -> String {
    match text.find(['e', 'E']) {
        Some(at) if !text[..at].contains('.') => format!("{}.0{}", &text[..at], &text[at..]),
        _ => text.to_string(),
    }
}

/// Text of several lines as a literal block (`|`, section 8.1.2), each line
/// as it is, when it can be one: printable, no carriage return, not
/// starting with a space or a line break (those would need an indentation
/// indicator), and ending in at most one line break (`|` keeps it, `|-`
/// means none).
fn literal(text: &str) -> Option<Vec<String>> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let usable = body.contains('\n')
        && !body.ends_with('\n')
        && !text.starts_with([' ', '\n'])
        && body.lines().all(|l| !l.ends_with(char::is_whitespace))
        && !text.chars().any(|c| c == '\r' || must_escape(c));
    if !usable {
        return None;
    }
    let header = if body.len() == text.len() { "|-" } else { "|" };
    let mut lines = vec![header.to_string()];
    lines.extend(body.split('\n').map(String::from));
    Some(lines)
}

/// A string on one line: plain when it reads back as this string, single
/// quoted when only its look is the problem, double quoted with escapes
/// when it holds a character that must not be written as it is.
pub fn scalar(text: &str) -> String {
    if text
        .chars()
        .any(|c| must_escape(c) || matches!(c, '\n' | '\r' | '\t'))
    {
        return double_quoted(text);
    }
    if plain_is_safe(text) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', "''"))
}

/// Characters written as escapes: those outside YAML's printable set
/// (section 5.1), the byte order mark, NEL, LS and PS (line breaks in
/// YAML 1.1, section 5.4 there), and the ones a terminal acts on
/// (`controls::escape_controls`' list).
fn must_escape(c: char) -> bool {
    let printable = matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{a0}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}');
    !printable
        || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
        || crate::controls::unsafe_char(c)
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if must_escape(c) && u32::from(c) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", u32::from(c)));
            }
            c if must_escape(c) && u32::from(c) < 0x10000 => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c if must_escape(c) => out.push_str(&format!("\\U{:08x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `text` written plain reads back as this very string.
fn plain_is_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    // Indicators (section 5.3) may not start a plain scalar; `-`, `?` and
    // `:` may when followed by a character, but are quoted all the same.
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    !indicator
        && !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && !text.ends_with(':')
        // A key at the start of a line that starts with `...` would be
        // read as the document end marker (section 9.1.4).
        && !text.starts_with("...")
        && !text.contains(": ")
        && !text.contains(" #")
        && !resolves_to_other_type(text)
}

/// Whether a plain `text` would be read as a null, a boolean, a number or
/// a date by a YAML 1.2 core-schema reader or a YAML 1.1 one: the words
/// are compared without case, and anything that starts like a number
/// (a digit, or a sign or point before one) is quoted, whatever follows.
fn resolves_to_other_type(text: &str) -> bool {
    const WORDS: [&str; 17] = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "+.inf", "-.inf",
        ".nan", "=", "<<", "",
    ];
    let lower = text.to_ascii_lowercase();
    if WORDS.contains(&lower.as_str()) {
        return true;
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), _) if c.is_ascii_digit() => true,
        (Some('+' | '-' | '.'), Some(c)) if c.is_ascii_digit() => true,
        (Some('+' | '-'), Some('.')) => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What a YAML reader makes of `text`.
    fn read(text: &str) -> Value {
        serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    const TRICKY: [&str; 44] = [
        "... +",
        "...",
        "a\u{2028}b",
        "a\u{2029}b",
        "no",
        "No",
        "NO",
        "on",
        "yes",
        "off",
        "y",
        "n",
        "true",
        "True",
        "false",
        "null",
        "Null",
        "~",
        "1.0",
        "0x10",
        "0o17",
        "1e3",
        "-1",
        "+1",
        ".5",
        "-.5",
        ".inf",
        "-.inf",
        ".NaN",
        "12:30",
        "2001-12-14",
        "",
        "a: b",
        " lead",
        "trail ",
        "#x",
        "a #b",
        "end:",
        "- dash",
        "'q'",
        "\"dq\"",
        "=",
        "<<",
        "@at",
    ];

    #[test]
    fn line_and_paragraph_separators_are_escaped_for_yaml_1_1_readers() {
        assert_eq!(scalar("a\u{2028}b"), "\"a\\u2028b\"");
        assert_eq!(scalar("a\u{2029}b"), "\"a\\u2029b\"");
    }

    #[test]
    fn tricky_scalars_read_back_as_the_same_strings() {
        for text in TRICKY {
            let value = json!({ "key": text, "list": [text], text: 1 });
            let yaml = to_string(&value);
            assert_eq!(read(&yaml), value, "{text:?} as\n{yaml}");
        }
    }

    #[test]
    fn ordinary_strings_are_plain_and_the_rest_quoted_as_people_quote() {
        let value = json!({"model_id": "text-embedding-3-small", "url": "https://x.example/v1",
            "answer": "no", "version": "1.0", "empty": "", "path": "$.data[*].embedding[*]"});
        assert_eq!(
            to_string(&value),
            "model_id: text-embedding-3-small\nurl: https://x.example/v1\nanswer: 'no'\n\
             version: '1.0'\nempty: ''\npath: $.data[*].embedding[*]\n"
        );
    }

    #[test]
    fn collections_are_in_block_style() {
        let value = json!([{"inference_id": "a", "service_settings": {"n": 1, "f": 1.5,
            "big": 1e20, "on": true, "none": null, "tags": ["x", {"k": "v", "w": []}],
            "empty": {}, "nested": [[1, 2], []]}}]);
        let yaml = to_string(&value);
        assert_eq!(
            yaml,
            "- inference_id: a\n  service_settings:\n    'n': 1\n    f: 1.5\n    big: 1.0e+20\n    \
             'on': true\n    none: null\n    tags:\n      - x\n      - k: v\n        w: []\n    \
             empty: {}\n    nested:\n      - - 1\n        - 2\n      - []\n"
        );
        assert_eq!(read(&yaml), value);
        assert_eq!(to_string(&json!([])), "[]\n");
        assert_eq!(to_string(&json!("no")), "'no'\n");
    }

    #[test]
    fn text_of_several_lines_is_a_literal_block_when_it_can_be() {
        let value = json!({"a": "one\ntwo\n", "b": "one\ntwo", "c": "one\n\ntwo",
            "d": " lead\nx", "e": "x\n\n", "f": "tab\there\nx", "g": "cr\r\nx", "h": "sp \nx"});
        let yaml = to_string(&value);
        assert!(
            yaml.starts_with("a: |\n  one\n  two\nb: |-\n  one\n  two\nc: |-\n  one\n\n  two\n"),
            "{yaml}"
        );
        assert!(yaml.contains("d: \" lead\\nx\""), "{yaml}");
        assert!(yaml.contains("g: \"cr\\r\\nx\""), "{yaml}");
        assert_eq!(read(&yaml), value);
    }

    #[test]
    fn unprintable_and_terminal_characters_are_escaped() {
        let text = "a\u{1b}[2Jb\u{7}c\u{85}d\u{202e}e\u{feff}f\u{9b}g\u{7f}";
        let yaml = to_string(&json!({ "k": text }));
        assert_eq!(
            yaml,
            "k: \"a\\x1b[2Jb\\x07c\\x85d\\u202ee\\ufefff\\x9bg\\x7f\"\n"
        );
        assert_eq!(read(&yaml), json!({ "k": text }));
    }

    #[test]
    fn a_very_long_key_is_explicit() {
        let key = "k".repeat(1100);
        let value = json!({ key.clone(): {"a": 1}, "short": [1] });
        let yaml = to_string(&value);
        assert!(yaml.starts_with(&format!("? {key}\n:\n  a: 1\n")), "{yaml}");
        assert_eq!(read(&yaml), value);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn any_text_reads_back_as_itself(
            text in proptest::prelude::any::<String>(),
            key in "\\PC{0,12}",
            words in "[a-z0-9 :#'\"\n.+-]{0,16}",
        ) {
            let value = json!({ key.clone(): text.clone(), "w": [words.clone()], words: key });
            let yaml = to_string(&value);
            let back: Value = serde_saphyr::from_str(&yaml)
                .map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e}\n{yaml}")))?;
            proptest::prop_assert_eq!(back, value, "{}", yaml);
        }
    }
}
