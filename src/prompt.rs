//! Prompts, only ever on a terminal. Without one, callers fail with a
//! message that names the flag or variable to set instead.

use anyhow::Result;
use std::io::{self, IsTerminal};

use crate::error::Error;
use crate::secret::Secret;

/// Whether a person can answer: stdin and stderr are both terminals.
pub fn can_prompt() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// Ask for a value without echoing it. An empty answer or Ctrl-D cancels;
/// Ctrl-C interrupts. Either way the terminal is left as it was.
pub fn hidden(prompt: &str) -> Result<Secret> {
    let value = read_hidden(&format!("{prompt} (empty to cancel): "))?;
    if value.is_empty() {
        return Err(Error::usage(format!(
            "no value typed for {prompt}; nothing was sent"
        )));
    }
    Ok(Secret::new(value))
}

/// On Unix the terminal is read byte by byte with echo and signals off, so
/// that Ctrl-C is seen here and the terminal is restored (a signal would
/// kill infer with echo still off).
#[cfg(unix)]
fn read_hidden(prompt: &str) -> Result<String> {
    use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex};
    use std::io::{Read, Write};

    struct Restore<'a>(&'a std::fs::File, termios::Termios);
    impl Drop for Restore<'_> {
        fn drop(&mut self) {
            let _ = termios::tcsetattr(self.0, OptionalActions::Now, &self.1);
            let _ = writeln!(&mut &*self.0);
        }
    }

    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|e| Error::usage(format!("cannot open the terminal to ask: {e}")))?;
    let original = termios::tcgetattr(&tty).map_err(io::Error::from)?;
    let mut quiet = original.clone();
    quiet.local_modes -= LocalModes::ECHO | LocalModes::ICANON | LocalModes::ISIG;
    quiet.special_codes[SpecialCodeIndex::VMIN] = 1;
    quiet.special_codes[SpecialCodeIndex::VTIME] = 0;
    (&tty).write_all(prompt.as_bytes())?;
    termios::tcsetattr(&tty, OptionalActions::Flush, &quiet).map_err(io::Error::from)?;
    let _restore = Restore(&tty, original);

    let mut typed: Vec<u8> = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        if (&tty).read(&mut byte)? == 0 {
            typed.clear();
            break;
        }
        match byte[0] {
            b'\r' | b'\n' => break,
            0x03 => return Err(Error::Interrupted.into()),
            0x04 if typed.is_empty() => break,
            0x15 => typed.clear(),
            0x7f | 0x08 => {
                // Drop one character: its continuation bytes, then its lead.
                while let Some(b) = typed.pop() {
                    if b & 0xC0 != 0x80 {
                        break;
                    }
                }
            }
            b if b >= 0x20 || b == b'\t' => typed.push(b),
            _ => {}
        }
    }
    String::from_utf8(typed).map_err(|_| Error::usage("the typed value is not UTF-8"))
}

#[cfg(not(unix))]
fn read_hidden(prompt: &str) -> Result<String> {
    use anyhow::Context;
    dialoguer::Password::new()
        .with_prompt(prompt.trim_end_matches(": "))
        .allow_empty_password(true)
        .interact()
        .with_context(|| format!("cannot read the answer to '{prompt}'"))
}

/// Ask a yes/no question (default no). Ctrl-C interrupts.
pub fn confirm(question: &str) -> Result<bool> {
    dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(|e| match e {
            dialoguer::Error::IO(io) if io.kind() == io::ErrorKind::Interrupted => {
                Error::Interrupted.into()
            }
            dialoguer::Error::IO(io) => anyhow::anyhow!("cannot ask '{question}': {io}"),
        })
}
