//! `infer edit`: the endpoint in an editor; on save, the smallest update
//! (only what changed, never the read-only keys), shown field by field,
//! confirmed, sent and verified as `update` does. The user's text is never
//! lost: when it cannot be used, it is kept in a file whose path is shown.

use anyhow::Result;
use serde_json::Value;

use crate::cli::{EditArgs, GlobalArgs};
use crate::client::Client;
use crate::diff;
use crate::error::Error;
use crate::json::{self, Keys};
use crate::ops::change::{self, Change};
use crate::ops::stored;
use crate::output::{Ui, say};
use crate::prompt;
use crate::validate;

use super::editor::{self, EditedText};
use super::write;

pub fn run(args: &EditArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let id = args.inference_id.as_str();
    validate::inference_id(id)?;
    if global.curl {
        return Err(Error::usage(
            "infer edit is interactive and has no one request to show: use --curl with \
             infer update",
        ));
    }
    // The editor first: without a terminal, none set is the first thing to fix.
    let (editor, whence) = editor::command()?;
    prompt::flows::edit_can_ask(&mut prompt::Terminal, args.yes)?;
    let conn = super::connect(global, false, ui)?;
    let hidden = editor::hidden_variables(&conn);
    // The user's text is kept here when it cannot be used yet.
    let mut kept = EditedText::new(id)?;
    let client = Client::new(&conn, ui)?;
    let stored = super::read_endpoint(&client, id, None)?;
    let task_type = stored::task_type(&stored, id)?;
    super::mask_secrets(&client, &stored);

    // What the editor shows, and what the edit is compared with: the
    // endpoint with any secret infer knows masked.
    let shown = crate::secret::scrub_value(&stored);
    let mut text = format!("{}\n", serde_json::to_string_pretty(&shown)?);
    ui.info(&format!("editing '{id}' in the editor {editor} ({whence})"));
    let (mut change, decision, edited) = loop {
        let edited = kept.edit(&editor, &text, &hidden)?;
        match decide(&client, id, &shown, &edited, &args.allow_fields) {
            Ok((change, decision)) => break (change.checked_against(&stored), decision, edited),
            Err(problem) => {
                edit_again(&mut kept, problem, &edited)?;
                text = edited;
            }
        }
    };
    decision.debug.iter().for_each(|line| ui.debug(line));
    for warning in change.body.warnings.iter().chain(&decision.warnings) {
        ui.warn(warning);
    }
    if change.body.is_empty() {
        kept.forget_mine();
        ui.info(&format!("no change to endpoint '{id}'; nothing was sent"));
        return Ok(());
    }
    say(&format!("infer: changes to {task_type} endpoint '{id}':"));
    for line in write::change_lines(ui, &change.body, Some(&stored)) {
        say(&format!("  {line}"));
    }
    confirm(args.yes, &mut kept, &edited)?;
    let request = change.request();
    let sent = write::send_and_verify(&client, ui, (&change, &request), !args.no_verify);
    match &sent {
        Ok(_) => kept.forget_all(),
        Err(_) => {
            if let Ok(path) = kept.keep(&edited) {
                say(&format!("infer: your text is kept in {}", path.display()));
            }
        }
    }
    sent.map(|_| ())
}

/// The edited text could not be used: it is kept, and on a terminal the
/// user may open it again (`Ok`); otherwise the run ends, saying where it is.
fn edit_again(kept: &mut EditedText, problem: anyhow::Error, edited: &str) -> Result<()> {
    prompt::flows::edit_again(&mut prompt::Terminal, problem, &kept.keep(edited)?)
}

/// Ask before sending (unless `--yes`); a no keeps the text.
fn confirm(yes: bool, kept: &mut EditedText, edited: &str) -> Result<()> {
    prompt::flows::send_edit(&mut prompt::Terminal, yes, &mut || kept.keep(edited))
}

/// The edited text as an update the server can take, decided, or what is
/// wrong with it. A removed key is sent as `null` where the server resets
/// with it, and otherwise stays, with a warning (#126479). The change's
/// identity check (`Change::check`) is not run: the text is the endpoint
/// itself, whose id, task type and service `diff::smallest_update` keeps
/// as stored, and `validate::body` checks chunking against its task type.
fn decide<'a>(
    client: &Client,
    id: &'a str,
    shown: &'a Value,
    edited: &str,
    allow: &[String],
) -> Result<(Change<'a>, change::Decision)> {
    let value = json::parse(edited, Keys::Unique)
        .map_err(|p| Error::usage(p.describe("the edited text")))?;
    // A secret typed into the editor is masked from here on.
    crate::secret::register_value(&value, &[]);
    let mut body = diff::smallest_update(shown, &value).map_err(Error::usage)?;
    body.know_secrets_of(stored::service(shown));
    let mut change = Change::of_stored(id, body, shown)?;
    validate::body(&change.body, Some(change.task_type))?;
    let options = change::Options {
        allow,
        nulls: change::Nulls::Keep,
    };
    let decision = change.decide(client, &options)?;
    decision.refused(id)?;
    Ok((change, decision))
}
