//! Secrets found by structure: a value under a secret key
//! (`is_secret_field`) at any depth of any object or array, unless it is
//! only a template (`knowledge::is_template`); at a dotted path known to be
//! secret (a secret flag's); and, in an endpoint (an object with a string
//! `service` and an object `service_settings`), the secret settings of its
//! service (`knowledge::secrets_of`), or every value of its
//! `service_settings` when nothing describes the service.

use serde_json::{Map, Value};

use super::knowledge::{self, Secrets};
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
    /// Found only because nothing describes the endpoint's service (the
    /// mask-everything rule): what it holds is registered only where long
    /// masked where it stands, registered as a text only when it is long
    /// enough to be a credential (`knowledge::GUESSED_MIN`).
    pub guessed: bool,
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
    walk(extra, |walk| walk.value(value, &mut Vec::new()))
}

/// Every secret in the object `map` (a body's sections, without a copy
/// made to hold them as one value).
pub fn find_in(map: &Map<String, Value>, extra: &[String]) -> Vec<Found> {
    walk(extra, |walk| walk.object(map, &mut Vec::new()))
}

/// The secrets a walk finds, from its start.
fn walk(extra: &[String], start: impl FnOnce(&mut Walk<'_>)) -> Vec<Found> {
    let mut found = Vec::new();
    let mut walk = Walk {
        extra,
        endpoints: Vec::new(),
        found: &mut found,
    };
    start(&mut walk);
    found
}

/// `find_in` for the sections of an endpoint of `service` (an endpoint
/// file's, whose `service` is kept apart from them).
pub fn find_in_endpoint(service: &str, sections: &Map<String, Value>) -> Vec<Found> {
    let mut found = Vec::new();
    Walk {
        extra: &[],
        endpoints: vec![(0, knowledge::secrets_of(service))],
        found: &mut found,
    }
    .object(sections, &mut Vec::new());
    found
}

/// One search: the endpoints met on the way (where each starts, and what
/// its service keeps secret), innermost last.
struct Walk<'a> {
    extra: &'a [String],
    endpoints: Vec<(usize, Secrets)>,
    found: &'a mut Vec<Found>,
}

impl Walk<'_> {
    fn value<'v>(&mut self, value: &'v Value, steps: &mut Vec<At<'v>>) {
        match value {
            Value::Object(map) => self.object(map, steps),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    steps.push(At::Index(i));
                    self.value(item, steps);
                    steps.pop();
                }
            }
            _ => {}
        }
    }

    fn object<'v>(&mut self, map: &'v Map<String, Value>, steps: &mut Vec<At<'v>>) {
        let endpoint = match (crate::stored::service_in(map), map.get("service_settings")) {
            (Some(service), Some(Value::Object(_))) => {
                self.endpoints
                    .push((steps.len(), knowledge::secrets_of(service)));
                true
            }
            _ => false,
        };
        for (key, child) in map {
            steps.push(At::Key(key));
            match self.secret(key, child, steps) {
                Some(guessed) => self.found.push(Found {
                    steps: owned(steps),
                    value: child.clone(),
                    guessed,
                }),
                None => self.value(child, steps),
            }
            steps.pop();
        }
        if endpoint {
            self.endpoints.pop();
        }
    }

    /// Whether the value at `steps` is a secret: `Some(guessed)`.
    fn secret(&self, key: &str, child: &Value, steps: &[At]) -> Option<bool> {
        if is_secret_field(key) && !child.as_str().is_some_and(knowledge::is_template) {
            return Some(false);
        }
        if !self.extra.is_empty() && self.extra.contains(&dotted(steps)) {
            return Some(false);
        }
        let mut guessed = false;
        for (start, secrets) in &self.endpoints {
            // Only what is under the endpoint's service_settings.
            let under = &steps[*start..];
            if under.len() < 2 || !matches!(under[0], At::Key("service_settings")) {
                continue;
            }
            match secrets {
                Secrets::Keys(keys) if !keys.is_empty() && keys.contains(&dotted(&under[1..])) => {
                    return Some(false);
                }
                // Every value: masked where it stands; registered as a text
                // to scrub only when it is long enough (`register_found`).
                Secrets::Everything if under.len() == 2 && !child.is_null() => {
                    guessed = true;
                }
                _ => {}
            }
        }
        guessed.then_some(true)
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
    without_userinfo(&mut out);
    out
}

