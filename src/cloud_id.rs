//! Elastic Cloud IDs, decoded as the official clients do
//! (elastic-transport-python's `parse_cloud_id` in `elastic_transport/client_utils.py`).

use base64::Engine;

/// The Elasticsearch URL a Cloud ID names, or the clients' error text.
pub fn decode(cloud_id: &str) -> Result<String, String> {
    const BAD: &str = "Cloud ID is not properly formatted";
    // 1. `name:` prefix is mandatory; split on the first colon.
    let (_, encoded) = cloud_id.split_once(':').ok_or(BAD)?;
    if encoded.is_empty() {
        return Err(BAD.into());
    }
    // 2. Standard base64, then `parent_dn$es_uuid$kibana_uuid?`.
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| BAD)?;
    let decoded = String::from_utf8(bytes).map_err(|_| BAD)?;
    let mut parts = decoded.split('$');
    let parent = parts.next().unwrap_or_default();
    if parent.is_empty() {
        return Err(BAD.into());
    }
    let es_uuid = parts
        .next()
        .filter(|s| !s.is_empty())
        .ok_or("Cloud ID missing host and port information for Elasticsearch")?;
    // 3. A port after the parent's last colon, else 443.
    let (host, port) = match parent.rsplit_once(':') {
        Some((host, port)) => (host, port.parse::<u16>().map_err(|_| BAD)?),
        None => (parent, 443),
    };
    // 4. https://<es_uuid>.<parent_dn>:<port>, where the host must be a
    // plain host name: a `/`, `@`, `?` or `#` would send the request, and
    // the credentials, somewhere else than the name suggests.
    let full = format!("{es_uuid}.{host}");
    if !is_plain_host(&full) {
        return Err(format!(
            "it names the host '{full}', which is not a plain host name"
        ));
    }
    Ok(format!("https://{full}:{port}"))
}

/// Dot-separated labels of ASCII letters, digits and `-`.
fn is_plain_host(name: &str) -> bool {
    name.len() <= 253
        && name.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::decode;

    // Worked examples, which elastic-transport-python 9.4.2's `parse_cloud_id`
    // decodes to the same URLs.
    #[test]
    fn decodes_the_reference_examples() {
        for (id, url) in [
            (
                "my-deployment:ZXUtY2VudHJhbC0xLmF3cy5jbG91ZC5lcy5pbyRjZWM2ZjI2MWE3NGJmMjRjZTMzYmI4ODExYjg0Mjk0ZiRjNmMyY2E2ZDA0MjI0OWFmMGNjN2Q3YTllOTYyNTc0Mw==",
                "https://cec6f261a74bf24ce33bb8811b84294f.eu-central-1.aws.cloud.es.io:443",
            ),
            (
                "x:dXMtZWFzdC0xLmF3cy5mb3VuZC5pbzo5MjQzJGFiYzEyMyRkZWY0NTY=",
                "https://abc123.us-east-1.aws.found.io:9243",
            ),
        ] {
            assert_eq!(decode(id).unwrap(), url);
        }
    }

    #[test]
    fn rejects_what_the_clients_reject() {
        let bare = "ZXUtY2VudHJhbC0xLmF3cy5jbG91ZC5lcy5pbyRjZWM2ZjI2MWE3NGJmMjRjZTMzYmI4ODExYjg0Mjk0ZiRjNmMyY2E2ZDA0MjI0OWFmMGNjN2Q3YTllOTYyNTc0Mw==";
        for (id, reason) in [
            (bare, "Cloud ID is not properly formatted"),
            // base64("host.example")
            (
                "x:aG9zdC5leGFtcGxl",
                "Cloud ID missing host and port information for Elasticsearch",
            ),
            ("x:!!!", "Cloud ID is not properly formatted"),
        ] {
            assert_eq!(decode(id).unwrap_err(), reason, "{id}");
        }
    }

    #[test]
    fn the_host_must_be_a_plain_host_name() {
        use base64::Engine;
        let encode = |s: &str| format!("x:{}", base64::engine::general_purpose::STANDARD.encode(s));
        for bad in [
            "h.example/x$a$b",
            "h.example$a@b$c",
            "h.example?$a$b",
            "h..example$a$b",
        ] {
            assert!(
                decode(&encode(bad))
                    .unwrap_err()
                    .ends_with("which is not a plain host name"),
                "{bad}"
            );
        }
        assert_eq!(
            decode(&encode("h-1.example:9243$a-b$c")).unwrap(),
            "https://a-b.h-1.example:9243"
        );
    }
}
