//! TLS: rustls with the platform's roots by default, a given CA bundle
//! (Elasticsearch's `http_ca.crt`) instead of them, or no verification at all.

use anyhow::Result;
use reqwest::blocking::ClientBuilder;

use crate::connection::Connection;
use crate::error::{self, Error};

pub fn configure(builder: ClientBuilder, conn: &Connection) -> Result<ClientBuilder> {
    let mut builder = builder;
    if let Some(path) = &conn.ca_cert {
        let shown = path.display();
        let pem = std::fs::read(path).map_err(|e| {
            Error::usage(format!(
                "cannot read CA certificate {shown}: {}",
                error::io_reason(&e)
            ))
        })?;
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
    if conn.insecure {
        builder = builder.tls_danger_accept_invalid_certs(true);
    }
    Ok(builder)
}
