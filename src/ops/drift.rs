//! Drift between two clusters (`infer diff`): which endpoints only one of
//! them has, and for each endpoint both have, the settings that differ,
//! field by field. Pure data in, data out: the command reads the clusters
//! and shows the result.
//!
//! What is not compared: secrets (the server never returns them:
//! `ModelConfigurations.toFilteredXContent` leaves the secret settings out;
//! should a proxy return one, it is left out here too; and every value
//! other commands mask, as every `service_settings` value of a service
//! nothing describes, is left out: never compared, never shown), and the live
//! `num_allocations` of an autoscaling endpoint (`allocations::
//! leave_out_live_count`: a count the deployment scaled to, not a setting).
//!
//! Each endpoint is parsed from its cluster's answer only when compared,
//! one pair at a time: two clusters of 10,000 endpoints are held as their
//! two answers' text, not as values.

use anyhow::Result;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::api::listing::Listing;

/// One cluster's endpoints: its answer, and with `-f` the endpoints the
/// files would put in place of the stored ones (or beside them).
pub struct Side<'a> {
    listing: &'a Listing,
    held: HashMap<Cow<'a, str>, &'a RawValue>,
    replaced: BTreeMap<String, Value>,
}

impl<'a> Side<'a> {
    pub fn new(listing: &'a Listing) -> Result<Side<'a>> {
        Ok(Side {
            listing,
            held: listing.by_id()?,
            replaced: BTreeMap::new(),
        })
    }

    /// The stored endpoint with `endpoint`'s id as an apply of `endpoint`
    /// (without `--allow-replace`) would leave it: added when the cluster
    /// has none; updated as the plan decides an update when it has one of
    /// the same service and task type (the file's sections merged over
    /// the stored ones key by key, `chunking_settings` replaced whole, a
    /// `null` removing the setting); left as it is when the service or
    /// task type differs (a replace, which apply skips).
    pub fn apply(&mut self, endpoint: Value) -> Result<()> {
        let id = crate::stored::id(&endpoint).to_string();
        let Some(mut stored) = self.value(&id)? else {
            self.replaced.insert(id, endpoint);
            return Ok(());
        };
        if crate::stored::service(&stored) != crate::stored::service(&endpoint)
            || crate::stored::task_type_name(&stored) != crate::stored::task_type_name(&endpoint)
        {
            return Ok(());
        }
        let (Value::Object(stored_map), Value::Object(mut given)) = (&mut stored, endpoint) else {
            return Ok(());
        };
        if let Some(chunking) = given.shift_remove("chunking_settings") {
            stored_map.insert("chunking_settings".into(), chunking);
        }
        let nulls = null_pointers(&given);
        crate::body::merge(stored_map, Value::Object(given));
        for pointer in nulls.iter().rev() {
            remove(&mut stored, pointer);
        }
        if let Some(Value::Null) = stored.get("chunking_settings") {
            remove(&mut stored, "/chunking_settings");
        }
        self.replaced.insert(id, stored);
        Ok(())
    }

    /// The ids this cluster has, with the files' endpoints.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        let held = self.held.keys().map(|id| id.as_ref());
        held.chain(self.replaced.keys().map(String::as_str))
    }

    fn value(&self, id: &str) -> Result<Option<Value>> {
        if let Some(endpoint) = self.replaced.get(id) {
            return Ok(Some(endpoint.clone()));
        }
        match self.held.get(id) {
            Some(raw) => Ok(Some(self.listing.value(raw)?)),
            None => Ok(None),
        }
    }
}

/// The comparison of two clusters, named by their profiles.
#[derive(Debug, PartialEq)]
pub struct Drift {
    pub profiles: [String; 2],
    /// The ids only the first, and only the second, has; sorted.
    pub only_in: [Vec<String>; 2],
    /// The endpoints both have that differ, by id.
    pub differ: Vec<Differing>,
    /// How many endpoints both have alike.
    pub alike: usize,
}

impl Drift {
    pub fn is_alike(&self) -> bool {
        self.only_in.iter().all(Vec::is_empty) && self.differ.is_empty()
    }
}

#[derive(Debug, PartialEq)]
pub struct Differing {
    pub inference_id: String,
    pub fields: Vec<Field>,
}

/// A setting that differs: its dotted path, and its value in each cluster
/// (`None`: not set there).
#[derive(Debug, PartialEq)]
pub struct Field {
    pub path: String,
    pub values: [Option<Value>; 2],
}

