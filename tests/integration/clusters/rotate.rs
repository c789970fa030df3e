//! `rotate` across two clusters: the same key to both, or each its own (`PROFILE:NAME=VAR`); an
//! id one cluster has rotates there; one none has, or a shared key bound for two providers, is
//! refused with nothing written; `--dry-run` lists each cluster's.

use super::{codes, ids, statuses};
use crate::fake_es::{FakeEs, cohere_rerank, openai_embedding};
use crate::harness::three::{Three, by_id, section, sections, three};
use crate::harness::{Run, run};
use serde_json::json;

const SHARED: &str = "sk-rotated-shared-4040";
const PROD_OWN: &str = "sk-rotated-prod-own-5050";

/// `emb` with the shared key, and prod's own there.
const OWN_KEYS: [&str; 6] = [
    "emb",
    "--secret-env",
    "api_key=NEW_KEY",
    "--secret-env",
    "prod:api_key=PROD_NEW_KEY",
    "--yes",
];

/// staging and prod each hold `emb` (OpenAI) and `rr` (Cohere); prod also `prod-emb`.
fn two() -> Three {
    let t = three();
    for es in [&t.staging, &t.prod] {
        es.insert(openai_embedding("emb"));
        es.insert(cohere_rerank("rr"));
    }
    t.prod.insert(openai_embedding("prod-emb"));
    t
}

fn rotate(t: &Three, more: &[&str]) -> Run {
    let mut args = vec!["rotate", "--profile", "staging", "--profile", "prod"];
    args.extend_from_slice(more);
    run(t
        .infer()
        .env("NEW_KEY", SHARED)
        .env("PROD_NEW_KEY", PROD_OWN)
        .args(&args))
}

/// Every body `es` received holds none of `secrets`.
fn never_received(es: &FakeEs, secrets: &[&str]) {
    for request in es.requests() {
        for secret in secrets {
            assert!(
                !request.body.contains(secret),
                "{} {} carried {secret}",
                request.method,
                request.path
            );
        }
    }
}

#[test]
fn the_same_key_goes_to_both_clusters() {
    let t = two();
    let out = rotate(&t, &["emb", "--secret-env", "api_key=NEW_KEY", "--yes"])
        .expect(0)
        .never_shows(SHARED);
    let report = out.json();
    assert_eq!(sections(&report), codes(&[("staging", 0), ("prod", 0)]));
    for profile in ["staging", "prod"] {
        assert_eq!(
            statuses(&by_id(section(&report, profile)))["emb"],
            "verified"
        );
        let es = t.fake(profile);
        assert_eq!(es.secrets("emb")["api_key"], SHARED, "{profile}");
        assert_eq!(es.secrets("rr")["api_key"], "co-old", "{profile}");
    }
    assert_eq!(t.prod.secrets("prod-emb")["api_key"], "sk-old");
    assert!(t.dev.requests().is_empty());
    t.each_its_own_key();
}

#[test]
fn a_profiles_own_key_wins_there_and_never_reaches_the_other_cluster() {
    let t = two();
    rotate(&t, &OWN_KEYS)
        .expect(0)
        .never_shows(SHARED)
        .never_shows(PROD_OWN);
    assert_eq!(t.staging.secrets("emb")["api_key"], SHARED);
    assert_eq!(t.prod.secrets("emb")["api_key"], PROD_OWN);
    never_received(&t.staging, &[PROD_OWN]);
    never_received(&t.prod, &[SHARED]);
    // What each received: one update of emb, with its own key.
    for (es, key) in [(&t.staging, SHARED), (&t.prod, PROD_OWN)] {
        let writes = es.writes();
        assert_eq!(writes.len(), 1, "{writes:?}");
        assert!(
            writes[0].path.contains("/emb/_update"),
            "{}",
            writes[0].path
        );
        assert_eq!(writes[0].json()["service_settings"]["api_key"], key);
    }
}

#[test]
fn a_prefix_naming_a_profile_that_is_no_target_is_a_usage_error() {
    let t = two();
    let flags = OWN_KEYS.map(|a| a.replace("prod:", "dev:"));
    rotate(&t, &flags.each_ref().map(String::as_str))
        .expect(2)
        .stderr_has(
            "a secret flag names profile 'dev' (dev:NAME=…), and the clusters of this run are \
             staging, prod",
        );
    t.nothing_sent();
}

