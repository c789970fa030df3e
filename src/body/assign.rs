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
        let value = prompt::flows::secret_setting(&mut prompt::Terminal, name)?;
        set_secret(body, name, value, "the prompt")?;
    }
    for (i, spec) in inputs.secret_envs.iter().enumerate() {
        secret_env(body, i, spec)?;
    }
    for (i, spec) in inputs.secret_files.iter().enumerate() {
        secret_file(body, i, spec)?;
    }
    Ok(())
}

/// The `i`th (from 0) `--secret-env NAME=VAR`.
fn secret_env(body: &mut Body, i: usize, spec: &str) -> Result<()> {
    let at = format!("the {} --secret-env", ordinal(i + 1));
    let (name, var) = split_pair(spec, &at, "NAME=VAR", "api_key=OPENAI_API_KEY")?;
    if !secret::is_var_name(var) {
        // Most likely the secret itself: never repeated, never kept.
        secret::register(spec);
        secret::register(var);
        return Err(Error::usage(format!(
            "{at}: what follows NAME= is not an environment variable name (letters, \
             digits and _, not starting with a digit), so infer does not repeat it: if it \
             is the secret itself, put it in a variable and give the variable's name"
        )));
    }
    let value = std::env::var(var).map_err(|e| match e {
        std::env::VarError::NotPresent => Error::usage(format!(
            "{at}: what follows {name}= {}: export the variable first, or put the secret \
             in one and give the variable's name",
            secret::unset_variable(var)
        )),
        std::env::VarError::NotUnicode(_) => Error::usage(format!(
            "--secret-env {spec}: environment variable {var} is not valid UTF-8"
        )),
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
    Ok(())
}

/// The `i`th (from 0) `--secret-file NAME=PATH` (`-`: stdin).
fn secret_file(body: &mut Body, i: usize, spec: &str) -> Result<()> {
    let at = format!("the {} --secret-file", ordinal(i + 1));
    let (name, path) = split_pair(spec, &at, "NAME=PATH", "api_key=./key.txt")?;
    let value = if path == "-" {
        read_stdin(&format!("--secret-file {spec}"), MAX_SECRET)?
    } else {
        match read_file(path, "secret file", MAX_SECRET) {
            Ok(value) => {
                crate::local_file::warn_if_public(std::path::Path::new(path));
                value
            }
            Err(e) if secret::clearly_a_path(path) => return Err(e),
            Err(_) => {
                secret::register(spec);
                return Err(Error::usage(format!(
                    "{at}: what follows {name}= is no file infer can read, and is not \
                     repeated, as it may be the secret itself: give the path of a file \
                     that holds the secret (./key.txt), or - to read it from stdin"
                )));
            }
        }
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
    Ok(())
}

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

/// `1st`, `2nd`, `3rd`, `4th` … `11th` … `21st`.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
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

pub(super) fn note_literal_secrets(body: &mut Body, section: &str, value: &Value) {
    for found in secret::find(value, &[]) {
        body.literal_secrets
            .push(format!("{section}.{}", found.path()));
    }
}

/// `NAME=REST` of a secret flag. A malformed one is not repeated: it may be
/// the secret itself (a base64 key ends with `=`); `at` names the flag and
/// its place on the command line instead.
fn split_pair<'s>(
    spec: &'s str,
    at: &str,
    form: &str,
    example: &str,
) -> Result<(&'s str, &'s str)> {
    let malformed = || {
        secret::register(spec);
        Error::usage(format!(
            "{at}: expected {form}, e.g. {example}; what was given is not repeated, as it may \
             be a secret"
        ))
    };
    let (name, rest) = spec.split_once('=').ok_or_else(malformed)?;
    // The name (before `=`) is no secret: a path too deep is said as such.
    check_depth(at, name)?;
    if rest.is_empty() || secret_name(name, at, name).is_err() {
        return Err(malformed());
    }
    Ok((secret_name(name, at, name)?, rest))
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
