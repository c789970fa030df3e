//! JSON as infer reads it. Every input (settings files, stdin, section
//! flags, `:=` values, the edited text) and every answer goes through
//! `parse`, which refuses, with the line where it stopped:
//! - nesting deeper than `MAX_DEPTH`, so that infer's own recursive walks
//!   of a value can never run out of stack;
//! - more than `MAX_VALUES` values, so that a parsed answer stays small;
//! - for inputs, an object that names a key twice, which the server refuses
//!   and serde_json would settle silently by keeping the last.
//!
//! `list_stream.rs` reads a long list from a reader one item at a time, each
//! within the same limits.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::{Cell, RefCell};
use std::fmt;

use crate::limits::{MAX_DEPTH, MAX_VALUES};

mod list_stream;
pub use list_stream::{Failure, Shape, each};

/// What to do with a key an object names twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// Refuse it (what the user gives infer).
    Unique,
    /// Keep the last (a server's answer, as serde_json does).
    LastWins,
}

/// Why a text is not JSON infer takes.
#[derive(Debug)]
pub enum Problem {
    Syntax(serde_json::Error),
    TooDeep { line: usize, column: usize },
    TooMany { line: usize, column: usize },
    Duplicate { key: String, line: usize },
}

impl Problem {
    /// One sentence naming `origin` (`settings file x.json`).
    pub fn describe(&self, origin: &str) -> String {
        match self {
            Problem::Syntax(e) => invalid_json(origin, e),
            Problem::TooDeep { line, column } => format!(
                "{origin} is nested deeper than the limit of {MAX_DEPTH} levels of objects and \
                 arrays (at line {line}, column {column})"
            ),
            Problem::TooMany { line, column } => format!(
                "{origin} holds more than the limit of {MAX_VALUES} JSON values (at line {line}, \
                 column {column})"
            ),
            Problem::Duplicate { key, line } => format!(
                "{origin} gives the key {} twice in one object (again at line {line}); the \
                 server refuses that: keep one",
                Value::String(key.clone())
            ),
        }
    }
}

/// `invalid JSON in <origin> at line L, column C: <reason>`.
fn invalid_json(origin: &str, err: &serde_json::Error) -> String {
    let full = err.to_string();
    let reason = full
        .find(" at line ")
        .map_or(full.as_str(), |cut| &full[..cut]);
    format!(
        "invalid JSON in {origin} at line {}, column {}: {reason}",
        err.line(),
        err.column()
    )
}

/// Parse `text` within the limits.
pub fn parse(text: &str, keys: Keys) -> Result<Value, Problem> {
    within(serde_json::Deserializer::from_str(text), keys, true)
}

/// Whether an answer's `text` is JSON within the limits, building nothing:
/// for an answer read a piece at a time (`api::listing`), which is then
/// known to parse.
pub fn check(text: &str) -> Result<(), Problem> {
    within(
        serde_json::Deserializer::from_str(text),
        Keys::LastWins,
        false,
    )
    .map(|_| ())
}

/// The one value `de` reads, within the limits; built, or only counted.
fn within<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    keys: Keys,
    build: bool,
) -> Result<Value, Problem> {
    let state = State {
        values: Cell::new(0),
        found: RefCell::new(None),
        unique: keys == Keys::Unique,
        build,
    };
    Seed {
        state: &state,
        depth: 0,
    }
    .deserialize(&mut de)
    .and_then(|value| de.end().map(|()| value))
    .map_err(|e| state.problem(e))
}

/// How deep `value` nests (a scalar is 0, `{}` is 1); without recursion.
pub fn depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 0usize)];
    while let Some((v, level)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        deepest = deepest.max(level + 1);
        stack.extend(children.map(|c| (c, level + 1)));
    }
    deepest
}

struct State {
    values: Cell<usize>,
    found: RefCell<Option<Found>>,
    unique: bool,
    /// Off for `check`: values are counted, not kept (each is `null`).
    build: bool,
}

impl State {
    /// What stopped the parser with `e`: a limit, or the syntax.
    fn problem(self, e: serde_json::Error) -> Problem {
        let (line, column) = (e.line(), e.column());
        match self.found.into_inner() {
            Some(Found::TooDeep) => Problem::TooDeep { line, column },
            Some(Found::TooMany) => Problem::TooMany { line, column },
            Some(Found::Duplicate(key)) => Problem::Duplicate { key, line },
            None => Problem::Syntax(e),
        }
    }
}

enum Found {
    TooDeep,
    TooMany,
    Duplicate(String),
}

#[derive(Clone, Copy)]
struct Seed<'s> {
    state: &'s State,
    depth: usize,
}

