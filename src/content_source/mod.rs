//! Reads `content/` (TOML front matter + a small Markdown subset) into owned structures that
//! remember file and line. Used by `build.rs` to generate the compiled-in knowledge base and
//! by `net-guide check`; never compiled into the wasm.

pub mod markup;

use serde::Deserialize;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

pub use markup::{BlockSrc, InlineSrc};

/// One problem found in content/, printed as `file:line: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

pub const AUDIENCES: [&str; 3] = ["patient", "caregiver", "clinician"];

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewSrc {
    pub status: String,
    pub last_reviewed: toml::value::Datetime,
    #[serde(default)]
    pub reviewer: String,
    #[serde(default)]
    pub reviewer_role: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub tier: Option<String>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub questions: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Drug-table ids whose facts are shown with this page.
    #[serde(default)]
    pub drugs: Vec<String>,
    #[serde(default)]
    pub review: Option<ReviewSrc>,
}

/// One audience's text as written.
#[derive(Clone, Debug, Default)]
pub struct AudienceText {
    pub line: usize,
    /// Caregiver text that starts with `{{patient}}` repeats the patient blocks first.
    pub includes_patient: bool,
    pub blocks: Vec<(usize, BlockSrc)>,
}

/// A topic file or a main-article section file.
#[derive(Clone, Debug)]
pub struct DocSrc {
    pub file: String,
    pub front: FrontMatter,
    /// Line of each top-level front-matter key, for diagnostics.
    pub key_lines: Vec<(String, usize)>,
    pub texts: [Option<AudienceText>; 3],
    pub last_line: usize,
}

