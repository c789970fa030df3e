//! `infer export`: the cluster's endpoints as a file of endpoints (or a
//! folder, a file per endpoint) that `plan` and `apply` read, every secret
//! a reference (`ops::export`).

use anyhow::Result;
use serde_json::Value;
use std::path::{Path, PathBuf};

use crate::cli::{ExportArgs, GlobalArgs, OutputFormat};
use crate::client::Client;
use crate::error::Error;
use crate::local_file;
use crate::ops::export::{self, Exported};
use crate::output::{Data, Ui, data_text};

/// Where the endpoints go, and in which format.
enum Target {
    Stdout(Data),
    File(PathBuf, Data),
    Folder(PathBuf, Data),
}

pub fn run(args: &ExportArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let target = target(args)?;
    let conn = super::connect(global, global.curl, ui)?;
    if global.curl {
        return super::show_request(ui, &conn, &crate::api::Request::all(), &[], true);
    }
    let client = Client::new(&conn, ui)?;
    let listing = crate::ops::cluster::read(&client)?;
    let mut entries = listing.entries()?;
    entries.sort_by(|a, b| a.inference_id.cmp(&b.inference_id));
    let names: Vec<&str> = entries.iter().map(|e| e.inference_id.as_ref()).collect();
    let chosen = choose(&args.ids, &names)?;
    let mut stored = Vec::with_capacity(chosen.len());
    for entry in entries
        .iter()
        .filter(|e| chosen.contains(&e.inference_id.as_ref()))
    {
        client.learn_secrets_of(&entry.service);
        let value = listing.value(entry.raw)?;
        crate::secret::register_value(&value, &[]);
        // What a server should not return is masked where it stands, as
        // `list` masks it: a file that holds a mask is refused by plan.
        stored.push(crate::secret::redact(&value, &[]));
    }
    let exported = export::all(&stored)?;
    write(ui, &target, &exported)?;
    tell(ui, &exported);
    Ok(())
}

/// The format and place asked for, checked before the cluster is read.
fn target(args: &ExportArgs) -> Result<Target> {
    let asked = args.output.map(|f| match f {
        OutputFormat::Json => Data::Json,
        _ => Data::Yaml,
    });
    let Some(out) = &args.out else {
        return Ok(Target::Stdout(asked.unwrap_or(Data::Yaml)));
    };
    let text = out.to_string_lossy();
    if out.is_dir() || text.ends_with(std::path::MAIN_SEPARATOR) || text.ends_with('/') {
        return Ok(Target::Folder(out.clone(), asked.unwrap_or(Data::Yaml)));
    }
    let named = match out.extension().and_then(|e| e.to_str()) {
        Some("json") => Data::Json,
        Some("yaml" | "yml") => Data::Yaml,
        _ => {
            return Err(Error::usage(format!(
                "--out {text}: name a file .yaml, .yml or .json (plan and apply read YAML only \
                 from such names, and a folder only such files), or a folder: an existing one, \
                 or end it with / to have it created"
            )));
        }
    };
    match asked {
        Some(asked) if asked != named => Err(Error::usage(format!(
            "--out {text} names a {} file, and -o {} asks for {}: give one of them, or name \
             the file .{}",
            word(named),
            word(asked).to_ascii_lowercase(),
            word(asked),
            extension(asked)
        ))),
        _ => Ok(Target::File(out.clone(), named)),
    }
}

fn word(format: Data) -> &'static str {
    match format {
        Data::Json => "JSON",
        Data::Yaml => "YAML",
    }
}

fn extension(format: Data) -> &'static str {
    match format {
        Data::Json => "json",
        Data::Yaml => "yaml",
    }
}

