use super::context::use_widget;
use crate::kb::kb;
use std::cell::Cell;
use yew::prelude::*;

thread_local! {
    /// Each marked word gets its own definition id, even when a term repeats on a page.
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

#[derive(Properties, PartialEq)]
pub struct GlossaryTermProps {
    pub term: &'static str,
    pub text: &'static str,
}

/// A medical word in lay text: a button that shows its plain definition in place.
/// Whether it is open is local to this word, like a native disclosure widget.
#[function_component(GlossaryTerm)]
pub fn glossary_term(props: &GlossaryTermProps) -> Html {
    let ctx = use_widget();
    let serial = use_state(|| NEXT.with(|n| n.replace(n.get() + 1)));
    let open = use_state(|| false);
    let Some(term) = kb().term(props.term) else {
        return html! { { props.text } };
    };
    // Without scripts the definition is written out after the word (a hover title does not
    // work by touch or on paper).
    if ctx.is_static() {
        return html! {
            <><dfn class="ng-term-static">{ props.text }</dfn><span class="ng-term-def-static">{ format!(" ({})", term.definition) }</span></>
        };
    }
    let def_id = ctx.id(&format!("def-{}", *serial));
    let onclick = {
        let open = open.clone();
        move |_| open.set(!*open)
    };
    html! {
        <span class="ng-term">
            <button type="button" class="ng-term-btn" aria-expanded={open.to_string()} aria-controls={def_id.clone()}
                title="Show what this word means" {onclick}>{ props.text }</button>
            <span class="ng-term-def" id={def_id} role="note" hidden={!*open}>
                <strong>{ term.term }{ ": " }</strong>{ term.definition }
            </span>
        </span>
    }
}