impl DocSrc {
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, l)| *l)
            .unwrap_or(1)
    }

    /// The blocks a reader of `audience` sees, with `{{patient}}` expanded.
    pub fn resolved_blocks(&self, audience: usize) -> Vec<(usize, BlockSrc)> {
        let Some(text) = &self.texts[audience] else {
            return Vec::new();
        };
        let mut blocks = Vec::new();
        if text.includes_patient {
            if let Some(patient) = &self.texts[0] {
                blocks.extend(patient.blocks.iter().cloned());
            }
        }
        blocks.extend(text.blocks.iter().cloned());
        blocks
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceSrc {
    pub key: String,
    pub kind: String,
    pub authors: String,
    pub title: String,
    pub source: String,
    #[serde(default)]
    pub year: Option<u16>,
    #[serde(default)]
    pub details: String,
    #[serde(default)]
    pub doi: String,
    #[serde(default)]
    pub pmid: String,
    /// PubMed Central id, `PMC` and digits.
    #[serde(default)]
    pub pmc: String,
    /// Web address of a page or label (https), when it has no DOI.
    #[serde(default)]
    pub url: String,
    /// For editors only (provenance, what is left to confirm): never compiled in.
    #[serde(default)]
    pub editor_note: String,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicationSrc {
    pub text: String,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrugSrc {
    /// For editors only: never compiled in (`net-guide check --notes` lists it).
    #[serde(default)]
    pub editor_note: String,
    pub id: String,
    pub generic: String,
    #[serde(default)]
    pub brands: Vec<String>,
    pub class: String,
    pub route: String,
    #[serde(default)]
    pub dose: String,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub side_effects: Vec<String>,
    #[serde(default)]
    pub label_ref: String,
    #[serde(default)]
    pub trial_ref: String,
    #[serde(default)]
    pub trial_result: String,
    #[serde(default)]
    pub indications: Vec<IndicationSrc>,
    /// Label dose changes (clinician).
    #[serde(default)]
    pub dose_changes: String,
    /// A schedule from trials or guidelines that is not a label dose, and its source.
    #[serde(default)]
    pub study_dose: String,
    #[serde(default)]
    pub study_dose_ref: String,
    /// Patient and caregiver box: what it is for, how it is given, common side effects.
    #[serde(default)]
    pub plain_use: String,
    /// The label dose in plain words, for the one place lay text may show it.
    #[serde(default)]
    pub plain_dose: String,
    #[serde(default)]
    pub plain_how: String,
    #[serde(default)]
    pub plain_side_effects: Vec<String>,
    /// Every boxed warning and warning-and-precaution of the current US label.
    #[serde(default)]
    pub warnings: Vec<WarningSrc>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningSrc {
    /// Clinician wording.
    pub text: String,
    /// What a patient watches for and reports at once.
    pub plain: String,
    #[serde(default)]
    pub boxed: bool,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSrc {
    /// For editors only: never compiled in (`net-guide check --notes` lists it).
    #[serde(default)]
    pub editor_note: String,
    pub id: String,
    pub term: String,
    pub definition: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    #[serde(default)]
    pub topic: String,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclaimerSrc {
    pub patient: String,
    pub caregiver: String,
    pub clinician: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleSrc {
    pub question: String,
    pub last_updated: toml::value::Datetime,
    pub advisory: String,
    pub editorial_policy: Vec<String>,
    pub review: ReviewSrc,
    pub disclaimer: DisclaimerSrc,
}

/// One decision rule: `offer` an option, `exclude` it with a reason, or add a `note`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSrc {
    /// For editors only: never compiled in (`net-guide check --notes` lists it).
    #[serde(default)]
    pub editor_note: String,
    pub kind: String,
    #[serde(default)]
    pub option: String,
    #[serde(default)]
    pub order: u16,
    #[serde(default)]
    pub when: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub prior_any: Vec<String>,
    #[serde(default)]
    pub prior_none: Vec<String>,
    #[serde(default)]
    pub risk_any: Vec<String>,
    #[serde(default)]
    pub risk_none: Vec<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub cites: Vec<String>,
    /// `contradiction` rules: the profile fields in doubt (each reading drops one).
    #[serde(default)]
    pub fields: Vec<String>,
    /// `sequence` rules: option ids in the order guidelines usually use them here;
    /// `expect` rules: the options a reader in this situation may expect to see.
    #[serde(default)]
    pub options: Vec<String>,
    /// The file it came from (rules.toml, consistency.toml or sequences.toml).
    #[serde(skip)]
    pub file: String,
    #[serde(skip)]
    pub line: usize,
}

/// A piece of reader-facing wording the decision flow assembles (content/phrases.toml):
/// notes, what-if sentences, reasons built from answers. `{name}` marks a slot.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseSrc {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub cites: Vec<String>,
    /// For editors only: never compiled into the widget.
    #[serde(default)]
    pub editor_note: String,
    #[serde(skip)]
    pub line: usize,
}

/// A decision-flow option as readers see it (content/options.toml).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSrc {
    /// For editors only: never compiled in (`net-guide check --notes` lists it).
    #[serde(default)]
    pub editor_note: String,
    pub id: String,
    pub label: String,
    pub plain: String,
    pub technical: String,
    /// A medicine (shown in the tailored medicines comparison), not a procedure or test.
    #[serde(default)]
    pub medicine: bool,
    pub how_given: String,
    #[serde(default)]
    pub how_often: String,
    #[serde(default)]
    pub side_effects: String,
    pub evidence: String,
    #[serde(default)]
    pub topic: String,
    pub cites: Vec<String>,
    /// Youngest age (years) its label or evidence covers; 0 = no age limit. Below it the
    /// option is not offered and `age_reason` says why.
    pub min_age: u8,
    #[serde(default)]
    pub age_reason: String,
    /// The evidence for it comes from adults only (no label age below 18 for this use):
    /// a child or teen sees it with the caveat that a children's cancer specialist decides.
    pub adult_evidence: bool,
    /// When it is usually used, in one plain sentence (the reason shown when a reader may
    /// expect it and no rule speaks to their answers).
    pub used_for: String,
    #[serde(skip)]
    pub line: usize,
}

/// One "Tailor this to my situation" question (content/questions.toml).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSrc {
    /// For editors only: never compiled in (`net-guide check --notes` lists it).
    #[serde(default)]
    pub editor_note: String,
    pub field: String,
    /// What the question is about, as a short phrase used inside sentences ("the grade").
    pub short: String,
    pub text: String,
    #[serde(default)]
    pub help: String,
    pub choices: Vec<ChoiceSrc>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceSrc {
    pub value: String,
    pub label: String,
}

/// Everything read from one content directory.
#[derive(Clone, Debug, Default)]
pub struct ContentSrc {
    pub root: PathBuf,
    pub article: Option<ArticleSrc>,
    pub sections: Vec<DocSrc>,
    pub topics: Vec<DocSrc>,
    pub references: Vec<ReferenceSrc>,
    pub drugs: Vec<DrugSrc>,
    pub glossary: Vec<TermSrc>,
    pub rules: Vec<RuleSrc>,
    pub options: Vec<OptionSrc>,
    pub questions: Vec<QuestionSrc>,
    pub phrases: Vec<PhraseSrc>,
    pub synonyms: Vec<SynonymGroupSrc>,
    pub guardrails: Vec<GuardrailSrc>,
    /// The `[review]` table of each table file (references.toml, drugs.toml, …), by file
    /// name, in load order; `None` when the file has none.
    pub table_reviews: Vec<(String, Option<ReviewSrc>)>,
    /// Every file read, for build-script change tracking.
    pub files: Vec<PathBuf>,
}

/// Words readers use for the same thing (content/synonyms.toml), for the follow-up search.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroupSrc {
    pub words: Vec<String>,
    #[serde(default)]
    pub editor_note: String,
    #[serde(skip)]
    pub line: usize,
}

/// When the follow-up box answers with a message instead of a search (content/guardrails.toml).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailSrc {
    pub kind: String,
    #[serde(default)]
    pub personal: bool,
    #[serde(default)]
    pub triggers: Vec<String>,
    pub patient: String,
    pub caregiver: String,
    pub clinician: String,
    #[serde(default)]
    pub editor_note: String,
    #[serde(skip)]
    pub line: usize,
}

/// The files holding `[[rule]]` tables, in the order they are compiled.
pub const RULE_FILES: [&str; 3] = ["rules.toml", "consistency.toml", "sequences.toml"];

/// Reads a content directory. Problems that stop a file from being understood are returned
/// as diagnostics; whatever could be read is still returned.
pub fn load(root: &Path) -> (ContentSrc, Vec<Diagnostic>) {
    let mut src = ContentSrc {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let mut diags = Vec::new();

    let article_path = root.join("article.toml");
    if let Some(text) = read(&article_path, root, &mut src.files, &mut diags) {
        let name = display_name(root, &article_path);
        match toml::from_str::<ArticleSrc>(&text) {
            Ok(article) => src.article = Some(article),
            Err(e) => diags.push(toml_diag(&name, &text, 0, &e)),
        }
    }

    for (dir, is_topic) in [("article", false), ("topics", true)] {
        for path in md_files(
            &root.join(dir),
            &mut diags,
            &display_name(root, &root.join(dir)),
        ) {
            if let Some(text) = read(&path, root, &mut src.files, &mut diags) {
                let name = display_name(root, &path);
                if let Some(doc) = parse_doc(&name, &text, &mut diags) {
                    if is_topic {
                        src.topics.push(doc);
                    } else {
                        src.sections.push(doc);
                    }
                }
            }
        }
    }

    let mut tables = Tables {
        root,
        files: &mut src.files,
        diags: &mut diags,
        reviews: &mut src.table_reviews,
    };
    src.references = tables.load("references.toml", "reference");
    src.drugs = tables.load("drugs.toml", "drug");
    src.glossary = tables.load("glossary.toml", "term");
    // Rules, consistency checks and guideline sequences share one schema.
    for file in RULE_FILES {
        let mut rules: Vec<RuleSrc> = tables.load(file, "rule");
        for r in &mut rules {
            r.file = file.to_string();
        }
        src.rules.extend(rules);
    }
    src.options = tables.load("options.toml", "option");
    src.questions = tables.load("questions.toml", "question");
    src.phrases = tables.load("phrases.toml", "phrase");
    src.synonyms = tables.load("synonyms.toml", "group");
    src.guardrails = tables.load("guardrails.toml", "guardrail");
    (src, diags)
}

fn display_name(root: &Path, path: &Path) -> String {
    let base = root.file_name().map(PathBuf::from).unwrap_or_default();
    let rel = path.strip_prefix(root).unwrap_or(path);
    base.join(rel).to_string_lossy().into_owned()
}

fn read(
    path: &Path,
    root: &Path,
    files: &mut Vec<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    files.push(path.to_path_buf());
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text.replace("\r\n", "\n")),
            Err(_) => {
                diags.push(Diagnostic::new(
                    &display_name(root, path),
                    1,
                    "file is not valid UTF-8",
                ));
                None
            }
        },
        Err(e) => {
            diags.push(Diagnostic::new(
                &display_name(root, path),
                1,
                format!("cannot read file: {e}"),
            ));
            None
        }
    }
}

