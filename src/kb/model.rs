//! Typed knowledge-base data. Values are `'static` because `content/` is compiled into the
//! binary by `build.rs`; nothing here parses text at run time.

/// Who the widget is writing for.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub enum Audience {
    Patient,
    Caregiver,
    Clinician,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Patient, Audience::Caregiver, Audience::Clinician];
    pub const DEFAULT: Audience = Audience::Patient;

    pub fn id(self) -> &'static str {
        match self {
            Audience::Patient => "patient",
            Audience::Caregiver => "caregiver",
            Audience::Clinician => "clinician",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Audience::Patient => "Patient",
            Audience::Caregiver => "Caregiver or family member",
            Audience::Clinician => "Clinician",
        }
    }

    /// Parses an audience id; surrounding space and letter case are forgiven.
    pub fn parse(value: &str) -> Option<Audience> {
        let value = value.trim();
        Audience::ALL
            .into_iter()
            .find(|a| a.id().eq_ignore_ascii_case(value))
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Patient and caregiver text must be plain language.
    pub fn is_lay(self) -> bool {
        self != Audience::Clinician
    }
}

pub use super::text::{Block, CiteKeys, Inline, Inlines, Text};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReviewStatus {
    Submitted,
    UnderReview,
    Approved,
}

impl ReviewStatus {
    pub const STEPS: [ReviewStatus; 3] = [
        ReviewStatus::Submitted,
        ReviewStatus::UnderReview,
        ReviewStatus::Approved,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ReviewStatus::Submitted => "Submitted",
            ReviewStatus::UnderReview => "Under review",
            ReviewStatus::Approved => "Approved",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Review {
    pub status: ReviewStatus,
    pub last_reviewed: &'static str,
    pub reviewer: &'static str,
    pub reviewer_role: &'static str,
}

impl Review {
    /// What a page without review metadata is shown as.
    pub const UNREVIEWED: Review = Review {
        status: ReviewStatus::Submitted,
        last_reviewed: "",
        reviewer: "",
        reviewer_role: "",
    };
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Topic {
    pub id: &'static str,
    pub title: &'static str,
    /// Indexed by `Audience::index()`.
    pub texts: [Text; 3],
    pub related: &'static [&'static str],
    pub questions: &'static [&'static str],
    /// Drug-table ids whose facts box is shown on this page.
    pub drugs: &'static [&'static str],
    pub review: Review,
}

impl Topic {
    pub fn text(&self, audience: Audience) -> Text {
        self.texts[audience.index()]
    }
}

/// Evidence tier of a main-article section, as in the reference article.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tier {
    BottomLine,
    Guideline,
    FdaLabel,
    Research,
}

impl Tier {
    pub const ALL: [Tier; 4] = [
        Tier::BottomLine,
        Tier::Guideline,
        Tier::FdaLabel,
        Tier::Research,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            Tier::BottomLine => "The bottom line",
            Tier::Guideline => "From the Guidelines",
            Tier::FdaLabel => "From the FDA Drug Label",
            Tier::Research => "From the Research",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Tier::BottomLine => "bottom-line",
            Tier::Guideline => "guidelines",
            Tier::FdaLabel => "fda-label",
            Tier::Research => "research",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub tier: Tier,
    pub texts: [Text; 3],
    pub related: &'static [&'static str],
    pub drugs: &'static [&'static str],
    pub review: Review,
}

impl Section {
    pub fn text(&self, audience: Audience) -> Text {
        self.texts[audience.index()]
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RefKind {
    Guideline,
    FdaLabel,
    Trial,
    Review,
}

impl RefKind {
    pub fn label(self) -> &'static str {
        match self {
            RefKind::Guideline => "Guideline",
            RefKind::FdaLabel => "FDA label",
            RefKind::Trial => "Trial",
            RefKind::Review => "Research / review",
        }
    }

    pub fn css_class(self) -> &'static str {
        match self {
            RefKind::Guideline => "ng-ref-guideline",
            RefKind::FdaLabel => "ng-ref-fda-label",
            RefKind::Trial => "ng-ref-trial",
            RefKind::Review => "ng-ref-review",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Reference {
    pub key: &'static str,
    pub kind: RefKind,
    pub year: Option<u16>,
    /// authors, title, source, details, doi, pmid, pmc and url, separated by U+001F: one
    /// string instead of eight pointers per reference keeps the wasm smaller.
    pub fields: &'static str,
}

impl Reference {
    fn field(&self, n: usize) -> &'static str {
        self.fields.split('\u{1f}').nth(n).unwrap_or("")
    }
    pub fn authors(&self) -> &'static str {
        self.field(0)
    }
    pub fn title(&self) -> &'static str {
        self.field(1)
    }
    pub fn source(&self) -> &'static str {
        self.field(2)
    }
    pub fn details(&self) -> &'static str {
        self.field(3)
    }
    pub fn doi(&self) -> &'static str {
        self.field(4)
    }
    pub fn pmid(&self) -> &'static str {
        self.field(5)
    }
    pub fn pmc(&self) -> &'static str {
        self.field(6)
    }
    pub fn url(&self) -> &'static str {
        self.field(7)
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Indication {
    pub text: &'static str,
    pub source: &'static str,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Drug {
    pub id: &'static str,
    pub generic: &'static str,
    pub brands: &'static [&'static str],
    pub class: &'static str,
    pub route: &'static str,
    pub dose: &'static str,
    pub options: &'static [&'static str],
    pub side_effects: &'static [&'static str],
    pub label_ref: &'static str,
    pub trial_ref: &'static str,
    pub trial_result: &'static str,
    pub indications: &'static [Indication],
    pub dose_changes: &'static str,
    pub study_dose: &'static str,
    pub study_dose_ref: &'static str,
    pub plain_use: &'static str,
    pub plain_dose: &'static str,
    pub plain_how: &'static str,
    pub plain_side_effects: &'static [&'static str],
    /// Boxed warnings first, then the other label warnings, in label order.
    pub warnings: &'static [Warning],
}

