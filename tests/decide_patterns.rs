//! The decision flow's second pass, pattern by pattern (issue 8): a table of representative
//! profiles written from the guidelines in net-facts.md, and properties checked over many
//! generated profiles. Each test names the pattern it guards.

mod common;
use common::Rng;
use net_guide::decide::consistency::contradictions;
use net_guide::decide::evaluate::offered as offered_for;
use net_guide::decide::features::features;
use net_guide::decide::json::parse_profile;
use net_guide::decide::profile::{values, Profile, RISK_FEATURES, SITES};
use net_guide::decide::unknowns::unknowns;
use net_guide::decide::{decide, Decision, NoteKind};
use net_guide::kb::spec::OPTION_IDS;
use net_guide::kb::{kb, RuleKind};

fn run(json: &str) -> (Profile, Decision) {
    let p = parse_profile(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    let d = decide(&p);
    (p, d)
}

fn ids(d: &Decision) -> Vec<&'static str> {
    d.offered_ids()
}

fn position(d: &Decision, id: &str) -> usize {
    d.options
        .iter()
        .position(|o| o.id == id)
        .unwrap_or_else(|| panic!("{id} not offered: {:?}", ids(d)))
}

fn reason(d: &Decision, id: &str) -> String {
    d.excluded
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.reason.clone())
        .unwrap_or_else(|| panic!("{id} not in excluded: {:?}", d.excluded))
}

fn cites(d: &Decision, id: &str) -> Vec<&'static str> {
    d.options
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.cites.clone())
        .unwrap_or_default()
}

const PNET_PROGRESSIVE: &str = r#"{"site":"pancreas","differentiation":"well","grade":"G2","ki67":8,"stage":"metastatic","resectable":false,"functional_syndrome":"none","sstr_positive":true,"progression":"progressive","prior_therapies":["ssa_lanreotide"],"age_years":AGE}"#;

fn pnet_at(age: u32) -> String {
    PNET_PROGRESSIVE.replace("AGE", &age.to_string())
}

// ---------- 1. Age ----------

#[test]
fn age_follows_one_policy_from_the_labels_and_the_evidence() {
    // An adult gets the targeted drugs and PRRT, with no children's caveat.
    let (_, adult) = run(&pnet_at(55));
    for id in ["everolimus", "sunitinib", "captem", "prrt_lu177"] {
        assert!(adult.offers(id), "{id}: {:?}", ids(&adult));
    }
    assert!(!adult
        .options
        .iter()
        .any(|o| o.rationale.contains("children's cancer team")));
    // A 15-year-old: PRRT is approved from 12; medicines studied only in adults are shown
    // with the caveat that a children's cancer team decides, never as routine.
    let (_, teen) = run(&pnet_at(15));
    assert!(teen.offers("prrt_lu177"), "{:?}", ids(&teen));
    for id in ["everolimus", "sunitinib", "captem"] {
        let o = teen.options.iter().find(|o| o.id == id);
        assert!(
            o.is_some_and(|o| o.rationale.contains("children's cancer team")),
            "{id} for a 15-year-old: {o:?}"
        );
    }
    // A 9-year-old: PRRT (approved from 12) is withheld and the age is the reason.
    let (_, child) = run(&pnet_at(9));
    assert!(!child.offers("prrt_lu177"));
    assert!(reason(&child, "prrt_lu177").contains("12"));
    let (_, child) = run(&pnet_at(9).replace(
        r#"["ssa_lanreotide"]"#,
        r#"["ssa_lanreotide","everolimus"]"#,
    ));
    assert!(
        reason(&child, "cabozantinib").contains("12"),
        "{:?}",
        child.excluded
    );
    let (_, child) = run(&pnet_at(9).replace(
        r#"["ssa_lanreotide"]"#,
        r#"["ssa_lanreotide","everolimus","cabozantinib"]"#,
    ));
    let why = reason(&child, "cabozantinib");
    assert!(why.contains("12") && why.contains("do not stop"), "{why}");
    assert!(child.offers("genetic_counseling"));
    assert!(child
        .notes
        .iter()
        .any(|n| n.text.contains("children's cancer team")));
    // Telotristat is for adults: a teen already taking it is told not to stop it alone.
    let (_, d) = run(
        r#"{"site":"small_intestine","differentiation":"well","grade":"G1","ki67":2,"stage":"metastatic","functional_syndrome":"carcinoid_syndrome","symptoms_controlled":false,"sstr_positive":true,"progression":"stable","prior_therapies":["ssa_octreotide","telotristat"],"age_years":16}"#,
    );
    assert!(!d.offers("telotristat"));
    let why = reason(&d, "telotristat");
    assert!(
        why.contains("adults") && why.contains("do not stop"),
        "{why}"
    );
    // Symptom control stays available to the teen, with the caveat.
    assert!(d.offers("ssa_octreotide"), "{:?}", ids(&d));
}

