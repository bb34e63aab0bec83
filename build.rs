//! Compiles `content/` into one compressed blob (`$OUT_DIR/kb.bin`, decoded into the typed
//! model by `src/kb/load.rs`), so the widget ships no TOML or Markdown parser. Structural problems stop the build with `file:line: message`;
//! `net-guide check` runs the full validation.

#[allow(dead_code)]
#[path = "src/content_source/mod.rs"]
mod content_source;

#[allow(dead_code)]
#[path = "src/kb/codec.rs"]
mod codec;

#[allow(dead_code)]
#[path = "src/kb/blob.rs"]
mod blob;

use blob::Writer;
use content_source::{BlockSrc, ContentSrc, DocSrc, InlineSrc, ReviewSrc, TermSrc};
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=src/content_source");
    println!("cargo:rerun-if-changed=src/kb/codec.rs");
    println!("cargo:rerun-if-changed=src/kb/blob.rs");
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
    let blob = generate(&src).unwrap_or_else(|e| panic!("content/ cannot be compiled: {e}"));
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("kb.bin"), blob).expect("write kb.bin");
}

fn review(w: &mut Writer, r: Option<&ReviewSrc>) {
    let Some(r) = r else {
        w.num(0);
        for _ in 0..3 {
            w.str("");
        }
        return;
    };
    w.num(match r.status.as_str() {
        "under_review" => 1,
        "approved" if !r.reviewer.trim().is_empty() => 2,
        // Anything unknown, or "approved" without a named reviewer, is shown as submitted.
        _ => 0,
    });
    w.str(&r.last_reviewed.to_string());
    w.str(&r.reviewer);
    w.str(&r.reviewer_role);
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
                    // A link without its own text reads as the topic's title up to any colon.
                    let title = || {
                        let doc = self.src.topics.iter().find(|t| &t.front.id == topic);
                        doc.map(|t| t.front.title.split(':').next().unwrap_or("").trim())
                            .unwrap_or("")
                            .to_string()
                    };
                    let text = if text.is_empty() {
                        title()
                    } else {
                        text.clone()
                    };
                    let _ = write!(out, "\u{4}{}|{}\u{3}", clean(topic), clean(&text));
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
                // One line per row, cells split by \u{1}; the first row is the header.
                BlockSrc::Table(rows) => {
                    for (i, row) in rows.iter().enumerate() {
                        out.push(if i == 0 { 'T' } else { 't' });
                        for (c, cell) in row.iter().enumerate() {
                            if c > 0 {
                                out.push('\u{1}');
                            }
                            self.inlines(cell, lay, marked, &mut out);
                        }
                        out.push('\n');
                    }
                }
            }
        }
        out
    }

    /// Patient, caregiver and clinician texts, two parts each. Glossary terms are marked
    /// once per lay text; a caregiver text that repeats the patient text starts with it
    /// (interned, so stored once).
    fn texts(&self, w: &mut Writer, doc: &DocSrc) {
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
            [patient.clone(), extra]
        } else {
            [self.blocks(&own(1), true, &mut Vec::new()), String::new()]
        };
        let clinician = self.blocks(&own(2), false, &mut Vec::new());
        for part in [&patient, "", &caregiver[0], &caregiver[1], &clinician, ""] {
            w.str(part);
        }
    }

    /// Writes the knowledge base in the field order `src/kb/load.rs` reads it.
    fn run(&self, w: &mut Writer) {
        let src = self.src;
        let a = src.article.as_ref().expect("article.toml");
        w.str(&a.question);
        w.str(&a.last_updated.to_string());
        w.str(&a.advisory);
        review(w, Some(&a.review));
        w.strs(&a.editorial_policy);
        for disclaimer in [
            &a.disclaimer.patient,
            &a.disclaimer.caregiver,
            &a.disclaimer.clinician,
        ] {
            w.str(disclaimer);
        }
        w.num(src.sections.len());
        for s in &src.sections {
            w.str(&s.front.id);
            w.str(&s.front.title);
            w.num(match s.front.tier.as_deref() {
                Some("bottom_line") => 0,
                Some("fda_label") => 2,
                Some("research") => 3,
                _ => 1,
            });
            self.texts(w, s);
            w.strs(&s.front.related);
            w.strs(&s.front.drugs);
            review(w, s.front.review.as_ref());
        }
        w.num(src.topics.len());
        for t in &src.topics {
            w.str(&t.front.id);
            w.str(&t.front.title);
            self.texts(w, t);
            w.strs(&t.front.related);
            w.strs(&t.front.questions);
            w.strs(&t.front.drugs);
            review(w, t.front.review.as_ref());
        }
        w.num(src.references.len());
        for r in &src.references {
            w.str(&r.key);
            w.num(match r.kind.as_str() {
                "guideline" => 0,
                "fda_label" => 1,
                "trial" => 2,
                _ => 3,
            });
            w.num(r.year.map_or(0, usize::from));
            // authors, title, source, details, doi, pmid, pmc and url in one string (see
            // model.rs); the editor note never ships.
            let fields = [
                &r.authors, &r.title, &r.source, &r.details, &r.doi, &r.pmid, &r.pmc, &r.url,
            ];
            w.str(&fields.map(|f| clean(f)).join("\u{1f}"));
        }
        w.num(src.drugs.len());
        for d in &src.drugs {
            w.str(&d.id);
            w.str(&d.generic);
            w.strs(&d.brands);
            w.str(&d.class);
            w.str(&d.route);
            w.str(&d.dose);
            w.strs(&d.options);
            w.strs(&d.side_effects);
            w.str(&d.label_ref);
            w.str(&d.trial_ref);
            w.str(&d.trial_result);
            w.num(d.indications.len());
            for i in &d.indications {
                w.str(&i.text);
                w.str(&i.source);
            }
            for field in [
                &d.dose_changes,
                &d.study_dose,
                &d.study_dose_ref,
                &d.plain_use,
                &d.plain_dose,
                &d.plain_how,
            ] {
                w.str(field);
            }
            w.strs(&d.plain_side_effects);
            // Boxed warnings first, so every reader meets them before the others.
            let mut warnings: Vec<_> = d.warnings.iter().collect();
            warnings.sort_by_key(|x| !x.boxed);
            w.num(warnings.len());
            for x in warnings {
                w.str(&x.text);
                w.str(&x.plain);
                w.num(usize::from(x.boxed));
                w.str(&x.source);
            }
        }
        w.num(src.glossary.len());
        for t in &src.glossary {
            w.str(&t.id);
            w.str(&t.term);
            w.str(&t.definition);
            w.str(&t.topic);
        }
        w.num(src.rules.len());
        for r in &src.rules {
            w.num(match r.kind.as_str() {
                "offer" => 0,
                "exclude" => 1,
                "contradiction" => 3,
                "sequence" => 4,
                "expect" => 5,
                _ => 2,
            });
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
                r.fields
                    .iter()
                    .chain(&r.options)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(","),
            ]
            .iter()
            .map(|p| clean(p).replace('|', ""))
            .collect::<Vec<_>>()
            .join("|");
            w.str(&r.option);
            w.num(usize::from(r.order));
            w.str(&packed);
            w.str(&clean(&r.text));
        }
        w.num(src.options.len());
        for op in &src.options {
            for field in [&op.id, &op.label, &op.plain, &op.technical] {
                w.str(field);
            }
            w.num(usize::from(op.medicine));
            for field in [
                &op.how_given,
                &op.how_often,
                &op.side_effects,
                &op.evidence,
                &op.topic,
            ] {
                w.str(field);
            }
            w.strs(&op.cites);
            w.num(usize::from(op.min_age));
            w.str(&clean(&op.age_reason));
            w.num(usize::from(op.adult_evidence));
            w.str(&clean(&op.used_for));
        }
        w.num(src.table_reviews.len());
        for (file, r) in &src.table_reviews {
            w.str(file);
            review(w, r.as_ref());
        }
        w.num(src.phrases.len());
        for ph in &src.phrases {
            w.str(&ph.id);
            w.str(&clean(&ph.text));
            w.str(&ph.cites.join(","));
        }
        w.num(src.questions.len());
        for q in &src.questions {
            w.str(&q.field);
            w.str(&clean(&q.short));
            w.str(&clean(&q.text));
            w.str(&clean(&q.help));
            // The two list fields of SPEC §5 take several answers; every other field one.
            w.num(usize::from(matches!(
                q.field.as_str(),
                "prior_therapies" | "risk_features"
            )));
            w.num(q.choices.len());
            for c in &q.choices {
                w.str(&c.value);
                w.str(&clean(&c.label));
            }
        }
    }
}

/// What only the follow-up search reads (topic keywords, every glossary word, synonym
/// groups, guardrails), last in the blob, where ids and words already written cost a
/// reference each. Read back by `src/search/data.rs` in this order.
fn search_data(src: &ContentSrc, w: &mut Writer) {
    w.num(src.topics.len());
    for t in &src.topics {
        w.str(&t.front.id);
        w.strs(&t.front.keywords);
    }
    w.num(src.glossary.len());
    for t in &src.glossary {
        w.str(&t.term);
        w.strs(&t.synonyms);
        w.str(&t.topic);
    }
    w.num(src.synonyms.len());
    for g in &src.synonyms {
        w.strs(&g.words);
    }
    w.num(src.guardrails.len());
    for g in &src.guardrails {
        w.str(&g.kind);
        w.num(usize::from(g.personal));
        w.strs(&g.triggers);
        for text in [&g.patient, &g.caregiver, &g.clinician] {
            w.str(&clean(text));
        }
    }
}

fn generate(src: &ContentSrc) -> Result<Vec<u8>, String> {
    let mut w = Writer::default();
    Gen {
        phrases: glossary_phrases(&src.glossary),
        src,
    }
    .run(&mut w);
    search_data(src, &mut w);
    w.finish()
}
