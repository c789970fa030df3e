//! Credentials: which kind is in use (`layers.rs` decides), their values
//! (from a profile, possibly by reference), and the header they make.

use anyhow::Result;
use base64::Engine;

use super::layers::Layers;
use super::name_of;
use super::origin::{Given, Origin};
use crate::config;
use crate::error::Error;
use crate::prompt;
use crate::secret::Secret;

#[derive(Debug)]
pub enum Credentials {
    /// The encoded key, sent verbatim (as elasticsearch-py's `resolve_auth_headers`).
    ApiKey {
        encoded: Secret,
        /// Given as an `ID:KEY` pair (and encoded by infer).
        pair: bool,
    },
    /// `password` is `None` only when nothing will be sent (a dry run).
    Basic {
        username: String,
        password: Option<Secret>,
    },
    Bearer(Secret),
}

impl Credentials {
    /// The `Authorization` header value.
    pub fn header(&self) -> Secret {
        match self {
            Credentials::ApiKey { encoded, .. } => {
                Secret::new(format!("ApiKey {}", encoded.expose_secret()))
            }
            Credentials::Basic { username, password } => {
                let pass = password.as_ref().map_or("", Secret::expose_secret);
                let pair =
                    base64::engine::general_purpose::STANDARD.encode(format!("{username}:{pass}"));
                Secret::new(format!("Basic {pair}"))
            }
            Credentials::Bearer(token) => Secret::new(format!("Bearer {}", token.expose_secret())),
        }
    }

    /// The header as it may be shown: scheme and mask.
    pub fn masked_header(&self) -> String {
        let scheme = match self {
            Credentials::ApiKey { .. } => "ApiKey",
            Credentials::Basic { .. } => "Basic",
            Credentials::Bearer(_) => "Bearer",
        };
        format!("{scheme} {}", crate::secret::MASK)
    }
}

