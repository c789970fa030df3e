//! `infer edit`: the endpoint in an editor; on save, the smallest update
//! (only what changed, never the read-only keys), shown field by field,
//! confirmed, sent and verified as `update` does. The user's text is never
//! lost: when it cannot be used, it is kept in a file whose path is shown.

use anyhow::{Context, Result};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

use crate::api::{Request, TaskType};
use crate::body::Body;
use crate::cli::{EditArgs, GlobalArgs};
use crate::client::Client;
use crate::connection;
use crate::diff;
use crate::error::Error;
use crate::json::{self, Keys};
use crate::limits::{self, MAX_INPUT};
use crate::output::{Ui, say};
use crate::prompt;
use crate::validate;

use super::write::{self, Write};

pub fn run(args: &EditArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let id = args.inference_id.as_str();
    validate::inference_id(id)?;
    if global.curl {
        return Err(Error::usage(
            "infer edit is interactive and has no one request to show: use --curl with \
             infer update",
        ));
    }
    if !args.yes && !prompt::can_prompt() {
        return Err(Error::refused(
            "infer edit asks before it sends the change, and there is no terminal to ask on: \
             pass --yes",
        ));
    }
    let editor = editor()?;
    let conn = connection::resolve(global, false)?;
    let client = Client::new(&conn, ui)?;
    let stored = super::read_endpoint(&client, id, None)?;
    let task_type = super::task_type_of(&stored, id)?;

    let mut text = format!("{}\n", serde_json::to_string_pretty(&stored)?);
    // Files holding the user's text: removed once the change is sent.
    let mut kept: Vec<PathBuf> = Vec::new();
    let (body, edited) = loop {
        let edited = run_editor(&editor, &text, &mut kept)?;
        match smallest_update(&stored, &edited, task_type) {
            Ok(body) => break (body, edited),
            Err(problem) => {
                let path = keep(&edited, &mut kept)?;
                if !prompt::can_prompt() {
                    return Err(Error::usage(format!(
                        "{problem}; nothing was sent, and your text is kept in {}",
                        path.display()
                    )));
                }
                say(&format!("infer: {problem}"));
                say(&format!("infer: your text is kept in {}", path.display()));
                if !prompt::confirm("Open it in the editor again?")? {
                    return Err(Error::refused(format!(
                        "nothing was sent; your text is kept in {}",
                        path.display()
                    )));
                }
                text = edited;
            }
        }
    };
    for warning in &body.warnings {
        ui.warn(warning);
    }
    if body.is_empty() {
        forget(&kept);
        ui.info(&format!("no change to endpoint '{id}'; nothing was sent"));
        return Ok(());
    }
    write::warn_not_updatable(&client, ui, &body, &stored, task_type, &[]);
    say(&format!("infer: changes to {task_type} endpoint '{id}':"));
    for line in write::change_lines(ui, &body, Some(&stored)) {
        say(&format!("  {line}"));
    }
    let confirmed = args.yes
        || prompt::confirm("Send this change?").inspect_err(|_| {
            if let Ok(path) = keep(&edited, &mut kept) {
                say(&format!("infer: your text is kept in {}", path.display()));
            }
        })?;
    if !confirmed {
        let path = keep(&edited, &mut kept)?;
        return Err(Error::refused(format!(
            "not confirmed; nothing was sent; your text is kept in {}",
            path.display()
        )));
    }
    let sent = write::send_and_verify(
        &client,
        ui,
        &Request::update(task_type, id, body.to_json()),
        &Write {
            verb: "updated",
            id,
            task_type,
            body: &body,
            before: Some(&stored),
            verify: !args.no_verify,
        },
    );
    match &sent {
        Ok(()) => forget(&kept),
        Err(_) => {
            if let Ok(path) = keep(&edited, &mut kept) {
                say(&format!("infer: your text is kept in {}", path.display()));
            }
        }
    }
    sent
}

/// Open `text` in the editor and return the text as saved. The editor
/// runs through the shell, as git runs its editor, so that `code --wait`
/// and quoted paths work. An editor that fails (vim's `:cq`) aborts.
fn run_editor(editor: &str, text: &str, kept: &mut Vec<PathBuf>) -> Result<String> {
    let mut file = tempfile::Builder::new()
        .prefix("infer-edit-")
        .suffix(".json")
        .tempfile()
        .context("cannot make a temporary file to edit")?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    let status = if cfg!(unix) {
        Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$@\""))
            .arg(editor)
            .arg(file.path())
            .status()
    } else {
        let mut words = editor.split_whitespace();
        Command::new(words.next().unwrap_or(editor))
            .args(words)
            .arg(file.path())
            .status()
    }
    .with_context(|| format!("cannot run the editor '{editor}' (from VISUAL or EDITOR)"))?;
    let edited = limits::read_file(file.path(), MAX_INPUT)
        .context("cannot read the edited file back")?
        .ok_or_else(|| {
            Error::usage(format!(
                "the edited file is larger than the limit of {}; nothing was sent",
                limits::show(MAX_INPUT)
            ))
        })?;
    let edited = String::from_utf8(edited)
        .map_err(|_| Error::usage("the edited file is not UTF-8 text; nothing was sent"))?;
    if !status.success() {
        let saved = if edited == text {
            String::new()
        } else {
            format!("; your text is kept in {}", keep(&edited, kept)?.display())
        };
        return Err(Error::refused(format!(
            "the editor '{editor}' failed ({status}); nothing was sent{saved}"
        )));
    }
    Ok(edited)
}

/// `VISUAL`, then `EDITOR`; `vi` only when a person is there to use it.
fn editor() -> Result<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|e| e.trim().to_string())
        .find(|e| !e.is_empty())
        .or_else(|| prompt::can_prompt().then(|| "vi".to_string()))
        .ok_or_else(|| Error::usage("infer edit needs an editor: set VISUAL or EDITOR"))
}

/// The edited text as an update, or what is wrong with it.
fn smallest_update(stored: &Value, edited: &str, task_type: TaskType) -> Result<Body, String> {
    let value = json::parse(edited, Keys::Unique).map_err(|p| p.describe("the edited text"))?;
    let body = diff::smallest_update(stored, &value)?;
    validate::body(&body, Some(task_type)).map_err(|e| e.to_string())?;
    Ok(body)
}

/// Keep `text` in a new file that outlives infer, and return its path.
fn keep(text: &str, kept: &mut Vec<PathBuf>) -> Result<PathBuf> {
    let mut file = tempfile::Builder::new()
        .prefix("infer-edit-")
        .suffix(".json")
        .tempfile()
        .context("cannot keep the edited text in a temporary file")?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    let (_, path) = file.keep().context("cannot keep the edited text")?;
    kept.push(path.clone());
    Ok(path)
}

/// Remove the kept copies once they are no longer needed.
fn forget(kept: &[PathBuf]) {
    for path in kept {
        let _ = std::fs::remove_file(path);
    }
}
