//! Profiles: named connections in a TOML file, `$XDG_CONFIG_HOME/infer/config.toml`
//! (default `~/.config/infer/config.toml`) or the file `INFER_CONFIG` names.
//!
//! ```toml
//! default_profile = "prod"
//!
//! [profiles.prod]
//! url = "https://es.example:9200"
//! api_key = "env:PROD_ES_API_KEY"   # or "file:/run/secrets/es", or inline
//! ca_cert = "/etc/es/http_ca.crt"
//! ```
//!
//! A secret may be a reference (`env:VAR`, `file:PATH`); an inline one is
//! accepted only when the file cannot be read by group or others.

use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{self, Error};
use crate::limits;
use crate::local_file;
use crate::secret::Secret;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One named connection. Every field is optional. Its URL, credential and
/// trust are used as a unit or not at all (`connection/unit.rs`); its time
/// limits and retries give way, one by one, to flags.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bearer_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_cert: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_fingerprint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_cert: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insecure: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect_timeout: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
}

impl Profile {
    /// A field by its name in the file (`vocabulary::CONNECTION_SETTINGS`'
    /// keys), as text.
    pub fn get(&self, key: &str) -> Option<String> {
        let fields = serde_json::to_value(self).ok()?;
        match fields.get(key)? {
            serde_json::Value::String(text) => Some(text.clone()),
            other => Some(other.to_string()),
        }
    }
}

/// The profile in use, and where it came from.
#[derive(Debug)]
pub struct Loaded {
    pub name: String,
    pub path: PathBuf,
    pub profile: Profile,
    /// Neither group nor others can read the file.
    pub private: bool,
}

/// The config file's path: `INFER_CONFIG`, else the XDG location.
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INFER_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("infer").join("config.toml"))
}

/// Read the config file; `None` when there is none.
pub fn read(path: &Path) -> Result<Option<File>> {
    let text = match read_text(path) {
        Ok(text) => text,
        Err(why) if why.is_not_found() => return Ok(None),
        Err(why) => {
            return Err(Error::usage(format!(
                "cannot read config file {}: {why}",
                path.display()
            )));
        }
    };
    // The error's own rendering quotes the line, which may hold an inline
    // secret: say where and what, not the line; and a value of the wrong
    // type (`password = 1234…`) is named by its key, not quoted.
    let file: File = toml::from_str(&text).map_err(|e| {
        let at = e.span().map_or(String::new(), |span| {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let key = text
                .lines()
                .nth(line - 1)
                .and_then(|l| l.split_once('='))
                .map(|(key, _)| key.trim())
                .filter(|key| key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                .map_or(String::new(), |key| format!(" ({key})"));
            format!(" at line {line}, column {column}{key}")
        });
        Error::usage(format!(
            "invalid config file {}{at}: {}",
            path.display(),
            unquoted(e.message().trim_end())
        ))
    })?;
    let in_file = |what: &str| format!("config file {}: {what}", path.display());
    for name in file.profiles.keys() {
        check_profile_name(name, &in_file("a profile's name"))?;
    }
    if let Some(name) = &file.default_profile {
        check_profile_name(name, &in_file("default_profile"))?;
    }
    Ok(Some(file))
}

/// The config file's text, within its limit; never a pipe (it is found,
/// not named on the command line).
pub fn read_text(path: &Path) -> Result<String, local_file::Problem> {
    let bytes = local_file::read(path, limits::MAX_CONFIG, local_file::Pipe::Refused)?;
    String::from_utf8(bytes).map_err(|_| {
        local_file::Problem::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "it is not UTF-8 text",
        ))
    })
}

/// A TOML error without the value it quotes: `invalid type: integer
/// `1234`, expected a string` becomes `invalid type: integer, expected a
/// string`. Names of keys (`unknown field `pasword``) stay.
fn unquoted(message: &str) -> String {
    if !message.starts_with("invalid type:") && !message.starts_with("invalid value:") {
        return message.to_string();
    }
    let mut out = String::new();
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '`' => quoted = !quoted,
            _ if !quoted => out.push(c),
            _ => {}
        }
    }
    out.replace(" ,", ",").replace("  ", " ")
}

/// Whether `name` may name a profile: letters, digits, `_` and `-`.
pub fn is_profile_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A profile's name: letters, digits, `_` and `-`, so that it reads the
/// same in the file, on the command line and in a shell (a URL given to
/// `--profile` by mistake is not taken for a name). `origin` says where
/// it was given.
pub fn check_profile_name(name: &str, origin: &str) -> Result<()> {
    if is_profile_name(name) {
        return Ok(());
    }
    let what = if name.is_empty() {
        "is empty".to_string()
    } else if name.contains("://") || name.contains('@') {
        // Perhaps a URL with its credentials: not repeated.
        crate::secret::register(name);
        "looks like a URL, which is not a profile name (--url takes a URL)".to_string()
    } else {
        format!("'{name}' is not a profile name")
    };
    Err(Error::usage(format!(
        "{origin} {what}: a profile's name is letters, digits, _ and - (prod, eu-prod_2)"
    )))
}

