//! The "Tailor this to my situation" questions: one per profile field, in the order a
//! pathology report and scan reports are usually read. Every question also accepts
//! "I'm not sure" (no answer), which the flow turns into "what knowing it would change".

use super::profile::{vocab, Profile, ENUM_FIELDS, RISK_FEATURES};
use crate::kb::spec::OPTION_IDS;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Pick one choice (or "I'm not sure").
    One,
    /// Pick any number of choices.
    Many,
}

pub struct Question {
    /// The profile field it fills (SPEC §5 name).
    pub field: &'static str,
    pub text: &'static str,
    pub help: &'static str,
    pub kind: Kind,
    /// (value, plain label). Numbers are asked as ranges; see `band_value`.
    pub choices: &'static [(&'static str, &'static str)],
}

pub const QUESTIONS: &[Question] = &[
    Question {
        field: "site",
        text: "Where did the tumor start (the primary site)?",
        help: "Your scan or pathology report names the organ where the tumor began. If it has spread, this is still where it started.",
        kind: Kind::One,
        choices: &[
            ("pancreas", "Pancreas"),
            ("small_intestine", "Small intestine (small bowel, ileum or jejunum)"),
            ("appendix", "Appendix"),
            ("rectum", "Rectum"),
            ("colon", "Colon (large bowel, not the rectum)"),
            ("stomach", "Stomach"),
            ("duodenum", "Duodenum (first part of the small bowel)"),
            ("lung", "Lung"),
            ("unknown_primary", "Not found (unknown primary)"),
        ],
    },
    Question {
        field: "differentiation",
        text: "Does the pathology report call the tumor well or poorly differentiated?",
        help: "“Well differentiated” cells look fairly normal: this is a NET. “Poorly differentiated” means a faster-growing neuroendocrine carcinoma (NEC).",
        kind: Kind::One,
        choices: &[("well", "Well differentiated (NET)"), ("poor", "Poorly differentiated (carcinoma, NEC)")],
    },
    Question {
        field: "grade",
        text: "What grade or type does the report give?",
        help: "Look for “G1”, “G2” or “G3” near the Ki-67 result. Lung reports use “typical” or “atypical carcinoid”, “large cell” (LCNEC) or “small cell” (SCLC).",
        kind: Kind::One,
        choices: &[
            ("G1", "Grade 1 (G1)"),
            ("G2", "Grade 2 (G2)"),
            ("G3", "Grade 3 NET (G3, well differentiated)"),
            ("NEC", "Neuroendocrine carcinoma (NEC)"),
            ("typical_carcinoid", "Typical carcinoid (lung)"),
            ("atypical_carcinoid", "Atypical carcinoid (lung)"),
            ("LCNEC", "Large cell neuroendocrine carcinoma (LCNEC)"),
            ("SCLC", "Small cell lung cancer (SCLC)"),
        ],
    },
    Question {
        field: "ki67",
        text: "What is the Ki-67 index?",
        help: "Ki-67 is a percentage on the pathology report, often in the “immunohistochemistry” or “grade” part. It shows how many tumor cells are dividing.",
        kind: Kind::One,
        choices: &[
            ("lt3", "Less than 3%"),
            ("3_10", "3% to 9%"),
            ("10_20", "10% to 20%"),
            ("20_55", "21% to 55%"),
            ("gt55", "More than 55%"),
        ],
    },
    Question {
        field: "stage",
        text: "How far has it spread?",
        help: "Your scan reports or care team can tell you. “Locoregional” means nearby lymph nodes or tissue; “metastatic” means other organs such as the liver or bone.",
        kind: Kind::One,
        choices: &[
            ("localized", "Only where it started (localized)"),
            ("locoregional", "To nearby lymph nodes or tissue (locoregional)"),
            ("metastatic", "To other organs, such as the liver (metastatic)"),
            ("limited_stage", "Limited stage (small cell lung cancer)"),
            ("extensive_stage", "Extensive stage (small cell lung cancer)"),
        ],
    },
    Question {
        field: "resectable",
        text: "Has the team said surgery could remove all of the tumor?",
        help: "“Resectable” means surgeons think they can take out all the tumor they can see.",
        kind: Kind::One,
        choices: &[("yes", "Yes, it can be removed"), ("no", "No, it cannot all be removed")],
    },
    Question {
        field: "size_cm",
        text: "How big is the main tumor (its largest size)?",
        help: "Reports give the size in centimeters (cm) or millimeters (10 mm = 1 cm).",
        kind: Kind::One,
        choices: &[("lt1", "Smaller than 1 cm"), ("1_2", "1 to 2 cm"), ("gt2", "Larger than 2 cm")],
    },
    Question {
        field: "functional_syndrome",
        text: "Does the tumor make hormones that cause symptoms?",
        help: "For example flushing and diarrhea (carcinoid syndrome), low blood sugar (insulinoma), stomach ulcers (gastrinoma), watery diarrhea (VIPoma) or a rash with diabetes (glucagonoma).",
        kind: Kind::One,
        choices: &[
            ("none", "No hormone symptoms"),
            ("carcinoid_syndrome", "Carcinoid syndrome (flushing, diarrhea)"),
            ("insulinoma", "Insulinoma (low blood sugar)"),
            ("gastrinoma", "Gastrinoma (ulcers, Zollinger-Ellison syndrome)"),
            ("vipoma", "VIPoma (severe watery diarrhea)"),
            ("glucagonoma", "Glucagonoma (rash, diabetes)"),
        ],
    },
    Question {
        field: "symptoms_controlled",
        text: "Are the hormone symptoms controlled by the current treatment?",
        help: "For carcinoid syndrome, think about diarrhea and flushing while on your current medicine.",
        kind: Kind::One,
        choices: &[("yes", "Yes, mostly controlled"), ("no", "No, still troublesome")],
    },
    Question {
        field: "sstr_positive",
        text: "Did a somatostatin-receptor scan show the tumor?",
        help: "This is a DOTATATE or DOTATOC PET scan (or an older Octreoscan). “SSTR-positive” means the tumor lit up on it.",
        kind: Kind::One,
        choices: &[("yes", "Yes, it lit up (SSTR-positive)"), ("no", "No, it did not light up (SSTR-negative)")],
    },
    Question {
        field: "progression",
        text: "Is the tumor growing on recent scans?",
        help: "Compare the latest scan report with earlier ones, or ask your team whether it is “stable” or “progressing”.",
        kind: Kind::One,
        choices: &[
            ("progressive", "Yes, it is growing (progressive)"),
            ("stable", "No, it is stable"),
            ("not_applicable", "No scans yet to compare, or it was removed"),
        ],
    },
    Question {
        field: "prior_therapies",
        text: "Which treatments have you already had? (Choose all that apply.)",
        help: "Leave all unticked if you have not had treatment yet.",
        kind: Kind::Many,
        choices: &[
            ("surgery_curative", "Surgery to remove the tumor"),
            ("appendectomy_only", "Appendix removed (appendectomy)"),
            ("endoscopic_resection", "Removal through an endoscope"),
            ("ssa_octreotide", "Octreotide (Sandostatin)"),
            ("ssa_lanreotide", "Lanreotide (Somatuline)"),
            ("everolimus", "Everolimus (Afinitor)"),
            ("sunitinib", "Sunitinib (Sutent)"),
            ("prrt_lu177", "PRRT (Lutathera)"),
            ("captem", "CAPTEM or temozolomide chemotherapy"),
            ("streptozocin_chemo", "Streptozocin chemotherapy"),
            ("platinum_etoposide", "Cisplatin or carboplatin with etoposide"),
            ("chemo_immunotherapy_sclc", "Chemotherapy with atezolizumab or durvalumab"),
            ("folfiri", "FOLFIRI (irinotecan chemotherapy)"),
            ("cabozantinib", "Cabozantinib (Cabometyx)"),
            ("liver_directed", "Liver treatment (embolization or ablation)"),
            ("telotristat", "Telotristat (Xermelo)"),
        ],
    },
    Question {
        field: "age_years",
        text: "How old is the person with the tumor?",
        help: "Some medicines are approved only from a certain age.",
        kind: Kind::One,
        choices: &[("under_12", "Under 12"), ("12_17", "12 to 17"), ("adult", "18 or older")],
    },
    Question {
        field: "gastric_type",
        text: "Which type of stomach NET is it?",
        help: "Type 1 comes with long-term stomach inflammation (atrophic gastritis), type 2 with a gastrinoma, type 3 on its own. Type is not the same as grade.",
        kind: Kind::One,
        choices: &[("1", "Type 1"), ("2", "Type 2"), ("3", "Type 3")],
    },
    Question {
        field: "hereditary_syndrome",
        text: "Has an inherited condition been found?",
        help: "Some NETs run in families, for example with MEN1. “Not tested yet” counts as not sure.",
        kind: Kind::One,
        choices: &[
            ("none", "No inherited condition"),
            ("MEN1", "MEN1"),
            ("VHL", "Von Hippel-Lindau (VHL)"),
            ("NF1", "Neurofibromatosis type 1 (NF1)"),
            ("TSC", "Tuberous sclerosis (TSC)"),
        ],
    },
    Question {
        field: "liver_dominant",
        text: "Is the spread mainly in the liver?",
        help: "Some treatments aim only at tumors in the liver.",
        kind: Kind::One,
        choices: &[("yes", "Yes, mainly the liver"), ("no", "No, other places too")],
    },
    Question {
        field: "risk_features",
        text: "Does the pathology report mention any of these? (Choose all that apply.)",
        help: "These details help decide whether more surgery is needed after a small tumor is removed.",
        kind: Kind::Many,
        choices: &[
            ("positive_margin", "Tumor at the edge of what was removed (positive margin, R1)"),
            ("lymphovascular_invasion", "Tumor in small blood or lymph vessels (lymphovascular invasion)"),
            ("node_positive", "Tumor in lymph nodes (node-positive)"),
            ("muscularis_invasion", "Tumor in the muscle wall (muscularis propria)"),
            ("mesoappendiceal_invasion", "Tumor in the fat next to the appendix (mesoappendix)"),
            ("appendix_base", "Tumor at the base of the appendix"),
        ],
    },
];

