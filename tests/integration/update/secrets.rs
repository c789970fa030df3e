//! Provider secrets and credentials: taken from the environment, files or
//! stdin, sent to the server, and never shown anywhere.

use crate::fake_es::{Behavior, FakeEs, openai_embedding};
use crate::harness::{ANY_KEY, arg, chmod, fake_with_emb, file, infer, infer_at, run, update_at};
use serde_json::json;

const NEW_KEY: &str = "sk-new-8f3a9c";

#[test]
fn secret_from_the_environment_is_sent_and_never_printed() {
    let es = fake_with_emb();
    run(infer_at(&es.url()).env("OPENAI_KEY", NEW_KEY).args([
        "update",
        "emb",
        "-v",
        "--secret-env",
        "api_key=OPENAI_KEY",
    ]))
    .expect(0)
    .never_shows(NEW_KEY)
    .stderr_has("sent service_settings.api_key (secret, not readable back)");
    assert_eq!(es.secrets("emb")["api_key"], NEW_KEY);
    assert_eq!(
        es.writes()[0].json(),
        json!({"service_settings": {"api_key": NEW_KEY}})
    );
}

#[test]
fn secret_from_a_file_loses_its_trailing_newline() {
    let es = fake_with_emb();
    let (_dir, path) = file("key", format!("{NEW_KEY}\n"));
    update_at(
        &es,
        &["emb", "--secret-file", &format!("api_key={}", arg(&path))],
    )
    .expect(0)
    .never_shows(NEW_KEY);
    assert_eq!(es.secrets("emb")["api_key"], NEW_KEY);
}

#[test]
fn secret_from_stdin() {
    let es = fake_with_emb();
    run(infer_at(&es.url())
        .args([
            "update",
            "emb",
            "--secret-file",
            "api_key=-",
            "--set",
            "task_settings.user=x",
        ])
        .write_stdin(format!("{NEW_KEY}\r\n")))
    .expect(0)
    .never_shows(NEW_KEY);
    assert_eq!(es.secrets("emb")["api_key"], NEW_KEY);
}

#[test]
fn secret_prompt_without_a_terminal_is_refused_with_the_alternatives() {
    let es = fake_with_emb();
    run(infer_at(&es.url()).args(["update", "emb", "--secret", "api_key"]))
        .expect(2)
        .stderr_has("--secret api_key asks on a terminal, and there is none: use --secret-env api_key=VAR or --secret-file api_key=PATH");
    assert!(es.requests().is_empty());
}

