//! What `--wait` and `--probe` do once a write has been verified: wait for
//! an in-cluster deployment to scale, and prove the endpoint answers. Every
//! failure here says that the write itself was applied.

use anyhow::Result;
use serde_json::Value;
use std::time::Duration;

use crate::api::{self, TaskType};
use crate::cli::WaitArgs;
use crate::client::Client;
use crate::error::Error;
use crate::ops::probe::{self, Probe};
use crate::ops::wait::{self, Target};
use crate::output::Ui;
use crate::services;

const DEFAULT_WAIT: Duration = Duration::from_secs(300);

/// `--wait`'s time limit, checked before anything is written.
pub fn wait_limit(args: &WaitArgs, curl: bool) -> Result<Option<Duration>> {
    if !args.wait {
        return Ok(None);
    }
    if curl {
        return Err(Error::usage(
            "--wait watches the deployment after a write, and --curl writes nothing: leave \
             one out",
        ));
    }
    match &args.wait_timeout {
        Some(text) => api::parse_time_limit(text)
            .map(Some)
            .map_err(|e| Error::usage(format!("--wait-timeout {e}"))),
        None => Ok(Some(DEFAULT_WAIT)),
    }
}

/// `--wait` applies to endpoints that run in the cluster.
pub fn require_in_cluster(service: &str) -> Result<()> {
    if services::is_in_cluster(service) {
        return Ok(());
    }
    Err(Error::usage(format!(
        "--wait waits for the deployment of an elasticsearch or elser endpoint, and this one \
         uses the {service} service: leave --wait out"
    )))
}

/// Wait for the deployment of `endpoint` (as the server answered the
/// write) to reach the allocations it was given.
pub fn wait_for(
    client: &Client,
    ui: &Ui,
    verb: &str,
    id: &str,
    endpoint: &Value,
    limit: Duration,
) -> Result<()> {
    let settings = endpoint.get("service_settings");
    let adaptive = settings.and_then(|s| s.get("adaptive_allocations"));
    let target = if adaptive.and_then(|a| a.get("enabled")) == Some(&Value::Bool(true)) {
        Target::Adaptive {
            min: adaptive
                .and_then(|a| a.get("min_number_of_allocations"))
                .and_then(Value::as_u64)
                .unwrap_or(0),
        }
    } else {
        settings
            .and_then(|s| s.get("num_allocations"))
            .and_then(Value::as_u64)
            .map_or(Target::Own, Target::Allocations)
    };
    let deployment = wait::deployment_of(endpoint, id);
    let mut show = |status: &wait::Status, elapsed: Duration| {
        ui.progress(&format!(
            "waiting for deployment '{deployment}': {} ({}s)",
            status.describe(),
            elapsed.as_secs()
        ));
    };
    let waited = wait::wait(client, &deployment, target, limit, &mut show);
    ui.progress_done();
    match waited {
        Ok(status) => {
            ui.info(&format!(
                "deployment '{deployment}' is ready: {}",
                status.describe()
            ));
            Ok(())
        }
        Err(e) => Err(match e.downcast_ref::<Error>() {
            Some(Error::WaitTimedOut(message)) => Error::WaitTimedOut(format!(
                "endpoint '{id}' was {verb}, but its {message}: it is still scaling; give it \
                 more time with a larger --wait-timeout next time, and check the deployment \
                 with GET _ml/trained_models/{}/_stats",
                wait::deployment_of(endpoint, id)
            ))
            .into(),
            _ => e.context(format!(
                "endpoint '{id}' was {verb}, but its deployment could not be watched (the \
                 stats need the monitor_ml privilege)"
            )),
        }),
    }
}

/// `--probe` after a write: a rejection says that the write was applied.
pub fn probe_after(
    client: &Client,
    ui: &Ui,
    verb: &str,
    id: &str,
    task_type: TaskType,
) -> Result<()> {
    match probe::probe(client, id, task_type) {
        Ok(result) => {
            ui.info(&probe_line(task_type, id, &result));
            Ok(())
        }
        Err(e) => Err(match e.downcast_ref::<Error>() {
            Some(Error::ProbeRejected(message)) => {
                Error::ProbeRejected(format!("endpoint '{id}' was {verb}, but {message}")).into()
            }
            _ => e.context(format!("endpoint '{id}' was {verb}, but the probe failed")),
        }),
    }
}

/// `probe of text_embedding endpoint 'x': answered in 120 ms, an embedding of 1536 dimensions`.
pub fn probe_line(task_type: TaskType, id: &str, result: &Probe) -> String {
    format!(
        "probe of {task_type} endpoint '{id}': answered in {} ms, {}",
        result.took.as_millis(),
        result.shape
    )
}
