//! A reply as its reader and the host page receive it (SPEC §7): one view model, written
//! as JSON by the CLI (serde_json), handed to JavaScript by `handle.ask()`
//! (serde-wasm-bindgen) and drawn by the widget's thread, so the three never disagree.

use super::data::SearchData;
use super::{ask, Hit, Index, Kind, Reply};
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
            suggestions: reply.suggestions.clone(),
        }
    }
}

/// The search over one knowledge base: its index (built once) and its search data.
pub struct Engine {
    pub index: Index,
    pub data: &'static SearchData,
}

impl Engine {
    pub fn new(kb: &KnowledgeBase, data: &'static SearchData) -> Engine {
        Engine {
            index: Index::build(kb, data),
            data,
        }
    }

    pub fn ask(&self, question: &str, audience: Audience, profile: Option<&Profile>) -> ReplyView {
        let reply = ask(&self.index, self.data, question, audience, profile);
        ReplyView::new(&self.index, &reply)
    }
}

/// The compiled knowledge base's engine, built at the first question (not at start-up, so a
/// reader who never asks never pays for it).
pub fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(kb(), &kb().search))
}
