//! `infer diff`: two clusters (two fakes, one profile each) compared; and
//! the targets of the commands that take several (`--profile` repeated,
//! `--all-profiles`), refused by the others.

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::{Run, config_file, infer, run};
use serde_json::{Value, json};

const STAGING_KEY: &str = "staging-key-4411";
const PROD_KEY: &str = "prod-key-8822";

/// A current fake that answers only `key`.
fn cluster(key: &str, endpoints: &[Value]) -> FakeEs {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some(format!("ApiKey {key}")),
        ..Behavior::current()
    });
    endpoints.iter().for_each(|e| es.insert(e.clone()));
    es
}

/// A config file with the profiles `staging` and `prod` at these URLs.
fn profiles(staging: &str, prod: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    config_file(
        &format!(
            "[profiles.staging]\nurl = \"{staging}\"\napi_key = \"env:STAGING_KEY\"\n\n\
             [profiles.prod]\nurl = \"{prod}\"\napi_key = \"env:PROD_KEY\"\n"
        ),
        0o600,
    )
}

/// `infer ARGS` with the config file at `path` and both profiles' keys.
fn infer_with(path: &std::path::Path, args: &[&str]) -> Run {
    run(infer()
        .env("INFER_CONFIG", path)
        .env("STAGING_KEY", STAGING_KEY)
        .env("PROD_KEY", PROD_KEY)
        .args(args))
}

fn diff(path: &std::path::Path, more: &[&str]) -> Run {
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
                 "staging": 3000, "prod": 500},
                {"path": "task_settings.user", "staging": "alice", "prod": "bob"}]}],
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
    diff(&path, &["same", "nowhere", "no*"])
        .expect(0)
        .stderr_has("warning: neither cluster has an endpoint 'nowhere'");
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
        .stderr_has("profile 'prod' (http://127.0.0.1:9/)");
}

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
        .stderr_has("--all-profiles gives 3 (a, b, c)");
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

#[test]
fn with_files_compares_what_each_cluster_would_become() {
    let mut moved = openai_embedding("emb");
    moved["task_settings"]["user"] = json!("bob");
    let staging = cluster(STAGING_KEY, &[openai_embedding("emb"), elser("left")]);
    let prod = cluster(PROD_KEY, &[moved]);
    let (_d, path) = profiles(&staging.url(), &prod.url());
    diff(&path, &[]).expect(10);
    // The file sets emb on both, and adds new to both; left stays only in staging.
    let (_f, file) = crate::harness::file(
        "endpoints.yaml",
        "- inference_id: emb\n  task_type: text_embedding\n  service: openai\n  service_settings:\n    \
         model_id: text-embedding-3-small\n    api_key: env:OPENAI_KEY\n  task_settings: {user: search}\n\
         - inference_id: new\n  task_type: sparse_embedding\n  service: elasticsearch\n  \
         service_settings: {num_allocations: 1, num_threads: 1, model_id: .elser_model_2}\n",
    );
    let out = diff(&path, &["-f", &crate::harness::arg(&file)]).expect(10);
    assert_eq!(
        out.json(),
        json!({"profiles": ["staging", "prod"], "only_in": {"staging": ["left"], "prod": []},
            "differ": [], "alike": 2})
    );
    assert!(staging.writes().is_empty() && prod.writes().is_empty());
    // A file that is not valid is refused before either cluster is read.
    let (_g, bad) = crate::harness::file("bad.yaml", "- inference_id: x\n");
    staging.clear_requests();
    diff(&path, &["-f", &crate::harness::arg(&bad)]).expect(2);
    assert!(staging.requests().is_empty());
}

#[test]
fn plan_apply_and_rotate_refuse_several_until_they_read_them() {
    let (_d, path) = profiles("http://127.0.0.1:9", "http://127.0.0.2:9");
    let two = ["--profile", "staging", "--profile", "prod"];
    for command in [
        &["plan", "-f", "x.yaml"][..],
        &["apply", "-f", "x.yaml"],
        &["rotate", "--secret-env", "api_key=STAGING_KEY"],
    ] {
        let args: Vec<&str> = command.iter().chain(&two).copied().collect();
        infer_with(&path, &args)
            .expect(2)
            .stderr_has("on several clusters is not available in this build");
    }
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

#[test]
fn with_files_each_cluster_gets_its_profiles_values() {
    let clusters = crate::harness::overlays::staging_and_prod();
    let (_f, file) = crate::harness::file("endpoints.yaml", crate::harness::overlays::OVERLAID);
    let out = run(infer()
        .env("INFER_CONFIG", &clusters.config)
        .args(["diff", "--profile", "staging", "--profile", "prod", "-f"])
        .arg(&file))
    .expect(10);
    assert_eq!(
        out.json(),
        json!({"profiles": ["staging", "prod"],
            "only_in": {"staging": ["staging-only"], "prod": []},
            "differ": [
                {"inference_id": "my-elser", "fields": [
                    {"path": "service_settings.adaptive_allocations", "prod":
                        {"enabled": true, "min_number_of_allocations": 2, "max_number_of_allocations": 8}},
                    {"path": "service_settings.num_allocations", "staging": 1}]},
                {"inference_id": "openai-embeddings", "fields": [
                    {"path": "service_settings.rate_limit.requests_per_minute",
                     "staging": 500, "prod": 3000}]}],
            "alike": 0})
    );
    // A profile the files name and the config does not know: refused before either is read.
    let unknown = crate::harness::overlays::OVERLAID.replace("prod:", "qa:");
    let (_g, bad) = crate::harness::file("bad.yaml", unknown);
    clusters.staging.clear_requests();
    clusters.prod.clear_requests();
    run(infer()
        .env("INFER_CONFIG", &clusters.config)
        .args(["diff", "--profile", "staging", "--profile", "prod", "-f"])
        .arg(&bad))
    .expect(2)
    .stderr_has("qa");
    assert!(clusters.staging.requests().is_empty() && clusters.prod.requests().is_empty());
}
