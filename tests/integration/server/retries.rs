//! Retries and time limits against a fake that fails on purpose: each case
//! ends with the right result, exit code and message, and nothing is sent
//! twice that should not be.

use std::time::{Duration, Instant};

use crate::fake_es::{FakeEs, Fault, cohere_rerank};
use crate::harness::{infer_at, run};

const UNAVAILABLE: &str = r#"{"error":{"root_cause":[{"type":"cluster_block_exception","reason":"blocked"}],"type":"cluster_block_exception","reason":"blocked"},"status":503}"#;

fn rerank() -> FakeEs {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    es
}

fn update(es: &FakeEs, extra: &[&str]) -> crate::harness::Run {
    let mut args = vec!["update", "rr", "-v", "--set", "task_settings.top_n:=3"];
    args.extend_from_slice(extra);
    run(infer_at(&es.url()).args(args))
}

#[test]
fn a_503_then_success() {
    let es = rerank();
    es.respond_next(503, "application/json", UNAVAILABLE);
    update(&es, &[])
        .expect(0)
        .stderr_has("retry 1/3 in ")
        .stderr_has(": HTTP 503");
    let paths: Vec<String> = es
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        paths,
        [
            "GET /_inference/rr",
            "GET /_inference/rr",
            "PUT /_inference/rerank/rr/_update"
        ]
    );
}

