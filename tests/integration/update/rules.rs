//! What an update may change: on servers that keep what they cannot apply, refused before
//! writing with the way out; on servers that answer 400 to it, sent, and the 400 explained with
//! the same way out.

use serde_json::json;

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, openai_embedding};
use crate::harness::scenarios::llama;
use crate::harness::{fake_with_emb, infer_at, run, update_at};

fn current() -> FakeEs {
    FakeEs::with_behavior(Behavior::current())
}

#[test]
fn an_older_server_that_keeps_a_key_silently_gets_a_refusal_with_the_way_out() {
    let es = FakeEs::with_behavior(Behavior::v9_2());
    es.insert(openai_embedding("emb"));
    update_at(
        &es,
        &[
            "emb",
            "--set",
            "service_settings.model_id=text-embedding-3-large",
            "--set",
            "service_settings.dimensions:=256",
            "--set",
            "task_settings.user=ok",
        ],
    )
    .expect(3)
    .stderr_has("nothing was written to endpoint 'emb': service_settings.model_id and service_settings.dimensions cannot change on an endpoint of the openai service: Elasticsearch 9.2 updates only secrets and num_allocations")
    .stderr_has("Create a new endpoint with the new value and point your index at it: infer create NEW_ID --from emb --set service_settings.model_id=NEW_VALUE --set service_settings.dimensions:=NEW_VALUE (and its secret, e.g. --secret-env api_key=VAR)")
    .stderr_has("--allow-field model_id --allow-field dimensions sends it anyway");
    assert!(es.writes().is_empty());
}

#[test]
fn the_newest_server_judges_a_key_and_its_400_gets_the_way_out_in_both_forms() {
    let es = current();
    es.insert(openai_embedding("emb"));
    // The leftover-map form (TransportUpdateInferenceModelAction).
    update_at(&es, &["emb", "--set", "service_settings.model_id=text-embedding-3-large"])
    .expect(4)
    .stderr_has("Configuration contains settings [{model_id=text-embedding-3-large}] unknown to the [openai] service")
    .stderr_has("hint: the openai service does not update service_settings.model_id. Create a new endpoint with the new value and point your index at it: infer create NEW_ID --from emb");
    assert_eq!(es.writes().len(), 1, "the server decided");

    // The strict-parser form (#157900).
    es.insert(llama("ll"));
    run(infer_at(&es.url()).args(["update", "ll", "--set", "service_settings.model_id=other"]))
        .expect(4)
        .stderr_has("[service_settings] unknown field [model_id]")
        .stderr_has("hint: the llama service does not update service_settings.model_id");
}

#[test]
fn without_the_preflight_read_the_servers_400_is_explained() {
    let es = current();
    es.insert(openai_embedding("emb"));
    update_at(
        &es,
        &[
            "emb",
            "--task-type",
            "text_embedding",
            "--no-preflight",
            "--set",
            "service_settings.similarity=dot_product",
        ],
    )
    .expect(4)
    .stderr_has("hint: the openai service does not update service_settings.similarity");
}

#[test]
fn the_catalogue_can_admit_a_key_the_table_does_not_list() {
    // The fake's catalogue says cohere's rate limit is updatable; infer's table does not list it.
    let es = current();
    es.insert(cohere_rerank("rr"));
    let out = update_at(
        &es,
        &[
            "rr",
            "--set",
            "service_settings.rate_limit.requests_per_minute:=100",
        ],
    )
    .expect(0)
    .stderr_has("verified service_settings.rate_limit.requests_per_minute");
    assert_eq!(
        out.json()["service_settings"]["rate_limit"]["requests_per_minute"],
        100
    );
    // On an old server nothing but secrets and allocations changes, whatever the catalogue says.
    let old = FakeEs::with_behavior(Behavior::v9_2());
    old.insert(cohere_rerank("rr"));
    run(infer_at(&old.url()).args([
        "update",
        "rr",
        "--set",
        "service_settings.rate_limit.requests_per_minute:=100",
    ]))
    .expect(3)
    .stderr_has("Elasticsearch 9.2 updates only secrets and num_allocations");
}

