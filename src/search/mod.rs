//! Follow-up questions answered from the knowledge base, offline: guardrails first (urgent,
//! needs a clinician), then a BM25 search over every topic passage with the topic's title,
//! keywords and glossary words as extra fields, synonyms and misspellings folded in, the
//! reader's audience and tumor site preferred. Plain Rust; the knowledge base and the
//! search data are passed in, so everything can be tested on fixture content.

pub mod data;
pub mod text;
pub mod view;

use crate::decide::profile::Profile;
use crate::kb::{Audience, Block, KnowledgeBase};
use data::{GuardKind, SearchData};

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
    /// Where it sits in the topic's text for its audience: blocks `start..end`.
    pub blocks: (usize, usize),
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
                    blocks: (at, n),
                });
            }
        }
    }
    out
}

/// What kind of reply a question gets (SPEC §7).
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize)]
#[serde(rename_all = "snake_case")]
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
}

/// Field weights: a word in a topic's title or keywords says more than one in its text.
const TITLE_WEIGHT: f32 = 2.5;
const KEYWORD_WEIGHT: f32 = 2.0;
const GLOSSARY_WEIGHT: f32 = 1.2;
const SYNONYM_WEIGHT: f32 = 0.6;
const TYPO_WEIGHT: f32 = 0.7;
const K1: f32 = 1.2;
/// Passage idf above which a written word is this guide's own (used by under ten passages).
const RARE_IDF: f32 = 5.0;
const B: f32 = 0.75;

/// Topics (index, score, best passage) best first; whether the question is about NETs;
/// every passage's score.
type Ranking = (Vec<(usize, f32, usize)>, bool, Vec<f32>);

/// Words to numbers: an open-addressing table of its own (FNV-1a, linear probing). The
/// std HashMap adds kilobytes of wasm per key type; this is one small type.
#[derive(Default)]
struct Vocab {
    words: Vec<String>,
    /// Word number + 1 per slot (0 = free); the length is a power of two.
    slots: Vec<u32>,
}

impl Vocab {
    fn slot(&self, word: &str) -> usize {
        let hash = word.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        while let Some(id) = self.slots[at].checked_sub(1) {
            if self.words[id as usize] == word {
                break;
            }
            at = (at + 1) & mask;
        }
        at
    }

    fn get(&self, word: &str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        (self.slots[self.slot(word)] as usize).checked_sub(1)
    }

    fn intern(&mut self, word: &str) -> usize {
        if self.words.len() * 2 >= self.slots.len() {
            // Grow at half full, so probes stay short and a free slot always exists.
            let size = (self.slots.len() * 2).max(1024);
            self.slots = vec![0; size];
            for id in 0..self.words.len() {
                let at = self.slot(&self.words[id]);
                self.slots[at] = id as u32 + 1;
            }
        }
        let at = self.slot(word);
        match self.slots[at] {
            0 => {
                self.words.push(word.to_string());
                self.slots[at] = self.words.len() as u32;
                self.words.len() - 1
            }
            id => id as usize - 1,
        }
    }
}

/// Weighted terms: (term, weight, sure).
type Terms = Vec<(usize, f32, bool)>;

/// Adds `weight` to term `t` in a short list of weighted terms (keeps the larger weight and
/// whether any source was sure).
fn put(list: &mut Vec<(usize, f32, bool)>, t: usize, weight: f32, sure: bool) {
    match list.iter_mut().find(|e| e.0 == t) {
        Some(e) => {
            e.1 = e.1.max(weight);
            e.2 |= sure;
        }
        None => list.push((t, weight, sure)),
    }
}

