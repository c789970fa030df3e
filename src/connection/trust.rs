//! What to trust, as plain data: a CA file, a CA's fingerprint, or
//! nothing (`insecure`), and the client certificate. `client/tls.rs` builds
//! the TLS set-up from it.

use anyhow::Result;
use std::path::PathBuf;

use super::layers::Layers;
use super::origin::Origin;
use super::{name_of, not_yes_or_no};
use crate::config;
use crate::error::Error;

/// How the server is trusted, and the client certificate.
pub(super) struct Trust {
    pub ca_cert: Option<PathBuf>,
    pub ca_fingerprint: Option<[u8; 32]>,
    pub client_cert: Option<PathBuf>,
    pub client_key: Option<PathBuf>,
    pub insecure: bool,
}

pub(super) fn resolve_trust(
    layers: &Layers,
    shown: &mut Vec<(&'static str, String, Origin)>,
) -> Result<Trust> {
    let mut path = |key: &'static str| {
        layers.first(key).map(|g| {
            shown.push((key, g.text.clone(), g.origin.clone()));
            config::expand_home(&g.text)
        })
    };
    // ES_INSECURE is checked by clap; its Terraform twin here.
    if let Ok(value) = std::env::var("ELASTICSEARCH_INSECURE")
        && !matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "" | "true" | "1" | "yes" | "on" | "false" | "0" | "no" | "off"
        )
    {
        return Err(Error::usage(not_yes_or_no(
            "ELASTICSEARCH_INSECURE",
            &value,
        )));
    }
    // One way to trust the server, the one given at the highest level.
    let trust = layers.one_of(
        &[&["ca_cert"], &["ca_fingerprint"], &["insecure"]],
        "way to trust the server's certificate",
    )?;
    let trust = trust.map(|(i, _)| i);
    let ca_cert = if trust == Some(0) {
        path("ca_cert")
    } else {
        None
    };
    let client_cert = path("client_cert");
    let client_key = path("client_key");
    let ca_fingerprint = match trust {
        Some(1) => layers
            .first("ca_fingerprint")
            .map(|g| {
                shown.push(("ca_fingerprint", g.text.clone(), g.origin.clone()));
                parse_fingerprint(&g.text)
                    .map_err(|e| Error::usage(format!("{}: {e}", name_of(&g))))
            })
            .transpose()?,
        _ => None,
    };
    let insecure = trust == Some(2);
    if let Some(g) = layers.first("insecure").filter(|_| insecure) {
        shown.push(("insecure", "true".into(), g.origin));
    }
    Ok(Trust {
        ca_cert,
        ca_fingerprint,
        client_cert,
        client_key,
        insecure,
    })
}

/// A SHA-256 fingerprint as Elasticsearch prints it at first start: 64 hex
/// digits, colons and case ignored (as elasticsearch-py's `ssl_assert_fingerprint`
/// in elastic-transport-python's `_node/_http_urllib3.py`).
pub fn parse_fingerprint(text: &str) -> Result<[u8; 32], String> {
    let hex: String = text
        .chars()
        .filter(|c| *c != ':' && !c.is_whitespace())
        .collect();
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect();
    bytes
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| {
            format!(
                "'{text}' is not a SHA-256 fingerprint: give its 64 hex digits (colons allowed), \
                 as Elasticsearch prints them at first start"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_accept_colons_and_either_case() {
        let plain = "a1".repeat(32);
        let colons = vec!["A1"; 32].join(":");
        assert_eq!(parse_fingerprint(&plain).unwrap(), [0xa1; 32]);
        assert_eq!(parse_fingerprint(&colons).unwrap(), [0xa1; 32]);
        assert!(parse_fingerprint(&"a1".repeat(20)).is_err(), "SHA-1 length");
        assert!(parse_fingerprint(&"zz".repeat(32)).is_err());
        assert!(parse_fingerprint(&format!("{plain}0")).is_err());
    }
}
