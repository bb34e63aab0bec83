//! The reader's tumor profile (SPEC §5): the decision flow's input.
//!
//! Enumerated fields are `Option<&'static str>` holding a value from the field's vocabulary
//! (`None` = not known), which keeps parsing, the URL fragment and the question flow table-
//! driven instead of one hand-written enum per field.

use crate::kb::spec::OPTION_IDS;

/// One enumerated profile field: its JSON name and allowed values.
pub struct FieldSpec {
    pub name: &'static str,
    pub values: &'static [&'static str],
}

pub const SITES: &[&str] = &[
    "pancreas",
    "duodenum",
    "stomach",
    "small_intestine",
    "appendix",
    "colon",
    "rectum",
    "lung",
    "unknown_primary",
];

/// Enumerated fields in SPEC order (numbers, booleans and lists are handled separately).
pub const ENUM_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        name: "site",
        values: SITES,
    },
    FieldSpec {
        name: "differentiation",
        values: &["well", "poor"],
    },
    FieldSpec {
        name: "grade",
        values: &[
            "G1",
            "G2",
            "G3",
            "NEC",
            "typical_carcinoid",
            "atypical_carcinoid",
            "LCNEC",
            "SCLC",
        ],
    },
    FieldSpec {
        name: "stage",
        values: &[
            "localized",
            "locoregional",
            "metastatic",
            "limited_stage",
            "extensive_stage",
        ],
    },
    FieldSpec {
        name: "functional_syndrome",
        values: &[
            "none",
            "carcinoid_syndrome",
            "insulinoma",
            "gastrinoma",
            "vipoma",
            "glucagonoma",
        ],
    },
    FieldSpec {
        name: "progression",
        values: &["not_applicable", "stable", "progressive"],
    },
    FieldSpec {
        name: "hereditary_syndrome",
        values: &["none", "MEN1", "VHL", "NF1", "TSC"],
    },
];

pub const BOOL_FIELDS: &[&str] = &[
    "resectable",
    "symptoms_controlled",
    "sstr_positive",
    "liver_dominant",
];
pub const NUMBER_FIELDS: &[&str] = &["ki67", "size_cm", "age_years"];

/// The physical range of one number field (SPEC §5); `min_exclusive` means "above `min`".
pub struct NumberRange {
    pub name: &'static str,
    pub min: f64,
    pub min_exclusive: bool,
    pub max: f64,
}

/// One row per entry of `NUMBER_FIELDS`, in the same order. Both the strict JSON reader and
/// `Profile::set_number_field` (the widget's path) use this table.
pub const NUMBER_RANGES: &[NumberRange] = &[
    NumberRange {
        name: "ki67",
        min: 0.0,
        min_exclusive: false,
        max: 100.0,
    },
    NumberRange {
        name: "size_cm",
        min: 0.0,
        min_exclusive: true,
        max: 50.0,
    },
    NumberRange {
        name: "age_years",
        min: 0.0,
        min_exclusive: false,
        max: 120.0,
    },
];

impl NumberRange {
    /// True for a finite value inside the range.
    pub fn contains(&self, v: f64) -> bool {
        let above_min = if self.min_exclusive {
            v > self.min
        } else {
            v >= self.min
        };
        v.is_finite() && above_min && v <= self.max
    }

    /// The range in words: "0 to 100" or "above 0 and at most 50".
    pub fn text(&self) -> String {
        if self.min_exclusive {
            format!("above {} and at most {}", self.min, self.max)
        } else {
            format!("{} to {}", self.min, self.max)
        }
    }
}

pub fn number_range(name: &str) -> Option<&'static NumberRange> {
    NUMBER_RANGES.iter().find(|r| r.name == name)
}

/// Whether `v` is a physically possible value of number field `name` (false for other names).
pub fn number_in_range(name: &str, v: f64) -> bool {
    number_range(name).is_some_and(|r| r.contains(v))
}

/// The allowed range of number field `name` in words ("" for other names).
pub fn range_text(name: &str) -> String {
    number_range(name)
        .map(NumberRange::text)
        .unwrap_or_default()
}

