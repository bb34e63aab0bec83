use super::context::use_widget;
use crate::kb::kb;
use crate::page::{reference_line, Citations};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReferencesProps {
    pub citations: Rc<Citations>,
}

/// Numbered reference list with full bibliographic data; targets of citation links.
#[function_component(References)]
pub fn references(props: &ReferencesProps) -> Html {
    let ctx = use_widget();
    if props.citations.keys.is_empty() {
        return html! {};
    }
    let heading_id = ctx.id(&format!("{}refs", props.citations.scope));
    html! {
        <section class="ng-refs" aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ "References" }</h3>
            <ol>
                { for props.citations.keys.iter().enumerate().filter_map(|(i, key)| {
                    let r = kb().reference(key)?;
                    let id = ctx.id(&props.citations.anchor(i + 1));
                    Some(html! {
                        <li id={id} tabindex="-1">
                            <span class={classes!("ng-ref-kind", r.kind.css_class())}>{ r.kind.label() }</span>
                            { " " }{ reference_line(r) }
                            if !r.doi.is_empty() {
                                { " doi: " }<a href={format!("https://doi.org/{}", r.doi)} rel="noopener noreferrer">{ r.doi }</a>{ "." }
                            }
                            if !r.pmid.is_empty() { { format!(" PMID: {}.", r.pmid) } }
                            if !r.note.is_empty() { <span class="ng-ref-note">{ format!(" {}", r.note) }</span> }
                        </li>
                    })
                }) }
            </ol>
        </section>
    }
}
