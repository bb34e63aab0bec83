//! The compiled knowledge base (one compressed blob, see src/kb/blob.rs) must say exactly what
//! content/ says: every field of every entry, in order. A writer/reader field-order slip in
//! build.rs or src/kb/load.rs fails here with the entry it garbled.

use net_guide::content_source;
use net_guide::kb::{kb, RefKind, ReviewStatus, RuleKind, Tier};
use std::path::Path;

fn source() -> content_source::ContentSrc {
    let (src, diags) = content_source::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    assert!(diags.is_empty(), "{diags:?}");
    src
}

fn review_matches(compiled: &net_guide::kb::Review, src: Option<&content_source::ReviewSrc>) {
    let src = src.expect("review metadata");
    assert_eq!(compiled.last_reviewed, src.last_reviewed.to_string());
    assert_eq!(compiled.reviewer, src.reviewer);
    assert_eq!(compiled.reviewer_role, src.reviewer_role);
    let expected = match src.status.as_str() {
        "under_review" => ReviewStatus::UnderReview,
        "approved" if !src.reviewer.trim().is_empty() => ReviewStatus::Approved,
        _ => ReviewStatus::Submitted,
    };
    assert_eq!(compiled.status, expected);
}

#[test]
fn article_sections_and_topics_match_content() {
    let src = source();
    let kb = kb();
    let a = src.article.as_ref().expect("article");
    assert_eq!(kb.article.question, a.question);
    assert_eq!(kb.article.advisory, a.advisory);
    assert_eq!(kb.article.editorial_policy, a.editorial_policy);
    assert_eq!(
        kb.article.disclaimers,
        [
            &a.disclaimer.patient,
            &a.disclaimer.caregiver,
            &a.disclaimer.clinician
        ]
        .map(|s| s.as_str())
    );
    review_matches(&kb.article.review, Some(&a.review));

    assert_eq!(kb.sections.len(), src.sections.len());
    for (c, s) in kb.sections.iter().zip(&src.sections) {
        assert_eq!(
            (c.id, c.title),
            (s.front.id.as_str(), s.front.title.as_str())
        );
        let tier = match s.front.tier.as_deref() {
            Some("bottom_line") => Tier::BottomLine,
            Some("fda_label") => Tier::FdaLabel,
            Some("research") => Tier::Research,
            _ => Tier::Guideline,
        };
        assert_eq!(c.tier, tier, "{}", c.id);
        assert_eq!(c.related, s.front.related, "{}", c.id);
        assert_eq!(c.drugs, s.front.drugs, "{}", c.id);
        review_matches(&c.review, s.front.review.as_ref());
    }

    assert_eq!(kb.topics.len(), src.topics.len());
    for (c, t) in kb.topics.iter().zip(&src.topics) {
        assert_eq!(
            (c.id, c.title),
            (t.front.id.as_str(), t.front.title.as_str())
        );
        assert_eq!(c.related, t.front.related, "{}", c.id);
        assert_eq!(c.questions, t.front.questions, "{}", c.id);
        assert_eq!(c.drugs, t.front.drugs, "{}", c.id);
        review_matches(&c.review, t.front.review.as_ref());
        // Every audience has text, and the first heading or sentence comes from its source.
        for (audience, text) in c.texts.iter().enumerate() {
            assert!(!text.is_empty(), "{} audience {audience}", c.id);
        }
    }
}

