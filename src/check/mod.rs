//! `net-guide check`: every rule content/ must meet, reported as `file:line: message`.

pub mod dates;
pub mod editorial;

use crate::content_source::{
    self, BlockSrc, ContentSrc, Diagnostic, DocSrc, InlineSrc, ReviewSrc, AUDIENCES,
};
use crate::kb::spec::{OPTION_IDS, TOPIC_IDS};
use crate::readability;
use std::collections::HashMap;
use std::path::Path;

/// Highest Flesch-Kincaid grade allowed in patient and caregiver text.
pub const MAX_LAY_GRADE: f64 = 8.0;
/// Paragraphs are graded in groups of at least this many words, so one short line with a
/// long medical word does not dominate.
const GROUP_WORDS: usize = 40;

/// Loads and validates a content directory; an empty result means it passed.
pub fn check_dir(root: &Path) -> Vec<Diagnostic> {
    check_dir_with_grades(root).0
}

/// The problems, and the Flesch-Kincaid grade of every measured group of patient and
/// caregiver text (topics, article, drug boxes, decision texts), for the report.
pub fn check_dir_with_grades(root: &Path) -> (Vec<Diagnostic>, Vec<f64>) {
    let (src, mut diags) = content_source::load(root);
    let today = dates::today();
    let mut v = Validator::new(&src, &today);
    v.run();
    diags.extend(v.diags);
    (diags, v.grades)
}

/// All semantic rules over already-loaded content. `today` is `YYYY-MM-DD`.
pub fn validate(src: &ContentSrc, today: &str) -> Vec<Diagnostic> {
    let mut v = Validator::new(src, today);
    v.run();
    v.diags
}

/// Middle value of the grades (0 when there are none).
pub fn median(grades: &[f64]) -> f64 {
    let mut g = grades.to_vec();
    g.sort_by(f64::total_cmp);
    match g.len() {
        0 => 0.0,
        n if n % 2 == 1 => g[n / 2],
        n => (g[n / 2 - 1] + g[n / 2]) / 2.0,
    }
}

struct Validator<'a> {
    src: &'a ContentSrc,
    today: &'a str,
    diags: Vec<Diagnostic>,
    grades: Vec<f64>,
}

impl<'a> Validator<'a> {
    fn new(src: &'a ContentSrc, today: &'a str) -> Self {
        Validator {
            src,
            today,
            diags: Vec::new(),
            grades: Vec::new(),
        }
    }

