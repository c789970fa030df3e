use super::*;
use serde_json::json;

fn map(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap()
}

fn merged(base: Value, overlay: Value) -> Value {
    let mut base = map(base);
    merge(&mut base, &map(overlay));
    Value::Object(base)
}

fn refusal(item: Value) -> String {
    split(item, "e.yaml, endpoint 1").unwrap_err().to_string()
}

/// The example of the documentation (`docs/endpoints-as-code.md`).
fn elser() -> Value {
    json!({
        "inference_id": "my-elser", "task_type": "sparse_embedding", "service": "elasticsearch",
        "service_settings": {
            "model_id": ".elser_model_2_linux-x86_64", "num_threads": 1,
            "adaptive_allocations": {"enabled": true, "min_number_of_allocations": 0,
                                     "max_number_of_allocations": 2}
        },
        "environments": {"prod": {"service_settings": {"adaptive_allocations":
            {"min_number_of_allocations": 2, "max_number_of_allocations": 8}}}}
    })
}

#[test]
fn nested_objects_are_merged_key_by_key() {
    let layered = split(elser(), "e.yaml, endpoint 1").unwrap();
    let prod = layered.for_target(Some("prod")).unwrap();
    assert_eq!(
        prod["service_settings"],
        json!({"model_id": ".elser_model_2_linux-x86_64", "num_threads": 1,
               "adaptive_allocations": {"enabled": true, "min_number_of_allocations": 2,
                                        "max_number_of_allocations": 8}})
    );
    assert!(!prod.contains_key("environments"));
    // Another profile, or none, gets the endpoint as the file gives it.
    let staging = layered.for_target(Some("staging")).unwrap();
    assert_eq!(staging, layered.base);
    assert_eq!(layered.for_target(None).unwrap(), layered.base);
    assert_eq!(
        staging["service_settings"]["adaptive_allocations"]["max_number_of_allocations"],
        2
    );
}

#[test]
fn a_null_removes_the_key_and_the_rest_is_kept() {
    assert_eq!(
        merged(
            json!({"service_settings": {"num_allocations": 1, "num_threads": 1}}),
            json!({"service_settings": {"num_allocations": null,
                   "adaptive_allocations": {"enabled": true, "max_number_of_allocations": 8}}})
        ),
        json!({"service_settings": {"num_threads": 1,
               "adaptive_allocations": {"enabled": true, "max_number_of_allocations": 8}}})
    );
    // A whole section, and a key that is not there: nothing left to remove.
    assert_eq!(
        merged(
            json!({"service_settings": {"a": 1}, "task_settings": {"user": "x"}}),
            json!({"task_settings": null, "service_settings": {"b": null}})
        ),
        json!({"service_settings": {"a": 1}})
    );
    // Deep: a null two levels down.
    assert_eq!(
        merged(
            json!({"s": {"r": {"a": 1, "b": 2}}}),
            json!({"s": {"r": {"a": null}}})
        ),
        json!({"s": {"r": {"b": 2}}})
    );
}

#[test]
fn lists_values_and_objects_over_values_replace_whole() {
    assert_eq!(
        merged(
            json!({"s": {"list": [1, 2, 3], "n": 1, "v": "x", "o": {"a": 1}}}),
            json!({"s": {"list": [4], "n": {"x": 1, "gone": null}, "o": "flat", "new": {"k": null}}})
        ),
        json!({"s": {"list": [4], "n": {"x": 1}, "v": "x", "o": "flat", "new": {}}})
    );
    // A section the base does not give is taken from the overlay.
    assert_eq!(
        merged(json!({}), json!({"task_settings": {"user": "prod"}})),
        json!({"task_settings": {"user": "prod"}})
    );
}

#[test]
fn profiles_say_which_clusters_have_the_endpoint() {
    let mut item = elser();
    item["profiles"] = json!(["staging", "prod"]);
    let layered = split(item, "e.yaml, endpoint 1").unwrap();
    assert_eq!(
        layered.profiles,
        Some(vec!["staging".to_string(), "prod".to_string()])
    );
    assert!(layered.for_target(Some("staging")).is_some());
    assert!(layered.for_target(Some("prod")).is_some());
    assert!(layered.for_target(Some("dev")).is_none());
    assert_eq!(
        layered.clone().into_target(Some("prod")),
        layered.for_target(Some("prod"))
    );
    assert!(layered.clone().into_target(None).is_none());
    // No profile in use: an endpoint that names its profiles is left out.
    assert!(layered.for_target(None).is_none());
    assert!(!layered.base.contains_key("profiles"));
    let names: Vec<_> = layered.names().collect();
    assert_eq!(
        names,
        [
            ("prod", "environments"),
            ("staging", "profiles"),
            ("prod", "profiles")
        ]
    );
    // Without the keys, every cluster has it as it is.
    let plain = split(json!({"inference_id": "a"}), "e.yaml, endpoint 1").unwrap();
    assert!(plain.for_target(None).is_some() && plain.for_target(Some("x")).is_some());
    assert_eq!(plain.names().count(), 0);
}

