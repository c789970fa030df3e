//! A connection is one unit: where to connect, how to authenticate and what
//! to trust come from one place (the explicit layer of flags and variables,
//! a profile, start-local, or the defaults); only time limits and retries
//! are taken value by value. A credential never travels to a URL that
//! another place gave.

use serde_json::Value;
use std::os::unix::fs::PermissionsExt;

use crate::fake_es::{Behavior, FakeEs, cohere_rerank};
use crate::harness::{file, infer, run};

const STAGING_KEY: &str = "staging-key-4471";
const PROD_KEY: &str = "prod-key-8812";
const STRAY_KEY: &str = "stray-key-3390";

/// A fake that accepts only `authorization` and holds endpoint `rr`.
fn guarded(authorization: &str) -> FakeEs {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some(authorization.into()),
        ..Default::default()
    });
    es.insert(cohere_rerank("rr"));
    es
}

/// A private config file with `text`.
fn config(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = file("config.toml", text);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    (dir, path)
}

/// The authorization headers a fake received.
fn sent(es: &FakeEs) -> Vec<String> {
    es.requests()
        .iter()
        .map(|r| r.header("authorization").unwrap_or("none").to_string())
        .collect()
}

fn show(path: &std::path::Path, envs: &[(&str, &str)], args: &[&str]) -> Value {
    let out = run(infer()
        .env("INFER_CONFIG", path)
        .envs(envs.iter().copied())
        .args(args)
        .args(["config", "show", "--json"]))
    .expect(0)
    .never_shows(STAGING_KEY)
    .never_shows(PROD_KEY)
    .never_shows(STRAY_KEY);
    out.json()
}

/// `(value, from)` of a setting in use.
fn used(shown: &Value, setting: &str) -> Option<(String, String)> {
    find(&shown["settings"], setting)
}

/// `(value, from)` of a setting that was given but not used.
fn ignored(shown: &Value, setting: &str) -> Option<(String, String)> {
    find(&shown["ignored"], setting)
}

fn find(list: &Value, setting: &str) -> Option<(String, String)> {
    list.as_array()?
        .iter()
        .find(|s| s["setting"] == setting)
        .map(|s| {
            (
                s["value"].as_str().unwrap_or_default().to_string(),
                s["from"].as_str().unwrap_or_default().to_string(),
            )
        })
}

/// Two profiles (prod the default) on their own fakes, and a stray fake.
struct World {
    prod: FakeEs,
    staging: FakeEs,
    stray: FakeEs,
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

fn world() -> World {
    let prod = guarded(&format!("ApiKey {PROD_KEY}"));
    let staging = guarded(&format!("ApiKey {STAGING_KEY}"));
    let stray = FakeEs::start();
    stray.insert(cohere_rerank("rr"));
    let (_dir, path) = config(&format!(
        "default_profile = \"prod\"\n\
         [profiles.prod]\nurl = \"{}\"\napi_key = \"env:PROD_KEY\"\nretries = 0\n\
         [profiles.staging]\nurl = \"{}\"\napi_key = \"env:STAGING_KEY\"\nca_fingerprint = \"{}\"\n",
        prod.url(),
        staging.url(),
        "ab".repeat(32)
    ));
    World {
        prod,
        staging,
        stray,
        _dir,
        path,
    }
}

impl World {
    fn infer(&self) -> assert_cmd::Command {
        let mut cmd = infer();
        cmd.env("INFER_CONFIG", &self.path)
            .env("PROD_KEY", PROD_KEY)
            .env("STAGING_KEY", STAGING_KEY);
        cmd
    }

