//! A connection is one unit: where to connect (URL or Cloud ID), how to
//! sign in and what to trust come from one place, so that a credential
//! never travels to a URL that another place gave. The units, in order:
//!
//! - a profile named with `--profile` or `INFER_PROFILE`, used whole: the
//!   flags of the connection beside it are an error, its variables are
//!   not used;
//! - the explicit layer (flags, `ES_*` and `ELASTICSEARCH_*` variables),
//!   as soon as it gives a URL or a credential; with a default profile
//!   that gives the other half, infer refuses rather than mix them;
//! - the default profile, when it gives a URL or a credential;
//! - start-local, when it gives either;
//! - the defaults (localhost, no credential), with whatever way to trust
//!   the server is given, as nothing secret is sent.
//!
//! Time limits and retries are not part of the unit: each comes from the
//! highest level that gives it. A variable that the profile names in a
//! reference (`api_key = "env:ES_API_KEY"`) is the profile's own.

use anyhow::Result;

use super::Flags;
use super::layers::Layers;
use super::origin::{Given, KEYS, Origin, Unit};
use super::start_local::{self, StartLocal};
use crate::config::Loaded;
use crate::error::Error;

/// Where to connect.
const WHERE: [&str; 2] = ["url", "cloud_id"];
/// How to sign in.
const HOW: [&str; 4] = ["api_key", "username", "password", "bearer_token"];
/// What to trust, and the certificate infer shows.
const TRUST: [&str; 5] = [
    "ca_cert",
    "ca_fingerprint",
    "client_cert",
    "client_key",
    "insecure",
];

/// The unit to use, and start-local's settings when they were looked for
/// (to use them, or to say they are not used).
pub fn choose(flags: &Flags, loaded: Option<&Loaded>) -> Result<(Unit, Option<StartLocal>)> {
    let all = Layers {
        flags,
        profile: loaded,
        start_local: None,
        unit: None,
    };
    let unit = match loaded {
        Some(l) if flags.profile.is_some() => {
            let unit = Unit::Profile {
                name: l.name.clone(),
                named: true,
            };
            no_flag(&all, &KEYS, |flag| beside_named(flags, flag, &l.name))?;
            return Ok((unit, start_local::find().ok().flatten()));
        }
        _ => explicit_or_profile(&all, loaded)?,
    };
    if let Some(unit) = unit {
        return Ok((unit, start_local::find().ok().flatten()));
    }
    // Only now is start-local's file read for use (a broken one is an
    // error then, and only then).
    let found = start_local::find()?;
    let gives = found
        .as_ref()
        .is_some_and(|s| WHERE.iter().chain(&HOW).any(|k| s.get(k).is_some()));
    let unit = match &found {
        Some(s) if gives => Unit::StartLocal(s.shown()),
        _ => Unit::Defaults,
    };
    if let Unit::StartLocal(_) = unit {
        no_flag(&all, &TRUST, |flag| beside(&unit, flag, None))?;
    }
    Ok((unit, found))
}

