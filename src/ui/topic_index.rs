use super::context::use_widget;
use super::topic_link::topic_link;
use crate::page::topic_groups;
use yew::prelude::*;

/// Table of contents of every topic, grouped.
#[function_component(TopicIndex)]
pub fn topic_index() -> Html {
    let ctx = use_widget();
    let heading = NodeRef::default();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let id = ctx.id("index");
    html! {
        <nav class="ng-index" aria-labelledby={id.clone()}>
            { ctx.heading(3, Some(id.clone()), "", Some(&heading), "All topics") }
            { for topic_groups().into_iter().map(|(group, topics)| html! {
                <div class="ng-index-group">
                    { ctx.heading(4, None, "", None, group) }
                    <ul>{ for topics.into_iter().map(|t| html! { <li>{ topic_link(&ctx, t.id, t.title) }</li> }) }</ul>
                </div>
            }) }
        </nav>
    }
}
