//! Profiles in the config file, the precedence of flags, variables and
//! profiles, and `infer config show | list | init`.

use crate::fake_es::{Behavior, FakeEs, cohere_rerank};
use crate::harness::terminal::{at, shell_on_terminal};
use crate::harness::{arg, chmod, config_file, fake_with_emb, file, infer, run};
use serde_json::{Value, json};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn show(path: &Path, envs: &[(&str, &str)], args: &[&str]) -> Value {
    let mut cmd = infer();
    cmd.env("INFER_CONFIG", path)
        .envs(envs.iter().copied())
        .args(args)
        .args(["config", "show", "--json"]);
    run(&mut cmd).expect(0).json()
}

fn from(shown: &Value, setting: &str) -> (String, String) {
    let entry = shown["settings"]
        .as_array()
        .expect("settings")
        .iter()
        .find(|s| s["setting"] == setting)
        .unwrap_or_else(|| panic!("no {setting} in {shown}"));
    (
        entry["value"].as_str().unwrap_or_default().into(),
        entry["from"].as_str().unwrap_or_default().into(),
    )
}

#[test]
fn the_default_profile_connects_with_a_secret_from_the_environment() {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some("ApiKey prod-key-1".into()),
        ..Default::default()
    });
    es.insert(cohere_rerank("rr"));
    let (_d, path) = config_file(
        &format!(
            "default_profile = \"prod\"\n\n[profiles.prod]\nurl = \"{}\"\napi_key = \"env:PROD_KEY\"\n\n[profiles.dev]\nurl = \"http://127.0.0.1:9\"\n",
            es.url()
        ),
        0o644,
    );
    run(infer()
        .env("INFER_CONFIG", &path)
        .env("PROD_KEY", "prod-key-1")
        .args(["get", "rr"]))
    .expect(0);
    // Another profile by flag or variable.
    run(infer()
        .env("INFER_CONFIG", &path)
        .args(["--profile", "dev", "--retries=0", "get", "rr"]))
    .expect(6);
    run(infer()
        .env("INFER_CONFIG", &path)
        .env("INFER_PROFILE", "dev")
        .args(["--retries=0", "get", "rr"]))
    .expect(6);
    run(infer()
        .env("INFER_CONFIG", &path)
        .args(["--profile", "nope", "get", "rr"]))
    .expect(2)
    .stderr_has("--profile names profile 'nope', which")
    .stderr_has("does not have; it has: dev, prod");
}

#[test]
fn flags_then_es_variables_then_terraform_variables_then_the_profile() {
    let (_d, path) = config_file(
        "default_profile = \"p\"\n[profiles.p]\nurl = \"http://profile:9200\"\nretries = 5\n",
        0o600,
    );
    let shown = show(&path, &[], &[]);
    assert_eq!(shown["profile"], "p");
    assert_eq!(
        from(&shown, "url"),
        ("http://profile:9200".into(), "profile 'p'".into())
    );
    assert_eq!(from(&shown, "retries"), ("5".into(), "profile 'p'".into()));
    let terraform = [(
        "ELASTICSEARCH_ENDPOINTS",
        "http://tf-1:9200,http://tf-2:9200",
    )];
    assert_eq!(
        from(&show(&path, &terraform, &[]), "url"),
        ("http://tf-1:9200".into(), "ELASTICSEARCH_ENDPOINTS".into())
    );
    let es = [
        ("ELASTICSEARCH_ENDPOINTS", "http://tf-1:9200"),
        ("ES_URL", "http://es-var:9200"),
    ];
    assert_eq!(
        from(&show(&path, &es, &[]), "url"),
        ("http://es-var:9200".into(), "ES_URL".into())
    );
    assert_eq!(
        from(&show(&path, &es, &["--url", "http://flag:9200"]), "url"),
        ("http://flag:9200".into(), "--url".into())
    );
    // Without any: the default.
    let (_e, empty) = config_file("", 0o600);
    assert_eq!(
        from(&show(&empty, &[], &[]), "url"),
        ("http://localhost:9200".into(), "default".into())
    );
}

#[test]
fn a_credential_at_a_higher_level_replaces_the_profiles_kind() {
    let (_d, path) = config_file(
        "default_profile = \"p\"\n[profiles.p]\nusername = \"elastic\"\npassword = \"env:PW\"\n",
        0o600,
    );
    let shown = show(&path, &[("ES_API_KEY", "abc")], &[]);
    assert_eq!(
        from(&shown, "api_key"),
        ("****".into(), "ES_API_KEY".into())
    );
    let shown = show(&path, &[("PW", "x")], &[]);
    assert_eq!(
        from(&shown, "username"),
        ("elastic".into(), "profile 'p'".into())
    );
    assert_eq!(
        from(&shown, "password"),
        ("env:PW".into(), "profile 'p'".into())
    );
}

