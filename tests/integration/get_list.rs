//! `infer get` and `infer list`: reading endpoints.

use serde_json::json;

use crate::fake_es::{FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::terminal::on_terminal;
use crate::harness::{arg, file, infer_at, run};

#[test]
fn get_prints_the_endpoint_object() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
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
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
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
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
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

fn fleet() -> FakeEs {
    let es = FakeEs::start();
    es.insert(openai_embedding("zeta"));
    es.insert(cohere_rerank("alpha"));
    es.insert(elser("mid"));
    es.insert(elser(".elser-2-elasticsearch"));
    es
}

fn ids(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["inference_id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn list_is_a_sorted_json_array_when_piped() {
    let es = fleet();
    let out = run(infer_at(&es.url()).args(["list"])).expect(0);
    assert_eq!(
        ids(&out.json()),
        [".elser-2-elasticsearch", "alpha", "mid", "zeta"]
    );
    // Only what the command needs: no `GET /` for the version first.
    let paths: Vec<String> = es.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/_inference"]);
}

#[test]
fn list_filters() {
    let es = fleet();
    let out = run(infer_at(&es.url()).args([
        "list",
        "--task-type",
        "sparse_embedding",
        "--no-preconfigured",
    ]))
    .expect(0);
    assert_eq!(ids(&out.json()), ["mid"]);
    assert_eq!(es.requests()[0].path, "/_inference/sparse_embedding/_all");
    let out = run(infer_at(&es.url()).args(["list", "--service", "cohere"])).expect(0);
    assert_eq!(ids(&out.json()), ["alpha"]);
    let out = run(infer_at(&es.url()).args(["list", "--service", "nobody"])).expect(0);
    assert_eq!(out.json(), json!([]));
}

#[test]
fn list_on_a_terminal_is_a_table_marking_preconfigured_endpoints() {
    let es = fleet();
    let Some(tty) = on_terminal("list --color never", &[("ES_URL", &es.url())], &[]) else {
        return;
    };
    assert_eq!(tty.code, 0, "{}", tty.screen);
    let lines: Vec<&str> = tty.screen.lines().map(str::trim_end).collect();
    assert_eq!(
        lines[0],
        "ID                      TASK TYPE         SERVICE        MODEL                   CHUNKING      ALLOCATIONS"
    );
    assert!(lines[1].starts_with(".elser-2-elasticsearch  sparse_embedding  elasticsearch  .elser_model_2          sentence/250  1            preconfigured"), "{}", tty.screen);
    assert!(lines[2].starts_with("alpha                   rerank            cohere         rerank-english-v3.0     -             -"), "{}", tty.screen);
    assert!(lines[4].starts_with("zeta"), "{}", tty.screen);
    let json = on_terminal(
        "list --json",
        &[("ES_URL", &es.url()), ("NO_COLOR", "1")],
        &[],
    )
    .expect("tty");
    assert!(json.screen.trim_start().starts_with('['), "{}", json.screen);
}

#[test]
fn list_sends_only_the_one_read_it_needs() {
    let es = FakeEs::start();
    es.insert(crate::fake_es::cohere_rerank("rr"));
    run(infer_at(&es.url()).args(["list"])).expect(0);
    let paths: Vec<String> = es.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, ["/_inference"]);
}
