//! `infer rotate`: one provider's key to the endpoints of that provider only.

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, openai_embedding};
use crate::harness::fleet::by_id;
use crate::harness::fleet::cluster;
use crate::harness::{ANY_KEY, fake_with_emb, holding, infer_at, run};
use serde_json::Value;

const KEY: &str = "sk-rotated-openai-key-5150";

fn rotate(es: &FakeEs, args: &[&str]) -> crate::harness::Run {
    run(infer_at(&es.url())
        .env("NEW_OPENAI_KEY", KEY)
        .arg("rotate")
        .args(args)
        .args(["--secret-env", "api_key=NEW_OPENAI_KEY"]))
}

fn openai_at(id: &str, url: Option<&str>) -> Value {
    let mut endpoint = openai_embedding(id);
    if let Some(url) = url {
        endpoint["service_settings"]["url"] = url.into();
    }
    endpoint
}

#[test]
fn a_key_is_never_sent_to_endpoints_of_two_services() {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("search-embed"));
    es.insert(cohere_rerank("search-rerank"));
    rotate(&es, &["search-*", "--yes"])
        .expect(3)
        .stderr_has("nothing was rotated: a provider's key belongs to one provider, and the endpoints matched call 2 services: openai (search-embed); cohere (search-rerank); narrow with --service")
        .never_shows(KEY);
    assert!(es.writes().is_empty(), "nothing is written");
    // Named outright, the same.
    rotate(&es, &["search-embed", "search-rerank", "--yes"]).expect(3);
    assert!(es.writes().is_empty());
    // Narrowed by the service, it goes through, to that service alone.
    rotate(&es, &["search-*", "--service", "openai", "--yes"]).expect(0);
    assert_eq!(es.secrets("search-embed")["api_key"], KEY);
    assert_eq!(es.secrets("search-rerank")["api_key"], "co-old");
}

#[test]
fn a_key_is_never_sent_to_two_hosts_of_one_service() {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_at("emb-a", None));
    es.insert(openai_at(
        "emb-b",
        Some("https://llm-proxy.internal.example:8443/v1"),
    ));
    rotate(&es, &["--service", "openai", "--yes"])
        .expect(3)
        .stderr_has("the endpoints matched call 2 hosts: the default host (emb-a); llm-proxy.internal.example:8443 (emb-b); name the endpoints of one host by id or glob")
        .never_shows(KEY);
    assert!(es.writes().is_empty());
    rotate(&es, &["emb-a", "--yes"]).expect(0);
    assert_eq!(es.secrets("emb-a")["api_key"], KEY);
    assert_eq!(es.secrets("emb-b")["api_key"], "sk-old");
}

#[test]
fn the_dry_run_lists_each_endpoint_with_its_service_and_host() {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_at(
        "emb-a",
        Some("https://api.openai.com/v1/embeddings"),
    ));
    es.insert(openai_at(
        "emb-b",
        Some("https://API.openai.com/v1/embeddings"),
    ));
    let out = rotate(&es, &["emb-*", "--dry-run"])
        .expect(0)
        .stderr_has("infer: rotate emb-a (openai, api.openai.com): api_key (secret, will change)")
        .stderr_has("infer: rotate emb-b (openai, api.openai.com)")
        .never_shows(KEY);
    assert_eq!(out.json()[0]["host"], "api.openai.com");
    assert_eq!(out.json()[0]["service"], "openai");
}

#[test]
fn the_host_is_read_from_every_setting_that_names_one() {
    let es = FakeEs::with_behavior(Behavior::current());
    for (id, tenant) in [("az1", "tenant1"), ("az2", "tenant2")] {
        es.insert(
            serde_json::json!({"inference_id": id, "task_type": "text_embedding",
            "service": "azureaistudio", "service_settings": {"api_key": "az-old",
                "target": format!("https://{tenant}.eastus.inference.ml.azure.com/score"),
                "provider": "openai", "endpoint_type": "token"}}),
        );
    }
    rotate(&es, &["az*", "--yes"])
        .expect(3)
        .stderr_has("call 2 hosts: tenant1.eastus.inference.ml.azure.com (az1); tenant2.eastus.inference.ml.azure.com (az2)");
    assert!(es.writes().is_empty());
}

