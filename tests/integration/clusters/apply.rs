//! `apply` on several clusters: each cluster ends up holding its own profile's values, the report
//! has a section per cluster, and a second run has nothing to do.

use super::{codes, ids, statuses};
use crate::fake_es::FakeEs;
use crate::harness::three::{
    COHERE_KEY, OPENAI_KEY, PROD_OPENAI_KEY, by_id, section, sections, three,
};
use serde_json::{Value, json};

fn settings(es: &FakeEs, id: &str) -> Value {
    es.endpoint(id).unwrap_or_else(|| panic!("{id} not held"))["service_settings"].clone()
}

#[test]
fn three_clusters_applied_in_one_run_each_hold_their_own_values() {
    let t = three();
    let f = t.f();
    let out = t
        .on(&["staging", "prod", "dev"], &["apply", "-f", &f, "--yes"])
        .expect(0)
        .stderr_has("infer: staging: Plan: 3 to create")
        .stderr_has("infer: staging: 3 verified, 0 done, 0 not verified, 0 failed")
        .stderr_has("infer: prod: 3 verified, 0 done, 0 not verified, 0 failed")
        .stderr_has("infer: dev: 3 verified, 0 done, 0 not verified, 0 failed")
        .never_shows(OPENAI_KEY)
        .never_shows(PROD_OPENAI_KEY)
        .never_shows(COHERE_KEY);
    let report = out.json();
    assert_eq!(
        sections(&report),
        codes(&[("staging", 0), ("prod", 0), ("dev", 0)])
    );
    for profile in ["staging", "prod", "dev"] {
        let outcomes = by_id(section(&report, profile));
        assert!(
            statuses(&outcomes).values().all(|s| *s == "verified"),
            "{profile}: {outcomes:?}"
        );
    }
    assert_eq!(
        ids(&by_id(section(&report, "dev"))),
        ["dev-rerank", "my-elser", "shared-rerank"]
    );
    // Allocations: two in staging, one in dev, adaptive and no count in prod.
    assert_eq!(settings(&t.staging, "my-elser")["num_allocations"], 2);
    assert_eq!(settings(&t.dev, "my-elser")["num_allocations"], 1);
    assert_eq!(
        settings(&t.prod, "my-elser")["adaptive_allocations"],
        json!({"enabled": true, "min_number_of_allocations": 2, "max_number_of_allocations": 8})
    );
    // prod was never sent a count of allocations: the overlay's null removed it.
    let counts: Vec<String> = t.prod.writes().iter().map(|w| w.body.clone()).collect();
    assert_eq!(counts.len(), 3);
    assert!(
        counts.iter().all(|b| !b.contains("num_allocations")),
        "{counts:?}"
    );
    // Each its own provider key and rate limit; each endpoint where its profiles say.
    assert_eq!(
        t.staging.secrets("openai-embeddings")["api_key"],
        OPENAI_KEY
    );
    assert_eq!(
        t.prod.secrets("openai-embeddings")["api_key"],
        PROD_OPENAI_KEY
    );
    assert_eq!(
        settings(&t.prod, "openai-embeddings")["rate_limit"]["requests_per_minute"],
        3000
    );
    assert_eq!(
        settings(&t.staging, "openai-embeddings")["rate_limit"]["requests_per_minute"],
        500
    );
    assert!(t.dev.endpoint("openai-embeddings").is_none());
    assert_eq!(t.dev.secrets("dev-rerank")["api_key"], COHERE_KEY);
    assert!(t.staging.endpoint("dev-rerank").is_none() && t.prod.endpoint("dev-rerank").is_none());
    for (_, es, _) in t.each() {
        assert_eq!(es.secrets("shared-rerank")["api_key"], COHERE_KEY);
    }
    t.each_its_own_key();
    // In sync afterwards: plan says 0, and apply again writes nothing.
    let out = t.run(&["plan", "-f", &f, "--all-profiles"]).expect(0);
    assert_eq!(
        sections(&out.json()),
        codes(&[("dev", 0), ("prod", 0), ("staging", 0)])
    );
    let before: Vec<usize> = t
        .each()
        .iter()
        .map(|(_, es, _)| es.writes().len())
        .collect();
    t.run(&["apply", "-f", &f, "--all-profiles", "--yes"])
        .expect(0)
        .stderr_has("nothing to do: every cluster has what it should");
    let after: Vec<usize> = t
        .each()
        .iter()
        .map(|(_, es, _)| es.writes().len())
        .collect();
    assert_eq!(before, after, "a run in sync wrote");
}

#[test]
fn all_profiles_applies_every_cluster_sorted_by_name() {
    let t = three();
    let report = t
        .run(&["apply", "-f", &t.f(), "--all-profiles", "--yes"])
        .expect(0)
        .json();
    assert_eq!(
        sections(&report),
        codes(&[("dev", 0), ("prod", 0), ("staging", 0)])
    );
    assert_eq!(
        section(&report, "staging")["url"],
        json!(t.url_of("staging"))
    );
    for (name, es, _) in t.each() {
        assert_eq!(
            es.endpoint("shared-rerank").map(|e| e["service"].clone()),
            Some(json!("cohere")),
            "{name}"
        );
    }
}

#[test]
fn one_target_keeps_todays_report() {
    let t = three();
    let report = t
        .on(&["dev"], &["apply", "-f", &t.f(), "--yes"])
        .expect(0)
        .stderr_has("infer: 3 verified, 0 done")
        .json();
    assert!(report.is_array(), "{report}");
    assert_eq!(report.as_array().unwrap().len(), 3);
    assert!(t.staging.requests().is_empty() && t.prod.requests().is_empty());
    assert_eq!(t.dev.secrets("dev-rerank")["api_key"], COHERE_KEY);
}

#[test]
fn without_a_terminal_or_yes_nothing_is_written_anywhere() {
    let t = three();
    let out = t
        .run(&["apply", "-f", &t.f(), "--all-profiles"])
        .expect(3)
        .stderr_has("infer apply asks before it writes, and there is no terminal to ask on: pass --yes; nothing was written");
    assert_eq!(out.stdout, "");
    t.nothing_written();
}

/// `-q` leaves out each cluster's plan and counts, as on one cluster (an error stays: failures.rs).
#[test]
fn quiet_says_only_what_went_wrong() {
    let t = three();
    let out = t
        .run(&["apply", "-f", &t.f(), "--all-profiles", "--yes", "-q"])
        .expect(0);
    assert!(!out.stderr.contains("Plan:"), "{}", out.stderr);
    assert!(!out.stderr.contains("verified"), "{}", out.stderr);
    assert!(out.json()["clusters"].is_array());
}
