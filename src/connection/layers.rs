//! Where each connection setting comes from, highest first: the command
//! line, the `ES_*` variables, the `ELASTICSEARCH_*` names that Elastic's
//! Terraform provider reads, the profile, start-local's settings
//! (`start_local.rs`), then the default. Where to connect, how to sign in
//! and what to trust come only from the levels of the unit in use
//! (`unit.rs`); time limits and retries from any level.

use anyhow::Result;

use super::Flags;
use super::origin::{Given, KEYS, LEVELS, Origin, Unit};
use super::start_local::StartLocal;
use crate::config::Loaded;
use crate::error::Error;
use crate::vocabulary::connection_setting;

pub struct Layers<'a> {
    pub flags: &'a Flags,
    pub profile: Option<&'a Loaded>,
    pub start_local: Option<&'a StartLocal>,
    /// The unit the connection comes from; `None` while it is chosen.
    pub unit: Option<&'a Unit>,
}

impl Layers<'_> {
    /// Each level's value of `key`, highest first: flag, `ES_*`,
    /// `ELASTICSEARCH_*`, profile, start-local; for a setting of the
    /// connection's unit (`origin::KEYS`), only the unit's levels.
    pub fn levels(&self, key: &'static str) -> [Option<Given>; LEVELS] {
        let mut levels = self.raw_levels(key);
        if let Some(unit) = self.unit
            && KEYS.contains(&key)
        {
            for (level, given) in levels.iter_mut().enumerate() {
                if !unit.has_level(level) {
                    *given = None;
                }
            }
        }
        levels
    }

    /// Each level's value of `key`, whatever the unit.
    pub fn raw_levels(&self, key: &'static str) -> [Option<Given>; LEVELS] {
        let setting = connection_setting(key);
        let given = |text: String, origin: Origin| Some(Given { key, text, origin });
        let mut levels: [Option<Given>; LEVELS] = Default::default();
        if let (Some((text, from_env)), Some(setting)) = (self.flags.given(key), setting) {
            levels[if from_env { 1 } else { 0 }] = match (from_env, setting.var) {
                (true, Some(var)) => given(text.to_string(), Origin::Env(var)),
                _ => given(text.to_string(), Origin::Flag(setting.flag)),
            };
        }
        if let Some(var) = setting.and_then(|s| s.terraform)
            && let Some(text) = std::env::var(var).ok().filter(|t| !t.is_empty())
        {
            // ELASTICSEARCH_ENDPOINTS is a comma-separated list.
            let text = if key == "url" {
                text.split(',')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string()
            } else {
                text
            };
            levels[2] = given(text, Origin::Env(var));
        }
        if let Some(loaded) = self.profile
            && let Some(text) = loaded.profile.get(key)
        {
            levels[3] = given(text, Origin::Profile(loaded.name.clone()));
        }
        if let Some((text, origin)) = self.start_local.and_then(|s| s.get(key)) {
            levels[4] = given(text, origin);
        }
        if key == "insecure" {
            // Only a true value gives this setting; `insecure = false` is no say.
            for level in &mut levels {
                if level.as_ref().is_some_and(|g| {
                    !matches!(
                        g.text.to_ascii_lowercase().as_str(),
                        "true" | "1" | "yes" | "on"
                    )
                }) {
                    *level = None;
                }
            }
        }
        levels
    }

    /// The highest value of `key`.
    pub fn first(&self, key: &'static str) -> Option<Given> {
        self.levels(key).into_iter().flatten().next()
    }

    /// Of alternative groups of keys (`[["api_key"], ["username",
    /// "password"], …]`), the group given at the highest level; two groups
    /// at one level is an error that says how to choose. Returns the group's
    /// index and its first value at that level.
    pub fn one_of(&self, groups: &[&[&'static str]], what: &str) -> Result<Option<(usize, Given)>> {
        for level in 0..LEVELS {
            let at_level: Vec<(usize, Given)> = groups
                .iter()
                .enumerate()
                .filter_map(|(i, keys)| {
                    keys.iter()
                        .find_map(|k| self.levels(k)[level].clone())
                        .map(|g| (i, g))
                })
                .collect();
            match at_level.as_slice() {
                [] => continue,
                [(i, given)] => return Ok(Some((*i, given.clone()))),
                [(_, a), (_, b), ..] if a.origin == b.origin => {
                    return Err(Error::usage(format!(
                        "{} gives both {} and {}, but only one {what} can be used: remove one",
                        a.origin, a.key, b.key
                    )));
                }
                [(_, a), (_, b), ..] => {
                    return Err(Error::usage(format!(
                        "{} and {} both give a {what}, but only one can be used: {}",
                        a.origin,
                        b.origin,
                        match &a.origin {
                            Origin::Flag(_) => "drop one".to_string(),
                            Origin::Profile(_) => "remove one from the profile".to_string(),
                            _ => "unset one, or choose with a flag".to_string(),
                        }
                    )));
                }
            }
        }
        Ok(None)
    }
}
