//! What goes wrong in one cluster of several: one that cannot be reached is reported and the
//! others are applied (not with `--fail-fast`); one that goes down during the writes fails its
//! own; a usage error in any stops the run before anything is written; a conflict in one is its
//! own. The exit code is the most serious: 2, then 1, then 11, then 10, then 0.

use super::{codes, ids, statuses};
use crate::harness::three::{
    OPENAI_KEY, THREE, Three, by_id, section, sections, three, three_prod_closed,
};
use crate::harness::{Run, run};

/// `apply -f FILE --all-profiles --yes` with `more`, prod at a closed port.
fn prod_unreachable(more: &[&str]) -> (Three, String, Run) {
    let (t, closed) = three_prod_closed();
    let f = t.f();
    let mut args = vec!["apply", "-f", &f, "--all-profiles", "--yes"];
    args.extend_from_slice(more);
    let out = t.run(&args);
    (t, closed, out)
}

#[test]
fn an_unreachable_cluster_is_reported_and_the_others_are_applied() {
    let (t, closed, out) = prod_unreachable(&[]);
    let report = out
        .expect(1)
        .stderr_has(&format!(
            "infer: error: prod ({closed}/): cannot reach Elasticsearch at {closed}/"
        ))
        .stderr_has("infer: dev: 3 verified")
        .stderr_has("infer: staging: 3 verified")
        .json();
    assert_eq!(
        sections(&report),
        codes(&[("dev", 0), ("prod", 6), ("staging", 0)])
    );
    let error = section(&report, "prod")["error"]
        .as_str()
        .unwrap_or_default();
    assert!(
        error.contains("check the URL (url from profile 'prod')"),
        "{error}"
    );
    assert!(t.staging.endpoint("openai-embeddings").is_some());
    assert!(t.dev.endpoint("dev-rerank").is_some());
}

#[test]
fn fail_fast_writes_nothing_when_a_cluster_cannot_be_planned() {
    let (t, closed, out) = prod_unreachable(&["--fail-fast"]);
    let report = out
        .expect(1)
        .stderr_has("--fail-fast: a cluster could not be planned, so nothing was written")
        .stderr_has(&format!("infer: error: prod ({closed}/)"))
        .json();
    // The clusters planned and never written: 11, not everything applied.
    assert_eq!(
        sections(&report),
        codes(&[("dev", 11), ("prod", 6), ("staging", 11)])
    );
    // What was left undone is listed, as on one cluster.
    let dev = section(&report, "dev")["report"]
        .as_array()
        .expect("dev's report")
        .clone();
    let not_started: Vec<&str> = dev
        .iter()
        .filter(|o| o["status"] == "not_started")
        .filter_map(|o| o["inference_id"].as_str())
        .collect();
    assert!(!not_started.is_empty(), "{dev:?}");
    assert!(
        dev.iter()
            .all(|o| o["status"] == "not_started" || o["status"] == "no_change")
    );
    t.nothing_written();
}

#[test]
fn a_cluster_that_goes_down_during_the_writes_fails_its_own_and_the_others_complete() {
    let t = three();
    // prod answers the plan and its first write, then nothing.
    t.prod.down_at_write(2);
    let args = [
        "apply",
        "-f",
        &t.f(),
        "--all-profiles",
        "--yes",
        "--parallel",
        "1",
    ];
    let report = t
        .run(&args)
        .expect(11)
        .stderr_has("infer: prod: 1 verified, 0 done, 0 not verified, 2 failed")
        .stderr_has("infer: dev: 3 verified, 0 done, 0 not verified, 0 failed")
        .stderr_has("infer: staging: 3 verified, 0 done, 0 not verified, 0 failed")
        .never_shows(OPENAI_KEY)
        .json();
    assert!(t.prod.is_down());
    assert_eq!(
        sections(&report),
        codes(&[("dev", 0), ("prod", 11), ("staging", 0)])
    );
    let prod = by_id(section(&report, "prod"));
    let mut ended: Vec<&str> = statuses(&prod).into_values().collect();
    ended.sort_unstable();
    assert_eq!(ended, ["failed", "failed", "verified"], "{prod:?}");
    let lost = format!("lost the connection to {}_inference/", t.url_of("prod"));
    for outcome in prod.values().filter(|o| o["status"] == "failed") {
        let error = outcome["error"].as_str().unwrap_or_default();
        assert!(error.starts_with(&lost), "{outcome}");
    }
    // What each holds (read from the fake's store, not through the server).
    let held = |es: &crate::fake_es::FakeEs, wanted: &[&str]| {
        wanted.iter().filter(|id| es.endpoint(id).is_some()).count()
    };
    let both = ["my-elser", "openai-embeddings", "shared-rerank"];
    assert_eq!(held(&t.prod, &both), 1, "only the first write reached prod");
    assert_eq!(held(&t.staging, &both), 3);
    assert_eq!(
        held(&t.dev, &["my-elser", "dev-rerank", "shared-rerank"]),
        3
    );
    assert_eq!(ids(&by_id(section(&report, "staging"))), both);
}

