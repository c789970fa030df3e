//! `--curl`: a curl command that does the same request once its variables
//! are set, with no credential or secret in it.

use std::process::Command;

use crate::fake_es::{Behavior, FakeEs, openai_embedding};
use crate::harness::{infer_at, run};

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

/// `create x --task-type rerank --service cohere --curl --service-settings SETTINGS`.
fn create_as_curl(settings: &str) -> Vec<String> {
    [
        "create",
        "x",
        "--task-type",
        "rerank",
        "--service",
        "cohere",
        "--curl",
        "--service-settings",
        settings,
    ]
    .map(String::from)
    .to_vec()
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
    crate::harness::require("curl", "curl");
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
        out.stdout.starts_with(&format!(
            "curl -sS --fail-with-body -X GET '{}/_inference/rr'",
            es.url()
        )),
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
        .args(create_as_curl(r#"{"api_key": "inline-9"}"#)))
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

/// A folder on PATH with `pwnme` and `PWNME`, which leave a mark in
/// `marks` if the shell ever runs them.
fn tripwire() -> (tempfile::TempDir, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let marks = dir.path().join("marks");
    for name in ["pwnme", "PWNME"] {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            format!("#!/bin/sh\necho ran >> '{}'\n", marks.display()),
        )
        .expect("write tripwire");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    (dir, marks)
}

#[test]
fn hostile_keys_and_values_never_become_shell_syntax() {
    let es = FakeEs::start();
    let settings = serde_json::json!({
        "api_key": "SEC-9-plain",
        "x-api_key": "SEC-1-dash",
        "a/api_key": "SEC-2-slash",
        "v1.api_key": "SEC-3-dot",
        "k}$(pwnme)_key": "SEC-4-subst",
        "list": [{"api_key": "SEC-5-array"}, {"api_key": "SEC-6-array"}],
        "secret_parameters": {"p": "SEC-7-nested", "q.r": "SEC-8-nested"},
        "$(pwnme)": "`pwnme` $(pwnme) ${HOME} \\ ' \" \n EOF",
        "model_id": "m"
    });
    let out = run(infer_at(&es.url())
        .env("ES_API_KEY", "SEC-0-credential")
        .args(create_as_curl(&settings.to_string())))
    .expect(0);
    assert!(out.stdout.contains("--fail-with-body"), "{}", out.stdout);
    // Each secret is a variable made of [A-Z0-9_], one per secret.
    let mut vars: Vec<(String, String)> = Vec::new();
    for line in out.stderr.lines() {
        if let Some(rest) = line.strip_prefix("infer: note: set ")
            && let Some((var, path)) = rest.split_once(" to the value of ")
        {
            vars.push((
                var.to_string(),
                path.trim_end_matches(" before running the command").into(),
            ));
        }
    }
    assert_eq!(vars.len(), 9, "{}", out.stderr);
    for (var, _) in &vars {
        assert!(
            !var.is_empty()
                && var
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
            "{var}"
        );
        assert!(
            out.stdout.contains(&format!("${{{var}}}")),
            "{var}: {}",
            out.stdout
        );
    }
    let mut names: Vec<&String> = vars.iter().map(|(v, _)| v).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), vars.len(), "{vars:?}");
    for i in 0..=9 {
        assert!(!out.stdout.contains(&format!("SEC-{i}-")), "{}", out.stdout);
    }
    crate::harness::require("curl", "curl");
    // Run it with each variable set to its secret: nothing runs, and the
    // server receives exactly the body infer would have sent.
    let (bin, marks) = tripwire();
    let mut env: Vec<(String, String)> = vec![("ES_API_KEY".into(), "SEC-0-credential".into())];
    for (var, path) in &vars {
        let value = match path.as_str() {
            "service_settings.api_key" => "SEC-9-plain",
            "service_settings.x-api_key" => "SEC-1-dash",
            "service_settings.a/api_key" => "SEC-2-slash",
            "service_settings.v1.api_key" => "SEC-3-dot",
            "service_settings.k}$(pwnme)_key" => "SEC-4-subst",
            "service_settings.list[0].api_key" => "SEC-5-array",
            "service_settings.list[1].api_key" => "SEC-6-array",
            "service_settings.secret_parameters.p" => "SEC-7-nested",
            "service_settings.secret_parameters.q.r" => "SEC-8-nested",
            other => panic!("unexpected secret path {other}"),
        };
        env.push((var.clone(), value.into()));
    }
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = Command::new("bash")
        .arg("-c")
        .arg(&out.stdout)
        .env_clear()
        .env("PATH", path)
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()
        .expect("bash");
    assert!(
        !marks.exists(),
        "the command ran a command from a key or a value"
    );
    let sent = es.requests();
    assert_eq!(sent.len(), 1, "{}", String::from_utf8_lossy(&status.stderr));
    assert_eq!(
        sent[0].header("authorization"),
        Some("ApiKey SEC-0-credential")
    );
    let expected = serde_json::json!({"service": "cohere", "service_settings": settings});
    assert_eq!(sent[0].json(), expected);
}

#[test]
fn a_profile_env_reference_that_is_not_a_name_is_not_put_in_the_command() {
    let (_d, path) = crate::harness::file(
        "config.toml",
        "default_profile = \"p\"\n[profiles.p]\nurl = \"http://127.0.0.1:9\"\n\
         bearer_token = \"env:X}$(pwnme)\"\n",
    );
    // The profile is used whole (a credential never goes to a URL given
    // elsewhere): what is refused is the reference itself, and no command
    // is printed.
    let out = run(crate::harness::infer()
        .env("INFER_CONFIG", &path)
        .args(["get", "rr", "--curl"]))
    .expect(2)
    .stderr_has("bearer_token of profile 'p'")
    .stderr_has("is env: followed by something that is not a variable name")
    .never_shows("pwnme");
    assert_eq!(out.stdout, "", "no command is printed");
}
