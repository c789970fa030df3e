//! `infer export`: the cluster's endpoints as files `plan` and `apply` read, every secret an
//! `env:` reference named by the documented rule (`<ID>_<SETTING>`, upper case, every other
//! character `_`), safe to commit.

use serde_json::{Value, json};

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::services;
use crate::harness::{arg, file, infer_at, run};

fn yaml(text: &str) -> Value {
    assert!(
        !text.trim_start().starts_with(['{', '[']),
        "not block style:\n{text}"
    );
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("not YAML ({e}):\n{text}"))
}

/// The variable an endpoint's secret is read from, by the rule `export` documents.
fn var(id: &str, setting: &str) -> String {
    let name: String = format!("{id}_{setting}")
        .chars()
        .map(|c| match c.to_ascii_uppercase() {
            c @ ('A'..='Z' | '0'..='9') => c,
            _ => '_',
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else if ["ES_", "ELASTICSEARCH_", "INFER_"]
        .iter()
        .any(|p| name.starts_with(p))
    {
        format!("EP_{name}")
    } else {
        name
    }
}

fn by_id(list: &Value, id: &str) -> Value {
    list.as_array()
        .and_then(|l| l.iter().find(|e| e["inference_id"] == id))
        .cloned()
        .unwrap_or_else(|| panic!("no {id} in {list}"))
}

fn cluster() -> FakeEs {
    let es = FakeEs::start();
    es.insert(openai_embedding("my-openai"));
    es.insert(cohere_rerank("co.rerank"));
    es.insert(elser("e5"));
    let mut pre = elser(".elser-2-elasticsearch");
    pre["service_settings"]["deployment_id"] = json!(".elser-2-elasticsearch");
    es.insert(pre);
    es
}

#[test]
fn export_writes_yaml_whose_secrets_are_references_and_that_plans_in_sync() {
    let es = cluster();
    let out = run(infer_at(&es.url()).arg("export"))
        .expect(0)
        .never_shows("sk-old")
        .never_shows("co-old")
        .stderr_has("CO_RERANK_API_KEY, MY_OPENAI_API_KEY");
    let list = yaml(&out.stdout);
    let ids: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|e| e["inference_id"].as_str())
        .collect();
    assert_eq!(
        ids,
        ["co.rerank", "e5", "my-openai"],
        "preconfigured left out"
    );
    assert_eq!(
        by_id(&list, "my-openai")["service_settings"]["api_key"],
        "env:MY_OPENAI_API_KEY"
    );
    assert_eq!(
        by_id(&list, "co.rerank")["service_settings"]["api_key"],
        "env:CO_RERANK_API_KEY"
    );
    assert!(
        by_id(&list, "e5")["service_settings"]
            .get("api_key")
            .is_none()
    );
    let (_d, path) = file("endpoints.yaml", &out.stdout);
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)]))
        .expect(0)
        .stderr_has("0 to create, 0 to update");
    let json = run(infer_at(&es.url()).args(["export", "-o", "json"])).expect(0);
    assert_eq!(json.json(), list);
}

#[test]
fn export_to_a_folder_writes_a_file_per_endpoint() {
    let es = cluster();
    let dir = tempfile::tempdir().expect("dir");
    let out_dir = dir.path().join("endpoints");
    run(infer_at(&es.url()).args(["export", "--out", &format!("{}/", arg(&out_dir))]))
        .expect(0)
        .stderr_has("wrote 3 files");
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("written")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    assert_eq!(names, ["co.rerank.yaml", "e5.yaml", "my-openai.yaml"]);
    let one = yaml(&std::fs::read_to_string(out_dir.join("my-openai.yaml")).expect("file"));
    assert_eq!(one["service_settings"]["api_key"], "env:MY_OPENAI_API_KEY");
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&out_dir)])).expect(0);

    let json_dir = tempfile::tempdir().expect("dir");
    run(infer_at(&es.url()).args(["export", "-o", "json", "--out", &arg(json_dir.path())]))
        .expect(0);
    let text = std::fs::read_to_string(json_dir.path().join("e5.json")).expect("e5.json");
    assert_eq!(
        serde_json::from_str::<Value>(&text).expect("JSON")["inference_id"],
        "e5"
    );
    run(infer_at(&es.url()).args(["plan", "-f", &arg(json_dir.path())])).expect(0);
}

#[test]
fn export_to_a_file_takes_its_format_from_the_name() {
    let es = cluster();
    let dir = tempfile::tempdir().expect("dir");
    for (name, is_json) in [("all.json", true), ("all.yml", false), ("all.yaml", false)] {
        let path = dir.path().join(name);
        run(infer_at(&es.url()).args(["export", "--out", &arg(&path)]))
            .expect(0)
            .stderr_has(&format!("wrote 3 endpoints to {}", path.display()));
        let text = std::fs::read_to_string(&path).expect("written");
        assert_eq!(text.starts_with('['), is_json, "{name}:\n{text}");
        run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)])).expect(0);
    }
}

