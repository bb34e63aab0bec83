//! The small Markdown subset of content/ bodies: paragraphs, `- ` lists, `## ` subheadings,
//! `| a | b |` tables (header row, `|---|` separator, body rows), `**bold**`,
//! `[@cite; @keys]`, `[[topic|text]]` and `{{dose:drug}}`.

use super::Diagnostic;

#[derive(Clone, Debug, PartialEq)]
pub enum InlineSrc {
    Text(String),
    Strong(String),
    Cite(Vec<String>),
    Link { topic: String, text: String },
    Dose(String),
}

/// Inline pieces of one paragraph or list item, each with its source line.
pub type Run = Vec<(usize, InlineSrc)>;

#[derive(Clone, Debug, PartialEq)]
pub enum BlockSrc {
    Heading(String),
    Para(Run),
    List(Vec<Run>),
    /// Rows of cells; the first row is the header.
    Table(Vec<Vec<Run>>),
}

/// Splits body lines into blocks. Returns whether the text opens with `{{patient}}`.
pub fn parse_blocks(
    file: &str,
    lines: &[(usize, &str)],
    allow_include: bool,
    diags: &mut Vec<Diagnostic>,
) -> (bool, Vec<(usize, BlockSrc)>) {
    let mut blocks: Vec<(usize, BlockSrc)> = Vec::new();
    let mut includes_patient = false;
    let mut para: Option<(usize, Run)> = None;
    let mut list: Option<(usize, Vec<Run>)> = None;
    let mut table: Option<(usize, Vec<Vec<Run>>)> = None;
    let mut seen_content = false;

    fn close(
        blocks: &mut Vec<(usize, BlockSrc)>,
        para: &mut Option<(usize, Run)>,
        list: &mut Option<(usize, Vec<Run>)>,
        table: &mut Option<(usize, Vec<Vec<Run>>)>,
    ) {
        if let Some((line, inl)) = para.take() {
            blocks.push((line, BlockSrc::Para(inl)));
        }
        if let Some((line, items)) = list.take() {
            blocks.push((line, BlockSrc::List(items)));
        }
        if let Some((line, rows)) = table.take() {
            blocks.push((line, BlockSrc::Table(rows)));
        }
    }

    for &(number, raw) in lines {
        let line = raw.trim();
        if line.is_empty() {
            close(&mut blocks, &mut para, &mut list, &mut table);
            continue;
        }
        if let Some(row) = line.strip_prefix('|') {
            if table.is_none() {
                close(&mut blocks, &mut para, &mut list, &mut table);
            }
            let cells = split_cells(row.strip_suffix('|').unwrap_or(row));
            let is_separator = cells.iter().all(|c| {
                !c.trim().is_empty() && c.trim().chars().all(|ch| matches!(ch, '-' | ':'))
            });
            let (start, rows) = table.get_or_insert_with(|| (number, Vec::new()));
            if is_separator {
                if rows.len() != 1 {
                    diags.push(Diagnostic::new(
                        file,
                        number,
                        "a table's `|---|` separator must follow its header row",
                    ));
                }
                continue;
            }
            if let Some(header) = rows.first() {
                if header.len() != cells.len() {
                    diags.push(Diagnostic::new(
                        file,
                        number,
                        format!(
                            "table row has {} cells but the header (line {start}) has {}",
                            cells.len(),
                            header.len()
                        ),
                    ));
                }
            }
            rows.push(
                cells
                    .iter()
                    .map(|c| parse_inlines(file, number, c.trim(), diags))
                    .collect(),
            );
            continue;
        }
        if table.is_some() {
            close(&mut blocks, &mut para, &mut list, &mut table);
        }
        if line == "{{patient}}" {
            if !allow_include {
                diags.push(Diagnostic::new(
                    file,
                    number,
                    "`{{patient}}` is only allowed in the caregiver section",
                ));
            } else if seen_content {
                diags.push(Diagnostic::new(
                    file,
                    number,
                    "`{{patient}}` must be the first line of the caregiver section",
                ));
            } else {
                includes_patient = true;
            }
            seen_content = true;
            continue;
        }
        seen_content = true;
        if let Some(h) = line.strip_prefix("## ") {
            close(&mut blocks, &mut para, &mut list, &mut table);
            blocks.push((number, BlockSrc::Heading(h.trim().to_string())));
            continue;
        }
        if line.starts_with('#') {
            diags.push(Diagnostic::new(
                file,
                number,
                "only `## ` subheadings are allowed inside an audience section",
            ));
            continue;
        }
        if let Some(item) = line.strip_prefix("- ") {
            if let Some((pline, inl)) = para.take() {
                blocks.push((pline, BlockSrc::Para(inl)));
            }
            let inlines = parse_inlines(file, number, item, diags);
            list.get_or_insert_with(|| (number, Vec::new()))
                .1
                .push(inlines);
            continue;
        }
        let inlines = parse_inlines(file, number, line, diags);
        if let Some((_, items)) = list.as_mut() {
            // An indented or continuing line belongs to the last list item.
            if let Some(last) = items.last_mut() {
                last.push((number, InlineSrc::Text(" ".into())));
                last.extend(inlines);
                continue;
            }
        }
        match para.as_mut() {
            Some((_, existing)) => {
                existing.push((number, InlineSrc::Text(" ".into())));
                existing.extend(inlines);
            }
            None => para = Some((number, inlines)),
        }
    }
    close(&mut blocks, &mut para, &mut list, &mut table);
    (includes_patient, blocks)
}

