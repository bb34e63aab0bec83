//! "Questions to ask your care team", built from the answers and the options shown.

use super::engine::Decision;
use super::features::features;
use super::profile::Profile;
use crate::kb::kb;

pub fn questions_for_team(p: &Profile, d: &Decision) -> Vec<String> {
    let f = features(p);
    let advanced = f.get("advanced") == "yes";
    let mut out: Vec<String> = Vec::new();
    if p.grade.is_none() || p.ki67.is_none() && p.site != Some("lung") {
        out.push(
            "What are the grade and Ki-67 of my tumor, and what do they mean for treatment?".into(),
        );
    }
    if p.differentiation.is_none() {
        out.push(
            "Is my tumor well differentiated (a NET) or poorly differentiated (a carcinoma)?"
                .into(),
        );
    }
    if p.stage.is_none() {
        out.push("How far has the tumor spread, and which scans showed that?".into());
    }
    // A small tumor found only where it started needs no receptor scan for staging.
    let small_and_local = f.get("stage") == "localized" && f.get("size") == "lt1";
    if p.sstr_positive.is_none()
        && f.get("class") != "nec"
        && f.get("class") != "sclc"
        && !small_and_local
    {
        out.push(
            "Should I have a somatostatin-receptor PET scan (such as a DOTATATE scan)?".into(),
        );
    }
    if advanced {
        out.push(
            "What is the goal of treatment for me: cure, slowing growth, or easing symptoms?"
                .into(),
        );
    }
    for o in d.options.iter().take(4) {
        if let Some(info) = kb().option(o.id) {
            out.push(format!("What would {} mean for me: how it is given, its side effects and the likely benefit?", info.label));
        }
    }
    if d.options.len() > 1 {
        out.push(
            "If more than one option fits, in what order would you suggest them, and why?".into(),
        );
    }
    if p.functional_syndrome.is_some_and(|s| s != "none") {
        out.push(
            "How will we keep my hormone symptoms under control, and what should make me call you?"
                .into(),
        );
    }
    if p.hereditary_syndrome.is_none() && d.offers("genetic_counseling") {
        out.push("Should I, or my family, have genetic counseling and testing?".into());
    }
    out.push("Has my case been discussed by a NET tumor board?".into());
    if !d.offers("clinical_trial") {
        out.push("Is there a clinical trial that could suit me?".into());
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
            .any(|q| q.contains("somatostatin-receptor PET"))
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
