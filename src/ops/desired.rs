//! The endpoints a cluster should have, as a file says: JSON in the shape
//! `infer list --json` prints (or the `{"endpoints": […]}` answer), or YAML,
//! one file or several, or a folder of them. Secrets appear only as
//! references (`env:VAR`, `file:PATH`), never inline.

use anyhow::Result;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

use crate::api::TaskType;
use crate::body::SECTIONS;
use crate::error::Error;
use crate::json::{self, Keys};
use crate::limits::{self, MAX_DEPTH, MAX_INPUT};
use crate::secret;

/// Where a secret's value is read from when it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    Env(String),
    File(PathBuf),
}

/// One endpoint as the file describes it.
#[derive(Debug, Clone)]
pub struct Desired {
    pub id: String,
    pub task_type: TaskType,
    pub service: String,
    /// `service_settings`, `task_settings`, `chunking_settings`, without
    /// the secrets.
    pub sections: Map<String, Value>,
    /// `(key in service_settings, reference)`.
    pub secrets: Vec<(String, Reference)>,
    /// The file it came from, for messages.
    pub origin: String,
}

impl Desired {
    /// Preconfigured endpoints (ids starting with `.`) may be listed only to
    /// say they are expected; infer never changes them (ref 5).
    pub fn is_preconfigured(&self) -> bool {
        self.id.starts_with('.')
    }
}

/// Every endpoint in `paths` (files, or folders of `.json`, `.yaml` and
/// `.yml` files, read in name order). An id given twice is an error.
pub fn load(paths: &[PathBuf]) -> Result<Vec<Desired>> {
    if paths.is_empty() {
        return Err(Error::usage(
            "give the endpoints with -f FILE (JSON or YAML; repeatable, or a folder)",
        ));
    }
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(folder(path)?);
        } else {
            files.push(path.clone());
        }
    }
    let mut all: Vec<Desired> = Vec::new();
    for file in files {
        for endpoint in read(&file)? {
            if let Some(first) = all.iter().find(|d| d.id == endpoint.id) {
                return Err(Error::usage(format!(
                    "endpoint '{}' is described twice, in {} and in {}: keep one",
                    endpoint.id, first.origin, endpoint.origin
                )));
            }
            all.push(endpoint);
        }
    }
    Ok(all)
}

fn folder(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::usage(format!(
            "cannot read the folder {}: {}",
            dir.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    // Every .json, .yaml and .yml entry is read (one that cannot be is an
    // error, not skipped); sub-folders are not, and are named.
    let mut files: Vec<PathBuf> = Vec::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "json" | "yaml" | "yml"));
        if path.is_dir() {
            crate::output::say(&format!(
                "infer: note: {} is a folder inside {}, and is not read",
                path.display(),
                dir.display()
            ));
        } else if wanted {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::usage(format!(
            "the folder {} holds no .json, .yaml or .yml file",
            dir.display()
        )));
    }
    Ok(files)
}

/// The endpoints of one file.
fn read(path: &Path) -> Result<Vec<Desired>> {
    let origin = path.display().to_string();
    let bytes = limits::read_file(path, MAX_INPUT)
        .map_err(|e| {
            Error::usage(format!(
                "cannot read {origin}: {}",
                crate::error::io_reason(&e)
            ))
        })?
        .ok_or_else(|| {
            Error::usage(format!(
                "{origin} is larger than the limit of {}",
                limits::show(MAX_INPUT)
            ))
        })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::usage(format!("{origin} is not UTF-8 text")))?;
    let yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    let value = if yaml {
        let value: Value = serde_saphyr::from_str(&text).map_err(|e| {
            // The parser's message quotes the lines around the error, which
            // may hold a secret: only its first line (where, and what) is
            // shown, and its own advice is left out.
            let first = e.to_string();
            let first = first.lines().next().unwrap_or_default();
            let first = first.trim_start_matches("error: ");
            let first = first
                .split(", set DuplicateKeyPolicy")
                .next()
                .unwrap_or(first);
            let first = match first.split_once(": duplicate mapping key: ") {
                Some((at, _)) => format!("{at}: a key is given twice in one mapping; keep one"),
                None => first.to_string(),
            };
            Error::usage(format!("invalid YAML in {origin}: {first}"))
        })?;
        if json::depth(&value) > MAX_DEPTH {
            return Err(Error::usage(format!(
                "{origin} is nested deeper than the limit of {MAX_DEPTH} levels"
            )));
        }
        value
    } else {
        json::parse(&text, Keys::Unique).map_err(|p| Error::usage(p.describe(&origin)))?
    };
    let list = match value {
        Value::Array(list) => list,
        Value::Object(mut map) => match map.shift_remove("endpoints") {
            Some(Value::Array(list)) if map.is_empty() => list,
            Some(_) => {
                return Err(Error::usage(format!(
                    "{origin}: `endpoints` must be the only key, and a list"
                )));
            }
            None => vec![Value::Object(map)],
        },
        // An empty file is more likely a mistake than a wish for no
        // endpoints, and with --prune it would delete them all.
        Value::Null => {
            return Err(Error::usage(format!(
                "{origin} holds no endpoints; a file that means \"none\" says so with []"
            )));
        }
        _ => {
            return Err(Error::usage(format!(
                "{origin} must hold a list of endpoints (what infer list --json prints)"
            )));
        }
    };
    list.into_iter()
        .enumerate()
        .map(|(i, item)| endpoint(item, &format!("{origin}, endpoint {}", i + 1)))
        .collect()
}

const KEYS: [&str; 6] = [
    "inference_id",
    "task_type",
    "service",
    "service_settings",
    "task_settings",
    "chunking_settings",
];

fn endpoint(item: Value, at: &str) -> Result<Desired> {
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
    if !id.starts_with('.') {
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
