use super::context::WidgetCtx;
use crate::kb::{kb, ReviewStatus};
use crate::page::long_date;
use yew::prelude::*;

/// Title question, advisory line, honest review steps, last-updated date, editorial policy.
pub fn header(ctx: &WidgetCtx) -> Html {
    let article = &kb().article;
    html! {
        <header class="ng-header">
            <p class="ng-kicker">{ "Neuroendocrine tumors · cited Q&A" }</p>
            { ctx.heading(2, Some(ctx.id("title")), "ng-title", None, article.question) }
            <p class="ng-advisory">{ article.advisory }</p>
            { review_steps("Review status: ", article.review.status, article.review.reviewer) }
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

/// The three review steps with the real current step marked; `label` says what was reviewed.
pub fn review_steps(label: &'static str, status: ReviewStatus, reviewer: &'static str) -> Html {
    let current = ReviewStatus::STEPS
        .iter()
        .position(|s| *s == status)
        .unwrap_or(0);
    let summary = match status {
        ReviewStatus::Approved => format!("Approved by {reviewer}"),
        ReviewStatus::UnderReview => "Under clinical review: not yet approved".to_string(),
        ReviewStatus::Submitted => "Pending clinical review: not yet approved".to_string(),
    };
    html! {
        <div class="ng-review">
            <p class="ng-review-summary"><strong>{ label }</strong>{ summary }</p>
            <ol class="ng-steps" aria-label="Review steps">
                { for ReviewStatus::STEPS.iter().enumerate().map(|(i, step)| {
                    let (state, suffix) = if i < current {
                        ("ng-step-done", " (done)")
                    } else if i == current {
                        ("ng-step-current", " (current step)")
                    } else {
                        ("ng-step-todo", " (not yet)")
                    };
                    html! {
                        <li class={classes!("ng-step", state)} aria-current={(i == current).then_some("step")}>
                            { step.label() }<span class="ng-sr">{ suffix }</span>
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
