//! The `net-guide` command as a user runs it.

use std::process::Command;

fn net_guide(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_net-guide"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run net-guide");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn check_passes_on_shipped_content() {
    let (code, out, err) = net_guide(&["check"]);
    assert_eq!(code, 0, "stderr:\n{err}");
    assert!(out.contains("content OK"));
}

#[test]
fn check_rejects_broken_fixture_with_file_and_line() {
    let (code, _, err) = net_guide(&["check", "--content", "tests/fixtures/broken"]);
    assert_eq!(code, 1);
    for expected in [
        "broken/topics/definition.md:10: unknown citation key `nosuchref`",
        "broken/topics/definition.md:16: dose `120 mg` written outside the drug table",
        "broken/topics/definition.md:7: last_reviewed 2999-01-01 is in the future",
        "broken/topics/grading.md:1: missing review metadata",
        "broken/topics/grading.md:9: missing audience text: add a `# caregiver` section",
        "broken/topics/grading.md:6: patient text reads at Flesch-Kincaid grade",
        "broken/topics/grading2.md:1: duplicate topic id `grading`",
        "broken/article.toml:7: status is `approved` but no named human reviewer",
        "broken/topics/grading2.md:15: unknown drug `unknown_drug`",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    let (code, _, err) = net_guide(&["render", "--audience", "martian"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown audience `martian`"));
    let (code, _, err) = net_guide(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown command"));
    let (code, _, _) = net_guide(&[]);
    assert_eq!(code, 2);
    let (code, _, err) = net_guide(&["check", "--content", "/no/such/dir"]);
    assert_eq!(code, 2);
    assert!(err.contains("does not exist"));
}

#[test]
fn render_prints_a_standalone_styled_page() {
    let (code, html, _) = net_guide(&["render", "--audience", "clinician"]);
    assert_eq!(code, 0);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && html.contains(".ng-root"));
    assert!(
        !html.contains("<script"),
        "the no-JavaScript page must not need scripts"
    );
    assert!(html.contains("Professional medical disclaimer"));
}

#[test]
fn passages_cover_every_topic_and_audience() {
    let (code, out, _) = net_guide(&["passages", "--json"]);
    assert_eq!(code, 0);
    let passages: Vec<serde_json::Value> = serde_json::from_str(&out).expect("valid JSON");
    for topic in net_guide::kb::spec::TOPIC_IDS {
        for audience in ["patient", "caregiver", "clinician"] {
            let found = passages.iter().any(|p| {
                p["topic"] == topic
                    && p["audience"] == audience
                    && p["text"].as_str().is_some_and(|t| t.len() > 20)
            });
            assert!(found, "no passage for {topic}/{audience}");
        }
    }
    for p in &passages {
        for key in ["id", "topic", "audience", "title", "text", "cites"] {
            assert!(p.get(key).is_some(), "passage lacks `{key}`: {p}");
        }
    }
}
