//! Each flow with a script of answers: yes, no, anything but yes, an
//! empty line, the end of input, Ctrl-C, and no terminal at all.

use std::cell::Cell;
use std::path::PathBuf;

use super::*;
use crate::prompt::Scripted;

/// What an error is, as the run ends with it: its kind and its message.
fn ended(result: Result<impl std::fmt::Debug>) -> (&'static str, String) {
    let err = result.expect_err("the flow ends the run");
    let kind = match err.downcast_ref::<Error>() {
        Some(Error::Refused(_)) => "refused",
        Some(Error::Declined(_)) => "declined",
        Some(Error::Usage(_)) => "usage",
        Some(Error::Interrupted) => "interrupted",
        _ => "other",
    };
    (kind, err.to_string())
}

/// Every answer that is not yes: no, another word, an empty line, and
/// (with no answer left) the end of input.
const NOT_YES: [Option<&str>; 5] = [Some("n"), Some("no"), Some("yess"), Some(""), None];

fn script(answer: Option<&str>) -> Scripted {
    Scripted::new(answer.as_slice())
}

#[test]
fn a_batch_goes_on_after_a_yes_or_with_yes() {
    for yes in ["y", "YES", " yes "] {
        let mut p = Scripted::new(&[yes]);
        before_batch(&mut p, false, "apply", "Apply 2 changes?").unwrap();
        assert_eq!(p.prompts, ["Apply 2 changes? [y/N] "]);
    }
    let mut p = Scripted::without_terminal();
    before_batch(&mut p, true, "apply", "Apply?").unwrap();
    assert!(p.prompts.is_empty(), "--yes asks nothing");
}

#[test]
fn a_batch_is_declined_by_anything_but_yes() {
    for answer in NOT_YES {
        let mut p = script(answer);
        let end = ended(before_batch(&mut p, false, "rotate", "Rotate?"));
        assert_eq!(
            end,
            ("declined", "not confirmed; nothing was written".into()),
            "{answer:?}"
        );
    }
    let mut p = Scripted::new(&[Scripted::CTRL_C]);
    assert_eq!(
        ended(before_batch(&mut p, false, "apply", "Apply?")).0,
        "interrupted"
    );
}

#[test]
fn a_batch_without_a_terminal_asks_for_yes() {
    for command in ["apply", "rotate"] {
        let mut p = Scripted::without_terminal();
        assert_eq!(
            ended(before_batch(&mut p, false, command, "Go?")),
            (
                "refused",
                format!(
                    "infer {command} asks before it writes, and there is no terminal to ask \
                     on: pass --yes; nothing was written"
                )
            )
        );
        assert!(p.prompts.is_empty());
    }
}

#[test]
fn delete_asks_for_each_endpoint_and_only_yes_deletes() {
    let what = "text_embedding endpoint 'e5' (elasticsearch)";
    let mut p = Scripted::new(&["y"]);
    delete_one(&mut p, what).unwrap();
    assert_eq!(
        p.prompts,
        ["Delete text_embedding endpoint 'e5' (elasticsearch)? [y/N] "]
    );
    for answer in NOT_YES {
        let mut p = script(answer);
        assert_eq!(
            ended(delete_one(&mut p, what)),
            (
                "declined",
                "not confirmed: text_embedding endpoint 'e5' (elasticsearch) was not deleted"
                    .into()
            ),
            "{answer:?}"
        );
    }
    let mut p = Scripted::new(&[Scripted::CTRL_C]);
    assert_eq!(ended(delete_one(&mut p, what)).0, "interrupted");
}

#[test]
fn delete_without_a_terminal_asks_for_yes_unless_it_need_not_ask() {
    let mut p = Scripted::without_terminal();
    assert_eq!(
        ended(delete_can_ask(&mut p, false, "'a', 'b'")),
        (
            "refused",
            "not deleting 'a', 'b' without confirmation, and there is no terminal to ask on: \
             pass --yes"
                .into()
        )
    );
    delete_can_ask(&mut p, true, "'a'").unwrap();
    delete_can_ask(&mut Scripted::new(&[]), false, "'a'").unwrap();
    assert!(p.prompts.is_empty());
}

#[test]
fn edit_without_a_terminal_asks_for_yes() {
    let mut p = Scripted::without_terminal();
    assert_eq!(
        ended(edit_can_ask(&mut p, false)),
        (
            "refused",
            "infer edit asks before it sends the change, and there is no terminal to ask on: \
             pass --yes"
                .into()
        )
    );
    edit_can_ask(&mut p, true).unwrap();
    edit_can_ask(&mut Scripted::new(&[]), false).unwrap();
}

#[test]
fn edited_text_that_cannot_be_used_is_opened_again_after_a_yes() {
    let kept = PathBuf::from("/tmp/infer-edit-e5.json");
    let mut p = Scripted::new(&["yes"]);
    edit_again(&mut p, Error::usage("the edited text is not JSON"), &kept).unwrap();
    assert_eq!(
        p.told,
        [
            "infer: the edited text is not JSON",
            "infer: your text is kept in /tmp/infer-edit-e5.json"
        ]
    );
    assert_eq!(p.prompts, ["Open it in the editor again? [y/N] "]);
    for answer in NOT_YES {
        let mut p = script(answer);
        assert_eq!(
            ended(edit_again(&mut p, Error::usage("bad"), &kept)),
            (
                "declined",
                "nothing was sent; your text is kept in /tmp/infer-edit-e5.json".into()
            ),
            "{answer:?}"
        );
    }
}

