//! The files of endpoints read for one cluster: the endpoints of a file as
//! the profile in use has them ([`super::overlay`]), each checked as an
//! endpoint; and what the files say of profiles, checked against the ones
//! a config knows.

use anyhow::Result;
use serde_json::Value;
use std::collections::BTreeMap;

use super::Desired;
use super::endpoint::endpoint;
use super::overlay::Layered;
use crate::error::Error;

/// Where an endpoint is described, as one profile has it.
fn place_for(place: &str, profile: &str) -> String {
    format!("{place}, profile '{profile}'")
}

/// The endpoint at `place`, checked as every cluster has it (the base,
/// then with each overlay): an inline secret or a wrong setting in an
/// overlay is refused as one in the base is. The base is what is handed
/// back.
pub(super) fn checked(layered: &Layered, place: &str) -> Result<Desired> {
    let base = endpoint(Value::Object(layered.base.clone()), place)?;
    for (name, _) in &layered.environments {
        if let Some(merged) = layered.for_target(Some(name)) {
            endpoint(Value::Object(merged), &place_for(place, name))?;
        }
    }
    Ok(base)
}

/// The endpoint at `place` as the cluster of `target` has it; `None`
/// where it is not in that cluster.
pub(super) fn for_target(
    layered: Layered,
    place: &str,
    target: Option<&str>,
) -> Result<Option<Desired>> {
    let place = match target.filter(|name| layered.overlay(name).is_some()) {
        Some(name) => place_for(place, name),
        None => place.to_string(),
    };
    let Some(merged) = layered.into_target(target) else {
        return Ok(None);
    };
    endpoint(Value::Object(merged), &place).map(Some)
}

/// What the files say of profiles, noted as they are checked.
#[derive(Debug, Clone, Default)]
pub(super) struct Marks {
    /// Each profile named, with where it is first named (the endpoint and
    /// the key).
    named: BTreeMap<String, (String, &'static str)>,
    /// How many endpoints list their profiles.
    listed: usize,
    /// How many endpoints have values per profile.
    layered: usize,
}

impl Marks {
    /// Note what the endpoint `layered`, described at `origin`, names.
    pub(super) fn note(&mut self, layered: &Layered, origin: &str) {
        self.listed += usize::from(layered.profiles.is_some());
        self.layered += usize::from(!layered.environments.is_empty());
        for (name, key) in layered.names() {
            if !self.named.contains_key(name) {
                self.named
                    .insert(name.to_string(), (origin.to_string(), key));
            }
        }
    }

    /// Every profile named must be one the config knows (`known`), or the
    /// target: a name no cluster has is a mistake that would otherwise
    /// pass unseen. With no config to check against and no profile in use,
    /// nothing is applied, and nothing is checked.
    pub(super) fn check(&self, target: Option<&str>, known: &[String]) -> Result<()> {
        if known.is_empty() && target.is_none() {
            return Ok(());
        }
        let knows = |name: &str| known.iter().any(|k| k == name) || target == Some(name);
        let Some((name, (origin, key))) = self.named.iter().find(|(name, _)| !knows(name)) else {
            return Ok(());
        };
        let has = if known.is_empty() {
            "none".to_string()
        } else {
            known.join(", ")
        };
        Err(Error::usage(format!(
            "{origin}: {key} names profile '{name}', which no profile of the config file is (it \
             has: {has}): correct the name, or add the profile with `infer config init --profile \
             {name} …`; nothing was sent"
        )))
    }

