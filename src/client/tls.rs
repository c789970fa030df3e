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
use rustls::sign::CertifiedKey;
use rustls::{DigitallySignedStruct, InconsistentKeys, RootCertStore, SignatureScheme};
use std::path::Path;
use std::sync::Arc;

use crate::connection::Connection;
use crate::error::Error;
use crate::limits::MAX_INPUT;

pub fn configure(builder: ClientBuilder, conn: &Connection) -> Result<ClientBuilder> {
    let mut builder = builder;
    let identity = match (&conn.client_cert, &conn.client_key) {
        (Some(cert), Some(key)) => Some(Identity::load(cert, key)?),
        (None, None) => None,
        _ => {
            return Err(Error::usage(
                "a client certificate needs both --client-cert and --client-key",
            ));
        }
    };
    if conn.base_url.scheme() == "http" {
        // Plain HTTP never uses TLS (redirects are not followed), so the
        // system's trust store, which is most of the start-up time, is not
        // loaded: an empty one stands in. A CA file given is still checked.
        if let Some(path) = &conn.ca_cert {
            ca_certificates(path)?;
        }
        return Ok(builder.tls_backend_preconfigured(no_roots_config()?));
    }
    if let Some(pin) = conn.ca_fingerprint {
        let config = pinned_config(pin, identity)?;
        return Ok(builder.tls_backend_preconfigured(config));
    }
    if let Some(path) = &conn.ca_cert {
        let certs = ca_certificates(path)?
            .iter()
            .map(|der| reqwest::Certificate::from_der(der))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| {
                Error::usage(format!(
                    "cannot use CA certificate {}: {e}; give a PEM file",
                    path.display()
                ))
            })?;
        builder = builder.tls_certs_only(certs);
    }
    if let Some(identity) = &identity {
        let id = reqwest::Identity::from_pem(&identity.pem)
            .map_err(|e| Error::usage(format!("cannot use {}: {e}", identity.names())))?;
        builder = builder.identity(id);
    }
    if conn.insecure {
        builder = builder.tls_danger_accept_invalid_certs(true);
    }
    Ok(builder)
}

/// A file, up to the input limit.
fn read(path: &Path, what: &str) -> Result<Vec<u8>> {
    let cannot =
        |why: String| Error::usage(format!("cannot read {what} {}: {why}", path.display()));
    crate::local_file::read(path, MAX_INPUT, crate::local_file::Pipe::Refused)
        .map_err(|why| cannot(why.to_string()))
}

/// The certificates of a CA file, each checked to be one a TLS library can
/// use: a corrupt one is the user's to fix (exit 2), not a set-up failure.
fn ca_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let shown = path.display();
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(&read(path, "CA certificate")?)
            .collect::<Result<_, _>>()
            .map_err(|e| {
                Error::usage(format!(
                    "CA certificate {shown} is not a PEM file ({e}): give Elasticsearch's \
                     http_ca.crt"
                ))
            })?;
    if certs.is_empty() {
        return Err(Error::usage(format!(
            "CA certificate {shown} holds no PEM certificate: give Elasticsearch's http_ca.crt"
        )));
    }
    for der in &certs {
        RootCertStore::empty().add(der.clone()).map_err(|e| {
            Error::usage(format!(
                "CA certificate {shown} holds a certificate that cannot be read ({}): give \
                 Elasticsearch's http_ca.crt",
                reason(&e)
            ))
        })?;
    }
    Ok(certs)
}

/// A client certificate and its key, read and checked to belong together.
struct Identity {
    cert_path: String,
    key_path: String,
    certs: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
    /// Both, as one PEM text (what reqwest takes).
    pem: Vec<u8>,
}

