//! Property tests of the masking invariant: whatever the secret (8
//! characters or more: any unicode, quotes, newlines, digits only) and
//! whatever output embeds it in any form a server or infer may give it
//! (raw, JSON-escaped, escaped twice, number text, base64 alone or in a
//! credential pair, percent-encoded, HTML), cut or not by the excerpt or
//! the `-v` limit, the masked output holds no piece of it of 8 characters
//! or more.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use proptest::prelude::*;

use super::Scrubber;
use super::scrub::CUT;

/// Cases per property; every case tries every form (`FORMS`).
pub const CASES: u32 = 1000;

/// Secrets: any unicode, JSON's special characters, digits only.
fn secret() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{8,40}",
        "[a-zA-Z0-9\"\\\\\n\t /<>&%+=:'-]{8,40}",
        "[0-9]{8,20}",
        any::<String>().prop_filter("8 characters or more", |s| s.chars().count() >= 8),
    ]
}

/// Text around the secret: anything.
fn context() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{0,60}", any::<String>(), "[ <>a-z\n]{0,30}"]
}

/// Every 8-character piece of `text`.
fn pieces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(CUT).map(|w| w.iter().collect()).collect()
}

fn holds_a_piece(output: &str, of: &str) -> Option<String> {
    pieces(of).into_iter().find(|p| output.contains(p.as_str()))
}

/// How many forms each case embeds.
pub const FORMS: usize = 10;

/// The secret as each form embeds it: `(text in the output, text whose
/// pieces must not show)`.
fn embedded(secret: &str, user: &str) -> Vec<(String, String)> {
    let json = serde_json::to_string(secret).unwrap_or_default();
    let json = json[1..json.len() - 1].to_string();
    let twice = serde_json::to_string(&json).unwrap_or_default();
    let twice = twice[1..twice.len() - 1].to_string();
    // Jackson with non-ASCII escaped: short escapes, `\uXXXX` upper case.
    let ascii: String = secret
        .chars()
        .map(|c| match c {
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            '\n' => "\\n".to_string(),
            '\t' => "\\t".to_string(),
            '\r' => "\\r".to_string(),
            c if c.is_ascii() && !c.is_ascii_control() => c.to_string(),
            c => c
                .encode_utf16(&mut [0u16; 2])
                .iter()
                .map(|u| format!("\\u{u:04X}"))
                .collect(),
        })
        .collect();
    // Every character but letters and digits as `\uxxxx`.
    let all: String = secret
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                c.encode_utf16(&mut [0u16; 2])
                    .iter()
                    .map(|u| format!("\\u{u:04x}"))
                    .collect()
            }
        })
        .collect();
    let alone = STANDARD.encode(secret);
    // In a pair the first group also holds the user's bytes: the rest is
    // the secret's alone.
    let pair = STANDARD.encode(format!("{user}:{secret}"));
    let first = (user.len() + 1) / 3 * 4 + 4;
    let pair_secret = pair.get(first.min(pair.len())..).unwrap_or("").to_string();
    let percent: String = secret
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let number = secret
        .parse::<f64>()
        .ok()
        .filter(|_| secret.chars().all(|c| c.is_ascii_digit()))
        .map_or(secret.to_string(), |f| {
            format!("{f:e}").replacen('e', ".0E", usize::from(!format!("{f:e}").contains('.')))
        });
    let html = secret
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    vec![
        (secret.to_string(), secret.to_string()),
        (json.clone(), json),
        (twice.clone(), twice),
        (ascii.clone(), ascii),
        (all.clone(), all),
        (alone.clone(), alone),
        (pair, pair_secret),
        (percent.clone(), percent),
        (number.clone(), number),
        (html.clone(), html),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn no_form_of_a_secret_survives_masking(
        secret in secret(),
        before in context(),
        after in context(),
        user in "[a-z]{1,12}",
        cut in 0usize..400,
    ) {
        let mut scrubber = Scrubber::new();
        scrubber.add(&secret);
        let forms = embedded(&secret, &user);
        prop_assert_eq!(forms.len(), FORMS);
        for (shown, guarded) in forms {
            let around = format!("{before}{after}");
            // Text that holds a piece by itself is not the secret's doing.
            prop_assume!(holds_a_piece(&around, &secret).is_none());
            prop_assume!(holds_a_piece(&around, &guarded).is_none());
            prop_assume!(holds_a_piece(&super::shorten(&around), &secret).is_none());
            let text = format!("{before}{shown}{after}");
            let masked = scrubber.scrub(&text);
            // Whole, cut by the -v limit, and as the excerpt shows it.
            let limited: String = masked.chars().take(cut).collect();
            let excerpt = super::shorten(&masked);
            for output in [&masked, &limited, &excerpt] {
                prop_assert_eq!(holds_a_piece(output, &secret), None, "in {:?}", output);
                prop_assert_eq!(holds_a_piece(output, &guarded), None, "in {:?}", output);
            }
        }
    }

    #[test]
    fn a_piece_cut_off_at_either_end_is_masked(
        secret in secret(),
        keep in 8usize..40,
        before in context(),
    ) {
        let mut scrubber = Scrubber::new();
        scrubber.add(&secret);
        prop_assume!(holds_a_piece(&before, &secret).is_none());
        let chars: Vec<char> = secret.chars().collect();
        let keep = keep.min(chars.len());
        let head: String = chars[..keep].iter().collect();
        let tail: String = chars[chars.len() - keep..].iter().collect();
        for piece in [head, tail] {
            let masked = scrubber.scrub(&format!("{before}{piece}]"));
            prop_assert_eq!(holds_a_piece(&masked, &secret), None, "in {:?}", masked);
        }
    }
}
