use super::*;
use serde_json::json;

fn adaptive(live: u64) -> Value {
    json!({"inference_id": "a", "task_type": "sparse_embedding", "service": "elasticsearch",
           "service_settings": {"num_allocations": live, "model_id": ".elser_model_2",
               "adaptive_allocations": {"enabled": true, "max_number_of_allocations": 4}}})
}

#[test]
fn a_fingerprint_ignores_key_order_and_the_live_count_of_an_autoscaling_endpoint() {
    let a = json!({"b": 1, "a": {"y": [1, {"q": 2, "p": 1}], "x": null}});
    let b = json!({"a": {"x": null, "y": [1, {"p": 1, "q": 2}]}, "b": 1});
    assert_eq!(fingerprint(&a), fingerprint(&b));
    assert!(fingerprint(&a).starts_with("sha256:"));
    assert_eq!(fingerprint(&a).len(), "sha256:".len() + 64);
    assert_eq!(fingerprint(&adaptive(1)), fingerprint(&adaptive(3)));
    let mut other = adaptive(1);
    other["service_settings"]["adaptive_allocations"]["max_number_of_allocations"] = json!(8);
    assert_ne!(fingerprint(&adaptive(1)), fingerprint(&other));
    // Adaptive allocations off: the count is a setting.
    let mut fixed = adaptive(1);
    fixed["service_settings"]["adaptive_allocations"]["enabled"] = json!(false);
    let mut more = fixed.clone();
    more["service_settings"]["num_allocations"] = json!(3);
    assert_ne!(fingerprint(&fixed), fingerprint(&more));
}

fn plan() -> SavedPlan {
    SavedPlan {
        cluster: Cluster {
            url: "https://es.example:9200/".into(),
            uuid: Some("uuid-1".into()),
        },
        options: Options {
            rotate_secrets: true,
            ..Options::default()
        },
        summary: "Plan: 1 to create".into(),
        endpoints: vec![Entry {
            inference_id: "e".into(),
            action: Action::Create,
            task_type: Some(TaskType::TextEmbedding),
            service: Some("openai".into()),
            stored: None,
            body: json!({"service_settings": {"model_id": "m"}})
                .as_object()
                .cloned(),
            secrets: vec![
                ("api_key".into(), Reference::Env("OPENAI_KEY".into())),
                (
                    "secret_parameters.x.y".into(),
                    Reference::File("./k".into()),
                ),
            ],
            follows: Vec::new(),
            review: Default::default(),
            from: Some("e.yaml, endpoint 1 ('e')".into()),
        }],
    }
}

#[test]
fn a_plan_reads_back_as_it_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    write(&path, &plan()).unwrap();
    let back = read(&path).unwrap();
    assert_eq!(back.to_json(), plan().to_json());
    assert_eq!(back.endpoints[0].secrets, plan().endpoints[0].secrets);
    assert!(back.options.rotate_secrets);
}

#[test]
fn the_cluster_is_told_by_its_id_where_both_give_one_else_by_its_url() {
    let made = Cluster {
        url: "https://a:9200/".into(),
        uuid: Some("u1".into()),
    };
    let at = |url: &str, uuid: Option<&str>| Cluster {
        url: url.into(),
        uuid: uuid.map(str::to_string),
    };
    assert!(made.same_as(&at("https://b:9200/", Some("u1"))));
    assert!(!made.same_as(&at("https://a:9200/", Some("u2"))));
    assert!(made.same_as(&at("https://a:9200/", None)));
    assert!(!made.same_as(&at("https://b:9200/", None)));
    let url = reqwest::Url::parse("https://a:9200").unwrap();
    assert_eq!(
        Cluster::new(&url, &json!({"cluster_uuid": "_na_"})),
        at("https://a:9200/", None)
    );
}

#[test]
fn a_secret_written_where_a_reference_belongs_is_refused_and_never_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let mut doc = plan().to_json();
    doc["endpoints"][0]["secrets"]["api_key"] = json!("sk-PASTED-4242");
    doc["checksum"] = json!(checksum(&doc));
    std::fs::write(&path, doc.to_string()).unwrap();
    let err = read(&path).err().unwrap().to_string();
    assert!(
        err.contains("endpoints[0].secrets.api_key: must be a reference"),
        "{err}"
    );
    assert!(!err.contains("sk-PASTED-4242"), "{err}");
}