/// Compare the endpoints of two clusters whose ids `wanted` picks.
pub fn compare(
    profiles: [String; 2],
    sides: [&Side; 2],
    wanted: &dyn Fn(&str) -> bool,
) -> Result<Drift> {
    let ids: BTreeSet<&str> = sides[0]
        .ids()
        .chain(sides[1].ids())
        .filter(|id| wanted(id))
        .collect();
    let mut drift = Drift {
        profiles,
        only_in: [Vec::new(), Vec::new()],
        differ: Vec::new(),
        alike: 0,
    };
    for id in ids {
        match (sides[0].value(id)?, sides[1].value(id)?) {
            (Some(a), Some(b)) => {
                let fields = fields(&comparable(a), &comparable(b));
                if fields.is_empty() {
                    drift.alike += 1;
                } else {
                    drift.differ.push(Differing {
                        inference_id: id.to_string(),
                        fields,
                    });
                }
            }
            (Some(_), None) => drift.only_in[0].push(id.to_string()),
            (None, Some(_)) => drift.only_in[1].push(id.to_string()),
            (None, None) => {}
        }
    }
    Ok(drift)
}

/// An endpoint as it is compared: without its secrets (found by structure
/// and by its service's table, learned from the catalogue when the
/// cluster has one; every `service_settings` value of a service nothing
/// describes, as every command masks them; a file's reference, `env:VAR`,
/// where a secret goes), neither compared nor shown, and without the live
/// count of an autoscaling deployment.
fn comparable(mut endpoint: Value) -> Value {
    let found = crate::secret::find(&endpoint, &[]);
    // The deepest first, so that removing one leaves the others' pointers.
    for secret in found.iter().rev() {
        remove(&mut endpoint, &secret.pointer());
    }
    if let Some(settings) = endpoint
        .get_mut("service_settings")
        .and_then(Value::as_object_mut)
    {
        crate::ops::allocations::leave_out_live_count(settings);
    }
    endpoint
}

/// The pointers (RFC 6901) of the `null`s in `map`, parents first.
fn null_pointers(map: &Map<String, Value>) -> Vec<String> {
    fn walk(at: &str, map: &Map<String, Value>, out: &mut Vec<String>) {
        for (key, value) in map {
            let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
            match value {
                Value::Null => out.push(here),
                Value::Object(inner) => walk(&here, inner, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk("", map, &mut out);
    out
}

/// Remove what `pointer` (RFC 6901) points at, a key of an object or an
/// item of an array.
fn remove(value: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    let last = last.replace("~1", "/").replace("~0", "~");
    match value.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(&last);
        }
        Some(Value::Array(items)) => {
            if let Ok(index) = last.parse::<usize>()
                && index < items.len()
            {
                items.remove(index);
            }
        }
        _ => {}
    }
}

/// The leaves that differ between `a` and `b`, by dotted path: objects are
/// compared key by key; anything else (arrays included) whole.
fn fields(a: &Value, b: &Value) -> Vec<Field> {
    let mut out = Vec::new();
    walk("", Some(a), Some(b), &mut out);
    out
}

fn walk(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Field>) {
    match (a, b) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            for key in keys(a, b) {
                let at = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                walk(&at, a.get(key), b.get(key), out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(Field {
            path: path.to_string(),
            values: [a.cloned(), b.cloned()],
        }),
    }
}

/// The keys of both objects, sorted.
fn keys<'m>(a: &'m Map<String, Value>, b: &'m Map<String, Value>) -> BTreeSet<&'m str> {
    a.keys().chain(b.keys()).map(String::as_str).collect()
}

/// The JSON shape `docs/several-clusters.md` documents:
/// `{"profiles": [A, B], "only_in": {A: [ids], B: [ids]}, "differ":
/// [{"inference_id", "fields": [{"path", "values": {A: value, B: value}}]}],
/// "alike": N}`,
/// a value left out where the setting is not set in that cluster.
impl Serialize for Drift {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let [a, b] = &self.profiles;
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("profiles", &self.profiles)?;
        let only_in: BTreeMap<&str, &Vec<String>> = [
            (a.as_str(), &self.only_in[0]),
            (b.as_str(), &self.only_in[1]),
        ]
        .into();
        map.serialize_entry("only_in", &only_in)?;
        let differ: Vec<Value> = self.differ.iter().map(|d| d.shown(a, b)).collect();
        map.serialize_entry("differ", &differ)?;
        map.serialize_entry("alike", &self.alike)?;
        map.end()
    }
}

impl Differing {
    fn shown(&self, a: &str, b: &str) -> Value {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .map(|f| {
                // The values apart from the path: a profile may be named
                // `path`.
                let mut values = Map::new();
                for (name, value) in [a, b].iter().zip(&f.values) {
                    if let Some(value) = value {
                        values.insert((*name).to_string(), value.clone());
                    }
                }
                serde_json::json!({"path": f.path, "values": values})
            })
            .collect();
        serde_json::json!({"inference_id": self.inference_id, "fields": fields})
    }
}

#[cfg(test)]
mod tests;
