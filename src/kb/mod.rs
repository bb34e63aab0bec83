//! The knowledge base: typed model plus the data compiled in from `content/`.

pub mod model;
pub mod spec;

pub use model::*;

mod data {
    use super::model::*;
    include!(concat!(env!("OUT_DIR"), "/kb_data.rs"));
}

/// The knowledge base compiled into this build.
pub fn kb() -> &'static KnowledgeBase {
    &data::KB
}

impl KnowledgeBase {
    pub fn topic(&self, id: &str) -> Option<&'static Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn reference(&self, key: &str) -> Option<&'static Reference> {
        self.references.iter().find(|r| r.key == key)
    }

    pub fn drug(&self, id: &str) -> Option<&'static Drug> {
        self.drugs.iter().find(|d| d.id == id)
    }

    pub fn term(&self, id: &str) -> Option<&'static Term> {
        self.glossary.iter().find(|t| t.id == id)
    }

    pub fn sections_in(&self, tier: Tier) -> impl Iterator<Item = &'static Section> {
        self.sections.iter().filter(move |s| s.tier == tier)
    }
}

/// Reference keys cited in `texts`, in order of first appearance: the numbering readers see.
pub fn citation_order<'a>(texts: impl IntoIterator<Item = Text>) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    let mut note = |inline: &Inline| {
        if let Inline::Cite(cited) = inline {
            for key in cited.iter() {
                if !keys.contains(key) {
                    keys.push(key);
                }
            }
        }
    };
    for text in texts {
        for block in text {
            match block {
                Block::Heading(_) => {}
                Block::Para(inlines) => inlines.iter().for_each(&mut note),
                Block::List(items) => items.iter().flat_map(|i| i.iter()).for_each(&mut note),
            }
        }
    }
    keys
}

/// Plain text of one text (markup dropped, doses expanded): used by search and readability.
pub fn plain_text(text: Text) -> String {
    let mut out = String::new();
    for block in text {
        match block {
            Block::Heading(h) => push_sentence(&mut out, h),
            Block::Para(inlines) => push_inlines(&mut out, inlines),
            Block::List(items) => items.iter().for_each(|i| push_inlines(&mut out, i)),
        }
    }
    out
}

fn push_sentence(out: &mut String, s: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(s.trim());
}

fn push_inlines(out: &mut String, inlines: &[Inline]) {
    let mut line = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Strong(t) => line.push_str(t),
            Inline::TopicLink { text, .. } | Inline::Term { text, .. } => line.push_str(text),
            Inline::Dose(id) => line.push_str(kb().drug(id).map(|d| d.dose).unwrap_or("")),
            Inline::Cite(_) => {}
        }
    }
    push_sentence(out, &line);
}
