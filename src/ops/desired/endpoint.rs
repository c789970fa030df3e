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
use crate::local_file::{self, Pipe};
use crate::secret;

/// The keys of an endpoint in a file, in the order the file gives them.
pub const KEYS: [&str; 6] = [
    "inference_id",
    "task_type",
    "service",
    "service_settings",
    "task_settings",
    "chunking_settings",
];

/// A secret's reference as a file writes it: `env:VARIABLE` (a name of
/// letters, digits and `_`) or `file:PATH`; `None` for anything else,
/// which may be the secret itself.
pub fn parse_reference(text: &str) -> Option<Reference> {
    if let Some(var) = text.strip_prefix("env:") {
        secret::is_var_name(var).then(|| Reference::Env(var.to_string()))
    } else {
        text.strip_prefix("file:")
            .filter(|p| !p.is_empty())
            .map(|p| Reference::File(PathBuf::from(p)))
    }
}

pub(super) fn endpoint(item: Value, at: &str) -> Result<Desired> {
    let Value::Object(mut map) = item else {
        return Err(Error::usage(format!("{at} must be an object")));
    };
    if let Some(key) = map.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(Error::usage(format!(
            "{at}: unknown key '{key}'; an endpoint has {}, and infer's own {}",
            KEYS.join(", "),
            super::overlay::OWN_KEYS.join(" and ")
        )));
    }
    // An endpoint of the user's file, whose keys are taken out as they are
    // read, not a stored one (`crate::stored` reads those).
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
    if let Some(path) = secret::mask_in_map(&sections, "") {
        return Err(Error::usage(format!(
            "{at}: {}",
            secret::mask_refused(&path)
        )));
    }
    let secrets = take_secrets(&service, &mut sections, &at)?;
    Ok(Desired {
        id,
        task_type,
        service,
        sections,
        secrets,
        origin: at,
    })
}

/// Every secret of the endpoint must be a reference: found by its key at
/// any depth, or as a secret setting of its service (infer's table, the
/// catalogue's `sensitive` flags); the references are taken out of the
/// settings. A provider secret lives directly in `service_settings`, or at
/// the dotted path of a nested secret setting the catalogue names. Where
/// nothing describes the service, its settings are masked, not refused:
/// any of them may be a secret, and most are not.
fn take_secrets(
    service: &str,
    sections: &mut Map<String, Value>,
    at: &str,
) -> Result<Vec<(String, Reference)>> {
    let mut found = Vec::new();
    for hit in secret::structure::find_in_endpoint(service, sections) {
        if hit.guessed {
            if !secret::needs_catalogue(service) {
                secret::structure::register_found(&hit);
            }
            continue;
        }
        // A map of secrets (a `custom` endpoint's `secret_parameters`) is
        // a map of references, one per secret.
        let whole = hit.path();
        let leaves: Vec<(String, &Value, bool)> = match &hit.value {
            Value::Object(map) if !map.is_empty() => {
                if map.contains_key(PLACEHOLDER) {
                    let key = whole.strip_prefix("service_settings.").unwrap_or(&whole);
                    found.push((
                        format!("{key}.{PLACEHOLDER}"),
                        Reference::Placeholder(whole.clone()),
                    ));
                    continue;
                }
                map.iter()
                    .map(|(name, value)| (format!("{whole}.{name}"), value, true))
                    .collect()
            }
            value => vec![(whole, value, false)],
        };
        for (path, value, in_map) in leaves {
            found.push(reference_at(service, &path, value, in_map, at)?);
        }
    }
    if let Some(Value::Object(settings)) = sections.get_mut("service_settings") {
        for (key, _) in &found {
            remove_at(settings, key);
        }
    }
    Ok(found)
}

/// The reference at `path` (a secret's place), and the key it goes to
/// under `service_settings`; an error when it is no reference, naming the
/// path and never the value.
fn reference_at(
    service: &str,
    path: &str,
    value: &Value,
    in_map: bool,
    at: &str,
) -> Result<(String, Reference)> {
    let reference = value.as_str().and_then(parse_reference);
    let Some(reference) = reference else {
        // The value itself may be the secret: never repeated.
        secret::register_value(value, &[]);
        if value.as_str().is_some_and(|t| t.starts_with("env:")) {
            return Err(Error::usage(format!(
                "{at}: {path} names no environment variable: env: takes a name of letters, \
                 digits and _, not starting with a digit"
            )));
        }
        let each = if in_map {
            " (each secret of the map its own reference)"
        } else {
            ""
        };
        return Err(Error::usage(format!(
            "{at}: {path} must be a reference, env:VARIABLE or file:PATH{each}, never the \
             secret itself (a file of endpoints is meant for git)"
        )));
    };
    let Some(key) = path.strip_prefix("service_settings.").filter(|k| {
        !k.contains('[') && (!k.contains('.') || in_map || secret::is_secret_setting(service, k))
    }) else {
        return Err(Error::usage(format!(
            "{at}: {path} is a secret, and a provider secret lives directly in \
             service_settings, or where the service's catalogue names it: move it there"
        )));
    };
    Ok((key.to_string(), reference))
}