fn md_files(dir: &Path, diags: &mut Vec<Diagnostic>, name: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect(),
        Err(e) => {
            diags.push(Diagnostic::new(name, 1, format!("cannot read folder: {e}")));
            Vec::new()
        }
    };
    files.sort();
    files
}

/// Line numbers (1-based) of each `[[table]]` header, in order.
fn table_lines(root: &Path, file: &str, table: &str) -> Vec<usize> {
    let header = format!("[[{table}]]");
    fs::read_to_string(root.join(file))
        .unwrap_or_default()
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .map(|(i, _)| i + 1)
        .collect()
}

/// A table entry that remembers the line of its `[[table]]` header.
trait Located {
    fn set_line(&mut self, line: usize);
}

macro_rules! located {
    ($($t:ty),*) => {
        $(impl Located for $t {
            fn set_line(&mut self, line: usize) {
                self.line = line;
            }
        })*
    };
}
located!(
    ReferenceSrc,
    DrugSrc,
    TermSrc,
    RuleSrc,
    OptionSrc,
    QuestionSrc,
    PhraseSrc,
    SynonymGroupSrc,
    GuardrailSrc
);

/// What loading the table files shares: where they are, and where findings go.
struct Tables<'a> {
    root: &'a Path,
    files: &'a mut Vec<PathBuf>,
    diags: &'a mut Vec<Diagnostic>,
    reviews: &'a mut Vec<(String, Option<ReviewSrc>)>,
}

