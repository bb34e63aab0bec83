//! Why an option a reader may expect is not offered, found by asking which single change to
//! the answers would offer it. Situations and the options readers expect in them are data
//! (`expect` rules in content/sequences.toml); the wording is in content/phrases.toml.

use super::evaluate::{decide_option, Outcome};
use super::features::features;
use super::profile::Profile;
use super::questions::{answer, question};
use super::unknowns::{field_name, fill, option_label, with_answer};
use crate::kb::spec::OPTION_IDS;

/// Questions tried first are the ones whose answers most often decide a treatment.
const FIELDS_TO_TRY: [&str; 15] = [
    "progression",
    "sstr_positive",
    "functional_syndrome",
    "symptoms_controlled",
    "grade",
    "ki67",
    "differentiation",
    "stage",
    "resectable",
    "size_cm",
    "liver_dominant",
    "gastric_type",
    "hereditary_syndrome",
    "age_years",
    "site",
];

fn offers(option: &str, p: &Profile) -> bool {
    matches!(decide_option(option, &features(p)), Outcome::Offered(..))
}

/// The reason shown for an expected option that these answers do not lead to.
pub fn why_not(option: &'static str, p: &Profile) -> String {
    if p.has_prior(option) {
        return fill("already_received", &[]);
    }
    for field in FIELDS_TO_TRY {
        let Some(q) = question(field) else { continue };
        let now = answer(p, field);
        for (value, label) in q.choices {
            if now == Some(*value) {
                continue;
            }
            if with_answer(p, field, value).is_some_and(|changed| offers(option, &changed)) {
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
    fill("not_for_these_answers", &[])
}
