//! Waiting until an in-cluster endpoint's deployment has the allocations
//! it was given: until then the endpoint answers slowly or not at all
//! (elasticsearch-specification#5509).

use anyhow::Result;
use serde_json::Value;
use std::time::{Duration, Instant};

use crate::api::Request;
use crate::client::Client;
use crate::error::Error;

/// What the deployment should reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Exactly this many allocations.
    Allocations(u64),
    /// Adaptive allocations: at least the minimum, whatever the load asks.
    Adaptive { min: u64 },
    /// Whatever the deployment's own target is.
    Own,
}

/// One reading of `GET _ml/trained_models/{deployment}/_stats`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub allocations: u64,
    pub target: u64,
    /// `starting`, `started` or `fully_allocated`.
    pub state: String,
}

impl Status {
    fn from_stats(stats: &Value, deployment: &str) -> Option<Status> {
        let entry = stats
            .get("trained_model_stats")?
            .as_array()?
            .iter()
            .find(|s| {
                s.pointer("/deployment_stats/deployment_id")
                    .and_then(Value::as_str)
                    == Some(deployment)
            })?;
        let status = entry.pointer("/deployment_stats/allocation_status")?;
        Some(Status {
            allocations: status.get("allocation_count")?.as_u64()?,
            target: status.get("target_allocation_count")?.as_u64()?,
            state: status.get("state")?.as_str()?.to_string(),
        })
    }

    fn reached(&self, target: Target) -> bool {
        let settled = self.state == "fully_allocated" && self.allocations == self.target;
        settled
            && match target {
                Target::Allocations(n) => self.target == n,
                Target::Adaptive { min } => self.allocations >= min,
                Target::Own => true,
            }
    }

    /// `1/3 allocations, starting`.
    pub fn describe(&self) -> String {
        format!(
            "{}/{} allocations, {}",
            self.allocations,
            self.target,
            self.state.replace('_', " ")
        )
    }
}

/// The deployment behind an in-cluster endpoint: its own `deployment_id`,
/// or the endpoint's id.
pub fn deployment_of(endpoint: &Value, id: &str) -> String {
    endpoint
        .pointer("/service_settings/deployment_id")
        .and_then(Value::as_str)
        .unwrap_or(id)
        .to_string()
}

/// Poll until the deployment reaches `target`, or `limit` passes
/// ([`Error::WaitTimedOut`]). `progress` sees every reading.
pub fn wait(
    client: &Client,
    deployment: &str,
    target: Target,
    limit: Duration,
    progress: &mut dyn FnMut(&Status, Duration),
) -> Result<Status> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(200);
    loop {
        let stats = client.send(&Request::model_stats(deployment))?;
        let status = Status::from_stats(&stats, deployment).ok_or_else(|| {
            anyhow::anyhow!(
                "the stats of deployment '{deployment}' do not show its allocations; is it \
                 deployed?"
            )
        })?;
        progress(&status, started.elapsed());
        if status.reached(target) {
            return Ok(status);
        }
        if started.elapsed() + pause > limit {
            return Err(Error::WaitTimedOut(format!(
                "deployment '{deployment}' has {} after {}s, short of {}",
                status.describe(),
                started.elapsed().as_secs(),
                match target {
                    Target::Allocations(n) => format!("{n} allocations, fully allocated"),
                    Target::Adaptive { min } => format!("at least {min}, fully allocated"),
                    Target::Own => "fully allocated".to_string(),
                }
            ))
            .into());
        }
        if crate::interrupt::stopped() {
            return Err(Error::Signalled(format!(
                "{}: stopped waiting for deployment '{deployment}', which has {}",
                crate::interrupt::signal_name(),
                status.describe()
            ))
            .into());
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_secs(2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stats(count: u64, target: u64, state: &str) -> Value {
        json!({"count": 1, "trained_model_stats": [{"model_id": ".elser_model_2",
            "deployment_stats": {"deployment_id": "d", "allocation_status":
                {"allocation_count": count, "target_allocation_count": target, "state": state}}}]})
    }

    #[test]
    fn reads_the_stats_and_knows_when_it_is_there() {
        let s = Status::from_stats(&stats(1, 3, "starting"), "d").unwrap();
        assert_eq!(s.describe(), "1/3 allocations, starting");
        assert!(!s.reached(Target::Allocations(3)));
        let s = Status::from_stats(&stats(3, 3, "fully_allocated"), "d").unwrap();
        assert!(s.reached(Target::Allocations(3)));
        assert!(!s.reached(Target::Allocations(4)));
        assert!(s.reached(Target::Adaptive { min: 2 }));
        assert!(Status::from_stats(&stats(1, 1, "started"), "other").is_none());
    }
}