#[test]
fn no_option_is_ever_offered_below_its_minimum_age() {
    for option in kb().options.iter().filter(|o| o.min_age > 0) {
        assert!(!option.age_reason.is_empty(), "{}", option.id);
        for rule in kb()
            .rules
            .iter()
            .filter(|r| r.option == option.id && r.kind == RuleKind::Offer)
        {
            // The rule's own conditions with their first accepted value, at each age band
            // below the label's minimum.
            for age in ["under_12", "12_17"] {
                let young = if age == "under_12" { 0 } else { 12 };
                let mut f = features(&Profile::default());
                for (name, values) in rule.when().iter() {
                    let i = net_guide::decide::features::feature_index(name).unwrap();
                    f.values[i] = values.iter().next().unwrap();
                }
                f.values[net_guide::decide::features::feature_index("age").unwrap()] = age;
                f.prior = rule.prior_any().iter().take(1).collect();
                f.risk = rule.risk_any().iter().take(1).collect();
                let offered = offered_for(&f).contains(&option.id);
                if option.min_age > young {
                    assert!(!offered, "{} offered at {age}", option.id);
                }
            }
        }
    }
}

// ---------- 2. Contradictions ----------

#[test]
fn contradictions_are_said_first_and_decide_nothing_on_their_own() {
    let cases = [
        // differentiation vs grade vs Ki-67
        r#"{"site":"small_intestine","differentiation":"poor","grade":"G1","stage":"metastatic","sstr_positive":true,"progression":"progressive","prior_therapies":["ssa_octreotide"]}"#,
        r#"{"site":"pancreas","differentiation":"poor","ki67":12,"stage":"metastatic"}"#,
        r#"{"site":"stomach","grade":"NEC","ki67":15,"stage":"localized"}"#,
        r#"{"site":"colon","differentiation":"well","grade":"NEC","stage":"metastatic"}"#,
        r#"{"site":"lung","differentiation":"poor","grade":"typical_carcinoid","stage":"localized"}"#,
        r#"{"site":"lung","differentiation":"well","grade":"atypical_carcinoid","stage":"limited_stage"}"#,
        r#"{"site":"small_intestine","differentiation":"well","grade":"G1","stage":"localized","functional_syndrome":"carcinoid_syndrome"}"#,
        r#"{"site":"appendix","differentiation":"well","grade":"G1","stage":"localized","size_cm":2.5,"resectable":false}"#,
        r#"{"site":"rectum","grade":"G1","ki67":12,"stage":"localized","size_cm":0.7}"#,
        // lung names and digestive grades
        r#"{"site":"pancreas","grade":"atypical_carcinoid","stage":"localized","size_cm":1.5}"#,
        r#"{"site":"lung","differentiation":"well","grade":"G2","stage":"metastatic","sstr_positive":true}"#,
        r#"{"site":"rectum","grade":"SCLC","stage":"metastatic"}"#,
        r#"{"site":"small_intestine","differentiation":"well","grade":"G1","stage":"extensive_stage"}"#,
        // hormone syndromes where they are not made
        r#"{"site":"small_intestine","differentiation":"well","grade":"G1","stage":"metastatic","functional_syndrome":"insulinoma"}"#,
        r#"{"site":"rectum","differentiation":"well","grade":"G1","stage":"localized","size_cm":0.6,"functional_syndrome":"carcinoid_syndrome"}"#,
        // gastric type
        r#"{"site":"duodenum","differentiation":"well","grade":"G1","stage":"localized","gastric_type":1}"#,
        r#"{"site":"stomach","differentiation":"well","grade":"G1","stage":"localized","size_cm":0.8,"gastric_type":2,"functional_syndrome":"none"}"#,
        // stage and growth
        r#"{"site":"small_intestine","differentiation":"well","grade":"G1","stage":"localized","liver_dominant":true}"#,
        r#"{"site":"pancreas","differentiation":"well","grade":"G1","stage":"metastatic","progression":"not_applicable"}"#,
    ];
    for json in cases {
        let (p, d) = run(json);
        assert!(
            !contradictions(&p).is_empty(),
            "{json}: not seen as contradictory"
        );
        assert_eq!(
            d.notes.first().map(|n| n.kind),
            Some(NoteKind::Contradiction),
            "{json}: contradiction not said first: {:?}",
            d.notes
        );
        assert!(
            d.has_note(NoteKind::Reading),
            "{json}: no reading shown: {:?}",
            d.notes
        );
    }
}

