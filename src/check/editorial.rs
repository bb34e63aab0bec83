//! Readers see finished text only: no words meant for editors, no markup left unresolved,
//! no internal ids, no placeholder references. Editors' notes live in `editor_note` fields,
//! which are never compiled in and which `net-guide check --notes` lists for reviewers.

use crate::content_source::{BlockSrc, ContentSrc, Diagnostic, InlineSrc, ReferenceSrc};
use std::path::Path;

/// The editor-only word list: a content file, so editors extend it without code.
pub const WORDS_FILE: &str = "editor_words.toml";

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsSrc {
    words: Vec<String>,
}

/// Loads the editor-only words (lower-cased); a missing or broken file is itself a problem.
pub fn editor_words(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let file = display(root, WORDS_FILE);
    match std::fs::read_to_string(root.join(WORDS_FILE)) {
        Err(_) => {
            diags.push(Diagnostic::new(&file, 1, "missing: list the words only editors may write (`words = [\"to be confirmed\", …]`)"));
            Vec::new()
        }
        Ok(text) => match toml::from_str::<WordsSrc>(&text) {
            Ok(w) => w
                .words
                .iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect(),
            Err(e) => {
                let line = e
                    .span()
                    .map_or(1, |s| text[..s.start].matches('\n').count() + 1);
                diags.push(Diagnostic::new(
                    &file,
                    line,
                    format!("not valid: {}", e.message()),
                ));
                Vec::new()
            }
        },
    }
}

fn display(root: &Path, name: &str) -> String {
    let dir = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{dir}/{name}")
}

/// Markup that only content files understand; seen in reader text it is a mistake.
const RAW_MARKUP: [&str; 5] = ["[[", "]]", "{{", "}}", "[@"];

/// Fields whose values are ids, dates or addresses, never shown as prose.
const ID_FIELDS: [&str; 24] = [
    "key",
    "id",
    "topic",
    "cites",
    "label_ref",
    "trial_ref",
    "study_dose_ref",
    "options",
    "option",
    "when",
    "fields",
    "related",
    "drugs",
    "status",
    "reviewer",
    "reviewer_role",
    "last_reviewed",
    "last_updated",
    "doi",
    "pmid",
    "pmc",
    "url",
    "kind",
    "keywords",
];

