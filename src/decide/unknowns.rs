//! Unanswered questions: the flow tries every answer that fits the rest of the profile (no
//! answer that would contradict what is already known) and sees what each would offer. An
//! option every plausible answer offers is offered; one no plausible answer offers is not;
//! the rest become "what if" notes.

use super::consistency::contradictions;
use super::evaluate::offered;
use super::features::features;
use super::profile::Profile;
use super::questions::{answer, applies, choice_applies, question, questions, set_answer, Kind};
use crate::kb::{kb, Rule};

/// One plausible answer to an unanswered question and the options it would lead to.
pub struct Branch {
    pub value: &'static str,
    pub label: &'static str,
    pub offered: Vec<&'static str>,
}

/// An unanswered question and its plausible answers.
pub struct Unknown {
    pub field: &'static str,
    pub branches: Vec<Branch>,
}

impl Unknown {
    /// Whether every plausible answer offers `option`.
    pub fn always(&self, option: &str) -> bool {
        !self.branches.is_empty() && self.branches.iter().all(|b| b.offered.contains(&option))
    }

    /// Whether no plausible answer offers `option`.
    pub fn never(&self, option: &str) -> bool {
        !self.branches.is_empty() && self.branches.iter().all(|b| !b.offered.contains(&option))
    }
}

/// The profile with one answer changed, if that answer is plausible: allowed for these
/// answers and raising no contradiction beyond `before` (the profile's own, computed once by
/// the caller for all the answers it tries).
pub fn with_answer(
    p: &Profile,
    before: &[&'static Rule],
    field: &str,
    value: &str,
) -> Option<Profile> {
    if !choice_applies(field, value, p) {
        return None;
    }
    let mut changed = p.clone();
    if !set_answer(&mut changed, field, Some(value)) {
        return None;
    }
    let new_conflict = contradictions(&changed)
        .iter()
        .any(|r| !before.iter().any(|b| std::ptr::eq(*b, *r)));
    (!new_conflict).then_some(changed)
}

/// Every unanswered single-choice question that matters for these answers, with its
/// plausible answers. The site is always asked, so it is not guessed.
pub fn unknowns(p: &Profile) -> Vec<Unknown> {
    let before = contradictions(p);
    questions()
        .iter()
        .filter(|q| q.kind == Kind::One && q.field != "site")
        .filter(|q| applies(q.field, p) && answer(p, q.field).is_none())
        .map(|q| Unknown {
            field: q.field,
            branches: q
                .choices
                .iter()
                .filter_map(|(value, label)| {
                    let changed = with_answer(p, &before, q.field, value)?;
                    Some(Branch {
                        value,
                        label,
                        offered: offered(&features(&changed)),
                    })
                })
                .collect(),
        })
        .collect()
}

/// The short name of a question's subject ("the grade"), from content/questions.toml.
pub fn field_name(field: &str) -> &'static str {
    question(field).map(|q| q.short).unwrap_or("")
}

pub fn option_label(id: &str) -> &'static str {
    kb().option(id).map(|o| o.label).unwrap_or("")
}

/// "A, B and C".
pub fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Fills `{name}` slots of a phrase from content/phrases.toml.
/// Scans for `{` by hand: `str::replace` would pull the substring searcher into the wasm.
pub fn fill(id: &str, slots: &[(&str, &str)]) -> String {
    let mut rest = kb().phrase(id).text;
    let mut out = String::with_capacity(rest.len() + 40);
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        if let Some((_, value)) = slots.iter().find(|(slot, _)| *slot == name) {
            out.push_str(value);
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// "What if" sentences for the unanswered questions, against the options finally shown.
/// Only options the given answers offer can be "no longer fit": one shown because every
/// answer to another open question supports it does not hinge on this one. Answers that
/// change the options the same way are told together.
pub fn what_if(
    unknowns: &[Unknown],
    shown: &[&'static str],
    from_answers: &[&'static str],
) -> Vec<String> {
    let mut notes = Vec::new();
    for u in unknowns {
        let mut groups: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = Vec::new();
        for b in &u.branches {
            let added: Vec<&str> = b
                .offered
                .iter()
                .filter(|id| !shown.contains(id))
                .map(|id| option_label(id))
                .collect();
            let removed: Vec<&str> = shown
                .iter()
                .filter(|id| from_answers.contains(id) && !b.offered.contains(id))
                .map(|id| option_label(id))
                .collect();
            if added.is_empty() && removed.is_empty() {
                continue;
            }
            match groups
                .iter_mut()
                .find(|(_, a, r)| *a == added && *r == removed)
            {
                Some((labels, _, _)) => labels.push(b.label),
                None => groups.push((vec![b.label], added, removed)),
            }
        }
        for (labels, added, removed) in groups {
            let quoted: Vec<String> = labels.iter().map(|l| format!("“{l}”")).collect();
            let answers = quoted.join(" or ");
            let field = field_name(u.field);
            let (added, removed) = (join(&added), join(&removed));
            let slots = [
                ("field", field),
                ("answers", answers.as_str()),
                ("added", added.as_str()),
                ("removed", removed.as_str()),
            ];
            let id = match (added.is_empty(), removed.is_empty()) {
                (false, true) => "whatif_add",
                (true, false) => "whatif_drop",
                _ => "whatif_both",
            };
            notes.push(fill(id, &slots));
        }
    }
    notes
}