#[test]
fn edited_text_that_cannot_be_used_without_a_terminal_ends_the_run() {
    let kept = PathBuf::from("/tmp/kept.json");
    let mut p = Scripted::without_terminal();
    assert_eq!(
        ended(edit_again(&mut p, Error::usage("not JSON"), &kept)),
        (
            "usage",
            "not JSON; nothing was sent, and your text is kept in /tmp/kept.json".into()
        )
    );
    // A change the server cannot make stays refused.
    assert_eq!(
        ended(edit_again(&mut p, Error::refused("read-only"), &kept)),
        (
            "refused",
            "read-only; nothing was sent, and your text is kept in /tmp/kept.json".into()
        )
    );
    assert!(p.told.is_empty() && p.prompts.is_empty());
}

#[test]
fn an_edit_is_sent_after_a_yes_or_with_yes_and_the_text_is_not_kept() {
    let keeps = Cell::new(0);
    let mut keep = || {
        keeps.set(keeps.get() + 1);
        Ok(PathBuf::from("/tmp/kept.json"))
    };
    let mut p = Scripted::new(&["y"]);
    send_edit(&mut p, false, &mut keep).unwrap();
    assert_eq!(p.prompts, ["Send this change? [y/N] "]);
    let mut p = Scripted::without_terminal();
    send_edit(&mut p, true, &mut keep).unwrap();
    assert!(p.prompts.is_empty());
    assert_eq!(keeps.get(), 0);
}

#[test]
fn an_edit_not_confirmed_keeps_the_text() {
    let mut keep = || Ok(PathBuf::from("/tmp/kept.json"));
    for answer in NOT_YES {
        let mut p = script(answer);
        assert_eq!(
            ended(send_edit(&mut p, false, &mut keep)),
            (
                "declined",
                "not confirmed; nothing was sent; your text is kept in /tmp/kept.json".into()
            ),
            "{answer:?}"
        );
        assert!(p.told.is_empty());
    }
    // Interrupted: the text is kept, and where is said.
    let mut p = Scripted::new(&[Scripted::CTRL_C]);
    assert_eq!(ended(send_edit(&mut p, false, &mut keep)).0, "interrupted");
    assert_eq!(p.told, ["infer: your text is kept in /tmp/kept.json"]);
}

#[test]
fn config_init_without_a_terminal_asks_for_the_answers_as_flags() {
    let (kind, text) = ended(config_init_can_ask(&mut Scripted::without_terminal()));
    assert_eq!(kind, "usage");
    assert!(
        text.starts_with(
            "infer config init asks its questions on a terminal, and there is none: give the \
             answers as flags: --url URL (or --cloud-id ID) and a credential"
        ),
        "{text}"
    );
    assert!(text.ends_with("; see infer config init --help"), "{text}");
    config_init_can_ask(&mut Scripted::new(&[])).unwrap();
}

#[test]
fn a_secret_setting_is_typed_hidden_and_an_empty_one_cancels() {
    let mut p = Scripted::new(&["sk-1", ""]);
    let value = secret_setting(&mut p, "api_key").unwrap();
    assert_eq!(value.expose_secret(), "sk-1");
    assert_eq!(p.prompts, ["service_settings.api_key (empty to cancel): "]);
    assert_eq!(
        ended(secret_setting(&mut p, "api_key")),
        (
            "usage",
            "no value typed for service_settings.api_key; nothing was sent".into()
        )
    );
    let mut p = Scripted::new(&[]);
    assert_eq!(
        ended(secret_setting(&mut p, "api_key")).0,
        "usage",
        "the end"
    );
}

#[test]
fn a_secret_setting_without_a_terminal_names_the_other_flags() {
    let mut p = Scripted::without_terminal();
    assert_eq!(
        ended(secret_setting(&mut p, "api_key")),
        (
            "usage",
            "--secret api_key asks on a terminal, and there is none: use --secret-env \
             api_key=VAR or --secret-file api_key=PATH"
                .into()
        )
    );
    assert!(p.prompts.is_empty());
}

#[test]
fn a_password_is_typed_hidden_and_an_empty_one_cancels() {
    let never = || -> anyhow::Error { unreachable!("a terminal is there") };
    let mut p = Scripted::new(&[" pa ss ", ""]);
    let typed = password(&mut p, "elastic", never).unwrap();
    assert_eq!(typed.expose_secret(), " pa ss ", "kept as typed");
    assert_eq!(p.prompts, ["Password for elastic (empty to cancel): "]);
    assert_eq!(
        ended(password(&mut p, "elastic", never)),
        (
            "usage",
            "no value typed for Password for elastic; nothing was sent".into()
        )
    );
}

#[test]
fn a_password_without_a_terminal_is_the_callers_error() {
    let mut p = Scripted::without_terminal();
    let end = ended(password(&mut p, "elastic", || {
        Error::usage("no password for user 'elastic': set ES_PASSWORD")
    }));
    assert_eq!(
        end,
        (
            "usage",
            "no password for user 'elastic': set ES_PASSWORD".into()
        )
    );
    assert!(p.prompts.is_empty());
}
