use super::citation::cite;
use super::context::WidgetCtx;
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
                <dt>{ "Type of medicine" }</dt><dd>{ d.class }</dd>
                <dt>{ "How it is given" }</dt><dd>{ d.route }</dd>
                if !d.dose.is_empty() {
                    <dt>{ "Usual dose and schedule on the label" }</dt>
                    <dd><span class="ng-dose">{ d.dose }</span>{ source(d.label_ref) }</dd>
                }
                if !d.indications.is_empty() {
                    <dt>{ "Approved or guideline-supported NET uses" }</dt>
                    <dd><ul>{ for d.indications.iter().map(|i| html! { <li>{ i.text }{ source(i.source) }</li> }) }</ul></dd>
                }
                if !d.trial_result.is_empty() {
                    <dt>{ "Key trial" }</dt><dd>{ d.trial_result }{ source(d.trial_ref) }</dd>
                }
                if !d.side_effects.is_empty() {
                    <dt>{ "Common side effects" }</dt><dd>{ d.side_effects.join("; ") }</dd>
                }
            </dl>
            <p class="ng-drug-note">{ note }</p>
        </section>
    }
}
