use super::context::WidgetCtx;
use crate::kb::{kb, Audience};
use yew::prelude::*;

/// Audience-specific disclaimer at the end of the guide.
pub fn disclaimer(ctx: &WidgetCtx) -> Html {
    let audience = ctx.state.audience;
    let heading = if audience == Audience::Clinician {
        "Professional medical disclaimer"
    } else {
        "Please read"
    };
    let id = ctx.id("disclaimer");
    html! {
        <aside class="ng-disclaimer" aria-labelledby={id.clone()}>
            { ctx.heading(3, Some(id.clone()), "", None, heading) }
            <p>{ kb().article.disclaimers[audience.index()] }</p>
        </aside>
    }
}
