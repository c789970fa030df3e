//! Saved plans: `infer plan -f FILE --out PLANFILE`, then `infer apply --plan PLANFILE`, which
//! sends exactly what was planned, and refuses, before any write, when an endpoint it touches
//! changed on the cluster since.

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::scenarios::adaptive;
use crate::harness::{arg, file, infer_at, run};
use serde_json::{Value, json};
use std::path::Path;

// The file of endpoints the plan and apply tests use: an update, a create, an in-cluster
// endpoint, against the cluster they are planned against.
use crate::harness::fleet::{FILE, cluster};

const COHERE_KEY: &str = "co-new-key-1-9f8e7d";

/// `infer plan -f endpoints --out plan.json --prune` against `es`; the plan file's path.
fn save_plan(es: &FakeEs, dir: &Path, endpoints: &Path) -> std::path::PathBuf {
    let out = dir.join("plan.json");
    run(infer_at(&es.url()).env("COHERE_KEY", COHERE_KEY).args([
        "plan",
        "-f",
        &arg(endpoints),
        "--prune",
        "--out",
        &arg(&out),
    ]))
    .expect(10)
    .stderr_has(&format!("infer apply --plan {}", out.display()))
    .never_shows(COHERE_KEY);
    out
}

fn read_plan(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn entry<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["inference_id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {plan:#}"))
}

#[test]
fn a_saved_plan_is_applied_as_it_was_written_without_the_endpoints_file() {
    let es = cluster();
    let (dir, endpoints) = file("endpoints.yaml", FILE);
    let path = save_plan(&es, dir.path(), &endpoints);
    let plan = read_plan(&path);
    assert_eq!(plan["infer_plan"], 1, "{plan:#}");
    assert_eq!(plan["cluster"]["url"], format!("{}/", es.url()));
    assert_eq!(entry(&plan, "emb")["action"], "update");
    assert_eq!(entry(&plan, "rr-new")["action"], "create");
    assert_eq!(entry(&plan, "old")["action"], "delete");
    assert!(
        plan["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["inference_id"] != "sparse"),
        "an endpoint in sync is not in the plan: {plan:#}"
    );
    // What the plan was made from may change or go: the saved plan is what is applied.
    std::fs::write(&endpoints, "[]").unwrap();
    assert!(es.writes().is_empty());

    let out = run(infer_at(&es.url()).env("COHERE_KEY", COHERE_KEY).args([
        "apply",
        "--plan",
        &arg(&path),
        "--yes",
    ]))
    .expect(0)
    .stderr_has("2 verified, 1 done, 0 not verified, 0 failed, 0 skipped, 0 not started")
    .never_shows(COHERE_KEY);
    assert_eq!(out.json().as_array().unwrap().len(), 3, "{}", out.stdout);
    let writes = es.writes();
    assert_eq!(writes.len(), 3, "{writes:?}");
    let update = writes
        .iter()
        .find(|w| w.path.ends_with("/emb/_update"))
        .unwrap();
    assert_eq!(update.json(), entry(&plan, "emb")["body"]);
    let create = writes
        .iter()
        .find(|w| w.method == "PUT" && w.path.ends_with("/rr-new"))
        .unwrap();
    let mut sent = create.json();
    assert_eq!(sent["service"], "cohere");
    assert_eq!(sent["service_settings"]["api_key"], COHERE_KEY);
    sent["service_settings"]
        .as_object_mut()
        .unwrap()
        .remove("api_key");
    sent.as_object_mut().unwrap().remove("service");
    assert_eq!(sent, entry(&plan, "rr-new")["body"]);
    assert!(
        writes
            .iter()
            .any(|w| w.method == "DELETE" && w.path.contains("/old"))
    );
    assert_eq!(es.secrets("rr-new")["api_key"], COHERE_KEY);
    assert_eq!(
        es.endpoint("emb").unwrap()["task_settings"]["user"],
        "search-team"
    );
}

#[test]
fn a_saved_plan_is_refused_when_an_endpoint_it_touches_changed_since() {
    let es = cluster();
    let (dir, endpoints) = file("endpoints.yaml", FILE);
    let path = save_plan(&es, dir.path(), &endpoints);
    // Changed, created and deleted behind the plan's back; `sparse` (not touched) changes too.
    let mut emb = openai_embedding("emb");
    emb["task_settings"]["user"] = json!("bob");
    es.insert(emb);
    es.insert(cohere_rerank("rr-new"));
    let mut sparse = elser("sparse");
    sparse["service_settings"]["num_allocations"] = json!(2);
    es.insert(sparse);
    run(infer_at(&es.url()).env("COHERE_KEY", COHERE_KEY).args([
        "apply",
        "--plan",
        &arg(&path),
        "--yes",
    ]))
    .expect(11)
    .stderr_has(&path.display().to_string())
    .stderr_has("'emb' changed on the cluster since the plan was made")
    .stderr_has("'rr-new' was created on the cluster since the plan was made")
    .stderr_has("nothing was written")
    .stderr_has("make the plan again with infer plan -f FILE --out PLANFILE");
    assert!(es.writes().is_empty(), "{:?}", es.writes());

    // One the plan deletes, gone since: refused too.
    let es = cluster();
    let path = save_plan(&es, dir.path(), &endpoints);
    run(infer_at(&es.url()).args(["delete", "old", "--yes"])).expect(0);
    es.clear_requests();
    run(infer_at(&es.url()).env("COHERE_KEY", COHERE_KEY).args([
        "apply",
        "--plan",
        &arg(&path),
        "--yes",
    ]))
    .expect(11)
    .stderr_has("'old' was deleted on the cluster since the plan was made");
    assert!(es.writes().is_empty(), "{:?}", es.writes());
}

#[test]
fn the_live_allocation_count_of_an_autoscaling_endpoint_is_no_change() {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(adaptive("auto"));
    let (dir, endpoints) = file(
        "auto.yaml",
        "- inference_id: auto\n  task_type: sparse_embedding\n  service: elasticsearch\n  \
         service_settings:\n    model_id: .elser_model_2\n    num_threads: 1\n    \
         adaptive_allocations: {enabled: true, min_number_of_allocations: 1, \
         max_number_of_allocations: 8}\n",
    );
    let path = dir.path().join("plan.json");
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&endpoints), "--out", &arg(&path)]))
        .expect(10);
    assert_eq!(entry(&read_plan(&path), "auto")["action"], "update");
    // The deployment scaled up: GET shows 3 allocations now.
    let mut scaled = adaptive("auto");
    scaled["service_settings"]["num_allocations"] = json!(3);
    es.insert(scaled);
    assert_eq!(
        es.endpoint("auto").unwrap()["service_settings"]["num_allocations"],
        3
    );
    run(infer_at(&es.url()).args(["apply", "--plan", &arg(&path), "--yes"])).expect(0);
    assert_eq!(
        es.endpoint("auto").unwrap()["service_settings"]["adaptive_allocations"]["max_number_of_allocations"],
        8
    );

    // A fixed count is a setting: its change is one.
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(elser("fixed"));
    let (dir, endpoints) = file(
        "fixed.yaml",
        "- {inference_id: fixed, task_type: sparse_embedding, service: elasticsearch, \
         service_settings: {num_allocations: 2, model_id: .elser_model_2}}\n",
    );
    let path = dir.path().join("plan.json");
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&endpoints), "--out", &arg(&path)]))
        .expect(10);
    let mut changed = elser("fixed");
    changed["service_settings"]["num_allocations"] = json!(3);
    es.insert(changed);
    run(infer_at(&es.url()).args(["apply", "--plan", &arg(&path), "--yes"]))
        .expect(11)
        .stderr_has("'fixed' changed on the cluster since the plan was made");
    assert!(es.writes().is_empty());
}

