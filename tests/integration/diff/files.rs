//! `diff -f`: what each cluster would become once the files are applied,
//! each with its own profile's values.

use super::{PROD_KEY, STAGING_KEY, cluster, diff, profiles};
use crate::fake_es::{elser, openai_embedding};
use crate::harness::{infer, run};
use serde_json::json;

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
                    {"path": "service_settings.adaptive_allocations", "values": {"prod":
                        {"enabled": true, "min_number_of_allocations": 2, "max_number_of_allocations": 8}}},
                    {"path": "service_settings.num_allocations", "values": {"staging": 1}}]},
                {"inference_id": "openai-embeddings", "fields": [
                    {"path": "service_settings.rate_limit.requests_per_minute",
                     "values": {"staging": 500, "prod": 3000}}]}],
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

/// An apply updates only what the file names: what each cluster would
/// become keeps the settings the file leaves out, so they still differ.
#[test]
fn with_files_the_settings_a_file_leaves_out_stay_as_each_cluster_has_them() {
    let mut c = openai_embedding("emb");
    c["service_settings"]["dimensions"] = json!(256);
    c["task_settings"]["user"] = json!("base");
    let mut d = c.clone();
    d["service_settings"]["dimensions"] = json!(512);
    d["task_settings"]["user"] = json!("dd");
    let staging = cluster(STAGING_KEY, &[c]);
    let prod = cluster(PROD_KEY, &[d]);
    let (_d, path) = profiles(&staging.url(), &prod.url());
    let (_f, file) = crate::harness::file(
        "endpoints.yaml",
        "- inference_id: emb\n  task_type: text_embedding\n  service: openai\n  service_settings:\n    \
         model_id: text-embedding-3-large\n    api_key: env:OPENAI_KEY\n",
    );
    let out = diff(&path, &["-f", &crate::harness::arg(&file)]).expect(10);
    assert_eq!(
        out.json()["differ"],
        json!([{"inference_id": "emb", "fields": [
            {"path": "service_settings.dimensions", "values": {"staging": 256, "prod": 512}},
            {"path": "task_settings.user", "values": {"staging": "base", "prod": "dd"}}]}])
    );
    // A file endpoint of another service is a replace apply skips without
    // --allow-replace: each cluster stays as it is.
    let (_g, other) = crate::harness::file(
        "endpoints.yaml",
        "- inference_id: emb\n  task_type: sparse_embedding\n  service: elasticsearch\n  \
         service_settings: {num_allocations: 1, num_threads: 1, model_id: .elser_model_2}\n",
    );
    let out = diff(&path, &["-f", &crate::harness::arg(&other)]).expect(10);
    assert_eq!(
        out.json()["differ"][0]["fields"].as_array().unwrap().len(),
        2
    );
}