/// Whether `text` is a URL (it names a scheme) that carries a userinfo:
/// `https://user:password@host/` holds a credential whatever key it sits
/// under (RFC 3986, section 3.2.1, deprecates it for that reason).
fn carries_userinfo(text: &str) -> bool {
    text.contains("://") && super::url::userinfo(text).is_some()
}

/// Every URL in `value` with its userinfo masked.
fn without_userinfo(value: &mut Value) {
    match value {
        Value::String(s) if carries_userinfo(s) => *s = super::url::shown(s),
        Value::Array(items) => items.iter_mut().for_each(without_userinfo),
        Value::Object(map) => map.values_mut().for_each(without_userinfo),
        _ => {}
    }
}

/// Register the userinfo of every URL in `value`.
fn register_userinfo(value: &Value) {
    match value {
        Value::String(s) if carries_userinfo(s) => super::url::register_userinfo(s),
        Value::Array(items) => items.iter().for_each(register_userinfo),
        Value::Object(map) => map.values().for_each(register_userinfo),
        _ => {}
    }
}

/// Register the text of every secret in `value` (each string and number
/// inside it), and the userinfo of every URL in it, so that no output
/// shows them.
pub fn register_value(value: &Value, extra: &[String]) {
    find(value, extra).iter().for_each(register_found);
    register_userinfo(value);
}

/// `register_value` for the object `map` (a body's sections).
pub fn register_object(map: &Map<String, Value>, extra: &[String]) {
    find_in(map, extra).iter().for_each(register_found);
    map.values().for_each(register_userinfo);
}

/// Register the text of one secret found.
pub fn register_found(secret: &Found) {
    fn leaves(value: &Value, guessed: bool) {
        match value {
            Value::String(s) if guessed && s.chars().count() < knowledge::GUESSED_MIN => {}
            Value::String(s) => register(s),
            Value::Number(_) if guessed => {}
            Value::Number(n) => register(&n.to_string()),
            Value::Array(items) => items.iter().for_each(|v| leaves(v, guessed)),
            Value::Object(map) => map.values().for_each(|v| leaves(v, guessed)),
            Value::Bool(_) | Value::Null => {}
        }
    }
    leaves(&secret.value, secret.guessed);
}

/// Register the secrets of an endpoint of `service` whose sections are
/// `sections` (kept apart from its `service`, as a body's are).
pub fn register_endpoint(service: &str, sections: &Map<String, Value>) {
    find_in_endpoint(service, sections)
        .iter()
        .for_each(register_found);
    sections.values().for_each(register_userinfo);
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

    #[test]
    fn an_endpoint_s_service_says_what_else_is_secret() {
        crate::secret::learn(&json!([{"service": "unit-acme", "configurations": {
            "credential": {"sensitive": true}, "auth.signature": {"sensitive": true},
            "model_id": {"sensitive": false}}}]));
        let list = json!({"endpoints": [
            {"service": "ocigenai", "service_settings": {"tenancy_id": "t", "region": "r"}},
            {"service": "unit-acme", "service_settings": {"credential": "c", "model_id": "m",
                "auth": {"signature": "s", "scheme": "x"}}},
            {"service": "unit-unknown", "service_settings": {"model_id": "long-model-name",
                "short": "us", "dimensions": 3}},
            {"service": "custom", "service_settings": {"headers": {
                "Authorization": "Bearer ${api_key}", "x-api-key": "literal-key-123"}}}]});
        let paths: Vec<String> = find(&list, &[]).iter().map(Found::path).collect();
        assert_eq!(
            paths,
            [
                "endpoints[0].service_settings.tenancy_id",
                "endpoints[1].service_settings.credential",
                "endpoints[1].service_settings.auth.signature",
                "endpoints[2].service_settings.model_id",
                "endpoints[2].service_settings.short",
                "endpoints[2].service_settings.dimensions",
                "endpoints[3].service_settings.headers.x-api-key",
            ]
        );
        let guessed: Vec<bool> = find(&list, &[]).iter().map(|f| f.guessed).collect();
        assert_eq!(guessed, [false, false, false, true, true, true, false]);
        // Outside an endpoint, only names count.
        assert!(find(&json!({"tenancy_id": "t"}), &[]).is_empty());
    }
}
