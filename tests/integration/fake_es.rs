//! A stateful fake of the Elasticsearch inference API for `infer`'s tests and benchmark.
//!
//! Rules come from `/work/shared/reference/elasticsearch-inference-api.md`; "ref N.N" comments
//! name the section. Where the reference is silent, texts follow the Elasticsearch source and are
//! marked "approximate" when they could not be checked.
//!
//! Transport: HTTP/1.1 on 127.0.0.1, one accept thread, one thread per connection, one request per
//! connection (`Connection: close`). Only `std` and `serde_json`.

#![allow(dead_code)]

use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

type Obj = Map<String, Value>;

// ---------------------------------------------------------------------------------------------
// Server behaviour per version
// ---------------------------------------------------------------------------------------------

/// How the fake server behaves; build one from a version constructor and adjust fields.
#[derive(Clone, Debug)]
pub struct Behavior {
    /// Reported by `GET /`; its major version also bounds `compatible-with` (ref 8.3).
    pub version: String,
    /// #149723: `chunking_settings` allowed in an update body; otherwise it is a "cannot be updated" 400.
    pub accepts_chunking_in_update: bool,
    /// ref 3.11 / #139574: an update without `chunking_settings` resets an embedding endpoint's
    /// chunking to word/250/100.
    pub resets_chunking_on_update: bool,
    /// ref 3.6 step 8 / #149430: unknown settings keys are a 400; otherwise silently dropped.
    pub rejects_unknown_keys: bool,
    /// ref 7.3, before #149628: any non-empty `service_settings` in an update must repeat the secret.
    pub requires_secret_with_service_settings: bool,
    /// ref 3.3, 9.5+: `?timeout=` accepted on update.
    pub accepts_timeout_param: bool,
    /// ref 3.2: the one-segment update path always answers 400.
    pub one_segment_update_broken: bool,
    /// Dotted paths (`service_settings.num_threads`) an update accepts with 200 but silently keeps
    /// unchanged (ref 3.8, 3.9, 3.11).
    pub ignored_fields: Vec<String>,
    /// ref 3.9 / #115233: GET and update responses report this live `num_allocations` for
    /// `elasticsearch`/`elser` endpoints.
    pub live_num_allocations: Option<u64>,
    /// When set, any request whose `Authorization` header differs gets a 401 `security_exception`.
    pub required_authorization: Option<String>,
    /// A create or update whose resulting `api_key` is this value fails the provider validation
    /// call (ref 3.10, 8.1). Applies to every version (a test knob).
    pub rejected_api_key: Option<String>,
    /// ref 3.5: 8.17-era responses show `"task_settings": {}`; newer ones omit it when empty.
    pub empty_task_settings_shown: bool,
    /// ref 3.9, 8.17: an update of an `elasticsearch`/`elser` endpoint must carry an integer
    /// `service_settings.num_allocations`, even when it only changes `task_settings`.
    pub requires_num_allocations_in_update: bool,
}

impl Behavior {
    /// 8.17.0: the first release with the update API.
    pub fn v8_17() -> Self {
        Behavior {
            version: "8.17.0".into(),
            accepts_chunking_in_update: false,
            resets_chunking_on_update: true,
            rejects_unknown_keys: false,
            requires_secret_with_service_settings: true,
            accepts_timeout_param: false,
            one_segment_update_broken: true,
            // ref 3.8: the default updateServiceSettings returned the settings unchanged; only
            // secrets and num_allocations could change.
            ignored_fields: frozen_service_settings(&["num_allocations"]),
            live_num_allocations: None,
            required_authorization: None,
            rejected_api_key: None,
            empty_task_settings_shown: true,
            requires_num_allocations_in_update: true,
        }
    }

    /// 9.2.0 (without the #141687 backport): chunking reset, silent unknown keys, secret required,
    /// no `timeout`, no chunking in the body, `service_settings` frozen except `num_allocations`
    /// (ref 3.8: per-service support arrived in 2026; `num_threads` kept, #137129).
    pub fn v9_2() -> Self {
        Behavior {
            version: "9.2.0".into(),
            one_segment_update_broken: false,
            empty_task_settings_shown: false,
            requires_num_allocations_in_update: false,
            ..Self::v8_17()
        }
    }

    /// 9.5.0: every fix in; immutable fields of ref 3.8 are still silently kept.
    pub fn v9_5() -> Self {
        Behavior {
            version: "9.5.0".into(),
            accepts_chunking_in_update: true,
            resets_chunking_on_update: false,
            rejects_unknown_keys: true,
            requires_secret_with_service_settings: false,
            accepts_timeout_param: true,
            one_segment_update_broken: false,
            ignored_fields: [
                "model_id",
                "dimensions",
                "similarity",
                "resource_name",
                "deployment_id",
                "api_version",
                "num_threads",
            ]
            .iter()
            .map(|k| format!("service_settings.{k}"))
            .collect(),
            live_num_allocations: None,
            required_authorization: None,
            rejected_api_key: None,
            empty_task_settings_shown: false,
            requires_num_allocations_in_update: false,
        }
    }

    fn major(&self) -> u32 {
        self.version
            .split('.')
            .next()
            .and_then(|m| m.parse().ok())
            .unwrap_or(9)
    }
}

impl Default for Behavior {
    fn default() -> Self {
        Self::v9_5()
    }
}

/// Every documented `service_settings` key of every service, except `keep`, as ignored paths.
fn frozen_service_settings(keep: &[&str]) -> Vec<String> {
    let keys: BTreeSet<&str> = SERVICES
        .iter()
        .flat_map(|(svc, _)| service_settings_keys(svc).iter().copied())
        .filter(|k| !keep.contains(k))
        .collect();
    keys.iter()
        .map(|k| format!("service_settings.{k}"))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Service knowledge (ref 6.1, 7.2, spec Services.ts and per-service docs)
// ---------------------------------------------------------------------------------------------

#[rustfmt::skip]
const TASK_TYPES: &[&str] =
    &["sparse_embedding", "text_embedding", "rerank", "completion", "chat_completion", "embedding"];
/// ref 6.2: the task types that take chunking settings.
const EMBEDDING_TYPES: &[&str] = &["sparse_embedding", "text_embedding", "embedding"];

/// ref 6.1.
#[rustfmt::skip]
const SERVICES: &[(&str, &[&str])] = &[
    ("ai21", &["completion", "chat_completion"]),
    ("alibabacloud-ai-search", &["text_embedding", "rerank", "completion", "sparse_embedding"]),
    ("amazonbedrock", &["chat_completion", "completion", "text_embedding"]),
    ("amazon_sagemaker", &["text_embedding", "completion", "chat_completion", "sparse_embedding", "rerank"]),
    ("anthropic", &["completion", "chat_completion"]),
    ("azureaistudio", &["text_embedding", "completion", "rerank"]),
    ("azureopenai", &["text_embedding", "completion", "chat_completion"]),
    ("cohere", &["text_embedding", "rerank", "completion"]),
    ("contextualai", &["rerank"]),
    ("custom", &["text_embedding", "sparse_embedding", "rerank", "completion"]),
    ("deepseek", &["completion", "chat_completion"]),
    ("elasticsearch", &["sparse_embedding", "text_embedding", "rerank"]),
    ("elser", &["sparse_embedding"]),
    ("fireworksai", &["chat_completion", "completion", "text_embedding"]),
    ("googleaistudio", &["text_embedding", "completion"]),
    ("googlevertexai", &["chat_completion", "completion", "text_embedding", "rerank"]),
    ("groq", &["chat_completion"]),
    ("hugging_face", &["chat_completion", "completion", "rerank", "text_embedding"]),
    ("jinaai", &["embedding", "text_embedding", "rerank"]),
    ("llama", &["text_embedding", "chat_completion", "completion"]),
    ("mistral", &["text_embedding", "chat_completion", "completion"]),
    ("nvidia", &["chat_completion", "completion", "rerank", "text_embedding"]),
    ("openai", &["text_embedding", "chat_completion", "completion", "embedding"]),
    ("openshift_ai", &["text_embedding", "chat_completion", "completion", "rerank"]),
    ("voyageai", &["text_embedding", "rerank"]),
    ("watsonxai", &["text_embedding", "chat_completion", "completion"]),
];

fn service_task_types(service: &str) -> Option<&'static [&'static str]> {
    SERVICES
        .iter()
        .find(|(s, _)| *s == service)
        .map(|(_, t)| *t)
}

fn is_in_cluster(service: &str) -> bool {
    matches!(service, "elasticsearch" | "elser")
}

/// ref 7.2: secret fields inside `service_settings`.
fn secret_fields(service: &str) -> &'static [&'static str] {
    match service {
        "openai" => &["api_key", "client_secret"],
        "azureopenai" => &["api_key", "entra_id", "client_secret"],
        "amazonbedrock" | "amazon_sagemaker" => &["access_key", "secret_key"],
        "googlevertexai" => &["service_account_json"],
        "custom" => &["secret_parameters"],
        "elasticsearch" | "elser" | "elastic" => &[],
        _ => &["api_key"],
    }
}

/// ref 7.2, 7.3: what the secret-settings parser reports as missing from `provided`.
fn missing_secrets(service: &str, provided: &Obj, stored: &Obj) -> Vec<String> {
    let miss = |k: &str| format!("[secret_settings] does not contain the required setting [{k}]");
    match service {
        "elasticsearch" | "elser" | "elastic" | "custom" => vec![],
        "amazonbedrock" | "amazon_sagemaker" => ["access_key", "secret_key"]
            .iter()
            .filter(|k| !provided.contains_key(**k))
            .map(|k| miss(k))
            .collect(),
        "googlevertexai" if !provided.contains_key("service_account_json") => {
            vec![miss("service_account_json")]
        }
        "googlevertexai" => vec![],
        // AzureOpenAiSecretSettings (approximate text)
        "azureopenai"
            if !["api_key", "entra_id", "client_secret"]
                .iter()
                .any(|k| provided.contains_key(*k)) =>
        {
            vec![
                "[secret_settings] must have either the [api_key] or the [entra_id] key set".into(),
            ]
        }
        "azureopenai" => vec![],
        "openai"
            if stored.contains_key("client_secret") || provided.contains_key("client_secret") =>
        {
            vec![]
        }
        // DefaultSecretSettings
        _ if provided.contains_key("api_key") => vec![],
        _ => vec![miss("api_key")],
    }
}

