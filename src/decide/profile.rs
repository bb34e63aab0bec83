//! The reader's tumor profile (SPEC §5): the decision flow's input, and the one schema of its
//! fields. `FIELDS` says, once, each field's name, its short key in a share link, what kind
//! of answer it takes (allowed values, or a physical range and the bands the questions and
//! rules use). The strict JSON reader, the questions, the share link, the rule features and
//! `net-guide check` all read it; the wording of each question (label, help, what-if name)
//! is content, in content/questions.toml under the same field name.

use crate::kb::spec::OPTION_IDS;

/// The physical range of a number field (SPEC §5); `min_exclusive` means "above `min`".
pub struct Range {
    pub min: f64,
    pub min_exclusive: bool,
    pub max: f64,
}

impl Range {
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

/// A band of a number field at the cut-offs the rules use (WHO grading, trial limits, size
/// thresholds, label ages). The question asks for a band; a typed number falls in one.
pub struct Band {
    pub id: &'static str,
    /// Values below `upper` (or up to and including it when `inclusive`) fall in this band.
    pub upper: f64,
    pub inclusive: bool,
    /// The number that stands for the band when a reader picks the band itself.
    pub typical: f64,
}

/// What kind of answer a field takes.
pub enum Kind {
    /// One word of a list.
    Choice(&'static [&'static str]),
    /// Yes or no (true or false in JSON).
    YesNo,
    /// A measurement within its physical range, asked as bands.
    Number(Range, &'static [Band]),
    /// The stomach NET type: a whole number 1–3 in JSON, its digit elsewhere.
    Type(&'static [&'static str]),
    /// Any number of words of a list.
    List(&'static [&'static str]),
}

pub struct Field {
    /// SPEC §5 name (JSON key; an attribute name with `_` written `-`).
    pub name: &'static str,
    /// Key in a share link (`#net-guide:site=pancreas;ki67=lt3`), kept short for reading.
    pub key: &'static str,
    pub kind: Kind,
}

