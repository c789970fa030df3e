//! Elastic's start-local (`curl -fsSL https://elastic.co/start-local | sh`)
//! runs Elasticsearch on this machine and writes its settings to
//! `elastic-start-local/.env`: `ES_LOCAL_URL`, `ES_LOCAL_API_KEY`, and
//! `ES_LOCAL_PASSWORD` for the user `elastic`. infer reads them, as the
//! lowest layer, from the `ES_LOCAL_*` variables when one is set (the file
//! sourced into the shell), else from `./elastic-start-local/.env`, else
//! from `./.env` when it sets `ES_LOCAL_URL` (infer run inside that
//! folder, where start-local's own scripts read it).
//!
//! The file is read as text, never run: `NAME=VALUE` lines, `export`,
//! comments, single and double quotes, and `${NAME}` of a name the file set
//! before (start-local writes `ES_LOCAL_URL=http://localhost:${ES_LOCAL_PORT}`).
//! Anything else is an error naming the line, never quoting it. A URL from
//! the file must be on this machine: a file found in the current directory
//! cannot send requests, and the secrets in them, anywhere else.

use anyhow::Result;
use std::path::Path;

use super::origin::Origin;
use crate::error::Error;
use crate::limits::{self, MAX_DOTENV, MAX_DOTENV_DEPTH};
use crate::local_file::{self, Pipe};

const URL: &str = "ES_LOCAL_URL";
const API_KEY: &str = "ES_LOCAL_API_KEY";
const PASSWORD: &str = "ES_LOCAL_PASSWORD";

/// start-local's connection settings, and where they were found.
#[derive(Debug)]
pub struct StartLocal {
    /// The file (`./elastic-start-local/.env`), or `None` for the variables.
    file: Option<String>,
    url: Option<String>,
    api_key: Option<String>,
    password: Option<String>,
}

impl StartLocal {
    /// Where its settings were found, as messages name it.
    pub fn shown(&self) -> String {
        self.file
            .clone()
            .unwrap_or_else(|| "ES_LOCAL_* variables".to_string())
    }

    /// The value of a connection setting, and its origin. The API key when
    /// there is one, else the user `elastic` with the password: one kind
    /// of credential.
    pub fn get(&self, key: &str) -> Option<(String, Origin)> {
        let origin = |var: &'static str| Origin::StartLocal {
            var,
            file: self.file.clone(),
        };
        let basic = self.api_key.is_none() && self.password.is_some();
        match key {
            "url" => self.url.clone().map(|u| (u, origin(URL))),
            "api_key" => self.api_key.clone().map(|k| (k, origin(API_KEY))),
            "username" if basic => Some(("elastic".to_string(), origin(PASSWORD))),
            "password" if basic => self.password.clone().map(|p| (p, origin(PASSWORD))),
            _ => None,
        }
    }
}

/// Register the `ES_LOCAL_*` credentials of the environment, used or not:
/// like every credential infer can see, they are never shown.
pub fn register_variables() {
    for var in [API_KEY, PASSWORD] {
        if let Ok(value) = std::env::var(var) {
            crate::secret::register(&value);
        }
    }
}

/// start-local's settings: from the variables, else from a file in the
/// current directory; `None` when there are none.
pub fn find() -> Result<Option<StartLocal>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if [URL, API_KEY, PASSWORD]
        .iter()
        .any(|name| var(name).is_some())
    {
        return Ok(Some(StartLocal {
            file: None,
            url: var(URL),
            api_key: var(API_KEY),
            password: var(PASSWORD),
        }));
    }
    for (path, shown) in [
        ("elastic-start-local/.env", "./elastic-start-local/.env"),
        (".env", "./.env"),
    ] {
        // Another project's `.env` is not start-local's, and none of
        // infer's business: only one that sets ES_LOCAL_URL is read.
        if path == ".env" && !sets_url(Path::new(path)) {
            continue;
        }
        let Some(pairs) = read(Path::new(path), shown)? else {
            continue;
        };
        let get = |name: &str| last(&pairs, name).filter(|v| !v.is_empty()).cloned();
        for (name, value) in &pairs {
            if crate::secret::is_secret_field(name) {
                crate::secret::register(value);
            }
        }
        let url = get(URL);
        if let Some(url) = &url {
            on_this_machine(url, shown)?;
        }
        return Ok(Some(StartLocal {
            file: Some(shown.to_string()),
            url,
            api_key: get(API_KEY),
            password: get(PASSWORD),
        }));
    }
    Ok(None)
}

