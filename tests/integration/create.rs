//! `infer create`.

use crate::fake_es::{Behavior, FakeEs, openai_embedding};
use crate::harness::{ANY_KEY, arg, file, infer, infer_at, run};
use serde_json::json;

const KEY: &str = "sk-create-5521";

fn create_openai(es: &FakeEs, extra: &[&str]) -> crate::harness::Run {
    let mut args = vec![
        "create",
        "new-emb",
        "--task-type",
        "text_embedding",
        "--service",
        "openai",
        "--set",
        "service_settings.model_id=text-embedding-3-small",
        "--secret-env",
        "api_key=K",
    ];
    args.extend_from_slice(extra);
    run(infer_at(&es.url()).env("K", KEY).args(args))
}

#[test]
fn creates_an_endpoint_and_verifies_it() {
    let es = FakeEs::start();
    let out = create_openai(&es, &[])
        .expect(0)
        .never_shows(KEY)
        .stderr_has("created text_embedding endpoint 'new-emb': verified service_settings.model_id; sent service_settings.api_key (secret, not readable back)");
    assert_eq!(out.json()["inference_id"], "new-emb");
    let put = &es.writes()[0];
    assert_eq!(
        (put.method.as_str(), put.path.as_str()),
        ("PUT", "/_inference/text_embedding/new-emb")
    );
    assert_eq!(
        put.json(),
        json!({"service": "openai", "service_settings": {"model_id": "text-embedding-3-small", "api_key": KEY}})
    );
    assert_eq!(es.secrets("new-emb")["api_key"], KEY);
}

#[test]
fn server_timeout_is_passed_on() {
    let es = FakeEs::start();
    create_openai(&es, &["--server-timeout", "2m"]).expect(0);
    assert_eq!(
        es.writes()[0].path,
        "/_inference/text_embedding/new-emb?timeout=2m"
    );
    create_openai(&es, &["--server-timeout", "2 minutes"])
        .expect(2)
        .stderr_has("--server-timeout '2 minutes' is not a duration: write a whole number and a unit, e.g. 90s, 2m or 1h");
}

#[test]
fn a_settings_file_can_give_task_type_and_service() {
    let es = FakeEs::start();
    let (_dir, path) = file(
        "e5.json",
        r#"{"task_type": "sparse_embedding", "service": "elasticsearch",
            "service_settings": {"model_id": ".elser_model_2", "num_allocations": 1, "num_threads": 1}}"#,
    );
    run(infer_at(&es.url()).args(["create", "sparse", "--settings", &arg(&path)])).expect(0);
    assert_eq!(es.endpoint("sparse").unwrap()["service"], "elasticsearch");
}

#[test]
fn checks_before_sending() {
    let cases: [(&[&str], &str); 7] = [
        (
            &[
                "create",
                "x",
                "--service",
                "openai",
                "--secret-env",
                "api_key=HOME",
            ],
            "a new endpoint needs a task type: add --task-type",
        ),
        (
            &[
                "create",
                "x",
                "--task-type",
                "rerank",
                "--secret-env",
                "api_key=HOME",
            ],
            "a new endpoint needs a service: add --service",
        ),
        (
            &[
                "create",
                "x",
                "--task-type",
                "rerank",
                "--service",
                "openai",
                "--secret-env",
                "api_key=HOME",
            ],
            "the openai service does not offer rerank endpoints; it offers text_embedding, chat_completion, completion, embedding",
        ),
        (
            &[
                "create",
                "x",
                "--task-type",
                "rerank",
                "--service",
                "cohere",
                "--set",
                "service_settings.model_id=m",
            ],
            "endpoints of the cohere service need the secret api_key in service_settings: add --secret-env api_key=VAR",
        ),
        (
            &[
                "create",
                "x",
                "--task-type",
                "completion",
                "--service",
                "amazonbedrock",
                "--secret-env",
                "access_key=HOME",
            ],
            "endpoints of the amazonbedrock service need the secret secret_key",
        ),
        (
            &[
                "create",
                ".mine",
                "--task-type",
                "rerank",
                "--service",
                "cohere",
            ],
            "is a preconfigured endpoint",
        ),
        (
            &[
                "create",
                "x",
                "--task-type",
                "rerank",
                "--service",
                "cohere",
                "--secret-env",
                "api_key=HOME",
                "--chunking-settings",
                r#"{"strategy":"none"}"#,
            ],
            "chunking_settings apply only to",
        ),
    ];
    let es = FakeEs::start();
    for (args, expected) in cases {
        run(infer_at(&es.url()).env("HOME", "/tmp").args(args))
            .expect(2)
            .stderr_has(expected);
    }
    assert!(es.requests().is_empty());
}

