//! Property test of `--curl`: whatever the keys (any unicode, `$( )`,
//! backticks, quotes, `EOF`, dots, slashes) and whatever the secrets, the
//! command never holds a secret's value, names each secret with its own
//! variable of `[A-Z0-9_]`, and run by bash (with `curl` standing in as
//! `cat`) sends exactly the body, secrets filled in from the variables.

use proptest::prelude::*;
use serde_json::{Map, Value};
use std::time::Duration;

use super::curl::render;
use crate::api::{Request, TaskType};
use crate::connection::Connection;

/// Cases of the property.
pub const CASES: u32 = 200;

fn connection() -> Connection {
    Connection {
        base_url: reqwest::Url::parse("http://127.0.0.1:9200").expect("url"),
        credentials: None,
        ca_cert: None,
        ca_fingerprint: None,
        client_cert: None,
        client_key: None,
        insecure: false,
        connect_timeout: Duration::from_secs(10),
        timeout: None,
        retries: 0,
        retry_budget: Duration::from_secs(1),
        shown: Vec::new(),
        profile: None,
        unit: crate::connection::Unit::Defaults,
        notes: Vec::new(),
    }
}

/// Keys: hostile text, never a secret key by itself.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{1,12}",
        "[a-z$(){}`'\"\\\\./ \n-]{1,12}",
        Just("EOF".to_string()),
        Just("$(pwnme)".to_string()),
    ]
    .prop_filter("not a secret key", |k| !crate::secret::is_secret_field(k))
}

/// Secret values: 8 characters or more, no `"` or `\` (they are put into
/// the JSON text as they are), no NUL (an environment value cannot hold
/// one), shell syntax welcome.
fn secret_value() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9$(){}`' ;|&<>*?~#!é-]{8,24}"
}

/// A body: non-secret values of any text, secrets nested in objects and
/// arrays.
fn body() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        "\\PC{0,16}".prop_map(Value::String),
        any::<i32>().prop_map(Value::from),
    ];
    let plain = leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..3)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    });
    let secrets = prop::collection::vec((key(), secret_value()), 1..4);
    (plain, secrets, key()).prop_map(|(plain, secrets, holder)| {
        let mut settings = Map::new();
        settings.insert("plain".into(), plain);
        let mut list = Vec::new();
        for (i, (key, value)) in secrets.into_iter().enumerate() {
            let mut item = Map::new();
            item.insert(format!("{key}_key"), Value::String(value));
            list.push(Value::Object(item.clone()));
            if i == 0 {
                settings.insert(format!("{holder}_key"), Value::Object(item));
            }
        }
        settings.insert("list".into(), Value::Array(list));
        serde_json::json!({ "service_settings": settings })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn a_curl_command_never_holds_a_secret_and_runs_as_written(body in body()) {
        let secrets: Vec<String> = crate::secret::find(&body, &[])
            .iter()
            .flat_map(|f| strings(&f.value))
            .collect();
        let mut req = Request::update(TaskType::Rerank, "x", body.clone());
        req.secret_paths = Vec::new();
        let (command, notes) = render(&req, &connection(), &[]);
        for secret in &secrets {
            prop_assert!(!command.contains(secret.as_str()), "{} in {}", secret, command);
        }
        // One variable per secret, of [A-Z0-9_].
        let vars: Vec<(String, String)> = notes
            .iter()
            .filter_map(|n| n.strip_prefix("set "))
            .filter_map(|n| n.split_once(" to the value of "))
            .map(|(v, p)| (v.to_string(), p.trim_end_matches(" before running the command").to_string()))
            .collect();
        prop_assert_eq!(vars.len(), secrets.len());
        let mut names: Vec<&String> = vars.iter().map(|(v, _)| v).collect();
        prop_assert!(names.iter().all(|v| v.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')));
        names.sort();
        names.dedup();
        prop_assert_eq!(names.len(), vars.len());
        // Run: every variable set to its secret, in the order found.
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("curl() {{ cat; }}\n{command}"))
            .env_clear()
            .envs(vars.iter().map(|(v, _)| v.as_str()).zip(secrets.iter().map(String::as_str)))
            .output();
        let Ok(out) = out else { return Ok(()) }; // no bash here
        prop_assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let sent: Value = serde_json::from_slice(&out.stdout)
            .map_err(|e| TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&out.stdout))))?;
        prop_assert_eq!(sent, body);
    }
}

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(map) => map.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}
