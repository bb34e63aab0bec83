//! Applies the compiled rules (content/rules.toml) to a profile. Each option is decided on its
//! own from the rules that name it, then checked against the safety guard; notes and
//! "what knowing more would change" are added last.

use super::features::{features, Features};
use super::profile::Profile;
use super::safety;
use super::unknowns;
use crate::kb::spec::OPTION_IDS;
use crate::kb::{kb, Rule, RuleKind};

#[derive(Clone, Debug, PartialEq)]
pub struct Offered {
    pub id: &'static str,
    pub order: u16,
    /// Why it fits this profile (from the first matching rule).
    pub rationale: &'static str,
    pub cites: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Excluded {
    pub id: &'static str,
    pub reason: &'static str,
    pub cites: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub text: String,
    pub cites: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Decision {
    pub options: Vec<Offered>,
    pub excluded: Vec<Excluded>,
    pub notes: Vec<Note>,
}

impl Decision {
    pub fn offered_ids(&self) -> Vec<&'static str> {
        self.options.iter().map(|o| o.id).collect()
    }

    pub fn offers(&self, id: &str) -> bool {
        self.options.iter().any(|o| o.id == id)
    }
}

/// How one option came out for one profile.
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

/// Decides one option from the rules that name it.
pub fn decide_option(option: &str, f: &Features) -> Outcome {
    let rules = kb().rules.iter().filter(|r| r.option == option);
    let mut best: Option<&'static Rule> = None;
    let mut cites: Vec<&'static str> = Vec::new();
    for rule in rules {
        if !rule_matches(rule, f) {
            continue;
        }
        match rule.kind {
            RuleKind::Exclude => {
                return Outcome::Excluded(rule.text, rule.cites().iter().collect())
            }
            RuleKind::Offer => {
                for c in rule.cites().iter() {
                    if !cites.contains(&c) {
                        cites.push(c);
                    }
                }
                if best.is_none_or(|b| rule.order < b.order) {
                    best = Some(rule);
                }
            }
            RuleKind::Note => {}
        }
    }
    match best {
        None => Outcome::NotApplicable,
        Some(rule) => match safety::violation(option, f) {
            Some(reason) => Outcome::Guarded(reason),
            None => Outcome::Offered(rule, cites),
        },
    }
}

/// Offered option ids for features, in guideline order (used by the what-if notes too).
pub fn offered(f: &Features) -> Vec<(u16, &'static str)> {
    let mut out: Vec<(u16, &'static str)> = OPTION_IDS
        .iter()
        .filter_map(|id| match decide_option(id, f) {
            Outcome::Offered(rule, _) => Some((rule.order, *id)),
            _ => None,
        })
        .collect();
    sort_by_order(&mut out, |(order, _)| *order);
    out
}

/// Stable insertion sort by guideline position. The lists hold at most a few dozen options,
/// and the std sorts would add kilobytes to the wasm.
fn sort_by_order<T>(items: &mut [T], order: impl Fn(&T) -> u16) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && order(&items[j - 1]) > order(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

pub const NEEDS_SPECIALIST: &str = "No option in this guide fits these answers with confidence. This situation needs review by a specialist NET team (tumor board).";

pub fn decide(profile: &Profile) -> Decision {
    let f = features(profile);
    let mut decision = Decision::default();
    for id in OPTION_IDS {
        match decide_option(id, &f) {
            Outcome::Offered(rule, cites) => decision.options.push(Offered {
                id,
                order: rule.order,
                rationale: rule.text,
                cites,
            }),
            Outcome::Excluded(reason, cites) => {
                decision.excluded.push(Excluded { id, reason, cites })
            }
            Outcome::Guarded(reason) => decision.excluded.push(Excluded {
                id,
                reason,
                cites: Vec::new(),
            }),
            Outcome::NotApplicable => {}
        }
    }
    // A stable sort keeps SPEC option order among equal positions.
    sort_by_order(&mut decision.options, |o| o.order);
    if decision.options.is_empty() {
        decision.notes.push(Note {
            text: NEEDS_SPECIALIST.to_string(),
            cites: Vec::new(),
        });
    }
    for rule in kb().rules.iter().filter(|r| r.kind == RuleKind::Note) {
        if rule_matches(rule, &f) {
            decision.notes.push(Note {
                text: rule.text.to_string(),
                cites: rule.cites().iter().collect(),
            });
        }
    }
    decision.notes.extend(
        safety::consistency_notes(profile)
            .into_iter()
            .map(|text| Note {
                text,
                cites: Vec::new(),
            }),
    );
    decision
        .notes
        .extend(unknowns::what_if_notes(profile, &decision));
    decision
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
