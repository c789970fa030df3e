//! How `plan`, `apply` and `rotate` on several clusters show what they
//! do: each cluster under its heading on a terminal, its lines prefixed
//! with its profile on stderr, a section per cluster in the JSON report.
//! Running them, and their exit code, is `mod.rs`.

use anyhow::Result;
use serde::Serialize;

use crate::connection::targets::Target;
use crate::ops::apply::Outcome;
use crate::ops::sync::Item;
use crate::output::{Style, Ui, say};

use super::planned::{Cluster, name};
use crate::commands::batch_view;

/// One cluster's section of the JSON report: `report` holds what the
/// command reports for one cluster; `error` why the cluster has none.
#[derive(Serialize)]
pub struct Section<'r, T: Serialize> {
    pub profile: &'r str,
    pub url: String,
    pub exit_code: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl<'r, T: Serialize> Section<'r, T> {
    /// The section of `cluster`: the report `of` its plan gives, with that
    /// report's exit code; for a cluster with no plan, its error and the
    /// error's own code.
    pub fn of(cluster: &'r Cluster, of: impl FnOnce(&'r [Item]) -> (T, u8)) -> Self {
        let target = cluster.target;
        let (report, exit_code, error) = match &cluster.planned {
            Ok((_, items)) => {
                let (report, code) = of(items);
                (Some(report), code, None)
            }
            Err(e) => (None, crate::error::exit_code(e), Some(format!("{e:#}"))),
        };
        Section {
            profile: &target.profile,
            url: crate::secret::url::shown(target.connection.base_url.as_str()),
            exit_code,
            report,
            error,
        }
    }
}

/// The JSON report of a run on several clusters.
#[derive(Serialize)]
pub struct Report<S: Serialize> {
    pub clusters: Vec<S>,
}

/// The heading of a cluster's block on a terminal.
fn heading(ui: &Ui, target: &Target) -> String {
    format!("{} {}", ui.paint(Style::Warn, "Cluster"), name(target))
}

/// What stderr says of a cluster that has no plan.
pub fn failed_line(target: &Target, err: &anyhow::Error) -> String {
    format!("infer: error: {}: {err:#}", name(target))
}

/// Each cluster's block on a terminal: its heading, the `lines` of its
/// plan (or its error), a blank line.
pub fn blocks(
    ui: &Ui,
    clusters: &[Cluster],
    lines: impl Fn(&Cluster, &[Item]) -> Result<Vec<String>>,
) -> Result<()> {
    for cluster in clusters {
        ui.print_line(&heading(ui, cluster.target))?;
        let shown = match &cluster.planned {
            Ok((_, items)) => lines(cluster, items)?,
            Err(e) => vec![format!(
                "  {} {e:#}",
                ui.paint(Style::Bad, "! not planned:")
            )],
        };
        for line in shown {
            ui.print_line(&line)?;
        }
        ui.print_line("")?;
    }
    Ok(())
}

/// Each cluster's `lines` on stderr, prefixed with its profile (`-q`
/// leaves them out); with `errors`, the error of a cluster that has no
/// plan.
pub fn on_stderr(
    ui: &Ui,
    clusters: &[Cluster],
    lines: impl Fn(&Cluster, &[Item]) -> Vec<String>,
    errors: bool,
) {
    for cluster in clusters {
        match &cluster.planned {
            Ok((_, items)) => {
                for line in lines(cluster, items).iter().filter(|l| !l.is_empty()) {
                    ui.info(&format!("{}: {line}", cluster.target.profile));
                }
            }
            Err(e) if errors => say(&failed_line(cluster.target, e)),
            Err(_) => {}
        }
    }
}

/// The plans of every cluster before a write: on a terminal, each
/// cluster's blocks under its heading; piped, its summary line on stderr
/// (with `-v`, its blocks too); a cluster that has no plan, its error.
pub fn show_plans(ui: &Ui, clusters: &[Cluster]) -> Result<()> {
    if ui.stdout_is_terminal() {
        return blocks(ui, clusters, |_, items| {
            Ok(batch_view::plan_lines(ui, items))
        });
    }
    on_stderr(
        ui,
        clusters,
        |_, items| match ui.is_verbose() {
            true => batch_view::plan_lines(ui, items),
            false => vec![batch_view::summary(items)],
        },
        true,
    );
    Ok(())
}

/// The report of the writes, `outcomes` by cluster and `codes` their exit
/// codes: JSON when piped or asked for (a cluster's error was said with
/// its plan, before any write), else each cluster's lines under its
/// heading, ending with `title` (`Apply: …`).
pub fn report(
    ui: &Ui,
    clusters: &[Cluster],
    (outcomes, codes, title): (&[Option<Vec<Outcome>>], &[u8], &str),
    format: Option<crate::cli::OutputFormat>,
) -> Result<()> {
    let of = |c: &Cluster| of_cluster(outcomes, c);
    let Some(data) = ui.data_format(format) else {
        return blocks(ui, clusters, |c, _| {
            batch_view::report_lines(ui, of(c), title)
        });
    };
    let sections: Vec<Section<&[Outcome]>> = clusters
        .iter()
        .map(|c| Section::of(c, |_| (of(c), codes[c.index])))
        .collect();
    ui.print_data(data, &Report { clusters: sections })?;
    on_stderr(ui, clusters, |c, _| vec![batch_view::counts(of(c))], false);
    Ok(())
}

/// The outcomes of `cluster`'s writes among every cluster's (none for one
/// that has no plan).
pub fn of_cluster<'o>(outcomes: &'o [Option<Vec<Outcome>>], cluster: &Cluster) -> &'o [Outcome] {
    outcomes
        .get(cluster.index)
        .and_then(Option::as_ref)
        .map_or(&[][..], Vec::as_slice)
}
