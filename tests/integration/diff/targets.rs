//! The targets of `diff` (and what the other commands say of several):
//! exactly two profiles, each known, named once, at its own URL, each
//! with its own credential and nothing else's.

use super::{PROD_KEY, STAGING_KEY, cluster, diff, infer_with, profiles};
use crate::fake_es::{FakeEs, elser};
use crate::harness::{config_file, infer, run};
use serde_json::json;

#[test]
fn diff_takes_exactly_two_profiles() {
    let (_d, path) = config_file(
        "[profiles.a]\nurl = \"http://127.0.0.1:9\"\n[profiles.b]\nurl = \"http://127.0.0.2:9\"\n\
         [profiles.c]\nurl = \"http://127.0.0.3:9\"\n",
        0o600,
    );
    infer_with(&path, &["diff"])
        .expect(2)
        .stderr_has("infer diff compares two clusters, and no profile was given: give two");
    infer_with(&path, &["diff", "--profile", "a"])
        .expect(2)
        .stderr_has("1 profile was given (a)");
    infer_with(
        &path,
        &["diff", "--profile", "a", "--profile", "b", "--profile", "c"],
    )
    .expect(2)
    .stderr_has("3 profiles were given (a, b, c)");
    infer_with(&path, &["diff", "--all-profiles"])
        .expect(2)
        .stderr_has("--all-profiles names 3 (a, b, c): name two with --profile");
    // Counted before any is resolved: a profile that would not resolve
    // (here, at another's URL) is not what is reported.
    let (_e, clash) = config_file(
        "[profiles.a]\nurl = \"http://127.0.0.1:9\"\n[profiles.b]\nurl = \"http://127.0.0.2:9\"\n\
         [profiles.c]\nurl = \"http://127.0.0.1:9\"\n",
        0o600,
    );
    infer_with(&clash, &["diff", "--all-profiles"])
        .expect(2)
        .stderr_has("--all-profiles names 3 (a, b, c): name two with --profile");
    // INFER_PROFILE is one profile; flags replace it.
    run(infer()
        .env("INFER_CONFIG", &path)
        .env("INFER_PROFILE", "c")
        .args(["diff", "--profile", "a"]))
    .expect(2)
    .stderr_has("1 profile was given (a)");
}

#[test]
fn an_unknown_a_repeated_or_a_shared_url_profile_is_refused() {
    let (_d, path) = profiles("http://127.0.0.1:9", "http://127.0.0.1:9/");
    infer_with(&path, &["diff", "--profile", "staging", "--profile", "qa"])
        .expect(2)
        .stderr_has("--profile qa: ")
        .stderr_has("has no profile 'qa'; it has: prod, staging (`infer config list` lists them)");
    infer_with(&path, &["diff", "--profile", "prod", "--profile", "prod"])
        .expect(2)
        .stderr_has("--profile prod is given twice");
    diff(&path, &[])
        .expect(2)
        .stderr_has("profiles 'staging' and 'prod' both connect to http://127.0.0.1:9/");
    infer_with(&path, &["diff", "--all-profiles", "--profile", "prod"])
        .expect(2)
        .stderr_has("give one or the other");
}

#[test]
fn a_command_that_takes_one_target_refuses_several() {
    let (_d, path) = profiles("http://127.0.0.1:9", "http://127.0.0.2:9");
    for args in [
        &["get", "emb", "--profile", "staging", "--profile", "prod"][..],
        &["--all-profiles", "list"],
        &["config", "show", "--all-profiles"],
    ] {
        infer_with(&path, args)
            .expect(2)
            .stderr_has("works on one cluster, and was given")
            .stderr_has("only infer plan, apply, rotate and diff take several");
    }
    infer_with(
        &path,
        &["list", "--profile", "staging", "--profile", "prod"],
    )
    .expect(2)
    .stderr_has("infer list works on one cluster, and was given --profile 2 times");
}

#[test]
fn all_profiles_with_two_configured_compares_them() {
    let staging = cluster(STAGING_KEY, &[elser("sparse")]);
    let prod = cluster(PROD_KEY, &[elser("sparse"), elser("new")]);
    let (_d, path) = profiles(&staging.url(), &prod.url());
    let out = infer_with(&path, &["diff", "--all-profiles"]).expect(10);
    // Sorted by name: prod first.
    assert_eq!(out.json()["profiles"], json!(["prod", "staging"]));
    assert_eq!(out.json()["only_in"]["prod"], json!(["new"]));
}

