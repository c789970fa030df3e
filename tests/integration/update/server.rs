//! What the server says: pre-flight refusals, HTTP errors in both shapes
//! with hints for known causes, connection failures, and credentials on the
//! wire.

use serde_json::json;

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::{fake_with_emb, infer, infer_at, run, update_at};

#[test]
fn preflight_refuses_a_different_task_type() {
    let es = fake_with_emb();
    update_at(
        &es,
        &[
            "emb",
            "--task-type",
            "rerank",
            "--set",
            "task_settings.user=x",
        ],
    )
    .expect(3)
    .stderr_has("--task-type is rerank, but endpoint 'emb' is a text_embedding endpoint");
    assert!(es.writes().is_empty());
}

#[test]
fn preflight_refuses_a_different_service() {
    let es = fake_with_emb();
    run(infer_at(&es.url())
        .args(["update", "emb", "--settings", "-"])
        .write_stdin(r#"{"service": "cohere", "task_settings": {"user": "x"}}"#))
    .expect(3)
    .stderr_has("the settings are for service 'cohere', but endpoint 'emb' uses 'openai'");
    assert!(es.writes().is_empty());
}

#[test]
fn preflight_refuses_chunking_for_a_rerank_endpoint() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    run(infer_at(&es.url()).args(["update", "rr", "--chunking-settings", r#"{"strategy":"sentence","max_chunk_size":100}"#]))
        .expect(3)
        .stderr_has("chunking_settings apply only to sparse_embedding, text_embedding and embedding endpoints, and this one is rerank");
    assert!(es.writes().is_empty());
}

#[test]
fn missing_endpoint_is_a_404_with_the_servers_words() {
    let es = FakeEs::start();
    run(infer_at(&es.url()).args(["update", "ghost", "--set", "task_settings.user=x"]))
        .expect(4)
        .stderr_has("infer: error: HTTP 404 resource_not_found_exception: Inference endpoint not found [ghost]");
    assert!(es.writes().is_empty());
}

#[test]
fn failing_preflight_with_5xx_exits_5() {
    let es = FakeEs::start();
    es.respond_next(500, "application/json",
        r#"{"error":{"root_cause":[{"type":"status_exception","reason":"Service [x] not found"}],"type":"status_exception","reason":"Service [x] not found"},"status":500}"#);
    run(infer_at(&es.url()).args(["update", "emb", "--set", "task_settings.user=x"]))
        .expect(5)
        .stderr_has("HTTP 500 status_exception: Service [x] not found");
}

#[test]
fn connection_refused_is_retried_then_exits_6() {
    run(infer_at("http://127.0.0.1:9").args([
        "update",
        "emb",
        "-v",
        "--set",
        "task_settings.user=x",
    ]))
    .expect(6)
    .stderr_has("retry 1/3 in ")
    .stderr_has("retry 3/3 in ")
    .stderr_has("cannot reach Elasticsearch at http://127.0.0.1:9/")
    .stderr_has("check the URL (url from ES_URL)");
}

#[test]
fn string_shaped_errors_are_rendered() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    es.respond_next(
        200,
        "application/json",
        &json!({"endpoints": [cohere_rerank("rr")]}).to_string(),
    );
    es.respond_next(405, "application/json",
        r#"{"error":"Incorrect HTTP method for uri [/_inference/rerank/rr/_update] and method [PUT], allowed: [POST]","status":405}"#);
    run(infer_at(&es.url()).args(["update", "rr", "--set", "task_settings.top_n:=1"]))
        .expect(4)
        .stderr_has("HTTP 405: Incorrect HTTP method for uri [/_inference/rerank/rr/_update]");
}

#[test]
fn an_html_page_from_a_proxy_is_shown_as_an_excerpt() {
    let es = FakeEs::start();
    es.respond_next(
        502,
        "text/html",
        "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>",
    );
    run(infer_at(&es.url()).args([
        "--retries=0",
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=1",
    ]))
    .expect(5)
    .stderr_has("HTTP 502 Bad Gateway (not an Elasticsearch answer): 502 Bad Gateway nginx");
}

#[test]
fn a_2xx_answer_that_is_not_json_exits_1() {
    let es = FakeEs::start();
    es.respond_next(200, "text/plain", "ok");
    run(infer_at(&es.url()).args(["update", "rr", "--set", "task_settings.top_n:=1"]))
        .expect(1)
        .stderr_has("with a body that is not JSON");
}

#[test]
fn unknown_keys_rejected_by_new_servers_exit_4() {
    let es = fake_with_emb();
    run(infer_at(&es.url()).args(["update", "emb", "--set", "task_settings.unknown_setting=1"]))
        .expect(4)
        .stderr_has("HTTP 400 ")
        .stderr_has("unknown to the [openai] service");
}

#[test]
fn old_servers_rejecting_chunking_are_not_sent_it() {
    let es = FakeEs::with_behavior(Behavior::v9_2());
    es.insert(openai_embedding("emb"));
    let chunking = [
        "--chunking-settings",
        r#"{"strategy":"sentence","max_chunk_size":100}"#,
    ];
    run(infer_at(&es.url()).args(["update", "emb"]).args(chunking))
        .expect(3)
        .stderr_has(
            "Elasticsearch 9.2 does not accept chunking_settings in an update (9.5 does, #149723)",
        )
        .stderr_has("infer create NEW_ID --from emb --chunking-settings JSON");
    assert!(es.writes().is_empty(), "refused before the write");
    // Forced, the server's own answer gets its hint.
    run(infer_at(&es.url())
        .args(["update", "emb", "--allow-field", "chunking_settings"])
        .args(chunking))
    .expect(4)
    .stderr_has("Request contained fields which cannot be updated")
    .stderr_has("hint: this server does not accept chunking_settings in an update");
}

#[test]
fn old_servers_wanting_the_secret_again_get_a_hint() {
    let es = FakeEs::with_behavior(Behavior::v9_2());
    es.insert(openai_embedding("emb"));
    run(infer_at(&es.url()).args([
        "update",
        "emb",
        "--set",
        "service_settings.rate_limit.requests_per_minute:=10",
        // infer refuses it on 9.2 (only secrets and allocations change there);
        // forced, the server's own answer gets its hint.
        "--allow-field",
        "rate_limit",
    ]))
    .expect(4)
    .stderr_has("[secret_settings] does not contain the required setting [api_key]")
    .stderr_has("hint: this server needs the provider's secret again");
}

#[test]
fn provider_validation_failure_gets_a_hint() {
    let es = FakeEs::with_behavior(Behavior {
        rejected_api_key: Some("sk-bad".into()),
        ..Default::default()
    });
    es.insert(openai_embedding("emb"));
    run(infer_at(&es.url()).env("K", "sk-bad").args(["update", "emb", "--secret-env", "api_key=K"]))
        .expect(4)
        .stderr_has("Could not complete inference endpoint creation as validation call to service threw an exception.")
        .stderr_has("hint: the server tried the settings against the provider")
        .never_shows("sk-bad");
    assert_eq!(
        es.secrets("emb")["api_key"],
        "sk-old",
        "the stored key is unchanged"
    );
}

#[test]
fn api_key_pairs_are_encoded_on_the_wire() {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some("ApiKey bXlfaWQ6bXlfa2V5".into()),
        ..Default::default()
    });
    es.insert(cohere_rerank("rr"));
    run(infer_at(&es.url()).env("ES_API_KEY", "my_id:my_key").args([
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=2",
    ]))
    .expect(0);
    // The encoded form is sent verbatim.
    run(infer_at(&es.url())
        .env("ES_API_KEY", "bXlfaWQ6bXlfa2V5")
        .args(["update", "rr", "--set", "task_settings.top_n:=3"]))
    .expect(0)
    .stdout_has("\"top_n\": 3");
    assert_eq!(es.endpoint("rr").expect("rr")["task_settings"]["top_n"], 3);
}

#[test]
fn flags_override_environment_credentials() {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some("Bearer flag-token".into()),
        ..Default::default()
    });
    es.insert(cohere_rerank("rr"));
    run(infer_at(&es.url()).env("ES_API_KEY", "env-key").args([
        "update",
        "rr",
        "--bearer-token",
        "flag-token",
        "--set",
        "task_settings.top_n:=2",
    ]))
    .expect(0)
    .stdout_has("\"top_n\": 2");
    assert_eq!(es.endpoint("rr").expect("rr")["task_settings"]["top_n"], 2);
}

#[test]
fn wrong_credentials_exit_4() {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some("ApiKey right".into()),
        ..Default::default()
    });
    run(infer_at(&es.url()).env("ES_API_KEY", "wrong").args([
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=2",
    ]))
    .expect(4)
    .stderr_has("HTTP 401 security_exception")
    .never_shows("wrong");
}

