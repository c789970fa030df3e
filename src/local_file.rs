//! The one way infer reads a local file: settings files, files of
//! endpoints and the files of a folder of them, the config file, `.env`,
//! `file:` secrets, the edited text, certificate and key files.
//!
//! A regular file is what is expected. A symbolic link is followed (a
//! mounted container secret is a link). What the path names is examined
//! on the opened descriptor, not by its name first, so that it cannot be
//! swapped between the look and the read; and it is opened without
//! waiting, so that a FIFO nobody writes to cannot hold infer. Then:
//!
//! - a regular file is read up to its input's limit (its size checked
//!   first, and reading stops one byte past the limit should it grow);
//! - `/dev/null` reads as empty;
//! - a pipe is read, up to the limit, only where `Pipe::Read` says so: a
//!   file named on the command line, which infer reads once (`-f
//!   /dev/stdin`, `--settings <(…)`); elsewhere it is refused;
//! - anything else (a device, a folder, a socket) is refused.
//!
//! A refusal names what the path is; each caller names the path.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::limits;

/// Whether a pipe (or a FIFO) may be read where a file is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pipe {
    /// A file named on the command line, read once.
    Read,
    /// Any other: a file found, or named in a file or a variable.
    Refused,
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Problem {
    /// The system's error, opening or reading it.
    Io(io::Error),
    /// It holds more than its limit, in bytes.
    TooLarge(u64),
    /// It is not a regular file: what it is ("a device").
    Special(&'static str),
}

impl Problem {
    /// Whether there is nothing at the path (some files are optional).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Problem::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Io(e) => f.write_str(&crate::error::io_reason(e)),
            Problem::TooLarge(limit) => {
                write!(f, "larger than the limit of {}", limits::show(*limit))
            }
            Problem::Special(what) => write!(f, "it is {what}, not a regular file"),
        }
    }
}

impl From<io::Error> for Problem {
    fn from(e: io::Error) -> Self {
        Problem::Io(e)
    }
}

/// A file opened and examined, ready to be read.
#[derive(Debug)]
pub struct Opened {
    pub file: File,
    /// A regular file's size; `None` for a pipe or `/dev/null`, which
    /// give their bytes once.
    pub size: Option<u64>,
    limit: u64,
}

impl Opened {
    /// All of it, or `TooLarge` (at most one byte past the limit is read).
    pub fn read_all(self) -> Result<Vec<u8>, Problem> {
        // Allocated once at a regular file's size, and a byte to see the
        // end: a large file is not held twice while its buffer grows.
        let room = self.size.unwrap_or(0).min(self.limit).saturating_add(1);
        let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
        self.file
            .take(self.limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > self.limit {
            return Err(Problem::TooLarge(self.limit));
        }
        Ok(bytes)
    }
}

/// The file at `path`, opened without waiting and examined: a regular
/// file of at most `limit` bytes, `/dev/null`, or a pipe where `pipe`
/// allows one.
pub fn open(path: &Path, limit: u64, pipe: Pipe) -> Result<Opened, Problem> {
    let file = open_without_waiting(path)?;
    let size = examine(&file, limit, pipe)?;
    wait_when_reading(&file)?;
    Ok(Opened { file, size, limit })
}

/// All of the file at `path`, as [`open`] allows it.
pub fn read(path: &Path, limit: u64, pipe: Pipe) -> Result<Vec<u8>, Problem> {
    open(path, limit, pipe)?.read_all()
}

/// O_NONBLOCK: "an open() for reading-only [of a FIFO] shall return
/// without delay" instead of waiting for a writer (POSIX, open()).
/// O_NOCTTY: a terminal named as a file does not become infer's
/// controlling terminal. O_CLOEXEC, as std opens every file.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    Ok(File::from(rustix::fs::open(path, flags, Mode::empty())?))
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Reads wait again once the file is known to be one infer reads: a pipe
/// named on the command line is read as it is written. With no writer,
/// "read() shall return 0 to indicate end-of-file" (POSIX, read()): a FIFO
/// nobody writes to reads as empty, never as a wait.
#[cfg(unix)]
fn wait_when_reading(file: &File) -> io::Result<()> {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    let flags = fcntl_getfl(file)?;
    Ok(fcntl_setfl(file, flags - OFlags::NONBLOCK)?)
}

#[cfg(not(unix))]
fn wait_when_reading(_: &File) -> io::Result<()> {
    Ok(())
}

/// What the opened file is (`fstat` of its descriptor): its size when it
/// is a regular file, `None` when it is one read once; else why not.
#[cfg(unix)]
fn examine(file: &File, limit: u64, pipe: Pipe) -> Result<Option<u64>, Problem> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let meta = file.metadata()?;
    let kind = meta.file_type();
    if kind.is_file() {
        return match meta.len() {
            size if size > limit => Err(Problem::TooLarge(limit)),
            size => Ok(Some(size)),
        };
    }
    if kind.is_fifo() {
        return match pipe {
            Pipe::Read => Ok(None),
            Pipe::Refused => Err(Problem::Special("a pipe (FIFO)")),
        };
    }
    if kind.is_char_device() && is_dev_null(meta.rdev()) {
        return Ok(None);
    }
    Err(Problem::Special(if kind.is_dir() {
        "a folder"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "something else"
    }))
}

