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
