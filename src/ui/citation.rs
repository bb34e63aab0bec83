use super::context::WidgetCtx;
use super::dom::{event_element, focus_in_widget};
use yew::prelude::*;

/// Numbered citation links for (citation number, reference key) pairs; following one moves
/// focus to the reference. `scope` is the page's `Citations::scope`.
pub fn cite(ctx: &WidgetCtx, numbers: &[(usize, &'static str)], scope: &str) -> Html {
    if numbers.is_empty() {
        return html! {};
    }
    html! {
        <sup class="ng-cite">
            { for numbers.iter().enumerate().map(|(i, (n, _))| {
                let target = ctx.id(&format!("{scope}ref-{n}"));
                let href = format!("#{target}");
                let onclick = Callback::from(move |e: MouseEvent| {
                    e.prevent_default();
                    if let Some(el) = event_element(&e) {
                        focus_in_widget(&el, &target);
                    }
                });
                html! {
                    <>
                        if i > 0 { { "," } }
                        <a {href} class="ng-cite-link" aria-label={format!("Source {n}")} {onclick}>{ n }</a>
                    </>
                }
            }) }
        </sup>
    }
}
