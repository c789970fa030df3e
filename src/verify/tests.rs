use super::*;
use serde_json::json;

fn map(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap()
}

#[test]
fn applied_ignored_secret_and_live_count() {
    let sent = map(json!({
        "service_settings": {"api_key": "k", "model_id": "new", "num_allocations": 4,
                             "rate_limit": {"requests_per_minute": 500}},
        "task_settings": {"user": "bob"}
    }));
    let after = json!({
        "service_settings": {"model_id": "old", "num_allocations": 2,
                             "rate_limit": {"requests_per_minute": 500.0}},
        "task_settings": {"user": "bob"}
    });
    let report = compare(&sent, &[], None, &after);
    assert_eq!(report.failures(), 1);
    assert_eq!(report.secrets(), ["service_settings.api_key"]);
    assert_eq!(
        report.applied(),
        [
            "service_settings.rate_limit.requests_per_minute",
            "task_settings.user"
        ]
    );
    assert!(report.outcomes.contains(&Outcome::LiveCount {
        path: "service_settings.num_allocations".into(),
        asked: json!(4),
        reported: Some(json!(2)),
    }));
}

#[test]
fn untouched_chunking_reset_is_a_failure() {
    let sent = map(json!({"task_settings": {"user": "x"}}));
    let before = json!({"task_settings": {"user": "a"}, "service_settings": {"num_allocations": 1},
        "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}});
    let after = json!({"task_settings": {"user": "x"}, "service_settings": {"num_allocations": 3},
        "chunking_settings": {"strategy": "word", "max_chunk_size": 250, "overlap": 100}});
    let report = compare(&sent, &[], Some(&before), &after);
    assert_eq!(report.failures(), 1);
    assert!(
        matches!(&report.outcomes[1], Outcome::UntouchedChanged { path, .. } if path == "chunking_settings")
    );
}

#[test]
fn empty_and_missing_task_settings_are_the_same() {
    let sent = map(json!({"service_settings": {"num_allocations": 2}}));
    let before = json!({"service_settings": {"num_allocations": 1}});
    let after = json!({"service_settings": {"num_allocations": 2}, "task_settings": {}});
    assert_eq!(compare(&sent, &[], Some(&before), &after).failures(), 0);
}

#[test]
fn a_lost_sibling_of_an_asked_value_is_a_failure() {
    // Sent in part, the object replaced the stored one (unverified).
    let sent = map(
        json!({"service_settings": {"adaptive_allocations": {"max_number_of_allocations": 8}}}),
    );
    let before = json!({"service_settings": {"num_allocations": 1, "adaptive_allocations":
        {"enabled": true, "min_number_of_allocations": 1, "max_number_of_allocations": 4}}});
    let after = json!({"service_settings": {"num_allocations": 2, "adaptive_allocations":
        {"max_number_of_allocations": 8}}});
    let report = compare(&sent, &[], Some(&before), &after);
    assert_eq!(report.failures(), 2, "{:?}", report.outcomes);
    assert!(
        report
            .applied()
            .contains(&"service_settings.adaptive_allocations.max_number_of_allocations")
    );
    assert!(report.outcomes.contains(&Outcome::UntouchedChanged {
        path: "service_settings.adaptive_allocations.enabled".into(),
        before: Some(json!(true)),
        after: None,
    }));
}

#[test]
fn nulls_are_resets_and_filled_values_are_no_failure() {
    let sent = map(json!({"service_settings": {"rate_limit": null, "max_input_tokens": null}}));
    let before = json!({"service_settings": {"rate_limit": {"requests_per_minute": 10},
        "max_input_tokens": 512}});
    let after = json!({"service_settings": {"rate_limit": {"requests_per_minute": 3000},
        "similarity": "cosine"}});
    let report = compare(&sent, &[], Some(&before), &after);
    assert_eq!(report.failures(), 0, "{:?}", report.outcomes);
    assert_eq!(
        report.resets(),
        [
            "service_settings.rate_limit",
            "service_settings.max_input_tokens"
        ]
    );
    assert!(report.outcomes.contains(&Outcome::Filled {
        path: "service_settings.similarity".into(),
        value: json!("cosine"),
    }));
}

#[test]
fn flagged_secret_paths_are_not_compared() {
    let sent = map(json!({"service_settings": {"odd_name": "v"}}));
    let report = compare(
        &sent,
        &["service_settings.odd_name".into()],
        None,
        &json!({}),
    );
    assert_eq!(report.secrets(), ["service_settings.odd_name"]);
    assert_eq!(report.failures(), 0);
}