/// `apply --all-profiles --yes` of `text` (with `more`): exit 2, its stderr holding each of
/// `said`, and nothing written to any cluster.
fn refused(t: &Three, text: &str, more: &[&str], said: &[&str]) {
    assert_ne!(text, THREE, "the file was not changed");
    let f = t.variant("changed.yaml", text);
    let mut args = vec!["apply", "-f", &f, "--all-profiles", "--yes"];
    args.extend_from_slice(more);
    let out = t.run(&args).expect(2);
    let lacking: Vec<&&str> = said.iter().filter(|s| !out.stderr.contains(**s)).collect();
    assert!(
        lacking.is_empty(),
        "stderr lacks {lacking:?}:\n{}",
        out.stderr
    );
    t.nothing_written();
}

#[test]
fn an_overlay_for_a_profile_no_config_knows_is_refused_before_any_cluster_is_read() {
    let t = three();
    let text = THREE.replace(
        "    staging: {service_settings",
        "    qa: {service_settings",
    );
    refused(
        &t,
        &text,
        &[],
        &[
            "('my-elser'): environments names profile 'qa', which no profile of the config file \
             is (it has: dev, prod, staging)",
            "nothing was sent",
        ],
    );
    t.nothing_sent();
}

#[test]
fn a_usage_error_in_one_cluster_only_writes_nothing_anywhere() {
    let t = three();
    // An overlay that removes a whole section, for prod only.
    let text = THREE.replace(
        "    prod: {service_settings: {api_key: env:PROD_OPENAI_API_KEY, rate_limit: \
         {requests_per_minute: 3000}}}",
        "    prod: {service_settings: null}",
    );
    refused(
        &t,
        &text,
        &[],
        &[
            "('openai-embeddings'): environments.prod.service_settings is null",
            "in profile 'prod''s cluster",
        ],
    );
    // An endpoint --probe cannot probe, in prod's file only: found once prod is planned.
    let text = format!(
        "{THREE}- {{inference_id: prod-chat, task_type: chat_completion, service: openai, \
         profiles: [prod],\n   service_settings: {{model_id: gpt-4o, api_key: \
         env:PROD_OPENAI_API_KEY}}}}\n"
    );
    let said = format!(
        "infer: error: {}: infer probe does not probe chat_completion endpoints",
        t.named("prod")
    );
    refused(&t, &text, &["--probe"], &[&said]);
}

#[test]
fn a_key_unset_for_one_cluster_is_its_conflict_and_the_others_are_applied() {
    let t = three();
    let mut cmd = t.infer();
    cmd.env_remove("PROD_OPENAI_API_KEY")
        .args(["apply", "-f", &t.f(), "--all-profiles", "--yes"]);
    let report = run(&mut cmd).expect(11).never_shows(OPENAI_KEY).json();
    assert_eq!(
        sections(&report),
        codes(&[("dev", 0), ("prod", 11), ("staging", 0)])
    );
    let prod = by_id(section(&report, "prod"));
    assert_eq!(statuses(&prod)["openai-embeddings"], "skipped", "{prod:?}");
    assert_eq!(statuses(&prod)["my-elser"], "verified");
    // The shared variable was no stand-in for prod's own.
    assert!(t.prod.endpoint("openai-embeddings").is_none());
    assert_eq!(
        t.staging.secrets("openai-embeddings")["api_key"],
        OPENAI_KEY
    );
}

