//! Decision flow: the dev vignettes, the safety rules proved over the whole feature space,
//! the profile → feature mapping, and random whole profiles through `decide`.

mod common;
use common::Rng;
use net_guide::decide::evaluate::{decide_option, Outcome};
use net_guide::decide::features::{features, tumor_class, Features, FEATURES, FEATURE_COUNT};
use net_guide::decide::json::{decision_json, parse_profile};
use net_guide::decide::profile::{values, Profile, RISK_FEATURES, SITES};
use net_guide::decide::safety::{refractory_pancreatic_syndrome, NON_SSA_SYSTEMIC, SSAS};
use net_guide::decide::NoteKind;
use net_guide::decide::{decide, questions};
use net_guide::kb::spec::OPTION_IDS;
use net_guide::kb::{kb, Rule, RuleKind};
use serde_json::Value;
use std::path::Path;

fn dev_eval(name: &str) -> Value {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/dev-evals")
        .join(name);
    let local = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let text = std::fs::read_to_string(&shared)
        .or_else(|_| std::fs::read_to_string(&local))
        .expect("dev-evals file");
    serde_json::from_str(&text).expect("dev-evals JSON")
}

#[test]
fn every_dev_vignette_passes() {
    let data = dev_eval("dev-vignettes.json");
    let groups = data["option_groups"].as_object().unwrap();
    let covers = |ids: &[String], entry: &str| match groups.get(entry) {
        Some(Value::Array(members)) => members.iter().any(|m| ids.iter().any(|i| m == i)),
        _ => ids.iter().any(|i| i == entry),
    };
    let mut failures = Vec::new();
    for v in data["vignettes"].as_array().unwrap() {
        let profile =
            parse_profile(&v["profile"].to_string()).unwrap_or_else(|e| panic!("{}: {e}", v["id"]));
        let result = decision_json(&decide(&profile));
        let ids: Vec<String> = result["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_string())
            .collect();
        for must in v["must_include"].as_array().unwrap() {
            if !covers(&ids, must.as_str().unwrap()) {
                failures.push(format!("{}: missing {must} (got {ids:?})", v["id"]));
            }
        }
        for never in v["must_not_include"].as_array().unwrap() {
            if covers(&ids, never.as_str().unwrap()) {
                failures.push(format!(
                    "{}: must not include {never} (got {ids:?})",
                    v["id"]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------- exhaustive proof over the feature space ----------

/// Everything one option's decision can depend on: the features its rules and the safety
/// guard read, and the prior/risk ids they mention.
struct Space {
    features: Vec<usize>,
    prior: Vec<&'static str>,
    risk: Vec<&'static str>,
}

fn feature_idx(name: &str) -> usize {
    FEATURES.iter().position(|f| f.name == name).unwrap()
}

/// What one offer rule's outcome for `option` can depend on: the rule's own features, those
/// the option's exclusion rules read, and the features its safety limit reads.
fn space_for_rule(option: &str, rule: &'static Rule, limit_features: &[&str]) -> Space {
    let prior: &[&'static str] = match option {
        "cabozantinib" => NON_SSA_SYSTEMIC,
        "telotristat" => SSAS,
        _ => &[],
    };
    let exclusions = kb()
        .rules
        .iter()
        .filter(|r| r.option == option && r.kind == RuleKind::Exclude);
    space_from(
        std::iter::once(rule).chain(exclusions),
        limit_features,
        prior,
    )
}

/// Everything all of one option's rules read.
fn space_for(option: &str, extra_features: &[&str], extra_prior: &[&'static str]) -> Space {
    space_from(
        kb().rules.iter().filter(|r| r.option == option),
        extra_features,
        extra_prior,
    )
}

/// The features and prior/risk ids `rules` read, plus the extra ones given.
fn space_from(
    rules: impl Iterator<Item = &'static Rule>,
    names: &[&str],
    prior: &[&'static str],
) -> Space {
    let mut names: Vec<&str> = names.to_vec();
    let mut prior: Vec<&'static str> = prior.to_vec();
    let mut risk: Vec<&'static str> = Vec::new();
    for r in rules {
        names.extend(r.when().iter().map(|(f, _)| f));
        prior.extend(r.prior_any().iter().chain(r.prior_none().iter()));
        risk.extend(r.risk_any().iter().chain(r.risk_none().iter()));
    }
    let mut features: Vec<usize> = names.iter().map(|n| feature_idx(n)).collect();
    features.sort();
    features.dedup();
    prior.sort();
    prior.dedup();
    risk.sort();
    risk.dedup();
    Space {
        features,
        prior,
        risk,
    }
}

/// Calls `check` on every combination of the space's feature values and prior/risk subsets.
fn enumerate(space: &Space, check: impl FnMut(&Features)) -> usize {
    let values: Vec<Vec<&'static str>> = space
        .features
        .iter()
        .map(|&fi| FEATURES[fi].values.to_vec())
        .collect();
    enumerate_values(space, &values, check)
}

/// Like `enumerate`, with the values to try for each feature given.
fn enumerate_values(
    space: &Space,
    values: &[Vec<&'static str>],
    mut check: impl FnMut(&Features),
) -> usize {
    let mut f = Features {
        values: [""; FEATURE_COUNT],
        prior: Vec::new(),
        risk: Vec::new(),
    };
    for (i, spec) in FEATURES.iter().enumerate() {
        f.values[i] = *spec.values.last().unwrap(); // "unknown"/"other" for unread features
    }
    let mut count = 0;
    let mut digits = vec![0usize; space.features.len()];
    loop {
        for ((d, &fi), vals) in digits.iter().zip(&space.features).zip(values) {
            f.values[fi] = vals[*d];
        }
        for pmask in 0..(1u32 << space.prior.len()) {
            f.prior = space
                .prior
                .iter()
                .enumerate()
                .filter(|(i, _)| pmask >> i & 1 == 1)
                .map(|(_, p)| *p)
                .collect();
            for rmask in 0..(1u32 << space.risk.len()) {
                f.risk = space
                    .risk
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| rmask >> i & 1 == 1)
                    .map(|(_, r)| *r)
                    .collect();
                check(&f);
                count += 1;
            }
        }
        // Next combination (odometer).
        let mut k = 0;
        loop {
            if k == digits.len() {
                return count;
            }
            digits[k] += 1;
            if digits[k] < values[k].len() {
                break;
            }
            digits[k] = 0;
            k += 1;
        }
    }
}

fn offered(option: &str, f: &Features) -> bool {
    match decide_option(option, f) {
        Outcome::Offered(rule, cites) => {
            assert!(
                !rule.text.trim().is_empty(),
                "{option}: offered without a rationale"
            );
            assert!(!cites.is_empty(), "{option}: offered without a citation");
            true
        }
        Outcome::Guarded(reason) => {
            panic!("rules offered {option} against a safety limit ({reason}) for {f:?}")
        }
        _ => false,
    }
}

fn has_any(list: &[&str], of: &[&str]) -> bool {
    list.iter().any(|x| of.contains(x))
}

/// The options with a safety limit, and the features that limit (and the guard) read. For
/// each, every combination of those features and of every feature its rules read is tried;
/// the option's outcome depends on nothing else, so this covers the whole input space.
const LIMITED: [(&str, &[&str]); 9] = [
    ("prrt_lu177", &["sstr", "age", "class"]),
    (
        "sunitinib",
        &["site", "progression", "functional", "controlled"],
    ),
    (
        "everolimus",
        &["progression", "functional", "controlled", "site"],
    ),
    ("cabozantinib", &["progression", "age", "class"]),
    ("telotristat", &["functional", "controlled"]),
    ("ssa_octreotide", &["class"]),
    ("ssa_lanreotide", &["class"]),
    (
        "surveillance",
        &["class", "site", "functional", "progression"],
    ),
    ("platinum_etoposide", &["class"]),
];

#[test]
fn safety_rules_hold_over_the_whole_feature_space() {
    let mut total = 0;
    for (option, limit_features) in LIMITED {
        let started = total;
        // An option can only be offered where one of its offer rules matches and none of its
        // exclusions does. For each offer rule, every combination inside the rule's conditions
        // of every feature the rule, the exclusions or the safety limit read is tried; other
        // features cannot change whether this rule offers the option, so this covers them all.
        for rule in kb()
            .rules
            .iter()
            .filter(|r| r.option == option && r.kind == RuleKind::Offer)
        {
            let space = space_for_rule(option, rule, limit_features);
            assert!(
                space.prior.len() <= 12 && space.risk.len() <= 6,
                "{option}: space too large"
            );
            let values: Vec<Vec<&'static str>> = space
                .features
                .iter()
                .map(|&fi| {
                    let name = FEATURES[fi].name;
                    rule.when()
                        .iter()
                        .find(|(f, _)| *f == name)
                        .map(|(_, v)| v.iter().collect())
                        .unwrap_or_else(|| FEATURES[fi].values.to_vec())
                })
                .collect();
            total += enumerate_values(&space, &values, |f| {
                if !offered(option, f) {
                    return;
                }
                let carcinoma = matches!(f.get("class"), "nec" | "sclc");
                let progressive = f.get("progression") == "progressive";
                match option {
                    "prrt_lu177" => {
                        assert_ne!(
                            f.get("sstr"),
                            "negative",
                            "PRRT with a negative receptor scan: {f:?}"
                        );
                        assert_ne!(f.get("age"), "under_12", "PRRT under 12: {f:?}");
                        assert!(!carcinoma, "PRRT for carcinoma: {f:?}");
                    }
                    "sunitinib" => {
                        assert_eq!(
                            f.get("site"),
                            "pancreas",
                            "sunitinib outside the pancreas: {f:?}"
                        );
                        assert!(progressive || refractory_pancreatic_syndrome(f));
                    }
                    "everolimus" => assert!(
                        progressive || refractory_pancreatic_syndrome(f),
                        "everolimus for non-progressive disease: {f:?}"
                    ),
                    "cabozantinib" => {
                        assert!(
                            progressive,
                            "cabozantinib for non-progressive disease: {f:?}"
                        );
                        assert!(
                            has_any(&f.prior, &NON_SSA_SYSTEMIC[..NON_SSA_SYSTEMIC.len() - 1]),
                            "cabozantinib without prior non-SSA therapy: {f:?}"
                        );
                    }
                    "telotristat" => {
                        assert_eq!(f.get("functional"), "carcinoid_syndrome");
                        assert_eq!(f.get("controlled"), "no");
                        assert!(has_any(&f.prior, SSAS), "telotristat without an SSA: {f:?}");
                    }
                    "ssa_octreotide" | "ssa_lanreotide" => {
                        assert!(!carcinoma, "SSA for carcinoma: {f:?}")
                    }
                    "surveillance" => {
                        assert!(!carcinoma, "surveillance for carcinoma: {f:?}");
                        assert!(!progressive, "surveillance for progressive disease: {f:?}");
                        assert!(
                            !(f.get("site") == "pancreas" && f.get("functional") != "none"),
                            "surveillance for a (possibly) functional pancreatic tumor: {f:?}"
                        );
                    }
                    _ => {}
                }
            });
        }
        assert!(total > started, "{option}: no offer rule was checked");
    }
    assert!(total > 50_000, "enumerated only {total} cases");
    assert!(
        total < 3_000_000,
        "the enumeration grew to {total} cases; keep the test fast"
    );
}

#[test]
fn carcinoma_always_gets_platinum_etoposide_first_line() {
    let space = space_for(
        "platinum_etoposide",
        &["class"],
        &["platinum_etoposide", "chemo_immunotherapy_sclc"],
    );
    let n = enumerate(&space, |f| {
        let carcinoma = matches!(f.get("class"), "nec" | "sclc");
        let treated = has_any(
            &f.prior,
            &["platinum_etoposide", "chemo_immunotherapy_sclc"],
        );
        if carcinoma && !treated {
            assert!(
                offered("platinum_etoposide", f),
                "carcinoma without platinum-etoposide: {f:?}"
            );
        }
    });
    assert!(n >= 24, "only {n} cases");
}

#[test]
fn profile_to_class_mapping_is_exhaustively_right() {
    let grades = values("grade");
    for site in SITES.iter().map(|s| Some(*s)).chain([None]) {
        for diff in [Some("well"), Some("poor"), None] {
            for grade in grades.iter().map(|g| Some(*g)).chain([None]) {
                for ki67 in [
                    None,
                    Some(0.5),
                    Some(2.99),
                    Some(3.0),
                    Some(9.9),
                    Some(10.0),
                    Some(20.0),
                    Some(20.1),
                    Some(55.0),
                    Some(80.0),
                ] {
                    let p = Profile {
                        site,
                        differentiation: diff,
                        grade,
                        ki67,
                        ..Default::default()
                    };
                    let class = tumor_class(&p);
                    let poorly =
                        diff == Some("poor") || matches!(grade, Some("NEC" | "LCNEC" | "SCLC"));
                    assert_eq!(poorly, matches!(class, "nec" | "sclc"), "{p:?} -> {class}");
                    if site == Some("lung") && !poorly && (diff == Some("well") || grade.is_some())
                    {
                        assert_eq!(class, "lung_carcinoid", "{p:?}");
                    }
                    if class == "net_g1g2" {
                        assert!(ki67.is_none_or(|k| k <= 20.0), "{p:?}");
                        assert_ne!(grade, Some("G3"));
                    }
                    if matches!(grade, Some("G3")) && !poorly && site != Some("lung") {
                        assert_eq!(class, "net_g3", "{p:?}");
                    }
                }
            }
        }
    }
}

// ---------- whole profiles ----------

fn random_profile(rng: &mut Rng) -> Profile {
    let e = values;
    let mut p = Profile {
        site: Some(rng.pick(SITES)),
        differentiation: rng.maybe(e("differentiation"), 5),
        grade: rng.maybe(e("grade"), 5),
        ki67: rng.maybe(
            &[0.5, 2.0, 3.0, 7.0, 10.0, 15.0, 20.0, 25.0, 55.0, 60.0, 90.0],
            5,
        ),
        stage: rng.maybe(e("stage"), 5),
        resectable: rng.maybe(&[true, false], 5),
        size_cm: rng.maybe(&[0.4, 0.99, 1.0, 1.5, 2.0, 2.01, 4.0], 5),
        functional_syndrome: rng.maybe(e("functional_syndrome"), 5),
        symptoms_controlled: rng.maybe(&[true, false], 5),
        sstr_positive: rng.maybe(&[true, false], 5),
        progression: rng.maybe(e("progression"), 5),
        age_years: rng.maybe(&[5.0, 11.9, 12.0, 15.0, 30.0, 80.0], 5),
        gastric_type: rng.maybe(&[1, 2, 3], 5),
        hereditary_syndrome: rng.maybe(e("hereditary_syndrome"), 5),
        liver_dominant: rng.maybe(&[true, false], 5),
        ..Default::default()
    };
    for id in OPTION_IDS {
        if rng.next() % 6 == 0 {
            p.prior_therapies.push(id);
        }
    }
    for r in RISK_FEATURES {
        if rng.next() % 6 == 0 {
            p.risk_features.push(r);
        }
    }
    p
}

#[test]
fn random_whole_profiles_respect_every_safety_rule() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for _ in 0..6000 {
        let p = random_profile(&mut rng);
        let d = decide(&p);
        let ids = d.offered_ids();
        let has = |id: &str| ids.contains(&id);
        assert!(
            !ids.is_empty() || d.has_note(NoteKind::Specialist),
            "{p:?}: nothing and no note"
        );
        for o in &d.options {
            assert!(
                !o.rationale.is_empty() && !o.cites.is_empty(),
                "{p:?}: {} lacks reason or source",
                o.id
            );
        }
        if has("prrt_lu177") {
            assert_ne!(p.sstr_positive, Some(false), "{p:?}");
            assert!(p.age_years.is_none_or(|a| a >= 12.0), "{p:?}");
        }
        if has("sunitinib") {
            assert_eq!(p.site, Some("pancreas"), "{p:?}");
        }
        let refractory_pancreatic = matches!(p.site, Some("pancreas" | "duodenum"))
            && matches!(
                p.functional_syndrome,
                Some("insulinoma" | "gastrinoma" | "vipoma" | "glucagonoma")
            )
            && p.symptoms_controlled == Some(false);
        for id in ["everolimus", "sunitinib", "cabozantinib"] {
            if has(id) && !(refractory_pancreatic && id != "cabozantinib") {
                assert_eq!(p.progression, Some("progressive"), "{p:?} {id}");
            }
        }
        if has("cabozantinib") {
            assert!(
                p.prior_therapies
                    .iter()
                    .any(|x| NON_SSA_SYSTEMIC[..NON_SSA_SYSTEMIC.len() - 1].contains(x)),
                "{p:?}"
            );
        }
        if has("telotristat") {
            assert_eq!(p.functional_syndrome, Some("carcinoid_syndrome"));
            assert_eq!(p.symptoms_controlled, Some(false));
            assert!(p.prior_therapies.iter().any(|x| SSAS.contains(x)), "{p:?}");
        }
        let poorly =
            p.differentiation == Some("poor") || matches!(p.grade, Some("NEC" | "LCNEC" | "SCLC"));
        if poorly {
            assert!(!has("ssa_octreotide") && !has("ssa_lanreotide"), "{p:?}");
        }
        // Answers that contradict each other are decided per reading (tests/decide_patterns.rs).
        if poorly && !d.has_note(NoteKind::Contradiction) {
            let treated = p
                .prior_therapies
                .iter()
                .any(|x| matches!(*x, "platinum_etoposide" | "chemo_immunotherapy_sclc"));
            if !treated {
                assert!(has("platinum_etoposide"), "{p:?}");
            }
            // Evidence from adults only: a child or teen sees it with the specialist caveat.
            let child = p.age_years.is_some_and(|a| a < 18.0);
            if !treated && child {
                let chemo = d.options.iter().find(|o| o.id == "platinum_etoposide");
                assert!(
                    chemo.is_some_and(|o| o.rationale.contains("children's cancer team")),
                    "{p:?}"
                );
            }
        }
        if has("surveillance") {
            assert!(!poorly && p.progression != Some("progressive"), "{p:?}");
            assert!(
                !(p.site == Some("pancreas") && p.functional_syndrome != Some("none")),
                "{p:?}"
            );
        }
    }
}

#[test]
fn unknown_answers_say_what_knowing_them_would_change() {
    let p = parse_profile(r#"{"site":"small_intestine","differentiation":"well","grade":"G1","stage":"metastatic","resectable":false,"functional_syndrome":"none","progression":"progressive","prior_therapies":["ssa_lanreotide"]}"#).unwrap();
    let d = decide(&p);
    let sstr_note = d
        .notes
        .iter()
        .find(|n| n.text.contains("receptor (SSTR) scan"))
        .expect("note about the SSTR scan");
    assert!(sstr_note.text.contains("PRRT"), "{}", sstr_note.text);
    // PRRT is not offered without a scan, and the reason says so.
    assert!(!d.offers("prrt_lu177"));
    assert!(d
        .excluded
        .iter()
        .any(|e| e.id == "prrt_lu177" && e.reason.contains("scan")));
}

#[test]
fn json_errors_name_the_problem() {
    let cases = [
        (
            r#"{"site":"pancreas","favourite_colour":"blue"}"#,
            "unknown field `favourite_colour`",
        ),
        (
            r#"{"site":"liver"}"#,
            "field `site` has unknown value \"liver\"",
        ),
        (
            r#"{"site":"pancreas","ki67":"high"}"#,
            "field `ki67` must be a number",
        ),
        (
            r#"{"site":"pancreas","resectable":"yes"}"#,
            "field `resectable` must be true, false or null",
        ),
        (
            r#"{"site":"pancreas","prior_therapies":["magic"]}"#,
            "unknown value \"magic\"",
        ),
        (r#"{"site":"pancreas","gastric_type":4}"#, "gastric_type"),
        (r#"{"grade":"G1"}"#, "field `site` is required"),
        (r#"[1,2]"#, "must be a JSON object"),
        (r#"{"site":"pancreas""#, "malformed JSON"),
    ];
    for (input, expected) in cases {
        let err = parse_profile(input).expect_err(input);
        assert!(err.contains(expected), "{input}: {err}");
    }
}

#[test]
fn every_question_answer_maps_into_the_feature_space() {
    for q in questions::questions()
        .iter()
        .filter(|q| q.kind == questions::Kind::One)
    {
        for (value, _) in q.choices {
            let mut p = Profile {
                site: Some("pancreas"),
                ..Default::default()
            };
            assert!(questions::set_answer(&mut p, q.field, Some(value)));
            let f = features(&p);
            for (i, spec) in FEATURES.iter().enumerate() {
                assert!(
                    spec.values.contains(&f.values[i]),
                    "{}={value} gives {}={}",
                    q.field,
                    spec.name,
                    f.values[i]
                );
            }
        }
    }
}

/// Boundary cases where the sources hedge: the flow keeps its options and says why to ask.
#[test]
fn guideline_boundaries_are_raised_as_notes_without_changing_options() {
    let note_with = |json: &str, needle: &str| {
        let d = decide(&parse_profile(json).unwrap());
        let found = d.notes.iter().any(|n| n.text.contains(needle));
        (d, found)
    };
    // Small fully removed appendix NET, grade 2 with mesoappendiceal invasion.
    let (d, grade_note) = note_with(
        r#"{"site":"appendix","differentiation":"well","grade":"G2","ki67":5,"stage":"localized","size_cm":0.8,"resectable":true,"risk_features":["mesoappendiceal_invasion"]}"#,
        "Grade 2 is one reason",
    );
    assert!(grade_note && d.offers("appendectomy_only") && !d.offers("right_hemicolectomy"));
    assert!(d
        .notes
        .iter()
        .any(|n| n.text.contains("fat beside the appendix")));
    // A grade 1 tumor of the same size gets neither note.
    let (_, g1_note) = note_with(
        r#"{"site":"appendix","differentiation":"well","grade":"G1","ki67":1,"stage":"localized","size_cm":0.8,"resectable":true,"risk_features":[]}"#,
        "Grade 2 is one reason",
    );
    assert!(!g1_note);
    // Type 3 stomach NET of exactly 1 cm: the endoscopic limit is "1 cm or less", so
    // endoscopic removal is offered beside surgery; at 1.5 cm it is not.
    let stomach = |size: f64| {
        decide(&parse_profile(&format!(
            r#"{{"site":"stomach","differentiation":"well","grade":"G1","ki67":2,"stage":"localized","size_cm":{size},"resectable":true,"gastric_type":3}}"#
        ))
        .unwrap())
    };
    let d = stomach(1.0);
    assert!(d.offers("endoscopic_resection") && d.offers("surgery_curative"));
    assert!(!stomach(1.5).offers("endoscopic_resection"));
    // A gastrinoma contradicts a type 3 stomach NET: flagged, and not offered as a what-if.
    let (d, contradiction) = note_with(
        r#"{"site":"stomach","differentiation":"well","grade":"G1","ki67":2,"stage":"localized","size_cm":1.5,"resectable":true,"gastric_type":3,"functional_syndrome":"gastrinoma"}"#,
        "makes a stomach NET type 2",
    );
    assert!(contradiction, "{:?}", d.notes);
    let (_, what_if) = note_with(
        r#"{"site":"stomach","differentiation":"well","grade":"G1","ki67":2,"stage":"localized","size_cm":1.5,"resectable":true,"gastric_type":3}"#,
        "Gastrinoma",
    );
    assert!(!what_if);
}
