//! `rotate`'s secret flags on several clusters: `--secret-env
//! api_key=VAR` gives every cluster the same key, `--secret-env
//! prod:api_key=PROD_VAR` (or `--secret-file prod:api_key=PATH`) gives the
//! cluster of profile `prod` its own, which wins over the shared one
//! there. A profile name is letters, digits, `_` and `-`, and a secret's
//! name never holds a `:`, so the prefix is unambiguous.

use anyhow::Result;
use std::collections::BTreeMap;

use super::{Body, Inputs};
use crate::error::Error;

/// The secret flags, those for every cluster and those for one profile.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Split {
    pub shared: Flags,
    pub by_profile: BTreeMap<String, Flags>,
}

/// Some `--secret-env` and `--secret-file` values, without their prefix,
/// and where each stood among all the flags of its kind (from 0), which
/// is what an error about it calls it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub envs: Vec<String>,
    pub files: Vec<String>,
    pub env_at: Vec<usize>,
    pub file_at: Vec<usize>,
}

impl Flags {
    /// What `body::build` reads of these flags.
    pub fn inputs(&self) -> Inputs<'_> {
        Inputs {
            secret_envs: &self.envs,
            secret_files: &self.files,
            secret_env_at: &self.env_at,
            secret_file_at: &self.file_at,
            ..Inputs::default()
        }
    }
}

impl Flags {
    /// The secrets these flags give (`api_key` of `api_key=VAR`).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.envs
            .iter()
            .chain(&self.files)
            .filter_map(|s| s.split_once('=').map(|(name, _)| super::bare(name)))
    }
}

/// The profile a flag's value names before its `NAME=`, and the rest.
fn prefixed(spec: &str) -> Option<(&str, &str)> {
    let (name, _) = spec.split_once('=')?;
    let (profile, _) = name.split_once(':')?;
    crate::config::is_profile_name(profile).then(|| (profile, &spec[profile.len() + 1..]))
}

/// `--secret NAME` takes no profile: a typed secret goes to every
/// cluster of the run. Refused before anything is asked.
pub fn check_prompts(prompts: &[String]) -> Result<()> {
    if prompts.iter().any(|name| name.contains(':')) {
        return Err(Error::usage(
            "--secret takes no PROFILE: prefix: a typed secret goes to every cluster of the \
             run; give one cluster its own with --secret-env PROFILE:NAME=VAR or --secret-file \
             PROFILE:NAME=PATH; nothing was asked or sent",
        ));
    }
    Ok(())
}

/// Split the values of `--secret-env` and `--secret-file` by the profile
/// they name. stdin (`--secret-file NAME=-`) can be read once, whatever
/// profile names it.
pub fn split(envs: &[String], files: &[String]) -> Result<Split> {
    let mut split = Split::default();
    let stdin: Vec<&String> = files
        .iter()
        .filter(|s| s.split_once('=').is_some_and(|(_, path)| path == "-"))
        .collect();
    if let [first, second, ..] = stdin.as_slice() {
        return Err(Error::usage(format!(
            "--secret-file {first} and --secret-file {second} both read stdin, which can feed \
             only one of them: give the other a file"
        )));
    }
    for (specs, files) in [(envs, false), (files, true)] {
        let flag = if files {
            "--secret-file"
        } else {
            "--secret-env"
        };
        for (at, spec) in specs.iter().enumerate() {
            let before = spec.split_once('=').map_or("", |(name, _)| name);
            let (flags, rest) = match prefixed(spec) {
                Some((profile, rest)) => (
                    split.by_profile.entry(profile.to_string()).or_default(),
                    rest,
                ),
                None if before.contains(':') => {
                    return Err(Error::usage(format!(
                        "a {flag} value has a ':' before its '=', and what precedes the ':' \
                         is not a profile name (letters, digits, _ and -): write \
                         PROFILE:NAME=…, e.g. prod:api_key=PROD_KEY, or NAME=… for every \
                         cluster; nothing was sent"
                    )));
                }
                None => (&mut split.shared, spec.as_str()),
            };
            let (list, places) = if files {
                (&mut flags.files, &mut flags.file_at)
            } else {
                (&mut flags.envs, &mut flags.env_at)
            };
            list.push(rest.to_string());
            places.push(at);
        }
    }
    Ok(split)
}

