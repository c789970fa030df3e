//! The inputs that set single values by their dotted path: `--set` and
//! `--unset`.

use anyhow::Result;
use serde_json::{Map, Value};

use super::{Body, SECTIONS, kind_of, section_mut};
use crate::error::Error;
use crate::json::{self, Keys};
use crate::limits::MAX_DEPTH;
use crate::secret;

/// `SECTION.KEY[.KEY…]=STRING` or `SECTION.KEY[.KEY…]:=JSON`. Messages
/// show the assignment, but never a value that may be a secret: the value
/// of a secret field, or JSON that cannot be read (whose structure is not
/// known).
pub(super) fn apply_set(body: &mut Body, assignment: &str) -> Result<()> {
    let eq = assignment.find('=');
    let (path, json) = match eq {
        Some(eq) => match assignment[..eq].strip_suffix(':') {
            Some(path) => (path, true),
            None => (&assignment[..eq], false),
        },
        None => (assignment, false),
    };
    let text = eq.map_or("", |eq| &assignment[eq + 1..]);
    let is_secret = path
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(secret::is_secret_field);
    if is_secret {
        secret::register(text);
    }
    let op = if json { ":=" } else { "=" };
    let shown = match (eq, is_secret) {
        (Some(_), true) => format!("{path}{op}{}", secret::MASK),
        (None, true) => secret::MASK.to_string(),
        _ => assignment.to_string(),
    };
    let usage = || {
        Error::usage(format!(
            "--set '{shown}': expected SECTION.KEY=STRING or SECTION.KEY:=JSON, \
             e.g. task_settings.user=me or service_settings.num_allocations:=2"
        ))
    };
    if eq.is_none() {
        return Err(usage());
    }
    check_depth("--set", path)?;
    let value = if json {
        json::parse(text, Keys::Unique).map_err(|problem| match problem {
            json::Problem::Syntax(e) => Error::usage(format!(
                "--set '{path}:=…': the value after := must be JSON ({e}); \
                 for a plain string use = instead"
            )),
            other => Error::usage(other.describe(&format!("the value of --set {path}"))),
        })?
    } else {
        // `=` always sends a string: say so when the text reads as another value.
        if let (false, Ok(v @ (Value::Number(_) | Value::Bool(_) | Value::Null))) =
            (is_secret, serde_json::from_str::<Value>(text))
        {
            body.warnings.push(format!(
                "--set {assignment} sends the string \"{text}\"; for {} write --set {path}:={text}",
                kind_of(&v)
            ));
        }
        Value::String(text.to_string())
    };
    let mut keys = path.split('.');
    let section = keys.next().unwrap_or_default();
    if !SECTIONS.contains(&section) {
        return Err(Error::usage(format!(
            "--set '{shown}': '{section}' is not a settings section; use one of {}",
            SECTIONS.join(", ")
        )));
    }
    let keys: Vec<&str> = keys.collect();
    if keys.is_empty() || keys.iter().any(|k| k.is_empty()) {
        return Err(usage());
    }
    if is_secret {
        body.literal_secrets.push(path.to_string());
    }
    body.set_paths.push(path.to_string());
    set_path(section_mut(body, section), &keys, value);
    Ok(())
}

/// A dotted path of at most `MAX_DEPTH` keys, so that the value it builds
/// stays within the nesting limit.
pub(super) fn check_depth(flag: &str, path: &str) -> Result<()> {
    let keys = path.split('.').count();
    if keys <= MAX_DEPTH {
        return Ok(());
    }
    let start: String = path.chars().take(40).collect();
    Err(Error::usage(format!(
        "{flag} {start}…: the path has {keys} keys, more than the limit of {MAX_DEPTH}"
    )))
}

