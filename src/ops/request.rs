//! The request of a write to one endpoint: one builder for an update and
//! one for a create, each carrying the body's secret paths, which `--curl`
//! turns into references, `--dry-run` and the `-v` log mask, and the client
//! registers so that no output shows them.

use serde_json::{Map, Value};

use crate::api::{Request, TaskType};
use crate::body::Body;

/// `PUT _inference/{task_type}/{id}/_update` with `body`'s sections, which
/// move into the request (a body can be large).
pub fn update(task_type: TaskType, id: &str, body: &mut Body) -> Request {
    let sections = std::mem::take(&mut body.sections);
    let mut request = Request::update(task_type, id, Value::Object(sections));
    request.secret_paths = body.secret_paths.clone();
    request
}

/// `PUT _inference/{task_type}/{id}`: the service first, as in every
/// request example (elasticsearch-specification
/// `specification/inference/put/examples/`), then `body`'s sections.
pub fn create(
    task_type: TaskType,
    id: &str,
    service: &str,
    body: &Body,
    timeout: Option<&str>,
) -> Request {
    let mut json = Map::new();
    json.insert("service".into(), Value::String(service.to_string()));
    json.extend(body.sections.clone());
    let mut request = Request::create(task_type, id, Value::Object(json), timeout);
    request.secret_paths = body.secret_paths.clone();
    request
}