impl Tables<'_> {
    /// Reads the `[[table]]` entries of `file`, and its `[review]` table if it has one.
    fn load<T: for<'de> Deserialize<'de> + Located>(&mut self, file: &str, table: &str) -> Vec<T> {
        let (root, diags) = (self.root, &mut *self.diags);
        let path = root.join(file);
        let Some(text) = read(&path, root, self.files, diags) else {
            self.reviews.push((file.to_string(), None));
            return Vec::new();
        };
        let name = display_name(root, &path);
        let mut parsed = match toml::from_str::<toml::Table>(&text) {
            Ok(parsed) => parsed,
            Err(e) => {
                diags.push(toml_diag(&name, &text, 0, &e));
                self.reviews.push((file.to_string(), None));
                return Vec::new();
            }
        };
        // Parsed again on its own: a `toml::Value` loses the date type on the way to serde.
        #[derive(Deserialize)]
        struct ReviewOnly {
            review: Option<ReviewSrc>,
        }
        let review = if parsed.remove("review").is_some() {
            toml::from_str::<ReviewOnly>(&text)
                .map_err(|e| diags.push(toml_diag(&name, &text, 0, &e)))
                .ok()
                .and_then(|r| r.review)
        } else {
            None
        };
        self.reviews.push((file.to_string(), review));
        let Some(value) = parsed.remove(table) else {
            diags.push(Diagnostic::new(&name, 1, format!("no [[{table}]] entries")));
            return Vec::new();
        };
        if let Some(extra) = parsed.keys().next() {
            diags.push(Diagnostic::new(
                &name,
                1,
                format!("unknown top-level key `{extra}`"),
            ));
        }
        let lines = table_lines(root, file, table);
        let toml::Value::Array(items) = value else {
            diags.push(Diagnostic::new(
                &name,
                1,
                format!("`{table}` must be a list of [[{table}]] tables"),
            ));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let line = lines.get(i).copied().unwrap_or(1);
            match T::deserialize(item) {
                Ok(mut entry) => {
                    entry.set_line(line);
                    out.push(entry);
                }
                Err(e) => diags.push(Diagnostic::new(
                    &name,
                    line,
                    format!("[[{table}]] entry: {}", e.message()),
                )),
            }
        }
        out
    }
}