impl Identity {
    fn load(cert_path: &Path, key_path: &Path) -> Result<Identity> {
        let (cert_shown, key_shown) = (cert_path.display(), key_path.display());
        let cert_pem = read(cert_path, "client certificate")?;
        let key_pem = read(key_path, "client key")?;
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&cert_pem)
            .collect::<Result<_, _>>()
            .ok()
            .filter(|certs: &Vec<_>| !certs.is_empty())
            .ok_or_else(|| {
                Error::usage(format!(
                    "the client certificate {cert_shown} holds no PEM certificate"
                ))
            })?;
        let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|_| {
            Error::usage(format!(
                "the client key {key_shown} holds no PEM private key: give the key file"
            ))
        })?;
        let provider = rustls::crypto::aws_lc_rs::default_provider();
        let signer = provider
            .key_provider
            .load_private_key(key.clone_key())
            .map_err(|e| {
                Error::usage(format!(
                    "the client key {key_shown} cannot be used ({})",
                    reason(&e)
                ))
            })?;
        match CertifiedKey::new(certs.clone(), signer).keys_match() {
            Ok(()) | Err(rustls::Error::InconsistentKeys(InconsistentKeys::Unknown)) => {}
            Err(rustls::Error::InconsistentKeys(_)) => {
                return Err(Error::usage(format!(
                    "the client certificate {cert_shown} and the client key {key_shown} do not \
                     belong together: give the key the certificate was made for"
                )));
            }
            Err(e) => {
                return Err(Error::usage(format!(
                    "the client certificate {cert_shown} cannot be read ({})",
                    reason(&e)
                )));
            }
        }
        let pem = [cert_pem.as_slice(), b"\n", key_pem.as_slice()].concat();
        Ok(Identity {
            cert_path: cert_shown.to_string(),
            key_path: key_shown.to_string(),
            certs,
            key,
            pem,
        })
    }

    fn names(&self) -> String {
        format!(
            "the client certificate {} and key {}",
            self.cert_path, self.key_path
        )
    }
}

/// A certificate error without rustls's "invalid peer certificate", which
/// would be wrong for a file.
fn reason(err: &rustls::Error) -> String {
    match err {
        rustls::Error::InvalidCertificate(e) => format!("{e:?}"),
        other => other.to_string(),
    }
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

/// A TLS set-up that trusts nothing, for a client that never speaks TLS.
fn no_roots_config() -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| anyhow::anyhow!("cannot set up TLS: {e}"))?
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth())
}

fn pinned_config(pin: [u8; 32], identity: Option<Identity>) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| anyhow::anyhow!("cannot set up TLS: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PinnedCa { pin, provider }));
    Ok(match identity {
        None => builder.with_no_client_auth(),
        Some(identity) => {
            let names = identity.names();
            builder
                .with_client_auth_cert(identity.certs, identity.key)
                .map_err(|e| Error::usage(format!("cannot use {names}: {}", reason(&e))))?
        }
    })
}

/// Elastic's semantics for a CA fingerprint (Fleet's
/// `ca_trusted_fingerprint`,
/// <https://elastic.co/docs/reference/fleet/certificate-fingerprints>): the
/// certificate in the presented chain
/// whose SHA-256 matches becomes the one trusted CA, and the chain, expiry
/// and host name are then verified as usual.
#[derive(Debug)]
struct PinnedCa {
    pin: [u8; 32],
    provider: Arc<CryptoProvider>,
}

/// A signature check of `ServerCertVerifier`: rustls's own function of the
/// same name, with the provider's algorithms.
macro_rules! verify_signature {
    ($name:ident) => {
        fn $name(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, rustls::Error> {
            rustls::crypto::$name(message, cert, dss, self.algorithms())
        }
    };
}

impl PinnedCa {
    /// The signature algorithms the provider verifies.
    fn algorithms(&self) -> &rustls::crypto::WebPkiSupportedAlgorithms {
        &self.provider.signature_verification_algorithms
    }
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

    verify_signature!(verify_tls12_signature);
    verify_signature!(verify_tls13_signature);

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms().supported_schemes()
    }
}