#[test]
fn missing_password_without_a_terminal_names_the_variable() {
    run(infer().env("ES_USERNAME", "elastic").args([
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=2",
    ]))
    .expect(2)
    .stderr_has("no password for user 'elastic': set ES_PASSWORD");
}

#[test]
fn plain_http_to_another_host_warns() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    // 0.0.0.0 reaches this machine but is not a loopback name.
    let url = es.url().replace("127.0.0.1", "0.0.0.0");
    run(infer_at(&url).env("ES_API_KEY", "k").args([
        "update",
        "rr",
        "--set",
        "task_settings.top_n:=2",
    ]))
    .expect(0)
    .stderr_has("warning: credentials are sent unencrypted over plain http to 0.0.0.0");
}

#[test]
fn cloud_id_decides_the_url() {
    run(infer().args(crate::harness::DRY).args([
        "--set",
        "task_settings.top_n:=2",
        "--cloud-id",
        "x:dXMtZWFzdC0xLmF3cy5mb3VuZC5pbzo5MjQzJGFiYzEyMyRkZWY0NTY=",
    ]))
    .expect(0)
    .stdout_has(
        r#""url": "https://abc123.us-east-1.aws.found.io:9243/_inference/rerank/rr/_update""#,
    );
}

#[test]
fn a_redirect_is_not_followed() {
    let es = FakeEs::start();
    es.respond_next(301, "text/plain", "");
    run(infer_at(&es.url()).args(["update", "rr", "--set", "task_settings.top_n:=2"]))
        .expect(6)
        .stderr_has("which infer does not follow");
    assert_eq!(es.requests().len(), 1);
}

#[test]
fn insecure_warns_on_every_run() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    update_at(
        &es,
        &["rr", "--insecure", "-q", "--set", "task_settings.top_n:=2"],
    )
    .expect(0)
    .stderr_has("warning: --insecure");
}

#[test]
fn on_8_17_an_elser_update_without_allocations_gets_a_hint() {
    let es = FakeEs::with_behavior(Behavior::v8_17());
    es.insert(elser("sparse"));
    run(infer_at(&es.url()).args(["update", "sparse", "--set", "service_settings.adaptive_allocations.enabled:=false", "--allow-field", "adaptive_allocations"]))
        .expect(4)
        .stderr_has("Failed to parse [num_allocations]")
        .stderr_has("hint: this server (8.17) needs service_settings.num_allocations in every update of this endpoint: add --num-allocations 1");
}
