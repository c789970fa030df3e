//! The two security APIs `infer check` asks: who am I, and do I hold these
//! privileges. Shapes follow the Elasticsearch security API; the answer of
//! a cluster without security is approximate (unverified: not checked
//! against Elasticsearch's source).

use serde_json::{Map, Value, json};

use super::Behavior;
use super::errors::{Reply, Res, es_error};
use super::http::HttpRequest;

const DISABLED: &str = "Security must be explicitly enabled when using a [basic] license. Enable security by setting [xpack.security.enabled] to [true] in the elasticsearch.yml file and restart the node.";

fn enabled(b: &Behavior) -> Res<()> {
    if b.security_enabled {
        Ok(())
    } else {
        Err(es_error(500, "security_exception", DISABLED))
    }
}

/// `GET /_security/_authenticate`.
pub(super) fn authenticate(b: &Behavior, req: &HttpRequest) -> Res<Reply> {
    enabled(b)?;
    let api_key = req
        .header("authorization")
        .is_some_and(|a| a.starts_with("ApiKey "));
    Ok(Reply::json(
        200,
        &json!({
            "username": "infer-ci",
            "roles": ["inference_admin"],
            "full_name": null,
            "email": null,
            "metadata": {},
            "enabled": true,
            "authentication_realm": {"name": if api_key { "_es_api_key" } else { "native1" }, "type": if api_key { "_es_api_key" } else { "native" }},
            "lookup_realm": {"name": "native1", "type": "native"},
            "authentication_type": if api_key { "api_key" } else { "realm" }
        }),
    ))
}

/// `POST /_security/user/_has_privileges` with `{"cluster": [...]}`.
pub(super) fn has_privileges(b: &Behavior, req: &HttpRequest) -> Res<Reply> {
    enabled(b)?;
    let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
    let asked: Vec<String> = body
        .get("cluster")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let cluster: Map<String, Value> = asked
        .iter()
        .map(|p| {
            (
                p.clone(),
                Value::Bool(b.granted_cluster_privileges.contains(p)),
            )
        })
        .collect();
    let all = cluster.values().all(|v| v == &Value::Bool(true));
    Ok(Reply::json(
        200,
        &json!({"username": "infer-ci", "has_all_requested": all, "cluster": cluster, "index": {}, "application": {}}),
    ))
}