/// `(offline, show)`: nothing will be sent, so a missing password is not
/// asked for; `config show`, where a reference that leads nowhere is
/// shown with what is wrong (`env:VAR (not set)`) and makes no credential.
pub(super) fn resolve_credentials(
    layers: &Layers,
    loaded: Option<&config::Loaded>,
    (offline, show): (bool, bool),
    shown: &mut Vec<(&'static str, String, Origin)>,
) -> Result<Option<Credentials>> {
    register_every_level(layers);
    let kind = layers.one_of(
        &[&["api_key"], &["username", "password"], &["bearer_token"]],
        "kind of credential",
    )?;
    let unusable = |g: &Given| show.then(|| shown_unresolved(g, loaded)).flatten();
    Ok(match kind {
        None => None,
        Some((key, g)) if key != 1 && unusable(&g).is_some() => {
            shown.push((g.key, unusable(&g).unwrap_or_default(), g.origin.clone()));
            None
        }
        Some((0, g)) => {
            shown.push(("api_key", masked(&g), g.origin.clone()));
            let raw = profile_secret(&g, loaded)?;
            Some(Credentials::ApiKey {
                encoded: api_key(raw.expose_secret(), &name_of(&g))?,
                pair: raw.expose_secret().contains(':'),
            })
        }
        Some((2, g)) => {
            shown.push(("bearer_token", masked(&g), g.origin.clone()));
            Some(Credentials::Bearer(non_empty(
                profile_secret(&g, loaded)?.expose_secret(),
                &name_of(&g),
            )?))
        }
        Some((_, g)) => basic(layers, loaded, &g, (offline, show), shown)?,
    })
}

/// A username and its password, which come from one level (`g`'s): a
/// password from another level belongs to another username.
fn basic(
    layers: &Layers,
    loaded: Option<&config::Loaded>,
    g: &Given,
    (offline, show): (bool, bool),
    shown: &mut Vec<(&'static str, String, Origin)>,
) -> Result<Option<Credentials>> {
    let level = g.origin.level();
    let others = |key: &'static str| {
        layers.levels(key)[level + 1..]
            .iter()
            .flatten()
            .next()
            .cloned()
    };
    let Some(user) = layers.levels("username")[level]
        .clone()
        .filter(|u| !u.text.is_empty())
    else {
        return Err(Error::usage(format!(
            "{} gives a password without a username: {}{}",
            g.origin,
            pair_fix(&g.origin, "username"),
            not_used(others("username").as_ref(), "username")
        )));
    };
    shown.push(("username", user.text.clone(), user.origin.clone()));
    let username = user.text.clone();
    let given = layers.levels("password")[level].clone();
    let unusable = given
        .as_ref()
        .and_then(|g| show.then(|| shown_unresolved(g, loaded)).flatten());
    let password = match (given, unusable) {
        (Some(g), Some(text)) => {
            shown.push(("password", text, g.origin.clone()));
            None
        }
        (Some(g), None) => {
            shown.push(("password", masked(&g), g.origin.clone()));
            Some(Secret::new(
                profile_secret(&g, loaded)?
                    .expose_secret()
                    .trim_end_matches(['\r', '\n']),
            ))
        }
        (None, _) if offline => None,
        (None, _) => Some(prompt::flows::password(
            &mut prompt::Terminal,
            &username,
            || {
                Error::usage(format!(
                    "no password for user '{username}': {} (or run infer on a terminal to be \
                 asked){}",
                    pair_fix(&user.origin, "password"),
                    not_used(others("password").as_ref(), "password")
                ))
            },
        )?),
    };
    Ok(Some(Credentials::Basic { username, password }))
}

/// A secret as given; from a profile it may be a reference (`env:`, `file:`).
fn profile_secret(g: &Given, loaded: Option<&config::Loaded>) -> Result<Secret> {
    match (&g.origin, loaded) {
        (Origin::Profile(_), Some(loaded)) => config::secret(loaded, g.key, &g.text),
        _ => Ok(Secret::new(g.text.clone())),
    }
}

/// A reference that leads nowhere as `config show` shows it:
/// `env:PROD_ES_API_KEY (not set)`.
fn shown_unresolved(g: &Given, loaded: Option<&config::Loaded>) -> Option<String> {
    unresolved(g, loaded).map(|why| format!("{} ({why})", masked(g)))
}

/// What a 401 from Elasticsearch says about the credentials sent: which
/// ones, and where they came from.
pub fn rejected(conn: &super::Connection) -> String {
    let shown = |key: &str| conn.shown.iter().find(|(k, _, _)| *k == key);
    // A profile's reference (`env:VAR`, `file:PATH`) says where exactly.
    let from = |key: &str| match shown(key) {
        Some((_, value, origin @ Origin::Profile(_))) if value != crate::secret::MASK => {
            format!("{origin} ({value})")
        }
        Some((_, _, origin)) => origin.to_string(),
        None => "the prompt".to_string(),
    };
    // The profile the connection is (its URL from it), if any.
    let where_from = |key: &str| match shown(key) {
        Some((_, _, Origin::Profile(name))) => Some(name.clone()),
        _ => None,
    };
    match &conn.credentials {
        // A profile is used whole: neither ES_API_KEY nor --api-key is
        // taken beside it, so the profile itself needs the credential.
        None if let Some(name) = where_from("url").or(where_from("cloud_id")) => format!(
            "no credentials were sent: the profile '{name}' has none, and a profile is used \
             whole (ES_API_KEY and --api-key are not taken beside it): give it one, e.g. \
             `infer config init --profile {name} --api-key-env VAR` (VAR the variable that \
             holds the key)"
        ),
        None => "no credentials were sent: give an API key (ES_API_KEY or --api-key), a \
                 username and password (ES_USERNAME and ES_PASSWORD), or a bearer token \
                 (ES_BEARER_TOKEN), or use a profile that has one (`infer config init` writes \
                 one)"
            .to_string(),
        Some(Credentials::ApiKey { .. }) => format!(
            "the API key from {} was not accepted: check it, or give another",
            from("api_key")
        ),
        Some(Credentials::Bearer(_)) => format!(
            "the bearer token from {} was not accepted: check it, or give another",
            from("bearer_token")
        ),
        Some(Credentials::Basic { username, .. }) => {
            let same = matches!(
                (shown("username"), shown("password")),
                (
                    Some((_, _, Origin::Profile(_))),
                    Some((_, _, Origin::Profile(_)))
                )
            );
            let whence = if same {
                from("password")
            } else if shown("password").is_none() {
                format!("{} and the prompt", from("username"))
            } else {
                format!("{} and {}", from("username"), from("password"))
            };
            format!(
                "the username '{username}' and its password from {whence} were not accepted: \
                 check both"
            )
        }
    }
}

/// How to give the other half of a username and password at `origin`'s
/// level.
fn pair_fix(origin: &Origin, missing: &str) -> String {
    let upper = missing.to_ascii_uppercase();
    match origin {
        Origin::Flag(_) if missing == "password" => "give --password with --username, or set \
             ES_USERNAME and ES_PASSWORD instead, which keeps the password out of the process \
             list"
            .to_string(),
        Origin::Flag(_) => "give --username too".to_string(),
        Origin::Env(var) if var.starts_with("ELASTICSEARCH_") => {
            format!("set ELASTICSEARCH_{upper} too")
        }
        Origin::Profile(name) => format!("add {missing} to profile '{name}'"),
        _ => format!("set ES_{upper}"),
    }
}

/// Why the value of another level is left alone.
fn not_used(other: Option<&Given>, what: &str) -> String {
    other.map_or(String::new(), |g| {
        format!(
            "; the {what} from {} is not used: a username and its password must come from \
             the same place",
            g.origin
        )
    })
}

/// A credential as `config show` may show it: a reference to a variable
/// or a file, or the mask.
fn masked(g: &Given) -> String {
    let reference = match g.text.strip_prefix("env:") {
        Some(var) => crate::secret::is_var_name(var),
        None => g.text.starts_with("file:"),
    };
    match &g.origin {
        Origin::Profile(_) if reference => g.text.clone(),
        _ => crate::secret::MASK.to_string(),
    }
}

/// What is wrong with a profile's reference to a secret, for `config
/// show`: a variable that is not set (or empty), a file that cannot be
/// read. `None` for a reference that leads to a value, or no reference.
fn unresolved(g: &Given, loaded: Option<&config::Loaded>) -> Option<String> {
    let (Origin::Profile(_), Some(loaded)) = (&g.origin, loaded) else {
        return None;
    };
    if let Some(var) = g.text.strip_prefix("env:") {
        return match std::env::var_os(var) {
            _ if !crate::secret::is_var_name(var) => None,
            None => Some("not set".into()),
            Some(value) if value.is_empty() => Some("set, but empty".into()),
            Some(_) => None,
        };
    }
    let path = g.text.strip_prefix("file:")?;
    let file = config::expand_home(path);
    match crate::local_file::read(
        &file,
        crate::limits::MAX_SECRET,
        crate::local_file::Pipe::Refused,
    ) {
        Err(why) => Some(format!("cannot be read: {why}")),
        Ok(_) => config::secret(loaded, g.key, &g.text)
            .err()
            .map(|_| "cannot be read".into()),
    }
}

/// A setting of the connection as `config show` may show it: a secret
/// masked (or its reference), a URL without its userinfo.
pub(super) fn shown(g: &Given) -> String {
    match g.key {
        "api_key" | "password" | "bearer_token" => masked(g),
        "url" => crate::secret::url::shown(g.text.trim()),
        "insecure" => "true".to_string(),
        _ => g.text.clone(),
    }
}

/// Every credential given at any level, used or not, is registered: none
/// is ever shown. References are not secrets, unless they cannot be names.
fn register_every_level(layers: &Layers) {
    for key in ["api_key", "password", "bearer_token"] {
        for g in layers.raw_levels(key).into_iter().flatten() {
            let reference = matches!(g.origin, Origin::Profile(_))
                && (g.text.starts_with("file:")
                    || g.text
                        .strip_prefix("env:")
                        .is_some_and(crate::secret::is_var_name));
            if !reference {
                crate::secret::register(&g.text);
            }
        }
    }
}

/// An `id:key` pair is encoded; anything else (the `encoded` value, a Cloud
/// `essu_` key) is sent verbatim (elasticsearch-py's `resolve_auth_headers`;
/// logstash-plugins/logstash-filter-elasticsearch#215 for `essu_`). A
/// trailing newline from `echo` is dropped: it breaks keys
/// (domainaware/parsedmarc#582).
fn api_key(value: &str, origin: &str) -> Result<Secret> {
    let value = non_empty(value, origin)?;
    let raw = value.expose_secret();
    Ok(match raw.split_once(':') {
        Some((id, key)) if !id.is_empty() && !key.is_empty() => {
            crate::secret::register(key);
            Secret::new(base64::engine::general_purpose::STANDARD.encode(format!("{id}:{key}")))
        }
        Some(_) => {
            return Err(Error::usage(format!(
                "invalid API key in {origin}: an ID:KEY pair needs both parts; \
                 or give the encoded key as Elasticsearch returned it"
            )));
        }
        None => {
            // The encoded key decodes to `ID:KEY`, which must not show either.
            if let Some(decoded) = base64::engine::general_purpose::STANDARD
                .decode(raw)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                && let Some((_, key)) = decoded.split_once(':')
            {
                crate::secret::register(&decoded);
                crate::secret::register(key);
            }
            value
        }
    })
}

fn non_empty(value: &str, origin: &str) -> Result<Secret> {
    let trimmed = value.trim_end_matches(['\r', '\n']).trim();
    if trimmed.is_empty() {
        return Err(Error::usage(format!(
            "{origin} is empty: give a value or unset it"
        )));
    }
    Ok(Secret::new(trimmed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_key_pairs_are_encoded_and_encoded_keys_kept() {
        let pair = api_key("my_id:my_key\n", "--api-key").unwrap();
        assert_eq!(pair.expose_secret(), "bXlfaWQ6bXlfa2V5");
        let encoded = api_key("bXlfaWQ6bXlfa2V5", "--api-key").unwrap();
        assert_eq!(encoded.expose_secret(), "bXlfaWQ6bXlfa2V5");
        assert!(api_key(":x", "ES_API_KEY").is_err());
        assert!(api_key("\n", "ES_API_KEY").is_err());
    }
}
