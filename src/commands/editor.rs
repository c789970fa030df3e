//! Running the user's editor for `infer edit`, and keeping the text it
//! produced when that text cannot be used yet.
//!
//! The editor runs without the credential variables in its environment:
//! it is a program infer did not choose, and may run plugins. The text
//! lives in a private directory (0700, files 0600): `$XDG_STATE_HOME/infer/
//! edits`, else `~/.local/state/infer/edits`, else `infer-edits-<uid>` in
//! the temporary directory. A file is named `<id>@<random>.json`, so that
//! a successful edit of an endpoint removes every text kept for it.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config;
use crate::connection::Connection;
use crate::error::Error;
use crate::limits::MAX_INPUT;
use crate::local_file::{self, Pipe};
use crate::prompt;

// Credential variables infer reads: never passed to the editor.
use crate::vocabulary::CREDENTIAL_VARIABLES;

/// The editor, in git's order: `VISUAL`, then `EDITOR`, then `vi`, only
/// when a person is there to use it (vi cannot be driven from a pipe);
/// and where it came from, for the line that says which editor runs.
pub fn command() -> Result<(String, &'static str)> {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|var| Some((std::env::var(var).ok()?.trim().to_string(), var)))
        .find(|(e, _)| !e.is_empty())
        .map(|(e, var)| {
            (
                e,
                if var == "VISUAL" {
                    "from VISUAL"
                } else {
                    "from EDITOR"
                },
            )
        })
        .or_else(|| {
            prompt::can_prompt().then(|| ("vi".to_string(), "neither VISUAL nor EDITOR is set"))
        })
        .ok_or_else(|| {
            Error::usage(
                "infer edit needs an editor, and without a terminal it does not fall back to vi: \
                 set VISUAL or EDITOR (a command that edits the file it is given, e.g. \
                 EDITOR=\"code --wait\")",
            )
        })
}

/// The variables the editor must not see: the credential variables, and
/// every variable an `env:` reference of the profile in use names.
pub fn hidden_variables(conn: &Connection) -> Vec<String> {
    let mut names: Vec<String> = CREDENTIAL_VARIABLES.map(String::from).to_vec();
    let profile = conn.profile.as_ref().and_then(|(name, path)| {
        config::read(path)
            .ok()
            .flatten()
            .and_then(|file| file.profiles.get(name).cloned())
    });
    if let Some(Ok(serde_json::Value::Object(fields))) = profile.map(serde_json::to_value) {
        names.extend(
            fields
                .values()
                .filter_map(|v| v.as_str()?.strip_prefix("env:"))
                .map(String::from),
        );
    }
    names
}

/// The edited texts kept for one endpoint, where the user finds them again.
pub struct EditedText {
    dir: PathBuf,
    prefix: String,
    /// Kept by this run.
    mine: Vec<PathBuf>,
}

impl EditedText {
    /// The private directory, made if needed, for endpoint `id` (a valid
    /// id: no `/`, no `@`).
    pub fn new(id: &str) -> Result<EditedText> {
        Ok(EditedText {
            dir: private_dir()?,
            prefix: format!("{id}@"),
            mine: Vec::new(),
        })
    }

    /// Keep `text` in a new file (0600) and return its path.
    pub fn keep(&mut self, text: &str) -> Result<PathBuf> {
        let mut file = self.new_file()?;
        std::io::Write::write_all(&mut file, text.as_bytes())
            .context("cannot keep the edited text")?;
        let (_, path) = file.keep().context("cannot keep the edited text")?;
        self.mine.push(path.clone());
        Ok(path)
    }