#[test]
fn the_keys_are_checked_like_the_rest_of_the_file() {
    let with = |key: &str, value: Value| {
        let mut item = json!({"inference_id": "emb", "task_type": "text_embedding",
                              "service": "openai"});
        item[key] = value;
        refusal(item)
    };
    let cases = [
        (
            with("environments", json!(["prod"])),
            "e.yaml, endpoint 1 ('emb'): environments must be a map of profile names",
        ),
        (
            with("environments", json!({"prod": 3})),
            "('emb'): environments.prod must be an object of the settings that differ there",
        ),
        (
            with("environments", json!({"prod": {"rate_limit": {}}})),
            "('emb'): unknown key 'rate_limit' in environments.prod; an overlay holds \
             service_settings, task_settings, chunking_settings",
        ),
        (
            with("environments", json!({"prod": {"service": "cohere"}})),
            "('emb'): environments.prod gives service, which is the same in every cluster: an \
             endpoint with another service is another endpoint",
        ),
        (
            with("environments", json!({"prod": {"inference_id": "x"}})),
            "environments.prod gives inference_id",
        ),
        (
            with("environments", json!({"prod": {"task_type": "rerank"}})),
            "environments.prod gives task_type",
        ),
        (
            with("environments", json!({"prod": {"task_settings": [1]}})),
            "environments.prod.task_settings must be an object",
        ),
        (
            with("environments", json!({"prod": {"chunking_settings": 1}})),
            "environments.prod.chunking_settings must be an object (or null",
        ),
        (
            with("environments", json!({"eu prod": {}})),
            "('emb'): a name in environments 'eu prod' is not a profile name: a profile's name \
             is letters, digits, _ and -",
        ),
        (
            with("profiles", json!("prod")),
            "('emb'): profiles must be a list of profile names",
        ),
        (
            with("profiles", json!(["prod", 1])),
            "profiles must be a list of profile names",
        ),
        (
            with("profiles", json!([])),
            "profiles is empty, so the endpoint would be in no cluster",
        ),
        (
            with("profiles", json!(["prod", "prod"])),
            "profiles names 'prod' twice; keep one",
        ),
        (
            with("profiles", json!(["https://overlay-test.invalid:1"])),
            "a name in profiles looks like a URL",
        ),
    ];
    for (said, wanted) in cases {
        assert!(said.contains(wanted), "{said:?} lacks {wanted:?}");
    }
    let mut item = elser();
    item["profiles"] = json!(["staging"]);
    assert!(refusal(item).contains(
        "('my-elser'): environments has values for profile 'prod', which its profiles \
             (staging) leave out: add 'prod' to profiles, or remove its values"
    ));
    assert_eq!(refusal(json!(3)), "e.yaml, endpoint 1 must be an object");
}

#[test]
fn null_keys_are_no_keys() {
    let layered = split(
        json!({"inference_id": "a", "environments": null, "profiles": null}),
        "e.yaml, endpoint 1",
    )
    .unwrap();
    assert_eq!(
        layered,
        Layered {
            base: map(json!({"inference_id": "a"})),
            ..Layered::default()
        }
    );
}

#[test]
fn an_overlay_s_chunking_settings_replace_the_base_s_whole() {
    // The server replaces chunking settings whole; a key-by-key mix of two strategies is one it
    // refuses.
    let item = |overlay: Value| {
        json!({"inference_id": "e", "task_type": "text_embedding", "service": "openai",
               "service_settings": {"model_id": "m", "api_key": "env:K"},
               "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250,
                                     "sentence_overlap": 1},
               "environments": {"prod": overlay}})
    };
    let prod = |overlay: Value| {
        split(item(overlay), "e.yaml, endpoint 1")
            .unwrap()
            .for_target(Some("prod"))
            .unwrap()
    };
    let word = json!({"chunking_settings": {"strategy": "word", "max_chunk_size": 100,
                                            "overlap": 50}});
    assert_eq!(
        prod(word)["chunking_settings"],
        json!({"strategy": "word", "max_chunk_size": 100, "overlap": 50})
    );
    let into = split(
        item(json!({"chunking_settings": {"strategy": "word", "overlap": 5, "x": null}})),
        "e.yaml, endpoint 1",
    )
    .unwrap()
    .into_target(Some("prod"))
    .unwrap();
    assert_eq!(
        into["chunking_settings"],
        json!({"strategy": "word", "overlap": 5})
    );
    // A null removes them there.
    let none = prod(json!({"chunking_settings": null}));
    assert!(!none.contains_key("chunking_settings"), "{none:?}");
    // Other sections are still merged key by key.
    let merged = prod(json!({"service_settings": {"model_id": "p"}}));
    assert_eq!(
        merged["service_settings"],
        json!({"model_id": "p", "api_key": "env:K"})
    );
}

#[test]
fn an_overlay_may_not_remove_a_whole_section_but_chunking_settings() {
    for section in ["service_settings", "task_settings"] {
        let said = refusal(json!({"inference_id": "emb", "task_type": "text_embedding",
                                  "service": "openai",
                                  "environments": {"prod": {section: null}}}));
        assert_eq!(
            said,
            format!(
                "e.yaml, endpoint 1 ('emb'): environments.prod.{section} is null, which would \
                 leave {section} out of the endpoint in profile 'prod''s cluster: give the values \
                 that differ there as an object, or describe it as another endpoint with its own \
                 profiles"
            )
        );
    }
    assert!(
        split(
            json!({"inference_id": "emb", "environments": {"prod": {"chunking_settings": null}}}),
            "e.yaml, endpoint 1"
        )
        .is_ok()
    );
}
