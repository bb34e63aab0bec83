//! Widget state and its one reducer: plain Rust, tested natively. Yew components only read
//! this state and dispatch [`Action`]s.

use crate::decide::questions::{applies, questions, set_answer, toggle};
use crate::decide::view::{results_view, Results};
use crate::decide::{decide, Profile};
use crate::kb::{kb, Audience};
use crate::search::view::{engine, ReplyView};
use std::sync::Arc;

pub mod settings;
use crate::decide::fragment::{from_fragment, from_fragment_in, to_fragment};
use settings::{Remember, Settings, Share, Theme, DEFAULT_HEADING_LEVEL};

/// Names of this instance's localStorage entries (scoped by [`settings::storage_key`]).
pub const AUDIENCE_KEY: &str = "audience";
/// The remembered tailoring answers (a URL-fragment string), kept only with consent.
pub const PROFILE_KEY: &str = "profile";

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
    /// What the host page set up: storage, theme, heading level, sharing.
    pub config: Config,
    /// The reader ticked "Remember my answers on this device" (always true with
    /// `remember="all"`, never with `remember="off"`).
    pub remember_answers: bool,
}

/// The host page's settings that shape the widget after start-up.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Config {
    pub remember: Remember,
    pub theme: Theme,
    /// Level of the widget's title heading (1–5); sections are one below.
    pub heading_level: u8,
    pub share: Share,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            remember: Remember::default(),
            theme: Theme::default(),
            heading_level: DEFAULT_HEADING_LEVEL,
            share: Share::default(),
        }
    }
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
    /// The reader ticks or unticks "Remember my answers on this device".
    RememberAnswers(bool),
    /// Settings from the host page changed (attributes after load).
    Configure(Settings),
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
            config: Config::default(),
            remember_answers: false,
        }
    }

    /// What to do with the stored answers after a change: `None` = leave storage alone
    /// (`remember="off"`), `Some(None)` = remove them, `Some(Some(fragment))` = store them.
    pub fn answers_to_store(&self) -> Option<Option<String>> {
        match self.config.remember {
            Remember::Off => None,
            _ if self.remember_answers && self.profile != Profile::default() => {
                Some(Some(to_fragment(&self.profile)))
            }
            _ => Some(None),
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
            Action::RememberAnswers(tick) => {
                next.remember_answers = match next.config.remember {
                    Remember::Off => false,
                    Remember::Audience => tick,
                    Remember::All => true,
                }
            }
            Action::Configure(settings) => next.configure(settings),
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

    /// Applies host settings; answers they name replace the current ones in place (the view
    /// stays where the reader is).
    fn configure(&mut self, s: Settings) {
        if let Some(a) = s.audience {
            self.audience = a;
        }
        if let Some(r) = s.remember {
            self.config.remember = r;
            self.remember_answers = match r {
                Remember::Off => false,
                Remember::Audience => self.remember_answers,
                Remember::All => true,
            };
        }
        if let Some(t) = s.theme {
            self.config.theme = t;
        }
        if let Some(h) = s.heading_level {
            self.config.heading_level = h;
        }
        if let Some(m) = s.share {
            self.config.share = m;
        }
        if let Some(p) = s.profile {
            self.profile = p;
        }
        self.notices.extend(s.notices);
    }

    /// The tag of a heading `depth` levels below the widget's title (0 = the title), shifted
    /// by the host's `heading-level` so the widget fits the page's outline.
    pub fn heading(&self, depth: u8) -> &'static str {
        match self.config.heading_level + depth {
            1 => "h1",
            2 => "h2",
            3 => "h3",
            4 => "h4",
            5 => "h5",
            _ => "h6",
        }
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

/// What this device remembers for an instance (read only when `remember` is not off).
#[derive(Clone, Default, PartialEq, Debug)]
pub struct Stored {
    pub audience: Option<String>,
    pub profile: Option<String>,
}

/// The starting state from the host's settings, what the device remembers and the page's
/// URL fragment (`scope` = the instance's storage scope). A shared link wins over remembered
/// answers, which win over the host's preset answers; a reader's remembered audience wins
/// over the host's preset. Bad values never fail: they become a notice and a default.
pub fn startup(settings: Settings, stored: &Stored, hash: &str, scope: &str) -> WidgetState {
    let mut state = WidgetState::new(Audience::DEFAULT);
    let preset_audience = settings.audience;
    state.configure(settings);
    let remembering = state.config.remember != Remember::Off;
    // Storage may hold garbage from older versions or other scripts: ignore it quietly.
    let remembered_audience = stored
        .audience
        .as_deref()
        .and_then(Audience::parse)
        .filter(|_| remembering);
    state.audience = remembered_audience
        .or(preset_audience)
        .unwrap_or(Audience::DEFAULT);
    let remembered = stored
        .profile
        .as_deref()
        .filter(|_| remembering)
        .and_then(from_fragment)
        .map(|(p, _)| p);
    // Answers in storage exist only because the reader (or the host's `all`) agreed.
    state.remember_answers = state.config.remember == Remember::All || remembered.is_some();
    if let Some(p) = remembered {
        state.profile = p;
    }
    if let Some((profile, problems)) = from_fragment_in(hash, scope) {
        if !problems.is_empty() {
            state.notices.push(Notice(format!(
                "Some answers in the link were not understood and were left out ({}).",
                problems.join("; ")
            )));
        }
        state = state.reduce(Action::SetProfile(profile));
    }
    state
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

    fn host(list: &[(&str, &str)]) -> Settings {
        let pairs: Vec<(String, String)> = list
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        settings::read(&pairs, &Profile::default(), settings::Source::Host)
    }

    fn stored(audience: Option<&str>, profile: Option<&str>) -> Stored {
        Stored {
            audience: audience.map(str::to_string),
            profile: profile.map(str::to_string),
        }
    }

    #[test]
    fn default_is_patient_without_notices_and_nothing_to_store() {
        let s = startup(host(&[]), &Stored::default(), "", "");
        assert_eq!(s.audience, Audience::Patient);
        assert!(s.notices.is_empty());
        assert_eq!(s.config.remember, Remember::Audience);
        assert!(!s.remember_answers);
        assert_eq!(s.answers_to_store(), Some(None));
    }

    #[test]
    fn preset_audience_is_used() {
        let s = startup(
            host(&[("audience", " Clinician ")]),
            &Stored::default(),
            "",
            "",
        );
        assert_eq!(s.audience, Audience::Clinician);
    }

    #[test]
    fn unknown_audience_gives_polite_notice_and_default() {
        let s = startup(
            host(&[("audience", "<script>alert(1)</script>")]),
            &Stored::default(),
            "",
            "",
        );
        assert_eq!(s.audience, Audience::Patient);
        assert_eq!(s.notices.len(), 1);
        assert!(s.notices[0].0.contains("not understood"));
        assert!(s.notices[0].0.len() < 200);
    }

    #[test]
    fn stored_choice_wins_and_garbage_is_ignored() {
        let s = startup(
            host(&[("audience", "patient")]),
            &stored(Some("caregiver"), None),
            "",
            "",
        );
        assert_eq!(s.audience, Audience::Caregiver);
        let s = startup(
            host(&[("audience", "clinician")]),
            &stored(Some("\u{0}{garbage"), Some("<img src=x>")),
            "",
            "",
        );
        assert_eq!(s.audience, Audience::Clinician);
        assert!(s.notices.is_empty());
        assert_eq!(s.profile, Profile::default());
    }

    #[test]
    fn remember_off_ignores_storage_and_stores_nothing() {
        let s = startup(
            host(&[("remember", "off")]),
            &stored(Some("clinician"), Some("net-guide:site=lung")),
            "",
            "",
        );
        assert_eq!(s.audience, Audience::Patient);
        assert_eq!(s.profile, Profile::default());
        let s = s
            .reduce(Action::RememberAnswers(true))
            .reduce(Action::Answer("site", Some("lung")));
        assert!(!s.remember_answers);
        assert_eq!(s.answers_to_store(), None);
    }

    #[test]
    fn answers_are_stored_only_with_the_readers_tick_or_remember_all() {
        let s = startup(host(&[]), &Stored::default(), "", "")
            .reduce(Action::Answer("site", Some("lung")));
        assert_eq!(s.answers_to_store(), Some(None), "not without consent");
        let ticked = s.reduce(Action::RememberAnswers(true));
        assert_eq!(
            ticked.answers_to_store(),
            Some(Some("net-guide:site=lung".into()))
        );
        assert_eq!(
            ticked
                .reduce(Action::RememberAnswers(false))
                .answers_to_store(),
            Some(None)
        );
        let all = startup(host(&[("remember", "all")]), &Stored::default(), "", "")
            .reduce(Action::Answer("site", Some("lung")));
        assert_eq!(
            all.answers_to_store(),
            Some(Some("net-guide:site=lung".into()))
        );
        // Stored answers come back with the tick already set.
        let back = startup(
            host(&[]),
            &stored(None, Some("net-guide:site=lung")),
            "",
            "",
        );
        assert!(back.remember_answers);
        assert_eq!(back.profile.site, Some("lung"));
        assert_eq!(back.view, View::Article);
    }

    #[test]
    fn a_link_for_this_instance_wins_and_opens_the_results() {
        let preset = host(&[("site", "pancreas")]);
        let s = startup(preset.clone(), &Stored::default(), "", "");
        assert_eq!((s.profile.site, s.view), (Some("pancreas"), View::Article));
        let s = startup(
            preset.clone(),
            &Stored::default(),
            "#net-guide:in=left;site=lung",
            "left",
        );
        assert_eq!(
            (s.profile.site, s.view),
            (Some("lung"), View::Tailor(Step::Results))
        );
        let other = startup(
            preset,
            &Stored::default(),
            "#net-guide:in=left;site=lung",
            "right",
        );
        assert_eq!(other.profile.site, Some("pancreas"));
    }

    #[test]
    fn host_settings_change_after_load_without_moving_the_reader() {
        let s = WidgetState::new(Audience::Patient).reduce(Action::OpenTopic("prrt".into()));
        let s = s.reduce(Action::Configure(host(&[
            ("audience", "clinician"),
            ("heading-level", "4"),
            ("site", "rectum"),
        ])));
        assert_eq!(s.view, View::Topic("prrt"));
        assert_eq!(s.audience, Audience::Clinician);
        assert_eq!(
            (s.heading(0), s.heading(1), s.heading(3)),
            ("h4", "h5", "h6")
        );
        assert_eq!(s.profile.site, Some("rectum"));
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
