//! Hard safety limits, checked after the rules. The rules in content/ are written to respect
//! them (the exhaustive tests prove it), so the guard only matters if an edit to the rules
//! goes wrong: then the option is withheld (readers see the `guarded` phrase; the reason
//! here is for developers and tests).

use super::features::Features;

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

/// A pancreatic hormone syndrome (not carcinoid syndrome) that treatment does not control.
pub fn refractory_pancreatic_syndrome(f: &Features) -> bool {
    matches!(
        f.get("functional"),
        "insulinoma" | "gastrinoma" | "vipoma" | "glucagonoma"
    ) && f.get("controlled") == "no"
        && matches!(f.get("site"), "pancreas" | "duodenum")
}

/// Which limit offering `option` to a reader with these features would cross, if any: a
/// short label for developers and tests (readers see the `guarded` phrase instead).
pub fn violation(option: &str, f: &Features) -> Option<&'static str> {
    let progressive = f.get("progression") == "progressive";
    match option {
        "prrt_lu177" if f.get("sstr") == "negative" => Some("prrt: negative receptor scan"),
        "prrt_lu177" if f.get("age") == "under_12" => Some("prrt: under 12"),
        "prrt_lu177" if is_carcinoma(f) => Some("prrt: carcinoma"),
        "sunitinib" if f.get("site") != "pancreas" => Some("sunitinib: not pancreas"),
        // Guidance for hormone-making pancreatic NETs also uses everolimus and sunitinib
        // when the hormone symptoms cannot be controlled, growing or not.
        "everolimus" | "sunitinib" if !progressive && refractory_pancreatic_syndrome(f) => None,
        "everolimus" | "sunitinib" | "cabozantinib" if !progressive => Some("not progressive"),
        "cabozantinib"
            if !f
                .prior
                .iter()
                .any(|p| NON_SSA_SYSTEMIC.contains(p) && *p != "cabozantinib") =>
        {
            Some("cabozantinib: no earlier non-SSA medicine")
        }
        "cabozantinib" if f.get("age") == "under_12" => Some("cabozantinib: under 12"),
        "telotristat"
            if f.get("functional") != "carcinoid_syndrome"
                || f.get("controlled") != "no"
                || !f.prior.iter().any(|p| SSAS.contains(p)) =>
        {
            Some("telotristat: not add-on for uncontrolled carcinoid syndrome")
        }
        "ssa_octreotide" | "ssa_lanreotide" if is_carcinoma(f) => Some("ssa: carcinoma"),
        "surveillance" if f.get("site") == "pancreas" && f.get("functional") != "none" => {
            Some("surveillance: functional pancreatic")
        }
        "surveillance" if progressive => Some("surveillance: progressive"),
        "surveillance" if is_carcinoma(f) => Some("surveillance: carcinoma"),
        _ => None,
    }
}
