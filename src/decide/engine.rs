//! The decision for one profile. Steps, each in its own module:
//! 1. answers that contradict each other (consistency.rs): each reading is decided apart and
//!    only what every reading supports is offered;
//! 2. each option from its rules, age limit and safety guard (evaluate.rs);
//! 3. unanswered questions reasoned across (unknowns.rs);
//! 4. the order guidelines use in this situation (`sequence` rules);
//! 5. options readers may expect, explained when not offered (explain.rs);
//! 6. notes, typed so the reader's view can place them without reading their text.

use super::consistency::{contradictions, readings};
use super::evaluate::{
    adult_evidence_only, decide_option, matching, rule_matches, sort_by_order, too_young, Outcome,
};
use super::explain::why_not;
use super::features::{features, Features};
use super::profile::Profile;
use super::unknowns::{field_name, fill, join, option_label, unknowns, what_if};
use crate::kb::spec::OPTION_IDS;
use crate::kb::{kb, List, Rule, RuleKind};

#[derive(Clone, Debug, PartialEq)]
pub struct Offered {
    pub id: &'static str,
    pub order: u16,
    /// Why it fits this profile (from the rule that offers it, with the children's caveat
    /// when the evidence is from adults and the reader is younger).
    pub rationale: String,
    pub cites: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Excluded {
    pub id: &'static str,
    pub reason: String,
    pub cites: Vec<&'static str>,
}

/// What a note is, so the view can group it without reading its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Answers that cannot all be right: shown first.
    Contradiction,
    /// What one reading of contradictory answers would mean.
    Reading,
    /// Nothing fits with confidence: a specialist team should review.
    Specialist,
    /// What knowing an unanswered question would change.
    WhatIf,
    /// Everything else the rules say (safety advice, tumor board, boundaries).
    Advice,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
    pub cites: Vec<&'static str>,
}

