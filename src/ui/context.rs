use crate::search::Kind;
use crate::widget::{Action, WidgetState};

/// What the embedding page provides: making a share link (fragment in, full URL out, empty
/// when impossible) and printing. Both do nothing when rendered on the server.
#[derive(Clone, PartialEq)]
pub struct HostCallbacks {
    pub share: Callback<String, String>,
    pub print: Callback<()>,
    /// Called with the answers (as a fragment string) whenever they change.
    pub profile_changed: Callback<String>,
    /// Called after the reader asks a follow-up question, with the reply's kind and topic
    /// ids (never the question itself).
    pub asked: Callback<(Kind, Vec<&'static str>)>,
}

impl Default for HostCallbacks {
    fn default() -> Self {
        HostCallbacks {
            share: Callback::from(|_: String| String::new()),
            print: Callback::noop(),
            profile_changed: Callback::noop(),
            asked: Callback::noop(),
        }
    }
}
use std::rc::Rc;
use yew::prelude::*;

/// Shared with every component: the state, the dispatcher and this instance's id prefix
/// (several widgets can live on one page, so element ids must not collide).
#[derive(Clone, PartialEq)]
pub struct WidgetCtx {
    pub state: Rc<WidgetState>,
    pub dispatch: Callback<Action>,
    pub prefix: AttrValue,
    /// Server-rendered page: no scripts, so everything is laid out at once.
    pub static_page: bool,
    pub host: HostCallbacks,
}

impl WidgetCtx {
    /// Whether this is the server-rendered page. Always false in the wasm, as a constant, so
    /// the compiler drops the static-page branches from the download.
    pub fn is_static(&self) -> bool {
        !cfg!(target_arch = "wasm32") && self.static_page
    }

    pub fn id(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.prefix)
    }
}

/// The context; components are only ever rendered inside `App`, which provides it.
#[hook]
pub fn use_widget() -> WidgetCtx {
    use_context::<WidgetCtx>().expect("WidgetCtx is provided by App")
}