/// Cells of a table row: split at `|` except inside `[[topic|text]]` links.
fn split_cells(row: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let bytes = row.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' if bytes.get(i + 1) == Some(&b'[') => {
                depth += 1;
                i += 1;
            }
            b']' if bytes.get(i + 1) == Some(&b']') && depth > 0 => {
                depth -= 1;
                i += 1;
            }
            b'|' if depth == 0 => {
                cells.push(&row[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    cells.push(&row[start..]);
    cells
}

/// Parses one line of inline markup.
pub fn parse_inlines(
    file: &str,
    line: usize,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(usize, InlineSrc)> {
    let mut out: Vec<(usize, InlineSrc)> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let push_plain = |plain: &mut String, out: &mut Vec<(usize, InlineSrc)>| {
        if !plain.is_empty() {
            out.push((line, InlineSrc::Text(std::mem::take(plain))));
        }
    };
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[@") {
            let Some(end) = after.find(']') else {
                diags.push(Diagnostic::new(
                    file,
                    line,
                    "citation `[@` is not closed by `]`",
                ));
                plain.push_str(rest);
                break;
            };
            let keys: Vec<String> = after[..end]
                .split(';')
                .map(|k| k.trim().trim_start_matches('@').trim().to_string())
                .collect();
            if keys.iter().any(|k| k.is_empty()) {
                diags.push(Diagnostic::new(file, line, "empty citation key in `[@…]`"));
            }
            // A citation sticks to the word before it: drop the space.
            if plain.ends_with(' ') {
                plain.pop();
            }
            push_plain(&mut plain, &mut out);
            out.push((
                line,
                InlineSrc::Cite(keys.into_iter().filter(|k| !k.is_empty()).collect()),
            ));
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix("[[") {
            let Some(end) = after.find("]]") else {
                diags.push(Diagnostic::new(
                    file,
                    line,
                    "topic link `[[` is not closed by `]]`",
                ));
                plain.push_str(rest);
                break;
            };
            let inner = &after[..end];
            let (topic, label) = match inner.split_once('|') {
                Some((t, l)) => (t.trim(), l.trim()),
                None => (inner.trim(), ""),
            };
            push_plain(&mut plain, &mut out);
            // Without its own text a link shows the topic's short title (build.rs): never
            // the id.
            let label = label.to_string();
            out.push((
                line,
                InlineSrc::Link {
                    topic: topic.to_string(),
                    text: label,
                },
            ));
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix("{{") {
            let Some(end) = after.find("}}") else {
                diags.push(Diagnostic::new(file, line, "`{{` is not closed by `}}`"));
                plain.push_str(rest);
                break;
            };
            let inner = after[..end].trim();
            match inner.strip_prefix("dose:") {
                Some(drug) => {
                    push_plain(&mut plain, &mut out);
                    out.push((line, InlineSrc::Dose(drug.trim().to_string())));
                }
                None => diags.push(Diagnostic::new(
                    file,
                    line,
                    format!("unknown placeholder `{{{{{inner}}}}}`: use {{{{dose:DRUG_ID}}}}"),
                )),
            }
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix("**") {
            let Some(end) = after.find("**") else {
                diags.push(Diagnostic::new(
                    file,
                    line,
                    "bold `**` is not closed on the same line",
                ));
                plain.push_str(after);
                break;
            };
            push_plain(&mut plain, &mut out);
            out.push((line, InlineSrc::Strong(after[..end].to_string())));
            rest = &after[end + 2..];
        } else {
            let mut chars = rest.chars();
            let c = chars.next().unwrap_or_default();
            plain.push(c);
            rest = chars.as_str();
        }
    }
    push_plain(&mut plain, &mut out);
    out
}
