//! Secrets found by structure: a value under a secret key
//! (`is_secret_field`) at any depth of any object or array, or at a dotted
//! path known to be secret (a secret flag's).

use serde_json::{Map, Value};

use super::{MASK, is_secret_field, register};

/// One step into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A secret in a value: where it is, and what is there.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub steps: Vec<Step>,
    pub value: Value,
}

impl Found {
    /// `service_settings.list[0].api_key`: for people.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for step in &self.steps {
            match step {
                Step::Key(k) if out.is_empty() => out.push_str(k),
                Step::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// A JSON pointer (RFC 6901) to the secret.
    pub fn pointer(&self) -> String {
        pointer(&self.steps)
    }
}

/// One step, borrowed from the value walked: nothing is copied until a
/// secret is found (a body can hold thousands of keys).
#[derive(Clone, Copy)]
enum At<'v> {
    Key(&'v str),
    Index(usize),
}

fn owned(steps: &[At]) -> Vec<Step> {
    steps
        .iter()
        .map(|s| match s {
            At::Key(k) => Step::Key((*k).to_string()),
            At::Index(i) => Step::Index(*i),
        })
        .collect()
}

fn dotted(steps: &[At]) -> String {
    steps
        .iter()
        .filter_map(|s| match s {
            At::Key(k) => Some(*k),
            At::Index(_) => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

pub fn pointer(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|s| match s {
            Step::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}

/// Every secret in `value`. `extra` names further dotted paths known to be
/// secret. A secret's own contents are not searched further.
pub fn find(value: &Value, extra: &[String]) -> Vec<Found> {
    let mut found = Vec::new();
    walk(value, &mut Vec::new(), extra, &mut found);
    found
}

/// Every secret in the object `map` (a body's sections, without a copy
/// made to hold them as one value).
pub fn find_in(map: &Map<String, Value>, extra: &[String]) -> Vec<Found> {
    let mut found = Vec::new();
    walk_object(map, &mut Vec::new(), extra, &mut found);
    found
}

fn walk<'v>(value: &'v Value, steps: &mut Vec<At<'v>>, extra: &[String], found: &mut Vec<Found>) {
    match value {
        Value::Object(map) => walk_object(map, steps, extra, found),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                steps.push(At::Index(i));
                walk(item, steps, extra, found);
                steps.pop();
            }
        }
        _ => {}
    }
}

fn walk_object<'v>(
    map: &'v Map<String, Value>,
    steps: &mut Vec<At<'v>>,
    extra: &[String],
    found: &mut Vec<Found>,
) {
    for (key, child) in map {
        steps.push(At::Key(key));
        if is_secret_field(key) || (!extra.is_empty() && extra.contains(&dotted(steps))) {
            found.push(Found {
                steps: owned(steps),
                value: child.clone(),
            });
        } else {
            walk(child, steps, extra, found);
        }
        steps.pop();
    }
}

/// A copy of `value` with every secret in it replaced by the mask.
pub fn redact(value: &Value, extra: &[String]) -> Value {
    let mut out = value.clone();
    for secret in find(value, extra) {
        if let Some(slot) = out.pointer_mut(&secret.pointer()) {
            *slot = Value::String(MASK.into());
        }
    }
    out
}

/// Register the text of every secret in `value` (each string and number
/// inside it), so that no output shows it.
pub fn register_value(value: &Value, extra: &[String]) {
    find(value, extra).iter().for_each(register_found);
}

/// `register_value` for the object `map` (a body's sections).
pub fn register_object(map: &Map<String, Value>, extra: &[String]) {
    find_in(map, extra).iter().for_each(register_found);
}

fn register_found(secret: &Found) {
    fn leaves(value: &Value) {
        match value {
            Value::String(s) => register(s),
            Value::Number(n) => register(&n.to_string()),
            Value::Array(items) => items.iter().for_each(leaves),
            Value::Object(map) => map.values().for_each(leaves),
            Value::Bool(_) | Value::Null => {}
        }
    }
    leaves(&secret.value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_secrets_at_any_depth_of_objects_and_arrays() {
        let v = json!({"service_settings": {"api_key": "k", "model_id": "m",
            "secret_parameters": {"a": "b"}, "list": [{"x-api_key": "l"}, 3],
            "a/b": {"client_secret": "c"}, "token_url": "u"},
            "task_settings": {"custom": "x"}});
        let found = find(&v, &["task_settings.custom".to_string()]);
        let paths: Vec<String> = found.iter().map(Found::path).collect();
        assert_eq!(
            paths,
            [
                "service_settings.api_key",
                "service_settings.secret_parameters",
                "service_settings.list[0].x-api_key",
                "service_settings.a/b.client_secret",
                "task_settings.custom"
            ]
        );
        assert_eq!(found[2].pointer(), "/service_settings/list/0/x-api_key");
        assert_eq!(found[3].pointer(), "/service_settings/a~1b/client_secret");
        let r = redact(&v, &["task_settings.custom".to_string()]);
        assert_eq!(
            r,
            json!({"service_settings": {"api_key": MASK, "model_id": "m",
            "secret_parameters": MASK, "list": [{"x-api_key": MASK}, 3],
            "a/b": {"client_secret": MASK}, "token_url": "u"},
            "task_settings": {"custom": MASK}})
        );
    }

    #[test]
    fn registers_strings_and_numbers_of_secrets() {
        let v = json!({"s": {"secret_parameters": {"p": "STRUCT-SENTINEL-1", "n": 90817263545u64}},
            "other": "STRUCT-OTHER-1"});
        register_value(&v, &[]);
        assert_eq!(
            super::super::scrub("STRUCT-SENTINEL-1 90817263545 STRUCT-OTHER-1"),
            "**** **** STRUCT-OTHER-1"
        );
    }
}
