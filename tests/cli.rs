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

fn net_guide_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_net-guide"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run net-guide");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn decide_prints_spec_json_and_rejects_bad_profiles_with_exit_2() {
    let profile = r#"{"site":"pancreas","differentiation":"well","grade":"G2","ki67":12,"stage":"metastatic",
        "resectable":false,"sstr_positive":true,"progression":"progressive","prior_therapies":["ssa_lanreotide"],"age_years":55}"#;
    let (code, out, err) = net_guide_stdin(&["decide", "--profile", "-"], profile);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = json["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"prrt_lu177") && ids.contains(&"everolimus") && ids.contains(&"sunitinib"),
        "{ids:?}"
    );
    for o in json["options"].as_array().unwrap() {
        assert!(o["rationale"].as_str().is_some_and(|r| !r.is_empty()));
        assert!(!o["cites"].as_array().unwrap().is_empty());
    }
    assert!(json["excluded"].is_array() && json["notes"].is_array());

    for (bad, needle) in [
        (
            r#"{"site":"pancreas","colour":1}"#,
            "unknown field `colour`",
        ),
        (
            r#"{"site":"pancreas","grade":"G9"}"#,
            "unknown value \"G9\"",
        ),
        (
            r#"{"site":"pancreas","age_years":"old"}"#,
            "`age_years` must be a number",
        ),
        ("{not json", "malformed JSON"),
    ] {
        let (code, _, err) = net_guide_stdin(&["decide", "--profile", "-"], bad);
        assert_eq!(code, 2, "{bad}");
        assert!(err.contains(needle), "{bad}: {err}");
    }
    let (code, _, err) = net_guide(&["decide", "--profile", "/no/such/profile.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read file"));
}

#[test]
fn render_with_a_profile_puts_the_tailored_summary_first() {
    let profile = r#"{"site":"appendix","differentiation":"well","grade":"G1","size_cm":2.5,"stage":"localized"}"#;
    let (code, html, err) = net_guide_stdin(
        &["render", "--audience", "caregiver", "--profile", "-"],
        profile,
    );
    assert_eq!(code, 0, "{err}");
    let results = html
        .find("Options for a situation like this")
        .expect("tailored results");
    let article = html.find("From the Guidelines").expect("article");
    assert!(results < article);
    assert!(html.contains("data-option=\"right_hemicolectomy\""));
    assert!(html.contains("Questions to ask your care team"));
    // The results say how far the decision rules have been reviewed (none are signed yet).
    assert!(
        html.contains("Review status of these decision rules: </strong>Pending clinical review"),
        "review status of the rules is shown"
    );
}

#[test]
fn render_fragment_prints_declarative_shadow_dom_for_the_audience() {
    let (code, out, _) = net_guide(&["render", "--fragment", "--audience", "clinician"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(
            "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"net-guide.css\">"
        ),
        "{}",
        &out[..200]
    );
    assert!(out.trim_end().ends_with("</template>"));
    // The first screen the widget draws: the clinician article, the audience picker, the
    // follow-up box, all under the id prefix of the first widget on a page.
    assert!(out.contains("ng-audience-clinician"));
    assert!(out.contains("id=\"ng1-title\""));
    assert!(out.contains("ng-ask-form"));
    // Strict CSP: no script, no inline style, no event-handler attribute.
    for banned in ["<script", " style=", " onclick=", "<style"] {
        assert!(!out.contains(banned), "{banned}");
    }
    let (code, out, _) = net_guide(&[
        "render",
        "--fragment",
        "--stylesheet",
        "/assets/ng.css\"><x",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("href=\"/assets/ng.css&quot;&gt;&lt;x\""),
        "the URL is escaped"
    );
    assert!(out.contains("ng-audience-patient"));
}

#[test]
fn render_fragment_draws_with_the_elements_attributes() {
    let (code, out, _) = net_guide(&[
        "render",
        "--fragment",
        "--attribute",
        "audience=clinician",
        "--attribute",
        "heading-level=4",
        "--attribute",
        "theme=dark",
        "--attribute",
        "site=pancreas",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("class=\"ng-root ng-audience-clinician ng-theme-dark\""));
    assert!(
        out.contains("<h4 id=\"ng1-title\""),
        "the title takes heading-level"
    );
    assert!(!out.contains("Some settings"), "no notice for good values");
    // A bad value gets the widget's own polite notice, as the element would show it.
    let (code, out, _) = net_guide(&["render", "--fragment", "--attribute", "grade=G9"]);
    assert_eq!(code, 0);
    assert!(out.contains("grade=“G9” (not a known answer)"));
    // A name the element does not have, or no `=`, is a usage error.
    for bad in ["id=guide", "onclick=alert(1)", "heading-level"] {
        let (code, out, err) = net_guide(&["render", "--fragment", "--attribute", bad]);
        assert_eq!(code, 2, "{bad}");
        assert!(out.is_empty());
        assert!(err.contains("--attribute needs NAME=VALUE"), "{err}");
    }
}
