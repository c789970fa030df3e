//! A stateful fake of the Elasticsearch inference API for `infer`'s tests and benchmark.
//!
//! Each rule names the Elasticsearch source it follows (a file of `elastic/elasticsearch`, or a
//! PR or issue number there). Texts that could not be checked are marked "approximate", rules
//! without a source "(unverified)".
//!
//! Transport: HTTP/1.1 on 127.0.0.1, one accept thread, one thread per connection, one request per
//! connection (`Connection: close`). Only `std` and `serde_json`.

#![allow(dead_code)]

mod catalog;
mod chunking;
mod echo;
mod errors;
mod extra;
mod faults;
mod hostile;
mod http;
mod perform;
mod routes;
mod security;
mod service_updates;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_update;
mod writes;

use catalog::{TASK_TYPES, frozen_service_settings, is_in_cluster, take_secrets};
use chunking::build_chunking;
pub use echo::Echo;
use errors::Reply;
pub use faults::Fault;
pub use hostile::{Hostile, HostileServer};
use http::{HttpRequest, accept_loop};
use routes::{compat_version, dispatch};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

type Obj = Map<String, Value>;

// ---------------------------------------------------------------------------------------------
// Server behaviour per version
// ---------------------------------------------------------------------------------------------

/// Which services read an explicit `null` in an update's `service_settings` as "reset or clear".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NullResets {
    /// `null` means "not given" everywhere: the stored value stays (8.17 to 9.4).
    Never,
    /// Only Llama's update parser declares its fields nullable (#151766, in the 9.5.0 bundle).
    LlamaOnly,
    /// Every update parser that declares its fields with `StatefulValue.declareNullable`
    /// (`service_updates::nullable`): llama, ai21, groq, watsonxai, alibabacloud-ai-search,
    /// jinaai, tencentcloud, ocigenai, elastic, elasticsearch/elser, hugging_face.
    NullableParsers,
}

