//! Three clusters, `staging`, `prod` and `dev`, each a fake that answers only its own
//! Elasticsearch API key, named by a profile of one config file; and a file of endpoints with
//! values per profile: what the tests of `plan`, `apply` and `rotate` on several clusters start
//! from.

use crate::fake_es::{Behavior, FakeEs};
use crate::harness::{Run, arg, run};
use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Four endpoints: `my-elser`, one allocation in dev, two in staging, adaptive allocations in
/// prod (a `null` removes the count there); `openai-embeddings` in staging and prod, prod with
/// its own key and rate limit; `dev-rerank` in dev only; `shared-rerank` everywhere, alike.
pub const THREE: &str = r#"
- inference_id: my-elser
  task_type: sparse_embedding
  service: elasticsearch
  service_settings: {model_id: .elser_model_2, num_threads: 1, num_allocations: 1}
  environments:
    staging: {service_settings: {num_allocations: 2}}
    prod: {service_settings: {num_allocations: null, adaptive_allocations: {enabled: true,
      min_number_of_allocations: 2, max_number_of_allocations: 8}}}
- inference_id: openai-embeddings
  task_type: text_embedding
  service: openai
  service_settings: {model_id: text-embedding-3-small, api_key: env:OPENAI_API_KEY, rate_limit: {requests_per_minute: 500}}
  profiles: [staging, prod]
  environments:
    prod: {service_settings: {api_key: env:PROD_OPENAI_API_KEY, rate_limit: {requests_per_minute: 3000}}}
- {inference_id: dev-rerank, task_type: rerank, service: cohere, profiles: [dev],
   service_settings: {model_id: rerank-english-v3.0, api_key: env:COHERE_KEY}}
- {inference_id: shared-rerank, task_type: rerank, service: cohere,
   service_settings: {model_id: rerank-english-v3.0, api_key: env:COHERE_KEY}}
"#;

/// The provider keys: OpenAI's for staging, prod's own, Cohere's for every cluster.
pub const OPENAI_KEY: &str = "sk-shared-openai-5150";
pub const PROD_OPENAI_KEY: &str = "sk-prod-only-openai-9931";
pub const COHERE_KEY: &str = "co-shared-cohere-2207";

/// Each cluster's own Elasticsearch API key, and the one in `ES_API_KEY`, which none answers.
pub const STAGING_ES_KEY: &str = "es-staging-key-1201";
pub const PROD_ES_KEY: &str = "es-prod-key-3402";
pub const DEV_ES_KEY: &str = "es-dev-key-5603";
pub const ENV_ES_KEY: &str = "es-env-key-never-sent-7704";

/// A fake that answers only `key`.
pub fn guarded(key: &str) -> FakeEs {
    FakeEs::with_behavior(Behavior {
        required_authorization: Some(format!("ApiKey {key}")),
        ..Behavior::current()
    })
}

/// Three empty clusters, a config file with a profile for each (its key from its own
/// variable), the file [`THREE`], and a fake at `ES_URL` that no run should reach.
pub struct Three {
    pub staging: FakeEs,
    pub prod: FakeEs,
    pub dev: FakeEs,
    pub elsewhere: FakeEs,
    pub config: PathBuf,
    dir: tempfile::TempDir,
    /// The port of a cluster that cannot be reached, kept from other servers.
    reserved: Option<socket2::Socket>,
}

/// `staging`, `prod` and `dev`, each reachable.
pub fn three() -> Three {
    three_with(None)
}

/// Like [`three`], with `prod` at a port where nothing listens (reserved while the clusters
/// live, so no other server can take it); and that URL.
pub fn three_prod_closed() -> (Three, String) {
    // Bound and never listening: a connection is refused.
    let socket =
        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("socket");
    let any: std::net::SocketAddr = "127.0.0.1:0".parse().expect("address");
    socket.bind(&any.into()).expect("bind");
    let port = socket
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .expect("port")
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let mut t = three_with(Some(&url));
    t.reserved = Some(socket);
    (t, url)
}

fn three_with(prod_url: Option<&str>) -> Three {
    let (staging, prod, dev) = (
        guarded(STAGING_ES_KEY),
        guarded(PROD_ES_KEY),
        guarded(DEV_ES_KEY),
    );
    let prod_url = prod_url.map_or_else(|| prod.url(), str::to_string);
    let text: String = [
        ("staging", staging.url(), "STAGING_ES_KEY"),
        ("prod", prod_url, "PROD_ES_KEY"),
        ("dev", dev.url(), "DEV_ES_KEY"),
    ]
    .iter()
    .map(|(name, url, var)| {
        format!("[profiles.{name}]\nurl = \"{url}\"\napi_key = \"env:{var}\"\n\n")
    })
    .collect();
    let (dir, config) = crate::harness::config_file(&text, 0o600);
    let t = Three {
        staging,
        prod,
        dev,
        elsewhere: guarded(ENV_ES_KEY),
        config,
        dir,
        reserved: None,
    };
    t.variant("endpoints.yaml", THREE);
    t
}

