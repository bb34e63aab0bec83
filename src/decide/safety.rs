//! Hard safety limits, checked after the rules. The rules in content/ are written to respect
//! them (the exhaustive tests prove it), so the guard only matters if an edit to the rules
//! goes wrong: then the option is withheld with this reason instead of shown.

use super::features::Features;
use super::profile::Profile;

/// Systemic treatments other than somatostatin analogs (CABINET required one before).
pub const NON_SSA_SYSTEMIC: &[&str] = &[
    "everolimus",
    "sunitinib",
    "prrt_lu177",
    "captem",
    "streptozocin_chemo",
    "platinum_etoposide",
    "folfiri",
    "chemo_immunotherapy_sclc",
    "cabozantinib",
];

pub const SSAS: &[&str] = &["ssa_octreotide", "ssa_lanreotide"];

fn is_carcinoma(f: &Features) -> bool {
    matches!(f.get("class"), "nec" | "sclc")
}

/// Why offering `option` to a reader with these features would be unsafe, if it would be.
pub fn violation(option: &str, f: &Features) -> Option<&'static str> {
    let progressive = f.get("progression") == "progressive";
    match option {
        "prrt_lu177" if f.get("sstr") == "negative" => {
            Some("PRRT only works when a receptor scan shows the tumor takes up the tracer (SSTR-positive).")
        }
        "prrt_lu177" if f.get("age") == "under_12" => Some("Lutathera is approved only for people aged 12 and older."),
        "prrt_lu177" if is_carcinoma(f) => Some("PRRT is for well-differentiated tumors, not carcinoma."),
        "sunitinib" if f.get("site") != "pancreas" => Some("Sunitinib is used only for pancreatic NETs."),
        "everolimus" | "sunitinib" | "cabozantinib" if !progressive => {
            Some("This medicine is used when the tumor is growing (progressive disease).")
        }
        "cabozantinib" if !f.prior.iter().any(|p| NON_SSA_SYSTEMIC.contains(p) && *p != "cabozantinib") => {
            Some("Cabozantinib is for tumors already treated with another medicine that is not a somatostatin analog.")
        }
        "cabozantinib" if f.get("age") == "under_12" => Some("Cabozantinib is approved only from age 12."),
        "telotristat"
            if f.get("functional") != "carcinoid_syndrome"
                || f.get("controlled") != "no"
                || !f.prior.iter().any(|p| SSAS.contains(p)) =>
        {
            Some("Telotristat is only added to a somatostatin analog when carcinoid-syndrome diarrhea is still not controlled.")
        }
        "ssa_octreotide" | "ssa_lanreotide" if is_carcinoma(f) => {
            Some("Somatostatin analogs are not a treatment for poorly differentiated carcinoma.")
        }
        "surveillance" if f.get("site") == "pancreas" && f.get("functional") != "none" => {
            Some("Hormone-making pancreatic tumors are treated, not watched.")
        }
        "surveillance" if progressive => Some("A growing tumor should not simply be watched."),
        "surveillance" if is_carcinoma(f) => Some("Carcinoma needs treatment, not watching."),
        _ => None,
    }
}

/// Answers that contradict each other, stated plainly.
pub fn consistency_notes(p: &Profile) -> Vec<String> {
    let mut notes = Vec::new();
    if p.differentiation == Some("poor") && matches!(p.grade, Some("G1" | "G2" | "G3")) {
        notes.push(
            "The answers say poorly differentiated but give a NET grade (G1–G3). Poorly differentiated tumors are carcinomas, so this guide treats it as a carcinoma; please check the pathology report."
                .to_string(),
        );
    }
    if p.differentiation == Some("well") && matches!(p.grade, Some("NEC" | "LCNEC" | "SCLC")) {
        notes.push(
            "The answers say well differentiated but name a carcinoma. This guide treats it as a carcinoma; please check the pathology report."
                .to_string(),
        );
    }
    if let (Some(grade), Some(k)) = (p.grade, p.ki67) {
        let ki67_grade = if k < 3.0 {
            "G1"
        } else if k <= 20.0 {
            "G2"
        } else {
            "G3"
        };
        if matches!(grade, "G1" | "G2" | "G3") && ki67_grade > grade {
            notes.push(format!(
                "A Ki-67 of this level fits grade {ki67_grade}, higher than the stated {grade}. WHO grading uses the higher of the two, so this guide uses {ki67_grade}."
            ));
        }
    }
    if p.site == Some("lung") && matches!(p.grade, Some("G1" | "G2" | "G3")) {
        notes.push(
            "Lung NETs are usually named typical or atypical carcinoid (graded by cell division and dead tissue), not G1–G3."
                .to_string(),
        );
    }
    if p.site == Some("stomach")
        && matches!(p.gastric_type, Some(1 | 3))
        && p.functional_syndrome == Some("gastrinoma")
    {
        notes.push(
            "The answers name a gastrinoma, which makes a stomach NET type 2, not the type given. Please check the reports with your team."
                .to_string(),
        );
    }
    if p.gastric_type.is_some() && p.site != Some("stomach") {
        notes.push(
            "A gastric type (1, 2 or 3) only applies to stomach NETs, so it was not used."
                .to_string(),
        );
    }
    notes
}
