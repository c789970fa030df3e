//! `infer delete`.

use crate::fake_es::{FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::terminal::{at, on_terminal};
use crate::harness::{fake_with_emb, infer_at, run};

#[test]
fn deletes_with_yes() {
    let es = fake_with_emb();
    let out = run(infer_at(&es.url()).args(["delete", "emb", "--yes"]))
        .expect(0)
        .stderr_has("deleted endpoint 'emb'");
    assert_eq!(out.json()["acknowledged"], true);
    assert!(es.endpoint("emb").is_none());
    assert_eq!(es.writes()[0].path, "/_inference/emb");
}

#[test]
fn refuses_without_a_terminal_or_yes() {
    let es = fake_with_emb();
    run(infer_at(&es.url()).args(["delete", "emb"]))
        .expect(3)
        .stderr_has("not deleting 'emb' without confirmation, and there is no terminal to ask on: pass --yes");
    assert!(es.requests().is_empty());
}

#[test]
fn dry_run_lists_what_uses_it() {
    let es = fake_with_emb();
    es.add_reference("emb", "pipeline:ingest-docs");
    es.add_reference("emb", "index:docs");
    let out = run(infer_at(&es.url()).args(["delete", "emb", "--dry-run"]))
        .expect(0)
        .stderr_has("dry run: 'emb' is used by pipelines [ingest-docs] and indices [docs]; deleting it needs --force; nothing was deleted");
    assert_eq!(out.json()["pipelines"][0], "ingest-docs");
    assert_eq!(es.requests()[0].path, "/_inference/emb?dry_run=true");
    assert!(es.endpoint("emb").is_some());
}

#[test]
fn a_referenced_endpoint_needs_force() {
    let es = fake_with_emb();
    es.add_reference("emb", "pipeline:ingest-docs");
    run(infer_at(&es.url()).args(["delete", "emb", "--yes"]))
        .expect(4)
        .stderr_has("HTTP 409 status_exception: Inference endpoint emb is referenced by pipelines: [ingest-docs]")
        .stderr_has("hint: infer delete --dry-run lists what uses it; --force deletes it anyway");
    assert!(es.endpoint("emb").is_some());
    run(infer_at(&es.url()).args(["delete", "emb", "--yes", "--force"])).expect(0);
    assert!(es.endpoint("emb").is_none());
    assert_eq!(es.writes()[1].path, "/_inference/emb?force=true");
}

#[test]
fn failures() {
    let es = FakeEs::start();
    es.insert(elser(".elser-2-elasticsearch"));
    run(infer_at(&es.url()).args(["delete", "ghost", "--yes"]))
        .expect(4)
        .stderr_has("Inference endpoint not found [ghost]");
    // Refused by infer, before anything is sent (as
    // delete_of_a_preconfigured_endpoint_is_refused_locally shows).
    run(infer_at(&es.url()).args(["delete", ".elser-2-elasticsearch", "--yes"])).expect(3);
    run(infer_at("http://127.0.0.1:9").args(["--retries", "0", "delete", "x", "--yes"])).expect(6);
}

#[test]
fn on_a_terminal_it_asks_first() {
    let es = fake_with_emb();
    let no = on_terminal(
        "delete emb",
        &[("ES_URL", &es.url())],
        &[at("[y/N] ", "n\n")],
    );
    assert_eq!(no.code, 3, "{}", no.screen);
    assert!(
        no.screen
            .contains("Delete text_embedding endpoint 'emb' (openai)?"),
        "{}",
        no.screen
    );
    assert!(es.endpoint("emb").is_some());
    let yes = on_terminal(
        "delete emb",
        &[("ES_URL", &es.url())],
        &[at("[y/N] ", "y\n")],
    );
    assert_eq!(yes.code, 0, "{}", yes.screen);
    assert!(es.endpoint("emb").is_none());
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
