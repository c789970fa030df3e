//! An `https://` URL pointed at a plain-HTTP port. The TLS handshake then
//! fails in ways that read like a certificate problem (the server hangs up,
//! or answers bytes that are not TLS); one plain request to the same port
//! tells the two apart.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// Whether a failed handshake never got a TLS message from the server:
/// bytes that are not TLS, or a hang-up. A certificate error or an alert
/// means the server spoke TLS (a proxy such as nginx also answers plain
/// HTTP on its TLS port, so the probe alone would mislead).
pub fn not_tls(root_cause: &str) -> bool {
    let lower = root_cause.to_ascii_lowercase();
    lower.contains("corrupt message") || lower.contains("handshake eof")
}

/// Whether the server at `url` answers a plain HTTP request. Asked only
/// after a failed handshake; the request carries no credentials.
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
