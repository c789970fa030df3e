//! What the server says is secret: the `sensitive` flag of each setting in
//! its catalogue (`GET _inference/_services`, whose configuration entries
//! carry `sensitive`, `updatable`, `required`: Elasticsearch's
//! `InferenceGetServicesIT` expectations), learned once per run
//! and kept process-wide beside infer's own table (`settings.rs`). The
//! catalogue names a nested setting by its dotted path under
//! `service_settings` (`rate_limit.requests_per_minute` in the services IT
//! expectations).
//!
//! Together they say, for a service, which keys of `service_settings` are
//! secret ([`secrets_of`]); a service neither knows is taken to hold
//! secrets anywhere in its `service_settings`.

use serde_json::{Map, Value};
use std::sync::Mutex;

use super::settings;

/// Whether the catalogue was read, and what it said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    NotRead,
    Read,
    /// Asked, and could not be read (before 8.18, or without the privilege).
    Unreadable,
}

struct Learned {
    state: State,
    /// `service` → the dotted keys its catalogue entry marks sensitive.
    sensitive: Vec<(String, Vec<String>)>,
}

static LEARNED: Mutex<Learned> = Mutex::new(Learned {
    state: State::NotRead,
    sensitive: Vec::new(),
});

fn learned() -> std::sync::MutexGuard<'static, Learned> {
    LEARNED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Keep what a `_services` answer (an array of `{service, configurations:
/// {KEY or DOTTED.KEY: {sensitive, …}}}`) says is sensitive, per service.
pub fn learn(catalogue: &Value) {
    let mut learned = learned();
    learned.state = State::Read;
    for entry in catalogue.as_array().into_iter().flatten() {
        // A catalogue entry, not a stored endpoint (`crate::stored`).
        let Some(service) = entry.get("service").and_then(Value::as_str) else {
            continue;
        };
        let configurations = entry.get("configurations").and_then(Value::as_object);
        let flagged = |c: &Value| c.get("sensitive").and_then(Value::as_bool);
        // An entry that flags nothing as it should says nothing: the service
        // stays one whose every setting is masked.
        if configurations.is_none_or(|c| c.values().any(|v| flagged(v).is_none())) {
            continue;
        }
        let keys: Vec<String> = configurations
            .into_iter()
            .flatten()
            .filter(|(_, c)| flagged(c) == Some(true))
            .map(|(key, _)| key.clone())
            .collect();
        match learned.sensitive.iter_mut().find(|(s, _)| s == service) {
            Some((_, known)) => known.extend(keys),
            None => learned.sensitive.push((service.to_string(), keys)),
        }
    }
}

/// The catalogue was asked for and could not be read: infer's table, and
/// for the services it does not know the mask-everything rule, decide.
pub fn unreadable() {
    let mut learned = learned();
    if learned.state == State::NotRead {
        learned.state = State::Unreadable;
    }
}

/// Whether a decision about `service`'s secrets would use the catalogue,
/// and it has not been asked for yet: the table does not know the service.
pub fn needs_catalogue(service: &str) -> bool {
    settings::of(service).is_none() && learned().state == State::NotRead
}

/// What is known to be secret in a service's `service_settings`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Secrets {
    /// These keys (dotted for nested settings), and no other.
    Keys(Vec<String>),
    /// Neither infer's table nor a catalogue read describes the service:
    /// any value may be a secret.
    Everything,
}

/// The secret settings of `service`: infer's table and the catalogue's
/// sensitive flags together.
pub fn secrets_of(service: &str) -> Secrets {
    let table = settings::of(service);
    let learned = learned();
    let catalogue = learned
        .sensitive
        .iter()
        .find(|(s, _)| s == service)
        .map(|(_, keys)| keys);
    if table.is_none() && catalogue.is_none() {
        return Secrets::Everything;
    }
    let mut keys: Vec<String> = table
        .unwrap_or_default()
        .iter()
        .map(|k| (*k).to_string())
        .collect();
    for key in catalogue.into_iter().flatten() {
        if !keys.contains(key) {
            keys.push(key.clone());
        }
    }
    Secrets::Keys(keys)
}

/// Whether `key` (top-level or dotted) is a secret setting of `service`,
/// as far as the table and the catalogue read say.
pub fn is_secret_setting(service: &str, key: &str) -> bool {
    matches!(secrets_of(service), Secrets::Keys(keys) if keys.iter().any(|k| k == key))
}