#[test]
fn ids_and_globs_choose_and_what_cannot_be_exported_is_named() {
    let es = cluster();
    let out = run(infer_at(&es.url()).args(["export", "co*", "e5"])).expect(0);
    assert_eq!(yaml(&out.stdout).as_array().map(Vec::len), Some(2));
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("out.yaml");
    let refused = |args: &[&str], says: &str| {
        run(infer_at(&es.url())
            .args(["export", "--out", &arg(&target)])
            .args(args))
        .expect(2)
        .stderr_has(says);
        assert!(!target.exists(), "nothing written");
    };
    refused(&["nope"], "'nope' is not an endpoint of this cluster");
    refused(&[".elser-2-elasticsearch"], "preconfigured");
}

#[test]
fn a_wrong_out_or_format_is_named_before_anything_is_read() {
    let es = cluster();
    let dir = tempfile::tempdir().expect("dir");
    let at = |name: &str| arg(&dir.path().join(name));
    for (args, says) in [
        (vec!["--out".to_string(), at("x.txt")], "x.txt"),
        (vec!["--out".to_string(), at("endpoints")], "end it with /"),
        (
            vec!["-o".into(), "json".into(), "--out".into(), at("x.yaml")],
            "-o json",
        ),
        (vec!["-o".into(), "table".into()], "invalid value 'table'"),
    ] {
        run(infer_at(&es.url()).arg("export").args(&args))
            .expect(2)
            .stderr_has(says);
    }
    assert!(es.requests().is_empty(), "{:?}", es.requests());
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn two_endpoints_that_would_share_a_variable_are_an_error_naming_both() {
    let es = FakeEs::start();
    es.insert(openai_embedding("my-e5"));
    es.insert(openai_embedding("my_e5"));
    let dir = tempfile::tempdir().expect("dir");
    run(infer_at(&es.url()).args(["export", "--out", &format!("{}/", arg(dir.path()))]))
        .expect(2)
        .stderr_has("'my-e5' and 'my_e5'")
        .stderr_has("MY_E5_API_KEY");
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn the_live_count_of_an_autoscaling_endpoint_is_left_out() {
    let es = FakeEs::with_behavior(Behavior {
        live_num_allocations: Some(3),
        ..Behavior::current()
    });
    es.insert(crate::harness::scenarios::adaptive("auto"));
    let out = run(infer_at(&es.url()).arg("export")).expect(0);
    let exported = by_id(&yaml(&out.stdout), "auto");
    assert!(
        exported["service_settings"]
            .get("num_allocations")
            .is_none(),
        "{exported}"
    );
    assert_eq!(
        exported["service_settings"]["adaptive_allocations"]["enabled"],
        true
    );
    let (_d, path) = file("endpoints.yaml", &out.stdout);
    let later = FakeEs::with_behavior(Behavior {
        live_num_allocations: Some(1),
        ..Behavior::current()
    });
    later.insert(crate::harness::scenarios::adaptive("auto"));
    run(infer_at(&later.url()).args(["plan", "-f", &arg(&path)])).expect(0);
}

#[test]
fn a_custom_endpoints_secret_parameters_are_a_placeholder_refused_where_it_must_be_sent() {
    let es = FakeEs::start();
    es.insert(services::endpoint("my-custom", "custom", "text_embedding"));
    let out = run(infer_at(&es.url()).arg("export"))
        .expect(0)
        .never_shows("cu-round-secret")
        .stderr_has("my-custom: fill in");
    let exported = by_id(&yaml(&out.stdout), "my-custom");
    assert_eq!(
        exported["service_settings"]["secret_parameters"],
        json!({"REPLACE_ME": "env:MY_CUSTOM_SECRET_PARAMETERS"})
    );
    let (_d, path) = file("endpoints.yaml", &out.stdout);
    // On the cluster it came from it is in sync: no secret is sent.
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)])).expect(0);
    // Where it must be created, the placeholder is a conflict that says what to fill in,
    // and nothing is written.
    let empty = FakeEs::start();
    for command in [&["plan"][..], &["apply", "--yes"]] {
        run(infer_at(&empty.url())
            .args(command)
            .args(["-f", &arg(&path)]))
        .expect(11)
        .stdout_has("service_settings.secret_parameters holds REPLACE_ME")
        .stdout_has("replace REPLACE_ME with the name");
    }
    assert!(empty.writes().is_empty());
    let filled = out.stdout.replace("REPLACE_ME", "api_key");
    let (_d, path) = file("endpoints.yaml", filled);
    run(infer_at(&empty.url())
        .env("MY_CUSTOM_SECRET_PARAMETERS", "cu-filled-secret")
        .args(["apply", "-f", &arg(&path), "--yes"]))
    .expect(0)
    .never_shows("cu-filled-secret");
    assert_eq!(
        empty.secrets("my-custom")["secret_parameters"]["api_key"],
        "cu-filled-secret"
    );
}

