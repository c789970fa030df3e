//! TLS: rustls with the platform's roots by default; a given CA bundle
//! (Elasticsearch's `http_ca.crt`) instead; a CA pinned by its SHA-256
//! fingerprint; a client certificate; or no verification at all.

use anyhow::Result;
use reqwest::blocking::ClientBuilder;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::Path;
use std::sync::Arc;

use crate::connection::Connection;
use crate::error::{self, Error};

pub fn configure(builder: ClientBuilder, conn: &Connection) -> Result<ClientBuilder> {
    let mut builder = builder;
    let identity = match (&conn.client_cert, &conn.client_key) {
        (Some(cert), Some(key)) => {
            Some((read(cert, "client certificate")?, read(key, "client key")?))
        }
        (None, None) => None,
        _ => {
            return Err(Error::usage(
                "a client certificate needs both --client-cert and --client-key",
            ));
        }
    };
    if let Some(pin) = conn.ca_fingerprint {
        let config = pinned_config(pin, identity.as_ref())?;
        return Ok(builder.tls_backend_preconfigured(config));
    }
    if let Some(path) = &conn.ca_cert {
        let pem = read(path, "CA certificate")?;
        let shown = path.display();
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            Error::usage(format!(
                "cannot use CA certificate {shown}: {e}; give a PEM file"
            ))
        })?;
        if certs.is_empty() {
            return Err(Error::usage(format!(
                "CA certificate {shown} holds no PEM certificate: give Elasticsearch's http_ca.crt"
            )));
        }
        builder = builder.tls_certs_only(certs);
    }
    if let Some((cert, key)) = &identity {
        let pem = [cert.as_slice(), b"\n", key.as_slice()].concat();
        let id = reqwest::Identity::from_pem(&pem).map_err(|e| {
            Error::usage(format!(
                "cannot use the client certificate and key: {e}; give PEM files"
            ))
        })?;
        builder = builder.identity(id);
    }
    if conn.insecure {
        builder = builder.tls_danger_accept_invalid_certs(true);
    }
    Ok(builder)
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::usage(format!(
            "cannot read {what} {}: {}",
            path.display(),
            error::io_reason(&e)
        ))
    })
}

/// A SHA-256 fingerprint as Elasticsearch prints it at first start: 64 hex
/// digits, colons and case ignored (ref 11).
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

fn show_fingerprint(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn sha256(der: &[u8]) -> Vec<u8> {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, der)
        .as_ref()
        .to_vec()
}

fn pinned_config(
    pin: [u8; 32],
    identity: Option<&(Vec<u8>, Vec<u8>)>,
) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| anyhow::anyhow!("cannot set up TLS: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PinnedCa { pin, provider }));
    Ok(match identity {
        None => builder.with_no_client_auth(),
        Some((cert, key)) => {
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(cert)
                .collect::<Result<_, _>>()
                .map_err(|e| Error::usage(format!("cannot read the client certificate: {e}")))?;
            let key = PrivateKeyDer::from_pem_slice(key)
                .map_err(|e| Error::usage(format!("cannot read the client key: {e}")))?;
            builder
                .with_client_auth_cert(certs, key)
                .map_err(|e| Error::usage(format!("cannot use the client certificate: {e}")))?
        }
    })
}

/// Elastic's semantics for a CA fingerprint (Fleet's
/// `ca_trusted_fingerprint`, ref 11): the certificate in the presented chain
/// whose SHA-256 matches becomes the one trusted CA, and the chain, expiry
/// and host name are then verified as usual.
#[derive(Debug)]
struct PinnedCa {
    pin: [u8; 32],
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for PinnedCa {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let chain: Vec<&CertificateDer<'_>> =
            std::iter::once(end_entity).chain(intermediates).collect();
        let Some(ca) = chain.iter().find(|c| sha256(c) == self.pin) else {
            let presented: Vec<String> =
                chain.iter().map(|c| show_fingerprint(&sha256(c))).collect();
            return Err(rustls::Error::General(format!(
                "no certificate the server presented matches --ca-fingerprint {}; it presented \
                 {} certificate(s) with SHA-256 {} (the CA must be among them)",
                show_fingerprint(&self.pin),
                presented.len(),
                presented.join(", ")
            )));
        };
        let mut roots = RootCertStore::empty();
        roots.add(CertificateDer::from(ca.to_vec()))?;
        let verifier =
            WebPkiServerVerifier::builder_with_provider(Arc::new(roots), self.provider.clone())
                .build()
                .map_err(|e| rustls::Error::General(e.to_string()))?;
        verifier.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
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
