//! The cluster's endpoints as a file of endpoints describes them
//! (`ops::desired`): what `infer export` writes. Elasticsearch never
//! returns an endpoint's secret settings (`ModelConfigurations.
//! toFilteredXContent` leaves them out), so each one is written as a
//! reference to an environment variable named by a rule ([`variable`]):
//! the file is safe to commit, and creates the endpoint anew wherever the
//! variables are set.

use anyhow::Result;
use serde_json::{Map, Value};
use std::collections::HashMap;

use crate::error::Error;
use crate::ops::desired::{PLACEHOLDER, is_secret_map, place_secret};
use crate::secret::knowledge::{Secrets, secrets_of};
use crate::services;

// The keys of an endpoint in a file, in the order the file gives them
// (`ops::desired::endpoint` reads no other).
use crate::ops::desired::KEYS;

/// One endpoint, ready to be written.
#[derive(Debug)]
pub struct Exported {
    pub id: String,
    pub endpoint: Value,
    /// Each secret's variable, and the setting it fills.
    pub variables: Vec<(String, String)>,
    /// What a person must fill in before `plan` reads the file.
    pub todo: Option<String>,
    /// Nothing says which of its service's settings are secret (neither
    /// infer's table nor a catalogue that could be read).
    pub secrets_unknown: bool,
}

/// The variable the secret `setting` (dotted when nested) of endpoint
/// `id` is read from: `<ID>_<SETTING>`, upper case, every character but
/// a letter or a digit written `_`; with a `_` before it when it would
/// start with a digit, which a variable's name cannot (POSIX.1-2017, 8.1:
/// "a word consisting solely of underscores, digits, and alphabetics ...
/// The first character ... is not a digit").
pub fn variable(id: &str, setting: &str) -> String {
    let name: String = format!("{id}_{setting}")
        .chars()
        .map(|c| match c.to_ascii_uppercase() {
            c @ ('A'..='Z' | '0'..='9') => c,
            _ => '_',
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else if OURS.iter().any(|prefix| name.starts_with(prefix)) {
        // infer reads these for its own connection (an endpoint `es` would
        // read its api_key from ES_API_KEY, the cluster's credential).
        format!("EP_{name}")
    } else {
        name
    }
}

/// The prefixes of the variables infer reads for itself.
const OURS: [&str; 3] = ["ES_", "ELASTICSEARCH_", "INFER_"];

/// Every stored endpoint (its secrets already masked where they stand) as
/// a file describes it. Two secrets that would be read from one variable
/// are an error naming both.
pub fn all(stored: &[Value]) -> Result<Vec<Exported>> {
    let exported: Vec<Exported> = stored.iter().map(one).collect();
    let mut seen: HashMap<&str, (&str, &str)> = HashMap::new();
    for endpoint in &exported {
        for (var, setting) in &endpoint.variables {
            let Some((id, other)) = seen.insert(var, (&endpoint.id, setting)) else {
                continue;
            };
            let both = if id == endpoint.id {
                format!("endpoint '{id}' would read both its {other} and its {setting}")
            } else {
                format!(
                    "endpoints '{id}' and '{}' would both read their {setting}",
                    endpoint.id
                )
            };
            return Err(Error::usage(format!(
                "{both} from the variable {var} (named by the rule <ID>_<SETTING>, upper case, \
                 every other character _): export them one at a time (infer export {id} --out \
                 FILE) and rename the variable in one of the files; nothing was written"
            )));
        }
    }
    Ok(exported)
}

/// One stored endpoint as a file describes it.
fn one(stored: &Value) -> Exported {
    let (id, service) = (crate::stored::id(stored), crate::stored::service(stored));
    let mut endpoint = Map::new();
    let mut references = References::default();
    for key in KEYS {
        match stored.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Object(settings)) if key == "service_settings" => {
                let mut settings = settings.clone();
                crate::ops::allocations::leave_out_live_count(&mut settings);
                references = add_references(id, service, &mut settings);
                endpoint.insert(key.into(), Value::Object(settings));
            }
            Some(value) => {
                endpoint.insert(key.into(), value.clone());
            }
        }
    }
    Exported {
        id: id.to_string(),
        endpoint: Value::Object(endpoint),
        variables: references.variables,
        todo: references.todo,
        secrets_unknown: references.unknown,
    }
}

