//! The deployment behind an in-cluster endpoint (`elasticsearch`, `elser`)
//! is sized one of two ways: a fixed `num_allocations`, or
//! `adaptive_allocations`, which lets the server scale it.
//!
//! On the newest servers an update takes exactly one of the two, and the
//! one sent replaces the other (`ElasticsearchInternalServiceSettings.Update`
//! in `elasticsearch/ElasticsearchInternalServiceSettings.java`: both are
//! `[num_allocations] cannot be set if [adaptive_allocations] is set`).
//! On every server, a GET of an autoscaling endpoint shows the live count
//! as its `num_allocations` (#115233): a file made from `infer list --json`
//! holds it, and sending it back would turn autoscaling off.

use serde_json::{Map, Value};

use crate::body::Body;
use crate::server::Server;

const COUNT: &str = "num_allocations";
const ADAPTIVE: &str = "adaptive_allocations";

/// What the allocation rules make of an update.
#[derive(Debug, Default)]
pub struct Decided {
    pub warnings: Vec<String>,
    pub refusals: Vec<String>,
    pub debug: Vec<String>,
}

/// Decide the allocation keys of `body` (made whole, not yet pruned)
/// against the `stored` endpoint. The body is changed in place: a count
/// beside enabled adaptive allocations is dropped, and on the newest
/// servers only one style is sent; what that turns off is recorded in
/// `body.follows`, so that verification expects it (and a plan counts it
/// as a change, although the count sent may equal the live one).
pub fn decide(body: &mut Body, stored: &Value, server: Server) -> Decided {
    let mut out = Decided::default();
    let Some(Value::Object(settings)) = body.sections.get_mut("service_settings") else {
        return out;
    };
    refuse_nulls(settings, &mut out);
    let stored_settings = stored.get("service_settings");
    let was = Style {
        autoscaling: enabled(stored_settings.and_then(|s| s.get(ADAPTIVE))) == Some(true),
        count: stored_settings.and_then(|s| s.get(COUNT)).cloned(),
    };
    let asked = enabled(settings.get(ADAPTIVE));
    if asked == Some(true)
        && let Some(count) = settings.shift_remove(COUNT)
    {
        // The count beside enabled adaptive allocations is the live one.
        out.debug.push(
            "(service_settings.num_allocations not sent: adaptive allocations are enabled, so \
             the count is the server's to set, and a GET shows its live value)"
                .to_string(),
        );
        if !was.autoscaling || was.count.as_ref() != Some(&count) {
            out.warnings.push(format!(
                "service_settings.num_allocations {count} is left out: with adaptive \
                 allocations enabled, the server sets the count itself"
            ));
        }
    }
    if server.newest_parsers()
        && let Some(path) = one_style(settings, asked, &was, &mut out)
    {
        body.follows.push(path);
    }
    out
}

/// What the endpoint had: autoscaling or not, and the count a GET showed.
struct Style {
    autoscaling: bool,
    count: Option<Value>,
}

fn enabled(adaptive: Option<&Value>) -> Option<bool> {
    adaptive
        .and_then(|a| a.get("enabled"))
        .and_then(Value::as_bool)
}

/// An allocation key cannot be removed: the other style is given instead.
fn refuse_nulls(settings: &mut Map<String, Value>, out: &mut Decided) {
    for key in [COUNT, ADAPTIVE] {
        if settings.get(key).is_some_and(Value::is_null) {
            settings.shift_remove(key);
            out.refusals.push(format!(
                "service_settings.{key} cannot be removed: a deployment is sized either by a \
                 fixed count or by adaptive allocations, and switching is done by giving the \
                 other: --num-allocations N for a fixed count, or --set \
                 'service_settings.adaptive_allocations:={{\"enabled\":true,\
                 \"min_number_of_allocations\":1,\"max_number_of_allocations\":4}}'"
            ));
        }
    }
}

/// The newest servers take one style per update: leave the other out,
/// and return the path that changes as a consequence.
fn one_style(
    settings: &mut Map<String, Value>,
    asked: Option<bool>,
    was: &Style,
    out: &mut Decided,
) -> Option<String> {
    let count = settings.get(COUNT).cloned();
    let follows = match (asked, count, settings.contains_key(ADAPTIVE)) {
        (Some(false), count, _) => {
            // Turning adaptive allocations off is giving a count: the one
            // asked, or the deployment's present one.
            let Some(count) = count.or_else(|| was.count.clone()) else {
                out.refusals.push(
                    "service_settings.adaptive_allocations.enabled: false cannot be sent alone: \
                     this server sizes a deployment either by adaptive allocations or by a \
                     fixed count, and giving the count is what turns adaptive allocations off: \
                     give service_settings.num_allocations"
                        .to_string(),
                );
                return None;
            };
            settings.shift_remove(ADAPTIVE);
            settings.insert(COUNT.into(), count.clone());
            out.warnings.push(turns_off(&count));
            ADAPTIVE
        }
        (None, Some(_), true) => {
            out.refusals.push(
                "an update of this server takes one of service_settings.num_allocations and \
                 service_settings.adaptive_allocations, and this one gives both without saying \
                 whether adaptive allocations are enabled: leave one out"
                    .to_string(),
            );
            return None;
        }
        (Some(true), None, _) if !was.autoscaling => {
            out.warnings.push(format!(
                "adaptive allocations replace the fixed count{}: the server scales the \
                 deployment from now on",
                was.count
                    .as_ref()
                    .map_or(String::new(), |n| format!(" of {n}"))
            ));
            COUNT
        }
        (None, Some(count), false) if was.autoscaling => {
            out.warnings.push(turns_off(&count));
            ADAPTIVE
        }
        _ => return None,
    };
    Some(format!("service_settings.{follows}"))
}

