//! Follow-up search (core only; the browser thread is issue #10's remaining work): guardrails
//! with several phrasings each, lay words, brand names and misspellings, audience and
//! profile, and any input at all without a panic.

mod common;

use common::Rng;
use net_guide::decide::json::parse_profile;
use net_guide::kb::{kb, Audience};
use net_guide::search::{ask, Index, Kind, Reply};
use std::sync::OnceLock;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::build(kb(), &kb().search))
}

fn reply(question: &str, audience: Audience) -> Reply {
    ask(index(), &kb().search, question, audience, None)
}

fn top(question: &str) -> Option<&'static str> {
    reply(question, Audience::Patient).topics.first().copied()
}

#[test]
fn emergencies_come_first_whatever_the_wording() {
    for q in [
        "My dad fainted after his shot and won't wake up",
        "I have chest pain and I can't breathe properly",
        "she is on lutathera and her blood pressure dropped, she looks grey",
        "my blood sugar is low and I feel shaky and confused and sweaty",
        "I woke up with a fever of 39.2 on capecitabine",
    ] {
        let r = reply(q, Audience::Patient);
        assert_eq!(r.kind, Kind::Urgent, "{q}");
        assert!(r.message.contains("emergency"), "{q}: {}", r.message);
        assert!(r.answers.is_empty());
    }
    // A clinician's general question about a symptom is answered, not treated as an emergency.
    let r = reply(
        "How does carcinoid heart disease present: chest pain or breathlessness?",
        Audience::Clinician,
    );
    assert_eq!(r.kind, Kind::Answer);
}

#[test]
fn personal_dosing_and_stopping_go_to_the_care_team() {
    for q in [
        "Should I stop my octreotide before my holiday?",
        "can i skip this month's lanreotide shot",
        "How much everolimus should I take if I have mouth sores?",
        "Is it safe to stop taking sunitinib for a week?",
        "should she still take her capecitabine tonight",
    ] {
        let r = reply(q, Audience::Patient);
        assert_eq!(r.kind, Kind::NeedsClinician, "{q}");
        assert!(r.message.contains("care team"), "{q}");
        assert!(r.answers.is_empty());
    }
    // General questions about a medicine are answered.
    assert_eq!(
        reply("Why is everolimus taken every day?", Audience::Patient).kind,
        Kind::Answer
    );
}

#[test]
fn questions_not_about_nets_are_declined_honestly() {
    for q in [
        "What is the capital of Portugal?",
        "Can you recommend a good laptop for my son?",
        "how do I renew my passport",
    ] {
        let r = reply(q, Audience::Caregiver);
        assert_eq!(r.kind, Kind::OutOfScope, "{q}");
        assert!(r.message.contains("only covers"), "{q}");
        assert!(r.answers.is_empty() && r.topics.is_empty());
    }
}

#[test]
fn brand_names_lay_words_and_misspellings_find_the_topic() {
    for (q, topic) in [
        ("what is lutathera", "prrt"),
        ("how does the monthly shot work", "ssa"),
        ("what is a dotatate scan", "imaging_dotatate"),
        ("what does 5-HIAA measure", "markers_5hiaa_cga"),
        ("is Xermelo for diarrhea", "telotristat"),
        ("what is cabometyx", "cabozantinib"),
        ("what is an insulinomma", "functional_pnet"),
        ("embolisation of liver spots", "liver_directed"),
    ] {
        assert_eq!(top(q), Some(topic), "{q}");
    }
}

#[test]
fn each_reader_gets_passages_written_for_them() {
    for audience in Audience::ALL {
        let r = reply("Who can have PRRT?", audience);
        assert_eq!(r.kind, Kind::Answer);
        assert!(!r.answers.is_empty());
        for hit in &r.answers {
            let p = &index().passages[hit.passage];
            assert_eq!(p.audience, audience);
            assert_eq!(p.topic, "prrt");
            assert!(!p.text.is_empty());
        }
    }
}

#[test]
fn a_vague_question_leans_to_the_readers_own_tumor() {
    let profile = parse_profile(r#"{"site":"pancreas"}"#).unwrap();
    let q = "what treatments are there if it grows";
    let with = ask(index(), &kb().search, q, Audience::Patient, Some(&profile));
    let topics = with.topics.clone();
    assert!(topics.contains(&"pnet"), "{topics:?}");
    let without = reply(q, Audience::Patient);
    // Even a question of two words gets the reader's own topic.
    let next = ask(
        index(),
        &kb().search,
        "what next?",
        Audience::Patient,
        Some(&profile),
    );
    assert_eq!(next.kind, Kind::Answer);
    assert_eq!(next.topics.first(), Some(&"pnet"), "{:?}", next.topics);
    let rank = |r: &Reply| r.topics.iter().position(|t| *t == "pnet").unwrap_or(99);
    assert!(rank(&with) <= rank(&without));
}

#[test]
fn answers_cite_and_suggest_next_questions() {
    let q = "What side effects does PRRT cause?";
    let r = reply(q, Audience::Patient);
    assert_eq!(r.kind, Kind::Answer);
    let p = &index().passages[r.answers[0].passage];
    assert!(!p.cites.is_empty(), "{}", p.text);
    let view = net_guide::search::view::engine().ask(q, Audience::Patient, None);
    assert!(
        !view.suggestions.is_empty(),
        "{q}: a confident answer suggests what to ask next"
    );
}

#[test]
fn any_input_at_all_gets_a_reply_without_panicking() {
    let mut rng = Rng(0x5eed_cafe);
    let pieces = [
        "",
        " ",
        "\n\t",
        "é",
        "💉",
        "ß",
        "İ",
        "\u{0}",
        "\u{202e}",
        "<script>alert(1)</script>",
        "lutathera",
        "should I stop",
        "chest pain",
        "'",
        "\"",
        "*",
        "[[prrt]]",
        "{{dose:x}}",
        "a",
        "NET",
        "ki-67 20%",
        "ﬁ",
        "̈",
        "😀😀😀",
    ];
    for _ in 0..300 {
        let n = (rng.next() % 40) as usize;
        let q: String = (0..n)
            .map(|_| rng.pick(&pieces))
            .collect::<Vec<_>>()
            .join(" ");
        let audience = rng.pick(&Audience::ALL);
        let _ = reply(&q, audience);
    }
    for q in ["", "   ", "\n\n"] {
        let r = reply(q, Audience::Patient);
        assert_ne!(r.kind, Kind::Urgent);
        assert!(r.answers.is_empty());
    }
    // 10,000 characters of anything.
    let long: String = (0..10_000)
        .map(|i| char::from_u32(0x20 + (i * 7919) % 0x2FFF).unwrap_or('x'))
        .collect();
    let _ = reply(&long, Audience::Clinician);
}
