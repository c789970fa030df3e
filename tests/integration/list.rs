//! `infer list`: the endpoints on the cluster, filtered, as JSON or a table.

use crate::fake_es::{FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::terminal::on_terminal;
use crate::harness::{infer_at, run};
use serde_json::json;

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
    let tty = on_terminal("list --color never", &[("ES_URL", &es.url())], &[]);
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
    );
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
