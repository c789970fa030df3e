use super::*;

fn flags(profiles: &[&str], all: bool, from_env: bool) -> Flags {
    Flags {
        profile: profiles.first().map(|p| p.to_string()),
        profile_from_env: from_env,
        profiles: profiles.iter().map(|p| p.to_string()).collect(),
        all_profiles: all,
        ..Flags::default()
    }
}

fn known() -> Vec<String> {
    vec!["prod".into(), "staging".into()]
}

fn error(result: Result<Vec<String>>) -> String {
    format!("{:#}", result.expect_err("an error"))
}

#[test]
fn what_the_flags_choose() {
    let named = |n: &[&str]| Some(Chosen::Named(n.iter().map(|p| p.to_string()).collect()));
    assert_eq!(Chosen::of(&flags(&[], false, false)).unwrap(), None);
    assert_eq!(
        Chosen::of(&flags(&["a"], false, true)).unwrap(),
        named(&["a"])
    );
    assert_eq!(
        Chosen::of(&flags(&["b", "a"], false, false)).unwrap(),
        named(&["b", "a"])
    );
    assert_eq!(
        Chosen::of(&flags(&[], true, false)).unwrap(),
        Some(Chosen::All)
    );
    // INFER_PROFILE gives way to --all-profiles; a --profile flag does not.
    assert_eq!(
        Chosen::of(&flags(&["a"], true, true)).unwrap(),
        Some(Chosen::All)
    );
    let both = Chosen::of(&flags(&["a"], true, false)).expect_err("both");
    assert!(
        format!("{both}").contains("give one or the other"),
        "{both}"
    );
}

#[test]
fn named_profiles_keep_their_order_and_must_exist_once() {
    let path = Path::new("/cfg/config.toml");
    let chosen = Chosen::Named(vec!["staging".into(), "prod".into()]);
    assert_eq!(
        names(&chosen, "--profile", path, &known()).unwrap(),
        vec!["staging", "prod"]
    );
    let unknown = Chosen::Named(vec!["prod".into(), "qa".into()]);
    let text = error(names(&unknown, "--profile", path, &known()));
    assert!(
        text.contains("--profile qa: /cfg/config.toml has no profile 'qa'"),
        "{text}"
    );
    assert!(text.contains("it has: prod, staging"), "{text}");
    assert!(text.contains("infer config list"), "{text}");
    let twice = Chosen::Named(vec!["prod".into(), "prod".into()]);
    let text = error(names(&twice, "--profile", path, &known()));
    assert!(text.contains("--profile prod is given twice"), "{text}");
    let bad = Chosen::Named(vec!["http://h:9200".into()]);
    assert!(error(names(&bad, "--profile", path, &known())).contains("looks like a URL"));
}

#[test]
fn all_profiles_are_every_profile_sorted_and_some_are_needed() {
    let path = Path::new("/cfg/config.toml");
    assert_eq!(
        names(&Chosen::All, "--profile", path, &known()).unwrap(),
        vec!["prod", "staging"]
    );
    let text = error(names(&Chosen::All, "--profile", path, &[]));
    assert!(
        text.contains("--all-profiles: /cfg/config.toml holds no profile"),
        "{text}"
    );
    let none = Chosen::Named(vec!["prod".into()]);
    let text = error(names(&none, "--profile", path, &[]));
    assert!(
        text.contains("it has: none: add one with `infer config init --profile prod`"),
        "{text}"
    );
}

#[test]
fn two_targets_with_one_url_are_named_with_it() {
    let url = reqwest::Url::parse("https://es.example:9200").unwrap();
    let text = same_url("prod", "prod-eu", &url);
    assert!(
        text.starts_with("profiles 'prod' and 'prod-eu' both connect to https://es.example:9200/"),
        "{text}"
    );
}
