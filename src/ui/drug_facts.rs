use super::citation::Cite;
use super::context::use_widget;
use crate::kb::kb;
use crate::page::Citations;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DrugFactsProps {
    pub drug: &'static str,
    pub citations: Rc<Citations>,
}

/// One row of the drug table: names, class, route, label dose, NET uses, key trial, side
/// effects. Doses come only from the drug table, so each is written once.
#[function_component(DrugFacts)]
pub fn drug_facts(props: &DrugFactsProps) -> Html {
    let ctx = use_widget();
    let Some(d) = kb().drug(props.drug) else { return html! {} };
    let cite = |key: &'static str| -> Html {
        match props.citations.number(key) {
            Some(n) => html! { <Cite numbers={vec![(n, key)]} scope={props.citations.scope.clone()} /> },
            None => html! {},
        }
    };
    let heading_id = ctx.id(&format!("{}drug-{}", props.citations.scope, d.id));
    let lay = ctx.state.audience.is_lay();
    html! {
        <section class="ng-drug" aria-labelledby={heading_id.clone()}>
            <h5 id={heading_id}>
                { "Drug facts: " }{ d.generic }
                if !d.brands.is_empty() { { format!(" ({})", d.brands.join(", ")) } }
            </h5>
            <dl>
                <dt>{ "Type of medicine" }</dt><dd>{ d.class }</dd>
                <dt>{ "How it is given" }</dt><dd>{ d.route }</dd>
                if !d.dose.is_empty() {
                    <dt>{ "Usual dose and schedule on the label" }</dt>
                    <dd><span class="ng-dose">{ d.dose }</span>{ cite(d.label_ref) }</dd>
                }
                if !d.indications.is_empty() {
                    <dt>{ "Approved or guideline-supported NET uses" }</dt>
                    <dd><ul>{ for d.indications.iter().map(|i| html! { <li>{ i.text }{ cite(i.source) }</li> }) }</ul></dd>
                }
                if !d.trial_result.is_empty() {
                    <dt>{ "Key trial" }</dt><dd>{ d.trial_result }{ cite(d.trial_ref) }</dd>
                }
                if !d.side_effects.is_empty() {
                    <dt>{ "Common side effects" }</dt><dd>{ d.side_effects.join("; ") }</dd>
                }
            </dl>
            <p class="ng-drug-note">{
                if lay { "Your own dose is set by your care team. Do not change or stop a medicine without talking to them." }
                else { "Label doses for orientation only; check current prescribing information." }
            }</p>
        </section>
    }
}
