//! `plan`, `apply` and `rotate` on several clusters in one run (`--profile`
//! repeated, or `--all-profiles`; `connection::targets` resolves them):
//! every cluster planned at once, each with its own connection; one
//! confirmation that names every cluster to be written; the writes carried
//! out at once across clusters (each up to `--parallel` at once); a report
//! per cluster, and one exit code, the most serious ([`overall`]).
//!
//! A cluster that cannot be planned (not reached, an HTTP error) is
//! reported and the others go on, unless `--fail-fast`. An input that is
//! not valid for one of them (a usage error: a file's reference that does
//! not resolve there, say) stops the run before anything is written.

use anyhow::Result;
use std::sync::atomic::AtomicBool;

use crate::client::{Client, Named};
use crate::connection::targets::Target;
use crate::error::Error;
use crate::ops::after_write::AfterWrite;
use crate::ops::apply::{self, Outcome};
use crate::ops::batch::{Event, How};
use crate::ops::sync::Item;
use crate::output::{Ui, say};

use super::batch_view::Progress;

mod planned;
mod view;

pub use planned::{Cluster, exit, name};
pub use view::{Report, Section, blocks, failed_line, on_stderr, show_plans};

/// The sinks of the clients, one per target, each naming its profile in
/// the `-v` log; shows each connection's own `-v` notes.
pub fn logs<'a>(targets: &[Target], ui: &'a Ui) -> Vec<Named<'a>> {
    targets
        .iter()
        .map(|target| {
            for note in &target.connection.notes {
                ui.debug(&format!("{}: {note}", target.profile));
            }
            Named {
                log: ui,
                name: target.profile.clone(),
            }
        })
        .collect()
}

/// Every target planned at once by `plan` (given the target's index and
/// its client). A usage error or a refusal in any is the run's error
/// (exit 2 or 3, nothing written), naming its cluster; any other failure
/// (not reached, an HTTP error) is that cluster's.
pub fn plan_each<'a>(
    targets: &'a [Target],
    logs: &'a [Named<'a>],
    plan: &(dyn Fn(usize, &Client) -> Result<Vec<Item>> + Sync),
) -> Result<Vec<Cluster<'a>>> {
    let one = |index: usize| -> Result<(Client<'a>, Vec<Item>)> {
        let target = &targets[index];
        let client = Client::new(&target.connection, &logs[index])?;
        let items = plan(index, &client)?;
        // What the cluster says it is, for `one_cluster_twice`; a key that
        // may not read `GET /` (`monitor`) only goes without the check.
        let _ = client.root();
        Ok((client, items))
    };
    let planned: Vec<Result<(Client<'a>, Vec<Item>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..targets.len())
            .map(|index| scope.spawn(move || one(index)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("planning stopped unexpectedly")))
            })
            .collect()
    });
    let mut clusters = Vec::new();
    let mut stops = Vec::new();
    for (index, (target, planned)) in targets.iter().zip(planned).enumerate() {
        match planned {
            // What the input asks is wrong there (a usage error, or a
            // refusal): the run stops before anything is written anywhere.
            Err(e) if matches!(crate::error::exit_code(&e), 2 | 3) => {
                stops.push(e.context(name(target)));
            }
            planned => clusters.push(Cluster {
                target,
                index,
                planned,
            }),
        }
    }
    one_cluster_twice(&clusters)?;
    // The most serious (a usage error before a refusal), else the first.
    match stops.into_iter().min_by_key(crate::error::exit_code) {
        Some(stop) => Err(stop),
        None => Ok(clusters),
    }
}

/// Two targets that reach one cluster under two URLs (`localhost` and
/// `127.0.0.1`, a load balancer and a node) are refused as two with one
/// URL are: one `cluster_uuid` in `GET /` (`MainResponse.java`), unless
/// the cluster has none yet (`_na_`).
fn one_cluster_twice(clusters: &[Cluster]) -> Result<()> {
    let mut seen: Vec<(String, &Cluster)> = Vec::new();
    for cluster in clusters {
        let Ok((client, _)) = &cluster.planned else {
            continue;
        };
        let Ok(root) = client.root() else { continue };
        let base_url = &cluster.target.connection.base_url;
        let Some(uuid) = crate::ops::saved_plan::Cluster::new(base_url, root).uuid else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(known, _)| *known == uuid) {
            return Err(Error::usage(format!(
                "profiles {} and {} reach one cluster (cluster_uuid {uuid}): two targets must \
                 be two clusters; name only one of them; nothing was written",
                first.name(),
                cluster.name()
            )));
        }
        seen.push((uuid, cluster));
    }
    Ok(())
}

/// The confirmation's question, given the clusters to be written.
pub type Question<'q> = dyn Fn(&[&Cluster]) -> String + 'q;