    /// Remove what this run kept: nothing needed it.
    pub fn forget_mine(&self) {
        for path in &self.mine {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Remove every text kept for this endpoint: it was updated.
    pub fn forget_all(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&self.prefix) && name.ends_with(".json") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    fn new_file(&self) -> Result<tempfile::NamedTempFile> {
        tempfile::Builder::new()
            .prefix(&self.prefix)
            .suffix(".json")
            .tempfile_in(&self.dir)
            .with_context(|| format!("cannot make a file in {}", self.dir.display()))
    }

    /// Open `text` in `editor` without the `hidden` variables and return
    /// the text as saved. The file being edited is removed when this
    /// returns. The editor runs through the shell, as git runs its editor,
    /// so that `code --wait` and quoted paths work. An editor that fails
    /// (vim's `:cq`) aborts; a changed text is then kept.
    pub fn edit(&mut self, editor: &str, text: &str, hidden: &[String]) -> Result<String> {
        let mut file = self.new_file()?;
        std::io::Write::write_all(&mut file, text.as_bytes())
            .context("cannot write the text to edit")?;
        let mut command = if cfg!(unix) {
            let mut sh = Command::new("sh");
            sh.arg("-c")
                .arg(format!("{editor} \"$@\""))
                .arg(editor)
                .arg(file.path());
            sh
        } else {
            let mut words = editor.split_whitespace();
            let mut direct = Command::new(words.next().unwrap_or(editor));
            direct.args(words).arg(file.path());
            direct
        };
        for name in hidden {
            command.env_remove(name);
        }
        let status = command
            .status()
            .with_context(|| format!("cannot run the editor '{editor}' (from VISUAL or EDITOR)"))?;
        let edited = read_back(file.path())?;
        if !status.success() {
            let saved = if edited == text {
                String::new()
            } else {
                format!("; your text is kept in {}", self.keep(&edited)?.display())
            };
            return Err(Error::refused(format!(
                "the editor '{editor}' failed ({status}); nothing was sent{saved}"
            )));
        }
        Ok(edited)
    }
}

fn read_back(path: &Path) -> Result<String> {
    let bytes = local_file::read(path, MAX_INPUT, Pipe::Refused).map_err(|why| match why {
        local_file::Problem::Io(e) => {
            anyhow::Error::new(e).context("cannot read the edited file back")
        }
        local_file::Problem::TooLarge(_) => {
            Error::usage(format!("the edited file is {why}; nothing was sent"))
        }
        local_file::Problem::Special(_) => Error::usage(format!(
            "cannot read the edited file {}: {why}; nothing was sent",
            path.display()
        )),
    })?;
    String::from_utf8(bytes)
        .map_err(|_| Error::usage("the edited file is not UTF-8 text; nothing was sent"))
}

/// The private directory for kept texts: made 0700, and refused when it
/// is a link or belongs to someone else.
fn private_dir() -> Result<PathBuf> {
    let from = |var: &str| std::env::var_os(var).filter(|v| !v.is_empty());
    let dir = if let Some(state) = from("XDG_STATE_HOME") {
        PathBuf::from(state).join("infer").join("edits")
    } else if let Some(home) = from("HOME") {
        PathBuf::from(home).join(".local/state/infer/edits")
    } else {
        std::env::temp_dir().join(format!("infer-edits-{}", user_id()))
    };
    let cannot =
        |why: String| Error::usage(format!("cannot keep texts in {}: {why}", dir.display()));
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(&dir)
        .map_err(|e| cannot(crate::error::io_reason(&e)))?;
    let meta = std::fs::symlink_metadata(&dir).map_err(|e| cannot(crate::error::io_reason(&e)))?;
    if !meta.is_dir() {
        return Err(cannot("it is not a directory".into()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if meta.uid() != user_id() {
            return Err(cannot("it belongs to another user".into()));
        }
        if meta.mode() & 0o077 != 0 {
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| cannot(crate::error::io_reason(&e)))?;
        }
    }
    Ok(dir)
}

#[cfg(unix)]
fn user_id() -> u32 {
    rustix::process::getuid().as_raw()
}

#[cfg(not(unix))]
fn user_id() -> u32 {
    0
}
