//! Questions on a terminal read a whole line: `y` or `yes` (any case) is
//! yes, anything else is no, and nothing typed is left for the shell.

use crate::fake_es::{FakeEs, elser, openai_embedding};
use crate::harness::terminal::{Key, after, at, on_terminal, shell_on_terminal};
use crate::harness::{ANY_KEY, editor, fake_with_emb};

/// After infer, a shell reads what is left on the terminal, as the user's
/// interactive shell would: anything left behind shows as "not found".
/// The shell is told to exit (`SHELL_EXIT`) once infer's exit code is
/// shown, after whatever infer left; `timeout` only guards a hang.
fn then_a_shell(infer_args: &str) -> String {
    format!(
        "{} {infer_args}; echo \"rc=$?\"; timeout -s KILL --foreground 20 sh; echo AFTER",
        env!("CARGO_BIN_EXE_infer")
    )
}

/// What ends the shell of `then_a_shell`.
const SHELL_EXIT: Key<'static> = after("rc=", "exit\n");

/// The answer `typed` to a yes/no question, then the shell's exit.
fn answer(typed: &str) -> [Key<'_>; 2] {
    [at("[y/N] ", typed), SHELL_EXIT]
}

#[test]
fn yes_deletes_and_leaves_nothing_for_the_shell() {
    let es = FakeEs::start();
    for (id, typed) in [("a", "yes\n"), ("b", "  YeS \n"), ("c", "y\n")] {
        es.insert(openai_embedding(id));
        let tty = shell_on_terminal(
            &then_a_shell(&format!("delete {id}")),
            &[("ES_URL", &es.url())],
            &answer(typed),
        );
        assert!(tty.screen.contains("rc=0"), "{typed:?}: {}", tty.screen);
        assert!(es.endpoint(id).is_none(), "{typed:?}: {}", tty.screen);
        assert!(
            !tty.screen.contains("not found"),
            "{typed:?}: {}",
            tty.screen
        );
        assert!(tty.screen.contains("AFTER"), "{}", tty.screen);
    }
}

#[test]
fn anything_but_yes_is_no() {
    let es = fake_with_emb();
    for typed in ["no\n", "nope\n", "\n", "yess\n", "ye\n", "y es\n", "\x04"] {
        let tty = shell_on_terminal(
            &then_a_shell("delete emb"),
            &[("ES_URL", &es.url())],
            &answer(typed),
        );
        assert!(tty.screen.contains("rc=3"), "{typed:?}: {}", tty.screen);
        assert!(
            tty.screen
                .contains("not confirmed: text_embedding endpoint 'emb' (openai) was not deleted"),
            "{typed:?}: {}",
            tty.screen
        );
        assert!(
            !tty.screen.contains("not found"),
            "{typed:?}: {}",
            tty.screen
        );
    }
    assert!(es.endpoint("emb").is_some());
    assert!(es.writes().is_empty());
}

#[test]
fn the_answer_is_shown_as_typed_and_backspace_edits_it() {
    let es = fake_with_emb();
    // "yes", then two backspaces: "y", which is yes.
    let tty = shell_on_terminal(
        &then_a_shell("delete emb"),
        &[("ES_URL", &es.url())],
        &answer("yes\x7f\x7f\n"),
    );
    assert!(tty.screen.contains("rc=0"), "{}", tty.screen);
    assert!(tty.screen.contains("[y/N] yes"), "{}", tty.screen);
    assert!(es.endpoint("emb").is_none());
}

#[test]
fn ctrl_c_at_a_confirmation_exits_130() {
    let es = fake_with_emb();
    let tty = shell_on_terminal(
        &then_a_shell("delete emb"),
        &[("ES_URL", &es.url())],
        &answer("ye\x03"),
    );
    assert!(tty.screen.contains("rc=130"), "{}", tty.screen);
    assert!(
        tty.screen.contains("interrupted; nothing was sent"),
        "{}",
        tty.screen
    );
    assert!(!tty.screen.contains("not found"), "{}", tty.screen);
    assert!(es.endpoint("emb").is_some());
}