#[test]
fn a_doubtful_answer_never_rules_an_option_in_or_out_alone() {
    // Poorly differentiated but grade 1: PRRT fits a grade 1 NET and not a carcinoma, so it
    // is neither offered nor excluded; each reading is spelled out.
    let (_, d) = run(
        r#"{"site":"small_intestine","differentiation":"poor","grade":"G1","stage":"metastatic","sstr_positive":true,"progression":"progressive","prior_therapies":["ssa_octreotide"]}"#,
    );
    assert!(
        !d.offers("prrt_lu177") && !d.excludes("prrt_lu177"),
        "{d:?}"
    );
    // What is offered fits both readings, and its reason says so instead of presuming one.
    let (_, lung) = run(
        r#"{"site":"lung","differentiation":"poor","grade":"typical_carcinoid","stage":"localized","resectable":true}"#,
    );
    let surgery = lung
        .options
        .iter()
        .find(|o| o.id == "surgery_curative")
        .unwrap();
    assert!(
        surgery.rationale.contains("every way of reading"),
        "{}",
        surgery.rationale
    );
    assert!(
        !surgery.rationale.contains("carcinoma"),
        "{}",
        surgery.rationale
    );
    assert!(!d.offers("platinum_etoposide") && !d.excludes("platinum_etoposide"));
    for e in &d.excluded {
        assert!(
            !e.reason.contains("carcinoma"),
            "excluded on the doubtful differentiation: {e:?}"
        );
    }
    let readings: Vec<&str> = d
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Reading)
        .map(|n| n.text.as_str())
        .collect();
    assert!(readings.iter().any(|t| t.contains("Platinum-etoposide")));
    assert!(readings.iter().any(|t| t.contains("PRRT")));
}

#[test]
fn answers_that_agree_raise_no_contradiction() {
    for json in [
        r#"{"site":"pancreas","differentiation":"well","grade":"G2","ki67":8,"stage":"metastatic"}"#,
        r#"{"site":"pancreas","differentiation":"poor","grade":"NEC","ki67":70,"stage":"metastatic"}"#,
        r#"{"site":"lung","differentiation":"well","grade":"atypical_carcinoid","stage":"metastatic"}"#,
        r#"{"site":"lung","grade":"SCLC","stage":"limited_stage"}"#,
        r#"{"site":"duodenum","differentiation":"well","grade":"G1","functional_syndrome":"gastrinoma"}"#,
        r#"{"site":"stomach","differentiation":"well","grade":"G1","gastric_type":2,"functional_syndrome":"gastrinoma"}"#,
        r#"{"site":"small_intestine","differentiation":"well","grade":"G2","ki67":5,"stage":"metastatic","functional_syndrome":"carcinoid_syndrome","liver_dominant":true}"#,
    ] {
        let (p, d) = run(json);
        assert!(contradictions(&p).is_empty(), "{json}");
        assert!(
            !d.has_note(NoteKind::Contradiction),
            "{json}: {:?}",
            d.notes
        );
    }
}

