//! The server-versions table (`harness/scenarios.rs`) against the fake at each version: one update
//! scenario per row, one server behaviour per column, and what infer must do there.

use crate::fake_es::{Behavior, FakeEs};
use crate::harness::scenarios::{COLUMNS, TABLE};
use crate::harness::{infer_at, run, update_at};

fn behavior(column: &str) -> Behavior {
    match column {
        "8.17" => Behavior::v8_17(),
        "9.2" => Behavior::v9_2(),
        "9.4" => Behavior::v9_4(),
        "9.5" => Behavior::v9_5(),
        _ => Behavior::current(),
    }
}

#[test]
fn every_scenario_on_every_server_version() {
    let mut mismatches = Vec::new();
    for scenario in TABLE {
        for (column, expect) in COLUMNS.iter().zip(scenario.expect) {
            let es = FakeEs::with_behavior(behavior(column));
            es.insert((scenario.endpoint)("ep"));
            let before = es.endpoint("ep");
            let dir = tempfile::tempdir().expect("a temporary folder");
            for (name, text) in scenario.files {
                std::fs::write(dir.path().join(name), text).expect("a scenario's file");
            }
            let folder = dir.path().display().to_string();
            let mut cmd = infer_at(&es.url());
            cmd.args(["update", "ep"])
                .args(scenario.args.iter().map(|a| a.replace("{dir}", &folder)));
            for (name, value) in scenario.env {
                cmd.env(name, value);
            }
            let out = run(&mut cmd);
            if out.code != expect.code || !out.stderr.contains(expect.stderr) {
                mismatches.push(format!(
                    "{} on {column}: expected exit {} with {:?}, got exit {}:\n{}",
                    scenario.name, expect.code, expect.stderr, out.code, out.stderr
                ));
            }
            // A refusal writes nothing, so the endpoint is as it was.
            if expect.code == 3 && (!es.writes().is_empty() || es.endpoint("ep") != before) {
                mismatches.push(format!(
                    "{} on {column}: refused, yet written",
                    scenario.name
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

#[test]
fn a_nested_change_keeps_the_rest_of_the_object_on_the_newest_server() {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(crate::harness::scenarios::adaptive("ep"));
    let out = update_at(
        &es,
        &[
            "ep",
            "-v",
            "--set",
            "service_settings.adaptive_allocations.max_number_of_allocations:=8",
        ],
    )
    .expect(0)
    .stderr_has("service_settings.adaptive_allocations.enabled: true (kept)")
    .stderr_has("service_settings.adaptive_allocations.max_number_of_allocations: 4 → 8");
    let sent = es.writes()[0].json();
    assert_eq!(
        sent["service_settings"]["adaptive_allocations"],
        serde_json::json!({"enabled": true, "min_number_of_allocations": 1, "max_number_of_allocations": 8}),
        "the whole object is sent"
    );
    assert_eq!(
        out.json()["service_settings"]["adaptive_allocations"]["enabled"],
        true
    );
}

/// A service only the server's catalogue describes (`fake_es::acme_service`), on every server
/// of the table: its secrets, top-level and nested, never show, whatever the command.
#[test]
fn an_unknown_service_is_masked_on_every_server_version() {
    const CRED: &str = "acme-versions-credential-1";
    const SIG: &str = "acme-versions-signature-2";
    const NEW: &str = "acme-versions-rotated-3";
    let settings = serde_json::json!({"service": "acme", "task_type": "text_embedding",
        "service_settings": {"model_id": "acme-embed", "credential": CRED,
            "auth": {"signature": SIG}}});
    let (_d, path) = crate::harness::file("acme.json", settings.to_string());
    let path = crate::harness::arg(&path);
    for column in COLUMNS {
        let es = FakeEs::with_behavior(Behavior {
            extra_services: vec![crate::fake_es::acme_service()],
            ..behavior(column)
        });
        let no_leak = |out: crate::harness::Run, what: &str| {
            for secret in [CRED, SIG, NEW] {
                assert!(
                    !out.stdout.contains(secret) && !out.stderr.contains(secret),
                    "{what} on {column} shows a secret:\n{}\n{}",
                    out.stdout,
                    out.stderr
                );
            }
            out
        };
        let created = no_leak(
            run(infer_at(&es.url()).args(["create", "acme-v", "-v", "--settings", &path])),
            "create",
        );
        assert_eq!(created.code, 0, "create on {column}: {}", created.stderr);
        no_leak(
            run(infer_at(&es.url()).args([
                "create",
                "acme-d",
                "--dry-run",
                "-v",
                "--settings",
                &path,
            ])),
            "a dry run with a server",
        );
        no_leak(
            run(crate::harness::infer()
                .args([
                    "--url",
                    "http://127.0.0.1:9",
                    "create",
                    "acme-d",
                    "--dry-run",
                ])
                .args(["--settings", &path])),
            "a dry run without a server",
        );
        no_leak(
            run(infer_at(&es.url()).env("NEW", NEW).args([
                "update",
                "acme-v",
                "-vv",
                "--secret-env",
                "credential=NEW",
            ])),
            "update",
        );
        no_leak(
            run(infer_at(&es.url()).env("NEW", NEW).args([
                "rotate",
                "acme-*",
                "-v",
                "--secret-env",
                "credential=NEW",
                "--yes",
            ])),
            "rotate",
        );
        no_leak(
            run(infer_at(&es.url()).args(["get", "acme-v", "-v"])),
            "get",
        );
    }
}

/// A `custom` endpoint, its header a template, exported by `list --json` and planned: in sync
/// on every server of the table.
#[test]
fn an_exported_custom_endpoint_plans_in_sync_on_every_server_version() {
    for column in COLUMNS {
        let es = FakeEs::with_behavior(behavior(column));
        es.insert(
            serde_json::json!({"inference_id": "cu", "task_type": "rerank",
            "service": "custom", "service_settings": {"url": "https://rerank.example/v1",
                "headers": {"Authorization": "Bearer ${api_key}"},
                "request": "{\"query\": ${query}}",
                "response": {"json_parser": {"reranked_index": "$.i", "relevance_score": "$.s"}},
                "secret_parameters": {"api_key": "cu-versions-secret"}}}),
        );
        let listed = run(infer_at(&es.url()).args(["list", "--json"]));
        assert_eq!(listed.code, 0, "{column}: {}", listed.stderr);
        let (_d, path) = crate::harness::file("e.json", listed.stdout.clone());
        let plan = run(infer_at(&es.url()).args(["plan", "-f", &crate::harness::arg(&path)]));
        assert_eq!(
            plan.code, 0,
            "plan on {column}:\n{}\n{}",
            plan.stdout, plan.stderr
        );
    }
}
