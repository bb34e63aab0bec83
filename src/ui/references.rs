use super::context::WidgetCtx;
use crate::kb::{kb, Reference};
use crate::page::{reference_line, Citations, REFERENCE_TIERS};
use yew::prelude::*;

/// Numbered references with full bibliographic data, grouped by evidence tier (guidelines,
/// FDA labels, trials, other research) while keeping the citation numbers.
pub fn references(ctx: &WidgetCtx, citations: &Citations) -> Html {
    titled_references(ctx, citations, "References", 3)
}

/// [`references`] under another heading, at heading level `level` (a follow-up answer's
/// sources sit inside its card).
pub fn titled_references(
    ctx: &WidgetCtx,
    citations: &Citations,
    title: &'static str,
    level: u8,
) -> Html {
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
            { ctx.heading(level, Some(heading_id.clone()), "", None, title) }
            { for REFERENCE_TIERS.iter().map(|(kind, label)| {
                let group: Vec<&(usize, &Reference)> = numbered.iter().filter(|(_, r)| r.kind == *kind).collect();
                if group.is_empty() {
                    return html! {};
                }
                html! {
                    <>
                        { ctx.heading(level + 1, None, "ng-ref-tier", None, *label) }
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
            { link(" doi: ", "https://doi.org/", r.doi()) }
            { link(" PMID: ", "https://pubmed.ncbi.nlm.nih.gov/", r.pmid()) }
            { link(" ", "https://pmc.ncbi.nlm.nih.gov/articles/", r.pmc()) }
            { link(" ", "", r.url()) }
        </li>
    }
}

/// An identifier shown as a link (nothing when the reference has none). Only https
/// addresses become links: `check` refuses others, and this keeps `javascript:` out anyway.
fn link(label: &'static str, base: &'static str, id: &'static str) -> Html {
    if id.is_empty() {
        return html! {};
    }
    let href = format!("{base}{id}");
    if !href.starts_with("https://") {
        return html! { <>{ label }{ id }{ "." }</> };
    }
    html! { <>{ label }<a {href} rel="noopener noreferrer">{ id }</a>{ "." }</> }
}
