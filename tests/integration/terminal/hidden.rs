//! On a real terminal (a pty made by util-linux `script`): colour, and the
//! hidden prompts for a provider secret and a password.

use crate::fake_es::{Behavior, FakeEs, cohere_rerank};
use crate::harness::fake_with_emb;
use crate::harness::terminal::{at, on_terminal, shell_on_terminal};

#[test]
fn a_terminal_gets_colour_unless_no_color() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let args = "update rr -q --set task_settings.top_n:=2";
    let coloured = on_terminal(args, &[("ES_URL", &es.url())], &[]);
    assert_eq!(coloured.code, 0, "{}", coloured.screen);
    assert!(coloured.screen.contains("\x1b["), "{:?}", coloured.screen);
    assert!(coloured.screen.contains("top_n"), "{:?}", coloured.screen);
    let plain = on_terminal(args, &[("ES_URL", &es.url()), ("NO_COLOR", "1")], &[]);
    assert!(!plain.screen.contains("\x1b["), "{:?}", plain.screen);
    assert!(plain.screen.contains("\"top_n\": 2"), "{:?}", plain.screen);
}

#[test]
fn secret_is_asked_for_with_a_hidden_prompt() {
    let es = fake_with_emb();
    let tty = on_terminal(
        "update emb --secret api_key",
        &[("ES_URL", &es.url())],
        &[at("(empty to cancel): ", "sk-typed-4411\n")],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(
        tty.screen.contains("service_settings.api_key"),
        "{}",
        tty.screen
    );
    assert!(
        !tty.screen.contains("sk-typed-4411"),
        "the secret was echoed: {}",
        tty.screen
    );
    assert_eq!(es.secrets("emb")["api_key"], "sk-typed-4411");
}

#[test]
fn missing_password_is_asked_for_on_a_terminal() {
    let es = FakeEs::with_behavior(Behavior {
        // base64("elastic:pw-typed")
        required_authorization: Some("Basic ZWxhc3RpYzpwdy10eXBlZA==".into()),
        ..Default::default()
    });
    es.insert(cohere_rerank("rr"));
    let tty = on_terminal(
        "update rr -q --set task_settings.top_n:=3",
        &[("ES_URL", &es.url()), ("ES_USERNAME", "elastic")],
        &[at("Password for elastic", "pw-typed\n")],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(
        tty.screen.contains("Password for elastic"),
        "{}",
        tty.screen
    );
    assert!(
        !tty.screen.contains("pw-typed"),
        "the password was echoed: {}",
        tty.screen
    );
}

#[test]
fn ctrl_c_at_a_prompt_exits_130_and_restores_the_terminal() {
    let es = fake_with_emb();
    let line = format!(
        "{} update emb --secret api_key; echo \"rc=$?\"; stty -a",
        env!("CARGO_BIN_EXE_infer")
    );
    let tty = shell_on_terminal(
        &line,
        &[("ES_URL", &es.url())],
        &[at("(empty to cancel): ", "sk-half\x03")],
    );
    assert!(tty.screen.contains("rc=130"), "{}", tty.screen);
    assert!(
        tty.screen.contains("interrupted; nothing was sent"),
        "{}",
        tty.screen
    );
    assert!(
        !tty.screen.contains("-echo "),
        "echo left off: {}",
        tty.screen
    );
    assert!(
        !tty.screen.contains("-icanon"),
        "canonical mode left off: {}",
        tty.screen
    );
    assert!(es.writes().is_empty());
}

#[test]
fn an_empty_answer_or_ctrl_d_cancels() {
    let es = fake_with_emb();
    for typed in ["\n", "\x04"] {
        let tty = on_terminal(
            "update emb --secret api_key",
            &[("ES_URL", &es.url())],
            &[at("(empty to cancel): ", typed)],
        );
        assert_eq!(tty.code, 2, "{}", tty.screen);
        assert!(
            tty.screen
                .contains("no value typed for service_settings.api_key; nothing was sent"),
            "{}",
            tty.screen
        );
    }
    assert!(es.requests().is_empty());
}

#[test]
fn backspace_edits_the_hidden_answer() {
    let es = fake_with_emb();
    let tty = on_terminal(
        "update emb -q --secret api_key",
        &[("ES_URL", &es.url())],
        &[at("(empty to cancel): ", "sk-nex\x7fw\n")],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert_eq!(es.secrets("emb")["api_key"], "sk-new");
}
