//! Terminal safety: control characters from outside (an id, a key, a
//! server's text) are written escaped, on a pipe and on a terminal, while
//! infer's own colours stay.

use serde_json::json;

use crate::fake_es::{FakeEs, cohere_rerank};
use crate::harness::terminal::{at, on_terminal};
use crate::harness::{DRY, arg, file, infer, run};

/// Clear the screen, set the window title, a one-byte CSI, a right-to-left
/// override.
const CONTROLS: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}";
const SHOWN: &str = r"\x1b[2J\x1b]0;pwned\x07\u{9b}31m\u{202e}";

fn assert_clean(text: &str) {
    assert!(
        !text.contains(CONTROLS) && !text.contains('\u{7}') && !text.contains('\u{202e}'),
        "raw control characters: {text:?}"
    );
}

#[test]
fn an_id_with_control_characters_is_shown_escaped() {
    let out = run(infer().args(["get", &format!("x{CONTROLS}")]))
        .expect(2)
        .stderr_has(&format!("invalid inference id 'x{SHOWN}'"));
    assert_clean(&out.stderr);
}

#[test]
fn a_key_with_control_characters_is_shown_escaped() {
    let settings = json!({ format!("k{CONTROLS}"): 1 }).to_string();
    let (_dir, path) = file("s.json", settings);
    let out = run(infer().args(DRY).args(["--settings", &arg(&path)]))
        .expect(2)
        .stderr_has(&format!("unknown key 'k{SHOWN}'"));
    assert_clean(&out.stderr);
}

#[test]
fn warnings_keep_their_colour_and_escape_the_rest() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let tty = on_terminal(
        &format!("update rr --dry-run --set 'task_settings.x{CONTROLS}=3'"),
        &[("ES_URL", &es.url())],
        &[],
    );
    assert!(
        tty.screen.contains("\u{1b}[33mwarning:\u{1b}[0m"),
        "{:?}",
        tty.screen
    );
    assert!(tty.screen.contains(SHOWN), "{:?}", tty.screen);
    assert_clean(&tty.screen);
}

#[test]
fn a_table_on_a_terminal_escapes_the_server_text() {
    let es = FakeEs::start();
    let mut hostile = cohere_rerank(&format!("rr{CONTROLS}"));
    hostile["service"] = json!(format!("cohere{CONTROLS}"));
    es.insert(hostile);
    let tty = on_terminal("list", &[("ES_URL", &es.url())], &[]);
    assert_eq!(tty.code, 0, "{:?}", tty.screen);
    assert!(
        tty.screen.contains("\u{1b}[1m"),
        "bold header: {:?}",
        tty.screen
    );
    assert!(
        tty.screen.contains(&format!("rr{SHOWN}")),
        "{:?}",
        tty.screen
    );
    assert_clean(&tty.screen);
}

#[test]
fn a_prompt_escapes_what_the_server_said() {
    let es = FakeEs::start();
    let mut hostile = cohere_rerank("rr");
    hostile["service"] = json!(format!("cohere{CONTROLS}"));
    es.insert(hostile);
    let tty = on_terminal(
        "delete rr",
        &[("ES_URL", &es.url())],
        &[at("[y/N] ", "n\n")],
    );
    assert_eq!(tty.code, 3, "{:?}", tty.screen);
    assert!(
        tty.screen
            .contains(&format!("Delete rerank endpoint 'rr' (cohere{SHOWN})?")),
        "{:?}",
        tty.screen
    );
    assert_clean(&tty.screen);
}
