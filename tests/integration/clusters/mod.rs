//! `plan`, `apply` and `rotate` on several clusters (`--profile` repeated,
//! `--all-profiles`): three fakes, one per profile, each answering only its
//! own key (`harness::three`). What each cluster is planned and holds
//! (`plan.rs`, `apply.rs`), a cluster unreachable or going down, a usage
//! error in one (`failures.rs`), rotation (`rotate.rs`), credentials that
//! never cross clusters (`credentials.rs`), and the terminal (`terminal.rs`).

mod apply;
mod credentials;
mod failures;
mod plan;
mod rotate;
mod terminal;

use crate::harness::Run;
use crate::harness::three::Three;
use serde_json::Value;
use std::collections::BTreeMap;

/// The `to` of each change of a planned endpoint, by path.
fn values(item: &Value) -> Value {
    let changes = item["changes"].as_array().map_or(&[][..], Vec::as_slice);
    assert!(!changes.is_empty(), "no changes: {item}");
    let to = |c: &Value| {
        (
            c["path"].as_str().unwrap_or_default().to_string(),
            c["to"].clone(),
        )
    };
    Value::Object(changes.iter().map(to).collect())
}

/// The ids of a section's items, sorted.
fn ids(items: &BTreeMap<String, Value>) -> Vec<&str> {
    items.keys().map(String::as_str).collect()
}

/// The `status` of each outcome of a section, by id.
fn statuses(items: &BTreeMap<String, Value>) -> BTreeMap<&str, &str> {
    let mut by_id = BTreeMap::new();
    for (id, outcome) in items {
        by_id.insert(id.as_str(), outcome["status"].as_str().unwrap_or("?"));
    }
    by_id
}

/// The `(profile, exit_code)` pairs [`sections`](crate::harness::three::sections) returns.
fn codes(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(p, c)| ((*p).to_string(), *c)).collect()
}

/// `plan`, `apply --yes` and `rotate emb --yes` of [`THREE`](crate::harness::three::THREE)
/// on the clusters of `profiles`, each with `extra`: the command, and its run.
fn each_command(t: &Three, profiles: &[&str], extra: &[&str]) -> Vec<(&'static str, Run)> {
    let f = t.f();
    let commands: [(&str, Vec<&str>); 3] = [
        ("plan", vec!["-f", &f]),
        ("apply", vec!["-f", &f, "--yes"]),
        (
            "rotate",
            vec!["emb", "--secret-env", "api_key=OPENAI_API_KEY", "--yes"],
        ),
    ];
    commands
        .into_iter()
        .map(|(command, mut args)| {
            args.insert(0, command);
            args.extend_from_slice(extra);
            (command, t.on(profiles, &args))
        })
        .collect()
}
