//! How `plan`, `apply` and `rotate` on several clusters show what they
//! do: each cluster under its heading on a terminal, its lines prefixed
//! with its profile on stderr, a section per cluster in the JSON report.
//! Running them is `mod.rs`.

use anyhow::Result;
use serde::Serialize;

use crate::connection::targets::Target;
use crate::error::Error;
use crate::ops::apply::Outcome;
use crate::output::{Style, Ui, say};

use super::planned::{Cluster, name, overall};
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
    pub fn new(target: &'r Target, outcome: std::result::Result<(T, u8), String>) -> Self {
        let (report, exit_code, error) = match outcome {
            Ok((report, code)) => (Some(report), code, None),
            Err(error) => (None, 1, Some(error)),
        };
        Section {
            profile: &target.profile,
            url: crate::secret::url::shown(target.connection.base_url.as_str()),
            exit_code,
            report,
            error,
        }
    }

    /// The section of a cluster that failed with `err`, with its own code.
    pub fn failed(target: &'r Target, err: &anyhow::Error) -> Self {
        let mut section = Section::new(target, Err(format!("{err:#}")));
        section.exit_code = crate::error::exit_code(err);
        section
    }
}

/// The JSON report of a run on several clusters.
#[derive(Serialize)]
pub struct Report<S: Serialize> {
    pub clusters: Vec<S>,
}

/// The heading of a cluster's block on a terminal.
pub fn heading(ui: &Ui, target: &Target) -> String {
    format!("{} {}", ui.paint(Style::Warn, "Cluster"), name(target))
}

/// What stderr says of a cluster that has no plan.
pub fn failed_line(target: &Target, err: &anyhow::Error) -> String {
    format!("infer: error: {}: {err:#}", name(target))
}

/// What a terminal shows of a cluster that has no plan: its error.
pub fn failed_lines(ui: &Ui, err: &anyhow::Error) -> Vec<String> {
    vec![format!(
        "  {} {err:#}",
        ui.paint(Style::Bad, "! not planned:")
    )]
}

/// The plans of every cluster before a write: on a terminal, each
/// cluster's blocks under its heading; piped, its summary line on stderr
/// (with `-v`, its blocks too); a cluster that has no plan, its error.
pub fn show_plans(ui: &Ui, clusters: &[Cluster]) -> Result<()> {
    let terminal = ui.stdout_is_terminal();
    for cluster in clusters {
        let lines = match &cluster.planned {
            Ok((_, items)) if terminal || ui.is_verbose() => batch_view::plan_lines(ui, items),
            Ok((_, items)) => vec![batch_view::summary(items)],
            Err(e) if terminal => failed_lines(ui, e),
            Err(e) => {
                say(&failed_line(cluster.target, e));
                continue;
            }
        };
        if terminal {
            ui.print_line(&heading(ui, cluster.target))?;
            for line in lines {
                ui.print_line(&line)?;
            }
            ui.print_line("")?;
        } else {
            for line in lines.iter().filter(|l| !l.is_empty()) {
                ui.info(&format!("{}: {line}", cluster.target.profile));
            }
        }
    }
    Ok(())
}

/// The report of the writes: a section per cluster (JSON when piped or
/// asked for, else each cluster's lines under its heading), and the exit
/// code, the most serious of the clusters'.
pub fn report(
    ui: &Ui,
    clusters: &[Cluster],
    (outcomes, title): (&[Option<Vec<Outcome>>], &str),
    format: Option<crate::cli::OutputFormat>,
    stopped: bool,
) -> Result<()> {
    let of = |index: usize| outcomes.get(index).and_then(Option::as_ref);
    let code = |index: usize, cluster: &Cluster| match &cluster.planned {
        Err(e) => crate::error::exit_code(e),
        Ok(_) => batch_view::outcome_code(of(index).map_or(&[][..], Vec::as_slice), stopped),
    };
    let codes: Vec<u8> = clusters
        .iter()
        .enumerate()
        .map(|(i, c)| code(i, c))
        .collect();
    if let Some(data) = ui.data_format(format) {
        let sections: Vec<Section<&[Outcome]>> = clusters
            .iter()
            .enumerate()
            .map(|(i, cluster)| match &cluster.planned {
                Err(e) => Section::failed(cluster.target, e),
                Ok(_) => Section::new(
                    cluster.target,
                    Ok((of(i).map_or(&[][..], Vec::as_slice), codes[i])),
                ),
            })
            .collect();
        ui.print_data(data, &Report { clusters: sections })?;
        // A cluster's error was said with its plan, before any write.
        for (i, cluster) in clusters.iter().enumerate() {
            if cluster.planned.is_ok() {
                let counts = batch_view::counts(of(i).map_or(&[][..], Vec::as_slice));
                ui.info(&format!("{}: {counts}", cluster.target.profile));
            }
        }
    } else {
        for (i, cluster) in clusters.iter().enumerate() {
            ui.print_line(&heading(ui, cluster.target))?;
            let lines = match (&cluster.planned, of(i)) {
                (Err(e), _) => failed_lines(ui, e),
                (Ok(_), o) => {
                    batch_view::report_lines(ui, o.map_or(&[][..], Vec::as_slice), title)?
                }
            };
            for line in lines {
                ui.print_line(&line)?;
            }
            ui.print_line("")?;
        }
    }
    if stopped {
        say(&format!(
            "infer: {}: the writes in flight finished, no new one was started",
            crate::interrupt::signal_name()
        ));
    }
    match overall(codes) {
        0 => Ok(()),
        code => Err(Error::Status(code).into()),
    }
}