/// How the fake server behaves; build one from a version constructor and adjust fields.
#[derive(Clone, Debug)]
pub struct Behavior {
    /// Reported by `GET /`; its major version also bounds `compatible-with`
    /// (`RestCompatibleVersionHelper.java`).
    pub version: String,
    /// #149723: `chunking_settings` allowed in an update body; otherwise it is a "cannot be updated" 400.
    pub accepts_chunking_in_update: bool,
    /// #139574 (fixed by #141687 on 9.2, #141682 on 9.3+, #140003 on main): an update without
    /// `chunking_settings` resets an embedding endpoint's chunking to word/250/100.
    pub resets_chunking_on_update: bool,
    /// #149430 (`TransportUpdateInferenceModelAction.validateConsumedUpdateSettings`): unknown
    /// settings keys are a 400; otherwise silently dropped (#139651).
    pub rejects_unknown_keys: bool,
    /// Before #149628 (`DefaultSecretSettings.newSecretSettings`): any non-empty
    /// `service_settings` in an update must repeat the secret.
    pub requires_secret_with_service_settings: bool,
    /// #152179 (9.5.0): `?timeout=` accepted on update.
    pub accepts_timeout_param: bool,
    /// `RestUpdateInferenceModelAction.java` before #121231: the one-segment update path always
    /// answers 400.
    pub one_segment_update_broken: bool,
    /// Dotted paths (`service_settings.num_threads`) an update accepts with 200 but silently keeps
    /// unchanged (`ServiceSettings.updateServiceSettings` default, #140082; #137129; #139651).
    pub ignored_fields: Vec<String>,
    /// 9.5+ per-service update parsers (#146242, #147597, #147250, …) and the leftover check
    /// (`TransportUpdateInferenceModelAction.validateConsumedUpdateSettings`): an update consumes
    /// only the keys its service and task type may change (`service_updates::update_keys`);
    /// anything left is a 400 (`Configuration contains settings [..] unknown to the [svc]
    /// service`, or `[1:2] [service_settings] unknown field [k]` from a strict parser, #157900).
    /// Nested objects are replaced by top-level key.
    pub rejects_leftover_keys: bool,
    /// Who reads an explicit `null` in an update as a reset (`rate_limit` → the service default)
    /// or a clear (any other key).
    pub null_resets: NullResets,
    /// `ElasticsearchInternalServiceSettings.Update` (`elasticsearch`/`elser`): a strict parser
    /// wanting exactly one of `num_allocations` and `adaptive_allocations`, the one sent
    /// replacing the other; `num_threads` cannot be updated. Off on 9.5, where both may be sent
    /// together (`InferenceUpdateElasticsearchInternalServiceModelIT`, older parser).
    pub one_allocation_style: bool,
    /// #150368: `Default endpoint [id] cannot be updated` for an existing id starting with `.`;
    /// the id's syntax is no longer checked on update.
    pub preconfigured_rule: bool,
    /// #149628: the kind of secret cannot change on update (Azure OpenAI, OpenAI OAuth2), AWS
    /// keys rotate together.
    pub checks_secret_kind: bool,
    /// The services and task types of the newest servers: `elastic`, `ocigenai`,
    /// `tencentcloud`, watsonxai `rerank`, hugging_face `sparse_embedding` (each service's
    /// `SUPPORTED_TASK_TYPES`, `InferenceGetServicesIT`).
    pub new_services: bool,
    /// Services described only by a `_inference/_services` catalogue entry
    /// (`{"service", "name", "task_types", "configurations": {KEY or DOTTED.KEY: {"sensitive",
    /// "updatable", "required", "supported_task_types", …}}}`), e.g. [`acme_service`]. Listed in
    /// `_services`, creatable, updatable by their flags (`extra.rs`).
    pub extra_services: Vec<Value>,
    /// #115233: GET and update responses report this live `num_allocations` for
    /// `elasticsearch`/`elser` endpoints. Unset, an endpoint with adaptive allocations enabled
    /// shows its stored `num_allocations`, else `max(min_number_of_allocations, 1)`.
    pub live_num_allocations: Option<u64>,
    /// When set, any request whose `Authorization` header differs gets a 401 `security_exception`.
    pub required_authorization: Option<String>,
    /// A create or update whose resulting `api_key` is this value fails the provider validation
    /// call (#140003, `ModelValidatorBuilder`). Applies to every version (a test knob).
    pub rejected_api_key: Option<String>,
    /// #114457 example: 8.17-era responses show `"task_settings": {}`; newer ones omit it when
    /// empty.
    pub empty_task_settings_shown: bool,
    /// 8.17 (`TransportUpdateInferenceModelAction`, ES@2afb4b65): an update of an
    /// `elasticsearch`/`elser` endpoint must carry an integer `service_settings.num_allocations`,
    /// even when it only changes `task_settings`.
    pub requires_num_allocations_in_update: bool,
    /// Security on: `_security/_authenticate` and `_has_privileges` answer; off, they fail
    /// as a cluster without security does.
    pub security_enabled: bool,
    /// The cluster privileges `_has_privileges` grants (the others are reported missing).
    pub granted_cluster_privileges: Vec<String>,
    /// An in-cluster deployment reports its allocations after this many stats polls; `None`:
    /// never (it stays "starting").
    pub deployment_scales_after: Option<u32>,
    /// Every perform-inference call answers the provider's 429 "quota exceeded".
    pub inference_quota_exhausted: bool,
    /// Every answer waits this long first (the benchmark's slow server; requests are still
    /// served concurrently).
    pub latency: Option<Duration>,
    /// Keep no log of requests (`requests()` stays empty): the standalone
    /// server serves until killed, and a log of 10 MB bodies would grow
    /// without end and slow every later request of a benchmark.
    pub forgets_requests: bool,
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
            // ServiceSettings.java (ES@0f08cb61): the default updateServiceSettings returned the
            // settings unchanged; only secrets and num_allocations could change.
            ignored_fields: frozen_service_settings(&["num_allocations"]),
            rejects_leftover_keys: false,
            null_resets: NullResets::Never,
            one_allocation_style: false,
            preconfigured_rule: false,
            checks_secret_kind: false,
            new_services: false,
            extra_services: vec![],
            live_num_allocations: None,
            required_authorization: None,
            rejected_api_key: None,
            empty_task_settings_shown: true,
            requires_num_allocations_in_update: true,
            security_enabled: true,
            granted_cluster_privileges: vec!["manage_inference".into(), "monitor_inference".into()],
            deployment_scales_after: Some(0),
            inference_quota_exhausted: false,
            latency: None,
            forgets_requests: false,
        }
    }

    /// 9.2.0 (without the #141687 backport): chunking reset, silent unknown keys, secret required,
    /// no `timeout`, no chunking in the body, `service_settings` frozen except `num_allocations`
    /// (per-service support arrived in 2026, #140082; `num_threads` kept, #137129).
    pub fn v9_2() -> Self {
        Behavior {
            version: "9.2.0".into(),
            one_segment_update_broken: false,
            empty_task_settings_shown: false,
            requires_num_allocations_in_update: false,
            ..Self::v8_17()
        }
    }

    /// 9.4.0: 9.2 with the chunking reset fixed (#141682). Still before #149723 (no chunking in
    /// an update), #149430 (unknown keys dropped), #149628 (secret required with other
    /// settings), #152179 (no `timeout`), and the per-service update PRs (#146242 to #147597,
    /// after the 9.4.0 bundle): non-updatable `service_settings` keys are kept silently.
    pub fn v9_4() -> Self {
        Behavior {
            version: "9.4.0".into(),
            resets_chunking_on_update: false,
            ..Self::v9_2()
        }
    }

    /// 9.5.0: per-service update keys with the leftover-key 400, strict parsers, unknown
    /// `task_settings` keys rejected (#149430), chunking in the update body (#149723),
    /// `?timeout=` (#152179), optional secrets and the secret-kind rule (#149628); `null`
    /// resets only on Llama (#151766); both allocation keys accepted together. Nothing is
    /// ignored silently any more.
    pub fn v9_5() -> Self {
        Behavior {
            version: "9.5.0".into(),
            accepts_chunking_in_update: true,
            resets_chunking_on_update: false,
            rejects_unknown_keys: true,
            requires_secret_with_service_settings: false,
            accepts_timeout_param: true,
            one_segment_update_broken: false,
            ignored_fields: vec![],
            rejects_leftover_keys: true,
            null_resets: NullResets::LlamaOnly,
            one_allocation_style: false,
            preconfigured_rule: false,
            checks_secret_kind: true,
            new_services: false,
            empty_task_settings_shown: false,
            requires_num_allocations_in_update: false,
            ..Self::v8_17()
        }
    }

    /// The newest behaviour (main after mid-2026), reported as 9.6.0: 9.5 plus the nullable
    /// update parsers (`StatefulValue.declareNullable`), the in-cluster allocation parser
    /// (`ElasticsearchInternalServiceSettings.Update`), `Default endpoint [..] cannot be
    /// updated` (#150368) and the new services and task types.
    pub fn current() -> Self {
        Behavior {
            version: "9.6.0".into(),
            null_resets: NullResets::NullableParsers,
            one_allocation_style: true,
            preconfigured_rule: true,
            new_services: true,
            ..Self::v9_5()
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
        Self::on_port(behavior, 0).expect("fake_es: bind 127.0.0.1:0")
    }

    /// A server on 127.0.0.1:`port` (0: any free port), for the example a
    /// person starts; `Err` when the port cannot be had.
    pub fn on_port(behavior: Behavior, port: u16) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let inner = Arc::new(Inner {
            behavior,
            state: Mutex::new(State {
                cluster_uuid: format!("fake-cluster-{}", addr.port()),
                ..State::default()
            }),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (inner, stop) = (Arc::clone(&inner), Arc::clone(&stop));
            std::thread::Builder::new()
                .name("fake-es-accept".into())
                .spawn(move || accept_loop(listener, inner, stop))
                .expect("fake_es: spawn accept thread")
        };
        Ok(FakeEs {
            addr,
            inner,
            stop,
            accept: Some(accept),
        })
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
        let ep = endpoint_from_fixture(&self.inner.behavior, endpoint);
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
        if TcpStream::connect_timeout(&self.addr, Duration::from_secs(1)).is_ok()
            && let Some(handle) = self.accept.take()
        {
            let _ = handle.join();
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

/// An OCI Generative AI `text_embedding` endpoint (`ocigenai/OciGenAiSecretSettings.java`: four
/// secrets). Its service exists only where `Behavior::new_services` is on, but `insert` takes it
/// on any version.
pub fn ocigenai_embedding(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "text_embedding", "service": "ocigenai",
        "service_settings": {
            "tenancy_id": "ocid1.tenancy.oc1..aaaa", "user_id": "ocid1.user.oc1..bbbb",
            "fingerprint": "12:34:56:78:9a:bc:de:f0", "private_key": OCI_TEST_KEY,
            "region": "us-chicago-1", "compartment_id": "ocid1.compartment.oc1..cccc",
            "model_id": "cohere.embed-english-v3.0", "rate_limit": {"requests_per_minute": 60}
        }
    })
}

/// A made-up PKCS#8 PEM key (its body is not a real key; the fake only checks the armour).
pub const OCI_TEST_KEY: &str = "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n";

/// Every service the newest server offers, with its task types.
pub fn newest_services() -> Vec<(&'static str, &'static [&'static str])> {
    catalog::newest_services()
}

/// The catalogue entry of a made-up service `acme` (text_embedding, rerank), for
/// `Behavior::extra_services`: its secrets have names that do not look secret, so only the
/// catalogue's `sensitive` flags tell. `credential` (sensitive, required, updatable),
/// `auth.signature` (sensitive, updatable), `model_id` (required, not updatable),
/// `rate_limit.requests_per_minute` (updatable).
pub fn acme_service() -> Value {
    let tts = json!(["text_embedding", "rerank"]);
    let field = |label: &str,
                 desc: &str,
                 ty: &str,
                 required: bool,
                 sensitive: bool,
                 updatable: bool| {
        json!({"description": desc, "label": label, "required": required, "sensitive": sensitive,
            "updatable": updatable, "type": ty, "supported_task_types": tts})
    };
    json!({"service": "acme", "name": "Acme", "task_types": tts, "configurations": {
        "credential": field("Credential", "The credential Acme issued to you.", "str", true, true, true),
        "auth.signature": field("Signature", "The request-signing value.", "str", false, true, true),
        "model_id": field("Model ID", "The name of the model to use for the inference task.", "str", true, false, false),
        "rate_limit.requests_per_minute": field("Rate Limit", "Number of requests allowed per minute.", "int", false, false, true),
    }})
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
    faults: VecDeque<Fault>,
    aimed: Vec<faults::Aimed>,
    /// Whether the fake has gone down (`FakeEs::down_at_write`).
    down: faults::Down,
    references: BTreeMap<String, BTreeSet<String>>,
    /// Stats polls per deployment since its endpoint was last written.
    stats_polls: BTreeMap<String, u32>,
    /// Quote every request back (`echo.rs`).
    echo: Option<Echo>,
    /// The `cluster_uuid` `GET /` answers (`MainResponse.java`): one per
    /// fake, whatever URL reaches it.
    cluster_uuid: String,
}

struct Inner {
    behavior: Behavior,
    state: Mutex<State>,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn record(&self, req: &HttpRequest) {
        if self.behavior.forgets_requests {
            return;
        }
        self.lock().requests.push(Recorded {
            method: req.method.clone(),
            path: req.target.clone(),
            headers: req.headers.clone(),
            body: String::from_utf8_lossy(&req.body).into_owned(),
        });
    }

    fn handle(&self, req: &HttpRequest) -> Reply {
        if let Some(pause) = self.behavior.latency {
            std::thread::sleep(pause);
        }
        self.record(req);
        let mut st = self.lock();
        if let Some(canned) = st.canned.pop_front() {
            return canned;
        }
        let reply = match dispatch(&self.behavior, &mut st, req) {
            Ok(r) | Err(r) => r,
        };
        drop(st);
        let mut reply = self.echoed(req, reply);
        if reply.content_type == "application/json" {
            // ES answers in the compatible media type that was asked for.
            if let Some(v) = req.header("accept").and_then(compat_version) {
                reply.content_type =
                    format!("application/vnd.elasticsearch+json;compatible-with={v}");
            }
            if req.param("pretty").is_some_and(|p| p != "false")
                && let Ok(v) = serde_json::from_str::<Value>(&reply.body)
            {
                reply.body = serde_json::to_string_pretty(&v).unwrap_or_default() + "\n";
            }
        }
        reply
    }
}

fn endpoint_from_fixture(b: &Behavior, v: Value) -> Endpoint {
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
    let secrets = match extra::find(b, &service) {
        Some(e) => extra::take_secrets(e, &task_type, &mut service_settings),
        None => take_secrets(&service, &mut service_settings),
    };
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

/// `ModelConfigurations.toFilteredXContent`: the filtered view; secrets never appear.
fn render(b: &Behavior, e: &Endpoint) -> Value {
    let mut out = Obj::new();
    out.insert("inference_id".into(), json!(e.id));
    out.insert("task_type".into(), json!(e.task_type));
    out.insert("service".into(), json!(e.service));
    let mut ss = e.service_settings.clone();
    if is_in_cluster(&e.service)
        && let Some(n) = live_allocations(b, &ss)
    {
        ss.insert("num_allocations".into(), json!(n));
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

/// #115233: GET shows the live `num_allocations` of the running deployment: the
/// `live_num_allocations` knob when set; with adaptive allocations enabled and no knob, the stored
/// count if any, else `max(min_number_of_allocations, 1)` (what the deployment scales to at
/// rest). `None`: show what is stored.
fn live_allocations(b: &Behavior, ss: &Obj) -> Option<u64> {
    if b.live_num_allocations.is_some() {
        return b.live_num_allocations;
    }
    let adaptive = ss.get("adaptive_allocations")?;
    if adaptive.get("enabled") != Some(&Value::Bool(true)) {
        return None;
    }
    ss.get("num_allocations")
        .and_then(Value::as_u64)
        .or_else(|| {
            let min = adaptive
                .get("min_number_of_allocations")
                .and_then(Value::as_u64);
            Some(min.unwrap_or(0).max(1))
        })
}
