//! Masking: every form of every registered secret (`forms.rs`) replaced by
//! the mask in a text, whole or cut at either end, so that no cut (a
//! server's, a proxy's or infer's own) leaves a piece of one.

use std::collections::HashSet;

use super::{MASK, forms};

/// A piece of a form this long or longer is masked even when the rest of
/// the form is cut off, at the start or at the end.
pub const CUT: usize = 8;

/// The secrets to mask, each in all its forms.
#[derive(Debug, Default)]
pub struct Scrubber {
    forms: Vec<String>,
    /// Windows of the base64 of each secret (`forms::base64_windows`),
    /// found anywhere in a text.
    windows: Option<HashSet<String>>,
}

impl Scrubber {
    pub const fn new() -> Self {
        Scrubber {
            forms: Vec::new(),
            windows: None,
        }
    }

    /// Mask `secret` from now on, in every form it can take.
    pub fn add(&mut self, secret: &str) {
        for form in forms::of(secret) {
            if !self.forms.contains(&form) {
                self.forms.push(form);
            }
        }
        if secret.chars().count() >= forms::MIN_FORM {
            self.windows
                .get_or_insert_with(HashSet::new)
                .extend(forms::base64_windows(secret));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Where a base64 window of a secret shows in `text`.
    fn window_ranges(&self, text: &str, found: &mut Vec<(usize, usize)>) {
        let Some(windows) = self.windows.as_ref().filter(|w| !w.is_empty()) else {
            return;
        };
        let bytes = text.as_bytes();
        let base64 = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_');
        let mut start = 0;
        while start + forms::WINDOW <= bytes.len() {
            let end = start + forms::WINDOW;
            // Windows are ASCII: a run of base64 characters only.
            match bytes[start..end].iter().rposition(|b| !base64(b)) {
                Some(bad) => start += bad + 1,
                None => {
                    if windows.contains(&text[start..end]) {
                        found.push((start, end));
                    }
                    start += 1;
                }
            }
        }
    }

    /// Whether `text` holds a form of a secret, whole or cut: what
    /// `scrub` would mask.
    pub fn finds(&self, text: &str) -> bool {
        !self.ranges(text).is_empty()
    }

    /// `text` with every form of every secret masked. Masking again until
    /// nothing is found: a mask next to other text can complete a form.
    #[cfg(test)]
    pub fn scrub(&self, text: &str) -> String {
        self.scrub_but(text, |_, _| Vec::new())
    }

    /// `scrub`, leaving alone what `ours` says is infer's own text (the
    /// byte ranges it returns, given the text and what was found in it).
    pub fn scrub_but(
        &self,
        text: &str,
        ours: impl Fn(&str, &[(usize, usize)]) -> Vec<(usize, usize)>,
    ) -> String {
        let mut text = text.to_string();
        for _ in 0..8 {
            let found = self.ranges(&text);
            let trusted = ours(&text, &found);
            let mut found = super::trust::subtract(found, &trusted);
            // A whole secret is masked whole wherever it shows: infer's own
            // words inside it (a passphrase's " and ", a `--url` in it) do
            // not carve it up. Only a secret that is one of infer's words
            // itself (a setting's name) is left as infer writes it.
            found.extend(
                self.whole_ranges(&text)
                    .into_iter()
                    .filter(|&(s, e)| !trusted.iter().any(|&(a, b)| a <= s && e <= b)),
            );
            if found.is_empty() {
                break;
            }
            let masked = mask(&text, found);
            if masked == text {
                break;
            }
            text = masked;
        }
        text
    }

    /// Byte ranges of `text` that hold a whole form.
    fn whole_ranges(&self, text: &str) -> Vec<(usize, usize)> {
        self.forms
            .iter()
            .flat_map(|form| {
                occurrences(text, form)
                    .into_iter()
                    .map(move |start| (start, start + form.len()))
            })
            .collect()
    }

    /// Byte ranges of `text` that hold a form, whole or cut.
    fn ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        self.window_ranges(text, &mut found);
        for form in &self.forms {
            if form.chars().count() < CUT {
                for start in occurrences(text, form) {
                    found.push((start, start + form.len()));
                }
                continue;
            }
            // A piece from the form's start: the first CUT characters, then
            // as many more as match.
            let head_end = form.char_indices().nth(CUT).map_or(form.len(), |(i, _)| i);
            for start in occurrences(text, &form[..head_end]) {
                let len = common_prefix(&text[start..], form);
                found.push((start, start + len));
            }
            // A piece that reaches the form's end.
            let tail_start = form.char_indices().rev().nth(CUT - 1).map_or(0, |(i, _)| i);
            let tail = &form[tail_start..];
            for start in occurrences(text, tail) {
                let end = start + tail.len();
                let len = common_suffix(&text[..end], form);
                found.push((end - len, end));
            }
        }
        found
    }
}

/// Where `pattern` starts in `text`, overlapping matches included.
fn occurrences(text: &str, pattern: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find(pattern)) {
        let start = from + at;
        out.push(start);
        let step = text[start..].chars().next().map_or(1, char::len_utf8);
        from = start + step;
    }
    out
}

/// The length in bytes of the longest common start of `a` and `b`.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// The length in bytes of the longest common end of `a` and `b`.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// `text` with each run of overlapping or touching ranges replaced by one
/// mask.
fn mask(text: &str, mut ranges: Vec<(usize, usize)>) -> String {
    ranges.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    let mut current: Option<(usize, usize)> = None;
    for (start, end) in ranges {
        match current {
            Some((s, e)) if start <= e => current = Some((s, e.max(end))),
            Some((s, e)) => {
                out.push_str(&text[done..s]);
                out.push_str(MASK);
                done = e;
                current = Some((start, end));
            }
            None => current = Some((start, end)),
        }
    }
    if let Some((s, e)) = current {
        out.push_str(&text[done..s]);
        out.push_str(MASK);
        done = e;
    }
    out.push_str(&text[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrubber(secrets: &[&str]) -> Scrubber {
        let mut s = Scrubber::new();
        for secret in secrets {
            s.add(secret);
        }
        s
    }

    #[test]
    fn masks_whole_and_cut_forms() {
        let s = scrubber(&["sk-abcdefghijkl", "pw-1"]);
        assert_eq!(s.scrub("key sk-abcdefghijkl and pw-1"), "key **** and ****");
        // Cut at the end, then at the start.
        assert_eq!(s.scrub("…sk-abcdefgh"), "…****");
        assert_eq!(s.scrub("defghijkl!"), "****!");
        // Too short a piece to say.
        assert_eq!(s.scrub("sk-abc"), "sk-abc");
        // Escaped for JSON.
        let q = scrubber(&["a\"b\nSECRET-1"]);
        assert_eq!(q.scrub(r#"{"k":"a\"b\nSECRET-1"}"#), r#"{"k":"****"}"#);
    }

    #[test]
    fn overlapping_and_touching_ranges_become_one_mask() {
        let s = scrubber(&["abcdefgh12", "12XYZ"]);
        assert_eq!(s.scrub("[abcdefgh12XYZ]"), "[****]");
        assert_eq!(
            mask("0123456789", vec![(1, 3), (2, 5), (7, 9)]),
            "0****56****9"
        );
    }

    #[test]
    fn a_mask_that_completes_a_form_is_masked_again() {
        let s = scrubber(&["**x*******"]);
        assert!(!s.scrub("**x*******").contains('x'));
        assert_eq!(scrubber(&["****"]).scrub("a****b"), "a****b");
    }
}
