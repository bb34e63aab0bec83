//! One option against one set of features: the rules that name it (content/rules.toml), the
//! option's age limit (content/options.toml) and the hard safety guard. Everything above
//! this (unknown answers, contradictions, order, explanations) is built from these calls.

use super::features::Features;
use super::safety;
use crate::kb::spec::OPTION_IDS;
use crate::kb::{kb, Rule, RuleKind};

/// How one option came out for one set of features.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Offered(&'static Rule, Vec<&'static str>),
    Excluded(&'static str, Vec<&'static str>),
    /// An offer rule matched but the safety guard blocked it (a rules bug; tests forbid it).
    Guarded(&'static str),
    NotApplicable,
}

pub fn rule_matches(rule: &Rule, f: &Features) -> bool {
    rule.when()
        .iter()
        .all(|(name, values)| values.contains(f.get(name)))
        && (rule.prior_any().is_empty() || rule.prior_any().iter().any(|p| f.prior.contains(&p)))
        && rule.prior_none().iter().all(|p| !f.prior.contains(&p))
        && (rule.risk_any().is_empty() || rule.risk_any().iter().any(|r| f.risk.contains(&r)))
        && rule.risk_none().iter().all(|r| !f.risk.contains(&r))
}

/// Rules of one kind that hold for these features, in file order.
pub fn matching(kind: RuleKind, f: &Features) -> impl Iterator<Item = &'static Rule> + '_ {
    kb().rules
        .iter()
        .filter(move |r| r.kind == kind && rule_matches(r, f))
}

/// Whether the reader is younger than the youngest age the option's label allows: then it
/// is not offered, and `age_reason` says why. An unknown age withholds nothing (the what-if
/// notes say what age would change).
pub fn too_young(option: &str, f: &Features) -> Option<&'static str> {
    let info = kb().option(option)?;
    let below = match f.get("age") {
        "under_12" => info.min_age > 0,
        "12_17" => info.min_age > 12,
        _ => false,
    };
    below.then_some(info.age_reason)
}

/// Whether the option's evidence is from adults and the reader is a child or teen: it is
/// then offered with the caveat that a children's cancer specialist decides.
pub fn adult_evidence_only(option: &str, f: &Features) -> bool {
    kb().option(option).is_some_and(|o| o.adult_evidence)
        && matches!(f.get("age"), "under_12" | "12_17")
}

/// Decides one option from the rules that name it, then its age limit and the safety guard.
pub fn decide_option(option: &str, f: &Features) -> Outcome {
    let mut best: Option<&'static Rule> = None;
    for rule in kb().rules.iter().filter(|r| r.option == option) {
        if !rule_matches(rule, f) {
            continue;
        }
        match rule.kind {
            // Below the label's age, that is the reason given, whatever else applies.
            RuleKind::Exclude => {
                return match too_young(option, f) {
                    Some(reason) => age_excluded(option, reason),
                    None => Outcome::Excluded(rule.text, rule.cites().iter().collect()),
                }
            }
            // The reason shown and its sources come from one rule, so a source is never
            // cited for a situation it did not study.
            RuleKind::Offer if best.is_none_or(|b| rule.order < b.order) => best = Some(rule),
            _ => {}
        }
    }
    let Some(rule) = best else {
        return Outcome::NotApplicable;
    };
    if let Some(reason) = too_young(option, f) {
        return age_excluded(option, reason);
    }
    match safety::violation(option, f) {
        Some(reason) => Outcome::Guarded(reason),
        None => Outcome::Offered(rule, rule.cites().iter().collect()),
    }
}

fn age_excluded(option: &str, reason: &'static str) -> Outcome {
    let label_cites = kb().option(option).map(|o| o.cites).unwrap_or(&[]);
    Outcome::Excluded(reason, label_cites.to_vec())
}

/// Offered option ids for features, in the order of their rules (used for what-ifs too).
pub fn offered(f: &Features) -> Vec<&'static str> {
    let mut out: Vec<(u16, &'static str)> = OPTION_IDS
        .iter()
        .filter_map(|id| match decide_option(id, f) {
            Outcome::Offered(rule, _) => Some((rule.order, *id)),
            _ => None,
        })
        .collect();
    sort_by_order(&mut out, |(order, _)| *order);
    out.into_iter().map(|(_, id)| id).collect()
}

/// Stable insertion sort by guideline position. The lists hold at most a few dozen options,
/// and the std sorts would add kilobytes to the wasm.
pub fn sort_by_order<T>(items: &mut [T], order: impl Fn(&T) -> u16) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && order(&items[j - 1]) > order(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sort_by_order_is_stable() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        super::sort_by_order(&mut items, |(order, _)| *order);
        assert_eq!(items, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    }
}
