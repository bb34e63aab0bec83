use super::article_view::article_view;
use super::audience_picker::audience_picker;
use super::bridge::Bridge;
use super::context::{HostCallbacks, WidgetCtx};
use super::disclaimer::disclaimer;
use super::follow_up::FollowUp;
use super::header::header;
use super::notices::notices;
use super::tailor::Tailor;
use super::topic_index::TopicIndex;
use super::topic_view::TopicView;
use crate::kb::Audience;
use crate::widget::settings::Theme;
use crate::widget::{Action, Step, View, WidgetState};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub initial: WidgetState,
    /// Unique per widget instance; prefixes every element id.
    #[prop_or(AttrValue::Static("ng"))]
    pub prefix: AttrValue,
    /// Called after the reader picks an audience (the embedding layer stores it).
    #[prop_or_default]
    pub on_audience_change: Callback<Audience>,
    /// Server-side rendered page: article followed by every topic, no interactivity needed.
    #[prop_or(false)]
    pub static_page: bool,
    /// Connection for the embedding layer's JS API.
    #[prop_or_default]
    pub bridge: Bridge,
    #[prop_or_default]
    pub host: HostCallbacks,
}

/// Yew's reducer wrapper around the pure [`WidgetState::reduce`].
#[derive(PartialEq)]
struct Store(WidgetState);

impl Reducible for Store {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Store(self.0.reduce(action)))
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let store = use_reducer_eq(|| Store(props.initial.clone()));
    let dispatch = {
        let store = store.dispatcher();
        let notify = props.on_audience_change.clone();
        Callback::from(move |action: Action| {
            if let Action::SetAudience(a) = &action {
                notify.emit(*a);
            }
            store.dispatch(action);
        })
    };
    {
        // The host's own actions (JS API) skip `on_audience_change`: only the reader's choice
        // of audience is remembered.
        let bridge = props.bridge.clone();
        let audience = store.0.audience;
        let reducer = store.dispatcher();
        let host_dispatch = Callback::from(move |action: Action| reducer.dispatch(action));
        use_effect_with(audience, move |a| bridge.connect(host_dispatch, *a));
    }
    {
        let bridge = props.bridge.clone();
        use_effect_with(store.0.profile.clone(), move |p| bridge.profile_changed(p));
    }
    // The host hears about changes, not about the state the widget started in: one effect
    // for the audience, the answers and the "remember" tick.
    {
        let seen = use_mut_ref(|| None::<(Audience, crate::decide::Profile, bool)>);
        let host = props.host.clone();
        let state = store.0.clone();
        let now = (
            state.audience,
            state.profile.clone(),
            state.remember_answers,
        );
        use_effect_with(now, move |now| {
            let before = seen.borrow_mut().replace(now.clone());
            if let Some((audience, profile, remember)) = before {
                if audience != now.0 {
                    host.audience_changed.emit(now.0);
                }
                if profile != now.1 {
                    host.profile_changed.emit(now.1.clone());
                }
                if profile != now.1 || remember != now.2 {
                    host.store_answers.emit(state.answers_to_store());
                }
            }
        });
    }
    {
        // The host hears that a question was asked and what kind of reply it got.
        let asked = props.host.asked.clone();
        let last = store
            .0
            .thread
            .last()
            .map(|x| (x.reply.kind, x.reply.topics.clone()));
        use_effect_with(store.0.asked, move |_| {
            if let Some(detail) = last {
                asked.emit(detail);
            }
        });
    }
    let ctx = WidgetCtx {
        host: props.host.clone(),
        state: Rc::new(store.0.clone()),
        dispatch,
        prefix: props.prefix.clone(),
        // Only the native renderer makes static pages; the wasm build drops that code.
        static_page: props.static_page && !cfg!(target_arch = "wasm32"),
    };
    let body = if ctx.is_static() {
        html! {
            <>
                if matches!(store.0.view, View::Tailor(_)) { <Tailor /> }
                { article_view(&ctx) }
                { for crate::page::reading_order().into_iter().map(|t| html! { <TopicView key={t.id} topic={t.id} /> }) }
            </>
        }
    } else {
        let ask = |topic: Option<&'static str>| html! { <FollowUp {topic} /> };
        match store.0.view {
            View::Article => html! { <>{ article_view(&ctx) }{ ask(None) }</> },
            View::Index => html! { <TopicIndex /> },
            View::Topic(id) => html! { <><TopicView key={id} topic={id} />{ ask(Some(id)) }</> },
            View::Tailor(Step::Results) => html! { <><Tailor />{ ask(None) }</> },
            View::Tailor(_) => html! { <Tailor /> },
        }
    };
    let audience = store.0.audience;
    let theme = match store.0.config.theme {
        Theme::Auto => None,
        Theme::Light => Some("ng-theme-light"),
        Theme::Dark => Some("ng-theme-dark"),
    };
    html! {
        <ContextProvider<WidgetCtx> context={ctx.clone()}>
            <div class={classes!("ng-root", format!("ng-audience-{}", audience.id()), theme)} id={props.prefix.clone()} lang="en">
                { header(&ctx) }
                { notices(&ctx) }
                { audience_picker(&ctx) }
                if !ctx.is_static() {
                    { nav(&ctx) }
                }
                <div class="ng-body">{ body }</div>
                { disclaimer(&ctx) }
            </div>
        </ContextProvider<WidgetCtx>>
    }
}

/// Switches between the article and the topic list.
fn nav(ctx: &WidgetCtx) -> Html {
    let view = ctx.state.view;
    let button = |label: &'static str, current: bool, action: Action| {
        let dispatch = ctx.dispatch.clone();
        html! {
            <button type="button" class="ng-nav-btn" aria-current={current.then_some("page")}
                onclick={move |_| dispatch.emit(action.clone())}>{ label }</button>
        }
    };
    html! {
        <nav class="ng-nav" aria-label="Guide sections">
            { button("Article", view == View::Article, Action::ShowArticle) }
            { button("All topics", matches!(view, View::Index | View::Topic(_)), Action::ShowIndex) }
            { button("Tailor to my situation", matches!(view, View::Tailor(_)), Action::StartTailor) }
        </nav>
    }
}
