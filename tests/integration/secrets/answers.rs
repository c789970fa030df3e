//! Secrets in answers: a server (or a proxy) that returns what it should
//! not (`service_settings.api_key`, a nested `client_secret`, an `x_token`)
//! has them masked by the same structural rule as what infer sends, in
//! every view; a template (`Bearer ${api_key}`) is a setting and shows. A
//! masked value that comes back as input is refused, naming the field.

use serde_json::{Value, json};

use crate::fake_es::FakeEs;
use crate::harness::{arg, file, infer_at, run, update_at};

const SECRETS: [&str; 5] = [
    "SRV-KEY-SENTINEL-1234abcd",
    "SRV-CS-SENTINEL-5678efgh",
    "SRV-XT-SENTINEL-9012ijkl",
    "SRV-HDR-SENTINEL-3456mnop",
    "SRV-ARR-SENTINEL-7890qrst",
];

fn leaky(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "text_embedding", "service": "custom",
        "service_settings": {
            "url": "https://example.com/embed",
            "headers": {"Authorization": "Bearer ${api_key}", "X-Api-Key": SECRETS[3]},
            "list": [{"Password": SECRETS[4]}],
            "api_key": SECRETS[0],
            "auth": {"client_secret": SECRETS[1]},
            "response": {"json_parser": {"text_embeddings": "$.data[*].embedding"}}
        },
        "task_settings": {"x_token": SECRETS[2]}
    })
}

/// An answer holding the leaky endpoint, for every request from now on.
fn answering(es: &FakeEs, times: usize) {
    let body = json!({"endpoints": [leaky("leaky")]}).to_string();
    for _ in 0..times {
        es.respond_next(200, "application/json", &body);
    }
}

fn shown(out: &crate::harness::Run) -> String {
    format!("{}\n{}", out.stdout, out.stderr)
}

#[test]
fn secrets_a_server_sends_are_masked_in_every_view() {
    let (_e, editor) = crate::harness::editor("cat \"$1\" >&2; exit 1");
    let views: [&[&str]; 5] = [
        &["get", "leaky"],
        &["get", "leaky", "-v"],
        &["list"],
        &["list", "--json"],
        &["edit", "leaky", "--yes"],
    ];
    for args in views {
        let es = FakeEs::start();
        answering(&es, 8);
        let out = run(infer_at(&es.url())
            .env("EDITOR", &editor)
            .args(["--retries", "0"])
            .args(args));
        let text = shown(&out);
        for secret in SECRETS {
            assert!(!text.contains(secret), "{args:?} shows {secret}:\n{text}");
        }
        if args[0] != "list" || args.len() > 1 {
            assert!(
                text.contains("Bearer ${api_key}"),
                "{args:?}: the template is a setting:\n{text}"
            );
        }
    }
}

#[test]
fn a_masked_value_fed_back_is_refused_naming_the_field() {
    let es = FakeEs::start();
    es.insert(crate::fake_es::openai_embedding("emb"));
    // A `get` output fed to update --service-settings.
    update_at(
        &es,
        &[
            "emb",
            "--service-settings",
            r#"{"api_key": "****"}"#,
            "--dry-run",
        ],
    )
    .expect(2)
    .stderr_has("service_settings.api_key")
    .stderr_has("masked");
    // A file of endpoints.
    let mut endpoint = crate::fake_es::openai_embedding("emb2");
    endpoint["service_settings"]["api_key"] = json!("****");
    let (_d, path) = file("endpoints.json", json!([endpoint]).to_string());
    for command in ["plan", "apply"] {
        let yes = if command == "apply" {
            "--yes"
        } else {
            "--json"
        };
        let out = run(infer_at(&es.url()).args([command, "-f", &arg(&path), yes]));
        assert_eq!(out.code, 2, "{command}: {}", shown(&out));
        assert!(
            out.stderr.contains("service_settings.api_key") && out.stderr.contains("masked"),
            "{command}: {}",
            out.stderr
        );
    }
}