#[test]
fn dry_run_masks_credentials_and_secrets_and_needs_no_network() {
    // Port 9 on loopback: nothing listens; a dry run with --no-preflight must not try.
    run(infer()
        .env("ES_URL", "http://127.0.0.1:9")
        .env("ES_API_KEY", "c2VjcmV0LWFwaS1rZXk=")
        .env("K", NEW_KEY)
        .args([
            "update",
            "emb",
            "--task-type",
            "text_embedding",
            "--no-preflight",
            "--dry-run",
            "--secret-env",
            "api_key=K",
            "--set",
            "task_settings.user=x",
            "-v",
        ]))
    .expect(0)
    .never_shows(NEW_KEY)
    .never_shows("c2VjcmV0LWFwaS1rZXk=")
    .stdout_has(r#""Authorization": "ApiKey ****""#)
    .stdout_has(r#""api_key": "****""#)
    .stdout_has(r#""url": "http://127.0.0.1:9/_inference/text_embedding/emb/_update""#)
    .stderr_has("dry run: nothing was written");
}

#[test]
fn secrets_in_a_settings_file_are_masked_too() {
    let (_dir, path) = file(
        "s.json",
        r#"{"service_settings": {"api_key": "sk-file-secret", "client_secret": "cs-1"}}"#,
    );
    run(infer().args([
        "update",
        "emb",
        "--task-type",
        "text_embedding",
        "--no-preflight",
        "--dry-run",
        "--settings",
        &arg(&path),
    ]))
    .expect(0)
    .stdout_has("api_key")
    .stdout_has("client_secret")
    .never_shows("sk-file-secret")
    .never_shows("cs-1");
}

#[test]
fn a_secret_written_on_the_command_line_gets_a_warning() {
    run(infer().args([
        "update",
        "emb",
        "--task-type",
        "text_embedding",
        "--no-preflight",
        "--dry-run",
        "--set",
        "service_settings.api_key=sk-visible",
    ]))
    .expect(0)
    .stderr_has("warning: service_settings.api_key was written on the command line")
    .never_shows("sk-visible");
}

#[test]
fn verbose_log_masks_the_authorization_header_and_body_secrets() {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some("Basic ZWxhc3RpYzpodW50ZXIy".into()),
        ..Default::default()
    });
    es.insert(openai_embedding("emb"));
    run(infer_at(&es.url())
        .env("ES_USERNAME", "elastic")
        .env("ES_PASSWORD", "hunter2")
        .env("K", NEW_KEY)
        .args(["update", "emb", "-v", "--secret-env", "api_key=K"]))
    .expect(0)
    .stderr_has("> Authorization: Basic ****")
    .stderr_has("> PUT ")
    .stderr_has("< 200 OK")
    .never_shows("hunter2")
    .never_shows("ZWxhc3RpYzpodW50ZXIy")
    .never_shows(NEW_KEY);
}

#[test]
fn unset_secret_variable_is_a_usage_error() {
    run(infer().args([
        "update",
        "emb",
        "--task-type",
        "rerank",
        "--no-preflight",
        "--secret-env",
        "api_key=NOPE",
    ]))
    .expect(2)
    .stderr_has(
        "the 1st --secret-env: what follows api_key= names no environment variable that is set",
    )
    // Never guessed by shape to be a name: it may be the key.
    .never_shows("NOPE");
}

#[test]
fn unreadable_empty_or_binary_secret_file_is_a_usage_error() {
    let (_d1, empty) = file("empty", "\n");
    let (_d2, binary) = file("bin", [0xff, 0xfe, 0x00]);
    for (path, expected) in [
        // Not clearly a path (no such folder): perhaps the key, not repeated.
        (
            "/no/such/key".to_string(),
            "what follows api_key= is no file infer can read, and is not repeated",
        ),
        (arg(&empty), "is empty"),
        (arg(&binary), "is not UTF-8 text"),
    ] {
        let spec = format!("api_key={path}");
        let args = [
            "update",
            "emb",
            "--task-type",
            "rerank",
            "--no-preflight",
            "--secret-file",
            &spec,
        ];
        run(infer().args(args)).expect(2).stderr_has(expected);
    }
}

#[test]
fn stdin_cannot_feed_two_inputs() {
    run(infer()
        .args([
            "update",
            "emb",
            "--task-type",
            "rerank",
            "--no-preflight",
            "--dry-run",
            "--settings",
            "-",
            "--secret-file",
            "api_key=-",
        ])
        .write_stdin("{}"))
    .expect(2)
    .stderr_has(
        "--settings - and --secret-file api_key=- both read stdin, which can feed only one of them",
    );
}

#[test]
fn secrets_the_server_quotes_back_are_masked() {
    // A typo in the field name: the server rejects it and quotes the value (#149430).
    let es = fake_with_emb();
    run(infer_at(&es.url()).env("K", NEW_KEY).args([
        "update",
        "emb",
        "-v",
        "--secret-env",
        "apikey=K",
    ]))
    .expect(4)
    .stderr_has("unknown to the [openai] service")
    .stderr_has("apikey=****")
    .never_shows(NEW_KEY);
    let (_dir, path) = file(
        "s.json",
        r#"{"service_settings": {"secret_key": "FILESEKRET2", "acces_key": "x"}}"#,
    );
    run(infer_at(&es.url()).args(["update", "emb", "-v", "--settings", &arg(&path)]))
        .expect(4)
        .never_shows("FILESEKRET2");
}

#[test]
fn a_password_in_the_url_is_not_repeated_in_the_error() {
    run(infer()
        .env("ES_URL", "https://user:pw-in-url@localhost:1")
        .args(["update", "emb", "--set", "task_settings.a=1"]))
    .expect(2)
    .stderr_has("invalid ES_URL 'https://****@localhost:1': the URL contains credentials")
    .never_shows("user:")
    .never_shows("pw-in-url");
}

#[test]
fn a_secret_file_anyone_can_read_is_warned_about() {
    let es = fake_with_emb();
    let (_k, key) = file("key", ANY_KEY);
    chmod(&key, 0o644);
    update_at(
        &es,
        &[
            "emb",
            "--secret-file",
            &format!("api_key={}", key.display()),
        ],
    )
    .expect(0)
    .stderr_has("can be read by anyone");
    let (_e, endpoints) = file(
        "e.yaml",
        format!(
            "- inference_id: emb-new\n  task_type: text_embedding\n  service: openai\n  \
             service_settings:\n    model_id: text-embedding-3-small\n    api_key: file:{}\n",
            key.display()
        ),
    );
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&endpoints)]))
        .stderr_has("can be read by anyone");
}
