use super::*;

fn pairs(text: &str) -> Vec<(String, String)> {
    parse(text).unwrap_or_else(|e| panic!("{e:?}"))
}

fn one(text: &str) -> String {
    pairs(text).pop().expect("a pair").1
}

#[test]
fn start_locals_own_file_is_read() {
    let text = "START_LOCAL_VERSION=0.13.0\nES_LOCAL_PASSWORD=abc123\nES_LOCAL_PORT=9200\n\
                ES_LOCAL_URL=http://localhost:${ES_LOCAL_PORT}\n\
                ES_LOCAL_JAVA_OPTS=\"-Xms128m -Xmx2g\"\nES_LOCAL_API_KEY=a2V5Omlk==\n";
    let got = pairs(text);
    let get = |n: &str| got.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    assert_eq!(get("ES_LOCAL_URL"), Some("http://localhost:9200"));
    assert_eq!(get("ES_LOCAL_JAVA_OPTS"), Some("-Xms128m -Xmx2g"));
    assert_eq!(get("ES_LOCAL_API_KEY"), Some("a2V5Omlk=="));
}

#[test]
fn values_are_read_as_a_shell_reads_them_without_running_anything() {
    assert_eq!(
        one("A='x $B ${C} $(rm -rf /)' # c"),
        "x $B ${C} $(rm -rf /)"
    );
    assert_eq!(one("A=\"a \\\"b\\\" \\$HOME \\\\\""), "a \"b\" $HOME \\");
    assert_eq!(one("A=$(touch x)"), "$(touch x)");
    assert_eq!(one("A=1\nB=$A-$$-${A}"), "1-$-1");
    assert_eq!(one("A=x#y # comment"), "x#y");
    assert_eq!(one("  export   A = v \r"), "v");
    assert_eq!(one("A="), "");
    assert_eq!(one("A=1\nA=2"), "2");
}

#[test]
fn anything_else_is_an_error_naming_the_line_not_its_text() {
    for (text, line, why) in [
        ("A=1\nsecret-value\n", 2, "is not NAME=VALUE"),
        ("1A=x", 1, "is not NAME=VALUE"),
        ("A B=x", 1, "is not NAME=VALUE"),
        ("A=\"open", 1, "has a quote that is not closed"),
        ("A='x' y", 1, "has text after its closing quote"),
        (
            "A=${B}",
            1,
            "refers to B, which the file does not set before it",
        ),
        (
            "A=$B",
            1,
            "refers to B, which the file does not set before it",
        ),
        (
            "A=${B:-x}",
            1,
            "has a ${…} other than ${NAME}, which infer does not expand",
        ),
        ("A=${B", 1, "has a ${ that is not closed by }"),
    ] {
        assert_eq!(parse(text), Err((line, why.to_string())), "{text:?}");
    }
}

#[test]
fn expansion_is_bounded_in_size_and_depth() {
    // Each value four times the one before: 8 * 4^9 bytes is 2 MiB.
    let mut bomb = String::from("B0=xxxxxxxx\n");
    for level in 1..=20 {
        bomb.push_str(&format!(
            "B{level}=\"{}\"\n",
            format!("${{B{}}}", level - 1).repeat(4)
        ));
    }
    assert_eq!(
        parse(&bomb),
        Err((
            10,
            "sets B9, whose ${…} expand the file's values past the limit of 1 MiB".into()
        ))
    );
    let chain = |levels: usize| {
        let mut text = String::from("C0=x\n");
        for level in 1..=levels {
            text.push_str(&format!("C{level}=$C{}\n", level - 1));
        }
        parse(&text)
    };
    assert_eq!(chain(16).map(|p| p[16].1.clone()), Ok("x".to_string()));
    assert_eq!(
        chain(17),
        Err((
            18,
            "sets C17 through ${…} that refer to others more than the limit of 16 levels \
             deep"
                .into()
        ))
    );
}
