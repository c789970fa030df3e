//! The decision of an update (`Change::decide`), made before anything is
//! written: the asked values made whole and trimmed to what differs
//! (`diff.rs`), then checked against what the endpoint's service can
//! update on the server in front of it (`services/updatable.rs`,
//! `server.rs`). What infer knows cannot work is refused here, with the
//! way out; what the server judges itself is sent. Nothing is printed.

use anyhow::Result;
use serde_json::{Map, Value};

use crate::api::TaskType;
use crate::body::Body;
use crate::client::Client;
use crate::diff;
use crate::error::Error;
use crate::ops::allocations;
use crate::secret;
use crate::server::Server;
use crate::services::{self, Updatable, UpdateRules};

/// What to do with a `null` the server cannot take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nulls {
    /// `update --unset`: refuse, nothing is written.
    Refuse,
    /// `edit`, where a removed key becomes `null`: keep the key, and say why.
    Keep,
}

pub struct Options<'a> {
    /// `--allow-field`: keys (or null paths) to send although the table
    /// says the service cannot take them.
    pub allow: &'a [String],
    pub nulls: Nulls,
}

/// What was decided, as data; what is sent is the change's body, trimmed
/// to what differs.
#[derive(Debug, Default)]
pub struct Decision {
    /// Asked values the endpoint already has: not sent.
    pub unchanged: Vec<String>,
    /// For the user before the write (stderr).
    pub warnings: Vec<String>,
    /// For `-v`: how the decision was made.
    pub debug: Vec<String>,
    /// Why the change cannot be made as asked, each with its way out:
    /// nothing may be written while there is one.
    pub refusals: Vec<String>,
    /// Keys infer's table says the service does not update, sent because
    /// the server judges them itself (`Server::judges_updates`): a 400
    /// there is explained (`ops::write`).
    pub judged: Vec<String>,
}

/// The endpoint a change is for.
struct Endpoint<'a> {
    id: &'a str,
    service: &'a str,
    task_type: TaskType,
    stored: &'a Value,
}

impl Endpoint<'_> {
    fn rules(&self, server: Server) -> UpdateRules<'_> {
        UpdateRules {
            service: self.service,
            task_type: self.task_type.as_str(),
            server,
        }
    }
}

/// What the server says of itself, asked only when a decision needs it,
/// and at most once.
struct LazyServer<'a> {
    client: &'a Client<'a>,
    server: Option<Server>,
    debug: Vec<String>,
}

impl LazyServer<'_> {
    fn server(&mut self) -> Server {
        if let Some(known) = self.server {
            return known;
        }
        let server = self.client.server().unwrap_or_else(|e| {
            // A key without the `monitor` privilege cannot read `GET /`.
            self.debug.push(format!(
                "(server version unknown: {e:#}; the newest rules apply)"
            ));
            Server::Unknown
        });
        self.server = Some(server);
        server
    }
}

/// Turn the asked `body` into the update of `stored`, in place, with the
/// reasons it cannot be made, if any ([`Decision::refused`]). `Err` for a
/// change to the stored chunking (no `strategy`) that breaks the rules
/// once made whole: chunking given whole is checked where it is given
/// (`validate::body`, `ops::sync`), before anything is read, and not
/// again here.
pub(super) fn decide(
    client: &Client,
    (id, task_type, stored): (&str, TaskType, &Value),
    body: &mut Body,
    options: &Options,
) -> Result<Decision> {
    let service = crate::stored::service(stored).to_string();
    let mut facts = LazyServer {
        client,
        server: None,
        debug: Vec::new(),
    };
    let endpoint = Endpoint {
        id,
        service: &service,
        task_type,
        stored,
    };
    let mut warnings = Vec::new();
    let mut refusals = Vec::new();
    let partial_chunking = body
        .sections
        .get("chunking_settings")
        .is_some_and(crate::validate::is_partial_chunking);
    diff::whole_objects(body, stored);
    if services::is_in_cluster(&service) {
        let decided = allocations::decide(body, stored, facts.server());
        warnings.extend(decided.warnings);
        refusals.extend(decided.refusals);
        facts.debug.extend(decided.debug);
    }
    if let Some(chunking) = body
        .sections
        .get("chunking_settings")
        .filter(|_| partial_chunking)
    {
        crate::validate::chunking(chunking).map_err(|e| {
            Error::usage(format!(
                "{e} (the stored chunking_settings with your change)"
            ))
        })?;
    }
    let unchanged = diff::prune_unchanged(body, stored);

    nulls(
        body,
        &endpoint,
        &mut facts,
        options,
        &mut refusals,
        &mut warnings,
    );
    let judged = settings(body, &endpoint, &mut facts, options, &mut refusals);
    secrets(body, &endpoint, stored, &mut facts, &mut refusals);
    chunking_accepted(body, &endpoint, &mut facts, options, &mut refusals);
    if refusals.is_empty()
        && let Some(warning) = chunking_loss(body, stored, task_type, &mut facts)
    {
        warnings.push(warning);
    }
    Ok(Decision {
        unchanged,
        warnings,
        debug: facts.debug,
        refusals,
        judged,
    })
}

