//! Completion while typing: the shell calls `infer` back with
//! `COMPLETE=SHELL` and the words of the line, and infer answers with
//! candidates, among them the endpoint ids on the cluster.

use std::time::{Duration, Instant};

use crate::fake_es::{FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::{Run, file, infer, infer_at, run};
use crate::terminal::shell_on_terminal;

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
    assert_eq!(candidates(&out), Vec::<String>::new());
    assert!(out.stdout.contains("--task-type"), "flags still complete");
    assert_eq!(out.stderr, "");
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
    let Some(tty) = shell_on_terminal(
        &line,
        &[
            ("COMPLETE", "fish"),
            ("ES_URL", &es.url()),
            ("ES_USERNAME", "elastic"),
            ("ES_INSECURE", "true"),
        ],
        None,
    ) else {
        return;
    };
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
