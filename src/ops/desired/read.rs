//! Reading one file of endpoints: JSON one endpoint at a time through a
//! tally of its bytes (so that a second reading can tell it changed), YAML
//! whole, a pipe once; and the words for a file that cannot be read.

use anyhow::Result;
use serde_json::Value;
use std::hash::Hasher;
use std::io::Read;
use std::path::Path;

use crate::error::Error;
use crate::json;
use crate::limits::{self, MAX_DEPTH, MAX_INPUT};
use crate::local_file::{self, Pipe};

/// The size and a hash of the bytes read from a file: whether it still
/// holds what was checked.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tally {
    bytes: u64,
    hash: u64,
}

/// A reader that tallies what passes through it.
struct Tallied<R> {
    inner: R,
    bytes: u64,
    hasher: std::hash::DefaultHasher,
    /// Whether anything but white space passed.
    text: bool,
    /// Whether what passed is UTF-8 so far, and the end of the last piece
    /// when it cuts a character.
    utf8: bool,
    carry: Vec<u8>,
}

impl<R: Read> Read for Tallied<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.note(&buf[..n]);
        Ok(n)
    }
}

impl<R> Tallied<R> {
    /// Note a piece that passed.
    fn note(&mut self, piece: &[u8]) {
        self.bytes += piece.len() as u64;
        self.hasher.write(piece);
        self.text = self.text || piece.iter().any(|b| !b.is_ascii_whitespace());
        if self.utf8 && !piece.is_empty() {
            let joined;
            let piece = if self.carry.is_empty() {
                piece
            } else {
                joined = [std::mem::take(&mut self.carry).as_slice(), piece].concat();
                &joined
            };
            match std::str::from_utf8(piece) {
                Ok(_) => {}
                // A character cut at the end of the piece: kept for the next.
                Err(e) if e.error_len().is_none() => self.carry = piece[e.valid_up_to()..].to_vec(),
                Err(_) => self.utf8 = false,
            }
        }
    }

    fn new(inner: R) -> Self {
        Tallied {
            inner,
            bytes: 0,
            hasher: std::hash::DefaultHasher::new(),
            text: false,
            utf8: true,
            carry: Vec::new(),
        }
    }

    fn tally(&self) -> Tally {
        Tally {
            bytes: self.bytes,
            hash: self.hasher.finish(),
        }
    }
}

/// The text of `path` if it is read once (a pipe, where `pipe` allows
/// one, or `/dev/null`: the second time it would be empty), within the
/// limit; `None` for a regular file, read again when the plan is made.
pub(super) fn keep_if_once(path: &Path, pipe: Pipe) -> Result<Option<Vec<u8>>> {
    let origin = path.display().to_string();
    let opened = local_file::open(path, MAX_INPUT, pipe).map_err(|why| refused(&origin, why))?;
    if opened.size.is_some() {
        return Ok(None);
    }
    opened
        .read_all()
        .map(Some)
        .map_err(|why| refused(&origin, why))
}

/// All of the regular file `path`, within the limit.
fn whole(path: &Path, origin: &str) -> Result<Vec<u8>> {
    local_file::read(path, MAX_INPUT, Pipe::Refused).map_err(|why| refused(origin, why))
}

/// Why a file of endpoints was not read.
fn refused(origin: &str, why: local_file::Problem) -> anyhow::Error {
    match why {
        local_file::Problem::TooLarge(_) => too_large(origin),
        why => Error::usage(format!("cannot read {origin}: {why}")),
    }
}

fn too_large(origin: &str) -> anyhow::Error {
    Error::usage(format!(
        "{origin} is larger than the limit of {}",
        limits::show(MAX_INPUT)
    ))
}

/// What [`read`] hands each endpoint to: its value as the file gives it,
/// and its place (`FILE, endpoint N`).
pub(super) type Hand<'a> = dyn FnMut(Value, &str) -> Result<()> + 'a;

