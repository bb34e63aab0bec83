//! Bad input to `net-guide decide|render --profile` is refused clearly, as a user sees it:
//! exit 2 and one short stderr line naming the field (SPEC §4–§5, issue 8 point 10).

use std::io::{Read, Write};
use std::process::{Command, Stdio};

fn net_guide_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_net-guide"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run net-guide");
    // The command may refuse the input before reading all of it; that is fine.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn decide(profile: &str) -> (i32, String, String) {
    net_guide_stdin(&["decide", "--profile", "-"], profile)
}

/// Asserts exit 2 and a single stderr line containing `expected`; returns that line.
fn refused(profile: &str, expected: &str) -> String {
    let (code, out, err) = decide(profile);
    assert_eq!(code, 2, "{profile}: stderr {err}");
    assert!(out.is_empty(), "{profile}: nothing on stdout, got {out}");
    assert!(
        err.contains(expected),
        "{profile}: want `{expected}` in:\n{err}"
    );
    assert_eq!(err.lines().count(), 1, "one line, no usage text: {err}");
    err
}

fn accepted(profile: &str) -> serde_json::Value {
    let (code, out, err) = decide(profile);
    assert_eq!(code, 0, "{profile}: {err}");
    serde_json::from_str(&out).expect("decision JSON")
}

/// A profile file under the temp dir, unique to this test process and `name`.
fn temp_profile(name: &str, text: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "net-guide-bad-input-{}-{name}.json",
        std::process::id()
    ));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn ki67_must_be_0_to_100() {
    refused(
        r#"{"site":"pancreas","ki67":-1}"#,
        "net-guide: bad profile: field `ki67` is out of range: must be 0 to 100, got -1",
    );
    refused(
        r#"{"site":"pancreas","ki67":100.5}"#,
        "field `ki67` is out of range: must be 0 to 100, got 100.5",
    );
    accepted(r#"{"site":"pancreas","ki67":100}"#);
    accepted(r#"{"site":"pancreas","ki67":0}"#);
}

#[test]
fn size_cm_must_be_above_0_and_at_most_50() {
    refused(
        r#"{"site":"appendix","size_cm":0}"#,
        "field `size_cm` is out of range: must be above 0 and at most 50, got 0",
    );
    refused(
        r#"{"site":"appendix","size_cm":50.1}"#,
        "field `size_cm` is out of range: must be above 0 and at most 50, got 50.1",
    );
    accepted(r#"{"site":"appendix","size_cm":50}"#);
}

#[test]
fn age_years_must_be_0_to_120() {
    refused(
        r#"{"site":"lung","age_years":121}"#,
        "field `age_years` is out of range: must be 0 to 120, got 121",
    );
    refused(
        r#"{"site":"lung","age_years":-3}"#,
        "field `age_years` is out of range: must be 0 to 120, got -3",
    );
    accepted(r#"{"site":"lung","age_years":0}"#);
}

#[test]
fn out_of_range_numbers_are_refused_from_a_file_and_by_render_too() {
    let path = temp_profile("ki67", r#"{"site":"pancreas","ki67":250}"#);
    let file = path.to_str().unwrap();
    for args in [
        &["decide", "--profile", file][..],
        &["render", "--audience", "patient", "--profile", file][..],
    ] {
        let (code, out, err) = net_guide_stdin(args, "");
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert!(
            err.contains("field `ki67` is out of range: must be 0 to 100, got 250"),
            "{args:?}: {err}"
        );
    }
    let _ = std::fs::remove_file(path);
}

#[test]
fn duplicate_keys_are_refused_naming_the_field() {
    let err = refused(
        r#"{"site":"pancreas","grade":"G1","site":"lung"}"#,
        "net-guide: bad profile: duplicate field `site` at line 1",
    );
    assert!(
        !err.contains("malformed JSON"),
        "valid JSON, bad profile: {err}"
    );
    refused(
        "{\"site\":\"pancreas\",\n \"ki67\":2,\n \"ki67\":2}",
        "duplicate field `ki67` at line 3",
    );
    // The same duplicate the same way is still a duplicate.
    refused(
        r#"{"site":"pancreas","resectable":null,"resectable":null}"#,
        "duplicate field `resectable`",
    );
}

#[test]
fn a_5000_character_unknown_field_is_not_echoed_whole() {
    let key = "x".repeat(5000);
    let err = refused(
        &format!(r#"{{"site":"pancreas","{key}":1}}"#),
        "unknown field `xxxxxxxx",
    );
    assert!(err.contains('…'), "{err}");
    assert!(err.trim_end().chars().count() < 300, "{} chars", err.len());
    // Also when the long name is a duplicate.
    let err = refused(
        &format!(r#"{{"site":"pancreas","{key}":1,"{key}":1}}"#),
        "duplicate field `xxxxxxxx",
    );
    assert!(
        err.contains('…') && err.trim_end().chars().count() < 300,
        "{err}"
    );
}

#[test]
fn enum_values_and_list_items_are_quoted_escaped() {
    // The value holds a newline and double quotes; the message must stay one escaped line.
    refused(
        r#"{"site":"pan\ncreas \"x\""}"#,
        r#"field `site` has unknown value "pan\ncreas \"x\""; expected one of: pancreas,"#,
    );
    refused(
        r#"{"site":"pancreas","prior_therapies":["ssa_lanreotide","magic\u001b[31m"]}"#,
        r#"field `prior_therapies` has unknown value "magic\u{1b}[31m""#,
    );
    let long = "y".repeat(3000);
    let err = refused(
        &format!(r#"{{"site":"pancreas","risk_features":["{long}"]}}"#),
        "field `risk_features` has unknown value \"yyyy",
    );
    assert!(err.contains("…\"") && err.len() < 600, "{err}");
}

#[test]
fn malformed_json_keeps_line_and_column_but_not_the_input() {
    let junk = format!("{{\"site\":\"pancreas\",\n {}", "z".repeat(5000));
    let err = refused(
        &junk,
        "malformed JSON: key must be a string at line 2 column 2",
    );
    assert!(err.len() < 300, "{err}");
}

#[test]
fn a_failed_write_to_stdout_exits_non_zero_with_a_message() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("no /dev/full here; skipped");
        return;
    };
    let profile = temp_profile("full", r#"{"site":"pancreas","ki67":5}"#);
    let out = Command::new(env!("CARGO_BIN_EXE_net-guide"))
        .args(["decide", "--profile", profile.to_str().unwrap()])
        .stdout(full)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(profile);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(
        err.contains("net-guide: cannot write the output:"),
        "stderr: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_closed_pipe_does_not_panic() {
    // `passages --json` prints far more than a pipe buffer; stop reading after one byte.
    let mut child = Command::new(env!("CARGO_BIN_EXE_net-guide"))
        .args(["passages", "--json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    stdout.read_exact(&mut one).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?}: {err}",
        out.status
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn help_prints_usage_on_stdout_and_succeeds_but_a_question_may_be_help() {
    for args in [&["--help"][..], &["-h"], &["help"], &["render", "--help"]] {
        let (code, out, err) = net_guide_stdin(args, "");
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            out.contains("net-guide render --fragment"),
            "{args:?}: {out}"
        );
        assert!(err.is_empty(), "{args:?}: {err}");
    }
    let (code, out, _) = net_guide_stdin(&["ask", "--json", "help"], "");
    assert_eq!(code, 0);
    assert!(
        out.starts_with('{'),
        "the question \"help\" is answered: {out}"
    );
}