#[test]
fn an_id_one_cluster_has_rotates_there_and_one_none_has_is_refused() {
    let t = two();
    let out = rotate(
        &t,
        &["prod-emb", "--secret-env", "api_key=NEW_KEY", "--yes"],
    )
    .expect(0);
    let report = out.json();
    assert_eq!(section(&report, "staging")["report"], json!([]));
    assert_eq!(
        statuses(&by_id(section(&report, "prod")))["prod-emb"],
        "verified"
    );
    assert_eq!(t.prod.secrets("prod-emb")["api_key"], SHARED);
    assert!(t.staging.writes().is_empty());
    assert_eq!(t.prod.writes().len(), 1);
    t.prod.clear_requests();
    rotate(
        &t,
        &["emb", "nope", "--secret-env", "api_key=NEW_KEY", "--yes"],
    )
    .expect(3)
    .stderr_has(
        "nothing was rotated: no endpoint matches 'nope' in any of the clusters (staging, prod)",
    );
    rotate(&t, &["nope-*", "--secret-env", "api_key=NEW_KEY", "--yes"])
        .expect(3)
        .stderr_has("no endpoint matches 'nope-*' in any of the clusters");
    assert!(t.staging.writes().is_empty() && t.prod.writes().is_empty());
    assert_eq!(t.staging.secrets("emb")["api_key"], "sk-old");
}

#[test]
fn a_shared_key_bound_for_two_hosts_across_the_clusters_is_refused() {
    let t = three();
    t.staging.insert(openai_embedding("emb"));
    let mut proxied = openai_embedding("emb");
    proxied["service_settings"]["url"] = json!("https://proxy.example/v1/embeddings");
    t.prod.insert(proxied);
    rotate(&t, &["emb", "--secret-env", "api_key=NEW_KEY", "--yes"])
        .expect(3)
        .stderr_has("the same api_key would go to every one of staging and prod")
        .stderr_has("--secret-env PROFILE:api_key=VAR")
        .stderr_has("proxy.example");
    assert!(t.staging.writes().is_empty() && t.prod.writes().is_empty());
    // prod's own key, under the other spelling of its name: prod does not share the key.
    let spelled = [
        "emb",
        "--secret-env",
        "service_settings.api_key=NEW_KEY",
        "--secret-env",
        "prod:api_key=NEW_KEY",
        "--dry-run",
    ];
    rotate(&t, &spelled).expect(0);
    // Each its own key: allowed.
    rotate(&t, &OWN_KEYS).expect(0);
    assert_eq!(t.prod.secrets("emb")["api_key"], PROD_OWN);
    assert_eq!(t.staging.secrets("emb")["api_key"], SHARED);
}

#[test]
fn a_dry_run_lists_each_clusters_endpoints_and_writes_nothing() {
    let t = two();
    let dry = ["*emb", "--secret-env", "api_key=NEW_KEY", "--dry-run"];
    let out = rotate(&t, &dry)
        .expect(0)
        .stderr_has(
            "infer: staging: rotate emb (openai, the default host): api_key (secret, will change)",
        )
        .stderr_has("infer: prod: rotate prod-emb (openai, the default host)")
        .stderr_has("dry run: nothing was written")
        .never_shows(SHARED);
    let report = out.json();
    assert_eq!(sections(&report), codes(&[("staging", 0), ("prod", 0)]));
    assert_eq!(
        section(&report, "staging")["report"],
        json!([{"inference_id": "emb", "service": "openai", "host": "the default host",
                "secrets": ["api_key"], "conflicts": [], "warnings": []}])
    );
    assert_eq!(ids(&by_id(section(&report, "prod"))), ["emb", "prod-emb"]);
    assert!(t.staging.writes().is_empty() && t.prod.writes().is_empty());
}

