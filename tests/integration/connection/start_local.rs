//! Elastic's start-local: its `.env` file and `ES_LOCAL_*` variables are
//! the lowest layer, used when nothing else says where and how to connect.

use base64::Engine;
use serde_json::Value;
use std::path::Path;

use crate::fake_es::{Behavior, FakeEs, cohere_rerank};
use crate::harness::{infer, run};

const KEY: &str = "c3RhcnQtbG9jYWwta2V5LTcxOTM=";
const PASSWORD: &str = "Sl0calPw93";

/// A folder holding `elastic-start-local/.env` as start-local writes it.
fn start_local_folder(port: u16, api_key: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let mut text = format!(
        "START_LOCAL_VERSION=0.13.0\nCONTAINER_CLI=docker\nES_LOCAL_VERSION=9.1.0\n\
         ES_LOCAL_CONTAINER_NAME=es-local-dev\nES_LOCAL_PASSWORD={PASSWORD}\n\
         ES_LOCAL_PORT={port}\nES_LOCAL_URL=http://127.0.0.1:${{ES_LOCAL_PORT}}\n\
         ES_LOCAL_API_KEY_NAME=elastic-start-local\nES_LOCAL_JAVA_OPTS=\"-Xms128m -Xmx2g\"\n\
         KIBANA_LOCAL_PASSWORD=Kib4naPw77\nKIBANA_ENCRYPTION_KEY=abcdefghijklmnopqrstuvwxyz012345\n"
    );
    if api_key {
        text.push_str(&format!("ES_LOCAL_API_KEY={KEY}\n"));
    }
    write(dir.path(), "elastic-start-local/.env", &text);
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn guarded(authorization: &str) -> FakeEs {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some(authorization.into()),
        ..Default::default()
    });
    es.insert(cohere_rerank("rr"));
    es
}

fn show(dir: &Path, envs: &[(&str, &str)]) -> Value {
    let out = run(infer()
        .current_dir(dir)
        .envs(envs.iter().copied())
        .args(["config", "show", "--json"]))
    .expect(0)
    .never_shows(KEY)
    .never_shows(PASSWORD);
    out.json()
}

fn from(shown: &Value, setting: &str) -> Option<(String, String)> {
    shown["settings"]
        .as_array()
        .expect("settings")
        .iter()
        .find(|s| s["setting"] == setting)
        .map(|s| {
            (
                s["value"].as_str().unwrap_or_default().to_string(),
                s["from"].as_str().unwrap_or_default().to_string(),
            )
        })
}

#[test]
fn a_start_local_folder_connects_with_its_api_key() {
    let es = guarded(&format!("ApiKey {KEY}"));
    let dir = start_local_folder(es.addr().port(), true);
    run(infer().current_dir(dir.path()).args(["-v", "get", "rr"]))
        .expect(0)
        .never_shows(KEY)
        .never_shows(PASSWORD);
    assert_eq!(
        es.requests()[0].header("authorization"),
        Some(format!("ApiKey {KEY}").as_str())
    );
    let shown = show(dir.path(), &[]);
    let origin = "start-local (./elastic-start-local/.env)";
    assert_eq!(
        from(&shown, "url"),
        Some((es.url(), origin.to_string())),
        "{shown}"
    );
    assert_eq!(
        from(&shown, "api_key"),
        Some(("****".into(), origin.into()))
    );
    assert_eq!(from(&shown, "username"), None, "{shown}");
}

#[test]
fn without_an_api_key_the_password_goes_with_user_elastic() {
    let pair = base64::engine::general_purpose::STANDARD.encode(format!("elastic:{PASSWORD}"));
    let es = guarded(&format!("Basic {pair}"));
    let dir = start_local_folder(es.addr().port(), false);
    run(infer().current_dir(dir.path()).args(["get", "rr"])).expect(0);
    let shown = show(dir.path(), &[]);
    let origin = "start-local (./elastic-start-local/.env)";
    assert_eq!(
        from(&shown, "username"),
        Some(("elastic".into(), origin.into()))
    );
    assert_eq!(
        from(&shown, "password"),
        Some(("****".into(), origin.into()))
    );
}

#[test]
fn its_variables_come_before_its_file() {
    let es = guarded("ApiKey from-the-variable-4410");
    let dir = start_local_folder(1, true);
    let envs = [
        ("ES_LOCAL_URL", es.url()),
        ("ES_LOCAL_API_KEY", "from-the-variable-4410".to_string()),
    ];
    let envs: Vec<(&str, &str)> = envs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    run(infer()
        .current_dir(dir.path())
        .envs(envs.iter().copied())
        .args(["get", "rr"]))
    .expect(0)
    .never_shows("from-the-variable-4410");
    let shown = show(dir.path(), &envs);
    assert_eq!(
        from(&shown, "api_key"),
        Some(("****".into(), "start-local (ES_LOCAL_API_KEY)".into()))
    );
    assert_eq!(
        from(&shown, "url"),
        Some((es.url(), "start-local (ES_LOCAL_URL)".into()))
    );
}

