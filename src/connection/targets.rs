//! Several targets: the clusters of `diff` (and, once they take several,
//! of `plan`, `apply` and `rotate`), given `--profile` more than once, or
//! `--all-profiles`.
//!
//! Each target is a profile of the config file, resolved exactly as one
//! profile named with `--profile` is (`unit.rs`): used whole, so a
//! connection flag beside it (`--url`, `--api-key`, …) is an error and the
//! connection variables (`ES_URL`, `ES_API_KEY`, …) are not used, unless
//! the profile itself names one (`api_key = "env:PROD_KEY"`). A credential
//! therefore never reaches another target's cluster.
//!
//! ```ignore
//! if let Some(chosen) = Chosen::of(&flags)? {
//!     for t in targets::resolve(&flags, &chosen, false)? { /* t.profile, t.connection */ }
//! }
//! ```

use anyhow::Result;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Connection, Flags};
use crate::config;
use crate::error::Error;

/// One cluster to work on: the profile that names it, and its connection.
#[derive(Debug)]
pub struct Target {
    pub profile: String,
    pub connection: Connection,
}

/// Which profiles were asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    /// `--profile A --profile B…` (or `INFER_PROFILE`'s one name): in the
    /// order given.
    Named(Vec<String>),
    /// `--all-profiles`: every profile of the config file, sorted by name.
    All,
}

impl Chosen {
    /// What `flags` ask for; `None` when no profile is named at all (the
    /// command then works on the one connection of today's rules).
    /// `--all-profiles` beside a `--profile` flag is an error; beside
    /// `INFER_PROFILE` it wins, as every flag wins over its variable.
    pub fn of(flags: &Flags) -> Result<Option<Chosen>> {
        match (flags.all_profiles, flags.profiles.is_empty()) {
            (true, false) if !flags.profile_from_env => Err(Error::usage(
                "--all-profiles names every profile, and --profile names some: give one or \
                 the other",
            )),
            (true, _) => Ok(Some(Chosen::All)),
            (false, true) => Ok(None),
            (false, false) => Ok(Some(Chosen::Named(flags.profiles.clone()))),
        }
    }
}

/// The targets of `chosen`, in its order. Errors, before anything is sent:
/// a profile the config file does not have (or no config file), a profile
/// named twice, `--all-profiles` with no profile configured, and two
/// targets that connect to the same URL.
pub fn resolve(flags: &Flags, chosen: &Chosen, offline: bool) -> Result<Vec<Target>> {
    let origin = if flags.profile_from_env {
        "INFER_PROFILE"
    } else {
        "--profile"
    };
    let (path, known) = known_profiles()?;
    let names = names(chosen, origin, &path, &known)?;
    let mut targets: Vec<Target> = Vec::new();
    for name in names {
        let one = Flags {
            profile: Some(name.clone()),
            profiles: vec![name.clone()],
            // Kept, so that an error names the flag that named the profile.
            all_profiles: chosen == &Chosen::All,
            // An `--all-profiles` target is named by the flag.
            profile_from_env: flags.profile_from_env && matches!(chosen, Chosen::Named(_)),
            ..flags.clone()
        };
        let connection = super::resolve(one, offline)?;
        let other = targets
            .iter()
            .find(|t| t.connection.base_url == connection.base_url);
        if let Some(other) = other {
            return Err(Error::usage(same_url(
                &other.profile,
                &name,
                &connection.base_url,
            )));
        }
        targets.push(Target {
            profile: name,
            connection,
        });
    }
    Ok(targets)
}

/// The names of the profiles of the config file, sorted: those
/// `--all-profiles` names, known before any is resolved.
pub fn all_names() -> Result<Vec<String>> {
    Ok(known_profiles()?.1)
}

/// The config file's path and the names of its profiles, sorted (none
/// when there is no file).
fn known_profiles() -> Result<(PathBuf, Vec<String>)> {
    let Some(path) = config::path() else {
        return Err(Error::usage(
            "profiles are asked for, and there is no config file (neither INFER_CONFIG nor \
             HOME is set): create one with `infer config init`",
        ));
    };
    let known = match config::read(&path)? {
        Some(file) => file.profiles.into_keys().collect(),
        None => Vec::new(),
    };
    Ok((path, known))
}

/// The profile names of `chosen`, each checked against `known`, the
/// profiles of the config file at `path`; `origin` names the flag.
fn names(chosen: &Chosen, origin: &str, path: &Path, known: &[String]) -> Result<Vec<String>> {
    let names = match chosen {
        Chosen::All if known.is_empty() => {
            return Err(Error::usage(format!(
                "--all-profiles: {} holds no profile; add one with `infer config init --profile \
                 NAME`",
                path.display()
            )));
        }
        Chosen::All => return Ok(known.to_vec()),
        Chosen::Named(names) => names,
    };
    let mut seen = BTreeSet::new();
    for name in names {
        config::check_profile_name(name, origin)?;
        if !seen.insert(name) {
            return Err(Error::usage(format!(
                "{origin} {name} is given twice: name each cluster once"
            )));
        }
        if !known.contains(name) {
            let has = if known.is_empty() {
                format!("none: add one with `infer config init --profile {name}`")
            } else {
                format!("{} (`infer config list` lists them)", known.join(", "))
            };
            return Err(Error::usage(format!(
                "{origin} {name}: {} has no profile '{name}'; it has: {has}",
                path.display()
            )));
        }
    }
    Ok(names.clone())
}

/// The error for two targets with one URL.
fn same_url(first: &str, second: &str, url: &reqwest::Url) -> String {
    format!(
        "profiles '{first}' and '{second}' both connect to {}: two targets must be two \
         clusters; name only one of them, or correct the url of one (`infer config list` shows \
         them); nothing was sent",
        crate::secret::url::shown(url.as_str())
    )
}

#[cfg(test)]
mod tests;
