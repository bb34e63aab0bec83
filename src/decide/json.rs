//! Strict JSON for `net-guide decide` (SPEC §5–6): an unknown field or value, a wrong type, a
//! number outside its physical range, a duplicate key or malformed JSON is an error that names
//! it. Bad values are quoted escaped and cut to about `QUOTE_MAX` characters.

use super::engine::Decision;
use super::profile::{vocab, Answer, Kind, Profile, FIELDS};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// At most this many characters of a bad value (after escaping) appear in a message.
pub const QUOTE_MAX: usize = 80;

/// `text` with control characters, quotes and backslashes escaped, cut to `QUOTE_MAX`
/// characters plus "…" if longer. Never splits an escape sequence.
pub fn quote(text: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in text.chars() {
        let escaped = c.escape_debug();
        let n = escaped.len();
        if len + n > QUOTE_MAX {
            out.push('…');
            break;
        }
        out.extend(escaped);
        len += n;
    }
    out
}

pub fn parse_profile(text: &str) -> Result<Profile, String> {
    let value = serde_json::from_str::<StrictValue>(text)
        .map_err(|e| {
            if e.is_data() {
                // Only `StrictValue` raises data errors: a duplicate key, already quoted.
                e.to_string()
            } else {
                format!("malformed JSON: {e}")
            }
        })?
        .0;
    let Value::Object(map) = value else {
        return Err("the profile must be a JSON object".into());
    };
    profile_from_map(&map)
}

/// Reads each key through the profile schema (`FIELDS`): its kind says what JSON it takes.
pub fn profile_from_map(map: &Map<String, Value>) -> Result<Profile, String> {
    let mut p = Profile::default();
    for (key, value) in map {
        let k = key.as_str();
        let Some(field) = FIELDS.iter().find(|f| f.name == k) else {
            return Err(format!("unknown field `{}`", quote(k)));
        };
        if value.is_null() {
            continue;
        }
        let unknown_value = |shown: &str, values: &[&str]| {
            format!(
                "field `{k}` has unknown value \"{}\"; expected one of: {}",
                quote(shown),
                values.join(", ")
            )
        };
        let answer = match (&field.kind, value) {
            (Kind::Choice(values), Value::String(s)) => {
                Answer::Word(vocab(values, s).ok_or_else(|| unknown_value(s, values))?)
            }
            (Kind::Choice(_), _) => return Err(format!("field `{k}` must be a string or null")),
            (Kind::YesNo, Value::Bool(b)) => Answer::Flag(*b),
            (Kind::YesNo, _) => return Err(format!("field `{k}` must be true, false or null")),
            (Kind::Number(range, _), Value::Number(n)) => {
                Answer::Number(n.as_f64().filter(|v| range.contains(*v)).ok_or_else(|| {
                    format!(
                        "field `{k}` is out of range: must be {}, got {}",
                        range.text(),
                        quote(&n.to_string())
                    )
                })?)
            }
            (Kind::Number(..), _) => return Err(format!("field `{k}` must be a number or null")),
            (Kind::Type(values), Value::Number(n)) => {
                let digit = n.to_string();
                Answer::Word(vocab(values, &digit).ok_or_else(|| {
                    format!(
                        "field `{k}` has unknown value {}; expected {} or null",
                        quote(&digit),
                        values.join(", ")
                    )
                })?)
            }
            (Kind::Type(values), _) => {
                return Err(format!("field `{k}` must be {} or null", values.join(", ")))
            }
            (Kind::List(values), Value::Array(items)) => {
                for item in items {
                    let s = item
                        .as_str()
                        .ok_or_else(|| format!("field `{k}` must list strings"))?;
                    if !p.add_item(k, s) {
                        return Err(unknown_value(s, values));
                    }
                }
                continue;
            }
            (Kind::List(_), _) => return Err(format!("field `{k}` must be a list")),
        };
        p.set(k, Some(answer));
    }
    if p.site.is_none() {
        return Err("field `site` is required".into());
    }
    Ok(p)
}

/// A JSON value read like `serde_json::Value`, except that an object repeating a key (at any
/// depth) is an error naming the key; `Value` would silently keep the last one.
struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(n.into())
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(n.into())
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        // serde_json never yields a non-finite number; `Null` would be its `Value` too.
        Ok(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(serde::de::Error::custom(format_args!(
                    "duplicate field `{}`",
                    quote(&key)
                )));
            }
            let StrictValue(value) = access.next_value()?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

