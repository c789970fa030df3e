//! `apply` on a real terminal (a pty made by util-linux `script`): the plan, then each
//! outcome, without prefixes.

use crate::harness::fleet::{
    REPLACING, REPLACING_KEY, REPLACING_PLAN, replacing_cluster, replacing_on_tty,
};
use crate::harness::{arg, file};

#[test]
fn apply_on_a_terminal_shows_the_plan_and_the_outcome_without_prefixes() {
    let es = replacing_cluster();
    let (_d, path) = file("endpoints.yaml", REPLACING);
    let args = format!("apply -f {} --allow-replace --prune --yes", arg(&path));
    let tty = replacing_on_tty(&es, &args, false);
    assert_eq!(tty.code, 0, "{}", tty.screen);
    for line in REPLACING_PLAN {
        assert!(tty.screen.contains(line), "{line:?} in\n{}", tty.screen);
    }
    for line in [
        "~ update emb: verified\r\n",
        "+ create rr-new: verified\r\n",
        "-/+ replace swap: verified\r\n",
        "- delete old: done\r\n",
        "Apply: 3 verified, 1 done, 0 not verified, 0 failed, 0 skipped, 0 not started.\r\n",
    ] {
        assert!(tty.screen.contains(line), "{line:?} in\n{}", tty.screen);
    }
    assert!(!tty.screen.contains("infer:"), "{}", tty.screen);
    assert!(!tty.screen.contains(REPLACING_KEY), "{}", tty.screen);
    assert_eq!(es.secrets("rr-new")["api_key"], REPLACING_KEY);
}
