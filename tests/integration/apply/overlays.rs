//! Per-environment values applied: each cluster gets the values of its profile, the endpoints
//! its profile has, and is in sync afterwards; a saved plan holds the values of its profile.

use crate::fake_es::cohere_rerank;
use crate::harness::fleet::by_id;
use crate::harness::overlays::{COHERE_KEY, OVERLAID, PROD_KEY, STAGING_KEY, staging_and_prod};
use crate::harness::{arg, file, run};
use serde_json::{Value, json};

#[test]
fn each_cluster_gets_its_own_values_and_is_in_sync_afterwards() {
    let clusters = staging_and_prod();
    let (_d, path) = file("endpoints.yaml", OVERLAID);
    for profile in ["staging", "prod"] {
        run(clusters
            .infer(profile)
            .args(["apply", "-f", &arg(&path), "--yes"]))
        .expect(0)
        .never_shows(STAGING_KEY)
        .never_shows(PROD_KEY);
    }
    let (staging, prod) = (&clusters.staging, &clusters.prod);
    let settings = |es: &crate::fake_es::FakeEs, id: &str| {
        es.endpoint(id).unwrap()["service_settings"].clone()
    };
    // A count of allocations in staging; adaptive allocations, and no count, in prod.
    assert_eq!(settings(staging, "my-elser")["num_allocations"], 1);
    assert!(
        settings(staging, "my-elser")
            .get("adaptive_allocations")
            .is_none()
    );
    assert_eq!(
        settings(prod, "my-elser")["adaptive_allocations"],
        json!({"enabled": true, "min_number_of_allocations": 2, "max_number_of_allocations": 8})
    );
    let created = prod
        .writes()
        .into_iter()
        .find(|w| w.path.ends_with("/my-elser"))
        .unwrap()
        .json();
    assert!(
        created["service_settings"].get("num_allocations").is_none(),
        "{created}"
    );
    // Each its own key and rate limit; the staging-only endpoint in staging only.
    assert_eq!(staging.secrets("openai-embeddings")["api_key"], STAGING_KEY);
    assert_eq!(prod.secrets("openai-embeddings")["api_key"], PROD_KEY);
    assert_eq!(
        settings(staging, "openai-embeddings")["rate_limit"]["requests_per_minute"],
        500
    );
    assert_eq!(
        settings(prod, "openai-embeddings")["rate_limit"]["requests_per_minute"],
        3000
    );
    assert_eq!(staging.secrets("staging-only")["api_key"], COHERE_KEY);
    assert!(prod.endpoint("staging-only").is_none());
    // infer's own keys never reach a cluster.
    for write in staging.writes().iter().chain(prod.writes().iter()) {
        let body = &write.body;
        assert!(
            !body.contains("environments") && !body.contains("profiles"),
            "{} {}: {body}",
            write.method,
            write.path
        );
    }
    // No perpetual diff: a second plan is in sync in each cluster, pruning or not.
    for profile in ["staging", "prod"] {
        run(clusters.infer(profile).args(["plan", "-f", &arg(&path)])).expect(0);
        run(clusters
            .infer(profile)
            .args(["plan", "-f", &arg(&path), "--prune"]))
        .expect(0)
        .stderr_has("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete");
    }
}

#[test]
fn prune_deletes_an_endpoint_only_where_its_profiles_leave_it_out() {
    let clusters = staging_and_prod();
    clusters.prod.insert(cohere_rerank("staging-only"));
    clusters.staging.insert(cohere_rerank("staging-only"));
    let (_d, path) = file("endpoints.yaml", OVERLAID);
    // Without --prune, prod keeps it: not in the file there.
    let out = run(clusters
        .infer("prod")
        .args(["apply", "-f", &arg(&path), "--yes"]))
    .expect(0);
    assert_eq!(
        by_id(&out.json())["staging-only"]["status"],
        "no_change",
        "{}",
        out.stdout
    );
    assert!(clusters.prod.endpoint("staging-only").is_some());
    for profile in ["staging", "prod"] {
        run(clusters
            .infer(profile)
            .args(["apply", "-f", &arg(&path), "--prune", "--yes"]))
        .expect(0);
    }
    assert!(
        clusters.prod.endpoint("staging-only").is_none(),
        "pruned in prod"
    );
    assert_eq!(
        clusters.staging.endpoint("staging-only").unwrap()["service"],
        "cohere",
        "kept in staging"
    );
    assert!(
        !clusters
            .staging
            .writes()
            .iter()
            .any(|w| w.method == "DELETE" && w.path.contains("staging-only")),
        "{:?}",
        clusters.staging.writes()
    );
}