/// Whether a file has an `ES_LOCAL_URL=` line (its only reading when it
/// cannot be read, or is too large: then it is not taken for start-local's).
fn sets_url(path: &Path) -> bool {
    let Ok(bytes) = local_file::read(path, MAX_DOTENV, Pipe::Refused) else {
        return false;
    };
    String::from_utf8_lossy(&bytes).lines().any(|line| {
        let line = line.trim_start();
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        line.strip_prefix(URL)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    })
}

/// A URL from a file must point at this machine. One that does not parse
/// is left to the URL's own check, which says what is wrong with it.
fn on_this_machine(url: &str, shown: &str) -> Result<()> {
    let Ok(parsed) = reqwest::Url::parse(url.trim()) else {
        return Ok(());
    };
    if super::is_loopback(&parsed) {
        return Ok(());
    }
    Err(Error::usage(format!(
        "{URL} in {shown} points at {}, not at this machine, where start-local runs \
         Elasticsearch: infer takes start-local's URL only on this machine, so that a file in \
         the current directory cannot send requests, and the secrets in them, elsewhere; give \
         the URL another way (--url, ES_URL, a profile) to use that server",
        parsed.host_str().unwrap_or_default()
    )))
}

/// The pairs of a file; `None` when there is no file.
fn read(path: &Path, shown: &str) -> Result<Option<Vec<(String, String)>>> {
    let problem = |why: String| {
        Error::usage(format!(
            "cannot use start-local's {shown}: {why}; fix it, or give the connection another \
             way (--url, ES_URL, a profile), and infer does not read it"
        ))
    };
    // A regular file (or a link to one): found in the current directory,
    // where anyone who controls it could plant a FIFO or a device.
    let bytes = match local_file::read(path, MAX_DOTENV, Pipe::Refused) {
        Ok(bytes) => bytes,
        Err(why) if why.is_not_found() => return Ok(None),
        Err(why) => return Err(problem(why.to_string())),
    };
    let text = String::from_utf8(bytes).map_err(|_| problem("it is not UTF-8 text".into()))?;
    parse(&text)
        .map(Some)
        .map_err(|(line, why)| problem(format!("line {line} {why}")))
}

/// `NAME=VALUE` lines, as a shell reads them but without running anything.
/// An error is the line's number and what is wrong, never its text.
fn parse(text: &str) -> Result<Vec<(String, String)>, (usize, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    // How deep each pair's ${NAME} go, and what all values hold: bounded.
    let mut depths: Vec<usize> = Vec::new();
    let mut size = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw).trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        let at = |why: &str| (index + 1, why.to_string());
        let (name, value) = line
            .split_once('=')
            .ok_or_else(|| at("is not NAME=VALUE"))?;
        let name = name.trim_end();
        if !crate::secret::is_var_name(name) {
            return Err(at("is not NAME=VALUE"));
        }
        let before = Before {
            name,
            pairs: &pairs,
            depths: &depths,
            room: MAX_DOTENV_SIZE - size,
        };
        let (value, depth) = self::value(value.trim_start(), &before).map_err(|why| at(&why))?;
        size += value.len();
        pairs.push((name.to_string(), value));
        depths.push(depth);
    }
    Ok(pairs)
}

/// All values of a `.env`, once expanded, hold at most this many bytes.
const MAX_DOTENV_SIZE: usize = MAX_DOTENV as usize;

/// What a value's `${NAME}` may refer to: the pairs set before it, how
/// deep each one's own `${NAME}` go, and how many bytes the values may
/// still take; `name` is the pair being read, for the errors.
struct Before<'a> {
    name: &'a str,
    pairs: &'a [(String, String)],
    depths: &'a [usize],
    room: usize,
}

