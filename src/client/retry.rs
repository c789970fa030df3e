//! When to try a request again, and how long to wait first.
//!
//! Retried: a connection that could not be made (nothing was sent), and the
//! statuses that say "not now": 429 and 503 for every request; 502 and 504,
//! and a connection lost after sending, only for requests that can be
//! repeated without harm (reads and updates), because a gateway may have
//! passed a create or a delete on before failing. Never another 4xx, never
//! 500, never a timeout (the server may still be working on it).

use reqwest::StatusCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Why an answer is worth another try, if it is.
pub fn status_reason(status: StatusCode, idempotent: bool) -> Option<String> {
    let code = status.as_u16();
    let retry = match code {
        429 | 503 => true,
        502 | 504 => idempotent,
        _ => false,
    };
    retry.then(|| format!("HTTP {code}"))
}

/// Why a failed try is worth another, if it is.
pub fn transport_reason(err: &reqwest::Error, idempotent: bool) -> Option<String> {
    if is_tls_failure(err) {
        return None;
    }
    // Before a connection is made nothing was sent, even on a timeout.
    if err.is_connect() {
        return Some("cannot connect".into());
    }
    if err.is_timeout() {
        return None;
    }
    (idempotent && (err.is_request() || err.is_body() || err.is_decode()))
        .then(|| "connection lost".into())
}

/// The innermost cause of a transport error: what actually went wrong.
pub fn root_cause(err: &reqwest::Error) -> String {
    let mut root = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        root = s.to_string();
        source = s.source();
    }
    root
}

/// A refused certificate or a failed handshake (bytes that are not TLS
/// included): trying again will not change the certificate.
pub fn is_tls_failure(err: &reqwest::Error) -> bool {
    let root = root_cause(err).to_ascii_lowercase();
    [
        "certificate",
        "tls",
        "handshake",
        "alert",
        "corrupt message",
    ]
    .iter()
    .any(|word| root.contains(word))
}

/// Exponential backoff with jitter: about 0.25 s, 0.5 s, 1 s … capped at
/// 8 s, each drawn between half and all of that.
pub fn backoff(attempt: u32) -> Duration {
    let ceiling = Duration::from_millis(250) * 2u32.saturating_pow(attempt.min(5));
    let ceiling = ceiling.min(Duration::from_secs(8));
    let half = ceiling / 2;
    half + half.mul_f64(jitter())
}

/// A number in [0, 1) that differs between runs; no need for a random
/// number generator of cryptographic quality here.
fn jitter() -> f64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mixed =
        (u64::from(nanos) ^ u64::from(std::process::id())).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 11) as f64 / (1u64 << 53) as f64
}

/// `Retry-After` in seconds (the form Elasticsearch and proxies send); an
/// HTTP date is left to the backoff.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_statuses_are_retried() {
        for (code, idempotent, retried) in [
            (429, false, true),
            (503, false, true),
            (502, true, true),
            (502, false, false),
            (504, true, true),
            (504, false, false),
            (500, true, false),
            (404, true, false),
            (409, true, false),
        ] {
            let status = StatusCode::from_u16(code).unwrap();
            assert_eq!(
                status_reason(status, idempotent).is_some(),
                retried,
                "{code} {idempotent}"
            );
        }
    }

    #[test]
    fn backoff_grows_within_bounds() {
        for attempt in 0..10 {
            let wait = backoff(attempt);
            let ceiling =
                (Duration::from_millis(250) * 2u32.pow(attempt.min(5))).min(Duration::from_secs(8));
            assert!(
                wait >= ceiling / 2 && wait <= ceiling,
                "{attempt}: {wait:?}"
            );
        }
    }

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
    }
}
