//! One module per subcommand. Each receives resolved values, never clap's.

mod completions;
mod update;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::output::Ui;

pub fn run(cli: Cli) -> Result<()> {
    let ui = Ui::new(cli.global.color, cli.global.verbose, cli.global.quiet);
    match &cli.command {
        Command::Update(args) => update::run(args, &cli.global, &ui),
        Command::Completions { shell } => completions::run(*shell),
    }
}
