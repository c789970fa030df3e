//! Prompts, only ever on a terminal. Without one, callers fail with a
//! message that names the flag or variable to set instead.
//!
//! On Unix the terminal is read byte by byte with echo and signals off, so
//! that Ctrl-C reaches infer as a key: the terminal is restored and the run
//! ends with "interrupted; nothing was sent" (exit 130), instead of a signal
//! killing infer with echo still off.

use anyhow::Result;
use std::io::{self, IsTerminal};

use crate::error::Error;
use crate::secret::Secret;

/// Whether a person can answer: stdin and stderr are both terminals.
pub fn can_prompt() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// Ask for a value without echoing it. An empty answer or Ctrl-D cancels;
/// Ctrl-C interrupts.
pub fn hidden(prompt: &str) -> Result<Secret> {
    let value = read_hidden(&format!("{prompt} (empty to cancel): "))?;
    if value.is_empty() {
        return Err(Error::usage(format!(
            "no value typed for {prompt}; nothing was sent"
        )));
    }
    Ok(Secret::new(value))
}

/// Ask for a line without echoing it, and take it as typed, empty or not
/// (for an answer that may be a secret, or the name of where one lives).
/// Ctrl-C interrupts.
pub fn hidden_answer(prompt: &str) -> Result<String> {
    read_hidden(prompt)
}

/// Ask for a line of text, shown as typed; an empty answer takes
/// `default`.
pub fn line(question: &str, default: &str) -> Result<String> {
    use std::io::{BufRead, Write};
    let shown = if default.is_empty() {
        format!("{question}: ")
    } else {
        format!("{question} [{default}]: ")
    };
    let shown = crate::output::escape_controls(&shown, false);
    let answer = if cfg!(unix) {
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")?;
        (&tty).write_all(shown.as_bytes())?;
        let mut answer = String::new();
        std::io::BufReader::new(&tty).read_line(&mut answer)?;
        answer
    } else {
        let _ = write!(io::stderr(), "{shown}");
        let mut answer = String::new();
        io::stdin().lock().read_line(&mut answer)?;
        answer
    };
    let answer = answer.trim();
    Ok(if answer.is_empty() { default } else { answer }.to_string())
}

/// Ask a yes/no question; anything but `y` is no. Ctrl-C interrupts.
pub fn confirm(question: &str) -> Result<bool> {
    read_yes(&format!("{question} [y/N] "))
}

#[cfg(unix)]
mod tty {
    use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};
    use std::fs::File;
    use std::io::{self, Read, Write};

    /// The terminal with echo, line editing and signals off, until dropped.
    pub struct Raw {
        file: File,
        original: Termios,
    }

    impl Raw {
        pub fn open(prompt: &str) -> io::Result<Raw> {
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")?;
            let original = termios::tcgetattr(&file)?;
            let mut quiet = original.clone();
            quiet.local_modes -= LocalModes::ECHO | LocalModes::ICANON | LocalModes::ISIG;
            quiet.special_codes[SpecialCodeIndex::VMIN] = 1;
            quiet.special_codes[SpecialCodeIndex::VTIME] = 0;
            // A prompt may name a user or an endpoint: no raw controls.
            let prompt = crate::output::escape_controls(prompt, false);
            (&file).write_all(prompt.as_bytes())?;
            // `Now`, not `Flush`: keys typed ahead are answers, not noise.
            termios::tcsetattr(&file, OptionalActions::Now, &quiet)?;
            Ok(Raw { file, original })
        }

        /// The next byte typed; `None` at the end of input.
        pub fn byte(&self) -> io::Result<Option<u8>> {
            let mut byte = [0u8; 1];
            Ok(((&self.file).read(&mut byte)? == 1).then_some(byte[0]))
        }

        pub fn echo(&self, text: &str) {
            let _ = (&self.file).write_all(text.as_bytes());
        }
    }

    impl Drop for Raw {
        fn drop(&mut self) {
            let _ = termios::tcsetattr(&self.file, OptionalActions::Now, &self.original);
            let _ = writeln!(&mut &self.file);
        }
    }
}

#[cfg(unix)]
fn read_hidden(prompt: &str) -> Result<String> {
    let tty = tty::Raw::open(prompt)
        .map_err(|e| Error::usage(format!("cannot ask on the terminal: {e}")))?;
    let mut typed: Vec<u8> = Vec::new();
    while let Some(byte) = tty.byte()? {
        match byte {
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

#[cfg(unix)]
fn read_yes(prompt: &str) -> Result<bool> {
    let tty = tty::Raw::open(prompt)
        .map_err(|e| Error::usage(format!("cannot ask on the terminal: {e}")))?;
    loop {
        match tty.byte()? {
            Some(b'y' | b'Y') => {
                tty.echo("y");
                return Ok(true);
            }
            Some(0x03) => return Err(Error::Interrupted.into()),
            Some(b'n' | b'N' | b'\r' | b'\n' | 0x04) | None => {
                tty.echo("n");
                return Ok(false);
            }
            Some(_) => {}
        }
    }
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

#[cfg(not(unix))]
fn read_yes(prompt: &str) -> Result<bool> {
    use anyhow::Context;
    dialoguer::Confirm::new()
        .with_prompt(prompt.trim_end_matches(" [y/N] "))
        .default(false)
        .interact()
        .with_context(|| format!("cannot read the answer to '{prompt}'"))
}
