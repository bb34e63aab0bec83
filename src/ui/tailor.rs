use super::context::{use_widget, WidgetCtx};
use super::tailor_results::tailor_results;
use crate::decide::questions::{answer, choice_applies, question, Kind};
use crate::widget::{Action, Step, View};
use yew::prelude::*;

/// "Tailor this to my situation": one question at a time, then the results. Focus moves to
/// each new heading so keyboard and screen-reader users follow the flow.
#[function_component(Tailor)]
pub fn tailor() -> Html {
    let ctx = use_widget();
    let heading = NodeRef::default();
    let step = match ctx.state.view {
        View::Tailor(step) => step,
        _ => Step::Results,
    };
    {
        let heading = heading.clone();
        use_effect_with(step, move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    match step {
        Step::Question(field) => question_view(&ctx, field, heading),
        Step::Results => tailor_results(&ctx, heading),
    }
}

fn question_view(ctx: &WidgetCtx, field: &'static str, heading: NodeRef) -> Html {
    let Some(q) = question(field) else {
        return html! {};
    };
    let profile = &ctx.state.profile;
    let asked = ctx.state.applicable();
    let number = asked
        .iter()
        .position(|f| *f == field)
        .map(|i| i + 1)
        .unwrap_or(1);
    let name = ctx.id(&format!("q-{field}"));
    let hint = ctx.id("q-hint");
    let click = |action: Action| {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()))
    };
    let change = |action: Action| {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |_: Event| dispatch.emit(action.clone()))
    };
    let current = answer(profile, field);
    let choices = q
        .choices
        .iter()
        .filter(|(v, _)| choice_applies(field, v, profile));
    let inputs = match q.kind {
        Kind::One => html! {
            <>
                { for choices.map(|(value, label)| {
                    let id = ctx.id(&format!("q-{field}-{value}"));
                    html! {
                        <label class="ng-choice" for={id.clone()}>
                            <input type="radio" id={id} name={name.clone()} checked={current == Some(*value)}
                                onchange={change(Action::Answer(field, Some(value)))} />
                            { *label }
                        </label>
                    }
                }) }
                <label class="ng-choice ng-choice-unsure" for={ctx.id(&format!("q-{field}-unsure"))}>
                    <input type="radio" id={ctx.id(&format!("q-{field}-unsure"))} name={name.clone()}
                        checked={current.is_none() && ctx.state.return_to_results}
                        onchange={change(Action::Answer(field, None))} />
                    { "I'm not sure" }
                </label>
            </>
        },
        Kind::Many => {
            let items = profile.list(field);
            html! {
                <>
                    { for choices.map(|(value, label)| {
                        let id = ctx.id(&format!("q-{field}-{value}"));
                        html! {
                            <label class="ng-choice" for={id.clone()}>
                                <input type="checkbox" id={id} checked={items.contains(value)}
                                    onchange={change(Action::Toggle(field, value))} />
                                { *label }
                            </label>
                        }
                    }) }
                    <p class="ng-hint">{ "Not sure? Leave them unticked and ask your care team." }</p>
                </>
            }
        }
    };
    let last = number == asked.len();
    html! {
        <section class="ng-tailor" aria-labelledby={ctx.id("q-title")}>
            <p class="ng-progress">{ format!("Tailor this to my situation · question {number} of {}", asked.len()) }</p>
            <fieldset class="ng-question" aria-describedby={hint.clone()}>
                <legend>{ ctx.heading(3, Some(ctx.id("q-title")), "", Some(&heading), q.text) }</legend>
                <p class="ng-hint" id={hint}>{ q.help }</p>
                <div class="ng-choices">{ inputs }</div>
            </fieldset>
            <div class="ng-tailor-nav">
                <button type="button" class="ng-back" onclick={click(Action::Back)}>{ "Back" }</button>
                <button type="button" class="ng-primary" onclick={click(Action::Next)}>
                    { if last || ctx.state.return_to_results { "See the options" } else { "Next" } }
                </button>
                if !last && !ctx.state.return_to_results {
                    <button type="button" class="ng-back" onclick={click(Action::ShowResults)}>{ "Skip to the options" }</button>
                }
            </div>
        </section>
    }
}
