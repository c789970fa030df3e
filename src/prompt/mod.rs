//! Prompts, only ever on a terminal. Without one, callers fail with a
//! message that names the flag or variable to set instead. Each flow that
//! asks (`flows/`) does so through a [`Prompter`], and is unit-tested with
//! a script of answers (`scripted.rs`).
//!
//! On Unix the terminal is read byte by byte with echo and signals off, so
//! that Ctrl-C reaches infer as a key: the terminal is restored and the run
//! ends with "interrupted; nothing was sent" (exit 130), instead of a signal
//! killing infer with echo still off. Every answer is a whole line, read
//! through its newline and edited by infer (backspace, Ctrl-U), shown as
//! typed unless it may be a secret: a key pressed for a question is never
//! left on the terminal for the shell to run once infer exits.

use anyhow::Result;
use std::io::{self, IsTerminal};

use crate::error::Error;
use crate::secret::Secret;
use line::{Key, Line, Typing};

/// Whether a person can answer: stdin and stderr are both terminals.
pub fn can_prompt() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// Where a flow's questions are answered: the terminal ([`Terminal`]), or
/// a script of answers in tests (`Scripted`). A flow asks through this
/// trait, so that what it makes of the answers is tested without one.
pub trait Prompter {
    /// Whether a person is there to answer.
    fn can_ask(&self) -> bool;

    /// Tell the person answering something before a question (a line on
    /// stderr, as infer writes its notes).
    fn tell(&mut self, line: &str);

    /// A line, as typed (untrimmed); `None` at the end of input.
    fn read_line(&mut self, prompt: &str) -> Result<Option<String>>;

    /// A hidden value, as typed; empty when nothing was.
    fn read_hidden(&mut self, prompt: &str) -> Result<String>;

    /// Ask for a line of text, shown as typed; an empty answer, or the end
    /// of input, takes `default`. Ctrl-C interrupts.
    fn line(&mut self, question: &str, default: &str) -> Result<String> {
        let shown = if default.is_empty() {
            format!("{question}: ")
        } else {
            format!("{question} [{default}]: ")
        };
        let answer = self.read_line(&shown)?.unwrap_or_default();
        let answer = answer.trim();
        Ok(if answer.is_empty() { default } else { answer }.to_string())
    }

    /// Ask for a value without echoing it. An empty answer or Ctrl-D
    /// cancels; Ctrl-C interrupts.
    fn hidden(&mut self, prompt: &str) -> Result<Secret> {
        let value = self.read_hidden(&format!("{prompt} (empty to cancel): "))?;
        if value.is_empty() {
            return Err(Error::usage(format!(
                "no value typed for {prompt}; nothing was sent"
            )));
        }
        Ok(Secret::new(value))
    }

    /// Ask a yes/no question. The whole line is read (so that nothing
    /// typed is left for the shell), and only `y` or `yes` is yes: anything
    /// else, an empty line or the end of input is no. Ctrl-C interrupts.
    fn confirm(&mut self, question: &str) -> Result<bool> {
        let answer = self.read_line(&format!("{question} [y/N] "))?;
        Ok(answer.as_deref().is_some_and(is_yes))
    }
}

/// The terminal: `/dev/tty`, read byte by byte.
pub struct Terminal;

impl Prompter for Terminal {
    fn can_ask(&self) -> bool {
        can_prompt()
    }

    fn tell(&mut self, line: &str) {
        crate::output::say(line);
    }

    fn read_line(&mut self, prompt: &str) -> Result<Option<String>> {
        read_line(prompt, Typing::Shown)
    }

    fn read_hidden(&mut self, prompt: &str) -> Result<String> {
        read_hidden(prompt)
    }
}

pub mod flows;
mod line;
#[cfg(test)]
mod scripted;
#[cfg(test)]
pub use scripted::Scripted;

/// `y` or `yes`, in any case, with spaces around.
fn is_yes(answer: &str) -> bool {
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
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
            let prompt = crate::controls::escape_controls(prompt, false);
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
    Ok(read_line(prompt, Typing::Hidden)?.unwrap_or_default())
}

/// Read one line from the terminal, editing it as a terminal would
/// (backspace, Ctrl-U; arrow keys and other escape sequences are
/// ignored), through the newline: nothing of the line is left for the
/// next reader. `None` when Ctrl-D (or the end of input) comes first.
#[cfg(unix)]
fn read_line(prompt: &str, typing: Typing) -> Result<Option<String>> {
    let tty = tty::Raw::open(prompt)
        .map_err(|e| Error::usage(format!("cannot ask on the terminal: {e}")))?;
    let mut line = Line::new(typing);
    loop {
        let Some(byte) = tty.byte()? else {
            return line.finish().map(Some);
        };
        match line.key(byte) {
            Key::Echo(text) => tty.echo(&text),
            Key::Done => return line.finish().map(Some),
            Key::End => return Ok(None),
            Key::Interrupt => return Err(Error::Interrupted.into()),
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
fn read_line(prompt: &str, typing: Typing) -> Result<Option<String>> {
    use std::io::{BufRead, Write};
    if typing == Typing::Hidden {
        return read_hidden(prompt).map(Some);
    }
    let shown = crate::controls::escape_controls(prompt, false);
    let _ = write!(io::stderr(), "{shown}");
    let mut answer = String::new();
    if io::stdin().lock().read_line(&mut answer)? == 0 {
        return Ok(None);
    }
    Ok(Some(answer.trim_end_matches(['\r', '\n']).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_trimmed_and_an_empty_one_or_the_end_takes_the_default() {
        let mut script = Scripted::new(&["  prod  ", ""]);
        assert_eq!(script.line("Profile name", "default").unwrap(), "prod");
        assert_eq!(script.line("Profile name", "default").unwrap(), "default");
        assert_eq!(script.line("File", "x").unwrap(), "x", "the end of input");
        assert_eq!(
            script.prompts,
            [
                "Profile name [default]: ",
                "Profile name [default]: ",
                "File [x]: "
            ]
        );
    }

    #[test]
    fn a_hidden_value_is_kept_as_typed_and_an_empty_one_cancels() {
        let mut script = Scripted::new(&[" s3cret ", ""]);
        assert_eq!(
            script.hidden("Password").unwrap().expose_secret(),
            " s3cret "
        );
        let err = script.hidden("Password").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no value typed for Password; nothing was sent"
        );
        assert_eq!(script.prompts[0], "Password (empty to cancel): ");
    }

    #[test]
    fn only_yes_confirms_and_the_end_of_input_is_no() {
        let mut script = Scripted::new(&["Yes", "n", ""]);
        assert!(script.confirm("Send?").unwrap());
        assert!(!script.confirm("Send?").unwrap());
        assert!(!script.confirm("Send?").unwrap());
        assert!(!script.confirm("Send?").unwrap(), "the end of input");
        assert_eq!(script.prompts[0], "Send? [y/N] ");
    }

    #[test]
    fn only_y_and_yes_are_yes() {
        for yes in ["y", "Y", "yes", "YES", "Yes", "  yes ", "y\t"] {
            assert!(is_yes(yes), "{yes:?}");
        }
        for no in [
            "", "n", "no", "nope", "yess", "ye", "y es", "oui", "1", "true",
        ] {
            assert!(!is_yes(no), "{no:?}");
        }
    }
}
