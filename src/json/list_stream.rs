//! A list read from a reader one item at a time: a file of thousands of
//! endpoints is never held whole, as text or as values (a pipe, read once,
//! is held as text by its caller). Each item is parsed within the limits
//! of `parse` (its values counted over the whole text, as `parse` counts
//! them: the limit is per JSON text), handed over, and dropped before the
//! next is read. Keys given twice are refused, as in every input.
//!
//! The list may be the whole text, or the only key of an object
//! (`{"endpoints": [...]}`, the answer's shape); any other object is the
//! one item.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::io::Read;

use super::{Found, Problem, Seed, State};

/// The wrapper's key.
const WRAPPER: &str = "endpoints";

/// JSON, but not in one of the shapes a list is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `null`: no items at all.
    Null,
    /// A number, string or boolean.
    NotAList,
    /// `endpoints` beside other keys, or not a list.
    WrapperNotAlone,
}

/// Why a list could not be read.
#[derive(Debug)]
pub enum Failure {
    /// Not JSON infer takes.
    Problem(Problem),
    /// Not a shape a list is read from.
    Shape(Shape),
    /// Refused by the caller, naming the item.
    Item(anyhow::Error),
    /// The reader failed.
    Io(std::io::Error),
}

/// What is done with each item of a list, as it is read.
type OnItem<'f> = dyn FnMut(Value) -> anyhow::Result<()> + 'f;