/// Whether a question makes sense for the answers so far (e.g. gastric type only for the
/// stomach). Skipped questions stay unanswered.
pub fn applies(field: &str, p: &Profile) -> bool {
    match field {
        "ki67" => p.site != Some("lung") || p.grade.is_none(),
        "symptoms_controlled" => p.functional_syndrome.is_some_and(|f| f != "none"),
        "gastric_type" => p.site == Some("stomach") && p.differentiation != Some("poor"),
        "liver_dominant" => matches!(p.stage, Some("metastatic" | "extensive_stage")),
        "risk_features" => matches!(
            p.site,
            Some("appendix" | "rectum" | "stomach" | "duodenum" | "colon")
        ),
        _ => true,
    }
}

/// Whether a choice makes sense for the answers so far (lung names only for the lung, SCLC
/// stages only for small cell lung cancer).
pub fn choice_applies(field: &str, value: &str, p: &Profile) -> bool {
    let lung = p.site == Some("lung");
    match (field, value) {
        ("grade", "typical_carcinoid" | "atypical_carcinoid" | "SCLC") => lung || p.site.is_none(),
        ("grade", "G1" | "G2" | "G3") => !lung,
        ("stage", "limited_stage" | "extensive_stage") => p.grade == Some("SCLC"),
        // Islet-cell hormone syndromes come from the pancreas or duodenum (gastrinoma also
        // explains type 2 stomach NETs).
        ("functional_syndrome", "insulinoma" | "vipoma" | "glucagonoma") => {
            matches!(
                p.site,
                None | Some("pancreas" | "duodenum" | "unknown_primary")
            )
        }
        ("functional_syndrome", "gastrinoma") => {
            matches!(
                p.site,
                None | Some("pancreas" | "duodenum" | "stomach" | "unknown_primary")
            )
        }
        _ => true,
    }
}

