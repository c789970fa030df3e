use super::*;
use serde_json::json;

fn listing(endpoints: Value) -> Listing {
    let text = json!({ "endpoints": endpoints }).to_string();
    Listing::new(text, &crate::api::Request::all(), "http://es:9200")
}

fn openai(id: &str, user: &str) -> Value {
    json!({"inference_id": id, "task_type": "text_embedding", "service": "openai",
        "service_settings": {"model_id": "text-embedding-3-small", "dimensions": 1536},
        "task_settings": {"user": user}})
}

fn drift(a: Value, b: Value, wanted: &dyn Fn(&str) -> bool) -> Drift {
    let (a, b) = (listing(a), listing(b));
    let (a, b) = (Side::new(&a).unwrap(), Side::new(&b).unwrap());
    compare(["staging".into(), "prod".into()], [&a, &b], wanted).unwrap()
}

#[test]
fn alike_one_sided_and_differing_endpoints() {
    let a = json!([
        openai("same", "x"),
        openai("moved", "x"),
        openai("only-a", "x")
    ]);
    let b = json!([
        openai("same", "x"),
        openai("moved", "y"),
        openai("only-b", "x")
    ]);
    let d = drift(a, b, &|_| true);
    assert_eq!(d.alike, 1);
    assert_eq!(
        d.only_in,
        [vec!["only-a".to_string()], vec!["only-b".to_string()]]
    );
    assert_eq!(
        d.differ,
        vec![Differing {
            inference_id: "moved".into(),
            fields: vec![Field {
                path: "task_settings.user".into(),
                values: [Some(json!("x")), Some(json!("y"))],
            }],
        }]
    );
    assert!(!d.is_alike());
    let shown = serde_json::to_value(&d).unwrap();
    assert_eq!(
        shown,
        json!({"profiles": ["staging", "prod"],
            "only_in": {"staging": ["only-a"], "prod": ["only-b"]},
            "differ": [{"inference_id": "moved",
                "fields": [{"path": "task_settings.user", "values": {"staging": "x", "prod": "y"}}]}],
            "alike": 1})
    );
}

#[test]
fn a_setting_set_on_one_side_only_has_no_value_on_the_other() {
    let mut b = openai("e", "x");
    b["service_settings"]["rate_limit"] = json!({"requests_per_minute": 500});
    let d = drift(json!([openai("e", "x")]), json!([b]), &|_| true);
    let field = &d.differ[0].fields[0];
    // A whole object set on one side only is one field.
    assert_eq!(field.path, "service_settings.rate_limit");
    assert_eq!(
        field.values,
        [None, Some(json!({"requests_per_minute": 500}))]
    );
    let shown = serde_json::to_value(&d).unwrap();
    assert_eq!(
        shown["differ"][0]["fields"][0],
        json!({"path": "service_settings.rate_limit", "values": {"prod": {"requests_per_minute": 500}}})
    );
}

#[test]
fn secrets_and_the_live_count_of_an_autoscaling_endpoint_are_no_drift() {
    let mut a = openai("e", "x");
    a["service_settings"]["api_key"] = json!("sk-leaked-by-a-proxy-1");
    let auto = |count: u64| {
        json!({"inference_id": "auto", "task_type": "sparse_embedding", "service": "elasticsearch",
            "service_settings": {"model_id": ".elser_model_2", "num_allocations": count,
                "adaptive_allocations": {"enabled": true, "max_number_of_allocations": 4}}})
    };
    let d = drift(
        json!([a, auto(1)]),
        json!([openai("e", "x"), auto(3)]),
        &|_| true,
    );
    assert!(d.is_alike(), "{d:?}");
    assert_eq!(d.alike, 2);
    // A fixed count is a setting.
    let fixed = |count: u64| {
        json!({"inference_id": "f", "task_type": "sparse_embedding", "service": "elasticsearch",
            "service_settings": {"model_id": ".elser_model_2", "num_allocations": count}})
    };
    let d = drift(json!([fixed(1)]), json!([fixed(2)]), &|_| true);
    assert_eq!(
        d.differ[0].fields[0].path,
        "service_settings.num_allocations"
    );
}

#[test]
fn wanted_ids_narrow_and_replaced_endpoints_are_compared() {
    let a = listing(json!([openai("a1", "x"), openai("b1", "x")]));
    let b = listing(json!([openai("a1", "y"), openai("b1", "y")]));
    let (mut sa, sb) = (Side::new(&a).unwrap(), Side::new(&b).unwrap());
    let only_a = |id: &str| id.starts_with('a');
    let d = compare(["s".into(), "p".into()], [&sa, &sb], &only_a).unwrap();
    assert_eq!(d.differ.len(), 1);
    assert_eq!(d.differ[0].inference_id, "a1");
    sa.apply(openai("a1", "y")).unwrap();
    sa.apply(openai("new", "y")).unwrap();
    let d = compare(["s".into(), "p".into()], [&sa, &sb], &|_| true).unwrap();
    assert_eq!(d.alike, 1);
    assert_eq!(d.only_in[0], vec!["new".to_string()]);
    assert_eq!(d.differ[0].inference_id, "b1");
}

#[test]
fn removing_by_pointer() {
    let mut v = json!({"a": {"k/1": 1, "x": [1, 2, 3]}});
    remove(&mut v, "/a/k~11");
    remove(&mut v, "/a/x/1");
    remove(&mut v, "/nowhere/x");
    assert_eq!(v, json!({"a": {"x": [1, 3]}}));
}

#[test]
fn applying_merges_as_an_update_and_skips_a_replace() {
    let mut stored = openai("e", "x");
    stored["chunking_settings"] = json!({"strategy": "word", "max_chunk_size": 100, "overlap": 10});
    stored["service_settings"]["rate_limit"] = json!({"requests_per_minute": 5});
    let a = listing(json!([stored.clone(), openai("r", "x")]));
    let mut side = Side::new(&a).unwrap();
    side.apply(json!({"inference_id": "e", "task_type": "text_embedding", "service": "openai",
        "service_settings": {"model_id": "m2", "rate_limit": null},
        "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}}))
        .unwrap();
    side.apply(
        json!({"inference_id": "r", "task_type": "sparse_embedding", "service": "elasticsearch",
        "service_settings": {"model_id": ".elser_model_2"}}),
    )
    .unwrap();
    assert_eq!(
        side.value("e").unwrap().unwrap(),
        json!({"inference_id": "e", "task_type": "text_embedding", "service": "openai",
            "service_settings": {"model_id": "m2", "dimensions": 1536},
            "task_settings": {"user": "x"},
            "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}})
    );
    assert_eq!(side.value("r").unwrap().unwrap(), openai("r", "x"));
}

#[test]
fn a_profile_named_path_keeps_the_path() {
    let (a, b) = (
        listing(json!([openai("e", "x")])),
        listing(json!([openai("e", "y")])),
    );
    let (a, b) = (Side::new(&a).unwrap(), Side::new(&b).unwrap());
    let d = compare(["path".into(), "values".into()], [&a, &b], &|_| true).unwrap();
    assert_eq!(
        serde_json::to_value(&d).unwrap()["differ"][0]["fields"][0],
        json!({"path": "task_settings.user", "values": {"path": "x", "values": "y"}})
    );
}
