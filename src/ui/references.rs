use super::context::WidgetCtx;
use crate::kb::{kb, Reference};
use crate::page::{reference_line, Citations, REFERENCE_TIERS};
use yew::prelude::*;

/// Numbered references with full bibliographic data, grouped by evidence tier (guidelines,
/// FDA labels, trials, other research) while keeping the citation numbers.
pub fn references(ctx: &WidgetCtx, citations: &Citations) -> Html {
    if citations.keys.is_empty() {
        return html! {};
    }
    let heading_id = ctx.id(&format!("{}refs", citations.scope));
    let numbered: Vec<(usize, &'static Reference)> = citations
        .keys
        .iter()
        .enumerate()
        .filter_map(|(i, key)| kb().reference(key).map(|r| (i + 1, r)))
        .collect();
    html! {
        <section class="ng-refs" aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ "References" }</h3>
            { for REFERENCE_TIERS.iter().map(|(kind, label)| {
                let group: Vec<&(usize, &Reference)> = numbered.iter().filter(|(_, r)| r.kind == *kind).collect();
                if group.is_empty() {
                    return html! {};
                }
                html! {
                    <>
                        <h4 class="ng-ref-tier">{ *label }</h4>
                        <ol>{ for group.into_iter().map(|(n, r)| reference(ctx, citations, *n, r)) }</ol>
                    </>
                }
            }) }
        </section>
    }
}

fn reference(ctx: &WidgetCtx, citations: &Citations, n: usize, r: &'static Reference) -> Html {
    html! {
        <li id={ctx.id(&citations.anchor(n))} value={n.to_string()} tabindex="-1">
            <span class={classes!("ng-ref-kind", r.kind.css_class())}>{ r.kind.label() }</span>
            { " " }{ reference_line(r) }
            if !r.doi().is_empty() {
                { " doi: " }<a href={format!("https://doi.org/{}", r.doi())} rel="noopener noreferrer">{ r.doi() }</a>{ "." }
            }
            if !r.pmid().is_empty() { { format!(" PMID: {}.", r.pmid()) } }
        </li>
    }
}