#[test]
fn an_existing_id_is_a_4xx_with_a_hint() {
    let es = FakeEs::start();
    es.insert(openai_embedding("new-emb"));
    create_openai(&es, &[])
        .expect(4)
        .stderr_has("already exists")
        .stderr_has("hint: use infer update to change it, or infer delete it first");
}

#[test]
fn a_key_the_provider_rejects_is_a_4xx_and_nothing_is_created() {
    let es = FakeEs::with_behavior(Behavior {
        rejected_api_key: Some(KEY.into()),
        ..Default::default()
    });
    create_openai(&es, &[])
        .expect(4)
        .stderr_has("validation call to service")
        .never_shows(KEY);
    assert!(es.endpoint("new-emb").is_none());
}

#[test]
fn dry_run_needs_no_server_and_masks_the_secret() {
    let out = run(infer()
        .env("ES_URL", "http://127.0.0.1:9")
        .env("K", KEY)
        .args([
            "create",
            "x",
            "--task-type",
            "text_embedding",
            "--service",
            "openai",
            "--secret-env",
            "api_key=K",
            "--dry-run",
        ]))
    .expect(0)
    .never_shows(KEY);
    assert_eq!(
        out.json()["body"],
        json!({"service": "openai", "service_settings": {"api_key": "****"}})
    );
    assert_eq!(out.json()["method"], "PUT");
}

#[test]
fn a_null_in_a_new_endpoint_is_refused_before_sending() {
    let es = FakeEs::with_behavior(Behavior::current());
    run(infer_at(&es.url()).args([
        "create",
        "x",
        "--task-type",
        "completion",
        "--service",
        "llama",
        "--set",
        "service_settings.rate_limit:=null",
    ]))
    .expect(2)
    .stderr_has("service_settings.rate_limit is null: a new endpoint takes a value or nothing");
    assert!(es.requests().is_empty());
}

#[test]
fn services_and_task_types_of_the_newest_servers_are_known() {
    let es = FakeEs::with_behavior(Behavior::current());
    for (id, service, task_type) in [
        ("wx", "watsonxai", "rerank"),
        ("hf", "hugging_face", "sparse_embedding"),
        ("eis", "elastic", "sparse_embedding"),
        ("tc", "tencentcloud", "rerank"),
    ] {
        let out = run(infer_at(&es.url())
            .env("K", "key-for-the-provider")
            .args(["create", id, "--task-type", task_type, "--service", service])
            .args(if service == "elastic" {
                vec!["--set", "service_settings.model_id=elser_model_2"]
            } else {
                vec!["--secret-env", "api_key=K"]
            }))
        .expect(0)
        .stderr_has(&format!("created {task_type} endpoint '{id}'"));
        assert!(!out.stderr.contains("does not know"), "{}", out.stderr);
    }
}

#[test]
fn from_copies_an_endpoint_but_its_secrets_must_be_given() {
    let es = FakeEs::start();
    es.insert(openai_embedding("old"));
    run(infer_at(&es.url()).args(["create", "new", "--from", "old"]))
        .expect(2)
        .stderr_has("endpoints of the openai service need one of the secrets api_key, client_secret in service_settings: add --secret-env api_key=VAR");
    let out = run(infer_at(&es.url()).env("K", KEY).args([
        "create",
        "new",
        "--from",
        "old",
        "--secret-env",
        "api_key=K",
        "--set",
        "task_settings.user=bob",
    ]))
    .expect(0)
    .stderr_has("created text_embedding endpoint 'new'");
    let created = out.json();
    assert_eq!(
        created["service_settings"]["model_id"],
        "text-embedding-3-small"
    );
    assert_eq!(
        created["task_settings"]["user"], "bob",
        "what is given wins"
    );
    assert_eq!(
        created["chunking_settings"],
        es.endpoint("old").unwrap()["chunking_settings"]
    );
    assert_eq!(es.secrets("new")["api_key"], KEY);

    run(infer_at(&es.url()).args(["create", "x", "--from", "missing", "--dry-run"]))
        .expect(4)
        .stderr_has("Inference endpoint not found [missing]");
}