#[test]
fn secrets_one_kind_at_a_time_and_pairs_together() {
    let es = current();
    es.insert(
        json!({"inference_id": "aws", "task_type": "completion", "service": "amazonbedrock",
        "service_settings": {"access_key": "AK-old", "secret_key": "SK-old", "region": "us-east-1",
            "model": "m", "provider": "anthropic"}}),
    );
    run(infer_at(&es.url())
        .env("NEW", "AK-new-value")
        .args(["update", "aws", "--secret-env", "access_key=NEW"]))
    .expect(3)
    .stderr_has("the amazonbedrock service rotates access_key and secret_key together, and this update leaves out secret_key");
    run(infer_at(&es.url())
        .env("A", "AK-new-value")
        .env("S", "SK-new-value")
        .args([
            "update",
            "aws",
            "--secret-env",
            "access_key=A",
            "--secret-env",
            "secret_key=S",
        ]))
    .expect(0)
    .stderr_has(
        "sent service_settings.access_key, service_settings.secret_key (secret, not readable back)",
    );
    assert_eq!(es.secrets("aws")["secret_key"], "SK-new-value");

    es.insert(crate::harness::scenarios::azure("az"));
    run(infer_at(&es.url()).env("A", "one").env("B", "two").args([
        "update",
        "az",
        "--secret-env",
        "api_key=A",
        "--secret-env",
        "entra_id=B",
    ]))
    .expect(3)
    .stderr_has("holds one kind of secret, and this update gives api_key and entra_id");
    assert!(es.writes().iter().all(|w| !w.path.contains("/az/")));
}

#[test]
fn null_is_refused_where_it_would_be_ignored_and_verified_as_a_reset_where_it_works() {
    let es = current();
    es.insert(openai_embedding("emb"));
    run(infer_at(&es.url()).args(["update", "emb", "--unset", "service_settings.rate_limit"]))
        .expect(3)
        .stderr_has("the openai service does not reset a setting sent as null (its update parser reads it as \"not given\" and keeps the value)");
    es.insert(llama("ll"));
    let out = update_at(
        &es,
        &[
            "ll",
            "--unset",
            "service_settings.rate_limit",
            "--set",
            "service_settings.max_input_tokens:=null",
        ],
    )
    .expect(0)
    .stderr_has("service_settings.rate_limit: reset; the server's default is {\"requests_per_minute\":3000}")
    .stderr_has("service_settings.max_input_tokens: cleared")
    .stderr_has("reset service_settings.max_input_tokens, service_settings.rate_limit");
    assert!(
        out.json()["service_settings"]
            .get("max_input_tokens")
            .is_none()
    );
    assert_eq!(
        es.writes()[0].json(),
        json!({"service_settings": {"rate_limit": null, "max_input_tokens": null}})
    );
}

#[test]
fn unset_rejects_what_it_cannot_mean() {
    let es = current();
    for (path, message) in [
        (
            "service_settings.api_key",
            "a secret cannot be removed from an endpoint",
        ),
        (
            "chunking_settings.overlap",
            "expected service_settings.KEY or task_settings.KEY",
        ),
        (
            "task_settings",
            "expected service_settings.KEY or task_settings.KEY",
        ),
    ] {
        run(infer_at(&es.url()).args(["update", "x", "--unset", path]))
            .expect(2)
            .stderr_has(message);
    }
    assert!(es.requests().is_empty());
}

#[test]
fn an_old_server_that_would_lose_the_chunking_is_warned_about_first() {
    let es = FakeEs::with_behavior(Behavior::v9_2());
    es.insert(openai_embedding("emb"));
    run(infer_at(&es.url()).args(["update", "emb", "--set", "task_settings.user=bob"]))
        .expect(7)
        .stderr_has("warning: Elasticsearch 9.2 may reset this endpoint's chunking_settings to word/250/100")
        .stderr_has("re-create the endpoint with chunking_settings {\"strategy\":\"sentence\",\"max_chunk_size\":250,\"sentence_overlap\":1}");
}

#[test]
fn a_write_whose_answer_cannot_be_read_says_it_was_written() {
    let es = current();
    es.insert(cohere_rerank("rr"));
    es.respond_next(200, "application/json", "this is not json");
    update_at(
        &es,
        &[
            "rr",
            "--task-type",
            "rerank",
            "--no-preflight",
            "--set",
            "task_settings.top_n:=4",
        ],
    )
    .expect(7)
    .stderr_has("endpoint 'rr' was updated, but its answer cannot be read")
    .stderr_has("check it with infer get rr");
}

