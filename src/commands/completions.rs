//! `infer completions <shell>`: the script for that shell, on stdout.

use anyhow::Result;
use std::io::Write;

pub fn run(shell: clap_complete::Shell) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::command(), "infer", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}
