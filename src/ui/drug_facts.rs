use super::citation::cite;
use super::context::WidgetCtx;
use super::fact_row::fact_row;
use crate::kb::kb;
use crate::page::Citations;
use yew::prelude::*;

/// One row of the drug table: names, class, route, label dose, NET uses, key trial, side
/// effects. Doses come only from the drug table, so each is written once.
pub fn drug_facts(ctx: &WidgetCtx, drug: &str, citations: &Citations, heading_level: u8) -> Html {
    let Some(d) = kb().drug(drug) else {
        return html! {};
    };
    let source = |key: &'static str| -> Html {
        match citations.number(key) {
            Some(n) => cite(ctx, &[(n, key)], &citations.scope),
            None => html! {},
        }
    };
    let heading_id = ctx.id(&format!("{}drug-{}", citations.scope, d.id));
    let tag = if heading_level >= 5 { "h5" } else { "h4" };
    let note = if ctx.state.audience.is_lay() {
        "Your own dose is set by your care team. Do not change or stop a medicine without talking to them."
    } else {
        "Label doses for orientation only; check current prescribing information."
    };
    html! {
        <section class="ng-drug" aria-labelledby={heading_id.clone()}>
            <@{tag} id={heading_id}>
                { "Drug facts: " }{ d.generic }
                if !d.brands.is_empty() { { format!(" ({})", d.brands.join(", ")) } }
            </@>
            <dl>
                { fact_row("Type of medicine", html! { d.class }) }
                { fact_row("How it is given", html! { d.route }) }
                if !d.dose.is_empty() {
                    { fact_row("Usual dose and schedule on the label", html! { <><span class="ng-dose">{ d.dose }</span>{ source(d.label_ref) }</> }) }
                }
                if !d.indications.is_empty() {
                    { fact_row("Approved or guideline-supported NET uses", html! { <ul>{ for d.indications.iter().map(|i| html! { <li>{ i.text }{ source(i.source) }</li> }) }</ul> }) }
                }
                if !d.trial_result.is_empty() {
                    { fact_row("Key trial", html! { <>{ d.trial_result }{ source(d.trial_ref) }</> }) }
                }
                if !d.side_effects.is_empty() {
                    { fact_row("Common side effects", html! { d.side_effects.join("; ") }) }
                }
            </dl>
            <p class="ng-drug-note">{ note }</p>
        </section>
    }
}