impl Three {
    /// The path of the file [`THREE`], as an argument.
    pub fn f(&self) -> String {
        arg(&self.dir.path().join("endpoints.yaml"))
    }

    /// Another file of endpoints, `name` holding `text`; its path as an argument.
    pub fn variant(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write endpoints");
        arg(&path)
    }

    /// `infer` with the config file, every cluster's key and every provider key in the
    /// environment, and `ES_URL`/`ES_API_KEY` naming another cluster (never to be used).
    pub fn infer(&self) -> Command {
        let mut cmd = crate::harness::infer();
        cmd.env("INFER_CONFIG", &self.config)
            .env("STAGING_ES_KEY", STAGING_ES_KEY)
            .env("PROD_ES_KEY", PROD_ES_KEY)
            .env("DEV_ES_KEY", DEV_ES_KEY)
            .env("ES_URL", self.elsewhere.url())
            .env("ES_API_KEY", ENV_ES_KEY)
            .env("OPENAI_API_KEY", OPENAI_KEY)
            .env("PROD_OPENAI_API_KEY", PROD_OPENAI_KEY)
            .env("COHERE_KEY", COHERE_KEY);
        cmd
    }

    /// `infer ARGS`, as [`Three::infer`] runs it.
    pub fn run(&self, args: &[&str]) -> Run {
        run(self.infer().args(args))
    }

    /// `infer ARGS --profile P…`, one `--profile` for each of `profiles`.
    pub fn on(&self, profiles: &[&str], args: &[&str]) -> Run {
        let mut cmd = self.infer();
        cmd.args(args);
        profiles.iter().for_each(|p| {
            cmd.args(["--profile", p]);
        });
        run(&mut cmd)
    }

    /// The fake of `profile`.
    pub fn fake(&self, profile: &str) -> &FakeEs {
        match profile {
            "staging" => &self.staging,
            "prod" => &self.prod,
            "dev" => &self.dev,
            other => panic!("no cluster {other}"),
        }
    }

    /// The three fakes with their profile and key.
    pub fn each(&self) -> [(&'static str, &FakeEs, &'static str); 3] {
        [
            ("staging", &self.staging, STAGING_ES_KEY),
            ("prod", &self.prod, PROD_ES_KEY),
            ("dev", &self.dev, DEV_ES_KEY),
        ]
    }

    /// No cluster received a write, and the one at `ES_URL` nothing at all.
    pub fn nothing_written(&self) {
        for (name, es, _) in self.each() {
            assert!(es.writes().is_empty(), "{name} written: {:?}", es.writes());
        }
        assert!(self.elsewhere.requests().is_empty(), "ES_URL was used");
    }

    /// No cluster received a request at all.
    pub fn nothing_sent(&self) {
        for (name, es, _) in self.each() {
            assert!(
                es.requests().is_empty(),
                "{name} was sent {:?}",
                es.requests()
            );
        }
        assert!(self.elsewhere.requests().is_empty(), "ES_URL was used");
    }

    /// Every request each cluster received carried its own key, and `ES_URL` got none.
    pub fn each_its_own_key(&self) {
        for (name, es, key) in self.each() {
            let wanted = format!("ApiKey {key}");
            let other = es
                .requests()
                .into_iter()
                .find(|r| r.header("authorization") != Some(wanted.as_str()));
            assert!(
                other.is_none(),
                "{name} was sent another credential: {other:?}"
            );
        }
        assert!(self.elsewhere.requests().is_empty(), "ES_URL was used");
    }

    /// `staging (http://127.0.0.1:PORT/)`, as infer names the cluster of `profile`.
    pub fn named(&self, profile: &str) -> String {
        format!("{profile} ({})", self.url_of(profile))
    }

    /// The URL of the cluster of `profile`, as infer shows it (with its `/`).
    pub fn url_of(&self, profile: &str) -> String {
        format!("{}/", self.fake(profile).url())
    }
}

/// The elements of a JSON array (none for anything else).
fn elements(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

/// The sections of a report on several clusters: `(profile, exit_code)` in order.
pub fn sections(report: &Value) -> Vec<(String, u64)> {
    assert!(report["clusters"].is_array(), "no clusters: {report}");
    let pair = |s: &Value| {
        (
            s["profile"].as_str().map(str::to_string),
            s["exit_code"].as_u64(),
        )
    };
    elements(&report["clusters"])
        .iter()
        .map(pair)
        .map(|(p, c)| (p.unwrap_or_default(), c.unwrap_or(999)))
        .collect()
}

/// The section of `profile`.
pub fn section<'r>(report: &'r Value, profile: &str) -> &'r Value {
    let found = elements(&report["clusters"])
        .iter()
        .find(|s| s["profile"] == profile);
    found.unwrap_or_else(|| panic!("no section {profile}: {report}"))
}

/// The items (or outcomes) of a section's report, by id.
pub fn by_id(section: &Value) -> BTreeMap<String, Value> {
    assert!(section["report"].is_array(), "no report: {section}");
    let keyed = |i: &Value| {
        (
            i["inference_id"].as_str().unwrap_or_default().to_string(),
            i.clone(),
        )
    };
    elements(&section["report"]).iter().map(keyed).collect()
}