/// Its URL and its credential go together, and only when no flag,
/// variable or profile gives either: a higher URL never gets its key, and
/// a higher credential is never sent to its URL.
#[test]
fn it_is_the_lowest_layer_and_comes_whole() {
    let dir = start_local_folder(1, true);
    let shown = show(dir.path(), &[("ES_URL", "http://10.1.1.1:9200")]);
    assert_eq!(from(&shown, "api_key"), None, "{shown}");
    let shown = show(dir.path(), &[("ES_API_KEY", "other-key-5521")]);
    assert_eq!(
        from(&shown, "url"),
        Some(("http://localhost:9200".into(), "default".into())),
        "{shown}"
    );
    let profile = dir.path().join("config.toml");
    std::fs::write(
        &profile,
        "default_profile = \"p\"\n[profiles.p]\nurl = \"http://prod:9200\"\n",
    )
    .expect("write");
    let shown = show(dir.path(), &[("INFER_CONFIG", &profile.to_string_lossy())]);
    assert_eq!(from(&shown, "api_key"), None, "{shown}");
    // Settings it does not give still combine with it.
    let shown = show(dir.path(), &[("ES_CA_FINGERPRINT", &"ab".repeat(32))]);
    assert!(from(&shown, "api_key").is_some(), "{shown}");
}

#[test]
fn a_dot_env_in_the_start_local_folder_itself() {
    let es = guarded(&format!("ApiKey {KEY}"));
    let dir = start_local_folder(es.addr().port(), true);
    let inside = dir.path().join("elastic-start-local");
    run(infer().current_dir(&inside).args(["get", "rr"])).expect(0);
    assert_eq!(
        from(&show(&inside, &[]), "api_key"),
        Some(("****".into(), "start-local (./.env)".into()))
    );
    // Another project's .env, without ES_LOCAL_URL, is not start-local's.
    let other = tempfile::tempdir().expect("dir");
    write(
        other.path(),
        ".env",
        &format!("DATABASE_URL=postgres://x\nES_LOCAL_API_KEY={KEY}\n"),
    );
    let shown = show(other.path(), &[]);
    assert_eq!(from(&shown, "api_key"), None, "{shown}");
}

#[test]
fn the_file_is_read_strictly_and_never_run() {
    let dir = tempfile::tempdir().expect("dir");
    let pwned = dir.path().join("pwned");
    for (text, line, why) in [
        (
            format!("ES_LOCAL_URL=http://127.0.0.1:9200\nES_LOCAL_API_KEY {KEY}\n"),
            2,
            "is not NAME=VALUE",
        ),
        (
            format!(
                "# start-local\nES_LOCAL_API_KEY=\"{KEY}\nES_LOCAL_URL=http://127.0.0.1:9200\n"
            ),
            2,
            "has a quote that is not closed",
        ),
        (
            format!("ES_LOCAL_URL=http://127.0.0.1:${{ES_LOCAL_PORT}}\nES_LOCAL_API_KEY={KEY}\n"),
            1,
            "refers to ES_LOCAL_PORT, which the file does not set before it",
        ),
    ] {
        write(dir.path(), "elastic-start-local/.env", &text);
        run(infer().current_dir(dir.path()).args(["get", "rr"]))
            .expect(2)
            .stderr_has(&format!(
                "infer: error: cannot use start-local's ./elastic-start-local/.env: line {line} {why}"
            ))
            .stderr_has("give the connection another way (--url, ES_URL, a profile)")
            .never_shows(KEY);
    }
    // Shell syntax is text, never run: quotes, comments, `export` and
    // `${NAME}` are read as a shell would read them, but `$(...)` is kept as
    // it is, and nothing is executed.
    let es = guarded(&format!("ApiKey {KEY}"));
    write(
        dir.path(),
        "elastic-start-local/.env",
        &format!(
            "export ES_LOCAL_PORT={port}\n  # a comment\n\n\
             ES_LOCAL_URL=\"http://127.0.0.1:${{ES_LOCAL_PORT}}\"\n\
             ES_LOCAL_PASSWORD=$(touch {pwned})\nKIBANA_LOCAL_PASSWORD='$(touch {pwned})'\n\
             ES_LOCAL_API_KEY={KEY} # the key\n",
            port = es.addr().port(),
            pwned = pwned.display()
        ),
    );
    run(infer().current_dir(dir.path()).args(["get", "rr"])).expect(0);
    assert!(!pwned.exists(), "the file was run");
}