#[test]
fn a_saved_plan_holds_the_values_of_its_profile_and_is_applied_as_written() {
    let clusters = staging_and_prod();
    let (dir, path) = file("endpoints.yaml", OVERLAID);
    let saved = dir.path().join("prod-plan.json");
    run(clusters
        .infer("prod")
        .args(["plan", "-f", &arg(&path), "--out", &arg(&saved)]))
    .expect(10);
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        !text.contains("environments") && !text.contains("\"profiles\""),
        "{text}"
    );
    let plan: Value = serde_json::from_str(&text).unwrap();
    let entry = |id: &str| {
        plan["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["inference_id"] == id)
            .cloned()
    };
    let elser = entry("my-elser").unwrap();
    assert!(
        elser["body"]["service_settings"]
            .get("num_allocations")
            .is_none(),
        "{elser}"
    );
    assert_eq!(
        elser["body"]["service_settings"]["adaptive_allocations"]["max_number_of_allocations"],
        8
    );
    assert_eq!(
        entry("openai-embeddings").unwrap()["secrets"],
        json!({"api_key": "env:PROD_OPENAI_API_KEY"})
    );
    assert!(entry("staging-only").is_none());
    // The file may change: the plan is applied as it was written, not read with overlays again.
    std::fs::write(&path, "[]").unwrap();
    run(clusters
        .infer("prod")
        .args(["apply", "--plan", &arg(&saved), "--yes"]))
    .expect(0);
    assert_eq!(
        clusters.prod.endpoint("my-elser").unwrap()["service_settings"]["adaptive_allocations"]["min_number_of_allocations"],
        2
    );
    assert_eq!(
        clusters.prod.secrets("openai-embeddings")["api_key"],
        PROD_KEY
    );
    // It is prod's plan: refused for staging.
    run(clusters
        .infer("staging")
        .args(["apply", "--plan", &arg(&saved), "--yes"]))
    .expect(2);
    assert!(clusters.staging.writes().is_empty());
}

#[test]
fn an_overlay_that_switches_to_adaptive_allocations_updates_with_the_whole_merged_object() {
    let clusters = staging_and_prod();
    for es in [&clusters.staging, &clusters.prod] {
        es.insert(crate::fake_es::elser("my-elser"));
    }
    let (_d, path) = file(
        "endpoints.yaml",
        OVERLAID.split("- inference_id: openai").next().unwrap(),
    );
    // Staging has what its values say; prod gets adaptive allocations in place of its count.
    run(clusters.infer("staging").args(["plan", "-f", &arg(&path)])).expect(0);
    run(clusters
        .infer("prod")
        .args(["apply", "-f", &arg(&path), "--yes"]))
    .expect(0);
    let update = clusters
        .prod
        .writes()
        .into_iter()
        .find(|w| w.path.ends_with("/my-elser/_update"))
        .unwrap()
        .json();
    assert_eq!(
        update["service_settings"]["adaptive_allocations"],
        json!({"enabled": true, "min_number_of_allocations": 2, "max_number_of_allocations": 8}),
        "{update}"
    );
    let held = clusters.prod.endpoint("my-elser").unwrap();
    assert_eq!(
        held["service_settings"]["adaptive_allocations"]["enabled"],
        true
    );
    assert!(clusters.staging.writes().is_empty());
    run(clusters.infer("prod").args(["plan", "-f", &arg(&path)])).expect(0);
}

#[test]
fn the_default_profile_s_values_are_not_applied_to_a_cluster_es_url_names() {
    // The default profile `c` is on one fake; ES_URL names another: the connection is not the
    // profile's, so neither are its values, its secret references or its endpoints.
    let (c, other) = (
        crate::fake_es::FakeEs::with_behavior(crate::fake_es::Behavior::current()),
        crate::fake_es::FakeEs::with_behavior(crate::fake_es::Behavior::current()),
    );
    let (_cd, config) = crate::harness::config_file(
        &format!(
            "default_profile = \"c\"\n[profiles.c]\nurl = \"{}\"\n",
            c.url()
        ),
        0o600,
    );
    let (_d, path) = file(
        "leak.yaml",
        r#"
- inference_id: shared
  task_type: rerank
  service: cohere
  service_settings: {model_id: rerank-english-v3.0, api_key: env:BASE_KEY}
  environments:
    c:
      service_settings: {api_key: env:C_KEY, model_id: rerank-c}
- inference_id: c-only
  task_type: rerank
  service: cohere
  service_settings: {model_id: rerank-english-v3.0, api_key: env:BASE_KEY}
  profiles: [c]
"#,
    );
    run(crate::harness::infer()
        .env("INFER_CONFIG", &config)
        .env("ES_URL", other.url())
        .env("BASE_KEY", COHERE_KEY)
        .env_remove("C_KEY")
        .args(["apply", "-f", &arg(&path), "--yes", "-v"]))
    .expect(0)
    .stderr_has("note: no profile is in use");
    assert!(c.writes().is_empty(), "{:?}", c.writes());
    let held = other.endpoint("shared").unwrap();
    assert_eq!(
        held["service_settings"]["model_id"], "rerank-english-v3.0",
        "{held}"
    );
    assert_eq!(other.secrets("shared")["api_key"], COHERE_KEY);
    assert!(other.endpoint("c-only").is_none());
}