/// Documented `service_settings` keys per service (spec per-service types and docs), secrets excluded.
#[rustfmt::skip]
fn service_settings_keys(service: &str) -> &'static [&'static str] {
    match service {
        "openai" => &["model_id", "organization_id", "url", "dimensions", "similarity", "rate_limit",
            "max_input_tokens", "client_id", "scopes", "token_url"],
        "azureopenai" => &["resource_name", "deployment_id", "api_version", "dimensions", "similarity",
            "rate_limit", "max_input_tokens", "client_id", "scopes", "tenant_id"],
        "cohere" => &["model_id", "embedding_type", "similarity", "dimensions", "max_input_tokens",
            "rate_limit", "url"],
        "elasticsearch" => &["model_id", "deployment_id", "num_allocations", "num_threads",
            "adaptive_allocations", "long_document_strategy", "max_chunks_per_doc"],
        "elser" => &["model_id", "num_allocations", "num_threads", "adaptive_allocations"],
        "mistral" => &["model", "max_input_tokens", "rate_limit", "dimensions", "similarity"],
        "amazonbedrock" => &["region", "model", "provider", "dimensions", "similarity", "rate_limit",
            "max_input_tokens"],
        "amazon_sagemaker" => &["endpoint_name", "api", "region", "target_model",
            "target_container_hostname", "inference_component_name", "batch_size", "dimensions",
            "element_type", "similarity"],
        "googlevertexai" => &["project_id", "location", "model_id", "provider", "url", "streaming_url",
            "dimensions", "similarity", "rate_limit", "max_input_tokens"],
        "googleaistudio" => &["model_id", "rate_limit", "dimensions", "similarity", "max_input_tokens"],
        "anthropic" => &["model_id", "rate_limit"],
        "jinaai" => &["model_id", "similarity", "dimensions", "rate_limit", "element_type",
            "max_input_tokens"],
        "voyageai" => &["model_id", "dimensions", "embedding_type", "rate_limit", "similarity",
            "max_input_tokens"],
        "watsonxai" => &["api_version", "project_id", "model_id", "url", "rate_limit",
            "max_input_tokens", "dimensions", "similarity"],
        "alibabacloud-ai-search" => &["service_id", "host", "workspace", "http_schema", "rate_limit"],
        "azureaistudio" => &["target", "provider", "endpoint_type", "rate_limit", "dimensions",
            "similarity", "max_input_tokens"],
        "custom" => &["url", "headers", "query_parameters", "request", "response", "input_type",
            "rate_limit", "batch_size", "max_input_tokens", "dimensions", "similarity"],
        _ => &["model_id", "url", "rate_limit", "max_input_tokens", "dimensions", "similarity"],
    }
}

/// Documented `task_settings` keys per service.
#[rustfmt::skip]
fn task_settings_keys(service: &str) -> &'static [&'static str] {
    match service {
        "openai" | "azureopenai" | "fireworksai" => &["user", "headers"],
        "cohere" => &["input_type", "truncate", "return_documents", "top_n"],
        "elasticsearch" => &["return_documents"],
        "elser" => &[],
        "amazonbedrock" => &["max_new_tokens", "temperature", "top_k", "top_p"],
        "anthropic" => &["max_tokens", "temperature", "top_k", "top_p"],
        "amazon_sagemaker" => &["custom_attributes", "enable_explanations", "inference_id",
            "session_id", "target_variant"],
        "googlevertexai" => &["auto_truncate", "top_n", "thinking_config", "max_tokens"],
        "jinaai" => &["input_type", "return_documents", "top_n", "late_chunking"],
        "voyageai" => &["input_type", "return_documents", "top_k", "truncation"],
        "azureaistudio" => &["do_sample", "max_new_tokens", "temperature", "top_p", "user",
            "return_documents", "top_n"],
        "alibabacloud-ai-search" => &["input_type", "return_token"],
        "custom" => &["parameters"],
        _ => &["user", "input_type", "truncate", "return_documents", "top_n", "instruction"],
    }
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/// One request as the fake received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// Raw request target, query string included, exactly as received.
    pub path: String,
    /// Names lower-cased, in wire order.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON; `Null` when empty. Panics when it is not JSON.
    pub fn json(&self) -> Value {
        if self.body.trim().is_empty() {
            return Value::Null;
        }
        serde_json::from_str(&self.body).unwrap_or_else(|e| {
            panic!(
                "recorded {} {} body is not JSON ({e}): {}",
                self.method, self.path, self.body
            )
        })
    }
}

/// The running fake server; stops when dropped.
pub struct FakeEs {
    addr: SocketAddr,
    inner: Arc<Inner>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl FakeEs {
    /// A server with `Behavior::default()` (9.5).
    pub fn start() -> Self {
        Self::with_behavior(Behavior::default())
    }

    pub fn with_behavior(behavior: Behavior) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("fake_es: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("fake_es: local_addr");
        let inner = Arc::new(Inner {
            behavior,
            state: Mutex::new(State::default()),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (inner, stop) = (Arc::clone(&inner), Arc::clone(&stop));
            std::thread::Builder::new()
                .name("fake-es-accept".into())
                .spawn(move || accept_loop(listener, inner, stop))
                .expect("fake_es: spawn accept thread")
        };
        FakeEs {
            addr,
            inner,
            stop,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn behavior(&self) -> &Behavior {
        &self.inner.behavior
    }

    /// Store a full endpoint object (`inference_id`, `task_type`, `service`, `service_settings`
    /// with any secrets, optional `task_settings` and `chunking_settings`). Secrets move to secret
    /// storage. Replaces an endpoint with the same id. Panics on a malformed fixture.
    pub fn insert(&self, endpoint: Value) {
        let ep = endpoint_from_fixture(endpoint);
        self.inner.lock().endpoints.insert(ep.id.clone(), ep);
    }

    /// What `GET /_inference/{id}` would show for it (never secrets).
    pub fn endpoint(&self, id: &str) -> Option<Value> {
        self.inner
            .lock()
            .endpoints
            .get(id)
            .map(|e| render(&self.inner.behavior, e))
    }

    /// The stored secrets, `{}` when none.
    pub fn secrets(&self, id: &str) -> Value {
        let st = self.inner.lock();
        Value::Object(
            st.endpoints
                .get(id)
                .map(|e| e.secrets.clone())
                .unwrap_or_default(),
        )
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.inner.lock().requests.clone()
    }

    /// Requests whose method is not GET or HEAD.
    pub fn writes(&self) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.method != "GET" && r.method != "HEAD")
            .collect()
    }

    pub fn clear_requests(&self) {
        self.inner.lock().requests.clear();
    }

    /// Answer the next request (FIFO) with this instead of routing it; it is still recorded.
    /// `X-Elastic-Product` is added only for JSON content types (a proxy's HTML page has none).
    pub fn respond_next(&self, status: u16, content_type: &str, body: &str) {
        let json_like = content_type.starts_with("application/json")
            || content_type.contains("elasticsearch+json");
        self.inner.lock().canned.push_back(Reply {
            status,
            content_type: content_type.into(),
            headers: vec![],
            body: body.into(),
            product: json_like,
        });
    }

    /// Mark `id` as used by `"pipeline:<name>"` or `"index:<name>"` (a bare name is a pipeline).
    pub fn add_reference(&self, id: &str, pipeline_or_index: &str) {
        self.inner
            .lock()
            .references
            .entry(id.into())
            .or_default()
            .insert(pipeline_or_index.into());
    }
}

impl Drop for FakeEs {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept; if that fails, leave the thread detached rather than hang.
        if TcpStream::connect_timeout(&self.addr, Duration::from_secs(1)).is_ok() {
            if let Some(handle) = self.accept.take() {
                let _ = handle.join();
            }
        }
    }
}

/// An OpenAI `text_embedding` endpoint with api_key `sk-old`.
pub fn openai_embedding(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "text_embedding", "service": "openai",
        "service_settings": {
            "api_key": "sk-old", "model_id": "text-embedding-3-small", "dimensions": 1536,
            "similarity": "cosine", "rate_limit": {"requests_per_minute": 3000}
        },
        "task_settings": {"user": "alice"},
        "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}
    })
}

/// An in-cluster ELSER `sparse_embedding` endpoint.
pub fn elser(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "sparse_embedding", "service": "elasticsearch",
        "service_settings": {
            "num_allocations": 1, "num_threads": 1, "model_id": ".elser_model_2", "deployment_id": id
        },
        "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}
    })
}

/// A Cohere `rerank` endpoint with api_key `co-old`.
pub fn cohere_rerank(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "rerank", "service": "cohere",
        "service_settings": {"api_key": "co-old", "model_id": "rerank-english-v3.0"},
        "task_settings": {"top_n": 10, "return_documents": true}
    })
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
struct Endpoint {
    id: String,
    task_type: String,
    service: String,
    service_settings: Obj,
    task_settings: Obj,
    chunking: Option<Value>,
    secrets: Obj,
}

#[derive(Default)]
struct State {
    endpoints: BTreeMap<String, Endpoint>,
    requests: Vec<Recorded>,
    canned: VecDeque<Reply>,
    references: BTreeMap<String, BTreeSet<String>>,
}

struct Inner {
    behavior: Behavior,
    state: Mutex<State>,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn handle(&self, req: &HttpRequest) -> Reply {
        let mut st = self.lock();
        st.requests.push(Recorded {
            method: req.method.clone(),
            path: req.target.clone(),
            headers: req.headers.clone(),
            body: String::from_utf8_lossy(&req.body).into_owned(),
        });
        if let Some(canned) = st.canned.pop_front() {
            return canned;
        }
        let mut reply = match dispatch(&self.behavior, &mut st, req) {
            Ok(r) | Err(r) => r,
        };
        if reply.content_type == "application/json" {
            // ES answers in the compatible media type that was asked for.
            if let Some(v) = req.header("accept").and_then(compat_version) {
                reply.content_type =
                    format!("application/vnd.elasticsearch+json;compatible-with={v}");
            }
            if req.param("pretty").is_some_and(|p| p != "false") {
                if let Ok(v) = serde_json::from_str::<Value>(&reply.body) {
                    reply.body = serde_json::to_string_pretty(&v).unwrap_or_default() + "\n";
                }
            }
        }
        reply
    }
}

fn endpoint_from_fixture(v: Value) -> Endpoint {
    let Value::Object(mut m) = v else {
        panic!("fake_es::insert: the endpoint must be a JSON object")
    };
    let mut text = |k: &str| match m.shift_remove(k) {
        Some(Value::String(s)) => s,
        other => panic!("fake_es::insert: `{k}` must be a string, got {other:?}"),
    };
    let (id, task_type, service) = (text("inference_id"), text("task_type"), text("service"));
    assert!(
        TASK_TYPES.contains(&task_type.as_str()),
        "fake_es::insert: unknown task_type {task_type:?}"
    );
    let mut service_settings = match m.shift_remove("service_settings") {
        Some(Value::Object(o)) => o,
        other => panic!("fake_es::insert: `service_settings` must be an object, got {other:?}"),
    };
    let task_settings = match m.shift_remove("task_settings") {
        None | Some(Value::Null) => Obj::new(),
        Some(Value::Object(o)) => o,
        other => panic!("fake_es::insert: `task_settings` must be an object, got {other:?}"),
    };
    let chunking = match m.shift_remove("chunking_settings") {
        None | Some(Value::Null) => None,
        Some(c) => Some(
            build_chunking(&c)
                .unwrap_or_else(|r| panic!("fake_es::insert: bad chunking: {}", r.body)),
        ),
    };
    assert!(
        m.is_empty(),
        "fake_es::insert: unexpected keys {:?}",
        m.keys().collect::<Vec<_>>()
    );
    let secrets = take_secrets(&service, &mut service_settings);
    Endpoint {
        id,
        task_type,
        service,
        service_settings,
        task_settings,
        chunking,
        secrets,
    }
}

