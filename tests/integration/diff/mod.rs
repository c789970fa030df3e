//! `infer diff`: two clusters (two fakes, one profile each) compared
//! (here), with files of endpoints (`files.rs`); and the targets of the
//! commands that take several, `--profile` repeated and `--all-profiles`,
//! refused by the others (`targets.rs`).

mod files;
mod targets;

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::{Run, config_file, infer, run};
use serde_json::{Value, json};

pub(super) const STAGING_KEY: &str = "staging-key-4411";
pub(super) const PROD_KEY: &str = "prod-key-8822";

/// A current fake that answers only `key`.
pub(super) fn cluster(key: &str, endpoints: &[Value]) -> FakeEs {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some(format!("ApiKey {key}")),
        ..Behavior::current()
    });
    endpoints.iter().for_each(|e| es.insert(e.clone()));
    es
}

/// A config file with the profiles `staging` and `prod` at these URLs.
pub(super) fn profiles(staging: &str, prod: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    config_file(
        &format!(
            "[profiles.staging]\nurl = \"{staging}\"\napi_key = \"env:STAGING_KEY\"\n\n\
             [profiles.prod]\nurl = \"{prod}\"\napi_key = \"env:PROD_KEY\"\n"
        ),
        0o600,
    )
}

/// `infer ARGS` with the config file at `path` and both profiles' keys.
pub(super) fn infer_with(path: &std::path::Path, args: &[&str]) -> Run {
    run(infer()
        .env("INFER_CONFIG", path)
        .env("STAGING_KEY", STAGING_KEY)
        .env("PROD_KEY", PROD_KEY)
        .args(args))
}

pub(super) fn diff(path: &std::path::Path, more: &[&str]) -> Run {
    let mut args = vec!["diff", "--profile", "staging", "--profile", "prod"];
    args.extend_from_slice(more);
    infer_with(path, &args)
}

#[test]
fn alike_clusters_exit_0() {
    let endpoints = [openai_embedding("emb"), elser("sparse")];
    let (staging, prod) = (
        cluster(STAGING_KEY, &endpoints),
        cluster(PROD_KEY, &endpoints),
    );
    let (_d, path) = profiles(&staging.url(), &prod.url());
    let out = diff(&path, &[]).expect(0).stderr_has(
        "staging and prod alike: 0 only in staging, 0 only in prod, 0 different, 2 alike.",
    );
    assert_eq!(
        out.json(),
        json!({"profiles": ["staging", "prod"], "only_in": {"staging": [], "prod": []},
            "differ": [], "alike": 2})
    );
}

#[test]
fn drifted_and_one_sided_clusters_field_by_field_exit_10() {
    let mut moved = openai_embedding("emb");
    moved["task_settings"]["user"] = json!("bob");
    moved["service_settings"]["rate_limit"] = json!({"requests_per_minute": 500});
    let staging = cluster(
        STAGING_KEY,
        &[
            openai_embedding("emb"),
            elser("sparse"),
            cohere_rerank("rr"),
        ],
    );
    let prod = cluster(PROD_KEY, &[moved, elser("sparse"), elser("prod-only")]);
    let (_d, path) = profiles(&staging.url(), &prod.url());
    let out = diff(&path, &["--json"]).expect(10);
    assert_eq!(
        out.json(),
        json!({"profiles": ["staging", "prod"],
            "only_in": {"staging": ["rr"], "prod": ["prod-only"]},
            "differ": [{"inference_id": "emb", "fields": [
                {"path": "service_settings.rate_limit.requests_per_minute",
                 "values": {"staging": 3000, "prod": 500}},
                {"path": "task_settings.user", "values": {"staging": "alice", "prod": "bob"}}]}],
            "alike": 1})
    );
    // The table, grouped.
    let table = diff(&path, &["-o", "table"]).expect(10);
    let expected = "Only in staging (1):\n  + rr\nOnly in prod (1):\n  - prod-only\nDifferent (1):\n  \
                    ~ emb\n      service_settings.rate_limit.requests_per_minute\n        \
                    staging: 3000\n        prod: 500\n      task_settings.user\n        \
                    staging: \"alice\"\n        prod: \"bob\"\n";
    assert_eq!(table.stdout, expected);
    table.stderr_has(
        "staging and prod differ: 1 only in staging, 1 only in prod, 1 different, 1 alike.",
    );
    // Nothing was written to either.
    assert!(staging.writes().is_empty() && prod.writes().is_empty());
}

#[test]
fn ids_and_globs_narrow_the_comparison() {
    let mut moved = openai_embedding("search-emb");
    moved["task_settings"]["user"] = json!("bob");
    let staging = cluster(
        STAGING_KEY,
        &[
            openai_embedding("search-emb"),
            elser("other"),
            elser("same"),
        ],
    );
    let prod = cluster(PROD_KEY, &[moved, elser("same")]);
    let (_d, path) = profiles(&staging.url(), &prod.url());
    diff(&path, &["same"]).expect(0).stderr_has("1 alike.");
    // An id neither cluster has, a glob that matches nothing: refused as
    // rotate refuses them.
    diff(&path, &["same", "nowhere"])
        .expect(3)
        .stderr_has("no endpoint matches 'nowhere' in either cluster");
    diff(&path, &["same", "no*"])
        .expect(3)
        .stderr_has("no endpoint matches 'no*' in either cluster");
    // An empty id is a usage error, before either cluster is read.
    staging.clear_requests();
    diff(&path, &["same", ""]).expect(2);
    assert!(staging.requests().is_empty());
    let out = diff(&path, &["search-*", "s?me"]).expect(10);
    assert_eq!(out.json()["differ"][0]["inference_id"], "search-emb");
    assert_eq!(out.json()["only_in"]["staging"], json!([]));
    assert_eq!(out.json()["alike"], 1);
}