fn toml_diag(name: &str, text: &str, first_line: usize, e: &toml::de::Error) -> Diagnostic {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
        .unwrap_or(1);
    Diagnostic::new(
        name,
        first_line + line,
        format!("invalid TOML: {}", e.message()),
    )
}

/// Parses one `.md` file with `+++` front matter and `# patient|caregiver|clinician` sections.
pub fn parse_doc(name: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<DocSrc> {
    let lines: Vec<&str> = text.lines().collect();
    if lines.first().map(|l| l.trim()) != Some("+++") {
        diags.push(Diagnostic::new(
            name,
            1,
            "file must start with a `+++` front-matter line",
        ));
        return None;
    }
    let Some(end) = lines
        .iter()
        .skip(1)
        .position(|l| l.trim() == "+++")
        .map(|p| p + 1)
    else {
        diags.push(Diagnostic::new(
            name,
            1,
            "front matter is not closed by a `+++` line",
        ));
        return None;
    };
    let front_text = lines[1..end].join("\n");
    let front: FrontMatter = match toml::from_str(&front_text) {
        Ok(f) => f,
        Err(e) => {
            diags.push(toml_diag(name, &front_text, 1, &e));
            return None;
        }
    };
    let key_lines = lines[1..end]
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let key = l.split('=').next()?.trim();
            let key = key.trim_start_matches('[').trim_end_matches(']');
            (!key.is_empty() && !l.trim_start().starts_with('#')).then(|| (key.to_string(), i + 2))
        })
        .collect();

    let mut texts: [Option<AudienceText>; 3] = Default::default();
    let mut current: Option<usize> = None;
    let mut body: Vec<(usize, &str)> = Vec::new();
    let flush = |current: Option<usize>,
                 body: &mut Vec<(usize, &str)>,
                 texts: &mut [Option<AudienceText>; 3],
                 diags: &mut Vec<Diagnostic>| {
        if let Some(a) = current {
            if let Some(t) = texts[a].as_mut() {
                let (includes_patient, blocks) = markup::parse_blocks(name, body, a == 1, diags);
                t.includes_patient = includes_patient;
                t.blocks = blocks;
            }
        }
        body.clear();
    };
    let mut expected_next = 0;
    for (i, line) in lines.iter().enumerate().skip(end + 1) {
        let number = i + 1;
        if let Some(heading) = line.strip_prefix("# ") {
            let heading = heading.trim();
            flush(current, &mut body, &mut texts, diags);
            match AUDIENCES.iter().position(|a| *a == heading) {
                Some(a) => {
                    if texts[a].is_some() {
                        diags.push(Diagnostic::new(
                            name,
                            number,
                            format!("`# {heading}` appears twice"),
                        ));
                    } else if a < expected_next {
                        diags.push(Diagnostic::new(
                            name,
                            number,
                            "audience sections must be in the order patient, caregiver, clinician",
                        ));
                    }
                    expected_next = a + 1;
                    texts[a] = Some(AudienceText {
                        line: number,
                        ..Default::default()
                    });
                    current = Some(a);
                }
                None => {
                    diags.push(Diagnostic::new(
                        name,
                        number,
                        format!("unknown level-1 heading `# {heading}`: use `# patient`, `# caregiver` or `# clinician` (subheadings use `##`)"),
                    ));
                    current = None;
                }
            }
            continue;
        }
        if current.is_some() {
            body.push((number, line));
        } else if !line.trim().is_empty() {
            diags.push(Diagnostic::new(
                name,
                number,
                "text outside an audience section (start one with `# patient`)",
            ));
        }
    }
    flush(current, &mut body, &mut texts, diags);
    Some(DocSrc {
        file: name.to_string(),
        front,
        key_lines,
        texts,
        last_line: lines.len(),
    })
}
