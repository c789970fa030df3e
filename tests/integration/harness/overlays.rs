//! Two clusters, `staging` and `prod`, each a fake named by a profile of one config file, and a
//! file of endpoints with values per profile: what the tests of per-environment values start
//! from.

use crate::fake_es::{Behavior, FakeEs};
use assert_cmd::Command;
use std::path::PathBuf;

/// Three endpoints: `my-elser` with a count of allocations, which `prod` swaps for adaptive
/// allocations (a `null` removes the count there); `openai-embeddings`, whose key and rate
/// limit differ in `prod`; `staging-only`, in the `staging` cluster only.
pub const OVERLAID: &str = r#"
- inference_id: my-elser
  task_type: sparse_embedding
  service: elasticsearch
  service_settings:
    model_id: .elser_model_2
    num_threads: 1
    num_allocations: 1
  environments:
    prod:
      service_settings:
        num_allocations: null
        adaptive_allocations: {enabled: true, min_number_of_allocations: 2, max_number_of_allocations: 8}
- inference_id: openai-embeddings
  task_type: text_embedding
  service: openai
  service_settings:
    model_id: text-embedding-3-small
    api_key: env:OPENAI_API_KEY
    rate_limit: {requests_per_minute: 500}
  environments:
    prod:
      service_settings: {api_key: env:PROD_OPENAI_API_KEY, rate_limit: {requests_per_minute: 3000}}
  profiles: [staging, prod]
- inference_id: staging-only
  task_type: rerank
  service: cohere
  service_settings: {model_id: rerank-english-v3.0, api_key: env:COHERE_KEY}
  profiles: [staging]
"#;

/// The provider keys each cluster gets (the staging ones are never needed for `prod`).
pub const STAGING_KEY: &str = "sk-staging-key-4417";
pub const PROD_KEY: &str = "sk-prod-key-8821";
pub const COHERE_KEY: &str = "co-staging-key-3303";

/// Two empty clusters, and a config file with a profile for each.
pub struct Clusters {
    pub staging: FakeEs,
    pub prod: FakeEs,
    pub config: PathBuf,
    _dir: tempfile::TempDir,
}

pub fn staging_and_prod() -> Clusters {
    let staging = FakeEs::with_behavior(Behavior::current());
    let prod = FakeEs::with_behavior(Behavior::current());
    let (dir, config) = crate::harness::config_file(
        &format!(
            "[profiles.staging]\nurl = \"{}\"\n\n[profiles.prod]\nurl = \"{}\"\n",
            staging.url(),
            prod.url()
        ),
        0o600,
    );
    Clusters {
        staging,
        prod,
        config,
        _dir: dir,
    }
}

impl Clusters {
    /// `infer --profile PROFILE`, with the provider keys of that cluster's environment only.
    pub fn infer(&self, profile: &str) -> Command {
        let mut cmd = crate::harness::infer();
        cmd.env("INFER_CONFIG", &self.config)
            .args(["--profile", profile]);
        match profile {
            "prod" => cmd.env("PROD_OPENAI_API_KEY", PROD_KEY),
            _ => cmd
                .env("OPENAI_API_KEY", STAGING_KEY)
                .env("COHERE_KEY", COHERE_KEY),
        };
        cmd
    }
}
