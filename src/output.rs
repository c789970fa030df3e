//! Everything the user sees: the result on stdout (JSON, coloured only on a
//! terminal), and warnings, notes and verbose logs on stderr.

use anyhow::Result;
use serde_json::Value;
use std::io::{self, IsTerminal, Write};

use crate::cli::ColorChoice;

/// One line on stderr. A stderr that has been closed (`2>&1 | head -1`)
/// is ignored: `eprintln!` would panic and end the run with exit 101.
pub fn say(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

#[derive(Debug, Clone, Copy)]
pub struct Ui {
    stdout_terminal: bool,
    color_stdout: bool,
    color_stderr: bool,
    verbose: u8,
    quiet: bool,
    /// Not even warnings: shell completion runs inside the line editor.
    silent: bool,
}

impl Ui {
    pub fn new(choice: ColorChoice, verbose: u8, quiet: bool) -> Self {
        Ui {
            stdout_terminal: io::stdout().is_terminal(),
            color_stdout: use_color(choice, io::stdout().is_terminal()),
            color_stderr: use_color(choice, io::stderr().is_terminal()),
            verbose,
            quiet,
            silent: false,
        }
    }

    /// A `Ui` that writes nothing to stderr, for shell completion.
    pub fn silent() -> Self {
        Ui {
            stdout_terminal: false,
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
    pub fn print_json(&self, value: &Value) -> Result<()> {
        let text = if self.color_stdout {
            colored_json::to_colored_json(value, colored_json::ColorMode::On)?
        } else {
            serde_json::to_string_pretty(value)?
        };
        self.write_stdout(&format!("{text}\n"))
    }

    /// Whether stdout is a terminal: tables for people, JSON for programs.
    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_terminal
    }

    /// Rows under a header, columns aligned, for a person on a terminal.
    pub fn print_table(&self, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for row in rows {
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
        let mut text = line(header.iter().map(|h| h.to_string()).collect())
            .trim_end()
            .to_string();
        if self.color_stdout {
            text = format!("\x1b[1m{text}\x1b[0m");
        }
        text.push('\n');
        for row in rows {
            text.push_str(line(row.clone()).trim_end());
            text.push('\n');
        }
        self.write_stdout(&text)
    }

    /// One line of a result meant for a person.
    pub fn print_line(&self, line: &str) -> Result<()> {
        self.write_stdout(&format!("{line}\n"))
    }

    fn write_stdout(&self, text: &str) -> Result<()> {
        let mut out = io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
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

    /// `text` in a style, on stderr's colour setting.
    pub fn paint(&self, style: Style, text: &str) -> String {
        if !self.color_stderr {
            return text.to_string();
        }
        let code = match style {
            Style::Good => "32",
            Style::Bad => "31",
            Style::Warn => "33",
            Style::Dim => "2",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
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