/// The explicit layer when it gives a URL or a credential, else the
/// default profile when it does; `None` when neither does.
fn explicit_or_profile(all: &Layers, loaded: Option<&Loaded>) -> Result<Option<Unit>> {
    let own = |keys: &[&'static str]| explicit(all, keys, true);
    let (gives_where, gives_how) = (own(&WHERE), own(&HOW));
    let profile_gives = |keys: &[&'static str]| {
        loaded.and_then(|l| keys.iter().find(|k| l.profile.get(k).is_some()).copied())
    };
    if let (Some(l), Some(given)) = (loaded, gives_where.as_ref().or(gives_how.as_ref())) {
        let unit = Unit::Profile {
            name: l.name.clone(),
            named: false,
        };
        // A variable the profile names is a credential given explicitly
        // when it comes with an explicit URL.
        let any_how = explicit(all, &HOW, false);
        match (
            &gives_where,
            &any_how,
            profile_gives(&HOW),
            profile_gives(&WHERE),
        ) {
            (Some(_), None, Some(key), _) => {
                return Err(Error::usage(profile_credential_to_explicit_url(
                    given, &unit, key,
                )));
            }
            (None, Some(_), _, Some(key)) => {
                return Err(Error::usage(explicit_credential_to_profile_url(
                    given, &unit, l, key,
                )));
            }
            _ => {}
        }
    }
    if gives_where.is_some() || gives_how.is_some() {
        return Ok(Some(Unit::Explicit));
    }
    let Some(l) = loaded.filter(|_| profile_gives(&WHERE).or(profile_gives(&HOW)).is_some()) else {
        return Ok(None);
    };
    let unit = Unit::Profile {
        name: l.name.clone(),
        named: false,
    };
    no_flag(all, &TRUST, |flag| beside(&unit, flag, Some(&l.name)))?;
    Ok(Some(unit))
}

/// The first of `keys` the explicit layer gives; with `own`, leaving out
/// a variable the profile names in a reference.
fn explicit(all: &Layers, keys: &[&'static str], own: bool) -> Option<Given> {
    keys.iter()
        .flat_map(|k| all.raw_levels(k).into_iter().take(3).flatten())
        .find(|g| !(own && referenced(all.profile, &g.origin)))
}

/// Whether the profile reads this variable (`api_key = "env:ES_API_KEY"`).
pub fn referenced(profile: Option<&Loaded>, origin: &Origin) -> bool {
    let (Some(loaded), Origin::Env(var)) = (profile, origin) else {
        return false;
    };
    ["api_key", "password", "bearer_token"]
        .iter()
        .any(|k| loaded.profile.get(k).as_deref() == Some(&format!("env:{var}")))
}

/// An error for the first of `keys` given as a flag.
fn no_flag(all: &Layers, keys: &[&'static str], error: impl Fn(&Given) -> String) -> Result<()> {
    match keys.iter().find_map(|k| all.raw_levels(k)[0].clone()) {
        Some(flag) => Err(Error::usage(error(&flag))),
        None => Ok(()),
    }
}

/// A flag beside a profile named with `--profile` or `INFER_PROFILE`.
fn beside_named(flags: &Flags, flag: &Given, name: &str) -> String {
    let (named, drop) = if flags.all_profiles {
        (
            format!("--all-profiles (profile {name})"),
            "drop --all-profiles",
        )
    } else if flags.profile_from_env {
        (format!("INFER_PROFILE ({name})"), "unset INFER_PROFILE")
    } else {
        (format!("--profile {name}"), "drop --profile")
    };
    format!(
        "{} cannot be used with {named}: a profile named is used whole (where to connect, the \
         credential and what to trust); drop {}, or {drop} and give the connection with flags \
         and variables",
        flag.origin, flag.origin
    )
}

/// A way to trust the server given as a flag beside a unit that gives
/// where to connect and how to sign in: never ignored, never mixed.
fn beside(unit: &Unit, flag: &Given, profile: Option<&str>) -> String {
    let value = if flag.key == "insecure" {
        "true".to_string()
    } else {
        format!("\"{}\"", flag.text)
    };
    let add = match profile {
        Some(name) => format!("add {} = {value} to profile '{name}', or ", flag.key),
        None => String::new(),
    };
    format!(
        "{} cannot be used with {unit}, which gives the connection: a connection is used \
         whole, what it trusts included; {add}give the URL and the credential with flags or \
         variables too, and {} applies",
        flag.origin, flag.origin
    )
}

/// Refusal: an explicit URL, and a default profile with a credential.
fn profile_credential_to_explicit_url(url: &Given, unit: &Unit, key: &str) -> String {
    let drop = match url.origin {
        Origin::Flag(flag) => format!("drop {flag}"),
        _ => format!("unset {}", url.origin),
    };
    format!(
        "{} gives the URL {}, and {unit} gives the credential ({key}): a profile's credential \
         is never sent to a URL given elsewhere, so nothing was sent; give the credential \
         explicitly too (--api-key or ES_API_KEY, ES_USERNAME with ES_PASSWORD, or \
         ES_BEARER_TOKEN), or {drop} to use the profile, or name a profile with --profile to use \
         it whole",
        url.origin,
        shown_where(url),
    )
}

/// Refusal: an explicit credential, and a default profile with a URL.
fn explicit_credential_to_profile_url(
    credential: &Given,
    unit: &Unit,
    loaded: &Loaded,
    key: &str,
) -> String {
    let url = loaded.profile.get(key).unwrap_or_default();
    let url = match key {
        "url" => crate::secret::url::shown(&url),
        _ => "of its Cloud ID".to_string(),
    };
    let fix = match &credential.origin {
        Origin::Flag(flag) => format!("or drop {flag} to use the profile's own credential"),
        Origin::Env(var) => {
            let password = var.replace("USERNAME", "PASSWORD");
            match credential.key {
                "username" => format!(
                    "or put the username in the profile with password = \"env:{password}\" \
                     and unset {var}"
                ),
                key => format!(
                    "or reference the variable in the profile ({key} = \"env:{var}\"), or \
                     unset {var}"
                ),
            }
        }
        other => format!("or unset {other}"),
    };
    format!(
        "{} gives a credential, and {unit} gives the URL {url}: a credential given explicitly \
         is never sent to a profile's URL, so nothing was sent; give the URL explicitly too \
         (--url or ES_URL), {fix}",
        credential.origin
    )
}

/// A URL or a Cloud ID as a message may name it.
fn shown_where(g: &Given) -> String {
    match g.key {
        "url" => crate::secret::url::shown(g.text.trim()),
        _ => "of a Cloud ID".to_string(),
    }
}

/// What was given for the connection but is not used, as `config show`
/// and `-v` name it: each setting of another unit, with its value as it
/// may be shown.
pub fn ignored(
    layers: &Layers,
    unit: &Unit,
    shown: impl Fn(&Given) -> String,
) -> Vec<(&'static str, String, Origin)> {
    let mut out = Vec::new();
    for key in KEYS {
        for (level, given) in layers.raw_levels(key).into_iter().enumerate() {
            let Some(g) = given else { continue };
            // A variable the profile in use reads is used, by the profile.
            let read_by_profile =
                matches!(unit, Unit::Profile { .. }) && referenced(layers.profile, &g.origin);
            if !unit.has_level(level) && !read_by_profile {
                out.push((key, shown(&g), g.origin.clone()));
            }
        }
    }
    out
}