/// The endpoints of one file (or of its `kept` text), each handed to
/// `hand` as it is read.
pub(super) fn read(path: &Path, kept: Option<&[u8]>, hand: &mut Hand) -> Result<Tally> {
    let origin = path.display().to_string();
    let yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    if yaml {
        return match kept {
            Some(bytes) => read_yaml(bytes, &origin, hand),
            None => read_yaml(&whole(path, &origin)?, &origin, hand),
        };
    }
    let source: Box<dyn Read> = match kept {
        Some(bytes) => Box::new(bytes),
        None => {
            // Kept when read once: this is a regular file (were it swapped
            // for a pipe since, it is refused, not waited for).
            let opened = local_file::open(path, MAX_INPUT, Pipe::Refused)
                .map_err(|why| refused(&origin, why))?;
            Box::new(opened.file)
        }
    };
    // At most one byte past the limit, should the file grow while it is
    // read; tallied a piece at a time, under the buffer that serde_json
    // reads a byte at a time from.
    let mut reader = std::io::BufReader::new(Tallied::new(source.take(MAX_INPUT + 1)));
    let mut position = 0;
    let read = json::each(&mut reader, &mut |item| {
        position += 1;
        hand(item, &at_place(&origin, position))
    });
    let tallied = reader.get_ref();
    if tallied.bytes > MAX_INPUT {
        return Err(too_large(&origin));
    }
    match read {
        Ok(()) => Ok(tallied.tally()),
        Err(json::Failure::Item(e)) => Err(e),
        Err(json::Failure::Io(e)) => Err(cannot_read(&origin, &e)),
        // serde_json would say "invalid unicode code point", or "trailing
        // characters" for a stray byte: the file is simply not text.
        Err(json::Failure::Problem(_)) if !tallied.utf8 => {
            Err(Error::usage(format!("{origin} is not UTF-8 text")))
        }
        // Nothing at all is not invalid JSON to fix, but no endpoints.
        Err(json::Failure::Problem(_)) if !tallied.text => {
            Err(Error::usage(shape_problem(json::Shape::Null, &origin)))
        }
        Err(json::Failure::Problem(p @ json::Problem::Syntax(_))) if !named_json(path) => {
            // `-f <(yq …)` or a file named without an extension: YAML is
            // told by the name.
            Err(Error::usage(format!(
                "{}; infer reads YAML only from files named .yaml or .yml",
                p.describe(&origin)
            )))
        }
        Err(json::Failure::Problem(p)) => Err(Error::usage(p.describe(&origin))),
        Err(json::Failure::Shape(shape)) => Err(Error::usage(shape_problem(shape, &origin))),
    }
}

fn named_json(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("json")
}

/// `FILE, endpoint N`: where an endpoint is described.
pub(super) fn at_place(file: &str, position: usize) -> String {
    format!("{file}, endpoint {position}")
}

fn cannot_read(origin: &str, e: &std::io::Error) -> anyhow::Error {
    Error::usage(format!(
        "cannot read {origin}: {}",
        crate::error::io_reason(e)
    ))
}

fn shape_problem(shape: json::Shape, origin: &str) -> String {
    match shape {
        // An empty file is more likely a mistake than a wish for no
        // endpoints, and with --prune it would delete them all.
        json::Shape::Null => format!(
            "{origin} holds no endpoints (it is empty, or null); a file that means \"none\" says \
             so with []"
        ),
        json::Shape::WrapperNotAlone => {
            format!("{origin}: `endpoints` must be the only key, and a list")
        }
        json::Shape::NotAList => {
            format!("{origin} must hold a list of endpoints (what infer list --json prints)")
        }
    }
}

/// A YAML file is read whole (YAML files of endpoints are written by
/// people, and short), then handed over endpoint by endpoint.
fn read_yaml(bytes: &[u8], origin: &str, hand: &mut Hand) -> Result<Tally> {
    let mut tallied = Tallied::new(std::io::empty());
    tallied.note(bytes);
    let tally = tallied.tally();
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Error::usage(format!("{origin} is not UTF-8 text")))?;
    let value: Value = serde_saphyr::from_str(text).map_err(|e| {
        // The parser's message quotes the lines around the error, which
        // may hold a secret: only its first line (where, and what) is
        // shown, and its own advice is left out.
        let first = e.to_string();
        let first = first.lines().next().unwrap_or_default();
        let first = first.trim_start_matches("error: ");
        let first = first
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(first);
        let first = match first.split_once(": duplicate mapping key: ") {
            Some((at, _)) => format!("{at}: a key is given twice in one mapping; keep one"),
            None => first.to_string(),
        };
        Error::usage(format!("invalid YAML in {origin}: {first}"))
    })?;
    if json::depth(&value) > MAX_DEPTH {
        return Err(Error::usage(format!(
            "{origin} is nested deeper than the limit of {MAX_DEPTH} levels"
        )));
    }
    let list = match value {
        Value::Array(list) => list,
        Value::Object(mut map) => match map.shift_remove("endpoints") {
            Some(Value::Array(list)) if map.is_empty() => list,
            Some(_) => {
                return Err(Error::usage(shape_problem(
                    json::Shape::WrapperNotAlone,
                    origin,
                )));
            }
            None => vec![Value::Object(map)],
        },
        Value::Null => return Err(Error::usage(shape_problem(json::Shape::Null, origin))),
        _ => return Err(Error::usage(shape_problem(json::Shape::NotAList, origin))),
    };
    for (i, item) in list.into_iter().enumerate() {
        hand(item, &at_place(origin, i + 1))?;
    }
    Ok(tally)
}
