//! A line being typed at a prompt, key by key: what each key does to it
//! and what the terminal is shown (nothing, when it may be a secret).

use anyhow::Result;

use crate::error::Error;

/// Whether what is typed is echoed.
#[derive(Clone, Copy, PartialEq)]
pub enum Typing {
    Shown,
    Hidden,
}

/// What a key press does to the line being typed.
#[cfg_attr(not(unix), allow(dead_code))]
pub enum Key {
    /// Show this (possibly nothing).
    Echo(String),
    /// Enter: the line is complete.
    Done,
    /// Ctrl-D on an empty line.
    End,
    /// Ctrl-C.
    Interrupt,
}

/// A line being typed, byte by byte.
#[cfg_attr(not(unix), allow(dead_code))]
pub struct Line {
    typing: Typing,
    bytes: Vec<u8>,
    /// Bytes not echoed yet: the start of a character still incomplete.
    echoed: usize,
    /// Within an escape sequence: 1 after ESC, 2 within `ESC [` or `ESC O`.
    escape: u8,
}

#[cfg_attr(not(unix), allow(dead_code))]
impl Line {
    pub fn new(typing: Typing) -> Line {
        Line {
            typing,
            bytes: Vec::new(),
            echoed: 0,
            escape: 0,
        }
    }

    pub fn key(&mut self, byte: u8) -> Key {
        match (self.escape, byte) {
            (1, b'[' | b'O') => {
                self.escape = 2;
                return Key::Echo(String::new());
            }
            (2, 0x40..=0x7e) | (1, _) => {
                self.escape = 0;
                return Key::Echo(String::new());
            }
            (2, _) => return Key::Echo(String::new()),
            _ => {}
        }
        match byte {
            b'\r' | b'\n' => Key::Done,
            0x03 => Key::Interrupt,
            0x04 if self.bytes.is_empty() => Key::End,
            0x1b => {
                self.escape = 1;
                Key::Echo(String::new())
            }
            0x15 => {
                let erased = self.shown_chars();
                self.bytes.clear();
                self.echoed = 0;
                Key::Echo(self.erase(erased))
            }
            0x7f | 0x08 => {
                // Drop one character: its continuation bytes, then its lead.
                let before = self.shown_chars();
                while let Some(b) = self.bytes.pop() {
                    if b & 0xC0 != 0x80 {
                        break;
                    }
                }
                self.echoed = self.echoed.min(self.bytes.len());
                Key::Echo(self.erase(before - self.shown_chars()))
            }
            b if b >= 0x20 || b == b'\t' => {
                self.bytes.push(b);
                Key::Echo(self.complete_chars())
            }
            _ => Key::Echo(String::new()),
        }
    }

    /// The characters completed since the last echo, as they may be shown
    /// (controls escaped); nothing when typing is hidden.
    fn complete_chars(&mut self) -> String {
        let pending = &self.bytes[self.echoed..];
        let text = match std::str::from_utf8(pending) {
            Ok(text) => text.to_string(),
            // The start of a character: wait for the rest.
            Err(e) if e.error_len().is_none() => return String::new(),
            Err(_) => String::from_utf8_lossy(pending).into_owned(),
        };
        self.echoed = self.bytes.len();
        match self.typing {
            Typing::Shown => crate::controls::escape_controls(&text, false).into_owned(),
            Typing::Hidden => String::new(),
        }
    }

    /// How many characters are on the screen.
    fn shown_chars(&self) -> usize {
        match self.typing {
            Typing::Shown => String::from_utf8_lossy(&self.bytes[..self.echoed])
                .chars()
                .count(),
            Typing::Hidden => 0,
        }
    }

    /// Wipe the last `count` characters shown.
    fn erase(&self, count: usize) -> String {
        "\x08 \x08".repeat(count)
    }

    /// The line typed, which must be text.
    pub fn finish(self) -> Result<String> {
        String::from_utf8(self.bytes)
            .map_err(|_| Error::usage("the typed answer is not UTF-8 text"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[u8], typing: Typing) -> (Option<String>, String) {
        let mut line = Line::new(typing);
        let mut screen = String::new();
        for &byte in keys {
            match line.key(byte) {
                Key::Echo(text) => screen.push_str(&text),
                Key::Done => return (line.finish().ok(), screen),
                Key::End => return (None, screen),
                Key::Interrupt => return (Some("^C".into()), screen),
            }
        }
        (line.finish().ok(), screen)
    }

    #[test]
    fn a_line_is_edited_as_a_terminal_would() {
        assert_eq!(
            typed(b"yes\n", Typing::Shown),
            (Some("yes".into()), "yes".into())
        );
        assert_eq!(
            typed(b"yes\x7f\x7f\n", Typing::Shown),
            (Some("y".into()), "yes\x08 \x08\x08 \x08".into())
        );
        assert_eq!(typed(b"ab\x15c\r", Typing::Shown).0, Some("c".into()));
        // An arrow key is not text.
        assert_eq!(typed(b"y\x1b[Ces\n", Typing::Shown).0, Some("yes".into()));
        assert_eq!(typed(b"\x04", Typing::Shown).0, None);
        assert_eq!(typed(b"y\x04\n", Typing::Shown).0, Some("y".into()));
        // A character of two bytes is shown once whole, and erased as one.
        assert_eq!(
            typed("é\x7fe\n".as_bytes(), Typing::Shown),
            (Some("e".into()), "é\x08 \x08e".into())
        );
        // Controls are never echoed raw; hidden typing shows nothing.
        assert_eq!(typed(b"a\x01b\n", Typing::Shown).1, "ab");
        assert_eq!(
            typed(b"sk-secret\x7f\n", Typing::Hidden),
            (Some("sk-secre".into()), String::new())
        );
    }
}