    fn envs(&self) -> [(&'static str, &'static str); 2] {
        [("PROD_KEY", PROD_KEY), ("STAGING_KEY", STAGING_KEY)]
    }
}

#[test]
fn a_named_profile_is_used_whole_and_a_stray_es_url_gets_nothing() {
    let w = world();
    // The staging profile trusts by fingerprint, which the plain-HTTP fake
    // never asks about; its URL and key are what matter here.
    for (name, value) in [("--profile", "staging"), ("INFER_PROFILE", "staging")] {
        let mut cmd = w.infer();
        cmd.env("ES_URL", w.stray.url())
            .env("ES_API_KEY", STRAY_KEY)
            .env("ES_INSECURE", "true");
        if name == "--profile" {
            cmd.args([name, value]);
        } else {
            cmd.env(name, value);
        }
        run(cmd.args(["-v", "get", "rr"]))
            .expect(0)
            .stderr_has("connection: profile 'staging'")
            .stderr_has(
                "not used: url from ES_URL, api_key from ES_API_KEY, insecure from ES_INSECURE",
            )
            .never_shows(STAGING_KEY)
            .never_shows(STRAY_KEY);
    }
    assert!(w.stray.requests().is_empty(), "{:?}", sent(&w.stray));
    assert!(w.prod.requests().is_empty());
    assert!(
        sent(&w.staging)
            .iter()
            .all(|a| *a == format!("ApiKey {STAGING_KEY}"))
    );
    assert!(!w.staging.requests().is_empty());

    let stray = w.stray.url();
    let envs = [
        w.envs()[0],
        w.envs()[1],
        ("ES_URL", stray.as_str()),
        ("ES_API_KEY", STRAY_KEY),
        ("ES_CA_CERT", "/etc/stray/ca.crt"),
    ];
    let shown = show(&w.path, &envs, &["--profile", "staging"]);
    assert_eq!(shown["connection"], "profile 'staging'", "{shown}");
    assert_eq!(
        used(&shown, "url"),
        Some((w.staging.url(), "profile 'staging'".into()))
    );
    assert_eq!(
        used(&shown, "api_key"),
        Some(("env:STAGING_KEY".into(), "profile 'staging'".into()))
    );
    assert_eq!(
        used(&shown, "ca_fingerprint").map(|(_, from)| from),
        Some("profile 'staging'".into())
    );
    assert_eq!(
        ignored(&shown, "url"),
        Some((stray.clone(), "ES_URL".into()))
    );
    assert_eq!(
        ignored(&shown, "api_key"),
        Some(("****".into(), "ES_API_KEY".into()))
    );
    assert_eq!(
        ignored(&shown, "ca_cert"),
        Some(("/etc/stray/ca.crt".into(), "ES_CA_CERT".into()))
    );
}

#[test]
fn a_connection_flag_beside_a_named_profile_is_an_error() {
    let w = world();
    let stray = w.stray.url();
    for (args, flag) in [
        (vec!["--url", stray.as_str()], "--url"),
        (vec!["--api-key", STRAY_KEY], "--api-key"),
        (
            vec!["--username", "bob", "--password", STRAY_KEY],
            "--username",
        ),
        (vec!["--insecure"], "--insecure"),
    ] {
        run(w
            .infer()
            .args(["--profile", "staging"])
            .args(&args)
            .args(["get", "rr"]))
        .expect(2)
        .stderr_has(&format!("{flag} cannot be used with --profile staging"))
        .stderr_has("drop --profile")
        .never_shows(STRAY_KEY);
        run(w
            .infer()
            .env("INFER_PROFILE", "staging")
            .args(&args)
            .args(["get", "rr"]))
        .expect(2)
        .stderr_has(&format!(
            "{flag} cannot be used with INFER_PROFILE (staging)"
        ))
        .stderr_has("unset INFER_PROFILE")
        .never_shows(STRAY_KEY);
    }
    assert!(w.stray.requests().is_empty());
    assert!(w.staging.requests().is_empty());
}

#[test]
fn the_default_profiles_key_never_goes_to_a_stray_es_url() {
    let w = world();
    for (var, url) in [
        ("ES_URL", w.stray.url()),
        ("ELASTICSEARCH_ENDPOINTS", w.stray.url()),
    ] {
        run(w.infer().env(var, &url).args(["get", "rr"]))
            .expect(2)
            .stderr_has(&format!("{var} gives the URL"))
            .stderr_has("profile 'prod' (the default profile) gives the credential")
            .stderr_has("a profile's credential is never sent to a URL given elsewhere")
            .stderr_has("give the credential explicitly too")
            .never_shows(PROD_KEY);
    }
    run(w.infer().args(["--url", &w.stray.url(), "get", "rr"]))
        .expect(2)
        .stderr_has("--url gives the URL")
        .never_shows(PROD_KEY);
    assert!(w.stray.requests().is_empty(), "{:?}", sent(&w.stray));
    assert!(w.prod.requests().is_empty());
}

#[test]
fn an_explicit_credential_never_goes_to_the_default_profiles_url() {
    let w = world();
    for (var, key) in [
        ("ES_API_KEY", "api_key"),
        ("ES_BEARER_TOKEN", "bearer_token"),
    ] {
        run(w.infer().env(var, STRAY_KEY).args(["get", "rr"]))
            .expect(2)
            .stderr_has(&format!("{var} gives a credential"))
            .stderr_has("profile 'prod' (the default profile) gives the URL")
            .stderr_has("a credential given explicitly is never sent to a profile's URL")
            .stderr_has(&format!("{key} = \"env:{var}\""))
            .never_shows(STRAY_KEY);
    }
    assert!(w.prod.requests().is_empty(), "{:?}", sent(&w.prod));
    // The variable named in the profile is the profile's own.
    let es = guarded(&format!("ApiKey {STRAY_KEY}"));
    let (_d, path) = config(&format!(
        "default_profile = \"p\"\n[profiles.p]\nurl = \"{}\"\napi_key = \"env:ES_API_KEY\"\n",
        es.url()
    ));
    run(infer()
        .env("INFER_CONFIG", &path)
        .env("ES_API_KEY", STRAY_KEY)
        .args(["get", "rr"]))
    .expect(0);
    assert_eq!(sent(&es), [format!("ApiKey {STRAY_KEY}")]);
}

#[test]
fn the_explicit_layer_is_used_whole() {
    let w = world();
    let other = guarded(&format!("ApiKey {STRAY_KEY}"));
    // Its URL and its credential, and nothing of the default profile's but
    // its retries.
    run(w
        .infer()
        .env("ES_API_KEY", STRAY_KEY)
        .args(["--url", &other.url(), "get", "rr"]))
    .expect(0);
    assert_eq!(sent(&other), [format!("ApiKey {STRAY_KEY}")]);
    assert!(w.prod.requests().is_empty());
    let url = other.url();
    let envs = [
        w.envs()[0],
        ("ES_API_KEY", STRAY_KEY),
        ("ES_URL", url.as_str()),
    ];
    let (_d, path) = config(&format!(
        "default_profile = \"prod\"\n[profiles.prod]\nurl = \"{}\"\napi_key = \"env:PROD_KEY\"\n\
         ca_cert = \"/etc/prod/ca.crt\"\nretries = 7\n",
        w.prod.url()
    ));
    let shown = show(&path, &envs, &[]);
    assert_eq!(shown["connection"], "flags and variables", "{shown}");
    assert_eq!(used(&shown, "url"), Some((url.clone(), "ES_URL".into())));
    assert_eq!(used(&shown, "ca_cert"), None, "{shown}");
    assert_eq!(
        used(&shown, "retries"),
        Some(("7".into(), "profile 'prod'".into()))
    );
    assert_eq!(
        ignored(&shown, "url"),
        Some((w.prod.url(), "profile 'prod'".into()))
    );
    assert_eq!(
        ignored(&shown, "api_key"),
        Some(("env:PROD_KEY".into(), "profile 'prod'".into()))
    );
    assert_eq!(
        ignored(&shown, "ca_cert"),
        Some(("/etc/prod/ca.crt".into(), "profile 'prod'".into()))
    );
}

#[test]
fn a_stray_trust_variable_never_weakens_the_default_profile() {
    let w = world();
    let shown = show(&w.path, &[w.envs()[0], ("ES_INSECURE", "true")], &[]);
    assert_eq!(shown["connection"], "profile 'prod' (the default profile)");
    assert_eq!(used(&shown, "insecure"), None, "{shown}");
    assert_eq!(
        ignored(&shown, "insecure"),
        Some(("true".into(), "ES_INSECURE".into()))
    );
    // A flag is never ignored: it is an error that says how to use it.
    run(w.infer().args(["--insecure", "get", "rr"]))
        .expect(2)
        .stderr_has("--insecure cannot be used with profile 'prod' (the default profile)")
        .stderr_has("add insecure = true to profile 'prod'");
    assert!(w.prod.requests().is_empty());
}

#[test]
fn an_api_key_alone_still_goes_to_the_url_given_with_it_or_localhost() {
    let es = guarded(&format!("ApiKey {STRAY_KEY}"));
    run(infer()
        .env("ES_API_KEY", STRAY_KEY)
        .args(["check", "--url", &es.url()]))
    .expect(0);
    assert!(
        sent(&es)
            .iter()
            .all(|a| *a == format!("ApiKey {STRAY_KEY}"))
    );
    let (_d, empty) = config("");
    let shown = show(&empty, &[("ES_API_KEY", STRAY_KEY)], &[]);
    assert_eq!(shown["connection"], "flags and variables", "{shown}");
    assert_eq!(
        used(&shown, "url"),
        Some(("http://localhost:9200".into(), "default".into()))
    );
    assert_eq!(
        used(&shown, "api_key"),
        Some(("****".into(), "ES_API_KEY".into()))
    );
}
