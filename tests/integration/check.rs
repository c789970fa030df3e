//! `infer check`.

use serde_json::json;

use crate::fake_es::{Behavior, FakeEs};
use crate::harness::terminal::on_terminal;
use crate::harness::{infer_at, run};

#[test]
fn a_connection_that_can_do_the_job() {
    let es = FakeEs::start();
    let out = run(infer_at(&es.url()).env("ES_API_KEY", "k").args(["check"])).expect(0);
    assert_eq!(
        out.json(),
        json!({"url": format!("{}/", es.url()), "reachable": true, "version": "9.5.0", "flavor": "default",
               "security": "enabled", "authenticated": true, "user": "infer-ci", "authentication_type": "api_key",
               "privileges": {"manage_inference": true, "monitor_inference": true}, "ok": true})
    );
    let paths: Vec<String> = es
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        paths,
        [
            "GET /",
            "GET /_security/_authenticate",
            "POST /_security/user/_has_privileges"
        ]
    );
}

#[test]
fn a_missing_privilege_exits_3() {
    let es = FakeEs::with_behavior(Behavior {
        granted_cluster_privileges: vec!["monitor_inference".into()],
        ..Default::default()
    });
    let out = run(infer_at(&es.url()).args(["check"]))
        .expect(3)
        .stderr_has("these credentials lack manage_inference");
    assert_eq!(out.json()["ok"], false);
    assert_eq!(out.json()["privileges"]["manage_inference"], false);
}

#[test]
fn a_cluster_without_security_is_reported_not_failed() {
    let es = FakeEs::with_behavior(Behavior {
        security_enabled: false,
        ..Default::default()
    });
    let out = run(infer_at(&es.url()).args(["check"])).expect(0);
    assert_eq!(out.json()["security"], "disabled");
    assert_eq!(out.json()["ok"], true);
}

#[test]
fn a_failed_step_still_reports_what_passed() {
    let es = FakeEs::with_behavior(Behavior {
        required_authorization: Some("ApiKey right".into()),
        ..Default::default()
    });
    // GET / is answered (the fake checks credentials on every route, so
    // let the first answer through as a real cluster's anonymous root would).
    es.respond_next(
        200,
        "application/json",
        r#"{"version":{"number":"9.5.0","build_flavor":"default"}}"#,
    );
    let out = run(infer_at(&es.url())
        .env("ES_API_KEY", "wrong")
        .args(["check"]))
    .expect(4)
    .stderr_has("HTTP 401 security_exception");
    assert_eq!(out.json()["reachable"], true);
    assert_eq!(out.json()["authenticated"], false);
    assert_eq!(out.json()["ok"], false);
    let dead = run(infer_at("http://127.0.0.1:9").args(["--retries=0", "check"])).expect(6);
    assert_eq!(dead.json()["reachable"], false);
    assert!(
        dead.json()["error"]
            .as_str()
            .unwrap_or_default()
            .contains("cannot reach"),
        "{}",
        dead.stdout
    );
}

#[test]
fn on_a_terminal_a_summary() {
    let es = FakeEs::with_behavior(Behavior {
        granted_cluster_privileges: vec!["manage_inference".into()],
        ..Default::default()
    });
    let tty = on_terminal("check --color never", &[("ES_URL", &es.url())], &[]);
    assert_eq!(tty.code, 3, "{}", tty.screen);
    for expected in [
        "✓ reachable: http://127.0.0.1:",
        "(Elasticsearch 9.5.0, default)",
        "✓ authenticated as infer-ci (realm)",
        "✓ manage_inference",
        "✗ monitor_inference: missing",
    ] {
        assert!(tty.screen.contains(expected), "{expected}: {}", tty.screen);
    }
}
