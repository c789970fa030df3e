//! Per-environment values: infer's own keys on an endpoint of a file,
//! never sent. `environments` maps a profile name to an overlay (what
//! differs in that profile's cluster: `service_settings`, `task_settings`,
//! `chunking_settings`), deep-merged onto the endpoint for that cluster
//! (`chunking_settings` replace the endpoint's whole, as the server
//! replaces them); `profiles` lists the profiles whose clusters have the
//! endpoint (absent: all of them).
//!
//! A `null` in an overlay takes the key out of the endpoint as the file
//! describes it for that cluster: it is not sent, so the cluster's value
//! is left as it is, as for any key a file leaves out. That is unlike a
//! `null` in the endpoint itself, which is kept and sent to reset or clear
//! the value; an overlay cannot ask for that. A `null` for a whole section
//! is refused but for `chunking_settings`, which it leaves out there.
//!
//! ```yaml
//! - inference_id: my-elser
//!   task_type: sparse_embedding
//!   service: elasticsearch
//!   service_settings: {model_id: .elser_model_2, num_threads: 1, num_allocations: 1}
//!   environments:
//!     prod:
//!       service_settings:
//!         num_allocations: null
//!         adaptive_allocations: {enabled: true, min_number_of_allocations: 2}
//!   profiles: [staging, prod]
//! ```
//!
//! Everything here is a pure transform of the file's values: which
//! endpoint a cluster gets, with which settings. Reading, checking the
//! result as an endpoint and the profiles a config knows are the caller's.

use anyhow::Result;
use serde_json::{Map, Value};

use crate::body::SECTIONS;
use crate::error::Error;

/// infer's own keys of an endpoint in a file, in the order they are told.
pub const OWN_KEYS: [&str; 2] = ["environments", "profiles"];

/// What makes an endpoint what it is: the same in every cluster.
const IDENTITY: [&str; 3] = ["inference_id", "task_type", "service"];

/// The section an overlay replaces whole, as the server does on an update
/// (a mix of two strategies' keys is one it refuses); `null` removes it.
const WHOLE: &str = "chunking_settings";

/// An endpoint of a file, its own keys taken out and checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layered {
    /// The endpoint as the file gives it, without `environments` and
    /// `profiles`: what a cluster with no overlay gets.
    pub base: Map<String, Value>,
    /// Per profile name, in the file's order, what differs there.
    pub environments: Vec<(String, Map<String, Value>)>,
    /// The profiles whose clusters have it; `None`: every cluster.
    pub profiles: Option<Vec<String>>,
}

/// `item` (an endpoint of a file, at `at`: `FILE, endpoint N`) split into
/// the endpoint and infer's own keys, which are checked: `environments` a
/// map of profile names to overlays of the settings sections (objects, or
/// `null`), `profiles` a list of profile names, each given once, holding
/// every profile `environments` names.
pub fn split(item: Value, at: &str) -> Result<Layered> {
    let Value::Object(mut base) = item else {
        return Err(Error::usage(format!("{at} must be an object")));
    };
    let at = match base.get("inference_id") {
        Some(Value::String(id)) => format!("{at} ('{id}')"),
        _ => at.to_string(),
    };
    let environments = match base.shift_remove("environments") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(map)) => map
            .into_iter()
            .map(|(name, overlay)| {
                let checked = check_overlay(overlay, &name, &at)?;
                Ok((name, checked))
            })
            .collect::<Result<_>>()?,
        Some(_) => {
            return Err(Error::usage(format!(
                "{at}: environments must be a map of profile names to the settings that differ \
                 there (prod: {{service_settings: {{…}}}})"
            )));
        }
    };
    let profiles = match base.shift_remove("profiles") {
        None | Some(Value::Null) => None,
        Some(value) => Some(profile_list(value, &at)?),
    };
    if let Some(list) = &profiles
        && let Some((name, _)) = environments.iter().find(|(n, _)| !list.contains(n))
    {
        return Err(Error::usage(format!(
            "{at}: environments has values for profile '{name}', which its profiles ({}) leave \
             out: add '{name}' to profiles, or remove its values",
            list.join(", ")
        )));
    }
    Ok(Layered {
        base,
        environments,
        profiles,
    })
}

