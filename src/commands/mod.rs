//! One module per subcommand. Each receives resolved values, never clap's
//! matches; `write.rs` holds what the writing commands share.

mod apply;
mod batch;
mod batch_view;
mod check;
mod clusters;
mod completions;
mod config;
mod config_answers;
mod config_ask;
mod config_init;
mod create;
mod delete;
mod diff;
mod edit;
mod editor;
mod export;
mod for_profile;
mod get;
mod list;
mod man;
mod per_id;
mod plan;
mod probe;
mod rotate;
mod services;
mod show_write;
mod update;

use anyhow::{Result, anyhow};
use serde_json::Value;

use crate::api::{self, Request, TaskType};
use crate::client::{self, Client};
use crate::connection::Connection;

use crate::body::{Inputs, SecretSource};
use crate::cli::{Cli, Command, SettingsArgs};
use crate::output::Ui;

pub fn run(cli: Cli) -> Result<()> {
    let ui = Ui::new(cli.global.color, cli.global.verbose, cli.global.quiet);
    let global = &cli.global;
    match &cli.command {
        Command::Get(args) => get::run(args, global, &ui),
        Command::List(args) => list::run(args, global, &ui),
        Command::Create(args) => create::run(args, global, &ui),
        Command::Update(args) => update::run(args, global, &ui),
        Command::Edit(args) => edit::run(args, global, &ui),
        Command::Delete(args) => delete::run(args, global, &ui),
        Command::Probe(args) => probe::run(args, global, &ui),
        Command::Export(args) => export::run(args, global, &ui),
        Command::Plan(args) => plan::run(args, global, &ui),
        Command::Apply(args) => apply::run(args, global, &ui),
        Command::Rotate(args) => rotate::run(args, global, &ui),
        Command::Diff(args) => diff::run(args, global, &ui),
        Command::Services(args) => services::run(args, global, &ui),
        Command::Check(args) => check::run(args, global, &ui),
        Command::Config(action) => config::run(action, global, &ui),
        Command::Completions { shell } => completions::run(*shell),
        Command::Man(args) => man::run(args, &ui),
    }
}

/// The settings flags as the body builder takes them; `unsets` are
/// `update`'s `--unset` paths.
/// The connection the flags, variables, profile or start-local give, and
/// at `-v` where it comes from: `connection` returns that as notes, and
/// the command shows them.
fn connect(global: &crate::cli::GlobalArgs, offline: bool, ui: &Ui) -> Result<Connection> {
    let conn = crate::connection::resolve(global, offline)?;
    for note in &conn.notes {
        ui.debug(note);
    }
    Ok(conn)
}

fn inputs<'a>(args: &'a SettingsArgs, unsets: &'a [String]) -> Inputs<'a> {
    Inputs {
        settings: args.settings.as_deref(),
        service_settings: args.service_settings.as_deref(),
        task_settings: args.task_settings.as_deref(),
        chunking_settings: args.chunking_settings.as_deref(),
        sets: &args.sets,
        unsets,
        num_allocations: args.num_allocations,
        secret_prompts: &args.secret_prompts,
        secret_envs: &args.secret_envs,
        secret_files: &args.secret_files,
        ..Inputs::default()
    }
}

/// `GET /_inference/{id}`: the stored endpoint.
fn read_endpoint(client: &Client, id: &str, task_type: Option<TaskType>) -> Result<Value> {
    let answer = client.send(&Request::get_endpoint(id, task_type))?;
    api::endpoint_from_answer(&answer, id).ok_or_else(|| {
        anyhow!("the server's answer to GET /_inference/{id} holds no endpoint '{id}'")
    })
}

/// Mask from now on whatever a stored endpoint holds that is secret,
/// should a server or a proxy return one (Elasticsearch never does: its
/// `ModelConfigurations.toFilteredXContent` leaves the secret settings
/// out): by name, and by what its service keeps secret, learned from the
/// catalogue when infer's table does not know the service.
fn mask_secrets(client: &Client, endpoint: &Value) {
    let service = crate::stored::service(endpoint);
    if !service.is_empty() {
        client.learn_secrets_of(service);
    }
    crate::secret::register_value(endpoint, &[]);
}

/// Show `req` instead of sending it: as JSON (`--dry-run`), or as a curl
/// command (`--curl`) whose credentials and secrets are references to
/// environment variables.
fn show_request(
    ui: &Ui,
    conn: &Connection,
    req: &Request,
    sources: &[(String, SecretSource)],
    curl: bool,
) -> Result<()> {
    if !curl {
        return ui.print_json(&client::describe(req, conn));
    }
    let (command, notes) = client::curl(req, conn, sources);
    ui.print_line(&command)?;
    for note in notes {
        ui.info(&format!("note: {note}"));
    }
    Ok(())
}
