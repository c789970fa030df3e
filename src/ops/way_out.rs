//! What to do when a setting cannot change on an endpoint: make a new
//! endpoint from it with the new value, and point the index at that one.

use serde_json::Value;

use crate::services;

/// What to do instead of changing `keys` of the `stored` endpoint `id`: a
/// new endpoint made from it, with the new values (`:=` where the stored
/// value is no string) and the secrets its service needs, which the index
/// is then pointed at.
pub fn way_out(id: &str, stored: Option<&Value>, keys: &[&str]) -> String {
    let sets: Vec<String> = keys
        .iter()
        .map(|k| {
            let value = stored
                .and_then(|s| s.get("service_settings"))
                .and_then(|s| s.get(k));
            let op = if value.is_some_and(|v| !v.is_string()) {
                ":="
            } else {
                "="
            };
            format!("--set service_settings.{k}{op}NEW_VALUE")
        })
        .collect();
    let service = stored.map_or("", crate::stored::service);
    let secrets = match services::secret_kinds(service).first() {
        Some(kind) if !service.is_empty() => format!(
            " (and its secret{}, e.g. {})",
            if kind.len() > 1 { "s" } else { "" },
            kind.iter()
                .map(|f| format!("--secret-env {f}=VAR"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Some(_) => " (and its secret, e.g. --secret-env api_key=VAR)".to_string(),
        None => String::new(),
    };
    format!(
        "Create a new endpoint with the new value and point your index at it: infer create \
         NEW_ID --from {id} {}{secrets}",
        sets.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::way_out;
    use serde_json::json;

    #[test]
    fn the_way_out_names_what_the_service_needs() {
        let elser = json!({"service": "elasticsearch", "service_settings": {"num_threads": 1}});
        let text = way_out("e", Some(&elser), &["num_threads"]);
        assert!(
            text.ends_with("--set service_settings.num_threads:=NEW_VALUE"),
            "{text}"
        );
        let oci = json!({"service": "ocigenai", "service_settings": {"region": "r"}});
        let text = way_out("o", Some(&oci), &["region"]);
        assert!(text.contains("--set service_settings.region=NEW_VALUE (and its secrets, e.g. --secret-env tenancy_id=VAR --secret-env user_id=VAR"), "{text}");
    }
}
