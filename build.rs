//! Compiles `content/` into typed Rust data (`$OUT_DIR/kb_data.rs`), so the widget ships no
//! TOML or Markdown parser. Structural problems stop the build with `file:line: message`;
//! `net-guide check` runs the full validation.

#[allow(dead_code)]
#[path = "src/content_source/mod.rs"]
mod content_source;

use content_source::{BlockSrc, ContentSrc, DocSrc, InlineSrc, ReviewSrc, TermSrc};
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=src/content_source");
    let (src, diags) = content_source::load(&root);
    for f in &src.files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    for dir in ["article", "topics"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }
    if !diags.is_empty() {
        for d in &diags {
            eprintln!("{d}");
        }
        panic!(
            "content/ has {} structural problem(s); run `cargo run -- check` for details",
            diags.len()
        );
    }
    let code = generate(&src);
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("kb_data.rs");
    std::fs::write(out, code).expect("write kb_data.rs");
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| lit(s)).collect();
    format!("&[{}]", inner.join(", "))
}

fn review(r: Option<&ReviewSrc>) -> String {
    let Some(r) = r else {
        return "Review { status: ReviewStatus::Submitted, last_reviewed: \"\", reviewer: \"\", reviewer_role: \"\" }".into();
    };
    let status = match r.status.as_str() {
        "approved" if !r.reviewer.trim().is_empty() => "Approved",
        "under_review" => "UnderReview",
        // Anything unknown, or "approved" without a named reviewer, is shown as submitted.
        _ => "Submitted",
    };
    format!(
        "Review {{ status: ReviewStatus::{status}, last_reviewed: {}, reviewer: {}, reviewer_role: {} }}",
        lit(&r.last_reviewed.to_string()),
        lit(&r.reviewer),
        lit(&r.reviewer_role)
    )
}