#[test]
fn credentials_never_cross_clusters() {
    let endpoints = [elser("sparse")];
    let (staging, prod) = (
        cluster(STAGING_KEY, &endpoints),
        cluster(PROD_KEY, &endpoints),
    );
    let (_d, path) = profiles(&staging.url(), &prod.url());
    let env_key = "env-key-never-sent-6620";
    let elsewhere = cluster(env_key, &endpoints);
    run(infer()
        .env("INFER_CONFIG", &path)
        .env("STAGING_KEY", STAGING_KEY)
        .env("PROD_KEY", PROD_KEY)
        .env("ES_URL", elsewhere.url())
        .env("ES_API_KEY", env_key)
        .args(["diff", "--profile", "staging", "--profile", "prod"]))
    .expect(0);
    for (es, key) in [(&staging, STAGING_KEY), (&prod, PROD_KEY)] {
        let sent: Vec<String> = es
            .requests()
            .iter()
            .filter_map(|r| r.header("authorization").map(str::to_string))
            .collect();
        assert!(!sent.is_empty());
        assert!(
            sent.iter().all(|h| *h == format!("ApiKey {key}")),
            "{sent:?}"
        );
    }
    assert!(elsewhere.requests().is_empty(), "ES_URL was used");
    // A connection flag beside the profiles is refused, as beside one.
    diff(&path, &["--api-key", "x"])
        .expect(2)
        .stderr_has("cannot be used with --profile staging");
    // Named by --all-profiles, the error names that flag.
    infer_with(&path, &["diff", "--all-profiles", "--api-key", "x"])
        .expect(2)
        .stderr_has(
            "--api-key cannot be used with --all-profiles (profile prod): a profile named is \
             used whole",
        )
        .stderr_has("drop --all-profiles");
}

#[test]
fn a_profile_without_a_credential_connects_without_one() {
    let prod = cluster(PROD_KEY, &[elser("sparse")]);
    // staging holds no credential at all, and its cluster asks for none.
    let open = FakeEs::start();
    open.insert(elser("sparse"));
    let (open_url, prod_url) = (open.url(), prod.url());
    let text = format!(
        "[profiles.staging]\nurl = \"{open_url}\"\n\n[profiles.prod]\nurl = \"{prod_url}\"\n\
         api_key = \"env:PROD_KEY\"\n"
    );
    let (_d, path) = config_file(&text, 0o600);
    run(infer()
        .env("INFER_CONFIG", &path)
        .env("PROD_KEY", PROD_KEY)
        .env("ES_API_KEY", "env-key-never-sent-6620")
        .args(["diff", "--profile", "staging", "--profile", "prod"]))
    .expect(0);
    assert!(
        open.requests()
            .iter()
            .all(|r| r.header("authorization").is_none())
    );
}

/// A profile used whole takes no ES_API_KEY nor --api-key: a 401 says to
/// give the profile its credential.
#[test]
fn a_401_for_a_profile_without_a_credential_says_how_to_give_it_one() {
    let staging = cluster(STAGING_KEY, &[elser("sparse")]);
    let prod = cluster(PROD_KEY, &[elser("sparse")]);
    let text = format!(
        "[profiles.staging]\nurl = \"{}\"\n\n[profiles.prod]\nurl = \"{}\"\n\
         api_key = \"env:PROD_KEY\"\n",
        staging.url(),
        prod.url()
    );
    let (_d, path) = config_file(&text, 0o600);
    let out = infer_with(
        &path,
        &["diff", "--profile", "staging", "--profile", "prod"],
    );
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("infer config init --profile staging --api-key-env VAR"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("ES_API_KEY or --api-key"),
        "{}",
        out.stderr
    );
}

/// Two profiles whose URLs differ (`127.0.0.1`, `localhost`) and reach one cluster are one
/// target twice: refused once the cluster says who it is (`cluster_uuid`), nothing written.
#[test]
fn one_cluster_under_two_urls_is_refused_before_any_write() {
    let es = cluster(STAGING_KEY, &[elser("sparse")]);
    let port = es.addr().port();
    let (_d, path) = config_file(
        &format!(
            "[profiles.staging]\nurl = \"{}\"\napi_key = \"env:STAGING_KEY\"\n\n\
             [profiles.prod]\nurl = \"http://localhost:{port}\"\napi_key = \"env:STAGING_KEY\"\n",
            es.url()
        ),
        0o600,
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("e.yaml");
    std::fs::write(
        &file,
        "- {inference_id: sparse, task_type: sparse_embedding, service: elasticsearch, \
         service_settings: {model_id: .elser_model_2, num_threads: 2, num_allocations: 1}}\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let before = es.requests().len();
    for command in [&["plan"][..], &["apply", "--yes"]] {
        let args: Vec<&str> = command
            .iter()
            .chain(&["-f", file, "--all-profiles"])
            .copied()
            .collect();
        infer_with(&path, &args).expect(2).stderr_has(&format!(
            "profiles prod (http://localhost:{port}/) and staging ({}/) reach one cluster \
                 (cluster_uuid fake-cluster-{port})",
            es.url()
        ));
    }
    let writes = es.requests()[before..]
        .iter()
        .filter(|r| r.method != "GET")
        .count();
    assert_eq!(writes, 0, "nothing was written");
}