/// ref 3.5, 7.1: the filtered view; secrets never appear.
fn render(b: &Behavior, e: &Endpoint) -> Value {
    let mut out = Obj::new();
    out.insert("inference_id".into(), json!(e.id));
    out.insert("task_type".into(), json!(e.task_type));
    out.insert("service".into(), json!(e.service));
    let mut ss = e.service_settings.clone();
    if let (Some(n), true) = (b.live_num_allocations, is_in_cluster(&e.service)) {
        ss.insert("num_allocations".into(), json!(n)); // ref 3.9: GET shows the live count
    }
    out.insert("service_settings".into(), Value::Object(ss));
    if !e.task_settings.is_empty() || b.empty_task_settings_shown {
        out.insert(
            "task_settings".into(),
            Value::Object(e.task_settings.clone()),
        );
    }
    if let Some(c) = &e.chunking {
        out.insert("chunking_settings".into(), c.clone());
    }
    Value::Object(out)
}

fn take_secrets(service: &str, settings: &mut Obj) -> Obj {
    let mut secrets = Obj::new();
    for name in secret_fields(service) {
        if let Some(v) = settings.shift_remove(*name) {
            secrets.insert((*name).into(), v);
        }
    }
    secrets
}

// ---------------------------------------------------------------------------------------------
// Replies and ES error shapes (ref 8.1)
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Reply {
    status: u16,
    content_type: String,
    headers: Vec<(String, String)>,
    body: String,
    /// Send `X-Elastic-Product: Elasticsearch`.
    product: bool,
}

type Res<T> = Result<T, Reply>;

impl Reply {
    fn json(status: u16, v: &Value) -> Self {
        Reply {
            status,
            content_type: "application/json".into(),
            headers: vec![],
            body: v.to_string(),
            product: true,
        }
    }
}

/// Object form, root cause = the exception itself.
fn es_error(status: u16, ty: &str, reason: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": {"root_cause": [{"type": ty, "reason": reason}], "type": ty, "reason": reason}, "status": status}),
    )
}

/// Object form with an Elasticsearch `caused_by`, which is then also the root cause.
fn es_error_caused(
    status: u16,
    ty: &str,
    reason: &str,
    cause_ty: &str,
    cause_reason: &str,
) -> Reply {
    let cause = json!({"type": cause_ty, "reason": cause_reason});
    Reply::json(
        status,
        &json!({"error": {"root_cause": [cause.clone()], "type": ty, "reason": reason, "caused_by": cause}, "status": status}),
    )
}

/// String form, used by the REST layer (405, 406, no handler).
fn string_error(status: u16, msg: &str) -> Reply {
    Reply::json(status, &json!({"error": msg, "status": status}))
}

fn bad_request(reason: &str) -> Reply {
    es_error(400, "status_exception", reason)
}

/// `Validation Failed: 1: a;2: b;`
fn validation_failed(ty: &str, errors: &[String]) -> Reply {
    let list: String = errors
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{}: {e};", i + 1))
        .collect();
    es_error(400, ty, &format!("Validation Failed: {list}"))
}

/// ref 5.
fn invalid_id(id: &str) -> Reply {
    validation_failed(
        "action_request_validation_exception",
        &[format!(
            "Invalid inference_id; '{id}' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric"
        )],
    )
}

/// ref 8.1.
fn not_found(id: &str) -> Reply {
    es_error(
        404,
        "resource_not_found_exception",
        &format!("Inference endpoint not found [{id}]"),
    )
}

/// `InferenceExceptions.mismatchedTaskTypeException` (GET and DELETE with a wrong task type).
fn task_type_mismatch(requested: &str, actual: &str) -> Reply {
    bad_request(&format!(
        "Requested task type [{requested}] does not match the inference endpoint's task type [{actual}]"
    ))
}

/// ref 3.10, 8.1: the provider validation failure. The inner text is approximate.
fn provider_rejected(id: &str) -> Reply {
    es_error_caused(
        400,
        "status_exception",
        "Could not complete inference endpoint creation as validation call to service threw an exception.",
        "status_exception",
        &format!(
            "Received an authentication error status code for request from inference entity id [{id}] status [401]. Error message: [Incorrect API key provided]"
        ),
    )
}

fn method_not_allowed(req: &HttpRequest, allowed: &[&str]) -> Reply {
    let mut r = string_error(
        405,
        &format!(
            "Incorrect HTTP method for uri [{}] and method [{}], allowed: [{}]",
            req.target,
            req.method,
            allowed.join(", ")
        ),
    );
    r.headers.push(("Allow".into(), allowed.join(",")));
    r
}

fn no_handler(req: &HttpRequest) -> Reply {
    string_error(
        400,
        &format!(
            "no handler found for uri [{}] and method [{}]",
            req.target, req.method
        ),
    )
}

/// Java `Map.toString()` / `List.toString()` rendering used in ES messages.
fn java(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(java).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => java_map(m),
        other => other.to_string(),
    }
}

fn java_map(m: &Obj) -> String {
    format!(
        "{{{}}}",
        m.iter()
            .map(|(k, v)| format!("{k}={}", java(v)))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

// ---------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------

const COMMON_PARAMS: &[&str] = &["error_trace", "filter_path", "human", "pretty"];

fn dispatch(b: &Behavior, st: &mut State, req: &HttpRequest) -> Res<Reply> {
    check_media_types(b, req)?;
    check_auth(b, req)?;
    // Decode each segment after splitting, so an encoded `/` never changes the route.
    let segs: Vec<String> = req
        .path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| pct_decode(s, false))
        .collect();
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    let read = matches!(req.method.as_str(), "GET" | "HEAD");
    let m = req.method.as_str();
    match segs.as_slice() {
        [] if read => {
            check_params(req, &[])?;
            Ok(Reply::json(
                200,
                &json!({"name": "fake-es", "cluster_name": "fake",
                    "version": {"number": b.version, "build_flavor": "default"},
                    "tagline": "You Know, for Search"}),
            ))
        }
        [] => Err(method_not_allowed(req, &["GET", "HEAD"])),
        ["_inference"] if read => {
            check_params(req, &[])?;
            Ok(list(b, st, None))
        }
        ["_inference"] => Err(method_not_allowed(req, &["GET"])),
        ["_inference", "_services", rest @ ..] if rest.len() <= 1 => {
            if !read {
                return Err(method_not_allowed(req, &["GET"]));
            }
            check_params(req, &[])?;
            services(rest.first().copied())
        }
        // ref 3.1: the update routes are PUT only; anything else is the router's 405.
        ["_inference", id, "_update"] if m == "PUT" => update(b, st, req, None, id),
        ["_inference", tt, id, "_update"] if m == "PUT" => update(b, st, req, Some(tt), id),
        ["_inference", _, "_update"] | ["_inference", _, _, "_update"] => {
            Err(method_not_allowed(req, &["PUT"]))
        }
        ["_inference", x] => match m {
            "GET" | "HEAD" => {
                check_params(req, &[])?;
                if *x == "_all" {
                    return Ok(list(b, st, None));
                }
                match parse_task_type(x) {
                    Ok(tt) => Ok(list(b, st, tt)),
                    Err(_) => get_one(b, st, None, x),
                }
            }
            "PUT" => create(b, st, req, None, x),
            "DELETE" => delete(st, req, None, x),
            "POST" => Err(not_faked()),
            _ => Err(method_not_allowed(req, &["GET", "PUT", "DELETE", "POST"])),
        },
        ["_inference", tt, id] => match m {
            "GET" | "HEAD" => {
                check_params(req, &[])?;
                let tt = parse_task_type(tt)?;
                if *id == "_all" {
                    Ok(list(b, st, tt))
                } else {
                    get_one(b, st, tt, id)
                }
            }
            "PUT" => create(b, st, req, Some(tt), id),
            "DELETE" => delete(st, req, Some(tt), id),
            "POST" => Err(not_faked()),
            _ => Err(method_not_allowed(req, &["GET", "PUT", "DELETE", "POST"])),
        },
        _ => Err(no_handler(req)),
    }
}

fn not_faked() -> Reply {
    es_error(
        500,
        "unsupported_operation_exception",
        "fake_es does not perform inference calls",
    )
}

/// ref 3.2: trimmed, case-insensitive; `any` (internal) gives `None`.
fn parse_task_type(raw: &str) -> Res<Option<&'static str>> {
    let t = raw.trim().to_ascii_lowercase();
    if t == "any" {
        return Ok(None);
    }
    match TASK_TYPES.iter().find(|x| **x == t) {
        Some(x) => Ok(Some(x)),
        None => Err(bad_request(&format!("Unknown task_type [{raw}]"))),
    }
}

/// ref 5: `[a-z0-9](?:[a-z0-9_\-\.]*[a-z0-9])?`, not `_all`.
fn is_valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    let edge = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    !b.is_empty()
        && edge(b[0])
        && edge(b[b.len() - 1])
        && b.iter()
            .all(|&c| edge(c) || matches!(c, b'_' | b'-' | b'.'))
}

/// `BaseRestHandler`: unconsumed query parameters are a 400 (ref 3.3). ES also suggests close
/// names ("did you mean"); the fake does not.
fn check_params(req: &HttpRequest, allowed: &[&str]) -> Res<()> {
    let bad: BTreeSet<&str> = req
        .query
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !COMMON_PARAMS.contains(k) && !allowed.contains(k))
        .collect();
    if bad.is_empty() {
        return Ok(());
    }
    let names = bad
        .iter()
        .map(|k| format!("[{k}]"))
        .collect::<Vec<_>>()
        .join(", ");
    let plural = if bad.len() > 1 { "s" } else { "" };
    Err(es_error(
        400,
        "illegal_argument_exception",
        &format!(
            "request [{}] contains unrecognized parameter{plural}: {names}",
            req.path
        ),
    ))
}

/// `RestRequest.paramAsBoolean`: absent = false, empty = true.
fn bool_param(req: &HttpRequest, name: &str) -> Res<bool> {
    match req.param(name) {
        None | Some("false") => Ok(false),
        Some("") | Some("true") => Ok(true),
        Some(other) => Err(es_error(
            400,
            "illegal_argument_exception",
            &format!("Failed to parse value [{other}] as only [true] or [false] are allowed."),
        )),
    }
}