/// Glossary phrases, longest first, as (lower-case phrase, term id).
fn glossary_phrases(glossary: &[TermSrc]) -> Vec<(String, String)> {
    let mut phrases: Vec<(String, String)> = Vec::new();
    for t in glossary {
        for p in std::iter::once(&t.term).chain(t.synonyms.iter()) {
            let p = p.trim().to_ascii_lowercase();
            if p.len() >= 3 {
                phrases.push((p, t.id.clone()));
            }
        }
    }
    phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    phrases
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// First whole-word occurrence of any phrase whose term is not yet marked.
fn find_term<'a>(
    text: &str,
    phrases: &'a [(String, String)],
    marked: &[String],
) -> Option<(usize, usize, &'a str)> {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut best: Option<(usize, usize, &str)> = None;
    for (phrase, id) in phrases {
        if marked.contains(id) {
            continue;
        }
        let mut from = 0;
        while let Some(pos) = lower[from..].find(phrase.as_str()) {
            let start = from + pos;
            let end = start + phrase.len();
            let left_ok = start == 0 || !is_word_byte(bytes[start - 1]);
            let right_ok = end == bytes.len() || !is_word_byte(bytes[end]);
            if left_ok && right_ok && text.is_char_boundary(start) && text.is_char_boundary(end) {
                if best.is_none_or(|(s, e, _)| start < s || (start == s && end > e)) {
                    best = Some((start, end, id.as_str()));
                }
                break;
            }
            from = start + 1;
            while !lower.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    best
}

struct Gen<'a> {
    phrases: Vec<(String, String)>,
    src: &'a ContentSrc,
}

/// Drops control characters, which the packed text format reserves as markers.
fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

impl Gen<'_> {
    /// Packs inlines into the format decoded by `src/kb/text.rs`.
    fn inlines(
        &self,
        inlines: &[(usize, InlineSrc)],
        lay: bool,
        marked: &mut Vec<String>,
        out: &mut String,
    ) {
        // Merge adjacent plain text first so terms split across source lines still match.
        let mut merged: Vec<InlineSrc> = Vec::new();
        for (_, i) in inlines {
            match (merged.last_mut(), i) {
                (Some(InlineSrc::Text(a)), InlineSrc::Text(b)) => a.push_str(b),
                _ => merged.push(i.clone()),
            }
        }
        for inline in &merged {
            match inline {
                InlineSrc::Text(t) if lay => {
                    let t = clean(t);
                    let mut rest = t.as_str();
                    while let Some((s, e, id)) = find_term(rest, &self.phrases, marked) {
                        out.push_str(&rest[..s]);
                        let _ = write!(out, "\u{5}{id}|{}\u{3}", &rest[s..e]);
                        marked.push(id.to_string());
                        rest = &rest[e..];
                    }
                    out.push_str(rest);
                }
                InlineSrc::Text(t) => out.push_str(&clean(t)),
                InlineSrc::Strong(t) => {
                    let _ = write!(out, "\u{7}{}\u{3}", clean(t));
                }
                InlineSrc::Cite(keys) => {
                    // References by position in references.toml: shorter than keys in the wasm.
                    // Unknown keys are dropped here; `net-guide check` reports them.
                    let refs = &self.src.references;
                    let numbers: Vec<String> = keys
                        .iter()
                        .filter_map(|k| refs.iter().position(|r| &r.key == k))
                        .map(|i| i.to_string())
                        .collect();
                    let _ = write!(out, "\u{2}{}\u{3}", numbers.join(","));
                }
                InlineSrc::Link { topic, text } => {
                    let _ = write!(out, "\u{4}{}|{}\u{3}", clean(topic), clean(text));
                }
                InlineSrc::Dose(d) => {
                    let _ = write!(out, "\u{6}{}\u{3}", clean(d));
                }
            }
        }
    }

    fn blocks(&self, blocks: &[(usize, BlockSrc)], lay: bool, marked: &mut Vec<String>) -> String {
        let mut out = String::new();
        for (_, block) in blocks {
            match block {
                BlockSrc::Heading(h) => {
                    let _ = writeln!(out, "h{}", clean(h));
                }
                BlockSrc::Para(inl) => {
                    out.push('p');
                    self.inlines(inl, lay, marked, &mut out);
                    out.push('\n');
                }
                BlockSrc::List(items) => {
                    for item in items {
                        out.push('l');
                        self.inlines(item, lay, marked, &mut out);
                        out.push('\n');
                    }
                }
            }
        }
        out
    }

    /// `[patient, caregiver, clinician]` as `Text` expressions. Glossary terms are marked
    /// once per lay text; a caregiver text that repeats the patient text shares it.
    fn texts(&self, doc: &DocSrc) -> String {
        let own = |a: usize| {
            doc.texts[a]
                .as_ref()
                .map(|t| t.blocks.clone())
                .unwrap_or_default()
        };
        let mut marked = Vec::new();
        let patient = self.blocks(&own(0), true, &mut marked);
        let includes = doc.texts[1].as_ref().is_some_and(|t| t.includes_patient);
        let caregiver = if includes {
            let extra = self.blocks(&own(1), true, &mut marked);
            format!("Text::new({}, {})", lit(&patient), lit(&extra))
        } else {
            format!(
                "Text::new({}, \"\")",
                lit(&self.blocks(&own(1), true, &mut Vec::new()))
            )
        };
        let clinician = self.blocks(&own(2), false, &mut Vec::new());
        format!(
            "[Text::new({}, \"\"), {caregiver}, Text::new({}, \"\")]",
            lit(&patient),
            lit(&clinician)
        )
    }

    fn run(&self) -> String {
        let src = self.src;
        let mut o = String::new();
        let a = src.article.as_ref().expect("article.toml");
        let _ = writeln!(o, "pub static KB: KnowledgeBase = KnowledgeBase {{");
        let _ = writeln!(
            o,
            "article: Article {{ question: {}, last_updated: {}, advisory: {}, review: {}, editorial_policy: {}, disclaimers: [{}, {}, {}] }},",
            lit(&a.question),
            lit(&a.last_updated.to_string()),
            lit(&a.advisory),
            review(Some(&a.review)),
            list(&a.editorial_policy),
            lit(&a.disclaimer.patient),
            lit(&a.disclaimer.caregiver),
            lit(&a.disclaimer.clinician)
        );
        let _ = writeln!(o, "sections: &[");
        for s in &src.sections {
            let tier = match s.front.tier.as_deref() {
                Some("bottom_line") => "BottomLine",
                Some("fda_label") => "FdaLabel",
                Some("research") => "Research",
                _ => "Guideline",
            };
            let _ = writeln!(
                o,
                "Section {{ id: {}, title: {}, tier: Tier::{tier}, texts: {}, related: {}, drugs: {}, review: {} }},",
                lit(&s.front.id),
                lit(&s.front.title),
                self.texts(s),
                list(&s.front.related),
                list(&s.front.drugs),
                review(s.front.review.as_ref())
            );
        }
        let _ = writeln!(o, "],\ntopics: &[");
        for t in &src.topics {
            let _ = writeln!(
                o,
                "Topic {{ id: {}, title: {}, texts: {}, related: {}, questions: {}, drugs: {}, review: {} }},",
                lit(&t.front.id),
                lit(&t.front.title),
                self.texts(t),
                list(&t.front.related),
                list(&t.front.questions),
                list(&t.front.drugs),
                review(t.front.review.as_ref())
            );
        }
        let _ = writeln!(o, "],\nreferences: &[");
        for r in &src.references {
            let kind = match r.kind.as_str() {
                "guideline" => "Guideline",
                "fda_label" => "FdaLabel",
                "trial" => "Trial",
                _ => "Review",
            };
            let year = r
                .year
                .map(|y| format!("Some({y})"))
                .unwrap_or_else(|| "None".into());
            let _ = writeln!(
                o,
                "Reference {{ key: {}, kind: RefKind::{kind}, year: {year}, fields: {} }},",
                lit(&r.key),
                lit(
                    &[&r.authors, &r.title, &r.source, &r.details, &r.doi, &r.pmid, &r.note]
                        .iter()
                        .map(|f| clean(f))
                        .collect::<Vec<_>>()
                        .join("\u{1f}")
                )
            );
        }
        let _ = writeln!(o, "],\ndrugs: &[");
        for d in &src.drugs {
            let ind: Vec<String> = d
                .indications
                .iter()
                .map(|i| {
                    format!(
                        "Indication {{ text: {}, source: {} }}",
                        lit(&i.text),
                        lit(&i.source)
                    )
                })
                .collect();
            let _ = writeln!(
                o,
                "Drug {{ id: {}, generic: {}, brands: {}, class: {}, route: {}, dose: {}, options: {}, side_effects: {}, label_ref: {}, trial_ref: {}, trial_result: {}, indications: &[{}] }},",
                lit(&d.id),
                lit(&d.generic),
                list(&d.brands),
                lit(&d.class),
                lit(&d.route),
                lit(&d.dose),
                list(&d.options),
                list(&d.side_effects),
                lit(&d.label_ref),
                lit(&d.trial_ref),
                lit(&d.trial_result),
                ind.join(", ")
            );
        }
        let _ = writeln!(o, "],\nglossary: &[");
        for t in &src.glossary {
            let _ = writeln!(
                o,
                "Term {{ id: {}, term: {}, definition: {}, topic: {} }},",
                lit(&t.id),
                lit(&t.term),
                lit(&t.definition),
                lit(&t.topic)
            );
        }
        let _ = writeln!(o, "],\nrules: &[");
        for r in &src.rules {
            let kind = match r.kind.as_str() {
                "offer" => "Offer",
                "exclude" => "Exclude",
                _ => "Note",
            };
            let when: Vec<String> = r
                .when
                .iter()
                .map(|(k, v)| format!("{k}={}", v.join(",")))
                .collect();
            let packed = [
                when.join(";"),
                r.prior_any.join(","),
                r.prior_none.join(","),
                r.risk_any.join(","),
                r.risk_none.join(","),
                r.cites.join(","),
            ]
            .iter()
            .map(|p| clean(p).replace('|', ""))
            .collect::<Vec<_>>()
            .join("|");
            let _ = writeln!(
                o,
                "Rule {{ kind: RuleKind::{kind}, option: {}, order: {}, packed: {}, text: {}, line: {} }},",
                lit(&r.option),
                r.order,
                lit(&packed),
                lit(&clean(&r.text)),
                r.line.min(u16::MAX as usize)
            );
        }
        let _ = writeln!(o, "],\noptions: &[");
        for op in &src.options {
            let _ = writeln!(
                o,
                "OptionInfo {{ id: {}, label: {}, plain: {}, technical: {}, drug: {}, how_given: {}, how_often: {}, side_effects: {}, evidence: {}, topic: {}, cites: {} }},",
                lit(&op.id),
                lit(&op.label),
                lit(&op.plain),
                lit(&op.technical),
                lit(&op.drug),
                lit(&op.how_given),
                lit(&op.how_often),
                lit(&op.side_effects),
                lit(&op.evidence),
                lit(&op.topic),
                list(&op.cites)
            );
        }
        let _ = writeln!(o, "],\n}};");
        o
    }
}

fn generate(src: &ContentSrc) -> String {
    Gen {
        phrases: glossary_phrases(&src.glossary),
        src,
    }
    .run()
}
