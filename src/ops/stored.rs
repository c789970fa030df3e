//! A stored endpoint as the server shows it (`GET _inference/{id}`),
//! checked: its task type as infer knows it, and what the inputs of a
//! change must agree with. What it says of itself is read by
//! `crate::stored`, re-exported here.

use anyhow::{Result, anyhow};
use serde_json::Value;

use crate::api::TaskType;
use crate::body::Body;
use crate::error::Error;

pub use crate::stored::{id, service, task_type_name};

/// Its task type; `Err` for one this infer does not know.
pub fn task_type(endpoint: &Value, id: &str) -> Result<TaskType> {
    let name = task_type_name(endpoint);
    name.parse().map_err(|_| {
        anyhow!("endpoint '{id}' has task type '{name}', which this infer does not know")
    })
}

/// The refusals that need the stored endpoint (exit 3): the task types the
/// inputs gave (each with where it came from) and the service a settings
/// file names must be the stored ones, and chunking needs a task type that
/// takes it. Returns the task type to put in the path.
pub fn check_identity(
    body: &Body,
    id: &str,
    given: &[(Option<TaskType>, &str)],
    stored: &Value,
) -> Result<TaskType> {
    let stored_tt = task_type(stored, id)?;
    for (given, origin) in given {
        if let Some(given) = given.filter(|g| *g != stored_tt) {
            return Err(Error::refused(format!(
                "{origin} is {given}, but endpoint '{id}' is a {stored_tt} endpoint, and the \
                 task type cannot change: use {stored_tt}, or leave it out"
            )));
        }
    }
    let stored_service = service(stored);
    if let Some(named) = body.service.as_deref().filter(|s| *s != stored_service) {
        return Err(Error::refused(format!(
            "the settings are for service '{named}', but endpoint '{id}' uses \
             '{stored_service}', and the service cannot change: fix or remove service"
        )));
    }
    if body.sections.contains_key("chunking_settings") {
        crate::validate::chunking_allowed(stored_tt).map_err(Error::refused)?;
    }
    Ok(stored_tt)
}

/// Allocations belong to in-cluster endpoints: on a provider's endpoint
/// there is nothing they could change, and no new endpoint would take them
/// either, so the advice is to leave them out. `flag`: the flag that gave
/// `num_allocations`, when one did.
pub fn allocations_only_in_cluster(
    body: &Body,
    id: &str,
    stored: &Value,
    flag: Option<&str>,
) -> Result<()> {
    let Some(Value::Object(settings)) = body.sections.get("service_settings") else {
        return Ok(());
    };
    let Some(key) = ["num_allocations", "adaptive_allocations", "num_threads"]
        .into_iter()
        .find(|k| settings.contains_key(*k))
    else {
        return Ok(());
    };
    let service = service(stored);
    if crate::services::is_in_cluster(service) {
        return Ok(());
    }
    let given = match flag.filter(|_| key == "num_allocations") {
        Some(flag) => flag.to_string(),
        None => format!("service_settings.{key}"),
    };
    Err(Error::usage(format!(
        "{given} is for in-cluster (elasticsearch, elser) endpoints, and '{id}' uses the \
         {service} service, which runs no deployment of its own: leave {given} out"
    )))
}
