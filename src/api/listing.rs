//! A list answer (`GET /_inference`, `GET /_inference/_all`) held as the
//! text it came in, each endpoint parsed only when it is wanted. As values,
//! a cluster of 10,000 endpoints would take about ten times its text; held
//! this way it takes its text, and one endpoint's values at a time.

use anyhow::Result;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::ser::{self, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use crate::error::Error;
use crate::json::{self, Keys};

use super::Request;

/// The answer's text.
pub struct Listing {
    text: String,
    /// `the answer of GET URL`, for messages.
    source: String,
}

/// One endpoint of a listing: what finds and sorts it, and its text.
pub struct Entry<'a> {
    pub inference_id: Cow<'a, str>,
    pub service: Cow<'a, str>,
    /// Its text, read with [`Listing::value`].
    pub raw: &'a RawValue,
}

/// The answer: an object whose `endpoints` (the last, if given twice, as
/// every answer is read) is the list. Elasticsearch always sends it, `[]`
/// for none: an object without it (a proxy's `{"status": "ok"}`) is not a
/// cluster without endpoints, which `apply` would fill with creates.
struct Answer<'a> {
    endpoints: Vec<&'a RawValue>,
}

impl<'de: 'a, 'a> Deserialize<'de> for Answer<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(AnswerVisitor(std::marker::PhantomData))
    }
}

struct AnswerVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for AnswerVisitor<'a> {
    type Value = Answer<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with an `endpoints` list")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer<'a>, A::Error> {
        let mut endpoints = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "endpoints" {
                endpoints = Some(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        let endpoints = endpoints.ok_or_else(|| de::Error::missing_field("endpoints"))?;
        Ok(Answer { endpoints })
    }
}

/// The fields of an endpoint that place it; the others are skipped. Read
/// only from an object (a derived struct would take a list too).
#[derive(Deserialize, Default)]
struct Head<'a> {
    #[serde(borrow, default)]
    inference_id: Cow<'a, str>,
    #[serde(borrow, default)]
    service: Cow<'a, str>,
}

impl Listing {
    /// The answer `text` of `request`, sent to `url` (`Client::listing`).
    pub fn new(text: String, request: &Request, url: &str) -> Listing {
        Listing {
            text,
            source: format!("the answer of {} {url}", request.method.as_str()),
        }
    }

    /// The endpoints, in the answer's order (an id given twice is listed
    /// twice; [`Listing::by_id`] keeps the last).
    pub fn entries(&self) -> Result<Vec<Entry<'_>>> {
        self.raw()?
            .into_iter()
            .enumerate()
            .map(|(index, raw)| self.entry(index, raw))
            .collect()
    }

    /// The endpoints by id (a later one with the same id wins, as it would
    /// in a map of values), to be found in constant time.
    pub fn by_id(&self) -> Result<HashMap<Cow<'_, str>, &RawValue>> {
        self.raw()?
            .into_iter()
            .enumerate()
            .map(|(index, raw)| self.entry(index, raw).map(|e| (e.inference_id, raw)))
            .collect()
    }

    fn raw(&self) -> Result<Vec<&RawValue>> {
        let answer: Answer = serde_json::from_str(&self.text).map_err(|e| {
            Error::UnreadableAnswer(format!(
                "{} is not the list of endpoints infer expects ({e}): {}",
                self.source,
                shown(&self.text)
            ))
        })?;
        Ok(answer.endpoints)
    }

    /// Only a part is read; an endpoint that gives a key twice, or an id
    /// that is not text, is read whole (keeping the last value of a key, as
    /// every answer is read). One that is not an object with an id is no
    /// endpoint at all: the answer is refused rather than a plan made (or
    /// a `--prune` sent) against something infer cannot name.
    fn entry<'a>(&'a self, index: usize, raw: &'a RawValue) -> Result<Entry<'a>> {
        // A raw value starts at its first character (serde_json skips the
        // white space before it).
        let object = raw.get().starts_with('{');
        let head = match object.then(|| serde_json::from_str::<Head>(raw.get())) {
            None => Head::default(),
            Some(Ok(head)) => head,
            Some(Err(_)) => {
                let value = self.value(raw)?;
                Head {
                    inference_id: Cow::Owned(crate::stored::id(&value).to_string()),
                    service: Cow::Owned(crate::stored::service(&value).to_string()),
                }
            }
        };
        if head.inference_id.is_empty() {
            return Err(Error::UnreadableAnswer(format!(
                "endpoint {} in {} is not an object with an inference_id: {}",
                index + 1,
                self.source,
                shown(raw.get())
            ))
            .into());
        }
        Ok(Entry {
            inference_id: head.inference_id,
            service: head.service,
            raw,
        })
    }

    /// The values of an endpoint (`Entry::raw`), within the limits of
    /// `json/mod.rs`.
    pub fn value(&self, raw: &RawValue) -> Result<Value> {
        json::parse(raw.get(), Keys::LastWins).map_err(|problem| {
            Error::UnreadableAnswer(problem.describe(&format!("an endpoint in {}", self.source)))
                .into()
        })
    }
}

