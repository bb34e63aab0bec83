use super::citation::cite;
use super::context::WidgetCtx;
use super::fact_row::fact_row;
use super::header::review_steps;
use super::references::references;
use super::topic_link::topic_link;
use crate::decide::unknowns::field_name;
use crate::decide::view::TextView;
use crate::page::{decision_flow_review, Citations};
use crate::widget::settings::{Remember, Share};
use crate::widget::Action;
use yew::prelude::*;

fn sources(ctx: &WidgetCtx, c: &Citations, keys: &[&'static str]) -> Html {
    let numbers: Vec<(usize, &'static str)> = keys
        .iter()
        .filter_map(|k| c.number(k).map(|n| (n, *k)))
        .collect();
    cite(ctx, &numbers, &c.scope)
}

/// "Remember my answers on this device": asked, never assumed, unless the host keeps answers
/// for its own signed-in readers (`remember="all"`) or stores nothing (`remember="off"`).
fn remember_choice(ctx: &WidgetCtx) -> Html {
    match ctx.state.config.remember {
        Remember::Off => html! {},
        Remember::All => html! {
            <p class="ng-remember">{ "This site keeps your answers on this device so they are here next time." }</p>
        },
        Remember::Audience => {
            let ticked = ctx.state.remember_answers;
            let dispatch = ctx.dispatch.clone();
            html! {
                <p class="ng-remember">
                    <label>
                        <input type="checkbox" checked={ticked}
                            onclick={move |_| dispatch.emit(Action::RememberAnswers(!ticked))} />
                        { " Remember my answers on this device" }
                    </label>
                    <span class="ng-hint">{ " Only this browser keeps them. Untick to forget them." }</span>
                </p>
            }
        }
    }
}

pub fn tailor_results(ctx: &WidgetCtx, heading: NodeRef) -> Html {
    let Some(v) = ctx.state.results.as_ref().map(|r| r.0.clone()) else {
        return html! {};
    };
    let c = Citations::from_keys(v.cite_keys.iter().copied()).scoped("tailor-");
    let lay = ctx.state.audience.is_lay();
    let review = decision_flow_review();
    let emit = |action: Action| {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()))
    };
    let share = {
        let host = ctx.host.clone();
        let dispatch = ctx.dispatch.clone();
        // The link is made by the embedding layer, which knows the instance's scope.
        let profile = ctx.state.profile.clone();
        move |_| dispatch.emit(Action::Shared(host.share.emit(profile.clone())))
    };
    let print = {
        let host = ctx.host.clone();
        move |_| host.print.emit(())
    };
    let texts = |items: &[TextView]| -> Html {
        items
            .iter()
            .map(|n| html! { <li>{ n.text.clone() }{ sources(ctx, &c, &n.cites) }</li> })
            .collect()
    };
    html! {
        <section class="ng-tailor ng-results" aria-labelledby={ctx.id("results-title")}>
            { ctx.heading(3, Some(ctx.id("results-title")), "", Some(&heading), "Options for a situation like this") }
            <p class="ng-caution">{ "This is general guidance drawn from guidelines for the answers below, not advice for one person. Use it to talk with your care team, who decide with you." }</p>
            { review_steps("Review status of these decision rules: ", review.status, review.reviewer) }
            if !ctx.is_static() {
                <div class="ng-tailor-actions">
                    <button type="button" class="ng-back" onclick={print}>{ "Print this summary" }</button>
                    if ctx.state.config.share != Share::Off {
                        <button type="button" class="ng-back" onclick={share}>{ "Copy a share link" }</button>
                    }
                    <button type="button" class="ng-back" onclick={emit(Action::ResetProfile)}>{ "Start over" }</button>
                </div>
                { remember_choice(ctx) }
                if let Some(url) = &ctx.state.share_url {
                    <p class="ng-share">
                        <label for={ctx.id("share")}>{ "Link to these answers, copied when your browser allows it (the answers stay in the link and are never sent to a server):" }</label>
                        <input id={ctx.id("share")} type="text" readonly=true value={url.clone()} />
                    </p>
                }
            }
            if !v.conflicts.is_empty() {
                <div class="ng-conflict" role="note">
                    { ctx.heading(4, None, "", None, "Some answers do not fit together") }
                    <ul>{ texts(&v.conflicts) }</ul>
                </div>
            }
            { ctx.heading(4, None, "", None, "Your answers") }
            <dl class="ng-answers">
                { for v.answers.iter().map(|a| html! {
                    <div class="ng-answer">
                        <dt>{ a.label.clone() }</dt>
                        <dd>
                            { a.shown.clone().unwrap_or_else(|| "Not sure".to_string()) }
                            if !ctx.is_static() {
                                { " " }
                                <button type="button" class="ng-link-btn" onclick={emit(Action::Edit(a.field))}
                                    aria-label={format!("Change the answer about {}", field_name(a.field))}>{ "Change" }</button>
                            }
                        </dd>
                    </div>
                }) }
            </dl>
            { ctx.heading(4, None, "", None, "Options that guidelines support here, in the order they are usually considered") }
            <ol class="ng-options">
                { for v.options.iter().map(|o| { let info = o.info; html! {
                    <li class="ng-option" data-option={info.id}>
                        { ctx.heading(5, None, "", None, info.label) }
                        <p>{ if lay { info.plain } else { info.technical } }</p>
                        <p><strong>{ "Why it fits: " }</strong>{ o.rationale.clone() }{ sources(ctx, &c, &o.cites) }</p>
                        <dl class="ng-option-facts">
                            { fact_row("How it is given", html! { info.how_given }) }
                            if !info.how_often.is_empty() { { fact_row("How often", html! { info.how_often }) } }
                            if !info.side_effects.is_empty() { { fact_row("Main side effects or risks", html! { info.side_effects }) } }
                            { fact_row("What the evidence shows", html! { <>{ info.evidence }{ sources(ctx, &c, info.cites) }</> }) }
                        </dl>
                        if let Some((topic, title)) = o.topic {
                            <p class="ng-more">{ "Read more: " }{ topic_link(ctx, topic, title) }</p>
                        }
                    </li>
                }}) }
            </ol>
            if v.medicines.len() >= 2 {
                <div class="ng-compare-wrap">
                    <table class="ng-compare">
                        <caption>{ "Comparing the medicine options. They are listed in a fixed order, not ranked: which is best depends on you and your team." }</caption>
                        <thead><tr><th scope="col">{ "Option" }</th><th scope="col">{ "How it is given" }</th><th scope="col">{ "How often" }</th><th scope="col">{ "Main side effects" }</th><th scope="col">{ "Evidence" }</th></tr></thead>
                        <tbody>
                            { for v.medicines.iter().map(|m| html! {
                                <tr>
                                    <th scope="row">{ m.label }</th>
                                    <td>{ m.how_given }</td>
                                    <td>{ m.how_often }</td>
                                    <td>{ m.side_effects }</td>
                                    <td>{ m.evidence }{ sources(ctx, &c, m.cites) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            if !v.excluded.is_empty() {
                { ctx.heading(4, None, "", None, "Options that do not fit here, and why") }
                <ul class="ng-excluded">
                    { for v.excluded.iter().map(|e| html! {
                        <li data-option={e.id}><strong>{ e.label }{ ": " }</strong>{ e.reason.clone() }{ sources(ctx, &c, &e.cites) }</li>
                    }) }
                </ul>
            }
            if !v.what_if.is_empty() {
                { ctx.heading(4, None, "", None, "What knowing more would change") }
                <ul class="ng-whatif">{ texts(&v.what_if) }</ul>
            }
            if !v.advice.is_empty() {
                { ctx.heading(4, None, "", None, "Good to know") }
                <ul class="ng-notes">{ texts(&v.advice) }</ul>
            }
            { ctx.heading(4, None, "", None, "Questions to ask your care team") }
            <ul class="ng-ask">{ for v.ask_team.iter().map(|q| html! { <li>{ q.clone() }</li> }) }</ul>
            { references(ctx, &c) }
        </section>
    }
}
