//! What `--wait` and `--probe` do once a write has been verified: wait for
//! an in-cluster deployment to scale, and prove the endpoint answers. Every
//! failure here says that the write itself was applied. Nothing is printed:
//! the waiting is shown through a callback, the outcome returned.

use anyhow::Result;
use serde_json::Value;
use std::time::Duration;

use crate::api::{self, TaskType};
use crate::client::Client;
use crate::error::Error;
use crate::ops::probe::{self, Probe};
use crate::ops::wait::{self, Status, Target};
use crate::services;

const DEFAULT_WAIT: Duration = Duration::from_secs(300);

/// What to do after each write: wait up to this long, probe.
#[derive(Debug, Clone, Copy, Default)]
pub struct AfterWrite {
    pub wait: Option<Duration>,
    pub probe: bool,
}

impl AfterWrite {
    /// `--wait` (`wait`, `--wait-timeout`) and `--probe` as given, checked
    /// before anything is read or written; `verb` names the write.
    pub fn from_flags(
        (wait, timeout): (bool, Option<&str>),
        probe: bool,
        curl: bool,
        verb: &str,
    ) -> Result<AfterWrite> {
        let limit = wait_limit(wait, timeout, curl)?;
        probe_allowed(probe, curl, verb)?;
        Ok(AfterWrite { wait: limit, probe })
    }

    /// Whether an endpoint of `service` and `task_type` can be waited for
    /// and probed, checked before it is written.
    pub fn check(&self, service: &str, task_type: TaskType) -> Result<()> {
        if self.wait.is_some() {
            require_in_cluster(service)?;
        }
        if self.probe {
            probe::probeable(task_type)?;
        }
        Ok(())
    }
}

/// One step of `--wait` and `--probe` as it happens: a reading of the
/// deployment, the end of the waiting, a line to report.
pub enum Step<'a> {
    Waiting(&'a str, &'a Status, Duration),
    WaitOver,
    Line(String),
}

/// `--wait`'s time limit (`timeout`: `--wait-timeout`), checked before
/// anything is written.
fn wait_limit(wait: bool, timeout: Option<&str>, curl: bool) -> Result<Option<Duration>> {
    if !wait {
        return Ok(None);
    }
    if curl {
        return Err(Error::usage(
            "--wait watches the deployment after a write, and --curl writes nothing: leave \
             one out",
        ));
    }
    match timeout {
        Some(text) => api::parse_time_limit(text)
            .map(Some)
            .map_err(|e| Error::usage(format!("--wait-timeout {e}"))),
        None => Ok(Some(DEFAULT_WAIT)),
    }
}

/// `--probe` sends a request, and `--curl` sends nothing.
fn probe_allowed(probe: bool, curl: bool, verb: &str) -> Result<()> {
    if probe && curl {
        return Err(Error::usage(format!(
            "--probe sends an inference request after the {verb}, and --curl sends nothing: \
             leave one out"
        )));
    }
    Ok(())
}

/// `--wait` applies to endpoints that run in the cluster.
fn require_in_cluster(service: &str) -> Result<()> {
    if services::is_in_cluster(service) {
        return Ok(());
    }
    Err(Error::usage(format!(
        "--wait waits for the deployment of an elasticsearch or elser endpoint, and this one \
         uses the {service} service: leave --wait out"
    )))
}

/// What the deployment of `endpoint` (as the server answered the write)
/// should reach: the allocations it was given.
fn target_of(endpoint: &Value) -> Target {
    let settings = endpoint.get("service_settings");
    let adaptive = settings.and_then(|s| s.get("adaptive_allocations"));
    if adaptive.and_then(|a| a.get("enabled")) == Some(&Value::Bool(true)) {
        return Target::Adaptive {
            min: adaptive
                .and_then(|a| a.get("min_number_of_allocations"))
                .and_then(Value::as_u64)
                .unwrap_or(0),
        };
    }
    settings
        .and_then(|s| s.get("num_allocations"))
        .and_then(Value::as_u64)
        .map_or(Target::Own, Target::Allocations)
}

