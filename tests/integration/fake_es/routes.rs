//! Routing: dispatch, query-parameter, media-type and auth checks, and the read-only routes
//! (list, get, services).

use super::catalog::TASK_TYPES;
use super::errors::{
    Reply, Res, bad_request, es_error, es_error_caused, method_not_allowed, no_handler, not_found,
    string_error, task_type_mismatch,
};
use super::http::{HttpRequest, base64_decode, pct_decode};
use super::writes::{create, delete, update};
use super::{Behavior, State, render};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const COMMON_PARAMS: &[&str] = &["error_trace", "filter_path", "human", "pretty"];

pub(super) fn dispatch(b: &Behavior, st: &mut State, req: &HttpRequest) -> Res<Reply> {
    check_media_types(b, req)?;
    check_auth(b, req)?;
    // Decode each segment after splitting, so an encoded `/` never changes the route.
    let segs: Vec<String> = req
        .path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| pct_decode(s, false))
        .collect();
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    let read = matches!(req.method.as_str(), "GET" | "HEAD");
    let m = req.method.as_str();
    match segs.as_slice() {
        [] if read => {
            check_params(req, &[])?;
            Ok(Reply::json(
                200,
                &json!({"name": "fake-es", "cluster_name": "fake", "cluster_uuid": st.cluster_uuid,
                    "version": {"number": b.version, "build_flavor": "default"},
                    "tagline": "You Know, for Search"}),
            ))
        }
        [] => Err(method_not_allowed(req, &["GET", "HEAD"])),
        ["_security", "_authenticate"] if read => super::security::authenticate(b, req),
        ["_security", "user", "_has_privileges"] if matches!(m, "GET" | "POST") => {
            super::security::has_privileges(b, req)
        }
        ["_inference"] if read => {
            check_params(req, &[])?;
            Ok(list(b, st, None))
        }
        ["_inference"] => Err(method_not_allowed(req, &["GET"])),
        ["_inference", "_services", rest @ ..] if rest.len() <= 1 => {
            if !read {
                return Err(method_not_allowed(req, &["GET"]));
            }
            check_params(req, &[])?;
            services(b, rest.first().copied())
        }
        // RestUpdateInferenceModelAction.java: the update routes are PUT only; anything else
        // is the router's 405 (RestController).
        ["_inference", id, "_update"] if m == "PUT" => update(b, st, req, None, id),
        ["_inference", tt, id, "_update"] if m == "PUT" => update(b, st, req, Some(tt), id),
        ["_inference", _, "_update"] | ["_inference", _, _, "_update"] => {
            Err(method_not_allowed(req, &["PUT"]))
        }
        ["_inference", x] => match m {
            "GET" | "HEAD" => {
                check_params(req, &[])?;
                if *x == "_all" {
                    return Ok(list(b, st, None));
                }
                match parse_task_type(x) {
                    Ok(tt) => Ok(list(b, st, tt)),
                    Err(_) => get_one(b, st, None, x),
                }
            }
            "PUT" => create(b, st, req, None, x),
            "DELETE" => delete(st, req, None, x),
            "POST" => Err(not_faked()),
            _ => Err(method_not_allowed(req, &["GET", "PUT", "DELETE", "POST"])),
        },
        ["_inference", tt, id] => match m {
            "GET" | "HEAD" => {
                check_params(req, &[])?;
                let tt = parse_task_type(tt)?;
                if *id == "_all" {
                    Ok(list(b, st, tt))
                } else {
                    get_one(b, st, tt, id)
                }
            }
            "PUT" => create(b, st, req, Some(tt), id),
            "DELETE" => delete(st, req, Some(tt), id),
            "POST" => super::perform::infer(b, st, req, tt, id),
            _ => Err(method_not_allowed(req, &["GET", "PUT", "DELETE", "POST"])),
        },
        ["_ml", "trained_models", deployment, "_stats"] if read => {
            super::perform::stats(b, st, deployment)
        }
        _ => Err(no_handler(req)),
    }
}

fn not_faked() -> Reply {
    es_error(
        500,
        "unsupported_operation_exception",
        "fake_es does not perform inference calls",
    )
}

/// `TaskType.fromStringOrStatusException`: trimmed, case-insensitive; `any` (internal) gives
/// `None`.
pub(super) fn parse_task_type(raw: &str) -> Res<Option<&'static str>> {
    let t = raw.trim().to_ascii_lowercase();
    if t == "any" {
        return Ok(None);
    }
    match TASK_TYPES.iter().find(|x| **x == t) {
        Some(x) => Ok(Some(x)),
        None => Err(bad_request(&format!("Unknown task_type [{raw}]"))),
    }
}

