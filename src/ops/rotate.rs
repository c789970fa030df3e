//! The rules of `rotate`: which endpoints one new secret may be written
//! to, and the plan item of each. Data in, data out; the command gathers
//! the inputs and renders.

use anyhow::Result;
use serde_json::Value;

use crate::api::TaskType;
use crate::body::Body;
use crate::client::Client;
use crate::error::Error;
use crate::ops::change::{self, Change, Nulls};
use crate::ops::desired::Desired;
use crate::ops::glob::{glob, is_glob};
use crate::ops::sync::{Action, Detail, Item, Review};
use crate::services;

/// What picks the endpoints: ids or globs, a service, a task type.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection<'a> {
    pub ids: &'a [String],
    pub service: Option<&'a str>,
    pub task_type: Option<TaskType>,
}

/// The endpoints to rotate. Ids named outright must exist and may not be
/// refused; a glob or a filter only picks among the ones that qualify.
/// Preconfigured endpoints, and services that do not take the secret,
/// are refused (#150368; the secret fields of elasticsearch-specification
/// `CommonTypes.ts`).
pub fn select<'c>(
    args: &Selection,
    cluster: &'c [Value],
    names: &[String],
) -> Result<Vec<&'c Value>> {
    let mut refused = refused_by_id(args, cluster, names);
    let chosen: Vec<&Value> = cluster.iter().filter(|e| matches(args, e)).collect();
    // With --service given, narrowing by it again is no advice.
    let narrow = if args.service.is_some() {
        ""
    } else {
        " (narrow with --service)"
    };
    for e in &chosen {
        let (id, service) = (crate::stored::id(e), crate::stored::service(e));
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

/// The endpoints to rotate in one of several clusters: as [`select`]
/// picks them, except that an id or a glob this cluster does not have
/// picks nothing here rather than being refused (another cluster may have
/// it: [`unmatched`] refuses one that none has), and neither do filters
/// that match nothing here.
pub fn select_present<'c>(
    args: &Selection,
    cluster: &'c [Value],
    names: &[String],
) -> Result<Vec<&'c Value>> {
    let here: Vec<String> = args
        .ids
        .iter()
        .filter(|p| cluster.iter().any(|e| picks(p, crate::stored::id(e))))
        .cloned()
        .collect();
    if !args.ids.is_empty() && here.is_empty() {
        return Ok(Vec::new());
    }
    let narrowed = Selection {
        ids: &here,
        ..*args
    };
    let named_outright = here.iter().any(|p| !is_glob(p));
    if !named_outright && !cluster.iter().any(|e| matches(&narrowed, e)) {
        return Ok(Vec::new());
    }
    select(&narrowed, cluster, names)
}

/// Whether `pattern` picks endpoint `id`: an id named outright always
/// (refused later if it cannot be rotated), a glob when the endpoint is
/// not preconfigured.
fn picks(pattern: &str, id: &str) -> bool {
    match is_glob(pattern) {
        true => glob(pattern, id) && !crate::api::is_preconfigured(id),
        false => pattern == id,
    }
}

/// The ids and globs of `args` that pick no endpoint in any of the
/// `clusters` (their endpoints).
pub fn unmatched<'a>(args: &Selection<'a>, clusters: &[&[Value]]) -> Vec<&'a str> {
    args.ids
        .iter()
        .filter(|p| {
            !clusters
                .iter()
                .any(|c| c.iter().any(|e| picks(p, crate::stored::id(e))))
        })
        .map(String::as_str)
        .collect()
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
fn matches(args: &Selection, endpoint: &Value) -> bool {
    let id = crate::stored::id(endpoint);
    (args.ids.is_empty() || args.ids.iter().any(|p| glob(p, id)))
        && !crate::api::is_preconfigured(id)
        && args
            .service
            .is_none_or(|s| crate::stored::service(endpoint) == s)
        && args
            .task_type
            .is_none_or(|t| crate::stored::task_type_name(endpoint) == t.as_str())
}

/// Why each id named outright (not a glob) cannot be rotated.
fn refused_by_id(args: &Selection, cluster: &[Value], names: &[String]) -> Vec<String> {
    let mut refused = Vec::new();
    for id in args.ids.iter().filter(|p| !is_glob(p)) {
        let Some(e) = cluster.iter().find(|e| crate::stored::id(e) == id) else {
            refused.push(format!("'{id}' is not an endpoint of this cluster"));
            continue;
        };
        let (service, task_type) = (crate::stored::service(e), crate::stored::task_type_name(e));
        let filtered = args.service.is_some_and(|s| service != s)
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
    (crate::stored::service(endpoint).to_string(), host)
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
pub fn one_provider(chosen: &[&Value], args: &Selection) -> Result<()> {
    let mut groups: Vec<((String, String), Vec<&str>)> = Vec::new();
    for endpoint in chosen {
        let id = crate::stored::id(endpoint);
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
pub fn item(client: &Client, endpoint: &Value, secret: &Body) -> Result<Item> {
    let id = crate::stored::id(endpoint);
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
        service: crate::stored::service(endpoint).to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn endpoint(id: &str, service: &str, url: Option<&str>) -> Value {
        let mut settings = json!({"model_id": "m"});
        if let Some(url) = url {
            settings["url"] = json!(url);
        }
        json!({"inference_id": id, "task_type": "text_embedding", "service": service,
               "service_settings": settings})
    }

    fn names() -> Vec<String> {
        vec!["api_key".to_string()]
    }

    #[test]
    fn a_glob_picks_the_endpoints_of_one_provider() {
        let cluster = [
            endpoint("search-a", "openai", None),
            endpoint("search-b", "openai", None),
            endpoint("other", "openai", None),
        ];
        let ids = ["search-*".to_string()];
        let selection = Selection {
            ids: &ids,
            ..Selection::default()
        };
        let chosen = select(&selection, &cluster, &names()).unwrap();
        let ids: Vec<&str> = chosen.iter().map(|e| crate::stored::id(e)).collect();
        assert_eq!(ids, ["search-a", "search-b"]);
    }

    #[test]
    fn two_providers_or_a_missing_id_are_refused() {
        let cluster = [
            endpoint("a", "openai", Some("https://one.example/v1")),
            endpoint("b", "openai", Some("https://two.example/v1")),
        ];
        let err = select(&Selection::default(), &cluster, &names()).unwrap_err();
        assert!(err.to_string().contains("call 2 hosts"), "{err}");
        let ids = ["gone".to_string()];
        let selection = Selection {
            ids: &ids,
            ..Selection::default()
        };
        let err = select(&selection, &cluster, &names()).unwrap_err();
        assert!(
            err.to_string()
                .contains("'gone' is not an endpoint of this cluster"),
            "{err}"
        );
    }

    #[test]
    fn the_provider_is_the_service_and_the_host_it_calls() {
        let e = endpoint("a", "openai", Some("https://User@API.example:8443/v1?x=1"));
        assert_eq!(
            provider_of(&e),
            ("openai".to_string(), "api.example:8443".to_string())
        );
        let e = endpoint("b", "cohere", None);
        assert_eq!(provider_of(&e).1, "the default host");
    }
}