/// Hand every item of the list `reader` holds to `on_item`, in order.
pub fn each(reader: impl Read, on_item: &mut OnItem) -> Result<(), Failure> {
    let state = State {
        values: Cell::new(0),
        found: RefCell::new(None),
        unique: true,
        build: true,
    };
    let top = Top {
        state: &state,
        on_item: RefCell::new(on_item),
        failed: RefCell::new(None),
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let read = (&top).deserialize(&mut de).and_then(|()| de.end());
    let failed = top.failed.into_inner();
    match (read, failed) {
        (Ok(()), _) => Ok(()),
        (Err(_), Some(failure)) => Err(failure),
        (Err(e), None) if e.is_io() => Err(Failure::Io(e.into())),
        (Err(e), None) => Err(Failure::Problem(state.problem(e))),
    }
}

struct Top<'s, 'f> {
    state: &'s State,
    on_item: RefCell<&'f mut OnItem<'f>>,
    failed: RefCell<Option<Failure>>,
}

impl Top<'_, '_> {
    fn fail<E: de::Error>(&self, failure: Failure) -> E {
        *self.failed.borrow_mut() = Some(failure);
        E::custom("refused")
    }

    /// One item, handed over.
    fn on_item<E: de::Error>(&self, item: Value) -> Result<(), E> {
        (self.on_item.borrow_mut())(item).map_err(|e| self.fail(Failure::Item(e)))
    }

    /// The items of a list whose items are at `depth`.
    fn items<'de, A: SeqAccess<'de>>(&self, mut seq: A, depth: usize) -> Result<(), A::Error> {
        let seed = Seed {
            state: self.state,
            depth,
        };
        while let Some(item) = seq.next_element_seed(seed)? {
            self.on_item(item)?;
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for &Top<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &Top<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(self.fail(Failure::Shape(Shape::NotAList)))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(self.fail(Failure::Shape(Shape::NotAList)))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(self.fail(Failure::Shape(Shape::NotAList)))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(self.fail(Failure::Shape(Shape::NotAList)))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(self.fail(Failure::Shape(Shape::NotAList)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(self.fail(Failure::Shape(Shape::Null)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.items(seq, 1)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return self.on_item(Value::Object(Map::new()));
        };
        if first == WRAPPER {
            map.next_value_seed(Wrapped(self))?;
            return match map.next_key::<String>()? {
                None => Ok(()),
                // Worded with its line, as `parse` words a key given twice.
                Some(again) if again == WRAPPER => {
                    *self.state.found.borrow_mut() = Some(Found::Duplicate(again));
                    Err(de::Error::custom("refused by infer's limits"))
                }
                Some(_) => Err(self.fail(Failure::Shape(Shape::WrapperNotAlone))),
            };
        }
        // One object, read as `parse` reads it, and handed over whole.
        let inner = Seed {
            state: self.state,
            depth: 1,
        };
        let mut object = Map::new();
        let mut key = Some(first);
        while let Some(k) = key {
            if k == WRAPPER {
                return Err(self.fail(Failure::Shape(Shape::WrapperNotAlone)));
            }
            if object.contains_key(&k) {
                // Worded with its line, as `parse` words it.
                *self.state.found.borrow_mut() = Some(Found::Duplicate(k));
                return Err(de::Error::custom("refused by infer's limits"));
            }
            let value = map.next_value_seed(inner)?;
            object.insert(k, value);
            key = map.next_key::<String>()?;
        }
        self.on_item(Value::Object(object))
    }
}

/// The value of `endpoints`: a list, whose items are at depth 2.
struct Wrapped<'t, 's, 'f>(&'t Top<'s, 'f>);

impl<'de> DeserializeSeed<'de> for Wrapped<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Wrapped<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.0.items(seq, 2)
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.0.fail(Failure::Shape(Shape::WrapperNotAlone)))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(self.0.fail(Failure::Shape(Shape::WrapperNotAlone)))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(self.0.fail(Failure::Shape(Shape::WrapperNotAlone)))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(self.0.fail(Failure::Shape(Shape::WrapperNotAlone)))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(self.0.fail(Failure::Shape(Shape::WrapperNotAlone)))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(self.0.fail(Failure::Shape(Shape::WrapperNotAlone)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(self.0.fail(Failure::Shape(Shape::WrapperNotAlone)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(text: &str) -> Result<Vec<Value>, Failure> {
        let mut items = Vec::new();
        each(text.as_bytes(), &mut |v| {
            items.push(v);
            Ok(())
        })?;
        Ok(items)
    }

    #[test]
    fn a_list_a_wrapped_list_and_one_object() {
        let one = json!({"inference_id": "a", "x": [1, {"y": null}]});
        for text in [
            format!("[{one}, {{}}]"),
            format!("{{\"endpoints\": [{one}, {{}}]}}"),
        ] {
            assert_eq!(read(&text).unwrap(), vec![one.clone(), json!({})]);
        }
        assert_eq!(read(&one.to_string()).unwrap(), vec![one]);
        assert_eq!(read("[]").unwrap(), Vec::<Value>::new());
        assert_eq!(read("{}").unwrap(), vec![json!({})]);
    }

    #[test]
    fn other_shapes_are_named() {
        let wrapper_not_alone = [
            "{\"endpoints\": [], \"x\": 1}",
            "{\"x\": 1, \"endpoints\": []}",
            "{\"endpoints\": {}}",
            "{\"endpoints\": 3}",
        ];
        let shapes: [(Shape, &[&str]); 3] = [
            (Shape::Null, &["null"]),
            (Shape::NotAList, &["3", "\"x\""]),
            (Shape::WrapperNotAlone, &wrapper_not_alone),
        ];
        for (shape, texts) in shapes {
            for text in texts {
                match read(text) {
                    Err(Failure::Shape(s)) => assert_eq!(s, shape, "{text}"),
                    other => panic!("{text}: {other:?}"),
                }
            }
        }
    }

    #[test]
    fn limits_hold_for_each_item_and_twice_given_keys_are_refused() {
        let deep = format!("[{}{}]", "[".repeat(64), "]".repeat(64));
        assert!(matches!(
            read(&deep),
            Err(Failure::Problem(Problem::TooDeep { .. }))
        ));
        assert!(read(&format!("[{}{}]", "[".repeat(63), "]".repeat(63))).is_ok());
        match read("[{\"a\": 1},\n {\"b\": 1,\n \"b\": 2}]") {
            Err(Failure::Problem(Problem::Duplicate { key, line })) => {
                assert_eq!((key.as_str(), line), ("b", 3));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read("[{\"a\": 1}, oops]"),
            Err(Failure::Problem(Problem::Syntax(_)))
        ));
        assert!(matches!(read("[] []"), Err(Failure::Problem(_))));
        match read("{\"a\": 1,\n \"a\": 2}") {
            Err(Failure::Problem(Problem::Duplicate { key, line })) => {
                assert_eq!((key.as_str(), line), ("a", 2));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_callers_refusal_stops_the_reading() {
        let mut seen = 0;
        let failure = each("[1, 2, 3]".as_bytes(), &mut |v| {
            seen += 1;
            if v == json!(2) {
                anyhow::bail!("not 2");
            }
            Ok(())
        })
        .unwrap_err();
        assert!(matches!(failure, Failure::Item(e) if e.to_string() == "not 2"));
        assert_eq!(seen, 2);
    }
}
