//! The endpoints a cluster should have, as a file says: JSON in the shape
//! `infer list --json` prints (or the `{"endpoints": […]}` answer), or YAML,
//! one file or several, or a folder of them. Secrets appear only as
//! references (`env:VAR`, `file:PATH`), never inline.

use anyhow::Result;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::api::TaskType;
use crate::error::Error;
use crate::local_file::Pipe;

mod endpoint;
pub mod overlay;
mod read;
mod target;
pub use endpoint::resolve;
pub use endpoint::{KEYS, PLACEHOLDER, is_secret_map, parse_reference, place_secret};
use read::{Tally, at_place, keep_if_once, read};
use target::Marks;

/// Where a secret's value is read from when it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    Env(String),
    File(PathBuf),
    /// What `infer export` writes where a GET does not return the names of
    /// a map of secrets (`PLACEHOLDER`): refused when it must be sent (a
    /// create, a replace, `--rotate-secrets`), saying what to fill in. An
    /// endpoint in sync sends no secret, and plans in sync.
    Placeholder(String),
}

/// One endpoint as the file describes it.
#[derive(Debug, Clone)]
pub struct Desired {
    pub id: String,
    pub task_type: TaskType,
    pub service: String,
    /// `service_settings`, `task_settings`, `chunking_settings`, without
    /// the secrets.
    pub sections: Map<String, Value>,
    /// `(key in service_settings, reference)`; the key of a nested secret
    /// setting is its dotted path (`auth.signature`): [`place_secret`]
    /// puts its value there.
    pub secrets: Vec<(String, Reference)>,
    /// The file it came from, for messages.
    pub origin: String,
}

impl Desired {
    /// Preconfigured endpoints (ids starting with `.`) may be listed only to
    /// say they are expected; infer never changes them (the server refuses
    /// them: `MlStrings.isValidId`, and since #150368 the 400
    /// `Default endpoint [<id>] cannot be updated`).
    pub fn is_preconfigured(&self) -> bool {
        crate::api::is_preconfigured(&self.id)
    }
}

/// The files of endpoints, checked: every endpoint in them is valid (as
/// every profile has it: [`overlay`]), and none is described twice. They
/// are read again, one endpoint at a time, by [`Files::each`]: a file of
/// thousands is never held whole. They are read for one cluster, that of
/// the profile [`Files::for_target`] names (with none, the endpoints with
/// no profile in use); a clone is cheap.
#[derive(Clone)]
pub struct Files {
    files: Vec<PathBuf>,
    /// The text of each file that cannot be read twice (a pipe, such as
    /// `-f /dev/stdin` or `-f <(…)`), kept from the first read.
    kept: Arc<Vec<Option<Vec<u8>>>>,
    /// How many endpoints they describe.
    pub count: usize,
    /// What each file held when it was checked.
    tallies: Vec<Tally>,
    /// The services whose secrets infer's table does not know, each once:
    /// the catalogue is read before the endpoints are read again
    /// ([`Files::each`]), so that their secrets are known then.
    pub unknown_services: Vec<String>,
    /// The profile whose cluster the endpoints are read for.
    target: Option<String>,
    /// What the files say of profiles.
    marks: Marks,
}

/// Every endpoint in `paths` (files, or folders of `.json`, `.yaml` and
/// `.yml` files, read in name order), checked. An id given twice is an
/// error. `note` hears what is worth saying but no error (a sub-folder
/// that is not read).
pub fn load(paths: &[PathBuf], note: &mut dyn FnMut(String)) -> Result<Files> {
    if paths.is_empty() {
        return Err(Error::usage(
            "give the endpoints with -f FILE (JSON or YAML; repeatable, or a folder)",
        ));
    }
    let mut files = Vec::new();
    // A file named on the command line may be a pipe, read once; the files
    // of a folder are regular files.
    let mut pipes = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = folder(path, note)?;
            pipes.extend(found.iter().map(|_| Pipe::Refused));
            files.extend(found);
        } else {
            files.push(path.clone());
            pipes.push(Pipe::Read);
        }
    }
    // Where each id was first described: its file and place in it (the
    // words only when needed: a file can describe thousands).
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    let mut tallies = Vec::with_capacity(files.len());
    let mut kept = Vec::with_capacity(files.len());
    let mut unknown_services: Vec<String> = Vec::new();
    let mut marks = Marks::default();
    for (index, file) in files.iter().enumerate() {
        let mut position = 0;
        kept.push(keep_if_once(file, pipes[index])?);
        tallies.push(read(file, kept[index].as_deref(), &mut |item, place| {
            position += 1;
            let layered = overlay::split(item, place)?;
            let endpoint = target::checked(&layered, place)?;
            marks.note(&layered, &endpoint.origin);
            if crate::secret::needs_catalogue(&endpoint.service)
                && !unknown_services.contains(&endpoint.service)
            {
                unknown_services.push(endpoint.service.clone());
            }
            if let Some(&(in_file, at)) = seen.get(&endpoint.id) {
                let first = at_place(&files[in_file].display().to_string(), at);
                return Err(Error::usage(format!(
                    "endpoint '{}' is described twice, in {first} ('{}') and in {}: keep one",
                    endpoint.id, endpoint.id, endpoint.origin
                )));
            }
            seen.insert(endpoint.id, (index, position));
            Ok(())
        })?);
    }
    Ok(Files {
        files,
        kept: Arc::new(kept),
        count: seen.len(),
        tallies,
        unknown_services,
        target: None,
        marks,
    })
}

