//! `infer services`, and what `update` learns from it.

use crate::fake_es::{FakeEs, openai_embedding};
use crate::harness::terminal::on_terminal;
use crate::harness::{fake_with_emb, infer_at, run, update_at};

#[test]
fn services_are_json_when_piped() {
    let es = FakeEs::start();
    let out = run(infer_at(&es.url()).args(["services"])).expect(0);
    let names: Vec<&str> = out
        .json()
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["service"].as_str())
        .map(|s| Box::leak(s.to_string().into_boxed_str()) as &str)
        .collect();
    assert_eq!(
        names,
        ["cohere", "elasticsearch", "groq", "jinaai", "openai"]
    );
    assert_eq!(es.requests()[0].path, "/_inference/_services");
}

#[test]
fn one_service_for_one_task_type() {
    let es = FakeEs::start();
    let out =
        run(infer_at(&es.url()).args(["services", "openai", "--task-type", "text_embedding"]))
            .expect(0);
    assert_eq!(
        out.json()[0]["configurations"]["model_id"]["updatable"],
        false
    );
    assert_eq!(
        es.requests()[0].path,
        "/_inference/_services/text_embedding"
    );
    run(infer_at(&es.url()).args(["services", "nope"]))
        .expect(2)
        .stderr_has("this server has no service 'nope'; it offers: cohere, elasticsearch, groq, jinaai, openai");
}

#[test]
fn services_on_a_terminal_is_a_table() {
    let es = FakeEs::start();
    let tty = on_terminal(
        "services openai --color never",
        &[("ES_URL", &es.url())],
        &[],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(
        tty.screen
            .contains("openai: text_embedding, completion, chat_completion"),
        "{}",
        tty.screen
    );
    assert!(tty.screen.contains("  SETTING"), "{}", tty.screen);
    let api_key = tty
        .screen
        .lines()
        .find(|l| l.trim_start().starts_with("api_key"))
        .expect("api_key row");
    let cells: Vec<&str> = api_key.split_whitespace().collect();
    assert_eq!(&cells[..4], ["api_key", "yes", "yes", "yes"], "{api_key}");
}

#[test]
fn update_refuses_fields_an_older_server_keeps_unless_allowed() {
    let es = FakeEs::with_behavior(crate::fake_es::Behavior::v9_2());
    es.insert(openai_embedding("emb"));
    update_at(
        &es,
        &[
            "emb",
            "--dry-run",
            "--set",
            "service_settings.model_id=text-embedding-3-large",
        ],
    )
    .expect(3)
    .stderr_has("service_settings.model_id cannot change on an endpoint of the openai service")
    .stderr_has("--allow-field model_id sends it anyway");
    let out = update_at(
        &es,
        &[
            "emb",
            "--dry-run",
            "--set",
            "service_settings.model_id=text-embedding-3-large",
            "--allow-field",
            "model_id",
        ],
    )
    .expect(0);
    assert!(!out.stderr.contains("cannot change"), "{}", out.stderr);
}

#[test]
fn update_dry_run_shows_each_key_old_and_new() {
    let es = fake_with_emb();
    run(infer_at(&es.url()).env("K", "sk-dry-1").args([
        "update",
        "emb",
        "--dry-run",
        "--color",
        "never",
        "--set",
        "task_settings.user=bob",
        "--set",
        "task_settings.new_setting=v",
        "--secret-env",
        "api_key=K",
    ]))
    .expect(0)
    .stderr_has("would change text_embedding endpoint 'emb':")
    .stderr_has(r#"  task_settings.user: "alice" → "bob""#)
    .stderr_has(r#"  task_settings.new_setting: (not set) → "v""#)
    .stderr_has("  service_settings.api_key: (secret, will change)")
    .never_shows("sk-dry-1");
    assert!(es.writes().is_empty());
}

#[test]
fn update_verbose_shows_the_changes_before_sending() {
    let es = fake_with_emb();
    run(infer_at(&es.url()).args(["update", "emb", "-v", "--set", "task_settings.user=bob"]))
        .expect(0)
        .stderr_has("changing text_embedding endpoint 'emb':")
        .stderr_has(r#"task_settings.user: "alice" → "bob""#);
}