/// The dotted paths (`service_settings.KEY[.KEY…]`) of the secrets of
/// `service` that `service_settings` holds: what a body without a
/// `service` (an update's) adds to its `secret_paths`. For a service that
/// neither the table nor the catalogue describes, every key.
pub fn paths_of(service: &str, service_settings: &Map<String, Value>) -> Vec<String> {
    match secrets_of(service) {
        Secrets::Keys(keys) => keys
            .into_iter()
            .filter(|key| holds(service_settings, key))
            .map(|key| format!("service_settings.{key}"))
            .collect(),
        Secrets::Everything => service_settings
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(key, _)| format!("service_settings.{key}"))
            .collect(),
    }
}

/// Text shorter than this is masked where it stands but not scrubbed from
/// every other text: a short word masked everywhere would mask pieces of
/// ordinary words.
pub const GUESSED_MIN: usize = 8;

/// Whether `map` has a value at the dotted `key`.
fn holds(map: &Map<String, Value>, key: &str) -> bool {
    if map.contains_key(key) {
        return true;
    }
    let mut at = map;
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.next() {
        match (at.get(part), parts.peek()) {
            (Some(_), None) => return true,
            (Some(Value::Object(inner)), Some(_)) => at = inner,
            _ => return false,
        }
    }
    false
}

/// Whether `text` is only a template that refers to secrets: at least one
/// `${name}` placeholder, and around them nothing that could be a secret,
/// only the words of an auth scheme ([`SCHEMES`]) and
/// spaces or `:`, `=`, `,`, `;`, quotes. The `custom` service fills
/// `${name}` from its `secret_parameters` (and `task_settings.parameters`,
/// which may not reuse their names: Elasticsearch #153309) when it sends a
/// request, so such a header or request is no secret, whatever its key.
pub fn is_template(text: &str) -> bool {
    let mut rest = String::new();
    let mut placeholders = 0;
    let mut left = text;
    while let Some(start) = left.find("${") {
        let Some(len) = left[start..].find('}') else {
            return false;
        };
        let name = &left[start + 2..start + len];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            return false;
        }
        rest.push_str(&left[..start]);
        rest.push(' ');
        left = &left[start + len + 1..];
        placeholders += 1;
    }
    rest.push_str(left);
    placeholders > 0
        && rest
            .split(|c: char| c.is_whitespace() || matches!(c, ':' | '=' | ',' | ';' | '"' | '\''))
            .all(|word| word.is_empty() || SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(word)))
}

/// The words a template may hold beside its placeholders: HTTP
/// authentication schemes (RFC 9110 section 11, the IANA registry) and the
/// names providers give a key. Anything else may be a secret.
const SCHEMES: [&str; 6] = ["Bearer", "Basic", "Token", "ApiKey", "Key", "Digest"];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn templates_are_placeholders_and_scheme_words() {
        for t in [
            "Bearer ${api_key}",
            "${api_key}",
            "Basic ${user}:${password}",
            "Token token=${key}",
            "ApiKey \"${secret.key}\"",
        ] {
            assert!(is_template(t), "{t}");
        }
        for s in [
            "Bearer sk-abc123",
            "Bearer ${api_key} sk-abc123",
            "${x}:hunter2",
            "${x}+abc/def",
            "no placeholder",
            "${unclosed",
            "${}",
            "${x}verylongwordsecret",
            "Bearer ${api_key} hunterpass",
            "${k}Tr0ub4dor",
            "Basic ${u}:PwShort",
        ] {
            assert!(!is_template(s), "{s}");
        }
    }

    #[test]
    fn an_entry_that_flags_nothing_as_it_should_says_nothing() {
        learn(
            &json!([{"service": "unit-zeta", "configurations": {"pin": {"sensitive": "true"}}},
            {"service": "unit-eta"}]),
        );
        assert_eq!(secrets_of("unit-zeta"), Secrets::Everything);
        assert_eq!(secrets_of("unit-eta"), Secrets::Everything);
    }

    #[test]
    fn dotted_keys_are_found_nested() {
        let map = json!({"auth": {"signature": "s"}, "credential": "c", "n": 3})
            .as_object()
            .cloned()
            .unwrap();
        assert!(holds(&map, "auth.signature"));
        assert!(holds(&map, "credential"));
        assert!(!holds(&map, "auth.other"));
        assert!(!holds(&map, "credential.x"));
    }
}