/// ref 8.3: compatible-with checks, then Content-Type (406 string form).
fn check_media_types(b: &Behavior, req: &HttpRequest) -> Res<()> {
    let major = b.major();
    let in_range = |v: u32| v == major || v + 1 == major;
    let has_body = !req.body.is_empty();
    let accept = req.header("accept");
    let ctype = req.header("content-type");
    let headers = if has_body {
        "[Accept, Content-Type]"
    } else {
        "[Accept]"
    };
    let bad_version = |which: &str, v: u32, value: &str| {
        es_error_caused(
            400,
            "media_type_header_exception",
            &format!("Invalid media-type value on headers {headers}"),
            "status_exception",
            &format!(
                "{which} version must be either version {major} or {}, but found {v}. {which}={value}",
                major - 1
            ),
        )
    };
    let av = accept.and_then(compat_version);
    if let (Some(v), Some(a)) = (av, accept) {
        if !in_range(v) {
            return Err(bad_version("Accept", v, a));
        }
    }
    if !has_body {
        return Ok(());
    }
    let Some(ct) = ctype else {
        return Err(string_error(406, "Content-Type header is missing"));
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let supported = [
        "application/json",
        "application/x-ndjson",
        "application/vnd.elasticsearch+json",
        "application/vnd.elasticsearch+x-ndjson",
        "application/yaml",
        "application/cbor",
        "application/smile",
    ];
    if !supported.contains(&essence.as_str()) {
        return Err(string_error(
            406,
            &format!("Content-Type header [{ct}] is not supported"),
        ));
    }
    let cv = compat_version(ct);
    if let Some(v) = cv {
        if !in_range(v) {
            return Err(bad_version("Content-Type", v, ct));
        }
    }
    if av != cv {
        return Err(bad_request(&format!(
            "A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version and the compatible versions must match. Accept={}, Content-Type={ct}",
            accept.unwrap_or("null")
        )));
    }
    Ok(())
}

fn compat_version(media: &str) -> Option<u32> {
    let lower = media.to_ascii_lowercase();
    let at = lower.find("compatible-with=")? + "compatible-with=".len();
    let digits: String = lower[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// 401 in the shape of the security realm chain; no X-Elastic-Product (ES sends none before
/// authentication, ref 9.1 only checks it on 2xx).
fn check_auth(b: &Behavior, req: &HttpRequest) -> Res<()> {
    let Some(expected) = &b.required_authorization else {
        return Ok(());
    };
    let got = req.header("authorization");
    if got == Some(expected.as_str()) {
        return Ok(());
    }
    let reason = match got {
        None => format!("missing authentication credentials for REST request [{}]", req.target),
        Some(h) if h.len() > 6 && h[..6].eq_ignore_ascii_case("basic ") => {
            let user = base64_decode(h[6..].trim())
                .map(|raw| String::from_utf8_lossy(&raw).split(':').next().unwrap_or("").to_string())
                .unwrap_or_default();
            format!("unable to authenticate user [{user}] for REST request [{}]", req.target)
        }
        Some(_) => "unable to authenticate with provided credentials and anonymous access is not allowed for this request".into(),
    };
    let challenges = [
        r#"Basic realm="security", charset="UTF-8""#,
        r#"Bearer realm="security""#,
        "ApiKey",
    ];
    let cause = json!({"type": "security_exception", "reason": reason, "header": {"WWW-Authenticate": challenges}});
    let mut error = cause.clone();
    error
        .as_object_mut()
        .expect("object")
        .shift_insert(0, "root_cause".into(), json!([cause]));
    let mut r = Reply::json(401, &json!({"error": error, "status": 401}));
    r.product = false;
    r.headers = challenges
        .iter()
        .map(|c| ("WWW-Authenticate".to_string(), (*c).to_string()))
        .collect();
    Err(r)
}

// ---------------------------------------------------------------------------------------------
// GET
// ---------------------------------------------------------------------------------------------

fn list(b: &Behavior, st: &State, tt: Option<&str>) -> Reply {
    let endpoints: Vec<Value> = st
        .endpoints
        .values()
        .filter(|e| tt.is_none_or(|t| e.task_type == t))
        .map(|e| render(b, e))
        .collect();
    Reply::json(200, &json!({ "endpoints": endpoints }))
}

fn get_one(b: &Behavior, st: &State, tt: Option<&str>, id: &str) -> Res<Reply> {
    let e = st.endpoints.get(id).ok_or_else(|| not_found(id))?;
    if let Some(t) = tt.filter(|t| *t != e.task_type) {
        return Err(task_type_mismatch(t, &e.task_type));
    }
    Ok(Reply::json(200, &json!({ "endpoints": [render(b, e)] })))
}

/// ref 2: `GET _inference/_services[/{task_type}]`, a small realistic subset.
fn services(tt: Option<&str>) -> Res<Reply> {
    let tt = match tt {
        Some(raw) => parse_task_type(raw)?,
        None => None,
    };
    let field = |label: &str, desc: &str, ty: &str, flags: (bool, bool, bool), tts: &[&str]| {
        json!({"description": desc, "label": label, "required": flags.0, "sensitive": flags.1,
               "updatable": flags.2, "type": ty, "supported_task_types": tts})
    };
    let cohere_tt: &[&str] = &["text_embedding", "rerank", "completion"];
    let es_tt: &[&str] = &["text_embedding", "sparse_embedding", "rerank"];
    let openai_tt: &[&str] = &["text_embedding", "completion", "chat_completion"];
    let all = vec![
        json!({"service": "cohere", "name": "Cohere", "task_types": cohere_tt, "configurations": {
            "api_key": field("API Key", "API Key for the provider you're connecting to.", "str", (true, true, true), cohere_tt),
            "model_id": field("Model ID", "The name of the model to use for the inference task.", "str", (false, false, false), cohere_tt),
            "rate_limit.requests_per_minute": field("Rate Limit", "Minimize the number of rate limit errors.", "int", (false, false, false), cohere_tt),
        }}),
        json!({"service": "elasticsearch", "name": "Elasticsearch", "task_types": es_tt, "configurations": {
            "num_allocations": field("Number Allocations", "The total number of allocations this model is assigned across machine learning nodes.", "int", (true, false, true), es_tt),
            "num_threads": field("Number Threads", "Sets the number of threads used by each model allocation during inference.", "int", (true, false, false), es_tt),
            "model_id": field("Model ID", "The name of the model to use for the inference task.", "str", (true, false, false), es_tt),
        }}),
        json!({"service": "openai", "name": "OpenAI", "task_types": openai_tt, "configurations": {
            "api_key": field("API Key", "The OpenAI API authentication key. For more details about generating OpenAI API keys, refer to the https://platform.openai.com/account/api-keys.", "str", (true, true, true), openai_tt),
            "model_id": field("Model ID", "The name of the model to use for the inference task.", "str", (true, false, false), openai_tt),
            "organization_id": field("Organization ID", "The unique identifier of your organization.", "str", (false, false, false), openai_tt),
            "url": field("URL", "The absolute URL of the external service to send requests to.", "str", (false, false, false), openai_tt),
            "dimensions": field("Dimensions", "The number of dimensions the resulting embeddings should have.", "int", (false, false, false), &["text_embedding"]),
            "rate_limit.requests_per_minute": field("Rate Limit", "Default number of requests allowed per minute. For text_embedding is 3000. For completion is 500.", "int", (false, false, false), openai_tt),
        }}),
    ];
    let filtered: Vec<Value> = all
        .into_iter()
        .filter(|s| {
            tt.is_none_or(|t| {
                s["task_types"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x == t))
            })
        })
        .collect();
    Ok(Reply::json(200, &Value::Array(filtered)))
}

// ---------------------------------------------------------------------------------------------
// Update (ref 3.6), create, delete
// ---------------------------------------------------------------------------------------------

/// The body as a JSON object. ref 3.4: a missing body fails `requiredContent()`.
fn body_object(req: &HttpRequest) -> Res<Obj> {
    let text = String::from_utf8_lossy(&req.body);
    if text.trim().is_empty() {
        return Err(es_error(400, "parse_exception", "request body is required"));
    }
    let cause = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(m)) => return Ok(m),
        Ok(other) => format!(
            "Unexpected token, expected an object but found [{}]",
            java(&other)
        ),
        Err(e) => e.to_string(),
    };
    // The Jackson cause is not an ES exception, so root_cause is the parse_exception itself.
    let reason = "Failed to parse content to map";
    Err(Reply::json(
        400,
        &json!({"error": {"root_cause": [{"type": "parse_exception", "reason": reason}],
            "type": "parse_exception", "reason": reason,
            "caused_by": {"type": "json_parse_exception", "reason": cause}}, "status": 400}),
    ))
}

/// A settings section: absent or null = empty; anything but an object is `Unable to parse`.
fn section(body: &Obj, name: &str) -> Res<Obj> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(Obj::new()),
        Some(Value::Object(o)) => Ok(o.clone()),
        Some(_) => Err(bad_request(&format!(
            "Unable to parse [{name}] in the request [{}]",
            java_map(body)
        ))),
    }
}

/// ref 3.6 step 2 (`ServiceUtils.resolveTaskType`).
fn resolve_task_type(
    url: Option<&'static str>,
    body_tt: Option<&Value>,
    what: &str,
) -> Res<&'static str> {
    let body = match body_tt {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("any") => {
            return Err(bad_request(
                "task_type [any] is not valid type for inference",
            ));
        }
        Some(Value::String(s)) => parse_task_type(s)?,
        Some(other) => {
            return Err(bad_request(&format!(
                "Failed to parse [task_type] in {what} [{{task_type={}}}]",
                java(other)
            )));
        }
    };
    match (url, body) {
        (Some(u), Some(b)) if u != b => Err(bad_request(&format!(
            "Cannot resolve conflicting task_type parameter in the request URL [{u}] and the request body [{b}]"
        ))),
        (Some(t), _) | (None, Some(t)) => Ok(t),
        (None, None) => Err(bad_request("model is missing required setting [task_type]")),
    }
}

