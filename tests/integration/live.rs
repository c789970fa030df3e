//! The live lane: the server-versions table (`harness/scenarios.rs`) against a real cluster, opt-in.
//!
//!     INFER_LIVE_URL=https://localhost:9200 INFER_LIVE_API_KEY=... \
//!         cargo test --test integration live -- --ignored --nocapture
//!
//! It creates only its own endpoints, named `infer-live-<pid>-<n>`, and deletes them afterwards.
//! Scenarios need their provider: set `INFER_LIVE_OPENAI_API_KEY`, `INFER_LIVE_COHERE_API_KEY`,
//! `INFER_LIVE_AZURE_API_KEY` (with the endpoint's `resource_name` and `deployment_id` in
//! `INFER_LIVE_AZURE_RESOURCE` and `INFER_LIVE_AZURE_DEPLOYMENT`), `INFER_LIVE_LLAMA_URL` with
//! `INFER_LIVE_LLAMA_API_KEY`, `INFER_LIVE_GROQ_API_KEY`, `INFER_LIVE_JINAAI_API_KEY`,
//! `INFER_LIVE_WATSONX_API_KEY` with `INFER_LIVE_WATSONX_PROJECT`, the OCI set
//! (`INFER_LIVE_OCI_TENANCY`, `_USER`, `_FINGERPRINT`, `_PRIVATE_KEY`, `_COMPARTMENT`), or
//! `INFER_LIVE_ELSER=1` (an ML node that can deploy ELSER). A scenario whose provider is not
//! configured is skipped, and said to be. `INFER_LIVE_CA_CERT` trusts a self-signed cluster.

use serde_json::Value;

use crate::harness::scenarios::{COLUMNS, Scenario, TABLE};
use crate::harness::{Run, infer, run};

const SKIP: &str = "live lane: needs a real cluster; set INFER_LIVE_URL and INFER_LIVE_API_KEY, \
                    then run cargo test --test integration live -- --ignored (CONTRIBUTING.md, The live lane)";

#[test]
#[ignore = "live lane: needs a real cluster; set INFER_LIVE_URL and INFER_LIVE_API_KEY, then run cargo test --test integration live -- --ignored (CONTRIBUTING.md, The live lane)"]
fn scenarios_against_a_live_cluster() {
    let (Ok(url), Ok(key)) = (
        std::env::var("INFER_LIVE_URL"),
        std::env::var("INFER_LIVE_API_KEY"),
    ) else {
        panic!("the live lane was asked for, but is not configured: {SKIP}");
    };
    let live = Live { url, key };
    let column = live.column();
    eprintln!(
        "live lane: {} is the '{}' column",
        live.url, COLUMNS[column]
    );
    let mut failures = Vec::new();
    for (n, scenario) in TABLE.iter().enumerate() {
        let id = format!("infer-live-{}-{n}", std::process::id());
        let Some(secrets) = provider(scenario) else {
            eprintln!(
                "live lane: skipped '{}': its provider is not configured",
                scenario.name
            );
            continue;
        };
        if let Err(e) = live.create(&id, scenario, &secrets) {
            failures.push(format!("{}: could not create {id}: {e}", scenario.name));
            continue;
        }
        let out = live.update(&id, scenario);
        let expect = scenario.expect[column];
        if out.code != expect.code || !out.stderr.contains(expect.stderr) {
            failures.push(format!(
                "{}: expected exit {} with {:?}, got exit {}:\n{}",
                scenario.name, expect.code, expect.stderr, out.code, out.stderr
            ));
        }
        live.delete(&id);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

struct Live {
    url: String,
    key: String,
}

impl Live {
    fn infer(&self) -> assert_cmd::Command {
        let mut cmd = infer();
        cmd.env("ES_URL", &self.url).env("ES_API_KEY", &self.key);
        if let Ok(ca) = std::env::var("INFER_LIVE_CA_CERT") {
            cmd.env("ES_CA_CERT", ca);
        }
        cmd
    }

    /// The table's column for this server's version.
    fn column(&self) -> usize {
        let out = run(self.infer().args(["check", "--json"]));
        let report: Value = serde_json::from_str(&out.stdout).unwrap_or_default();
        if report["flavor"] == "serverless" {
            return 4;
        }
        let version = report["version"].as_str().unwrap_or("0.0");
        let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        match (parts.next().unwrap_or(0), parts.next().unwrap_or(0)) {
            (8, _) => 0,
            (9, 0..=2) => 1,
            (9, 3..=4) => 2,
            (9, 5) => 3,
            _ => 4,
        }
    }

    fn create(
        &self,
        id: &str,
        scenario: &Scenario,
        secrets: &[(String, String)],
    ) -> Result<(), String> {
        let mut endpoint = (scenario.endpoint)(id);
        let settings = endpoint["service_settings"]
            .as_object_mut()
            .ok_or("no service_settings")?;
        // The cluster deploys the model for the endpoint itself.
        for name in [
            "api_key",
            "client_secret",
            "entra_id",
            "deployment_id",
            "tenancy_id",
            "user_id",
            "fingerprint",
            "private_key",
        ] {
            settings.shift_remove(name);
        }
        for (key, value) in secrets.iter().filter(|(k, _)| !k.starts_with("secret:")) {
            settings.insert(key.clone(), Value::String(value.clone()));
        }
        let mut cmd = self.infer();
        cmd.args(["create", id, "--settings", "-"])
            .write_stdin(endpoint.to_string());
        for (key, value) in secrets
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("secret:")?, v)))
        {
            let var = format!("INFER_LIVE_SECRET_{}", key.to_ascii_uppercase());
            cmd.env(&var, value)
                .arg("--secret-env")
                .arg(format!("{key}={var}"));
        }
        let out = run(&mut cmd);
        if out.code == 0 {
            Ok(())
        } else {
            Err(out.stderr)
        }
    }

    fn update(&self, id: &str, scenario: &Scenario) -> Run {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (name, text) in scenario.files {
            std::fs::write(dir.path().join(name), text).expect("a scenario's file");
        }
        let folder = dir.path().display().to_string();
        let mut cmd = self.infer();
        cmd.args(["update", id])
            .args(scenario.args.iter().map(|a| a.replace("{dir}", &folder)));
        for (name, value) in scenario.env {
            cmd.env(name, value);
        }
        run(&mut cmd)
    }

    fn delete(&self, id: &str) {
        let _ = run(self.infer().args(["delete", id, "--yes", "--force"]));
    }
}