    /// What is worth saying when no profile is in use and the files have
    /// values per profile: they are not applied, and the endpoints that
    /// list their profiles are left out.
    pub(super) fn without_profile(&self) -> Option<String> {
        let endpoints = |n: usize| format!("{n} endpoint{}", if n == 1 { "" } else { "s" });
        let mut said = Vec::new();
        if self.layered > 0 {
            said.push(format!(
                "the environments of {} are not applied",
                endpoints(self.layered)
            ));
        }
        if self.listed > 0 {
            let (list, their, are) = if self.listed == 1 {
                ("lists", "its", "is")
            } else {
                ("list", "their", "are")
            };
            said.push(format!(
                "{} that {list} {their} profiles {are} left out",
                endpoints(self.listed)
            ));
        }
        if said.is_empty() {
            return None;
        }
        Some(format!(
            "note: no profile is in use, so {} (name the cluster's profile with --profile or \
             INFER_PROFILE)",
            said.join(", and ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::desired::Reference;
    use crate::ops::desired::overlay::split;
    use serde_json::json;

    const PLACE: &str = "e.yaml, endpoint 1";

    fn layered(environments: Value, profiles: Value) -> Layered {
        split(
            json!({"inference_id": "emb", "task_type": "text_embedding", "service": "openai",
                   "service_settings": {"model_id": "m", "api_key": "env:KEY"},
                   "environments": environments, "profiles": profiles}),
            PLACE,
        )
        .unwrap()
    }

    #[test]
    fn each_profile_reads_its_own_secret_reference() {
        let layered = layered(
            json!({"prod": {"service_settings": {"api_key": "env:PROD_KEY"}}}),
            Value::Null,
        );
        let secret = |target| {
            for_target(layered.clone(), PLACE, target)
                .unwrap()
                .unwrap()
                .secrets
        };
        assert_eq!(
            secret(Some("prod")),
            [("api_key".into(), Reference::Env("PROD_KEY".into()))]
        );
        assert_eq!(
            secret(Some("staging")),
            [("api_key".into(), Reference::Env("KEY".into()))]
        );
        assert_eq!(
            secret(None),
            [("api_key".into(), Reference::Env("KEY".into()))]
        );
        let prod = for_target(layered.clone(), PLACE, Some("prod"))
            .unwrap()
            .unwrap();
        assert_eq!(prod.origin, "e.yaml, endpoint 1, profile 'prod' ('emb')");
        assert!(
            !prod.sections["service_settings"]
                .as_object()
                .unwrap()
                .contains_key("api_key")
        );
    }

    #[test]
    fn an_overlay_is_checked_as_an_endpoint_whatever_the_target() {
        let layered = layered(
            json!({"prod": {"service_settings": {"api_key": "sk-inline-9"}}}),
            Value::Null,
        );
        let refused = checked(&layered, PLACE).unwrap_err().to_string();
        assert!(
            refused.starts_with(
                "e.yaml, endpoint 1, profile 'prod' ('emb'): service_settings.api_key must be a \
                 reference"
            ),
            "{refused}"
        );
        assert!(!refused.contains("sk-inline-9"));
        let layered = layered_ok();
        assert_eq!(checked(&layered, PLACE).unwrap().id, "emb");
    }

    fn layered_ok() -> Layered {
        layered(
            json!({"prod": {"task_settings": {"user": "p"}}}),
            json!(["staging", "prod"]),
        )
    }

    #[test]
    fn the_profiles_named_are_checked_against_the_known_ones() {
        let mut marks = Marks::default();
        marks.note(&layered_ok(), "e.yaml, endpoint 1 ('emb')");
        let known = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert!(
            marks
                .check(Some("prod"), &known(&["prod", "staging"]))
                .is_ok()
        );
        // The target counts as known; nothing to check against without a config or profile.
        assert!(marks.check(Some("staging"), &known(&["prod"])).is_ok());
        assert!(marks.check(None, &[]).is_ok());
        let refused = marks.check(None, &known(&["prod", "dev"])).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "e.yaml, endpoint 1 ('emb'): profiles names profile 'staging', which no profile of \
             the config file is (it has: prod, dev): correct the name, or add the profile with \
             `infer config init --profile staging …`; nothing was sent"
        );
        assert_eq!(
            marks.without_profile().unwrap(),
            "note: no profile is in use, so the environments of 1 endpoint are not applied, and \
             1 endpoint that lists its profiles is left out (name the cluster's profile with \
             --profile or INFER_PROFILE)"
        );
        assert_eq!(Marks::default().without_profile(), None);
    }
    #[test]
    fn files_are_read_for_the_cluster_of_a_profile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.json");
        let text = r#"[
            {"inference_id": "a", "task_type": "rerank", "service": "cohere",
             "task_settings": {"top_n": 3},
             "environments": {"prod": {"task_settings": {"top_n": 10}}}},
            {"inference_id": "b", "task_type": "rerank", "service": "cohere",
             "task_settings": {"top_n": 1}, "profiles": ["staging"]}
        ]"#;
        std::fs::write(&path, text).unwrap();
        let files = crate::ops::desired::load(std::slice::from_ref(&path), &mut |_| {}).unwrap();
        let known = ["prod".to_string(), "staging".to_string()];
        let read = |target: Option<&str>, notes: &mut Vec<String>| {
            let mut seen = Vec::new();
            files
                .for_target(target, &known, &mut |n| notes.push(n))
                .unwrap()
                .each(&mut |d| {
                    seen.push(format!("{} {}", d.id, d.sections["task_settings"]["top_n"]));
                    Ok(())
                })
                .unwrap();
            seen
        };
        let mut notes = Vec::new();
        assert_eq!(read(Some("prod"), &mut notes), ["a 10"]);
        assert_eq!(read(Some("staging"), &mut notes), ["a 3", "b 1"]);
        assert!(notes.is_empty());
        assert_eq!(read(None, &mut notes), ["a 3"]);
        assert_eq!(notes.len(), 1, "{notes:?}");
        let refused = files.for_target(Some("prod"), &known[..1], &mut |_| {});
        assert!(refused.is_err_and(|e| e.to_string().contains("profile 'staging'")));
    }
}
