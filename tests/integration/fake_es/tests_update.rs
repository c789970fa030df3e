//! Self-tests of the fake's update route, across versions.

use super::tests::{send, update};
use super::*;

#[test]
fn update_merges_settings_replaces_chunking_and_stores_secrets() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let r = update(
        &es,
        "/_inference/text_embedding/emb/_update",
        r#"{"service_settings":{"api_key":"sk-new","rate_limit":{"requests_per_minute":500}},
            "task_settings":{"user":"bob"},
            "chunking_settings":{"strategy":"word","max_chunk_size":100,"overlap":10}}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let expected = json!({"inference_id": "emb", "task_type": "text_embedding", "service": "openai",
        "service_settings": {"model_id": "text-embedding-3-small", "dimensions": 1536,
            "similarity": "cosine", "rate_limit": {"requests_per_minute": 500}},
        "task_settings": {"user": "bob"},
        "chunking_settings": {"strategy": "word", "max_chunk_size": 100, "overlap": 10}});
    assert_eq!(r.json(), expected);
    assert_eq!(es.endpoint("emb").unwrap(), expected);
    assert_eq!(es.secrets("emb"), json!({"api_key": "sk-new"}));
    assert_eq!(es.writes().len(), 1);
    assert_eq!(es.writes()[0].json()["task_settings"]["user"], "bob");

    // 9.5 rejects a key the service does not update (validateConsumedUpdateSettings).
    let r = update(
        &es,
        "/_inference/TEXT_EMBEDDING/emb/_update",
        r#"{"service_settings":{"dimensions":8},"chunking_settings":{"strategy":"sentence","max_chunk_size":30}}"#,
    );
    assert_eq!(
        (r.status, r.reason().as_str()),
        (
            400,
            "Configuration contains settings [{dimensions=8}] unknown to the [openai] service"
        )
    );
    // A sentence default is filled in.
    let r = update(
        &es,
        "/_inference/TEXT_EMBEDDING/emb/_update",
        r#"{"chunking_settings":{"strategy":"sentence","max_chunk_size":30}}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.json()["chunking_settings"],
        json!({"strategy": "sentence", "max_chunk_size": 30, "sentence_overlap": 1})
    );
}

#[test]
fn update_rejections_use_the_server_texts() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let path = "/_inference/text_embedding/emb/_update";
    let cases = [
        (
            path,
            r#"{"service":"example-service","service_settings":{"api_key":"k"}}"#,
            400,
            "Request contained fields which cannot be updated, remove these fields and try again [{service=example-service}]",
        ),
        (path, "{}", 400, "Request body is empty"),
        (
            path,
            r#"{"service_settings":"not_a_map"}"#,
            400,
            "Unable to parse [service_settings] in the request [{service_settings=not_a_map}]",
        ),
        (
            path,
            r#"{"task_type":"rerank","task_settings":{}}"#,
            400,
            "Cannot resolve conflicting task_type parameter in the request URL [text_embedding] and the request body [rerank]",
        ),
        (
            path,
            r#"{"task_settings":{"colour":"red"}}"#,
            400,
            "Configuration contains settings [{colour=red}] unknown to the [openai] service",
        ),
        (
            path,
            r#"{"chunking_settings":{"strategy":"sentence","max_chunk_size":20,"sentence_overlap":0,"unknown_setting":"unknown_value"}}"#,
            400,
            "Validation Failed: 1: Sentence based chunking settings can not have the following settings: [unknown_setting];",
        ),
        (
            "/_inference/bogus/emb/_update",
            r#"{"task_settings":{}}"#,
            400,
            "Unknown task_type [bogus]",
        ),
        (
            "/_inference/rerank/emb/_update",
            r#"{"task_settings":{}}"#,
            400,
            "Task type must match the task type of the existing endpoint",
        ),
        (
            "/_inference/rerank/missing/_update",
            r#"{"task_settings":{}}"#,
            404,
            "The inference endpoint [missing] does not exist and cannot be updated",
        ),
        (
            "/_inference/rerank/.elser-2/_update",
            r#"{"task_settings":{}}"#,
            400,
            "Validation Failed: 1: Invalid inference_id; '.elser-2' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric;",
        ),
        (
            "/_inference/emb/_update",
            r#"{"task_settings":{"user":"x"}}"#,
            400,
            "model is missing required setting [task_type]",
        ),
    ];
    for (target, body, status, reason) in cases {
        let r = update(&es, target, body);
        assert_eq!(
            (r.status, r.reason().as_str()),
            (status, reason),
            "{target} {body}"
        );
    }
    assert_eq!(
        send(&es, "PUT", path, None).reason(),
        "request body is required"
    );
    let r = update(
        &es,
        "/_inference/emb/_update",
        r#"{"task_type":"text_embedding","task_settings":{"user":"x"}}"#,
    );
    assert_eq!(r.status, 200, "one-segment path works on 9.5");
    assert_eq!(
        update(
            &es,
            &format!("{path}?timeout=30s"),
            r#"{"task_settings":{"user":"y"}}"#
        )
        .status,
        200
    );
    assert_eq!(es.endpoint("emb").unwrap()["task_settings"]["user"], "y");
}

