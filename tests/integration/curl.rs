//! `--curl`: a curl command that does the same request once its variables
//! are set, with no credential or secret in it.

use std::process::Command;

use crate::fake_es::{Behavior, FakeEs, openai_embedding};
use crate::harness::{infer_at, run};

fn have_curl() -> bool {
    Command::new("curl").arg("--version").output().is_ok()
}

/// Run the printed command with bash and `env`.
fn run_printed(command: &str, env: &[(&str, &str)]) -> String {
    let out = Command::new("bash")
        .arg("-c")
        .arg(command)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_update_as_curl_works_once_the_variables_are_set() {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some("ApiKey aWQxOmtleTE=".into()), // base64("id1:key1")
        ..Default::default()
    });
    es.insert(openai_embedding("rr"));
    let out = run(infer_at(&es.url())
        .env("ES_API_KEY", "id1:key1")
        .env("CO_KEY", "co-new-3141")
        .args([
            "update",
            "rr",
            "--curl",
            "--set",
            "task_settings.user=a $b `c` \"d\"",
            "--secret-env",
            "api_key=CO_KEY",
        ]))
    .expect(0)
    .never_shows("co-new-3141")
    .never_shows("id1:key1")
    .never_shows("aWQxOmtleTE=")
    .stdout_has("$ES_API_KEY")
    .stdout_has("${CO_KEY}");
    assert!(es.writes().is_empty(), "--curl sends no write");
    if !have_curl() {
        eprintln!("skipped running the command: curl is not installed");
        return;
    }
    let answer = run_printed(
        &out.stdout,
        &[("ES_API_KEY", "id1:key1"), ("CO_KEY", "co-new-3141")],
    );
    assert!(answer.contains("\"inference_id\":\"rr\""), "{answer}");
    assert_eq!(es.secrets("rr")["api_key"], "co-new-3141");
    assert_eq!(
        es.endpoint("rr").unwrap()["task_settings"]["user"],
        "a $b `c` \"d\""
    );
}

#[test]
fn a_literal_credential_becomes_a_variable_to_set() {
    let es = FakeEs::start();
    let out = run(infer_at(&es.url()).args(["--api-key", "literal-key-1", "get", "rr", "--curl"]))
        .expect(0)
        .never_shows("literal-key-1")
        .stderr_has("note: set ES_API_KEY before running the command");
    assert!(
        out.stdout
            .starts_with(&format!("curl -sS -X GET '{}/_inference/rr'", es.url())),
        "{}",
        out.stdout
    );
    assert!(es.requests().is_empty());
}

#[test]
fn basic_credentials_and_a_secret_without_a_variable() {
    let es = FakeEs::start();
    let out = run(infer_at(&es.url())
        .env("ES_USERNAME", "elastic")
        .env("ES_PASSWORD", "pw-77")
        .args([
            "create",
            "x",
            "--task-type",
            "rerank",
            "--service",
            "cohere",
            "--curl",
            "--service-settings",
            r#"{"api_key": "inline-9"}"#,
        ]))
    .expect(0)
    .never_shows("pw-77")
    .never_shows("inline-9")
    .stdout_has(r#"-u "elastic:$ES_PASSWORD""#)
    .stdout_has("${INFER_SERVICE_SETTINGS_API_KEY}")
    .stderr_has(
        "note: set INFER_SERVICE_SETTINGS_API_KEY to the value of service_settings.api_key",
    );
    assert!(out.stdout.contains("-X PUT"), "{}", out.stdout);
}

#[test]
fn edit_has_no_curl() {
    run(infer_at("http://127.0.0.1:9").args(["edit", "x", "--curl"]))
        .expect(2)
        .stderr_has("use --curl with infer update");
}

#[test]
fn an_id_key_pair_given_as_a_flag_is_encoded_in_the_command() {
    let out = run(infer_at("http://127.0.0.1:9").args([
        "--api-key",
        "myid:mykey",
        "update",
        "rr",
        "--task-type",
        "rerank",
        "--curl",
        "--set",
        "task_settings.top_n:=2",
    ]))
    .expect(0)
    .never_shows("mykey")
    .stdout_has(r#"ApiKey $(printf '%s' "$ES_API_KEY" | base64 | tr -d '\n')"#);
    // With --task-type, nothing is read first: no server was needed.
    assert!(
        out.stdout.contains("/_inference/rerank/rr/_update"),
        "{}",
        out.stdout
    );
}
