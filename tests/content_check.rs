//! `net-guide check`: passes on the real content/ and names file:line for each broken rule.

mod common;

use common::{assert_reported, check_mutated, content_dir, replace};
use net_guide::check::check_dir;
use std::fs;

#[test]
fn real_content_passes_every_rule() {
    let diags = check_dir(&content_dir());
    let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        diags.is_empty(),
        "content/ has problems:\n{}",
        text.join("\n")
    );
}

#[test]
fn unknown_citation_key_is_reported_with_line() {
    let mut line = 0;
    let d = check_mutated("cite", |dir| {
        line = replace(dir, "topics/prrt.md", "[@netter1", "[@netter_one")
    });
    assert_reported(
        &d,
        "topics/prrt.md",
        line,
        "unknown citation key `netter_one`",
    );
}

#[test]
fn unknown_topic_link_is_reported() {
    let mut line = 0;
    let d = check_mutated("link", |dir| {
        let path = dir.join("topics/ssa.md");
        let text = fs::read_to_string(&path).unwrap();
        let at = text.find("# clinician").unwrap();
        line = text[..at].matches('\n').count() + 2;
        fs::write(
            &path,
            text.replacen(
                "# clinician\n",
                "# clinician\nSee [[not_a_topic]]. [@clarinet]\n",
                1,
            ),
        )
        .unwrap();
    });
    assert_reported(&d, "topics/ssa.md", line, "unknown topic `not_a_topic`");
}

#[test]
fn missing_audience_text_is_reported() {
    let d = check_mutated("audience", |dir| {
        let path = dir.join("topics/gastric.md");
        let text = fs::read_to_string(&path).unwrap();
        let cut = text.find("# clinician").unwrap();
        fs::write(&path, &text[..cut]).unwrap();
    });
    assert!(d.iter().any(|x| x.file == "content/topics/gastric.md"
        && x.message
            .contains("missing audience text: add a `# clinician`")));
}

#[test]
fn missing_review_metadata_is_reported() {
    let d = check_mutated("review", |dir| {
        let path = dir.join("topics/surgery.md");
        let text = fs::read_to_string(&path).unwrap();
        let start = text.find("[review]").unwrap();
        let end = text[start..].find("+++").unwrap() + start;
        fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    });
    assert!(d
        .iter()
        .any(|x| x.file == "content/topics/surgery.md"
            && x.message.contains("missing review metadata")));
}

#[test]
fn approved_without_named_reviewer_is_reported() {
    let mut line = 0;
    let d = check_mutated("approved", |dir| {
        line = replace(
            dir,
            "topics/nec.md",
            "status = \"submitted\"",
            "status = \"approved\"",
        )
    });
    assert_reported(&d, "topics/nec.md", line, "no named human reviewer");
}

#[test]
fn duplicate_ids_are_reported() {
    let d = check_mutated("dup", |dir| {
        fs::copy(dir.join("topics/nec.md"), dir.join("topics/nec-copy.md")).unwrap();
    });
    assert!(d.iter().any(|x| x.file == "content/topics/nec.md"
        && x.message.contains("duplicate topic id `nec`")
        || x.file == "content/topics/nec-copy.md"
            && x.message.contains("duplicate topic id `nec`")));
}

#[test]
fn dose_outside_the_drug_table_is_reported() {
    let mut line = 0;
    let d = check_mutated("dose", |dir| {
        line = replace(
            dir,
            "article/20-fda-lanreotide.md",
            "{{dose:lanreotide}}",
            "120 mg every 4 weeks",
        )
    });
    assert_reported(
        &d,
        "article/20-fda-lanreotide.md",
        line,
        "dose `120 mg` written outside the drug table",
    );
}

#[test]
fn future_date_is_reported() {
    let mut line = 0;
    let d = check_mutated("date", |dir| {
        line = replace(
            dir,
            "topics/rectal.md",
            "last_reviewed = 2026-11-30",
            "last_reviewed = 2031-01-01",
        )
    });
    assert_reported(&d, "topics/rectal.md", line, "is in the future");
}

#[test]
fn hard_patient_text_fails_the_readability_gate() {
    let mut line = 0;
    let d = check_mutated("grade", |dir| {
        let path = dir.join("topics/definition.md");
        let text = fs::read_to_string(&path).unwrap();
        let at = text.find("# patient\n").unwrap() + "# patient\n".len();
        line = text[..at].matches('\n').count() + 1;
        let hard = "Histopathological characterisation of neuroendocrine neoplasia necessitates immunohistochemical \
                    quantification of proliferative indices, considering differentiation, architectural organisation \
                    and mitotic enumeration across representative hotspot microscopic fields simultaneously. [@who2019_digestive]\n\n";
        fs::write(&path, format!("{}{hard}{}", &text[..at], &text[at..])).unwrap();
    });
    assert_reported(
        &d,
        "topics/definition.md",
        line,
        "patient text reads at Flesch-Kincaid grade",
    );
}

#[test]
fn malformed_toml_is_reported_with_line() {
    let d = check_mutated("toml", |dir| {
        let path = dir.join("references.toml");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            format!("{text}\n[[reference]]\nkey = \"broken\nkind = \"trial\"\n"),
        )
        .unwrap();
    });
    assert!(
        d.iter().any(|x| x.file == "content/references.toml"
            && x.line > 1
            && x.message.contains("invalid TOML")),
        "{d:?}"
    );
}