/// The settings and secrets a scenario's endpoint needs on a real cluster (`secret:NAME` for a
/// secret), or `None` when its provider is not configured.
fn provider(scenario: &Scenario) -> Option<Vec<(String, String)>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let service = (scenario.endpoint)("x")["service"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    Some(match service.as_str() {
        "openai" => vec![("secret:api_key".into(), var("INFER_LIVE_OPENAI_API_KEY")?)],
        "cohere" => vec![("secret:api_key".into(), var("INFER_LIVE_COHERE_API_KEY")?)],
        "azureopenai" => vec![
            ("secret:api_key".into(), var("INFER_LIVE_AZURE_API_KEY")?),
            ("resource_name".into(), var("INFER_LIVE_AZURE_RESOURCE")?),
            ("deployment_id".into(), var("INFER_LIVE_AZURE_DEPLOYMENT")?),
        ],
        "llama" => vec![
            ("url".into(), var("INFER_LIVE_LLAMA_URL")?),
            ("secret:api_key".into(), var("INFER_LIVE_LLAMA_API_KEY")?),
        ],
        "groq" => vec![("secret:api_key".into(), var("INFER_LIVE_GROQ_API_KEY")?)],
        "jinaai" => vec![("secret:api_key".into(), var("INFER_LIVE_JINAAI_API_KEY")?)],
        "watsonxai" => vec![
            ("secret:api_key".into(), var("INFER_LIVE_WATSONX_API_KEY")?),
            ("project_id".into(), var("INFER_LIVE_WATSONX_PROJECT")?),
        ],
        "ocigenai" => vec![
            ("secret:tenancy_id".into(), var("INFER_LIVE_OCI_TENANCY")?),
            ("secret:user_id".into(), var("INFER_LIVE_OCI_USER")?),
            (
                "secret:fingerprint".into(),
                var("INFER_LIVE_OCI_FINGERPRINT")?,
            ),
            (
                "secret:private_key".into(),
                var("INFER_LIVE_OCI_PRIVATE_KEY")?,
            ),
            ("compartment_id".into(), var("INFER_LIVE_OCI_COMPARTMENT")?),
        ],
        "elasticsearch" => {
            var("INFER_LIVE_ELSER")?;
            Vec::new()
        }
        _ => return None,
    })
}
