//! Everything the user sees: the result on stdout (JSON, coloured only on a
//! terminal: `stdout.rs`), and warnings, notes and verbose logs on stderr.
//!
//! Every text written here passes through [`outgoing`] first: the one place
//! where every registered secret is masked (`secret.rs`), whatever the
//! text is (a result, a table, a log line, an error, a warning).

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::controls::{escape_controls, mark_of};
use crate::secret;

mod stdout;
pub use stdout::{Data, data_text};

/// What becomes of a text on its way out: secrets masked. Any further
/// filter on everything infer writes (escaping terminal controls) belongs
/// here too, after the masking.
pub fn outgoing(text: &str) -> Cow<'_, str> {
    secret::masked(text)
}

/// One line on stderr, its control characters escaped. A stderr that has
/// been closed (`2>&1 | head -1`) is ignored: `eprintln!` would panic and
/// end the run with exit 101.
pub fn say(line: &str) {
    // Secrets masked first, then control characters escaped.
    let masked = outgoing(line);
    let line = escape_controls(&masked, STDERR_COLOR.load(Ordering::Relaxed));
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Whether warnings from places without a `Ui` are kept off stderr: set
/// while completing, where nothing may be written over the line.
static QUIET_WARNINGS: AtomicBool = AtomicBool::new(false);

/// Keep `warn_once` quiet for the rest of the run (shell completion).
pub fn quiet_warnings() {
    QUIET_WARNINGS.store(true, Ordering::Relaxed);
}

/// A warning from a place that has no `Ui` (reading a secret's file),
/// said once per run however often the place is reached.
pub fn warn_once(message: &str) {
    static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    if QUIET_WARNINGS.load(Ordering::Relaxed) {
        return;
    }
    let mut said = SAID
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if said.iter().any(|m| m == message) {
        return;
    }
    said.push(message.to_string());
    let label = if STDERR_COLOR.load(Ordering::Relaxed) {
        format!("{}warning:{}", mark_of("\x1b[33m"), mark_of("\x1b[0m"))
    } else {
        "warning:".to_string()
    };
    say(&format!("infer: {label} {message}"));
}

/// Whether stderr is coloured, so that `say` keeps infer's own codes.
static STDERR_COLOR: AtomicBool = AtomicBool::new(false);

/// When to colour output (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// The names `--color` takes, in the order help lists them.
    pub const NAMES: [&'static str; 3] = ["auto", "always", "never"];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "auto" => Some(ColorChoice::Auto),
            "always" => Some(ColorChoice::Always),
            "never" => Some(ColorChoice::Never),
            _ => None,
        }
    }
}

/// What `-o/--output` chooses, as in kubectl: a table for people, JSON or
/// YAML for programs and files. Each command offers the ones it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Json,
    Yaml,
}

impl OutputFormat {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "table" => Some(OutputFormat::Table),
            "json" => Some(OutputFormat::Json),
            "yaml" => Some(OutputFormat::Yaml),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Ui {
    stdout_terminal: bool,
    stderr_terminal: bool,
    color_stdout: bool,
    color_stderr: bool,
    verbose: u8,
    quiet: bool,
    /// Not even warnings: shell completion runs inside the line editor.
    silent: bool,
}

impl Ui {
    pub fn new(choice: ColorChoice, verbose: u8, quiet: bool) -> Self {
        let color_stderr = use_color(choice, io::stderr().is_terminal());
        STDERR_COLOR.store(color_stderr, Ordering::Relaxed);
        Ui {
            stdout_terminal: io::stdout().is_terminal(),
            stderr_terminal: io::stderr().is_terminal(),
            color_stdout: use_color(choice, io::stdout().is_terminal()),
            color_stderr,
            verbose,
            quiet,
            silent: false,
        }
    }

    /// A `Ui` that writes nothing to stderr, for shell completion.
    pub fn silent() -> Self {
        Ui {
            stdout_terminal: false,
            stderr_terminal: false,
            color_stdout: false,
            color_stderr: false,
            verbose: 0,
            quiet: true,
            silent: true,
        }
    }

    /// Shown even with `-q`: something the user must know.
    pub fn warn(&self, message: &str) {
        if self.silent {
            return;
        }
        say(&format!(
            "infer: {} {message}",
            self.paint(Style::Warn, "warning:")
        ));
    }

    /// A summary or a note; hidden by `-q`.
    pub fn info(&self, message: &str) {
        if !self.quiet {
            say(&format!("infer: {message}"));
        }
    }

    /// A line of the `-v` log.
    pub fn debug(&self, message: &str) {
        if self.verbose > 0 {
            say(&self.paint(Style::Dim, message));
        }
    }

    pub fn is_verbose(&self) -> bool {
        self.verbose > 0
    }

    /// A progress line for a person: rewritten in place on a terminal,
    /// nothing otherwise (scripts get the outcome, not the ticks).
    pub fn progress(&self, line: &str) {
        if self.stderr_terminal && !self.quiet {
            let masked = outgoing(line);
            let line = escape_controls(&masked, self.color_stderr);
            let _ = write!(io::stderr().lock(), "\r\x1b[2Kinfer: {line}");
        }
    }

    /// A block of progress lines, drawn over the `previous` block on a
    /// terminal (cursor up, clear below); nothing when stderr is not one.
    /// Returns how many lines are now drawn.
    pub fn redraw(&self, previous: usize, lines: &[String]) -> usize {
        if !self.stderr_terminal || self.quiet {
            return 0;
        }
        let mut text = String::new();
        if previous > 0 {
            text.push_str(&format!("\x1b[{previous}F"));
        }
        text.push_str("\x1b[J");
        for line in lines {
            let masked = outgoing(line);
            text.push_str(&escape_controls(&masked, self.color_stderr));
            text.push('\n');
        }
        let _ = write!(io::stderr().lock(), "{text}");
        lines.len()
    }

    /// End a progress line.
    pub fn progress_done(&self) {
        if self.stderr_terminal && !self.quiet {
            let _ = write!(io::stderr().lock(), "\r\x1b[2K");
        }
    }

    /// `text` in a style, on stderr's colour setting.
    pub fn paint(&self, style: Style, text: &str) -> String {
        if !self.color_stderr {
            return text.to_string();
        }
        let code = match style {
            Style::Good => "\x1b[32m",
            Style::Bad => "\x1b[31m",
            Style::Warn => "\x1b[33m",
            Style::Dim => "\x1b[2m",
        };
        format!("{}{text}{}", mark_of(code), mark_of("\x1b[0m"))
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Style {
    Good,
    Bad,
    Warn,
    Dim,
}

/// `auto` means a terminal, `NO_COLOR` unset or empty, and `TERM` not `dumb`.
fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_written_out_and_our_colours_kept_on_request() {
        let text = "a\x1b[2Jb\x07\tc\nd\u{9b}e\u{202e}f\x7f";
        assert_eq!(
            escape_controls(text, false),
            "a\\x1b[2Jb\\x07\tc\nd\\u{9b}e\\u{202e}f\\x7f"
        );
        let painted = "\u{f0005}warning:\u{f0000} \x1b[2J \x1b[33m";
        assert_eq!(
            escape_controls(painted, true),
            "\x1b[33mwarning:\x1b[0m \\x1b[2J \\x1b[33m"
        );
        assert_eq!(
            escape_controls(painted, false),
            "warning: \\x1b[2J \\x1b[33m"
        );
        assert!(matches!(
            escape_controls("plain é ✓", true),
            Cow::Borrowed(_)
        ));
    }
}
