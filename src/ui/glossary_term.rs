use super::context::use_widget;
use crate::kb::kb;
use crate::widget::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GlossaryTermProps {
    pub term: &'static str,
    pub text: &'static str,
}

/// A medical word in lay text: a button that shows its plain definition in place.
#[function_component(GlossaryTerm)]
pub fn glossary_term(props: &GlossaryTermProps) -> Html {
    let ctx = use_widget();
    let Some(term) = kb().term(props.term) else { return html! { { props.text } } };
    if ctx.static_page {
        return html! { <dfn class="ng-term-static" title={term.definition}>{ props.text }</dfn> };
    }
    let open = ctx.state.open_term == Some(term.id);
    let def_id = ctx.id(&format!("def-{}", term.id));
    let onclick = {
        let dispatch = ctx.dispatch.clone();
        let id = term.id;
        move |_| dispatch.emit(Action::ToggleTerm(id))
    };
    html! {
        <span class="ng-term">
            <button type="button" class="ng-term-btn" aria-expanded={open.to_string()} aria-controls={def_id.clone()}
                title="Show what this word means" {onclick}>{ props.text }</button>
            <span class="ng-term-def" id={def_id} role="note" hidden={!open}>
                <strong>{ term.term }{ ": " }</strong>{ term.definition }
            </span>
        </span>
    }
}
