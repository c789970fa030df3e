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

/// `PUT /_inference/{tt}/{id}/_update` with `body`, answering (status, reason or "").
fn put(es: &FakeEs, tt: &str, id: &str, body: &str) -> (u16, String) {
    let r = update(es, &format!("/_inference/{tt}/{id}/_update"), body);
    (r.status, r.reason())
}

fn endpoint(id: &str, tt: &str, service: &str, ss: Value) -> Value {
    json!({"inference_id": id, "task_type": tt, "service": service, "service_settings": ss})
}

fn ok() -> (u16, String) {
    (200, String::new())
}

fn leftover(kv: &str, svc: &str) -> (u16, String) {
    (
        400,
        format!("Configuration contains settings [{{{kv}}}] unknown to the [{svc}] service"),
    )
}

fn unknown_field(k: &str) -> (u16, String) {
    (400, format!("[1:2] [service_settings] unknown field [{k}]"))
}

#[test]
fn v9_4_keeps_chunking_but_still_keeps_fixed_keys_silently() {
    let es = FakeEs::with_behavior(Behavior::v9_4());
    assert_eq!(es.behavior().version, "9.4.0");
    es.insert(openai_embedding("emb"));
    let r = update(
        &es,
        "/_inference/text_embedding/emb/_update",
        r#"{"task_settings":{"user":"bob"}}"#,
    );
    assert_eq!(
        r.json()["chunking_settings"],
        json!({"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}),
        "#141682: no reset"
    );
    let (status, reason) = put(
        &es,
        "text_embedding",
        "emb",
        r#"{"chunking_settings":{"strategy":"word","max_chunk_size":100,"overlap":10}}"#,
    );
    assert_eq!(status, 400);
    assert!(reason.starts_with("Request contained fields which cannot be updated"));
    let r = update(
        &es,
        "/_inference/text_embedding/emb/_update",
        r#"{"service_settings":{"api_key":"k2","dimensions":8,"rate_limit":{"requests_per_minute":5}}}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["service_settings"]["dimensions"], 1536);
    assert_eq!(
        r.json()["service_settings"]["rate_limit"]["requests_per_minute"],
        3000
    );
    assert_eq!(es.secrets("emb")["api_key"], "k2");
    assert_eq!(
        put(
            &es,
            "text_embedding",
            "emb",
            r#"{"service_settings":{"rate_limit":{"requests_per_minute":5}}}"#
        ),
        (
            400,
            "Validation Failed: 1: [secret_settings] does not contain the required setting [api_key];"
                .into()
        )
    );
    let r = update(
        &es,
        "/_inference/text_embedding/emb/_update?timeout=5s",
        r#"{"task_settings":{"user":"x"}}"#,
    );
    assert_eq!(r.status, 400);
    let r = update(
        &es,
        "/_inference/emb/_update",
        r#"{"task_type":"text_embedding","task_settings":{"user":"one-segment"}}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn v9_5_consumes_per_service_keys_and_rejects_the_rest_in_both_forms() {
    let es = FakeEs::start();
    assert_eq!(es.behavior().version, "9.5.0");
    let rpm = json!({"requests_per_minute": 10});
    es.insert(openai_embedding("oa"));
    es.insert(endpoint("ll", "text_embedding", "llama",
        json!({"api_key": "k", "model_id": "m", "url": "http://l", "rate_limit": rpm, "max_input_tokens": 512})));
    es.insert(endpoint(
        "llc",
        "chat_completion",
        "llama",
        json!({"api_key": "k", "model_id": "m", "url": "http://l", "rate_limit": rpm}),
    ));
    es.insert(endpoint(
        "wr",
        "rerank",
        "watsonxai",
        json!({"api_key": "k", "model_id": "m", "rate_limit": rpm}),
    ));
    es.insert(endpoint(
        "we",
        "text_embedding",
        "watsonxai",
        json!({"api_key": "k", "model_id": "m", "rate_limit": rpm}),
    ));
    es.insert(endpoint(
        "hr",
        "rerank",
        "hugging_face",
        json!({"api_key": "k", "url": "http://h", "rate_limit": rpm}),
    ));
    es.insert(endpoint(
        "je",
        "text_embedding",
        "jinaai",
        json!({"api_key": "k", "model_id": "m", "rate_limit": rpm}),
    ));
    es.insert(endpoint(
        "jr",
        "rerank",
        "jinaai",
        json!({"api_key": "k", "model_id": "m", "rate_limit": rpm}),
    ));
    es.insert(endpoint(
        "gq",
        "chat_completion",
        "groq",
        json!({"api_key": "k", "model_id": "m", "organization_id": "o1"}),
    ));
    es.insert(endpoint("sm", "text_embedding", "amazon_sagemaker",
        json!({"access_key": "a", "secret_key": "s", "endpoint_name": "e", "api": "openai", "region": "r", "batch_size": 4})));
    es.insert(endpoint(
        "es",
        "sparse_embedding",
        "elastic",
        json!({"model_id": "elser", "max_batch_size": 16}),
    ));
    es.insert(endpoint(
        "ec",
        "chat_completion",
        "elastic",
        json!({"model_id": "gp"}),
    ));
    es.insert(endpoint(
        "vx",
        "text_embedding",
        "googlevertexai",
        json!({"service_account_json": "{}", "project_id": "p", "location": "l", "model_id": "m"}),
    ));
    let cases = [
        (
            "text_embedding",
            "oa",
            r#"{"service_settings":{"model_id":"x"}}"#,
            leftover("model_id=x", "openai"),
        ),
        (
            "text_embedding",
            "oa",
            r#"{"service_settings":{"organization_id":"org-2","max_input_tokens":100}}"#,
            ok(),
        ),
        (
            "text_embedding",
            "ll",
            r#"{"service_settings":{"model_id":"x"}}"#,
            unknown_field("model_id"),
        ),
        (
            "text_embedding",
            "ll",
            r#"{"service_settings":{"max_input_tokens":100}}"#,
            ok(),
        ),
        (
            "chat_completion",
            "llc",
            r#"{"service_settings":{"max_input_tokens":100}}"#,
            unknown_field("max_input_tokens"),
        ),
        (
            "rerank",
            "wr",
            r#"{"service_settings":{"max_input_tokens":100}}"#,
            unknown_field("max_input_tokens"),
        ),
        (
            "text_embedding",
            "we",
            r#"{"service_settings":{"model_id":"x"}}"#,
            leftover("model_id=x", "watsonxai"),
        ),
        (
            "text_embedding",
            "we",
            r#"{"service_settings":{"max_input_tokens":100}}"#,
            ok(),
        ),
        (
            "rerank",
            "hr",
            r#"{"service_settings":{"max_input_tokens":100}}"#,
            unknown_field("max_input_tokens"),
        ),
        (
            "rerank",
            "hr",
            r#"{"service_settings":{"rate_limit":{"requests_per_minute":7}}}"#,
            ok(),
        ),
        (
            "text_embedding",
            "je",
            r#"{"service_settings":{"max_input_tokens":100}}"#,
            ok(),
        ),
        (
            "text_embedding",
            "je",
            r#"{"service_settings":{"dimensions":8}}"#,
            leftover("dimensions=8", "jinaai"),
        ),
        (
            "rerank",
            "jr",
            r#"{"service_settings":{"max_input_tokens":100}}"#,
            unknown_field("max_input_tokens"),
        ),
        (
            "chat_completion",
            "gq",
            r#"{"service_settings":{"organization_id":"o2"}}"#,
            ok(),
        ),
        (
            "chat_completion",
            "gq",
            r#"{"service_settings":{"url":"http://g"}}"#,
            leftover("url=http://g", "groq"),
        ),
        (
            "text_embedding",
            "sm",
            r#"{"service_settings":{"batch_size":8}}"#,
            ok(),
        ),
        (
            "text_embedding",
            "sm",
            r#"{"service_settings":{"region":"r2"}}"#,
            leftover("region=r2", "amazon_sagemaker"),
        ),
        (
            "sparse_embedding",
            "es",
            r#"{"service_settings":{"max_batch_size":32}}"#,
            ok(),
        ),
        (
            "sparse_embedding",
            "es",
            r#"{"service_settings":{"model_id":"x"}}"#,
            unknown_field("model_id"),
        ),
        (
            "chat_completion",
            "ec",
            r#"{"service_settings":{"model_id":"x"}}"#,
            leftover("model_id=x", "elastic"),
        ),
        (
            "text_embedding",
            "vx",
            r#"{"service_settings":{"max_batch_size":5}}"#,
            ok(),
        ),
        (
            "text_embedding",
            "vx",
            r#"{"service_settings":{"project_id":"q"}}"#,
            leftover("project_id=q", "googlevertexai"),
        ),
        (
            "text_embedding",
            "oa",
            r#"{"task_settings":{"colour":"red"}}"#,
            leftover("colour=red", "openai"),
        ),
    ];
    for (tt, id, body, expected) in cases {
        let (status, reason) = put(&es, tt, id, body);
        let reason = if status == 200 { String::new() } else { reason };
        assert_eq!((status, reason), expected, "{id} {body}");
    }
    assert_eq!(
        es.endpoint("oa").unwrap()["service_settings"]["organization_id"],
        "org-2"
    );
    assert_eq!(
        es.endpoint("sm").unwrap()["service_settings"]["batch_size"],
        8
    );
    let r = update(
        &es,
        "/_inference/rerank/jr/_update",
        r#"{"service_settings":{"max_input_tokens":1}}"#,
    );
    assert_eq!(r.json()["error"]["type"], "x_content_parse_exception");
    // Secrets are optional beside other settings (#149628), and a nested object is replaced.
    let r = update(
        &es,
        "/_inference/text_embedding/oa/_update",
        r#"{"service_settings":{"rate_limit":{"requests_per_minute":5}}}"#,
    );
    assert_eq!(
        r.json()["service_settings"]["rate_limit"],
        json!({"requests_per_minute": 5})
    );
}

#[test]
fn null_resets_only_llama_on_9_5_and_the_nullable_parsers_on_current() {
    let rpm = json!({"requests_per_minute": 10});
    let fixtures = || {
        [
            endpoint(
                "ll",
                "text_embedding",
                "llama",
                json!({"api_key": "k", "model_id": "m", "url": "u", "rate_limit": rpm, "max_input_tokens": 512}),
            ),
            endpoint(
                "gq",
                "chat_completion",
                "groq",
                json!({"api_key": "k", "model_id": "m", "organization_id": "o1", "rate_limit": rpm}),
            ),
            endpoint(
                "hf",
                "text_embedding",
                "hugging_face",
                json!({"api_key": "k", "url": "u", "rate_limit": rpm, "max_input_tokens": 512}),
            ),
            endpoint(
                "co",
                "rerank",
                "cohere",
                json!({"api_key": "k", "model_id": "m", "rate_limit": rpm}),
            ),
        ]
    };
    let body = |keys: &[&str]| {
        let m: Obj = keys.iter().map(|k| (k.to_string(), Value::Null)).collect();
        json!({ "service_settings": m }).to_string()
    };
    for (behavior, resets) in [
        (Behavior::v9_5(), &["ll"][..]),
        (Behavior::current(), &["ll", "gq", "hf"][..]),
    ] {
        let version = behavior.version.clone();
        let es = FakeEs::with_behavior(behavior);
        fixtures().into_iter().for_each(|f| es.insert(f));
        let ss = |id: &str| es.endpoint(id).unwrap()["service_settings"].clone();
        for (tt, id, keys) in [
            (
                "text_embedding",
                "ll",
                &["rate_limit", "max_input_tokens"][..],
            ),
            (
                "chat_completion",
                "gq",
                &["rate_limit", "organization_id"][..],
            ),
            (
                "text_embedding",
                "hf",
                &["rate_limit", "max_input_tokens"][..],
            ),
            ("rerank", "co", &["rate_limit"][..]),
        ] {
            assert_eq!(put(&es, tt, id, &body(keys)).0, 200, "{version} {id}");
            let after = ss(id);
            if resets.contains(&id) {
                assert_ne!(
                    after["rate_limit"], rpm,
                    "{version} {id}: reset to the default"
                );
                assert!(after["rate_limit"]["requests_per_minute"].is_u64());
                for k in keys.iter().filter(|k| **k != "rate_limit") {
                    assert!(after.get(*k).is_none(), "{version} {id}: {k} cleared");
                }
            } else {
                assert_eq!(
                    after["rate_limit"], rpm,
                    "{version} {id}: null is not given"
                );
                for k in keys.iter().filter(|k| **k != "rate_limit") {
                    assert!(!after[*k].is_null(), "{version} {id}: {k} kept");
                }
            }
        }
        assert_eq!(ss("ll")["rate_limit"], json!({"requests_per_minute": 3000}));
        // A null on a key the service does not update is still a leftover.
        assert_eq!(
            put(
                &es,
                "rerank",
                "co",
                r#"{"service_settings":{"model_id":null}}"#
            ),
            leftover("model_id=null", "cohere")
        );
    }
}

#[test]
fn v9_5_takes_both_allocation_keys_and_refuses_num_threads() {
    let es = FakeEs::start();
    es.insert(elser("e"));
    let adaptive =
        json!({"enabled": true, "min_number_of_allocations": 1, "max_number_of_allocations": 4});
    let body =
        json!({"service_settings": {"num_allocations": 3, "adaptive_allocations": adaptive}});
    let r = update(
        &es,
        "/_inference/sparse_embedding/e/_update",
        &body.to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let ss = &es.endpoint("e").unwrap()["service_settings"];
    assert_eq!(
        (
            ss["num_allocations"].clone(),
            ss["adaptive_allocations"].clone()
        ),
        (json!(3), adaptive)
    );
    assert_eq!(
        put(
            &es,
            "sparse_embedding",
            "e",
            r#"{"service_settings":{"num_threads":4}}"#
        ),
        leftover("num_threads=4", "elasticsearch")
    );
    // Neither key: the older parser takes it (nothing to change).
    assert_eq!(
        put(&es, "sparse_embedding", "e", r#"{"task_settings":{}}"#).0,
        200
    );
}

#[test]
fn current_allocation_parser_wants_exactly_one_and_replaces_the_other() {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(elser("e"));
    let adaptive =
        json!({"enabled": true, "min_number_of_allocations": 2, "max_number_of_allocations": 4});
    let neither = (
        400,
        "Validation Failed: 1: [service_settings] does not contain one of the required settings [num_allocations, adaptive_allocations];".to_string(),
    );
    let both = (
        400,
        "Validation Failed: 1: [num_allocations] cannot be set if [adaptive_allocations] is set;"
            .to_string(),
    );
    let both_body =
        json!({"service_settings": {"num_allocations": 3, "adaptive_allocations": adaptive}})
            .to_string();
    let cases = [
        (
            r#"{"service_settings":{"num_threads":4}}"#.to_string(),
            (
                400,
                "Validation Failed: 1: [num_threads] cannot be updated;".to_string(),
            ),
        ),
        (
            r#"{"service_settings":{"num_allocations":2,"model_id":"x"}}"#.to_string(),
            unknown_field("model_id"),
        ),
        (both_body, both),
        (
            r#"{"service_settings":{"num_allocations":null}}"#.to_string(),
            neither.clone(),
        ),
        (
            r#"{"service_settings":{"num_allocations":null,"adaptive_allocations":null}}"#
                .to_string(),
            neither,
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(put(&es, "sparse_embedding", "e", &body), expected, "{body}");
    }
    let r = update(
        &es,
        "/_inference/sparse_embedding/e/_update",
        r#"{"service_settings":{"num_threads":4}}"#,
    );
    assert_eq!(r.json()["error"]["type"], "validation_exception");
    // A task_settings-only update does not go through the parser.
    assert_eq!(
        put(&es, "sparse_embedding", "e", r#"{"task_settings":{}}"#).0,
        200
    );
    // adaptive_allocations drops the fixed count (a null beside it is "not sent")...
    let body =
        json!({"service_settings": {"adaptive_allocations": adaptive, "num_allocations": null}});
    assert_eq!(put(&es, "sparse_embedding", "e", &body.to_string()).0, 200);
    let stored = es.endpoint("e").unwrap()["service_settings"].clone();
    assert_eq!(stored["adaptive_allocations"], adaptive);
    assert_eq!(
        stored["num_allocations"], 2,
        "#115233: GET shows the live count (min 2)"
    );
    let inner = es.inner.lock().endpoints["e"].service_settings.clone();
    assert!(
        inner.get("num_allocations").is_none(),
        "the fixed count is gone"
    );
    // ...and num_allocations turns adaptive allocations off.
    assert_eq!(
        put(
            &es,
            "sparse_embedding",
            "e",
            r#"{"service_settings":{"num_allocations":5}}"#
        )
        .0,
        200
    );
    let ss = es.endpoint("e").unwrap()["service_settings"].clone();
    assert_eq!(ss["num_allocations"], 5);
    assert!(ss.get("adaptive_allocations").is_none());
    assert_eq!(ss["num_threads"], 1);
}

#[test]
fn preconfigured_endpoints_and_the_secret_kind_rule() {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(elser(".elser-2-elasticsearch"));
    assert_eq!(
        put(
            &es,
            "sparse_embedding",
            ".elser-2-elasticsearch",
            r#"{"service_settings":{"num_allocations":2}}"#
        ),
        (
            400,
            "Default endpoint [.elser-2-elasticsearch] cannot be updated".into()
        )
    );
    assert_eq!(
        put(
            &es,
            "sparse_embedding",
            ".missing",
            r#"{"task_settings":{}}"#
        )
        .0,
        404,
        "#150368: after the existence check"
    );
    let old = FakeEs::start();
    old.insert(elser(".elser-2-elasticsearch"));
    let (status, reason) = put(
        &old,
        "sparse_embedding",
        ".elser-2-elasticsearch",
        r#"{"task_settings":{}}"#,
    );
    assert_eq!(status, 400);
    assert!(
        reason.contains("Invalid inference_id"),
        "9.5 checks the id: {reason}"
    );
    old.insert(endpoint(
        "az",
        "text_embedding",
        "azureopenai",
        json!({"api_key": "k", "resource_name": "r", "deployment_id": "d", "api_version": "v"}),
    ));
    assert_eq!(
        put(&old, "text_embedding", "az", r#"{"service_settings":{"entra_id":"e"}}"#),
        (400, "Validation Failed: 1: [service_settings] only the field [api_key] can be updated for this secret, received: [entra_id];".into())
    );
}

#[test]
fn ocigenai_secrets_are_four_and_the_key_must_be_pem() {
    let es = FakeEs::with_behavior(Behavior::current());
    let create = |id: &str, ss: Value| {
        let body = json!({"service": "ocigenai", "service_settings": ss}).to_string();
        let r = send(
            &es,
            "PUT",
            &format!("/_inference/text_embedding/{id}"),
            Some(&body),
        );
        (r.status, r.reason())
    };
    let mut ss = ocigenai_embedding("x")["service_settings"].clone();
    assert_eq!(create("oci", ss.clone()).0, 200);
    let shown = es.endpoint("oci").unwrap()["service_settings"].clone();
    for k in ["tenancy_id", "user_id", "fingerprint", "private_key"] {
        assert!(shown.get(k).is_none(), "{k} never shown");
        assert!(es.secrets("oci").get(k).is_some(), "{k} stored");
    }
    ss.as_object_mut().unwrap().shift_remove("fingerprint");
    assert_eq!(
        create("oci2", ss.clone()),
        (400, "Validation Failed: 1: [secret_settings] does not contain the required setting [fingerprint];".into())
    );
    ss["fingerprint"] = json!("aa:bb");
    for bad in [
        "not a key",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nxx\n-----END ENCRYPTED PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n-----END RSA PRIVATE KEY-----\n",
    ] {
        ss["private_key"] = json!(bad);
        let (status, reason) = create("oci3", ss.clone());
        assert_eq!(status, 400, "{bad}");
        assert!(reason.contains("[private_key]"), "{reason}");
        assert_eq!(
            put(
                &es,
                "text_embedding",
                "oci",
                &json!({"service_settings": {"private_key": bad}}).to_string()
            )
            .0,
            400
        );
    }
    let pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n";
    let body = json!({"service_settings": {"private_key": pkcs1, "fingerprint": "cc:dd"}});
    assert_eq!(put(&es, "text_embedding", "oci", &body.to_string()).0, 200);
    assert_eq!(es.secrets("oci")["private_key"], pkcs1);
    assert_eq!(
        put(
            &es,
            "text_embedding",
            "oci",
            r#"{"service_settings":{"model_id":"x"}}"#
        ),
        unknown_field("model_id")
    );
    let old = FakeEs::start();
    let r = send(
        &old,
        "PUT",
        "/_inference/text_embedding/oci",
        Some(&json!({"service": "ocigenai", "service_settings": ss}).to_string()),
    );
    assert_eq!(r.reason(), "Unknown service [ocigenai]");
}

#[test]
fn extra_services_follow_their_catalogue_flags() {
    let with_acme = |b: Behavior| {
        FakeEs::with_behavior(Behavior {
            extra_services: vec![acme_service()],
            ..b
        })
    };
    let create_body = json!({"service": "acme", "service_settings": {
        "credential": "c-1", "auth": {"signature": "s-1"}, "model_id": "acme-embed",
        "rate_limit": {"requests_per_minute": 100}}});
    for behavior in [Behavior::v9_2(), Behavior::v9_5(), Behavior::current()] {
        let version = behavior.version.clone();
        let es = with_acme(behavior);
        let create = |id: &str, tt: &str, body: &Value| {
            send(
                &es,
                "PUT",
                &format!("/_inference/{tt}/{id}"),
                Some(&body.to_string()),
            )
        };
        let mut missing = create_body.clone();
        missing["service_settings"]
            .as_object_mut()
            .unwrap()
            .shift_remove("credential");
        missing["service_settings"]
            .as_object_mut()
            .unwrap()
            .shift_remove("model_id");
        assert_eq!(
            create("a0", "text_embedding", &missing).reason(),
            "Validation Failed: 1: [service_settings] does not contain the required setting [credential];2: [service_settings] does not contain the required setting [model_id];",
            "{version}"
        );
        assert_eq!(
            create("a0", "completion", &create_body).reason(),
            "The [acme] service does not support task type [completion]"
        );
        let r = create("a", "text_embedding", &create_body);
        assert_eq!(r.status, 200, "{version} {}", r.body);
        let shown = json!({"model_id": "acme-embed", "rate_limit": {"requests_per_minute": 100}});
        assert_eq!(
            r.json()["service_settings"],
            shown,
            "{version}: no secret shown"
        );
        assert_eq!(es.endpoint("a").unwrap()["service_settings"], shown);
        assert_eq!(
            es.secrets("a"),
            json!({"credential": "c-1", "auth": {"signature": "s-1"}})
        );
        let r = update(&es, "/_inference/text_embedding/a/_update", &json!({"service_settings": {
            "credential": "c-2", "auth": {"signature": "s-2"}, "rate_limit": {"requests_per_minute": 5}}}).to_string());
        assert_eq!(r.status, 200, "{version} {}", r.body);
        assert_eq!(
            es.secrets("a"),
            json!({"credential": "c-2", "auth": {"signature": "s-2"}})
        );
        assert_eq!(
            r.json()["service_settings"]["rate_limit"]["requests_per_minute"],
            5,
            "{version}"
        );
        let (status, reason) = put(
            &es,
            "text_embedding",
            "a",
            r#"{"service_settings":{"credential":"c-3","model_id":"other"}}"#,
        );
        if version == "9.2.0" {
            assert_eq!(status, 200, "{version}: kept silently");
            assert_eq!(
                es.endpoint("a").unwrap()["service_settings"]["model_id"],
                "acme-embed"
            );
            assert_eq!(
                put(&es, "text_embedding", "a", r#"{"service_settings":{"rate_limit":{"requests_per_minute":6}}}"#),
                (400, "Validation Failed: 1: [secret_settings] does not contain the required setting [credential];".into())
            );
        } else {
            assert_eq!(
                (status, reason),
                leftover("model_id=other", "acme"),
                "{version}"
            );
            assert_eq!(es.secrets("a")["credential"], "c-2", "nothing stored");
        }
    }
    let es = with_acme(Behavior::v9_5());
    let r = send(&es, "GET", "/_inference/_services/rerank", None);
    let names: Vec<Value> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["service"].clone())
        .collect();
    assert!(names.contains(&json!("acme")), "{names:?}");
    let r = send(&es, "GET", "/_inference/_services/completion", None);
    assert!(!r.body.contains("\"acme\""));
}

#[test]
fn the_unknown_keys_knob_drops_unknown_keys_but_not_known_fixed_ones() {
    let es = FakeEs::with_behavior(Behavior {
        rejects_unknown_keys: false,
        ..Behavior::v9_5()
    });
    es.insert(openai_embedding("emb"));
    let r = update(
        &es,
        "/_inference/text_embedding/emb/_update",
        r#"{"service_settings":{"colour":"red","organization_id":"o"},"task_settings":{"shape":1}}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.json()["service_settings"].get("colour").is_none());
    assert_eq!(r.json()["service_settings"]["organization_id"], "o");
    assert_eq!(
        put(
            &es,
            "text_embedding",
            "emb",
            r#"{"service_settings":{"dimensions":8}}"#
        ),
        leftover("dimensions=8", "openai")
    );
}
