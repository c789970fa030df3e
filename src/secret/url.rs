//! URLs as they may be shown: never with their userinfo, whether or not
//! they parse (`http://elastic:PW@localhost:99999`, a broken IPv6 host, no
//! scheme, a token alone before `@`).

use super::MASK;

/// The userinfo of a URL-like text, found without parsing it: everything
/// between the scheme (if any) and the last `@`. Cautious: an `@` in a path
/// counts too, as ES URLs have none.
pub fn userinfo(text: &str) -> Option<&str> {
    let rest = text.split_once("://").map_or(text, |(_, rest)| rest);
    rest.rfind('@').map(|at| &rest[..at])
}

/// `text` with its userinfo, if any, replaced by the mask.
pub fn shown(text: &str) -> String {
    match userinfo(text) {
        Some(info) => {
            let start = text.len() - text.split_once("://").map_or(text, |(_, r)| r).len();
            format!("{}{MASK}{}", &text[..start], &text[start + info.len()..])
        }
        None => text.to_string(),
    }
}

/// Register the userinfo of `text` (the whole, the user and the password,
/// and their percent-decoded forms) so that no other path shows it.
pub fn register_userinfo(text: &str) {
    let Some(info) = userinfo(text) else { return };
    let mut parts = vec![info.to_string()];
    if let Some((user, password)) = info.split_once(':') {
        parts.push(user.to_string());
        parts.push(password.to_string());
    }
    for part in parts {
        super::register(&decode(&part));
        super::register(&part);
    }
}

/// `%XX` decoded where it makes valid UTF-8; the text as is otherwise.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_is_never_shown() {
        for (url, expected) in [
            (
                "http://elastic:pw@localhost:99999",
                "http://****@localhost:99999",
            ),
            ("http://elastic:pw@[::1", "http://****@[::1"),
            ("elastic:pw@localhost:9200", "****@localhost:9200"),
            ("http://TOKEN@host/x", "http://****@host/x"),
            (
                "https://es.example:9243/prefix",
                "https://es.example:9243/prefix",
            ),
        ] {
            assert_eq!(shown(url), expected, "{url}");
        }
        assert_eq!(decode("p%40ss%zz"), "p@ss%zz");
    }
}