/// Remove the value at the dotted `key` of `settings`, and the objects
/// that only held it.
fn remove_at(settings: &mut Map<String, Value>, key: &str) {
    if settings.shift_remove(key).is_some() {
        return;
    }
    let Some((head, rest, leaf)) = first_step(key) else {
        return;
    };
    if let Some(Value::Object(inner)) = settings.get_mut(head) {
        if leaf {
            inner.shift_remove(rest);
        } else {
            remove_at(inner, rest);
        }
        if inner.is_empty() {
            settings.shift_remove(head);
        }
    }
}

/// Maps of secrets, whose names are the user's own and may hold dots (a
/// `custom` endpoint's `${api.key}` comes from `secret_parameters.api.key`).
const SECRET_MAPS: [&str; 1] = ["secret_parameters"];

/// Whether the secret setting `key` is a map of secrets.
pub fn is_secret_map(key: &str) -> bool {
    SECRET_MAPS.contains(&key)
}

/// The name `infer export` gives the one entry of a map of secrets whose
/// names a GET does not return (`ops::export`): refused when they must be
/// sent (`Reference::Placeholder`), until a person fills them in.
pub const PLACEHOLDER: &str = "REPLACE_ME";

/// What a map of secrets that still holds [`PLACEHOLDER`] says when it
/// must be sent: what to fill in.
fn placeholder(map_path: &str, at: &str) -> Error {
    Error::Usage(format!(
        "{at}: {map_path} holds {PLACEHOLDER}, the placeholder infer export writes where a GET \
         does not return the names: replace {PLACEHOLDER} with the name each ${{NAME}} of the \
         endpoint's headers and request uses, each with its own reference (api_key: \
         env:VARIABLE)"
    ))
}

/// A secret's dotted key split at its first step; `true` when what follows
/// is one name in a map of secrets, not a further path.
fn first_step(key: &str) -> Option<(&str, &str, bool)> {
    let (head, rest) = key.split_once('.')?;
    Some((head, rest, SECRET_MAPS.contains(&head)))
}

/// Put a secret's value at its key in `service_settings`: a nested secret
/// setting (`auth.signature`) at its nested place, as the server reads it
/// (its catalogue names nested settings by their dotted path), and each
/// secret of a map (`secret_parameters.api_key`) in its map.
pub fn place_secret(settings: &mut Map<String, Value>, key: &str, value: Value) {
    match first_step(key) {
        Some((head, rest, leaf)) if !settings.contains_key(key) => {
            let slot = settings
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            if let Value::Object(inner) = slot {
                if leaf {
                    inner.insert(rest.to_string(), value);
                } else {
                    place_secret(inner, rest, value);
                }
            }
        }
        _ => {
            settings.insert(key.to_string(), value);
        }
    }
}

/// The value of a reference, read when it is sent.
pub fn resolve(reference: &Reference, at: &str) -> Result<String> {
    let value = match reference {
        Reference::Placeholder(map_path) => return Err(placeholder(map_path, at).into()),
        Reference::Env(var) => std::env::var(var).map_err(|_| {
            Error::usage(format!(
                "{at}: env: {}: export it",
                secret::unset_variable(var)
            ))
        })?,
        Reference::File(path) => {
            // A regular file (or a link to one): named in a file, not
            // on the command line, so never a pipe.
            let bytes = local_file::read(path, limits::MAX_SECRET, Pipe::Refused).map_err(
                |why| match why {
                    local_file::Problem::TooLarge(_) => {
                        Error::usage(format!("{at} refers to {}, which is {why}", path.display()))
                    }
                    _ if secret::clearly_a_path(&path.to_string_lossy()) => Error::usage(format!(
                        "{at} refers to {}, which cannot be read: {why}",
                        path.display()
                    )),
                    _ => Error::usage(format!(
                        "{at}: file: is followed by no file infer can read, not repeated, as it \
                         may be the secret itself: give the path of a file that holds the secret \
                         (file:./key.txt)"
                    )),
                },
            )?;
            crate::local_file::warn_if_public(path);
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `settings` with the secret at `key` taken out (it must then be
    /// `without`), and put back with the value "s" (it must then be `with`).
    fn out_and_back(settings: Value, key: &str, without: Value, with: Value) -> Map<String, Value> {
        let mut settings = settings.as_object().cloned().unwrap();
        remove_at(&mut settings, key);
        assert_eq!(Value::Object(settings.clone()), without);
        place_secret(&mut settings, key, json!("s"));
        assert_eq!(Value::Object(settings.clone()), with);
        settings
    }

    #[test]
    fn nested_secrets_are_taken_out_and_put_back_at_their_place() {
        let mut settings = out_and_back(
            json!({"auth": {"signature": "env:SIG"}, "model_id": "m"}),
            "auth.signature",
            json!({"model_id": "m"}),
            json!({"model_id": "m", "auth": {"signature": "s"}}),
        );
        place_secret(&mut settings, "api_key", json!("k"));
        assert_eq!(
            Value::Object(settings),
            json!({"model_id": "m", "auth": {"signature": "s"}, "api_key": "k"})
        );
    }

    #[test]
    fn a_secret_parameter_whose_name_holds_a_dot_is_one_name() {
        out_and_back(
            json!({"secret_parameters": {"api.key": "env:K"}, "url": "u"}),
            "secret_parameters.api.key",
            json!({"url": "u"}),
            json!({"url": "u", "secret_parameters": {"api.key": "s"}}),
        );
    }
}