#[test]
fn a_secret_in_an_answer_is_never_shown_nor_drift() {
    let staging = cluster(STAGING_KEY, &[]);
    let prod = cluster(PROD_KEY, &[openai_embedding("emb")]);
    // A proxy before staging returns the endpoint with its key.
    let leaked = "sk-proxy-leaked-5537-abcdef";
    let mut held = openai_embedding("emb");
    held["service_settings"]["api_key"] = json!(leaked);
    staging.respond_next(
        200,
        "application/json",
        &json!({"endpoints": [held]}).to_string(),
    );
    let (_d, path) = profiles(&staging.url(), &prod.url());
    diff(&path, &["-o", "table"])
        .expect(0)
        .never_shows(leaked)
        .stderr_has("1 alike.");
    // Differing beside it: shown, the secret still not.
    held["task_settings"]["user"] = json!("bob");
    staging.respond_next(
        200,
        "application/json",
        &json!({"endpoints": [held]}).to_string(),
    );
    let out = diff(&path, &["--json"]).expect(10).never_shows(leaked);
    assert_eq!(
        out.json()["differ"][0]["fields"].as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn the_live_count_of_an_autoscaling_endpoint_is_not_drift() {
    let adaptive = crate::harness::scenarios::adaptive("auto");
    let live = |count, key: &str| {
        let es = FakeEs::with_behavior(Behavior {
            live_num_allocations: Some(count),
            required_authorization: Some(format!("ApiKey {key}")),
            ..Behavior::current()
        });
        es.insert(adaptive.clone());
        es
    };
    let (staging, prod) = (live(1, STAGING_KEY), live(3, PROD_KEY));
    let (_d, path) = profiles(&staging.url(), &prod.url());
    diff(&path, &[]).expect(0).stderr_has("1 alike.");
    // -v says where each connection comes from.
    diff(&path, &["-v"])
        .expect(0)
        .stderr_has("staging: connection: profile 'staging'")
        .stderr_has("prod: connection: profile 'prod'");
}

#[test]
fn a_cluster_down_is_named_by_its_profile() {
    let staging = cluster(STAGING_KEY, &[elser("sparse")]);
    let (_d, path) = profiles(&staging.url(), "http://127.0.0.1:9");
    diff(&path, &["--retries=0"])
        .expect(6)
        .stderr_has("infer: error: prod (http://127.0.0.1:9/): cannot reach");
}

#[test]
fn on_a_terminal_the_table_is_the_default() {
    let mut moved = elser("sparse");
    moved["service_settings"]["num_allocations"] = json!(2);
    let staging = cluster(STAGING_KEY, &[elser("sparse")]);
    let prod = cluster(PROD_KEY, &[moved]);
    let (_d, path) = profiles(&staging.url(), &prod.url());
    let config = path.to_string_lossy();
    let env = [
        ("INFER_CONFIG", config.as_ref()),
        ("STAGING_KEY", STAGING_KEY),
        ("PROD_KEY", PROD_KEY),
        ("NO_COLOR", "1"),
    ];
    let tty =
        crate::harness::terminal::on_terminal("diff --profile staging --profile prod", &env, &[]);
    assert_eq!(tty.code, 10, "{}", tty.screen);
    // The pty ends lines with CR LF.
    let screen = tty.screen.replace("\r\n", "\n");
    let table = "Different (1):\n  ~ sparse\n      service_settings.num_allocations\n        \
                 staging: 1\n        prod: 2\n";
    assert!(screen.contains(table), "{screen}");
    assert!(
        screen.contains("staging and prod differ: 0 only in staging"),
        "{screen}"
    );
}

/// A service nothing describes has every `service_settings` value masked
/// by every command: diff neither shows nor compares them, and still
/// reports what differs elsewhere.
#[test]
fn values_other_commands_mask_are_neither_shown_nor_compared() {
    let weird = |model: &str, dims: u64, user: &str| {
        json!({"inference_id": "w", "task_type": "text_embedding", "service": "weirdnewservice",
            "service_settings": {"model_id": model, "dims": dims},
            "task_settings": {"user": user}})
    };
    let staging = cluster(STAGING_KEY, &[weird("weird-model-alpha", 256, "ann")]);
    let prod = cluster(PROD_KEY, &[weird("weird-model-omega", 512, "bob")]);
    let (_d, path) = profiles(&staging.url(), &prod.url());
    let out = diff(&path, &[]).expect(10);
    assert_eq!(
        out.json()["differ"],
        json!([{"inference_id": "w", "fields": [
            {"path": "task_settings.user", "values": {"staging": "ann", "prod": "bob"}}]}])
    );
    for table in [false, true] {
        let out = if table {
            diff(&path, &["-o", "table"])
        } else {
            diff(&path, &[])
        };
        let all = format!("{}{}", out.stdout, out.stderr);
        for clear in ["weird-model", "256", "512"] {
            assert!(!all.contains(clear), "{clear} shown: {all}");
        }
    }
    // Only masked values differ: alike.
    let staging = cluster(STAGING_KEY, &[weird("weird-model-alpha", 256, "ann")]);
    let prod = cluster(PROD_KEY, &[weird("weird-model-omega", 512, "ann")]);
    let (_d, path) = profiles(&staging.url(), &prod.url());
    diff(&path, &[]).expect(0);
}