#[test]
fn edit_asks_for_a_whole_line_too() {
    let es = FakeEs::start();
    es.insert(elser("e5"));
    let (_d, ed) =
        crate::harness::editor(r#"sed -i 's/"num_allocations": 1/"num_allocations": 3/' "$1""#);
    let env = [
        ("ES_URL", es.url()),
        ("EDITOR", ed.to_string_lossy().into()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let no = shell_on_terminal(&then_a_shell("edit e5"), &env, &answer("no\n"));
    assert!(no.screen.contains("Send this change?"), "{}", no.screen);
    assert!(no.screen.contains("rc=3"), "{}", no.screen);
    assert!(!no.screen.contains("not found"), "{}", no.screen);
    assert!(es.writes().is_empty());
    let yes = shell_on_terminal(&then_a_shell("edit e5"), &env, &answer("yes\n"));
    assert!(yes.screen.contains("rc=0"), "{}", yes.screen);
    assert!(!yes.screen.contains("not found"), "{}", yes.screen);
    assert_eq!(
        es.endpoint("e5").unwrap()["service_settings"]["num_allocations"],
        3
    );
}

#[test]
fn config_init_takes_whole_lines_for_its_questions() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[profiles.old]\nurl = \"http://old:9200\"\n").expect("write");
    let env = [("INFER_CONFIG", path.to_string_lossy().into_owned())];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // Name, URL, credential kind, where the key lives (env) and its variable, CA, then "make
    // it the default?": "yes", which once made the shell run "es".
    let tty = shell_on_terminal(
        &then_a_shell("config init"),
        &env,
        &[
            at("Profile name", "new\n"),
            at("Elasticsearch URL", "http://new:9200\n"),
            at("Credential", "api_key\n"),
            at("Where the api key lives", "env\n"),
            at("Environment variable", "NEW_KEY\n"),
            at("CA certificate", "\n"),
            at("Make 'new' the default profile? [y/N] ", "yes\n"),
            SHELL_EXIT,
        ],
    );
    assert!(tty.screen.contains("rc=0"), "{}", tty.screen);
    assert!(!tty.screen.contains("not found"), "{}", tty.screen);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("default_profile = \"new\""), "{text}");
    assert!(text.contains("api_key = \"env:NEW_KEY\""), "{text}");
}

#[test]
fn a_key_typed_at_config_init_is_stored_whatever_its_shape_and_never_shown() {
    // A Hugging Face key is made of letters, digits and `_`: it once read as a variable name.
    let key = "hf_SECRETvalue123456";
    let key_line = format!("{key}\n");
    let typed = [
        at("Profile name", "p\n"),
        at("Elasticsearch URL", "http://h:9200\n"),
        at("Credential", "api_key\n"),
        at("Where the api key lives", "here\n"),
        at("API key (empty to cancel): ", &key_line),
        at("CA certificate", "\n"),
        SHELL_EXIT,
    ];
    let (_dir, path, tty) = config_init_typing(&typed);
    assert!(tty.screen.contains("rc=0"), "{}", tty.screen);
    assert!(
        tty.screen
            .contains("API key from inline, in the config file"),
        "{}",
        tty.screen
    );
    assert!(
        !tty.screen.contains(key),
        "the key is shown: {}",
        tty.screen
    );
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(&format!("api_key = \"{key}\"")), "{text}");
    assert!(!text.contains("env:hf_"), "{text}");
}

#[test]
fn a_key_pasted_where_a_variable_name_is_asked_is_not_repeated() {
    let key = "sk-proj-pasted-into-the-wrong-place";
    let key_line = format!("{key}\n");
    let typed = [
        at("Profile name", "p\n"),
        at("Elasticsearch URL", "http://h:9200\n"),
        at("Credential", "api_key\n"),
        at("Where the api key lives", "env\n"),
        at("Environment variable", &key_line),
        SHELL_EXIT,
    ];
    let (_dir, path, tty) = config_init_typing(&typed);
    assert!(tty.screen.contains("rc=2"), "{}", tty.screen);
    assert!(
        tty.screen
            .contains("that is not the name of an environment variable"),
        "{}",
        tty.screen
    );
    // Shown once, as typed (the prompt is visible), and never repeated by infer.
    assert_eq!(tty.screen.matches(key).count(), 1, "{}", tty.screen);
    assert!(!path.exists(), "nothing is written");
}

/// `config init` on a terminal with a config file of its own, answering
/// `typed`: the folder (kept while the result lives), the file, the screen.
fn config_init_typing(
    typed: &[Key],
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    crate::harness::terminal::Tty,
) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config.toml");
    let config = path.to_string_lossy().into_owned();
    let tty = shell_on_terminal(
        &then_a_shell("config init"),
        &[("INFER_CONFIG", config.as_str())],
        typed,
    );
    (dir, path, tty)
}

#[test]
fn a_declined_confirmation_is_a_note_not_an_error() {
    let es = fake_with_emb();
    es.insert(openai_embedding("emb2"));
    let url = es.url();
    let env = [("ES_URL", url.as_str()), ("K", ANY_KEY)];
    let no = at("[y/N] ", "n\n");
    for (line, typed) in [
        ("delete emb", &[no][..]),
        ("delete emb emb2", &[no, no][..]),
        ("rotate emb --secret-env api_key=K", &[no][..]),
    ] {
        let tty = on_terminal(line, &env, typed);
        assert_eq!(tty.code, 3, "{line}: {}", tty.screen);
        assert!(
            tty.screen.contains("infer: not confirmed"),
            "{line}: {}",
            tty.screen
        );
        assert!(!tty.screen.contains("error"), "{line}: {}", tty.screen);
    }
    let (_d, ed) = editor("sed -i 's/\"alice\"/\"bob\"/' \"$1\"");
    let tty = on_terminal(
        "edit emb",
        &[("ES_URL", &url), ("EDITOR", &ed.to_string_lossy())],
        &[at("[y/N] ", "n\n")],
    );
    assert_eq!(tty.code, 3, "{}", tty.screen);
    assert!(
        tty.screen.contains("infer: not confirmed"),
        "{}",
        tty.screen
    );
    assert!(!tty.screen.contains("error"), "{}", tty.screen);
    assert!(es.writes().is_empty());
}
