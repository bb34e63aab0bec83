//! Readers see finished text only: each editorial `check` rule fails on a fixture with the
//! right file:line; the rendered page of every audience has no editor-only word, no raw
//! markup, no internal id and no incomplete reference; drug boxes differ by audience
//! (snapshots in tests/snapshots; set UPDATE_SNAPSHOTS=1 to refresh).

mod common;

use common::{assert_reported, check_mutated, content_dir, replace, text_of};
use net_guide::check::editorial;
use net_guide::kb::{kb, Audience};
use net_guide::render::render_widget;
use std::fs;
use std::path::{Path, PathBuf};

const TOPIC: &str = "topics/nec.md";

/// Adds a clinician paragraph to a topic; returns its line.
fn add_clinician_text(dir: &Path, text: &str) -> usize {
    replace(
        dir,
        TOPIC,
        "# clinician\n",
        &format!("# clinician\n{text}\n\n"),
    ) + 1
}

#[test]
fn editor_only_words_in_topic_text_fail_with_line() {
    let mut line = 0;
    let d = check_mutated("word-topic", |dir| {
        line = add_clinician_text(dir, "Doses are not verified here. [@enets2023_nec]");
    });
    assert_reported(&d, TOPIC, line, "`not verified` is for editors only");
}

#[test]
fn editors_extend_the_word_list_in_content() {
    let mut line = 0;
    let d = check_mutated("word-list", |dir| {
        let path = dir.join(editorial::WORDS_FILE);
        let list = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            list.replace("words = [", "words = [\n  \"ask marta\","),
        )
        .unwrap();
        line = add_clinician_text(dir, "Ask Marta about this line. [@enets2023_nec]");
    });
    assert_reported(&d, TOPIC, line, "`ask marta` is for editors only");
}

#[test]
fn editor_only_words_in_table_fields_fail_with_line_but_editor_notes_do_not() {
    let mut line = 0;
    let d = check_mutated("word-toml", |dir| {
        line = replace(
            dir,
            "options.toml",
            "how_given = \"",
            "how_given = \"TODO say how. ",
        );
        replace(
            dir,
            "options.toml",
            "editor_note = \"",
            "editor_note = \"not verified: check the label. ",
        );
    });
    assert_reported(&d, "options.toml", line, "`todo` is for editors only");
    assert!(
        !d.iter().any(|x| x.message.contains("not verified")),
        "an editor_note is for editors: {d:?}"
    );
}

#[test]
fn unresolved_markup_in_a_list_or_table_cell_fails_with_line() {
    let (mut list_line, mut cell_line) = (0, 0);
    let d = check_mutated("raw-markup", |dir| {
        list_line = add_clinician_text(
            dir,
            "- See the PRRT page ]] for more. [@enets2023_nec]\n\n| Situation | Choice |\n|---|---|\n| NEC | platinum }} etoposide [@enets2023_nec] |",
        );
        cell_line = list_line + 4;
    });
    assert_reported(&d, TOPIC, list_line, "unresolved `]]`");
    assert_reported(&d, TOPIC, cell_line, "unresolved `}}`");
}

#[test]
fn a_table_row_with_the_wrong_number_of_cells_fails_with_line() {
    let mut line = 0;
    let d = check_mutated("table-cells", |dir| {
        line = add_clinician_text(
            dir,
            "| A | B |\n|---|---|\n| one | two | three [@enets2023_nec] |",
        ) + 2;
    });
    assert_reported(&d, TOPIC, line, "table row has 3 cells");
}

#[test]
fn an_internal_id_in_reader_text_fails_with_line() {
    let key = kb()
        .references
        .iter()
        .map(|r| r.key)
        .find(|k| k.contains('_'))
        .unwrap();
    let mut line = 0;
    let d = check_mutated("internal-key", |dir| {
        line = add_clinician_text(
            dir,
            &format!("Survival: see {key} for details. [@enets2023_nec]"),
        );
    });
    assert_reported(&d, TOPIC, line, &format!("internal id `{key}`"));
}