#[test]
fn references_drugs_glossary_rules_and_options_match_content() {
    let src = source();
    let kb = kb();
    assert_eq!(kb.references.len(), src.references.len());
    for (c, r) in kb.references.iter().zip(&src.references) {
        assert_eq!(c.key, r.key);
        let kind = match r.kind.as_str() {
            "guideline" => RefKind::Guideline,
            "fda_label" => RefKind::FdaLabel,
            "trial" => RefKind::Trial,
            _ => RefKind::Review,
        };
        assert_eq!(c.kind, kind, "{}", r.key);
        assert_eq!(c.year, r.year, "{}", r.key);
        assert_eq!(
            [
                c.authors(),
                c.title(),
                c.source(),
                c.details(),
                c.doi(),
                c.pmid(),
                c.pmc(),
                c.url()
            ],
            [&r.authors, &r.title, &r.source, &r.details, &r.doi, &r.pmid, &r.pmc, &r.url]
                .map(|s| s.as_str()),
            "{}",
            r.key
        );
    }
    assert_eq!(kb.drugs.len(), src.drugs.len());
    for (c, d) in kb.drugs.iter().zip(&src.drugs) {
        assert_eq!(
            [
                c.id,
                c.generic,
                c.class,
                c.route,
                c.dose,
                c.label_ref,
                c.trial_ref,
                c.trial_result
            ],
            [
                &d.id,
                &d.generic,
                &d.class,
                &d.route,
                &d.dose,
                &d.label_ref,
                &d.trial_ref,
                &d.trial_result
            ]
            .map(|s| s.as_str())
        );
        assert_eq!(c.brands, d.brands, "{}", d.id);
        assert_eq!(c.options, d.options, "{}", d.id);
        assert_eq!(c.side_effects, d.side_effects, "{}", d.id);
        assert_eq!(
            [
                c.dose_changes,
                c.study_dose,
                c.study_dose_ref,
                c.plain_use,
                c.plain_dose,
                c.plain_how
            ],
            [
                &d.dose_changes,
                &d.study_dose,
                &d.study_dose_ref,
                &d.plain_use,
                &d.plain_dose,
                &d.plain_how
            ]
            .map(|s| s.as_str()),
            "{}",
            d.id
        );
        assert_eq!(c.plain_side_effects, d.plain_side_effects, "{}", d.id);
        // Boxed warnings come first; otherwise the label's order is kept.
        let mut warnings: Vec<_> = d.warnings.iter().collect();
        warnings.sort_by_key(|w| !w.boxed);
        let compiled: Vec<_> = c
            .warnings
            .iter()
            .map(|w| (w.text, w.plain, w.boxed, w.source))
            .collect();
        let expected: Vec<_> = warnings
            .iter()
            .map(|w| {
                (
                    w.text.as_str(),
                    w.plain.as_str(),
                    w.boxed,
                    w.source.as_str(),
                )
            })
            .collect();
        assert_eq!(compiled, expected, "{}", d.id);
        let indications: Vec<(&str, &str)> =
            c.indications.iter().map(|i| (i.text, i.source)).collect();
        let expected: Vec<(&str, &str)> = d
            .indications
            .iter()
            .map(|i| (i.text.as_str(), i.source.as_str()))
            .collect();
        assert_eq!(indications, expected, "{}", d.id);
    }
    assert_eq!(kb.glossary.len(), src.glossary.len());
    for (c, t) in kb.glossary.iter().zip(&src.glossary) {
        assert_eq!(
            [c.id, c.term, c.definition, c.topic],
            [&t.id, &t.term, &t.definition, &t.topic].map(|s| s.as_str())
        );
    }
    assert_eq!(kb.rules.len(), src.rules.len());
    for (c, r) in kb.rules.iter().zip(&src.rules) {
        let kind = match r.kind.as_str() {
            "offer" => RuleKind::Offer,
            "exclude" => RuleKind::Exclude,
            "contradiction" => RuleKind::Contradiction,
            "sequence" => RuleKind::Sequence,
            "expect" => RuleKind::Expect,
            _ => RuleKind::Note,
        };
        assert_eq!(
            (c.kind, c.option, c.order, c.text),
            (kind, r.option.as_str(), r.order, r.text.as_str())
        );
        let when: Vec<(String, Vec<&str>)> = c
            .when()
            .iter()
            .map(|(f, v)| (f.to_string(), v.iter().collect()))
            .collect();
        let expected: Vec<(String, Vec<&str>)> = r
            .when
            .iter()
            .map(|(f, v)| (f.clone(), v.iter().map(|s| s.as_str()).collect()))
            .collect();
        assert_eq!(when, expected, "rule at line {}", r.line);
        assert_eq!(
            c.cites().iter().collect::<Vec<_>>(),
            r.cites,
            "rule at line {}",
            r.line
        );
        assert_eq!(c.prior_any().iter().collect::<Vec<_>>(), r.prior_any);
        assert_eq!(c.risk_none().iter().collect::<Vec<_>>(), r.risk_none);
        let items: Vec<&String> = r.fields.iter().chain(&r.options).collect();
        assert_eq!(
            c.items().iter().collect::<Vec<_>>(),
            items,
            "{}:{}",
            r.file,
            r.line
        );
    }
    assert_eq!(kb.phrases.len(), src.phrases.len());
    for (c, p) in kb.phrases.iter().zip(&src.phrases) {
        assert_eq!((c.id, c.text), (p.id.as_str(), p.text.as_str()));
        assert_eq!(c.cites.iter().collect::<Vec<_>>(), p.cites);
    }
    assert_eq!(kb.options.len(), src.options.len());
    for (c, o) in kb.options.iter().zip(&src.options) {
        assert_eq!(
            [
                c.id,
                c.label,
                c.plain,
                c.technical,
                c.how_given,
                c.how_often,
                c.side_effects,
                c.evidence,
                c.topic
            ],
            [
                &o.id,
                &o.label,
                &o.plain,
                &o.technical,
                &o.how_given,
                &o.how_often,
                &o.side_effects,
                &o.evidence,
                &o.topic
            ]
            .map(|s| s.as_str())
        );
        assert_eq!(c.cites, o.cites);
        assert_eq!(c.medicine, o.medicine, "{}", o.id);
        assert_eq!(
            (c.min_age, c.age_reason, c.adult_evidence, c.used_for),
            (
                o.min_age,
                o.age_reason.as_str(),
                o.adult_evidence,
                o.used_for.as_str()
            )
        );
    }
}

#[test]
fn questions_match_content_in_order() {
    let src = source();
    let compiled = kb().questions;
    assert_eq!(compiled.len(), src.questions.len());
    for (c, q) in compiled.iter().zip(&src.questions) {
        assert_eq!(
            (c.field, c.short, c.text, c.help),
            (
                q.field.as_str(),
                q.short.as_str(),
                q.text.as_str(),
                q.help.as_str()
            )
        );
        let choices: Vec<(&str, &str)> = q
            .choices
            .iter()
            .map(|c| (c.value.as_str(), c.label.as_str()))
            .collect();
        assert_eq!(c.choices, choices, "{}", q.field);
        let many = matches!(q.field.as_str(), "prior_therapies" | "risk_features");
        assert_eq!(
            c.kind == net_guide::kb::QuestionKind::Many,
            many,
            "{}",
            q.field
        );
    }
}

#[test]
fn table_file_reviews_are_compiled_in() {
    let src = source();
    assert_eq!(kb().table_reviews.len(), src.table_reviews.len());
    for ((file, compiled), (src_file, review)) in kb().table_reviews.iter().zip(&src.table_reviews)
    {
        assert_eq!(file, src_file);
        review_matches(compiled, review.as_ref());
    }
    assert!(kb().table_reviews.iter().any(|(f, _)| *f == "rules.toml"));
}
