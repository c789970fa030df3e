//! `infer delete`.

use crate::fake_es::{FakeEs, elser, openai_embedding};
use crate::harness::terminal::{at, on_terminal};
use crate::harness::{infer_at, run};

#[test]
fn deletes_with_yes() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let out = run(infer_at(&es.url()).args(["delete", "emb", "--yes"]))
        .expect(0)
        .stderr_has("deleted endpoint 'emb'");
    assert_eq!(out.json()["acknowledged"], true);
    assert!(es.endpoint("emb").is_none());
    assert_eq!(es.writes()[0].path, "/_inference/emb");
}

#[test]
fn refuses_without_a_terminal_or_yes() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    run(infer_at(&es.url()).args(["delete", "emb"]))
        .expect(3)
        .stderr_has("not deleting 'emb' without confirmation, and there is no terminal to ask on: pass --yes");
    assert!(es.requests().is_empty());
}

#[test]
fn dry_run_lists_what_uses_it() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
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
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
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
    // Refused by infer, before anything is sent (several.rs).
    run(infer_at(&es.url()).args(["delete", ".elser-2-elasticsearch", "--yes"])).expect(3);
    run(infer_at("http://127.0.0.1:9").args(["--retries", "0", "delete", "x", "--yes"])).expect(6);
}

#[test]
fn on_a_terminal_it_asks_first() {
    let es = FakeEs::start();
    es.insert(openai_embedding("emb"));
    let Some(no) = on_terminal(
        "delete emb",
        &[("ES_URL", &es.url())],
        &[at("[y/N] ", "n\n")],
    ) else {
        return;
    };
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
    )
    .expect("tty");
    assert_eq!(yes.code, 0, "{}", yes.screen);
    assert!(es.endpoint("emb").is_none());
}
