//! SIGINT, SIGTERM and SIGHUP end a command that writes cleanly: nothing
//! new is started, every write in flight finishes, the report is printed,
//! and infer exits 130, 143 or 129 (128 and the signal's number, as a shell
//! reports a command a signal ended). A second signal stops the waiting for
//! ordinary writes (each is one request, whole on the server either way),
//! but a replace that has deleted its endpoint is made whole first: only
//! SIGKILL can leave one half done.
//!
//! A thread reads the signals (`signal_hook::iterator`, no handler of our
//! own, no `unsafe`); the writes ask [`may_write`] before they are sent.

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// The first signal's number, 0 until one comes.
static SIGNAL: AtomicI32 = AtomicI32::new(0);
/// Set with the first signal: what a batch watches.
static STOP: AtomicBool = AtomicBool::new(false);
/// Replaces between their delete and their create.
static FINISHING: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// This thread is finishing a replace: its writes go on after a signal.
    static MUST_FINISH: Cell<bool> = const { Cell::new(false) };
}

/// Take over SIGINT, SIGTERM and SIGHUP for the rest of the run: called by
/// each command that writes, before its first write (and, in `edit`, after
/// the editor, whose own Ctrl-C is no one else's).
pub fn watch() {
    static WATCHING: OnceLock<()> = OnceLock::new();
    WATCHING.get_or_init(|| {
        let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("infer-signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    if SIGNAL
                        .compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst)
                        .is_ok()
                    {
                        STOP.store(true, Ordering::SeqCst);
                        crate::output::say(&format!(
                            "infer: {}: finishing the writes in flight, starting no new one \
                             (again to stop waiting)",
                            name(signal)
                        ));
                        continue;
                    }
                    second();
                }
            });
    });
}

/// A second signal: exit once every replace in flight is whole.
fn second() {
    let left = FINISHING.load(Ordering::SeqCst);
    if left > 0 {
        crate::output::say(&format!(
            "infer: finishing {left} replace{} before exiting",
            if left == 1 { "" } else { "s" }
        ));
        while FINISHING.load(Ordering::SeqCst) > 0 {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    std::process::exit(exit_code().map_or(130, i32::from));
}

fn name(signal: i32) -> &'static str {
    match signal {
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP",
        _ => "interrupted",
    }
}

/// The flag a batch watches: set by the first signal.
pub fn stop_flag() -> &'static AtomicBool {
    &STOP
}

/// Whether a signal came.
pub fn stopped() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// The exit code a signal asks for: 128 and its number.
pub fn exit_code() -> Option<u8> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        signal => u8::try_from(128 + signal).ok(),
    }
}

/// What ended the run, for messages.
pub fn signal_name() -> &'static str {
    name(SIGNAL.load(Ordering::SeqCst))
}

/// Whether this thread may start a write: no signal came, or it is
/// finishing a replace.
pub fn may_write() -> bool {
    !stopped() || MUST_FINISH.with(Cell::get)
}

/// Run `work`, the half of a replace that must follow its delete: its
/// writes go on after a signal, and a second signal waits for it.
pub fn finishing<T>(work: impl FnOnce() -> T) -> T {
    struct Guard;
    impl Drop for Guard {
        fn drop(&mut self) {
            MUST_FINISH.with(|m| m.set(false));
            FINISHING.fetch_sub(1, Ordering::SeqCst);
        }
    }
    FINISHING.fetch_add(1, Ordering::SeqCst);
    MUST_FINISH.with(|m| m.set(true));
    let _guard = Guard;
    work()
}
