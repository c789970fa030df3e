//! Everything the user sees: the result on stdout (JSON, coloured only on a
//! terminal), and warnings, notes and verbose logs on stderr.
//!
//! Every text written here passes through [`outgoing`] first: the one place
//! where every registered secret is masked (`secret.rs`), whatever the
//! text is (a result, a table, a log line, an error, a warning).

use anyhow::Result;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::controls::{escape_controls, mark_of, unsafe_char};
use crate::secret;

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

    /// The result: pretty JSON, coloured when colour is on. A reader that has
    /// gone away (`| head -1`) is not an error, and does not stop what comes
    /// after: a verification report still reaches stderr and the exit code.
    pub fn print_json<T: Serialize>(&self, value: &T) -> Result<()> {
        // Written as it is when no secret shows in it: a large answer or
        // report is not copied on its way out.
        let plain = serde_json::to_string_pretty(value)?;
        let scrubbed = if outgoing(&plain) == plain {
            None
        } else {
            // Masked value by value, so the JSON stays valid.
            Some(secret::scrub_value(&serde_json::to_value(value)?))
        };
        let plain = match &scrubbed {
            Some(v) => serde_json::to_string_pretty(v)?,
            None => plain,
        };
        // A secret that spans values is masked in the text (write_stdout),
        // which then goes uncoloured.
        let text = if self.color_stdout && outgoing(&plain) == plain {
            match &scrubbed {
                Some(v) => colored_json::to_colored_json(v, colored_json::ColorMode::On)?,
                None => colored_json::to_colored_json(value, colored_json::ColorMode::On)?,
            }
        } else {
            plain
        };
        // serde escapes C0 in strings, but not C1 or the bidirectional
        // overrides: write those as JSON escapes too (the same value).
        let json_unsafe = |c: char| !c.is_ascii() && unsafe_char(c);
        let text = if text.chars().any(json_unsafe) {
            text.chars().fold(String::new(), |mut out, c| {
                if json_unsafe(c) {
                    out.push_str(&format!("\\u{:04x}", u32::from(c)));
                } else {
                    out.push(c);
                }
                out
            })
        } else {
            text
        };
        self.write_stdout_lines(&[&text, "\n"])
    }

    /// The result in `format`: JSON as `print_json` writes it, or YAML.
    pub fn print_data<T: Serialize>(&self, format: Data, value: &T) -> Result<()> {
        match format {
            Data::Json => self.print_json(value),
            Data::Yaml => self.write_stdout(&data_text(Data::Yaml, value)?),
        }
    }

    /// How a command shows its result: as `-o`/`--json` chose, else a
    /// table or lines (`None`) on a terminal and JSON when piped.
    pub fn data_format(&self, chosen: Option<OutputFormat>) -> Option<Data> {
        match chosen {
            Some(OutputFormat::Json) => Some(Data::Json),
            Some(OutputFormat::Yaml) => Some(Data::Yaml),
            Some(OutputFormat::Table) => None,
            None if self.stdout_terminal => None,
            None => Some(Data::Json),
        }
    }

    /// Whether stdout is a terminal: tables for people, JSON for programs.
    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_terminal
    }

    /// Rows under a header, columns aligned, for a person on a terminal.
    pub fn print_table(&self, header: &[&'static str], rows: &[Vec<String>]) -> Result<()> {
        // Cells come from the server: masked, then escaped, before they are
        // measured.
        let clean = |cell: &str| escape_controls(&outgoing(cell), false).into_owned();
        // The header is infer's own words: escaped, never masked.
        let header: Vec<String> = header
            .iter()
            .map(|h| escape_controls(h, false).into_owned())
            .collect();
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|c| clean(c)).collect())
            .collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: Vec<String>| {
            let last = cells.len().saturating_sub(1);
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let pad = if i == last {
                        0
                    } else {
                        widths[i] - c.chars().count() + 2
                    };
                    format!("{c}{}", " ".repeat(pad))
                })
                .collect::<String>()
        };
        let mut text = line(header).trim_end().to_string();
        if self.color_stdout {
            text = format!("\x1b[1m{text}\x1b[0m");
        }
        text.push('\n');
        for row in rows {
            text.push_str(line(row).trim_end());
            text.push('\n');
        }
        self.write_stdout(&text)
    }

    /// One line of a result meant for a person.
    pub fn print_line(&self, line: &str) -> Result<()> {
        let masked = outgoing(line);
        let line = escape_controls(&masked, self.color_stdout || self.color_stderr);
        self.write_stdout(&format!("{line}\n"))
    }

    fn write_stdout(&self, text: &str) -> Result<()> {
        self.write_stdout_lines(&[text])
    }

    /// `parts` in turn, each masked on its way out.
    fn write_stdout_lines(&self, parts: &[&str]) -> Result<()> {
        let mut out = io::stdout().lock();
        let written = parts
            .iter()
            .try_for_each(|part| out.write_all(outgoing(part).as_bytes()))
            .and_then(|()| out.flush());
        match written {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
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

/// The formats a result is written in for programs and files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    Json,
    Yaml,
}

/// `value` as a text in `format`, uncoloured, through the one masking:
/// value by value first (`secret::scrub_value`, so that the text stays
/// JSON or YAML and a masked string is quoted as it needs), then as a
/// text ([`outgoing`]), for a secret that spans values. For stdout and
/// for the files infer writes alike.
pub fn data_text<T: Serialize>(format: Data, value: &T) -> Result<String> {
    let value = secret::scrub_value(&serde_json::to_value(value)?);
    let text = match format {
        Data::Json => {
            let mut text = serde_json::to_string_pretty(&value)?;
            text.push('\n');
            text
        }
        Data::Yaml => crate::yaml::to_string(&value),
    };
    Ok(outgoing(&text).into_owned())
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