pub struct Scanner<'a> {
    pub words: &'a [String],
    /// Ids that could never be a word of prose (they hold `_` or a digit).
    pub keys: Vec<&'a str>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Scanner<'a> {
    pub fn new(src: &'a ContentSrc, words: &'a [String]) -> Self {
        let ids = src
            .references
            .iter()
            .map(|r| r.key.as_str())
            .chain(src.topics.iter().map(|t| t.front.id.as_str()))
            .chain(src.drugs.iter().map(|d| d.id.as_str()))
            .chain(src.options.iter().map(|o| o.id.as_str()))
            .chain(src.glossary.iter().map(|t| t.id.as_str()));
        let keys = ids
            .filter(|k| k.contains('_') || k.chars().any(|c| c.is_ascii_digit()))
            .collect();
        Scanner {
            words,
            keys,
            diags: Vec::new(),
        }
    }

    /// A word only editors may write, anywhere in `text`.
    fn editor_word(&mut self, file: &str, line: usize, text: &str) {
        let lower = text.to_lowercase();
        if let Some(w) = self.words.iter().find(|w| lower.contains(w.as_str())) {
            self.diags.push(Diagnostic::new(
                file,
                line,
                format!("`{w}` is for editors only (content/{WORDS_FILE}): say it in an `editor_note`, or finish the text"),
            ));
        }
    }

    /// One piece of text a reader will see.
    pub fn reader_text(&mut self, file: &str, line: usize, text: &str) {
        self.editor_word(file, line, text);
        if let Some(m) = RAW_MARKUP.iter().find(|m| text.contains(*m)) {
            self.diags.push(Diagnostic::new(
                file,
                line,
                format!("unresolved `{m}` would be shown as raw text"),
            ));
        }
        for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            if self.keys.contains(&token) {
                self.diags.push(Diagnostic::new(
                    file,
                    line,
                    format!("internal id `{token}` in reader text: write words (a link without text shows the topic title)"),
                ));
            }
        }
    }

    /// The parsed body of a topic or article section.
    pub fn blocks(&mut self, file: &str, blocks: &[(usize, BlockSrc)]) {
        for (line, block) in blocks {
            let runs: Vec<&Vec<(usize, InlineSrc)>> = match block {
                BlockSrc::Heading(h) => {
                    self.reader_text(file, *line, h);
                    continue;
                }
                BlockSrc::Para(run) => vec![run],
                BlockSrc::List(items) => items.iter().collect(),
                BlockSrc::Table(rows) => rows.iter().flatten().collect(),
            };
            for (l, inline) in runs.into_iter().flatten() {
                match inline {
                    InlineSrc::Text(t) | InlineSrc::Strong(t) => self.reader_text(file, *l, t),
                    InlineSrc::Link { text, .. } => self.reader_text(file, *l, text),
                    InlineSrc::Cite(_) | InlineSrc::Dose(_) => {}
                }
            }
        }
    }

    /// Every quoted string of a TOML file (or a Markdown front matter) except ids, dates,
    /// comments and editor notes.
    pub fn toml_lines(&mut self, file: &str, text: &str, first_line: usize) {
        let mut key = String::new();
        let mut in_note = false;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            let number = first_line + i;
            if in_note {
                in_note = !line.contains("\"\"\"");
                continue;
            }
            if line.starts_with('#') || line.starts_with('[') && !line.starts_with("[\"") {
                continue;
            }
            if let Some((k, _)) = line.split_once('=').filter(|(k, _)| !k.contains('"')) {
                key = k.trim().to_string();
                if key == "editor_note" {
                    in_note = line.matches("\"\"\"").count() == 1;
                    continue;
                }
            }
            if key == "editor_note"
                || ID_FIELDS.contains(&key.as_str())
                || key == "source" && file.ends_with("drugs.toml")
            {
                continue;
            }
            for s in quoted(line) {
                // A single token (no space) is an id or a number, not prose.
                if s.contains(' ') {
                    self.reader_text(file, number, s);
                } else {
                    self.editor_word(file, number, s);
                }
            }
        }
    }
}

/// The double-quoted strings of one TOML line (escapes kept as written).
fn quoted(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let mut end = None;
        let mut escaped = false;
        for (i, c) in after.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let Some(end) = end else { break };
        out.push(&after[..end]);
        rest = &after[end + 1..];
    }
    out
}

/// Placeholder wording that marks a reference part as unfinished.
const PLACEHOLDERS: [&str; 9] = [
    "to be confirmed",
    "various authors",
    "unknown",
    "tbd",
    "tbc",
    "n/a",
    "placeholder",
    "not recorded",
    "xxx",
];

