//! The flows that ask before infer acts: what each makes of the answers,
//! and what it says when there is no terminal to ask on. Each takes the
//! [`Prompter`] it asks through (the terminal in a run, a script in the
//! unit tests below), so its wording and decisions are tested without one.

use anyhow::Result;
use std::path::{Path, PathBuf};

use super::Prompter;
use crate::error::Error;
use crate::secret::Secret;

/// Before a batch (`apply`, `rotate`) writes: nothing to ask with `--yes`;
/// without a terminal, `--yes` is required (exit 3, nothing written); a no
/// declines.
pub fn before_batch(p: &mut dyn Prompter, yes: bool, command: &str, question: &str) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !p.can_ask() {
        return Err(Error::refused(format!(
            "infer {command} asks before it writes, and there is no terminal to ask on: pass \
             --yes; nothing was written"
        )));
    }
    if !p.confirm(question)? {
        return Err(Error::declined("not confirmed; nothing was written"));
    }
    Ok(())
}

/// Before `delete` connects: unless it need not ask (`--yes`, or a dry
/// run), a terminal to ask on. `ids` are the endpoints, quoted.
pub fn delete_can_ask(p: &mut dyn Prompter, need_not_ask: bool, ids: &str) -> Result<()> {
    if !need_not_ask && !p.can_ask() {
        return Err(Error::refused(format!(
            "not deleting {ids} without confirmation, and there is no terminal to ask on: \
             pass --yes"
        )));
    }
    Ok(())
}

/// Before one endpoint is deleted: `what` it is (its task type, id and
/// service); a no declines.
pub fn delete_one(p: &mut dyn Prompter, what: &str) -> Result<()> {
    if !p.confirm(&format!("Delete {what}?"))? {
        return Err(Error::declined(format!(
            "not confirmed: {what} was not deleted"
        )));
    }
    Ok(())
}

/// Before `edit` opens the editor: unless `--yes`, a terminal to ask on.
pub fn edit_can_ask(p: &mut dyn Prompter, yes: bool) -> Result<()> {
    if !yes && !p.can_ask() {
        return Err(Error::refused(
            "infer edit asks before it sends the change, and there is no terminal to ask on: \
             pass --yes",
        ));
    }
    Ok(())
}

/// The edited text could not be used (`problem`) and is kept at `kept`:
/// on a terminal the user may open it again (`Ok`); otherwise the run
/// ends, saying where it is.
pub fn edit_again(p: &mut dyn Prompter, problem: anyhow::Error, kept: &Path) -> Result<()> {
    if !p.can_ask() {
        // A change the server cannot make is refused (exit 3); text that
        // is not an endpoint is a usage error (exit 2).
        let refused = crate::error::exit_code(&problem) == 3;
        let message = format!(
            "{problem}; nothing was sent, and your text is kept in {}",
            kept.display()
        );
        return Err(if refused {
            Error::refused(message)
        } else {
            Error::usage(message)
        });
    }
    p.tell(&format!("infer: {problem}"));
    p.tell(&format!("infer: your text is kept in {}", kept.display()));
    if !p.confirm("Open it in the editor again?")? {
        return Err(Error::declined(format!(
            "nothing was sent; your text is kept in {}",
            kept.display()
        )));
    }
    Ok(())
}

/// Before `edit` sends its change (unless `--yes`): a no, or a question
/// that fails, keeps the text (`keep` says where) and nothing is sent.
pub fn send_edit(
    p: &mut dyn Prompter,
    yes: bool,
    keep: &mut dyn FnMut() -> Result<PathBuf>,
) -> Result<()> {
    if yes {
        return Ok(());
    }
    let confirmed = p.confirm("Send this change?").inspect_err(|_| {
        if let Ok(path) = keep() {
            p.tell(&format!("infer: your text is kept in {}", path.display()));
        }
    });
    if !confirmed? {
        let path = keep()?;
        return Err(Error::declined(format!(
            "not confirmed; nothing was sent; your text is kept in {}",
            path.display()
        )));
    }
    Ok(())
}

/// Before `config init` asks its questions: a terminal, or the answers as
/// flags.
pub fn config_init_can_ask(p: &mut dyn Prompter) -> Result<()> {
    if !p.can_ask() {
        return Err(Error::usage(
            "infer config init asks its questions on a terminal, and there is none: give the \
             answers as flags: --url URL (or --cloud-id ID) and a credential (--api-key-env \
             VAR, --api-key-file PATH, --username USER with --password-env VAR or \
             --password-file PATH, --bearer-token-env VAR, --bearer-token-file PATH, or \
             --no-credential); see infer config init --help",
        ));
    }
    Ok(())
}

/// `--secret NAME`: the value of `service_settings.NAME`, typed hidden;
/// without a terminal, the flags that give it otherwise are named.
pub fn secret_setting(p: &mut dyn Prompter, name: &str) -> Result<Secret> {
    if !p.can_ask() {
        return Err(Error::usage(format!(
            "--secret {name} asks on a terminal, and there is none: use \
             --secret-env {name}=VAR or --secret-file {name}=PATH"
        )));
    }
    p.hidden(&format!("service_settings.{name}"))
}

/// The password of `username`, typed hidden; without a terminal, the error
/// `no_terminal` makes (which names where a password can be given).
pub fn password(
    p: &mut dyn Prompter,
    username: &str,
    no_terminal: impl FnOnce() -> anyhow::Error,
) -> Result<Secret> {
    if !p.can_ask() {
        return Err(no_terminal());
    }
    p.hidden(&format!("Password for {username}"))
}

#[cfg(test)]
mod tests;
