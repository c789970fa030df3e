//! Bad input: a clear error naming the input, the field and the fix, exit 2,
//! and not one request sent.

use crate::fake_es::FakeEs;
use crate::harness::{arg, fake_with_emb, file, infer_at, run};

/// Run `args` against a live fake server and check that it refused with
/// exit 2, said `expected`, and sent nothing.
fn refused(args: &[&str], stdin: Option<&str>, expected: &str) {
    let es = fake_with_emb();
    let mut cmd = infer_at(&es.url());
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    run(&mut cmd).expect(2).stderr_has(expected);
    assert!(
        es.requests().is_empty(),
        "{args:?} sent {:?}",
        es.requests()
    );
}

#[test]
fn unreadable_empty_and_non_utf8_settings_files() {
    refused(
        &["update", "emb", "--settings", "./no-such.json"],
        None,
        "cannot read settings file ./no-such.json: No such file or directory",
    );
    let (_d, empty) = file("empty.json", "  \n");
    refused(
        &["update", "emb", "--settings", &arg(&empty)],
        None,
        "is empty: give a JSON object",
    );
    let (_d, binary) = file("bin.json", [0xc3, 0x28]);
    refused(
        &["update", "emb", "--settings", &arg(&binary)],
        None,
        "is not UTF-8 text",
    );
}

#[test]
fn invalid_json_names_file_line_and_column() {
    let (_d, path) = file(
        "bad.json",
        "{\n  \"task_settings\": {\"user\": \"x\",}\n}\n",
    );
    refused(
        &["update", "emb", "--settings", &arg(&path)],
        None,
        &format!(
            "invalid JSON in settings file {} at line 2, column 33: trailing comma",
            arg(&path)
        ),
    );
    refused(
        &["update", "emb", "--settings", "-"],
        Some("{oops"),
        "invalid JSON in settings from stdin at line 1, column 2",
    );
    refused(
        &["update", "emb", "--task-settings", "{\"a\":}"],
        None,
        "invalid JSON in --task-settings at line 1, column 6",
    );
}

