//! From the endpoints a file describes and the ones the cluster has, what
//! to do to each: create, update, replace, nothing, or (with `--prune`)
//! delete. Updates are decided as `infer update` decides them
//! (`ops::change`): the same smallest body, the same refusals, here
//! reported as conflicts. Nothing is written and nothing is printed here.

use anyhow::Result;
use serde_json::{Value, json};

use crate::api::Request;
use crate::api::listing::Listing;
use crate::body::Body;
use crate::client::Client;
use crate::error::Error;
use crate::ops::change::{self, Nulls};
use crate::ops::desired::{self, Desired, Files, Reference};
use crate::ops::stored;

mod item;

pub use item::{Action, Change, Detail, Item, Review};

pub struct Options<'a> {
    pub allow_replace: bool,
    pub prune: bool,
    pub rotate_secrets: bool,
    pub allow: &'a [String],
}

/// The plan, in the file's order, then what is only on the cluster (by id).
/// The cluster is held as the text of its one answer (`api::listing`), each
/// endpoint read only when the file names it, found by id in constant time;
/// the file is read one endpoint at a time (`desired::Files`).
pub fn plan(
    client: &Client,
    desired: &Files,
    cluster: &Listing,
    options: &Options,
) -> Result<Vec<Item>> {
    let mut stored = cluster.by_id()?;
    let mut items = Vec::with_capacity(desired.count);
    desired.each(&mut |wanted| {
        let found = match stored.remove(wanted.id.as_str()) {
            Some(raw) => Some(cluster.value(raw)?),
            None => None,
        };
        // Whatever of it is secret (a URL's userinfo too) never shows in
        // the plan, its view or a saved plan.
        if let Some(found) = &found {
            crate::secret::register_value(found, &[]);
        }
        crate::secret::register_object(&wanted.sections, &[]);
        items.push(one(client, wanted, found, options)?);
        Ok(())
    })?;
    let mut extra: Vec<_> = stored
        .into_keys()
        .filter(|id| !crate::api::is_preconfigured(id))
        .collect();
    extra.sort_unstable();
    for id in extra {
        if crate::ops::temporary_id::is_temporary(&id) {
            // Left by a replace a signal cut (`ops::replace`): always removed.
            items.push(Item::with_detail(
                id.into_owned(),
                Action::Delete,
                Detail {
                    review: Review {
                        warnings: vec![
                            "left over by an interrupted replace (its new settings, tried \
                             first under this id): deleted"
                                .to_string(),
                        ],
                        ..Review::default()
                    },
                    ..Detail::default()
                },
            ));
            continue;
        }
        let action = if options.prune {
            Action::Delete
        } else {
            Action::NotInFile
        };
        items.push(Item::new(id.into_owned(), action));
    }
    Ok(items)
}

fn one(client: &Client, wanted: Desired, stored: Option<Value>, options: &Options) -> Result<Item> {
    let mut detail = Detail::default();
    let action = decide(client, &mut detail, (&wanted, stored.as_ref()), options)?;
    let mut item = Item::new(wanted.id.clone(), action);
    if item.pending() {
        detail.desired = Some(wanted);
        detail.stored = stored;
    } else if action == Action::NoChange {
        // Nothing is sent, so what an update would risk is no warning; what
        // the file asks that infer refuses is still a conflict. In sync
        // with nothing to say, the item keeps nothing (a plan of thousands
        // holds little).
        if detail.conflicts.is_empty() {
            return Ok(item);
        }
        detail.warnings.clear();
        detail.body = None;
    } else {
        detail.body = None;
    }
    item.detail = Some(Box::new(detail));
    Ok(item)
}

/// What to do with `wanted`, given what the cluster has (`stored`); the
/// details in `item`.
fn decide(
    client: &Client,
    item: &mut Detail,
    (wanted, stored): (&Desired, Option<&Value>),
    options: &Options,
) -> Result<Action> {
    if wanted.is_preconfigured() {
        if stored.is_none() {
            item.conflicts.push(
                "a preconfigured endpoint the cluster does not have; infer cannot create it"
                    .to_string(),
            );
        }
        return Ok(Action::Expected);
    }
    let Some(stored) = stored else {
        item.changes = whole(wanted);
        check_references(wanted, &mut item.conflicts);
        return Ok(Action::Create);
    };
    if stored::service(stored) != wanted.service
        || stored::task_type_name(stored) != wanted.task_type.as_str()
    {
        item.changes = whole(wanted);
        item.changes.insert(
            0,
            Change {
                path: "service, task_type".into(),
                from: Some(json!(format!(
                    "{} {}",
                    stored::service(stored),
                    stored::task_type_name(stored)
                ))),
                to: Some(json!(format!("{} {}", wanted.service, wanted.task_type))),
                secret: false,
            },
        );
        if !crate::services::is_known(&wanted.service) {
            item.conflicts.push(format!(
                "infer does not know the service '{}', and a replace deletes the endpoint before \
                 it creates the new one: check the name (infer services lists them)",
                wanted.service
            ));
        }
        if !options.allow_replace {
            item.conflicts.push(
                "the service or task type of an endpoint cannot change: it must be deleted and \
                 created again, which apply does only with --allow-replace"
                    .to_string(),
            );
        }
        check_references(wanted, &mut item.conflicts);
        item.used_by = client
            .send(&Request::delete(&wanted.id, None, true, false))
            .ok()
            .map(|a| json!({"pipelines": a.get("pipelines"), "indexes": a.get("indexes")}));
        return Ok(Action::Replace);
    }
    update(client, item, wanted, stored, options)
}

