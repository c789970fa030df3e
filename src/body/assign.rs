//! The inputs that set single values: `--set`, and the secret flags that
//! fill `service_settings.NAME` from a prompt, a variable or a file.

use anyhow::Result;
use serde_json::{Map, Value};

use super::read::{read_file, read_stdin};
use super::{Body, Inputs, SECTIONS, SecretSource, kind_of, section_mut};
use crate::error::Error;
use crate::json::{self, Keys};
use crate::limits::{MAX_DEPTH, MAX_SECRET};
use crate::prompt;
use crate::secret::{self, Secret};

/// The secret flags, in order: prompts, variables, files.
pub(super) fn secrets(body: &mut Body, inputs: &Inputs) -> Result<()> {
    for name in inputs.secret_prompts {
        let name = secret_name(name, "--secret", name)?;
        if !prompt::can_prompt() {
            return Err(Error::usage(format!(
                "--secret {name} asks on a terminal, and there is none: use \
                 --secret-env {name}=VAR or --secret-file {name}=PATH"
            )));
        }
        let value = prompt::hidden(&format!("service_settings.{name}"))?;
        set_secret(body, name, value, "the prompt")?;
    }
    for spec in inputs.secret_envs {
        let (name, var) = split_pair(spec, "--secret-env", "NAME=VAR")?;
        let value = std::env::var(var).map_err(|e| {
            Error::usage(format!(
                "--secret-env {spec}: environment variable {var} {}: export it first",
                match e {
                    std::env::VarError::NotPresent => "is not set",
                    std::env::VarError::NotUnicode(_) => "is not valid UTF-8",
                }
            ))
        })?;
        set_secret(
            body,
            name,
            Secret::new(value),
            &format!("environment variable {var}"),
        )?;
        body.secret_sources.push((
            format!("service_settings.{name}"),
            SecretSource::Env(var.to_string()),
        ));
    }
    for spec in inputs.secret_files {
        let (name, path) = split_pair(spec, "--secret-file", "NAME=PATH")?;
        let value = if path == "-" {
            read_stdin(&format!("--secret-file {spec}"), MAX_SECRET)?
        } else {
            read_file(path, "secret file", MAX_SECRET)?
        };
        let origin = if path == "-" {
            "stdin".to_string()
        } else {
            format!("secret file {path}")
        };
        set_secret(body, name, Secret::new(value), &origin)?;
        if path != "-" {
            body.secret_sources.push((
                format!("service_settings.{name}"),
                SecretSource::File(path.to_string()),
            ));
        }
    }
    Ok(())
}

/// `SECTION.KEY[.KEY…]=STRING` or `SECTION.KEY[.KEY…]:=JSON`.
pub(super) fn apply_set(body: &mut Body, assignment: &str) -> Result<()> {
    let usage = || {
        Error::usage(format!(
            "--set '{assignment}': expected SECTION.KEY=STRING or SECTION.KEY:=JSON, \
             e.g. task_settings.user=me or service_settings.num_allocations:=2"
        ))
    };
    let eq = assignment.find('=').ok_or_else(usage)?;
    let (path, json) = match assignment[..eq].strip_suffix(':') {
        Some(path) => (path, true),
        None => (&assignment[..eq], false),
    };
    check_depth("--set", path)?;
    let text = &assignment[eq + 1..];
    // Messages show the assignment, but never the value of a secret.
    let is_secret = path.split('.').any(secret::is_secret_field);
    let shown = if is_secret {
        format!("{path}{}{}", if json { ":=" } else { "=" }, secret::MASK)
    } else {
        assignment.to_string()
    };
    let value = if json {
        json::parse(text, Keys::Unique).map_err(|problem| match problem {
            json::Problem::Syntax(e) => Error::usage(format!(
                "--set '{shown}': the value after := must be JSON ({e}); \
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
    set_path(section_mut(body, section), &keys, value);
    Ok(())
}

/// A dotted path of at most `MAX_DEPTH` keys, so that the value it builds
/// stays within the nesting limit.
fn check_depth(flag: &str, path: &str) -> Result<()> {
    let keys = path.split('.').count();
    if keys <= MAX_DEPTH {
        return Ok(());
    }
    let start: String = path.chars().take(40).collect();
    Err(Error::usage(format!(
        "{flag} {start}…: the path has {keys} keys, more than the limit of {MAX_DEPTH}"
    )))
}

fn set_path(map: &mut Map<String, Value>, keys: &[&str], value: Value) {
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

pub(super) fn note_literal_secrets(body: &mut Body, section: &str, value: &Value) {
    for (path, _) in secret::masked(value, &[]) {
        body.literal_secrets.push(format!("{section}.{path}"));
    }
}

fn split_pair<'s>(spec: &'s str, flag: &str, form: &str) -> Result<(&'s str, &'s str)> {
    let (name, rest) = spec.split_once('=').ok_or_else(|| {
        Error::usage(format!(
            "{flag} '{spec}': expected {form}, e.g. {flag} api_key={}",
            &form[5..]
        ))
    })?;
    let name = secret_name(name, flag, spec)?;
    if rest.is_empty() {
        return Err(Error::usage(format!("{flag} '{spec}': expected {form}")));
    }
    Ok((name, rest))
}

fn secret_name<'s>(name: &'s str, flag: &str, spec: &str) -> Result<&'s str> {
    check_depth(flag, name)?;
    let name = name.strip_prefix("service_settings.").unwrap_or(name);
    if name.is_empty() || name.split('.').any(str::is_empty) {
        return Err(Error::usage(format!(
            "{flag} '{spec}': name the secret field of service_settings, e.g. api_key"
        )));
    }
    Ok(name)
}

/// Put a secret into `service_settings.NAME`. A trailing newline (from
/// `echo` or an editor) is dropped: it would break the key.
fn set_secret(body: &mut Body, name: &str, value: Secret, origin: &str) -> Result<()> {
    let trimmed = value.expose_secret().trim_end_matches(['\r', '\n']);
    if trimmed.is_empty() {
        return Err(Error::usage(format!(
            "the secret service_settings.{name} from {origin} is empty"
        )));
    }
    let keys: Vec<&str> = name.split('.').collect();
    set_path(
        section_mut(body, "service_settings"),
        &keys,
        Value::String(trimmed.to_string()),
    );
    body.secret_paths.push(format!("service_settings.{name}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{Inputs, build};
    use super::*;
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
            assert!(err.to_string().contains(bad), "{bad}: {err}");
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
