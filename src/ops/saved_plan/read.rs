//! Reading a saved plan back: every field checked, and a wrong one named
//! by its place in the file (`endpoints[2].action`), with the fix; then
//! the checksum, so that what is applied is what was reviewed.

use anyhow::Result;
use serde_json::{Map, Value};
use std::path::Path;

use super::{Cluster, Entry, Options, SavedPlan, VERSION, checksum};
use crate::error::Error;
use crate::json::{self, Keys};
use crate::local_file::{self, Pipe};
use crate::ops::desired::Reference;
use crate::ops::sync::{Action, Review};
use crate::secret;

/// The plan saved at `path`, checked. Every refusal is a usage error
/// (exit 2) that names the file and the field.
pub fn read(path: &Path) -> Result<SavedPlan> {
    let shown = path.display();
    let again = "make it again with infer plan -f FILE --out PLANFILE";
    // Named on the command line: a pipe is read once, as `-f` reads one.
    let bytes = local_file::read(path, crate::limits::MAX_INPUT, Pipe::Read)
        .map_err(|why| Error::usage(format!("cannot read the plan {shown}: {why}")))?;
    let not_a_plan = |why: &str| {
        Error::usage(format!(
            "{shown} is not a plan infer wrote ({why}): {again}"
        ))
    };
    let text = String::from_utf8(bytes).map_err(|_| not_a_plan("not text"))?;
    let doc = json::parse(&text, Keys::Unique)
        .map_err(|p| not_a_plan(&format!("not JSON: {}", p.describe("it"))))?;
    let Value::Object(map) = &doc else {
        return Err(not_a_plan("not a JSON object"));
    };
    let top = Fields {
        map,
        at: String::new(),
        file: path,
    };
    match map.get("infer_plan") {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => {
            return Err(top.bad(
                "infer_plan",
                &format!("version {v} is not one this infer reads (it reads {VERSION})"),
            ));
        }
        None => return Err(not_a_plan("it has no infer_plan field")),
    }
    let plan = SavedPlan {
        cluster: cluster(&top.nested("cluster")?)?,
        options: options(&top.nested("options")?)?,
        summary: top.opt_text("summary")?.unwrap_or_default(),
        endpoints: entries(&top)?,
    };
    match map.get("checksum") {
        Some(Value::String(sum)) if *sum == checksum(&doc) => Ok(plan),
        Some(Value::String(_)) => Err(top.bad(
            "checksum",
            "the file was changed since infer plan wrote it, and infer applies only the plan \
             that was written (and reviewed)",
        )),
        _ => Err(top.bad("checksum", "missing (or not a string)")),
    }
}

fn cluster(fields: &Fields) -> Result<Cluster> {
    Ok(Cluster {
        url: fields.text("url")?,
        uuid: fields.opt_text("cluster_uuid")?,
    })
}

fn options(fields: &Fields) -> Result<Options> {
    Ok(Options {
        prune: fields.flag("prune")?,
        allow_replace: fields.flag("allow_replace")?,
        rotate_secrets: fields.flag("rotate_secrets")?,
        allow_fields: fields.texts("allow_fields")?,
    })
}

fn entries(top: &Fields) -> Result<Vec<Entry>> {
    let Some(Value::Array(items)) = top.map.get("endpoints") else {
        return Err(top.bad("endpoints", "missing, or not a list"));
    };
    let mut entries = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = format!("endpoints[{i}]");
        let Value::Object(map) = item else {
            return Err(top.bad(&at, "not an object"));
        };
        entries.push(entry(&Fields {
            map,
            at,
            file: top.file,
        })?);
    }
    Ok(entries)
}

