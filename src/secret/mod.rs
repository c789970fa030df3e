//! Secrets: a type that never prints its value; the rule that finds
//! provider secrets in a body by its structure (`structure.rs`), with what
//! infer's table (`settings.rs`) and the server's catalogue
//! (`knowledge.rs`) say each service keeps secret; and one
//! process-wide registry of every secret and credential infer has read,
//! which every text that leaves infer goes through (`output.rs`), so that
//! none of them shows, in any form it can take (`forms.rs`, `scrub.rs`).

use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::sync::Mutex;

mod excerpt;
mod forms;
pub mod knowledge;
#[cfg(test)]
mod props;
mod scrub;
pub mod settings;
pub mod structure;
pub mod trust;
pub mod url;

pub use excerpt::{excerpt, shorten};
pub use knowledge::{is_secret_setting, learn, needs_catalogue, paths_of, unreadable};
pub use scrub::Scrubber;
pub use structure::{Found, find, redact, register_endpoint, register_object, register_value};

pub const MASK: &str = "****";

/// Every secret read so far, in all its forms.
static REGISTRY: Mutex<Scrubber> = Mutex::new(Scrubber::new());

fn registry() -> std::sync::MutexGuard<'static, Scrubber> {
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner())
}

/// Mask `text` in everything infer writes from now on.
pub fn register(text: &str) {
    registry().add(text);
}

/// `text` with every registered secret masked, in every form: what every
/// write to stdout, stderr or a shown file goes through. Callers that cut,
/// fold or strip a text scrub it first, so that no cut leaves a piece.
pub fn scrub(text: &str) -> String {
    masked(text).into_owned()
}

/// `scrub`, without a copy of a text that holds no secret (a large answer
/// or report usually holds none). infer's own words in the text
/// (`trust.rs`) are left whole: only what may hold a secret is masked.
pub fn masked(text: &str) -> Cow<'_, str> {
    let registry = registry();
    if registry.is_empty() || !registry.finds(text) {
        return Cow::Borrowed(text);
    }
    let scrubbed = registry.scrub_but(text, trust::ours);
    if scrubbed == text {
        return Cow::Borrowed(text);
    }
    Cow::Owned(scrubbed)
}

/// A copy of `value` with every registered secret masked in its strings,
/// keys and numbers: stays valid JSON.
pub fn scrub_value(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(scrub(s)),
        Value::Number(n) => {
            let text = n.to_string();
            if scrub(&text) == text {
                value.clone()
            } else {
                Value::String(MASK.into())
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(scrub_value).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    // Keys infer or the API defines, and the API's words
                    // where the API puts them, are infer's: left whole.
                    let key = if trust::is_key(k) {
                        k.clone()
                    } else {
                        scrub(k)
                    };
                    let value = match v {
                        Value::String(s) if trust::is_word_value(k, s) => v.clone(),
                        v => scrub_value(v),
                    };
                    (key, value)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

// The variables that hold a credential (read by `src/connection/layers.rs`
// and `start_local.rs`).
use crate::vocabulary::CREDENTIAL_VARIABLES as CREDENTIAL_VARS;

/// Mask, from the start, every credential the environment holds: a
/// message may echo one (an argument, a file) before the connection is
/// read.
pub fn register_environment() {
    for var in CREDENTIAL_VARS {
        if let Ok(value) = std::env::var(var) {
            register(&value);
            register(value.trim_end_matches(['\r', '\n']));
        }
    }
}

/// The first place in `value` (dotted, from `at`) whose text holds the
/// mask: infer's output fed back as input (a `get` output given to
/// `update --settings`, a `list --json` kept as a file of endpoints), where
/// a secret was masked. Sending it would store the mask in its place.
pub fn mask_in(value: &Value, at: &str) -> Option<String> {
    match value {
        Value::String(s) if s.contains(MASK) => Some(at.to_string()),
        Value::Object(map) => mask_in_map(map, at),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| mask_in(v, &format!("{at}[{i}]"))),
        _ => None,
    }
}

/// `mask_in`, for an object.
pub fn mask_in_map(map: &serde_json::Map<String, Value>, at: &str) -> Option<String> {
    map.iter().find_map(|(k, v)| {
        let path = if at.is_empty() {
            k.clone()
        } else {
            format!("{at}.{k}")
        };
        mask_in(v, &path)
    })
}

/// The refusal for a mask fed back at `path`.
pub fn mask_refused(path: &str) -> String {
    format!(
        "{path} holds {MASK}, where infer's output masked a value: infer will not send the mask \
         in its place; give the value itself (a secret with --secret-env, --secret-file or \
         --secret, or in a file of endpoints as env:VAR or file:PATH), or leave the field out"
    )
}

/// Whether `text`, given as the file a secret lives in and found
/// unusable, is clearly a path, so that a message may repeat it: it starts
/// at `/`, `./`, `../` or `~/`, and the folder it names exists (or it
/// names a file that exists). Anything
/// else may be the secret itself, pasted in the wrong place: it is masked
/// from now on, and a message says what was expected instead.
pub fn clearly_a_path(text: &str) -> bool {
    let rooted = ["/", "./", "../", "~/"].iter().any(|p| text.starts_with(p));
    let expanded = match text.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(rest)),
        None => Some(std::path::PathBuf::from(text)),
    };
    let folder_exists = expanded
        .as_deref()
        .and_then(std::path::Path::parent)
        .is_some_and(|d| {
            d != std::path::Path::new("/") && d != std::path::Path::new("") && d.is_dir()
        });
    let exists = std::path::Path::new(text).exists();
    let clear = exists || (rooted && folder_exists && !text.contains(char::is_whitespace));
    if !clear {
        register(text);
    }
    clear
}

