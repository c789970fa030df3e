//! Property tests: the settings parser and the `--set` parser meet any
//! text (random Unicode, JSON-like noise, deep nesting, long paths) and
//! never panic; what they accept stays within the nesting limit, and what
//! they refuse is a usage error (exit 2).

use proptest::prelude::*;

use super::read::parse_object;
use super::{Inputs, build};
use crate::json::{self, Keys};
use crate::limits::MAX_DEPTH;

/// Cases per property: each is a parse of a short text, so thousands run
/// in well under a second.
const CASES: u32 = 4096;

/// Pieces of JSON, so that parsing gets past the first character.
const PIECES: [&str; 18] = [
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"a\"",
    "\"task_settings\"",
    "\"service_settings\"",
    "\"endpoints\"",
    "\"inference_id\"",
    "1",
    "-0.5e3",
    "null",
    " \n",
    "\"\\u0000\"",
    "\"é\\\"",
    "\u{1b}",
];

/// Text made of JSON pieces and the odd random character.
fn json_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            9 => prop::sample::select(&PIECES[..]).prop_map(String::from),
            1 => any::<char>().prop_map(String::from),
        ],
        0..120,
    )
    .prop_map(|parts| parts.concat())
}

/// Any text: random Unicode, JSON-like noise, or nesting around a value.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        json_like(),
        (0..200usize, json_like()).prop_map(|(n, inner)| format!(
            "{}{inner}{}",
            "[".repeat(n),
            "]".repeat(n)
        )),
        (0..200usize).prop_map(|n| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))),
    ]
}

/// `SECTION.K.K…=VALUE` or `:=VALUE`, with odd sections, empty keys, long
/// paths, secrets and any value.
fn assignment() -> impl Strategy<Value = String> {
    let section = prop_oneof![
        Just("service_settings".to_string()),
        Just("task_settings".to_string()),
        Just("chunking_settings".to_string()),
        Just("secrets".to_string()),
        any::<String>(),
    ];
    let key =
        prop::sample::select(&["api_key", "", "a", "top_n", "x y", "é", "=", ":", "\u{1b}"][..])
            .prop_map(String::from);
    let op = prop_oneof![Just("="), Just(":="), Just(":"), Just("")];
    prop_oneof![
        4 => (section, prop::collection::vec(key, 0..100), op, any_text()).prop_map(
            |(section, keys, op, value)| {
                let path: Vec<String> = std::iter::once(section).chain(keys).collect();
                format!("{}{op}{value}", path.join("."))
            }
        ),
        1 => any::<String>(),
        // Far past the limit, as in the stack overflow of issue 8.
        1 => (0..20_000usize).prop_map(|n| format!("task_settings{}:=1", ".a".repeat(n))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn the_json_parser_never_panics_and_keeps_its_limits(text in any_text()) {
        if let Ok(value) = json::parse(&text, Keys::Unique) {
            prop_assert!(json::depth(&value) <= MAX_DEPTH);
        }
    }

    #[test]
    fn the_settings_parser_never_panics(text in any_text()) {
        let _ = parse_object(&text, "settings file x.json");
        let err = build(&Inputs {
            task_settings: Some(&text),
            ..Inputs::default()
        });
        if let Err(e) = err {
            prop_assert_eq!(crate::error::exit_code(&e), 2, "{}", e);
        }
    }

    #[test]
    fn the_set_parser_never_panics(assignments in prop::collection::vec(assignment(), 1..4)) {
        match build(&Inputs { sets: &assignments, ..Inputs::default() }) {
            // A path of 64 keys at most, holding a value of 64 levels at most.
            Ok(body) => prop_assert!(json::depth(&body.to_json()) <= 2 * MAX_DEPTH + 1),
            Err(e) => prop_assert_eq!(crate::error::exit_code(&e), 2, "{}", e),
        }
    }
}