impl Split {
    /// Refuse a profile that is not one of `targets` (the profiles of the
    /// run; `None` when no profile is in use).
    pub fn check_profiles(&self, targets: &[Option<&str>]) -> Result<()> {
        let Some(unknown) = self
            .by_profile
            .keys()
            .find(|p| !targets.contains(&Some(p.as_str())))
        else {
            return Ok(());
        };
        let named: Vec<&str> = targets.iter().flatten().copied().collect();
        let fix = match named.as_slice() {
            [] => "no profile is in use (give --profile NAME)".to_string(),
            names => format!("the clusters of this run are {}", names.join(", ")),
        };
        Err(Error::usage(format!(
            "a secret flag names profile '{unknown}' ({unknown}:NAME=…), and {fix}: name one \
             of them, or leave the prefix out to give every cluster the same secret; nothing \
             was sent"
        )))
    }

    /// The secret each target gets: the shared flags (read once into
    /// `shared`), with its own profile's read and laid over them.
    pub fn for_profile(&self, shared: &Body, profile: Option<&str>) -> Result<Body> {
        let Some(own) = profile.and_then(|p| self.by_profile.get(p)) else {
            return Ok(shared.clone());
        };
        let own = super::build(&own.inputs())?;
        Ok(shared.overlaid(own))
    }
}

impl Body {
    /// This body of secrets with `over`'s laid over it: a secret both hold
    /// is `over`'s.
    pub fn overlaid(&self, over: Body) -> Body {
        let mut body = self.clone();
        for path in &over.secret_paths {
            body.secret_paths.retain(|p| p != path);
            body.secret_sources.retain(|(p, _)| p != path);
        }
        for (key, value) in over.sections {
            let mut section = serde_json::Map::new();
            section.insert(key, value);
            super::merge(&mut body.sections, serde_json::Value::Object(section));
        }
        body.secret_paths.extend(over.secret_paths);
        body.secret_sources.extend(over.secret_sources);
        body.literal_secrets.extend(over.literal_secrets);
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_prefix_names_a_profile_and_no_prefix_every_cluster() {
        let split = split(
            &strings(&["api_key=SHARED", "prod:api_key=PROD_KEY"]),
            &strings(&["stage-2:api_key=./k:ey", "x:y.z=V"]),
        )
        .unwrap();
        assert_eq!(split.shared.envs, strings(&["api_key=SHARED"]));
        assert!(split.shared.files.is_empty());
        assert_eq!(split.by_profile["x"].files, strings(&["y.z=V"]));
        assert_eq!(
            split.by_profile["prod"].envs,
            strings(&["api_key=PROD_KEY"])
        );
        // Each where it stood among its kind: what an error calls it.
        assert_eq!(split.shared.env_at, [0]);
        assert_eq!(split.by_profile["prod"].env_at, [1]);
        assert_eq!(split.by_profile["x"].file_at, [1]);
        assert_eq!(split.by_profile["stage-2"].file_at, [0]);
        assert_eq!(
            split.by_profile["stage-2"].files,
            strings(&["api_key=./k:ey"])
        );
        let err = split.check_profiles(&[Some("prod")]).unwrap_err();
        assert!(err.to_string().contains("profile 'stage-2'"), "{err}");
        assert!(err.to_string().contains("are prod"), "{err}");
        split
            .check_profiles(&[Some("prod"), Some("stage-2"), Some("x")])
            .unwrap();
    }

    #[test]
    fn a_colon_after_what_is_no_profile_name_is_refused() {
        let err = split(&strings(&["pr od:api_key=V"]), &[]).unwrap_err();
        assert!(err.to_string().contains("is not a profile name"), "{err}");
        let err = check_prompts(&strings(&["prod:api_key"])).unwrap_err();
        assert!(
            err.to_string()
                .contains("--secret takes no PROFILE: prefix"),
            "{err}"
        );
        check_prompts(&strings(&["api_key"])).unwrap();
    }

    #[test]
    fn stdin_is_read_once_whatever_profile_names_it() {
        let err = split(&[], &strings(&["a:api_key=-", "b:api_key=-"])).unwrap_err();
        assert!(err.to_string().contains("both read stdin"), "{err}");
    }

    #[test]
    fn a_profiles_own_secret_wins_over_the_shared_one() {
        let mut shared = Body::default();
        shared.sections.insert(
            "service_settings".into(),
            serde_json::json!({"api_key": "shared", "secret_key": "s"}),
        );
        shared.secret_paths = strings(&["service_settings.api_key", "service_settings.secret_key"]);
        let mut own = Body::default();
        own.sections.insert(
            "service_settings".into(),
            serde_json::json!({"api_key": "own"}),
        );
        own.secret_paths = strings(&["service_settings.api_key"]);
        let body = shared.overlaid(own);
        assert_eq!(
            body.sections["service_settings"],
            serde_json::json!({"api_key": "own", "secret_key": "s"})
        );
        assert_eq!(
            body.secret_paths,
            strings(&["service_settings.secret_key", "service_settings.api_key"])
        );
    }
}
