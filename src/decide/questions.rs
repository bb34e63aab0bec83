//! The "Tailor this to my situation" questions: one per profile field, in the order a
//! pathology report and scan reports are usually read. Every question also accepts
//! "I'm not sure" (no answer), which the flow turns into "what knowing it would change".
//! The wording is content (content/questions.toml); what the answers mean is here.

use super::profile::{self, band_of, band_value, vocab, Answer, Kind as FieldKind, Profile};
use crate::kb::kb;

pub use crate::kb::{Question, QuestionKind as Kind};

/// The questions in the order they are asked; their wording lives in content/questions.toml.
pub fn questions() -> &'static [Question] {
    kb().questions
}

/// Whether a question makes sense for the answers so far (e.g. gastric type only for the
/// stomach). Skipped questions stay unanswered.
pub fn applies(field: &str, p: &Profile) -> bool {
    match field {
        "ki67" => p.site != Some("lung") || p.grade.is_none(),
        "symptoms_controlled" => p.functional_syndrome.is_some_and(|f| f != "none"),
        "gastric_type" => p.site == Some("stomach") && p.differentiation != Some("poor"),
        "liver_dominant" => matches!(p.stage, Some("metastatic" | "extensive_stage")),
        "risk_features" => matches!(
            p.site,
            Some("appendix" | "rectum" | "stomach" | "duodenum" | "colon")
        ),
        _ => true,
    }
}

/// Whether a choice makes sense for the answers so far (lung names only for the lung, SCLC
/// stages only for small cell lung cancer).
pub fn choice_applies(field: &str, value: &str, p: &Profile) -> bool {
    let lung = p.site == Some("lung");
    match (field, value) {
        ("grade", "typical_carcinoid" | "atypical_carcinoid" | "SCLC") => lung || p.site.is_none(),
        ("grade", "G1" | "G2" | "G3") => !lung,
        ("stage", "limited_stage" | "extensive_stage") => p.grade == Some("SCLC"),
        // Islet-cell hormone syndromes come from the pancreas or duodenum (gastrinoma also
        // explains type 2 stomach NETs).
        ("functional_syndrome", "insulinoma" | "vipoma" | "glucagonoma") => {
            matches!(
                p.site,
                None | Some("pancreas" | "duodenum" | "unknown_primary")
            )
        }
        // A gastrinoma with a stomach NET makes it type 2 by definition.
        ("functional_syndrome", "gastrinoma") => {
            matches!(
                p.site,
                None | Some("pancreas" | "duodenum" | "stomach" | "unknown_primary")
            ) && !(p.site == Some("stomach") && matches!(p.gastric_type, Some(1 | 3)))
        }
        _ => true,
    }
}

pub fn question(field: &str) -> Option<&'static Question> {
    questions().iter().find(|q| q.field == field)
}

/// The current single answer to a question, as a choice value (None = not sure): a band id
/// for numbers, "yes"/"no" for yes-or-no fields.
pub fn answer(p: &Profile, field: &str) -> Option<&'static str> {
    match p.get(field)? {
        Answer::Word(w) => Some(w),
        Answer::Flag(b) => Some(if b { "yes" } else { "no" }),
        Answer::Number(n) => band_of(field, n),
    }
}

/// Sets one answer (None = "I'm not sure") from a choice value, or a typed number for a
/// number field. Values the field does not accept are refused and return false.
pub fn set_answer(p: &mut Profile, field: &str, value: Option<&str>) -> bool {
    let Some(spec) = profile::field(field).filter(|f| f.name == field) else {
        return false;
    };
    let answer = match (value, &spec.kind) {
        (None, _) => None,
        (Some(_), FieldKind::List(_)) => return false,
        (Some(v), FieldKind::YesNo) => Some(Answer::Flag(match v {
            "yes" | "true" => true,
            "no" | "false" => false,
            _ => return false,
        })),
        (Some(v), FieldKind::Number(..)) => {
            match band_value(field, v).or_else(|| parse_decimal(v)) {
                Some(n) => Some(Answer::Number(n)),
                None => return false,
            }
        }
        (Some(v), FieldKind::Choice(values) | FieldKind::Type(values)) => match vocab(values, v) {
            Some(w) => Some(Answer::Word(w)),
            None => return false,
        },
    };
    p.set(field, answer)
}

/// Toggles one item of a multi-choice question.
pub fn toggle(p: &mut Profile, field: &str, value: &str) {
    p.toggle_item(field, value);
}

/// Plain label of an answer value, for summaries.
pub fn choice_label(field: &str, value: &str) -> &'static str {
    question(field)
        .and_then(|q| q.choices.iter().find(|(v, _)| *v == value))
        .map(|(_, l)| *l)
        .unwrap_or("")
}

/// Parses "12", "2.5" or "0.7" without the float parser (which would add size to the wasm).
pub fn parse_decimal(s: &str) -> Option<f64> {
    let s = s.trim();
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty() || int.len() > 6 || frac.len() > 4 {
        return None;
    }
    if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = |s: &str| s.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    let scale = 10u32.pow(frac.len() as u32);
    Some(f64::from(digits(int)) + f64::from(digits(frac)) / f64::from(scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_one_question() {
        let fields: Vec<&str> = questions().iter().map(|q| q.field).collect();
        for f in [
            "site",
            "differentiation",
            "grade",
            "ki67",
            "stage",
            "resectable",
            "size_cm",
            "functional_syndrome",
            "symptoms_controlled",
            "sstr_positive",
            "progression",
            "prior_therapies",
            "age_years",
            "gastric_type",
            "hereditary_syndrome",
            "liver_dominant",
            "risk_features",
        ] {
            assert_eq!(fields.iter().filter(|x| **x == f).count(), 1, "{f}");
        }
    }

    #[test]
    fn answers_round_trip_and_bad_values_are_refused() {
        let mut p = Profile::default();
        for q in questions().iter().filter(|q| q.kind == Kind::One) {
            for (value, _) in q.choices {
                assert!(
                    set_answer(&mut p, q.field, Some(value)),
                    "{} {}",
                    q.field,
                    value
                );
                assert_eq!(answer(&p, q.field), Some(*value), "{}", q.field);
            }
            assert!(set_answer(&mut p, q.field, None));
            assert_eq!(answer(&p, q.field), None);
            assert!(!set_answer(&mut p, q.field, Some("<bogus>")));
        }
    }

    #[test]
    fn decimals_parse_without_the_float_parser() {
        assert_eq!(parse_decimal("2.5"), Some(2.5));
        assert_eq!(parse_decimal("12"), Some(12.0));
        assert_eq!(parse_decimal(".7"), Some(0.7));
        assert_eq!(parse_decimal("-1"), None);
        assert_eq!(parse_decimal("1e9"), None);
        assert_eq!(parse_decimal(""), None);
    }
}
