//! Per-environment values (`environments`, `profiles`) in a file of endpoints, planned for the
//! cluster of each profile.

use crate::fake_es::cohere_rerank;
use crate::harness::fleet::by_id;
use crate::harness::overlays::{OVERLAID, PROD_KEY, STAGING_KEY, staging_and_prod};
use crate::harness::{arg, config_file, file, infer, infer_at, run};
use serde_json::{Value, json};

/// The `to` of each change of a planned endpoint, by path.
fn values(item: &Value) -> Value {
    item["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["path"].as_str().unwrap().to_string(), c["to"].clone()))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

#[test]
fn each_profile_plans_its_own_values_and_its_own_endpoints() {
    let clusters = staging_and_prod();
    let (_d, path) = file("endpoints.yaml", OVERLAID);
    let staging = run(clusters.infer("staging").args(["plan", "-f", &arg(&path)]))
        .expect(10)
        .never_shows(STAGING_KEY);
    let staging = by_id(&staging.json());
    assert_eq!(
        values(&staging["my-elser"]),
        json!({"service_settings.model_id": ".elser_model_2", "service_settings.num_threads": 1,
               "service_settings.num_allocations": 1})
    );
    assert_eq!(
        values(&staging["openai-embeddings"])["service_settings.rate_limit.requests_per_minute"],
        500
    );
    assert_eq!(staging["staging-only"]["action"], "create");
    // The prod cluster: adaptive allocations instead of a count, its own rate limit and key
    // (PROD_OPENAI_API_KEY, the staging variable unset), and no staging-only endpoint.
    let prod = run(clusters.infer("prod").args(["plan", "-f", &arg(&path)]))
        .expect(10)
        .stderr_has("Plan: 2 to create, 0 to update, 0 to replace, 0 to delete")
        .never_shows(PROD_KEY);
    let prod = by_id(&prod.json());
    assert_eq!(
        values(&prod["my-elser"]),
        json!({"service_settings.model_id": ".elser_model_2", "service_settings.num_threads": 1,
               "service_settings.adaptive_allocations.enabled": true,
               "service_settings.adaptive_allocations.min_number_of_allocations": 2,
               "service_settings.adaptive_allocations.max_number_of_allocations": 8})
    );
    let openai = &prod["openai-embeddings"];
    assert_eq!(openai["conflicts"], json!([]), "the key is read: {openai}");
    assert_eq!(
        openai["changes"][1],
        json!({"path": "service_settings.rate_limit.requests_per_minute", "to": 3000})
    );
    assert_eq!(
        openai["changes"][2],
        json!({"path": "service_settings.api_key", "secret": true})
    );
    assert!(!prod.contains_key("staging-only"), "{prod:?}");
    // Without the prod variable, the key cannot be read: the staging one is no stand-in.
    let out = run(clusters
        .infer("prod")
        .env_remove("PROD_OPENAI_API_KEY")
        .env("OPENAI_API_KEY", STAGING_KEY)
        .args(["plan", "-f", &arg(&path)]))
    .expect(11)
    .never_shows(STAGING_KEY);
    let conflict = by_id(&out.json())["openai-embeddings"]["conflicts"][0].clone();
    assert!(
        conflict.as_str().unwrap().starts_with(
            "service_settings.api_key: env: names no environment variable that is set"
        ),
        "{conflict}"
    );
    assert!(clusters.staging.writes().is_empty() && clusters.prod.writes().is_empty());
}

#[test]
fn an_endpoint_another_profile_lists_is_not_in_the_file_and_only_prune_deletes_it() {
    let clusters = staging_and_prod();
    clusters.prod.insert(cohere_rerank("staging-only"));
    let (_d, path) = file("endpoints.yaml", OVERLAID);
    let out = run(clusters.infer("prod").args(["plan", "-f", &arg(&path)])).expect(10);
    assert_eq!(by_id(&out.json())["staging-only"]["action"], "not_in_file");
    let out = run(clusters
        .infer("prod")
        .args(["plan", "-f", &arg(&path), "--prune"]))
    .expect(10);
    assert_eq!(by_id(&out.json())["staging-only"]["action"], "delete");
}

#[test]
fn a_profile_no_config_knows_is_refused_before_anything_is_sent() {
    let clusters = staging_and_prod();
    for (text, key, id) in [
        (
            OVERLAID.replace(
                "    prod:\n      service_settings:\n        num_",
                "    prd:\n      service_settings:\n        num_",
            ),
            "environments",
            "my-elser",
        ),
        (
            OVERLAID.replace("profiles: [staging]", "profiles: [stagin]"),
            "profiles",
            "staging-only",
        ),
    ] {
        let (_d, path) = file("endpoints.yaml", text);
        let wrong = if key == "profiles" { "stagin" } else { "prd" };
        for profile in ["staging", "prod"] {
            run(clusters
                .infer(profile)
                .args(["apply", "-f", &arg(&path), "--yes"]))
            .expect(2)
            .stderr_has(&format!("{}, endpoint ", path.display()))
            .stderr_has(&format!(
                "('{id}'): {key} names profile '{wrong}', which no profile of the config \
                     file is (it has: prod, staging): correct the name, or add the profile with \
                     `infer config init --profile {wrong} …`; nothing was sent"
            ));
        }
    }
    assert!(clusters.staging.requests().is_empty() && clusters.prod.requests().is_empty());
}

#[test]
fn an_inline_secret_in_an_overlay_is_refused_as_one_in_the_base_is() {
    let clusters = staging_and_prod();
    let (_d, path) = file(
        "endpoints.yaml",
        OVERLAID.replace(
            "api_key: env:PROD_OPENAI_API_KEY",
            "api_key: sk-INLINE-PROD-5521",
        ),
    );
    // Refused whichever cluster is planned: the file is meant for git.
    for profile in ["staging", "prod"] {
        run(clusters.infer(profile).args(["plan", "-f", &arg(&path)]))
            .expect(2)
            .stderr_has(&format!(
                "{}, endpoint 2, profile 'prod' ('openai-embeddings'): service_settings.api_key \
                 must be a reference, env:VARIABLE or file:PATH",
                path.display()
            ))
            .never_shows("sk-INLINE-PROD-5521");
    }
    let (_d, path) = file(
        "endpoints.yaml",
        OVERLAID.replace(
            "    prod:\n      service_settings: {api_key",
            "    prod:\n      service: cohere\n      service_settings: {api_key",
        ),
    );
    run(clusters.infer("prod").args(["plan", "-f", &arg(&path)]))
        .expect(2)
        .stderr_has("('openai-embeddings'): environments.prod gives service, which is the same in every cluster");
    assert!(clusters.staging.requests().is_empty() && clusters.prod.requests().is_empty());
}

#[test]
fn with_no_profile_in_use_overlays_are_not_applied_and_listed_endpoints_are_left_out() {
    let clusters = staging_and_prod();
    let (_d, path) = file("endpoints.yaml", OVERLAID);
    // A plain ES_URL, no config file: nothing to check the names against, nothing applied.
    let out = run(infer_at(&clusters.prod.url()).args(["plan", "-f", &arg(&path)])).expect(10);
    let note = "infer: note: no profile is in use, so the environments of 2 endpoints are not \
                applied, and 2 endpoints that list their profiles are left out (name the \
                cluster's profile with --profile or INFER_PROFILE)";
    assert_eq!(out.stderr.matches(note).count(), 1, "{}", out.stderr);
    let plan = by_id(&out.json());
    assert_eq!(plan.keys().collect::<Vec<_>>(), ["my-elser"]);
    assert_eq!(
        plan["my-elser"]["changes"][2],
        json!({"path": "service_settings.num_allocations", "to": 1})
    );
    // A config file without a default profile: its profiles are what the names are checked
    // against.
    let (_c, config) = config_file("[profiles.staging]\nurl = \"http://127.0.0.1:9\"\n", 0o600);
    run(infer()
        .env("ES_URL", clusters.prod.url())
        .env("INFER_CONFIG", &config)
        .args(["plan", "-f", &arg(&path)]))
    .expect(2)
    .stderr_has("environments names profile 'prod', which no profile of the config file is (it has: staging)");
}

#[test]
fn the_profile_of_infer_profile_or_the_default_one_is_the_target() {
    let clusters = staging_and_prod();
    let (_d, path) = file("endpoints.yaml", OVERLAID);
    let out = run(infer()
        .env("INFER_CONFIG", &clusters.config)
        .env("INFER_PROFILE", "prod")
        .env("PROD_OPENAI_API_KEY", PROD_KEY)
        .args(["plan", "-f", &arg(&path)]))
    .expect(10);
    assert!(!by_id(&out.json()).contains_key("staging-only"));
    let text = std::fs::read_to_string(&clusters.config).unwrap();
    std::fs::write(
        &clusters.config,
        format!("default_profile = \"prod\"\n{text}"),
    )
    .unwrap();
    let out = run(infer()
        .env("INFER_CONFIG", &clusters.config)
        .env("PROD_OPENAI_API_KEY", PROD_KEY)
        .args(["plan", "-f", &arg(&path)]))
    .expect(10);
    let plan = by_id(&out.json());
    assert!(!plan.contains_key("staging-only"));
    assert_eq!(
        plan["openai-embeddings"]["changes"][1]["to"], 3000,
        "{}",
        out.stdout
    );
    assert!(
        !out.stderr.contains("no profile is in use"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_overlay_that_removes_a_whole_section_is_refused_but_chunking_settings_may_go() {
    let clusters = staging_and_prod();
    let (_d, path) = file(
        "endpoints.yaml",
        OVERLAID.replace(
            "      service_settings: {api_key: env:PROD_OPENAI_API_KEY, rate_limit: {requests_per_minute: 3000}}",
            "      service_settings: null",
        ),
    );
    // A create with no service_settings is no endpoint: refused, naming the file, the
    // endpoint and the profile, before anything is sent.
    run(clusters.infer("prod").args(["plan", "-f", &arg(&path)]))
        .expect(2)
        .stderr_has(&format!(
            "{}, endpoint 2 ('openai-embeddings'): environments.prod.service_settings is null, \
             which would leave service_settings out of the endpoint in profile 'prod''s cluster",
            path.display()
        ));
    assert!(clusters.prod.requests().is_empty());
    let (_d, path) = file(
        "endpoints.yaml",
        r#"
- inference_id: chunked
  task_type: text_embedding
  service: openai
  service_settings: {model_id: text-embedding-3-small, api_key: env:PROD_OPENAI_API_KEY}
  chunking_settings: {strategy: sentence, max_chunk_size: 250, sentence_overlap: 1}
  environments:
    prod:
      chunking_settings: null
"#,
    );
    let out = run(clusters.infer("prod").args(["plan", "-f", &arg(&path)])).expect(10);
    let planned = by_id(&out.json());
    assert!(
        !values(&planned["chunked"])
            .as_object()
            .unwrap()
            .keys()
            .any(|k| k.starts_with("chunking_settings")),
        "{}",
        out.stdout
    );
}

#[test]
fn an_overlay_s_null_leaves_the_cluster_s_value_where_a_null_in_the_endpoint_clears_it() {
    let clusters = staging_and_prod();
    clusters
        .prod
        .insert(crate::fake_es::openai_embedding("emb"));
    let endpoint = "- inference_id: emb\n  task_type: text_embedding\n  service: openai\n";
    // The overlay's null takes user out of prod's endpoint: alice stays, nothing to do.
    let (_d, path) = file(
        "endpoints.yaml",
        format!(
            "{endpoint}  task_settings: {{user: bob}}\n  environments:\n    prod:\n      \
             task_settings: {{user: null}}\n"
        ),
    );
    let out = run(clusters.infer("prod").args(["plan", "-f", &arg(&path)])).expect(0);
    assert_eq!(
        by_id(&out.json())["emb"]["action"],
        "no_change",
        "{}",
        out.stdout
    );
    // A null in the endpoint itself is meant for the cluster: sent where the service resets it,
    // a conflict where, as here, it does not.
    let (_d, path) = file(
        "endpoints.yaml",
        format!("{endpoint}  task_settings: {{user: null}}\n"),
    );
    let out = run(clusters.infer("prod").args(["plan", "-f", &arg(&path)])).expect(11);
    assert!(
        by_id(&out.json())["emb"]["conflicts"][0]
            .as_str()
            .unwrap()
            .starts_with("task_settings.user:"),
        "{}",
        out.stdout
    );
    assert!(clusters.prod.writes().is_empty());
}
