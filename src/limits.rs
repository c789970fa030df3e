//! How much infer reads, and how deep: every input and every answer is
//! read through these limits, so that no input and no server can crash
//! infer or make it take unbounded memory. `docs/limits.md` states the same
//! numbers, and `infer(1)`'s LIMITS section is made from these constants.

use std::io::{self, Read, Write};

/// A settings file, stdin, a section flag's file, a file of endpoints, the
/// edited text, a certificate file. Real ones are a few KiB; this leaves room for
/// anything generated, while capping what `/dev/zero` can cost.
pub const MAX_INPUT: u64 = 64 << 20;
/// A provider secret from `--secret-file` or stdin: keys and service
/// account files are a few KiB.
pub const MAX_SECRET: u64 = 1 << 20;
/// start-local's `.env` file: a dozen lines of settings. The same bound
/// holds for all its values once their `${NAME}` are expanded (each may
/// repeat an earlier one many times: 500 bytes can ask for gigabytes).
pub const MAX_DOTENV: u64 = 1 << 20;
/// Names in `.env` that each refer to the one before: start-local's own
/// go one deep (`ES_LOCAL_URL=http://localhost:${ES_LOCAL_PORT}`).
pub const MAX_DOTENV_DEPTH: usize = 16;
/// The config file: a few profiles of a dozen lines each.
pub const MAX_CONFIG: u64 = 1 << 20;
/// A server's answer. Elasticsearch's largest (`GET _inference/_all` on a
/// cluster with thousands of endpoints, `_inference/_services`) are well
/// under 1 MiB.
pub const MAX_ANSWER: u64 = 64 << 20;
/// Levels of objects and arrays in any JSON infer reads, and keys in a
/// `--set` path. Endpoints nest four or five levels; the bound keeps every
/// recursive walk of a value (merge, diff, masking, verification) far from
/// the stack's end.
pub const MAX_DEPTH: usize = 64;
/// Values (scalars, arrays, objects) in one JSON text: a text of 64 MiB made
/// of `[0,0,0…` would otherwise take about 2.4 GB once parsed.
pub const MAX_VALUES: usize = 1_000_000;

/// A limit in bytes as people write it: `64 MiB`, `1 MiB`, `512 KiB`.
pub fn show(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Everything `reader` holds, or `None` when it holds more than `limit`
/// bytes (of which at most `limit + 1` are read).
pub fn read_capped(reader: impl Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// A sink that keeps at most `limit` bytes and fails the write that would
/// pass it: for reading an answer through `reqwest`'s `copy_to`.
pub struct Capped {
    bytes: Vec<u8>,
    limit: u64,
    over: bool,
}

impl Capped {
    /// `expected`: the announced length, if any, to allocate once.
    pub fn new(limit: u64, expected: Option<u64>) -> Self {
        let room = expected.unwrap_or(0).min(limit);
        Capped {
            bytes: Vec::with_capacity(usize::try_from(room).unwrap_or(0)),
            limit,
            over: false,
        }
    }

    /// Whether more than the limit was offered.
    pub fn over(&self) -> bool {
        self.over
    }

    /// The bytes as text; invalid UTF-8 is replaced, as `reqwest` does.
    pub fn into_text(self) -> String {
        String::from_utf8(self.bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

impl Write for Capped {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.bytes.len() as u64 + data.len() as u64 > self.limit {
            self.over = true;
            return Err(io::Error::other(format!(
                "larger than the limit of {}",
                show(self.limit)
            )));
        }
        self.bytes.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_shown_in_the_largest_whole_unit() {
        assert_eq!(show(MAX_INPUT), "64 MiB");
        assert_eq!(show(MAX_SECRET), "1 MiB");
        assert_eq!(show(2048), "2 KiB");
        assert_eq!(show(1000), "1000 bytes");
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        let endless = io::repeat(b'x');
        assert_eq!(read_capped(endless, 10).unwrap(), None);
        assert_eq!(
            read_capped(&b"0123456789"[..], 10).unwrap().unwrap().len(),
            10
        );
    }

    #[test]
    fn the_capped_sink_refuses_the_write_that_passes_the_limit() {
        let mut sink = Capped::new(4, Some(1 << 40));
        sink.write_all(b"abcd").unwrap();
        assert!(!sink.over());
        assert!(sink.write_all(b"e").is_err());
        assert!(sink.over());
        let mut sink = Capped::new(4, None);
        sink.write_all(b"\xffok").unwrap();
        assert_eq!(sink.into_text(), "\u{fffd}ok");
    }
}
