//! `-o/--output FORMAT` on get, list, services, plan and the apply report: JSON and YAML
//! hold the same value, YAML reads back as written (the tricky scalars too), and both pass
//! through the masking every output passes through.

use serde_json::{Value, json};

use crate::fake_es::{FakeEs, cohere_rerank, openai_embedding};
use crate::harness::{arg, file, infer_at, run};

/// What a YAML reader makes of `text` (the one infer reads files of endpoints with).
fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("not YAML ({e}):\n{text}"))
}

/// `text` as YAML, which must be in block style: JSON would read back as YAML too.
fn block_yaml(text: &str) -> Value {
    assert!(
        !text.trim_start().starts_with(['{', '[']),
        "not block style:\n{text}"
    );
    yaml(text)
}

/// Strings a careless YAML writer would let turn into booleans, nulls, numbers, or nothing.
const TRICKY: [&str; 22] = [
    "no",
    "on",
    "yes",
    "off",
    "true",
    "null",
    "~",
    "1.0",
    "0x10",
    "1e3",
    "",
    "a: b",
    " lead",
    "trail ",
    "#x",
    "a #b",
    "- x",
    "12:30",
    "'q'",
    "\"dq\"",
    "line\nbreak",
    "tab\tin",
];

/// An endpoint whose task settings hold every tricky string, as a key and as a value.
fn tricky(id: &str) -> Value {
    let mut endpoint = cohere_rerank(id);
    let mut settings = serde_json::Map::new();
    for (i, text) in TRICKY.iter().enumerate() {
        settings.insert(format!("k{i}"), json!(text));
        settings.insert((*text).to_string(), json!(i));
    }
    settings.insert("list".into(), json!(TRICKY));
    endpoint["task_settings"] = Value::Object(settings);
    endpoint
}

#[test]
fn yaml_and_json_hold_the_same_value_on_every_command() {
    let es = FakeEs::start();
    es.insert(tricky("tricky"));
    es.insert(openai_embedding("emb"));
    let url = es.url();
    for args in [
        &["get", "tricky"][..],
        &["get", "tricky", "emb"],
        &["list"],
        &["services", "cohere"],
    ] {
        let json = run(infer_at(&url).args(args).args(["-o", "json"])).expect(0);
        let synonym = run(infer_at(&url).args(args)).expect(0);
        assert_eq!(json.json(), synonym.json(), "{args:?}");
        let out = run(infer_at(&url).args(args).args(["-o", "yaml"])).expect(0);
        assert_eq!(
            block_yaml(&out.stdout),
            json.json(),
            "{args:?}:\n{}",
            out.stdout
        );
    }
    let listed = run(infer_at(&url).args(["list", "--json"])).expect(0);
    let as_yaml = run(infer_at(&url).args(["list", "--output=yaml"])).expect(0);
    assert_eq!(block_yaml(&as_yaml.stdout), listed.json());
    assert!(as_yaml.stdout.contains("k0: 'no'"), "{}", as_yaml.stdout);
}

#[test]
fn plan_and_the_apply_report_in_yaml() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    let mut changed = es.endpoint("rr").expect("rr");
    changed["task_settings"]["top_n"] = json!(3);
    let (_d, path) = file("endpoints.json", json!([changed]).to_string());
    let json = run(infer_at(&es.url()).args(["plan", "-f", &arg(&path), "--json"])).expect(10);
    let out = run(infer_at(&es.url()).args(["plan", "-f", &arg(&path), "-o", "yaml"])).expect(10);
    assert_eq!(block_yaml(&out.stdout), json.json());
    let out = run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--yes", "-o", "yaml"]))
        .expect(0);
    let report = block_yaml(&out.stdout);
    assert_eq!(report[0]["inference_id"], "rr", "{}", out.stdout);
    assert_eq!(report[0]["status"], "verified", "{}", out.stdout);
}

#[test]
fn yaml_is_masked_as_json_is() {
    let es = FakeEs::start();
    let mut leaky = openai_embedding("leaky");
    // A server or proxy that returns a secret: nested under a secret key.
    leaky["task_settings"] = json!({"headers": {"api_key": "YAML-SENTINEL-7781-secret"}});
    es.insert(leaky);
    for args in [&["get", "leaky"][..], &["list"]] {
        let out = run(infer_at(&es.url()).args(args).args(["-o", "yaml"]))
            .expect(0)
            .never_shows("YAML-SENTINEL-7781");
        let shown = block_yaml(&out.stdout);
        let shown = if shown.is_array() {
            shown[0].clone()
        } else {
            shown
        };
        assert_eq!(
            shown["task_settings"]["headers"]["api_key"], "****",
            "{}",
            out.stdout
        );
    }
}

#[test]
fn a_format_a_command_does_not_have_is_a_usage_error() {
    let es = FakeEs::start();
    run(infer_at(&es.url()).args(["get", "x", "-o", "table"]))
        .expect(2)
        .stderr_has("invalid value 'table' for '--output <FORMAT>'");
    run(infer_at(&es.url()).args(["list", "-o", "xml"]))
        .expect(2)
        .stderr_has("[possible values: table, json, yaml]");
    run(infer_at(&es.url()).args(["list", "--json", "-o", "yaml"]))
        .expect(2)
        .stderr_has("cannot be used with");
    assert!(es.requests().is_empty());
}

#[test]
fn a_table_when_asked_for_even_when_piped() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("rr"));
    run(infer_at(&es.url()).args(["list", "-o", "table"]))
        .expect(0)
        .stdout_has("ID  TASK TYPE");
}