/// What a message says of a variable given for a secret that is not set:
/// never its name, which may be the secret itself (a key made of letters,
/// digits and `_` reads as a name); masked from now on.
pub fn unset_variable(text: &str) -> &'static str {
    register(text);
    "names no environment variable that is set (what was given is not repeated, as it may be \
     the secret itself)"
}

/// Whether `text` can name an environment variable: `[A-Za-z_][A-Za-z0-9_]*`.
/// Anything else given where a name belongs may be the secret itself.
pub fn is_var_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A credential or provider secret. `Debug` and `Display` print a mask; the
/// raw value is reachable only through [`Secret::expose_secret`]. Made
/// once, it is registered: no output shows it afterwards.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        register(&value);
        Secret(value)
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
/// settings of every service (elasticsearch-specification `CommonTypes.ts`,
/// the server's `*SecretSettings` classes); the patterns catch the rest
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
    // A header's name spells words with `-` (`x-api-key`).
    let name = name.to_ascii_lowercase().replace('-', "_");
    NAMED.contains(&name.as_str())
        || name.contains("secret")
        || name.contains("password")
        || name.contains("authorization")
        || name.ends_with("_key")
        || name == "token"
        || name.ends_with("_token")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_never_formats_its_value() {
        let s = Secret::new("hunter2-never-formatted");
        assert_eq!(format!("{s} {s:?}"), "**** ****");
        assert_eq!(s.expose_secret(), "hunter2-never-formatted");
        // Registered: the global scrub masks it.
        assert_eq!(scrub("x hunter2-never-formatted y"), "x **** y");
    }

    #[test]
    fn scrubbed_values_stay_json() {
        register("4815162342481516");
        register("VALUE-SENTINEL-scrub");
        let v = json!({"a": 4815162342481516u64, "VALUE-SENTINEL-scrub": ["x VALUE-SENTINEL-scrub"], "n": 2});
        assert_eq!(
            scrub_value(&v),
            json!({"a": MASK, MASK: ["x ****"], "n": 2})
        );
    }

    #[test]
    fn variable_names() {
        for ok in ["ES_API_KEY", "_x", "a1"] {
            assert!(is_var_name(ok), "{ok}");
        }
        for bad in ["", "1A", "sk-abc", "A B", "X}$(id)", "é"] {
            assert!(!is_var_name(bad), "{bad}");
        }
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
