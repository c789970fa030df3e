//! The text of a source file as the scanner reads it: comments, strings
//! and character literals blanked out, then cut into identifiers and the
//! punctuation a path is made of.

/// The text with comments, string and character literals blanked out
/// (line breaks kept, so that lines still count).
pub fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if !prev_ident
            && (c == 'r' || (c == 'b' && next == Some('r')))
            && raw_start(&chars, i).is_some()
        {
            let (open_end, hashes) = raw_start(&chars, i).unwrap_or((i, 0));
            i = open_end;
            let closing: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&closing.chars().collect::<Vec<_>>()) {
                blank(&mut out, chars[i]);
                i += 1;
            }
            i += closing.chars().count();
            out.push_str("\"\"");
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
                if i < chars.len() {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && char_literal_end(&chars, i).is_some() {
            let end = char_literal_end(&chars, i).unwrap_or(i);
            out.push_str("' '");
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
        if i > chars.len() {
            break;
        }
    }
    out
}

/// Where a raw string's opening (`r"`, `r#"`, `br##"`) ends, and its `#`s.
fn raw_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i + if chars[i] == 'b' { 2 } else { 1 };
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some((j + 1, hashes))
}

/// Where a character literal starting at `i` ends (its closing quote); a
/// lifetime (`'a`) is none.
fn char_literal_end(chars: &[char], i: usize) -> Option<usize> {
    match chars.get(i + 1)? {
        '\\' => (i + 2..chars.len().min(i + 14)).find(|&j| chars[j] == '\''),
        _ => (chars.get(i + 2) == Some(&'\'')).then_some(i + 2),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Ident(String),
    Punct(&'static str),
}

/// Identifiers and the punctuation a path is made of, with their lines.
pub fn tokens(text: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphabetic() || c == '_' {
            // A raw identifier, `r#cli`, is the identifier `cli`.
            if c == 'r'
                && chars.get(i + 1) == Some(&'#')
                && chars
                    .get(i + 2)
                    .is_some_and(|n| n.is_alphabetic() || *n == '_')
                && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
            {
                i += 2;
            }
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((Token::Ident(chars[start..i].iter().collect()), line));
            continue;
        }
        let punct = match (c, chars.get(i + 1)) {
            (':', Some(':')) => Some("::"),
            ('{', _) => Some("{"),
            ('}', _) => Some("}"),
            (',', _) => Some(","),
            (';', _) => Some(";"),
            ('$', _) => Some("$"),
            ('*', _) => Some("*"),
            _ => None,
        };
        match punct {
            Some(p) => {
                out.push((Token::Punct(p), line));
                i += p.len();
            }
            None => {
                if c == '\n' {
                    line += 1;
                }
                if !c.is_whitespace() {
                    out.push((Token::Punct("other"), line));
                }
                i += 1;
            }
        }
    }
    out
}
