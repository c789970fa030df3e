//! A saved plan: what `infer plan --out PLANFILE` computed, written so that
//! `infer apply --plan PLANFILE` carries out exactly that, later and
//! elsewhere (plan in review, apply on merge, as `terraform plan -out` and
//! `terraform apply PLANFILE` do).
//!
//! The file is JSON (`infer_plan`: its version). It names the cluster it
//! was computed against (its URL, and the `cluster_uuid` of `GET /` when the
//! server gives one), and, per endpoint that changes, the action, the
//! exact settings to send (secrets as their `env:`/`file:` references,
//! read only when sent) and a fingerprint of the endpoint as the cluster
//! held it. `apply --plan` reads the cluster again and refuses, before any
//! write, when an endpoint it touches is no longer what was planned
//! against ([`drift`]). A checksum over the rest tells a file edited by
//! hand from the one that was reviewed.
//!
//! Nothing here writes to the cluster or prints.

use anyhow::Result;
use serde_json::{Map, Value, json};
use std::path::Path;

use crate::api::TaskType;
use crate::body::Body;
use crate::error::Error;
use crate::ops::desired::{Desired, Reference};
use crate::ops::sync::{Action, Detail, Item, Review};

mod read;
pub use read::read;

/// The version of the file's format, in its `infer_plan` field.
pub const VERSION: u64 = 1;

/// The cluster a plan was computed against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Its URL (infer refuses URLs with credentials: `connection::parse_url`).
    pub url: String,
    /// `cluster_uuid` from `GET /`, when the server gives one (a cluster
    /// not yet formed says `_na_`: none).
    pub uuid: Option<String>,
}

impl Cluster {
    /// From the URL infer is connected to and the answer of `GET /`.
    pub fn new(url: &reqwest::Url, root: &Value) -> Self {
        let uuid = root
            .get("cluster_uuid")
            .and_then(Value::as_str)
            .filter(|u| !u.is_empty() && *u != "_na_")
            .map(str::to_string);
        Cluster {
            url: url.as_str().to_string(),
            uuid,
        }
    }

    /// `URL (cluster_uuid UUID)`.
    pub fn shown(&self) -> String {
        match &self.uuid {
            Some(uuid) => format!("{} (cluster_uuid {uuid})", self.url),
            None => self.url.clone(),
        }
    }

    /// Whether `live` is the cluster the plan was made for: by the
    /// cluster's id when both give one (one cluster may be reached by two
    /// addresses), by the URL otherwise.
    pub fn same_as(&self, live: &Cluster) -> bool {
        match (&self.uuid, &live.uuid) {
            (Some(a), Some(b)) => a == b,
            _ => self.url == live.url,
        }
    }
}

/// What `plan` was asked, as the file records it; `rotate_secrets` also
/// decides whether an update sends the secrets.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub prune: bool,
    pub allow_replace: bool,
    pub rotate_secrets: bool,
    pub allow_fields: Vec<String>,
}

/// One endpoint the plan writes.
#[derive(Debug, Clone)]
pub struct Entry {
    pub inference_id: String,
    pub action: Action,
    /// For a create, an update or a replace: what it is made as.
    pub task_type: Option<TaskType>,
    pub service: Option<String>,
    /// The fingerprint of the endpoint the cluster held ([`fingerprint`]);
    /// `None` for a create (the cluster had none).
    pub stored: Option<String>,
    /// The settings sent, without the secrets: a create's sections, or an
    /// update's body.
    pub body: Option<Map<String, Value>>,
    /// The secrets sent, as references (`service_settings` key, reference).
    pub secrets: Vec<(String, Reference)>,
    /// What changes as a consequence of an update (`Body::follows`).
    pub follows: Vec<String>,
    /// For the review: what changes, why it is skipped, what to know.
    pub review: Review,
    /// Where the file of endpoints described it.
    pub from: Option<String>,
}

/// A whole saved plan.
#[derive(Debug, Clone)]
pub struct SavedPlan {
    pub cluster: Cluster,
    pub options: Options,
    /// The plan's summary line when it was made, for the review.
    pub summary: String,
    pub endpoints: Vec<Entry>,
}

