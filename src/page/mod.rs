//! What a page shows for an audience, independent of how it is drawn: the texts in reading
//! order and the citation numbering derived from them.

use crate::kb::{
    citation_order, kb, Audience, Drug, RefKind, Review, ReviewStatus, Section, Text, Tier, Topic,
};

/// Citation numbers for one page: the n-th key cited first gets number n+1.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Citations {
    pub keys: Vec<&'static str>,
    /// Keeps element ids unique when several reference lists share one page.
    pub scope: String,
}

impl Citations {
    pub fn new(texts: impl IntoIterator<Item = Text>) -> Self {
        Citations {
            keys: citation_order(texts),
            scope: String::new(),
        }
    }

    /// Numbering for a page whose sources are listed directly (the tailored results).
    pub fn from_keys(keys: impl IntoIterator<Item = &'static str>) -> Self {
        let mut out: Vec<&'static str> = Vec::new();
        for key in keys {
            if !out.contains(&key) && kb().reference(key).is_some() {
                out.push(key);
            }
        }
        Citations {
            keys: out,
            scope: String::new(),
        }
    }

    /// Adds the sources of the drug-facts boxes shown after the text.
    pub fn with_drugs(mut self, drugs: &[&str], audience: Audience) -> Self {
        for key in drugs
            .iter()
            .filter_map(|d| kb().drug(d))
            .flat_map(|d| drug_reference_keys(d, audience.is_lay()))
        {
            if !self.keys.contains(&key) {
                self.keys.push(key);
            }
        }
        self
    }

    pub fn scoped(mut self, scope: &str) -> Self {
        self.scope = scope.to_string();
        self
    }

    /// Element id suffix of reference `n` (the widget prefix is added by the UI).
    pub fn anchor(&self, n: usize) -> String {
        format!("{}ref-{n}", self.scope)
    }

    pub fn number(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| *k == key).map(|i| i + 1)
    }
}

/// Main-article sections for one tier, in content order.
pub fn article_sections(tier: Tier) -> Vec<&'static Section> {
    kb().sections_in(tier).collect()
}

/// All texts of the main article for `audience`, in reading order.
pub fn article_texts(audience: Audience) -> Vec<Text> {
    Tier::ALL
        .iter()
        .flat_map(|t| article_sections(*t))
        .map(|s| s.text(audience))
        .collect()
}

pub fn article_citations(audience: Audience) -> Citations {
    let drugs: Vec<&str> = kb()
        .sections
        .iter()
        .flat_map(|s| s.drugs.iter().copied())
        .collect();
    Citations::new(article_texts(audience)).with_drugs(&drugs, audience)
}

pub fn topic_citations(topic: &Topic, audience: Audience) -> Citations {
    Citations::new([topic.text(audience)])
        .with_drugs(topic.drugs, audience)
        .scoped(&format!("{}-", topic.id))
}

/// Sources of a drug's facts: its label, key trial and each indication's source.
pub fn drug_reference_keys(drug: &Drug, lay: bool) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    let warnings = drug.warnings.iter().map(|w| w.source);
    let cited: Vec<&'static str> = if lay {
        warnings.collect()
    } else {
        let label =
            (!drug.dose.is_empty() || !drug.dose_changes.is_empty()).then_some(drug.label_ref);
        let sources = drug.indications.iter().map(|i| i.source);
        label
            .into_iter()
            .chain([drug.study_dose_ref])
            .chain(sources)
            .chain(warnings)
            .chain([drug.trial_ref])
            .collect()
    };
    for key in cited {
        if !key.is_empty() && !keys.contains(&key) && kb().reference(key).is_some() {
            keys.push(key);
        }
    }
    keys
}

/// Every topic in reading order (the order of the table of contents).
pub fn reading_order() -> Vec<&'static Topic> {
    topic_groups().into_iter().flat_map(|(_, t)| t).collect()
}

