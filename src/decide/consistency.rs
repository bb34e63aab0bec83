//! Answers that cannot all be right (content/consistency.toml), and the readings that drop
//! one doubtful answer at a time, so the result never rests on an answer that may be wrong.

use super::evaluate::matching;
use super::features::features;
use super::profile::Profile;
use super::questions::set_answer;
use crate::kb::{Rule, RuleKind};

/// The contradiction rules these answers trigger.
pub fn contradictions(p: &Profile) -> Vec<&'static Rule> {
    matching(RuleKind::Contradiction, &features(p)).collect()
}

/// One way of reading a contradictory profile: which answer it trusts (or, for a
/// contradiction with one doubtful answer, which answer it sets aside) and what is left.
pub struct Reading {
    pub field: &'static str,
    /// True when the reading trusts `field`; false when it reads the profile without it.
    pub trusts: bool,
    pub profile: Profile,
}

/// For each doubtful answer, the reading that trusts it: the other answers it contradicts
/// are set aside. A contradiction with a single doubtful answer sets that answer aside.
/// Whatever still contradicts itself is set aside too, and readings that come out the same
/// are kept once. Deciding every reading and keeping only what all of them support means
/// no single doubtful answer decides anything.
pub fn readings(p: &Profile, conflicts: &[&'static Rule]) -> Vec<Reading> {
    let mut fields: Vec<&'static str> = Vec::new();
    for rule in conflicts {
        for field in rule.items().iter() {
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
    }
    let mut out: Vec<Reading> = Vec::new();
    for field in fields {
        let mut profile = p.clone();
        let mut trusts = false;
        for rule in conflicts {
            let doubtful: Vec<&str> = rule.items().iter().collect();
            if doubtful.len() == 1 {
                set_answer(&mut profile, doubtful[0], None);
            } else if doubtful.contains(&field) {
                trusts = true;
                for other in doubtful.into_iter().filter(|f| *f != field) {
                    set_answer(&mut profile, other, None);
                }
            }
        }
        // Bounded: each round clears at least one answer, and there are few fields.
        for _ in 0..8 {
            let left = contradictions(&profile);
            if left.is_empty() {
                break;
            }
            for rule in left {
                for f in rule.items().iter() {
                    set_answer(&mut profile, f, None);
                }
            }
        }
        if !out.iter().any(|r| r.profile == profile) {
            out.push(Reading {
                field,
                trusts,
                profile,
            });
        }
    }
    out
}