/// The ids to export: those matching an id or glob of `patterns`, or
/// all; preconfigured ones never. An id named outright must be there.
fn choose<'a>(patterns: &[String], ids: &[&'a str]) -> Result<Vec<&'a str>> {
    for id in patterns.iter().filter(|p| !crate::ops::glob::is_glob(p)) {
        if crate::api::is_preconfigured(id) {
            return Err(Error::usage(format!(
                "'{id}' is a preconfigured endpoint: it is the server's own, and a file of \
                 endpoints never creates or changes one, so export leaves it out; nothing was \
                 written"
            )));
        }
        if !ids.contains(&id.as_str()) {
            return Err(Error::usage(format!(
                "'{id}' is not an endpoint of this cluster (infer list shows what it has); \
                 nothing was written"
            )));
        }
    }
    let chosen: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| !crate::api::is_preconfigured(id))
        .filter(|id| patterns.is_empty() || patterns.iter().any(|p| crate::ops::glob::glob(p, id)))
        .collect();
    // A pattern that matches nothing would write an empty file, which an
    // `apply --prune` would read as "delete everything".
    if let Some(pattern) = patterns.iter().find(|p| {
        crate::ops::glob::is_glob(p) && !chosen.iter().any(|id| crate::ops::glob::glob(p, id))
    }) {
        return Err(Error::usage(format!(
            "'{pattern}' matches no endpoint of this cluster (infer list shows what it has); \
             nothing was written"
        )));
    }
    // Each id names a file in a folder: one the server lists that is no
    // inference id (`/etc/x`, `../up`) is refused before anything is written.
    for id in &chosen {
        crate::validate::any_inference_id(id).map_err(|_| {
            Error::usage(
                "the cluster lists an endpoint whose id is not an inference id (lowercase \
                 letters, digits, '_', '-' and '.'), which export cannot name a file after; \
                 nothing was written"
                    .to_string(),
            )
        })?;
    }
    Ok(chosen)
}

/// Write the endpoints where `target` says: every text made before the
/// first file is written.
fn write(ui: &Ui, target: &Target, exported: &[Exported]) -> Result<()> {
    let list = || Value::Array(exported.iter().map(|e| e.endpoint.clone()).collect());
    match target {
        Target::Stdout(format) => ui.print_data(*format, &list()),
        Target::File(path, format) => {
            let text = data_text(*format, &list())?;
            put(path, &text)?;
            ui.info(&format!(
                "wrote {} endpoint{} to {}",
                exported.len(),
                plural(exported.len()),
                path.display()
            ));
            Ok(())
        }
        Target::Folder(dir, format) => folder(ui, dir, *format, exported),
    }
}

/// Write one file of endpoints whole (a reader never sees half of it),
/// readable by everyone: it holds references to secrets, never secrets.
fn put(path: &Path, text: &str) -> Result<()> {
    local_file::write_atomic(path, ".infer-export-", text.as_bytes(), Some(0o644))
        .map_err(|e| cannot_write(path, &e))
}

/// A file per endpoint, `<id>.yaml` or `<id>.json`, in `dir` (created when
/// missing); other files of endpoints already there are named, as plan
/// reads them too.
fn folder(ui: &Ui, dir: &Path, format: Data, exported: &[Exported]) -> Result<()> {
    let files = exported
        .iter()
        .map(|e| {
            let name = format!("{}.{}", e.id, extension(format));
            Ok((name, data_text(format, &e.endpoint)?))
        })
        .collect::<Result<Vec<_>>>()?;
    std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e))?;
    for (name, text) in &files {
        let path = dir.join(name);
        put(&path, text)?;
    }
    ui.info(&format!(
        "wrote {} file{} in {}",
        files.len(),
        plural(files.len()),
        dir.display()
    ));
    let others: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| [".json", ".yaml", ".yml"].iter().any(|x| n.ends_with(x)))
                .filter(|n| !files.iter().any(|(written, _)| written == n))
                .collect()
        })
        .unwrap_or_default();
    if !others.is_empty() {
        ui.warn(&format!(
            "{} also holds {}, which plan and apply read too: remove what the cluster no \
             longer has",
            dir.display(),
            others.join(", ")
        ));
    }
    Ok(())
}

fn cannot_write(path: &Path, e: &std::io::Error) -> anyhow::Error {
    Error::usage(format!(
        "cannot write {}: {}",
        path.display(),
        crate::error::io_reason(e)
    ))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What the user must know of the file: the variables apply reads, what
/// to fill in, and what infer could not tell.
fn tell(ui: &Ui, exported: &[Exported]) {
    if exported.is_empty() {
        ui.info("no endpoints to export");
    }
    let vars: Vec<&str> = exported
        .iter()
        .flat_map(|e| e.variables.iter().map(|(v, _)| v.as_str()))
        .collect();
    if !vars.is_empty() {
        ui.info(&format!(
            "the secrets are references to environment variables, read when apply creates an \
             endpoint (or with --rotate-secrets): {}",
            vars.join(", ")
        ));
    }
    for todo in exported.iter().filter_map(|e| e.todo.as_deref()) {
        ui.warn(todo);
    }
    for e in exported.iter().filter(|e| e.secrets_unknown) {
        ui.warn(&format!(
            "{}: nothing says which settings of its service are secret (infer does not know \
             it, and the server's catalogue could not be read): its settings are masked, and \
             plan refuses the file until they are given, the secrets as env: references",
            e.id
        ));
    }
}