#[test]
fn inline_secrets_need_a_private_file() {
    let text = "default_profile = \"p\"\n[profiles.p]\napi_key = \"inline-key-77\"\n";
    let (_d, open) = config_file(text, 0o644);
    run(infer().env("INFER_CONFIG", &open).args(["config", "show"]))
        .expect(2)
        .stderr_has(&format!("api_key of profile 'p' ({}) is written inline, and the file can be read by others: run `chmod 600 {}`", arg(&open), arg(&open)))
        .never_shows("inline-key-77");
    let (_e, private) = config_file(text, 0o600);
    let shown = show(&private, &[], &[]);
    assert_eq!(
        from(&shown, "api_key"),
        ("****".into(), "profile 'p'".into())
    );
    assert!(!shown.to_string().contains("inline-key-77"));
}

#[test]
fn file_and_env_references() {
    let (_k, key) = file("key", "from-a-file\n");
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some("Bearer from-a-file".into()),
        ..Default::default()
    });
    es.insert(cohere_rerank("rr"));
    let (_d, path) = config_file(
        &format!(
            "default_profile = \"p\"\n[profiles.p]\nurl = \"{}\"\nbearer_token = \"file:{}\"\n",
            es.url(),
            arg(&key)
        ),
        0o644,
    );
    run(infer().env("INFER_CONFIG", &path).args(["get", "rr"])).expect(0);
    let (_e, missing) = config_file(
        "default_profile = \"p\"\n[profiles.p]\napi_key = \"env:NOT_SET_HERE\"\n",
        0o644,
    );
    run(infer().env("INFER_CONFIG", &missing).args(["get", "rr"]))
        .expect(2)
        .stderr_has(
            "env: names no environment variable that is set (what was given is not repeated",
        );
}

#[test]
fn a_broken_config_file_is_named() {
    let (_d, path) = config_file("[profiles.p]\nurl = \n", 0o600);
    run(infer().env("INFER_CONFIG", &path).args(["get", "rr"]))
        .expect(2)
        .stderr_has(&format!("invalid config file {}", arg(&path)))
        .stderr_has("line 2");
    let (_e, unknown) = config_file("[profiles.p]\nhost = \"x\"\n", 0o600);
    run(infer().env("INFER_CONFIG", &unknown).args(["get", "rr"]))
        .expect(2)
        .stderr_has("unknown field `host`");
}

#[test]
fn config_list() {
    let (_d, path) = config_file(
        "default_profile = \"b\"\n[profiles.a]\nurl = \"http://a:9200\"\napi_key = \"env:A\"\n[profiles.b]\ncloud_id = \"x:eHk=\"\n",
        0o600,
    );
    let out = run(infer().env("INFER_CONFIG", &path).args(["config", "list"])).expect(0);
    assert_eq!(
        out.json()["profiles"],
        json!({"a": {"url": "http://a:9200", "cloud_id": null, "credential": "api_key", "default": false},
               "b": {"url": null, "cloud_id": "x:eHk=", "credential": "none", "default": true}})
    );
}

#[test]
fn config_init_asks_and_writes_a_private_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("sub").join("config.toml");
    let line = format!("{} config init", env!("CARGO_BIN_EXE_infer"));
    let answers = "prod\nhttps://es.example:9243\napi_key\nenv\nPROD_ES_KEY\n/etc/es/http_ca.crt\n";
    let tty = shell_on_terminal(
        &line,
        &[("INFER_CONFIG", &path.to_string_lossy())],
        &[at("Profile name", answers)],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(
        tty.screen.contains("wrote profile 'prod'"),
        "{}",
        tty.screen
    );
    let mode = std::fs::metadata(&path)
        .expect("written")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("default_profile = \"prod\""), "{text}");
    assert!(text.contains("api_key = \"env:PROD_ES_KEY\""), "{text}");
    assert!(text.contains("url = \"https://es.example:9243\""), "{text}");
    assert!(text.contains("ca_cert = \"/etc/es/http_ca.crt\""), "{text}");
    run(infer().args(["config", "init"]).env("INFER_CONFIG", &path))
        .expect(2)
        .stderr_has("asks its questions on a terminal");
}

