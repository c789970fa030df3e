//! The forms a secret can take on its way back to infer: what a server, a
//! proxy or infer's own rendering may turn it into. Each form is masked
//! wherever it shows (`scrub.rs`).

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};

/// Forms shorter than this are not masked: they would mask ordinary text.
pub const MIN_FORM: usize = 4;

/// Every form of `secret`, the raw text first, without duplicates.
pub fn of(secret: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |form: String| {
        if form.chars().count() >= MIN_FORM && !out.contains(&form) {
            out.push(form);
        }
    };
    push(secret.to_string());
    push(secret.trim().to_string());
    for form in json(secret) {
        push(form);
    }
    for form in number(secret) {
        push(form);
    }
    for form in base64(secret.as_bytes()) {
        push(form);
    }
    for form in percent(secret) {
        push(form);
    }
    for form in html(secret) {
        push(form);
    }
    for form in rare(secret) {
        push(form);
    }
    out
}

/// Rarer encodings a server, a proxy or a log may show a secret in: its
/// bytes in hex (lower and upper case), each character as an HTML numeric
/// reference (decimal, hex), each character as a JSON `\uXXXX` escape
/// (lower and upper case hex).
fn rare(secret: &str) -> Vec<String> {
    let bytes = secret.as_bytes();
    let hex_lower: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let hex_upper = hex_lower.to_ascii_uppercase();
    let decimal: String = secret
        .chars()
        .map(|c| format!("&#{};", u32::from(c)))
        .collect();
    let hex_ref: String = secret
        .chars()
        .map(|c| format!("&#x{:x};", u32::from(c)))
        .collect();
    let hex_ref_upper: String = secret
        .chars()
        .map(|c| format!("&#x{:X};", u32::from(c)))
        .collect();
    let mut units = Vec::new();
    for c in secret.chars() {
        let mut buf = [0u16; 2];
        units.extend_from_slice(c.encode_utf16(&mut buf));
    }
    let escaped: String = units.iter().map(|u| format!("\\u{u:04x}")).collect();
    let escaped_upper: String = units.iter().map(|u| format!("\\u{u:04X}")).collect();
    vec![
        hex_lower,
        hex_upper,
        decimal,
        hex_ref,
        hex_ref_upper,
        escaped,
        escaped_upper,
    ]
}

/// Every window of `WINDOW` characters of the base64 (both alphabets, the
/// three alignments) of `secret`: a server or a proxy that cuts an encoded
/// credential anywhere (a header shown in part) shows windows of it that
/// touch neither end. Any piece of `WINDOW` characters or more of the
/// encoded secret holds one, wherever the cut falls; pieces that touch an
/// end are caught from 8 characters by the whole forms (`scrub::CUT`).
pub fn base64_windows(secret: &str) -> Vec<String> {
    let mut out = Vec::new();
    for form in base64(secret.as_bytes()) {
        let chars: Vec<char> = form.trim_end_matches('=').chars().collect();
        for window in chars.windows(WINDOW) {
            out.push(window.iter().collect());
        }
    }
    out
}

/// The length of the base64 windows masked wherever they show: 12
/// characters encode 9 bytes, too many to be found by chance in ordinary
/// text, few enough to catch a short cut.
pub const WINDOW: usize = 12;

/// JSON string escapes, as encoders write them: short escapes or `\u00XX`
/// for control characters, lower or upper case hex, non-ASCII raw or as
/// `\uXXXX`, `/` raw or as `\/`; and escaped twice (a request quoted inside
/// an error's reason, shown by `-v` as JSON).
fn json(secret: &str) -> Vec<String> {
    let mut out = Vec::new();
    for bits in 0..16u8 {
        out.push(json_escape(
            secret,
            Escape {
                short: bits & 1 == 0,
                upper: bits & 2 != 0,
                ascii: bits & 4 != 0,
                slash: bits & 8 != 0,
            },
        ));
    }
    let once = json_escape(secret, Escape::SERDE);
    out.push(json_escape(&once, Escape::SERDE));
    // Encoders that escape more: Go's (`<`, `>`, `&`, U+2028/9), and
    // everything but letters and digits.
    out.push(
        once.replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029"),
    );
    for upper in [false, true] {
        let mut all = String::new();
        for c in secret.chars() {
            if c.is_ascii_alphanumeric() {
                all.push(c);
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    all.push_str(&if upper {
                        format!("\\u{unit:04X}")
                    } else {
                        format!("\\u{unit:04x}")
                    });
                }
            }
        }
        out.push(all);
    }
    out
}

#[derive(Clone, Copy)]
struct Escape {
    short: bool,
    upper: bool,
    ascii: bool,
    slash: bool,
}

impl Escape {
    const SERDE: Escape = Escape {
        short: true,
        upper: false,
        ascii: false,
        slash: false,
    };
}

fn json_escape(text: &str, how: Escape) -> String {
    let hex = |unit: u32| {
        if how.upper {
            format!("\\u{unit:04X}")
        } else {
            format!("\\u{unit:04x}")
        }
    };
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if how.slash => out.push_str("\\/"),
            '\n' if how.short => out.push_str("\\n"),
            '\r' if how.short => out.push_str("\\r"),
            '\t' if how.short => out.push_str("\\t"),
            '\u{8}' if how.short => out.push_str("\\b"),
            '\u{c}' if how.short => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&hex(c as u32)),
            c if how.ascii && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&hex(u32::from(*unit)));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A secret that reads as a number (`--set service_settings.api_key:=…`)
