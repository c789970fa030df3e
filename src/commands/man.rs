//! `infer man`: the manual pages, made from the same clap definitions as
//! `--help` (clap_mangen): one page on stdout, or every page written to a
//! directory. The committed `man/` holds the same pages, checked by a test.

use anyhow::Result;
use std::io::Write;
use std::path::Path;

use crate::cli::ManArgs;
use crate::error::{Error, io_reason};
use crate::output::Ui;

pub fn run(args: &ManArgs, ui: &Ui) -> Result<()> {
    let pages = pages()?;
    if let Some(dir) = &args.dir {
        return write_all(dir, &pages, ui);
    }
    let words: Vec<&str> = args
        .command
        .iter()
        .map(String::as_str)
        .skip_while(|w| *w == "infer")
        .collect();
    let wanted = std::iter::once("infer")
        .chain(words)
        .collect::<Vec<_>>()
        .join("-");
    let Some((_, page)) = pages
        .iter()
        .find(|(name, _)| name == &format!("{wanted}.1"))
    else {
        let known: Vec<&str> = pages
            .iter()
            .map(|(name, _)| name.trim_end_matches(".1"))
            .collect();
        return Err(Error::usage(format!(
            "no manual page for '{}': the pages are {}",
            args.command.join(" "),
            known.join(", ")
        )));
    };
    let mut out = std::io::stdout().lock();
    out.write_all(page)?;
    out.flush()?;
    Ok(())
}

/// Every page as (file name, roff text): `infer.1` first, then one per
/// command and subcommand (`infer-update.1`, `infer-config-show.1`).
pub fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    fn add(cmd: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
        // No date, so that a page changes only with infer; `\&` keeps the
        // empty field in place (clap_mangen writes an empty one as nothing,
        // and the source would then show as the date).
        let man = clap_mangen::Man::new(cmd.clone())
            .date(r"\&")
            .source(concat!("infer ", env!("CARGO_PKG_VERSION")))
            .manual("infer manual");
        let mut text = Vec::new();
        man.render(&mut text)?;
        pages.push((man.get_filename(), text));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            add(sub.clone(), pages)?;
        }
        Ok(())
    }
    let mut cmd = crate::cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    add(cmd, &mut pages)?;
    Ok(pages)
}

fn write_all(dir: &Path, pages: &[(String, Vec<u8>)], ui: &Ui) -> Result<()> {
    let failed = |e: std::io::Error, what: &Path| {
        Error::usage(format!(
            "cannot write the manual pages to {}: {}; choose another --dir",
            what.display(),
            io_reason(&e)
        ))
    };
    std::fs::create_dir_all(dir).map_err(|e| failed(e, dir))?;
    for (name, text) in pages {
        let path = dir.join(name);
        replace(dir, &path, text).map_err(|e| failed(e, &path))?;
    }
    ui.info(&format!(
        "wrote {} manual pages to {}",
        pages.len(),
        dir.display()
    ));
    Ok(())
}

/// Write `path` as a new regular file of its own: the text goes to a file
/// created in `dir` under a fresh name with O_CREAT|O_EXCL ("If O_EXCL and
/// O_CREAT are set, and path names a symbolic link, open() shall fail";
/// POSIX, open()), which is then renamed over `path`. rename() "shall
/// operate on the symbolic link itself" (POSIX, rename()): a link planted
/// at `path` is replaced, and its target, like the other name of a page
/// hard-linked elsewhere, is left as it was. Readers see the old page or
/// the new one, never half of it.
pub(super) fn replace(dir: &Path, path: &Path, text: &[u8]) -> std::io::Result<()> {
    let mut file = tempfile::Builder::new()
        .prefix(".infer-man-")
        .tempfile_in(dir)?;
    file.write_all(text)?;
    // Pages are for everyone to read, as `man` does (the temporary file
    // is created readable by its owner only).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