/// The SPEC §6 result (see [`Decision::output`]).
pub fn decision_json(d: &Decision) -> Value {
    serde_json::to_value(d.output()).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        parse_profile(json).expect_err(json)
    }

    #[test]
    fn numbers_outside_their_physical_range_name_field_and_range() {
        for (json, expected) in [
            (
                r#"{"site":"pancreas","ki67":-1}"#,
                "field `ki67` is out of range: must be 0 to 100, got -1",
            ),
            (
                r#"{"site":"pancreas","ki67":100.5}"#,
                "field `ki67` is out of range: must be 0 to 100, got 100.5",
            ),
            (
                r#"{"site":"pancreas","size_cm":0}"#,
                "field `size_cm` is out of range: must be above 0 and at most 50, got 0",
            ),
            (
                r#"{"site":"pancreas","size_cm":50.1}"#,
                "field `size_cm` is out of range: must be above 0 and at most 50, got 50.1",
            ),
            (
                r#"{"site":"pancreas","age_years":121}"#,
                "field `age_years` is out of range: must be 0 to 120, got 121",
            ),
            (
                r#"{"site":"pancreas","age_years":-0.5}"#,
                "field `age_years` is out of range: must be 0 to 120, got -0.5",
            ),
        ] {
            assert_eq!(err(json), expected, "{json}");
        }
    }

    #[test]
    fn numbers_on_the_edges_of_their_range_are_accepted() {
        let p = parse_profile(r#"{"site":"lung","ki67":100,"size_cm":50,"age_years":0}"#)
            .expect("edges are valid");
        assert_eq!(
            (p.ki67, p.size_cm, p.age_years),
            (Some(100.0), Some(50.0), Some(0.0))
        );
        let p = parse_profile(r#"{"site":"lung","ki67":0,"size_cm":0.01,"age_years":120}"#)
            .expect("edges are valid");
        assert_eq!(
            (p.ki67, p.size_cm, p.age_years),
            (Some(0.0), Some(0.01), Some(120.0))
        );
    }

    #[test]
    fn the_widget_path_refuses_out_of_range_numbers_too() {
        use super::super::profile::Answer;
        let mut p = Profile::default();
        for (field, bad, good) in [
            ("ki67", 100.5, 100.0),
            ("size_cm", 0.0, 50.0),
            ("age_years", 121.0, 0.0),
        ] {
            assert!(p.set(field, Some(Answer::Number(good))));
            for v in [bad, -1.0, f64::NAN, f64::INFINITY] {
                assert!(!p.set(field, Some(Answer::Number(v))), "{field}={v}");
                assert_eq!(p.get(field), Some(Answer::Number(good)), "{field}={v}");
            }
        }
    }

    #[test]
    fn duplicate_keys_are_refused_by_name() {
        assert!(err(r#"{"site":"pancreas","site":"lung"}"#)
            .starts_with("duplicate field `site` at line 1"));
        assert!(err(r#"{"site":"pancreas","ki67":2,"grade":"G1","ki67":3}"#)
            .starts_with("duplicate field `ki67`"));
        // Nested objects too (the field is then refused anyway, but for its duplicate first).
        assert!(
            err(r#"{"site":"pancreas","x":[{"a":1,"a":2}]}"#).starts_with("duplicate field `a`")
        );
        assert!(parse_profile(r#"{"site":"pancreas","ki67":2}"#).is_ok());
    }

    #[test]
    fn bad_values_are_quoted_escaped_and_short() {
        let long = "k".repeat(5000);
        let e = err(&format!(r#"{{"site":"pancreas","{long}":1}}"#));
        assert!(
            e.starts_with("unknown field `kkk") && e.ends_with("…`"),
            "{e}"
        );
        assert!(e.chars().count() < 120, "{e}");
        let e = err(&format!(r#"{{"site":"pancreas","{long}":1,"{long}":2}}"#));
        assert!(
            e.starts_with("duplicate field `kkk") && e.contains("…`"),
            "{e}"
        );
        assert!(e.chars().count() < 160, "{e}");
        let e = err(r#"{"site":"pan\ncreas \"x\""}"#);
        assert!(
            e.contains(r#"unknown value "pan\ncreas \"x\"""#),
            "newline and quotes escaped: {e}"
        );
        let e = err(r#"{"site":"pancreas","risk_features":["a\u0007b"]}"#);
        assert!(e.contains(r#"unknown value "a\u{7}b""#), "{e}");
    }

    #[test]
    fn quote_escapes_then_cuts_at_a_character_boundary() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a\"b\nc"), r#"a\"b\nc"#);
        // 1 + 39 × 2 = 79 characters: one more `\t` would pass 80, so the cut is before it.
        let cut = quote(&format!("x{}", "\t".repeat(100)));
        assert_eq!(cut, format!("x{}…", r"\t".repeat(39)));
        assert_eq!(quote(&"x".repeat(QUOTE_MAX)), "x".repeat(QUOTE_MAX));
    }
}