fn unknown_keys(new: &Obj, stored: &Obj, documented: &[&str]) -> Obj {
    new.iter()
        .filter(|(k, _)| !stored.contains_key(*k) && !documented.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Objects merge key by key; a null leaves the stored value alone (approximate).
fn deep_merge(dst: &mut Obj, src: &Obj) {
    for (k, v) in src {
        match (dst.get_mut(k), v) {
            (_, Value::Null) => {}
            (Some(Value::Object(d)), Value::Object(s)) => deep_merge(d, s),
            _ => {
                dst.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Put `path` in `new` back to what it is in `old` (or remove it).
fn restore(old: &Obj, new: &mut Obj, path: &[&str]) {
    let Some((head, tail)) = path.split_first() else {
        return;
    };
    if !tail.is_empty() {
        if let Some(Value::Object(n)) = new.get_mut(*head) {
            match old.get(*head) {
                Some(Value::Object(o)) => return restore(o, n, tail),
                None => return restore(&Obj::new(), n, tail),
                Some(_) => {}
            }
        }
    }
    match old.get(*head) {
        Some(v) => {
            new.insert((*head).into(), v.clone());
        }
        None => {
            new.shift_remove(*head);
        }
    }
}

/// ref 3.8, 3.9, 3.11: fields an update silently keeps.
fn apply_ignored(paths: &[String], old: &Endpoint, new: &mut Endpoint) {
    for p in paths {
        let parts: Vec<&str> = p.split('.').collect();
        let (o, n) = match parts[0] {
            "service_settings" => (&old.service_settings, &mut new.service_settings),
            "task_settings" => (&old.task_settings, &mut new.task_settings),
            _ => continue,
        };
        restore(o, n, &parts[1..]);
    }
}

fn update(
    b: &Behavior,
    st: &mut State,
    req: &HttpRequest,
    url_tt: Option<&str>,
    id: &str,
) -> Res<Reply> {
    if url_tt.is_none() && b.one_segment_update_broken {
        return Err(bad_request("Inference ID must be provided in the path")); // ref 3.2
    }
    if !is_valid_id(id) {
        return Err(invalid_id(id)); // ref 3.6 step 1, ref 5
    }
    let url_task = match url_tt {
        Some(raw) => parse_task_type(raw)?, // ref 3.2
        None => None,
    };
    let body = body_object(req)?;
    if body.is_empty() {
        return Err(bad_request("Request body is empty")); // ref 3.4
    }
    // ref 3.4, 1.3: top-level allow-list
    let allowed = |k: &str| {
        matches!(k, "task_type" | "service_settings" | "task_settings")
            || (k == "chunking_settings" && b.accepts_chunking_in_update)
    };
    let offending: Obj = body
        .iter()
        .filter(|(k, _)| !allowed(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if !offending.is_empty() {
        return Err(bad_request(&format!(
            "Request contained fields which cannot be updated, remove these fields and try again [{}]",
            java_map(&offending)
        )));
    }
    // ref 3.6 step 2 table: a section that is not an object
    let new_ss_raw = section(&body, "service_settings")?;
    let new_ts = section(&body, "task_settings")?;
    section(&body, "chunking_settings")?;
    let task_type = resolve_task_type(url_task, body.get("task_type"), "update request")?;
    let mut params = vec!["master_timeout"];
    if b.accepts_timeout_param {
        params.push("timeout"); // ref 3.3
    }
    check_params(req, &params)?;
    let existing = st.endpoints.get(id).cloned().ok_or_else(|| {
        // ref 3.6 step 3 (status presumed 404)
        es_error(
            404,
            "status_exception",
            &format!("The inference endpoint [{id}] does not exist and cannot be updated"),
        )
    })?;
    if existing.task_type != task_type {
        return Err(bad_request(
            "Task type must match the task type of the existing endpoint",
        )); // ref 3.6 step 6
    }
    let svc = existing.service.as_str();
    // ref 7.3: secrets travel inside service_settings
    let mut new_ss = new_ss_raw.clone();
    let new_secrets = take_secrets(svc, &mut new_ss);
    if b.requires_secret_with_service_settings && !new_ss_raw.is_empty() {
        let missing = missing_secrets(svc, &new_secrets, &existing.secrets);
        if !missing.is_empty() {
            return Err(validation_failed("validation_exception", &missing));
        }
    }
    // ref 3.9: in-cluster allocations
    if is_in_cluster(svc) {
        let ok = match new_ss.get("num_allocations") {
            Some(v) => v.as_u64().is_some_and(|n| n >= 1),
            None => !b.requires_num_allocations_in_update,
        };
        if !ok {
            return Err(bad_request(&format!(
                "Failed to parse [num_allocations] of update request [{}]",
                String::from_utf8_lossy(&req.body)
            )));
        }
    }
    // ref 3.7: chunking is replaced, after validation (ref 6.3)
    let chunking = match body.get("chunking_settings") {
        Some(c) if !c.is_null() => Some(build_chunking(c)?),
        _ => None,
    };
    // ref 3.6 step 8: unknown keys
    let unknown_ss = unknown_keys(
        &new_ss,
        &existing.service_settings,
        service_settings_keys(svc),
    );
    let unknown_ts = unknown_keys(&new_ts, &existing.task_settings, task_settings_keys(svc));
    if b.rejects_unknown_keys {
        for unknown in [&unknown_ss, &unknown_ts] {
            if !unknown.is_empty() {
                return Err(bad_request(&format!(
                    "Configuration contains settings [{}] unknown to the [{svc}] service",
                    java_map(unknown)
                )));
            }
        }
    }
    let mut new_ts = new_ts;
    for k in unknown_ss.keys() {
        new_ss.shift_remove(k); // ref 3.11: silently dropped
    }
    for k in unknown_ts.keys() {
        new_ts.shift_remove(k);
    }
    // ref 3.7: merge
    let mut updated = existing.clone();
    deep_merge(&mut updated.service_settings, &new_ss);
    deep_merge(&mut updated.task_settings, &new_ts);
    updated.secrets.extend(new_secrets);
    match chunking {
        Some(c) => updated.chunking = Some(c),
        // ref 3.11 / #139574: the stored null reads back as OLD_DEFAULT_SETTINGS (ref 6.3)
        None if b.resets_chunking_on_update && EMBEDDING_TYPES.contains(&task_type) => {
            updated.chunking =
                Some(json!({"strategy": "word", "max_chunk_size": 250, "overlap": 100}));
        }
        None => {}
    }
    apply_ignored(&b.ignored_fields, &existing, &mut updated); // ref 3.8, 3.11
    if updated == existing {
        return Ok(Reply::json(200, &render(b, &existing))); // ref 3.6 step 9: no-op
    }
    // ref 3.6 step 10, 3.10: provider validation of the merged configuration
    if !is_in_cluster(svc)
        && b.rejected_api_key.is_some()
        && updated.secrets.get("api_key").and_then(Value::as_str) == b.rejected_api_key.as_deref()
    {
        return Err(provider_rejected(id));
    }
    let answer = render(b, &updated);
    st.endpoints.insert(id.into(), updated);
    Ok(Reply::json(200, &answer)) // ref 3.5: the endpoint itself, not wrapped
}

/// `PUT /_inference[/{task_type}]/{id}`; check order follows `TransportPutInferenceModelAction`.
fn create(
    b: &Behavior,
    st: &mut State,
    req: &HttpRequest,
    url_tt: Option<&str>,
    id: &str,
) -> Res<Reply> {
    let url_task = match url_tt {
        Some(raw) => parse_task_type(raw)?,
        None => None,
    };
    let mut body = body_object(req)?;
    if id.starts_with('.') {
        // ref 5 (the reserved check is reported for dot ids rather than the pattern failure)
        return Err(bad_request(&format!(
            "[{id}] is a reserved inference ID. Cannot create a new inference endpoint with a reserved ID."
        )));
    }
    if !is_valid_id(id) {
        return Err(invalid_id(id));
    }
    check_params(req, &["timeout"])?;
    let task_type =
        resolve_task_type(url_task, body.shift_remove("task_type").as_ref(), "request")?;
    let service = match body.shift_remove("service") {
        Some(Value::String(s)) => s,
        _ => {
            return Err(bad_request(
                "Inference endpoint configuration is missing the [service] setting",
            ));
        }
    };
    let supported = service_task_types(&service)
        .ok_or_else(|| bad_request(&format!("Unknown service [{service}]")))?;
    if matches!(body.get("service_settings"), None | Some(Value::Null)) {
        return Err(bad_request(
            "Model configuration is missing [service_settings]",
        ));
    }
    let mut ss = section(&body, "service_settings")?;
    let ts = section(&body, "task_settings")?;
    section(&body, "chunking_settings")?;
    let chunking = match body.get("chunking_settings") {
        Some(c) if !c.is_null() => Some(build_chunking(c)?),
        // ref 6.3: DEFAULT_SETTINGS for embedding task types
        _ if EMBEDDING_TYPES.contains(&task_type) => Some(default_chunking()),
        _ => None,
    };
    for k in ["service_settings", "task_settings", "chunking_settings"] {
        body.shift_remove(k);
    }
    if !supported.contains(&task_type) {
        return Err(bad_request(&format!(
            "The [{service}] service does not support task type [{task_type}]"
        )));
    }
    let secrets = take_secrets(&service, &mut ss);
    let missing = missing_secrets(&service, &secrets, &Obj::new());
    if !missing.is_empty() {
        return Err(validation_failed("validation_exception", &missing));
    }
    // Leftovers are always rejected on create ("Model configuration" wording before 9.x, approximate).
    let prefix = if b.major() < 9 {
        "Model configuration"
    } else {
        "Configuration"
    };
    let leftovers = [
        body.clone(),
        unknown_keys(&ss, &Obj::new(), service_settings_keys(&service)),
        unknown_keys(&ts, &Obj::new(), task_settings_keys(&service)),
    ];
    if let Some(unknown) = leftovers.iter().find(|m| !m.is_empty()) {
        return Err(bad_request(&format!(
            "{prefix} contains settings [{}] unknown to the [{service}] service",
            java_map(unknown)
        )));
    }
    if !is_in_cluster(&service)
        && b.rejected_api_key.is_some()
        && secrets.get("api_key").and_then(Value::as_str) == b.rejected_api_key.as_deref()
    {
        return Err(provider_rejected(id)); // ref 3.10, 8.1
    }
    if st.endpoints.contains_key(id) {
        return Err(es_error(
            400,
            "resource_already_exists_exception",
            &format!("Inference endpoint [{id}] already exists"),
        ));
    }
    let ep = Endpoint {
        id: id.into(),
        task_type: task_type.into(),
        service,
        service_settings: ss,
        task_settings: ts,
        chunking,
        secrets,
    };
    let answer = render(b, &ep);
    st.endpoints.insert(id.into(), ep);
    Ok(Reply::json(200, &answer))
}

/// `TransportDeleteInferenceEndpointAction`.
fn delete(st: &mut State, req: &HttpRequest, url_tt: Option<&str>, id: &str) -> Res<Reply> {
    let url_task = match url_tt {
        Some(raw) => parse_task_type(raw)?,
        None => None,
    };
    check_params(req, &["dry_run", "force"])?;
    let (dry_run, force) = (bool_param(req, "dry_run")?, bool_param(req, "force")?);
    let e = st.endpoints.get(id).ok_or_else(|| not_found(id))?;
    if let Some(t) = url_task.filter(|t| *t != e.task_type) {
        return Err(task_type_mismatch(t, &e.task_type));
    }
    if id.starts_with('.') && !force {
        return Err(bad_request(&format!(
            "[{id}] is a reserved inference endpoint. Use the force=true query parameter to delete the inference endpoint."
        ))); // ref 5
    }
    let refs = st.references.get(id).cloned().unwrap_or_default();
    let pick = |prefix: &str| -> Vec<String> {
        refs.iter()
            .filter_map(|r| match r.split_once(':') {
                Some((kind, name)) if kind == prefix => Some(name.to_string()),
                None if prefix == "pipeline" => Some(r.clone()),
                _ => None,
            })
            .collect()
    };
    let (pipelines, indexes) = (pick("pipeline"), pick("index"));
    let message = reference_message(id, &pipelines, &indexes);
    if dry_run {
        return Ok(Reply::json(
            200,
            &json!({"acknowledged": false, "pipelines": pipelines, "indexes": indexes, "error_message": message}),
        ));
    }
    if !force && !message.is_empty() {
        return Err(es_error(409, "status_exception", &message));
    }
    st.endpoints.remove(id);
    st.references.remove(id);
    Ok(Reply::json(
        200,
        &json!({"acknowledged": true, "pipelines": [], "indexes": []}),
    ))
}

/// `buildErrorString` of the delete action; empty when nothing references the endpoint.
fn reference_message(id: &str, pipelines: &[String], indexes: &[String]) -> String {
    let mut s = String::new();
    if !pipelines.is_empty() {
        s.push_str(&format!(
            "Inference endpoint {id} is referenced by pipelines: [{}]. Ensure that no pipelines are using this inference endpoint, or use force to ignore this warning and delete the inference endpoint.",
            pipelines.join(", ")
        ));
    }
    if !indexes.is_empty() {
        s.push_str(&format!(
            " Inference endpoint {id} is being used in the mapping for indexes: [{}]. Ensure that no index mappings are using this inference endpoint, or use force to ignore this warning and delete the inference endpoint.",
            indexes.join(", ")
        ));
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Chunking settings (ref 6.3)
// ---------------------------------------------------------------------------------------------

fn default_chunking() -> Value {
    json!({"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1})
}

/// `SeparatorSet` in the ES source (the reference does not list the separators).
fn separator_group(name: &str) -> Option<Vec<&'static str>> {
    match name.trim().to_ascii_lowercase().as_str() {
        "plaintext" => Some(vec!["\n\n", "\n"]),
        "markdown" => Some(vec![
            "\n# ",
            "\n## ",
            "\n### ",
            "\n#### ",
            "\n##### ",
            "\n###### ",
            "^(?!\\s*$).*\\n*{3,}\\n",
            "^(?!\\s*$).*\\n-{3,}\\n",
            "^(?!\\s*$).*\\n_{3,}\\n",
        ]),
        _ => None,
    }
}

/// A required positive integer in `chunking_settings` (`ServiceUtils` messages).
fn chunk_int(map: &Obj, key: &str, required: bool, errors: &mut Vec<String>) -> Option<i64> {
    match map.get(key) {
        None | Some(Value::Null) => {
            if required {
                errors.push(format!(
                    "[chunking_settings] does not contain the required setting [{key}]"
                ));
            }
            None
        }
        Some(v) => {
            match v.as_i64() {
                None => {
                    errors.push(format!(
                    "field [{key}] is not of the expected type. The value [{}] cannot be converted to a [Integer]",
                    java(v)
                ));
                    None
                }
                Some(n) if n <= 0 && required => {
                    errors.push(format!("[chunking_settings] Invalid value [{n}]. [{key}] must be a positive integer"));
                    None
                }
                Some(n) => Some(n),
            }
        }
    }
}

/// Validate and render chunking settings: defaults filled in, groups expanded.
fn build_chunking(v: &Value) -> Res<Value> {
    let Some(map) = v.as_object() else {
        return Err(bad_request(&format!(
            "Unable to parse [chunking_settings] in the request [{{chunking_settings={}}}]",
            java(v)
        )));
    };
    if map.is_empty() {
        return Ok(default_chunking());
    }
    let strategy = match map.get("strategy") {
        None | Some(Value::Null) => {
            return Err(es_error(
                400,
                "illegal_argument_exception",
                "Can't generate Chunker without ChunkingStrategy provided",
            ));
        }
        Some(s) => s.as_str().map(str::to_string).unwrap_or_else(|| java(s)),
    };
    let (label, valid): (&str, &[&str]) = match strategy.as_str() {
        "sentence" => (
            "Sentence based",
            &["strategy", "max_chunk_size", "sentence_overlap"],
        ),
        "word" => ("Word based", &["strategy", "max_chunk_size", "overlap"]),
        "recursive" => (
            "Recursive",
            &[
                "strategy",
                "max_chunk_size",
                "separator_group",
                "separators",
            ],
        ),
        "none" => ("None", &["strategy"]), // accepted keys UNVERIFIED (ref 6.3)
        other => {
            return Err(es_error(
                400,
                "illegal_argument_exception",
                &format!("Invalid chunkingStrategy {other}"),
            ));
        }
    };
    let mut errors = Vec::new();
    let invalid: Vec<&str> = map
        .keys()
        .map(String::as_str)
        .filter(|k| !valid.contains(k))
        .collect();
    if !invalid.is_empty() {
        errors.push(format!(
            "{label} chunking settings can not have the following settings: [{}]",
            invalid.join(", ")
        ));
    }
    let mut out = Obj::new();
    out.insert("strategy".into(), json!(strategy));
    if strategy != "none" {
        let min = if strategy == "sentence" { 20 } else { 10 };
        let size = chunk_int(map, "max_chunk_size", true, &mut errors).filter(|n| {
            let ok = *n >= min;
            if !ok {
                errors.push(format!(
                    "[chunking_settings] Invalid value [{n}.0]. [max_chunk_size] must be a greater than or equal to [{min}.0]"
                ));
            }
            ok
        });
        out.insert("max_chunk_size".into(), json!(size));
        match strategy.as_str() {
            "sentence" => {
                let overlap = chunk_int(map, "sentence_overlap", false, &mut errors).unwrap_or(1);
                if !(0..=1).contains(&overlap) {
                    errors.push(format!("sentence_overlap[{overlap}] must be either 0 or 1"));
                }
                out.insert("sentence_overlap".into(), json!(overlap));
            }
            "word" => {
                if let Some(size) = size {
                    let overlap = chunk_int(map, "overlap", true, &mut errors);
                    if let Some(o) = overlap.filter(|o| *o > size / 2) {
                        errors.push(format!(
                            "overlap[{o}] must be less than or equal to half of max chunk size"
                        ));
                    }
                    out.insert("overlap".into(), json!(overlap));
                }
            }
            _ => {
                let group = match map.get("separator_group") {
                    None | Some(Value::Null) => None,
                    Some(g) => {
                        let found = g.as_str().and_then(separator_group);
                        if found.is_none() {
                            errors.push(format!(
                                "[chunking_settings] Invalid value [{}] received. [separator_group] must be one of [markdown, plaintext]",
                                java(g)
                            ));
                        }
                        found.map(|s| s.iter().map(|x| x.to_string()).collect::<Vec<_>>())
                    }
                };
                let list = match map.get("separators") {
                    None | Some(Value::Null) => None,
                    Some(Value::Array(a)) if a.iter().all(Value::is_string) => {
                        if a.is_empty() {
                            errors.push("Recursive chunking settings can not have an empty list of separators".into()); // approximate
                        }
                        Some(
                            a.iter()
                                .filter_map(|x| x.as_str().map(String::from))
                                .collect::<Vec<_>>(),
                        )
                    }
                    Some(other) => {
                        errors.push(format!(
                            "field [separators] is not of the expected type. The value [{}] cannot be converted to a [List]",
                            java(other)
                        ));
                        None
                    }
                };
                if map.get("separator_group").is_some_and(|g| !g.is_null()) && list.is_some() {
                    errors.push("Recursive chunking settings can not have both separators and separator_set".into());
                }
                let plain = || {
                    separator_group("plaintext")
                        .unwrap_or_default()
                        .iter()
                        .map(|s| s.to_string())
                        .collect()
                };
                out.insert(
                    "separators".into(),
                    json!(list.or(group).unwrap_or_else(plain)),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(Value::Object(out))
    } else {
        Err(validation_failed("validation_exception", &errors))
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP transport
// ---------------------------------------------------------------------------------------------

struct HttpRequest {
    method: String,
    /// Raw request target (path and query).
    target: String,
    /// Raw path, without the query.
    path: String,
    /// Decoded query parameters.
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl HttpRequest {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn accept_loop(listener: TcpListener, inner: Arc<Inner>, stop: Arc<AtomicBool>) {
    for conn in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = conn else { continue };
        let inner = Arc::clone(&inner);
        let _ = std::thread::Builder::new()
            .name("fake-es-conn".into())
            .spawn(move || serve_connection(&inner, stream));
    }
}

fn serve_connection(inner: &Inner, stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let (reply, head_only) = match read_request(&mut reader, &mut writer) {
        Ok(Some(req)) => (inner.handle(&req), req.method == "HEAD"),
        Ok(None) => return,
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            (string_error(400, &e.to_string()), false)
        }
        Err(_) => return,
    };
    let _ = write_reply(&mut writer, &reply, head_only);
    let _ = writer.shutdown(Shutdown::Both);
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_string())
}

fn read_line(r: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    if r.read_until(b'\n', &mut buf)? == 0 {
        return Ok(None);
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

const MAX_BODY: usize = 64 << 20;

fn read_request(
    r: &mut BufReader<TcpStream>,
    w: &mut TcpStream,
) -> io::Result<Option<HttpRequest>> {
    let Some(line) = read_line(r)? else {
        return Ok(None);
    };
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(invalid("malformed request line"));
    };
    let (method, target) = (method.to_string(), target.to_string());
    let mut headers = Vec::new();
    while let Some(h) = read_line(r)? {
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let get = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    if get("expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue")) {
        w.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
    }
    let body =
        if get("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
            read_chunked(r)?
        } else if let Some(len) = get("content-length") {
            let n: usize = len.parse().map_err(|_| invalid("bad Content-Length"))?;
            if n > MAX_BODY {
                return Err(invalid("body too large"));
            }
            let mut body = vec![0; n];
            r.read_exact(&mut body)?;
            body
        } else {
            Vec::new()
        };
    let (path, raw_query) = target.split_once('?').unwrap_or((target.as_str(), ""));
    let query = raw_query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (pct_decode(k, true), pct_decode(v, true))
        })
        .collect();
    let path = path.to_string();
    Ok(Some(HttpRequest {
        method,
        target,
        path,
        query,
        headers,
        body,
    }))
}

fn read_chunked(r: &mut impl BufRead) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line = read_line(r)?.ok_or_else(|| invalid("end of stream inside a chunked body"))?;
        let size = usize::from_str_radix(line.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| invalid("bad chunk size"))?;
        if size == 0 {
            while let Some(trailer) = read_line(r)? {
                if trailer.is_empty() {
                    break;
                }
            }
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err(invalid("body too large"));
        }
        let start = body.len();
        body.resize(start + size, 0);
        r.read_exact(&mut body[start..])?;
        read_line(r)?;
    }
}

fn write_reply(w: &mut impl Write, rep: &Reply, head_only: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
        rep.status,
        reason_phrase(rep.status),
        rep.content_type,
        rep.body.len()
    );
    if rep.product {
        head.push_str("X-Elastic-Product: Elasticsearch\r\n");
    }
    for (k, v) in &rep.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    w.write_all(head.as_bytes())?;
    if !head_only {
        w.write_all(rep.body.as_bytes())?;
    }
    w.flush()
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

/// `%XX` decoding (and `+` as space in query strings); invalid escapes stay literal.
fn pct_decode(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if b[i] == b'+' && plus_is_space {
            b' '
        } else {
            b[i]
        });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|c| *c != b'=') {
        acc = (acc << 6) | val(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Resp {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    }

    impl Resp {
        fn json(&self) -> Value {
            serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
        }

        fn header(&self, name: &str) -> Option<&str> {
            let name = name.to_ascii_lowercase();
            self.headers
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.as_str())
        }

        fn reason(&self) -> String {
            self.json()["error"]["reason"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        }
    }

    fn send(es: &FakeEs, method: &str, target: &str, body: Option<&str>) -> Resp {
        send_with(es, method, target, &[], body)
    }

    fn send_with(
        es: &FakeEs,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Resp {
        let mut s = TcpStream::connect(es.addr()).expect("connect");
        let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {}\r\n", es.addr());
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        if let Some(b) = body {
            if !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            {
                req.push_str("Content-Type: application/json\r\n");
            }
            req.push_str(&format!("Content-Length: {}\r\n", b.len()));
        }
        req.push_str("\r\n");
        req.push_str(body.unwrap_or(""));
        s.write_all(req.as_bytes()).expect("write");
        let mut raw = String::new();
        s.read_to_string(&mut raw).expect("read");
        let (head, body) = raw.split_once("\r\n\r\n").expect("response head");
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|c| c.parse().ok())
            .expect("status");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect::<Vec<_>>();
        let len: usize = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .expect("length")
            .1
            .parse()
            .unwrap();
        assert_eq!(len, body.len(), "Content-Length matches the body");
        Resp {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn update(es: &FakeEs, target: &str, body: &str) -> Resp {
        send(es, "PUT", target, Some(body))
    }

    #[test]
    fn get_missing_is_the_documented_404() {
        let es = FakeEs::start();
        let r = send(&es, "GET", "/_inference/nope", None);
        assert_eq!(r.status, 404);
        assert_eq!(r.header("x-elastic-product"), Some("Elasticsearch"));
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(
            r.json(),
            json!({"error": {"root_cause": [{"type": "resource_not_found_exception",
                "reason": "Inference endpoint not found [nope]"}],
                "type": "resource_not_found_exception", "reason": "Inference endpoint not found [nope]"},
                "status": 404})
        );
        // An encoded slash stays inside its segment.
        let r = send(&es, "GET", "/_inference/a%2F..%2Fb", None);
        assert_eq!(r.reason(), "Inference endpoint not found [a/../b]");
    }

    #[test]
    fn get_shows_no_secrets_and_filters_by_task_type() {
        let es = FakeEs::start();
        es.insert(openai_embedding("emb"));
        es.insert(cohere_rerank("rr"));
        let all = send(&es, "GET", "/_inference/_all", None).json();
        let ids: Vec<&str> = all["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["inference_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["emb", "rr"]);
        assert!(!all.to_string().contains("sk-old") && !all.to_string().contains("api_key"));
        assert_eq!(es.secrets("emb"), json!({"api_key": "sk-old"}));
        let one = send(&es, "GET", "/_inference/rerank", None).json();
        assert_eq!(one["endpoints"].as_array().unwrap().len(), 1);
        let r = send(&es, "GET", "/_inference/completion/emb", None);
        assert_eq!(r.status, 400);
        assert_eq!(
            r.reason(),
            "Requested task type [completion] does not match the inference endpoint's task type [text_embedding]"
        );
        assert_eq!(
            send(&es, "GET", "/", None).json()["version"]["number"],
            "9.5.0"
        );
    }

    #[test]
    fn update_merges_settings_replaces_chunking_and_stores_secrets() {
        let es = FakeEs::start();
        es.insert(openai_embedding("emb"));
        let r = update(
            &es,
            "/_inference/text_embedding/emb/_update",
            r#"{"service_settings":{"api_key":"sk-new","rate_limit":{"requests_per_minute":500}},
                "task_settings":{"user":"bob"},
                "chunking_settings":{"strategy":"word","max_chunk_size":100,"overlap":10}}"#,
        );
        assert_eq!(r.status, 200, "{}", r.body);
        let expected = json!({"inference_id": "emb", "task_type": "text_embedding", "service": "openai",
            "service_settings": {"model_id": "text-embedding-3-small", "dimensions": 1536,
                "similarity": "cosine", "rate_limit": {"requests_per_minute": 500}},
            "task_settings": {"user": "bob"},
            "chunking_settings": {"strategy": "word", "max_chunk_size": 100, "overlap": 10}});
        assert_eq!(r.json(), expected);
        assert_eq!(es.endpoint("emb").unwrap(), expected);
        assert_eq!(es.secrets("emb"), json!({"api_key": "sk-new"}));
        assert_eq!(es.writes().len(), 1);
        assert_eq!(es.writes()[0].json()["task_settings"]["user"], "bob");

        // Immutable fields are kept silently (ref 3.8); a sentence default is filled in.
        let r = update(
            &es,
            "/_inference/TEXT_EMBEDDING/emb/_update",
            r#"{"service_settings":{"dimensions":8},"chunking_settings":{"strategy":"sentence","max_chunk_size":30}}"#,
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["service_settings"]["dimensions"], 1536);
        assert_eq!(
            r.json()["chunking_settings"],
            json!({"strategy": "sentence", "max_chunk_size": 30, "sentence_overlap": 1})
        );
    }

    #[test]
    fn update_rejections_use_the_server_texts() {
        let es = FakeEs::start();
        es.insert(openai_embedding("emb"));
        let path = "/_inference/text_embedding/emb/_update";
        let cases = [
            (
                path,
                r#"{"service":"example-service","service_settings":{"api_key":"k"}}"#,
                400,
                "Request contained fields which cannot be updated, remove these fields and try again [{service=example-service}]",
            ),
            (path, "{}", 400, "Request body is empty"),
            (
                path,
                r#"{"service_settings":"not_a_map"}"#,
                400,
                "Unable to parse [service_settings] in the request [{service_settings=not_a_map}]",
            ),
            (
                path,
                r#"{"task_type":"rerank","task_settings":{}}"#,
                400,
                "Cannot resolve conflicting task_type parameter in the request URL [text_embedding] and the request body [rerank]",
            ),
            (
                path,
                r#"{"task_settings":{"colour":"red"}}"#,
                400,
                "Configuration contains settings [{colour=red}] unknown to the [openai] service",
            ),
            (
                path,
                r#"{"chunking_settings":{"strategy":"sentence","max_chunk_size":20,"sentence_overlap":0,"unknown_setting":"unknown_value"}}"#,
                400,
                "Validation Failed: 1: Sentence based chunking settings can not have the following settings: [unknown_setting];",
            ),
            (
                "/_inference/bogus/emb/_update",
                r#"{"task_settings":{}}"#,
                400,
                "Unknown task_type [bogus]",
            ),
            (
                "/_inference/rerank/emb/_update",
                r#"{"task_settings":{}}"#,
                400,
                "Task type must match the task type of the existing endpoint",
            ),
            (
                "/_inference/rerank/missing/_update",
                r#"{"task_settings":{}}"#,
                404,
                "The inference endpoint [missing] does not exist and cannot be updated",
            ),
            (
                "/_inference/rerank/.elser-2/_update",
                r#"{"task_settings":{}}"#,
                400,
                "Validation Failed: 1: Invalid inference_id; '.elser-2' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric;",
            ),
            (
                "/_inference/emb/_update",
                r#"{"task_settings":{"user":"x"}}"#,
                400,
                "model is missing required setting [task_type]",
            ),
        ];
        for (target, body, status, reason) in cases {
            let r = update(&es, target, body);
            assert_eq!(
                (r.status, r.reason().as_str()),
                (status, reason),
                "{target} {body}"
            );
        }
        assert_eq!(
            send(&es, "PUT", path, None).reason(),
            "request body is required"
        );
        let r = update(
            &es,
            "/_inference/emb/_update",
            r#"{"task_type":"text_embedding","task_settings":{"user":"x"}}"#,
        );
        assert_eq!(r.status, 200, "one-segment path works on 9.5");
        assert_eq!(
            update(
                &es,
                &format!("{path}?timeout=30s"),
                r#"{"task_settings":{"user":"y"}}"#
            )
            .status,
            200
        );
        assert_eq!(es.endpoint("emb").unwrap()["task_settings"]["user"], "y");
    }

    #[test]
    fn post_to_update_is_the_routers_string_405() {
        let es = FakeEs::start();
        let r = send(
            &es,
            "POST",
            "/_inference/sparse_embedding/my-elser-endpoint/_update",
            Some("{}"),
        );
        assert_eq!(r.status, 405);
        assert_eq!(
            r.json(),
            json!({"error": "Incorrect HTTP method for uri [/_inference/sparse_embedding/my-elser-endpoint/_update] and method [POST], allowed: [PUT]", "status": 405})
        );
        let r = send(&es, "GET", "/_nope", None);
        assert_eq!(
            r.json(),
            json!({"error": "no handler found for uri [/_nope] and method [GET]", "status": 400})
        );
    }

    #[test]
    fn v9_2_resets_chunking_drops_unknown_keys_and_wants_the_secret() {
        let es = FakeEs::with_behavior(Behavior::v9_2());
        es.insert(openai_embedding("emb"));
        let path = "/_inference/text_embedding/emb/_update";
        let r = update(
            &es,
            path,
            r#"{"task_settings":{"user":"bob","colour":"red"}}"#,
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["task_settings"], json!({"user": "bob"}));
        assert_eq!(
            r.json()["chunking_settings"],
            json!({"strategy": "word", "max_chunk_size": 250, "overlap": 100})
        );
        let r = update(
            &es,
            path,
            r#"{"service_settings":{"rate_limit":{"requests_per_minute":5}}}"#,
        );
        assert_eq!(
            r.reason(),
            "Validation Failed: 1: [secret_settings] does not contain the required setting [api_key];"
        );
        let r = update(
            &es,
            path,
            r#"{"service_settings":{"api_key":"k2","rate_limit":{"requests_per_minute":5}}}"#,
        );
        assert_eq!(
            r.json()["service_settings"]["rate_limit"]["requests_per_minute"],
            3000,
            "frozen before 2026"
        );
        assert_eq!(es.secrets("emb")["api_key"], "k2");
        let r = update(
            &es,
            path,
            r#"{"chunking_settings":{"strategy":"word","max_chunk_size":100,"overlap":10}}"#,
        );
        assert!(
            r.reason()
                .starts_with("Request contained fields which cannot be updated"),
            "{}",
            r.body
        );
        let r = update(
            &es,
            &format!("{path}?timeout=30s"),
            r#"{"task_settings":{"user":"x"}}"#,
        );
        assert_eq!(
            r.reason(),
            "request [/_inference/text_embedding/emb/_update] contains unrecognized parameter: [timeout]"
        );

        let es = FakeEs::start();
        es.insert(openai_embedding("emb"));
        let r = update(&es, path, r#"{"task_settings":{"user":"bob"}}"#);
        assert_eq!(
            r.json()["chunking_settings"],
            json!({"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1})
        );
    }

    #[test]
    fn v8_17_quirks() {
        let es = FakeEs::with_behavior(Behavior::v8_17());
        es.insert(elser("e"));
        es.insert(cohere_rerank("rr"));
        let r = update(
            &es,
            "/_inference/e/_update",
            r#"{"task_type":"sparse_embedding","service_settings":{"num_allocations":2}}"#,
        );
        assert_eq!(r.reason(), "Inference ID must be provided in the path");
        let body = r#"{"service_settings":{"num_allocations":"two"}}"#;
        let r = update(&es, "/_inference/sparse_embedding/e/_update", body);
        assert_eq!(
            r.reason(),
            format!("Failed to parse [num_allocations] of update request [{body}]")
        );
        let r = update(
            &es,
            "/_inference/sparse_embedding/e/_update",
            r#"{"service_settings":{"num_allocations":2,"num_threads":4}}"#,
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["service_settings"]["num_allocations"], 2);
        assert_eq!(
            r.json()["service_settings"]["num_threads"],
            1,
            "num_threads silently kept"
        );
        let r = update(
            &es,
            "/_inference/rerank/rr/_update",
            r#"{"task_settings":{"top_n":3}}"#,
        );
        assert_eq!(
            r.json()["task_settings"],
            json!({"top_n": 3, "return_documents": true})
        );
        es.insert(
            json!({"inference_id": "c", "task_type": "completion", "service": "openai",
            "service_settings": {"api_key": "k", "model_id": "gpt-4o"}}),
        );
        assert_eq!(es.endpoint("c").unwrap()["task_settings"], json!({}));
    }

    #[test]
    fn live_allocations_and_provider_validation() {
        let es = FakeEs::with_behavior(Behavior {
            live_num_allocations: Some(1),
            rejected_api_key: Some("sk-bad".into()),
            ..Behavior::default()
        });
        es.insert(elser("e"));
        es.insert(openai_embedding("emb"));
        let r = update(
            &es,
            "/_inference/sparse_embedding/e/_update",
            r#"{"service_settings":{"num_allocations":4}}"#,
        );
        assert_eq!(r.json()["service_settings"]["num_allocations"], 1);
        let r = update(
            &es,
            "/_inference/text_embedding/emb/_update",
            r#"{"service_settings":{"api_key":"sk-bad"}}"#,
        );
        assert_eq!(r.status, 400);
        let err = &r.json()["error"];
        assert_eq!(
            err["reason"],
            "Could not complete inference endpoint creation as validation call to service threw an exception."
        );
        assert_eq!(err["caused_by"], err["root_cause"][0]);
        assert_eq!(es.secrets("emb")["api_key"], "sk-old", "nothing stored");
    }

    #[test]
    fn create_and_delete() {
        let es = FakeEs::start();
        let body = r#"{"service":"cohere","service_settings":{"api_key":"k","model_id":"rerank-english-v3.0"},"task_settings":{"top_n":3}}"#;
        let r = send(&es, "PUT", "/_inference/rerank/my-rerank-model", Some(body));
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.json().get("chunking_settings").is_none());
        assert_eq!(
            send(&es, "PUT", "/_inference/rerank/my-rerank-model", Some(body)).reason(),
            "Inference endpoint [my-rerank-model] already exists"
        );
        let r = send(&es, "PUT", "/_inference/sparse_embedding/x", Some(body));
        assert_eq!(
            r.reason(),
            "The [cohere] service does not support task type [sparse_embedding]"
        );
        let r = send(&es, "PUT", "/_inference/text_embedding/.mine", Some(body));
        assert_eq!(
            r.reason(),
            "[.mine] is a reserved inference ID. Cannot create a new inference endpoint with a reserved ID."
        );
        let r = send(
            &es,
            "PUT",
            "/_inference/text_embedding/emb",
            Some(r#"{"service":"openai","service_settings":{"api_key":"k","model_id":"m"}}"#),
        );
        assert_eq!(
            r.json()["chunking_settings"],
            json!({"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1})
        );

        es.add_reference("emb", "pipeline:ingest-a");
        es.add_reference("emb", "index:docs");
        let r = send(&es, "DELETE", "/_inference/emb?dry_run=true", None);
        assert_eq!(r.json()["acknowledged"], false);
        assert_eq!(
            (r.json()["pipelines"].clone(), r.json()["indexes"].clone()),
            (json!(["ingest-a"]), json!(["docs"]))
        );
        let r = send(&es, "DELETE", "/_inference/text_embedding/emb", None);
        assert_eq!(r.status, 409);
        assert!(
            r.reason()
                .starts_with("Inference endpoint emb is referenced by pipelines: [ingest-a]."),
            "{}",
            r.body
        );
        let r = send(&es, "DELETE", "/_inference/text_embedding/emb?force", None);
        assert_eq!(
            r.json(),
            json!({"acknowledged": true, "pipelines": [], "indexes": []})
        );
        assert_eq!(send(&es, "DELETE", "/_inference/emb", None).status, 404);
        es.insert(elser(".elser-2-elasticsearch"));
        let r = send(&es, "DELETE", "/_inference/.elser-2-elasticsearch", None);
        assert_eq!(
            r.reason(),
            "[.elser-2-elasticsearch] is a reserved inference endpoint. Use the force=true query parameter to delete the inference endpoint."
        );
    }

    #[test]
    fn respond_next_auth_and_media_types() {
        let es = FakeEs::with_behavior(Behavior {
            required_authorization: Some("ApiKey abc".into()),
            ..Behavior::default()
        });
        es.respond_next(502, "text/html", "<html>Bad Gateway</html>");
        let r = send(&es, "GET", "/", None);
        assert_eq!(
            (r.status, r.body.as_str(), r.header("content-type")),
            (502, "<html>Bad Gateway</html>", Some("text/html"))
        );
        assert_eq!(r.header("x-elastic-product"), None);
        let r = send(&es, "GET", "/", None);
        assert_eq!(r.status, 401);
        assert_eq!(r.json()["error"]["type"], "security_exception");
        assert!(r.header("www-authenticate").is_some());
        let r = send_with(
            &es,
            "GET",
            "/",
            &[("Authorization", "Basic ZWxhc3RpYzp4")],
            None,
        );
        assert_eq!(
            r.reason(),
            "unable to authenticate user [elastic] for REST request [/]"
        );
        let ok = [("Authorization", "ApiKey abc")];
        assert_eq!(send_with(&es, "GET", "/", &ok, None).status, 200);
        let compat8 = [
            ("Authorization", "ApiKey abc"),
            (
                "Accept",
                "application/vnd.elasticsearch+json; compatible-with=8",
            ),
        ];
        let r = send_with(&es, "GET", "/", &compat8, None);
        assert_eq!(
            r.header("content-type"),
            Some("application/vnd.elasticsearch+json;compatible-with=8")
        );
        let only_accept = [
            ("Authorization", "ApiKey abc"),
            (
                "Accept",
                "application/vnd.elasticsearch+json; compatible-with=9",
            ),
        ];
        let r = send_with(
            &es,
            "PUT",
            "/_inference/rerank/x/_update",
            &only_accept,
            Some("{}"),
        );
        assert!(
            r.reason().starts_with(
                "A compatible version is required on both Content-Type and Accept headers"
            ),
            "{}",
            r.body
        );
        let text = [
            ("Authorization", "ApiKey abc"),
            ("Content-Type", "text/plain"),
        ];
        let r = send_with(
            &es,
            "PUT",
            "/_inference/rerank/x/_update",
            &text,
            Some("{}"),
        );
        assert_eq!(
            r.json(),
            json!({"error": "Content-Type header [text/plain] is not supported", "status": 406})
        );
        let recorded = es.requests();
        assert_eq!(recorded.len(), 7);
        assert_eq!(recorded[0].path, "/");
        assert_eq!(recorded[6].header("Content-Type"), Some("text/plain"));
        assert_eq!(recorded[6].json(), json!({}));
    }

    #[test]
    fn chunked_bodies_and_drop() {
        let es = FakeEs::start();
        es.insert(cohere_rerank("rr"));
        let mut s = TcpStream::connect(es.addr()).unwrap();
        let body = r#"{"task_settings":{"top_n":2}}"#;
        let req = format!(
            "PUT /_inference/rerank/rr/_update HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
            body.len()
        );
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).unwrap();
        assert!(raw.starts_with("HTTP/1.1 200 OK"), "{raw}");
        assert_eq!(es.endpoint("rr").unwrap()["task_settings"]["top_n"], 2);
        let addr = es.addr();
        drop(es);
        assert!(
            TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err(),
            "stopped"
        );
    }

    #[test]
    fn chunking_validation_messages() {
        let cases = [
            (
                json!({"max_chunk_size": 100}),
                "Can't generate Chunker without ChunkingStrategy provided",
            ),
            (
                json!({"strategy": "sentence", "max_chunk_size": 5}),
                "Validation Failed: 1: [chunking_settings] Invalid value [5.0]. [max_chunk_size] must be a greater than or equal to [20.0];",
            ),
            (
                json!({"strategy": "sentence", "max_chunk_size": 50, "sentence_overlap": 2}),
                "Validation Failed: 1: sentence_overlap[2] must be either 0 or 1;",
            ),
            (
                json!({"strategy": "word", "max_chunk_size": 100, "overlap": 60}),
                "Validation Failed: 1: overlap[60] must be less than or equal to half of max chunk size;",
            ),
            (
                json!({"strategy": "word", "max_chunk_size": 100}),
                "Validation Failed: 1: [chunking_settings] does not contain the required setting [overlap];",
            ),
            (
                json!({"strategy": "recursive", "max_chunk_size": 100, "separator_group": "markdown", "separators": ["x"]}),
                "Validation Failed: 1: Recursive chunking settings can not have both separators and separator_set;",
            ),
        ];
        for (input, reason) in cases {
            let err = build_chunking(&input).expect_err("invalid");
            let v: Value = serde_json::from_str(&err.body).unwrap();
            assert_eq!(v["error"]["reason"], reason, "{input}");
        }
        let ok = build_chunking(&json!({"strategy": "recursive", "max_chunk_size": 100})).unwrap();
        assert_eq!(
            ok,
            json!({"strategy": "recursive", "max_chunk_size": 100, "separators": ["\n\n", "\n"]})
        );
        assert_eq!(build_chunking(&json!({})).unwrap(), default_chunking());
    }
}