#[test]
fn a_create_the_server_refuses_for_a_key_gets_create_advice() {
    let es = crate::fake_es::FakeEs::with_behavior(crate::fake_es::Behavior::current());
    let out = crate::harness::run(
        crate::harness::infer_at(&es.url())
            .env("K", "co-key-1")
            .args([
                "create",
                "zz",
                "--service",
                "cohere",
                "--task-type",
                "rerank",
                "--set",
                "service_settings.foo=1",
                "--secret-env",
                "api_key=K",
            ]),
    )
    .expect(4)
    .stderr_has("service_settings.foo is not a setting the cohere service takes");
    assert!(!out.stderr.contains("--from zz"), "{}", out.stderr);
}

#[test]
fn create_wait_for_an_in_cluster_endpoint() {
    let es = FakeEs::with_behavior(Behavior {
        deployment_scales_after: Some(1),
        ..Behavior::default()
    });
    run(infer_at(&es.url()).args([
        "create",
        "e5",
        "--task-type",
        "text_embedding",
        "--service",
        "elasticsearch",
        "--set",
        "service_settings.model_id=.multilingual-e5-small",
        "--set",
        "service_settings.num_allocations:=2",
        "--set",
        "service_settings.num_threads:=1",
        "--wait",
    ]))
    .expect(0)
    .stderr_has("deployment 'e5' is ready: 2/2 allocations, fully allocated");
}

#[test]
fn from_with_another_model_leaves_out_the_old_models_settings() {
    let es = FakeEs::start();
    let mut old = openai_embedding("old");
    old["service_settings"]["max_input_tokens"] = 8191.into();
    es.insert(old);
    let out = run(infer_at(&es.url()).env("K", ANY_KEY).args([
        "create",
        "new",
        "--from",
        "old",
        "--set",
        "service_settings.model_id=text-embedding-3-large",
        "--secret-env",
        "api_key=K",
    ]))
    .expect(0)
    .stderr_has("left out service_settings.dimensions, service_settings.similarity, service_settings.max_input_tokens")
    .stderr_has("text-embedding-3-small");
    let settings = &es.endpoint("new").unwrap()["service_settings"];
    assert_eq!(settings["model_id"], "text-embedding-3-large");
    for key in ["dimensions", "similarity", "max_input_tokens"] {
        assert!(settings.get(key).is_none(), "{key} copied: {settings}");
    }
    assert_eq!(settings["rate_limit"]["requests_per_minute"], 3000);
    drop(out);

    // What is given with the new model is kept; the same model copies all.
    run(infer_at(&es.url()).env("K", ANY_KEY).args([
        "create",
        "new2",
        "--from",
        "old",
        "--set",
        "service_settings.model_id=text-embedding-3-large",
        "--set",
        "service_settings.dimensions:=256",
        "--secret-env",
        "api_key=K",
    ]))
    .expect(0);
    assert_eq!(
        es.endpoint("new2").unwrap()["service_settings"]["dimensions"],
        256
    );
    let same = run(infer_at(&es.url()).env("K", ANY_KEY).args([
        "create",
        "new3",
        "--from",
        "old",
        "--set",
        "service_settings.model_id=text-embedding-3-small",
        "--secret-env",
        "api_key=K",
    ]))
    .expect(0);
    assert!(!same.stderr.contains("left out"), "{}", same.stderr);
    assert_eq!(
        es.endpoint("new3").unwrap()["service_settings"]["dimensions"],
        1536
    );
}