pub const RISK_FEATURES: &[&str] = &[
    "lymphovascular_invasion",
    "mesoappendiceal_invasion",
    "positive_margin",
    "appendix_base",
    "muscularis_invasion",
    "node_positive",
];

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    pub site: Option<&'static str>,
    pub differentiation: Option<&'static str>,
    pub grade: Option<&'static str>,
    pub ki67: Option<f64>,
    pub stage: Option<&'static str>,
    pub resectable: Option<bool>,
    pub size_cm: Option<f64>,
    pub functional_syndrome: Option<&'static str>,
    pub symptoms_controlled: Option<bool>,
    pub sstr_positive: Option<bool>,
    pub progression: Option<&'static str>,
    pub prior_therapies: Vec<&'static str>,
    pub age_years: Option<f64>,
    pub gastric_type: Option<u8>,
    pub hereditary_syndrome: Option<&'static str>,
    pub liver_dominant: Option<bool>,
    pub risk_features: Vec<&'static str>,
}

/// Finds `value` in a vocabulary, returning the vocabulary's own `'static` string.
pub fn vocab(values: &'static [&'static str], value: &str) -> Option<&'static str> {
    values.iter().copied().find(|v| *v == value)
}

impl Profile {
    pub fn enum_field(&self, name: &str) -> Option<&'static str> {
        match name {
            "site" => self.site,
            "differentiation" => self.differentiation,
            "grade" => self.grade,
            "stage" => self.stage,
            "functional_syndrome" => self.functional_syndrome,
            "progression" => self.progression,
            "hereditary_syndrome" => self.hereditary_syndrome,
            _ => None,
        }
    }

    pub fn set_enum_field(&mut self, name: &str, value: Option<&'static str>) {
        match name {
            "site" => self.site = value,
            "differentiation" => self.differentiation = value,
            "grade" => self.grade = value,
            "stage" => self.stage = value,
            "functional_syndrome" => self.functional_syndrome = value,
            "progression" => self.progression = value,
            "hereditary_syndrome" => self.hereditary_syndrome = value,
            _ => {}
        }
    }

    pub fn bool_field(&self, name: &str) -> Option<bool> {
        match name {
            "resectable" => self.resectable,
            "symptoms_controlled" => self.symptoms_controlled,
            "sstr_positive" => self.sstr_positive,
            "liver_dominant" => self.liver_dominant,
            _ => None,
        }
    }

    pub fn set_bool_field(&mut self, name: &str, value: Option<bool>) {
        match name {
            "resectable" => self.resectable = value,
            "symptoms_controlled" => self.symptoms_controlled = value,
            "sstr_positive" => self.sstr_positive = value,
            "liver_dominant" => self.liver_dominant = value,
            _ => {}
        }
    }

    pub fn number_field(&self, name: &str) -> Option<f64> {
        match name {
            "ki67" => self.ki67,
            "size_cm" => self.size_cm,
            "age_years" => self.age_years,
            _ => None,
        }
    }

    pub fn set_number_field(&mut self, name: &str, value: Option<f64>) {
        // Values outside the physical range (NUMBER_RANGES) are not measurements: treat them
        // as unknown rather than fail, since the widget calls this with whatever was typed.
        let value = value.filter(|v| number_in_range(name, *v));
        match name {
            "ki67" => self.ki67 = value,
            "size_cm" => self.size_cm = value,
            "age_years" => self.age_years = value,
            _ => {}
        }
    }

    pub fn has_prior(&self, option: &str) -> bool {
        self.prior_therapies.contains(&option)
    }

    pub fn add_prior(&mut self, option: &str) -> bool {
        match vocab(&OPTION_IDS, option) {
            Some(id) if !self.prior_therapies.contains(&id) => {
                self.prior_therapies.push(id);
                true
            }
            Some(_) => true,
            None => false,
        }
    }

    pub fn add_risk(&mut self, feature: &str) -> bool {
        match vocab(RISK_FEATURES, feature) {
            Some(id) if !self.risk_features.contains(&id) => {
                self.risk_features.push(id);
                true
            }
            Some(_) => true,
            None => false,
        }
    }
}
