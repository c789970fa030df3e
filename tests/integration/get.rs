//! `infer get`: reading endpoints.

use crate::fake_es::{FakeEs, cohere_rerank, elser};
use crate::harness::{arg, fake_with_emb, file, infer_at, run};
use serde_json::json;

#[test]
fn get_prints_the_endpoint_object() {
    let es = fake_with_emb();
    let out = run(infer_at(&es.url()).args(["get", "emb"])).expect(0);
    assert_eq!(out.json(), es.endpoint("emb").unwrap());
    assert_eq!(out.json()["inference_id"], "emb");
    assert!(out.json()["service_settings"].get("api_key").is_none());
    assert_eq!(es.requests()[0].path, "/_inference/emb");
}

#[test]
fn get_with_a_task_type_uses_the_two_segment_path() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    run(infer_at(&es.url()).args(["get", "rr", "--task-type", "rerank"])).expect(0);
    assert_eq!(es.requests()[0].path, "/_inference/rerank/rr");
    run(infer_at(&es.url()).args(["get", "rr", "--task-type", "completion"]))
        .expect(4)
        .stderr_has("HTTP 400");
}

#[test]
fn get_failures() {
    let es = FakeEs::start();
    run(infer_at(&es.url()).args(["get", "ghost"]))
        .expect(4)
        .stderr_has("HTTP 404 resource_not_found_exception: Inference endpoint not found [ghost]");
    run(infer_at(&es.url()).args(["get", "Bad/Id"]))
        .expect(2)
        .stderr_has("invalid inference id 'Bad/Id'");
    run(infer_at("http://127.0.0.1:9").args(["--retries", "0", "get", "x"])).expect(6);
}

#[test]
fn get_reads_preconfigured_endpoints() {
    let es = FakeEs::start();
    let mut pre = elser(".elser-2-elasticsearch");
    pre["service_settings"]["deployment_id"] = json!(".elser-2-elasticsearch");
    es.insert(pre);
    let out = run(infer_at(&es.url()).args(["get", ".elser-2-elasticsearch"])).expect(0);
    assert_eq!(
        out.json()["inference_id"],
        ".elser-2-elasticsearch",
        "{}",
        out.stdout
    );
}

#[test]
fn get_output_round_trips_through_update() {
    let es = fake_with_emb();
    let out = run(infer_at(&es.url()).args(["get", "emb"])).expect(0);
    let mut edited = out.json();
    edited["task_settings"]["user"] = json!("round-trip");
    let (_dir, path) = file("emb.json", edited.to_string());
    run(infer_at(&es.url()).args(["update", "emb", "--settings", &arg(&path)])).expect(0);
    assert_eq!(
        es.endpoint("emb").unwrap()["task_settings"]["user"],
        "round-trip"
    );
    // Only what changed is sent: never the read-only keys, nor the values
    // the endpoint already has.
    assert_eq!(
        es.writes()[0].json(),
        json!({"task_settings": {"user": "round-trip"}})
    );
}

#[test]
fn an_unchanged_round_trip_sends_nothing() {
    let es = fake_with_emb();
    let out = run(infer_at(&es.url()).args(["get", "emb"])).expect(0);
    let (_dir, path) = file("emb.json", &out.stdout);
    let again = run(infer_at(&es.url()).args(["update", "emb", "--settings", &arg(&path)]))
        .expect(0)
        .stderr_has("already stored, not sent: service_settings.model_id")
        .stderr_has("no change: endpoint 'emb' already has these values; nothing was sent");
    assert!(!again.stderr.contains("warning"), "{}", again.stderr);
    assert_eq!(again.json(), out.json());
    assert!(es.writes().is_empty());
}

#[test]
fn get_with_several_ids_prints_an_array_in_their_order() {
    let es = fake_with_emb();
    es.insert(cohere_rerank("rr"));
    let out = run(infer_at(&es.url()).args(["get", "rr", "emb"])).expect(0);
    assert_eq!(out.json()[0], es.endpoint("rr").unwrap());
    assert_eq!(out.json()[1], es.endpoint("emb").unwrap());
    assert_eq!(out.stderr, "");
}

#[test]
fn get_reports_each_missing_id_and_exits_with_the_first_failure() {
    let es = fake_with_emb();
    let out = run(infer_at(&es.url()).args(["get", "ghost", "emb", "Bad.Id"]));
    // Ids are checked before anything is sent: exit 2, nothing read.
    let out = out.expect(2).stderr_has("invalid inference id 'Bad.Id'");
    assert_eq!(out.stdout, "");
    assert!(es.requests().is_empty());

    let out = run(infer_at(&es.url()).args(["get", "ghost", "emb", "gone"]))
        .expect(4)
        .stderr_has("infer: error: 'ghost': HTTP 404")
        .stderr_has("infer: error: 'gone': HTTP 404")
        .stderr_has("infer: error: 2 of 3 endpoints could not be read: 'ghost', 'gone'");
    assert_eq!(out.json().as_array().unwrap().len(), 1);
    assert_eq!(out.json()[0]["inference_id"], "emb");
}

#[test]
fn get_stops_at_a_connection_failure() {
    run(infer_at("http://127.0.0.1:9").args(["--retries", "0", "get", "a", "b", "c"]))
        .expect(6)
        .stderr_has("1 of 3 endpoints could not be read: 'a'; not tried: 'b', 'c'");
}

#[test]
fn one_id_reads_as_before() {
    let es = fake_with_emb();
    let out = run(infer_at(&es.url()).args(["get", "emb"])).expect(0);
    assert!(out.json().is_object());
    let out = run(infer_at(&es.url()).args(["get", "ghost"])).expect(4);
    assert_eq!(
        out.stderr,
        "infer: error: HTTP 404 resource_not_found_exception: Inference endpoint not found [ghost]\n"
    );
}
