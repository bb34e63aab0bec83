//! The knowledge base: typed model plus the data compiled in from `content/`.

pub mod blob;
pub mod codec;
mod load;
pub mod model;
pub mod spec;
pub mod text;

pub use model::*;

/// `content/` as compiled by `build.rs` (see `blob.rs` for why it is one compressed blob).
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kb.bin"));

/// The knowledge base compiled into this build, decoded on first use.
pub fn kb() -> &'static KnowledgeBase {
    static KB: std::sync::OnceLock<KnowledgeBase> = std::sync::OnceLock::new();
    KB.get_or_init(|| load::decode(BLOB))
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

    pub fn option(&self, id: &str) -> Option<&'static OptionInfo> {
        self.options.iter().find(|o| o.id == id)
    }

    /// Reader-facing wording from content/phrases.toml (`check` makes sure every id the
    /// code uses exists, so a missing one is a build of broken content: it shows nothing).
    pub fn phrase(&self, id: &str) -> Phrase {
        self.phrases
            .iter()
            .find(|p| p.id == id)
            .copied()
            .unwrap_or(Phrase {
                id: "",
                text: "",
                cites: List(""),
            })
    }

    /// The review of a whole table file such as "rules.toml" (submitted if it has none).
    pub fn table_review(&self, file: &str) -> Review {
        self.table_reviews
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, r)| *r)
            .unwrap_or(Review::UNREVIEWED)
    }

    pub fn sections_in(&self, tier: Tier) -> impl Iterator<Item = &'static Section> {
        self.sections.iter().filter(move |s| s.tier == tier)
    }
}

/// Reference keys cited in `texts`, in order of first appearance: the numbering readers see.
pub fn citation_order(texts: impl IntoIterator<Item = Text>) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    for text in texts {
        for block in text.blocks() {
            note_citations(&block, &mut keys);
        }
    }
    keys
}

/// Adds the reference keys cited in `block` to `keys`, skipping ones already there.
pub fn note_citations(block: &Block, keys: &mut Vec<&'static str>) {
    for run in block.runs() {
        for inline in run.iter() {
            if let Inline::Cite(cited) = inline {
                for key in cited.iter() {
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
        }
    }
}

/// Plain text of one text (markup dropped, doses expanded): used by search and readability.
pub fn plain_text(text: Text) -> String {
    let mut out = String::new();
    for block in text.blocks() {
        push_block(&mut out, &block);
    }
    out
}

/// Plain text of one block.
pub fn block_text(block: &Block) -> String {
    let mut out = String::new();
    push_block(&mut out, block);
    out
}

fn push_block(out: &mut String, block: &Block) {
    if let Block::Heading(h) = block {
        push_sentence(out, h);
    }
    for run in block.runs() {
        let mut line = String::new();
        for inline in run.iter() {
            match inline {
                Inline::Text(t) | Inline::Strong(t) => line.push_str(t),
                Inline::TopicLink { text, .. } | Inline::Term { text, .. } => line.push_str(text),
                Inline::Dose(id) => line.push_str(kb().drug(id).map(|d| d.dose).unwrap_or("")),
                Inline::Cite(_) => {}
            }
        }
        push_sentence(out, &line);
    }
}

fn push_sentence(out: &mut String, s: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(s.trim());
}
