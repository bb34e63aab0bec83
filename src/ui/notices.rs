use super::context::WidgetCtx;
use crate::widget::Action;
use yew::prelude::*;

/// Polite notices about bad settings or links; each can be dismissed.
pub fn notices(ctx: &WidgetCtx) -> Html {
    html! {
        <div class="ng-notices" role="status" aria-live="polite">
            { for ctx.state.notices.iter().enumerate().map(|(i, n)| {
                let dispatch = ctx.dispatch.clone();
                html! {
                    <p class="ng-notice">
                        <span>{ n.0.clone() }</span>
                        if !ctx.is_static() {
                            <button type="button" class="ng-notice-close" aria-label="Dismiss this notice"
                                onclick={move |_| dispatch.emit(Action::DismissNotice(i))}>{ "×" }</button>
                        }
                    </p>
                }
            }) }
        </div>
    }
}