#[derive(Default)]
struct References {
    variables: Vec<(String, String)>,
    todo: Option<String>,
    unknown: bool,
}

/// Put a reference at the place of every secret setting of the endpoint:
/// a nested one (`auth.signature`) at its nested place; a map of secrets
/// whose names a GET does not return (a `custom` endpoint's
/// `secret_parameters`) as a one-entry map whose name is [`PLACEHOLDER`],
/// which `plan` and `apply` refuse until a person fills it in.
fn add_references(id: &str, service: &str, settings: &mut Map<String, Value>) -> References {
    let Some(secrets) = secret_settings(service, settings) else {
        return References {
            unknown: true,
            ..References::default()
        };
    };
    let mut references = References::default();
    for setting in secrets {
        let var = variable(id, &setting);
        let reference = Value::String(format!("env:{var}"));
        if is_secret_map(&setting) {
            let mut map = Map::new();
            map.insert(PLACEHOLDER.into(), reference);
            settings.insert(setting.clone(), Value::Object(map));
            references.todo = Some(format!(
                "{id}: fill in the names of its {setting} in place of {PLACEHOLDER} (a GET does \
                 not return them: they are the ${{NAME}} its headers and request use), each \
                 with its own reference; plan and apply refuse the file until then"
            ));
        } else {
            place_secret(settings, &setting, reference);
        }
        references.variables.push((var, setting));
    }
    references
}

/// The secret settings of an endpoint of `service`: every one infer's
/// table and the catalogue's `sensitive` flags name, but of a service
/// that takes one of several kinds of secret (openai: an API key or
/// OAuth2's client_secret, #149628), only the kind this endpoint uses
/// (its settings show OAuth2's `client_id`), else the first (a key).
/// `None` when nothing describes the service.
fn secret_settings(service: &str, settings: &Map<String, Value>) -> Option<Vec<String>> {
    let Secrets::Keys(keys) = secrets_of(service) else {
        return None;
    };
    let kinds = services::secret_kinds(service);
    let stored = Value::Object(settings.clone());
    let used = services::stored_kind(service, Some(&stored))
        .or_else(|| kinds.first().copied())
        .unwrap_or_default();
    let in_a_kind = |key: &str| kinds.iter().any(|kind| kind.contains(&key));
    Some(
        keys.into_iter()
            .filter(|key| used.contains(&key.as_str()) || !in_a_kind(key))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_variable_rule() {
        assert_eq!(variable("my-openai", "api_key"), "MY_OPENAI_API_KEY");
        assert_eq!(
            variable("co.rerank", "auth.signature"),
            "CO_RERANK_AUTH_SIGNATURE"
        );
        assert_eq!(variable("3large", "api_key"), "_3LARGE_API_KEY");
    }

    #[test]
    fn only_the_kind_of_secret_the_endpoint_uses() {
        let key = one(&json!({"inference_id": "a", "task_type": "text_embedding",
            "service": "openai", "service_settings": {"model_id": "m"}}));
        assert_eq!(key.endpoint["service_settings"]["api_key"], "env:A_API_KEY");
        assert!(
            key.endpoint["service_settings"]
                .get("client_secret")
                .is_none()
        );
        let oauth = one(&json!({"inference_id": "b", "task_type": "text_embedding",
            "service": "openai", "service_settings": {"model_id": "m", "client_id": "c"}}));
        assert_eq!(
            oauth.variables,
            [("B_CLIENT_SECRET".into(), "client_secret".into())]
        );
    }

    #[test]
    fn a_shared_variable_is_an_error_and_an_undescribed_service_no_reference() {
        let err = all(&[json!({"inference_id": "x", "service": "unit-export",
            "task_type": "rerank", "service_settings": {}})])
        .map(|e| e.len());
        // A service nothing describes: no reference at all, told apart.
        assert_eq!(err.ok(), Some(1));
        let two = vec![
            json!({"inference_id": "a-b", "service": "cohere", "service_settings": {}}),
            json!({"inference_id": "a_b", "service": "cohere", "service_settings": {}}),
        ];
        let message = all(&two).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.starts_with("endpoints 'a-b' and 'a_b' would both read their api_key from the variable A_B_API_KEY"), "{message}");
    }
}