/// The search index over `passages(kb)`, built once.
pub struct Index {
    pub passages: Vec<Passage>,
    /// Per passage: its topic's position in `topics`.
    passage_topic: Vec<usize>,
    vocab: Vocab,
    /// Per term: (passage, count) of every passage whose text has it.
    postings: Vec<Vec<(usize, f32)>>,
    lengths: Vec<f32>,
    average_length: f32,
    /// Per topic (knowledge-base order): its id and the terms of
    /// its title, keywords and glossary words with their weights.
    topics: Vec<(&'static str, Terms)>,
    /// Phrases (as stemmed word lists) that stand for one another.
    groups: Vec<Vec<Vec<String>>>,
    /// Per term: how many topics name it in their title, keywords or glossary words.
    field_frequency: Vec<f32>,
    /// Names (term sequences) that say a question is about NETs when written whole.
    domain: Vec<Vec<usize>>,
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
        let mut vocab = Vocab::default();
        let mut docs = Vec::new();
        for p in &passages {
            let mut counts: Vec<(usize, f32, bool)> = Vec::new();
            for t in text::terms(&p.text, 10_000) {
                let id = vocab.intern(&t);
                match counts.iter_mut().find(|e| e.0 == id) {
                    Some(e) => e.1 += 1.0,
                    None => counts.push((id, 1.0, true)),
                }
            }
            docs.push(counts);
        }
        let position = |id: &str| kb.topics.iter().position(|t| t.id == id);
        let mut topics: Vec<_> = kb.topics.iter().map(|t| (t.id, Vec::new())).collect();
        let mut add = |topic: usize, phrase: &str, weight: f32, vocab: &mut Vocab| {
            for t in text::terms(phrase, 64) {
                let id = vocab.intern(&t);
                put(&mut topics[topic].1, id, weight, true);
            }
        };
        for (i, t) in kb.topics.iter().enumerate() {
            add(i, t.title, TITLE_WEIGHT, &mut vocab);
        }
        for (topic, words) in data.keywords {
            if let Some(i) = position(topic) {
                for w in *words {
                    add(i, w, KEYWORD_WEIGHT, &mut vocab);
                }
            }
        }
        let mut groups: Vec<Vec<Vec<String>>> = Vec::new();
        for g in data.glossary {
            let all: Vec<&str> = std::iter::once(g.term)
                .chain(g.synonyms.iter().copied())
                .collect();
            if let Some(i) = position(g.topic) {
                for w in &all {
                    add(i, w, GLOSSARY_WEIGHT, &mut vocab);
                }
            }
            groups.push(all.iter().map(|w| stems(w)).collect());
        }
        for g in data.synonyms {
            groups.push(g.iter().map(|w| stems(w)).collect());
        }
        // What makes a question about NETs: a keyword, glossary word or synonym written out
        // whole. Words of longer names ("level" of "5-HIAA level", "year" of "5-year
        // survival") say nothing alone.
        let mut domain: Vec<Vec<usize>> = Vec::new();
        let names = data.keywords.iter().flat_map(|(_, words)| words.iter());
        let glossary = data
            .glossary
            .iter()
            .flat_map(|g| std::iter::once(&g.term).chain(g.synonyms.iter()));
        for name in names
            .chain(glossary)
            .chain(data.synonyms.iter().flat_map(|g| g.iter()))
        {
            let phrase: Vec<usize> = text::terms(name, 16)
                .iter()
                .map(|t| vocab.intern(t))
                .collect();
            if !phrase.is_empty() && !domain.contains(&phrase) {
                domain.push(phrase);
            }
        }
        let mut postings: Vec<Vec<(usize, f32)>> = vec![Vec::new(); vocab.words.len()];
        for (passage, d) in docs.iter().enumerate() {
            for &(t, count, _) in d {
                postings[t].push((passage, count));
            }
        }
        let mut field_frequency = vec![0.0f32; vocab.words.len()];
        for (_, fields) in &topics {
            for &(t, _, _) in fields {
                field_frequency[t] += 1.0;
            }
        }
        let lengths: Vec<f32> = docs.iter().map(|d| d.iter().map(|e| e.1).sum()).collect();
        let average_length = lengths.iter().sum::<f32>() / lengths.len().max(1) as f32;
        Index {
            passage_topic: passages
                .iter()
                .map(|p| position(p.topic).unwrap_or(0))
                .collect(),
            passages,
            vocab,
            postings,
            lengths,
            average_length,
            topics,
            field_frequency,
            groups,
            domain,
        }
    }

