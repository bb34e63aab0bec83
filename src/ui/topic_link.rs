use super::context::use_widget;
use crate::widget::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TopicLinkProps {
    pub topic: &'static str,
    pub text: AttrValue,
}

/// A link into a topic page. Without scripts (server-rendered page) it jumps to the topic's
/// section further down the same page.
#[function_component(TopicLink)]
pub fn topic_link(props: &TopicLinkProps) -> Html {
    let ctx = use_widget();
    let onclick = {
        let dispatch = ctx.dispatch.clone();
        let topic = props.topic;
        move |e: MouseEvent| {
            e.prevent_default();
            dispatch.emit(Action::OpenTopic(topic.to_string()));
        }
    };
    html! {
        <a class="ng-topic-link" href={format!("#{}", ctx.id(&format!("topic-{}", props.topic)))} {onclick}>{ props.text.clone() }</a>
    }
}