pub fn question(field: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.field == field)
}

/// A representative number for a range answer, inside the range the rules use.
pub fn band_value(field: &str, band: &str) -> Option<f64> {
    Some(match (field, band) {
        ("ki67", "lt3") => 1.5,
        ("ki67", "3_10") => 5.0,
        ("ki67", "10_20") => 15.0,
        ("ki67", "20_55") => 35.0,
        ("ki67", "gt55") => 70.0,
        ("size_cm", "lt1") => 0.5,
        ("size_cm", "1_2") => 1.5,
        ("size_cm", "gt2") => 3.0,
        ("age_years", "under_12") => 10.0,
        ("age_years", "12_17") => 15.0,
        ("age_years", "adult") => 40.0,
        _ => return None,
    })
}

/// The current single answer to a question, as a choice value (None = not sure).
pub fn answer(p: &Profile, field: &str) -> Option<&'static str> {
    let yes_no = |b: Option<bool>| b.map(|b| if b { "yes" } else { "no" });
    match field {
        "resectable" | "symptoms_controlled" | "sstr_positive" | "liver_dominant" => {
            yes_no(p.bool_field(field))
        }
        "ki67" => p.ki67.map(|k| super::features::ki67_band(Some(k))),
        "size_cm" => p.size_cm.map(|s| super::features::size_band(Some(s))),
        "age_years" => p.age_years.map(|a| super::features::age_band(Some(a))),
        "gastric_type" => match p.gastric_type {
            Some(1) => Some("1"),
            Some(2) => Some("2"),
            Some(3) => Some("3"),
            _ => None,
        },
        _ => p.enum_field(field),
    }
}

