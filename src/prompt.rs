//! Prompts, only ever on a terminal. Without one, callers fail with a
//! message that names the flag or variable to set instead.

use anyhow::{Context, Result};
use std::io::{self, IsTerminal};

use crate::secret::Secret;

/// Whether a person can answer: stdin and stderr are both terminals.
pub fn can_prompt() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// Ask for a value without echoing it.
pub fn hidden(prompt: &str) -> Result<Secret> {
    let value = dialoguer::Password::new()
        .with_prompt(prompt)
        .interact()
        .with_context(|| format!("cannot read the answer to '{prompt}'"))?;
    Ok(Secret::new(value))
}