#[test]
fn a_partial_chunking_change_starts_from_the_stored_chunking() {
    let es = fake_with_emb();
    let out = update_at(
        &es,
        &["emb", "--set", "chunking_settings.max_chunk_size:=300"],
    )
    .expect(0);
    assert_eq!(
        es.writes()[0].json(),
        json!({"chunking_settings": {"strategy": "sentence", "max_chunk_size": 300, "sentence_overlap": 1}}),
        "the whole chunking is sent, as the server replaces it"
    );
    assert_eq!(out.json()["chunking_settings"]["max_chunk_size"], 300);
    // The result must still follow the chunking rules.
    run(infer_at(&es.url()).args(["update", "emb", "--set", "chunking_settings.overlap:=10"]))
        .expect(2)
        .stderr_has("chunking_settings.overlap is not a setting of the sentence strategy")
        .stderr_has("(the stored chunking_settings with your change)");
}

#[test]
fn curl_prints_a_command_or_nothing() {
    let es = fake_with_emb();
    let out = update_at(&es, &["emb", "--curl", "--set", "task_settings.user=alice"])
        .expect(0)
        .stderr_has(
            "no change: endpoint 'emb' already has these values; there is no request to show",
        );
    assert_eq!(out.stdout, "", "nothing on stdout");
}

#[test]
fn a_forced_null_the_service_ignores_is_not_applied() {
    let es = current();
    es.insert(openai_embedding("emb"));
    update_at(
        &es,
        &[
            "emb",
            "--unset",
            "task_settings.user",
            "--allow-field",
            "task_settings.user",
        ],
    )
    .expect(7)
    .stderr_has("not applied: task_settings.user: asked null, but the server kept \"alice\"");
}

#[test]
fn without_a_server_the_dry_run_says_the_server_decides() {
    let out = run(crate::harness::infer().args([
        "--url",
        "http://127.0.0.1:9",
        "update",
        "emb",
        "--task-type",
        "text_embedding",
        "--no-preflight",
        "--dry-run",
        "--set",
        "service_settings.model_id=text-embedding-3-large",
    ]))
    .expect(0)
    .stderr_has("without the pre-flight read infer cannot tell whether the endpoint's service updates these service_settings: the server decides");
    assert!(!out.stderr.contains("cannot change"), "{}", out.stderr);
}

#[test]
fn an_allocation_key_cannot_be_unset_alone_and_the_way_is_the_other_style() {
    for behavior in [Behavior::v9_2(), Behavior::current()] {
        let es = FakeEs::with_behavior(behavior);
        es.insert(crate::harness::scenarios::adaptive("auto"));
        for key in ["num_allocations", "adaptive_allocations"] {
            update_at(
                &es,
                &["auto", "--unset", &format!("service_settings.{key}")],
            )
            .expect(3)
            .stderr_has(&format!("service_settings.{key} cannot be removed"))
            .stderr_has("switching is done by giving the other: --num-allocations N");
        }
        assert!(es.writes().is_empty());
    }
}

#[test]
fn a_count_given_beside_enabled_adaptive_allocations_is_left_out_and_said_so() {
    let es = current();
    es.insert(crate::harness::scenarios::adaptive("auto"));
    update_at(
        &es,
        &[
            "auto",
            "--num-allocations",
            "3",
            "--set",
            "service_settings.adaptive_allocations.max_number_of_allocations:=8",
        ],
    )
    .expect(0)
    .stderr_has("service_settings.num_allocations 3 is left out: with adaptive allocations enabled, the server sets the count itself");
    assert!(
        es.writes()[0].json()["service_settings"]
            .get("num_allocations")
            .is_none()
    );
}

#[test]
fn without_the_preflight_read_a_count_warns_that_it_may_turn_autoscaling_off() {
    let es = current();
    es.insert(crate::harness::scenarios::adaptive("auto"));
    update_at(
        &es,
        &[
            "auto",
            "--no-preflight",
            "--task-type",
            "sparse_embedding",
            "--num-allocations",
            "3",
        ],
    )
    .expect(0)
    .stderr_has("on 9.6 and later a fixed num_allocations turns them off");
}
