//! "What knowing it would change": for each unanswered question, re-runs the rules with each
//! possible answer and reports which options that answer would add or rule out.

use super::engine::{offered, Decision, Note};
use super::features::features;
use super::profile::Profile;
use super::questions::{applies, choice_applies, questions, set_answer, Kind};
use crate::kb::kb;

/// Short names of the questions, for notes.
pub fn field_name(field: &str) -> &'static str {
    match field {
        "site" => "where it started",
        "differentiation" => "differentiation",
        "grade" => "grade",
        "ki67" => "Ki-67",
        "stage" => "how far it has spread",
        "resectable" => "whether surgery can remove it all",
        "size_cm" => "tumor size",
        "functional_syndrome" => "hormone symptoms",
        "symptoms_controlled" => "whether symptoms are controlled",
        "sstr_positive" => "the receptor (SSTR) scan result",
        "progression" => "whether it is growing",
        "age_years" => "age",
        "gastric_type" => "the stomach NET type",
        "hereditary_syndrome" => "inherited conditions",
        "liver_dominant" => "whether the spread is mainly in the liver",
        _ => "this answer",
    }
}

fn label(id: &str) -> &'static str {
    kb().option(id).map(|o| o.label).unwrap_or("")
}

fn join(labels: &[&str]) -> String {
    match labels {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub fn what_if_notes(profile: &Profile, decision: &Decision) -> Vec<Note> {
    let now: Vec<&str> = decision.offered_ids();
    let mut notes = Vec::new();
    for q in questions()
        .iter()
        .filter(|q| q.kind == Kind::One && q.field != "site")
    {
        if !applies(q.field, profile) || super::questions::answer(profile, q.field).is_some() {
            continue;
        }
        // Answers that change the options the same way are reported together.
        let mut changes: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = Vec::new();
        for (value, choice) in q.choices {
            let mut p = profile.clone();
            if !choice_applies(q.field, value, profile) || !set_answer(&mut p, q.field, Some(value))
            {
                continue;
            }
            let then: Vec<&str> = offered(&features(&p))
                .into_iter()
                .map(|(_, id)| id)
                .collect();
            let added: Vec<&str> = then
                .iter()
                .filter(|id| !now.contains(id))
                .map(|id| label(id))
                .collect();
            let removed: Vec<&str> = now
                .iter()
                .filter(|id| !then.contains(id))
                .map(|id| label(id))
                .collect();
            if added.is_empty() && removed.is_empty() {
                continue;
            }
            match changes
                .iter_mut()
                .find(|(_, a, r)| *a == added && *r == removed)
            {
                Some((choices, _, _)) => choices.push(choice),
                None => changes.push((vec![choice], added, removed)),
            }
        }
        let mut parts: Vec<String> = Vec::new();
        for (choices, added, removed) in changes {
            let quoted: Vec<String> = choices.iter().map(|c| format!("“{c}”")).collect();
            let mut part = format!("if {}", quoted.join(" or "));
            if !added.is_empty() {
                part.push_str(&format!(", {} could be added", join(&added)));
            }
            if !removed.is_empty() {
                part.push_str(&format!(", {} would no longer fit", join(&removed)));
            }
            parts.push(part);
        }
        if !parts.is_empty() {
            notes.push(Note {
                text: format!(
                    "Not sure about {}? Knowing it could change the options: {}.",
                    field_name(q.field),
                    parts.join("; ")
                ),
                cites: Vec::new(),
            });
        }
    }
    notes
}
