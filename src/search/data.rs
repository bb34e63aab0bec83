//! The search's own data (content/synonyms.toml, guardrails.toml, topic keywords, glossary
//! words), compiled by `build.rs` at the end of the knowledge base (`kb().search`).

use crate::kb::blob::Reader;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GuardKind {
    Urgent,
    NeedsClinician,
    OutOfScope,
    LowConfidence,
}

impl GuardKind {
    pub fn parse(s: &str) -> Option<GuardKind> {
        Some(match s {
            "urgent" => GuardKind::Urgent,
            "needs_clinician" => GuardKind::NeedsClinician,
            "out_of_scope" => GuardKind::OutOfScope,
            "low_confidence" => GuardKind::LowConfidence,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Guardrail {
    pub kind: GuardKind,
    /// Fires only for a question about the reader or someone they care for.
    pub personal: bool,
    pub triggers: &'static [&'static str],
    /// Indexed by `Audience::index()`.
    pub messages: [&'static str; 3],
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct GlossaryWords {
    pub term: &'static str,
    pub synonyms: &'static [&'static str],
    pub topic: &'static str,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct SearchData {
    pub keywords: &'static [(&'static str, &'static [&'static str])],
    pub glossary: &'static [GlossaryWords],
    pub synonyms: &'static [&'static [&'static str]],
    pub guardrails: &'static [Guardrail],
}

impl SearchData {
    pub fn guardrail(&self, kind: GuardKind) -> Option<&'static Guardrail> {
        self.guardrails.iter().find(|g| g.kind == kind)
    }
}

impl SearchData {
    pub const EMPTY: SearchData = SearchData {
        keywords: &[],
        glossary: &[],
        synonyms: &[],
        guardrails: &[],
    };
}

/// Reads what `build.rs` wrote last into the knowledge base blob.
pub fn read(r: &mut Reader) -> SearchData {
    SearchData {
        keywords: r.list(|r| (r.str(), r.strs())),
        glossary: r.list(|r| GlossaryWords {
            term: r.str(),
            synonyms: r.strs(),
            topic: r.str(),
        }),
        synonyms: r.list(|r| r.strs()),
        guardrails: r.list(|r| Guardrail {
            kind: GuardKind::parse(r.str()).unwrap_or(GuardKind::LowConfidence),
            personal: r.num() == 1,
            triggers: r.strs(),
            messages: [r.str(), r.str(), r.str()],
        }),
    }
}
