//! One endpoint of a file, checked: its keys, its task type, and its
//! secrets, which appear only as references (`env:VAR`, `file:PATH`) and
//! are read only when sent.

use anyhow::Result;
use serde_json::{Map, Value};
use std::path::PathBuf;

use super::{Desired, Reference};
use crate::api::TaskType;
use crate::body::SECTIONS;
use crate::error::Error;
use crate::limits;
use crate::secret;

const KEYS: [&str; 6] = [
    "inference_id",
    "task_type",
    "service",
    "service_settings",
    "task_settings",
    "chunking_settings",
];

pub(super) fn endpoint(item: Value, at: &str) -> Result<Desired> {
    let Value::Object(mut map) = item else {
        return Err(Error::usage(format!("{at} must be an object")));
    };
    if let Some(key) = map.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(Error::usage(format!(
            "{at}: unknown key '{key}'; an endpoint has {}",
            KEYS.join(", ")
        )));
    }
    let mut text = |key: &str| match map.shift_remove(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        _ => Err(Error::usage(format!("{at} needs {key} (a string)"))),
    };
    let id = text("inference_id")?;
    let at = format!("{at} ('{id}')");
    let task_type: TaskType = text("task_type")?
        .parse()
        .map_err(|e| Error::usage(format!("{at}: {e}")))?;
    let service = text("service")?;
    if !crate::api::is_preconfigured(&id) {
        crate::validate::inference_id(&id).map_err(|e| Error::usage(format!("{at}: {e}")))?;
    }
    let mut sections = Map::new();
    for section in SECTIONS {
        match map.shift_remove(section) {
            None | Some(Value::Null) => {}
            Some(Value::Object(o)) => {
                sections.insert(section.to_string(), Value::Object(o));
            }
            Some(_) => {
                return Err(Error::usage(format!("{at}: {section} must be an object")));
            }
        }
    }
    let secrets = take_secrets(&mut sections, &at)?;
    Ok(Desired {
        id,
        task_type,
        service,
        sections,
        secrets,
        origin: at,
    })
}

/// Every secret of the endpoint, found by its key at any depth, must be a
/// reference; the references are taken out of the settings.
fn take_secrets(sections: &mut Map<String, Value>, at: &str) -> Result<Vec<(String, Reference)>> {
    let mut found = Vec::new();
    for hit in secret::structure::find_in(sections, &[]) {
        let path = hit.path();
        let reference = hit.value.as_str().and_then(|text| {
            if let Some(var) = text.strip_prefix("env:") {
                secret::is_var_name(var).then(|| Reference::Env(var.to_string()))
            } else {
                text.strip_prefix("file:")
                    .filter(|p| !p.is_empty())
                    .map(|p| Reference::File(PathBuf::from(p)))
            }
        });
        let Some(reference) = reference else {
            // The value itself may be the secret: never repeated.
            secret::register_value(&hit.value, &[]);
            if hit.value.as_str().is_some_and(|t| t.starts_with("env:")) {
                return Err(Error::usage(format!(
                    "{at}: {path} names no environment variable: env: takes a name of letters, \
                     digits and _, not starting with a digit"
                )));
            }
            return Err(Error::usage(format!(
                "{at}: {path} must be a reference, env:VARIABLE or file:PATH, never the secret \
                 itself (a file of endpoints is meant for git)"
            )));
        };
        let Some(key) = path
            .strip_prefix("service_settings.")
            .filter(|k| !k.contains(['.', '[']))
        else {
            return Err(Error::usage(format!(
                "{at}: {path} is a secret, and a provider secret lives directly in \
                 service_settings (ref 7.2): move it there"
            )));
        };
        found.push((key.to_string(), reference));
    }
    if let Some(Value::Object(settings)) = sections.get_mut("service_settings") {
        for (key, _) in &found {
            settings.shift_remove(key);
        }
    }
    Ok(found)
}

/// The value of a reference, read when it is sent.
pub fn resolve(reference: &Reference, at: &str) -> Result<String> {
    let value = match reference {
        Reference::Env(var) => std::env::var(var).map_err(|_| {
            Error::usage(format!(
                "{at} refers to environment variable {var}, which is not set: export it"
            ))
        })?,
        Reference::File(path) => {
            let bytes = limits::read_file(path, limits::MAX_SECRET)
                .map_err(|e| {
                    Error::usage(format!(
                        "{at} refers to {}, which cannot be read: {}",
                        path.display(),
                        crate::error::io_reason(&e)
                    ))
                })?
                .ok_or_else(|| {
                    Error::usage(format!(
                        "{at} refers to {}, which is larger than the limit of {}",
                        path.display(),
                        limits::show(limits::MAX_SECRET)
                    ))
                })?;
            String::from_utf8(bytes).map_err(|_| {
                Error::usage(format!(
                    "{at} refers to {}, which is not text",
                    path.display()
                ))
            })?
        }
    };
    let value = value.trim_end_matches(['\r', '\n']).to_string();
    if value.is_empty() {
        return Err(Error::usage(format!(
            "{at}: the secret it refers to is empty"
        )));
    }
    secret::register(&value);
    Ok(value)
}