/// A boxed warning or warning-and-precaution of a US label.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Warning {
    pub text: &'static str,
    pub plain: &'static str,
    pub boxed: bool,
    pub source: &'static str,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Term {
    pub id: &'static str,
    pub term: &'static str,
    pub definition: &'static str,
    pub topic: &'static str,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RuleKind {
    Offer,
    Exclude,
    Note,
    /// Answers that cannot all be right (content/consistency.toml).
    Contradiction,
    /// The usual order of some options in a situation (content/sequences.toml).
    Sequence,
    /// Options readers in a situation may expect; any not offered is explained.
    Expect,
}

/// A comma-separated list packed in one string: tables of string pointers cost more wasm
/// than the text they point to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct List(pub &'static str);

impl List {
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        self.0.split(',').filter(|s| !s.is_empty())
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(self, item: &str) -> bool {
        self.iter().any(|x| x == item)
    }
}

/// Rule conditions packed as `feature=v1,v2;feature=v3`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Conditions(pub &'static str);

impl Conditions {
    /// (feature name, accepted values) pairs.
    pub fn iter(self) -> impl Iterator<Item = (&'static str, List)> {
        self.0
            .split(';')
            .filter_map(|c| c.split_once('='))
            .map(|(f, v)| (f, List(v)))
    }
}

/// A decision rule compiled from content/rules.toml. All conditions must hold.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Rule {
    pub kind: RuleKind,
    /// Option id (empty for notes); kept apart because every decision filters on it.
    pub option: &'static str,
    /// Position in the usual guideline sequence (lower first).
    pub order: u16,
    /// when | prior_any | prior_none | risk_any | risk_none | cites | items, separated by
    /// `|`: one string per rule instead of seven pointers.
    pub packed: &'static str,
    /// Why it is offered, why it is excluded, or the note itself (plain language).
    pub text: &'static str,
}

impl Rule {
    fn part(&self, n: usize) -> &'static str {
        self.packed.split('|').nth(n).unwrap_or("")
    }
    /// Feature name → accepted values.
    pub fn when(&self) -> Conditions {
        Conditions(self.part(0))
    }
    pub fn prior_any(&self) -> List {
        List(self.part(1))
    }
    pub fn prior_none(&self) -> List {
        List(self.part(2))
    }
    pub fn risk_any(&self) -> List {
        List(self.part(3))
    }
    pub fn risk_none(&self) -> List {
        List(self.part(4))
    }
    pub fn cites(&self) -> List {
        List(self.part(5))
    }
    /// Doubtful fields of a contradiction, or the options of a sequence or expectation.
    pub fn items(&self) -> List {
        List(self.part(6))
    }
}

/// Reader-facing wording the decision flow assembles (content/phrases.toml).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Phrase {
    pub id: &'static str,
    pub text: &'static str,
    pub cites: List,
}

/// A decision-flow option as readers see it (content/options.toml).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct OptionInfo {
    pub id: &'static str,
    pub label: &'static str,
    pub plain: &'static str,
    pub technical: &'static str,
    pub medicine: bool,
    pub how_given: &'static str,
    pub how_often: &'static str,
    pub side_effects: &'static str,
    pub evidence: &'static str,
    pub topic: &'static str,
    pub cites: &'static [&'static str],
    /// Youngest age its label allows (0 = none); below it, not offered.
    pub min_age: u8,
    pub age_reason: &'static str,
    /// Studied only in adults: offered to children with the specialist caveat.
    pub adult_evidence: bool,
    /// When it is usually used (one plain sentence).
    pub used_for: &'static str,
}

/// How a decision-flow question is answered.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum QuestionKind {
    /// Pick one choice (or "I'm not sure").
    One,
    /// Pick any number of choices.
    Many,
}

/// A "Tailor this to my situation" question (content/questions.toml).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Question {
    /// The profile field it fills (SPEC §5 name).
    pub field: &'static str,
    /// What it asks about, for use inside sentences ("the grade").
    pub short: &'static str,
    pub text: &'static str,
    pub help: &'static str,
    pub kind: QuestionKind,
    /// (value, plain label). Numbers are asked as ranges at the rules' cut-offs.
    pub choices: &'static [(&'static str, &'static str)],
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Article {
    pub question: &'static str,
    pub last_updated: &'static str,
    pub advisory: &'static str,
    pub review: Review,
    pub editorial_policy: &'static [&'static str],
    /// Indexed by `Audience::index()`.
    pub disclaimers: [&'static str; 3],
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct KnowledgeBase {
    pub article: Article,
    pub sections: &'static [Section],
    pub topics: &'static [Topic],
    pub references: &'static [Reference],
    pub drugs: &'static [Drug],
    pub glossary: &'static [Term],
    pub rules: &'static [Rule],
    pub options: &'static [OptionInfo],
    /// In the order the widget asks them.
    pub questions: &'static [Question],
    pub phrases: &'static [Phrase],
    /// Review of each table file as a whole: ("rules.toml", review), …
    pub table_reviews: &'static [(&'static str, Review)],
    /// Topic keywords, glossary synonyms, synonym groups and guardrails (follow-up search).
    pub search: crate::search::data::SearchData,
}
