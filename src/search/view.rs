//! A reply as its reader and the host page receive it (SPEC §7): one view model, written
//! as JSON by the CLI (serde_json), handed to JavaScript by `handle.ask()`
//! (serde-wasm-bindgen) and drawn by the widget's thread, so the three never disagree.

use super::{ask_in, Hit, Index, Kind, Reply};
use crate::decide::profile::Profile;
use crate::kb::{kb, Audience, KnowledgeBase};
use serde::Serialize;

/// One passage of an answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnswerView {
    pub topic: &'static str,
    pub id: String,
    pub title: &'static str,
    pub text: String,
    pub cites: Vec<&'static str>,
    pub score: f32,
    /// Blocks `start..end` of the topic's text for the reply's audience: the widget draws
    /// them with their glossary words and numbered citations.
    #[serde(skip)]
    pub blocks: (usize, usize),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReplyView {
    pub kind: Kind,
    /// Guardrail or low-confidence words, shown before anything else ("" for an answer).
    pub message: &'static str,
    pub low_confidence: bool,
    pub answers: Vec<AnswerView>,
    /// General background under a needs-clinician or urgent message.
    pub background: Vec<AnswerView>,
    /// Topic ids the reply is about (or, when unsure, the closest ones), best first.
    pub topics: Vec<&'static str>,
    pub suggestions: Vec<&'static str>,
}

impl ReplyView {
    pub fn new(index: &Index, reply: &Reply) -> ReplyView {
        let passage = |h: &Hit| {
            let p = &index.passages[h.passage];
            AnswerView {
                topic: p.topic,
                id: p.id.clone(),
                title: p.title,
                text: p.text.clone(),
                cites: p.cites.clone(),
                score: (h.score * 100.0).round() / 100.0,
                blocks: p.blocks,
            }
        };
        ReplyView {
            kind: reply.kind,
            message: reply.message,
            low_confidence: reply.low_confidence,
            answers: reply.answers.iter().map(passage).collect(),
            background: reply.background.iter().map(passage).collect(),
            topics: reply.topics.clone(),
            suggestions: Vec::new(),
        }
    }
}

/// The search over one knowledge base: its index (built once) and its search data.
pub struct Engine {
    pub kb: &'static KnowledgeBase,
    pub index: Index,
}

impl Engine {
    pub fn new(kb: &'static KnowledgeBase) -> Engine {
        Engine {
            index: Index::build(kb, &kb.search),
            kb,
        }
    }

    /// The reply to `question`; a confident answer ends with questions to ask next about
    /// its topic.
    pub fn ask(&self, question: &str, audience: Audience, profile: Option<&Profile>) -> ReplyView {
        self.ask_in(question, audience, profile, None)
    }

    /// [`Engine::ask`] from inside a topic (see [`ask_in`]).
    pub fn ask_in(
        &self,
        question: &str,
        audience: Audience,
        profile: Option<&Profile>,
        topic: Option<&str>,
    ) -> ReplyView {
        let data = &self.kb.search;
        let reply = ask_in(&self.index, data, question, audience, profile, topic);
        let mut view = ReplyView::new(&self.index, &reply);
        if view.kind == Kind::Answer && !view.low_confidence {
            let topic = view.topics.first().copied();
            let no_profile = Profile::default();
            view.suggestions =
                suggestions(self.kb, topic, audience, profile.unwrap_or(&no_profile));
        }
        view
    }
}

/// The compiled knowledge base's engine, built at the first question (not at start-up, so a
/// reader who never asks never pays for it).
pub fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(kb()))
}

/// Words that make a suggested question the reader's own ("my", "I"): right for patients
/// and caregivers, odd for a clinician.
fn first_person(question: &str) -> bool {
    super::text::words(question, 64)
        .iter()
        .any(|w| matches!(w.as_str(), "i" | "im" | "my" | "me" | "we" | "our"))
}

/// Topics whose questions open the follow-up box when nothing more specific is known.
const STARTER_TOPICS: [&str; 3] = ["definition", "grading", "ssa"];

/// A few questions to offer under the article, a topic or the tailored results: the open
/// topic's own, else the reader's tumor site's, else a general start. Never one the
/// guardrails would turn away, and for clinicians questions not written in the first person
/// come first.
pub fn suggestions(
    kb: &'static KnowledgeBase,
    topic: Option<&str>,
    audience: Audience,
    profile: &Profile,
) -> Vec<&'static str> {
    let topics: Vec<&str> = match (topic, super::site_topic(Some(profile))) {
        (Some(t), _) => vec![t],
        (None, Some(site)) => vec![site, "prognosis"],
        (None, None) => STARTER_TOPICS.to_vec(),
    };
    let mut pool: Vec<&'static str> = Vec::new();
    // One question per topic first, so a general start covers several topics.
    for round in 0..4 {
        for t in &topics {
            if let Some(q) = kb.topic(t).and_then(|t| t.questions.get(round)) {
                if super::guard(q, &kb.search).is_none() && !pool.contains(q) {
                    pool.push(q);
                }
            }
        }
    }
    if audience == Audience::Clinician {
        let (impersonal, personal): (Vec<_>, Vec<_>) =
            pool.into_iter().partition(|q| !first_person(q));
        pool = impersonal.into_iter().chain(personal).collect();
    }
    pool.truncate(3);
    pool
}
