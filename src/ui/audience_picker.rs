use super::context::WidgetCtx;
use crate::kb::Audience;
use crate::widget::Action;
use yew::prelude::*;

/// "Which best describes you?": rewrites the whole guide for the chosen reader.
pub fn audience_picker(ctx: &WidgetCtx) -> Html {
    // A page without scripts cannot switch: it says who it is for and where the others are.
    if ctx.is_static() {
        return html! {
            <p class="ng-audience-static">
                { format!("This version is written for {}. ", crate::widget::audience_phrase(ctx.state.audience)) }
                { "The interactive guide also has versions for patients, caregivers and clinicians: choose one under “Which best describes you?”." }
            </p>
        };
    }
    let name = ctx.id("audience");
    let hint_id = ctx.id("audience-hint");
    html! {
        <fieldset class="ng-audience" aria-describedby={hint_id.clone()}>
            <legend>{ "Which best describes you?" }</legend>
            <p class="ng-hint" id={hint_id}>{ "Your choice changes the wording of the whole guide so it is easier to understand." }</p>
            <div class="ng-audience-options">
                { for Audience::ALL.iter().map(|a| {
                    let dispatch = ctx.dispatch.clone();
                    let audience = *a;
                    let id = ctx.id(&format!("audience-{}", a.id()));
                    html! {
                        <label class="ng-audience-option" for={id.clone()}>
                            <input type="radio" id={id} name={name.clone()} value={a.id()}
                                checked={ctx.state.audience == audience}
                                onchange={move |_| dispatch.emit(Action::SetAudience(audience))} />
                            { a.label() }
                        </label>
                    }
                }) }
            </div>
        </fieldset>
    }
}