    fn err(&mut self, file: &str, line: usize, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(file, line, msg));
    }

    fn has_ref(&self, key: &str) -> bool {
        self.src.references.iter().any(|r| r.key == key)
    }

    fn has_topic(&self, id: &str) -> bool {
        self.src.topics.iter().any(|t| t.front.id == id)
    }

    fn run(&mut self) {
        let src = self.src;
        let root_name = src
            .root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = |name: &str| format!("{root_name}/{name}");

        if let Some(article) = &src.article {
            let lines = toml_key_lines(&src.root.join("article.toml"));
            self.review(&file("article.toml"), lines, Some(&article.review));
            let updated = article.last_updated.to_string();
            if updated.as_str() > self.today {
                self.err(
                    &file("article.toml"),
                    1,
                    format!("last_updated {updated} is in the future"),
                );
            }
            for text in article
                .editorial_policy
                .iter()
                .chain([&article.disclaimer.patient, &article.disclaimer.caregiver])
            {
                self.dose_free(&file("article.toml"), 1, text);
            }
        }

        self.duplicates(
            src.topics
                .iter()
                .map(|t| (t.front.id.as_str(), t.file.as_str(), 1)),
            "topic id",
        );
        self.duplicates(
            src.sections
                .iter()
                .map(|t| (t.front.id.as_str(), t.file.as_str(), 1)),
            "article section id",
        );
        let refs_file = file("references.toml");
        let drugs_file = file("drugs.toml");
        let glossary_file = file("glossary.toml");
        self.duplicates(
            src.references
                .iter()
                .map(|r| (r.key.as_str(), refs_file.as_str(), r.line)),
            "reference key",
        );
        self.duplicates(
            src.drugs
                .iter()
                .map(|d| (d.id.as_str(), drugs_file.as_str(), d.line)),
            "drug id",
        );
        self.duplicates(
            src.glossary
                .iter()
                .map(|t| (t.id.as_str(), glossary_file.as_str(), t.line)),
            "glossary id",
        );

        for id in TOPIC_IDS {
            if !self.has_topic(id) {
                self.err(
                    &file("topics"),
                    1,
                    format!("missing required topic `{id}` (expected topics/{id}.md)"),
                );
            }
        }

        for doc in &src.topics {
            let expected = format!("{}.md", doc.front.id);
            if !doc.file.ends_with(&format!("/{expected}")) {
                self.err(
                    &doc.file,
                    doc.line_of("id"),
                    format!(
                        "topic id `{}` must live in a file named {expected}",
                        doc.front.id
                    ),
                );
            }
            self.doc(doc);
        }
        for doc in &src.sections {
            match doc.front.tier.as_deref() {
                Some("bottom_line" | "guideline" | "fda_label" | "research") => {}
                Some(other) => self.err(
                    &doc.file,
                    doc.line_of("tier"),
                    format!(
                        "unknown tier `{other}`: use bottom_line, guideline, fda_label or research"
                    ),
                ),
                None => self.err(
                    &doc.file,
                    doc.line_of("title"),
                    "article section needs a `tier`",
                ),
            }
            self.doc(doc);
        }

        let refs_text =
            std::fs::read_to_string(src.root.join("references.toml")).unwrap_or_default();
        let year: u16 = self.today[..4].parse().unwrap_or(9999);
        for r in &src.references {
            if !matches!(
                r.kind.as_str(),
                "guideline" | "fda_label" | "trial" | "review"
            ) {
                self.err(
                    &refs_file,
                    r.line,
                    format!("reference `{}` has unknown kind `{}`", r.key, r.kind),
                );
            }
            self.diags
                .extend(editorial::reference(r, &refs_file, &refs_text, year));
        }

        self.editorial(&root_name);

        for d in &src.drugs {
            self.drug_box(&drugs_file, d);
            for key in [&d.label_ref, &d.trial_ref, &d.study_dose_ref]
                .into_iter()
                .chain(d.indications.iter().map(|i| &i.source))
                .chain(d.warnings.iter().map(|w| &w.source))
            {
                if !key.is_empty() && !self.has_ref(key) {
                    self.err(
                        &drugs_file,
                        d.line,
                        format!("drug `{}` cites unknown reference `{key}`", d.id),
                    );
                }
            }
            for option in &d.options {
                if !OPTION_IDS.contains(&option.as_str()) {
                    self.err(
                        &drugs_file,
                        d.line,
                        format!("drug `{}` names unknown option id `{option}`", d.id),
                    );
                }
            }
        }

        self.rules(&root_name);
        self.search_tables(&root_name);
        self.options(&file("options.toml"));
        self.questions(&file("questions.toml"));
        self.phrases(&file("phrases.toml"));

        // Table files are reviewed as a whole: each carries one [review] table.
        for (name, review) in &src.table_reviews {
            let lines = toml_key_lines(&src.root.join(name));
            self.review(&file(name), lines, review.as_ref());
        }

        let mut synonyms: HashMap<String, &str> = HashMap::new();
        for t in &src.glossary {
            if !t.topic.is_empty() && !self.has_topic(&t.topic) {
                self.err(
                    &glossary_file,
                    t.line,
                    format!(
                        "glossary term `{}` links to unknown topic `{}`",
                        t.id, t.topic
                    ),
                );
            }
            if t.definition.trim().is_empty() {
                self.err(
                    &glossary_file,
                    t.line,
                    format!("glossary term `{}` has no definition", t.id),
                );
            }
            self.dose_free(&glossary_file, t.line, &t.definition);
            for word in std::iter::once(&t.term).chain(t.synonyms.iter()) {
                let key = word.trim().to_lowercase();
                if let Some(other) = synonyms.insert(key.clone(), &t.id) {
                    if other != t.id {
                        self.err(
                            &glossary_file,
                            t.line,
                            format!(
                                "glossary word `{word}` is used by both `{other}` and `{}`",
                                t.id
                            ),
                        );
                    }
                }
            }
        }
    }

    fn rules(&mut self, root_name: &str) {
        use crate::decide::features::FEATURES;
        use crate::decide::profile::RISK_FEATURES;
        use crate::decide::questions::Kind;
        // Rule texts are shown to patients too, so they meet the lay reading level.
        let mut lay_texts: std::collections::BTreeMap<String, Vec<(usize, String)>> =
            Default::default();
        for r in &self.src.rules {
            let line = r.line;
            let file_name = format!("{root_name}/{}", r.file);
            let file = file_name.as_str();
            // Each file holds its own kinds of rule.
            let kinds: &[&str] = match r.file.as_str() {
                "consistency.toml" => &["contradiction"],
                "sequences.toml" => &["sequence", "expect"],
                _ => &["offer", "exclude", "note"],
            };
            if !kinds.contains(&r.kind.as_str()) {
                self.err(
                    file,
                    line,
                    format!(
                        "unknown rule kind `{}` here: use {}",
                        r.kind,
                        kinds.join(", ")
                    ),
                );
            }
            match r.kind.as_str() {
                "offer" | "exclude" => {
                    if !OPTION_IDS.contains(&r.option.as_str()) {
                        self.err(
                            file,
                            line,
                            format!("rule names unknown option `{}`", r.option),
                        );
                    }
                }
                _ => {
                    if !r.option.is_empty() {
                        self.err(file, line, format!("a {} rule takes no `option`", r.kind));
                    }
                }
            }
            if r.kind == "contradiction" {
                if r.fields.is_empty() {
                    self.err(
                        file,
                        line,
                        "a contradiction names the doubtful answers in `fields`",
                    );
                }
                for field in &r.fields {
                    let asked = self.src.questions.iter().any(|q| q.field == *field)
                        && crate::decide::questions::question(field)
                            .is_none_or(|q| q.kind == Kind::One);
                    if !asked || matches!(field.as_str(), "prior_therapies" | "risk_features") {
                        self.err(
                            file,
                            line,
                            format!("`fields` names `{field}`, which is not a single-answer profile field"),
                        );
                    }
                }
            } else if !r.fields.is_empty() {
                self.err(file, line, "only contradiction rules take `fields`");
            }
            if matches!(r.kind.as_str(), "sequence" | "expect") {
                if r.options.is_empty() {
                    self.err(
                        file,
                        line,
                        format!("a {} rule lists option ids in `options`", r.kind),
                    );
                }
                for id in &r.options {
                    if !OPTION_IDS.contains(&id.as_str()) {
                        self.err(file, line, format!("unknown option id `{id}` in `options`"));
                    }
                }
                if r.options
                    .iter()
                    .enumerate()
                    .any(|(i, id)| r.options[..i].contains(id))
                {
                    self.err(file, line, "`options` lists an option twice");
                }
            } else if !r.options.is_empty() {
                self.err(file, line, "only sequence and expect rules take `options`");
            }
            for (feature, values) in &r.when {
                match FEATURES.iter().find(|f| f.name == feature) {
                    None => self.err(file, line, format!("unknown feature `{feature}` in `when`")),
                    Some(spec) => {
                        for v in values {
                            if !spec.values.contains(&v.as_str()) {
                                self.err(
                                    file,
                                    line,
                                    format!("feature `{feature}` has no value `{v}`; expected one of: {}", spec.values.join(", ")),
                                );
                            }
                        }
                        if values.is_empty() {
                            self.err(file, line, format!("feature `{feature}` lists no values, so the rule can never match"));
                        }
                    }
                }
            }
            for id in r.prior_any.iter().chain(&r.prior_none) {
                if !OPTION_IDS.contains(&id.as_str()) {
                    self.err(
                        file,
                        line,
                        format!("unknown option id `{id}` in prior_any/prior_none"),
                    );
                }
            }
            for id in r.risk_any.iter().chain(&r.risk_none) {
                if !RISK_FEATURES.contains(&id.as_str()) {
                    self.err(
                        file,
                        line,
                        format!("unknown risk feature `{id}` in risk_any/risk_none"),
                    );
                }
            }
            let shown = !matches!(r.kind.as_str(), "sequence" | "expect");
            if shown && r.text.trim().is_empty() {
                self.err(file, line, "rule has no `text` (the reason readers see)");
            }
            if !shown && !r.text.trim().is_empty() {
                self.err(
                    file,
                    line,
                    format!(
                        "a {} rule shows no `text`: explain it in a # comment",
                        r.kind
                    ),
                );
            }
            if matches!(r.kind.as_str(), "offer" | "sequence") && r.cites.is_empty() {
                self.err(
                    file,
                    line,
                    format!("a {} rule needs at least one citation in `cites`", r.kind),
                );
            }
            if shown {
                lay_texts
                    .entry(file_name.clone())
                    .or_default()
                    .push((line, sentence(r.text.clone())));
            }
            for key in &r.cites {
                if !self.has_ref(key) {
                    self.err(
                        file,
                        line,
                        format!("unknown citation key `{key}` (not in references.toml)"),
                    );
                }
            }
            self.dose_free(file, line, &r.text);
        }
        for (file, texts) in lay_texts {
            self.readability_of(&file, "rule", texts);
        }
    }

    /// Every phrase the code uses exists once, fills only known slots, cites real
    /// references and reads plainly.
    /// The follow-up search's synonym groups and guardrails (messages are shown as written).
    fn search_tables(&mut self, root_name: &str) {
        let syn = format!("{root_name}/synonyms.toml");
        for g in &self.src.synonyms {
            if g.words.iter().filter(|w| !w.trim().is_empty()).count() < 2 {
                self.err(&syn, g.line, "a synonym group needs at least two words");
            }
        }
        let file = format!("{root_name}/guardrails.toml");
        const KINDS: [&str; 4] = [
            "urgent",
            "needs_clinician",
            "out_of_scope",
            "low_confidence",
        ];
        for kind in KINDS {
            if !self.src.guardrails.iter().any(|g| g.kind == kind) {
                self.err(&file, 1, format!("missing the `{kind}` guardrail"));
            }
        }
        let mut lay = Vec::new();
        for g in &self.src.guardrails {
            if !KINDS.contains(&g.kind.as_str()) {
                self.err(
                    &file,
                    g.line,
                    format!(
                        "unknown guardrail kind `{}`: use {}",
                        g.kind,
                        KINDS.join(", ")
                    ),
                );
            }
            if matches!(g.kind.as_str(), "urgent" | "needs_clinician") && g.triggers.is_empty() {
                self.err(
                    &file,
                    g.line,
                    format!("the `{}` guardrail needs triggers", g.kind),
                );
            }
            for (audience, text) in [
                ("patient", &g.patient),
                ("caregiver", &g.caregiver),
                ("clinician", &g.clinician),
            ] {
                if text.trim().is_empty() {
                    self.err(
                        &file,
                        g.line,
                        format!("`{}` needs a {audience} message", g.kind),
                    );
                }
                self.dose_free(&file, g.line, text);
            }
            if g.kind == "urgent" && !g.patient.to_lowercase().contains("emergency") {
                self.err(
                    &file,
                    g.line,
                    "the urgent message must send patients to emergency care",
                );
            }
            lay.push((g.line, g.patient.clone()));
            lay.push((g.line, g.caregiver.clone()));
        }
        self.readability_of(&file, "guardrail", lay);
    }

    /// A drug box says what each reader needs: plain facts for patients (no doses), the
    /// label dose only where a label gives one, and every label warning cited to the label.
    fn drug_box(&mut self, file: &str, d: &crate::content_source::DrugSrc) {
        let line = d.line;
        let id = &d.id;
        if d.plain_use.trim().is_empty() || d.plain_how.trim().is_empty() {
            self.err(file, line, format!("drug `{id}` needs `plain_use` and `plain_how` (what it is for and how it is given, in plain words)"));
        }
        if !d.dose.is_empty() && d.label_ref.is_empty() {
            self.err(file, line, format!("drug `{id}` has a `dose` but no `label_ref`: a dose that is not on a label goes in `study_dose`, with `study_dose_ref`"));
        }
        if !d.study_dose.is_empty() && d.study_dose_ref.is_empty() {
            self.err(
                file,
                line,
                format!("drug `{id}` has a `study_dose` without `study_dose_ref`"),
            );
        }
        if !d.label_ref.is_empty() && d.warnings.is_empty() {
            self.err(file, line, format!("drug `{id}` has a label but no `[[drug.warnings]]`: list every boxed warning and warning-and-precaution of the label"));
        }
        for w in &d.warnings {
            let is_label = self
                .src
                .references
                .iter()
                .any(|r| r.key == w.source && r.kind == "fda_label");
            if !is_label {
                self.err(
                    file,
                    line,
                    format!(
                        "drug `{id}`: warning `{}` must cite an FDA label reference, not `{}`",
                        w.text, w.source
                    ),
                );
            }
            if w.plain.trim().is_empty() || w.text.trim().is_empty() {
                self.err(
                    file,
                    line,
                    format!(
                        "drug `{id}`: every warning needs `text` (clinician) and `plain` (patient)"
                    ),
                );
            }
        }
        let lay: Vec<&String> = [&d.plain_use, &d.plain_how]
            .into_iter()
            .chain(&d.plain_side_effects)
            .chain(d.warnings.iter().map(|w| &w.plain))
            .collect();
        for t in &lay {
            self.dose_free(file, line, t);
        }
        let texts = lay.iter().map(|t| (line, sentence((*t).clone()))).collect();
        self.readability_of(file, &format!("drug `{id}` patient box"), texts);
    }

    fn phrases(&mut self, file: &str) {
        use crate::decide::PHRASES;
        let phrases = self.src.phrases.clone();
        self.duplicates(
            phrases.iter().map(|p| (p.id.as_str(), file, p.line)),
            "phrase id",
        );
        for (id, _) in PHRASES {
            if !phrases.iter().any(|p| p.id == id) {
                self.err(file, 1, format!("missing phrase `{id}`"));
            }
        }
        let mut texts = Vec::new();
        for p in &phrases {
            let Some((_, slots)) = PHRASES.iter().find(|(id, _)| *id == p.id) else {
                self.err(
                    file,
                    p.line,
                    format!("unknown phrase id `{}` (the code never shows it)", p.id),
                );
                continue;
            };
            let mut rest = p.text.as_str();
            while let Some(start) = rest.find('{') {
                let after = &rest[start + 1..];
                let name = after.split('}').next().unwrap_or("");
                if !slots.contains(&name) {
                    self.err(
                        file,
                        p.line,
                        format!(
                            "phrase `{}` has unknown slot `{{{name}}}`; it can use: {}",
                            p.id,
                            slots.join(", ")
                        ),
                    );
                }
                rest = after;
            }
            if p.text.trim().is_empty() {
                self.err(file, p.line, format!("phrase `{}` has no text", p.id));
            }
            for key in &p.cites {
                if !self.has_ref(key) {
                    self.err(
                        file,
                        p.line,
                        format!("unknown citation key `{key}` (not in references.toml)"),
                    );
                }
            }
            self.dose_free(file, p.line, &p.text);
            texts.push((p.line, sentence(p.text.clone())));
        }
        self.readability_of(file, "phrase", texts);
    }

    fn options(&mut self, file: &str) {
        for id in OPTION_IDS {
            if !self.src.options.iter().any(|o| o.id == id) {
                self.err(file, 1, format!("missing option `{id}`"));
            }
        }
        let options = self.src.options.clone();
        self.duplicates(
            options.iter().map(|o| (o.id.as_str(), file, o.line)),
            "option id",
        );
        for o in &options {
            if !OPTION_IDS.contains(&o.id.as_str()) {
                self.err(file, o.line, format!("unknown option id `{}`", o.id));
            }
            if !o.topic.is_empty() && !self.has_topic(&o.topic) {
                self.err(
                    file,
                    o.line,
                    format!("option `{}` links to unknown topic `{}`", o.id, o.topic),
                );
            }
            if o.cites.is_empty() {
                self.err(
                    file,
                    o.line,
                    format!("option `{}` needs at least one citation", o.id),
                );
            }
            for key in &o.cites {
                if !self.has_ref(key) {
                    self.err(
                        file,
                        o.line,
                        format!("unknown citation key `{key}` (not in references.toml)"),
                    );
                }
            }
            if !matches!(o.min_age, 0 | 12 | 18) {
                self.err(
                    file,
                    o.line,
                    format!("option `{}`: min_age {} is not one of the ages the questions ask about (0, 12 or 18)", o.id, o.min_age),
                );
            }
            if (o.min_age > 0) == o.age_reason.trim().is_empty() {
                self.err(
                    file,
                    o.line,
                    format!(
                        "option `{}`: give `age_reason` exactly when `min_age` is above 0",
                        o.id
                    ),
                );
            }
            if o.used_for.trim().is_empty() {
                self.err(file, o.line, format!("option `{}` needs `used_for`", o.id));
            }
            for text in [
                &o.age_reason,
                &o.used_for,
                &o.label,
                &o.plain,
                &o.technical,
                &o.how_given,
                &o.how_often,
                &o.side_effects,
                &o.evidence,
            ] {
                self.dose_free(file, o.line, text);
            }
        }
    }

    /// Every profile field is asked exactly once, and every choice is a value the decision
    /// rules understand and show back (so an edited label can never change a decision).
    fn questions(&mut self, file: &str) {
        use crate::decide::profile::{Kind, Profile, FIELDS};
        use crate::decide::questions::{answer, set_answer};
        let fields: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        let questions = self.src.questions.clone();
        for field in &fields {
            if !questions.iter().any(|q| q.field == *field) {
                self.err(
                    file,
                    1,
                    format!("missing question for profile field `{field}`"),
                );
            }
        }
        self.duplicates(
            questions.iter().map(|q| (q.field.as_str(), file, q.line)),
            "question field",
        );
        for q in &questions {
            let field = q.field.as_str();
            if !fields.contains(&field) {
                self.err(file, q.line, format!("unknown profile field `{field}`"));
            }
            if q.text.trim().is_empty() {
                self.err(file, q.line, format!("question `{field}` has no text"));
            }
            if q.short.trim().is_empty() {
                self.err(
                    file,
                    q.line,
                    format!("question `{field}` has no `short` name"),
                );
            }
            if q.choices.is_empty() {
                self.err(file, q.line, format!("question `{field}` has no choices"));
            }
            for (i, c) in q.choices.iter().enumerate() {
                let value = c.value.as_str();
                if q.choices[..i].iter().any(|earlier| earlier.value == value) {
                    self.err(
                        file,
                        q.line,
                        format!("question `{field}` lists `{value}` twice"),
                    );
                }
                let known = match FIELDS.iter().find(|f| f.name == field).map(|f| &f.kind) {
                    Some(Kind::List(values)) => values.contains(&value),
                    _ => {
                        let mut p = Profile::default();
                        set_answer(&mut p, field, Some(value)) && answer(&p, field) == Some(value)
                    }
                };
                if fields.contains(&field) && !known {
                    self.err(
                        file,
                        q.line,
                        format!(
                            "question `{field}`: `{value}` is not a value the decision rules know"
                        ),
                    );
                }
                if c.label.trim().is_empty() {
                    self.err(
                        file,
                        q.line,
                        format!("question `{field}`: choice `{value}` has no label"),
                    );
                }
                self.dose_free(file, q.line, &c.label);
            }
            self.dose_free(file, q.line, &q.text);
            self.dose_free(file, q.line, &q.help);
        }
    }

    fn duplicates<'b>(
        &mut self,
        items: impl Iterator<Item = (&'b str, &'b str, usize)>,
        what: &str,
    ) {
        let mut seen: HashMap<&str, (&str, usize)> = HashMap::new();
        for (id, file, line) in items {
            if let Some((first_file, first_line)) = seen.get(id) {
                self.err(
                    file,
                    line,
                    format!("duplicate {what} `{id}` (first defined at {first_file}:{first_line})"),
                );
            } else {
                seen.insert(id, (file, line));
            }
        }
    }

    /// `lines` = (line of the review table, of `status`, of `last_reviewed`).
    fn review(&mut self, file: &str, lines: (usize, usize, usize), review: Option<&ReviewSrc>) {
        let (line, status_line, date_line) = lines;
        let Some(r) = review else {
            self.err(file, line, "missing review metadata: add a [review] table with status, last_reviewed and reviewer");
            return;
        };
        match r.status.as_str() {
            "submitted" | "under_review" => {}
            "approved" if r.reviewer.trim().is_empty() => self.err(
                file,
                status_line,
                "status is `approved` but no named human reviewer is given (`reviewer`)",
            ),
            "approved" => {}
            other => self.err(
                file,
                status_line,
                format!("unknown review status `{other}`: use submitted, under_review or approved"),
            ),
        }
        let date = r.last_reviewed.to_string();
        if date.as_str() > self.today {
            self.err(
                file,
                date_line,
                format!("last_reviewed {date} is in the future"),
            );
        }
    }

    fn doc(&mut self, doc: &DocSrc) {
        let file = doc.file.as_str();
        let lines = (
            doc.line_of("review"),
            doc.line_of("status"),
            doc.line_of("last_reviewed"),
        );
        self.review(file, lines, doc.front.review.as_ref());
        if doc.front.title.trim().is_empty() {
            self.err(file, doc.line_of("title"), "title is empty");
        }
        self.dose_free(file, doc.line_of("title"), &doc.front.title);
        for q in &doc.front.questions {
            self.dose_free(file, doc.line_of("questions"), q);
        }
        for drug in &doc.front.drugs {
            if !self.src.drugs.iter().any(|d| &d.id == drug) {
                self.err(
                    file,
                    doc.line_of("drugs"),
                    format!("unknown drug `{drug}` in drugs"),
                );
            }
        }
        for topic in &doc.front.related {
            if !self.has_topic(topic) {
                self.err(
                    file,
                    doc.line_of("related"),
                    format!("unknown related topic `{topic}`"),
                );
            }
        }
        for (a, name) in AUDIENCES.iter().enumerate() {
            let blocks = doc.resolved_blocks(a);
            match &doc.texts[a] {
                None => self.err(
                    file,
                    doc.last_line,
                    format!("missing audience text: add a `# {name}` section"),
                ),
                Some(t) if blocks.is_empty() => {
                    self.err(file, t.line, format!("`# {name}` section is empty"))
                }
                Some(_) => {}
            }
            if a < 2 {
                self.readability(file, name, &blocks);
            }
        }
        // Patients meet a labelled dose once, where the FDA-label tier presents that label;
        // everywhere else lay text leaves doses to the clinician view and the care team.
        let fda_tier = doc.front.tier.as_deref() == Some("fda_label");
        for text in doc.texts[..2].iter().flatten() {
            for (_, block) in &text.blocks {
                let runs: Vec<&Vec<(usize, InlineSrc)>> = match block {
                    BlockSrc::Heading(_) => continue,
                    BlockSrc::Para(inl) => vec![inl],
                    BlockSrc::List(items) => items.iter().collect(),
                    BlockSrc::Table(rows) => rows.iter().flatten().collect(),
                };
                for (l, inline) in runs.into_iter().flatten() {
                    if let InlineSrc::Dose(drug) = inline {
                        let plain = self
                            .src
                            .drugs
                            .iter()
                            .find(|d| &d.id == drug)
                            .map(|d| d.plain_dose.trim());
                        if fda_tier && plain == Some("") {
                            self.err(file, *l, format!("{{{{dose:{drug}}}}} in patient or caregiver text needs `plain_dose` for `{drug}` in drugs.toml (the label dose in plain words)"));
                        }
                        if !fda_tier {
                            self.err(file, *l, format!("{{{{dose:{drug}}}}} in patient or caregiver text: a dose is shown to lay readers only in the FDA-label section (clinicians see it in the drug box)"));
                        }
                    }
                }
            }
        }
        for text in doc.texts.iter().flatten() {
            for (line, block) in &text.blocks {
                let items: Vec<&Vec<(usize, InlineSrc)>> = match block {
                    BlockSrc::Heading(h) => {
                        self.dose_free(file, *line, h);
                        continue;
                    }
                    BlockSrc::Para(inl) => vec![inl],
                    BlockSrc::List(items) => items.iter().collect(),
                    BlockSrc::Table(rows) => rows.iter().flatten().collect(),
                };
                // Advice such as "ask your care team" needs no source; numbers and all
                // clinician text do.
                let cited = items
                    .iter()
                    .any(|i| i.iter().any(|(_, x)| matches!(x, InlineSrc::Cite(_))));
                let has_number = items.iter().any(|i| {
                    i.iter().any(|(_, x)| match x {
                        InlineSrc::Text(t) | InlineSrc::Strong(t) => {
                            t.chars().any(|c| c.is_ascii_digit())
                        }
                        InlineSrc::Dose(_) => true,
                        _ => false,
                    })
                });
                if !cited && (has_number || text_is_clinician(doc, text)) {
                    self.err(
                        file,
                        *line,
                        "paragraph has no citation: end each clinical statement with [@key]",
                    );
                }
                for (l, inline) in items.into_iter().flatten() {
                    self.inline(file, *l, inline);
                }
            }
        }
    }

    /// Editor-only words, unresolved markup and internal ids anywhere a reader could see.
    fn editorial(&mut self, root_name: &str) {
        let src = self.src;
        let words = editorial::editor_words(&src.root, &mut self.diags);
        let mut scan = editorial::Scanner::new(src, &words);
        for doc in src.sections.iter().chain(&src.topics) {
            for text in doc.texts.iter().flatten() {
                scan.blocks(&doc.file, &text.blocks);
            }
            let path = src.root.join(
                doc.file
                    .split_once('/')
                    .map_or(doc.file.as_str(), |(_, r)| r),
            );
            let body = std::fs::read_to_string(path).unwrap_or_default();
            let front: String = body
                .lines()
                .skip(1)
                .take_while(|l| l.trim() != "+++")
                .collect::<Vec<_>>()
                .join("\n");
            scan.toml_lines(&doc.file, &front, 2);
        }
        let mut tomls: Vec<_> = std::fs::read_dir(&src.root)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_else(|_| Vec::new());
        tomls.retain(|p| {
            p.extension().is_some_and(|x| x == "toml")
                && p.file_name().is_some_and(|n| n != editorial::WORDS_FILE)
        });
        tomls.sort();
        for path in tomls {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            scan.toml_lines(&format!("{root_name}/{name}"), &text, 1);
        }
        self.diags.extend(scan.diags);
    }

    fn inline(&mut self, file: &str, line: usize, inline: &InlineSrc) {
        match inline {
            InlineSrc::Text(t) => self.dose_free(file, line, t),
            InlineSrc::Strong(t) => {
                self.dose_free(file, line, t);
                // Bold holds plain words only: markup inside it would be shown raw.
                if let Some(mark) = ["[[", "]]", "{{", "}}", "[@"]
                    .iter()
                    .find(|m| t.contains(*m))
                {
                    self.err(
                        file,
                        line,
                        format!("`{mark}` inside bold `**…**` would be shown as raw text: put the link, citation or dose outside the bold"),
                    );
                }
            }
            InlineSrc::Cite(keys) => {
                for key in keys {
                    if !self.has_ref(key) {
                        self.err(
                            file,
                            line,
                            format!("unknown citation key `{key}` (not in references.toml)"),
                        );
                    }
                }
            }
            InlineSrc::Link { topic, text } => {
                if !self.has_topic(topic) {
                    self.err(
                        file,
                        line,
                        format!("unknown topic `{topic}` in link [[{topic}]]"),
                    );
                }
                self.dose_free(file, line, text);
            }
            InlineSrc::Dose(drug) => match self.src.drugs.iter().find(|d| &d.id == drug) {
                None => self.err(
                    file,
                    line,
                    format!("unknown drug `{drug}` in {{{{dose:{drug}}}}}"),
                ),
                Some(d) if d.dose.trim().is_empty() => self.err(
                    file,
                    line,
                    format!("drug `{drug}` has no dose in drugs.toml"),
                ),
                Some(_) => {}
            },
        }
    }

    fn dose_free(&mut self, file: &str, line: usize, text: &str) {
        if let Some(found) = find_dose(text) {
            self.err(
                file,
                line,
                format!("dose `{found}` written outside the drug table: use {{{{dose:DRUG_ID}}}} from drugs.toml"),
            );
        }
    }

    fn readability(&mut self, file: &str, audience: &str, blocks: &[(usize, BlockSrc)]) {
        let texts = blocks.iter().filter_map(|(line, block)| {
            let text = match block {
                BlockSrc::Heading(_) => return None,
                BlockSrc::Para(inl) => plain(inl),
                BlockSrc::List(items) => items
                    .iter()
                    .map(|i| sentence(plain(i)))
                    .collect::<Vec<_>>()
                    .join(" "),
                BlockSrc::Table(rows) => rows
                    .iter()
                    .flatten()
                    .map(|i| sentence(plain(i)))
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            Some((*line, text))
        });
        self.readability_of(file, audience, texts.collect());
    }

    /// Flesch-Kincaid grade of short texts read one after another, measured in groups of
    /// at least `GROUP_WORDS` words (one sentence alone is too short to measure).
    fn readability_of(&mut self, file: &str, audience: &str, texts: Vec<(usize, String)>) {
        let mut groups: Vec<(usize, String)> = Vec::new();
        let mut current: Option<(usize, String)> = None;
        for (line, text) in &texts {
            let entry = current.get_or_insert_with(|| (*line, String::new()));
            entry.1.push(' ');
            entry.1.push_str(text);
            if readability::word_count(&entry.1) >= GROUP_WORDS {
                groups.extend(current.take());
            }
        }
        if let Some((line, text)) = current {
            match groups.last_mut() {
                Some(last) => {
                    last.1.push(' ');
                    last.1.push_str(&text);
                }
                None => groups.push((line, text)),
            }
        }
        for (line, text) in groups {
            let grade = readability::flesch_kincaid_grade(&text);
            self.grades.push(grade);
            if grade > MAX_LAY_GRADE {
                self.err(
                    file,
                    line,
                    format!("{audience} text reads at Flesch-Kincaid grade {grade:.1} (limit {MAX_LAY_GRADE:.0}): use shorter sentences and plainer words"),
                );
            }
        }
    }
}

