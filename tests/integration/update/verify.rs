//! Verification: after the write, infer compares the server's answer with
//! what was asked, and exits 7 when a server silently ignored part of it.

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::{fake_with_emb, infer_at, run, update_at};

#[test]
fn silently_ignored_field_exits_7_with_the_endpoint_on_stdout() {
    let es = FakeEs::with_behavior(Behavior::v9_2());
    es.insert(elser("sparse"));
    let out = run(infer_at(&es.url()).args([
        "update",
        "sparse",
        "--set",
        "service_settings.num_threads:=4",
        "--num-allocations",
        "2",
        // refused by infer without it: num_threads never changes (#137129)
        "--allow-field",
        "num_threads",
    ]))
    .expect(7)
    .stderr_has("not applied: service_settings.num_threads: asked 4, but the server kept 1")
    .stderr_has("changed: chunking_settings changed although this update did not touch it")
    .stderr_has("endpoint 'sparse' was written, but verification found 2 problems (above)");
    assert_eq!(
        out.json()["service_settings"]["num_threads"],
        1,
        "stdout has the server's answer"
    );
}

#[test]
fn unknown_key_dropped_by_an_old_server_exits_7() {
    let es = FakeEs::with_behavior(Behavior::v9_2());
    es.insert(cohere_rerank("rr"));
    run(infer_at(&es.url())
        .args([
            "update",
            "rr",
            "--set",
            "task_settings.unknown_setting:=3",
            "--secret-env",
            "api_key=K",
        ])
        .env("K", "co-key"))
    .expect(7)
    .stderr_has(
        "not applied: task_settings.unknown_setting: asked 3, but the server kept no value",
    );
}

#[test]
fn chunking_reset_by_an_old_server_exits_7() {
    let es = FakeEs::with_behavior(Behavior::v9_2());
    es.insert(openai_embedding("emb"));
    run(infer_at(&es.url())
        .args([
            "update",
            "emb",
            "--set",
            "task_settings.user=x",
            "--secret-env",
            "api_key=K",
        ])
        .env("K", "sk-1"))
    .expect(7)
    .stderr_has("changed: chunking_settings changed although this update did not touch it")
    .stderr_has(r#"now {"strategy":"word","max_chunk_size":250,"overlap":100}"#)
    .stderr_has("#139574");
}

#[test]
fn no_verify_trusts_the_answer() {
    let es = FakeEs::with_behavior(Behavior::v9_2());
    es.insert(elser("sparse"));
    update_at(
        &es,
        &[
            "sparse",
            "--no-verify",
            "--set",
            "service_settings.num_threads:=4",
            "--allow-field",
            "num_threads",
        ],
    )
    .expect(0)
    .stderr_has("(not verified: --no-verify): sent service_settings.num_threads");
}

#[test]
fn works_against_8_17() {
    let es = FakeEs::with_behavior(Behavior::v8_17());
    es.insert(elser("sparse"));
    let out =
        run(infer_at(&es.url()).args(["update", "sparse", "--num-allocations", "3"])).expect(7);
    // 8.17 resets chunking on any update: infer notices.
    assert!(
        out.stderr.contains("chunking_settings changed"),
        "{}",
        out.stderr
    );
    assert_eq!(
        es.writes()[0].path,
        "/_inference/sparse_embedding/sparse/_update"
    );
}

#[test]
fn chunking_replacement_is_explained() {
    let es = fake_with_emb();
    update_at(
        &es,
        &[
            "emb",
            "--chunking-settings",
            r#"{"strategy":"sentence","max_chunk_size":100}"#,
        ],
    )
    .expect(0)
    .stderr_has("note: chunking_settings replace the stored ones as a whole");
}
