//! What the tailored results show, built once from a decision: the reader's answers, the
//! options with how they are given and why they fit, the comparison, what does not fit,
//! notes grouped by kind, questions for the care team and the sources in order. The Yew
//! results and the server-side page draw this; neither decides anything.

use super::ask_team::questions_for_team;
use super::engine::{Decision, NoteKind};
use super::profile::Profile;
use super::questions::{answer, choice_label, question, Kind};
use crate::kb::{kb, OptionInfo};

/// One answer as the reader gave it.
#[derive(Clone)]
pub struct AnswerView {
    pub field: &'static str,
    /// What the question asks about, capitalised ("The grade").
    pub label: String,
    /// The chosen answers' labels, or `None` for "I'm not sure".
    pub shown: Option<String>,
}

#[derive(Clone)]
pub struct OptionView {
    pub info: &'static OptionInfo,
    pub rationale: String,
    pub cites: Vec<&'static str>,
    /// The topic page about it, if there is one: (id, title).
    pub topic: Option<(&'static str, &'static str)>,
}

#[derive(Clone)]
pub struct TextView {
    pub text: String,
    pub cites: Vec<&'static str>,
}

#[derive(Clone)]
pub struct ExcludedView {
    pub id: &'static str,
    pub label: &'static str,
    pub reason: String,
    pub cites: Vec<&'static str>,
}

#[derive(Clone, Default)]
pub struct ResultsView {
    pub answers: Vec<AnswerView>,
    /// Answers that do not fit together and what each reading means: shown first.
    pub conflicts: Vec<TextView>,
    pub options: Vec<OptionView>,
    /// Offered medicines in the catalogue's fixed order (a comparison, not a ranking).
    pub medicines: Vec<&'static OptionInfo>,
    pub excluded: Vec<ExcludedView>,
    pub what_if: Vec<TextView>,
    pub advice: Vec<TextView>,
    pub ask_team: Vec<String>,
    /// Every source cited above, in the order the references are numbered.
    pub cite_keys: Vec<&'static str>,
}

/// ASCII only: `char::to_uppercase` would bring the Unicode case tables into the wasm.
fn capitalise(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

fn notes(d: &Decision, kinds: &[NoteKind]) -> Vec<TextView> {
    d.notes
        .iter()
        .filter(|n| kinds.contains(&n.kind))
        .map(|n| TextView {
            text: n.text.clone(),
            cites: n.cites.clone(),
        })
        .collect()
}

/// The questions asked for these answers, in order (as the flow asks them).
pub fn answers(profile: &Profile, asked: &[&'static str]) -> Vec<AnswerView> {
    asked
        .iter()
        .filter_map(|f| question(f))
        .map(|q| {
            let shown = match q.kind {
                Kind::One => answer(profile, q.field).map(|v| choice_label(q.field, v).to_string()),
                Kind::Many => {
                    let items = profile.list(q.field);
                    (!items.is_empty()).then(|| {
                        items
                            .iter()
                            .map(|v| choice_label(q.field, v))
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                }
            };
            AnswerView {
                field: q.field,
                label: capitalise(q.short),
                shown,
            }
        })
        .collect()
}

/// The results in the widget state. Compared by identity and printed by name only: derived
/// equality and Debug over the whole view would add kilobytes of wasm for nothing, since a
/// new view is only ever built for new answers.
#[derive(Clone)]
pub struct Results(pub std::sync::Arc<ResultsView>);

impl PartialEq for Results {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Results {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Results")
    }
}

pub fn results_view(profile: &Profile, asked: &[&'static str], d: &Decision) -> ResultsView {
    let options: Vec<OptionView> = d
        .options
        .iter()
        .filter_map(|o| {
            let info = kb().option(o.id)?;
            Some(OptionView {
                info,
                rationale: o.rationale.clone(),
                cites: o.cites.clone(),
                topic: kb().topic(info.topic).map(|t| (t.id, t.title)),
            })
        })
        .collect();
    let medicines = kb()
        .options
        .iter()
        .filter(|i| i.medicine && d.offers(i.id))
        .collect();
    let excluded: Vec<ExcludedView> = d
        .excluded
        .iter()
        .map(|e| ExcludedView {
            id: e.id,
            label: kb().option(e.id).map(|i| i.label).unwrap_or(e.id),
            reason: e.reason.clone(),
            cites: e.cites.clone(),
        })
        .collect();
    let mut view = ResultsView {
        answers: answers(profile, asked),
        conflicts: notes(d, &[NoteKind::Contradiction, NoteKind::Reading]),
        options,
        medicines,
        excluded,
        what_if: notes(d, &[NoteKind::WhatIf]),
        advice: notes(d, &[NoteKind::Specialist, NoteKind::Advice]),
        ask_team: questions_for_team(profile, d),
        cite_keys: Vec::new(),
    };
    // Numbered in reading order: conflicts, options (reason, then evidence), excluded, notes.
    let mut keys: Vec<&'static str> = Vec::new();
    let groups = view.conflicts.iter().map(|n| n.cites.as_slice());
    let option_keys = view
        .options
        .iter()
        .flat_map(|o| [o.cites.as_slice(), o.info.cites]);
    let rest = view
        .excluded
        .iter()
        .map(|e| e.cites.as_slice())
        .chain(view.what_if.iter().map(|n| n.cites.as_slice()))
        .chain(view.advice.iter().map(|n| n.cites.as_slice()));
    for key in groups.chain(option_keys).chain(rest).flatten() {
        if !keys.contains(key) && kb().reference(key).is_some() {
            keys.push(key);
        }
    }
    view.cite_keys = keys;
    view
}