fn turns_off(count: &Value) -> String {
    format!(
        "a fixed num_allocations turns adaptive allocations off: this server takes one style \
         in an update, and the deployment keeps {count} allocations from now on (give \
         service_settings.adaptive_allocations instead to keep autoscaling)"
    )
}

/// With adaptive allocations enabled, `num_allocations` is the count the
/// deployment has scaled to now (a GET shows the live one: Elasticsearch
/// #115233), not a setting: a file that kept it would turn autoscaling off
/// when applied (`ops::allocations`), or tell a change that is none.
pub fn leave_out_live_count(settings: &mut Map<String, Value>) {
    let adaptive = settings
        .get("adaptive_allocations")
        .and_then(|a| a.get("enabled"))
        .and_then(Value::as_bool);
    if adaptive == Some(true) {
        settings.shift_remove("num_allocations");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NEWEST: Server = Server::Version(9, 6);

    /// Whether `body` sends no `num_allocations`.
    fn sends_no_count(body: &Body) -> bool {
        body.sections["service_settings"]
            .get("num_allocations")
            .is_none()
    }

    fn body(settings: Value) -> Body {
        let mut body = Body::default();
        body.sections.insert("service_settings".into(), settings);
        body
    }

    fn adaptive() -> Value {
        json!({"service": "elasticsearch", "service_settings": {"num_allocations": 2,
            "adaptive_allocations": {"enabled": true, "min_number_of_allocations": 1,
            "max_number_of_allocations": 4}}})
    }

    fn fixed() -> Value {
        json!({"service": "elasticsearch", "service_settings": {"num_allocations": 2}})
    }

    #[test]
    fn a_listed_autoscaling_endpoint_keeps_autoscaling() {
        for server in [Server::Version(8, 17), Server::Version(9, 5), NEWEST] {
            let mut b = body(adaptive()["service_settings"].clone());
            let out = decide(&mut b, &adaptive(), server);
            assert!(
                out.refusals.is_empty() && out.warnings.is_empty(),
                "{out:?}"
            );
            // The count has moved since the file was made: left out, and said so (a plan
            // keeps no warning of an endpoint in sync).
            let mut b = body(adaptive()["service_settings"].clone());
            b.sections["service_settings"]["num_allocations"] = json!(3);
            let out = decide(&mut b, &adaptive(), server);
            assert!(out.refusals.is_empty(), "{out:?}");
            assert!(
                out.warnings[0].contains("num_allocations 3 is left out"),
                "{out:?}"
            );
            assert!(sends_no_count(&b));
            assert!(b.follows.is_empty());
        }
    }

    #[test]
    fn a_count_turns_autoscaling_off_on_the_newest_servers() {
        let mut b = body(json!({"num_allocations": 3}));
        let out = decide(&mut b, &adaptive(), NEWEST);
        assert!(
            out.warnings[0].contains("turns adaptive allocations off"),
            "{out:?}"
        );
        assert_eq!(b.follows, ["service_settings.adaptive_allocations"]);
        let mut b = body(json!({"num_allocations": 3}));
        let out = decide(&mut b, &adaptive(), Server::Version(9, 5));
        assert!(out.warnings.is_empty() && b.follows.is_empty());
    }

    #[test]
    fn switching_sends_one_style() {
        let mut b = body(json!({"num_allocations": 3, "adaptive_allocations": {"enabled": false}}));
        decide(&mut b, &adaptive(), NEWEST);
        assert_eq!(
            b.sections["service_settings"],
            json!({"num_allocations": 3})
        );
        let mut b = body(json!({"adaptive_allocations": {"enabled": true}}));
        let out = decide(&mut b, &fixed(), NEWEST);
        assert!(
            out.warnings[0].contains("replace the fixed count of 2"),
            "{out:?}"
        );
        assert_eq!(b.follows, ["service_settings.num_allocations"]);
        // Off alone: the deployment keeps its present count.
        let mut b = body(json!({"adaptive_allocations": {"enabled": false}}));
        let out = decide(&mut b, &adaptive(), NEWEST);
        assert!(out.refusals.is_empty(), "{out:?}");
        assert_eq!(
            b.sections["service_settings"],
            json!({"num_allocations": 2})
        );
        assert_eq!(b.follows, ["service_settings.adaptive_allocations"]);
        let no_count = json!({"service_settings": {"adaptive_allocations": {"enabled": true}}});
        let mut b = body(json!({"adaptive_allocations": {"enabled": false}}));
        let out = decide(&mut b, &no_count, NEWEST);
        assert!(
            out.refusals[0].contains("give service_settings.num_allocations"),
            "{out:?}"
        );
    }

    #[test]
    fn an_allocation_key_cannot_be_unset() {
        let mut b = body(json!({"num_allocations": null}));
        let out = decide(&mut b, &fixed(), Server::Version(9, 5));
        assert!(
            out.refusals[0].contains("switching is done by giving the other"),
            "{out:?}"
        );
        assert!(sends_no_count(&b));
    }
}
