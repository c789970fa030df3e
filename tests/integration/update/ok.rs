//! `infer update` doing its job: the request on the wire, the result on
//! stdout, the summary on stderr, settings from every input in order.

use serde_json::json;

use crate::fake_es::{FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::{arg, fake_with_emb, file, infer_at, run, update_at};

#[test]
fn sends_a_put_to_the_two_segment_path_and_prints_the_endpoint() {
    let es = FakeEs::start();
    es.insert(openai_embedding("my-id"));
    let out = run(infer_at(&es.url()).args(["update", "my-id", "--set", "task_settings.user=bob"]))
        .expect(0)
        .stderr_has("updated text_embedding endpoint 'my-id': verified task_settings.user");
    assert_eq!(out.json()["task_settings"]["user"], "bob");
    assert_eq!(out.json()["inference_id"], "my-id");

    let requests = es.requests();
    assert_eq!(
        requests.len(),
        3,
        "the pre-flight GET, the version (would this server reset the chunking?), one PUT"
    );
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path.as_str()),
        ("GET", "/_inference/my-id")
    );
    assert_eq!(
        (requests[1].method.as_str(), requests[1].path.as_str()),
        ("GET", "/")
    );
    let put = &requests[2];
    assert_eq!(
        (put.method.as_str(), put.path.as_str()),
        ("PUT", "/_inference/text_embedding/my-id/_update")
    );
    assert_eq!(put.header("content-type"), Some("application/json"));
    assert_eq!(put.header("accept"), Some("application/json"));
    assert_eq!(
        put.header("user-agent"),
        Some(concat!("infer/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(put.json(), json!({"task_settings": {"user": "bob"}}));
    assert_eq!(
        es.endpoint("my-id").unwrap()["task_settings"]["user"],
        "bob"
    );
}

#[test]
fn stdout_is_plain_json_when_piped() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let out = run(infer_at(&es.url()).args(["update", "rr", "--set", "task_settings.top_n:=3"]))
        .expect(0);
    assert!(
        !out.stdout.contains('\x1b'),
        "no colour in a pipe: {}",
        out.stdout
    );
    assert_eq!(out.json()["task_settings"]["top_n"], 3);
    assert!(
        !out.stderr.contains('{'),
        "no JSON on stderr: {}",
        out.stderr
    );
}

#[test]
fn settings_file_accepts_the_get_shape_and_sends_only_sections() {
    let es = fake_with_emb();
    let (_dir, path) = file(
        "emb.json",
        r#"{"inference_id": "emb", "task_type": "text_embedding", "service": "openai",
            "service_settings": {"rate_limit": {"requests_per_minute": 500}},
            "task_settings": {"user": "carol"}}"#,
    );
    run(infer_at(&es.url()).args(["update", "emb", "--settings", &arg(&path)])).expect(0);
    assert_eq!(
        es.writes()[0].json(),
        json!({"service_settings": {"rate_limit": {"requests_per_minute": 500}}, "task_settings": {"user": "carol"}})
    );
}

#[test]
fn settings_file_may_be_a_whole_get_answer() {
    let es = fake_with_emb();
    let answer = json!({"endpoints": [{"inference_id": "emb", "task_type": "text_embedding",
        "service": "openai", "task_settings": {"user": "dan"}}]});
    run(infer_at(&es.url())
        .args(["update", "emb", "--settings", "-"])
        .write_stdin(answer.to_string()))
    .expect(0);
    assert_eq!(
        es.writes()[0].json(),
        json!({"task_settings": {"user": "dan"}})
    );
}

#[test]
fn inputs_apply_in_order_file_flags_set_allocations_secrets() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let (_dir, path) = file(
        "s.json",
        r#"{"service_settings": {"num_allocations": 1, "adaptive_allocations": {"enabled": true, "min_number_of_allocations": 1}}}"#,
    );
    let (_d2, flags) = file(
        "ss.json",
        r#"{"adaptive_allocations": {"enabled": false}, "num_allocations": 2}"#,
    );
    let out = update_at(
        &es,
        &[
            "e5",
            "--no-verify",
            "--dry-run",
            "--settings",
            &arg(&path),
            "--service-settings",
            &format!("@{}", arg(&flags)),
            "--set",
            "service_settings.num_allocations:=3",
            "--set",
            "service_settings.adaptive_allocations.min_number_of_allocations:=0",
            "--num-allocations",
            "4",
        ],
    )
    .expect(0);
    assert_eq!(
        out.json()["body"],
        json!({"service_settings": {"num_allocations": 4,
            "adaptive_allocations": {"enabled": false, "min_number_of_allocations": 0}}})
    );
    assert!(es.writes().is_empty(), "a dry run writes nothing");
}