#[test]
fn a_plan_made_for_another_cluster_is_refused() {
    let es = cluster();
    let (dir, endpoints) = file("endpoints.yaml", FILE);
    let path = save_plan(&es, dir.path(), &endpoints);
    let other = cluster();
    run(infer_at(&other.url()).env("COHERE_KEY", COHERE_KEY).args([
        "apply",
        "--plan",
        &arg(&path),
        "--yes",
    ]))
    .expect(2)
    .stderr_has(&format!("{}: cluster:", path.display()))
    .stderr_has(&es.url())
    .stderr_has(&other.url())
    .stderr_has("nothing was written");
    assert!(other.writes().is_empty());

    // The cluster's own id decides where the server gives one: another id at the same
    // address is another cluster.
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("emb"));
    let (dir, endpoints) = file(
        "e.yaml",
        "- {inference_id: emb, task_type: text_embedding, service: openai, \
         task_settings: {user: bob}}\n",
    );
    let root = |uuid: &str| {
        json!({"name": "n", "cluster_name": "c", "cluster_uuid": uuid,
               "version": {"number": "9.5.0", "build_flavor": "default"}})
        .to_string()
    };
    let path = dir.path().join("plan.json");
    es.respond_next(200, "application/json", &root("uuid-AAAA"));
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&endpoints), "--out", &arg(&path)]))
        .expect(10);
    assert_eq!(read_plan(&path)["cluster"]["cluster_uuid"], "uuid-AAAA");
    es.respond_next(200, "application/json", &root("uuid-BBBB"));
    run(infer_at(&es.url()).args(["apply", "--plan", &arg(&path), "--yes"]))
        .expect(2)
        .stderr_has("uuid-AAAA")
        .stderr_has("uuid-BBBB");
    assert!(es.writes().is_empty());
    es.respond_next(200, "application/json", &root("uuid-AAAA"));
    run(infer_at(&es.url()).args(["apply", "--plan", &arg(&path), "--yes"])).expect(0);
}

