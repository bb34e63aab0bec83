//! Why an option a reader may expect is not offered: already received; or the one change in
//! how things stand (growth, scan, symptoms, surgery, liver) that would offer it; or an
//! earlier treatment it usually follows; else when it is usually used (options.toml). Situations and the options readers expect in them are data
//! (`expect` rules in content/sequences.toml); the wording is in content/phrases.toml.

use super::consistency::contradictions;
use super::evaluate::{decide_option, too_young, Outcome};
use super::features::features;
use super::profile::Profile;
use super::questions::{answer, question};
use super::unknowns::{field_name, fill, option_label, with_answer};
use crate::kb::spec::OPTION_IDS;

/// Answers that describe how things stand now (growth, scan, symptoms, whether surgery can
/// remove it, where the spread is). Changing what the tumor is (site, grade, a hormone
/// syndrome) is never a sensible reason to give a reader, so it is not tried.
const FIELDS_TO_TRY: [&str; 5] = [
    "progression",
    "sstr_positive",
    "symptoms_controlled",
    "resectable",
    "liver_dominant",
];

fn offers(option: &str, p: &Profile) -> bool {
    matches!(decide_option(option, &features(p)), Outcome::Offered(..))
}

/// The reason shown for an expected option that these answers do not lead to.
pub fn why_not(option: &'static str, p: &Profile) -> String {
    // The label's age comes first: a child already taking it is told not to stop alone.
    if let Some(reason) = too_young(option, &features(p)) {
        let mut reason = reason.to_string();
        if p.has_prior(option) {
            reason.push(' ');
            reason.push_str(crate::kb::kb().phrase("do_not_stop").text);
        }
        return reason;
    }
    if p.has_prior(option) {
        return fill("already_received", &[]);
    }
    let before = contradictions(p);
    for field in FIELDS_TO_TRY {
        let Some(q) = question(field) else { continue };
        let now = answer(p, field);
        for (value, label) in q.choices {
            if now == Some(*value) {
                continue;
            }
            if with_answer(p, &before, field, value).is_some_and(|changed| offers(option, &changed))
            {
                let answer = format!("“{label}”");
                return fill(
                    "fits_other_answer",
                    &[("field", field_name(field)), ("answer", &answer)],
                );
            }
        }
    }
    for earlier in OPTION_IDS {
        let mut changed = p.clone();
        if earlier != option && changed.add_prior(earlier) && offers(option, &changed) {
            return fill("needs_prior", &[("treatment", option_label(earlier))]);
        }
    }
    let used_for = crate::kb::kb().option(option).map_or("", |o| o.used_for);
    fill("usual_use", &[("use", used_for)])
}