/// The profile to use: `selected` (from `--profile` or `INFER_PROFILE`,
/// named in `origin`), else the file's `default_profile`, else none.
pub fn load(selected: Option<&str>, origin: &str) -> Result<Option<Loaded>> {
    if let Some(name) = selected {
        check_profile_name(name, origin)?;
    }
    let Some(path) = path() else {
        return Ok(None);
    };
    let file = match read(&path)? {
        Some(file) => file,
        None if selected.is_some() => {
            return Err(Error::usage(format!(
                "{origin} names profile '{}', but there is no config file at {}: create one \
                 with `infer config init`",
                selected.unwrap_or_default(),
                path.display()
            )));
        }
        None => return Ok(None),
    };
    let Some(name) = selected
        .map(str::to_string)
        .or(file.default_profile.clone())
    else {
        return Ok(None);
    };
    let Some(profile) = file.profiles.get(&name).cloned() else {
        let known: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
        let from = if selected.is_some() {
            origin
        } else {
            "default_profile"
        };
        return Err(Error::usage(format!(
            "{from} names profile '{name}', which {} does not have; it has: {}",
            path.display(),
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        )));
    };
    Ok(Some(Loaded {
        name,
        private: is_private(&path),
        path,
        profile,
    }))
}

#[cfg(unix)]
fn is_private(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 == 0)
}

#[cfg(not(unix))]
fn is_private(_: &Path) -> bool {
    true
}

/// A secret from a profile: `env:VAR`, `file:PATH`, or inline when the
/// file is private.
pub fn secret(loaded: &Loaded, key: &str, raw: &str) -> Result<Secret> {
    let at = format!(
        "{key} of profile '{}' ({})",
        loaded.name,
        loaded.path.display()
    );
    if let Some(var) = raw.strip_prefix("env:") {
        if !crate::secret::is_var_name(var) {
            // Perhaps the secret itself (an older `config init` wrote it
            // there): never repeated.
            crate::secret::register(var);
            return Err(Error::usage(format!(
                "{at} is env: followed by something that is not a variable name (letters, \
                 digits and _, not starting with a digit), so infer does not repeat it: if it \
                 is the secret itself, write it inline (the file must be private: chmod 600), \
                 or run `infer config init` again"
            )));
        }
        return std::env::var(var).map(Secret::new).map_err(|_| {
            Error::usage(format!("{at}: env: {}", crate::secret::unset_variable(var)))
        });
    }
    if let Some(file) = raw.strip_prefix("file:") {
        let shown = crate::secret::clearly_a_path(raw.trim_start_matches("file:"));
        let file = expand_home(file);
        let cannot = |why: String| match shown {
            true => Error::usage(format!(
                "{at} refers to file {}, which cannot be read: {why}",
                file.display()
            )),
            false => Error::usage(format!(
                "{at}: file: is followed by no file infer can read ({why}), not repeated, as it \
                 may be the secret itself: give the path of a file that holds the secret \
                 (file:~/.config/infer/key)"
            )),
        };
        // Bounded, like every secret file; a regular file (or a link to
        // one), never a pipe or a device.
        let bytes = local_file::read(&file, limits::MAX_SECRET, local_file::Pipe::Refused)
            .map_err(|why| cannot(why.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|_| cannot("it is not text".into()))?;
        crate::local_file::warn_if_public(&file);
        return Ok(Secret::new(text.trim_end_matches(['\r', '\n'])));
    }
    if !loaded.private {
        return Err(Error::usage(format!(
            "{at} is written inline, and the file can be read by others: run \
             `chmod 600 {}`, or write {key} = \"env:VAR\" or \"file:PATH\"",
            loaded.path.display()
        )));
    }
    Ok(Secret::new(raw))
}

/// `~/x` as a path under `HOME`.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Write `file` to `path` with mode 0600, creating its folder.
pub fn write(path: &Path, file: &File) -> Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::usage(format!(
                "cannot create {}: {}",
                dir.display(),
                error::io_reason(&e)
            ))
        })?;
    }
    let text = toml::to_string_pretty(file)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut out = options.open(path).map_err(|e| {
        Error::usage(format!(
            "cannot write {}: {}",
            path.display(),
            error::io_reason(&e)
        ))
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    out.write_all(text.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests;
