//! The secret flags, which fill `service_settings.NAME` from a prompt, a
//! variable or a file (`--set` and `--unset` are in `set.rs`).

use anyhow::Result;
use serde_json::Value;

use super::read::{read_file, read_stdin};
use super::set::{check_depth, set_path};
use super::{Body, Inputs, SecretSource, section_mut};
use crate::error::Error;
use crate::limits::MAX_SECRET;
use crate::prompt;
use crate::secret::{self, Secret};

/// The secret flags, in order: prompts, variables, files.
pub(super) fn secrets(body: &mut Body, inputs: &Inputs) -> Result<()> {
    given_once(inputs)?;
    for name in inputs.secret_prompts {
        let name = secret_name(name, "--secret", name)?;
        let value = prompt::flows::secret_setting(&mut prompt::Terminal, name)?;
        set_secret(body, name, value, "the prompt")?;
    }
    let at = |places: &[usize], i: usize| places.get(i).copied().unwrap_or(i);
    for (i, spec) in inputs.secret_envs.iter().enumerate() {
        secret_env(body, at(inputs.secret_env_at, i), spec)?;
    }
    for (i, spec) in inputs.secret_files.iter().enumerate() {
        secret_file(body, at(inputs.secret_file_at, i), spec)?;
    }
    Ok(())
}

/// Each secret is given by one flag: two would leave one silently unused.
/// Checked before anything is asked or read.
fn given_once(inputs: &Inputs) -> Result<()> {
    let named = |spec: &String| spec.split_once('=').map(|(name, _)| name.to_string());
    let names = (inputs.secret_prompts.iter().cloned())
        .chain(inputs.secret_envs.iter().filter_map(named))
        .chain(inputs.secret_files.iter().filter_map(named));
    let mut seen = std::collections::BTreeSet::new();
    for name in names {
        let bare = super::bare(&name).to_string();
        if !seen.insert(bare.clone()) {
            // A name is said only when it reads as one (a key pasted in
            // its place, twice, is not repeated).
            let plain = bare
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.".contains(c));
            let which = match plain {
                true => format!("service_settings.{bare}"),
                false => "one secret".to_string(),
            };
            return Err(Error::usage(format!(
                "{which} is given twice (by --secret, --secret-env or --secret-file): give each \
                 secret once; nothing was sent"
            )));
        }
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
    if rest.is_empty() && secret_name(name, at, name).is_ok() {
        // Nothing that could be a secret was given, so nothing is masked
        // (`api_key=` masked would garble the example).
        return Err(Error::usage(format!(
            "{at}: nothing follows {name}=: expected {form}, e.g. {example}"
        )));
    }
    if rest.is_empty() || secret_name(name, at, name).is_err() {
        return Err(malformed());
    }
    Ok((secret_name(name, at, name)?, rest))
}

fn secret_name<'s>(name: &'s str, flag: &str, spec: &str) -> Result<&'s str> {
    check_depth(flag, name)?;
    let name = super::bare(name);
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
    let path = format!("service_settings.{name}");
    let keys: Vec<&str> = name.split('.').collect();
    set_path(
        section_mut(body, "service_settings"),
        &keys,
        Value::String(trimmed.to_string()),
    );
    body.secret_paths.push(path);
    Ok(())
}
