//! Update (`TransportUpdateInferenceModelAction`), create, delete, and the body parsing they
//! share.

use super::catalog::{
    EMBEDDING_TYPES, is_in_cluster, missing_secrets, service_settings_keys, service_task_types_on,
    take_secrets, task_settings_keys,
};
use super::chunking::{build_chunking, default_chunking};
use super::errors::{
    Reply, Res, bad_request, es_error, invalid_id, java, java_map, not_found, provider_rejected,
    task_type_mismatch, validation_failed,
};
use super::http::HttpRequest;
use super::routes::{bool_param, check_params, is_valid_id, parse_task_type};
use super::{Behavior, Endpoint, NullResets, Obj, State, render};
use super::{extra, service_updates};
use serde_json::{Value, json};

/// The body as a JSON object. `RestUpdateInferenceModelAction`: a missing body fails
/// `requiredContent()`.
fn body_object(req: &HttpRequest) -> Res<Obj> {
    let text = String::from_utf8_lossy(&req.body);
    if text.trim().is_empty() {
        return Err(es_error(400, "parse_exception", "request body is required"));
    }
    let cause = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(m)) => return Ok(m),
        Ok(other) => format!(
            "Unexpected token, expected an object but found [{}]",
            java(&other)
        ),
        Err(e) => e.to_string(),
    };
    // The Jackson cause is not an ES exception, so root_cause is the parse_exception itself.
    let reason = "Failed to parse content to map";
    Err(Reply::json(
        400,
        &json!({"error": {"root_cause": [{"type": "parse_exception", "reason": reason}],
            "type": "parse_exception", "reason": reason,
            "caused_by": {"type": "json_parse_exception", "reason": cause}}, "status": 400}),
    ))
}

/// A settings section: absent or null = empty; anything but an object is `Unable to parse`.
fn section(body: &Obj, name: &str) -> Res<Obj> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(Obj::new()),
        Some(Value::Object(o)) => Ok(o.clone()),
        Some(_) => Err(bad_request(&format!(
            "Unable to parse [{name}] in the request [{}]",
            java_map(body)
        ))),
    }
}

/// `ServiceUtils.resolveTaskType`.
fn resolve_task_type(
    url: Option<&'static str>,
    body_tt: Option<&Value>,
    what: &str,
) -> Res<&'static str> {
    let body = match body_tt {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("any") => {
            return Err(bad_request(
                "task_type [any] is not valid type for inference",
            ));
        }
        Some(Value::String(s)) => parse_task_type(s)?,
        Some(other) => {
            return Err(bad_request(&format!(
                "Failed to parse [task_type] in {what} [{{task_type={}}}]",
                java(other)
            )));
        }
    };
    match (url, body) {
        (Some(u), Some(b)) if u != b => Err(bad_request(&format!(
            "Cannot resolve conflicting task_type parameter in the request URL [{u}] and the request body [{b}]"
        ))),
        (Some(t), _) | (None, Some(t)) => Ok(t),
        (None, None) => Err(bad_request("model is missing required setting [task_type]")),
    }
}

/// The top-level `service_settings` keys a service documents: its catalogue entry for an extra
/// service, else the specification's per-service types.
fn documented_keys(b: &Behavior, service: &str) -> Vec<String> {
    match extra::find(b, service) {
        Some(e) => extra::documented_keys(e),
        None => service_settings_keys(service)
            .iter()
            .map(|k| k.to_string())
            .collect(),
    }
}

