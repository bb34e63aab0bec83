//! Server-side rendered article: required sections, audience differences, citations that
//! resolve, every topic present, and an outline snapshot (set UPDATE_SNAPSHOTS=1 to refresh).

mod common;

use common::text_of;
use net_guide::kb::{kb, spec::TOPIC_IDS, Audience};
use net_guide::render::{render_page, render_widget};
use std::collections::HashSet;

fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn article_has_every_required_section_for_each_audience() {
    for audience in Audience::ALL {
        let html = render_widget(audience);
        let text = text_of(&html);
        for needle in [
            "What is the definition and treatment of neuroendocrine tumors?",
            "Review status",
            "Submitted",
            "Under review",
            "Approved",
            "Last updated:",
            "View editorial policy",
            "Which best describes you?",
            "The short answer",
            "From the Guidelines",
            "Definition and characteristics",
            "Treatment options",
            "From the FDA Drug Label",
            "Lanreotide",
            "From the Research",
            "Classification and staging",
            "References",
        ] {
            assert!(text.contains(needle), "{audience:?}: missing `{needle}`");
        }
        assert!(
            html.contains("class=\"ng-disclaimer\""),
            "{audience:?}: no disclaimer"
        );
        // The review status is shown honestly: the content is not signed, so not approved.
        assert!(text.contains("Pending clinical review") || text.contains("Under clinical review"));
        // A page without scripts has no control that needs one: it says who it is for and
        // where the other versions are.
        assert!(
            !html.contains("type=\"radio\""),
            "{audience:?}: a radio button"
        );
        assert!(
            text.contains(&format!(
                "This version is written for {}",
                net_guide::widget::audience_phrase(audience)
            )),
            "{audience:?}"
        );
    }
}

#[test]
fn article_wording_differs_by_audience() {
    let pages: Vec<String> = Audience::ALL
        .iter()
        .map(|a| text_of(&render_widget(*a)))
        .collect();
    assert_ne!(pages[0], pages[1]);
    assert_ne!(pages[0], pages[2]);
    assert_ne!(pages[1], pages[2]);
    // Clinician text carries doses from the drug table; the disclaimer differs too.
    let lanreotide_dose = kb().drug("lanreotide").unwrap().dose;
    assert!(pages[2].contains(lanreotide_dose));
    assert!(pages[2].contains("Professional medical disclaimer"));
    assert!(pages[0].contains("Do not start, stop or change any medicine"));
}

#[test]
fn every_citation_link_resolves_to_a_reference_with_bibliographic_data() {
    for audience in Audience::ALL {
        let html = render_page(audience);
        let ids: HashSet<&str> = attr_values(&html, "id").into_iter().collect();
        let mut links = 0;
        for (i, _) in html.match_indices("class=\"ng-cite-link\"") {
            // href comes before class in Yew's attribute order: look back to the tag start.
            let tag_start = html[..i].rfind('<').unwrap();
            let tag = &html[tag_start..html[i..].find('>').unwrap() + i];
            let href = attr_values(tag, "href")[0];
            let target = href.trim_start_matches('#');
            assert!(
                ids.contains(target),
                "{audience:?}: citation {href} has no target"
            );
            links += 1;
        }
        assert!(links > 50, "{audience:?}: only {links} citation links");
        // Every reference list entry names a source and a year or identifier.
        for key in net_guide::page::article_citations(audience).keys {
            let r = kb()
                .reference(key)
                .unwrap_or_else(|| panic!("unknown reference `{key}`"));
            assert!(!r.authors().is_empty() && !r.title().is_empty() && !r.source().is_empty());
        }
    }
}

#[test]
fn every_spec_topic_renders_for_every_audience() {
    for audience in Audience::ALL {
        let html = render_widget(audience);
        for id in TOPIC_IDS {
            let anchor = format!("id=\"ng-topic-{id}\"");
            let start = html
                .find(&anchor)
                .unwrap_or_else(|| panic!("{audience:?}: topic {id} missing"));
            let section = &html[start..];
            let end = section.find("</section>").unwrap();
            let words = text_of(&section[..end]).split_whitespace().count();
            assert!(
                words > 60,
                "{audience:?}: topic {id} has only {words} words"
            );
        }
    }
}

#[test]
fn glossary_terms_are_marked_for_lay_readers_only() {
    let patient = render_widget(Audience::Patient);
    let clinician = render_widget(Audience::Clinician);
    assert!(patient.matches("class=\"ng-term-static\"").count() > 20);
    assert_eq!(clinician.matches("class=\"ng-term").count(), 0);
    // Without scripts each definition is written out after its word (no hover title, which
    // neither touch nor paper can show).
    assert_eq!(
        patient.matches("class=\"ng-term-static\"").count(),
        patient.matches("class=\"ng-term-def-static\"").count()
    );
    assert!(!patient.contains("<dfn class=\"ng-term-static\" title="));
    let ki67 = net_guide::kb::kb()
        .term("ki67")
        .expect("Ki-67 in the glossary");
    assert!(text_of(&patient).contains(&format!("({})", ki67.definition)));
}

#[test]
fn outline_snapshot_matches() {
    for audience in Audience::ALL {
        let html = render_widget(audience);
        let mut outline = String::new();
        let mut rest = html.as_str();
        while let Some(i) = rest.find("<h") {
            let tag = &rest[i..];
            let level = tag.as_bytes().get(2).copied().unwrap_or(b'x');
            if level.is_ascii_digit() {
                let close = format!("</h{}>", level as char);
                let end = tag.find(&close).unwrap();
                let inner = text_of(&tag[..end]);
                let indent = "  ".repeat((level - b'2') as usize);
                outline.push_str(&format!(
                    "{indent}{}\n",
                    inner.split_whitespace().collect::<Vec<_>>().join(" ")
                ));
            }
            rest = &tag[2..];
        }
        let path = format!(
            "{}/tests/snapshots/outline-{}.txt",
            env!("CARGO_MANIFEST_DIR"),
            audience.id()
        );
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &outline).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            outline, expected,
            "outline changed for {audience:?}; rerun with UPDATE_SNAPSHOTS=1 if intended"
        );
    }
}

#[test]
fn content_text_is_escaped_never_markup() {
    let html = render_widget(Audience::Clinician);
    assert!(!html.contains("<script"));
    assert!(!html.contains("javascript:"));
}

#[test]
fn rendered_text_has_no_raw_markup_and_no_unsigned_review_claim() {
    for audience in Audience::ALL {
        let text = text_of(&render_widget(audience));
        for raw in ["[[", "]]", "{{", "}}", "[@", "**"] {
            assert!(!text.contains(raw), "{audience:?}: raw `{raw}` in the page");
        }
        // No topic is signed by a reviewer, so none says it was reviewed.
        assert!(!text.contains("Last reviewed"), "{audience:?}");
        assert!(!text.contains("Reviewed by"), "{audience:?}");
        // A link without its own text reads as the topic's title, never its id.
        for id in [
            "imaging_dotatate",
            "imaging dotatate",
            "markers 5hiaa cga",
            "hereditary men1",
        ] {
            assert!(!text.contains(id), "{audience:?}: topic id `{id}` shown");
        }
    }
}