impl Decision {
    /// The refusals as the error that stops the write (exit 3).
    pub fn refused(&self, id: &str) -> Result<()> {
        if self.refusals.is_empty() {
            return Ok(());
        }
        Err(Error::refused(format!(
            "nothing was written to endpoint '{id}': {}",
            self.refusals.join("; ")
        )))
    }
}

fn allowed(options: &Options, path: &str) -> bool {
    let short = path.strip_prefix("service_settings.").unwrap_or(path);
    options.allow.iter().any(|a| a == path || a == short)
}

/// `null` resets only where the service's update parser takes it
/// (`services::UpdateRules::null_problem`).
fn nulls(
    body: &mut Body,
    endpoint: &Endpoint,
    facts: &mut LazyServer,
    options: &Options,
    refusals: &mut Vec<String>,
    warnings: &mut Vec<String>,
) {
    for path in body.null_paths() {
        if allowed(options, &path) {
            continue;
        }
        let Some(problem) = endpoint.rules(facts.server()).null_problem(&path) else {
            continue;
        };
        match options.nulls {
            Nulls::Refuse => refusals.push(format!(
                "{problem} (--allow-field {path} sends the null anyway)"
            )),
            Nulls::Keep => {
                remove_path(&mut body.sections, &path);
                warnings.push(format!(
                    "{path} was removed, but it stays: {}",
                    problem.trim_start_matches(&format!("{path}: "))
                ));
            }
        }
    }
}

/// Take `SECTION.KEY` out of the body, and the section when it empties.
/// After `diff::whole_objects`, a `null` stands only directly in a section.
fn remove_path(sections: &mut Map<String, Value>, path: &str) {
    let Some((section, key)) = path.split_once('.') else {
        return;
    };
    if let Some(Value::Object(map)) = sections.get_mut(section) {
        map.shift_remove(key);
        if map.is_empty() {
            sections.shift_remove(section);
        }
    }
}

/// Each non-secret `service_settings` key must be one the service updates.
/// Servers that judge updates themselves answer 400 to the others, so
/// they are sent and returned as judged; older servers would keep them
/// silently, so they are refused (`services::updatable`).
fn settings(
    body: &Body,
    endpoint: &Endpoint,
    facts: &mut LazyServer,
    options: &Options,
    refusals: &mut Vec<String>,
) -> Vec<String> {
    let Some(Value::Object(map)) = body.sections.get("service_settings") else {
        return Vec::new();
    };
    let keys: Vec<&String> = map
        .keys()
        .filter(|k| {
            let path = format!("service_settings.{k}");
            !secret::is_secret_field(k)
                && !body.secret_paths.contains(&path)
                && !allowed(options, &path)
        })
        .collect();
    if keys.is_empty() {
        return Vec::new();
    }
    let server = facts.server();
    let rules = endpoint.rules(server);
    let service = endpoint.service;
    let mut refused = Vec::new();
    for key in keys {
        match rules.service_setting(key) {
            Updatable::Yes => {}
            Updatable::No => refused.push(key.as_str()),
            Updatable::Unknown => facts.debug.push(format!(
                "(service_settings.{key}: infer does not know what the {service} service \
                 updates; sent, and the server decides)"
            )),
        }
    }
    if server.judges_updates() {
        for key in &refused {
            facts.debug.push(format!(
                "(service_settings.{key}: infer's table says the {service} service does not \
                 update it; {} answers 400 to what it cannot apply, so it decides)",
                server.describe()
            ));
        }
        return refused
            .iter()
            .map(|k| format!("service_settings.{k}"))
            .collect();
    }
    if refused.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = refused
        .iter()
        .map(|k| format!("service_settings.{k}"))
        .collect();
    // Before the per-service update PRs (#146242 to #147597, in 9.5; see
    // `Server::judges_updates`) only secrets and num_allocations changed and
    // the rest was kept silently (`ServiceSettings.updateServiceSettings`).
    refusals.push(format!(
        "{} cannot change on an endpoint of the {service} service: {} updates only secrets \
         and num_allocations, and keeps any other key without a word (per-service updates \
         came with 9.5). {}; {} sends it anyway",
        names.join(" and "),
        server.describe(),
        crate::ops::way_out::way_out(endpoint.id, Some(endpoint.stored), &refused),
        refused
            .iter()
            .map(|k| format!("--allow-field {k}"))
            .collect::<Vec<_>>()
            .join(" ")
    ));
    Vec::new()
}