impl Files {
    /// The files read for the cluster of profile `target` (`None`: no
    /// profile in use), each endpoint as that profile has it: the overlay
    /// its `environments` give `target` merged in, and left out when its
    /// `profiles` do not name `target`. Every profile the files name must
    /// be `target` or one of `known_profiles` (the config file's), else
    /// it is refused, naming the profile, the endpoint and its file. With
    /// no profile in use, no overlay is applied, the endpoints that list
    /// their profiles are left out, and `note` hears it.
    pub fn for_target(
        &self,
        target: Option<&str>,
        known_profiles: &[String],
        note: &mut dyn FnMut(String),
    ) -> Result<Files> {
        self.marks.check(target, known_profiles)?;
        if target.is_none()
            && let Some(said) = self.marks.without_profile()
        {
            note(said);
        }
        Ok(Files {
            target: target.map(str::to_string),
            ..self.clone()
        })
    }

    /// Every endpoint of the target's cluster, in the files' order, handed
    /// to `hand`. A file that changed since it was checked is refused only
    /// once it has been read, after its endpoints were handed over: `hand`
    /// must do nothing that cannot be dropped (planning only; writes come
    /// after).
    pub fn each(&self, hand: &mut dyn FnMut(Desired) -> Result<()>) -> Result<()> {
        let target = self.target.as_deref();
        for ((file, kept), checked) in self.files.iter().zip(self.kept.iter()).zip(&self.tallies) {
            let tally = read(file, kept.as_deref(), &mut |item, place| {
                let layered = overlay::split(item, place)?;
                match target::for_target(layered, place, target)? {
                    Some(endpoint) => hand(endpoint),
                    None => Ok(()),
                }
            })?;
            if tally != *checked {
                return Err(Error::usage(format!(
                    "{} changed while infer was reading it: run again",
                    file.display()
                )));
            }
        }
        Ok(())
    }
}

fn folder(dir: &Path, note: &mut dyn FnMut(String)) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::usage(format!(
            "cannot read the folder {}: {}",
            dir.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    // Every .json, .yaml and .yml entry is read (one that cannot be is an
    // error, not skipped); sub-folders are not, and are named.
    let mut files: Vec<PathBuf> = Vec::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "json" | "yaml" | "yml"));
        if path.is_dir() {
            note(format!(
                "note: {} is a folder inside {}, and is not read",
                path.display(),
                dir.display()
            ));
        } else if wanted {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::usage(format!(
            "the folder {} holds no .json, .yaml or .yml file",
            dir.display()
        )));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(files: &Files) -> Vec<String> {
        let mut ids = Vec::new();
        files
            .each(&mut |d| {
                ids.push(d.id);
                Ok(())
            })
            .unwrap();
        ids
    }

    const TWO: &str = r#"[
        {"inference_id": "a", "task_type": "rerank", "service": "cohere",
         "service_settings": {"api_key": "env:CO_KEY", "model_id": "m"}},
        {"inference_id": "b", "task_type": "text_embedding", "service": "openai"}
    ]"#;

    #[test]
    fn files_are_checked_then_read_again_endpoint_by_endpoint() {
        let dir = tempfile::tempdir().unwrap();
        let json = dir.path().join("a.json");
        let yaml = dir.path().join("b.yaml");
        std::fs::write(&json, TWO).unwrap();
        std::fs::write(
            &yaml,
            "endpoints:\n- {inference_id: c, task_type: rerank, service: cohere}\n",
        )
        .unwrap();
        let files = load(&[dir.path().to_path_buf()], &mut |_| {}).unwrap();
        assert_eq!(files.count, 3);
        assert_eq!(ids(&files), ["a", "b", "c"]);
        let mut first = None;
        files
            .each(&mut |d| {
                first.get_or_insert(d);
                Ok(())
            })
            .unwrap();
        let first = first.unwrap();
        assert_eq!(
            first.secrets,
            [("api_key".to_string(), Reference::Env("CO_KEY".into()))]
        );
        assert_eq!(
            first.origin,
            format!("{}, endpoint 1 ('a')", json.display())
        );
        assert!(
            !first.sections["service_settings"]
                .as_object()
                .unwrap()
                .contains_key("api_key")
        );
    }

    #[test]
    fn a_file_that_changes_between_the_check_and_the_reading_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, TWO).unwrap();
        let files = load(std::slice::from_ref(&path), &mut |_| {}).unwrap();
        // Same endpoints, other bytes: still not what was checked.
        std::fs::write(&path, TWO.replace("\"m\"", "\"n\"")).unwrap();
        let err = files.each(&mut |_| Ok(())).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} changed while infer was reading it: run again",
                path.display()
            )
        );
    }

    #[test]
    fn an_endpoint_refused_in_the_middle_names_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        let text = TWO.replace(
            "\"service\": \"openai\"",
            "\"service\": \"openai\", \"x\": 1",
        );
        std::fs::write(&path, text).unwrap();
        let err = load(std::slice::from_ref(&path), &mut |_| {})
            .err()
            .unwrap();
        assert!(
            err.to_string()
                .starts_with(&format!("{}, endpoint 2: unknown key 'x'", path.display())),
            "{err}"
        );
    }
}
