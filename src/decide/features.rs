//! What the rules see: the profile reduced to a small set of named features, each with a
//! finite vocabulary. Cut-offs come from the cited fact sheet (WHO grading, size thresholds
//! in site guidance, trial eligibility), so rules in content/rules.toml can stay readable and
//! the safety tests can enumerate every combination.

use super::profile::{
    band_of, with_unknown, Profile, DIFFERENTIATIONS, GRADES, HEREDITARY, PROGRESSIONS, SITE_LIST,
    STAGES, SYNDROMES,
};

/// A feature and every value it can take. `unknown` always means "not known".
pub struct FeatureSpec {
    pub name: &'static str,
    pub values: &'static [&'static str],
}

pub const FEATURES: &[FeatureSpec] = &[
    FeatureSpec {
        name: "class",
        values: &[
            "net_g1g2",
            "net_g3",
            "nec",
            "sclc",
            "lung_carcinoid",
            "unknown",
        ],
    },
    FeatureSpec {
        name: "site",
        values: &with_unknown::<9, 10>(SITE_LIST),
    },
    FeatureSpec {
        name: "stage",
        values: &["localized", "locoregional", "metastatic", "unknown"],
    },
    FeatureSpec {
        name: "resectable",
        values: &["yes", "no", "unknown"],
    },
    FeatureSpec {
        name: "advanced",
        values: &["yes", "no"],
    },
    FeatureSpec {
        name: "size",
        values: &["lt1", "1_2", "gt2", "unknown"],
    },
    // Guidance that says "1 cm or less" (e.g. endoscopic removal) includes exactly 1 cm,
    // which the size bands put in 1_2.
    FeatureSpec {
        name: "size_1cm_or_less",
        values: &["yes", "no", "unknown"],
    },
    FeatureSpec {
        name: "ki67",
        values: &["lt3", "3_10", "10_20", "20_55", "gt55", "unknown"],
    },
    FeatureSpec {
        name: "functional",
        values: &with_unknown::<6, 7>(SYNDROMES),
    },
    FeatureSpec {
        name: "controlled",
        values: &["yes", "no", "unknown"],
    },
    FeatureSpec {
        name: "sstr",
        values: &["positive", "negative", "unknown"],
    },
    FeatureSpec {
        name: "progression",
        values: &with_unknown::<3, 4>(PROGRESSIONS),
    },
    FeatureSpec {
        name: "age",
        values: &["under_12", "12_17", "adult", "unknown"],
    },
    FeatureSpec {
        name: "gastric_type",
        values: &["1", "2", "3", "unknown"],
    },
    FeatureSpec {
        name: "hereditary",
        values: &with_unknown::<5, 6>(HEREDITARY),
    },
    FeatureSpec {
        name: "liver_dominant",
        values: &["yes", "no", "unknown"],
    },
    FeatureSpec {
        name: "lung_type",
        values: &["typical", "atypical", "other"],
    },
    FeatureSpec {
        name: "who_grade",
        values: &["G1", "G2", "G3", "unknown"],
    },
    // The answers as given, before they are combined: consistency checks read these.
    FeatureSpec {
        name: "differentiation",
        values: &with_unknown::<2, 3>(DIFFERENTIATIONS),
    },
    FeatureSpec {
        name: "grade",
        values: &with_unknown::<8, 9>(GRADES),
    },
    FeatureSpec {
        name: "stage_given",
        values: &with_unknown::<5, 6>(STAGES),
    },
    FeatureSpec {
        name: "gastric_type_given",
        values: &["1", "2", "3", "unknown"],
    },
];

pub const FEATURE_COUNT: usize = 22;

pub fn feature_index(name: &str) -> Option<usize> {
    FEATURES.iter().position(|f| f.name == name)
}

/// Feature values by `FEATURES` index, plus the two list-valued inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    pub values: [&'static str; FEATURE_COUNT],
    pub prior: Vec<&'static str>,
    pub risk: Vec<&'static str>,
}

impl Features {
    pub fn get(&self, name: &str) -> &'static str {
        feature_index(name)
            .map(|i| self.values[i])
            .unwrap_or("unknown")
    }
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    }
}

pub fn size_band(size: Option<f64>) -> &'static str {
    size.and_then(|s| band_of("size_cm", s))
        .unwrap_or("unknown")
}

/// Ki-67 bands of the profile schema (WHO cut-offs and the trial lines at 10 and 55).
pub fn ki67_band(ki67: Option<f64>) -> &'static str {
    ki67.and_then(|k| band_of("ki67", k)).unwrap_or("unknown")
}

pub fn age_band(age: Option<f64>) -> &'static str {
    age.and_then(|a| band_of("age_years", a))
        .unwrap_or("unknown")
}

