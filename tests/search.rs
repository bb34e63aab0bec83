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

#[test]
fn words_of_longer_names_alone_do_not_make_a_question_about_nets() {
    // "level" (of "5-HIAA level") and "year" (of "5-year survival") are everyday words.
    for q in [
        "What is a normal level for a man aged 65 years?",
        "How many years does a passport last?",
    ] {
        assert_eq!(reply(q, Audience::Patient).kind, Kind::OutOfScope, "{q}");
    }
    // Written whole, a name does ("the tumor" put to this guide is the reader's NET).
    for q in [
        "What is a normal 5-HIAA level?",
        "Is the flushing from the tumour?",
    ] {
        assert_eq!(reply(q, Audience::Patient).kind, Kind::Answer, "{q}");
    }
}

#[test]
fn suggested_questions_are_answered_and_fit_the_reader() {
    use net_guide::decide::Profile;
    use net_guide::search::view::{engine, suggestions};
    for topic in kb().topics {
        for audience in Audience::ALL {
            let offered = suggestions(kb(), Some(topic.id), audience, &Profile::default());
            for q in &offered {
                let view = engine().ask(q, audience, None);
                assert!(
                    !matches!(view.kind, Kind::NeedsClinician | Kind::Urgent),
                    "{}: suggested “{q}” is refused by a guardrail",
                    topic.id
                );
            }
            if audience == Audience::Clinician {
                let impersonal = topic
                    .questions
                    .iter()
                    .filter(|q| !q.to_lowercase().split(' ').any(|w| w == "my" || w == "i"))
                    .count();
                let personal_offered = offered
                    .iter()
                    .filter(|q| q.to_lowercase().split(' ').any(|w| w == "my" || w == "i"))
                    .count();
                assert!(
                    personal_offered == 0 || impersonal < offered.len(),
                    "{}: clinicians get first-person questions first: {offered:?}",
                    topic.id
                );
            }
        }
    }
}

#[test]
fn the_thread_keeps_the_latest_answers_only() {
    use net_guide::widget::{Action, WidgetState, THREAD_MAX};
    let mut state = WidgetState::new(Audience::Patient);
    for i in 0..(THREAD_MAX + 5) {
        state = state.reduce(Action::Ask(format!("what is octreotide {i}"), None));
    }
    assert_eq!(state.thread.len(), THREAD_MAX);
    assert_eq!(state.asked, THREAD_MAX + 5);
    assert!(state
        .thread
        .last()
        .unwrap()
        .question
        .ends_with(&format!("{}", THREAD_MAX + 4)));
    let empty = state.reduce(Action::Ask(" \u{0}\t ".into(), None));
    assert_eq!(
        empty.thread.len(),
        THREAD_MAX,
        "an empty question asks nothing"
    );
    assert!(empty
        .notices
        .iter()
        .any(|n| n.0.contains("Type a question")));
    let long = WidgetState::new(Audience::Patient).reduce(Action::Ask("é<b>".repeat(5000), None));
    assert!(long.thread[0].question.chars().count() <= 301);
}

#[test]
fn a_short_opening_line_is_answered_with_what_follows_it() {
    // Whichever topic answers, an opening line under 20 words never stands alone.
    let mut openings = 0;
    for q in [
        "what are the side effects of lutathera",
        "What does the shot do?",
        "What is a NET?",
    ] {
        for audience in Audience::ALL {
            let r = reply(q, audience);
            let first = &index().passages[r.answers[0].passage];
            if first.blocks.0 == 0 && first.text.split_whitespace().count() < 20 {
                openings += 1;
                let second = r.answers.get(1).map(|h| &index().passages[h.passage]);
                assert_eq!(
                    second.map(|p| (p.topic, p.blocks.0)),
                    Some((first.topic, first.blocks.1)),
                    "{q} ({audience:?}): “{}” needs what follows it",
                    first.text
                );
            }
        }
    }
    assert!(
        openings > 0,
        "these questions are answered by an opening line somewhere"
    );
}