pub const SITE_LIST: [&str; 9] = [
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
pub const SITES: &[&str] = &SITE_LIST;
pub const DIFFERENTIATIONS: [&str; 2] = ["well", "poor"];
pub const GRADES: [&str; 8] = [
    "G1",
    "G2",
    "G3",
    "NEC",
    "typical_carcinoid",
    "atypical_carcinoid",
    "LCNEC",
    "SCLC",
];
pub const STAGES: [&str; 5] = [
    "localized",
    "locoregional",
    "metastatic",
    "limited_stage",
    "extensive_stage",
];
pub const SYNDROMES: [&str; 6] = [
    "none",
    "carcinoid_syndrome",
    "insulinoma",
    "gastrinoma",
    "vipoma",
    "glucagonoma",
];
pub const PROGRESSIONS: [&str; 3] = ["not_applicable", "stable", "progressive"];
pub const HEREDITARY: [&str; 5] = ["none", "MEN1", "VHL", "NF1", "TSC"];

/// A field's words plus "unknown", for the rule features that mirror it (the arrays are
/// spelled once, here; `M` must be one more than `N`).
pub const fn with_unknown<const N: usize, const M: usize>(
    values: [&'static str; N],
) -> [&'static str; M] {
    let mut out = ["unknown"; M];
    let mut i = 0;
    while i < N {
        out[i] = values[i];
        i += 1;
    }
    out
}

pub const RISK_FEATURES: &[&str] = &[
    "lymphovascular_invasion",
    "mesoappendiceal_invasion",
    "positive_margin",
    "appendix_base",
    "muscularis_invasion",
    "node_positive",
];

const fn band(id: &'static str, upper: f64, inclusive: bool, typical: f64) -> Band {
    Band {
        id,
        upper,
        inclusive,
        typical,
    }
}

/// Every field of SPEC §5, in SPEC order.
pub const FIELDS: &[Field] = &[
    Field {
        name: "site",
        key: "site",
        kind: Kind::Choice(SITES),
    },
    Field {
        name: "differentiation",
        key: "diff",
        kind: Kind::Choice(&DIFFERENTIATIONS),
    },
    Field {
        name: "grade",
        key: "grade",
        kind: Kind::Choice(&GRADES),
    },
    // WHO 2019 GEP cut-offs (<3, 3–20, >20) plus the trial lines at 10 (CLARINET, NETTER-2)
    // and 55 (NETTER-2 upper limit).
    Field {
        name: "ki67",
        key: "ki67",
        kind: Kind::Number(
            Range {
                min: 0.0,
                min_exclusive: false,
                max: 100.0,
            },
            &[
                band("lt3", 3.0, false, 1.5),
                band("3_10", 10.0, false, 5.0),
                band("10_20", 20.0, true, 15.0),
                band("20_55", 55.0, true, 35.0),
                band("gt55", 100.0, true, 70.0),
            ],
        ),
    },
    Field {
        name: "stage",
        key: "stage",
        kind: Kind::Choice(&STAGES),
    },
    Field {
        name: "resectable",
        key: "resectable",
        kind: Kind::YesNo,
    },
    // Site guidance thresholds: under 1 cm, 1–2 cm, over 2 cm.
    Field {
        name: "size_cm",
        key: "size",
        kind: Kind::Number(
            Range {
                min: 0.0,
                min_exclusive: true,
                max: 50.0,
            },
            &[
                band("lt1", 1.0, false, 0.5),
                band("1_2", 2.0, true, 1.5),
                band("gt2", 50.0, true, 3.0),
            ],
        ),
    },
    Field {
        name: "functional_syndrome",
        key: "hormones",
        kind: Kind::Choice(&SYNDROMES),
    },
    Field {
        name: "symptoms_controlled",
        key: "controlled",
        kind: Kind::YesNo,
    },
    Field {
        name: "sstr_positive",
        key: "sstr",
        kind: Kind::YesNo,
    },
    Field {
        name: "progression",
        key: "progression",
        kind: Kind::Choice(&PROGRESSIONS),
    },
    Field {
        name: "prior_therapies",
        key: "prior",
        kind: Kind::List(&OPTION_IDS),
    },
    // Label ages: Lutathera and cabozantinib from 12, most others adults.
    Field {
        name: "age_years",
        key: "age",
        kind: Kind::Number(
            Range {
                min: 0.0,
                min_exclusive: false,
                max: 120.0,
            },
            &[
                band("under_12", 12.0, false, 10.0),
                band("12_17", 18.0, false, 15.0),
                band("adult", 120.0, true, 40.0),
            ],
        ),
    },
    Field {
        name: "gastric_type",
        key: "gastric_type",
        kind: Kind::Type(&["1", "2", "3"]),
    },
    Field {
        name: "hereditary_syndrome",
        key: "hereditary",
        kind: Kind::Choice(&HEREDITARY),
    },
    Field {
        name: "liver_dominant",
        key: "liver_dominant",
        kind: Kind::YesNo,
    },
    Field {
        name: "risk_features",
        key: "risk",
        kind: Kind::List(RISK_FEATURES),
    },
];

/// The field named `name` (its SPEC name or its share-link key).
pub fn field(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name || f.key == name)
}

/// The words a choice or list field accepts (empty for other fields).
pub fn values(name: &str) -> &'static [&'static str] {
    match field(name).map(|f| &f.kind) {
        Some(Kind::Choice(v) | Kind::Type(v) | Kind::List(v)) => v,
        _ => &[],
    }
}

/// The band id a number falls in (`None` for a number outside the field's range).
pub fn band_of(name: &str, v: f64) -> Option<&'static str> {
    let Some(Kind::Number(range, bands)) = field(name).map(|f| &f.kind) else {
        return None;
    };
    if !range.contains(v) {
        return None;
    }
    bands
        .iter()
        .find(|b| {
            if b.inclusive {
                v <= b.upper
            } else {
                v < b.upper
            }
        })
        .map(|b| b.id)
}

/// The number that stands for a band of a number field.
pub fn band_value(name: &str, band: &str) -> Option<f64> {
    match field(name).map(|f| &f.kind) {
        Some(Kind::Number(_, bands)) => bands.iter().find(|b| b.id == band).map(|b| b.typical),
        _ => None,
    }
}

/// One stored answer of a single-answer field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Answer {
    Word(&'static str),
    Flag(bool),
    Number(f64),
}

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

