//! On a real terminal (a pty made by util-linux `script`): colour, and the
//! hidden prompts for a provider secret and a password.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, openai_embedding};

pub struct Tty {
    pub code: i32,
    pub screen: String,
}

/// Run `infer ARGS` on a pty with `env`; type `typed` after a pause (so the
/// prompt has turned echo off, as it would for a person).
pub fn on_terminal(args: &str, env: &[(&str, &str)], typed: Option<&str>) -> Option<Tty> {
    shell_on_terminal(
        &format!("{} {args}", env!("CARGO_BIN_EXE_infer")),
        env,
        typed,
    )
}

/// Like `on_terminal`, for a whole shell command line.
pub fn shell_on_terminal(line: &str, env: &[(&str, &str)], typed: Option<&str>) -> Option<Tty> {
    typing_on_terminal(line, env, typed.as_slice())
}

/// Like `shell_on_terminal`, typing each of `steps` after its own pause, as
/// a person answers one question after another.
pub fn typing_on_terminal(line: &str, env: &[(&str, &str)], steps: &[&str]) -> Option<Tty> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: util-linux `script` is not installed");
        return None;
    }
    let mut child = Command::new("script")
        .args(["-qec", line, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .env("HOME", crate::harness::home())
        .env("RUST_BACKTRACE", "0")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script");
    let mut stdin = child.stdin.take().expect("stdin");
    for text in steps {
        std::thread::sleep(Duration::from_millis(700));
        stdin.write_all(text.as_bytes()).expect("type");
    }
    let out = child.wait_with_output().expect("script output");
    drop(stdin);
    Some(Tty {
        code: out.status.code().unwrap_or(-1),
        screen: String::from_utf8_lossy(&out.stdout).into_owned(),
    })
}

#[test]
fn a_terminal_gets_colour_unless_no_color() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let args = "update rr -q --set task_settings.top_n:=2";
    let Some(coloured) = on_terminal(args, &[("ES_URL", &es.url())], None) else {
        return;
    };
    assert_eq!(coloured.code, 0, "{}", coloured.screen);
    assert!(coloured.screen.contains("\x1b["), "{:?}", coloured.screen);
    assert!(coloured.screen.contains("top_n"), "{:?}", coloured.screen);
    let plain = on_terminal(args, &[("ES_URL", &es.url()), ("NO_COLOR", "1")], None).expect("tty");
    assert!(!plain.screen.contains("\x1b["), "{:?}", plain.screen);
    assert!(plain.screen.contains("\"top_n\": 2"), "{:?}", plain.screen);
}

#[test]
fn secret_is_asked_for_with_a_hidden_prompt() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let Some(tty) = on_terminal(
        "update emb --secret api_key",
        &[("ES_URL", &es.url())],
        Some("sk-typed-4411\n"),
    ) else {
        return;
    };
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
    let Some(tty) = on_terminal(
        "update rr -q --set task_settings.top_n:=3",
        &[("ES_URL", &es.url()), ("ES_USERNAME", "elastic")],
        Some("pw-typed\n"),
    ) else {
        return;
    };
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
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let line = format!(
        "{} update emb --secret api_key; echo \"rc=$?\"; stty -a",
        env!("CARGO_BIN_EXE_infer")
    );
    let Some(tty) = shell_on_terminal(&line, &[("ES_URL", &es.url())], Some("sk-half\x03")) else {
        return;
    };
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
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    for typed in ["\n", "\x04"] {
        let Some(tty) = on_terminal(
            "update emb --secret api_key",
            &[("ES_URL", &es.url())],
            Some(typed),
        ) else {
            return;
        };
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
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let Some(tty) = on_terminal(
        "update emb -q --secret api_key",
        &[("ES_URL", &es.url())],
        Some("sk-nex\x7fw\n"),
    ) else {
        return;
    };
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert_eq!(es.secrets("emb")["api_key"], "sk-new");
}