/// Sets one answer (None = "I'm not sure"). Unknown values are ignored and return false.
pub fn set_answer(p: &mut Profile, field: &str, value: Option<&str>) -> bool {
    match field {
        "resectable" | "symptoms_controlled" | "sstr_positive" | "liver_dominant" => {
            let v = match value {
                None => None,
                Some("yes" | "true") => Some(true),
                Some("no" | "false") => Some(false),
                Some(_) => return false,
            };
            p.set_bool_field(field, v);
        }
        "ki67" | "size_cm" | "age_years" => {
            let v = match value {
                None => None,
                Some(v) => match band_value(field, v).or_else(|| parse_decimal(v)) {
                    Some(n) => Some(n),
                    None => return false,
                },
            };
            p.set_number_field(field, v);
        }
        "gastric_type" => {
            p.gastric_type = match value {
                None => None,
                Some("1") => Some(1),
                Some("2") => Some(2),
                Some("3") => Some(3),
                Some(_) => return false,
            };
        }
        "prior_therapies" | "risk_features" => return false,
        _ => {
            let Some(spec) = ENUM_FIELDS.iter().find(|s| s.name == field) else {
                return false;
            };
            match value {
                None => p.set_enum_field(field, None),
                Some(v) => match vocab(spec.values, v) {
                    Some(v) => p.set_enum_field(field, Some(v)),
                    None => return false,
                },
            }
        }
    }
    true
}

/// Toggles one item of a multi-choice question.
pub fn toggle(p: &mut Profile, field: &str, value: &str) {
    let list = match field {
        "prior_therapies" => (&mut p.prior_therapies, &OPTION_IDS[..]),
        "risk_features" => (&mut p.risk_features, RISK_FEATURES),
        _ => return,
    };
    let (items, vocabulary) = list;
    if let Some(pos) = items.iter().position(|v| *v == value) {
        items.remove(pos);
    } else if let Some(v) = vocab(vocabulary, value) {
        items.push(v);
    }
}

/// Plain label of an answer value, for summaries.
pub fn choice_label(field: &str, value: &str) -> &'static str {
    question(field)
        .and_then(|q| q.choices.iter().find(|(v, _)| *v == value))
        .map(|(_, l)| *l)
        .unwrap_or("")
}

/// Parses "12", "2.5" or "0.7" without the float parser (which would add size to the wasm).
pub fn parse_decimal(s: &str) -> Option<f64> {
    let s = s.trim();
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty() || int.len() > 6 || frac.len() > 4 {
        return None;
    }
    if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = |s: &str| s.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    let scale = 10u32.pow(frac.len() as u32);
    Some(f64::from(digits(int)) + f64::from(digits(frac)) / f64::from(scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_one_question() {
        let fields: Vec<&str> = QUESTIONS.iter().map(|q| q.field).collect();
        for f in [
            "site",
            "differentiation",
            "grade",
            "ki67",
            "stage",
            "resectable",
            "size_cm",
            "functional_syndrome",
            "symptoms_controlled",
            "sstr_positive",
            "progression",
            "prior_therapies",
            "age_years",
            "gastric_type",
            "hereditary_syndrome",
            "liver_dominant",
            "risk_features",
        ] {
            assert_eq!(fields.iter().filter(|x| **x == f).count(), 1, "{f}");
        }
    }

    #[test]
    fn answers_round_trip_and_bad_values_are_refused() {
        let mut p = Profile::default();
        for q in QUESTIONS.iter().filter(|q| q.kind == Kind::One) {
            for (value, _) in q.choices {
                assert!(
                    set_answer(&mut p, q.field, Some(value)),
                    "{} {}",
                    q.field,
                    value
                );
                assert_eq!(answer(&p, q.field), Some(*value), "{}", q.field);
            }
            assert!(set_answer(&mut p, q.field, None));
            assert_eq!(answer(&p, q.field), None);
            assert!(!set_answer(&mut p, q.field, Some("<bogus>")));
        }
    }

    #[test]
    fn decimals_parse_without_the_float_parser() {
        assert_eq!(parse_decimal("2.5"), Some(2.5));
        assert_eq!(parse_decimal("12"), Some(12.0));
        assert_eq!(parse_decimal(".7"), Some(0.7));
        assert_eq!(parse_decimal("-1"), None);
        assert_eq!(parse_decimal("1e9"), None);
        assert_eq!(parse_decimal(""), None);
    }
}