fn entry(fields: &Fields) -> Result<Entry> {
    let action = fields.text("action")?;
    let action = match serde_json::from_value::<Action>(Value::String(action.clone())) {
        Ok(a @ (Action::Create | Action::Update | Action::Replace | Action::Delete)) => a,
        _ => {
            return Err(fields.bad(
                "action",
                &format!("'{action}' is not one of create, update, replace, delete"),
            ));
        }
    };
    // A saved plan's entry, checked field by field, not a stored endpoint
    // (`crate::stored` reads those).
    let task_type = match fields.opt_text("task_type")? {
        Some(text) => Some(
            text.parse::<crate::api::TaskType>()
                .map_err(|e| fields.bad("task_type", &e))?,
        ),
        None => None,
    };
    let service = fields.opt_text("service")?;
    if action != Action::Delete && (task_type.is_none() || service.is_none()) {
        return Err(fields.bad(
            "task_type",
            "a create, update or replace needs it and service",
        ));
    }
    let body = fields.object("body")?.cloned();
    if let Some(path) = body.as_ref().and_then(|b| secret::mask_in_map(b, "")) {
        return Err(fields.bad(&format!("body.{path}"), &secret::mask_refused(&path)));
    }
    let changes = match fields.map.get("changes") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => serde_json::from_value(v.clone())
            .map_err(|e| fields.bad("changes", &format!("not a list of changes ({e})")))?,
    };
    Ok(Entry {
        inference_id: fields.text("inference_id")?,
        action,
        task_type,
        service,
        stored: fields.opt_text("stored")?,
        body,
        secrets: secrets(fields)?,
        follows: fields.texts("follows")?,
        review: Review {
            changes,
            conflicts: fields.texts("conflicts")?,
            warnings: fields.texts("warnings")?,
            used_by: fields.map.get("used_by").filter(|v| !v.is_null()).cloned(),
        },
        from: fields.opt_text("from")?,
    })
}

/// `secrets`: each a reference, `env:VARIABLE` or `file:PATH`, as a file
/// of endpoints gives it; anything else may be the secret itself, and is
/// never repeated.
fn secrets(fields: &Fields) -> Result<Vec<(String, Reference)>> {
    let Some(map) = fields.object("secrets")? else {
        return Ok(Vec::new());
    };
    let mut found = Vec::with_capacity(map.len());
    for (key, value) in map {
        let reference = value
            .as_str()
            .and_then(crate::ops::desired::parse_reference);
        let Some(reference) = reference else {
            secret::register_value(value, &[]);
            return Err(fields.bad(
                &format!("secrets.{key}"),
                "must be a reference, env:VARIABLE or file:PATH, never the secret itself",
            ));
        };
        found.push((key.clone(), reference));
    }
    Ok(found)
}

/// The fields of one object of the file, at `at` (empty at the top).
struct Fields<'a> {
    map: &'a Map<String, Value>,
    at: String,
    file: &'a Path,
}

impl Fields<'_> {
    /// The refusal for `key`: the file, the field, what is wrong, the fix.
    fn bad(&self, key: &str, what: &str) -> anyhow::Error {
        let place = if self.at.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.at)
        };
        Error::usage(format!(
            "{}: {place}: {what}; the file is not as infer plan --out wrote it: make the plan \
             again (infer plan -f FILE --out PLANFILE)",
            self.file.display()
        ))
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn nested(&self, key: &str) -> Result<Fields<'_>> {
        match self.get(key) {
            Some(Value::Object(map)) => Ok(Fields {
                map,
                at: if self.at.is_empty() {
                    key.to_string()
                } else {
                    format!("{}.{key}", self.at)
                },
                file: self.file,
            }),
            _ => Err(self.bad(key, "missing, or not an object")),
        }
    }

    fn text(&self, key: &str) -> Result<String> {
        self.opt_text(key)?
            .filter(|t| !t.is_empty())
            .ok_or_else(|| self.bad(key, "missing"))
    }

    fn opt_text(&self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.bad(key, "not a string")),
        }
    }

    fn flag(&self, key: &str) -> Result<bool> {
        match self.get(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.bad(key, "not true or false")),
        }
    }

    fn texts(&self, key: &str) -> Result<Vec<String>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| self.bad(key, "not a list of strings")),
            Some(_) => Err(self.bad(key, "not a list of strings")),
        }
    }

    fn object(&self, key: &str) -> Result<Option<&Map<String, Value>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(map)),
            Some(_) => Err(self.bad(key, "not an object")),
        }
    }
}