/// Where each field is stored: the only place field names meet the struct.
impl Profile {
    /// The answer to a single-answer field (`None` = not known, or a list field).
    pub fn get(&self, name: &str) -> Option<Answer> {
        use Answer::*;
        match name {
            "site" => self.site.map(Word),
            "differentiation" => self.differentiation.map(Word),
            "grade" => self.grade.map(Word),
            "ki67" => self.ki67.map(Number),
            "stage" => self.stage.map(Word),
            "resectable" => self.resectable.map(Flag),
            "size_cm" => self.size_cm.map(Number),
            "functional_syndrome" => self.functional_syndrome.map(Word),
            "symptoms_controlled" => self.symptoms_controlled.map(Flag),
            "sstr_positive" => self.sstr_positive.map(Flag),
            "progression" => self.progression.map(Word),
            "age_years" => self.age_years.map(Number),
            "gastric_type" => self
                .gastric_type
                .and_then(|t| values("gastric_type").get(usize::from(t).wrapping_sub(1)))
                .map(|t| Word(t)),
            "hereditary_syndrome" => self.hereditary_syndrome.map(Word),
            "liver_dominant" => self.liver_dominant.map(Flag),
            _ => None,
        }
    }

    /// Sets (or clears, with `None`) a single-answer field. A word outside the field's list,
    /// a number outside its physical range or an answer of the wrong kind is refused (false)
    /// and changes nothing: the widget calls this with whatever a link or a host supplied.
    pub fn set(&mut self, name: &str, answer: Option<Answer>) -> bool {
        let Some(field) = field(name).filter(|f| f.name == name) else {
            return false;
        };
        let word = |a: Option<Answer>| match (a, &field.kind) {
            (None, _) => Some(None),
            (Some(Answer::Word(w)), Kind::Choice(v) | Kind::Type(v)) => vocab(v, w).map(Some),
            _ => None,
        };
        let flag = |a: Option<Answer>| match a {
            None => Some(None),
            Some(Answer::Flag(b)) => Some(Some(b)),
            _ => None,
        };
        let number = |a: Option<Answer>| match (a, &field.kind) {
            (None, _) => Some(None),
            (Some(Answer::Number(n)), Kind::Number(range, _)) if range.contains(n) => Some(Some(n)),
            _ => None,
        };
        let stored = match name {
            "site" => word(answer).map(|v| self.site = v),
            "differentiation" => word(answer).map(|v| self.differentiation = v),
            "grade" => word(answer).map(|v| self.grade = v),
            "ki67" => number(answer).map(|v| self.ki67 = v),
            "stage" => word(answer).map(|v| self.stage = v),
            "resectable" => flag(answer).map(|v| self.resectable = v),
            "size_cm" => number(answer).map(|v| self.size_cm = v),
            "functional_syndrome" => word(answer).map(|v| self.functional_syndrome = v),
            "symptoms_controlled" => flag(answer).map(|v| self.symptoms_controlled = v),
            "sstr_positive" => flag(answer).map(|v| self.sstr_positive = v),
            "progression" => word(answer).map(|v| self.progression = v),
            "age_years" => number(answer).map(|v| self.age_years = v),
            "gastric_type" => word(answer).map(|v| {
                let types = values("gastric_type");
                self.gastric_type = v
                    .and_then(|t| types.iter().position(|x| *x == t))
                    .map(|i| i as u8 + 1);
            }),
            "hereditary_syndrome" => word(answer).map(|v| self.hereditary_syndrome = v),
            "liver_dominant" => flag(answer).map(|v| self.liver_dominant = v),
            _ => None,
        };
        stored.is_some()
    }

    /// The items of a list field (empty for other fields).
    pub fn list(&self, name: &str) -> &[&'static str] {
        match name {
            "prior_therapies" => &self.prior_therapies,
            "risk_features" => &self.risk_features,
            _ => &[],
        }
    }