/// A reference is complete: authors or organisation, title, journal or publisher and year,
/// none of them a placeholder; identifiers well formed. Reported at the offending field.
pub fn reference(r: &ReferenceSrc, file: &str, text: &str, today_year: u16) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let line_of = |field: &str| field_line(text, r.line, field);
    let mut bad = |field: &str, msg: String| out.push(Diagnostic::new(file, line_of(field), msg));
    for (field, value) in [
        ("authors", &r.authors),
        ("title", &r.title),
        ("source", &r.source),
        ("details", &r.details),
    ] {
        let v = value.trim();
        if v.is_empty() {
            if field != "details" {
                bad(field, format!("reference `{}` has no {field}: a reference is complete (authors or organisation, title, journal or publisher, year) or it is not used", r.key));
            }
            continue;
        }
        // A bracket holding words is an editor's description; chemical names such as
        // "[177Lu]Lu-DOTA-TATE" keep theirs.
        let described = v.split('[').skip(1).any(|after| {
            after
                .split(']')
                .next()
                .is_some_and(|inside| inside.contains(' ') || !after.contains(']'))
        });
        if described || v.starts_with('[') && v.ends_with(']') {
            bad(field, format!("reference `{}`: bracketed {field} `{v}` is a placeholder: give the exact published {field}", r.key));
        }
        let lower = v.to_lowercase();
        if let Some(p) = PLACEHOLDERS.iter().find(|p| {
            lower
                .split(|c: char| !c.is_alphanumeric() && c != '/' && c != ' ')
                .any(|part| part.trim() == **p)
                || p.contains(' ') && lower.contains(*p)
        }) {
            bad(
                field,
                format!(
                    "reference `{}`: {field} `{v}` is a placeholder (`{p}`)",
                    r.key
                ),
            );
        }
        if field == "authors" && (lower == "et al." || lower == "et al") {
            bad(
                field,
                format!("reference `{}` names no author before `et al.`", r.key),
            );
        }
    }
    match r.year {
        None => bad("year", format!("reference `{}` has no year", r.key)),
        Some(y) if y < 1900 || y > today_year => bad(
            "year",
            format!("reference `{}` has an impossible year {y}", r.key),
        ),
        Some(_) => {}
    }
    let doi_ok = r.doi.starts_with("10.") && r.doi.contains('/') && !r.doi.contains(' ');
    if !r.doi.is_empty() && !doi_ok {
        bad(
            "doi",
            format!("reference `{}` has a malformed DOI `{}`", r.key, r.doi),
        );
    }
    if !r.pmid.is_empty() && !r.pmid.chars().all(|c| c.is_ascii_digit()) {
        bad(
            "pmid",
            format!("reference `{}` has a malformed PMID `{}`", r.key, r.pmid),
        );
    }
    let pmc_ok = r.pmc.len() > 3
        && r.pmc.starts_with("PMC")
        && r.pmc[3..].chars().all(|c| c.is_ascii_digit());
    if !r.pmc.is_empty() && !pmc_ok {
        bad(
            "pmc",
            format!(
                "reference `{}` has a malformed PMC id `{}` (PMC and digits)",
                r.key, r.pmc
            ),
        );
    }
    let url_ok = r.url.starts_with("https://") && !r.url.contains(char::is_whitespace);
    if !r.url.is_empty() && !url_ok {
        bad(
            "url",
            format!(
                "reference `{}` has a url that is not an https address",
                r.key
            ),
        );
    }
    out
}

/// Line of `field = …` inside the entry that starts at `start` (the entry's line if absent).
fn field_line(text: &str, start: usize, field: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, l)| !l.trim_start().starts_with("[[reference]]"))
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(field)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(start, |(i, _)| i + 1)
}

/// Every `editor_note` in content/, as `file:line: note`, for reviewers.
pub fn notes(root: &Path) -> Vec<String> {
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in [
        root.to_path_buf(),
        root.join("article"),
        root.join("topics"),
    ] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut found: Vec<_> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml" || x == "md"))
                .collect();
            found.sort();
            files.extend(found);
        }
    }
    let mut out = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let rel = path
            .strip_prefix(root.parent().unwrap_or(root))
            .unwrap_or(&path);
        let mut open: Option<(usize, String)> = None;
        for (i, line) in text.lines().enumerate() {
            if let Some((start, note)) = open.as_mut() {
                if let Some(end) = line.find("\"\"\"") {
                    note.push(' ');
                    note.push_str(line[..end].trim());
                    out.push(format!("{}:{}: {}", rel.display(), start, note.trim()));
                    open = None;
                } else {
                    note.push(' ');
                    note.push_str(line.trim());
                }
                continue;
            }
            let Some(value) = line
                .trim_start()
                .strip_prefix("editor_note")
                .and_then(|r| r.trim_start().strip_prefix('='))
            else {
                continue;
            };
            let value = value.trim();
            if let Some(body) = value.strip_prefix("\"\"\"") {
                match body.find("\"\"\"") {
                    Some(end) => out.push(format!("{}:{}: {}", rel.display(), i + 1, &body[..end])),
                    None => open = Some((i + 1, body.to_string())),
                }
            } else if let Some(s) = quoted(value).first() {
                if !s.is_empty() {
                    out.push(format!("{}:{}: {}", rel.display(), i + 1, s));
                }
            }
        }
    }
    out
}
