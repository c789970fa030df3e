//! How many endpoints are worked on, in what order, and when to stop: up
//! to `parallel` at once, each by one worker (so never two writes to one
//! endpoint at a time), in the list's order; after Ctrl-C, or the first
//! failure with `fail_fast`, what is in flight finishes and nothing new
//! starts.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::client::Client;
use crate::ops::apply::{self, Outcome, Status};
use crate::ops::sync::Item;

/// What the runner reports as it goes, for a progress display.
#[derive(Debug, Clone, Copy)]
pub enum Event {
    Started(usize),
    Finished { index: usize, ok: bool },
}

/// How a batch runs: `parallel` writes at once; with `fail_fast`, the
/// flag a failure raises, after which nothing new starts (one flag shared
/// by the batches of several clusters stops them all).
#[derive(Debug, Clone, Copy)]
pub struct How<'a> {
    pub parallel: usize,
    pub fail_fast: Option<&'a AtomicBool>,
}

/// Carry out `items` (those `to_write`), `parallel` at once
/// (stopping new ones after a failure with `fail_fast`, and after a
/// signal): every item's outcome, the ones not written `no_change`, the
/// ones never started `not_started`; and whether a signal stopped it.
pub fn carry_out(
    client: &Client,
    items: &[Item],
    options: &apply::Options,
    how: How,
    on_event: &(dyn Fn(Event) + Sync),
) -> (Vec<Outcome>, bool) {
    let work: Vec<&Item> = to_write(items).collect();
    crate::interrupt::watch();
    let stop = crate::interrupt::stop_flag();
    let results = run(
        &work,
        how.parallel,
        stop,
        how.fail_fast,
        |item| apply::carry_out(client, item, options),
        |outcome| outcome.is_ok() && outcome.after_failure.is_none(),
        on_event,
    );
    (outcomes(items, results), stop.load(Ordering::SeqCst))
}

/// The items a batch writes, in order: those with something to do and no
/// conflict. A conflict is skipped, never sent: it is no failed write, and
/// `fail_fast` does not stop for it.
pub fn to_write(items: &[Item]) -> impl Iterator<Item = &Item> {
    items
        .iter()
        .filter(|i| i.pending() && i.conflicts.is_empty())
}

/// The outcomes of a batch none of whose writes was started.
pub fn none_started(items: &[Item]) -> Vec<Outcome> {
    outcomes(items, Vec::new())
}

/// Every item's outcome, given the results of the writes (`to_write`'s,
/// in order; `None` for one never started): `no_change` for one with
/// nothing to do, `skipped` for a conflict, `not_started` for a write
/// that has no result.
fn outcomes(items: &[Item], results: Vec<Option<Outcome>>) -> Vec<Outcome> {
    let mut done = results.into_iter();
    items
        .iter()
        .map(|item| match (item.pending(), item.conflicts.is_empty()) {
            (false, _) => Outcome::new(item, Status::NoChange),
            (true, false) => Outcome::new(item, Status::Skipped),
            (true, true) => done
                .next()
                .flatten()
                .unwrap_or_else(|| Outcome::new(item, Status::NotStarted)),
        })
        .collect()
}

/// Run `work` on each item; `None` for an item never started. A failure
/// raises `fail_fast`'s flag, when there is one; once it is raised (here
/// or by another batch), nothing new starts.
pub fn run<T: Sync, R: Send>(
    items: &[T],
    parallel: usize,
    stop: &AtomicBool,
    fail_fast: Option<&AtomicBool>,
    work: impl Fn(&T) -> R + Sync,
    ok: impl Fn(&R) -> bool + Sync,
    on_event: impl Fn(Event) + Sync,
) -> Vec<Option<R>> {
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    let next = AtomicUsize::new(0);
    let failed = |flag: &AtomicBool| flag.load(Ordering::SeqCst);
    let workers = parallel.clamp(1, items.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    if stop.load(Ordering::SeqCst) || fail_fast.is_some_and(failed) {
                        break;
                    }
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(index) else {
                        break;
                    };
                    on_event(Event::Started(index));
                    let result = work(item);
                    let good = ok(&result);
                    if let Some(flag) = fail_fast.filter(|_| !good) {
                        flag.store(true, Ordering::SeqCst);
                    }
                    if let Ok(mut all) = results.lock() {
                        all[index] = Some(result);
                    }
                    on_event(Event::Finished { index, ok: good });
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// `run` where every result is a success, without `fail_fast`.
    fn all_ok(
        items: &[u32],
        parallel: usize,
        stop: &AtomicBool,
        work: impl Fn(&u32) -> u32 + Sync,
    ) -> Vec<Option<u32>> {
        run(items, parallel, stop, None, work, |_| true, |_| {})
    }

    #[test]
    fn runs_each_once_at_most_parallel_at_a_time() {
        let items: Vec<u32> = (0..40).collect();
        let running = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let results = all_ok(&items, 4, &stop, |n| {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(2));
            running.fetch_sub(1, Ordering::SeqCst);
            n * 2
        });
        assert_eq!(results.iter().flatten().count(), 40);
        assert_eq!(results[7], Some(14));
        assert!(most.load(Ordering::SeqCst) <= 4);
    }

    #[test]
    fn a_stop_or_a_failure_starts_nothing_new() {
        let items: Vec<u32> = (0..20).collect();
        let stop = AtomicBool::new(false);
        let failed = AtomicBool::new(false);
        let results = run(&items, 1, &stop, Some(&failed), |n| *n, |n| *n != 3, |_| {});
        assert_eq!(
            results.iter().flatten().count(),
            4,
            "0..=3, then the failure stops it"
        );
        let stop = AtomicBool::new(false);
        let results = all_ok(&items, 2, &stop, |n| {
            if *n == 5 {
                stop.store(true, Ordering::SeqCst);
            }
            *n
        });
        assert!(results.iter().flatten().count() <= 7);
        assert!(results[19].is_none());
    }
}
