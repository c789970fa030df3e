//! Services the fake knows only from a `_inference/_services` catalogue entry
//! (`Behavior::extra_services`). Each configuration entry carries `sensitive`, `updatable`,
//! `required` and `supported_task_types` (#118491; nested settings by dotted key, as the
//! services IT expectations show `rate_limit.requests_per_minute`). The fake creates and updates
//! such services by those flags alone.

use super::{Behavior, Obj};
use serde_json::Value;

/// The catalogue entry of `service`, when it is an extra service.
pub(super) fn find<'a>(b: &'a Behavior, service: &str) -> Option<&'a Value> {
    b.extra_services
        .iter()
        .find(|e| e["service"].as_str() == Some(service))
}

pub(super) fn task_types(entry: &Value) -> Vec<String> {
    entry["task_types"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The configuration entries that apply to `task_type`, as (dotted key, flags).
fn configs<'a>(entry: &'a Value, task_type: &str) -> Vec<(&'a str, &'a Value)> {
    let Some(all) = entry["configurations"].as_object() else {
        return vec![];
    };
    all.iter()
        .filter(|(_, c)| {
            c["supported_task_types"]
                .as_array()
                .is_none_or(|a| a.iter().any(|t| t == task_type))
        })
        .map(|(k, c)| (k.as_str(), c))
        .collect()
}

fn flag(c: &Value, name: &str) -> bool {
    c[name].as_bool().unwrap_or(false)
}

fn top(key: &str) -> &str {
    key.split('.').next().unwrap_or(key)
}

fn get_path<'a>(m: &'a Obj, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let mut cur = m.get(parts.next()?)?;
    for p in parts {
        cur = cur.as_object()?.get(p)?;
    }
    Some(cur)
}

/// Remove `path` from `m`, dropping parents it leaves empty.
fn take_path(m: &mut Obj, path: &str) -> Option<Value> {
    match path.split_once('.') {
        None => m.shift_remove(path),
        Some((head, rest)) => {
            let child = m.get_mut(head)?.as_object_mut()?;
            let v = take_path(child, rest)?;
            if child.is_empty() {
                m.shift_remove(head);
            }
            Some(v)
        }
    }
}

fn put_path(m: &mut Obj, path: &str, v: Value) {
    match path.split_once('.') {
        None => {
            m.insert(path.into(), v);
        }
        Some((head, rest)) => {
            let child = m
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Obj::new()));
            if !child.is_object() {
                *child = Value::Object(Obj::new());
            }
            if let Some(c) = child.as_object_mut() {
                put_path(c, rest, v);
            }
        }
    }
}

/// Sensitive settings (top-level or nested by dotted key) move to secret storage, nested as
/// they were sent; a parent left empty disappears from what GET shows.
pub(super) fn take_secrets(entry: &Value, task_type: &str, ss: &mut Obj) -> Obj {
    let mut secrets = Obj::new();
    for (key, c) in configs(entry, task_type) {
        if flag(c, "sensitive")
            && let Some(v) = take_path(ss, key)
        {
            put_path(&mut secrets, key, v);
        }
    }
    secrets
}

/// Required settings missing from `ss` (before secrets are taken) on create:
/// `[service_settings] does not contain the required setting [k]` (`ServiceUtils`
/// `missingSettingErrorMsg`).
pub(super) fn missing_required(entry: &Value, task_type: &str, ss: &Obj) -> Vec<String> {
    configs(entry, task_type)
        .into_iter()
        .filter(|(k, c)| flag(c, "required") && get_path(ss, k).is_none_or(Value::is_null))
        .map(|(k, _)| format!("[service_settings] does not contain the required setting [{k}]"))
        .collect()
}

/// Required sensitive settings an update must repeat before #149628 (`[secret_settings]` scope,
/// as `DefaultSecretSettings` says it).
pub(super) fn missing_secrets(entry: &Value, task_type: &str, secrets: &Obj) -> Vec<String> {
    configs(entry, task_type)
        .into_iter()
        .filter(|(k, c)| {
            flag(c, "required") && flag(c, "sensitive") && get_path(secrets, k).is_none()
        })
        .map(|(k, _)| format!("[secret_settings] does not contain the required setting [{k}]"))
        .collect()
}

/// The top-level `service_settings` keys the catalogue documents.
pub(super) fn documented_keys(entry: &Value) -> Vec<String> {
    let mut keys: Vec<String> = entry["configurations"]
        .as_object()
        .map(|m| m.keys().map(|k| top(k).to_string()).collect())
        .unwrap_or_default();
    keys.dedup();
    keys
}

/// The top-level non-secret keys an update consumes: those with an `updatable` non-sensitive
/// configuration entry (itself or a dotted child).
pub(super) fn update_keys(entry: &Value, task_type: &str) -> Vec<String> {
    let mut keys: Vec<String> = configs(entry, task_type)
        .into_iter()
        .filter(|(_, c)| flag(c, "updatable") && !flag(c, "sensitive"))
        .map(|(k, _)| top(k).to_string())
        .collect();
    keys.dedup();
    keys
}

/// The secrets sent whose configuration entry is not `updatable`, as (dotted key, value);
/// they are removed from `secrets`.
pub(super) fn take_fixed_secrets(entry: &Value, task_type: &str, secrets: &mut Obj) -> Obj {
    let mut fixed = Obj::new();
    for (key, c) in configs(entry, task_type) {
        if flag(c, "sensitive")
            && !flag(c, "updatable")
            && let Some(v) = take_path(secrets, key)
        {
            put_path(&mut fixed, key, v);
        }
    }
    fixed
}
