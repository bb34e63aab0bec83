use super::context::{use_widget, WidgetCtx};
use super::references::titled_references;
use super::rich_text::rich_blocks;
use super::topic_link::topic_link;
use crate::kb::kb;
use crate::page::Citations;
use crate::search::view::{suggestions, AnswerView};
use crate::search::Kind;
use crate::widget::{Action, Exchange};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FollowUpProps {
    /// The topic on screen, if any: its questions are suggested first.
    #[prop_or_default]
    pub topic: Option<&'static str>,
}

/// "Have a follow-up question?": suggested questions, the running thread of answers (a
/// polite live region) and a box for any question. Typed text is only ever shown as text.
#[function_component(FollowUp)]
pub fn follow_up(props: &FollowUpProps) -> Html {
    let ctx = use_widget();
    let input = use_node_ref();
    let state = &ctx.state;
    let heading = ctx.id("ask-h");
    let field = ctx.id("ask-q");
    let topic = props.topic;
    let onsubmit = {
        let (dispatch, input) = (ctx.dispatch.clone(), input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(box_) = input.cast::<HtmlInputElement>() {
                dispatch.emit(Action::Ask(box_.value(), topic));
                box_.set_value("");
            }
        })
    };
    let starters = if state.thread.is_empty() {
        suggestions(kb(), props.topic, state.audience, &state.profile)
    } else {
        Vec::new()
    };
    html! {
        <section class="ng-ask" aria-labelledby={heading.clone()}>
            { ctx.heading(3, Some(heading.clone()), "", None, "Have a follow-up question?") }
            <p class="ng-ask-intro">{ "Answers come from this guide’s own cited pages, worked out in your browser: what you type is not sent anywhere. For advice about your own care, ask your care team." }</p>
            { suggestion_list(&ctx, &starters, "Questions you could ask", topic) }
            <div class="ng-thread" aria-live="polite" aria-relevant="additions">
                if state.asked > state.thread.len() {
                    <p class="ng-folded">{ format!("Earlier answers are folded away ({} shown).", state.thread.len()) }</p>
                }
                { for state.thread.iter().enumerate().map(|(i, x)| {
                    let latest = i + 1 == state.thread.len();
                    card(&ctx, state.asked - state.thread.len() + i, x, latest)
                }) }
            </div>
            <form class="ng-ask-form" {onsubmit}>
                <label for={field.clone()}>{ "Your question" }</label>
                <div class="ng-ask-row">
                    <input id={field} ref={input} type="text" maxlength="500" autocomplete="off" spellcheck="true" />
                    <button type="submit" class="ng-primary">{ "Ask" }</button>
                </div>
            </form>
            if !state.thread.is_empty() {
                <button type="button" class="ng-link-btn" onclick={let d = ctx.dispatch.clone(); move |_| d.emit(Action::ClearThread)}>{ "Clear these answers" }</button>
            }
        </section>
    }
}

/// Suggested questions as buttons that ask them, from inside `topic` when they belong to one.
fn suggestion_list(
    ctx: &WidgetCtx,
    questions: &[&'static str],
    label: &'static str,
    topic: Option<&'static str>,
) -> Html {
    if questions.is_empty() {
        return html! {};
    }
    html! {
        <div class="ng-suggest">
            <p class="ng-suggest-label">{ label }</p>
            <ul>{ for questions.iter().map(|q| {
                let dispatch = ctx.dispatch.clone();
                let q = *q;
                html! { <li><button type="button" class="ng-suggestion" onclick={move |_| dispatch.emit(Action::Ask(q.to_string(), topic))}>{ q }</button></li> }
            }) }</ul>
        </div>
    }
}

/// One question and its reply: guardrail words first, then the passages with their
/// numbered sources, the topic to read in full, and what to ask next.
fn card(ctx: &WidgetCtx, number: usize, exchange: &Exchange, latest: bool) -> Html {
    let reply = &exchange.reply;
    let shown: Vec<&AnswerView> = reply.answers.iter().chain(&reply.background).collect();
    let citations = Citations::from_keys(shown.iter().flat_map(|a| a.cites.iter().copied()))
        .scoped(&format!("ask{number}-"));
    let kind_class = match reply.kind {
        Kind::Answer if reply.low_confidence => "ng-reply-unsure",
        Kind::Answer => "ng-reply-answer",
        Kind::NeedsClinician => "ng-reply-clinician",
        Kind::Urgent => "ng-reply-urgent",
        Kind::OutOfScope => "ng-reply-scope",
    };
    let passage = |a: &AnswerView| {
        let blocks = kb()
            .topic(a.topic)
            .map(|t| t.text(exchange.audience).blocks())
            .unwrap_or_default();
        let (start, end) = a.blocks;
        let slice = blocks.get(start..end.min(blocks.len())).unwrap_or_default();
        rich_blocks(ctx, slice, &citations, 5)
    };
    let mut topics: Vec<&'static str> = Vec::new();
    let closest = if reply.low_confidence {
        &reply.topics[..]
    } else {
        &[]
    };
    for t in shown.iter().map(|a| a.topic).chain(closest.iter().copied()) {
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    html! {
        <article class={classes!("ng-reply", kind_class)} aria-label={format!("Answer {}", number + 1)}>
            <p class="ng-asked"><span class="ng-asked-label">{ "You asked: " }</span>{ exchange.question.clone() }</p>
            if !reply.message.is_empty() {
                <p class="ng-reply-message">{ reply.message }</p>
            }
            if !reply.background.is_empty() {
                <p class="ng-reply-label">{ "General background from this guide:" }</p>
            }
            { for shown.iter().map(|a| passage(a)) }
            if !topics.is_empty() {
                <p class="ng-reply-more">
                    { if reply.low_confidence { "Closest topics: " } else { "Read more: " } }
                    { for topics.iter().enumerate().filter_map(|(i, t)| kb().topic(t).map(|topic| html! {
                        <>{ if i > 0 { ", " } else { "" } }{ topic_link(ctx, topic.id, topic.title) }</>
                    })) }
                </p>
            }
            { titled_references(ctx, &citations, "Sources", 4) }
            if latest { { suggestion_list(ctx, &reply.suggestions, "You could also ask", reply.topics.first().copied()) } }
        </article>
    }
}