// ---------- 3. Unknown answers ----------

#[test]
fn what_if_notes_only_use_answers_that_fit_the_rest() {
    // A stated grade 1 leaves only a Ki-67 below 3% plausible.
    let (_, d) = run(
        r#"{"site":"small_intestine","differentiation":"well","grade":"G1","stage":"metastatic","sstr_positive":true,"progression":"progressive","functional_syndrome":"none","prior_therapies":["ssa_lanreotide"]}"#,
    );
    for n in d.notes.iter().filter(|n| n.kind == NoteKind::WhatIf) {
        for band in ["3% to 9%", "10% to 20%", "21% to 55%", "More than 55%"] {
            assert!(
                !n.text.contains(band),
                "implausible Ki-67 what-if: {}",
                n.text
            );
        }
        assert!(n.text.starts_with("If the answer about"), "{}", n.text);
    }
    // A small rectal NET found only where it started: no carcinoid-syndrome branch.
    let (_, d) = run(
        r#"{"site":"rectum","differentiation":"well","grade":"G1","ki67":1,"stage":"localized","size_cm":0.6}"#,
    );
    assert!(
        !d.notes
            .iter()
            .any(|n| n.text.contains("Carcinoid syndrome")),
        "{:?}",
        d.notes
    );
}

#[test]
fn options_every_plausible_answer_supports_are_offered_and_none_only_unknowns_offer() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut checked = 0;
    for _ in 0..400 {
        let p = random_profile(&mut rng);
        if !contradictions(&p).is_empty() {
            continue;
        }
        let d = decide(&p);
        let open = unknowns(&p);
        for u in &open {
            for id in OPTION_IDS {
                if u.always(id) && !d.excludes(id) {
                    assert!(d.offers(id), "{id} fits every answer to {}: {p:?}", u.field);
                    checked += 1;
                }
                // Offered although no answer to this question supports it: only because
                // every answer to another open question does.
                if u.never(id) && d.offers(id) {
                    assert!(
                        open.iter().any(|other| other.always(id)),
                        "{id} fits no answer to {} yet is offered: {p:?}",
                        u.field
                    );
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} cases");
}

// ---------- 4. Genetic counseling ----------

#[test]
fn none_known_still_leads_to_genetic_counseling_where_guidelines_say() {
    for json in [
        r#"{"site":"duodenum","differentiation":"well","grade":"G1","stage":"localized","functional_syndrome":"gastrinoma","hereditary_syndrome":"none"}"#,
        r#"{"site":"stomach","differentiation":"well","grade":"G1","stage":"localized","gastric_type":2,"functional_syndrome":"gastrinoma","hereditary_syndrome":"none"}"#,
        r#"{"site":"pancreas","differentiation":"well","grade":"G1","stage":"localized","size_cm":1.2,"functional_syndrome":"none","hereditary_syndrome":"none"}"#,
        r#"{"site":"appendix","differentiation":"well","grade":"G1","stage":"localized","size_cm":0.5,"age_years":14,"hereditary_syndrome":"none"}"#,
    ] {
        let (_, d) = run(json);
        assert!(d.offers("genetic_counseling"), "{json}: {:?}", ids(&d));
    }
    // A known syndrome makes it more relevant, never less.
    for syndrome in ["MEN1", "VHL", "NF1", "TSC"] {
        let (_, d) = run(&format!(
            r#"{{"site":"small_intestine","differentiation":"well","grade":"G1","stage":"localized","hereditary_syndrome":"{syndrome}"}}"#
        ));
        assert!(d.offers("genetic_counseling"), "{syndrome}");
    }
}

// ---------- 5. Symptom control ----------

#[test]
fn hormone_symptoms_are_treated_whatever_the_scan_or_growth() {
    for (syndrome, option) in [
        ("carcinoid_syndrome", "ssa_octreotide"),
        ("carcinoid_syndrome", "ssa_lanreotide"),
        ("vipoma", "ssa_octreotide"),
    ] {
        let site = if syndrome == "vipoma" {
            "pancreas"
        } else {
            "small_intestine"
        };
        let (_, d) = run(&format!(
            r#"{{"site":"{site}","differentiation":"well","grade":"G2","ki67":5,"stage":"metastatic","functional_syndrome":"{syndrome}","symptoms_controlled":false,"sstr_positive":false,"progression":"stable"}}"#
        ));
        assert!(d.offers(option), "{syndrome}: {:?}", ids(&d));
        assert!(
            d.options
                .iter()
                .any(|o| o.id == option && o.rationale.contains("negative scan")),
            "{syndrome}: the rationale does not speak to the negative scan"
        );
    }
    // A refractory insulinoma that is not growing: options guidance gives for the syndrome.
    let (_, d) = run(
        r#"{"site":"pancreas","differentiation":"well","grade":"G2","ki67":6,"stage":"metastatic","resectable":false,"functional_syndrome":"insulinoma","symptoms_controlled":false,"sstr_positive":true,"progression":"stable","liver_dominant":true,"age_years":50}"#,
    );
    for id in [
        "everolimus",
        "sunitinib",
        "prrt_lu177",
        "liver_directed",
        "diazoxide",
    ] {
        assert!(d.offers(id), "{id}: {:?}", ids(&d));
    }
    assert!(!d.offers("ssa_octreotide") && !d.offers("ssa_lanreotide"));
}

// ---------- 6. Order ----------

#[test]
fn progressive_pancreatic_net_gets_targeted_drugs_and_captem_before_prrt() {
    let (_, d) = run(&pnet_at(60));
    let prrt = position(&d, "prrt_lu177");
    for id in ["everolimus", "sunitinib", "captem"] {
        assert!(position(&d, id) < prrt, "{id} after PRRT: {:?}", ids(&d));
    }
    assert!(
        !cites(&d, "prrt_lu177").contains(&"netter1"),
        "NETTER-1 (midgut) cited for a pancreatic NET"
    );
    // After targeted drugs: cabozantinib before streptozocin.
    let (_, d) = run(&pnet_at(60).replace(
        r#"["ssa_lanreotide"]"#,
        r#"["ssa_lanreotide","everolimus"]"#,
    ));
    assert!(position(&d, "cabozantinib") < position(&d, "streptozocin_chemo"));
}

#[test]
fn ki67_of_10_or_more_puts_prrt_first_not_the_analog_on_clarinet() {
    let (_, d) = run(
        r#"{"site":"small_intestine","differentiation":"well","grade":"G2","ki67":15,"stage":"metastatic","resectable":false,"functional_syndrome":"none","sstr_positive":true,"progression":"not_applicable","age_years":60}"#,
    );
    assert!(position(&d, "prrt_lu177") < position(&d, "ssa_lanreotide"));
    assert!(!cites(&d, "ssa_lanreotide").contains(&"clarinet"));
    assert!(cites(&d, "prrt_lu177").contains(&"netter2"));
}

#[test]
fn growing_atypical_lung_carcinoid_gets_everolimus_before_the_analog() {
    let (_, d) = run(
        r#"{"site":"lung","differentiation":"well","grade":"atypical_carcinoid","stage":"metastatic","resectable":false,"sstr_positive":true,"progression":"progressive","functional_syndrome":"none","age_years":58}"#,
    );
    assert!(position(&d, "everolimus") < position(&d, "ssa_octreotide"));
}

#[test]
fn telotristat_comes_before_liver_treatment_for_uncontrolled_diarrhea() {
    let (_, d) = run(
        r#"{"site":"small_intestine","differentiation":"well","grade":"G1","ki67":2,"stage":"metastatic","resectable":false,"functional_syndrome":"carcinoid_syndrome","symptoms_controlled":false,"sstr_positive":true,"progression":"stable","prior_therapies":["ssa_lanreotide"],"liver_dominant":true,"age_years":64}"#,
    );
    assert!(position(&d, "telotristat") < position(&d, "liver_directed"));
}

// ---------- 7. Rationale and sources ----------

#[test]
fn reasons_name_the_real_trigger_and_sources_fit_the_population() {
    // Lymphovascular invasion in a 1-2 cm rectal NET: the surgery reason speaks to it.
    let (_, d) = run(
        r#"{"site":"rectum","differentiation":"well","grade":"G1","ki67":1,"stage":"localized","size_cm":1.4,"risk_features":["lymphovascular_invasion"]}"#,
    );
    let surgery = d
        .options
        .iter()
        .find(|o| o.id == "surgery_curative")
        .unwrap();
    assert!(
        surgery.rationale.contains("vessels") || surgery.rationale.contains("lymph"),
        "{}",
        surgery.rationale
    );
    assert!(!surgery.rationale.contains("larger than 2 cm"));
    // Symptom control is not cited to a tumor-growth trial.
    let (_, d) = run(
        r#"{"site":"small_intestine","differentiation":"well","grade":"G1","stage":"metastatic","functional_syndrome":"carcinoid_syndrome","symptoms_controlled":false,"sstr_positive":true}"#,
    );
    assert!(!cites(&d, "ssa_octreotide").contains(&"clarinet"));
    // Lung small-cell carcinoma is not cited to digestive NEC guidance.
    let (_, d) = run(r#"{"site":"lung","grade":"SCLC","stage":"extensive_stage"}"#);
    for o in &d.options {
        assert!(
            !o.cites.contains(&"enets2023_nec"),
            "{}: {:?}",
            o.id,
            o.cites
        );
    }
    for e in &d.excluded {
        assert!(
            !e.cites.contains(&"enets2023_nec"),
            "{}: {:?}",
            e.id,
            e.cites
        );
    }
}

// ---------- 8. Nothing disappears silently ----------

#[test]
fn every_expected_option_is_offered_or_explained() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let mut checked = 0;
    for _ in 0..1200 {
        let p = random_profile(&mut rng);
        if !contradictions(&p).is_empty() {
            continue;
        }
        let d = decide(&p);
        let f = features(&p);
        for rule in kb().rules.iter().filter(|r| r.kind == RuleKind::Expect) {
            if !net_guide::decide::evaluate::rule_matches(rule, &f) {
                continue;
            }
            for id in rule.items().iter() {
                checked += 1;
                let explained = d
                    .excluded
                    .iter()
                    .any(|e| e.id == id && !e.reason.is_empty());
                assert!(
                    d.offers(id) || explained,
                    "{id} expected but neither offered nor explained: {p:?}"
                );
            }
        }
    }
    assert!(checked > 500, "only {checked} expectations checked");
}

// ---------- 9. Gaps ----------

#[test]
fn gaps_the_review_found_are_filled() {
    // Limited-stage small cell lung cancer: chemoradiotherapy; surgery for very early disease.
    let (_, d) = run(
        r#"{"site":"lung","grade":"SCLC","stage":"limited_stage","resectable":true,"age_years":66}"#,
    );
    let chemo = d
        .options
        .iter()
        .find(|o| o.id == "platinum_etoposide")
        .unwrap();
    assert!(chemo.rationale.contains("radiation"), "{}", chemo.rationale);
    assert!(d.offers("surgery_curative"));
    // After first-line treatment of extensive stage: further options outside this guide.
    let (_, d) = run(
        r#"{"site":"lung","grade":"SCLC","stage":"extensive_stage","prior_therapies":["chemo_immunotherapy_sclc"],"age_years":66}"#,
    );
    assert!(d
        .notes
        .iter()
        .any(|n| n.text.contains("more treatments exist")));
    // A grade 1 colon NET of 1 cm or less: endoscopic removal can be enough.
    for size in ["0.7", "1.0"] {
        let (_, d) = run(&format!(
            r#"{{"site":"colon","differentiation":"well","grade":"G1","ki67":1,"stage":"localized","size_cm":{size}}}"#
        ));
        assert!(
            d.offers("endoscopic_resection") && !d.offers("surgery_curative"),
            "{size}"
        );
    }
    // Stable, low-grade spread disease without symptoms may be watched.
    let (_, d) = run(
        r#"{"site":"small_intestine","differentiation":"well","grade":"G1","ki67":1,"stage":"metastatic","resectable":false,"functional_syndrome":"none","sstr_positive":true,"progression":"stable","age_years":70}"#,
    );
    assert!(d.offers("surveillance"), "{:?}", ids(&d));
}

// ---------- generated profiles ----------

fn random_profile(rng: &mut Rng) -> Profile {
    let e = values;
    let mut p = Profile {
        site: Some(rng.pick(SITES)),
        differentiation: rng.maybe(e("differentiation"), 4),
        grade: rng.maybe(e("grade"), 4),
        ki67: rng.maybe(&[1.0, 5.0, 12.0, 30.0, 70.0], 4),
        stage: rng.maybe(e("stage"), 4),
        resectable: rng.maybe(&[true, false], 4),
        size_cm: rng.maybe(&[0.5, 1.5, 3.0], 4),
        functional_syndrome: rng.maybe(e("functional_syndrome"), 4),
        symptoms_controlled: rng.maybe(&[true, false], 4),
        sstr_positive: rng.maybe(&[true, false], 4),
        progression: rng.maybe(e("progression"), 4),
        age_years: rng.maybe(&[10.0, 15.0, 45.0, 75.0], 4),
        gastric_type: None,
        hereditary_syndrome: rng.maybe(e("hereditary_syndrome"), 4),
        liver_dominant: rng.maybe(&[true, false], 4),
        ..Default::default()
    };
    if p.site == Some("stomach") {
        p.gastric_type = rng.maybe(&[1, 2, 3], 4);
    }
    // Mostly answers that fit together, so the properties are tested on many real cases.
    if rng.next() % 3 != 0 {
        let well = p.differentiation != Some("poor");
        p.grade = match (p.site, well) {
            (Some("lung"), true) => rng.maybe(&["typical_carcinoid", "atypical_carcinoid"], 4),
            (Some("lung"), false) => rng.maybe(&["LCNEC", "SCLC"], 4),
            (_, true) => rng.maybe(&["G1", "G2", "G3"], 4),
            (_, false) => Some("NEC"),
        };
        p.ki67 = match p.grade {
            Some("G1") => Some(1.0),
            Some("G2") => rng.maybe(&[5.0, 12.0], 4),
            Some("G3" | "NEC") => rng.maybe(&[30.0, 70.0], 4),
            _ => None,
        };
        if p.site != Some("lung") && matches!(p.stage, Some("limited_stage" | "extensive_stage")) {
            p.stage = Some("metastatic");
        }
    }
    for id in OPTION_IDS {
        if rng.next() % 8 == 0 {
            p.prior_therapies.push(id);
        }
    }
    for r in RISK_FEATURES {
        if rng.next() % 8 == 0 {
            p.risk_features.push(r);
        }
    }
    p
}

// ---------- findings of the second clinical review ----------

#[test]
fn an_unknown_grade_does_not_hide_what_every_grade_supports() {
    // Well differentiated, grade and Ki-67 not known, growing after an analog.
    let (_, d) = run(
        r#"{"site":"pancreas","differentiation":"well","stage":"metastatic","resectable":false,"sstr_positive":true,"progression":"progressive","prior_therapies":["ssa_octreotide"],"functional_syndrome":"none","age_years":55,"hereditary_syndrome":"none"}"#,
    );
    for id in ["everolimus", "sunitinib", "captem", "prrt_lu177"] {
        assert!(d.offers(id), "{id}: {:?} / {:?}", ids(&d), d.excluded);
    }
}

#[test]
fn explanations_never_suggest_a_different_tumor() {
    let mut rng = Rng(0x0bad_cafe_dead_beef);
    for _ in 0..300 {
        let p = random_profile(&mut rng);
        for e in decide(&p).excluded {
            for odd in [
                "where it started were",
                "the grade were",
                "the hormone symptoms were",
            ] {
                assert!(!e.reason.contains(odd), "{}: {} ({p:?})", e.id, e.reason);
            }
        }
    }
}

#[test]
fn grade_3_pancreatic_net_gets_captem_before_the_targeted_drugs() {
    let (_, d) = run(
        r#"{"site":"pancreas","differentiation":"well","grade":"G3","ki67":35,"stage":"metastatic","resectable":false,"sstr_positive":true,"progression":"progressive","functional_syndrome":"none","prior_therapies":["ssa_lanreotide"],"age_years":60}"#,
    );
    let captem = position(&d, "captem");
    for id in ["everolimus", "sunitinib"] {
        assert!(captem < position(&d, id), "{:?}", ids(&d));
        assert!(!cites(&d, id).contains(&"radiant3") && !cites(&d, id).contains(&"sunitinib_pnet"));
    }
}

#[test]
fn a_hormone_syndrome_at_an_unlikely_site_is_read_both_ways() {
    let (_, d) = run(
        r#"{"site":"small_intestine","differentiation":"well","grade":"G1","stage":"localized","functional_syndrome":"insulinoma","age_years":50}"#,
    );
    let readings = d
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Reading)
        .count();
    assert!(readings >= 3, "both readings and the check: {:?}", d.notes);
}

// ---------- properties over generated profiles ----------

#[test]
fn a_contradiction_never_produces_an_exclusion_one_reading_disputes() {
    use net_guide::decide::consistency::readings;
    let mut rng = Rng(0x5151_7a7a_0101_fefe);
    let mut checked = 0;
    for _ in 0..600 {
        let p = random_profile(&mut rng);
        let conflicts = contradictions(&p);
        if conflicts.is_empty() {
            continue;
        }
        let d = decide(&p);
        let read: Vec<Decision> = readings(&p, &conflicts)
            .iter()
            .map(|r| decide(&r.profile))
            .collect();
        for e in &d.excluded {
            for r in &read {
                assert!(
                    r.excluded
                        .iter()
                        .any(|x| x.id == e.id && x.reason == e.reason),
                    "{} excluded though a reading disagrees: {p:?}",
                    e.id
                );
            }
            checked += 1;
        }
        for o in &d.options {
            assert!(read.iter().all(|r| r.offers(o.id)), "{}: {p:?}", o.id);
        }
    }
    assert!(checked > 50, "only {checked} exclusions checked");
}

#[test]
fn order_invariants_hold_on_every_generated_profile() {
    let mut rng = Rng(0x0dd0_0dd0_1357_9bdf);
    for _ in 0..600 {
        let p = random_profile(&mut rng);
        let d = decide(&p);
        let at = |id: &str| d.options.iter().position(|o| o.id == id);
        let before = |a: &str, b: &str| match (at(a), at(b)) {
            (Some(x), Some(y)) => x < y,
            _ => true,
        };
        if p.site == Some("pancreas") && p.progression == Some("progressive") {
            for id in ["everolimus", "sunitinib", "captem"] {
                assert!(before(id, "prrt_lu177"), "{id} after PRRT: {p:?}");
            }
        }
        assert!(before("cabozantinib", "streptozocin_chemo"), "{p:?}");
        // The two somatostatin analogs are one choice: listed side by side.
        if let (Some(x), Some(y)) = (at("ssa_lanreotide"), at("ssa_octreotide")) {
            assert_eq!(
                x.abs_diff(y),
                1,
                "analogs apart: {:?} {p:?}",
                d.offered_ids()
            );
        }
        assert!(before("telotristat", "liver_directed"), "{p:?}");
        if p.grade == Some("atypical_carcinoid") && p.progression == Some("progressive") {
            assert!(before("everolimus", "ssa_octreotide"), "{p:?}");
        }
        // NETTER-1 studied midgut NETs: never the source for PRRT elsewhere.
        if p.site != Some("small_intestine") {
            if let Some(o) = d.options.iter().find(|o| o.id == "prrt_lu177") {
                assert!(!o.cites.contains(&"netter1"), "{p:?}");
            }
        }
    }
}