/// Carry out every cluster's plan, all at once (each up to `--parallel`
/// at once), once `question` (given the clusters to be written and how
/// many endpoints each) is confirmed; then the report and the exit code.
pub fn write_all(
    ui: &Ui,
    clusters: &[Cluster],
    run: &crate::cli::RunArgs,
    (secrets, after): (bool, AfterWrite),
    (command, question): (&str, &Question),
) -> Result<()> {
    let title = title_of(command);
    let unplanned = clusters.iter().any(|c| c.planned.is_err());
    if run.fail_fast && unplanned {
        say("infer: --fail-fast: a cluster could not be planned, so nothing was written");
        let outcomes: Vec<_> = clusters
            .iter()
            .map(|c| c.items().map(crate::ops::batch::none_started))
            .collect();
        return finish(ui, clusters, (&outcomes, title), run.format(), false);
    }
    let writing: Vec<&Cluster> = clusters.iter().filter(|c| c.to_write() > 0).collect();
    // A change left that is a conflict is not nothing to do: the report
    // says what was skipped, as on one cluster.
    let pending = clusters.iter().any(|c| {
        c.items()
            .is_some_and(|items| items.iter().any(Item::pending))
    });
    if writing.is_empty() && !pending {
        ui.info(match unplanned {
            true => "nothing to write on the clusters reached",
            false => "nothing to do: every cluster has what it should",
        });
    } else if !writing.is_empty() {
        super::batch::confirm(run.yes, command, &question(&writing))?;
    }
    let options = apply::Options {
        verify: !run.no_verify,
        secrets,
        after,
    };
    let (outcomes, stopped) = carry_out_each(ui, clusters, run, &options);
    finish(ui, clusters, (&outcomes, title), run.format(), stopped)
}

/// The report of the writes (`view::report`), and the run's exit code:
/// the most serious of the clusters'.
fn finish(
    ui: &Ui,
    clusters: &[Cluster],
    (outcomes, title): (&[Option<Vec<Outcome>>], &str),
    format: Option<crate::cli::OutputFormat>,
    stopped: bool,
) -> Result<()> {
    let of = |c: &Cluster| view::of_cluster(outcomes, c);
    let codes: Vec<u8> = clusters
        .iter()
        .map(|c| c.code(|_| crate::commands::batch_view::outcome_code(of(c), stopped)))
        .collect();
    view::report(ui, clusters, (outcomes, &codes, title), format)?;
    if stopped {
        say(&format!(
            "infer: {}: the writes in flight finished, no new one was started",
            crate::interrupt::signal_name()
        ));
    }
    exit(codes)
}

/// `Apply`, `Rotate`: what the report's last line starts with.
fn title_of(command: &str) -> &'static str {
    match command {
        "rotate" => "Rotate",
        _ => "Apply",
    }
}

/// Every planned cluster's items carried out, the clusters at once, with
/// one progress display; each cluster's outcomes (none for one that has
/// no plan), and whether a signal stopped the run.
fn carry_out_each(
    ui: &Ui,
    clusters: &[Cluster],
    run: &crate::cli::RunArgs,
    options: &apply::Options,
) -> (Vec<Option<Vec<Outcome>>>, bool) {
    let mut names = Vec::new();
    let mut offsets = Vec::new();
    for cluster in clusters {
        offsets.push(names.len());
        let writes = crate::ops::batch::to_write(cluster.items().unwrap_or_default());
        names.extend(writes.map(|i| format!("{}: {}", cluster.target.profile, i.inference_id)));
    }
    let progress = Progress::new(ui, names);
    let failed = AtomicBool::new(false);
    let how = How {
        parallel: usize::from(run.parallel),
        fail_fast: run.fail_fast.then_some(&failed),
    };
    let results: Vec<Option<(Vec<Outcome>, bool)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = clusters
            .iter()
            .zip(&offsets)
            .map(|(cluster, offset)| {
                let progress = &progress;
                scope.spawn(move || {
                    let (client, items) = cluster.planned.as_ref().ok()?;
                    let shifted = |event: Event| progress.event(shift(event, *offset));
                    Some(crate::ops::batch::carry_out(
                        client, items, options, how, &shifted,
                    ))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    progress.finish();
    let stopped = results.iter().flatten().any(|(_, stopped)| *stopped);
    (
        results.into_iter().map(|r| r.map(|(o, _)| o)).collect(),
        stopped,
    )
}

/// An event of one cluster's batch as the shared progress numbers it.
fn shift(event: Event, offset: usize) -> Event {
    match event {
        Event::Started(i) => Event::Started(i + offset),
        Event::Finished { index, ok } => Event::Finished {
            index: index + offset,
            ok,
        },
    }
}
