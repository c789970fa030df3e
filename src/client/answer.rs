//! Reading an answer: the status, the headers that matter, and a body of
//! at most `limits::MAX_ANSWER` bytes, whatever the server sends.

use crate::error::Error;
use crate::limits::{self, MAX_ANSWER};

/// What one try brought back.
pub(super) struct Answer {
    pub status: reqwest::StatusCode,
    pub product: Option<String>,
    pub location: Option<String>,
    pub retry_after: Option<std::time::Duration>,
    /// A `WWW-Authenticate` challenge came with it: the server (or a proxy)
    /// asks for credentials, as Elasticsearch's security does with a 401.
    pub challenge: bool,
    pub text: String,
    /// The body was larger than the limit: `text` is empty.
    pub too_large: bool,
}

/// Read `response` through a capped sink: a huge or endless body costs at
/// most the limit in memory, and one announced as larger is not read.
pub(super) fn read(mut response: reqwest::blocking::Response) -> Result<Answer, reqwest::Error> {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let product = header("x-elastic-product");
    let location = header("location");
    let retry_after = header("retry-after").and_then(|v| super::retry::parse_retry_after(&v));
    let challenge = response.headers().contains_key("www-authenticate");
    let announced = response.content_length();
    let mut body = limits::Capped::new(MAX_ANSWER, announced);
    let too_large = announced.is_some_and(|n| n > MAX_ANSWER)
        || match response.copy_to(&mut body) {
            Ok(_) => false,
            Err(_) if body.over() => true,
            Err(e) => return Err(e),
        };
    Ok(Answer {
        status: response.status(),
        product,
        location,
        retry_after,
        challenge,
        text: if too_large {
            String::new()
        } else {
            body.into_text()
        },
        too_large,
    })
}

/// The error for a body larger than the limit: still the HTTP error it
/// was (exit 4 or 5), or, for a success, a failure that says what was not
/// read (`written` tells whether a write may have been applied).
pub(super) fn too_large(url: &str, status: reqwest::StatusCode, written: &str) -> anyhow::Error {
    let limit = limits::show(MAX_ANSWER);
    if status.is_success() {
        return anyhow::anyhow!(
            "{url} answered HTTP {} with a body larger than the limit of {limit}, which infer \
             does not read; check that the URL points at Elasticsearch{written}",
            status.as_u16()
        );
    }
    Error::Http {
        status: status.as_u16(),
        message: format!(
            "HTTP {} {} (not shown: the body is larger than the limit of {limit})",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        ),
    }
    .into()
}
