//! Secrets: a type that never prints its value, and the rules that decide
//! which JSON fields hold provider secrets (so they are masked in every
//! dry run, verbose log and report).

use serde_json::Value;
use std::fmt;

pub const MASK: &str = "****";

/// A credential or provider secret. `Debug` and `Display` print a mask; the
/// raw value is reachable only through [`Secret::expose_secret`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The raw value, for the one place that must send it.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

/// Whether a settings key holds a secret. The named fields are the secret
/// settings of every service in reference 7.2; the patterns catch the rest
/// (custom services, future providers) on the side of caution.
pub fn is_secret_field(name: &str) -> bool {
    const NAMED: [&str; 7] = [
        "api_key",
        "access_key",
        "secret_key",
        "client_secret",
        "entra_id",
        "service_account_json",
        "secret_parameters",
    ];
    let name = name.to_ascii_lowercase();
    NAMED.contains(&name.as_str())
        || name.contains("secret")
        || name.contains("password")
        || name.contains("authorization")
        || name.ends_with("_key")
        || name == "token"
        || name.ends_with("_token")
}

/// A copy of `value` with every secret field (at any depth) replaced by the
/// mask. `extra` names further dotted paths known to be secret.
pub fn redact(value: &Value, extra: &[String]) -> Value {
    redact_at(value, "", extra)
}

/// Each secret field of `value` that [`redact`] masks: its dotted path and
/// its value.
pub fn masked(value: &Value, extra: &[String]) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    collect_masked("", value, &redact(value, extra), &mut found);
    found
}

fn collect_masked(path: &str, original: &Value, redacted: &Value, out: &mut Vec<(String, Value)>) {
    let (Value::Object(o), Value::Object(r)) = (original, redacted) else {
        return;
    };
    for (key, value) in o {
        let child = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        match r.get(key) {
            Some(Value::String(m)) if m == MASK && value != &r[key] => {
                out.push((child, value.clone()));
            }
            Some(masked) => collect_masked(&child, value, masked, out),
            None => {}
        }
    }
}

/// The text of every secret in `value`, for [`scrub`].
pub fn texts(value: &Value, extra: &[String]) -> Vec<String> {
    fn strings(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            Value::Object(map) => map.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (_, value) in masked(value, extra) {
        strings(&value, &mut out);
    }
    out
}

/// `text` with every one of `secrets` replaced by the mask. For what comes
/// back from the server: an unknown-key error quotes the key's value
/// (`Configuration contains settings [{apikey=sk-…}] unknown…`, ref 8.2).
pub fn scrub(text: &str, secrets: &[String]) -> String {
    let mut sorted: Vec<&String> = secrets.iter().filter(|s| s.len() >= 3).collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.len()));
    sorted
        .into_iter()
        .fold(text.to_string(), |acc, s| acc.replace(s.as_str(), MASK))
}

fn redact_at(value: &Value, path: &str, extra: &[String]) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let child = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    let masked = is_secret_field(k) || extra.contains(&child);
                    let v = if masked {
                        Value::String(MASK.into())
                    } else {
                        redact_at(v, &child, extra)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| redact_at(item, path, extra))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_never_formats_its_value() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s} {s:?}"), "**** ****");
        assert_eq!(s.expose_secret(), "hunter2");
    }

    #[test]
    fn redacts_known_and_extra_fields_at_any_depth() {
        let v = json!({"service_settings": {"api_key": "k", "model_id": "m",
            "secret_parameters": {"a": "b"}, "nested": {"client_secret": "c"}, "token_url": "u"},
            "task_settings": {"custom": "x"}});
        let r = redact(&v, &["task_settings.custom".to_string()]);
        assert_eq!(
            r,
            json!({"service_settings": {"api_key": MASK, "model_id": "m",
            "secret_parameters": MASK, "nested": {"client_secret": MASK}, "token_url": "u"},
            "task_settings": {"custom": MASK}})
        );
    }

    #[test]
    fn masked_fields_and_their_texts() {
        let v = json!({"service_settings": {"api_key": "sk-1", "model_id": "m",
            "secret_parameters": {"a": "p-1", "b": ["p-2"]}}, "task_settings": {"odd": "o-1"}});
        let extra = ["task_settings.odd".to_string()];
        let paths: Vec<String> = masked(&v, &extra).into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            [
                "service_settings.api_key",
                "service_settings.secret_parameters",
                "task_settings.odd"
            ]
        );
        assert_eq!(texts(&v, &extra), ["sk-1", "p-1", "p-2", "o-1"]);
    }

    #[test]
    fn scrub_replaces_every_secret_text() {
        let text = "Configuration contains settings [{apikey=sk-abc, x=sk-abcdef}] unknown";
        let secrets = [
            "sk-abc".to_string(),
            "sk-abcdef".to_string(),
            "".to_string(),
        ];
        assert_eq!(
            scrub(text, &secrets),
            "Configuration contains settings [{apikey=****, x=****}] unknown"
        );
    }

    #[test]
    fn ordinary_fields_are_not_secret() {
        for name in [
            "model_id",
            "max_input_tokens",
            "token_url",
            "num_allocations",
            "user",
        ] {
            assert!(!is_secret_field(name), "{name}");
        }
    }
}