/// Sets a field of the first reference; returns the line of that field.
fn edit_first_reference(dir: &Path, field: &str, value: &str) -> usize {
    let path = dir.join("references.toml");
    let text = fs::read_to_string(&path).unwrap();
    let start = text.find("[[reference]]").unwrap();
    let rel = text[start..]
        .find(&format!("\n{field} = "))
        .unwrap_or_else(|| panic!("first reference has no {field}"));
    let at = start + rel + 1;
    let end = at + text[at..].find('\n').unwrap();
    let new = format!("{}{field} = {value}{}", &text[..at], &text[end..]);
    fs::write(&path, new).unwrap();
    text[..at].matches('\n').count() + 1
}

#[test]
fn placeholder_and_incomplete_references_fail_at_the_field() {
    for (field, value, needle) in [
        (
            "title",
            "\"[Review of something, title to come]\"",
            "bracketed title",
        ),
        (
            "authors",
            "\"[authors to be confirmed]\"",
            "bracketed authors",
        ),
        ("authors", "\"Various authors\"", "placeholder"),
        (
            "source",
            "\"[journal to be confirmed]\"",
            "bracketed source",
        ),
        ("authors", "\"\"", "has no authors"),
        ("title", "\"\"", "has no title"),
    ] {
        let mut line = 0;
        let d = check_mutated(&format!("ref-{field}-{}", value.len()), |dir| {
            line = edit_first_reference(dir, field, value);
        });
        assert_reported(&d, "references.toml", line, needle);
    }
}

#[test]
fn a_reference_without_a_year_or_with_a_bad_identifier_fails() {
    let mut entry = 0;
    let mut pmc = 0;
    let d = check_mutated("ref-year", |dir| {
        let path = dir.join("references.toml");
        let text = fs::read_to_string(&path).unwrap();
        let start = text.find("[[reference]]").unwrap();
        entry = text[..start].matches('\n').count() + 1;
        let year_at = start + text[start..].find("\nyear = ").unwrap() + 1;
        let year_end = year_at + text[year_at..].find('\n').unwrap();
        let new = format!("{}pmc = \"12345\"{}", &text[..year_at], &text[year_end..]);
        pmc = text[..year_at].matches('\n').count() + 1;
        fs::write(&path, new).unwrap();
    });
    assert_reported(&d, "references.toml", entry, "has no year");
    assert_reported(&d, "references.toml", pmc, "malformed PMC id");
}

#[test]
fn chemical_names_in_brackets_are_not_placeholders() {
    let mut line = 0;
    let d = check_mutated("ref-chemical", |dir| {
        line = edit_first_reference(
            dir,
            "title",
            "\"[177Lu]Lu-DOTA-TATE in neuroendocrine tumours\"",
        );
    });
    assert!(
        !d.iter()
            .any(|x| x.line == line && x.message.contains("bracketed")),
        "{d:?}"
    );
}

#[test]
fn drug_boxes_keep_label_words_for_labels_and_doses_out_of_lay_text() {
    let mut dose_line = 0;
    let d = check_mutated("drug-rules", |dir| {
        // A dose with no label behind it, and a label without its warnings.
        let path = dir.join("drugs.toml");
        let text = fs::read_to_string(&path).unwrap();
        let captem = text.find("id = \"captem\"").unwrap();
        let mut t = text.clone();
        let dose_at = captem + text[captem..].find("\ndose = ").unwrap() + 1;
        let dose_end = dose_at + text[dose_at..].find('\n').unwrap();
        t.replace_range(dose_at..dose_end, "dose = \"a schedule\"");
        fs::write(&path, t).unwrap();
        // A dose in patient text outside the FDA-label section.
        dose_line = replace(
            dir,
            TOPIC,
            "# caregiver\n",
            "Your dose: {{dose:lanreotide}}.\n\n# caregiver\n",
        );
    });
    assert_reported(
        &d,
        TOPIC,
        dose_line,
        "{{dose:lanreotide}} in patient or caregiver text",
    );
    assert!(
        d.iter().any(|x| x.file == "content/drugs.toml"
            && x.message
                .contains("drug `captem` has a `dose` but no `label_ref`")),
        "{d:?}"
    );
    let d = check_mutated("drug-warnings", |dir| {
        let path = dir.join("drugs.toml");
        let text = fs::read_to_string(&path).unwrap();
        let first = text.find("[[drug.warnings]]").unwrap();
        let src_at = first + text[first..].find("\nsource = ").unwrap() + 1;
        let src_end = src_at + text[src_at..].find('\n').unwrap();
        let mut t = text.clone();
        t.replace_range(src_at..src_end, "source = \"esmo2020\"");
        fs::write(&path, t).unwrap();
    });
    assert!(
        d.iter().any(|x| x.file == "content/drugs.toml"
            && x.message.contains("must cite an FDA label reference")),
        "{d:?}"
    );
}