/// Lines of `[review]`, `status` and `last_reviewed` in a TOML file (1 when absent).
fn toml_key_lines(path: &Path) -> (usize, usize, usize) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let find = |key: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(key))
            .map(|i| i + 1)
            .unwrap_or(1)
    };
    (find("[review]"), find("status"), find("last_reviewed"))
}

fn text_is_clinician(doc: &DocSrc, text: &crate::content_source::AudienceText) -> bool {
    doc.texts[2].as_ref().is_some_and(|c| std::ptr::eq(c, text))
}

fn plain(inlines: &[(usize, InlineSrc)]) -> String {
    let mut s = String::new();
    for (_, i) in inlines {
        match i {
            InlineSrc::Text(t) | InlineSrc::Strong(t) => s.push_str(t),
            InlineSrc::Link { text, .. } => s.push_str(text),
            InlineSrc::Dose(_) => s.push_str("the dose"),
            InlineSrc::Cite(_) => {}
        }
    }
    s
}

fn sentence(mut s: String) -> String {
    let trimmed = s.trim_end();
    if !trimmed.ends_with(['.', '!', '?', ':', ';']) {
        s = format!("{trimmed}.");
    }
    s
}

const DOSE_UNITS: [&str; 10] = [
    "mg/m²", "mg/m2", "mg/kg", "mg", "mcg", "µg", "gbq", "mbq", "mci", "g",
];