#[test]
fn rotate_updates_every_matching_endpoint_and_refuses_what_it_cannot() {
    let es = cluster();
    es.insert(cohere_rerank("search-a"));
    es.insert(cohere_rerank("search-b"));
    run(infer_at(&es.url()).env("NEW", "co-rotated-key-7").args([
        "rotate",
        "search-*",
        "--secret-env",
        "api_key=NEW",
        "--dry-run",
    ]))
    .expect(0)
    .stderr_has("rotate search-a (cohere, the default host): api_key (secret, will change)")
    .never_shows("co-rotated-key-7");
    assert!(es.writes().is_empty());

    let out = run(infer_at(&es.url()).env("NEW", "co-rotated-key-7").args([
        "rotate",
        "--service",
        "cohere",
        "--secret-env",
        "api_key=NEW",
        "--yes",
    ]))
    .expect(0)
    .never_shows("co-rotated-key-7");
    assert_eq!(out.json().as_array().unwrap().len(), 3);
    for id in ["old", "search-a", "search-b"] {
        assert_eq!(es.secrets(id)["api_key"], "co-rotated-key-7", "{id}");
    }
    // An in-cluster endpoint takes no API key; a preconfigured one is never changed.
    run(infer_at(&es.url()).env("NEW", "co-rotated-key-7").args([
        "rotate",
        "sparse",
        "--secret-env",
        "api_key=NEW",
        "--yes",
    ]))
    .expect(3)
    .stderr_has("'sparse' uses the elasticsearch service, which does not take api_key");
    run(infer_at(&es.url()).env("NEW", "co-rotated-key-7").args([
        "rotate",
        "--secret-env",
        "api_key=NEW",
        "--yes",
    ]))
    .expect(3)
    .stderr_has("narrow with --service");
}

#[test]
fn rotate_with_service_does_not_say_narrow_with_service() {
    let es = fake_with_emb();
    let out = run(infer_at(&es.url()).env("K", ANY_KEY).args([
        "rotate",
        "--service",
        "openai",
        "--secret-env",
        "access_key=K",
    ]))
    .expect(3)
    .stderr_has("does not take access_key");
    assert!(
        !out.stderr.contains("narrow with --service"),
        "{}",
        out.stderr
    );
}

fn rotate_probe(es: &FakeEs) -> crate::harness::Run {
    run(infer_at(&es.url()).env("NEW_OPENAI_KEY", KEY).args([
        "--retries",
        "0",
        "rotate",
        "emb",
        "--secret-env",
        "api_key=NEW_OPENAI_KEY",
        "--probe",
        "--yes",
    ]))
}

#[test]
fn rotate_probe_proves_each_new_key() {
    let es = holding(openai_embedding("emb"), |_| {});
    let out = rotate_probe(&es).expect(0).never_shows(KEY);
    let emb = by_id(&out.json())["emb"].clone();
    assert_eq!(emb["status"], "verified");
    assert!(
        emb["notes"]
            .to_string()
            .contains("probe of text_embedding endpoint 'emb': answered in "),
        "{emb}"
    );
    assert_eq!(es.secrets("emb")["api_key"], KEY);
}

#[test]
fn a_rejected_probe_after_rotate_exits_9_and_says_the_key_was_sent() {
    let es = holding(openai_embedding("emb"), |b| {
        b.inference_quota_exhausted = true
    });
    let out = rotate_probe(&es).expect(9).never_shows(KEY);
    let emb = by_id(&out.json())["emb"].clone();
    assert!(
        emb["error"].as_str().unwrap().contains(
            "endpoint 'emb' was updated, but the probe of endpoint 'emb' failed: HTTP 429"
        ),
        "{emb}"
    );
    assert_eq!(
        es.secrets("emb")["api_key"],
        KEY,
        "the rotation was applied"
    );
}

/// A new secret starts no deployment: `rotate --wait` is refused before
/// anything is written, as `update --wait` is for a provider's endpoint.
#[test]
fn rotate_has_no_wait_and_says_to_probe_instead() {
    let es = holding(openai_embedding("emb"), |_| {});
    for wait in ["--wait", "--wait-timeout=5m"] {
        run(infer_at(&es.url()).env("NEW_OPENAI_KEY", KEY).args([
            "rotate",
            "emb",
            "--secret-env",
            "api_key=NEW_OPENAI_KEY",
            wait,
            "--yes",
        ]))
        .expect(2)
        .stderr_has(
            "infer rotate has no --wait: a new key starts no deployment, so there is nothing to \
             wait for; to prove the new key works, use --probe",
        )
        .never_shows(KEY);
    }
    assert!(es.writes().is_empty());
}