#[test]
fn notes_list_every_editor_note_for_reviewers() {
    let notes = editorial::notes(&content_dir());
    assert!(!notes.is_empty());
    let raw: usize = walk(&content_dir())
        .iter()
        .map(|p| {
            fs::read_to_string(p)
                .unwrap_or_default()
                .lines()
                .filter(|l| l.trim_start().starts_with("editor_note"))
                .filter(|l| !l.contains("= \"\""))
                .count()
        })
        .sum();
    assert_eq!(notes.len(), raw, "{notes:#?}");
    assert!(notes
        .iter()
        .all(|n| n.starts_with("content/") && n.contains(".toml:") || n.contains(".md:")));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn editor_words() -> Vec<String> {
    let mut diags = Vec::new();
    let words = editorial::editor_words(&content_dir(), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    assert!(words.len() > 10);
    words
}

#[test]
fn every_audience_page_is_finished_text_with_complete_references() {
    let words = editor_words();
    let internal: Vec<&str> = kb()
        .references
        .iter()
        .map(|r| r.key)
        .chain(kb().topics.iter().map(|t| t.id))
        .chain(kb().options.iter().map(|o| o.id))
        .filter(|k| k.contains('_') || k.chars().any(|c| c.is_ascii_digit()))
        .collect();
    for audience in Audience::ALL {
        // The whole widget: article, every topic, drug boxes and reference lists.
        let text = text_of(&render_widget(audience));
        let lower = text.to_lowercase();
        for w in &words {
            assert!(
                !lower.contains(w.as_str()),
                "{audience:?}: editor-only `{w}` shown"
            );
        }
        for raw in ["[[", "]]", "{{", "}}", "[@"] {
            assert!(!text.contains(raw), "{audience:?}: raw `{raw}` shown");
        }
        for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            assert!(
                !internal.contains(&token),
                "{audience:?}: internal id `{token}` shown"
            );
        }
    }
    for r in kb().references {
        for (part, value) in [
            ("authors", r.authors()),
            ("title", r.title()),
            ("source", r.source()),
        ] {
            assert!(
                !value.trim().is_empty(),
                "reference {} has no {part}",
                r.key
            );
            assert!(
                !value.to_lowercase().contains("to be confirmed"),
                "reference {} {part}: {value}",
                r.key
            );
        }
        assert!(r.year.is_some(), "reference {} has no year", r.key);
    }
}

/// The visible text of one drug box on the widget page of `audience`.
fn drug_box(audience: Audience, drug: &str) -> String {
    let html = render_widget(audience);
    let marker = format!("drug-{drug}\"");
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {drug} box for {audience:?}"));
    let start = html[..at].rfind("<section").unwrap();
    let end = at + html[at..].find("</section>").unwrap();
    let text = text_of(&html[start..end]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn snapshot(name: &str, actual: &str) {
    let path = format!("{}/tests/snapshots/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::write(&path, actual).unwrap();
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        actual.trim_end(),
        expected.trim_end(),
        "{name} changed; rerun with UPDATE_SNAPSHOTS=1 if intended"
    );
}

#[test]
fn drug_boxes_are_written_for_their_reader() {
    let patient = drug_box(Audience::Patient, "everolimus");
    let clinician = drug_box(Audience::Clinician, "everolimus");
    snapshot("drug-box-patient-everolimus", &patient);
    snapshot("drug-box-clinician-everolimus", &clinician);
    // Patients: what it is for, how it is given, what to report, no dose, no jargon.
    for row in [
        "What it is for",
        "How it is given",
        "Call your care team at once if",
    ] {
        assert!(patient.contains(row), "{patient}");
    }
    assert!(!patient.contains(" mg"), "{patient}");
    for jargon in ["unresectable", "HR ", "median"] {
        assert!(!patient.contains(jargon), "`{jargon}` in {patient}");
    }
    // Clinicians: the label dose, every label warning, the key trial.
    let d = kb().drug("everolimus").unwrap();
    assert!(clinician.contains("Dose on the US label"), "{clinician}");
    assert!(clinician.contains(d.dose), "{clinician}");
    for w in d.warnings {
        assert!(clinician.contains(w.text), "missing warning {}", w.text);
        assert!(
            patient.contains(w.plain),
            "missing plain warning {}",
            w.plain
        );
    }
    assert!(clinician.contains("Key trial"));
}

#[test]
fn nothing_is_called_a_label_dose_without_a_label() {
    for d in kb().drugs {
        let clinician = drug_box(Audience::Clinician, d.id);
        if d.label_ref.is_empty() {
            assert!(
                !clinician.contains("on the US label"),
                "{}: {clinician}",
                d.id
            );
        }
        if !d.study_dose.is_empty() {
            assert!(clinician.contains("Schedule used in studies (not a label dose)"));
        }
        let lay = drug_box(Audience::Caregiver, d.id);
        assert!(!lay.contains(" mg"), "{}: {lay}", d.id);
    }
}

#[test]
fn topics_come_in_reading_order_under_plain_headings() {
    let groups = net_guide::page::topic_groups();
    let names: Vec<&str> = groups.iter().map(|(name, _)| *name).collect();
    assert!(
        !names.contains(&"More topics"),
        "every topic belongs to a named group: {names:?}"
    );
    let order: Vec<&str> = net_guide::page::reading_order()
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(order.len(), kb().topics.len());
    let at = |id: &str| order.iter().position(|t| *t == id).unwrap_or(usize::MAX);
    // What NETs are, then how they are found, grade and stage, treatment, follow-up, daily life.
    let expected = [
        "definition",
        "symptoms_diagnosis",
        "staging",
        "surgery",
        "side_effects_ssa",
        "follow_up",
        "living_with_net",
    ];
    for pair in expected.windows(2) {
        assert!(
            at(pair[0]) < at(pair[1]),
            "{pair:?} out of order: {order:?}"
        );
    }
    // The widget shows the topics in that order.
    let html = render_widget(Audience::Patient);
    let positions: Vec<usize> = expected
        .iter()
        .map(|id| {
            html.find(&format!("id=\"ng-topic-{id}\""))
                .unwrap_or_else(|| panic!("{id} not shown"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn the_patient_page_opens_with_key_points() {
    let html = render_widget(Audience::Patient);
    let text = text_of(&html);
    let key = text.find("Key points").expect("a Key points list");
    let first_section = text.find("From the Guidelines").unwrap_or(text.len());
    assert!(key < first_section, "key points come first");
    let opening = text[key..first_section].to_lowercase();
    assert!(opening.contains("cancer"), "{opening}");
    assert!(opening.contains("slow"), "most NETs grow slowly: {opening}");
}

#[test]
fn the_one_lay_dose_is_written_in_plain_words() {
    let file = "article/20-fda-lanreotide.md";
    let text = fs::read_to_string(content_dir().join(file)).unwrap();
    let patient = text.find("# patient").unwrap();
    let at = patient + text[patient..].find("{{dose:lanreotide}}").unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let d = check_mutated("plain-dose", |dir| {
        let path = dir.join("drugs.toml");
        let drugs = fs::read_to_string(&path).unwrap();
        let start = drugs.find("\nplain_dose = ").unwrap() + 1;
        let end = start + drugs[start..].find('\n').unwrap() + 1;
        fs::write(&path, format!("{}{}", &drugs[..start], &drugs[end..])).unwrap();
    });
    assert_reported(&d, file, line, "needs `plain_dose`");
    let page = text_of(&render_widget(Audience::Patient));
    let plain = kb().drug("lanreotide").unwrap().plain_dose;
    assert!(
        page.contains(plain),
        "patients read the label dose in plain words"
    );
    assert!(!page.contains(kb().drug("lanreotide").unwrap().dose));
}