/// may come back as a server renders numbers: `4.815162342481516E15`.
fn number(secret: &str) -> Vec<String> {
    let text = secret.trim();
    if !text.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        return Vec::new();
    }
    let Ok(value) = text.parse::<f64>() else {
        return Vec::new();
    };
    if !value.is_finite() {
        return Vec::new();
    }
    let plain = format!("{value}");
    let scientific = format!("{value:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let mantissa = if mantissa.contains('.') {
        mantissa.to_string()
    } else {
        format!("{mantissa}.0")
    };
    let mut out = vec![
        format!("{mantissa}E{exponent}"),
        format!("{mantissa}e{exponent}"),
        format!("{mantissa}e+{exponent}"),
        scientific.clone(),
    ];
    if !plain.contains('.') {
        out.push(format!("{plain}.0"));
    }
    out.push(plain);
    out
}

/// Base64 of the secret wherever it sits in the encoded data: the
/// characters that only the secret's bytes decide, at each of the three
/// alignments, in both alphabets. A credential pair (`ID:KEY`,
/// `user:password`) is encoded whole, with the secret at some offset.
fn base64(bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for offset in 0..3usize {
        let mut data = vec![0u8; offset];
        data.extend_from_slice(bytes);
        for engine in [&STANDARD, &URL_SAFE] {
            let encoded = engine.encode(&data);
            // The first group also holds bytes before the secret.
            let skip = if offset == 0 { 0 } else { 4 };
            if let Some(form) = encoded.get(skip..)
                && form.len() >= 8
            {
                out.push(form.to_string());
            }
        }
    }
    out
}

/// Percent-encoded, as in a URL or a form: every byte but the unreserved
/// ones, upper and lower case hex, `+` for a space; and as the URL parser
/// writes a password.
fn percent(secret: &str) -> Vec<String> {
    let encode = |lower: bool, plus: bool, keep: &[u8]| {
        let mut out = String::new();
        for byte in secret.bytes() {
            if byte.is_ascii_alphanumeric() || keep.contains(&byte) {
                out.push(char::from(byte));
            } else if byte == b' ' && plus {
                out.push('+');
            } else if lower {
                out.push_str(&format!("%{byte:02x}"));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    };
    // Encoders keep different marks: RFC 3986's unreserved ones, Java's
    // URLEncoder's, none.
    let unreserved = b"-._~";
    let mut out = vec![
        encode(false, false, unreserved),
        encode(true, false, unreserved),
        encode(false, true, b"-._*"),
        encode(false, false, b""),
        encode(true, false, b""),
    ];
    if let Ok(mut url) = reqwest::Url::parse("http://h/")
        && url.set_password(Some(secret)).is_ok()
        && let Some(password) = url.password()
    {
        out.push(password.to_string());
    }
    out
}

/// HTML-escaped, as a proxy's error page may quote it: the markup
/// characters only, or quotes too.
fn html(secret: &str) -> Vec<String> {
    let markup = secret
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let quotes = markup.replace('"', "&quot;").replace('\'', "&#39;");
    vec![markup, quotes]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_a_secret() {
        let forms = of("a\"b\nc/é-SECRET");
        for expected in [
            "a\"b\nc/é-SECRET",
            r#"a\"b\nc/é-SECRET"#,
            r#"a\"b\nc\/\u00e9-SECRET"#,
            r#"a\"b\u000Ac/\u00E9-SECRET"#,
            r#"a\\\"b\\nc/é-SECRET"#,
            "a%22b%0Ac%2F%C3%A9-SECRET",
            "a&quot;b\nc/é-SECRET",
        ] {
            assert!(
                forms.contains(&expected.to_string()),
                "{expected}: {forms:?}"
            );
        }
        // The rarer encodings.
        let rare = of("pw-1é");
        for expected in [
            "70772d31c3a9",
            "70772D31C3A9",
            "&#112;&#119;&#45;&#49;&#233;",
            "&#x70;&#x77;&#x2d;&#x31;&#xe9;",
            r"\u0070\u0077\u002d\u0031\u00e9",
        ] {
            assert!(rare.contains(&expected.to_string()), "{expected}: {rare:?}");
        }
        let windows = base64_windows("hunter2-long-secret");
        let header = STANDARD.encode("elastic:hunter2-long-secret");
        let middle = &header[12..24];
        assert!(windows.contains(&middle.to_string()), "{middle}");
        let numbers = of("4815162342481516");
        assert!(numbers.contains(&"4.815162342481516E15".to_string()));
        assert!(numbers.contains(&"4815162342481516.0".to_string()));
        // base64("elastic:hunter2-long") holds the password's own characters.
        let pair = STANDARD.encode("elastic:hunter2-long");
        assert!(
            of("hunter2-long").iter().any(|f| pair.contains(f.as_str())),
            "{pair}"
        );
    }
}
