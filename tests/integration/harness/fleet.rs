//! A file of endpoints and the cluster it is planned against: what `plan`, `apply` and
//! `rotate` tests start from.

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, elser, openai_embedding};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The two entries `FILE` and `REPLACING` share: `emb` to update, `rr-new` to create.
macro_rules! update_and_create {
    () => {
        r#"
- inference_id: emb
  task_type: text_embedding
  service: openai
  service_settings:
    model_id: text-embedding-3-small
    api_key: env:OPENAI_KEY
    rate_limit: {requests_per_minute: 500}
  task_settings: {user: search-team}
- inference_id: rr-new
  task_type: rerank
  service: cohere
  service_settings:
    model_id: rerank-english-v3.0
    api_key: env:COHERE_KEY
"#
    };
}

/// One endpoint to update (`emb`), one to create (`rr-new`), one in sync
/// (`sparse`), against `cluster()`.
pub const FILE: &str = concat!(
    update_and_create!(),
    r#"- inference_id: sparse
  task_type: sparse_embedding
  service: elasticsearch
  service_settings: {num_allocations: 1, model_id: .elser_model_2}
"#
);

/// One endpoint to update, one to create, one to replace (`swap`), and
/// (with `--prune`) one to delete, against `replacing_cluster()`.
pub const REPLACING: &str = concat!(
    update_and_create!(),
    r#"- inference_id: swap
  task_type: completion
  service: cohere
  service_settings:
    model_id: command-r
    api_key: env:COHERE_KEY
"#
);

pub fn cluster() -> FakeEs {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("emb"));
    es.insert(elser("sparse"));
    es.insert(cohere_rerank("old"));
    es
}

/// A cluster of one OpenAI endpoint, `emb`.
pub fn cluster_of_emb() -> FakeEs {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("emb"));
    es
}

/// `n` OpenAI endpoints on `es`, and the file that changes each one's task settings.
pub fn changed_endpoints(es: &FakeEs, n: usize) -> Value {
    let list = (0..n)
        .map(|i| {
            let mut e = openai_embedding(&format!("e{i}"));
            es.insert(e.clone());
            e["task_settings"]["user"] = json!("changed");
            e["service_settings"]
                .as_object_mut()
                .unwrap()
                .remove("api_key");
            e
        })
        .collect();
    Value::Array(list)
}

pub fn by_id(list: &Value) -> BTreeMap<String, Value> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| (e["inference_id"].as_str().unwrap().to_string(), e.clone()))
        .collect()
}

pub const REPLACING_KEY: &str = "co-typed-secret-7731";

pub fn replacing_cluster() -> FakeEs {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("emb"));
    es.insert(cohere_rerank("swap"));
    es.insert(elser("old"));
    es
}

pub fn replacing_env(es: &FakeEs) -> Vec<(&'static str, String)> {
    vec![
        ("ES_URL", es.url()),
        ("COHERE_KEY", REPLACING_KEY.to_string()),
        ("OPENAI_KEY", "sk-unused-1".to_string()),
    ]
}

pub fn replacing_on_tty(es: &FakeEs, args: &str, colour: bool) -> crate::harness::terminal::Tty {
    let mut vars = replacing_env(es);
    if !colour {
        vars.push(("NO_COLOR", "1".to_string()));
    }
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    crate::harness::terminal::on_terminal(args, &vars, &[])
}

/// What `plan` shows for `REPLACING` against `replacing_cluster()`, without colour.
pub const REPLACING_PLAN: &[&str] = &[
    "~ update emb\r\n",
    "  ~ service_settings.rate_limit.requests_per_minute: 3000 → 500\r\n",
    "  ~ task_settings.user: \"alice\" → \"search-team\"\r\n",
    "+ create rr-new\r\n",
    "  + service_settings.model_id: \"rerank-english-v3.0\"\r\n",
    "  + service_settings.api_key: (secret)\r\n",
    "-/+ replace swap\r\n",
    "  ~ service, task_type: \"cohere rerank\" → \"cohere completion\"\r\n",
    "- delete old\r\n",
    "Plan: 1 to create, 1 to update, 1 to replace, 1 to delete; 0 unchanged.\r\n",
];