/// A value: `'literal'`, `"with ${NAME} and \" escapes"`, or bare (up to a
/// ` #` comment, with `${NAME}`). Only a comment may follow a quote.
fn value(text: &str, earlier: &Before) -> Result<(String, usize), String> {
    let (value, rest) = match text.chars().next() {
        Some(quote @ ('\'' | '"')) => {
            let body = &text[1..];
            let end = if quote == '\'' {
                body.find('\'')
            } else {
                closing_double_quote(body)
            }
            .ok_or("has a quote that is not closed")?;
            let inner = &body[..end];
            let value = if quote == '\'' {
                (inner.to_string(), 0)
            } else {
                expand(&unescape(inner), earlier)?
            };
            (value, &body[end + 1..])
        }
        _ => {
            let end = text
                .char_indices()
                .find(|&(i, c)| c == '#' && text[..i].ends_with([' ', '\t']))
                .map_or(text.len(), |(i, _)| i);
            (expand(text[..end].trim_end(), earlier)?, "")
        }
    };
    let rest = rest.trim_start();
    if !rest.is_empty() && !rest.starts_with('#') {
        return Err("has text after its closing quote".into());
    }
    Ok(value)
}

/// The value a name was last given, as a shell would have it.
fn last<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a String> {
    pairs.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v)
}

/// Where an unescaped `"` closes a double-quoted value.
fn closing_double_quote(body: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// `\"`, `\\`, `` \` `` and `\$` within double quotes; `\$` stays escaped
/// for `expand` (as `$$`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some('"' | '\\' | '`')) => out.extend(chars.next()),
            ('\\', Some('$')) => {
                chars.next();
                out.push_str("$$");
            }
            _ => out.push(c),
        }
    }
    out
}

/// `${NAME}` and `$NAME` of a name set earlier in the file; `$$` is `$`,
/// and any other `$` (as in `$(…)`) is kept as it is. With how deep its
/// names refer to others: a name without any is 0, one that refers to it
/// is 1, and so on.
fn expand(text: &str, earlier: &Before) -> Result<(String, usize), String> {
    let mut depth = 0;
    let mut lookup = |name: &str, out: &str| {
        let at = earlier.pairs.iter().rposition(|(n, _)| n == name);
        let at =
            at.ok_or_else(|| format!("refers to {name}, which the file does not set before it"))?;
        depth = depth.max(earlier.depths[at] + 1);
        let value = &earlier.pairs[at].1;
        bounded(earlier, depth, out.len() + value.len())?;
        Ok::<_, String>(value.clone())
    };
    let name_len = |s: &str| {
        s.char_indices()
            .find(|&(i, c)| {
                !(c == '_' || c.is_ascii_alphanumeric()) || (i == 0 && c.is_ascii_digit())
            })
            .map_or(s.len(), |(i, _)| i)
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(braced) = after.strip_prefix('{') {
            let end = braced.find('}').ok_or("has a ${ that is not closed by }")?;
            let name = &braced[..end];
            if !crate::secret::is_var_name(name) {
                return Err("has a ${…} other than ${NAME}, which infer does not expand".into());
            }
            out.push_str(&lookup(name, &out)?);
            rest = &braced[end + 1..];
        } else if name_len(after) > 0 {
            let len = name_len(after);
            out.push_str(&lookup(&after[..len], &out)?);
            rest = &after[len..];
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    bounded(earlier, depth, out.len())?;
    Ok((out, depth))
}

/// A value of `len` bytes whose names refer `depth` deep, within bounds.
fn bounded(earlier: &Before, depth: usize, len: usize) -> Result<(), String> {
    let name = earlier.name;
    if depth > MAX_DOTENV_DEPTH {
        return Err(format!(
            "sets {name} through ${{…}} that refer to others more than the limit of \
             {MAX_DOTENV_DEPTH} levels deep"
        ));
    }
    if len > earlier.room {
        return Err(format!(
            "sets {name}, whose ${{…}} expand the file's values past the limit of {}",
            limits::show(MAX_DOTENV)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
