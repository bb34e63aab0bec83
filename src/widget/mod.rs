//! Widget state and its one reducer: plain Rust, tested natively. Yew components only read
//! this state and dispatch [`Action`]s.

use crate::decide::questions::{applies, questions, set_answer, toggle};
use crate::decide::view::{results_view, Results};
use crate::decide::{decide, Profile};
use crate::kb::{kb, Audience};
use crate::search::view::{engine, ReplyView};
use std::sync::Arc;

/// localStorage key of the remembered audience (SPEC §8: only `net-guide:*` keys).
pub const AUDIENCE_KEY: &str = "net-guide:audience";
/// localStorage key of the remembered tailoring answers (a URL-fragment string).
pub const PROFILE_KEY: &str = "net-guide:profile";

/// What the widget shows in its main area.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum View {
    Article,
    Index,
    Topic(&'static str),
    /// "Tailor this to my situation": a question (by profile field) or the results.
    Tailor(Step),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Step {
    Question(&'static str),
    Results,
}

/// A polite message shown inside the widget (never thrown into the host page).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Notice(pub String);

#[derive(Clone, PartialEq, Debug)]
pub struct WidgetState {
    pub audience: Audience,
    pub view: View,
    pub notices: Vec<Notice>,
    /// Answers to the tailoring questions (empty until the reader starts).
    pub profile: Profile,
    /// After changing one answer from the results, go straight back to them.
    pub return_to_results: bool,
    /// The share link made for the current answers, if the reader asked for one.
    pub share_url: Option<String>,
    /// The tailored results for the current answers, decided once when they are shown
    /// after a change (never while drawing).
    pub results: Option<Results>,
    /// Follow-up questions and their replies, oldest first (at most [`THREAD_MAX`]).
    pub thread: Vec<Exchange>,
    /// How many questions were asked in all (older ones fold out of the thread).
    pub asked: usize,
}

/// The thread keeps this many recent replies, so a long visit's memory stays bounded.
pub const THREAD_MAX: usize = 12;
/// Longest question shown back to the reader (the search reads its own limit).
const QUESTION_SHOWN: usize = 300;

/// One follow-up question and its reply, for the audience it was asked in.
#[derive(Clone, PartialEq, Debug)]
pub struct Exchange {
    pub question: String,
    pub audience: Audience,
    pub reply: ReplyView,
}

#[derive(Clone, PartialEq, Debug)]
pub enum Action {
    SetAudience(Audience),
    ShowArticle,
    ShowIndex,
    OpenTopic(String),
    DismissNotice(usize),
    Notify(String),
    /// Opens the tailoring flow at its first unanswered question (or the results).
    StartTailor,
    /// Sets one answer (None = "I'm not sure"); `Next` moves on, so choosing with the
    /// arrow keys never skips a question.
    Answer(&'static str, Option<&'static str>),
    /// Ticks or unticks one item of a multi-choice question.
    Toggle(&'static str, &'static str),
    /// Moves on from a question without changing it.
    Next,
    Back,
    /// Changes one answer, then returns to the results.
    Edit(&'static str),
    ShowResults,
    /// Replaces all answers (shared link, stored profile, JS `setProfile`).
    SetProfile(Profile),
    ResetProfile,
    /// The embedding layer made a share link (empty if it could not).
    Shared(String),
    /// A follow-up question, typed or chosen from the suggestions, and the topic it was
    /// asked from (its page, or the answer it was suggested under), if any.
    Ask(String, Option<&'static str>),
    ClearThread,
}

impl WidgetState {
    pub fn new(audience: Audience) -> Self {
        WidgetState {
            audience,
            view: View::Article,
            notices: Vec::new(),
            profile: Profile::default(),
            return_to_results: false,
            share_url: None,
            results: None,
            thread: Vec::new(),
            asked: 0,
        }
    }

    /// The one reducer: every state change goes through here.
    pub fn reduce(&self, action: Action) -> WidgetState {
        let mut next = self.clone();
        // A share link describes the answers it was made for; any change makes it stale.
        if !matches!(
            action,
            Action::Shared(_)
                | Action::DismissNotice(_)
                | Action::Notify(_)
                | Action::Ask(..)
                | Action::ClearThread
        ) {
            next.share_url = None;
        }
        match action {
            Action::SetAudience(audience) => next.audience = audience,
            Action::ShowArticle => next.view = View::Article,
            Action::ShowIndex => next.view = View::Index,
            Action::OpenTopic(id) => match kb().topic(&id) {
                Some(topic) => next.view = View::Topic(topic.id),
                None => next.notices.push(Notice(format!(
                    "There is no page called “{}”. Here is the list of topics instead.",
                    clip(&id)
                ))),
            },
            Action::DismissNotice(i) => {
                if i < next.notices.len() {
                    next.notices.remove(i);
                }
            }
            Action::Notify(message) => next.notices.push(Notice(message)),
            Action::StartTailor => {
                let first = questions().first().map(|q| q.field);
                next.view = View::Tailor(match first {
                    Some(field) if next.profile == Profile::default() => Step::Question(field),
                    _ => Step::Results,
                });
            }
            Action::Answer(field, value) => {
                set_answer(&mut next.profile, field, value);
            }
            Action::Toggle(field, value) => toggle(&mut next.profile, field, value),
            Action::Next => {
                if let View::Tailor(Step::Question(field)) = self.view {
                    next.view = View::Tailor(next.after(field));
                }
            }
            Action::Back => {
                if let View::Tailor(step) = self.view {
                    let asked = next.applicable();
                    let pos = match step {
                        Step::Question(f) => asked.iter().position(|q| *q == f).unwrap_or(0),
                        Step::Results => asked.len(),
                    };
                    next.return_to_results = false;
                    next.view = match pos {
                        0 => View::Article,
                        p => View::Tailor(Step::Question(asked[p - 1])),
                    };
                }
            }
            Action::Edit(field) => {
                next.return_to_results = true;
                next.view = View::Tailor(Step::Question(field));
            }
            Action::ShowResults => {
                next.return_to_results = false;
                next.view = View::Tailor(Step::Results);
            }
            Action::SetProfile(profile) => {
                next.profile = profile;
                next.view = View::Tailor(Step::Results);
            }
            Action::Shared(url) => {
                if url.is_empty() {
                    next.notices.push(Notice(
                        "Sorry, a share link could not be made in this browser.".into(),
                    ));
                } else {
                    next.share_url = Some(url);
                }
            }
            Action::Ask(question, topic) => {
                let question: String = question
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                let question = question.trim();
                if question.is_empty() {
                    next.notices.push(Notice(
                        "Type a question in the box first, or choose one of the suggested questions.".into(),
                    ));
                } else {
                    let reply =
                        engine().ask_in(question, next.audience, Some(&next.profile), topic);
                    let mut shown: String = question.chars().take(QUESTION_SHOWN).collect();
                    if shown.len() < question.len() {
                        shown.push('…');
                    }
                    next.thread.push(Exchange {
                        question: shown,
                        audience: next.audience,
                        reply,
                    });
                    if next.thread.len() > THREAD_MAX {
                        next.thread.remove(0);
                    }
                    next.asked += 1;
                }
            }
            Action::ClearThread => next.thread.clear(),
            Action::ResetProfile => {
                next.profile = Profile::default();
                next.return_to_results = false;
                next.view = View::Tailor(Step::Question("site"));
            }
        }
        if next.profile != self.profile {
            next.results = None;
        }
        if next.view == View::Tailor(Step::Results) && next.results.is_none() {
            let decision = decide(&next.profile);
            let asked = next.applicable();
            next.results = Some(Results(Arc::new(results_view(
                &next.profile,
                &asked,
                &decision,
            ))));
        }
        next
    }

    /// The questions that make sense for the answers so far, in order.
    pub fn applicable(&self) -> Vec<&'static str> {
        questions()
            .iter()
            .map(|q| q.field)
            .filter(|f| applies(f, &self.profile))
            .collect()
    }

    /// Where to go after `field`: the next applicable question, or the results.
    fn after(&self, field: &'static str) -> Step {
        if self.return_to_results {
            return Step::Results;
        }
        let asked = self.applicable();
        let pos = asked.iter().position(|f| *f == field);
        match pos.and_then(|p| asked.get(p + 1)) {
            Some(next) => Step::Question(next),
            None => Step::Results,
        }
    }
}

/// Options given by the embedding page (attributes or the JS `mount` options).
#[derive(Clone, Default, PartialEq, Debug)]
pub struct Options {
    /// The `audience` attribute/option as written, if any.
    pub audience: Option<String>,
    /// Whether choices may be stored in localStorage (`remember="off"` disables it).
    pub remember: Option<String>,
}

/// Resolved start-up settings.
#[derive(Clone, PartialEq, Debug)]
pub struct Startup {
    pub state: WidgetState,
    pub remember: bool,
}

/// Decides the starting audience: a remembered choice wins over the page's preset, which
/// wins over the default. Bad values never fail: they become a notice and a default.
pub fn startup(options: &Options, stored_audience: Option<&str>) -> Startup {
    let mut notices = Vec::new();
    let remember = match options
        .remember
        .as_deref()
        .map(|s| s.trim().to_ascii_lowercase())
    {
        None => true,
        Some(v) if matches!(v.as_str(), "on" | "true" | "yes" | "1" | "") => true,
        Some(v) if matches!(v.as_str(), "off" | "false" | "no" | "0") => false,
        Some(v) => {
            notices.push(Notice(format!(
                "The setting remember=“{}” is not recognised, so your choices will not be stored on this device. Use “on” or “off”.",
                clip(&v)
            )));
            false
        }
    };
    let preset = match options.audience.as_deref() {
        None => None,
        Some(value) => match Audience::parse(value) {
            Some(a) => Some(a),
            None => {
                notices.push(Notice(unknown_audience_notice(value)));
                None
            }
        },
    };
    // Storage may hold garbage from older versions or other scripts: ignore it quietly.
    let stored = if remember {
        stored_audience.and_then(Audience::parse)
    } else {
        None
    };
    let audience = stored.or(preset).unwrap_or(Audience::DEFAULT);
    let mut state = WidgetState::new(audience);
    state.notices = notices;
    Startup { state, remember }
}

/// Polite message for an audience value that is not one of the three ids.
pub fn unknown_audience_notice(value: &str) -> String {
    format!(
        "The reader type “{}” is not recognised, so this guide is shown for {}. You can choose another below.",
        clip(value),
        audience_phrase(Audience::DEFAULT)
    )
}

pub fn audience_phrase(audience: Audience) -> &'static str {
    match audience {
        Audience::Patient => "patients",
        Audience::Caregiver => "caregivers",
        Audience::Clinician => "clinicians",
    }
}

/// Shortens untrusted text before echoing it in a notice.
fn clip(value: &str) -> String {
    let cleaned: String = value.chars().filter(|c| !c.is_control()).take(40).collect();
    if value.chars().count() > 40 {
        format!("{cleaned}…")
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(audience: Option<&str>, remember: Option<&str>) -> Options {
        Options {
            audience: audience.map(str::to_string),
            remember: remember.map(str::to_string),
        }
    }

    #[test]
    fn default_is_patient_without_notices() {
        let s = startup(&Options::default(), None);
        assert_eq!(s.state.audience, Audience::Patient);
        assert!(s.state.notices.is_empty());
        assert!(s.remember);
    }

    #[test]
    fn preset_audience_is_used() {
        let s = startup(&opts(Some(" Clinician "), None), None);
        assert_eq!(s.state.audience, Audience::Clinician);
    }

    #[test]
    fn unknown_audience_gives_polite_notice_and_default() {
        let s = startup(&opts(Some("<script>alert(1)</script>"), None), None);
        assert_eq!(s.state.audience, Audience::Patient);
        assert_eq!(s.state.notices.len(), 1);
        assert!(s.state.notices[0].0.contains("not recognised"));
        assert!(s.state.notices[0].0.len() < 200);
    }

    #[test]
    fn stored_choice_wins_and_garbage_is_ignored() {
        assert_eq!(
            startup(&opts(Some("patient"), None), Some("caregiver"))
                .state
                .audience,
            Audience::Caregiver
        );
        let s = startup(&opts(Some("clinician"), None), Some("\u{0}{garbage"));
        assert_eq!(s.state.audience, Audience::Clinician);
        assert!(s.state.notices.is_empty());
    }

    #[test]
    fn remember_off_ignores_storage() {
        let s = startup(&opts(None, Some("off")), Some("clinician"));
        assert_eq!(s.state.audience, Audience::Patient);
        assert!(!s.remember);
    }

    #[test]
    fn reducer_handles_unknown_topic_and_notices() {
        let s = WidgetState::new(Audience::Patient);
        let s2 = s.reduce(Action::OpenTopic("no_such_topic".into()));
        assert_eq!(s2.view, View::Article);
        assert_eq!(s2.notices.len(), 1);
        let s3 = s2
            .reduce(Action::DismissNotice(0))
            .reduce(Action::DismissNotice(7));
        assert!(s3.notices.is_empty());
    }

    #[test]
    fn tailoring_walks_the_questions_and_returns_to_results_after_an_edit() {
        let mut s = WidgetState::new(Audience::Patient).reduce(Action::StartTailor);
        assert_eq!(s.view, View::Tailor(Step::Question("site")));
        s = s.reduce(Action::Answer("site", Some("lung")));
        assert_eq!(
            s.view,
            View::Tailor(Step::Question("site")),
            "choosing does not move on"
        );
        s = s.reduce(Action::Next);
        assert_eq!(s.view, View::Tailor(Step::Question("differentiation")));
        // Walk to the end answering "not sure" everywhere.
        for _ in 0..30 {
            s = match s.view {
                View::Tailor(Step::Question(f)) => {
                    s.reduce(Action::Answer(f, None)).reduce(Action::Next)
                }
                _ => break,
            };
        }
        assert_eq!(s.view, View::Tailor(Step::Results));
        // Gastric type is never asked for a lung tumor.
        assert!(!s.applicable().contains(&"gastric_type"));
        s = s
            .reduce(Action::Edit("grade"))
            .reduce(Action::Answer("grade", Some("atypical_carcinoid")))
            .reduce(Action::Next);
        assert_eq!(s.view, View::Tailor(Step::Results));
        assert_eq!(s.profile.grade, Some("atypical_carcinoid"));
        s = s.reduce(Action::Back);
        assert!(matches!(s.view, View::Tailor(Step::Question(_))));
        assert_eq!(s.reduce(Action::ResetProfile).profile, Profile::default());
    }

    #[test]
    fn reducer_opens_known_topics() {
        let s = WidgetState::new(Audience::Clinician).reduce(Action::OpenTopic("prrt".into()));
        assert_eq!(s.view, View::Topic("prrt"));
        assert_eq!(s.reduce(Action::ShowIndex).view, View::Index);
    }
}