#[test]
fn a_huge_file_is_refused_by_its_size() {
    let dir = tempfile::tempdir().expect("dir");
    let line = "KIBANA_LOCAL_CONTAINER_NAME=kibana-local-dev\n";
    write(
        dir.path(),
        "elastic-start-local/.env",
        &line.repeat((1 << 20) / line.len() + 1),
    );
    run(infer().current_dir(dir.path()).args(["config", "show"]))
        .expect(2)
        .stderr_has(
            "cannot use start-local's ./elastic-start-local/.env: larger than the limit of 1 MiB",
        );
}

#[test]
fn its_file_cannot_send_requests_elsewhere() {
    let dir = tempfile::tempdir().expect("dir");
    write(
        dir.path(),
        "elastic-start-local/.env",
        &format!("ES_LOCAL_URL=https://es.example.com:9200\nES_LOCAL_API_KEY={KEY}\n"),
    );
    run(infer().current_dir(dir.path()).args(["get", "rr"]))
        .expect(2)
        .stderr_has(
            "ES_LOCAL_URL in ./elastic-start-local/.env points at es.example.com, not at this \
             machine, where start-local runs Elasticsearch",
        )
        .never_shows(KEY);
}

#[test]
fn a_refused_key_and_curl_name_start_local() {
    let es = guarded("ApiKey the-right-one");
    let dir = start_local_folder(es.addr().port(), true);
    run(infer().current_dir(dir.path()).args(["get", "rr"]))
        .expect(4)
        .stderr_has("the API key from start-local (./elastic-start-local/.env) was not accepted")
        .never_shows(KEY);
    run(infer().current_dir(dir.path()).args(["--curl", "get", "rr"]))
        .expect(0)
        .stdout_has("Authorization: ApiKey $ES_LOCAL_API_KEY")
        .stderr_has("set ES_LOCAL_API_KEY before running the command (`set -a; . ./elastic-start-local/.env; set +a`")
        .never_shows(KEY);
}

#[test]
fn the_editor_never_sees_its_credentials() {
    let es = FakeEs::start();
    es.insert(crate::fake_es::elser("e5"));
    let (dir, ed) = crate::harness::editor(r#"env > "$(dirname "$0")/env.txt""#);
    run(infer()
        .env("EDITOR", &ed)
        .env("ES_LOCAL_URL", es.url())
        .env("ES_LOCAL_API_KEY", "sentinel-local-key")
        .env("ES_LOCAL_PASSWORD", "sentinel-local-password")
        .args(["edit", "e5", "--yes"]))
    .expect(0);
    let seen = std::fs::read_to_string(dir.path().join("env.txt")).expect("env dump");
    assert!(seen.contains("ES_LOCAL_URL="), "{seen}");
    assert!(!seen.contains("sentinel"), "{seen}");
}

/// A profile that says where or how comes before start-local, whole: its
/// settings are then named as not used, and a way to trust the server
/// given as a flag beside start-local is an error, never ignored.
#[test]
fn a_profile_comes_before_it_and_config_show_names_it_unused() {
    let es = guarded(&format!("ApiKey {KEY}"));
    let dir = start_local_folder(es.addr().port(), true);
    let profile = dir.path().join("config.toml");
    std::fs::write(
        &profile,
        "default_profile = \"p\"\n[profiles.p]\nurl = \"http://prod:9200\"\n\
         [profiles.bare]\nretries = 1\n",
    )
    .expect("write");
    let config = profile.to_string_lossy().into_owned();
    let shown = show(dir.path(), &[("INFER_CONFIG", &config)]);
    let origin = "start-local (./elastic-start-local/.env)";
    assert_eq!(shown["connection"], "profile 'p' (the default profile)");
    let unused = |setting: &str| {
        shown["ignored"]
            .as_array()
            .expect("ignored")
            .iter()
            .find(|s| s["setting"] == setting)
            .map(|s| (s["value"].clone(), s["from"].clone()))
    };
    assert_eq!(unused("url"), Some((es.url().into(), origin.into())));
    assert_eq!(unused("api_key"), Some(("****".into(), origin.into())));
    // A profile named is used whole, even one that gives no URL: the
    // default URL, and start-local's key is not sent to it.
    let shown = show(
        dir.path(),
        &[("INFER_CONFIG", &config), ("INFER_PROFILE", "bare")],
    );
    assert_eq!(from(&shown, "api_key"), None, "{shown}");
    assert_eq!(
        from(&shown, "url"),
        Some(("http://localhost:9200".into(), "default".into()))
    );
    run(infer()
        .current_dir(dir.path())
        .args(["--ca-cert", "/etc/es/ca.crt", "get", "rr"]))
    .expect(2)
    .stderr_has(&format!(
        "--ca-cert cannot be used with {origin}, which gives the connection"
    ))
    .never_shows(KEY);
    assert!(es.requests().is_empty());
}