/// Finds a number followed by a dose unit (e.g. "120 mg", "7.4GBq"); returns the match.
pub fn find_dose(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts_number =
            chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric());
        if !starts_number {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit() || matches!(chars[i], '.' | ',' | '–' | '-'))
        {
            i += 1;
        }
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let rest: String = chars[j..].iter().take(6).collect::<String>().to_lowercase();
        for unit in DOSE_UNITS {
            if let Some(after) = rest.strip_prefix(unit) {
                if !after.chars().next().is_some_and(|c| c.is_alphanumeric()) {
                    let end = j + unit.chars().count();
                    return Some(chars[start..end].iter().collect());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_dose;

    #[test]
    fn finds_doses_in_many_spellings() {
        assert_eq!(
            find_dose("give 120 mg every 4 weeks").as_deref(),
            Some("120 mg")
        );
        assert_eq!(find_dose("7.4GBq each time").as_deref(), Some("7.4GBq"));
        assert_eq!(find_dose("750 mg/m² twice").as_deref(), Some("750 mg/m²"));
        assert_eq!(find_dose("20-30 mg").as_deref(), Some("20-30 mg"));
    }

    #[test]
    fn ignores_numbers_that_are_not_doses() {
        assert_eq!(find_dose("Ki-67 below 3% and 2 mitoses per 2 mm²"), None);
        assert_eq!(find_dose("every 4 weeks for 18 months"), None);
        assert_eq!(find_dose("G2 tumours in 2024 megatrials"), None);
    }
}
