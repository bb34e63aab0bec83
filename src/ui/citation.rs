use super::context::use_widget;
use super::dom::{event_element, focus_in_widget};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CiteProps {
    /// (citation number, reference key) for each source cited at this point.
    pub numbers: Vec<(usize, &'static str)>,
    /// `Citations::scope` of the page section.
    pub scope: AttrValue,
}

/// Numbered citation links; following one moves focus to the reference.
#[function_component(Cite)]
pub fn cite(props: &CiteProps) -> Html {
    let ctx = use_widget();
    html! {
        <sup class="ng-cite">
            { for props.numbers.iter().enumerate().map(|(i, (n, _))| {
                let target = ctx.id(&format!("{}ref-{n}", props.scope));
                let onclick = {
                    let target = target.clone();
                    Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        if let Some(el) = event_element(&e) {
                            focus_in_widget(&el, &target);
                        }
                    })
                };
                html! {
                    <>
                        if i > 0 { { "," } }
                        <a href={format!("#{target}")} class="ng-cite-link" aria-label={format!("Source {n}")} {onclick}>{ n }</a>
                    </>
                }
            }) }
        </sup>
    }
}