pub(super) fn set_path(map: &mut Map<String, Value>, keys: &[&str], value: Value) {
    match keys {
        [] => {}
        [last] => {
            map.insert((*last).to_string(), value);
        }
        [first, rest @ ..] => {
            let slot = map
                .entry((*first).to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            if let Value::Object(inner) = slot {
                set_path(inner, rest, value);
            }
        }
    }
}

/// `--unset SECTION.KEY[.KEY…]`: send `null`, which the newest servers
/// read as "reset to the default, or clear" (#126479). Whether the server
/// and the service do is checked against the stored endpoint.
pub(super) fn apply_unset(body: &mut Body, path: &str) -> Result<()> {
    let mut keys = path.split('.');
    let section = keys.next().unwrap_or_default();
    let keys: Vec<&str> = keys.collect();
    if !matches!(section, "service_settings" | "task_settings")
        || keys.is_empty()
        || keys.iter().any(|k| k.is_empty())
    {
        return Err(Error::usage(format!(
            "--unset '{path}': expected service_settings.KEY or task_settings.KEY, e.g. \
             --unset service_settings.rate_limit (chunking settings are replaced whole: give \
             them with --chunking-settings)"
        )));
    }
    if keys.iter().any(|k| secret::is_secret_field(k)) {
        return Err(Error::usage(format!(
            "--unset '{path}': a secret cannot be removed from an endpoint, only replaced: \
             give the new one with --secret-env or --secret-file"
        )));
    }
    set_path(section_mut(body, section), &keys, Value::Null);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{Body, Inputs, build};
    use serde_json::json;

    fn sets(list: &[&str]) -> Body {
        let owned: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        build(&Inputs {
            sets: &owned,
            ..Inputs::default()
        })
        .unwrap()
    }

    #[test]
    fn set_handles_strings_json_and_nesting() {
        let body = sets(&[
            "task_settings.user=me",
            "service_settings.rate_limit.requests_per_minute:=500",
            "task_settings.flag:=true",
            "task_settings.eq=a=b",
        ]);
        assert_eq!(
            body.to_json(),
            json!({"task_settings": {"user": "me", "flag": true, "eq": "a=b"},
                   "service_settings": {"rate_limit": {"requests_per_minute": 500}}})
        );
    }

    #[test]
    fn set_rejects_bad_forms() {
        for bad in [
            "nothing",
            "foo.x=1",
            "task_settings=1",
            "task_settings..x=1",
            "task_settings.x:=nope",
        ] {
            let owned = vec![bad.to_string()];
            let err = build(&Inputs {
                sets: &owned,
                ..Inputs::default()
            })
            .unwrap_err();
            assert_eq!(crate::error::exit_code(&err), 2, "{bad}");
            // JSON that cannot be read is not repeated: it may hold a secret.
            let shown = bad.split_once(":=").map_or(bad, |(path, _)| path);
            assert!(err.to_string().contains(shown), "{bad}: {err}");
        }
    }

    #[test]
    fn set_warns_when_a_string_looks_like_another_value() {
        let body = sets(&[
            "task_settings.top_n=3",
            "task_settings.flag=false",
            "task_settings.user=me",
        ]);
        assert_eq!(
            body.warnings,
            [
                "--set task_settings.top_n=3 sends the string \"3\"; for a number write --set task_settings.top_n:=3",
                "--set task_settings.flag=false sends the string \"false\"; for a boolean write --set task_settings.flag:=false",
            ]
        );
    }

    #[test]
    fn set_errors_never_show_a_secrets_value() {
        for bad in ["service_settings.api_key:=sk-x", "secrets.api_key=sk-x"] {
            let owned = vec![bad.to_string()];
            let err = build(&Inputs {
                sets: &owned,
                ..Inputs::default()
            })
            .unwrap_err();
            assert!(!err.to_string().contains("sk-x"), "{err}");
            assert!(err.to_string().contains("api_key"), "{err}");
        }
        let body = sets(&["service_settings.api_key=12345"]);
        assert!(body.warnings.is_empty(), "{:?}", body.warnings);
    }

    #[test]
    fn literal_secrets_are_noticed() {
        let body = sets(&["service_settings.api_key=sk-x"]);
        assert_eq!(body.literal_secrets, ["service_settings.api_key"]);
        let body = build(&Inputs {
            service_settings: Some(r#"{"api_key": "k", "model_id": "m"}"#),
            ..Inputs::default()
        })
        .unwrap();
        assert_eq!(body.literal_secrets, ["service_settings.api_key"]);
    }
}
