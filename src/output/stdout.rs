//! The result on stdout: JSON (coloured only on a terminal), YAML, a
//! table or a line, each through the one masking; a reader that has gone
//! away is not an error.

use anyhow::Result;
use serde::Serialize;
use std::io::{self, Write};

use super::{OutputFormat, Ui, outgoing};
use crate::controls::{escape_controls, unsafe_char};
use crate::secret;

impl Ui {
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
