//! `infer rotate`: the same new secret for every matching endpoint, each
//! sent as `update` sends a secret, up to `--parallel` at once.

use anyhow::Result;
use serde_json::{Value, json};

use crate::body::{self, Body, Inputs};
use crate::cli::{GlobalArgs, RotateArgs};
use crate::client::Client;
use crate::error::Error;
use crate::ops::change::{self, Change, Nulls};
use crate::ops::desired::Desired;
use crate::ops::stored;
use crate::ops::sync::{Action, Detail, Item, Review};
use crate::output::{Data, Ui, say};
use crate::services;

use super::batch_view;

pub fn run(args: &RotateArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let secret = body::build(&Inputs {
        secret_prompts: &args.secret_prompts,
        secret_envs: &args.secret_envs,
        secret_files: &args.secret_files,
        ..Inputs::default()
    })?;
    let names: Vec<String> = secret
        .secret_paths
        .iter()
        .map(|p| p.trim_start_matches("service_settings.").to_string())
        .collect();
    if names.is_empty() {
        return Err(Error::usage(
            "rotate what? give the new secret with --secret-env NAME=VAR, --secret-file \
             NAME=PATH or --secret NAME",
        ));
    }
    if args.dry_run && (args.run.wait || args.run.probe) {
        let flag = if args.run.wait { "--wait" } else { "--probe" };
        return Err(Error::usage(format!(
            "{flag} works after a write, and --dry-run writes nothing: leave one out"
        )));
    }
    let after = batch_view::after_of(&args.run, global.curl)?;
    let conn = batch_view::connect(global, "rotate", ui)?;
    let client = Client::new(&conn, ui)?;
    let listing = crate::ops::cluster::read(&client)?;
    let cluster = listing
        .entries()?
        .iter()
        .map(|e| listing.value(e.raw))
        .collect::<Result<Vec<Value>>>()?;
    for endpoint in &cluster {
        client.learn_secrets_of(stored::service(endpoint));
    }
    let chosen = select(args, &cluster, &names)?;
    let items: Vec<Item> = chosen
        .into_iter()
        .map(|stored| item(&client, stored, &secret))
        .collect::<Result<_>>()?;
    crate::ops::apply::check_after(&items, after)?;
    if args.dry_run || ui.stdout_is_terminal() || ui.is_verbose() {
        show(&items, &names);
    }
    if args.dry_run {
        let listed: Vec<Value> = items
            .iter()
            .map(|i| {
                let (service, host) = i.stored.as_ref().map(provider_of).unwrap_or_default();
                json!({"inference_id": i.inference_id, "service": service, "host": host,
                       "secrets": names, "conflicts": i.conflicts, "warnings": i.warnings})
            })
            .collect();
        let format = ui.data_format(args.run.format());
        ui.print_data(format.unwrap_or(Data::Json), &Value::Array(listed))?;
        ui.info("dry run: nothing was written");
        return Ok(());
    }
    batch_view::confirm(
        args.run.yes,
        "rotate",
        &format!(
            "Rotate {} on {} endpoint{} of {}?",
            names.join(", "),
            items.len(),
            if items.len() == 1 { "" } else { "s" },
            items
                .first()
                .and_then(|i| i.stored.as_ref())
                .map(provider_of)
                .map_or(String::new(), |(service, host)| format!(
                    "{service} at {host}"
                ))
        ),
    )?;
    batch_view::carry_out_all(ui, &client, &items, &args.run, (false, after))
}

/// Each endpoint a rotation would write, with its service, host and state.
fn show(items: &[Item], names: &[String]) {
    for item in items {
        let state = match item.conflicts.first() {
            Some(conflict) => format!("refused: {conflict}"),
            None => format!("{} (secret, will change)", names.join(", ")),
        };
        let (service, host) = item.stored.as_ref().map(provider_of).unwrap_or_default();
        say(&format!(
            "infer: rotate {} ({service}, {host}): {state}",
            item.inference_id
        ));
        for warning in &item.warnings {
            say(&format!("infer:     warning: {warning}"));
        }
    }
}