/// The endpoint as the cluster holds it, reduced to what a change is: a
/// SHA-256 of its canonical JSON (keys sorted), without the live
/// `num_allocations` of an autoscaling endpoint, which the deployment
/// changes by itself (GET shows the running count: #115233; issue 11).
pub fn fingerprint(endpoint: &Value) -> String {
    let mut value = endpoint.clone();
    if let Some(Value::Object(settings)) = value.get_mut("service_settings") {
        crate::ops::allocations::leave_out_live_count(settings);
    }
    sha256(&canonical(&value))
}

/// `sha256:` and the hex digest of `text`.
fn sha256(text: &str) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.as_bytes());
    let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// `value` as compact JSON with every object's keys sorted: the same text
/// for the same value, whatever order a server or a file gave.
fn canonical(value: &Value) -> String {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                Value::Object(
                    keys.into_iter()
                        .map(|k| (k.clone(), sorted(&map[k])))
                        .collect(),
                )
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(value).to_string()
}

/// A reference as a file of endpoints writes it.
pub fn reference_text(reference: &Reference) -> String {
    match reference {
        Reference::Env(var) => format!("env:{var}"),
        Reference::File(path) => format!("file:{}", path.display()),
        // Read back as no reference: such a plan is refused until it is filled in.
        Reference::Placeholder(_) => crate::ops::desired::PLACEHOLDER.to_string(),
    }
}

impl Entry {
    /// The entry of a planned item that writes; `stored` the endpoint the
    /// cluster held (`None` where it had none).
    pub fn of(item: &Item, stored: Option<&Value>, options: &Options) -> Self {
        let wanted = item.desired.as_ref();
        let body = match item.action {
            Action::Update => item.body.as_ref().map(|b| b.sections.clone()),
            Action::Create | Action::Replace => wanted.map(|w| w.sections.clone()),
            _ => None,
        };
        let sends_secrets = matches!(item.action, Action::Create | Action::Replace)
            || (item.action == Action::Update && options.rotate_secrets);
        Entry {
            inference_id: item.inference_id.clone(),
            action: item.action,
            task_type: wanted.map(|w| w.task_type),
            service: wanted.map(|w| w.service.clone()),
            stored: stored.map(fingerprint),
            body,
            secrets: match wanted {
                Some(w) if sends_secrets => w.secrets.clone(),
                _ => Vec::new(),
            },
            follows: item
                .body
                .as_ref()
                .map(|b| b.follows.clone())
                .unwrap_or_default(),
            review: item.review.clone(),
            from: wanted.map(|w| w.origin.clone()),
        }
    }

    /// The item `apply` carries out; `stored` is the endpoint the cluster
    /// holds now (checked unchanged), `file` names the plan in messages.
    pub fn item(&self, stored: Option<Value>, file: &Path) -> Item {
        let desired = match (self.task_type, &self.service) {
            (Some(task_type), Some(service)) => Some(Desired {
                id: self.inference_id.clone(),
                task_type,
                service: service.clone(),
                sections: self.body.clone().unwrap_or_default(),
                secrets: self.secrets.clone(),
                origin: format!("{}, endpoint '{}'", file.display(), self.inference_id),
            }),
            _ => None,
        };
        let body = (self.action == Action::Update).then(|| Body {
            sections: self.body.clone().unwrap_or_default(),
            follows: self.follows.clone(),
            ..Body::default()
        });
        Item::with_detail(
            self.inference_id.clone(),
            self.action,
            Detail {
                review: self.review.clone(),
                desired,
                stored,
                body,
            },
        )
    }

    /// Whether `apply --plan` writes it: pending, without conflicts.
    pub fn touches(&self) -> bool {
        self.review.conflicts.is_empty()
            && matches!(
                self.action,
                Action::Create | Action::Update | Action::Replace | Action::Delete
            )
    }

    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("inference_id".into(), json!(self.inference_id));
        map.insert("action".into(), json!(self.action));
        let mut put = |key: &str, value: Value, keep: bool| {
            if keep {
                map.insert(key.into(), value);
            }
        };
        put(
            "task_type",
            json!(self.task_type.map(TaskType::as_str)),
            self.task_type.is_some(),
        );
        put("service", json!(self.service), self.service.is_some());
        put("stored", json!(self.stored), self.stored.is_some());
        put("body", json!(self.body), self.body.is_some());
        let secrets: Map<String, Value> = self
            .secrets
            .iter()
            .map(|(key, r)| (key.clone(), Value::String(reference_text(r))))
            .collect();
        put("secrets", Value::Object(secrets), !self.secrets.is_empty());
        put("follows", json!(self.follows), !self.follows.is_empty());
        let review = &self.review;
        put("changes", json!(review.changes), !review.changes.is_empty());
        put(
            "conflicts",
            json!(review.conflicts),
            !review.conflicts.is_empty(),
        );
        put(
            "warnings",
            json!(review.warnings),
            !review.warnings.is_empty(),
        );
        put("used_by", json!(review.used_by), review.used_by.is_some());
        put("from", json!(self.from), self.from.is_some());
        Value::Object(map)
    }
}

