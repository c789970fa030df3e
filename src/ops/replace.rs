//! A replace (the service or task type of an endpoint changes) is a
//! delete and a create, and nothing between them may lose the endpoint:
//!
//! 1. For a service that calls a provider, the new settings are first
//!    created under a temporary id (`<id>-infer-tmp-<8 hex>`): the server
//!    checks the provider, model and key on create (#140003), so a create
//!    it would refuse is refused before anything is deleted. In-cluster
//!    services skip this: a second deployment would start a model.
//! 2. The delete and the create of the real id run as one piece a signal
//!    cannot cut (`interrupt::finishing`). A create that fails is tried
//!    again while the failure may pass (a lost connection, a 5xx), and
//!    after each failure the server is asked what it holds.
//! 3. The temporary endpoint is deleted; a leftover one, from a run that
//!    SIGKILL ended, is found and deleted by the next `apply`.
//!
//! Should the create still fail, the report says what exists (read back)
//! and where the deleted endpoint's settings were written, its secrets as
//! references: nothing infer ever had is lost.

use anyhow::Result;
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::client::Client;
use crate::error::Error;
use crate::interrupt;
use crate::ops::item_write::{self, Done, Status};
use crate::ops::sync::Item;
use crate::ops::temporary_id::temporary_id;
use crate::ops::write::read_back;
use crate::services;

/// Carry out the replace of `item`.
pub fn replace(client: &Client, item: &Item, verify: bool) -> Result<Done> {
    let Some(wanted) = &item.desired else {
        anyhow::bail!("nothing to replace");
    };
    let id = wanted.id.as_str();
    let mut notes = Vec::new();
    let proof = if services::is_in_cluster(&wanted.service) {
        None
    } else {
        let tmp = temporary_id(id);
        item_write::create_as(client, item, &tmp, false).map_err(|e| {
            e.context(format!(
                "endpoint '{id}' was not touched: its new settings were tried first as \
                 '{tmp}', and that create failed"
            ))
        })?;
        notes.push(format!(
            "the new settings were tried first as '{tmp}', and the server took them"
        ));
        Some(tmp)
    };
    let made = if interrupt::stopped() {
        if let Some(tmp) = &proof {
            remove_temporary(client, tmp, &mut notes);
        }
        Err(Error::Signalled(format!(
            "{}: endpoint '{id}' was not touched (nothing was deleted)",
            interrupt::signal_name()
        ))
        .into())
    } else {
        // The temporary endpoint's removal is part of the piece a signal
        // cannot cut: none is left behind by a second signal.
        interrupt::finishing(|| {
            let made = delete_then_create(client, item, verify);
            if let Some(tmp) = &proof {
                remove_temporary(client, tmp, &mut notes);
            }
            made
        })
    };
    made.map(|mut done| {
        notes.append(&mut done.notes);
        done.notes = notes;
        done
    })
}

/// Delete the real endpoint, then create it anew.
fn delete_then_create(client: &Client, item: &Item, verify: bool) -> Result<Done> {
    let id = item.inference_id.as_str();
    if let Err(e) = item_write::delete(client, item) {
        // A delete whose answer was lost may have been applied.
        match read_back(client, id) {
            Ok(None) => {}
            Ok(Some(_)) => {
                return Err(e.context(format!(
                    "endpoint '{id}' was not deleted, and stays as it was"
                )));
            }
            Err(_) => {
                return Err(e.context(format!(
                    "whether endpoint '{id}' was deleted is not known (its answer and the \
                     read-back both failed): check with infer get {id}, then apply again"
                )));
            }
        }
    }
    let mut tries = 0;
    loop {
        tries += 1;
        let error = match item_write::create_as(client, item, id, verify) {
            Ok(done) => return Ok(done),
            Err(e) => e,
        };
        if tries < 3 && may_pass(&error) {
            std::thread::sleep(Duration::from_millis(300 * tries));
            continue;
        }
        return settle(client, item, error);
    }
}

