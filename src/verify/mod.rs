//! After a write: did the server apply what was asked, and only that? A
//! 200 is not proof (#139651, #137129): some versions keep old values of unknown or
//! immutable keys, pre-9.3 servers reset chunking on any update (#139574),
//! and a nested object sent in part replaces the stored one (unverified). So
//! the whole endpoint is compared before and after, not only what was asked.

use serde_json::{Map, Value};

use crate::body::SECTIONS;
use crate::secret;

mod notes;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Applied {
        path: String,
    },
    NotApplied {
        path: String,
        asked: Value,
        stored: Option<Value>,
    },
    /// A `null` asked: reset to the server's default, or cleared (#126479).
    Reset {
        path: String,
        now: Option<Value>,
    },
    /// Secrets are write-only (`ModelConfigurations.toFilteredXContent`).
    SecretSent {
        path: String,
    },
    /// GET shows the live allocation count, which lags (#115233).
    LiveCount {
        path: String,
        asked: Value,
        reported: Option<Value>,
    },
    /// The server stores a separator group as its separators (`SeparatorGroup`).
    Expanded {
        path: String,
    },
    /// A value the update did not ask for changed, or went missing.
    UntouchedChanged {
        path: String,
        before: Option<Value>,
        after: Option<Value>,
    },
    /// A value the server filled in where there was none: not a change
    /// anyone asked for, but not a loss either.
    Filled {
        path: String,
        value: Value,
    },
    /// A value that changed as a documented consequence of what was sent
    /// (`Body::follows`).
    Followed {
        path: String,
        after: Option<Value>,
    },
}

impl Outcome {
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            Outcome::NotApplied { .. } | Outcome::UntouchedChanged { .. }
        )
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub outcomes: Vec<Outcome>,
}

/// Compare what was sent with the endpoint the server answered with.
/// `before` is the pre-flight read, when there was one: then every value
/// that was not asked must be unchanged too.
pub fn compare(
    sent: &Map<String, Value>,
    secret_paths: &[String],
    before: Option<&Value>,
    after: &Value,
) -> Report {
    let mut report = Report::default();
    // A create's body names its service too: only the settings are checked.
    for (section, value) in sent.iter().filter(|(k, _)| SECTIONS.contains(&k.as_str())) {
        walk(
            section,
            value,
            after.get(section),
            secret_paths,
            &mut report,
        );
    }
    if let Some(before) = before {
        untouched(sent, before, after, &mut report);
        // A reset that left the value as it was: the null was ignored (or
        // the value was its default already; either way, say so).
        for outcome in &mut report.outcomes {
            if let Outcome::Reset {
                path,
                now: Some(now),
            } = outcome
                && crate::body::at(before, path) == Some(now)
            {
                *outcome = Outcome::NotApplied {
                    path: path.clone(),
                    asked: Value::Null,
                    stored: Some(now.clone()),
                };
            }
        }
    }
    report
}

fn walk(
    path: &str,
    asked: &Value,
    stored: Option<&Value>,
    secrets: &[String],
    report: &mut Report,
) {
    let leaf = path.rsplit('.').next().unwrap_or(path);
    if secret::is_secret_field(leaf) || secrets.iter().any(|s| s == path) {
        report
            .outcomes
            .push(Outcome::SecretSent { path: path.into() });
        return;
    }
    if let Value::Object(map) = asked
        && !map.is_empty()
    {
        for (key, value) in map {
            let child = stored.and_then(|s| s.get(key));
            walk(&format!("{path}.{key}"), value, child, secrets, report);
        }
        return;
    }
    let path = path.to_string();
    let outcome = if asked.is_null() {
        // Absent, or the server's default: either is a reset (#126479).
        Outcome::Reset {
            path,
            now: stored.cloned(),
        }
    } else if path == "service_settings.num_allocations" {
        if stored.is_some_and(|s| same(asked, s)) {
            Outcome::Applied { path }
        } else {
            Outcome::LiveCount {
                path,
                asked: asked.clone(),
                reported: stored.cloned(),
            }
        }
    } else if path == "chunking_settings.separator_group" {
        Outcome::Expanded { path }
    } else if stored.is_some_and(|s| same(asked, s) || chunking_equal(&path, asked, s)) {
        Outcome::Applied { path }
    } else {
        Outcome::NotApplied {
            path,
            asked: asked.clone(),
            stored: stored.cloned(),
        }
    };
    report.outcomes.push(outcome);
}

