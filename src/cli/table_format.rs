//! `-o table|json|yaml` and `--json`, for the commands that show a table
//! on a terminal and JSON when piped (`plan`, `diff`).

use clap::Args;

use super::{OutputFormat, format_parser};

#[derive(Debug, Args)]
pub struct TableFormat {
    /// Output format [default: table on a terminal, json when piped]
    #[arg(short = 'o', long = "output", value_name = "FORMAT",
          value_parser = format_parser(super::TABLE_JSON_YAML))]
    pub output: Option<OutputFormat>,

    /// Print JSON even on a terminal (the same as -o json)
    #[arg(long, conflicts_with = "output")]
    pub json: bool,
}

impl TableFormat {
    /// The format asked for, if any.
    pub fn chosen(&self) -> Option<OutputFormat> {
        super::chosen_format(self.output, self.json)
    }
}