/// The create failed, as far as its answers say: what does the server
/// hold? The new endpoint (a create applied whose answer was lost) is a
/// success; anything else is reported as lost.
fn settle(client: &Client, item: &Item, error: anyhow::Error) -> Result<Done> {
    let wanted = item.desired.as_ref();
    if let (Ok(Some(held)), Some(wanted)) = (read_back(client, &item.inference_id), wanted)
        && crate::stored::service(&held) == wanted.service
        && crate::stored::task_type_name(&held) == wanted.task_type.as_str()
    {
        return Ok(Done {
            status: Status::Done,
            notes: vec![format!(
                "the create's answers said it failed ({error:#}), but the server holds the new \
                 endpoint (read back): check it with infer get {}",
                item.inference_id
            )],
            endpoint: Some(held),
        });
    }
    Err(lost(client, item, error))
}

/// A failure that may pass if the create is tried again.
fn may_pass(error: &anyhow::Error) -> bool {
    match error.downcast_ref::<Error>() {
        Some(Error::Connection(_)) => true,
        Some(Error::Http { status, .. }) => *status >= 500,
        _ => false,
    }
}

/// The create failed for good after the delete: say what the server holds,
/// and keep the deleted endpoint's settings in a file.
fn lost(client: &Client, item: &Item, error: anyhow::Error) -> anyhow::Error {
    let id = item.inference_id.as_str();
    let holds = match read_back(client, id) {
        Ok(Some(_)) => "it exists now (read back): check it with infer get".to_string(),
        Ok(None) => "it does not exist now (read back)".to_string(),
        Err(e) => format!("what the server holds could not be read ({e:#})"),
    };
    let kept = match item
        .stored
        .as_ref()
        .map(|old| keep(Path::new("."), id, old))
    {
        Some(Ok(path)) => format!(
            "; its settings before the delete are in {path}, secrets as env: references: \
             put it back with infer apply -f {path} (after setting those variables), or \
             apply your file again"
        ),
        Some(Err(e)) => format!("; its settings before the delete could not be kept: {e}"),
        None => String::new(),
    };
    error.context(format!(
        "endpoint '{id}' was deleted, and creating it anew failed; {holds}{kept}"
    ))
}

/// Write the endpoint as it was (`old`, a GET's view, which holds no
/// secret) to a new file in `folder` (the working folder), as `infer
/// export` writes it: each secret setting of its service an `env:`
/// reference named `<ID>_<SETTING>` (`ops::export`).
fn keep(folder: &Path, id: &str, old: &Value) -> Result<String> {
    let endpoint = crate::ops::export::all(std::slice::from_ref(old))?
        .into_iter()
        .next()
        .map_or_else(|| old.clone(), |e| e.endpoint);
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let path = folder.join(format!("infer-replaced-{id}-{secs}.json"));
    let text = serde_json::to_string_pretty(&Value::Array(vec![endpoint]))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    Ok(path.display().to_string())
}

/// Delete the temporary endpoint; a failure is said, and the next `apply`
/// deletes it.
fn remove_temporary(client: &Client, tmp: &str, notes: &mut Vec<String>) {
    let request = crate::api::Request::delete(tmp, None, false, true);
    let removed = interrupt::finishing(|| client.send(&request));
    if let Err(e) = removed {
        notes.push(format!(
            "the temporary endpoint '{tmp}' could not be deleted ({e:#}); the next infer apply \
             deletes it, or infer delete {tmp}"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_endpoint_names_its_secrets_as_references() {
        let dir = tempfile::tempdir().unwrap();
        let kept = keep(
            dir.path(),
            "emb",
            &serde_json::json!({"inference_id": "emb", "service": "openai", "service_settings": {"model_id": "m"}}),
        );
        let text = std::fs::read_to_string(kept.unwrap()).unwrap();
        assert!(text.contains("\"api_key\": \"env:EMB_API_KEY\""), "{text}");
    }
}
