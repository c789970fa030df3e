use super::*;
use serde_json::json;

#[test]
fn segments_are_encoded_so_ids_cannot_change_the_route() {
    assert_eq!(encode_segment("my id/../x"), "my%20id%2F..%2Fx");
    let req = Request::update(TaskType::Rerank, "a/b?c#d", json!({}));
    assert_eq!(req.path(), "/_inference/rerank/a%2Fb%3Fc%23d/_update");
    let base = reqwest::Url::parse("https://h:9243/prefix/").unwrap();
    assert_eq!(
        req.url(&base),
        "https://h:9243/prefix/_inference/rerank/a%2Fb%3Fc%23d/_update"
    );
}

#[test]
fn durations() {
    use std::time::Duration;
    assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
    assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
    assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
    for bad in [
        "",
        "s",
        "5",
        "1.5m",
        "5 minutes",
        "-1s",
        "99999999999999999999s",
    ] {
        assert!(parse_duration(bad).is_err(), "{bad}");
    }
}

#[test]
fn task_types_parse_case_insensitively() {
    assert_eq!("Text_Embedding".parse(), Ok(TaskType::TextEmbedding));
    let err = "bogus".parse::<TaskType>().unwrap_err();
    assert!(err.contains("sparse_embedding, text_embedding"), "{err}");
}

#[test]
fn finds_the_endpoint_in_both_answer_shapes() {
    let listed = json!({"endpoints": [{"inference_id": "a"}, {"inference_id": "b"}]});
    assert_eq!(
        endpoint_from_answer(&listed, "b"),
        Some(json!({"inference_id": "b"}))
    );
    let direct = json!({"inference_id": "a", "task_type": "rerank"});
    assert_eq!(endpoint_from_answer(&direct, "a"), Some(direct.clone()));
    assert_eq!(
        endpoint_from_answer(&json!({"acknowledged": true}), "a"),
        None
    );
}