/// The endpoints to rotate. Ids named outright must exist and may not be
/// refused; a glob or a filter only picks among the ones that qualify.
/// Preconfigured endpoints, and services that do not take the secret,
/// are refused (#150368; the secret fields of elasticsearch-specification
/// `CommonTypes.ts`).
fn select<'c>(args: &RotateArgs, cluster: &'c [Value], names: &[String]) -> Result<Vec<&'c Value>> {
    let mut refused = refused_by_id(args, cluster, names);
    let chosen: Vec<&Value> = cluster.iter().filter(|e| matches(args, e)).collect();
    // With --service given, narrowing by it again is no advice.
    let narrow = if args.service.is_some() {
        ""
    } else {
        " (narrow with --service)"
    };
    for e in &chosen {
        let (id, service) = (stored::id(e), stored::service(e));
        if !takes(service, names) && !refused.iter().any(|r| r.contains(id)) {
            refused.push(format!(
                "'{id}' uses the {service} service, which does not take {}{narrow}",
                names.join(", ")
            ));
        }
    }
    if !refused.is_empty() {
        return Err(Error::refused(format!(
            "nothing was rotated: {}",
            refused.join("; ")
        )));
    }
    if chosen.is_empty() {
        return Err(Error::refused(
            "no endpoint matches: check the ids, --service and --task-type (infer list shows \
             what the cluster has)",
        ));
    }
    one_provider(&chosen, args)?;
    Ok(chosen)
}

/// Whether endpoints of `service` take every secret in `names`.
fn takes(service: &str, names: &[String]) -> bool {
    let fields: Vec<&str> = services::secret_kinds(service)
        .iter()
        .flat_map(|k| k.iter().copied())
        .collect();
    names
        .iter()
        .all(|n| fields.contains(&n.as_str()) || crate::secret::is_secret_setting(service, n))
}

/// Whether `endpoint` is one the ids, globs and filters pick.
fn matches(args: &RotateArgs, endpoint: &Value) -> bool {
    let id = stored::id(endpoint);
    (args.ids.is_empty() || args.ids.iter().any(|p| glob(p, id)))
        && !crate::api::is_preconfigured(id)
        && args
            .service
            .as_deref()
            .is_none_or(|s| stored::service(endpoint) == s)
        && args
            .task_type
            .is_none_or(|t| stored::task_type_name(endpoint) == t.as_str())
}

/// Why each id named outright (not a glob) cannot be rotated.
fn refused_by_id(args: &RotateArgs, cluster: &[Value], names: &[String]) -> Vec<String> {
    let mut refused = Vec::new();
    for id in args.ids.iter().filter(|p| !p.contains(['*', '?'])) {
        let Some(e) = cluster.iter().find(|e| stored::id(e) == id) else {
            refused.push(format!("'{id}' is not an endpoint of this cluster"));
            continue;
        };
        let (service, task_type) = (stored::service(e), stored::task_type_name(e));
        let filtered = args.service.as_deref().is_some_and(|s| service != s)
            || args.task_type.is_some_and(|t| task_type != t.as_str());
        if crate::api::is_preconfigured(id) {
            refused.push(format!(
                "'{id}' is a preconfigured endpoint, whose secrets infer never changes"
            ));
        } else if filtered {
            refused.push(format!(
                "'{id}' is a {task_type} endpoint of the {service} service, which --service or \
                 --task-type leaves out"
            ));
        } else if !takes(service, names) {
            refused.push(format!(
                "'{id}' uses the {service} service, which does not take {}",
                names.join(", ")
            ));
        }
    }
    refused
}

