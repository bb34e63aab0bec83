use crate::search::Kind;
use crate::widget::{Action, WidgetState};

/// What the embedding page provides: making a share link (fragment in, full URL out, empty
/// when impossible) and printing. Both do nothing when rendered on the server.
#[derive(Clone, PartialEq)]
pub struct HostCallbacks {
    pub share: Callback<crate::decide::Profile, String>,
    pub print: Callback<()>,
    /// Called with the answers whenever they change.
    pub profile_changed: Callback<crate::decide::Profile>,
    /// Called when what this device should keep changes (see `WidgetState::answers_to_store`).
    pub store_answers: Callback<Option<Option<String>>>,
    /// Called whenever the audience shown changes, whoever changed it.
    pub audience_changed: Callback<crate::kb::Audience>,
    /// Called after the reader asks a follow-up question, with the reply's kind and topic
    /// ids (never the question itself).
    pub asked: Callback<(Kind, Vec<&'static str>)>,
}

impl Default for HostCallbacks {
    fn default() -> Self {
        HostCallbacks {
            share: Callback::from(|_: crate::decide::Profile| String::new()),
            print: Callback::noop(),
            profile_changed: Callback::noop(),
            store_answers: Callback::noop(),
            audience_changed: Callback::noop(),
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

    /// The tag for a heading designed at `level` under an `h2` title, moved to the host's
    /// `heading-level`.
    pub fn h(&self, level: u8) -> &'static str {
        self.state.heading(level.saturating_sub(2))
    }

    /// A heading designed at `level` (see [`Self::h`]) holding `text`. Built by one function
    /// rather than a dynamic tag per call site, which would repeat the tag checks in the
    /// download. `focus` makes it a focus target (tabindex -1) for view changes.
    pub fn heading(
        &self,
        level: u8,
        id: Option<String>,
        class: &'static str,
        focus: Option<&NodeRef>,
        text: impl Into<AttrValue>,
    ) -> Html {
        use yew::virtual_dom::{AttributeOrProperty, Attributes, VTag};
        let attr = |v: Option<AttrValue>| v.map(AttributeOrProperty::Attribute);
        let mut tag = VTag::new(self.h(level));
        // Attributes as the html! macro lays them out (not `add_attribute`, which would
        // bring a map type into the download).
        tag.attributes = Attributes::Dynamic {
            keys: &["id", "class", "tabindex"],
            values: Box::new([
                attr(id.map(AttrValue::from)),
                attr((!class.is_empty()).then_some(AttrValue::Static(class))),
                attr(focus.map(|_| AttrValue::Static("-1"))),
            ]),
        };
        if let Some(r) = focus {
            tag.node_ref = r.clone();
        }
        tag.add_child(Html::from(yew::virtual_dom::VText::new(text)));
        tag.into()
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
