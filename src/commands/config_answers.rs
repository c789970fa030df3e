//! What `infer config init` makes of an answer, given as a flag or typed
//! at a prompt (`config_init.rs`, `config_ask.rs`): a URL or Cloud ID
//! checked, a path made absolute, and the profile written.

use anyhow::Result;
use std::path::Path;

use crate::config;
use crate::connection;
use crate::error::Error;
use crate::output::Ui;
use crate::secret;

/// What every error of a run that writes nothing ends with.
pub(super) const NOTHING: &str = "nothing was written";

/// A URL infer can use, as given; `name` is how an error calls it.
pub(super) fn checked_url(url: &str, name: &str) -> Result<String> {
    let url = url.trim();
    connection::parse_url(url).map_err(|e| {
        Error::usage(format!(
            "invalid {name} '{}': {e}; {NOTHING}",
            secret::url::shown(url)
        ))
    })?;
    Ok(url.to_string())
}

/// A Cloud ID infer can use, as given.
pub(super) fn checked_cloud_id(id: &str, name: &str) -> Result<String> {
    let id = id.trim();
    crate::cloud_id::decode(id).map_err(|e| {
        Error::usage(format!(
            "invalid {name}: {e}; copy it from the deployment's page in Elastic Cloud; {NOTHING}"
        ))
    })?;
    Ok(id.to_string())
}

/// A path as the profile keeps it: `~/…` as it is, a relative one made
/// absolute, since the profile is used from any directory.
pub(super) fn absolute(path: &str) -> Result<String> {
    if path.starts_with("~/") || Path::new(path).is_absolute() {
        return Ok(path.to_string());
    }
    let here = std::env::current_dir().map_err(|e| {
        Error::usage(format!(
            "cannot make {path} absolute: {}; {NOTHING}",
            crate::error::io_reason(&e)
        ))
    })?;
    Ok(here.join(path).to_string_lossy().into_owned())
}

pub(super) fn config_path() -> Result<std::path::PathBuf> {
    config::path().ok_or_else(|| Error::usage("no config file: set HOME or INFER_CONFIG"))
}

pub(super) fn save(path: &Path, file: &config::File, name: &str, ui: &Ui) -> Result<()> {
    config::write(path, file)?;
    ui.info(&format!(
        "wrote profile '{name}' to {} (mode 0600)",
        path.display()
    ));
    Ok(())
}
