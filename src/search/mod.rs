//! Follow-up questions answered from the knowledge base, offline: guardrails first (urgent,
//! needs a clinician), then a BM25 search over every topic passage with the topic's title,
//! keywords and glossary words as extra fields, synonyms and misspellings folded in, the
//! reader's audience and tumor site preferred. Plain Rust; the knowledge base and the
//! search data are passed in, so everything can be tested on fixture content.

pub mod data;
pub mod text;

use crate::decide::profile::Profile;
use crate::kb::{Audience, Block, KnowledgeBase};
use data::{GuardKind, SearchData};
use std::collections::{HashMap, HashSet};

/// Longest question read (characters beyond are ignored, never an error).
pub const MAX_QUESTION_WORDS: usize = 200;

/// One searchable paragraph or list of a topic, for one audience.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    pub id: String,
    pub topic: &'static str,
    pub title: &'static str,
    pub audience: Audience,
    pub text: String,
    pub cites: Vec<&'static str>,
}

/// Every topic's paragraphs and lists, for every audience (`net-guide passages`).
pub fn passages(kb: &KnowledgeBase) -> Vec<Passage> {
    let mut out = Vec::new();
    for topic in kb.topics {
        for audience in Audience::ALL {
            let blocks = topic.text(audience).blocks();
            let mut n = 0;
            while n < blocks.len() {
                let (at, block) = (n, &blocks[n]);
                n += 1;
                if matches!(block, Block::Heading(_)) {
                    continue;
                }
                let mut cites = Vec::new();
                crate::kb::note_citations(block, &mut cites);
                let mut text = crate::kb::block_text(block);
                // A lead-in ("Next steps depend on:") and its list answer together.
                if text.ends_with(':') {
                    if let Some(list @ Block::List(_)) = blocks.get(n) {
                        crate::kb::note_citations(list, &mut cites);
                        text.push(' ');
                        text.push_str(&crate::kb::block_text(list));
                        n += 1;
                    }
                }
                out.push(Passage {
                    id: format!("{}:{}:{}", topic.id, audience.id(), at),
                    topic: topic.id,
                    title: topic.title,
                    audience,
                    text,
                    cites,
                });
            }
        }
    }
    out
}

/// What kind of reply a question gets (SPEC §7).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Answer,
    NeedsClinician,
    Urgent,
    OutOfScope,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::Answer => "answer",
            Kind::NeedsClinician => "needs_clinician",
            Kind::Urgent => "urgent",
            Kind::OutOfScope => "out_of_scope",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub passage: usize,
    pub score: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub kind: Kind,
    /// The guardrail's words, shown first (empty for a plain answer).
    pub message: &'static str,
    /// The search found something, but not confidently: `topics` are the closest ones.
    pub low_confidence: bool,
    /// Best passages for the audience, best first (empty unless `kind` is answer).
    pub answers: Vec<Hit>,
    /// Background passages under a needs-clinician or urgent message.
    pub background: Vec<Hit>,
    /// Topics the reply is about, best first.
    pub topics: Vec<&'static str>,
    pub suggestions: Vec<&'static str>,
}

