//! `get` and `delete` with several ids, `-t`, and the local refusal of a
//! preconfigured endpoint's deletion.

use crate::fake_es::{FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::{infer_at, run};

#[test]
fn get_with_several_ids_prints_an_array_in_their_order() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    es.insert(cohere_rerank("rr"));
    let out = run(infer_at(&es.url()).args(["get", "rr", "emb"])).expect(0);
    assert_eq!(out.json()[0], es.endpoint("rr").unwrap());
    assert_eq!(out.json()[1], es.endpoint("emb").unwrap());
    assert_eq!(out.stderr, "");
}

#[test]
fn get_reports_each_missing_id_and_exits_with_the_first_failure() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
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
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let out = run(infer_at(&es.url()).args(["get", "emb"])).expect(0);
    assert!(out.json().is_object());
    let out = run(infer_at(&es.url()).args(["get", "ghost"])).expect(4);
    assert_eq!(
        out.stderr,
        "infer: error: HTTP 404 resource_not_found_exception: Inference endpoint not found [ghost]\n"
    );
}

#[test]
fn t_is_short_for_task_type() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    run(infer_at(&es.url()).args(["get", "rr", "-t", "rerank"])).expect(0);
    run(infer_at(&es.url()).args(["list", "-t", "rerank"])).expect(0);
    run(infer_at(&es.url()).args(["services", "-t", "rerank", "--json"])).expect(0);
    run(infer_at(&es.url()).args(["delete", "rr", "-t", "rerank", "--dry-run"])).expect(0);
    let paths: Vec<String> = es.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths[0], "/_inference/rerank/rr");
    assert_eq!(paths[1], "/_inference/rerank/_all");
    assert_eq!(paths[3], "/_inference/rerank/rr?dry_run=true");
    run(infer_at(&es.url()).args([
        "update",
        "rr",
        "-t",
        "rerank",
        "--set",
        "task_settings.top_n:=2",
    ]))
    .expect(0);
    run(infer_at(&es.url()).args([
        "create",
        "new",
        "-t",
        "rerank",
        "--service",
        "cohere",
        "--dry-run",
        "--set",
        "service_settings.model_id=m",
        "--set",
        "service_settings.api_key=k",
    ]))
    .expect(0);
}

#[test]
fn delete_with_several_ids_deletes_each_and_reports_each() {
    let es = FakeEs::start();
    es.insert(openai_embedding("a"));
    es.insert(cohere_rerank("b"));
    es.insert(openai_embedding("c"));
    es.add_reference("b", "pipeline:ingest");
    let out = run(infer_at(&es.url()).args(["delete", "a", "b", "c", "--yes"]))
        .expect(4)
        .stderr_has("infer: deleted endpoint 'a'")
        .stderr_has("infer: error: 'b': HTTP 409")
        .stderr_has("infer: deleted endpoint 'c'")
        .stderr_has("infer: error: 1 of 3 endpoints could not be deleted: 'b'");
    let done = out.json();
    assert_eq!(done.as_array().unwrap().len(), 2);
    assert_eq!(done[0]["inference_id"], "a");
    assert_eq!(done[0]["acknowledged"], true);
    assert_eq!(done[1]["inference_id"], "c");
    assert!(es.endpoint("a").is_none() && es.endpoint("c").is_none());
    assert!(es.endpoint("b").is_some());
}

#[test]
fn delete_of_several_without_yes_or_terminal_sends_nothing() {
    let es = FakeEs::start();
    run(infer_at(&es.url()).args(["delete", "a", "b"]))
        .expect(3)
        .stderr_has("not deleting 'a', 'b' without confirmation");
    assert!(es.requests().is_empty());
}

#[test]
fn delete_of_a_preconfigured_endpoint_is_refused_locally() {
    let es = FakeEs::start();
    es.insert(elser(".elser-2-elasticsearch"));
    es.insert(openai_embedding("emb"));
    let out = run(infer_at(&es.url()).args(["delete", "emb", ".elser-2-elasticsearch", "--yes"]))
        .expect(3)
        .stderr_has("'.elser-2-elasticsearch' is a preconfigured endpoint (its id starts with '.')")
        .stderr_has("pass --force to delete it anyway; nothing was deleted");
    assert_eq!(out.stdout, "");
    assert!(es.requests().is_empty(), "nothing sent, not even for 'emb'");
    run(infer_at(&es.url()).args(["--curl", "delete", ".elser-2-elasticsearch"])).expect(3);
    assert!(es.endpoint(".elser-2-elasticsearch").is_some());

    run(infer_at(&es.url()).args(["delete", ".elser-2-elasticsearch", "--yes", "--force"]))
        .expect(0)
        .stderr_has("deleted endpoint '.elser-2-elasticsearch'");
    assert_eq!(
        es.writes()[0].path,
        "/_inference/.elser-2-elasticsearch?force=true"
    );
    assert!(es.endpoint(".elser-2-elasticsearch").is_none());
}

#[test]
fn dry_run_of_a_preconfigured_endpoint_says_force_is_needed() {
    let es = FakeEs::start();
    es.insert(elser(".elser-2-elasticsearch"));
    let out = run(infer_at(&es.url()).args(["delete", ".elser-2-elasticsearch", "--dry-run"]))
        .expect(0)
        .stderr_has("dry run: '.elser-2-elasticsearch' is a preconfigured endpoint: deleting it needs --force");
    assert_eq!(out.stdout, "");
    assert!(es.requests().is_empty());
    // With --force the server is asked what uses it; still nothing deleted.
    run(infer_at(&es.url()).args(["delete", ".elser-2-elasticsearch", "--dry-run", "--force"]))
        .expect(0)
        .stderr_has("dry run: no pipeline or index uses '.elser-2-elasticsearch'");
    assert_eq!(
        es.requests()[0].path,
        "/_inference/.elser-2-elasticsearch?dry_run=true&force=true"
    );
    assert!(es.endpoint(".elser-2-elasticsearch").is_some());
}