#[test]
fn body_and_sections_must_be_objects() {
    refused(
        &["update", "emb", "--settings", "-"],
        Some("[1,2]"),
        "settings from stdin must be a JSON object, not an array",
    );
    refused(
        &["update", "emb", "--settings", "-"],
        Some(r#"{"task_settings": "x"}"#),
        "task_settings in settings from stdin must be a JSON object, not a string",
    );
    refused(
        &["update", "emb", "--service-settings", "42"],
        None,
        "--service-settings must be a JSON object, not a number",
    );
}

#[test]
fn unknown_top_level_key_lists_the_allowed_ones() {
    refused(
        &["update", "emb", "--settings", "-"],
        Some(r#"{"settings": {}}"#),
        "unknown key 'settings' in settings from stdin: allowed keys are service_settings, task_settings, chunking_settings",
    );
}

#[test]
fn ids_the_server_would_reject() {
    refused(
        &["update", "My-Id", "--set", "task_settings.a=1"],
        None,
        "invalid inference id 'My-Id'",
    );
    refused(
        &["update", "_all", "--set", "task_settings.a=1"],
        None,
        "invalid inference id '_all'",
    );
    refused(
        &["update", "a/../b", "--set", "task_settings.a=1"],
        None,
        "invalid inference id 'a/../b'",
    );
    refused(
        &[
            "update",
            ".elser-2-elasticsearch",
            "--set",
            "task_settings.a=1",
        ],
        None,
        "'.elser-2-elasticsearch' is a preconfigured endpoint",
    );
}

#[test]
fn unknown_task_type_lists_the_valid_ones() {
    refused(
        &[
            "update",
            "emb",
            "--task-type",
            "embeddings",
            "--set",
            "task_settings.a=1",
        ],
        None,
        "[possible values: sparse_embedding, text_embedding, embedding, rerank, completion, chat_completion]",
    );
    refused(
        &["update", "emb", "--settings", "-"],
        Some(r#"{"task_type": "embeddings", "task_settings": {"a": 1}}"#),
        "task_type in the settings: unknown task type 'embeddings': use one of sparse_embedding",
    );
}

#[test]
fn chunking_for_task_types_without_chunking() {
    for tt in ["rerank", "completion", "chat_completion"] {
        refused(
            &[
                "update",
                "x",
                "--task-type",
                tt,
                "--chunking-settings",
                r#"{"strategy":"none"}"#,
            ],
            None,
            &format!(
                "chunking_settings apply only to sparse_embedding, text_embedding and embedding endpoints, and this one is {tt}"
            ),
        );
    }
}

#[test]
fn chunking_rules_the_server_enforces() {
    let cases = [
        (
            r#"{"max_chunk_size": 100}"#,
            "chunking_settings needs a strategy",
        ),
        (
            r#"{"strategy": "paragraph"}"#,
            r#"chunking_settings.strategy "paragraph" is not a strategy"#,
        ),
        (
            r#"{"strategy": "sentence", "max_chunk_size": 19}"#,
            "max_chunk_size must be at least 20 for the sentence strategy",
        ),
        (
            r#"{"strategy": "sentence", "max_chunk_size": 100, "sentence_overlap": 2}"#,
            "sentence_overlap must be 0 or 1",
        ),
        (
            r#"{"strategy": "word", "max_chunk_size": 9, "overlap": 1}"#,
            "max_chunk_size must be at least 10 for the word strategy",
        ),
        (
            r#"{"strategy": "word", "max_chunk_size": 100, "overlap": 60}"#,
            "overlap (60) must be at most half of max_chunk_size (100)",
        ),
        (
            r#"{"strategy": "recursive", "max_chunk_size": 100, "separators": ["\n"], "separator_group": "markdown"}"#,
            "both separators and separator_group",
        ),
        (
            r#"{"strategy": "sentence", "max_chunk_size": 100, "overlap": 10}"#,
            "chunking_settings.overlap is not a setting of the sentence strategy",
        ),
        (
            r#"{"strategy": "word", "max_chunk_size": 100, "separators": ["x"], "overlap": 1}"#,
            "chunking_settings.separators is not a setting of the word strategy",
        ),
    ];
    // RecursiveChunkingSettings.java: at most 50 separators.
    let many: Vec<String> = (0..51).map(|i| format!("s{i}")).collect();
    let many =
        serde_json::json!({"strategy": "recursive", "max_chunk_size": 100, "separators": many})
            .to_string();
    let cases = cases.into_iter().chain([(
        many.as_str(),
        "chunking_settings.separators holds 51 separators, and Elasticsearch takes at most 50",
    )]);
    for (chunking, expected) in cases {
        refused(
            &[
                "update",
                "emb",
                "--task-type",
                "text_embedding",
                // (with the pre-flight read, chunking without a strategy is a
                // change to the stored chunking)
                "--no-preflight",
                "--chunking-settings",
                chunking,
            ],
            None,
            expected,
        );
    }
}

#[test]
fn num_allocations_must_be_a_positive_integer() {
    refused(
        &["update", "emb", "--num-allocations", "0"],
        None,
        "--num-allocations must be a positive integer, got 0",
    );
    refused(
        &["update", "emb", "--num-allocations", "-3"],
        None,
        "--num-allocations must be a positive integer, got -3",
    );
    refused(
        &["update", "emb", "--num-allocations", "two"],
        None,
        "invalid value 'two' for '--num-allocations <N>'",
    );
    refused(
        &[
            "update",
            "emb",
            "--set",
            "service_settings.num_allocations=2",
        ],
        None,
        "service_settings.num_allocations must be a positive integer, not \"2\": that is a string; write --set service_settings.num_allocations:=2",
    );
}

#[test]
fn nothing_to_update() {
    refused(
        &["update", "emb"],
        None,
        "nothing to update: give --settings",
    );
    refused(
        &["update", "emb", "--settings", "-"],
        Some(r#"{"inference_id": "emb", "service_settings": {}}"#),
        "nothing to update: the settings from stdin hold no settings",
    );
}

#[test]
fn bad_set_assignments() {
    refused(
        &["update", "emb", "--set", "user=me"],
        None,
        "--set 'user=me': 'user' is not a settings section; use one of service_settings, task_settings, chunking_settings",
    );
    refused(
        &["update", "emb", "--set", "task_settings.user"],
        None,
        "--set 'task_settings.user': expected SECTION.KEY=STRING or SECTION.KEY:=JSON",
    );
    refused(
        &["update", "emb", "--set", "task_settings.n:=abc"],
        None,
        "the value after := must be JSON",
    );
}

#[test]
fn no_preflight_needs_a_task_type_and_cannot_check_service() {
    refused(
        &[
            "update",
            "emb",
            "--no-preflight",
            "--set",
            "task_settings.a=1",
        ],
        None,
        "--no-preflight needs --task-type",
    );
    refused(
        &[
            "update",
            "emb",
            "--no-preflight",
            "--task-type",
            "text_embedding",
            "--settings",
            "-",
        ],
        Some(r#"{"service": "openai", "task_settings": {"a": 1}}"#),
        "the settings name service 'openai', which can only be checked against the stored endpoint",
    );
}

#[test]
fn conflicting_credentials() {
    refused(
        &[
            "update",
            "emb",
            "--api-key",
            "k",
            "--bearer-token",
            "t",
            "--set",
            "task_settings.a=1",
        ],
        None,
        "--api-key and --bearer-token both give a kind of credential, but only one can be used: drop one",
    );
    let es = FakeEs::start();
    run(infer_at(&es.url())
        .env("ES_API_KEY", "k")
        .env("ES_USERNAME", "elastic")
        .env("ES_PASSWORD", "p")
        .args(["update", "emb", "--set", "task_settings.a=1"]))
    .expect(2)
    .stderr_has(
        "ES_API_KEY and ES_USERNAME both give a kind of credential, but only one can be used: unset one, or choose with a flag",
    );
    assert!(es.requests().is_empty());
}

#[test]
fn bad_url_and_cloud_id() {
    refused(
        &[
            "update",
            "emb",
            "--url",
            "localhost:9200",
            "--set",
            "task_settings.a=1",
        ],
        None,
        "invalid --url 'localhost:9200': the URL must start with http:// or https://",
    );
    refused(
        &[
            "update",
            "emb",
            "--url",
            "http://elastic:pw@h:9200",
            "--set",
            "task_settings.a=1",
        ],
        None,
        "the URL contains credentials",
    );
    refused(
        &[
            "update",
            "emb",
            "--cloud-id",
            "bm8tY29sb24=",
            "--set",
            "task_settings.a=1",
        ],
        None,
        "invalid --cloud-id: Cloud ID is not properly formatted",
    );
}

#[test]
fn settings_file_for_another_endpoint_is_refused_with_exit_3() {
    let es = fake_with_emb();
    run(infer_at(&es.url())
        .args(["update", "emb", "--settings", "-"])
        .write_stdin(r#"{"inference_id": "other", "task_settings": {"a": 1}}"#))
    .expect(3)
    .stderr_has("the settings are for endpoint 'other', not 'emb'");
    assert!(es.requests().is_empty());
}

#[test]
fn num_allocations_on_a_provider_endpoint_says_what_it_is_for() {
    let es = fake_with_emb();
    let out = run(infer_at(&es.url()).args(["update", "emb", "--num-allocations", "2"]))
        .expect(2)
        .stderr_has("--num-allocations is for in-cluster (elasticsearch, elser) endpoints");
    assert!(!out.stderr.contains("NEW_VALUE"), "{}", out.stderr);
    assert!(es.writes().is_empty());
}