/// Everything the update did not ask for must be as it was. Chunking is
/// one value (it is replaced whole); service and task settings are
/// compared leaf by leaf, except under the keys that were sent (verified
/// above) and the live allocation count.
fn untouched(sent: &Map<String, Value>, before: &Value, after: &Value, report: &mut Report) {
    for section in SECTIONS {
        let asked = sent.get(section);
        if section == "chunking_settings" {
            if asked.is_some() {
                continue;
            }
            let was = comparable(before.get(section));
            let now = comparable(after.get(section));
            if !same(&was, &now) {
                report.outcomes.push(Outcome::UntouchedChanged {
                    path: section.to_string(),
                    before: Some(was),
                    after: Some(now),
                });
            }
            continue;
        }
        // What was asked is verified above, leaf by leaf; everything else
        // here, siblings inside an asked object included.
        let asked_leaves = leaves(section, asked);
        let skip = |path: &str| {
            path == "service_settings.num_allocations"
                || asked_leaves.iter().any(|(leaf, _)| under(path, leaf))
        };
        let was = leaves(section, before.get(section));
        let now = leaves(section, after.get(section));
        for (path, old) in &was {
            if skip(path) {
                continue;
            }
            let new = now.iter().find(|(p, _)| p == path).map(|(_, v)| v);
            if new.is_none_or(|n| !same(old, n)) {
                report.outcomes.push(Outcome::UntouchedChanged {
                    path: path.clone(),
                    before: Some(old.clone()),
                    after: new.cloned(),
                });
            }
        }
        for (path, value) in &now {
            if !skip(path) && !was.iter().any(|(p, _)| p == path) {
                report.outcomes.push(Outcome::Filled {
                    path: path.clone(),
                    value: value.clone(),
                });
            }
        }
    }
}

/// Whether `path` is `prefix` or lies under it.
fn under(path: &str, prefix: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|r| r.starts_with('.'))
}

/// `(dotted path, value)` for each leaf under `path`; an empty object is
/// no leaf (absent and `{}` are the same: 8.17 answers an empty
/// `task_settings`, newer servers none; #114457).
fn leaves(path: &str, value: Option<&Value>) -> Vec<(String, Value)> {
    match value {
        None => Vec::new(),
        Some(Value::Object(map)) => map
            .iter()
            .flat_map(|(k, v)| leaves(&format!("{path}.{k}"), Some(v)))
            .collect(),
        Some(other) => vec![(path.to_string(), other.clone())],
    }
}

/// Numbers by value (1 and 1.0 are the same); everything else exactly.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// The server lower-cases the chunking strategy it stores.
fn chunking_equal(path: &str, asked: &Value, stored: &Value) -> bool {
    path.starts_with("chunking_settings.")
        && matches!((asked, stored), (Value::String(a), Value::String(b)) if a.eq_ignore_ascii_case(b))
}

/// Chunking as compared when untouched: absent and `{}` are the same.
fn comparable(value: Option<&Value>) -> Value {
    value.cloned().unwrap_or_else(|| Value::Object(Map::new()))
}

impl Report {
    /// Changes under `follows` were expected: not failures, and said once
    /// per path.
    pub fn expect_followers(&mut self, follows: &[String], after: &Value) {
        if follows.is_empty() {
            return;
        }
        self.outcomes.retain(|o| match o {
            Outcome::UntouchedChanged { path, .. } | Outcome::Filled { path, .. } => {
                !follows.iter().any(|f| under(path, f))
            }
            _ => true,
        });
        for path in follows {
            self.outcomes.push(Outcome::Followed {
                path: path.clone(),
                after: crate::body::at(after, path).cloned(),
            });
        }
    }

    pub fn failures(&self) -> usize {
        self.outcomes.iter().filter(|o| o.is_failure()).count()
    }

    pub fn applied(&self) -> Vec<&str> {
        self.paths(|o| matches!(o, Outcome::Applied { .. }))
    }

    pub fn secrets(&self) -> Vec<&str> {
        self.paths(|o| matches!(o, Outcome::SecretSent { .. }))
    }

    pub fn resets(&self) -> Vec<&str> {
        self.paths(|o| matches!(o, Outcome::Reset { .. }))
    }

    /// Whether untouched chunking changed: its advice depends on the server.
    pub fn chunking_changed(&self) -> bool {
        self.outcomes.iter().any(
            |o| matches!(o, Outcome::UntouchedChanged { path, .. } if path == "chunking_settings"),
        )
    }

    fn paths(&self, keep: impl Fn(&Outcome) -> bool) -> Vec<&str> {
        self.outcomes
            .iter()
            .filter(|o| keep(o))
            .filter_map(|o| match o {
                Outcome::Applied { path }
                | Outcome::SecretSent { path }
                | Outcome::Reset { path, .. } => Some(path.as_str()),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