#[test]
fn only_conflicts_left_is_not_nothing_to_do() {
    let t = three();
    let apply = |profiles: &[&str]| {
        let mut cmd = t.infer();
        cmd.env_remove("PROD_OPENAI_API_KEY")
            .args(["apply", "-f", &t.f(), "--yes"]);
        profiles.iter().for_each(|p| {
            cmd.args(["--profile", p]);
        });
        run(&mut cmd)
    };
    // The first run writes what it can; prod's openai-embeddings, whose key is unreadable,
    // is a conflict, and the only change left in either cluster for the second.
    apply(&["staging", "prod"]).expect(11);
    assert!(t.prod.endpoint("openai-embeddings").is_none());
    let out = apply(&["staging", "prod"]).expect(11);
    assert!(
        !out.stderr.contains("nothing to do"),
        "a conflict is something left to do:\n{}",
        out.stderr
    );
    let report = out.json();
    assert_eq!(sections(&report), codes(&[("staging", 0), ("prod", 11)]));
    let prod = by_id(section(&report, "prod"));
    assert_eq!(statuses(&prod)["openai-embeddings"], "skipped");
    // As on one cluster.
    let one = apply(&["prod"]).expect(11);
    assert!(!one.stderr.contains("nothing to do"), "{}", one.stderr);
}

#[test]
fn a_usage_error_wins_over_an_unreachable_cluster() {
    let (t, _) = three_prod_closed();
    // An endpoint --probe cannot probe, in dev's file only.
    let text = format!(
        "{THREE}- {{inference_id: dev-chat, task_type: chat_completion, service: openai, \
         profiles: [dev],\n   service_settings: {{model_id: gpt-4o, api_key: env:OPENAI_API_KEY}}}}\n"
    );
    let said = format!("infer: error: {}: infer probe", t.named("dev"));
    refused(&t, &text, &["--probe"], &[&said]);
}

/// `-q` leaves out the plans and counts, never the error of a cluster that was not reached,
/// which is said once.
#[test]
fn quiet_keeps_the_error_of_a_cluster_not_reached_said_once() {
    let (_t, closed, out) = prod_unreachable(&["-q"]);
    let out = out.expect(1);
    let said = format!("infer: error: prod ({closed}/): cannot reach Elasticsearch");
    assert_eq!(out.stderr.matches(&said).count(), 1, "{}", out.stderr);
    assert!(!out.stderr.contains("Plan:"), "{}", out.stderr);
    assert!(!out.stderr.contains("verified"), "{}", out.stderr);
}

/// With `--fail-fast`, a failed write in one cluster starts no new write in any: `fast` fails
/// its first write at once, while `slow` (30 ms a request, one write at a time) has its first
/// still in flight; that one finishes, and nothing after it starts.
#[test]
fn fail_fast_stops_new_writes_in_every_cluster() {
    use crate::fake_es::{Behavior, FakeEs, cohere_rerank};
    let fast = FakeEs::start();
    let slow = FakeEs::with_behavior(Behavior {
        latency: Some(std::time::Duration::from_millis(30)),
        ..Behavior::current()
    });
    let ids: Vec<String> = (0..8).map(|i| format!("rr-{i}")).collect();
    for id in &ids {
        fast.insert(cohere_rerank(id));
        slow.insert(cohere_rerank(id));
    }
    fast.down_at_write(1);
    let (_c, config) = crate::harness::config_file(
        &format!(
            "[profiles.fast]\nurl = \"{}\"\n\n[profiles.slow]\nurl = \"{}\"\n",
            fast.url(),
            slow.url()
        ),
        0o600,
    );
    let text: String = ids
        .iter()
        .map(|id| {
            format!(
                "- {{inference_id: {id}, task_type: rerank, service: cohere, service_settings: \
                 {{model_id: rerank-english-v3.0}}, task_settings: {{top_n: 3}}}}\n"
            )
        })
        .collect();
    let (_f, file) = crate::harness::file("e.yaml", text);
    let args = [
        "apply",
        "-f",
        file.to_str().expect("path"),
        "--all-profiles",
        "--yes",
    ];
    let out = run(crate::harness::infer()
        .env("INFER_CONFIG", &config)
        .args(args)
        .args(["--fail-fast", "--parallel", "1", "--retries", "0"]));
    let out = out.expect(11);
    let report = out.json();
    let slow = by_id(section(&report, "slow"));
    let slow_statuses: Vec<&str> = statuses(&slow).into_values().collect();
    let written = slow_statuses.iter().filter(|s| **s == "verified").count();
    let not_started = slow_statuses
        .iter()
        .filter(|s| **s == "not_started")
        .count();
    assert!(
        written >= 1 && not_started >= 1,
        "{slow_statuses:?}\n{}",
        out.stderr
    );
    assert_eq!(written + not_started, ids.len(), "{slow_statuses:?}");
}