#[test]
fn post_to_update_is_the_routers_string_405() {
    let es = FakeEs::start();
    let r = send(
        &es,
        "POST",
        "/_inference/sparse_embedding/my-elser-endpoint/_update",
        Some("{}"),
    );
    assert_eq!(r.status, 405);
    assert_eq!(
        r.json(),
        json!({"error": "Incorrect HTTP method for uri [/_inference/sparse_embedding/my-elser-endpoint/_update] and method [POST], allowed: [PUT]", "status": 405})
    );
    let r = send(&es, "GET", "/_nope", None);
    assert_eq!(
        r.json(),
        json!({"error": "no handler found for uri [/_nope] and method [GET]", "status": 400})
    );
}

#[test]
fn v9_2_resets_chunking_drops_unknown_keys_and_wants_the_secret() {
    let es = FakeEs::with_behavior(Behavior::v9_2());
    es.insert(openai_embedding("emb"));
    let path = "/_inference/text_embedding/emb/_update";
    let r = update(
        &es,
        path,
        r#"{"task_settings":{"user":"bob","colour":"red"}}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["task_settings"], json!({"user": "bob"}));
    assert_eq!(
        r.json()["chunking_settings"],
        json!({"strategy": "word", "max_chunk_size": 250, "overlap": 100})
    );
    let r = update(
        &es,
        path,
        r#"{"service_settings":{"rate_limit":{"requests_per_minute":5}}}"#,
    );
    assert_eq!(
        r.reason(),
        "Validation Failed: 1: [secret_settings] does not contain the required setting [api_key];"
    );
    let r = update(
        &es,
        path,
        r#"{"service_settings":{"api_key":"k2","rate_limit":{"requests_per_minute":5}}}"#,
    );
    assert_eq!(
        r.json()["service_settings"]["rate_limit"]["requests_per_minute"],
        3000,
        "frozen before 2026"
    );
    assert_eq!(es.secrets("emb")["api_key"], "k2");
    let r = update(
        &es,
        path,
        r#"{"chunking_settings":{"strategy":"word","max_chunk_size":100,"overlap":10}}"#,
    );
    assert!(
        r.reason()
            .starts_with("Request contained fields which cannot be updated"),
        "{}",
        r.body
    );
    let r = update(
        &es,
        &format!("{path}?timeout=30s"),
        r#"{"task_settings":{"user":"x"}}"#,
    );
    assert_eq!(
        r.reason(),
        "request [/_inference/text_embedding/emb/_update] contains unrecognized parameter: [timeout]"
    );

    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let r = update(&es, path, r#"{"task_settings":{"user":"bob"}}"#);
    assert_eq!(
        r.json()["chunking_settings"],
        json!({"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1})
    );
}

#[test]
fn v8_17_quirks() {
    let es = FakeEs::with_behavior(Behavior::v8_17());
    es.insert(elser("e"));
    es.insert(cohere_rerank("rr"));
    let r = update(
        &es,
        "/_inference/e/_update",
        r#"{"task_type":"sparse_embedding","service_settings":{"num_allocations":2}}"#,
    );
    assert_eq!(r.reason(), "Inference ID must be provided in the path");
    let body = r#"{"service_settings":{"num_allocations":"two"}}"#;
    let r = update(&es, "/_inference/sparse_embedding/e/_update", body);
    assert_eq!(
        r.reason(),
        format!("Failed to parse [num_allocations] of update request [{body}]")
    );
    let r = update(
        &es,
        "/_inference/sparse_embedding/e/_update",
        r#"{"service_settings":{"num_allocations":2,"num_threads":4}}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["service_settings"]["num_allocations"], 2);
    assert_eq!(
        r.json()["service_settings"]["num_threads"],
        1,
        "num_threads silently kept"
    );
    let r = update(
        &es,
        "/_inference/rerank/rr/_update",
        r#"{"task_settings":{"top_n":3}}"#,
    );
    assert_eq!(
        r.json()["task_settings"],
        json!({"top_n": 3, "return_documents": true})
    );
    es.insert(
        json!({"inference_id": "c", "task_type": "completion", "service": "openai",
        "service_settings": {"api_key": "k", "model_id": "gpt-4o"}}),
    );
    assert_eq!(es.endpoint("c").unwrap()["task_settings"], json!({}));
}

#[test]
fn live_allocations_and_provider_validation() {
    let es = FakeEs::with_behavior(Behavior {
        live_num_allocations: Some(1),
        rejected_api_key: Some("sk-bad".into()),
        ..Behavior::default()
    });
    es.insert(elser("e"));
    es.insert(openai_embedding("emb"));
    let r = update(
        &es,
        "/_inference/sparse_embedding/e/_update",
        r#"{"service_settings":{"num_allocations":4}}"#,
    );
    assert_eq!(r.json()["service_settings"]["num_allocations"], 1);
    let r = update(
        &es,
        "/_inference/text_embedding/emb/_update",
        r#"{"service_settings":{"api_key":"sk-bad"}}"#,
    );
    assert_eq!(r.status, 400);
    let err = &r.json()["error"];
    assert_eq!(
        err["reason"],
        "Could not complete inference endpoint creation as validation call to service threw an exception."
    );
    assert_eq!(err["caused_by"], err["root_cause"][0]);
    assert_eq!(es.secrets("emb")["api_key"], "sk-old", "nothing stored");
}