/// Topics in reading order for the table of contents, grouped under plain headings.
pub fn topic_groups() -> Vec<(&'static str, Vec<&'static Topic>)> {
    // The order of the best patient summaries: what NETs are, how they are found, grade
    // and stage, where they start, treatment, side effects, then follow-up and daily life.
    const GROUPS: [(&str, &[&str]); 7] = [
        (
            "What NETs are",
            &["definition", "epidemiology", "hereditary_men1"],
        ),
        (
            "Symptoms and how NETs are found",
            &[
                "symptoms_diagnosis",
                "carcinoid_syndrome",
                "functional_pnet",
                "markers_5hiaa_cga",
                "imaging_dotatate",
                "imaging_fdg",
            ],
        ),
        (
            "Grade, stage and outlook",
            &["grading", "staging", "prognosis"],
        ),
        (
            "Where the tumor started",
            &[
                "pnet", "si_net", "appendix", "rectal", "gastric", "lung_net", "nec",
            ],
        ),
        (
            "Treatment",
            &[
                "surgery",
                "surveillance",
                "ssa",
                "telotristat",
                "everolimus",
                "sunitinib",
                "cabozantinib",
                "prrt",
                "chemo_captem",
                "liver_directed",
                "clinical_trials",
            ],
        ),
        (
            "Side effects and emergencies",
            &[
                "side_effects_ssa",
                "side_effects_prrt",
                "carcinoid_crisis",
                "carcinoid_heart",
            ],
        ),
        (
            "After treatment and daily life",
            &["follow_up", "living_with_net", "diet_niacin"],
        ),
    ];
    let k = kb();
    let mut groups: Vec<(&'static str, Vec<&'static Topic>)> = GROUPS
        .iter()
        .map(|(name, ids)| (*name, ids.iter().filter_map(|id| k.topic(id)).collect()))
        .collect();
    // Topics added to content/ later still appear, under "More topics".
    let listed: Vec<&str> = GROUPS
        .iter()
        .flat_map(|(_, ids)| ids.iter().copied())
        .collect();
    let extra: Vec<&'static Topic> = k
        .topics
        .iter()
        .filter(|t| !listed.contains(&t.id))
        .collect();
    if !extra.is_empty() {
        groups.push(("More topics", extra));
    }
    groups.retain(|(_, topics)| !topics.is_empty());
    groups
}

/// Reference-list groups, shown like the article's evidence tiers.
pub const REFERENCE_TIERS: [(RefKind, &str); 4] = [
    (RefKind::Guideline, "From the guidelines"),
    (RefKind::FdaLabel, "From FDA drug labels"),
    (RefKind::Trial, "From clinical trials"),
    (RefKind::Review, "From other research and reviews"),
];

/// `2026-11-26` → `November 26, 2026`; anything else is returned unchanged.
pub fn long_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = iso.split('-').collect();
    if let [y, m, d] = parts.as_slice() {
        if let (Ok(m), Ok(d)) = (m.parse::<usize>(), d.parse::<u32>()) {
            if (1..=12).contains(&m) && y.len() == 4 {
                return format!("{} {d}, {y}", MONTHS[m - 1]);
            }
        }
    }
    iso.to_string()
}

/// One reference as a bibliography line (without the identifier links).
pub fn reference_line(r: &crate::kb::Reference) -> String {
    let mut s = format!(
        "{}. {}. {}.",
        r.authors().trim_end_matches('.'),
        r.title().trim_end_matches('.'),
        r.source()
    );
    match (r.year, r.details().is_empty()) {
        (Some(y), false) => s.push_str(&format!(" {y};{}.", r.details())),
        (Some(y), true) => s.push_str(&format!(" {y}.")),
        (None, false) => s.push_str(&format!(" {}.", r.details())),
        (None, true) => {}
    }
    s
}

/// Review of what the tailored results are made of (rules, option descriptions, questions):
/// the least advanced of the three, so the page never claims more review than its weakest
/// part has had.
pub fn decision_flow_review() -> Review {
    let kb = kb();
    [
        "rules.toml",
        "consistency.toml",
        "sequences.toml",
        "options.toml",
        "questions.toml",
        "phrases.toml",
    ]
    .map(|file| kb.table_review(file))
    .into_iter()
    .min_by_key(|r| ReviewStatus::STEPS.iter().position(|s| *s == r.status))
    .unwrap_or(Review::UNREVIEWED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates() {
        assert_eq!(long_date("2026-11-26"), "November 26, 2026");
        assert_eq!(long_date("garbage"), "garbage");
    }

    #[test]
    fn citation_numbers_follow_first_appearance() {
        let c = Citations {
            keys: vec!["b", "a"],
            scope: String::new(),
        };
        assert_eq!(c.number("b"), Some(1));
        assert_eq!(c.number("a"), Some(2));
        assert_eq!(c.number("z"), None);
    }
}