impl Seed<'_> {
    /// Count one more value; fail past the limit.
    fn count<E: de::Error>(&self) -> Result<(), E> {
        let n = self.state.values.get() + 1;
        self.state.values.set(n);
        if n > MAX_VALUES {
            return Err(self.fail(Found::TooMany));
        }
        Ok(())
    }

    /// Enter an array or object: one level deeper.
    fn enter<E: de::Error>(self) -> Result<Self, E> {
        self.count()?;
        if self.depth + 1 > MAX_DEPTH {
            return Err(self.fail(Found::TooDeep));
        }
        Ok(Seed {
            state: self.state,
            depth: self.depth + 1,
        })
    }

    fn fail<E: de::Error>(&self, found: Found) -> E {
        *self.state.found.borrow_mut() = Some(found);
        E::custom("refused by infer's limits")
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.count()?;
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.count()?;
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.count()?;
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.count()?;
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.count()?;
        Ok(match self.state.build {
            true => Value::String(v.to_string()),
            false => Value::Null,
        })
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.count()?;
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.count()?;
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.enter()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            if self.state.build {
                items.push(item);
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.enter()?;
        if !self.state.build {
            // Checked, not kept: keys are skipped, values counted.
            while map.next_key::<de::IgnoredAny>()?.is_some() {
                map.next_value_seed(inner)?;
            }
            return Ok(Value::Null);
        }
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // One lookup per key: a body can hold thousands.
            match object.entry(key) {
                serde_json::map::Entry::Occupied(twice) if self.state.unique => {
                    return Err(self.fail(Found::Duplicate(twice.key().clone())));
                }
                serde_json::map::Entry::Occupied(mut last) => {
                    last.insert(map.next_value_seed(inner)?);
                }
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(map.next_value_seed(inner)?);
                }
            }
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn nested(levels: usize) -> String {
        format!("{}{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn parses_what_serde_json_parses() {
        let text = r#"{"a": [1, -2, 3.5, true, null, "x"], "b": {"c": {}}}"#;
        let expected: Value = serde_json::from_str(text).unwrap();
        assert_eq!(parse(text, Keys::Unique).unwrap(), expected);
        assert_eq!(depth(&expected), 3);
        assert_eq!(depth(&json!(1)), 0);
    }

    #[test]
    fn nesting_is_refused_past_the_limit_with_its_place() {
        assert_eq!(depth(&parse(&nested(MAX_DEPTH), Keys::Unique).unwrap()), 64);
        let err = parse(&nested(MAX_DEPTH + 1), Keys::Unique).unwrap_err();
        assert_eq!(
            err.describe("settings file x.json"),
            "settings file x.json is nested deeper than the limit of 64 levels of objects and \
             arrays (at line 1, column 66)"
        );
        // Far past serde_json's own limit of 128: the same answer, no crash.
        let err = parse(&nested(100_000), Keys::LastWins).unwrap_err();
        assert!(matches!(err, Problem::TooDeep { .. }), "{err:?}");
    }

    #[test]
    fn check_holds_an_answer_to_the_same_limits_and_builds_nothing() {
        assert!(check(r#"{"a": [1, "x", {"b": null}], "a": 2}"#).is_ok());
        assert!(matches!(
            check(&nested(MAX_DEPTH + 1)),
            Err(Problem::TooDeep { .. })
        ));
        assert!(check(&nested(MAX_DEPTH)).is_ok());
        let wide = format!("{{\"a\": [{}0]}}", "0,".repeat(MAX_VALUES));
        assert!(matches!(check(&wide), Err(Problem::TooMany { .. })));
        assert!(matches!(check("{} x"), Err(Problem::Syntax(_))));
    }

    #[test]
    fn too_many_values_are_refused() {
        let text = format!("[{}0]", "0,".repeat(MAX_VALUES));
        let err = parse(&text, Keys::LastWins).unwrap_err();
        assert!(
            err.describe("the answer")
                .starts_with("the answer holds more than the limit of 1000000 JSON values"),
            "{err:?}"
        );
    }

    #[test]
    fn a_key_given_twice_is_named_with_its_line_at_any_depth() {
        let text = "{\n \"a\": {\"x\": 1},\n \"b\": {\n  \"x\": 1,\n  \"x\": 2\n }\n}";
        let err = parse(text, Keys::Unique).unwrap_err();
        assert_eq!(
            err.describe("settings file s.json"),
            "settings file s.json gives the key \"x\" twice in one object (again at line 5); \
             the server refuses that: keep one"
        );
        // The same key in two objects is fine; answers keep the last.
        assert!(parse(r#"[{"x": 1}, {"x": 2}]"#, Keys::Unique).is_ok());
        assert_eq!(
            parse(r#"{"x": 1, "x": 2}"#, Keys::LastWins).unwrap(),
            json!({"x": 2})
        );
    }

    #[test]
    fn syntax_errors_keep_serde_json_reason_and_place() {
        let err = parse("{\n  \"a\": 1,\n  oops\n}", Keys::Unique).unwrap_err();
        assert_eq!(
            err.describe("settings file x.json"),
            "invalid JSON in settings file x.json at line 3, column 3: key must be a string"
        );
        assert!(matches!(
            parse("{} {}", Keys::Unique),
            Err(Problem::Syntax(_))
        ));
    }
}