#[test]
fn a_flag_replaces_the_profiles_way_to_trust_the_server() {
    let (_d, path) = config_file(
        "default_profile = \"p\"\n[profiles.p]\nca_cert = \"/etc/es/ca.crt\"\ninsecure = false\n",
        0o600,
    );
    let shown = show(&path, &[], &["--insecure"]);
    assert_eq!(
        from(&shown, "insecure"),
        ("true".into(), "--insecure".into())
    );
    assert!(!shown.to_string().contains("ca.crt"), "{shown}");
    let (_e, both) = config_file(
        "default_profile = \"p\"\n[profiles.p]\napi_key = \"env:A\"\nusername = \"u\"\n",
        0o600,
    );
    run(infer().env("INFER_CONFIG", &both).args(["config", "show"]))
        .expect(2)
        .stderr_has("profile 'p' gives both api_key and username, but only one kind of credential can be used: remove one");
}

#[test]
fn config_init_keeps_what_it_does_not_ask_about() {
    let (_dir, path) = config_file(
        "# my notes\ndefault_profile = \"prod\"\n[profiles.prod]\nurl = \"https://old:9200\"\ntimeout = \"90s\"\napi_key = \"env:OLD\"\n[profiles.other]\nurl = \"http://o:9200\"\n",
        0o600,
    );
    let line = format!("{} --profile prod config init", env!("CARGO_BIN_EXE_infer"));
    // The name is --profile's, not asked; Enter keeps each default: the
    // URL, api_key, env, then a new variable, and no CA file.
    let tty = shell_on_terminal(
        &line,
        &[("INFER_CONFIG", &path.to_string_lossy())],
        &[at("Elasticsearch URL", "\n\n\nNEW_KEY\n\n")],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(
        tty.screen
            .contains("has comments, and rewriting it drops them"),
        "{}",
        tty.screen
    );
    assert!(
        !tty.screen.contains("Make 'prod' the default"),
        "{}",
        tty.screen
    );
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("url = \"https://old:9200\""), "{text}");
    assert!(text.contains("timeout = \"90s\""), "{text}");
    assert!(text.contains("api_key = \"env:NEW_KEY\""), "{text}");
    assert!(text.contains("[profiles.other]"), "{text}");
}

#[test]
fn a_broken_config_file_never_quotes_its_lines() {
    let (_d, path) = config_file("[profiles.p]\napi_key = \"sk-leak-1\n", 0o600);
    run(infer().env("INFER_CONFIG", &path).args(["get", "rr"]))
        .expect(2)
        .stderr_has(&format!(
            "invalid config file {} at line 2, column 21",
            arg(&path)
        ))
        .never_shows("sk-leak-1");
}

#[test]
fn a_profile_secret_file_is_read_within_the_limit() {
    let (_d, path) = config_file(
        "default_profile = \"p\"\n[profiles.p]\nurl = \"http://127.0.0.1:9\"\nbearer_token = \"file:/dev/zero\"\n",
        0o600,
    );
    run(infer().env("INFER_CONFIG", &path).args(["list"]))
        .expect(2)
        .stderr_has(
            "refers to file /dev/zero, which cannot be read: it is a device, not a regular file",
        );
    let (_k, big) = file("key", vec![b'k'; (1 << 20) + 1]);
    let (_d, path) = config_file(
        &format!(
            "default_profile = \"p\"\n[profiles.p]\nurl = \"http://127.0.0.1:9\"\nbearer_token = \"file:{}\"\n",
            arg(&big)
        ),
        0o600,
    );
    run(infer().env("INFER_CONFIG", &path).args(["list"]))
        .expect(2)
        .stderr_has(&format!(
            "refers to file {}, which cannot be read: larger than the limit of 1 MiB",
            arg(&big)
        ));
}

#[test]
fn a_profile_file_secret_anyone_can_read_is_warned_about() {
    let es = fake_with_emb();
    let (_k, key) = file("key", "abc:def\n");
    chmod(&key, 0o644);
    let (_d, path) = config_file(
        &format!(
            "default_profile = \"p\"\n[profiles.p]\nurl = \"{}\"\napi_key = \"file:{}\"\n",
            es.url(),
            key.display()
        ),
        0o600,
    );
    run(infer().env("INFER_CONFIG", &path).args(["list"]))
        .expect(0)
        .stderr_has(&format!("{} can be read by anyone", key.display()))
        .stderr_has("chmod 600");
    chmod(&key, 0o600);
    let out = run(infer().env("INFER_CONFIG", &path).args(["list"])).expect(0);
    assert!(!out.stderr.contains("can be read"), "{}", out.stderr);
}
