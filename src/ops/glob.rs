//! Ids matched by glob (`rotate`, `export`, `diff`).

/// Whether `pattern` is a glob (holds `*` or `?`), not an id named
/// outright.
pub fn is_glob(pattern: &str) -> bool {
    pattern.contains(['*', '?'])
}

/// `*` any run of characters, `?` one; everything else itself.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn globs() {
        assert!(glob("search-*", "search-openai"));
        assert!(glob("*-openai", "search-openai"));
        assert!(glob("s?arch*", "search"));
        assert!(glob("exact", "exact"));
        assert!(!glob("search-*", "other"));
        assert!(!glob("a?c", "ac"));
        assert!(glob("*", ""));
    }
}