impl Note {
    fn new(kind: NoteKind, text: String, cites: List) -> Note {
        Note {
            kind,
            text,
            cites: cites.iter().collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Decision {
    pub options: Vec<Offered>,
    pub excluded: Vec<Excluded>,
    pub notes: Vec<Note>,
}

/// The SPEC §6 result as readers of the JSON see it: written by the CLI (serde_json) and
/// returned by the widget's `decide()` (serde-wasm-bindgen), from this one description.
#[derive(serde::Serialize)]
pub struct DecisionOut {
    pub options: Vec<OptionOut>,
    pub excluded: Vec<ExcludedOut>,
    pub notes: Vec<String>,
}

#[derive(serde::Serialize)]
pub struct OptionOut {
    pub id: &'static str,
    pub label: &'static str,
    /// The rule's plain-language reason.
    pub rationale: String,
    pub cites: Vec<&'static str>,
}

#[derive(serde::Serialize)]
pub struct ExcludedOut {
    pub id: &'static str,
    pub reason: String,
}

impl Decision {
    pub fn output(&self) -> DecisionOut {
        DecisionOut {
            options: self
                .options
                .iter()
                .map(|o| OptionOut {
                    id: o.id,
                    label: kb().option(o.id).map(|x| x.label).unwrap_or(o.id),
                    rationale: o.rationale.clone(),
                    cites: o.cites.clone(),
                })
                .collect(),
            excluded: self
                .excluded
                .iter()
                .map(|e| ExcludedOut {
                    id: e.id,
                    reason: e.reason.clone(),
                })
                .collect(),
            notes: self.notes.iter().map(|n| n.text.clone()).collect(),
        }
    }

    pub fn offered_ids(&self) -> Vec<&'static str> {
        self.options.iter().map(|o| o.id).collect()
    }

    pub fn offers(&self, id: &str) -> bool {
        self.options.iter().any(|o| o.id == id)
    }

    pub fn excludes(&self, id: &str) -> bool {
        self.excluded.iter().any(|e| e.id == id)
    }

    pub fn has_note(&self, kind: NoteKind) -> bool {
        self.notes.iter().any(|n| n.kind == kind)
    }
}

pub fn decide(profile: &Profile) -> Decision {
    let conflicts = contradictions(profile);
    let (mut d, readers) = if conflicts.is_empty() {
        (decide_consistent(profile), vec![features(profile)])
    } else {
        decide_readings(profile, &conflicts)
    };
    if d.options.is_empty() {
        let p = kb().phrase("needs_specialist");
        d.notes
            .push(Note::new(NoteKind::Specialist, p.text.to_string(), p.cites));
    }
    // Advice that holds however contradictory answers are read.
    let advice = kb()
        .rules
        .iter()
        .filter(|r| r.kind == RuleKind::Note && readers.iter().all(|f| rule_matches(r, f)));
    for rule in advice {
        d.notes.push(Note::new(
            NoteKind::Advice,
            rule.text.to_string(),
            rule.cites(),
        ));
    }
    d
}

/// Answers that contradict each other: said first; each reading is decided apart and only
/// what every reading supports is offered or ruled out (a doubtful answer never decides on
/// its own); what each reading would mean is shown. Returns the features of the readings.
fn decide_readings(profile: &Profile, conflicts: &[&'static Rule]) -> (Decision, Vec<Features>) {
    let mut d = Decision::default();
    for rule in conflicts {
        d.notes.push(Note::new(
            NoteKind::Contradiction,
            rule.text.to_string(),
            rule.cites(),
        ));
    }
    let readings = readings(profile, conflicts);
    let decided: Vec<Decision> = readings
        .iter()
        .map(|r| decide_consistent(&r.profile))
        .collect();
    if let Some((first, rest)) = decided.split_first() {
        // Each reading's reason presumes its own reading, so the one shown is neutral: the
        // option fits every reading, and when it is usually used; the sources are every
        // reading's.
        d.options = first
            .options
            .iter()
            .filter(|o| rest.iter().all(|other| other.offers(o.id)))
            .map(|o| {
                let mut cites = o.cites.clone();
                for other in rest
                    .iter()
                    .flat_map(|r| r.options.iter().filter(|x| x.id == o.id))
                {
                    for c in &other.cites {
                        if !cites.contains(c) {
                            cites.push(c);
                        }
                    }
                }
                let used_for = kb().option(o.id).map_or("", |i| i.used_for);
                Offered {
                    rationale: fill("fits_every_reading", &[("use", used_for)]),
                    cites,
                    ..o.clone()
                }
            })
            .collect();
        // An exclusion stays only when every reading gives the same reason.
        d.excluded = first
            .excluded
            .iter()
            .filter(|e| rest.iter().all(|other| other.excluded.contains(e)))
            .cloned()
            .collect();
    }
    for (reading, result) in readings.iter().zip(&decided) {
        let labels: Vec<&str> = result.options.iter().map(|o| option_label(o.id)).collect();
        let outcome = if labels.is_empty() {
            fill("result_none", &[])
        } else {
            fill("result_options", &[("options", join(&labels).as_str())])
        };
        let id = if reading.trusts {
            "reading_if_right"
        } else {
            "reading_without"
        };
        let text = fill(
            id,
            &[("field", field_name(reading.field)), ("result", &outcome)],
        );
        d.notes.push(Note::new(NoteKind::Reading, text, List("")));
    }
    let check = kb().phrase("check_report");
    d.notes.push(Note::new(
        NoteKind::Reading,
        check.text.to_string(),
        check.cites,
    ));
    let readers = readings.iter().map(|r| features(&r.profile)).collect();
    (d, readers)
}

/// The decision for answers that do not contradict each other.
fn decide_consistent(profile: &Profile) -> Decision {
    let f = features(profile);
    let mut d = Decision::default();
    for id in OPTION_IDS {
        match decide_option(id, &f) {
            Outcome::Offered(rule, cites) => d.options.push(offered(id, rule, cites, &f)),
            Outcome::Excluded(reason, cites) => {
                let mut reason = reason.to_string();
                // Withheld for age but already taken: never a hint to stop it.
                if profile.has_prior(id) && too_young(id, &f).is_some() {
                    reason.push(' ');
                    reason.push_str(kb().phrase("do_not_stop").text);
                }
                d.excluded.push(Excluded { id, reason, cites })
            }
            Outcome::Guarded(_) => d.excluded.push(Excluded {
                id,
                reason: fill("guarded", &[]),
                cites: Vec::new(),
            }),
            Outcome::NotApplicable => {}
        }
    }
    let open = unknowns(profile);
    let from_answers = d.offered_ids();
    reason_across_unknowns(&mut d, profile, &open);
    // A stable sort keeps SPEC option order among equal positions.
    sort_by_order(&mut d.options, |o| o.order);
    apply_sequences(&mut d, &f);
    explain_expected(&mut d, profile, &f);
    let shown = d.offered_ids();
    d.notes.extend(
        what_if(&open, &shown, &from_answers)
            .into_iter()
            .map(|text| Note::new(NoteKind::WhatIf, text, List(""))),
    );
    d
}

fn offered(id: &'static str, rule: &Rule, cites: Vec<&'static str>, f: &Features) -> Offered {
    let mut rationale = rule.text.to_string();
    if adult_evidence_only(id, f) {
        rationale.push(' ');
        rationale.push_str(kb().phrase("child_caveat").text);
    }
    Offered {
        id,
        order: rule.order,
        rationale,
        cites,
    }
}

/// An option that every plausible answer to an open question would offer is offered now
/// (the answer only refines the choice); one that was offered only because an answer is
/// missing, and that no plausible answer would offer, is not. Each unanswered question is
/// weighed against the answers given, so one open question never undoes another.
fn reason_across_unknowns(d: &mut Decision, profile: &Profile, open: &[super::unknowns::Unknown]) {
    let base = d.offered_ids();
    // Only called for answers that contradict nothing.
    let before: [&'static Rule; 0] = [];
    for u in open {
        for id in OPTION_IDS {
            if !d.offers(id) && !d.excludes(id) && u.always(id) {
                let value = u.branches[0].value;
                let Some(changed) = super::unknowns::with_answer(profile, &before, u.field, value)
                else {
                    continue;
                };
                let f = features(&changed);
                if let Outcome::Offered(rule, cites) = decide_option(id, &f) {
                    d.options.push(offered(id, rule, cites, &f));
                    let text = fill(
                        "unknown_refines",
                        &[("field", field_name(u.field)), ("option", option_label(id))],
                    );
                    d.notes.push(Note::new(NoteKind::WhatIf, text, List("")));
                }
            } else if base.contains(&id) && d.offers(id) && u.never(id) {
                d.options.retain(|o| o.id != id);
                d.excluded.push(Excluded {
                    id,
                    reason: fill("unknown_rules_out", &[("field", field_name(u.field))]),
                    cites: Vec::new(),
                });
            }
        }
    }
}

/// Puts the offered options a `sequence` rule names into that rule's order, together, where
/// the first of them stood; options it does not name keep their order.
fn apply_sequences(d: &mut Decision, f: &Features) {
    for rule in matching(RuleKind::Sequence, f) {
        let sequence: Vec<&str> = rule.items().iter().collect();
        let rank = |id: &str| sequence.iter().position(|s| *s == id);
        let Some(first) = d.options.iter().position(|o| rank(o.id).is_some()) else {
            continue;
        };
        // The named options move together, in the sequence's order, to where the first of
        // them stood; the others keep their order around them.
        let (mut named, rest): (Vec<Offered>, Vec<Offered>) =
            d.options.drain(..).partition(|o| rank(o.id).is_some());
        sort_by_order(&mut named, |o| rank(o.id).unwrap_or(0) as u16);
        // Everything before the first named option is unnamed, so it keeps its index.
        d.options = rest;
        d.options.splice(first..first, named);
    }
}

/// Options readers in this situation may expect (`expect` rules) that are neither offered
/// nor already explained get a reason, so nothing disappears silently.
fn explain_expected(d: &mut Decision, profile: &Profile, f: &Features) {
    for rule in matching(RuleKind::Expect, f) {
        for id in rule.items().iter() {
            let Some(id) = OPTION_IDS.iter().copied().find(|o| *o == id) else {
                continue;
            };
            if !d.offers(id) && !d.excludes(id) {
                d.excluded.push(Excluded {
                    id,
                    reason: why_not(id, profile),
                    cites: Vec::new(),
                });
            }
        }
    }
}
