use super::context::use_widget;
use super::drug_facts::DrugFacts;
use super::references::References;
use super::rich_text::RichText;
use crate::kb::Tier;
use crate::page::{article_citations, article_sections};
use std::rc::Rc;
use yew::prelude::*;

/// The main article: the short answer, then the three evidence tiers, then references.
#[function_component(ArticleView)]
pub fn article_view() -> Html {
    let ctx = use_widget();
    let audience = ctx.state.audience;
    let citations = use_memo(audience, |a| article_citations(*a));
    let citations: Rc<_> = citations;
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
                        <h3 id={heading_id}>{ if bottom { sections[0].title } else { tier.heading() } }</h3>
                        { for sections.iter().map(|s| html! {
                            <div class="ng-section">
                                if !bottom { <h4>{ s.title }</h4> }
                                <RichText text={s.text(audience)} citations={citations.clone()} heading_level={5} />
                                { for s.drugs.iter().map(|d| html! { <DrugFacts drug={*d} citations={citations.clone()} /> }) }
                            </div>
                        }) }
                    </section>
                }
            }) }
            <References citations={citations.clone()} />
        </article>
    }
}