/// `MlStrings.isValidId`: `[a-z0-9](?:[a-z0-9_\-\.]*[a-z0-9])?`, not `_all`.
pub(super) fn is_valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    let edge = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    !b.is_empty()
        && edge(b[0])
        && edge(b[b.len() - 1])
        && b.iter()
            .all(|&c| edge(c) || matches!(c, b'_' | b'-' | b'.'))
}

/// `BaseRestHandler`: unconsumed query parameters are a 400. ES also suggests close
/// names ("did you mean"); the fake does not.
pub(super) fn check_params(req: &HttpRequest, allowed: &[&str]) -> Res<()> {
    let bad: BTreeSet<&str> = req
        .query
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !COMMON_PARAMS.contains(k) && !allowed.contains(k))
        .collect();
    if bad.is_empty() {
        return Ok(());
    }
    let names = bad
        .iter()
        .map(|k| format!("[{k}]"))
        .collect::<Vec<_>>()
        .join(", ");
    let plural = if bad.len() > 1 { "s" } else { "" };
    Err(es_error(
        400,
        "illegal_argument_exception",
        &format!(
            "request [{}] contains unrecognized parameter{plural}: {names}",
            req.path
        ),
    ))
}

/// `RestRequest.paramAsBoolean`: absent = false, empty = true.
pub(super) fn bool_param(req: &HttpRequest, name: &str) -> Res<bool> {
    match req.param(name) {
        None | Some("false") => Ok(false),
        Some("") | Some("true") => Ok(true),
        Some(other) => Err(es_error(
            400,
            "illegal_argument_exception",
            &format!("Failed to parse value [{other}] as only [true] or [false] are allowed."),
        )),
    }
}