impl SavedPlan {
    /// The file's JSON, its checksum last.
    pub fn to_json(&self) -> Value {
        let mut cluster = Map::new();
        cluster.insert("url".into(), json!(self.cluster.url));
        if let Some(uuid) = &self.cluster.uuid {
            cluster.insert("cluster_uuid".into(), json!(uuid));
        }
        let mut doc = json!({
            "infer_plan": VERSION,
            "cluster": cluster,
            "options": {
                "prune": self.options.prune,
                "allow_replace": self.options.allow_replace,
                "rotate_secrets": self.options.rotate_secrets,
                "allow_fields": self.options.allow_fields,
            },
            "summary": self.summary,
            "endpoints": self.endpoints.iter().map(Entry::to_json).collect::<Vec<_>>(),
        });
        let sum = checksum(&doc);
        if let Value::Object(map) = &mut doc {
            map.insert("checksum".into(), Value::String(sum));
        }
        doc
    }

    /// Refuse the plan when `live` is another cluster than the one it was
    /// made for.
    pub fn check_cluster(&self, live: &Cluster, file: &Path) -> Result<()> {
        if self.cluster.same_as(live) {
            return Ok(());
        }
        Err(Error::usage(format!(
            "{}: cluster: the plan was made for {}, and infer is connected to {}: apply it \
             where it was made (--url, --profile), or make a plan for this cluster with infer \
             plan --out; nothing was written",
            file.display(),
            self.cluster.shown(),
            live.shown()
        )))
    }
}

/// Write `plan` to `path`: through the masking every output goes through
/// (the plan holds references, never a secret's value; should a value
/// that is one be in it, the mask stands in its place, and reading the
/// plan back refuses it), as a new file renamed over `path`, so that a
/// reader never sees half a plan.
pub fn write(path: &Path, plan: &SavedPlan) -> Result<()> {
    let text = serde_json::to_string_pretty(&crate::secret::scrub_value(&plan.to_json()))?;
    let cannot = |why: String| {
        Error::usage(format!(
            "cannot write the plan to {}: {why}; give --out a file in a folder that exists \
             and that infer may write to",
            path.display()
        ))
    };
    if path.is_dir() {
        return Err(cannot("it is a folder".into()));
    }
    crate::local_file::write_atomic(path, ".infer-plan-", format!("{text}\n").as_bytes(), None)
        .map_err(|e| cannot(crate::error::io_reason(&e)))?;
    Ok(())
}

/// The checksum of a plan's JSON: of everything but the `checksum` field.
fn checksum(doc: &Value) -> String {
    let mut rest = doc.clone();
    if let Value::Object(map) = &mut rest {
        map.shift_remove("checksum");
    }
    sha256(&canonical(&rest))
}

/// What changed on the cluster since the plan, for each endpoint it
/// writes: `held(id)` is the endpoint the cluster holds now. One sentence
/// per endpoint; none when the plan still holds.
pub fn drift(
    plan: &SavedPlan,
    held: &dyn Fn(&str) -> Result<Option<Value>>,
) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for entry in plan.endpoints.iter().filter(|e| e.touches()) {
        let id = &entry.inference_id;
        let now = held(id)?;
        let what = match (&entry.stored, now.as_ref().map(fingerprint)) {
            (None, None) => continue,
            (Some(then), Some(now)) if *then == now => continue,
            (None, Some(_)) => "was created on the cluster since the plan was made",
            (Some(_), None) => "was deleted on the cluster since the plan was made",
            (Some(_), Some(_)) => "changed on the cluster since the plan was made",
        };
        found.push(format!("'{id}' {what}"));
    }
    Ok(found)
}

#[cfg(test)]
mod tests;