/// The tumor class: carcinoma vs well-differentiated tumor, by WHO rules. Grade is the higher
/// of the stated grade and the Ki-67 grade.
pub fn tumor_class(p: &Profile) -> &'static str {
    if p.grade == Some("SCLC") {
        return "sclc";
    }
    if p.differentiation == Some("poor") || matches!(p.grade, Some("NEC" | "LCNEC")) {
        return "nec";
    }
    // Any other lung NET is a carcinoid: lung tumours are graded by mitoses and necrosis,
    // not by GEP Ki-67 grades (a report saying "G1" still means a carcinoid).
    let lung_grade = matches!(
        p.grade,
        Some("typical_carcinoid" | "atypical_carcinoid" | "G1" | "G2" | "G3")
    );
    // A lung tumor that is not a carcinoma and whose Ki-67 is not carcinoma-range is a
    // carcinoid even when the grade was set aside as doubtful.
    let low_ki67 = p.ki67.is_some_and(|k| k <= 20.0);
    if p.site == Some("lung") && (p.differentiation == Some("well") || lung_grade || low_ki67) {
        return "lung_carcinoid";
    }
    match who_grade(p) {
        Some("G1" | "G2") => "net_g1g2",
        // Ki-67 above 20% without a stated differentiation could be NET G3 or NEC.
        Some(_) if p.grade == Some("G3") || p.differentiation == Some("well") => "net_g3",
        _ => "unknown",
    }
}

/// WHO grade of a well-differentiated tumour: the higher of the stated grade and the grade
/// its Ki-67 implies (<3% G1, 3–20% G2, >20% G3).
pub fn who_grade(p: &Profile) -> Option<&'static str> {
    let stated = match p.grade {
        Some(g @ ("G1" | "G2" | "G3")) => Some(g),
        _ => None,
    };
    let by_ki67 = p.ki67.map(|k| {
        if k < 3.0 {
            "G1"
        } else if k <= 20.0 {
            "G2"
        } else {
            "G3"
        }
    });
    match (stated, by_ki67) {
        (Some(a), Some(b)) => Some(if b > a { b } else { a }),
        (a, b) => a.or(b),
    }
}

pub fn features(p: &Profile) -> Features {
    let stage = match p.stage {
        Some("localized") => "localized",
        Some("locoregional" | "limited_stage") => "locoregional",
        Some("metastatic" | "extensive_stage") => "metastatic",
        _ => "unknown",
    };
    let advanced = if stage == "metastatic" || p.resectable == Some(false) {
        "yes"
    } else {
        "no"
    };
    let gastric_type = match (p.site, p.gastric_type) {
        (Some("stomach"), Some(1)) => "1",
        (Some("stomach"), Some(2)) => "2",
        (Some("stomach"), Some(3)) => "3",
        _ => "unknown",
    };
    let lung_type = match p.grade {
        Some("typical_carcinoid") => "typical",
        Some("atypical_carcinoid") => "atypical",
        _ => "other",
    };
    let values = [
        tumor_class(p),
        p.site.unwrap_or("unknown"),
        stage,
        yes_no(p.resectable),
        advanced,
        size_band(p.size_cm),
        yes_no(p.size_cm.map(|s| s <= 1.0)),
        ki67_band(p.ki67),
        p.functional_syndrome.unwrap_or("unknown"),
        yes_no(p.symptoms_controlled),
        match p.sstr_positive {
            Some(true) => "positive",
            Some(false) => "negative",
            None => "unknown",
        },
        p.progression.unwrap_or("unknown"),
        age_band(p.age_years),
        gastric_type,
        p.hereditary_syndrome.unwrap_or("unknown"),
        yes_no(p.liver_dominant),
        lung_type,
        match tumor_class(p) {
            "net_g1g2" | "net_g3" => who_grade(p).unwrap_or("unknown"),
            _ => "unknown",
        },
        p.differentiation.unwrap_or("unknown"),
        p.grade.unwrap_or("unknown"),
        p.stage.unwrap_or("unknown"),
        match p.gastric_type {
            Some(1) => "1",
            Some(2) => "2",
            Some(3) => "3",
            _ => "unknown",
        },
    ];
    Features {
        values,
        prior: p.prior_therapies.clone(),
        risk: p.risk_features.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(
        site: &str,
        diff: Option<&'static str>,
        grade: Option<&'static str>,
        ki67: Option<f64>,
    ) -> Profile {
        Profile {
            site: super::super::profile::vocab(super::super::profile::SITES, site),
            differentiation: diff,
            grade,
            ki67,
            ..Default::default()
        }
    }

    #[test]
    fn classes_follow_who_rules() {
        assert_eq!(
            tumor_class(&profile("pancreas", Some("well"), Some("G1"), Some(2.0))),
            "net_g1g2"
        );
        // The higher of grade and Ki-67 wins.
        assert_eq!(
            tumor_class(&profile("pancreas", Some("well"), Some("G2"), Some(35.0))),
            "net_g3"
        );
        // Ki-67 > 20 does not by itself mean carcinoma.
        assert_eq!(
            tumor_class(&profile("pancreas", Some("well"), None, Some(35.0))),
            "net_g3"
        );
        assert_eq!(
            tumor_class(&profile("pancreas", None, None, Some(35.0))),
            "unknown"
        );
        assert_eq!(
            tumor_class(&profile("stomach", Some("poor"), Some("NEC"), Some(70.0))),
            "nec"
        );
        assert_eq!(
            tumor_class(&profile("stomach", None, Some("LCNEC"), None)),
            "nec"
        );
        assert_eq!(
            tumor_class(&profile(
                "lung",
                Some("well"),
                Some("atypical_carcinoid"),
                None
            )),
            "lung_carcinoid"
        );
        assert_eq!(
            tumor_class(&profile("lung", None, Some("SCLC"), None)),
            "sclc"
        );
        assert_eq!(
            tumor_class(&profile("rectum", None, Some("G1"), None)),
            "net_g1g2"
        );
    }
}
