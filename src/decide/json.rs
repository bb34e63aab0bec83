//! Strict JSON for `net-guide decide` (SPEC §5–6): an unknown field or value, a wrong type or
//! malformed JSON is an error that names it.

use super::engine::Decision;
use super::profile::{vocab, Profile, BOOL_FIELDS, ENUM_FIELDS, NUMBER_FIELDS, RISK_FEATURES};
use crate::kb::{kb, spec::OPTION_IDS};
use serde_json::{json, Map, Value};

pub fn parse_profile(text: &str) -> Result<Profile, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(map) = value else {
        return Err("the profile must be a JSON object".into());
    };
    profile_from_map(&map)
}

pub fn profile_from_map(map: &Map<String, Value>) -> Result<Profile, String> {
    let mut p = Profile::default();
    for (key, value) in map {
        let k = key.as_str();
        if let Some(spec) = ENUM_FIELDS.iter().find(|s| s.name == k) {
            match value {
                Value::Null => {}
                Value::String(s) => {
                    let v = vocab(spec.values, s).ok_or_else(|| {
                        format!(
                            "field `{k}` has unknown value \"{s}\"; expected one of: {}",
                            spec.values.join(", ")
                        )
                    })?;
                    p.set_enum_field(k, Some(v));
                }
                _ => return Err(format!("field `{k}` must be a string or null")),
            }
        } else if BOOL_FIELDS.contains(&k) {
            match value {
                Value::Null => {}
                Value::Bool(b) => p.set_bool_field(k, Some(*b)),
                _ => return Err(format!("field `{k}` must be true, false or null")),
            }
        } else if NUMBER_FIELDS.contains(&k) {
            match value {
                Value::Null => {}
                Value::Number(n) => {
                    let n = n
                        .as_f64()
                        .filter(|n| *n >= 0.0)
                        .ok_or_else(|| format!("field `{k}` must not be negative"))?;
                    p.set_number_field(k, Some(n));
                }
                _ => return Err(format!("field `{k}` must be a number or null")),
            }
        } else if k == "gastric_type" {
            match value {
                Value::Null => {}
                Value::Number(n) => match n.as_u64() {
                    Some(t @ 1..=3) => p.gastric_type = Some(t as u8),
                    _ => {
                        return Err(format!(
                            "field `gastric_type` has unknown value {n}; expected 1, 2, 3 or null"
                        ))
                    }
                },
                _ => return Err("field `gastric_type` must be 1, 2, 3 or null".into()),
            }
        } else if k == "prior_therapies" || k == "risk_features" {
            let vocabulary: &'static [&'static str] = if k == "prior_therapies" {
                &OPTION_IDS
            } else {
                RISK_FEATURES
            };
            let items = match value {
                Value::Null => continue,
                Value::Array(items) => items,
                _ => return Err(format!("field `{k}` must be a list")),
            };
            for item in items {
                let s = item
                    .as_str()
                    .ok_or_else(|| format!("field `{k}` must list strings"))?;
                let v = vocab(vocabulary, s).ok_or_else(|| {
                    format!(
                        "field `{k}` has unknown value \"{s}\"; expected one of: {}",
                        vocabulary.join(", ")
                    )
                })?;
                let list = if k == "prior_therapies" {
                    &mut p.prior_therapies
                } else {
                    &mut p.risk_features
                };
                if !list.contains(&v) {
                    list.push(v);
                }
            }
        } else {
            return Err(format!("unknown field `{k}`"));
        }
    }
    if p.site.is_none() {
        return Err("field `site` is required".into());
    }
    Ok(p)
}

/// The SPEC §6 result. `rationale` is the rule's plain-language reason.
pub fn decision_json(d: &Decision) -> Value {
    json!({
        "options": d.options.iter().map(|o| json!({
            "id": o.id,
            "label": kb().option(o.id).map(|x| x.label).unwrap_or(o.id),
            "rationale": o.rationale,
            "cites": o.cites,
        })).collect::<Vec<_>>(),
        "excluded": d.excluded.iter().map(|e| json!({"id": e.id, "reason": e.reason})).collect::<Vec<_>>(),
        "notes": d.notes.iter().map(|n| n.text.clone()).collect::<Vec<_>>(),
    })
}