/// What to do with `wanted`, which the cluster has under the same service
/// and task type (`stored`): an update, decided as `infer update` decides
/// it (`ops::change`), or nothing.
fn update(
    client: &Client,
    item: &mut Detail,
    wanted: &Desired,
    stored: &Value,
    options: &Options,
) -> Result<Action> {
    let body = Body {
        sections: wanted.sections.clone(),
        ..Body::default()
    };
    let mut endpoint = change::Change::update(&wanted.id, wanted.task_type, body, Some(stored));
    // Checked against the stored endpoint as `update` checks it, a refusal
    // here a conflict; then chunking as the file gives it.
    let refused = endpoint.check(&[]).err().map(|e| e.to_string());
    let chunking = given_chunking(&endpoint.body).map_err(|e| e.context(wanted.origin.clone()))?;
    item.conflicts.extend(refused.or(chunking));
    let planned = endpoint
        .decide(
            client,
            &change::Options {
                allow: options.allow,
                nulls: Nulls::Refuse,
            },
        )
        .map_err(|e| e.context(wanted.origin.clone()))?;
    item.conflicts.extend(planned.refusals);
    item.warnings = planned.warnings;
    item.warnings.extend(planned.judged.iter().map(|path| {
        format!(
            "{path}: infer's table says the {} service does not update it; the server judges \
             it, and refuses the update if so",
            wanted.service
        )
    }));
    item.changes = endpoint
        .body
        .sections
        .iter()
        .flat_map(|(section, value)| crate::body::leaves(section, value))
        .map(|(path, to)| Change {
            from: crate::body::at(stored, &path).cloned(),
            path,
            to: Some(to),
            secret: false,
        })
        .collect();
    // `num_allocations` stays in an update body even when equal (8.17 wants
    // it in every update of an in-cluster endpoint:
    // `TransportUpdateInferenceModelAction` at elastic/elasticsearch@2afb4b65),
    // but it is no change to plan for.
    // A count that switches the style is a change though it equals the live
    // count a GET showed: it turns adaptive allocations off.
    let switches = !endpoint.body.follows.is_empty();
    item.changes.retain(|c| {
        c.from.as_ref() != c.to.as_ref() || (switches && c.path.ends_with(".num_allocations"))
    });
    if options.rotate_secrets {
        check_references(wanted, &mut item.conflicts);
        item.changes
            .extend(wanted.secrets.iter().map(secret_change));
    }
    item.body = Some(endpoint.body);
    Ok(if item.changes.is_empty() {
        Action::NoChange
    } else {
        Action::Update
    })
}

/// The chunking as the file gives it, checked once, before anything is
/// decided (`Change::decide` checks only a change to the stored chunking
/// once made whole). A change to the stored chunking (no `strategy`) is a
/// conflict; chunking given whole that breaks the rules stops the plan
/// (`Err`), as it always has: the plan cannot be made with it.
fn given_chunking(body: &Body) -> Result<Option<String>> {
    let Some(chunking) = body.sections.get("chunking_settings") else {
        return Ok(None);
    };
    let Err(problem) = crate::validate::chunking(chunking) else {
        return Ok(None);
    };
    if crate::validate::is_partial_chunking(chunking) {
        return Ok(Some(problem));
    }
    Err(Error::usage(format!(
        "{problem} (the stored chunking_settings with your change)"
    )))
}

/// Every value of a new endpoint, secrets as references.
fn whole(wanted: &Desired) -> Vec<Change> {
    let mut changes: Vec<Change> = wanted
        .sections
        .iter()
        .flat_map(|(section, value)| crate::body::leaves(section, value))
        .map(|(path, to)| Change {
            path,
            from: None,
            to: Some(to),
            secret: false,
        })
        .collect();
    changes.extend(wanted.secrets.iter().map(secret_change));
    changes
}

fn secret_change((key, _): &(String, Reference)) -> Change {
    Change {
        path: format!("service_settings.{key}"),
        from: None,
        to: None,
        secret: true,
    }
}

/// The references that will be read when the change is sent must be
/// there now: a plan that cannot be applied says so.
fn check_references(wanted: &Desired, conflicts: &mut Vec<String>) {
    for (key, reference) in &wanted.secrets {
        let at = format!("service_settings.{key}");
        if let Err(e) = desired::resolve(reference, &at) {
            conflicts.push(e.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn chunking(value: Value) -> Body {
        let sections = json!({ "chunking_settings": value });
        Body {
            sections: sections.as_object().cloned().unwrap_or_default(),
            ..Body::default()
        }
    }

    #[test]
    fn a_files_chunking_is_checked_once_as_given() {
        assert_eq!(given_chunking(&Body::default()).unwrap(), None);
        assert_eq!(
            given_chunking(&chunking(json!({"strategy": "none"}))).unwrap(),
            None
        );
        // A change to the stored chunking: a conflict here, and checked
        // once made whole by `Change::decide`.
        let partial = given_chunking(&chunking(json!({"max_chunk_size": 300}))).unwrap();
        assert!(
            partial
                .unwrap()
                .starts_with("chunking_settings needs a strategy")
        );
        // Whole and against the rules: the plan is not made (exit 2).
        let err = given_chunking(&chunking(json!({"strategy": "banana"}))).unwrap_err();
        assert_eq!(crate::error::exit_code(&err), 2);
        assert!(
            err.to_string()
                .ends_with("is not a strategy: use one of sentence, word, recursive, none (the stored chunking_settings with your change)"),
            "{err}"
        );
    }
}