/// An excerpt of a piece of the answer (JSON, checked when it came) for a
/// message: its values masked, so that a secret the server quoted in an
/// escaped form is masked too, then cut. Never its raw text.
fn shown(text: &str) -> String {
    match json::parse(text, Keys::LastWins) {
        Ok(value) => super::shorten(&crate::secret::scrub_value(&value).to_string()),
        Err(_) => format!("({} bytes, not shown)", text.len()),
    }
}

/// `entries` as a JSON list, each parsed as it is written: see
/// [`Listing::as_list`].
pub struct AsList<'a> {
    listing: &'a Listing,
    entries: &'a [Entry<'a>],
    failed: RefCell<Option<anyhow::Error>>,
}

impl AsList<'_> {
    /// Why writing it failed, when an endpoint could not be read: the
    /// error to report, with its exit code, rather than the writer's.
    pub fn failure(self) -> Option<anyhow::Error> {
        self.failed.into_inner()
    }
}

impl Serialize for AsList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(self.entries.len()))?;
        for entry in self.entries {
            match self.listing.value(entry.raw) {
                // What may be secret is masked where it stands, short
                // values too (a PIN, all of an unknown service's settings,
                // a URL's userinfo).
                Ok(value) => list.serialize_element(&crate::secret::redact(&value, &[]))?,
                Err(e) => {
                    let message = e.to_string();
                    *self.failed.borrow_mut() = Some(e);
                    return Err(ser::Error::custom(message));
                }
            }
        }
        list.end()
    }
}

impl Listing {
    /// `entries` as a JSON list (what `infer list --json` prints), one
    /// endpoint's values at a time.
    pub fn as_list<'a>(&'a self, entries: &'a [Entry<'a>]) -> AsList<'a> {
        AsList {
            listing: self,
            entries,
            failed: RefCell::new(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(text: &str) -> Listing {
        Listing {
            text: text.to_string(),
            source: "the answer of GET /_inference/_all".into(),
        }
    }

    #[test]
    fn entries_are_placed_without_reading_them_whole() {
        let l = listing(
            r#"{"endpoints": [
                {"inference_id": "a", "service": "openai", "service_settings": {"x": [1, {"y": 2}]}},
                {"service": "cohere", "inference_id": "b\u00e9"},
                {"inference_id": "c", "inference_id": "d"},
                {"inference_id": 7, "inference_id": "e"}
            ]}"#,
        );
        let entries = l.entries().unwrap();
        let ids: Vec<&str> = entries.iter().map(|e| e.inference_id.as_ref()).collect();
        assert_eq!(ids, ["a", "bé", "d", "e"]);
        assert_eq!(entries[1].service, "cohere");
        let by_id = l.by_id().unwrap();
        assert_eq!(by_id.len(), 4);
        assert!(by_id["d"].get().contains("\"c\""));
        assert_eq!(
            l.value(entries[0].raw).unwrap()["service_settings"]["x"][1]["y"],
            2
        );
        assert!(entries[2].raw.get().starts_with("{\"inference_id\": \"c\""));
        let list = l.as_list(&entries[..3]);
        assert_eq!(
            serde_json::to_value(&list).unwrap()[2],
            serde_json::json!({"inference_id": "d"})
        );
        assert!(list.failure().is_none());
    }

    #[test]
    fn an_answer_without_endpoints_has_none_and_a_bad_one_says_so() {
        // An object without the list is not a cluster without endpoints.
        let err = listing("{}").entries().err().unwrap();
        assert!(
            err.to_string().contains("missing field `endpoints`"),
            "{err}"
        );
        assert!(listing("{\"endpoints\": []}").entries().unwrap().is_empty());
        // The last list, when given twice.
        let twice = listing(r#"{"endpoints": [], "endpoints": [{"inference_id": "a"}]}"#);
        assert_eq!(twice.entries().unwrap()[0].inference_id, "a");
        for not_a_list in [
            "{\"endpoints\": 3}",
            "[[{\"inference_id\": \"a\"}]]",
            "null",
            "\"endpoints\"",
        ] {
            let err = listing(not_a_list).entries().err().unwrap();
            assert!(
                err.to_string().starts_with(
                    "the answer of GET /_inference/_all is not the list of endpoints infer expects"
                ),
                "{err}"
            );
        }
        // An endpoint infer cannot name: not an object, or without an id.
        for item in ["7", "[\"a\",\"openai\"]", "{\"service\":\"openai\"}"] {
            let l = listing(&format!(
                "{{\"endpoints\": [{{\"inference_id\": \"a\"}}, {item}]}}"
            ));
            let err = l.by_id().err().unwrap();
            assert_eq!(
                err.to_string(),
                format!(
                    "endpoint 2 in the answer of GET /_inference/_all is not an object with an \
                     inference_id: {item}"
                )
            );
        }
        // Too deep for infer's own walks: refused when it is read.
        let deep = format!(
            "{{\"endpoints\": [{{\"inference_id\": \"x\", \"s\": {}{}}}]}}",
            "[".repeat(70),
            "]".repeat(70)
        );
        let l = listing(&deep);
        let entries = l.entries().unwrap();
        assert!(l.value(entries[0].raw).is_err());
        let list = l.as_list(&entries);
        assert!(serde_json::to_string(&list).is_err());
        let err = list.failure().unwrap();
        assert!(
            matches!(err.downcast_ref(), Some(Error::UnreadableAnswer(_))),
            "{err}"
        );
    }
}
