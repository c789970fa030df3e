//! Completion while typing: the shell calls `infer` back with
//! `COMPLETE=SHELL` and the words of the line, and infer answers with
//! candidates, among them the endpoint ids on the cluster.

use std::time::{Duration, Instant};

use crate::fake_es::{FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::terminal::shell_on_terminal;
use crate::harness::{Run, file, infer, infer_at, run};

/// What fish would be offered for the line `words` (the last word is the
/// one under the cursor), as (candidate, description) lines.
fn fish(cmd: &mut assert_cmd::Command, words: &[&str]) -> Run {
    cmd.env("COMPLETE", "fish")
        .arg("--")
        .arg("infer")
        .args(words);
    run(cmd)
}

fn candidates(out: &Run) -> Vec<String> {
    out.stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .filter(|c| !c.starts_with('-'))
        .collect()
}

fn fake() -> FakeEs {
    let es = FakeEs::start();
    es.insert(openai_embedding("my-openai"));
    es.insert(elser("my-elser"));
    es.insert(cohere_rerank("bench"));
    es.insert(elser(".elser-2-elasticsearch"));
    es
}

#[test]
fn ids_on_the_cluster_complete_for_get_update_delete_and_edit() {
    let es = fake();
    for command in ["get", "update", "delete", "edit"] {
        let out = fish(&mut infer_at(&es.url()), &[command, ""]).expect(0);
        assert_eq!(
            candidates(&out),
            ["bench", "my-elser", "my-openai"],
            "{command}: {}",
            out.stdout
        );
        assert!(out.stdout.contains("my-openai\ttext_embedding (openai)\n"));
        assert_eq!(out.stderr, "");
    }
    let out = fish(&mut infer_at(&es.url()), &["get", "my-"]).expect(0);
    assert_eq!(candidates(&out), ["my-elser", "my-openai"]);
    assert_eq!(es.requests()[0].path, "/_inference");
}

#[test]
fn bash_gets_the_word_under_the_cursor() {
    let es = fake();
    let mut cmd = infer_at(&es.url());
    cmd.env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .args(["--", "infer", "delete", "my-o", "--yes"]);
    let out = run(&mut cmd).expect(0);
    assert_eq!(out.stdout, "my-openai");
}

#[test]
fn the_line_decides_the_cluster_the_task_type_and_what_is_left() {
    let es = fake();
    // --url on the line, not in the environment.
    let out = fish(&mut infer(), &["--url", &es.url(), "get", ""]).expect(0);
    assert_eq!(candidates(&out), ["bench", "my-elser", "my-openai"]);
    let out = fish(
        &mut infer(),
        &["delete", "--url", &es.url(), "-t", "rerank", ""],
    )
    .expect(0);
    assert_eq!(candidates(&out), ["bench"]);
    assert_eq!(es.requests()[1].path, "/_inference/rerank/_all");
    // Ids already given are not offered again.
    let out = fish(&mut infer_at(&es.url()), &["get", "bench", "my-elser", ""]).expect(0);
    assert_eq!(candidates(&out), ["my-openai"]);
}

#[test]
fn preconfigured_ids_come_once_a_dot_is_typed_and_never_for_changes() {
    let es = fake();
    let out = fish(&mut infer_at(&es.url()), &["delete", "."]).expect(0);
    assert_eq!(candidates(&out), [".elser-2-elasticsearch"]);
    let out = fish(&mut infer_at(&es.url()), &["update", "."]).expect(0);
    assert_eq!(candidates(&out), Vec::<String>::new());
}

#[test]
fn an_unreachable_cluster_gives_no_ids_quickly_and_silently() {
    let started = Instant::now();
    let out = fish(&mut infer_at("http://127.0.0.1:9"), &["get", ""]).expect(0);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    // Nothing, not the flags (whose common prefix `-` bash would insert).
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "");
    let mut cmd = infer_at("http://127.0.0.1:9");
    cmd.env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .args(["--", "infer", "get", ""]);
    assert_eq!(run(&mut cmd).expect(0).stdout, "");
    // Once a dash is typed, the flags complete.
    let out = fish(&mut infer_at("http://127.0.0.1:9"), &["get", "-"]).expect(0);
    assert!(
        out.stdout.contains("-t\tOnly if it has this task type"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_cluster_that_never_answers_does_not_hang_the_shell() {
    // Accepts connections (the kernel's backlog) and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", silent.local_addr().expect("addr"));
    let started = Instant::now();
    let out = fish(
        &mut infer_at(&url),
        &["--retries", "5", "--timeout", "60s", "update", ""],
    )
    .expect(0);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert!(
        took >= Duration::from_millis(1900),
        "gave up early: {took:?}"
    );
    assert_eq!(candidates(&out), Vec::<String>::new());
    assert_eq!(out.stderr, "");
}

#[test]
fn no_prompt_and_no_warning_while_completing() {
    let es = fake();
    // A username without a password would be asked for on a terminal.
    // `timeout`: a prompt would wait for an answer that never comes.
    let line = format!(
        "timeout 10 {} -- infer update ''",
        env!("CARGO_BIN_EXE_infer")
    );
    let tty = shell_on_terminal(
        &line,
        &[
            ("COMPLETE", "fish"),
            ("ES_URL", &es.url()),
            ("ES_USERNAME", "elastic"),
            ("ES_INSECURE", "true"),
        ],
        &[],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(tty.screen.contains("my-openai"), "{}", tty.screen);
    assert!(
        !tty.screen.contains("Password for elastic"),
        "{}",
        tty.screen
    );
    assert!(!tty.screen.contains("warning:"), "{}", tty.screen);
}

#[test]
fn services_task_types_and_profiles_complete() {
    let out = fish(&mut infer(), &["create", "x", "--service", "opena"]).expect(0);
    assert_eq!(candidates(&out), ["openai"]);
    let out = fish(&mut infer(), &["services", "el"]).expect(0);
    assert_eq!(candidates(&out), ["elastic", "elasticsearch", "elser"]);
    let out = fish(&mut infer(), &["list", "-t", "te"]).expect(0);
    assert_eq!(candidates(&out), ["text_embedding"]);

    let (_dir, config) = file(
        "config.toml",
        "default_profile = \"prod\"\n[profiles.prod]\nurl = \"http://127.0.0.1:9\"\n\
         [profiles.staging]\nurl = \"http://127.0.0.1:9\"\n",
    );
    let mut cmd = infer();
    cmd.env("INFER_CONFIG", &config);
    let out = fish(&mut cmd, &["--profile", ""]).expect(0);
    assert_eq!(candidates(&out), ["prod", "staging"]);
}

#[test]
fn the_shell_script_calls_infer_back() {
    let out = run(infer().env("COMPLETE", "bash")).expect(0);
    assert!(out.stdout.contains("complete -o nospace"), "{}", out.stdout);
    assert!(out.stdout.contains("COMPLETE=\"bash\""), "{}", out.stdout);
    let out = run(infer().env("COMPLETE", "zsh")).expect(0);
    assert!(out.stdout.contains("#compdef infer"), "{}", out.stdout);
    // Without COMPLETE, infer runs as usual.
    run(infer().args(["--", "infer"])).expect(2);
}

/// An API key shaped like a valid inference id, so that only the masking
/// can keep it out of the candidates.
const KEY: &str = "hostile-key-4f9a8b7c6d";

/// A list answer whose ids and services hold the key, escape sequences,
/// line breaks, a vertical tab (bash's separator), a glob and a command
/// substitution, and descriptions that hold a bidirectional override and
/// a C1 control. Only `good-one` and `leaky-service` are valid ids that
/// hold no secret.
fn hostile_list() -> String {
    let endpoint = |id: &str, task_type: &str, service: &str| {
        serde_json::json!({
            "inference_id": id, "task_type": task_type, "service": service,
            "service_settings": {}
        })
    };
    let ids = [
        KEY.to_string(),
        format!("x-{KEY}"),
        "bad\u{1b}[31mred".into(),
        "new\nline".into(),
        "v\u{b}tab".into(),
        "star*".into(),
        "$(touch pwned)".into(),
        "Upper".into(),
        "ends-".into(),
    ];
    let mut endpoints: Vec<_> = ids
        .iter()
        .map(|id| endpoint(id, "text_embedding", "openai"))
        .collect();
    endpoints.push(endpoint("good-one", "rerank", "cohere\u{202e}\u{9b}2J"));
    endpoints.push(endpoint(
        "leaky-service",
        "text_embedding\u{1b}]0;owned\u{7}",
        &format!("{KEY}\u{1b}[2J\u{b}"),
    ));
    serde_json::json!({ "endpoints": endpoints }).to_string()
}

/// What `shell` is offered for `infer get ''` against that answer, with
/// the key in the environment, as the shell's script calls infer.
fn complete_hostile(shell: &str) -> Run {
    let es = FakeEs::start();
    es.respond_next(200, "application/json", &hostile_list());
    let mut cmd = infer_at(&es.url());
    cmd.env("ES_API_KEY", KEY).env("COMPLETE", shell);
    if matches!(shell, "bash" | "zsh") {
        let ifs = if shell == "bash" { "\u{b}" } else { "\n" };
        cmd.env("_CLAP_COMPLETE_INDEX", "2").env("_CLAP_IFS", ifs);
    }
    cmd.args(["--", "infer", "get", ""]);
    run(&mut cmd).expect(0)
}

#[test]
fn completion_offers_only_valid_ids_with_no_secret_and_no_control_character() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = complete_hostile(shell).never_shows(KEY);
        let separators: &[char] = match shell {
            "bash" => &['\u{b}'],
            "zsh" => &['\n'],
            _ => &['\n', '\t'],
        };
        let raw: Vec<char> = out
            .stdout
            .chars()
            .filter(|c| (c.is_control() || *c == '\u{202e}') && !separators.contains(c))
            .collect();
        assert!(raw.is_empty(), "{shell}: raw {raw:?} in {:?}", out.stdout);
        let offered: Vec<&str> = out
            .stdout
            .split(separators[0])
            .filter(|w| !w.is_empty() && !w.starts_with('-'))
            .collect();
        let expected: &[&str] = match shell {
            "bash" => &["good-one", "leaky-service"],
            "zsh" => &[
                "good-one:rerank (cohere\\\\u{202e}\\\\u{9b}2J)",
                "leaky-service:text_embedding (****)",
            ],
            _ => &[
                "good-one\trerank (cohere\\u{202e}\\u{9b}2J)",
                "leaky-service\ttext_embedding (****)",
            ],
        };
        assert_eq!(offered, expected, "{shell}: {:?}", out.stdout);
    }
}

#[test]
fn profile_names_that_hold_a_secret_or_need_quoting_are_left_out() {
    let (_dir, config) = file(
        "config.toml",
        format!(
            "[profiles.ok]\nurl = \"http://127.0.0.1:9\"\n\
             [profiles.\"{KEY}\"]\nurl = \"http://127.0.0.1:9\"\n\
             [profiles.\"evil\\u001b[2J\"]\nurl = \"http://127.0.0.1:9\"\n\
             [profiles.\"$(touch pwned)\"]\nurl = \"http://127.0.0.1:9\"\n\
             [profiles.\"two words\"]\nurl = \"http://127.0.0.1:9\"\n"
        ),
    );
    for shell in ["bash", "fish"] {
        let mut cmd = infer();
        cmd.env("INFER_CONFIG", &config)
            .env("ES_API_KEY", KEY)
            .env("COMPLETE", shell)
            .env("_CLAP_COMPLETE_INDEX", "2")
            .args(["--", "infer", "--profile", ""]);
        // Such names make the file invalid (a profile's name is letters,
        // digits, _ and -): nothing is offered, and nothing leaks.
        let out = run(&mut cmd).expect(0).never_shows(KEY);
        assert_eq!(out.stdout.trim_end(), "", "{shell}: {:?}", out.stdout);
        assert_eq!(out.stderr, "", "{shell}");
    }
}