#[test]
fn a_topic_questions_asked_from_its_page_are_answered_from_that_topic() {
    use net_guide::search::view::engine;
    // "What side effects does it cause?" under a medicine's page means that medicine's.
    for topic in kb().topics {
        for q in topic.questions {
            for audience in Audience::ALL {
                let r = engine().ask_in(q, audience, None, Some(topic.id));
                if matches!(r.kind, Kind::NeedsClinician | Kind::Urgent) {
                    continue;
                }
                assert_eq!(r.kind, Kind::Answer, "{}: {q}", topic.id);
                assert_eq!(
                    r.topics.first(),
                    Some(&topic.id),
                    "{} ({audience:?}): {q}",
                    topic.id
                );
            }
        }
    }
    // Elsewhere the same words go where they lead.
    let r = engine().ask_in(
        "What side effects does it cause?",
        Audience::Patient,
        None,
        Some("sunitinib"),
    );
    assert_eq!(r.topics.first(), Some(&"sunitinib"));
    let r = engine().ask_in(
        "What side effects does it cause?",
        Audience::Patient,
        None,
        Some("everolimus"),
    );
    assert_eq!(r.topics.first(), Some(&"everolimus"));
}

/// The search runs on any knowledge base it is given: two made-up topics and their own
/// search data, nothing from content/.
#[test]
fn the_search_works_on_fixture_content_passed_in() {
    use net_guide::kb::{KnowledgeBase, Review, Text, Topic};
    use net_guide::search::data::{GlossaryWords, GuardKind, Guardrail, SearchData};
    use net_guide::search::view::Engine;
    let text = |p: &'static str| Text::new(p, "");
    static TOPICS: std::sync::OnceLock<[Topic; 2]> = std::sync::OnceLock::new();
    let topics = TOPICS.get_or_init(|| {
        let topic = |id, title, body| Topic {
            id,
            title,
            texts: [text(body), text(body), text(body)],
            related: &[],
            questions: &[],
            drugs: &[],
            review: Review::UNREVIEWED,
        };
        [
            topic(
                "alpha",
                "Alpha wave therapy",
                "pAlpha therapy uses gentle waves.\npIt is given weekly.",
            ),
            topic(
                "beta",
                "Beta scans",
                "pA beta scan shows where the tumor is.\npIt takes an hour.",
            ),
        ]
    });
    static GUARDS: [Guardrail; 2] = [
        Guardrail {
            kind: GuardKind::Urgent,
            personal: false,
            triggers: &["cannot breathe"],
            messages: ["Call emergency services now."; 3],
        },
        Guardrail {
            kind: GuardKind::OutOfScope,
            personal: false,
            triggers: &[],
            messages: ["This guide only covers the fixture."; 3],
        },
    ];
    static GLOSSARY: [GlossaryWords; 1] = [GlossaryWords {
        term: "wavecure",
        synonyms: &["wave cure"],
        topic: "alpha",
    }];
    let kb: &'static KnowledgeBase = Box::leak(Box::new(KnowledgeBase {
        topics: topics.as_slice(),
        search: SearchData {
            keywords: &[("beta", &["scanning", "scan"])],
            glossary: &GLOSSARY,
            synonyms: &[&["tumor", "tumour"]],
            guardrails: &GUARDS,
        },
        ..*kb()
    }));
    let engine = Engine::new(kb);
    let answer = engine.ask("How often is wavecure given?", Audience::Patient, None);
    assert_eq!(
        (answer.kind, answer.topics.first()),
        (Kind::Answer, Some(&"alpha"))
    );
    assert!(
        answer.answers[0].text.contains("weekly"),
        "{:?}",
        answer.answers
    );
    let scan = engine.ask("how long does scanning take", Audience::Clinician, None);
    assert_eq!(scan.topics.first(), Some(&"beta"));
    assert!(scan.answers[0].id.starts_with("beta:clinician:"));
    let urgent = engine.ask("I cannot breathe", Audience::Patient, None);
    assert_eq!(
        (urgent.kind, urgent.message),
        (Kind::Urgent, "Call emergency services now.")
    );
    let away = engine.ask("Where is the best pizza?", Audience::Patient, None);
    assert_eq!(
        (away.kind, away.message),
        (Kind::OutOfScope, "This guide only covers the fixture.")
    );
}