/// Field weights: a word in a topic's title or keywords says more than one in its text.
const TITLE_WEIGHT: f32 = 2.5;
const KEYWORD_WEIGHT: f32 = 2.0;
const GLOSSARY_WEIGHT: f32 = 1.2;
const SYNONYM_WEIGHT: f32 = 0.6;
const TYPO_WEIGHT: f32 = 0.7;
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Topics (id, score, best passage) best first; whether the question is about NETs; every
/// passage's score.
type Ranking = (Vec<(&'static str, f32, usize)>, bool, Vec<f32>);

/// The search index over `passages(kb)`, built once.
pub struct Index {
    pub passages: Vec<Passage>,
    vocab: HashMap<String, usize>,
    /// Per term: (passage, count) of every passage whose text has it.
    postings: Vec<Vec<(usize, f32)>>,
    lengths: Vec<f32>,
    average_length: f32,
    document_frequency: Vec<f32>,
    /// Per topic id: terms of its title, keywords and glossary words, with weights.
    topic_fields: HashMap<&'static str, HashMap<usize, f32>>,
    /// Phrases (as stemmed word lists) that stand for one another.
    groups: Vec<Vec<Vec<String>>>,
    /// How many topics name each term in their title, keywords or glossary words.
    field_frequency: HashMap<usize, f32>,
    /// Terms that say a question is about NETs at all.
    domain: HashSet<usize>,
    topic_order: Vec<&'static str>,
    questions: HashMap<&'static str, &'static [&'static str]>,
}

fn stems(phrase: &str) -> Vec<String> {
    text::words(phrase, 32)
        .iter()
        .map(|w| text::stem(w))
        .collect()
}

impl Index {
    pub fn build(kb: &KnowledgeBase, data: &SearchData) -> Index {
        let passages = passages(kb);
        let mut vocab: HashMap<String, usize> = HashMap::new();
        let intern = |t: &str, vocab: &mut HashMap<String, usize>| {
            let n = vocab.len();
            *vocab.entry(t.to_string()).or_insert(n)
        };
        let mut docs = Vec::new();
        for p in &passages {
            let mut counts: HashMap<usize, f32> = HashMap::new();
            for t in text::terms(&p.text, 10_000) {
                *counts.entry(intern(&t, &mut vocab)).or_insert(0.0) += 1.0;
            }
            docs.push(counts.into_iter().collect::<Vec<_>>());
        }
        let mut topic_fields: HashMap<&'static str, HashMap<usize, f32>> = HashMap::new();
        let mut domain = HashSet::new();
        let mut add = |topic: &'static str,
                       phrase: &str,
                       weight: f32,
                       vocab: &mut HashMap<String, usize>,
                       domain: &mut HashSet<usize>| {
            for t in text::terms(phrase, 64) {
                let id = intern(&t, vocab);
                domain.insert(id);
                let slot = topic_fields
                    .entry(topic)
                    .or_default()
                    .entry(id)
                    .or_insert(0.0);
                *slot = slot.max(weight);
            }
        };
        for t in kb.topics {
            add(t.id, t.title, TITLE_WEIGHT, &mut vocab, &mut domain);
        }
        for (topic, words) in data.keywords {
            if let Some(t) = kb.topic(topic) {
                for w in *words {
                    add(t.id, w, KEYWORD_WEIGHT, &mut vocab, &mut domain);
                }
            }
        }
        let mut groups: Vec<Vec<Vec<String>>> = Vec::new();
        for g in data.glossary {
            let all: Vec<&str> = std::iter::once(g.term)
                .chain(g.synonyms.iter().copied())
                .collect();
            if let Some(t) = kb.topic(g.topic) {
                for w in &all {
                    add(t.id, w, GLOSSARY_WEIGHT, &mut vocab, &mut domain);
                }
            }
            groups.push(all.iter().map(|w| stems(w)).collect());
        }
        for g in data.synonyms {
            for w in *g {
                for t in text::terms(w, 16) {
                    domain.insert(intern(&t, &mut vocab));
                }
            }
            groups.push(g.iter().map(|w| stems(w)).collect());
        }
        let mut postings: Vec<Vec<(usize, f32)>> = vec![Vec::new(); vocab.len()];
        for (passage, d) in docs.iter().enumerate() {
            for &(t, count) in d {
                postings[t].push((passage, count));
            }
        }
        let document_frequency: Vec<f32> = postings.iter().map(|p| p.len() as f32).collect();
        let mut field_frequency: HashMap<usize, f32> = HashMap::new();
        for fields in topic_fields.values() {
            for &t in fields.keys() {
                *field_frequency.entry(t).or_insert(0.0) += 1.0;
            }
        }
        let lengths: Vec<f32> = docs
            .iter()
            .map(|d| d.iter().map(|(_, c)| c).sum())
            .collect();
        let average_length = lengths.iter().sum::<f32>() / lengths.len().max(1) as f32;
        Index {
            topic_order: kb.topics.iter().map(|t| t.id).collect(),
            questions: kb.topics.iter().map(|t| (t.id, t.questions)).collect(),
            passages,
            vocab,
            postings,
            lengths,
            average_length,
            document_frequency,
            topic_fields,
            field_frequency,
            groups,
            domain,
        }
    }

    fn idf(&self, term: usize) -> f32 {
        let n = self.passages.len() as f32;
        let df = self.document_frequency.get(term).copied().unwrap_or(0.0);
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// A title or keyword word that many topics share (NET, tumor) says little.
    fn field_idf(&self, term: usize) -> f32 {
        let topics = self.topic_order.len() as f32;
        let f = self.field_frequency.get(&term).copied().unwrap_or(0.0);
        (topics / (f + 0.5)).ln().max(0.0) * 1.5
    }

    /// Query terms with weights, and whether each was written (or reached by a synonym)
    /// rather than guessed from a misspelling.
    fn query_terms(&self, question: &str) -> Vec<(usize, f32, bool)> {
        let all_words: Vec<String> = text::words(question, MAX_QUESTION_WORDS)
            .iter()
            .map(|w| text::stem(w))
            .collect();
        let mut weights: HashMap<usize, (f32, bool)> = HashMap::new();
        let put = |t: usize, w: f32, sure: bool, weights: &mut HashMap<usize, (f32, bool)>| {
            let slot = weights.entry(t).or_insert((0.0, false));
            slot.0 = slot.0.max(w);
            slot.1 |= sure;
        };
        for raw in text::words(question, MAX_QUESTION_WORDS) {
            if text::is_stop(&raw) {
                continue;
            }
            let t = text::stem(&raw);
            if let Some(&id) = self.vocab.get(&t) {
                put(id, 1.0, true, &mut weights);
            } else if t.len() >= 4 {
                // A long misspelled word rarely lands on another word by chance, so it may
                // say the question is about NETs ("insulinomma"); a short one may not
                // ("mother" is one letter from "other").
                let sure = t.len() >= 7;
                let max = if t.len() >= 8 { 2 } else { 1 };
                for (word, &id) in &self.vocab {
                    if word.len() >= 4 && text::within_edits(&t, word, max) {
                        put(id, TYPO_WEIGHT, sure, &mut weights);
                    }
                }
            }
        }
        // A group is reached through a telling word: "net" or "tumor", in nearly every
        // passage, would pull in every other name for a NET and blur the question.
        let telling = |phrase: &Vec<String>| {
            phrase
                .iter()
                .any(|t| self.vocab.get(t).is_some_and(|&id| self.idf(id) >= 2.0))
        };
        for group in &self.groups {
            let hit = group.iter().any(|phrase| {
                !phrase.is_empty()
                    && telling(phrase)
                    && all_words
                        .windows(phrase.len())
                        .any(|w| w == phrase.as_slice())
            });
            if hit {
                // One-word names only: the other words of a longer one ("lung carcinoid")
                // would pull the question towards what they name.
                for phrase in group {
                    let words: Vec<&String> = phrase.iter().filter(|t| !text::is_stop(t)).collect();
                    if let [t] = words.as_slice() {
                        if let Some(&id) = self.vocab.get(*t) {
                            put(id, SYNONYM_WEIGHT, true, &mut weights);
                        }
                    }
                }
            }
        }
        weights
            .into_iter()
            .map(|(t, (w, sure))| (t, w, sure))
            .collect()
    }

    /// BM25 score of every passage written for `audience` (0 for the others).
    fn passage_scores(&self, query: &[(usize, f32)], audience: Audience) -> Vec<f32> {
        let mut scores = vec![0.0f32; self.passages.len()];
        for &(t, w) in query {
            let idf = self.idf(t);
            for &(i, tf) in self.postings.get(t).map_or(&[][..], Vec::as_slice) {
                if self.passages[i].audience != audience {
                    continue;
                }
                let norm = K1 * (1.0 - B + B * self.lengths[i] / self.average_length.max(1.0));
                scores[i] += w * idf * tf * (K1 + 1.0) / (tf + norm);
            }
        }
        scores
    }

    /// Topics ranked for `question`, with the best passage of each for `audience`; whether
    /// the question is about NETs; and every passage's score (for a second passage).
    fn rank(
        &self,
        question: &str,
        audience: Audience,
        site_topic: Option<&'static str>,
    ) -> Ranking {
        let terms = self.query_terms(question);
        let about_nets = terms
            .iter()
            .any(|(t, _, sure)| *sure && self.domain.contains(t));
        let query: Vec<(usize, f32)> = terms.iter().map(|&(t, w, _)| (t, w)).collect();
        let scores = self.passage_scores(&query, audience);
        let mut best: HashMap<&'static str, (f32, usize)> = HashMap::new();
        for (i, &score) in scores.iter().enumerate().filter(|(_, s)| **s > 0.0) {
            let entry = best.entry(self.passages[i].topic).or_insert((0.0, i));
            if score > entry.0 {
                *entry = (score, i);
            }
        }
        // A topic counts by its best passage for this reader plus its title, keyword and
        // glossary words (a topic can match on those alone: its first passage is shown).
        let mut ranked: Vec<(&'static str, f32, usize)> = Vec::new();
        for &topic in &self.topic_order {
            let fields = self.topic_fields.get(topic);
            let field_score: f32 = query
                .iter()
                .filter_map(|&(t, w)| {
                    fields
                        .and_then(|f| f.get(&t))
                        .map(|fw| w * fw * self.field_idf(t))
                })
                .sum();
            let passage = best.get(topic).copied().or_else(|| {
                (field_score > 0.0).then(|| {
                    let first = self
                        .passages
                        .iter()
                        .position(|p| p.topic == topic && p.audience == audience);
                    (0.0, first.unwrap_or(0))
                })
            });
            if let Some((score, passage)) = passage {
                ranked.push((topic, score + field_score, passage));
            }
        }
        // The reader's own tumor site is what a vague question is most likely about: its
        // topic gains a share of the best score, enough to lead only when nothing stands out.
        let best_score = ranked.iter().map(|r| r.1).fold(0.0, f32::max);
        if let Some(site) = site_topic {
            match ranked.iter_mut().find(|r| r.0 == site) {
                Some(r) => r.1 += 0.6 * best_score,
                // "What next?" from a reader who said where the tumor is: that topic.
                None => {
                    if let Some(first) = self
                        .passages
                        .iter()
                        .position(|p| p.topic == site && p.audience == audience)
                    {
                        ranked.push((site, 0.6 * best_score + 0.1, first));
                    }
                }
            }
        }
        let order = |t: &str| {
            self.topic_order
                .iter()
                .position(|x| *x == t)
                .unwrap_or(usize::MAX)
        };
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(order(a.0).cmp(&order(b.0))));
        (ranked, about_nets, scores)
    }

    /// The best other passage of `topic` (after `first`), by the scores `rank` gave.
    fn more_from(&self, topic: &str, first: usize, scores: &[f32]) -> Option<Hit> {
        scores
            .iter()
            .enumerate()
            .filter(|&(i, &s)| i != first && s > 0.0 && self.passages[i].topic == topic)
            .map(|(i, &score)| Hit { passage: i, score })
            .max_by(|a, b| a.score.total_cmp(&b.score))
    }
}

/// Words that make a question about the reader or someone they care for.
const PERSONAL: [&str; 30] = [
    "i", "im", "ive", "id", "my", "me", "mine", "we", "our", "us", "she", "he", "her", "his",
    "him", "mom", "mum", "dad", "wife", "husband", "son", "daughter", "brother", "sister",
    "mother", "father", "partner", "friend", "child", "baby",
];

/// One word of a guardrail trigger.
enum Pattern {
    Any,
    Prefix(String),
    Exact(String),
}

/// Does a trigger ("should i stop", "chest * hurt", "bp 7*") occur in the stemmed words?
fn matches(words: &[String], trigger: &str) -> bool {
    let mut pattern = Vec::new();
    for token in trigger.split_whitespace() {
        if token == "*" {
            pattern.push(Pattern::Any);
        } else if let Some(prefix) = token.strip_suffix('*') {
            pattern.extend(text::words(prefix, 4).into_iter().map(Pattern::Prefix));
        } else {
            pattern.extend(
                text::words(token, 4)
                    .iter()
                    .map(|w| Pattern::Exact(text::stem(w))),
            );
        }
    }
    if pattern.is_empty() || pattern.len() > words.len() {
        return false;
    }
    words.windows(pattern.len()).any(|window| {
        window.iter().zip(&pattern).all(|(w, p)| match p {
            Pattern::Any => true,
            Pattern::Prefix(prefix) => w.starts_with(prefix.as_str()),
            Pattern::Exact(exact) => w == exact,
        })
    })
}

/// The guardrail that fires for `question`, if any (urgent before needs-clinician).
pub fn guard(question: &str, data: &SearchData) -> Option<GuardKind> {
    let raw = text::words(question, MAX_QUESTION_WORDS);
    let stemmed: Vec<String> = raw.iter().map(|w| text::stem(w)).collect();
    let personal = raw.iter().any(|w| PERSONAL.contains(&w.as_str()));
    [GuardKind::Urgent, GuardKind::NeedsClinician]
        .into_iter()
        .find(|kind| {
            data.guardrail(*kind).is_some_and(|g| {
                (!g.personal || personal) && g.triggers.iter().any(|t| matches(&stemmed, t))
            })
        })
}

/// The topic that a profile's tumor site points to, preferred when a question is vague.
fn site_topic(profile: Option<&Profile>) -> Option<&'static str> {
    let site = profile?.site?;
    Some(match site {
        "pancreas" => "pnet",
        "small_intestine" => "si_net",
        "appendix" => "appendix",
        "rectum" => "rectal",
        "stomach" => "gastric",
        "lung" => "lung_net",
        _ => return None,
    })
}

/// Scores below this (for the best topic) are too weak to call an answer.
const CONFIDENT: f32 = 4.0;

/// Answers one follow-up question.
pub fn ask(
    index: &Index,
    data: &SearchData,
    question: &str,
    audience: Audience,
    profile: Option<&Profile>,
) -> Reply {
    let message = |kind: GuardKind| {
        data.guardrail(kind)
            .map_or("", |g| g.messages[audience.index()])
    };
    let site = site_topic(profile);
    let (ranked, about_nets, scores) = index.rank(question, audience, site);
    // A reader who told us about their tumor is asking about it, even in few words.
    let about_nets = about_nets || site.is_some() && !text::words(question, 8).is_empty();
    let top: Vec<(&'static str, f32, usize)> = ranked
        .iter()
        .filter(|r| r.1 > 0.0)
        .take(3)
        .copied()
        .collect();
    let topics: Vec<&'static str> = top.iter().map(|r| r.0).collect();
    let suggestions = |topic: Option<&str>| -> Vec<&'static str> {
        topic
            .and_then(|t| index.questions.get(t))
            .map(|q| q.iter().take(3).copied().collect())
            .unwrap_or_default()
    };
    let background: Vec<Hit> = top
        .iter()
        .take(1)
        .map(|r| Hit {
            passage: r.2,
            score: r.1,
        })
        .collect();
    if let Some(kind) = guard(question, data) {
        return Reply {
            kind: if kind == GuardKind::Urgent {
                Kind::Urgent
            } else {
                Kind::NeedsClinician
            },
            message: message(kind),
            low_confidence: false,
            answers: Vec::new(),
            background: if about_nets { background } else { Vec::new() },
            topics: if about_nets { topics } else { Vec::new() },
            suggestions: Vec::new(),
        };
    }
    if !about_nets {
        return Reply {
            kind: Kind::OutOfScope,
            message: message(GuardKind::OutOfScope),
            low_confidence: false,
            answers: Vec::new(),
            background: Vec::new(),
            topics: Vec::new(),
            suggestions: Vec::new(),
        };
    }
    let Some(&(best, score, passage)) = top.first() else {
        return Reply {
            kind: Kind::Answer,
            message: message(GuardKind::LowConfidence),
            low_confidence: true,
            answers: Vec::new(),
            background: Vec::new(),
            topics: Vec::new(),
            suggestions: Vec::new(),
        };
    };
    let low = score < CONFIDENT;
    let mut answers = vec![Hit { passage, score }];
    if !low {
        answers.extend(index.more_from(best, passage, &scores));
    }
    Reply {
        kind: Kind::Answer,
        message: if low {
            message(GuardKind::LowConfidence)
        } else {
            ""
        },
        low_confidence: low,
        answers,
        background: Vec::new(),
        suggestions: suggestions(Some(best)),
        topics,
    }
}
