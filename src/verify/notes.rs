//! The findings of a check in words, with advice the server in front of
//! infer accepts (what each version takes: #149723, #149430, #126479).

use serde_json::Value;

use super::{Outcome, Report};
use crate::server::Server;

impl Report {
    /// One line per finding that is not a plain success. `id` and `server`
    /// make the advice for a chunking reset one that server accepts; `bad`
    /// marks the words of a failure (a command paints them).
    pub fn notes(&self, id: &str, server: Server, bad: &dyn Fn(&str) -> String) -> Vec<String> {
        // A value, or what its absence is called.
        let or =
            |v: &Option<Value>, none: &str| v.as_ref().map_or(none.to_string(), Value::to_string);
        let shown = |v: &Option<Value>| or(v, "(absent)");
        self.outcomes
            .iter()
            .filter_map(|o| match o {
                Outcome::Applied { .. } | Outcome::SecretSent { .. } => None,
                Outcome::NotApplied {
                    path,
                    asked,
                    stored,
                } => Some(format!(
                    "{} {}",
                    bad("not applied:"),
                    asked_but(
                        path,
                        asked,
                        &format!("but the server kept {}", or(stored, "no value")),
                        "this server ignores the field for this service (unknown or not \
                         updatable)"
                    )
                )),
                // A value the server set itself: reset by a `null`, or
                // following the update's other style.
                Outcome::Reset { path, now: value } | Outcome::Followed { path, after: value } => {
                    let reset = matches!(o, Outcome::Reset { .. });
                    Some(match (value, reset) {
                        (None, true) => format!("{path}: cleared"),
                        (Some(v), true) => format!("{path}: reset; the server's default is {v}"),
                        (None, false) => {
                            format!("{path}: turned off, as the update's other style does")
                        }
                        (Some(v), false) => {
                            format!("{path}: now {v}, as the update's other style makes it")
                        }
                    })
                }
                Outcome::LiveCount {
                    path,
                    asked,
                    reported,
                } => Some(asked_but(
                    path,
                    asked,
                    &format!("the server reports {} for now", or(reported, "nothing")),
                    "this is the live count, and allocation may still be in progress",
                )),
                Outcome::Expanded { path } => Some(format!(
                    "{path}: stored by the server as its list of separators"
                )),
                Outcome::Filled { path, value } => {
                    Some(format!("{path}: filled in by the server with {value}"))
                }
                Outcome::UntouchedChanged {
                    path,
                    before,
                    after,
                } => {
                    let why = if path == "chunking_settings" {
                        chunking_advice(id, before.as_ref(), server)
                    } else {
                        String::new()
                    };
                    Some(format!(
                        "{} {path} changed although this update did not touch it: \
                         was {}, now {}{why}",
                        bad("changed:"),
                        shown(before),
                        shown(after),
                    ))
                }
            })
            .collect()
    }
}

/// `PATH: asked VALUE, <what the server holds>; <why>`.
fn asked_but(path: &str, asked: &Value, holds: &str, why: &str) -> String {
    format!("{path}: asked {asked}, {holds}; {why}")
}

/// What can really be done about a chunking reset on this server (#139574;
/// an update takes chunking from #149723): send the old settings again where
/// an update takes them, and
/// otherwise re-create the endpoint, or upgrade.
fn chunking_advice(id: &str, before: Option<&Value>, server: Server) -> String {
    let old = before.map_or("{}".to_string(), Value::to_string);
    if server.accepts_chunking_in_update() {
        format!(
            "; servers before the 9.2/9.3 fix reset chunking on every update (#139574): \
             put it back with infer update {id} --chunking-settings '{old}'"
        )
    } else {
        format!(
            "; {} resets chunking on updates (#139574) and does not accept chunking_settings \
             in an update: re-create the endpoint with chunking_settings {old} (infer get {id} \
             > {id}.json, put them back in the file, infer delete {id}, infer create {id} \
             --settings {id}.json with its secrets), or upgrade to 9.3 or later",
            server.describe()
        )
    }
}
