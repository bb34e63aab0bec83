//! "Questions to ask your care team", built from the answers and the options shown. The
//! wording is in content/phrases.toml (`ask_*`).

use super::engine::Decision;
use super::features::features;
use super::profile::Profile;
use super::unknowns::fill;
use crate::kb::kb;

fn phrase(id: &str) -> String {
    fill(id, &[])
}

pub fn questions_for_team(p: &Profile, d: &Decision) -> Vec<String> {
    let f = features(p);
    let advanced = f.get("advanced") == "yes";
    let mut out: Vec<String> = Vec::new();
    if p.grade.is_none() || p.ki67.is_none() && p.site != Some("lung") {
        out.push(phrase("ask_grade"));
    }
    if p.differentiation.is_none() {
        out.push(phrase("ask_differentiation"));
    }
    if p.stage.is_none() {
        out.push(phrase("ask_stage"));
    }
    // A small tumor found only where it started needs no receptor scan for staging.
    let small_and_local = f.get("stage") == "localized" && f.get("size") == "lt1";
    if p.sstr_positive.is_none()
        && f.get("class") != "nec"
        && f.get("class") != "sclc"
        && !small_and_local
    {
        out.push(phrase("ask_scan"));
    }
    if advanced {
        out.push(phrase("ask_goal"));
    }
    for o in d.options.iter().take(4) {
        if let Some(info) = kb().option(o.id) {
            out.push(fill("ask_option", &[("option", info.label)]));
        }
    }
    if d.options.len() > 1 {
        out.push(phrase("ask_order"));
    }
    if p.functional_syndrome.is_some_and(|s| s != "none") {
        out.push(phrase("ask_symptoms"));
    }
    if d.offers("genetic_counseling") {
        out.push(phrase("ask_genetics"));
    }
    out.push(phrase("ask_board"));
    if !d.offers("clinical_trial") {
        out.push(phrase("ask_trial"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::decide;
    use crate::decide::json::parse_profile;

    fn asks_about_scan(json: &str) -> bool {
        let p = parse_profile(json).expect("valid profile");
        questions_for_team(&p, &decide(&p))
            .iter()
            .any(|q| *q == phrase("ask_scan"))
    }

    #[test]
    fn receptor_scan_question_only_where_staging_needs_it() {
        assert!(!asks_about_scan(
            r#"{"site":"appendix","differentiation":"well","grade":"G1","stage":"localized","size_cm":0.6}"#
        ));
        assert!(asks_about_scan(
            r#"{"site":"pancreas","differentiation":"well","grade":"G2","stage":"metastatic"}"#
        ));
    }
}
