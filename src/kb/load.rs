//! Turns the compiled blob back into the typed model. Field order here is the order
//! `build.rs` writes them in; the round-trip tests in tests/ catch any drift.

use super::blob::Reader;
use super::model::*;

/// The knowledge base in `blob`, or an empty one if the blob is damaged (never panics).
pub fn decode(blob: &[u8]) -> KnowledgeBase {
    match Reader::open(blob) {
        Some(mut r) => decode_from(&mut r),
        None => empty(),
    }
}

fn decode_from(r: &mut Reader) -> KnowledgeBase {
    KnowledgeBase {
        article: Article {
            question: r.str(),
            last_updated: r.str(),
            advisory: r.str(),
            review: review(r),
            editorial_policy: r.strs(),
            disclaimers: [r.str(), r.str(), r.str()],
        },
        sections: r.list(|r| Section {
            id: r.str(),
            title: r.str(),
            tier: match r.num() {
                0 => Tier::BottomLine,
                2 => Tier::FdaLabel,
                3 => Tier::Research,
                _ => Tier::Guideline,
            },
            texts: texts(r),
            related: r.strs(),
            drugs: r.strs(),
            review: review(r),
        }),
        topics: r.list(|r| Topic {
            id: r.str(),
            title: r.str(),
            texts: texts(r),
            related: r.strs(),
            questions: r.strs(),
            drugs: r.strs(),
            review: review(r),
        }),
        references: r.list(|r| Reference {
            key: r.str(),
            kind: match r.num() {
                0 => RefKind::Guideline,
                1 => RefKind::FdaLabel,
                2 => RefKind::Trial,
                _ => RefKind::Review,
            },
            year: Some(r.small()).filter(|&y| y != 0),
            fields: r.str(),
        }),
        drugs: r.list(|r| Drug {
            id: r.str(),
            generic: r.str(),
            brands: r.strs(),
            class: r.str(),
            route: r.str(),
            dose: r.str(),
            options: r.strs(),
            side_effects: r.strs(),
            label_ref: r.str(),
            trial_ref: r.str(),
            trial_result: r.str(),
            indications: r.list(|r| Indication {
                text: r.str(),
                source: r.str(),
            }),
            dose_changes: r.str(),
            study_dose: r.str(),
            study_dose_ref: r.str(),
            plain_use: r.str(),
            plain_dose: r.str(),
            plain_how: r.str(),
            plain_side_effects: r.strs(),
            warnings: r.list(|r| Warning {
                text: r.str(),
                plain: r.str(),
                boxed: r.num() == 1,
                source: r.str(),
            }),
        }),
        glossary: r.list(|r| Term {
            id: r.str(),
            term: r.str(),
            definition: r.str(),
            topic: r.str(),
        }),
        rules: r.list(|r| Rule {
            kind: match r.num() {
                0 => RuleKind::Offer,
                1 => RuleKind::Exclude,
                3 => RuleKind::Contradiction,
                4 => RuleKind::Sequence,
                5 => RuleKind::Expect,
                _ => RuleKind::Note,
            },
            option: r.str(),
            order: r.small(),
            packed: r.str(),
            text: r.str(),
        }),
        options: r.list(|r| OptionInfo {
            id: r.str(),
            label: r.str(),
            plain: r.str(),
            technical: r.str(),
            medicine: r.num() == 1,
            how_given: r.str(),
            how_often: r.str(),
            side_effects: r.str(),
            evidence: r.str(),
            topic: r.str(),
            cites: r.strs(),
            min_age: r.small() as u8,
            age_reason: r.str(),
            adult_evidence: r.num() == 1,
            used_for: r.str(),
        }),
        table_reviews: r.list(|r| (r.str(), review(r))),
        phrases: r.list(|r| Phrase {
            id: r.str(),
            text: r.str(),
            cites: List(r.str()),
        }),
        questions: r.list(|r| Question {
            field: r.str(),
            short: r.str(),
            text: r.str(),
            help: r.str(),
            kind: match r.num() {
                1 => QuestionKind::Many,
                _ => QuestionKind::One,
            },
            choices: r.list(|r| (r.str(), r.str())),
        }),
        search: crate::search::data::read(r),
    }
}

fn review(r: &mut Reader) -> Review {
    Review {
        // build.rs already shows "approved" without a named reviewer as submitted.
        status: match r.num() {
            1 => ReviewStatus::UnderReview,
            2 => ReviewStatus::Approved,
            _ => ReviewStatus::Submitted,
        },
        last_reviewed: r.str(),
        reviewer: r.str(),
        reviewer_role: r.str(),
    }
}

/// Patient, caregiver and clinician texts, two parts each (see `Text`).
fn texts(r: &mut Reader) -> [Text; 3] {
    [
        Text::new(r.str(), r.str()),
        Text::new(r.str(), r.str()),
        Text::new(r.str(), r.str()),
    ]
}

fn empty() -> KnowledgeBase {
    let review = Review::UNREVIEWED;
    KnowledgeBase {
        article: Article {
            question: "",
            last_updated: "",
            advisory: "",
            review,
            editorial_policy: &[],
            disclaimers: [""; 3],
        },
        sections: &[],
        topics: &[],
        references: &[],
        drugs: &[],
        glossary: &[],
        rules: &[],
        options: &[],
        phrases: &[],
        questions: &[],
        table_reviews: &[],
        search: crate::search::data::SearchData::EMPTY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_blob_opens_and_is_read_to_the_end() {
        let mut r = Reader::open(super::super::BLOB).expect("blob opens");
        let kb = decode(super::super::BLOB);
        assert!(!kb.topics.is_empty() && !kb.questions.is_empty());
        // Reading the same blob again field by field must consume every number.
        let _ = super::decode_from(&mut r);
        assert!(
            r.is_at_end(),
            "numbers left over: build.rs and load.rs disagree"
        );
    }

    #[test]
    fn damaged_blob_gives_an_empty_knowledge_base() {
        let kb = decode(&[0xFF, 0x01]);
        assert!(kb.topics.is_empty() && kb.article.question.is_empty());
    }
}
