//! The files of endpoints for the cluster a command is connected to: read
//! as the profile in use has them (`ops::desired::overlay`), the profiles
//! they name checked against the config file's.

use anyhow::Result;

use crate::connection::Connection;
use crate::ops::desired::Files;

/// `files` as the cluster of `conn` should have them: its profile's
/// values merged in, the endpoints not in its cluster left out; `note`
/// hears what is left out when no profile is in use. The profile is in
/// use only when the URL and credential came from it
/// ([`Connection::profile_in_use`]): a default profile that `ES_URL` or a
/// flag overrode names another cluster than this one.
pub fn files_for(conn: &Connection, files: &Files, note: &mut dyn FnMut(String)) -> Result<Files> {
    let target = conn.profile_in_use();
    files.for_target(target, &known_profiles(conn)?, note)
}

/// The profiles of the config file (the one the profile in use came
/// from, else where infer looks for one); none without a file.
pub fn known_profiles(conn: &Connection) -> Result<Vec<String>> {
    let path = match &conn.profile {
        Some((_, path)) => Some(path.clone()),
        None => crate::config::path(),
    };
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    Ok(crate::config::read(&path)?
        .map(|file| file.profiles.into_keys().collect())
        .unwrap_or_default())
}