/// Export, plan in sync, then create the same on an empty cluster with the variables the
/// rule names set: for every service and task type infer knows, and a service only the
/// catalogue describes, in one cluster.
#[test]
fn every_service_and_task_type_round_trips_through_export_plan_and_apply() {
    let behavior = || Behavior {
        extra_services: vec![crate::fake_es::acme_service()],
        ..Behavior::current()
    };
    let es = FakeEs::with_behavior(behavior());
    let mut services: Vec<(&str, &[&str])> = crate::fake_es::newest_services();
    services.push(("acme", &["text_embedding", "rerank"]));
    let mut env = Vec::new();
    let mut ids = Vec::new();
    for (service, task_types) in services {
        for task_type in task_types {
            let id = format!("rt-{}-{task_type}", service.replace('_', "-"));
            es.insert(services::endpoint(&id, service, task_type));
            for (key, value) in services::secrets(service) {
                let text = match &value {
                    Value::String(s) => s.clone(),
                    Value::Object(map) => map["api_key"].as_str().unwrap_or_default().into(),
                    other => other.to_string(),
                };
                env.push((var(&id, key), text));
            }
            ids.push(id);
        }
    }
    let dir = tempfile::tempdir().expect("dir");
    let out =
        run(infer_at(&es.url()).args(["export", "--out", &arg(&dir.path().join("all.yaml"))]))
            .expect(0);
    for (_, secret) in &env {
        assert!(!out.stderr.contains(secret.as_str()));
    }
    let text = std::fs::read_to_string(dir.path().join("all.yaml")).expect("written");
    for (_, secret) in &env {
        assert!(!text.contains(secret.as_str()), "{secret} in the file");
    }
    // The one thing a person fills in: the names of a custom endpoint's secret parameters.
    let (_d, path) = file("all.yaml", text.replace("REPLACE_ME", "api_key"));
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)])).expect(0);

    let empty = FakeEs::with_behavior(behavior());
    let mut cmd = infer_at(&empty.url());
    cmd.args(["apply", "-f", &arg(&path), "--yes"]);
    cmd.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    run(&mut cmd).expect(0);
    for id in &ids {
        assert_eq!(empty.endpoint(id), es.endpoint(id), "{id}");
        assert_eq!(empty.secrets(id), es.secrets(id), "{id}");
    }
}

#[test]
fn an_id_the_server_lists_that_is_no_inference_id_names_no_file() {
    let es = FakeEs::start();
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    let mut endpoint = cohere_rerank("x");
    endpoint["inference_id"] = json!(outside.display().to_string());
    es.respond_next(
        200,
        "application/json",
        &json!({"endpoints": [
        cohere_rerank("first"), endpoint]})
        .to_string(),
    );
    let out_dir = dir.path().join("out");
    run(infer_at(&es.url()).args(["export", "--out", &format!("{}/", out_dir.display())]))
        .expect(2)
        .stderr_has("whose id is not an inference id");
    assert!(
        !outside.with_extension("yaml").exists(),
        "nothing outside the folder"
    );
    assert!(
        !out_dir.join("first.yaml").exists(),
        "nothing written at all"
    );
}

#[test]
fn a_variable_infer_reads_itself_is_never_a_provider_key() {
    let es = FakeEs::start();
    es.insert(cohere_rerank("es"));
    let out = run(infer_at(&es.url()).arg("export")).expect(0);
    let exported = by_id(&yaml(&out.stdout), "es");
    assert_eq!(exported["service_settings"]["api_key"], "env:EP_ES_API_KEY");
}

#[test]
fn a_glob_that_matches_nothing_writes_nothing() {
    let es = cluster();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("kept.yaml");
    std::fs::write(&target, "- {inference_id: a}\n").unwrap();
    run(infer_at(&es.url()).args(["export", "zzz*", "--out", &arg(&target)]))
        .expect(2)
        .stderr_has("'zzz*' matches no endpoint of this cluster");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "- {inference_id: a}\n"
    );
}

#[test]
fn a_password_in_a_url_is_never_exported_nor_shown() {
    let es = FakeEs::start();
    let mut endpoint = openai_embedding("emb");
    endpoint["service_settings"]["url"] = json!("https://user:LEAKEDURLPASS0012@api.example/v1");
    es.respond_next(
        200,
        "application/json",
        &json!({"endpoints": [endpoint]}).to_string(),
    );
    run(infer_at(&es.url()).arg("export"))
        .expect(0)
        .stdout_has("inference_id: emb")
        .stdout_has("api.example/v1")
        .never_shows("LEAKEDURLPASS0012");
    es.respond_next(
        200,
        "application/json",
        &json!({"endpoints": [endpoint]}).to_string(),
    );
    run(infer_at(&es.url()).args(["list", "-o", "yaml"]))
        .expect(0)
        .stdout_has("emb")
        .stdout_has("api.example/v1")
        .never_shows("LEAKEDURLPASS0012");
}