fn unknown_keys(new: &Obj, stored: &Obj, documented: &[&str]) -> Obj {
    new.iter()
        .filter(|(k, _)| !stored.contains_key(*k) && !documented.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Objects merge key by key; a null leaves the stored value alone (approximate).
fn deep_merge(dst: &mut Obj, src: &Obj) {
    for (k, v) in src {
        match (dst.get_mut(k), v) {
            (_, Value::Null) => {}
            (Some(Value::Object(d)), Value::Object(s)) => deep_merge(d, s),
            _ => {
                dst.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Put `path` in `new` back to what it is in `old` (or remove it).
fn restore(old: &Obj, new: &mut Obj, path: &[&str]) {
    let Some((head, tail)) = path.split_first() else {
        return;
    };
    if !tail.is_empty()
        && let Some(Value::Object(n)) = new.get_mut(*head)
    {
        match old.get(*head) {
            Some(Value::Object(o)) => return restore(o, n, tail),
            None => return restore(&Obj::new(), n, tail),
            Some(_) => {}
        }
    }
    match old.get(*head) {
        Some(v) => {
            new.insert((*head).into(), v.clone());
        }
        None => {
            new.shift_remove(*head);
        }
    }
}

/// Fields an update silently keeps (`ServiceSettings.updateServiceSettings` default, #140082;
/// #137129).
fn apply_ignored(paths: &[String], old: &Endpoint, new: &mut Endpoint) {
    for p in paths {
        let parts: Vec<&str> = p.split('.').collect();
        let (o, n) = match parts[0] {
            "service_settings" => (&old.service_settings, &mut new.service_settings),
            "task_settings" => (&old.task_settings, &mut new.task_settings),
            _ => continue,
        };
        restore(o, n, &parts[1..]);
    }
}

pub(super) fn update(
    b: &Behavior,
    st: &mut State,
    req: &HttpRequest,
    url_tt: Option<&str>,
    id: &str,
) -> Res<Reply> {
    if url_tt.is_none() && b.one_segment_update_broken {
        // RestUpdateInferenceModelAction.java before #121231
        return Err(bad_request("Inference ID must be provided in the path"));
    }
    if !b.preconfigured_rule && !is_valid_id(id) {
        // UpdateInferenceModelAction.Request.validate (MlStrings.isValidId); dropped by #150368
        return Err(invalid_id(id));
    }
    let url_task = match url_tt {
        Some(raw) => parse_task_type(raw)?, // TaskType.fromStringOrStatusException
        None => None,
    };
    let body = body_object(req)?;
    if body.is_empty() {
        return Err(bad_request("Request body is empty")); // UpdateInferenceModelAction.java
    }
    // UpdateInferenceModelAction.java: the top-level allow-list (chunking_settings from #149723)
    let allowed = |k: &str| {
        matches!(k, "task_type" | "service_settings" | "task_settings")
            || (k == "chunking_settings" && b.accepts_chunking_in_update)
    };
    let offending: Obj = body
        .iter()
        .filter(|(k, _)| !allowed(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if !offending.is_empty() {
        return Err(bad_request(&format!(
            "Request contained fields which cannot be updated, remove these fields and try again [{}]",
            java_map(&offending)
        )));
    }
    // UpdateInferenceModelAction.java: a section that is not an object
    let new_ss_raw = section(&body, "service_settings")?;
    let new_ts = section(&body, "task_settings")?;
    section(&body, "chunking_settings")?;
    let task_type = resolve_task_type(url_task, body.get("task_type"), "update request")?;
    let mut params = vec!["master_timeout"];
    if b.accepts_timeout_param {
        params.push("timeout"); // #152179
    }
    check_params(req, &params)?;
    let existing = st.endpoints.get(id).cloned().ok_or_else(|| {
        // TransportUpdateInferenceModelAction (ExceptionsHelper.entityNotFoundException; the
        // status is presumed 404)
        es_error(
            404,
            "status_exception",
            &format!("The inference endpoint [{id}] does not exist and cannot be updated"),
        )
    })?;
    if b.preconfigured_rule {
        service_updates::preconfigured(id)?; // #150368: after the existence check
    }
    if existing.task_type != task_type {
        // TransportUpdateInferenceModelAction
        return Err(bad_request(
            "Task type must match the task type of the existing endpoint",
        ));
    }
    let svc = existing.service.as_str();
    let extra = extra::find(b, svc);
    // Secrets travel inside service_settings (the service's secret settings class parses them)
    let mut new_ss = new_ss_raw.clone();
    let mut new_secrets = match extra {
        Some(e) => extra::take_secrets(e, task_type, &mut new_ss),
        None => take_secrets(svc, &mut new_ss),
    };
    if b.checks_secret_kind {
        service_updates::check_secret_kind(svc, &new_secrets, &existing.secrets)?; // #149628
    }
    service_updates::check_oci_key(svc, &new_secrets)?;
    if b.requires_secret_with_service_settings && !new_ss_raw.is_empty() {
        // DefaultSecretSettings.newSecretSettings before #149628
        let missing = match extra {
            Some(e) => extra::missing_secrets(e, task_type, &new_secrets),
            None => missing_secrets(svc, &new_secrets, &existing.secrets),
        };
        if !missing.is_empty() {
            return Err(validation_failed("validation_exception", &missing));
        }
    }
    // TransportUpdateInferenceModelAction (ES@2afb4b65): in-cluster allocations must be an
    // integer; 8.17 wants them in every update
    if is_in_cluster(svc) {
        let ok = match new_ss.get("num_allocations") {
            Some(Value::Null) => !b.requires_num_allocations_in_update,
            Some(v) => v.as_u64().is_some_and(|n| n >= 1),
            None => !b.requires_num_allocations_in_update,
        };
        if !ok {
            return Err(bad_request(&format!(
                "Failed to parse [num_allocations] of update request [{}]",
                String::from_utf8_lossy(&req.body)
            )));
        }
    }
    if let Some(e) = extra {
        // Catalogue `updatable: false` on a sensitive setting: a leftover on 9.5+
        // (validateConsumedUpdateSettings), kept silently before
        let fixed = extra::take_fixed_secrets(e, task_type, &mut new_secrets);
        if !fixed.is_empty() && b.rejects_leftover_keys {
            return Err(service_updates::leftover_error(svc, &fixed));
        }
    }
    // #149723: chunking is replaced, after validation (ChunkingSettingsBuilder.fromMap)
    let chunking = match body.get("chunking_settings") {
        Some(c) if !c.is_null() => Some(build_chunking(c)?),
        _ => None,
    };
    let consumed: Vec<String> = match extra {
        Some(e) => extra::update_keys(e, task_type),
        None => service_updates::update_keys(svc, task_type)
            .iter()
            .map(|k| k.to_string())
            .collect(),
    };
    // ElasticsearchInternalServiceSettings.Update: whenever non-secret service_settings come
    let allocation_parser = is_in_cluster(svc) && b.one_allocation_style && !new_ss.is_empty();
    let mut updated = existing.clone();
    if allocation_parser {
        service_updates::one_allocation_style(&new_ss, &mut updated.service_settings)?;
    } else if b.rejects_leftover_keys {
        let consumed: Vec<&str> = consumed.iter().map(String::as_str).collect();
        let mut known = new_ss.clone();
        if !b.rejects_unknown_keys {
            // A test knob beside 9.5+ rules: keys the service does not know at all are dropped
            // silently (#139651) and only known, non-updatable ones are leftovers.
            let documented = documented_keys(b, svc);
            known
                .retain(|k, _| existing.service_settings.contains_key(k) || documented.contains(k));
        }
        service_updates::leftovers(svc, task_type, &consumed, &known)?;
    } else if extra.is_some() {
        // Before 9.5 a catalogue service keeps its non-updatable keys silently (as every
        // service's updateServiceSettings did, #140082)
        new_ss.retain(|k, _| consumed.contains(k));
    }
    // #149430 (TransportUpdateInferenceModelAction.validateConsumedUpdateSettings): unknown keys
    let documented = documented_keys(b, svc);
    let documented: Vec<&str> = documented.iter().map(String::as_str).collect();
    let unknown_ss = unknown_keys(&new_ss, &existing.service_settings, &documented);
    let unknown_ts = unknown_keys(&new_ts, &existing.task_settings, task_settings_keys(svc));
    if b.rejects_unknown_keys {
        for unknown in [&unknown_ss, &unknown_ts] {
            if !unknown.is_empty() {
                return Err(service_updates::leftover_error(svc, unknown));
            }
        }
    }
    let mut new_ts = new_ts;
    new_ss.retain(|k, _| !unknown_ss.contains_key(k)); // #139651: silently dropped
    new_ts.retain(|k, _| !unknown_ts.contains_key(k));
    // The merge: per-service parsers by top-level key (9.5+), a deep merge before
    if allocation_parser {
        // done by the parser above
    } else if b.rejects_leftover_keys {
        service_updates::merge_service_settings(
            b.null_resets,
            svc,
            &mut updated.service_settings,
            &new_ss,
        );
    } else {
        deep_merge(&mut updated.service_settings, &new_ss);
    }
    if b.rejects_leftover_keys {
        service_updates::merge_task_settings(&mut updated.task_settings, &new_ts);
    } else {
        deep_merge(&mut updated.task_settings, &new_ts);
    }
    if extra.is_some() {
        deep_merge(&mut updated.secrets, &new_secrets); // nested secrets merge by dotted key
    } else {
        updated.secrets.extend(new_secrets);
    }
    match chunking {
        Some(c) => updated.chunking = Some(c),
        // #139574: the stored null reads back as OLD_DEFAULT_SETTINGS (ChunkingSettingsBuilder)
        None if b.resets_chunking_on_update && EMBEDDING_TYPES.contains(&task_type) => {
            updated.chunking =
                Some(json!({"strategy": "word", "max_chunk_size": 250, "overlap": 100}));
        }
        None => {}
    }
    if extra.is_none() {
        apply_ignored(&b.ignored_fields, &existing, &mut updated); // #140082, #137129
    }
    if updated == existing {
        // TransportUpdateInferenceModelActionTests
        // (testMasterOperation_UpdatedModelIsEqualToExistingModel_ValidationAndUpdateIsSkipped)
        return Ok(Reply::json(200, &render(b, &existing)));
    }
    // #140003 (ModelValidatorBuilder): provider validation of the merged configuration
    if !is_in_cluster(svc)
        && b.rejected_api_key.is_some()
        && updated.secrets.get("api_key").and_then(Value::as_str) == b.rejected_api_key.as_deref()
    {
        return Err(provider_rejected(id));
    }
    let answer = render(b, &updated);
    st.endpoints.insert(id.into(), updated);
    st.stats_polls.clear(); // a new target: the deployment scales again
    Ok(Reply::json(200, &answer)) // UpdateInferenceModelAction.Response: the endpoint, not wrapped
}

/// `PUT /_inference[/{task_type}]/{id}`; check order follows `TransportPutInferenceModelAction`.
pub(super) fn create(
    b: &Behavior,
    st: &mut State,
    req: &HttpRequest,
    url_tt: Option<&str>,
    id: &str,
) -> Res<Reply> {
    let url_task = url_tt.map(parse_task_type).transpose()?.flatten();
    let mut body = body_object(req)?;
    if id.starts_with('.') {
        // TransportPutInferenceModelAction (the reserved check is reported for dot ids rather
        // than the MlStrings.isValidId failure)
        return Err(bad_request(&format!(
            "[{id}] is a reserved inference ID. Cannot create a new inference endpoint with a reserved ID."
        )));
    }
    if !is_valid_id(id) {
        return Err(invalid_id(id));
    }
    check_params(req, &["timeout"])?;
    let task_type =
        resolve_task_type(url_task, body.shift_remove("task_type").as_ref(), "request")?;
    let service = match body.shift_remove("service") {
        Some(Value::String(s)) => s,
        _ => {
            return Err(bad_request(
                "Inference endpoint configuration is missing the [service] setting",
            ));
        }
    };
    let extra = extra::find(b, &service);
    let supported: Vec<String> = match extra {
        Some(e) => extra::task_types(e),
        None => service_task_types_on(b.new_services, &service)
            .ok_or_else(|| bad_request(&format!("Unknown service [{service}]")))?
            .iter()
            .map(|t| t.to_string())
            .collect(),
    };
    if matches!(body.get("service_settings"), None | Some(Value::Null)) {
        return Err(bad_request(
            "Model configuration is missing [service_settings]",
        ));
    }
    let mut ss = section(&body, "service_settings")?;
    let ts = section(&body, "task_settings")?;
    if let Some((key, _)) = ss
        .iter()
        .chain(&ts)
        .find(|(_, v)| v.is_null())
        .filter(|_| b.null_resets == NullResets::NullableParsers)
    {
        // #151766 and the update parsers after it: on create, a null is a parse error (applied
        // to every service on current, unverified; text approximate)
        return Err(es_error(
            400,
            "x_content_parse_exception",
            &format!("[1:2] [{key}] doesn't support values of type: VALUE_NULL"),
        ));
    }
    section(&body, "chunking_settings")?;
    let chunking = match body.get("chunking_settings") {
        Some(c) if !c.is_null() => Some(build_chunking(c)?),
        // ChunkingSettingsBuilder: DEFAULT_SETTINGS for embedding task types
        _ if EMBEDDING_TYPES.contains(&task_type) => Some(default_chunking()),
        _ => None,
    };
    for k in ["service_settings", "task_settings", "chunking_settings"] {
        body.shift_remove(k);
    }
    if !supported.iter().any(|t| t.as_str() == task_type) {
        return Err(bad_request(&format!(
            "The [{service}] service does not support task type [{task_type}]"
        )));
    }
    let missing = match extra {
        // the catalogue's `required` flags (ServiceUtils missingSettingErrorMsg)
        Some(e) => extra::missing_required(e, task_type, &ss),
        None => vec![],
    };
    if !missing.is_empty() {
        return Err(validation_failed("validation_exception", &missing));
    }
    let secrets = match extra {
        Some(e) => extra::take_secrets(e, task_type, &mut ss),
        None => take_secrets(&service, &mut ss),
    };
    let missing = match extra {
        Some(_) => vec![],
        None => missing_secrets(&service, &secrets, &Obj::new()),
    };
    if !missing.is_empty() {
        return Err(validation_failed("validation_exception", &missing));
    }
    service_updates::check_oci_key(&service, &secrets)?;
    // Leftovers are always rejected on create ("Model configuration" wording before 9.x, approximate).
    let prefix = if b.major() < 9 {
        "Model configuration"
    } else {
        "Configuration"
    };
    let documented = documented_keys(b, &service);
    let documented: Vec<&str> = documented.iter().map(String::as_str).collect();
    let leftovers = [
        body.clone(),
        unknown_keys(&ss, &Obj::new(), &documented),
        unknown_keys(&ts, &Obj::new(), task_settings_keys(&service)),
    ];
    if let Some(unknown) = leftovers.iter().find(|m| !m.is_empty()) {
        return Err(bad_request(&format!(
            "{prefix} contains settings [{}] unknown to the [{service}] service",
            java_map(unknown)
        )));
    }
    if !is_in_cluster(&service)
        && b.rejected_api_key.is_some()
        && secrets.get("api_key").and_then(Value::as_str) == b.rejected_api_key.as_deref()
    {
        return Err(provider_rejected(id)); // #140003 (ModelValidatorBuilder), #132388
    }
    if st.endpoints.contains_key(id) {
        return Err(es_error(
            400,
            "resource_already_exists_exception",
            &format!("Inference endpoint [{id}] already exists"),
        ));
    }
    let ep = Endpoint {
        id: id.into(),
        task_type: task_type.into(),
        service,
        service_settings: ss,
        task_settings: ts,
        chunking,
        secrets,
    };
    let answer = render(b, &ep);
    st.endpoints.insert(id.into(), ep);
    Ok(Reply::json(200, &answer))
}

/// `TransportDeleteInferenceEndpointAction`.
pub(super) fn delete(
    st: &mut State,
    req: &HttpRequest,
    url_tt: Option<&str>,
    id: &str,
) -> Res<Reply> {
    let url_task = url_tt.map(parse_task_type).transpose()?.flatten();
    check_params(req, &["dry_run", "force"])?;
    let (dry_run, force) = (bool_param(req, "dry_run")?, bool_param(req, "force")?);
    let e = st.endpoints.get(id).ok_or_else(|| not_found(id))?;
    if let Some(t) = url_task.filter(|t| *t != e.task_type) {
        return Err(task_type_mismatch(t, &e.task_type));
    }
    if id.starts_with('.') && !force {
        return Err(bad_request(&format!(
            "[{id}] is a reserved inference endpoint. Use the force=true query parameter to delete the inference endpoint."
        ))); // TransportDeleteInferenceEndpointAction
    }
    let refs = st.references.get(id).cloned().unwrap_or_default();
    let pick = |prefix: &str| -> Vec<String> {
        refs.iter()
            .filter_map(|r| match r.split_once(':') {
                Some((kind, name)) if kind == prefix => Some(name.to_string()),
                None if prefix == "pipeline" => Some(r.clone()),
                _ => None,
            })
            .collect()
    };
    let (pipelines, indexes) = (pick("pipeline"), pick("index"));
    let message = reference_message(id, &pipelines, &indexes);
    if dry_run {
        return Ok(Reply::json(
            200,
            &json!({"acknowledged": false, "pipelines": pipelines, "indexes": indexes, "error_message": message}),
        ));
    }
    if !force && !message.is_empty() {
        return Err(es_error(409, "status_exception", &message));
    }
    st.endpoints.remove(id);
    st.references.remove(id);
    Ok(Reply::json(
        200,
        &json!({"acknowledged": true, "pipelines": [], "indexes": []}),
    ))
}

/// `buildErrorString` of the delete action; empty when nothing references the endpoint.
fn reference_message(id: &str, pipelines: &[String], indexes: &[String]) -> String {
    let mut s = String::new();
    if !pipelines.is_empty() {
        s.push_str(&format!(
            "Inference endpoint {id} is referenced by pipelines: [{}]. Ensure that no pipelines are using this inference endpoint, or use force to ignore this warning and delete the inference endpoint.",
            pipelines.join(", ")
        ));
    }
    if !indexes.is_empty() {
        s.push_str(&format!(
            " Inference endpoint {id} is being used in the mapping for indexes: [{}]. Ensure that no index mappings are using this inference endpoint, or use force to ignore this warning and delete the inference endpoint.",
            indexes.join(", ")
        ));
    }
    s
}
