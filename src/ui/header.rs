use super::context::use_widget;
use crate::kb::{kb, ReviewStatus};
use crate::page::long_date;
use yew::prelude::*;

/// Title question, advisory line, honest review steps, last-updated date, editorial policy.
#[function_component(Header)]
pub fn header() -> Html {
    let ctx = use_widget();
    let article = &kb().article;
    let title_id = ctx.id("title");
    html! {
        <header class="ng-header">
            <p class="ng-kicker">{ "Neuroendocrine tumors · cited Q&A" }</p>
            <h2 class="ng-title" id={title_id}>{ article.question }</h2>
            <p class="ng-advisory">{ article.advisory }</p>
            <ReviewSteps status={article.review.status} reviewer={article.review.reviewer} />
            <p class="ng-updated">
                { "Last updated: " }
                <time datetime={article.last_updated}>{ long_date(article.last_updated) }</time>
            </p>
            <details class="ng-policy">
                <summary>{ "View editorial policy" }</summary>
                { for article.editorial_policy.iter().map(|p| html! { <p>{ *p }</p> }) }
            </details>
        </header>
    }
}

#[derive(Properties, PartialEq)]
pub struct ReviewStepsProps {
    pub status: ReviewStatus,
    pub reviewer: &'static str,
}

/// The three review steps with the real current step marked.
#[function_component(ReviewSteps)]
pub fn review_steps(props: &ReviewStepsProps) -> Html {
    let current = ReviewStatus::STEPS
        .iter()
        .position(|s| *s == props.status)
        .unwrap_or(0);
    let summary = match props.status {
        ReviewStatus::Approved => format!("Approved by {}", props.reviewer),
        ReviewStatus::UnderReview => "Under clinical review: not yet approved".to_string(),
        ReviewStatus::Submitted => "Pending clinical review: not yet approved".to_string(),
    };
    html! {
        <div class="ng-review">
            <p class="ng-review-summary"><strong>{ "Review status: " }</strong>{ summary }</p>
            <ol class="ng-steps" aria-label="Review steps">
                { for ReviewStatus::STEPS.iter().enumerate().map(|(i, step)| {
                    let state = if i < current { "done" } else if i == current { "current" } else { "todo" };
                    let suffix = match state { "done" => " (done)", "current" => " (current step)", _ => " (not yet)" };
                    html! {
                        <li class={classes!("ng-step", format!("ng-step-{state}"))}
                            aria-current={(i == current).then_some("step")}>
                            { step.label() }<span class="ng-sr">{ suffix }</span>
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