/// Where an endpoint's secret is used: its service, and the host it calls
/// where the service lets an endpoint name one (`url`; Azure's resource).
pub fn provider_of(endpoint: &Value) -> (String, String) {
    let settings = endpoint.get("service_settings");
    let setting = |key: &str| {
        settings
            .and_then(|s| s.get(key))
            .and_then(Value::as_str)
            .unwrap_or("")
    };
    // The settings that name where an endpoint sends its key: `url`
    // (openai, custom, hugging_face, llama, watsonxai…), `target`
    // (azureaistudio), `host` (alibabacloud-ai-search).
    let named = ["url", "target", "host"]
        .into_iter()
        .map(setting)
        .find(|v| !v.is_empty());
    let host = if let Some(place) = named {
        host_of(place)
    } else if !setting("resource_name").is_empty() {
        format!("{}.openai.azure.com", setting("resource_name"))
    } else {
        "the default host".to_string()
    };
    (stored::service(endpoint).to_string(), host)
}

/// The host (and port) of a URL, as written.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.to_ascii_lowercase()
}

/// A provider's key belongs to one provider: the endpoints a rotation
/// writes must share their service and, where an endpoint names the host
/// it calls, that host.
fn one_provider(chosen: &[&Value], args: &RotateArgs) -> Result<()> {
    let mut groups: Vec<((String, String), Vec<&str>)> = Vec::new();
    for endpoint in chosen {
        let id = stored::id(endpoint);
        let provider = provider_of(endpoint);
        match groups.iter_mut().find(|(p, _)| *p == provider) {
            Some((_, ids)) => ids.push(id),
            None => groups.push((provider, vec![id])),
        }
    }
    if groups.len() < 2 {
        return Ok(());
    }
    let services: Vec<&str> = groups.iter().map(|((s, _), _)| s.as_str()).collect();
    let one_service = services.iter().all(|s| *s == services[0]);
    let listed: Vec<String> = groups
        .iter()
        .map(|((service, host), ids)| {
            let at = if one_service { host } else { service };
            format!("{at} ({})", ids.join(", "))
        })
        .collect();
    let (what, narrow) = if one_service {
        ("hosts", "name the endpoints of one host by id or glob")
    } else if args.service.is_some() {
        (
            "services",
            "name the endpoints of one service by id or glob",
        )
    } else {
        (
            "services",
            "narrow with --service, or name the endpoints of one service by id or glob",
        )
    };
    Err(Error::refused(format!(
        "nothing was rotated: a provider's key belongs to one provider, and the endpoints \
         matched call {} {what}: {}; {narrow}",
        groups.len(),
        listed.join("; ")
    )))
}

/// One endpoint's rotation, decided as `update` decides it (one kind of
/// secret, pairs together, #149628). Its body holds only the secret, so
/// the identity check (`Change::check`: task type, service, chunking) has
/// nothing to look at and is not run.
fn item(client: &Client, endpoint: &Value, secret: &Body) -> Result<Item> {
    let id = stored::id(endpoint);
    let mut change = Change::of_stored(id, secret.clone(), endpoint)?;
    let task_type = change.task_type;
    let decision = change.decide(
        client,
        &change::Options {
            allow: &[],
            nulls: Nulls::Refuse,
        },
    )?;
    let desired = Desired {
        id: id.to_string(),
        task_type,
        service: stored::service(endpoint).to_string(),
        sections: Default::default(),
        secrets: Vec::new(),
        origin: "the cluster".to_string(),
    };
    Ok(Item::with_detail(
        id.to_string(),
        Action::Update,
        Detail {
            review: Review {
                conflicts: decision.refusals,
                warnings: decision.warnings,
                ..Review::default()
            },
            desired: Some(desired),
            stored: Some(endpoint.clone()),
            body: Some(change.body),
        },
    ))
}

/// `*` any run of characters, `?` one; everything else itself.
pub(super) fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn globs() {
        assert!(glob("search-*", "search-openai"));
        assert!(glob("*-openai", "search-openai"));
        assert!(glob("s?arch*", "search"));
        assert!(glob("exact", "exact"));
        assert!(!glob("search-*", "other"));
        assert!(!glob("a?c", "ac"));
        assert!(glob("*", ""));
    }
}