/// One kind of secret, paired fields together, never a new kind (#149628).
fn secrets(
    body: &Body,
    endpoint: &Endpoint,
    stored: &Value,
    facts: &mut LazyServer,
    refusals: &mut Vec<String>,
) {
    let Some(Value::Object(map)) = body.sections.get("service_settings") else {
        return;
    };
    let known: Vec<&str> = services::secret_kinds(endpoint.service)
        .iter()
        .flat_map(|kind| kind.iter().copied())
        .collect();
    let given: Vec<&str> = map
        .keys()
        .map(String::as_str)
        .filter(|k| known.contains(k))
        .collect();
    if given.is_empty() {
        return;
    }
    let rules = endpoint.rules(facts.server.unwrap_or(Server::Unknown));
    if let Some(problem) = rules.secret_problem(&given, stored.get("service_settings")) {
        refusals.push(problem);
    }
}

/// Servers before 9.5 answer 400 to `chunking_settings` in an update
/// (#149723 added it): refused before the write, with the way.
fn chunking_accepted(
    body: &Body,
    endpoint: &Endpoint,
    facts: &mut LazyServer,
    options: &Options,
    refusals: &mut Vec<String>,
) {
    if !body.sections.contains_key("chunking_settings") || allowed(options, "chunking_settings") {
        return;
    }
    let server = facts.server();
    if server.accepts_chunking_in_update() {
        return;
    }
    let id = endpoint.id;
    refusals.push(format!(
        "{} does not accept chunking_settings in an update (9.5 does, #149723): create a new \
         endpoint with the chunking you want and point your index at it: infer create NEW_ID \
         --from {id} --chunking-settings JSON (and its secret, e.g. --secret-env api_key=VAR); \
         --allow-field chunking_settings sends it anyway",
        server.describe()
    ));
}

/// Servers before the 9.3 fix may reset chunking on any update, and do not
/// take chunking in an update either (#139574, #141682): say so before the
/// write, when the stored chunking is not what the reset would leave.
fn chunking_loss(
    body: &Body,
    stored: &Value,
    task_type: TaskType,
    facts: &mut LazyServer,
) -> Option<String> {
    let chunking = stored.get("chunking_settings")?;
    let reset = serde_json::json!({"strategy": "word", "max_chunk_size": 250, "overlap": 100});
    if !task_type.takes_chunking()
        || body.sections.contains_key("chunking_settings")
        || body.is_empty()
        || *chunking == reset
    {
        return None;
    }
    let server = facts.server();
    if !server.may_reset_chunking() || server.accepts_chunking_in_update() {
        return None;
    }
    Some(format!(
        "{} may reset this endpoint's chunking_settings to word/250/100 on any update \
         (#139574, fixed in 9.3), and it does not accept chunking_settings in an update: if \
         the stored {chunking} is lost, re-create the endpoint with it, or upgrade to 9.3 or \
         later first",
        server.describe()
    ))
}
