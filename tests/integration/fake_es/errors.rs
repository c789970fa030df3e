//! Replies and ES error shapes (the specification's `_types/Base.ts` and `_types/Errors.ts`).

use super::Obj;
use super::http::HttpRequest;
use serde_json::{Value, json};

#[derive(Clone, Debug)]
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) content_type: String,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: String,
    /// Send `X-Elastic-Product: Elasticsearch`.
    pub(super) product: bool,
}

pub(super) type Res<T> = Result<T, Reply>;

impl Reply {
    pub(super) fn json(status: u16, v: &Value) -> Self {
        Reply {
            status,
            content_type: "application/json".into(),
            headers: vec![],
            body: v.to_string(),
            product: true,
        }
    }
}

/// Object form, root cause = the exception itself.
pub(super) fn es_error(status: u16, ty: &str, reason: &str) -> Reply {
    Reply::json(
        status,
        &json!({"error": {"root_cause": [{"type": ty, "reason": reason}], "type": ty, "reason": reason}, "status": status}),
    )
}

/// Object form with an Elasticsearch `caused_by`, which is then also the root cause.
pub(super) fn es_error_caused(
    status: u16,
    ty: &str,
    reason: &str,
    cause_ty: &str,
    cause_reason: &str,
) -> Reply {
    let cause = json!({"type": cause_ty, "reason": cause_reason});
    Reply::json(
        status,
        &json!({"error": {"root_cause": [cause.clone()], "type": ty, "reason": reason, "caused_by": cause}, "status": status}),
    )
}

/// String form, used by the REST layer (405, 406, no handler).
pub(super) fn string_error(status: u16, msg: &str) -> Reply {
    Reply::json(status, &json!({"error": msg, "status": status}))
}

pub(super) fn bad_request(reason: &str) -> Reply {
    es_error(400, "status_exception", reason)
}

/// `Validation Failed: 1: a;2: b;`
pub(super) fn validation_failed(ty: &str, errors: &[String]) -> Reply {
    let list: String = errors
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{}: {e};", i + 1))
        .collect();
    es_error(400, ty, &format!("Validation Failed: {list}"))
}

/// `Messages.INVALID_ID`, raised by `MlStrings.isValidId` checks.
pub(super) fn invalid_id(id: &str) -> Reply {
    validation_failed(
        "action_request_validation_exception",
        &[format!(
            "Invalid inference_id; '{id}' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric"
        )],
    )
}

/// `inference_crud.yml`: a missing endpoint on GET.
pub(super) fn not_found(id: &str) -> Reply {
    es_error(
        404,
        "resource_not_found_exception",
        &format!("Inference endpoint not found [{id}]"),
    )
}

/// `InferenceExceptions.mismatchedTaskTypeException` (GET and DELETE with a wrong task type).
pub(super) fn task_type_mismatch(requested: &str, actual: &str) -> Reply {
    bad_request(&format!(
        "Requested task type [{requested}] does not match the inference endpoint's task type [{actual}]"
    ))
}

/// #140003 (`ModelValidatorBuilder`), #132388: the provider validation failure. The inner text
/// is approximate.
pub(super) fn provider_rejected(id: &str) -> Reply {
    es_error_caused(
        400,
        "status_exception",
        "Could not complete inference endpoint creation as validation call to service threw an exception.",
        "status_exception",
        &format!(
            "Received an authentication error status code for request from inference entity id [{id}] status [401]. Error message: [Incorrect API key provided]"
        ),
    )
}

pub(super) fn method_not_allowed(req: &HttpRequest, allowed: &[&str]) -> Reply {
    let mut r = string_error(
        405,
        &format!(
            "Incorrect HTTP method for uri [{}] and method [{}], allowed: [{}]",
            req.target,
            req.method,
            allowed.join(", ")
        ),
    );
    r.headers.push(("Allow".into(), allowed.join(",")));
    r
}

pub(super) fn no_handler(req: &HttpRequest) -> Reply {
    string_error(
        400,
        &format!(
            "no handler found for uri [{}] and method [{}]",
            req.target, req.method
        ),
    )
}

/// Java `Map.toString()` / `List.toString()` rendering used in ES messages.
pub(super) fn java(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(java).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => java_map(m),
        other => other.to_string(),
    }
}

pub(super) fn java_map(m: &Obj) -> String {
    format!(
        "{{{}}}",
        m.iter()
            .map(|(k, v)| format!("{k}={}", java(v)))
            .collect::<Vec<_>>()
            .join(", ")
    )
}
