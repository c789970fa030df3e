//! Credentials come as one: a username and its password are taken from the
//! same level (flag, `ES_*`, `ELASTICSEARCH_*`, profile), never mixed; and
//! never sent to a URL that another place gave (`unit.rs`).

use base64::Engine;
use std::os::unix::fs::PermissionsExt;

use crate::fake_es::{FakeEs, cohere_rerank};
use crate::harness::terminal::{at, on_terminal};
use crate::harness::{file, infer, run};

/// A private profile for the `elastic` user, with its password inline.
fn elastic_profile() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = file(
        "config.toml",
        "default_profile = \"p\"\n[profiles.p]\nusername = \"elastic\"\npassword = \"ELASTIC-PW-SENTINEL\"\n",
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    (dir, path)
}

fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

#[test]
fn a_username_never_borrows_the_password_of_another_level() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let (_d, profile) = elastic_profile();
    for (envs, args, names) in [
        (vec![], vec!["--username", "bob"], "--password"),
        (vec![("ES_USERNAME", "bob")], vec![], "ES_PASSWORD"),
        (
            vec![("ELASTICSEARCH_USERNAME", "bob")],
            vec![],
            "ELASTICSEARCH_PASSWORD",
        ),
    ] {
        run(infer()
            .env("INFER_CONFIG", &profile)
            .env("ES_URL", es.url())
            .envs(envs)
            .args(args)
            .args(["get", "rr"]))
        .expect(2)
        .stderr_has("no password for user 'bob'")
        .stderr_has(names)
        .never_shows("ELASTIC-PW-SENTINEL");
    }
    assert!(es.requests().is_empty(), "nothing is sent");
    // A password given with the username, at its level, is used.
    run(infer()
        .env("INFER_CONFIG", &profile)
        .env("ES_URL", es.url())
        .env("ES_USERNAME", "bob")
        .env("ES_PASSWORD", "bobs-pw")
        .args(["get", "rr"]))
    .expect(0);
    // The profile's username and password never go to ES_URL: a
    // connection is one unit, and infer refuses to mix them.
    run(infer()
        .env("INFER_CONFIG", &profile)
        .env("ES_URL", es.url())
        .args(["get", "rr"]))
    .expect(2)
    .stderr_has("ES_URL gives the URL")
    .stderr_has("profile 'p' (the default profile) gives the credential")
    .never_shows("ELASTIC-PW-SENTINEL");
    let sent: Vec<String> = es
        .requests()
        .iter()
        .filter_map(|r| r.header("authorization").map(str::to_string))
        .collect();
    assert_eq!(sent, [basic("bob", "bobs-pw")]);
}

#[test]
fn a_password_without_its_username_is_an_error() {
    let (_d, profile) = elastic_profile();
    run(infer()
        .env("INFER_CONFIG", &profile)
        .env("ES_PASSWORD", "stray-pw")
        .args(["--url", "http://127.0.0.1:9", "get", "rr"]))
    .expect(2)
    .stderr_has("ES_PASSWORD gives a password without a username")
    .never_shows("stray-pw")
    .never_shows("ELASTIC-PW-SENTINEL");
}

#[test]
fn a_username_without_its_password_is_asked_for_on_a_terminal() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let (_d, profile) = elastic_profile();
    let tty = on_terminal(
        "--username bob get rr",
        &[
            ("ES_URL", &es.url()),
            ("INFER_CONFIG", &profile.to_string_lossy()),
        ],
        &[at("Password for bob", "bob-typed\n")],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(tty.screen.contains("Password for bob"), "{}", tty.screen);
    assert_eq!(
        es.requests()[0].header("authorization"),
        Some(basic("bob", "bob-typed").as_str())
    );
}
