//! Whatever names where a secret lives may be the secret, pasted in the
//! wrong place: a `--secret-file` or `--secret-env` argument, a `file:` or
//! `env:` reference, that cannot be used is reported without repeating
//! it, unless it is clearly a path; the message says what was expected.

use std::os::unix::fs::PermissionsExt;

use crate::fake_es::{FakeEs, cohere_rerank};
use crate::harness::{arg, file, infer, infer_at, run};

/// A key pasted where its file's path or its variable's name belongs: one
/// shaped like a name (Hugging Face's `hf_…`), one not.
const KEYS: [&str; 2] = ["hf_SECRETvalue123456abc", "sk-proj-AbCdEf0123456789xyz"];

/// `never_shows`, for every piece of 8 characters.
fn no_piece(text: &str, key: &str) {
    let chars: Vec<char> = key.chars().collect();
    for piece in chars.windows(8).map(|w| w.iter().collect::<String>()) {
        assert!(
            !text.contains(&piece),
            "{piece:?} of {key:?} shows:\n{text}"
        );
    }
}

fn create(flag: &str, value: &str) -> Vec<String> {
    [
        "create",
        "new",
        "--task-type",
        "rerank",
        "--service",
        "cohere",
        "--set",
        "service_settings.model_id=m",
        flag,
        &format!("api_key={value}"),
        "--dry-run",
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn a_key_given_as_its_file_or_its_variable_is_never_repeated() {
    for key in KEYS {
        let out = run(infer().args(create("--secret-file", key))).expect(2);
        no_piece(&out.stderr, key);
        assert!(
            out.stderr
                .contains("give the path of a file that holds the secret"),
            "{}",
            out.stderr
        );
        let out = run(infer().args(create("--secret-env", key))).expect(2);
        no_piece(&out.stderr, key);
        assert!(
            out.stderr
                .contains("names no environment variable that is set")
                || out.stderr.contains("is not an environment variable name"),
            "{}",
            out.stderr
        );
    }
    // Clearly a path: said.
    let dir = tempfile::tempdir().expect("dir");
    let missing = dir.path().join("missing-key.txt");
    run(infer().args(create("--secret-file", &arg(&missing))))
        .expect(2)
        .stderr_has(&format!("cannot read secret file {}", arg(&missing)));
}

#[test]
fn a_reference_that_cannot_be_used_is_never_repeated() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    for key in KEYS {
        for reference in [format!("env:{key}"), format!("file:{key}")] {
            // A profile's credential.
            let (_d, path) = file(
                "config.toml",
                format!("default_profile = \"p\"\n[profiles.p]\napi_key = \"{reference}\"\n"),
            );
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
            let out = run(infer_at(&es.url())
                .env("INFER_CONFIG", &path)
                .args(["get", "rr"]))
            .expect(2);
            no_piece(&out.stderr, key);
            assert!(out.stderr.contains("profile 'p'"), "{}", out.stderr);
            // A file of endpoints' secret.
            let endpoints = serde_json::json!([{
                "inference_id": "rr-new", "task_type": "rerank", "service": "cohere",
                "service_settings": {"model_id": "m", "api_key": reference},
            }]);
            let (_e, path) = file("endpoints.json", endpoints.to_string());
            let out = run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--yes"]));
            let shown = format!("{}\n{}", out.stdout, out.stderr);
            no_piece(&shown, key);
            assert!(
                shown.contains("not repeated") || shown.contains("names no environment variable"),
                "{reference}: {shown}"
            );
        }
    }
}