#[test]
fn a_malformed_or_edited_plan_file_is_refused_naming_the_file_and_the_field() {
    let es = cluster();
    let (dir, endpoints) = file("endpoints.yaml", FILE);
    let path = save_plan(&es, dir.path(), &endpoints);
    let text = std::fs::read_to_string(&path).unwrap();
    let shown = path.display().to_string();
    let refused = |text: &str, needle: &str| {
        std::fs::write(&path, text).unwrap();
        run(infer_at(&es.url()).env("COHERE_KEY", COHERE_KEY).args([
            "apply",
            "--plan",
            &arg(&path),
            "--yes",
        ]))
        .expect(2)
        .stderr_has(&shown)
        .stderr_has(needle);
        assert!(es.writes().is_empty(), "{:?}", es.writes());
    };
    refused("{not json", "not a plan infer wrote (not JSON");
    refused("[]", "not a plan infer wrote");
    let mut plan: Value = serde_json::from_str(&text).unwrap();
    plan["infer_plan"] = json!(99);
    refused(&plan.to_string(), "infer_plan: version 99");
    // A value changed by hand: what is applied is what was reviewed.
    let mut plan: Value = serde_json::from_str(&text).unwrap();
    let emb = plan["endpoints"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["inference_id"] == "emb")
        .unwrap();
    emb["body"]["task_settings"]["user"] = json!("mallory");
    refused(&plan.to_string(), "checksum: the file was changed");
    // Edited and its checksum removed: still named.
    plan.as_object_mut().unwrap().remove("checksum");
    refused(&plan.to_string(), "checksum: missing");
    // Well-formed apart from one field: the field is named.
    let mut plan: Value = serde_json::from_str(&text).unwrap();
    plan["endpoints"][0]["action"] = json!("explode");
    plan["checksum"] = json!("sha256:0");
    refused(&plan.to_string(), "endpoints[0].action");

    std::fs::write(&path, &text).unwrap();
    run(infer_at(&es.url()).args([
        "apply",
        "--plan",
        &arg(&path),
        "-f",
        &arg(&endpoints),
        "--yes",
    ]))
    .expect(2)
    .stderr_has("--plan");
    run(infer_at(&es.url()).args(["apply", "--plan", &arg(&path), "--prune", "--yes"])).expect(2);
    run(infer_at(&es.url()).args(["apply", "--yes"])).expect(2);
    assert!(es.writes().is_empty());
}

#[test]
fn a_plan_file_holds_references_never_secret_values() {
    let es = cluster();
    let (dir, endpoints) = file("endpoints.yaml", FILE);
    let path = dir.path().join("plan.json");
    run(infer_at(&es.url())
        .env("COHERE_KEY", COHERE_KEY)
        .env("OPENAI_KEY", "sk-new-openai-7c6b5a")
        .args([
            "plan",
            "-f",
            &arg(&endpoints),
            "--rotate-secrets",
            "--out",
            &arg(&path),
        ]))
    .expect(10);
    let text = std::fs::read_to_string(&path).unwrap();
    for secret in [COHERE_KEY, "sk-new-openai-7c6b5a", "sk-old", "co-old"] {
        assert!(!text.contains(secret), "{secret} in the plan file:\n{text}");
    }
    let plan = read_plan(&path);
    assert_eq!(
        entry(&plan, "rr-new")["secrets"]["api_key"],
        "env:COHERE_KEY"
    );
    assert_eq!(entry(&plan, "emb")["secrets"]["api_key"], "env:OPENAI_KEY");

    // Applied with the rotation: the secrets are read from their references when sent; a
    // reference that cannot be read refuses the plan before any write.
    run(infer_at(&es.url()).env("COHERE_KEY", COHERE_KEY).args([
        "apply",
        "--plan",
        &arg(&path),
        "--yes",
    ]))
    .expect(2)
    .stderr_has("endpoint 'emb': service_settings.api_key: env: names no environment variable")
    .stderr_has("nothing was written");
    assert!(es.writes().is_empty());
    run(infer_at(&es.url())
        .env("COHERE_KEY", COHERE_KEY)
        .env("OPENAI_KEY", "sk-new-openai-7c6b5a")
        .args(["apply", "--plan", &arg(&path), "--yes"]))
    .expect(0)
    .never_shows("sk-new-openai-7c6b5a");
    assert_eq!(es.secrets("emb")["api_key"], "sk-new-openai-7c6b5a");
}

#[test]
fn a_plan_file_never_replaces_the_endpoints_it_is_made_from() {
    let es = crate::fake_es::FakeEs::start();
    es.insert(crate::fake_es::cohere_rerank("rr"));
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("e.json");
    std::fs::write(
        &input,
        serde_json::json!([es.endpoint("rr").unwrap()]).to_string(),
    )
    .unwrap();
    let before = std::fs::read_to_string(&input).unwrap();
    for out in [input.clone(), dir.path().join("plan.json")] {
        let from = if out == input {
            input.clone()
        } else {
            dir.path().to_path_buf()
        };
        crate::harness::run(crate::harness::infer_at(&es.url()).args([
            "plan",
            "-f",
            &crate::harness::arg(&from),
            "--out",
            &crate::harness::arg(&out),
        ]))
        .expect(2)
        .stderr_has("would write the plan over, or into, the endpoints it is made from");
    }
    assert_eq!(std::fs::read_to_string(&input).unwrap(), before);
    assert!(!dir.path().join("plan.json").exists());
}
