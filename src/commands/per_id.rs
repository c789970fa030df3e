//! Commands that take several ids (`get`, `delete`): each id is tried in
//! turn, and a failure is reported at once without stopping the others,
//! except one that would stop them all the same (no connection, Ctrl-C).
//! The run then ends with the first failure's exit code. One id behaves
//! exactly as before: its error is the run's error.

use anyhow::Result;

use crate::error::{self, Error};
use crate::output::say;

pub struct PerId<T> {
    /// What succeeded, in the order of the ids.
    pub done: Vec<T>,
    failure: Option<anyhow::Error>,
}

impl<T> PerId<T> {
    /// Try `one` on each id; `what` completes "endpoints could not be …".
    pub fn run(ids: &[String], what: &str, mut one: impl FnMut(&str) -> Result<T>) -> Self {
        if let [id] = ids {
            return match one(id) {
                Ok(value) => PerId {
                    done: vec![value],
                    failure: None,
                },
                Err(e) => PerId {
                    done: Vec::new(),
                    failure: Some(e),
                },
            };
        }
        let mut done = Vec::new();
        let mut failed: Vec<&str> = Vec::new();
        let mut code = None;
        let mut untried: &[String] = &[];
        // Every failure a confirmation answered no: the summary is a note.
        let mut all_declined = true;
        for (i, id) in ids.iter().enumerate() {
            match one(id) {
                Ok(value) => done.push(value),
                Err(e) => {
                    if error::is_declined(&e) {
                        say(&format!("infer: '{id}': {e:#}"));
                    } else {
                        all_declined = false;
                        say(&format!("infer: error: '{id}': {e:#}"));
                    }
                    code.get_or_insert(error::exit_code(&e));
                    failed.push(id);
                    if stops_all(&e) {
                        untried = &ids[i + 1..];
                        break;
                    }
                }
            }
        }
        let failure = code.map(|code| {
            let mut message = format!(
                "{} of {} endpoints could not be {what}: {}",
                failed.len(),
                ids.len(),
                quoted(&failed)
            );
            if !untried.is_empty() {
                let rest: Vec<&str> = untried.iter().map(String::as_str).collect();
                message.push_str(&format!("; not tried: {}", quoted(&rest)));
            }
            if all_declined {
                return Error::declined(format!(
                    "not confirmed; {} of {} endpoints were not {what}: {}",
                    failed.len(),
                    ids.len(),
                    quoted(&failed)
                ));
            }
            Error::Several { code, message }.into()
        });
        PerId { done, failure }
    }

    /// The run's result: the first failure's exit code, if any failed.
    pub fn finish(self) -> Result<()> {
        self.failure.map_or(Ok(()), Err)
    }
}

/// A failure that the next ids would meet too.
fn stops_all(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<Error>(),
            Some(Error::Connection(_) | Error::Interrupted)
        )
    })
}

/// `'a', 'b'`.
pub fn quoted(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| format!("'{id}'"))
        .collect::<Vec<_>>()
        .join(", ")
}
