//! The server-versions table (`scenarios.rs`) against the fake at each version: one update
//! scenario per row, one server behaviour per column, and what infer must do there.

use crate::fake_es::{Behavior, FakeEs};
use crate::harness::{infer_at, run};
use crate::scenarios::{COLUMNS, TABLE};

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
    es.insert(crate::scenarios::adaptive("ep"));
    let out = run(infer_at(&es.url()).args([
        "update",
        "ep",
        "-v",
        "--set",
        "service_settings.adaptive_allocations.max_number_of_allocations:=8",
    ]))
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