/// One overlay, `environments.NAME`: an object of settings sections.
fn check_overlay(overlay: Value, name: &str, at: &str) -> Result<Map<String, Value>> {
    crate::config::check_profile_name(name, &format!("{at}: a name in environments"))?;
    let path = format!("environments.{name}");
    let Value::Object(overlay) = overlay else {
        return Err(Error::usage(format!(
            "{at}: {path} must be an object of the settings that differ there ({})",
            SECTIONS.join(", ")
        )));
    };
    for (key, value) in &overlay {
        if IDENTITY.contains(&key.as_str()) {
            return Err(Error::usage(format!(
                "{at}: {path} gives {key}, which is the same in every cluster: an endpoint with \
                 another {key} is another endpoint; describe it on its own, with its own \
                 inference_id and profiles: [{name}]"
            )));
        }
        if !SECTIONS.contains(&key.as_str()) {
            return Err(Error::usage(format!(
                "{at}: unknown key '{key}' in {path}; an overlay holds {}",
                SECTIONS.join(", ")
            )));
        }
        if value.is_null() && key != WHOLE {
            return Err(Error::usage(format!(
                "{at}: {path}.{key} is null, which would leave {key} out of the endpoint in \
                 profile '{name}''s cluster: give the values that differ there as an object, or \
                 describe it as another endpoint with its own profiles"
            )));
        }
        if !matches!(value, Value::Object(_) | Value::Null) {
            return Err(Error::usage(format!(
                "{at}: {path}.{key} must be an object{}",
                if key == WHOLE {
                    " (or null, to leave the section out there)"
                } else {
                    ""
                }
            )));
        }
    }
    Ok(overlay)
}

/// `profiles`: a list of profile names, each once.
fn profile_list(value: Value, at: &str) -> Result<Vec<String>> {
    let Value::Array(items) = value else {
        return Err(Error::usage(format!(
            "{at}: profiles must be a list of profile names ([staging, prod])"
        )));
    };
    if items.is_empty() {
        return Err(Error::usage(format!(
            "{at}: profiles is empty, so the endpoint would be in no cluster: name the profiles \
             it is in, leave profiles out for every cluster, or remove the endpoint"
        )));
    }
    let mut names: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let Value::String(name) = item else {
            return Err(Error::usage(format!(
                "{at}: profiles must be a list of profile names ([staging, prod])"
            )));
        };
        crate::config::check_profile_name(&name, &format!("{at}: a name in profiles"))?;
        if names.contains(&name) {
            return Err(Error::usage(format!(
                "{at}: profiles names '{name}' twice; keep one"
            )));
        }
        names.push(name);
    }
    Ok(names)
}

impl Layered {
    /// Whether the cluster of profile `target` has the endpoint. With no
    /// profile in use, only an endpoint that lists no profiles is there.
    pub fn exists_in(&self, target: Option<&str>) -> bool {
        match (&self.profiles, target) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(list), Some(name)) => list.iter().any(|p| p == name),
        }
    }

    /// The overlay of profile `name`, if the file gives one.
    pub fn overlay(&self, name: &str) -> Option<&Map<String, Value>> {
        self.environments
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, overlay)| overlay)
    }

    /// The endpoint as the cluster of `target` should have it: the base
    /// with the target's overlay merged in ([`apply`]); `None` where it is
    /// not in that cluster. With no profile in use, no overlay applies.
    pub fn for_target(&self, target: Option<&str>) -> Option<Map<String, Value>> {
        if !self.exists_in(target) {
            return None;
        }
        let mut endpoint = self.base.clone();
        if let Some(overlay) = target.and_then(|name| self.overlay(name)) {
            apply(&mut endpoint, overlay);
        }
        Some(endpoint)
    }

    /// [`Layered::for_target`], taking the endpoint rather than copying it.
    pub fn into_target(mut self, target: Option<&str>) -> Option<Map<String, Value>> {
        if !self.exists_in(target) {
            return None;
        }
        let overlay = target.and_then(|name| self.environments.iter().find(|(n, _)| n == name));
        if let Some((_, overlay)) = overlay {
            apply(&mut self.base, overlay);
        }
        Some(self.base)
    }

    /// Every profile it names, with the key that names it.
    pub fn names(&self) -> impl Iterator<Item = (&str, &'static str)> {
        let listed = self.profiles.iter().flatten();
        self.environments
            .iter()
            .map(|(name, _)| (name.as_str(), "environments"))
            .chain(listed.map(|name| (name.as_str(), "profiles")))
    }
}

/// The overlay of a profile onto the endpoint: each section [`merge`]d,
/// but `chunking_settings`, which replace the endpoint's whole (a `null`
/// removes them).
fn apply(endpoint: &mut Map<String, Value>, overlay: &Map<String, Value>) {
    if overlay.contains_key(WHOLE) {
        endpoint.shift_remove(WHOLE);
    }
    merge(endpoint, overlay);
}

/// `overlay` deep-merged onto `base`: where both hold an object, merged
/// key by key; a `null` removes the key; anything else (a value, a list,
/// an object where `base` has none) replaces what `base` holds, whole.
pub fn merge(base: &mut Map<String, Value>, overlay: &Map<String, Value>) {
    for (key, value) in overlay {
        match value {
            Value::Null => {
                base.shift_remove(key);
            }
            Value::Object(inner) => match base.get_mut(key) {
                Some(Value::Object(held)) => merge(held, inner),
                _ => {
                    // Its nulls remove nothing, and are not kept.
                    let mut fresh = Map::new();
                    merge(&mut fresh, inner);
                    base.insert(key.clone(), Value::Object(fresh));
                }
            },
            other => {
                base.insert(key.clone(), other.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests;
