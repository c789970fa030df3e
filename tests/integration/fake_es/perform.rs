//! Perform-inference calls (`POST /_inference/{task_type}/{id}`) and the trained-model stats of
//! in-cluster deployments (`GET _ml/trained_models/{id}/_stats`): what `infer probe` and `--wait`
//! read. Shapes follow the inference and ML APIs' documented responses; texts are approximate.

use super::catalog::is_in_cluster;
use super::errors::{Reply, Res, es_error, not_found};
use super::http::HttpRequest;
use super::routes::parse_task_type;
use super::{Behavior, State};
use serde_json::{Value, json};

/// `POST /_inference/{task_type}/{id}` with `{"input": …}` (and `query` for rerank).
pub(super) fn infer(b: &Behavior, st: &State, req: &HttpRequest, tt: &str, id: &str) -> Res<Reply> {
    let tt = parse_task_type(tt)?.unwrap_or("");
    let ep = st.endpoints.get(id).ok_or_else(|| not_found(id))?;
    if !tt.is_empty() && tt != ep.task_type {
        return Err(super::errors::task_type_mismatch(tt, &ep.task_type));
    }
    let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
    if body.get("input").is_none() {
        return Err(es_error(
            400,
            "action_request_validation_exception",
            "Validation Failed: 1: Field [input] cannot be null;",
        ));
    }
    if b.inference_quota_exhausted {
        return Err(es_error(
            429,
            "status_exception",
            &format!(
                "Received a rate limit status code for request from inference entity id [{id}] status [429]. Error message: [You exceeded your current quota]"
            ),
        ));
    }
    let key = ep.secrets.get("api_key").and_then(Value::as_str);
    if b.rejected_api_key.is_some() && key == b.rejected_api_key.as_deref() {
        return Err(es_error(
            401,
            "status_exception",
            &format!(
                "Received an authentication error status code for request from inference entity id [{id}] status [401]. Error message: [Incorrect API key provided]"
            ),
        ));
    }
    let dims = ep
        .service_settings
        .get("dimensions")
        .and_then(Value::as_u64)
        .unwrap_or(384) as usize;
    let vector = vec![json!(0.015625); dims];
    let answer = match ep.task_type.as_str() {
        "text_embedding" => json!({"text_embedding": [{"embedding": vector}]}),
        "embedding" => json!({"embeddings": [{"embedding": vector}]}),
        "sparse_embedding" => {
            json!({"sparse_embedding": [{"is_truncated": false, "embedding": {"infer": 0.9, "probe": 0.4, "endpoint": 0.2}}]})
        }
        "rerank" => {
            let n = body["input"].as_array().map_or(1, Vec::len);
            let ranked: Vec<Value> = (0..n)
                .map(|i| json!({"index": i, "relevance_score": 1.0 / (i as f64 + 1.0)}))
                .collect();
            json!({ "rerank": ranked })
        }
        _ => json!({"completion": [{"result": "OK"}]}),
    };
    Ok(Reply::json(200, &answer))
}

/// `GET _ml/trained_models/{deployment}/_stats`: the deployment reaches the endpoint's allocations
/// after `Behavior::deployment_scales_after` polls, or never when that is `None`.
pub(super) fn stats(b: &Behavior, st: &mut State, deployment: &str) -> Res<Reply> {
    let found = st.endpoints.values().find(|e| {
        is_in_cluster(&e.service)
            && e.service_settings
                .get("deployment_id")
                .and_then(Value::as_str)
                .unwrap_or(&e.id)
                == deployment
    });
    let Some(ep) = found else {
        return Err(es_error(
            404,
            "resource_not_found_exception",
            &format!("No known trained model with model_id [{deployment}]"),
        ));
    };
    let ss = &ep.service_settings;
    let adaptive = ss
        .get("adaptive_allocations")
        .filter(|a| a["enabled"] == true);
    let target = match adaptive {
        Some(a) => a["min_number_of_allocations"].as_u64().unwrap_or(1).max(1),
        None => ss
            .get("num_allocations")
            .and_then(Value::as_u64)
            .unwrap_or(1),
    };
    let model = ss
        .get("model_id")
        .cloned()
        .unwrap_or(json!(".elser_model_2"));
    let polls = st.stats_polls.entry(deployment.to_string()).or_insert(0);
    *polls += 1;
    let ready = b.deployment_scales_after.is_some_and(|n| *polls > n);
    let (count, state) = if ready {
        (target, "fully_allocated")
    } else {
        (1.min(target), "starting")
    };
    Ok(Reply::json(
        200,
        &json!({"count": 1, "trained_model_stats": [{"model_id": model,
        "deployment_stats": {"deployment_id": deployment, "model_id": model, "state": "started",
            "allocation_status": {"allocation_count": count, "target_allocation_count": target, "state": state}}}]}),
    ))
}