/// `RestCompatibleVersionHelper.java`: compatible-with checks, then Content-Type (406 string
/// form).
fn check_media_types(b: &Behavior, req: &HttpRequest) -> Res<()> {
    let major = b.major();
    let in_range = |v: u32| v == major || v + 1 == major;
    let has_body = !req.body.is_empty();
    let accept = req.header("accept");
    let ctype = req.header("content-type");
    let headers = if has_body {
        "[Accept, Content-Type]"
    } else {
        "[Accept]"
    };
    let bad_version = |which: &str, v: u32, value: &str| {
        es_error_caused(
            400,
            "media_type_header_exception",
            &format!("Invalid media-type value on headers {headers}"),
            "status_exception",
            &format!(
                "{which} version must be either version {major} or {}, but found {v}. {which}={value}",
                major - 1
            ),
        )
    };
    let av = accept.and_then(compat_version);
    if let (Some(v), Some(a)) = (av, accept)
        && !in_range(v)
    {
        return Err(bad_version("Accept", v, a));
    }
    if !has_body {
        return Ok(());
    }
    let Some(ct) = ctype else {
        return Err(string_error(406, "Content-Type header is missing"));
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let supported = [
        "application/json",
        "application/x-ndjson",
        "application/vnd.elasticsearch+json",
        "application/vnd.elasticsearch+x-ndjson",
        "application/yaml",
        "application/cbor",
        "application/smile",
    ];
    if !supported.contains(&essence.as_str()) {
        return Err(string_error(
            406,
            &format!("Content-Type header [{ct}] is not supported"),
        ));
    }
    let cv = compat_version(ct);
    if let Some(v) = cv
        && !in_range(v)
    {
        return Err(bad_version("Content-Type", v, ct));
    }
    if av != cv {
        return Err(bad_request(&format!(
            "A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version and the compatible versions must match. Accept={}, Content-Type={ct}",
            accept.unwrap_or("null")
        )));
    }
    Ok(())
}

pub(super) fn compat_version(media: &str) -> Option<u32> {
    let lower = media.to_ascii_lowercase();
    let at = lower.find("compatible-with=")? + "compatible-with=".len();
    let digits: String = lower[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// 401 in the shape of the security realm chain; no X-Elastic-Product (ES sends none before
/// authentication; elasticsearch-py checks it only on 2xx, unverified).
fn check_auth(b: &Behavior, req: &HttpRequest) -> Res<()> {
    let Some(expected) = &b.required_authorization else {
        return Ok(());
    };
    let got = req.header("authorization");
    if got == Some(expected.as_str()) {
        return Ok(());
    }
    let reason = match got {
        None => format!("missing authentication credentials for REST request [{}]", req.target),
        Some(h) if h.len() > 6 && h[..6].eq_ignore_ascii_case("basic ") => {
            let user = base64_decode(h[6..].trim())
                .map(|raw| String::from_utf8_lossy(&raw).split(':').next().unwrap_or("").to_string())
                .unwrap_or_default();
            format!("unable to authenticate user [{user}] for REST request [{}]", req.target)
        }
        Some(_) => "unable to authenticate with provided credentials and anonymous access is not allowed for this request".into(),
    };
    let challenges = [
        r#"Basic realm="security", charset="UTF-8""#,
        r#"Bearer realm="security""#,
        "ApiKey",
    ];
    let cause = json!({"type": "security_exception", "reason": reason, "header": {"WWW-Authenticate": challenges}});
    let mut error = cause.clone();
    error
        .as_object_mut()
        .expect("object")
        .shift_insert(0, "root_cause".into(), json!([cause]));
    let mut r = Reply::json(401, &json!({"error": error, "status": 401}));
    r.product = false;
    r.headers = challenges
        .iter()
        .map(|c| ("WWW-Authenticate".to_string(), (*c).to_string()))
        .collect();
    Err(r)
}

// ---------------------------------------------------------------------------------------------
// GET
// ---------------------------------------------------------------------------------------------

fn list(b: &Behavior, st: &State, tt: Option<&str>) -> Reply {
    let endpoints: Vec<Value> = st
        .endpoints
        .values()
        .filter(|e| tt.is_none_or(|t| e.task_type == t))
        .map(|e| render(b, e))
        .collect();
    Reply::json(200, &json!({ "endpoints": endpoints }))
}

fn get_one(b: &Behavior, st: &State, tt: Option<&str>, id: &str) -> Res<Reply> {
    let e = st.endpoints.get(id).ok_or_else(|| not_found(id))?;
    if let Some(t) = tt.filter(|t| *t != e.task_type) {
        return Err(task_type_mismatch(t, &e.task_type));
    }
    Ok(Reply::json(200, &json!({ "endpoints": [render(b, e)] })))
}

/// `GET _inference/_services[/{task_type}]` (`Paths.java`; `updatable` flags from #118491,
/// nested settings by dotted key as the services IT expectations show): a small realistic
/// subset, then `Behavior::extra_services`.
fn services(b: &Behavior, tt: Option<&str>) -> Res<Reply> {
    let tt = match tt {
        Some(raw) => parse_task_type(raw)?,
        None => None,
    };
    let field = |label: &str, desc: &str, ty: &str, flags: (bool, bool, bool), tts: &[&str]| {
        json!({"description": desc, "label": label, "required": flags.0, "sensitive": flags.1,
               "updatable": flags.2, "type": ty, "supported_task_types": tts})
    };
    let rpm = "Minimize the number of rate limit errors.";
    let model = "The name of the model to use for the inference task.";
    let key = "API Key for the provider you're connecting to.";
    let cohere_tt: &[&str] = &["text_embedding", "rerank", "completion"];
    let es_tt: &[&str] = &["text_embedding", "sparse_embedding", "rerank"];
    let openai_tt: &[&str] = &["text_embedding", "completion", "chat_completion"];
    let groq_tt: &[&str] = &["chat_completion"];
    let jina_tt: &[&str] = &["embedding", "text_embedding", "rerank"];
    let mut all = vec![
        json!({"service": "cohere", "name": "Cohere", "task_types": cohere_tt, "configurations": {
            "api_key": field("API Key", key, "str", (true, true, true), cohere_tt),
            "model_id": field("Model ID", model, "str", (false, false, false), cohere_tt),
            // Updatable here although infer's table does not list it: the catalogue is ahead.
            "rate_limit.requests_per_minute": field("Rate Limit", rpm, "int", (false, false, true), cohere_tt),
        }}),
        json!({"service": "elasticsearch", "name": "Elasticsearch", "task_types": es_tt, "configurations": {
            "num_allocations": field("Number Allocations", "The total number of allocations this model is assigned across machine learning nodes.", "int", (true, false, true), es_tt),
            "num_threads": field("Number Threads", "Sets the number of threads used by each model allocation during inference.", "int", (true, false, false), es_tt),
            "model_id": field("Model ID", model, "str", (true, false, false), es_tt),
        }}),
        json!({"service": "groq", "name": "Groq", "task_types": groq_tt, "configurations": {
            "api_key": field("API Key", key, "str", (true, true, true), groq_tt),
            "model_id": field("Model ID", model, "str", (true, false, false), groq_tt),
            "organization_id": field("Organization ID", "The unique identifier of your organization.", "str", (false, false, true), groq_tt),
            "url": field("URL", "The absolute URL of the external service to send requests to.", "str", (false, false, false), groq_tt),
            "rate_limit.requests_per_minute": field("Rate Limit", rpm, "int", (false, false, true), groq_tt),
        }}),
        json!({"service": "jinaai", "name": "Jina AI", "task_types": jina_tt, "configurations": {
            "api_key": field("API Key", key, "str", (true, true, true), jina_tt),
            "model_id": field("Model ID", model, "str", (true, false, false), jina_tt),
            "dimensions": field("Dimensions", "The number of dimensions the resulting embeddings should have.", "int", (false, false, false), &["embedding", "text_embedding"]),
            "max_input_tokens": field("Maximum Input Tokens", "Allows you to specify the maximum number of tokens per input.", "int", (false, false, true), &["embedding", "text_embedding"]),
            "rate_limit.requests_per_minute": field("Rate Limit", rpm, "int", (false, false, true), jina_tt),
        }}),
        json!({"service": "openai", "name": "OpenAI", "task_types": openai_tt, "configurations": {
            "api_key": field("API Key", "The OpenAI API authentication key. For more details about generating OpenAI API keys, refer to the https://platform.openai.com/account/api-keys.", "str", (true, true, true), openai_tt),
            "model_id": field("Model ID", model, "str", (true, false, false), openai_tt),
            "organization_id": field("Organization ID", "The unique identifier of your organization.", "str", (false, false, false), openai_tt),
            "url": field("URL", "The absolute URL of the external service to send requests to.", "str", (false, false, false), openai_tt),
            "dimensions": field("Dimensions", "The number of dimensions the resulting embeddings should have.", "int", (false, false, false), &["text_embedding"]),
            "rate_limit.requests_per_minute": field("Rate Limit", "Default number of requests allowed per minute. For text_embedding is 3000. For completion is 500.", "int", (false, false, false), openai_tt),
        }}),
    ];
    if b.new_services {
        // ElasticInferenceService / OciGenAiService SUPPORTED_TASK_TYPES and configurations
        let eis_tt: &[&str] = &[
            "sparse_embedding",
            "text_embedding",
            "embedding",
            "rerank",
            "completion",
            "chat_completion",
        ];
        all.push(json!({"service": "elastic", "name": "Elastic", "task_types": eis_tt, "configurations": {
            "model_id": field("Model ID", model, "str", (true, false, false), eis_tt),
        }}));
        // ocigenai/OciGenAiSecretSettings.java: four secrets, all required and updatable
        let oci_tt: &[&str] = &["text_embedding", "completion", "chat_completion", "rerank"];
        all.push(json!({"service": "ocigenai", "name": "OCI Generative AI", "task_types": oci_tt, "configurations": {
            "tenancy_id": field("Tenancy ID", "The OCID of the tenancy.", "str", (true, true, true), oci_tt),
            "user_id": field("User ID", "The OCID of the user that signs the requests.", "str", (true, true, true), oci_tt),
            "fingerprint": field("Fingerprint", "The fingerprint of the signing key.", "str", (true, true, true), oci_tt),
            "private_key": field("Private Key", "The PEM-encoded RSA private key that signs the requests.", "str", (true, true, true), oci_tt),
            "region": field("Region", "The OCI region of the Generative AI service.", "str", (true, false, false), oci_tt),
            "compartment_id": field("Compartment ID", "The OCID of the compartment.", "str", (true, false, false), oci_tt),
            "model_id": field("Model ID", model, "str", (true, false, false), oci_tt),
            "rate_limit.requests_per_minute": field("Rate Limit", rpm, "int", (false, false, true), oci_tt),
        }}));
    }
    all.sort_by(|a, b| a["service"].as_str().cmp(&b["service"].as_str()));
    all.extend(b.extra_services.iter().cloned());
    let filtered: Vec<Value> = all
        .into_iter()
        .filter(|s| {
            tt.is_none_or(|t| {
                s["task_types"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x == t))
            })
        })
        .collect();
    Ok(Reply::json(200, &Value::Array(filtered)))
}
