//! Endpoints as the server lists them, round the loop: for every service and task type infer
//! knows, and for a service only the server's catalogue describes, `list --json` plans in sync
//! (exit 0) and applies with no write; with its secrets added as `env:` references, the same
//! file creates it on an empty cluster.

use crate::fake_es::{Behavior, FakeEs};
use crate::harness::services::{endpoint, secrets};
use crate::harness::{arg, file, infer_at, run};
use serde_json::{Map, Value, json};

/// The endpoints `list --json` shows, with every secret put back as an `env:` reference.
fn with_references(listed: &Value, env: &mut Vec<(String, String)>) -> Value {
    let mut listed = listed.clone();
    for endpoint in listed.as_array_mut().expect("list --json is an array") {
        let id = endpoint["inference_id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let service = endpoint["service"].as_str().unwrap_or_default().to_string();
        let ss = endpoint["service_settings"]
            .as_object_mut()
            .expect("service_settings");
        for (key, value) in secrets(&service) {
            let var = format!("RT_{}_{}", id.replace('-', "_"), key).to_ascii_uppercase();
            let text = match &value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if key == "secret_parameters" {
                // A map of secrets: each one its own reference.
                let Value::Object(map) = value else { continue };
                let refs: Map<String, Value> = map
                    .iter()
                    .map(|(name, v)| {
                        let var = format!("{var}_{}", name.to_ascii_uppercase());
                        env.push((var.clone(), v.as_str().unwrap_or_default().to_string()));
                        (name.clone(), json!(format!("env:{var}")))
                    })
                    .collect();
                ss.insert(key.into(), Value::Object(refs));
                continue;
            }
            let var = var.replace('.', "_");
            env.push((var.clone(), text));
            let reference = json!(format!("env:{var}"));
            match key.split_once('.') {
                Some((parent, child)) => {
                    ss.entry(parent)
                        .or_insert_with(|| json!({}))
                        .as_object_mut()
                        .expect("an object")
                        .insert(child.into(), reference);
                }
                None => {
                    ss.insert(key.into(), reference);
                }
            }
        }
    }
    listed
}

#[test]
fn every_service_and_task_type_round_trips_through_list_plan_and_apply() {
    let mut failures = Vec::new();
    // Every service the newest server offers: the services infer knows (a unit test of
    // `src/secret/settings.rs` keeps infer's tables to the same list).
    let services = crate::fake_es::newest_services();
    assert!(services.len() >= 29, "{services:?}");
    for (service, task_types) in services {
        for task_type in task_types {
            let id = format!("rt-{}-{task_type}", service.replace('_', "-"));
            if let Err(e) = round_trip(&[endpoint(&id, service, task_type)], None) {
                failures.push(format!("{service} {task_type}: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_service_only_the_catalogue_describes_round_trips_too() {
    let acme = crate::fake_es::acme_service();
    let endpoint = json!({"inference_id": "rt-acme", "task_type": "text_embedding",
        "service": "acme", "service_settings": {"model_id": "acme-embed-1",
        "credential": "acme-round-credential", "auth": {"signature": "acme-round-signature"}},
        "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}});
    if let Err(e) = round_trip(&[endpoint], Some(acme)) {
        panic!("{e}");
    }
}

/// List, plan in sync, apply with no write; then create the same on an empty cluster.
fn round_trip(endpoints: &[Value], extra: Option<Value>) -> Result<(), String> {
    let behavior = || {
        let mut b = Behavior::current();
        b.extra_services.extend(extra.clone());
        b
    };
    let es = FakeEs::with_behavior(behavior());
    endpoints.iter().for_each(|e| es.insert(e.clone()));
    let listed = run(infer_at(&es.url()).args(["list", "--json"]));
    if listed.code != 0 {
        return Err(format!(
            "list --json: exit {}: {}",
            listed.code, listed.stderr
        ));
    }
    let listed = listed.json();
    let (_d, path) = file("endpoints.json", listed.to_string());
    let plan = run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)]));
    if plan.code != 0 {
        return Err(format!(
            "plan: exit {}:\n{}\n{}",
            plan.code, plan.stdout, plan.stderr
        ));
    }
    let apply = run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--yes"]));
    if apply.code != 0 || !es.writes().is_empty() {
        return Err(format!(
            "apply: exit {} with {} writes:\n{}",
            apply.code,
            es.writes().len(),
            apply.stderr
        ));
    }

    let mut env = Vec::new();
    let file_with_refs = with_references(&listed, &mut env);
    let (_d, path) = file("endpoints.json", file_with_refs.to_string());
    let empty = FakeEs::with_behavior(behavior());
    let mut cmd = infer_at(&empty.url());
    cmd.args(["apply", "-f", &arg(&path), "--yes"]);
    env.iter().for_each(|(k, v)| {
        cmd.env(k, v);
    });
    let created = run(&mut cmd);
    if created.code != 0 {
        return Err(format!(
            "apply on an empty cluster: exit {}:\n{}",
            created.code, created.stderr
        ));
    }
    for endpoint in endpoints {
        let id = endpoint["inference_id"].as_str().unwrap_or_default();
        let (Some(now), Some(was)) = (empty.endpoint(id), es.endpoint(id)) else {
            return Err(format!("{id} was not created"));
        };
        if now != was {
            return Err(format!("{id} was created as {now}, not {was}"));
        }
        if empty.secrets(id) != es.secrets(id) {
            return Err(format!(
                "{id} was created with other secrets than it had: {} vs {}",
                empty.secrets(id),
                es.secrets(id)
            ));
        }
        for (_, value) in &env {
            if created.stderr.contains(value.as_str()) || created.stdout.contains(value.as_str()) {
                return Err(format!("{id}: a secret was shown"));
            }
        }
    }
    Ok(())
}

#[test]
fn an_autoscaling_endpoint_listed_then_applied_keeps_autoscaling() {
    // GET shows the live count of an autoscaling deployment (#115233); it moves on its own.
    for server in [Behavior::v9_2(), Behavior::v9_5(), Behavior::current()] {
        let version = server.version.clone();
        let es = FakeEs::with_behavior(Behavior {
            live_num_allocations: Some(3),
            ..server.clone()
        });
        es.insert(crate::harness::scenarios::adaptive("auto"));
        let listed = run(infer_at(&es.url()).args(["list", "--json"])).expect(0);
        assert_eq!(listed.json()[0]["service_settings"]["num_allocations"], 3);
        let (_d, path) = file("endpoints.json", listed.stdout.clone());
        // Later the deployment has scaled: the file's count is no longer the live one.
        let later = FakeEs::with_behavior(Behavior {
            live_num_allocations: Some(1),
            ..server
        });
        later.insert(crate::harness::scenarios::adaptive("auto"));
        run(infer_at(&later.url()).args(["plan", "-f", &arg(&path)]))
            .expect(0)
            .stderr_has("0 to update");
        run(infer_at(&later.url()).args(["apply", "-f", &arg(&path), "--yes"])).expect(0);
        assert!(later.writes().is_empty(), "{version}: {:?}", later.writes());
    }
}

#[test]
fn a_listed_file_that_turns_autoscaling_off_keeps_the_live_count_and_applies() {
    let es = FakeEs::with_behavior(Behavior {
        live_num_allocations: Some(2),
        ..Behavior::current()
    });
    es.insert(crate::harness::scenarios::adaptive("auto"));
    let mut listed = run(infer_at(&es.url()).args(["list", "--json"]))
        .expect(0)
        .json();
    listed[0]["service_settings"]["adaptive_allocations"]["enabled"] = false.into();
    let (_d, path) = file("endpoints.json", listed.to_string());
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)]))
        .expect(10)
        .stderr_has("1 to update");
    run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--yes"])).expect(0);
    let sent = es.writes()[0].json();
    assert_eq!(
        sent["service_settings"],
        json!({"num_allocations": 2}),
        "one style, the live count"
    );
    let now = es.endpoint("auto").unwrap();
    assert!(
        now["service_settings"]
            .get("adaptive_allocations")
            .is_none(),
        "{now}"
    );
}
