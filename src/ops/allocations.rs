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

use serde_json::Value;

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
/// `body.follows`, so that verification expects it.
pub fn decide(body: &mut Body, stored: &Value, server: Server) -> Decided {
    let mut out = Decided::default();
    let Some(Value::Object(settings)) = body.sections.get_mut("service_settings") else {
        return out;
    };
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
    let enabled = |v: Option<&Value>| v.and_then(|a| a.get("enabled")).and_then(Value::as_bool);
    let asked = enabled(settings.get(ADAPTIVE));
    let mut count = settings.get(COUNT).cloned();
    let stored_settings = stored.get("service_settings");
    let autoscaling = enabled(stored_settings.and_then(|s| s.get(ADAPTIVE))) == Some(true);
    let stored_count = stored_settings.and_then(|s| s.get(COUNT)).cloned();

    if asked == Some(true) && count.is_some() {
        // The count beside enabled adaptive allocations is the live one.
        settings.shift_remove(COUNT);
        count = None;
        out.debug.push(
            "(service_settings.num_allocations not sent: adaptive allocations are enabled, so \
             the count is the server's to set, and a GET shows its live value)"
                .to_string(),
        );
        if !autoscaling {
            out.warnings.push(
                "service_settings.num_allocations is left out: with adaptive allocations \
                 enabled, the server sets the count itself"
                    .to_string(),
            );
        }
    }
    if !server.newest_parsers() {
        return out;
    }
    let mut follows = None;
    match (asked, count.is_some(), settings.contains_key(ADAPTIVE)) {
        (Some(false), true, _) => {
            // The count alone says it, and turns adaptive allocations off.
            settings.shift_remove(ADAPTIVE);
            out.warnings.push(turns_off(&count));
            follows = Some(ADAPTIVE);
        }
        (Some(false), false, _) => out.refusals.push(
            "service_settings.adaptive_allocations.enabled: false cannot be sent alone: this \
             server sizes a deployment either by adaptive allocations or by a fixed count, and \
             giving the count is what turns adaptive allocations off: --num-allocations N"
                .to_string(),
        ),
        (None, true, true) => out.refusals.push(
            "an update of this server takes one of service_settings.num_allocations and \
             service_settings.adaptive_allocations, and this one gives both without saying \
             whether adaptive allocations are enabled: leave one out"
                .to_string(),
        ),
        (Some(true), false, _) if !autoscaling => {
            out.warnings.push(format!(
                "adaptive allocations replace the fixed count{}: the server scales the \
                 deployment from now on",
                stored_count.map_or(String::new(), |n| format!(" of {n}"))
            ));
            follows = Some(COUNT);
        }
        (None, true, false) if autoscaling => {
            out.warnings.push(turns_off(&count));
            follows = Some(ADAPTIVE);
        }
        _ => {}
    }
    if let Some(key) = follows {
        body.follows.push(format!("service_settings.{key}"));
    }
    out
}

fn turns_off(count: &Option<Value>) -> String {
    format!(
        "a fixed num_allocations turns adaptive allocations off: this server takes one style \
         in an update, and the deployment keeps {} allocations from now on (give \
         service_settings.adaptive_allocations instead to keep autoscaling)",
        count.as_ref().map_or("N".to_string(), Value::to_string)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NEWEST: Server = Server::Version(9, 6);

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
            b.sections["service_settings"]["num_allocations"] = json!(3);
            let out = decide(&mut b, &adaptive(), server);
            assert!(
                out.refusals.is_empty() && out.warnings.is_empty(),
                "{out:?}"
            );
            assert!(
                b.sections["service_settings"]
                    .get("num_allocations")
                    .is_none()
            );
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
        let mut b = body(json!({"adaptive_allocations": {"enabled": false}}));
        let out = decide(&mut b, &adaptive(), NEWEST);
        assert!(out.refusals[0].contains("--num-allocations N"), "{out:?}");
    }

    #[test]
    fn an_allocation_key_cannot_be_unset() {
        let mut b = body(json!({"num_allocations": null}));
        let out = decide(&mut b, &fixed(), Server::Version(9, 5));
        assert!(
            out.refusals[0].contains("switching is done by giving the other"),
            "{out:?}"
        );
        assert!(
            b.sections["service_settings"]
                .get("num_allocations")
                .is_none()
        );
    }
}