#[test]
fn a_429_waits_as_long_as_retry_after_says() {
    let es = rerank();
    es.respond_next_with_header(429, "application/json", UNAVAILABLE, ("Retry-After", "1"));
    let started = Instant::now();
    update(&es, &[])
        .expect(0)
        .stderr_has("retry 1/3 in 1000 ms: HTTP 429");
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[test]
fn a_retry_after_beyond_the_budget_is_not_waited_for() {
    let es = rerank();
    es.respond_next_with_header(
        429,
        "application/json",
        UNAVAILABLE,
        ("Retry-After", "3600"),
    );
    update(&es, &[])
        .expect(4)
        .stderr_has("no retry: waiting 3600000 ms would pass the retry budget");
    assert_eq!(es.requests().len(), 1);
}

#[test]
fn retries_give_up_after_the_limit() {
    let es = rerank();
    for _ in 0..3 {
        es.respond_next(503, "application/json", UNAVAILABLE);
    }
    update(&es, &["--retries", "2"])
        .expect(5)
        .stderr_has("HTTP 503 cluster_block_exception: blocked");
    assert_eq!(es.requests().len(), 3, "one try and two retries");
}

#[test]
fn a_lost_connection_on_an_update_is_retried() {
    let es = rerank();
    // Pre-flight GET answered, then the PUT is read and the connection dropped.
    es.fault_next(Fault::Delay(Duration::ZERO));
    es.fault_next(Fault::Drop);
    update(&es, &[]).expect(0).stderr_has("connection lost");
    let puts = es.writes();
    assert_eq!(puts.len(), 2, "the update is sent again");
    assert_eq!(es.endpoint("rr").unwrap()["task_settings"]["top_n"], 3);
}

#[test]
fn a_lost_connection_on_a_create_is_not_retried() {
    let es = FakeEs::start();
    es.fault_next(Fault::Drop);
    run(infer_at(&es.url()).env("K", "co-key").args([
        "create",
        "rr2",
        "--task-type",
        "rerank",
        "--service",
        "cohere",
        "--secret-env",
        "api_key=K",
    ]))
    .expect(6);
    assert_eq!(es.writes().len(), 1, "a create is never sent twice");
}

#[test]
fn a_502_is_retried_for_an_update_but_not_for_a_delete() {
    let es = rerank();
    es.respond_next(502, "text/html", "<html><h1>502 Bad Gateway</h1></html>");
    update(&es, &[]).expect(0);
    es.respond_next(502, "text/html", "<html><h1>502 Bad Gateway</h1></html>");
    run(infer_at(&es.url()).args(["delete", "rr", "--yes"]))
        .expect(5)
        .stderr_has("HTTP 502 Bad Gateway (not an Elasticsearch answer)");
    assert!(es.endpoint("rr").is_some());
}

#[test]
fn a_500_is_never_retried() {
    let es = rerank();
    es.respond_next(
        500,
        "application/json",
        r#"{"error":{"type":"status_exception","reason":"Failed to update model"},"status":500}"#,
    );
    update(&es, &[])
        .expect(5)
        .stderr_has("HTTP 500 status_exception: Failed to update model");
    assert_eq!(es.requests().len(), 1);
}

#[test]
fn a_server_that_never_answers_times_out_once() {
    let es = rerank();
    es.fault_next(Fault::Hang);
    let started = Instant::now();
    update(&es, &["--timeout", "1s"])
        .expect(6)
        .stderr_has("no answer from ")
        .stderr_has("within the time limit");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(es.requests().len(), 1, "a timeout is not retried");
}

#[test]
fn a_slow_server_within_the_limit_is_waited_for() {
    let es = rerank();
    es.fault_next(Fault::Delay(Duration::from_millis(1500)));
    update(&es, &["--timeout", "10s"])
        .expect(0)
        .stderr_has("task_settings.top_n");
    assert_eq!(es.endpoint("rr").expect("rr")["task_settings"]["top_n"], 3);
}

#[test]
fn bad_time_limits_are_usage_errors() {
    let es = rerank();
    run(infer_at(&es.url()).args(["--timeout", "soon", "get", "rr"]))
        .expect(2)
        .stderr_has(
            "'soon' is not a duration: write a whole number and a unit, e.g. 90s, 2m or 1h",
        );
    assert!(es.requests().is_empty());
}

#[test]
fn a_server_timeout_is_sent_only_to_servers_that_take_it() {
    let new = rerank();
    update(&new, &["--server-timeout", "90s"])
        .expect(0)
        .stderr_has("server: Elasticsearch 9.5.0 (default)");
    let paths: Vec<String> = new.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "/_inference/rr",
            "/",
            "/_inference/rerank/rr/_update?timeout=90s"
        ]
    );

    let old = FakeEs::with_behavior(crate::fake_es::Behavior::v9_2());
    old.insert(cohere_rerank("rr"));
    update(
        &old,
        &["--server-timeout", "90s", "--secret-env", "api_key=HOME"],
    )
    .expect(0)
    .stderr_has("--server-timeout not sent: Elasticsearch 9.2 does not accept a timeout on update");
    assert_eq!(old.writes()[0].path, "/_inference/rerank/rr/_update");

    // Asked only when needed: no GET / without --server-timeout.
    let plain = rerank();
    update(&plain, &[]).expect(0);
    assert!(plain.requests().iter().all(|r| r.path != "/"));
}

#[test]
fn a_timeout_on_a_write_is_followed_by_a_read_back_that_says_what_the_server_holds() {
    let es = rerank();
    es.fault_next(Fault::Delay(Duration::ZERO));
    es.fault_next(Fault::Hang);
    // The server never applied it: the read-back says so (exit 7, not applied).
    update(&es, &["--timeout", "1s"])
        .expect(7)
        .stderr_has("the answer to this write was lost (")
        .stderr_has("within the time limit (--timeout)")
        .stderr_has("as the server holds it now (read back)")
        .stderr_has("not applied: task_settings.top_n");
}

#[test]
fn a_reset_connection_on_an_update_is_retried_and_on_a_delete_is_not() {
    let es = rerank();
    es.fault_next(Fault::Delay(Duration::ZERO));
    es.fault_next(Fault::Reset);
    update(&es, &[]).expect(0).stderr_has("connection lost");
    assert_eq!(es.writes().len(), 2);
    es.fault_next(Fault::Reset);
    run(infer_at(&es.url()).args(["delete", "rr", "--yes"]))
        .expect(6)
        .stderr_has("lost the connection to ")
        .stderr_has("Connection reset by peer")
        .stderr_has("the request was sent and may have been applied: check with infer get");
    assert_eq!(es.writes().len(), 3, "the delete was sent once");
}
