use super::context::WidgetCtx;
use crate::widget::Action;
use yew::prelude::*;

/// A link into a topic page. Without scripts (server-rendered page) it jumps to the topic's
/// section further down the same page.
pub fn topic_link(ctx: &WidgetCtx, topic: &'static str, text: &'static str) -> Html {
    let dispatch = ctx.dispatch.clone();
    let onclick = move |e: MouseEvent| {
        e.prevent_default();
        dispatch.emit(Action::OpenTopic(topic.to_string()));
    };
    html! {
        <a class="ng-topic-link" href={format!("#{}", ctx.id(&format!("topic-{topic}")))} {onclick}>{ text }</a>
    }
}
