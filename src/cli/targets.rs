//! Several targets on the command line: `--profile` given more than once,
//! or `--all-profiles`, which only the commands of [`TAKE_SEVERAL`] take
//! (`connection::targets` resolves them): `plan`, `apply`, `rotate` and
//! `diff`. Both are global options, so
//! that any other command given them says why not, rather than clap's
//! "unexpected argument"; `--all-profiles` is shown only where it applies.

use super::GlobalArgs;

/// The commands that take several targets.
pub const TAKE_SEVERAL: [&str; 4] = ["plan", "apply", "rotate", "diff"];

/// `sc` with `--all-profiles` hidden, unless it takes several targets
/// (`hidden` holds the global options, hidden).
pub fn hide_all_profiles(sc: clap::Command, hidden: &[clap::Arg]) -> clap::Command {
    let has_it = sc.get_arguments().any(|a| a.get_id() == "all_profiles");
    if TAKE_SEVERAL.contains(&sc.get_name()) || has_it {
        return sc;
    }
    match hidden.iter().find(|a| a.get_id() == "all_profiles") {
        Some(arg) => sc.arg(arg.clone()),
        None => sc,
    }
}

/// The error for a command that takes one target given several: it names
/// the command and the commands that take several.
pub fn one_unless_several(command: &str, global: &GlobalArgs) -> Result<(), String> {
    if command.is_empty() || TAKE_SEVERAL.contains(&command) {
        return Ok(());
    }
    let given = if global.all_profiles {
        "--all-profiles".to_string()
    } else if global.profiles.len() > 1 {
        format!("--profile {} times", global.profiles.len())
    } else {
        return Ok(());
    };
    let (last, rest) = TAKE_SEVERAL.split_last().unwrap_or((&"diff", &[]));
    Err(format!(
        "infer {command} works on one cluster, and was given {given}: give one --profile (or \
         none, for the default); only infer {} and {last} take several (--profile repeated, or \
         --all-profiles)",
        rest.join(", "),
    ))
}