    fn list_mut(&mut self, name: &str) -> Option<&mut Vec<&'static str>> {
        match name {
            "prior_therapies" => Some(&mut self.prior_therapies),
            "risk_features" => Some(&mut self.risk_features),
            _ => None,
        }
    }

    /// Adds an item to a list field once; false for a word the list does not accept.
    pub fn add_item(&mut self, name: &str, item: &str) -> bool {
        let Some(item) = vocab(values(name), item) else {
            return false;
        };
        match self.list_mut(name) {
            Some(list) => {
                if !list.contains(&item) {
                    list.push(item);
                }
                true
            }
            None => false,
        }
    }

    /// Ticks or unticks an item of a list field.
    pub fn toggle_item(&mut self, name: &str, item: &str) {
        let Some(list) = self.list_mut(name) else {
            return;
        };
        match list.iter().position(|v| *v == item) {
            Some(pos) => {
                list.remove(pos);
            }
            None => {
                let _ = self.add_item(name, item);
            }
        }
    }

    pub fn has_prior(&self, option: &str) -> bool {
        self.prior_therapies.contains(&option)
    }

    pub fn add_prior(&mut self, option: &str) -> bool {
        self.add_item("prior_therapies", option)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_stored_and_read_back_through_the_schema() {
        for f in FIELDS {
            let mut p = Profile::default();
            match &f.kind {
                Kind::Choice(values) | Kind::Type(values) => {
                    for v in *values {
                        assert!(p.set(f.name, Some(Answer::Word(v))), "{}", f.name);
                        assert_eq!(p.get(f.name), Some(Answer::Word(v)), "{}", f.name);
                    }
                    assert!(!p.set(f.name, Some(Answer::Word("nonsense"))));
                }
                Kind::YesNo => {
                    assert!(p.set(f.name, Some(Answer::Flag(true))));
                    assert_eq!(p.get(f.name), Some(Answer::Flag(true)));
                }
                Kind::Number(range, bands) => {
                    for b in *bands {
                        assert!(range.contains(b.typical), "{} {}", f.name, b.id);
                        assert_eq!(band_of(f.name, b.typical), Some(b.id), "{}", f.name);
                        assert!(p.set(f.name, Some(Answer::Number(b.typical))));
                        assert_eq!(p.get(f.name), Some(Answer::Number(b.typical)));
                    }
                    // Out of range: refused, and the stored answer is unchanged.
                    assert!(!p.set(f.name, Some(Answer::Number(range.max + 1.0))));
                    assert!(!p.set(f.name, Some(Answer::Number(f64::NAN))));
                    assert!(p.get(f.name).is_some());
                }
                Kind::List(values) => {
                    assert!(p.add_item(f.name, values[0]));
                    assert!(p.add_item(f.name, values[0]));
                    assert_eq!(p.list(f.name), &values[..1]);
                    assert!(!p.add_item(f.name, "nonsense"));
                    p.toggle_item(f.name, values[0]);
                    assert!(p.list(f.name).is_empty());
                }
            }
            if !matches!(f.kind, Kind::List(_)) {
                assert!(p.set(f.name, None));
                assert_eq!(p.get(f.name), None, "{}", f.name);
            }
        }
    }

    #[test]
    fn bands_use_the_published_cut_offs() {
        assert_eq!(band_of("ki67", 2.9), Some("lt3"));
        assert_eq!(band_of("ki67", 3.0), Some("3_10"));
        assert_eq!(band_of("ki67", 10.0), Some("10_20"));
        assert_eq!(band_of("ki67", 20.0), Some("10_20"));
        assert_eq!(band_of("ki67", 20.5), Some("20_55"));
        assert_eq!(band_of("ki67", 55.0), Some("20_55"));
        assert_eq!(band_of("ki67", 56.0), Some("gt55"));
        assert_eq!(band_of("ki67", 100.0), Some("gt55"));
        assert_eq!(band_of("size_cm", 0.99), Some("lt1"));
        assert_eq!(band_of("size_cm", 2.0), Some("1_2"));
        assert_eq!(band_of("size_cm", 2.01), Some("gt2"));
        assert_eq!(band_of("age_years", 11.9), Some("under_12"));
        assert_eq!(band_of("age_years", 12.0), Some("12_17"));
        assert_eq!(band_of("age_years", 18.0), Some("adult"));
        assert_eq!(band_of("size_cm", 0.0), None);
    }
}
