//! Terminal control characters: which ones infer writes out rather than
//! passes to a terminal, and infer's own colour codes, the only ones it
//! writes itself. Below `output` (which escapes all it writes) and `yaml`
//! (which quotes what a terminal would act on).

use std::borrow::Cow;

/// The only escape sequences infer writes itself: its colours. `paint`
/// writes each as a mark of its own (a private-use character), which the
/// sink turns into the code after escaping everything else: a text from
/// outside that holds the code itself (an id, a server's reason) has it
/// written out, as any other.
const OUR_CODES: [(char, &str); 6] = [
    ('\u{f0000}', "\x1b[0m"),
    ('\u{f0001}', "\x1b[1m"),
    ('\u{f0002}', "\x1b[2m"),
    ('\u{f0003}', "\x1b[31m"),
    ('\u{f0004}', "\x1b[32m"),
    ('\u{f0005}', "\x1b[33m"),
];

fn our_code(c: char) -> Option<&'static str> {
    OUR_CODES
        .iter()
        .find(|(mark, _)| *mark == c)
        .map(|(_, code)| *code)
}

pub fn mark_of(code: &str) -> char {
    OUR_CODES
        .iter()
        .find(|(_, c)| *c == code)
        .map_or('\u{f0000}', |(mark, _)| *mark)
}

/// What `escape_controls` writes out.
pub fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every control character written out (`\x1b`, `\u{9b}`):
/// C0 but line feed and tab, DEL, C1, and the bidirectional overrides, so
/// that an id, a key or a server's text cannot clear the screen, retitle
/// the window or reorder a line. With `keep_colours`, infer's own colour
/// codes pass.
pub fn escape_controls(text: &str, keep_colours: bool) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| unsafe_char(c) || our_code(c).is_some())
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match our_code(c) {
            Some(code) if keep_colours => out.push_str(code),
            Some(_) => {}
            None if unsafe_char(c) && c.is_ascii() => {
                out.push_str(&format!("\\x{:02x}", u32::from(c)));
            }
            None if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}