/// Whether a character device is the null device, by its device number
/// (which differs between systems): the one `/dev/null` names here.
#[cfg(unix)]
fn is_dev_null(rdev: u64) -> bool {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    std::fs::metadata("/dev/null")
        .is_ok_and(|null| null.file_type().is_char_device() && null.rdev() == rdev)
}

#[cfg(not(unix))]
fn examine(file: &File, limit: u64, pipe: Pipe) -> Result<Option<u64>, Problem> {
    let meta = file.metadata()?;
    if meta.is_file() {
        return match meta.len() {
            size if size > limit => Err(Problem::TooLarge(limit)),
            size => Ok(Some(size)),
        };
    }
    match pipe {
        _ if meta.is_dir() => Err(Problem::Special("a folder")),
        Pipe::Read => Ok(None),
        Pipe::Refused => Err(Problem::Special("something other than a file")),
    }
}

/// A warning when the secret file at `path` (read already) can be read by
/// anyone on the machine, as an inline secret in such a config file is
/// refused (`config.rs`). Group-readable files are left alone: a mounted
/// container secret is often shared with a group on purpose.
pub fn warn_if_public(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o004 != 0 {
            crate::output::warn_once(&format!(
                "the secret file {} can be read by anyone (mode {mode:04o}): chmod 600 {}",
                path.display(),
                path.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Write `path` as a new regular file of its own, `mode` its permissions
/// on Unix where the owner's alone will not do: the text goes to a file
/// created beside it under a fresh name (`prefix…`) with O_CREAT|O_EXCL
/// ("If O_EXCL and O_CREAT are set, and path names a symbolic link, open()
/// shall fail"; POSIX, open()), which is then renamed over `path`.
/// rename() "shall operate on the symbolic link itself" (POSIX, rename()):
/// a link planted at `path` is replaced, and its target, like the other
/// name of a file hard-linked elsewhere, is left as it was. Readers see the
/// old file or the new one, never half of it.
pub fn write_atomic(
    path: &Path,
    prefix: &str,
    text: &[u8],
    mode: Option<u32>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new().prefix(prefix).tempfile_in(dir)?;
    std::io::Write::write_all(&mut file, text)?;
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn fifo(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("fifo");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &path,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        )
        .unwrap();
        path
    }

    #[test]
    fn a_regular_file_is_read_within_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read(&path, 10, Pipe::Refused).unwrap(), b"0123456789");
        let err = read(&path, 9, Pipe::Refused).unwrap_err();
        assert_eq!(err.to_string(), "larger than the limit of 9 bytes");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert_eq!(read(&link, 10, Pipe::Refused).unwrap().len(), 10);
        let err = read(&dir.path().join("none"), 10, Pipe::Refused).unwrap_err();
        assert!(err.is_not_found(), "{err}");
    }

    #[test]
    fn special_files_are_named_and_dev_null_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let said = |path: &Path, pipe| read(path, 1 << 20, pipe).unwrap_err().to_string();
        assert_eq!(
            said(Path::new("/dev/zero"), Pipe::Read),
            "it is a device, not a regular file"
        );
        assert_eq!(
            said(dir.path(), Pipe::Read),
            "it is a folder, not a regular file"
        );
        assert_eq!(read(Path::new("/dev/null"), 0, Pipe::Refused).unwrap(), b"");
        assert_eq!(
            said(&fifo(dir.path()), Pipe::Refused),
            "it is a pipe (FIFO), not a regular file"
        );
    }

    #[test]
    fn a_fifo_nobody_writes_to_reads_as_empty_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = fifo(dir.path());
        let start = Instant::now();
        assert_eq!(read(&path, 10, Pipe::Read).unwrap(), b"");
        assert!(start.elapsed() < Duration::from_secs(2));
        // One that is written to is read, up to the limit. (A reader is
        // held open first, so that the writer's open does not wait.)
        let _held = open_without_waiting(&path).unwrap();
        let mut writer = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        std::io::Write::write_all(&mut writer, b"abc").unwrap();
        drop(writer);
        assert_eq!(read(&path, 10, Pipe::Read).unwrap(), b"abc");
        let mut writer = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        std::io::Write::write_all(&mut writer, &[b'x'; 64]).unwrap();
        let err = read(&path, 10, Pipe::Read).unwrap_err();
        assert_eq!(err.to_string(), "larger than the limit of 10 bytes");
    }
}
