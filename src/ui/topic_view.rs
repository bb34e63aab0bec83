use super::context::use_widget;
use super::drug_facts::drug_facts;
use super::header::review_steps;
use super::references::references;
use super::rich_text::rich_text;
use super::topic_link::topic_link;
use crate::kb::{kb, ReviewStatus};
use crate::page::{long_date, topic_citations};
use crate::widget::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TopicViewProps {
    pub topic: &'static str,
}

/// One topic, readable in place: text, drug facts, citations, related topics and follow-up
/// questions.
#[function_component(TopicView)]
pub fn topic_view(props: &TopicViewProps) -> Html {
    let ctx = use_widget();
    let heading = NodeRef::default();
    {
        // Move focus to the new page's heading so screen-reader users know where they are.
        let heading = heading.clone();
        let focus = !ctx.is_static();
        use_effect_with(props.topic, move |_| {
            if focus {
                if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }
    let Some(topic) = kb().topic(props.topic) else {
        return html! {};
    };
    let audience = ctx.state.audience;
    let citations = topic_citations(topic, audience);
    let id = ctx.id(&format!("topic-{}", topic.id));
    let go = |action: Action| {
        let dispatch = ctx.dispatch.clone();
        move |_| dispatch.emit(action.clone())
    };
    html! {
        <section class="ng-topic" id={id.clone()} aria-labelledby={format!("{id}-h")}>
            if !ctx.is_static() {
                <div class="ng-topic-nav">
                    <button type="button" class="ng-back" onclick={go(Action::ShowArticle)}>{ "← Back to the article" }</button>
                    <button type="button" class="ng-back" onclick={go(Action::ShowIndex)}>{ "All topics" }</button>
                </div>
            }
            { ctx.heading(3, Some(format!("{id}-h")), "", Some(&heading), topic.title) }
            <div class="ng-topic-meta">
                { review_steps("Review status: ", topic.review.status, topic.review.reviewer) }
                // "Reviewed" only where a named reviewer signed in content/; otherwise the
                // date is the last change.
                if topic.review.status == ReviewStatus::Approved && !topic.review.reviewer.is_empty() {
                    <p class="ng-updated">{ format!("Reviewed by {}, {}, ", topic.review.reviewer, topic.review.reviewer_role) }<time datetime={topic.review.last_reviewed}>{ long_date(topic.review.last_reviewed) }</time></p>
                } else {
                    <p class="ng-updated">{ "Last updated: " }<time datetime={topic.review.last_reviewed}>{ long_date(topic.review.last_reviewed) }</time></p>
                }
            </div>
            { rich_text(&ctx, topic.text(audience), &citations, 4) }
            { for topic.drugs.iter().map(|d| drug_facts(&ctx, d, &citations, 4)) }
            if !topic.related.is_empty() {
                <div class="ng-related">
                    { ctx.heading(4, None, "", None, "Related topics") }
                    <ul>{ for topic.related.iter().filter_map(|r| kb().topic(r)).map(|t| html! {
                        <li>{ topic_link(&ctx, t.id, t.title) }</li>
                    }) }</ul>
                </div>
            }
            if !topic.questions.is_empty() {
                <div class="ng-followups">
                    { ctx.heading(4, None, "", None, "Questions you could ask next") }
                    <ul>{ for topic.questions.iter().map(|q| html! { <li>{ *q }</li> }) }</ul>
                </div>
            }
            { references(&ctx, &citations) }
        </section>
    }
}