/// Wait for the deployment of `endpoint` to reach its allocations;
/// `progress` sees the deployment's name and every reading. `done` says
/// what became of the endpoint: `was updated`, `is unchanged`.
fn wait_for(
    client: &Client,
    done: &str,
    id: &str,
    endpoint: &Value,
    limit: Duration,
    progress: &mut dyn FnMut(&str, &Status, Duration),
) -> Result<(String, Status)> {
    let deployment = wait::deployment_of(endpoint, id);
    let mut show = |status: &Status, elapsed: Duration| progress(&deployment, status, elapsed);
    match wait::wait(client, &deployment, target_of(endpoint), limit, &mut show) {
        Ok(status) => Ok((deployment, status)),
        Err(e) => Err(match e.downcast_ref::<Error>() {
            Some(Error::WaitTimedOut(message)) => Error::WaitTimedOut(format!(
                "endpoint '{id}' {done}, but its {message}: it is still scaling; give it \
                 more time with a larger --wait-timeout next time, and check the deployment \
                 with GET _ml/trained_models/{deployment}/_stats"
            ))
            .into(),
            _ => e.context(format!(
                "endpoint '{id}' {done}, but its deployment could not be watched (the \
                 stats need the monitor_ml privilege)"
            )),
        }),
    }
}

/// `--probe` after a write: a rejection says that the write was applied.
fn probe_after(client: &Client, done: &str, id: &str, task_type: TaskType) -> Result<Probe> {
    probe::probe(client, id, task_type).map_err(|e| match e.downcast_ref::<Error>() {
        Some(Error::ProbeRejected(message)) => {
            Error::ProbeRejected(format!("endpoint '{id}' {done}, but {message}")).into()
        }
        _ => e.context(format!("endpoint '{id}' {done}, but the probe failed")),
    })
}

/// `probe of text_embedding endpoint 'x': answered in 120 ms, an embedding of 1536 dimensions`.
pub fn probe_line(task_type: TaskType, id: &str, result: &Probe) -> String {
    format!(
        "probe of {task_type} endpoint '{id}': answered in {} ms, {}",
        result.took.as_millis(),
        result.shape
    )
}

/// `deployment 'x' is ready: 2/2 allocations, fully allocated`.
fn ready_line(deployment: &str, status: &Status) -> String {
    format!("deployment '{deployment}' is ready: {}", status.describe())
}

/// `--wait`, then `--probe`, after one write (`done`: `was updated`, say),
/// each step shown through `step` as it happens: a probe before the
/// deployment is ready could fail for no fault of the key.
pub fn wait_and_probe(
    client: &Client,
    after: AfterWrite,
    (done, id, task_type): (&str, &str, TaskType),
    endpoint: &Value,
    step: &mut dyn FnMut(Step),
) -> Result<()> {
    if let Some(limit) = after.wait {
        require_in_cluster(crate::stored::service(endpoint))?;
        let mut show = |deployment: &str, status: &Status, elapsed: Duration| {
            step(Step::Waiting(deployment, status, elapsed));
        };
        let waited = wait_for(client, done, id, endpoint, limit, &mut show);
        step(Step::WaitOver);
        let (deployment, status) = waited?;
        step(Step::Line(ready_line(&deployment, &status)));
    }
    if after.probe {
        let result = probe_after(client, done, id, task_type)?;
        step(Step::Line(probe_line(task_type, id, &result)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_target_is_the_allocations_the_endpoint_was_given() {
        let fixed = json!({"service_settings": {"num_allocations": 3}});
        assert_eq!(target_of(&fixed), Target::Allocations(3));
        let adaptive = json!({"service_settings": {"num_allocations": 1,
            "adaptive_allocations": {"enabled": true, "min_number_of_allocations": 2}}});
        assert_eq!(target_of(&adaptive), Target::Adaptive { min: 2 });
        let off = json!({"service_settings": {"adaptive_allocations": {"enabled": false}}});
        assert_eq!(target_of(&off), Target::Own);
    }

    #[test]
    fn wait_limits_are_checked_before_anything_is_written() {
        assert_eq!(wait_limit(false, None, true).unwrap(), None);
        assert_eq!(wait_limit(true, None, false).unwrap(), Some(DEFAULT_WAIT));
        assert_eq!(
            wait_limit(true, Some("90s"), false).unwrap(),
            Some(Duration::from_secs(90))
        );
        assert!(
            wait_limit(true, None, true).is_err(),
            "--curl writes nothing"
        );
        assert!(wait_limit(true, Some("soon"), false).is_err());
        assert!(probe_allowed(true, true, "update").is_err());
        assert!(probe_allowed(true, false, "update").is_ok());
    }
}