    fn idf(&self, term: usize) -> f32 {
        let n = self.passages.len() as f32;
        let df = self.postings.get(term).map_or(0, Vec::len) as f32;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// A title or keyword word that many topics share (NET, tumor) says little.
    fn field_idf(&self, term: usize) -> f32 {
        let topics = self.topics.len() as f32;
        let f = self.field_frequency.get(term).copied().unwrap_or(0.0);
        (topics / (f + 0.5)).ln().max(0.0) * 1.5
    }

    /// Query terms with weights, and whether each was written (or reached by a synonym)
    /// rather than guessed from a misspelling.
    fn query_terms(&self, question: &str) -> Vec<(usize, f32, bool)> {
        let raw_words = text::words(question, MAX_QUESTION_WORDS);
        let all_words: Vec<String> = raw_words.iter().map(|w| text::stem(w)).collect();
        let mut weights = Vec::new();
        for (raw, t) in raw_words.iter().zip(&all_words) {
            if text::is_stop(raw) {
                continue;
            }
            if let Some(id) = self.vocab.get(t) {
                put(&mut weights, id, 1.0, true);
            } else if t.len() >= 4 {
                // A long misspelled word rarely lands on another word by chance, so it may
                // say the question is about NETs ("insulinomma"); a short one may not
                // ("mother" is one letter from "other").
                let sure = t.len() >= 7;
                let max = if t.len() >= 8 { 2 } else { 1 };
                // Misspellings keep the first letter (or swap the first two): checking only
                // those words keeps a question well under a millisecond.
                let b = t.as_bytes();
                let near = |w: &[u8]| w[0] == b[0] || (w[0] == b[1] && w[1] == b[0]);
                for (id, word) in self.vocab.words.iter().enumerate() {
                    if word.len() >= 4 && near(word.as_bytes()) && text::within_edits(t, word, max)
                    {
                        put(&mut weights, id, TYPO_WEIGHT, sure);
                    }
                }
            }
        }
        // A group is reached through a telling word: "net" or "tumor", in nearly every
        // passage, would pull in every other name for a NET and blur the question.
        let telling = |phrase: &Vec<String>| {
            phrase
                .iter()
                .any(|t| self.vocab.get(t).is_some_and(|id| self.idf(id) >= 2.0))
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
                        if let Some(id) = self.vocab.get(t) {
                            put(&mut weights, id, SYNONYM_WEIGHT, true);
                        }
                    }
                }
            }
        }
        weights
    }

    /// BM25 score of every passage written for `audience` (0 for the others).
    fn passage_scores(&self, query: &[(usize, f32, bool)], audience: Audience) -> Vec<f32> {
        let mut scores = vec![0.0f32; self.passages.len()];
        for &(t, w, _) in query {
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

    /// The first passage of topic `topic` for `audience` (what a title match shows).
    fn first_passage(&self, topic: usize, audience: Audience) -> Option<usize> {
        (0..self.passages.len())
            .find(|&i| self.passage_topic[i] == topic && self.passages[i].audience == audience)
    }

    /// Topics ranked for `question`, with the best passage of each for `audience`; whether
    /// the question is about NETs; and every passage's score (for a second passage).
    fn rank(&self, question: &str, audience: Audience, prefer: Option<(&str, f32)>) -> Ranking {
        let query = self.query_terms(question);
        let written: Vec<Option<usize>> = text::terms(question, MAX_QUESTION_WORDS)
            .iter()
            .map(|t| self.vocab.get(t))
            .collect();
        let named = self.domain.iter().any(|phrase| match phrase.as_slice() {
            [t] => query.iter().any(|q| q.0 == *t && q.2),
            long => written
                .windows(long.len())
                .any(|w| w.iter().zip(long).all(|(a, b)| *a == Some(*b))),
        });
        // A long word written exactly that only a handful of passages use
        // ("mesoappendiceal") is this guide's own vocabulary; short rare ones ("laptop",
        // "aged") are not.
        let rare = written
            .iter()
            .flatten()
            .any(|&t| self.vocab.words[t].len() >= 10 && self.idf(t) >= RARE_IDF);
        let about_nets = named || rare;
        let scores = self.passage_scores(&query, audience);
        let mut best: Vec<Option<(f32, usize)>> = vec![None; self.topics.len()];
        for (i, &score) in scores.iter().enumerate().filter(|(_, s)| **s > 0.0) {
            let entry = &mut best[self.passage_topic[i]];
            if entry.is_none_or(|(s, _)| score > s) {
                *entry = Some((score, i));
            }
        }
        // A topic counts by its best passage for this reader plus its title, keyword and
        // glossary words (a topic can match on those alone: its first passage is shown).
        let mut ranked: Vec<(usize, f32, usize)> = Vec::new();
        for (topic, (_, fields)) in self.topics.iter().enumerate() {
            let field_score: f32 = query
                .iter()
                .filter_map(|&(t, w, _)| {
                    fields
                        .iter()
                        .find(|f| f.0 == t)
                        .map(|f| w * f.1 * self.field_idf(t))
                })
                .sum();
            let passage = best[topic].or_else(|| {
                (field_score > 0.0).then(|| (0.0, self.first_passage(topic, audience).unwrap_or(0)))
            });
            if let Some((score, passage)) = passage {
                ranked.push((topic, score + field_score, passage));
            }
        }
        // The topic the question is asked from, or the reader's own tumor site, is what a
        // vague question is most likely about: it gains a share of the best score, enough to
        // lead unless another topic stands out.
        let best_score = ranked.iter().map(|r| r.1).fold(0.0, f32::max);
        let prefer = prefer.and_then(|(s, share)| {
            self.topics
                .iter()
                .position(|t| t.0 == s)
                .map(|at| (at, share))
        });
        if let Some((site, share)) = prefer {
            match ranked.iter_mut().find(|r| r.0 == site) {
                Some(r) => r.1 += share * best_score,
                // "What next?" from a reader who said where the tumor is: that topic.
                None => {
                    if let Some(first) = self.first_passage(site, audience) {
                        ranked.push((site, share * best_score + 0.1, first));
                    }
                }
            }
        }
        // Best first; equal scores keep knowledge-base order (insertion sort: stable, and
        // the std sorts would add kilobytes to the wasm for a list of a few dozen).
        for i in 1..ranked.len() {
            let mut j = i;
            while j > 0
                && (ranked[j - 1].1 < ranked[j].1
                    || ranked[j - 1].1 == ranked[j].1 && ranked[j - 1].0 > ranked[j].0)
            {
                ranked.swap(j - 1, j);
                j -= 1;
            }
        }
        (ranked, about_nets, scores)
    }

    /// The passage after a topic's short opening line ("Your team checks for side effects
    /// after each dose."): the opening says what follows, so the two answer together.
    fn continuation(&self, first: usize, scores: &[f32]) -> Option<Hit> {
        let p = &self.passages[first];
        let opening = p.blocks.0 == 0 && p.text.split_whitespace().count() < SHORT_OPENING;
        let next = self.passages.get(first + 1)?;
        (opening && next.topic == p.topic && next.audience == p.audience).then_some(Hit {
            passage: first + 1,
            score: scores.get(first + 1).copied().unwrap_or(0.0),
        })
    }

    /// The best other passage of `topic` (after `first`), by the scores `rank` gave.
    fn more_from(&self, topic: usize, first: usize, scores: &[f32]) -> Option<Hit> {
        scores
            .iter()
            .enumerate()
            .filter(|&(i, &s)| i != first && s > 0.0 && self.passage_topic[i] == topic)
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
pub(crate) fn site_topic(profile: Option<&Profile>) -> Option<&'static str> {
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

/// Shares of the best score a preferred topic gains: the reader's tumor site, or the topic a
/// question is asked from.
const SITE_SHARE: f32 = 0.6;
const TOPIC_SHARE: f32 = 1.0;

/// An opening line shorter than this many words is answered with the passage after it.
const SHORT_OPENING: usize = 20;

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
    ask_in(index, data, question, audience, profile, None)
}

/// [`ask`] from inside a topic (its page, or a question suggested under an answer about it):
/// "what are the side effects?" there means that topic's, as the reader's tumor site does for
/// a vague question elsewhere.
pub fn ask_in(
    index: &Index,
    data: &SearchData,
    question: &str,
    audience: Audience,
    profile: Option<&Profile>,
    topic: Option<&str>,
) -> Reply {
    let message = |kind: GuardKind| {
        data.guardrail(kind)
            .map_or("", |g| g.messages[audience.index()])
    };
    // The topic asked from outweighs the reader's tumor site.
    let prefer = match topic {
        Some(t) => Some((t, TOPIC_SHARE)),
        None => site_topic(profile).map(|s| (s, SITE_SHARE)),
    };
    let site = prefer.map(|p| p.0);
    let (ranked, about_nets, scores) = index.rank(question, audience, prefer);
    // A reader who told us about their tumor is asking about it, even in few words.
    let about_nets = about_nets || site.is_some() && !text::words(question, 8).is_empty();
    let top: Vec<(usize, f32, usize)> = ranked
        .iter()
        .filter(|r| r.1 > 0.0)
        .take(3)
        .copied()
        .collect();
    let topics: Vec<&'static str> = top.iter().map(|r| index.topics[r.0].0).collect();
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
        };
    };
    let low = score < CONFIDENT;
    let mut answers = vec![Hit { passage, score }];
    if !low {
        answers.extend(
            index
                .continuation(passage, &scores)
                .or_else(|| index.more_from(best, passage, &scores)),
        );
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
        topics,
    }
}
