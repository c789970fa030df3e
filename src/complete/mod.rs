//! Completion while typing: endpoint ids from the cluster, services from
//! infer's table, profiles from the config file, task types and flags from
//! the clap definitions.
//!
//! This uses clap_complete's dynamic completion (`CompleteEnv`, behind its
//! `unstable-dynamic` feature, pinned to one version in Cargo.toml): the
//! shell's script, printed by `COMPLETE=bash infer`, calls infer back with
//! the words of the line, and infer answers with the candidates. Nothing
//! else could offer ids that only the cluster knows, and the same clap
//! definitions serve help, the static scripts and the man pages. The static
//! scripts (`infer completions SHELL`) remain for shells or setups where
//! calling infer back is not wanted.
//!
//! Asking the cluster must never hang the shell or write over the line being
//! edited: one try, 1 s to connect and 2 s in all, no prompt (a missing
//! password is not asked for), nothing on stderr, and on any failure no ids
//! and exit 0.
//!
//! Completion is output too: only valid inference ids are offered, and
//! everything goes through `shells.rs` (masking, control characters, and
//! what the shell that asked can take).

use clap_complete::CompleteEnv;
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};
use clap_complete::env::Shells;
use serde_json::Value;
use std::ffi::{OsStr, OsString};
use std::time::Duration;

use crate::api::Request;
use crate::client::Client;
use crate::output::Ui;

mod shells;

const CONNECT_LIMIT: Duration = Duration::from_secs(1);
const TOTAL_LIMIT: Duration = Duration::from_secs(2);

/// When the shell asks (`COMPLETE=SHELL` is set), print its script or the
/// candidates, and exit 0; otherwise return at once.
pub fn if_asked() {
    let shells = shells::all();
    CompleteEnv::with_factory(command)
        .shells(Shells(&shells))
        .complete();
}

/// The clap command with the completers attached.
fn command() -> clap::Command {
    let ids = |commands: Preconfigured| {
        ArgValueCompleter::new(move |typed: &OsStr| endpoint_ids(typed, commands))
    };
    crate::cli::command()
        .mut_arg("profile", |a| a.add(ArgValueCandidates::new(profiles)))
        .mut_subcommands(|sc| match sc.get_name() {
            "get" | "delete" => {
                sc.mut_arg("inference_ids", |a| a.add(ids(Preconfigured::WhenTyped)))
            }
            "update" | "edit" => sc.mut_arg("inference_id", |a| a.add(ids(Preconfigured::Never))),
            "probe" => sc.mut_arg("inference_id", |a| a.add(ids(Preconfigured::WhenTyped))),
            "export" => sc.mut_arg("ids", |a| a.add(ids(Preconfigured::Never))),
            "create" | "list" | "services" => {
                sc.mut_arg("service", |a| a.add(ArgValueCandidates::new(services)))
            }
            _ => sc,
        })
}

/// Whether to offer the preconfigured endpoints (ids starting with `.`):
/// never where they cannot be changed, and like hidden files elsewhere,
/// once a `.` is typed.
#[derive(Clone, Copy)]
enum Preconfigured {
    Never,
    WhenTyped,
}

fn endpoint_ids(typed: &OsStr, preconfigured: Preconfigured) -> Vec<CompletionCandidate> {
    let Some(typed) = typed.to_str() else {
        return Vec::new();
    };
    let Some(line) = crate::cli::partial(&line_without_current_word()) else {
        return Vec::new();
    };
    let dots = matches!(preconfigured, Preconfigured::WhenTyped) && typed.starts_with('.');
    let mut found: Vec<CompletionCandidate> = endpoints(&line)
        .iter()
        .filter_map(|e| {
            let id = Some(crate::stored::id(e)).filter(|id| !id.is_empty())?;
            // An id the server should not have (its answer is not
            // trusted to be well-formed) is never offered: what is valid
            // needs no quoting in any shell.
            let offered = crate::validate::any_inference_id(id).is_ok()
                && id.starts_with(typed)
                && (!crate::api::is_preconfigured(id) || dots)
                && !line.ids.iter().any(|given| given == id);
            fn about(text: &str) -> &str {
                if text.is_empty() { "?" } else { text }
            }
            offered.then(|| {
                CompletionCandidate::new(id).help(Some(
                    format!(
                        "{} ({})",
                        about(crate::stored::task_type_name(e)),
                        about(crate::stored::service(e))
                    )
                    .into(),
                ))
            })
        })
        .collect();
    found.sort_by(|a, b| a.get_value().cmp(b.get_value()));
    if found.is_empty() && typed.is_empty() {
        shells::nothing_to_offer();
    }
    found
}

/// The endpoints on the cluster the line points at; none on any failure.
fn endpoints(line: &crate::cli::Partial) -> Vec<Value> {
    // Nothing on stderr, not even a warning about a profile's secret file.
    crate::output::quiet_warnings();
    let fetch = || -> anyhow::Result<Vec<Value>> {
        let mut conn = crate::connection::resolve(&line.global, true)?;
        conn.connect_timeout = CONNECT_LIMIT;
        conn.timeout = Some(TOTAL_LIMIT);
        conn.retries = 0;
        let ui = Ui::silent();
        let answer = Client::new(&conn, &ui)?.send(&Request::list(line.task_type))?;
        Ok(answer
            .get("endpoints")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default())
    };
    fetch().unwrap_or_default()
}

/// The words of the line being completed (after the `--` the shell script
/// passes), without the word under the cursor: the shells that say which
/// word that is set `_CLAP_COMPLETE_INDEX`, the others complete the last.
fn line_without_current_word() -> Vec<OsString> {
    let mut words: Vec<OsString> = std::env::args_os()
        .skip_while(|a| a != "--")
        .skip(1)
        .collect();
    let index = std::env::var("_CLAP_COMPLETE_INDEX")
        .ok()
        .and_then(|i| i.parse::<usize>().ok())
        .unwrap_or(words.len().saturating_sub(1));
    if index < words.len() {
        words.remove(index);
    }
    words
}

fn services() -> Vec<CompletionCandidate> {
    crate::services::names()
        .map(CompletionCandidate::new)
        .collect()
}

/// The profiles in the config file; none when it cannot be read. Only
/// names of letters, digits, `_` and `-` (what a profile name is): any
/// other would need quoting on the line.
fn profiles() -> Vec<CompletionCandidate> {
    let file = crate::config::path().and_then(|path| crate::config::read(&path).ok().flatten());
    let plain = |name: &str| {
        name.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    file.map(|f| {
        f.profiles
            .keys()
            .filter(|name| plain(name))
            .map(|name| CompletionCandidate::new(name.as_str()))
            .collect()
    })
    .unwrap_or_default()
}

/// Register every credential the line's connection holds (reading it
/// registers them, `connection::resolve`), so that no candidate shows one.
fn register_credentials() {
    if let Some(line) = crate::cli::partial(&line_without_current_word()) {
        let _ = crate::connection::resolve(&line.global, true);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn completers_attach_to_existing_arguments() {
        super::command().debug_assert();
    }
}