#[test]
fn an_endpoint_refused_in_one_cluster_rotates_nothing_anywhere() {
    let t = two();
    t.prod.insert(crate::fake_es::elser("sparse"));
    let both = ["emb", "sparse", "--secret-env", "api_key=NEW_KEY", "--yes"];
    let out = rotate(&t, &both).expect(3).stderr_has(&format!(
        "infer: error: {}: nothing was rotated: 'sparse' uses the elasticsearch \
         service, which does not take api_key",
        t.named("prod")
    ));
    assert_eq!(out.stdout, "", "no report: nothing was rotated");
    assert!(t.staging.writes().is_empty() && t.prod.writes().is_empty());
    assert_eq!(t.staging.secrets("emb")["api_key"], "sk-old");
}

#[test]
fn an_unreachable_cluster_is_reported_and_the_other_is_rotated_unless_fail_fast() {
    let (t, closed) = crate::harness::three::three_prod_closed();
    t.staging.insert(openai_embedding("emb"));
    let key = ["emb", "--secret-env", "api_key=NEW_KEY", "--yes"];
    let report = rotate(&t, &[&key[..], &["--fail-fast"]].concat())
        .expect(1)
        .stderr_has("--fail-fast: a cluster could not be planned, so nothing was written")
        .json();
    assert_eq!(sections(&report), codes(&[("staging", 11), ("prod", 6)]));
    assert!(t.staging.writes().is_empty());
    let report = rotate(&t, &key)
        .expect(1)
        .stderr_has(&format!(
            "infer: error: prod ({closed}/): cannot reach Elasticsearch"
        ))
        .json();
    assert_eq!(sections(&report), codes(&[("staging", 0), ("prod", 6)]));
    assert_eq!(t.staging.secrets("emb")["api_key"], SHARED);
}

#[test]
fn an_unset_variable_is_named_by_its_place_among_all_the_flags() {
    let t = two();
    for flags in [
        ["api_key=NEW_KEY", "prod:api_key=UNSET_VAR"],
        ["prod:api_key=PROD_NEW_KEY", "api_key=UNSET_VAR"],
    ] {
        let args = [
            "emb",
            "--secret-env",
            flags[0],
            "--secret-env",
            flags[1],
            "--yes",
        ];
        rotate(&t, &args)
            .expect(2)
            .stderr_has("infer: error: the 2nd --secret-env: what follows api_key= names no environment variable that is set");
    }
    t.nothing_sent();
}

#[test]
fn a_profiles_own_key_may_come_from_stdin() {
    let t = two();
    let from_stdin = "sk-prod-from-stdin-6161";
    let mut cmd = t.infer();
    cmd.env("NEW_KEY", SHARED)
        .args(["rotate", "emb", "--profile", "staging", "--profile", "prod"])
        .args([
            "--secret-env",
            "api_key=NEW_KEY",
            "--secret-file",
            "prod:api_key=-",
        ])
        .args(["--yes"])
        .write_stdin(format!("{from_stdin}\n"));
    run(&mut cmd).expect(0).never_shows(from_stdin);
    assert_eq!(t.prod.secrets("emb")["api_key"], from_stdin);
    assert_eq!(t.staging.secrets("emb")["api_key"], SHARED);
    never_received(&t.staging, &[from_stdin]);
}

/// When clusters stop the run for different reasons, the most serious says why, whatever
/// the order of the targets: a usage error (a `--probe` that cannot run, in prod) before a
/// refusal (staging's endpoint does not take the key).
#[test]
fn a_usage_error_wins_over_a_refusal_in_an_earlier_cluster() {
    let t = two();
    t.staging.insert(crate::fake_es::elser("shared-id"));
    let mut chat = crate::fake_es::openai_embedding("shared-id");
    chat["task_type"] = json!("chat_completion");
    t.prod.insert(chat);
    rotate(
        &t,
        &[
            "shared-id",
            "--secret-env",
            "prod:api_key=NEW_KEY",
            "--secret-env",
            "staging:api_key=NEW_KEY",
            "--probe",
            "--yes",
        ],
    )
    .expect(2)
    .stderr_has(&format!("infer: error: {}: ", t.named("prod")))
    .stderr_has("chat_completion");
    assert!(t.staging.writes().is_empty() && t.prod.writes().is_empty());
}