#[test]
fn num_allocations_lag_is_reported_not_failed() {
    let es = FakeEs::with_behavior(crate::fake_es::Behavior {
        live_num_allocations: Some(1),
        ..Default::default()
    });
    es.insert(elser("sparse"));
    run(infer_at(&es.url()).args(["update", "sparse", "--num-allocations", "4"]))
        .expect(0)
        .stderr_has("service_settings.num_allocations: asked 4, the server reports 1 for now");
    assert_eq!(
        es.writes()[0].json(),
        json!({"service_settings": {"num_allocations": 4}})
    );
}

#[test]
fn quiet_prints_only_the_result() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let out =
        run(infer_at(&es.url()).args(["update", "rr", "-q", "--set", "task_settings.top_n:=5"]))
            .expect(0);
    assert_eq!(out.stderr, "");
    assert_eq!(out.json()["task_settings"]["top_n"], 5);
}

#[test]
fn no_preflight_sends_exactly_one_put() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    update_at(
        &es,
        &[
            "rr",
            "--no-preflight",
            "--task-type",
            "RERANK",
            "--set",
            "task_settings.top_n:=2",
        ],
    )
    .expect(0);
    let requests = es.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/_inference/rerank/rr/_update");
}

#[test]
fn matching_service_in_the_file_is_checked_and_dropped() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    run(infer_at(&es.url())
        .args(["update", "rr", "--settings", "-"])
        .write_stdin(r#"{"service": "cohere", "task_settings": {"top_n": 1}}"#))
    .expect(0);
    assert_eq!(
        es.writes()[0].json(),
        json!({"task_settings": {"top_n": 1}})
    );
}

#[test]
fn chunking_settings_are_sent_and_verified_on_new_servers() {
    let es = fake_with_emb();
    run(infer_at(&es.url()).args([
        "update", "emb", "--chunking-settings",
        r#"{"strategy": "word", "max_chunk_size": 120, "overlap": 40}"#,
    ]))
    .expect(0)
    .stderr_has("verified chunking_settings.strategy, chunking_settings.max_chunk_size, chunking_settings.overlap");
    assert_eq!(
        es.endpoint("emb").unwrap()["chunking_settings"],
        json!({"strategy": "word", "max_chunk_size": 120, "overlap": 40})
    );
}

#[test]
fn a_large_body_is_sent_whole_on_every_try_and_summed_up_in_one_line() {
    // 9.2 keeps what it knows of task settings and answers 200.
    let es = FakeEs::with_behavior(crate::fake_es::Behavior::v9_2());
    es.insert(cohere_rerank("big"));
    let settings: serde_json::Map<String, serde_json::Value> = (0..20_000)
        .map(|i| (format!("k{i:05}\u{e9}\""), json!(["x".repeat(20), i])))
        .collect();
    let text = json!({"task_settings": settings}).to_string();
    assert!(
        text.len() > 500_000,
        "larger than what is written out whole"
    );
    let (_d, path) = file("big.json", &text);
    // The first try is refused as busy: the body is written again.
    es.respond_next(503, "application/json", r#"{"error":"busy","status":503}"#);
    let out = update_at(
        &es,
        &[
            "big",
            "--task-type",
            "rerank",
            "--no-preflight",
            "--no-verify",
            "--settings",
            &arg(&path),
        ],
    )
    .expect(0);
    let writes = es.writes();
    assert_eq!(writes.len(), 2);
    for write in &writes {
        let sent: serde_json::Value = serde_json::from_str(&write.body).unwrap();
        assert_eq!(sent, json!({"task_settings": settings}));
        assert_eq!(
            write.header("content-length"),
            Some(write.body.len().to_string().as_str())
        );
    }
    let summary: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("updated rerank endpoint 'big'"))
        .collect();
    assert_eq!(summary.len(), 1, "{}", out.stderr);
    assert!(summary[0].ends_with("and 19994 more"), "{}", summary[0]);
}
