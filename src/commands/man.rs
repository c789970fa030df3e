//! `infer man`: the manual pages, made from the same clap definitions as
//! `--help` (clap_mangen): one page on stdout, or every page written to a
//! directory. The committed `man/` holds the same pages, checked by a test.

use anyhow::Result;
use std::io::Write;
use std::path::Path;

use crate::cli::ManArgs;
use crate::error::{Error, io_reason};
use crate::local_file;
use crate::output::Ui;

mod sections;

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
        let top = pages.is_empty();
        let after_help = cmd.get_after_help().map(ToString::to_string);
        let (extra, codes) = sections::split_exit_codes(after_help.as_deref().unwrap_or(""));
        let page_cmd = if extra.is_empty() {
            cmd.clone().after_help(clap::builder::Resettable::Reset)
        } else {
            cmd.clone().after_help(extra)
        };
        let man = clap_mangen::Man::new(page_cmd)
            .date(r"\&")
            .source(concat!("infer ", env!("CARGO_PKG_VERSION")))
            .manual("infer manual");
        let mut text = Vec::new();
        man.render(&mut text)?;
        let mut reference = String::new();
        if !codes.is_empty() {
            reference.push_str(&sections::exit_status(&codes, top));
        }
        if top {
            reference.push_str(&sections::environment(&cmd));
            reference.push_str(&sections::files());
            reference.push_str(&sections::limits());
        } else {
            reference.push_str(&sections::see_also());
        }
        let text = synopsis_with_values(&String::from_utf8(text)?, &cmd);
        let text = with_sections(&text, &reference);
        pages.push((man.get_filename(), text.into_bytes()));
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

/// `page` with the reference sections (`sections.rs`) where man-pages(7)
/// puts them: after the description, options and notes, before VERSION.
fn with_sections(page: &str, sections: &str) -> String {
    match page.split_once("\n.SH VERSION\n") {
        Some((head, tail)) => format!("{head}\n{sections}.SH VERSION\n{tail}"),
        None if page.ends_with('\n') => format!("{page}{sections}"),
        None => format!("{page}\n{sections}"),
    }
}

/// `page` with each option in its SYNOPSIS followed by its value, as
/// `--help` and the page's OPTIONS section give it (`--url <URL>`):
/// clap_mangen 0.3 writes the synopsis with the option names only (its
/// `render_synopsis_option`, render.rs), and a reader should not have to
/// look further down to learn that `--url` takes a URL. The value is set
/// as clap_mangen sets it under OPTIONS (`option_value_markers`): italic,
/// in brackets when it may be left out.
fn synopsis_with_values(page: &str, cmd: &clap::Command) -> String {
    let Some((head, rest)) = page.split_once("\n.SH SYNOPSIS\n") else {
        return page.to_string();
    };
    let (synopsis, tail) = rest.split_once('\n').unwrap_or((rest, ""));
    let mut synopsis = synopsis.to_string();
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let Some(value) = value_of(arg) else {
            continue;
        };
        // How clap_mangen writes the option's name there: the long name,
        // or the short one followed by a space when there is no long one.
        let (name, gap) = match (arg.get_long(), arg.get_short()) {
            (Some(long), _) => (format!(r"\fB\-\-{}\fR", roff_escape(long)), " "),
            (None, Some(short)) => (format!(r"\fB\-{} \fR", roff_escape(&short.to_string())), ""),
            (None, None) => continue,
        };
        synopsis = synopsis.replacen(&name, &format!("{name}{gap}{value}"), 1);
    }
    format!("{head}\n.SH SYNOPSIS\n{synopsis}\n{tail}")
}

/// An option's value as clap_mangen writes it under OPTIONS: `\fI<URL>\fR`,
/// `[\fI<WHEN>\fR]` when it may be left out, `\fI<KEY>...\fR` when it
/// takes more; `None` for a flag (or a positional argument, which the
/// synopsis already names by its value).
fn value_of(arg: &clap::Arg) -> Option<String> {
    let range = arg.get_num_args()?;
    if arg.is_positional() || !range.takes_values() {
        return None;
    }
    let names: Vec<String> = match arg.get_value_names() {
        Some(names) => names.iter().map(ToString::to_string).collect(),
        None => vec![arg.get_id().as_str().to_uppercase()],
    };
    let last = names.len().saturating_sub(1);
    let values: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let more = if i == last && range.max_values() > names.len() {
                "..."
            } else {
                ""
            };
            format!(r"\fI<{}>{more}\fR", roff_escape(name))
        })
        .collect();
    let values = values.join(" ");
    let eq = if arg.is_require_equals_set() { "=" } else { "" };
    Some(if range.min_values() > 0 {
        format!("{eq}{values}")
    } else {
        format!("[{eq}{values}]")
    })
}

/// Text set in roff as the roff crate sets it (`escape_inline` and
/// `escape_apostrophes`): `\` and `-` escaped, `'` as the `Aq` string
/// the page's preamble defines.
fn roff_escape(text: &str) -> String {
    text.replace('\\', r"\\")
        .replace('-', r"\-")
        .replace('\'', r"\*(Aq")
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
        // Pages are for everyone to read, as `man` does.
        local_file::write_atomic(&path, ".infer-man-", text, Some(0o644))
            .map_err(|e| failed(e, &path))?;
    }
    ui.info(&format!(
        "wrote {} manual pages to {}",
        pages.len(),
        dir.display()
    ));
    Ok(())
}