#[test]
fn html_in_content_is_not_an_error_but_stays_text() {
    // The renderer escapes it; check accepts it as ordinary text.
    let d = check_mutated("html", |dir| {
        replace(
            dir,
            "topics/nec.md",
            "# clinician\n",
            "# clinician\n<script>alert(1)</script> is shown as text. [@enets2023_nec]\n\n",
        );
    });
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn question_choices_must_be_values_the_rules_know() {
    let mut line = 0;
    let d = check_mutated("question-value", |dir| {
        replace(
            dir,
            "questions.toml",
            r#"{ value = "lt3", label"#,
            r#"{ value = "below3", label"#,
        );
        // The entry's [[question]] header is the line reported.
        let text = fs::read_to_string(dir.join("questions.toml")).unwrap();
        let at = text.find(r#"field = "ki67""#).unwrap();
        line = text[..at].matches('\n').count();
    });
    assert_reported(
        &d,
        "questions.toml",
        line,
        "`below3` is not a value the decision rules know",
    );
}

#[test]
fn every_profile_field_needs_its_question_once() {
    let d = check_mutated("question-missing", |dir| {
        replace(
            dir,
            "questions.toml",
            r#"field = "liver_dominant""#,
            r#"field = "site""#,
        );
    });
    assert_reported(
        &d,
        "questions.toml",
        1,
        "missing question for profile field `liver_dominant`",
    );
    assert!(
        d.iter()
            .any(|x| x.message.contains("duplicate question field `site`")),
        "{d:?}"
    );
}

#[test]
fn table_files_need_their_own_review_and_an_approval_needs_a_name() {
    let d = check_mutated("table-review", |dir| {
        let rules = fs::read_to_string(dir.join("rules.toml")).unwrap();
        let start = rules.find("[review]").unwrap();
        let end = start + rules[start..].find("\n\n").unwrap();
        fs::write(
            dir.join("rules.toml"),
            format!("{}{}", &rules[..start], &rules[end..]),
        )
        .unwrap();
        replace(
            dir,
            "drugs.toml",
            r#"status = "submitted""#,
            r#"status = "approved""#,
        );
    });
    assert_reported(&d, "rules.toml", 1, "missing review metadata");
    let drugs = fs::read_to_string(content_dir().join("drugs.toml")).unwrap();
    let status_line = drugs[..drugs.find("status = ").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert_reported(&d, "drugs.toml", status_line, "no named human reviewer");
}

/// Damaged content of many kinds (cut short, lines lost or repeated, stray markup) never makes
/// `check` panic, and every finding names a real file and line.
#[test]
fn mangled_content_never_panics_and_findings_point_somewhere() {
    let files = [
        "article.toml",
        "rules.toml",
        "questions.toml",
        "references.toml",
        "drugs.toml",
        "glossary.toml",
        "options.toml",
        "topics/prrt.md",
        "article/00-bottom-line.md",
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = move |below: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % below.max(1)
    };
    let stray = [
        "[",
        "]]",
        "\"",
        "+++",
        "\u{0}",
        "[@",
        "{{dose:",
        "é",
        "\n[[rule]]\n",
        "= =",
    ];
    for (round, file) in files.iter().cycle().take(45).enumerate() {
        let kind = round % 5;
        let (pick_a, pick_b, pick_c) = (next(1 << 20), next(1 << 20), next(stray.len()));
        let diags = check_mutated(&format!("mangle-{round}"), |dir| {
            let path = dir.join(file);
            let text = fs::read_to_string(&path).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            let at = pick_a % lines.len().max(1);
            let mangled = match kind {
                // Cut the file short at a random byte (on a character boundary).
                0 => {
                    let mut cut = pick_b % text.len().max(1);
                    while !text.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    text[..cut].to_string()
                }
                // Lose a line.
                1 => [&lines[..at], &lines[(at + 1).min(lines.len())..]]
                    .concat()
                    .join("\n"),
                // Repeat a line.
                2 => [
                    &lines[..=at.min(lines.len().saturating_sub(1))],
                    &lines[at..],
                ]
                .concat()
                .join("\n"),
                // Drop stray markup into the middle of a line.
                3 => {
                    let line = lines.get(at).copied().unwrap_or("");
                    let mut mid = pick_b % (line.len() + 1);
                    while !line.is_char_boundary(mid) {
                        mid -= 1;
                    }
                    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                    if let Some(slot) = out.get_mut(at) {
                        *slot = format!("{}{}{}", &line[..mid], stray[pick_c], &line[mid..]);
                    }
                    out.join("\n")
                }
                // Empty the file.
                _ => String::new(),
            };
            fs::write(&path, mangled).unwrap();
        });
        for d in &diags {
            assert!(d.file.starts_with("content/"), "{d}");
            assert!(d.line >= 1, "{d}");
            assert!(!d.message.trim().is_empty(), "{d}");
        }
        if kind == 4 {
            assert!(!diags.is_empty(), "an empty {file} must be reported");
        }
    }
}

#[test]
fn markup_inside_bold_is_refused_with_file_and_line() {
    let d = check_mutated("bold-link", |dir| {
        replace(
            dir,
            "topics/nec.md",
            "# clinician\n",
            "# clinician\n**[[prrt|PRRT]] is not for carcinoma.** [@enets2023_nec]\n\n",
        );
    });
    assert!(
        d.iter().any(|x| x.file == "content/topics/nec.md"
            && x.line > 1
            && x.message.contains("inside bold")),
        "{d:?}"
    );
}
