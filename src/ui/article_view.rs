use super::context::WidgetCtx;
use super::drug_facts::drug_facts;
use super::references::references;
use super::rich_text::rich_text;
use crate::kb::Tier;
use crate::page::{article_citations, article_sections};
use yew::prelude::*;

/// The main article: the short answer, then the three evidence tiers, then references.
pub fn article_view(ctx: &WidgetCtx) -> Html {
    let audience = ctx.state.audience;
    let citations = article_citations(audience);
    html! {
        <article class="ng-article" aria-labelledby={ctx.id("title")}>
            { for Tier::ALL.iter().map(|tier| {
                let sections = article_sections(*tier);
                if sections.is_empty() {
                    return html! {};
                }
                let heading_id = ctx.id(tier.id());
                let bottom = *tier == Tier::BottomLine;
                html! {
                    <section class={classes!("ng-tier", format!("ng-tier-{}", tier.id()))} aria-labelledby={heading_id.clone()}>
                        { ctx.heading(3, Some(heading_id), "", None, if bottom { sections[0].title } else { tier.heading() }) }
                        if *tier == Tier::Guideline && !ctx.is_static() { { tailor_prompt(ctx) } }
                        { for sections.iter().map(|s| html! {
                            <div class="ng-section">
                                if !bottom { { ctx.heading(4, None, "", None, s.title) } }
                                { rich_text(ctx, s.text(audience), &citations, 5) }
                                { for s.drugs.iter().map(|d| drug_facts(ctx, d, &citations, 5)) }
                            </div>
                        }) }
                    </section>
                }
            }) }
            { references(ctx, &citations) }
        </article>
    }
}

/// Invitation to the decision flow, placed where the article starts on treatment.
fn tailor_prompt(ctx: &WidgetCtx) -> Html {
    let dispatch = ctx.dispatch.clone();
    html! {
        <div class="ng-tailor-prompt">
            <p>{ "Treatment depends on where the tumor started, its grade, how far it has spread and whether it makes hormones. Answer a few questions to see the options guidelines support for a situation like yours." }</p>
            <button type="button" class="ng-primary" onclick={move |_| dispatch.emit(crate::widget::Action::StartTailor)}>{ "Tailor this to my situation" }</button>
        </div>
    }
}
