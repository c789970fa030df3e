//! What a failed TLS handshake means. An `https://` URL pointed at a
//! plain-HTTP port fails in ways that read like a certificate problem (the
//! server hangs up, or answers bytes that are not TLS); one plain request
//! to the same port, without credentials, tells the two apart. A server
//! that ends the handshake with an alert said why (RFC 8446 section 6.2);
//! only a certificate the client refused is a matter of trust.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// How a TLS handshake failed, as the root cause's text tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handshake {
    /// No TLS message came back: a hang-up (`tls handshake eof`) or bytes
    /// that are not TLS (rustls's `corrupt message`). A certificate error
    /// or an alert means the server spoke TLS (a proxy such as nginx also
    /// answers plain HTTP on its TLS port, so the probe alone would
    /// mislead).
    Closed,
    /// The server's alert refuses the client's certificate, or its absence:
    /// `certificate_required` (TLS 1.3), `bad_certificate`, `unknown_ca`
    /// (RFC 8446 section 6.2).
    ClientCertificate,
    /// The server's alert says no TLS version (`protocol_version`) or
    /// security level (`insufficient_security`) in common.
    Version,
    /// `handshake_failure`: no parameters in common, or, from some servers
    /// (TLS 1.2), a client certificate that was required and not sent.
    Refused,
    /// Anything else: the server's certificate (trust, name, expiry).
    Certificate,
}

/// The kind of a failed handshake whose root cause reads `root_cause`.
pub fn handshake(root_cause: &str) -> Handshake {
    let lower = root_cause.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["corrupt message", "handshake eof"]) {
        Handshake::Closed
    } else if has(&[
        "certificaterequired",
        "unknownca",
        "bad_certificate",
        "badcertificate",
    ]) {
        Handshake::ClientCertificate
    } else if has(&["protocolversion", "insufficientsecurity"]) {
        Handshake::Version
    } else if has(&["handshakefailure"]) {
        Handshake::Refused
    } else {
        Handshake::Certificate
    }
}

/// Whether the server at `url` answers a plain HTTP request: one
/// `HEAD / HTTP/1.0`, asked only after a handshake that got no TLS back.
/// It carries no credentials, whatever the connection holds: the port is
/// not yet known to be the server meant.
pub fn answers_plain_http(url: &reqwest::Url) -> bool {
    let (Some(host), Some(port)) = (url.host_str(), url.port_or_known_default()) else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let limit = Duration::from_secs(2);
    let Some(addr) = (host, port)
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
    else {
        return false;
    };
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, limit) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(limit));
    let _ = stream.set_write_timeout(Some(limit));
    let request = format!("HEAD / HTTP/1.0\r\nHost: {host}\r\n\r\n");
    let mut start = [0u8; 5];
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_exact(&mut start).is_ok()
        && &start == b"HTTP/"
}
