use super::citation::cite;
use super::context::WidgetCtx;
use super::fact_row::fact_row;
use super::header::review_steps;
use super::references::references;
use super::topic_link::topic_link;
use crate::decide::ask_team::questions_for_team;
use crate::decide::fragment::to_fragment;
use crate::decide::questions::{answer, choice_label, question, Kind};
use crate::decide::unknowns::field_name;
use crate::decide::{decide, Decision, NoteKind};
use crate::kb::kb;
use crate::page::{decision_flow_review, Citations};
use crate::widget::Action;
use yew::prelude::*;

fn citations_for(d: &Decision) -> Citations {
    let option_cites = d.options.iter().flat_map(|o| {
        o.cites.iter().copied().chain(
            kb().option(o.id)
                .into_iter()
                .flat_map(|i| i.cites.iter().copied()),
        )
    });
    let other = d
        .excluded
        .iter()
        .flat_map(|e| e.cites.iter().copied())
        .chain(d.notes.iter().flat_map(|n| n.cites.iter().copied()));
    Citations::from_keys(option_cites.chain(other).collect::<Vec<_>>()).scoped("tailor-")
}

fn sources(ctx: &WidgetCtx, c: &Citations, keys: &[&'static str]) -> Html {
    let numbers: Vec<(usize, &'static str)> = keys
        .iter()
        .filter_map(|k| c.number(k).map(|n| (n, *k)))
        .collect();
    cite(ctx, &numbers, &c.scope)
}

pub fn tailor_results(ctx: &WidgetCtx, heading: NodeRef) -> Html {
    let profile = &ctx.state.profile;
    let d = decide(profile);
    let c = citations_for(&d);
    let lay = ctx.state.audience.is_lay();
    let review = decision_flow_review();
    let emit = |action: Action| {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()))
    };
    let share = {
        let host = ctx.host.clone();
        let dispatch = ctx.dispatch.clone();
        let fragment = to_fragment(profile);
        move |_| dispatch.emit(Action::Shared(host.share.emit(fragment.clone())))
    };
    let print = {
        let host = ctx.host.clone();
        move |_| host.print.emit(())
    };
    let of_kind = |kinds: &[NoteKind]| -> Vec<_> {
        d.notes.iter().filter(|n| kinds.contains(&n.kind)).collect()
    };
    let conflicts = of_kind(&[NoteKind::Contradiction, NoteKind::Reading]);
    let what_if = of_kind(&[NoteKind::WhatIf]);
    let notes = of_kind(&[NoteKind::Specialist, NoteKind::Advice]);
    // Medicines (options with a drug-table entry) are compared side by side, in the
    // catalogue's fixed order rather than the guideline sequence, so the table is no ranking.
    let medicines: Vec<_> = kb()
        .options
        .iter()
        .filter(|i| !i.drug.is_empty() && d.offers(i.id))
        .collect();
    html! {
        <section class="ng-tailor ng-results" aria-labelledby={ctx.id("results-title")}>
            <h3 id={ctx.id("results-title")} tabindex="-1" ref={heading}>{ "Options for a situation like this" }</h3>
            <p class="ng-caution">{ "This is general guidance drawn from guidelines for the answers below, not advice for one person. Use it to talk with your care team, who decide with you." }</p>
            { review_steps("Review status of these decision rules: ", review.status, review.reviewer) }
            if !ctx.static_page {
                <div class="ng-tailor-actions">
                    <button type="button" class="ng-back" onclick={print}>{ "Print this summary" }</button>
                    <button type="button" class="ng-back" onclick={share}>{ "Make a share link" }</button>
                    <button type="button" class="ng-back" onclick={emit(Action::ResetProfile)}>{ "Start over" }</button>
                </div>
                if let Some(url) = &ctx.state.share_url {
                    <p class="ng-share">
                        <label for={ctx.id("share")}>{ "Link to this tailored view (the answers stay in the link and are never sent to a server):" }</label>
                        <input id={ctx.id("share")} type="text" readonly=true value={url.clone()} />
                    </p>
                }
            }
            <h4>{ "Your answers" }</h4>
            <dl class="ng-answers">
                { for ctx.state.applicable().into_iter().filter_map(question).map(|q| {
                    let shown = match q.kind {
                        Kind::One => answer(profile, q.field).map(|v| choice_label(q.field, v).to_string()),
                        Kind::Many => {
                            let items = if q.field == "prior_therapies" { &profile.prior_therapies } else { &profile.risk_features };
                            (!items.is_empty()).then(|| items.iter().map(|v| choice_label(q.field, v)).collect::<Vec<_>>().join("; "))
                        }
                    };
                    html! {
                        <div class="ng-answer">
                            <dt>{ capitalise(field_name_or(q.field)) }</dt>
                            <dd>
                                { shown.unwrap_or_else(|| "Not sure".to_string()) }
                                if !ctx.static_page {
                                    { " " }
                                    <button type="button" class="ng-link-btn" onclick={emit(Action::Edit(q.field))}
                                        aria-label={format!("Change the answer about {}", field_name_or(q.field))}>{ "Change" }</button>
                                }
                            </dd>
                        </div>
                    }
                }) }
            </dl>
            if !conflicts.is_empty() {
                <div class="ng-conflict" role="note">
                    <h4>{ "Some answers do not fit together" }</h4>
                    <ul>{ for conflicts.iter().map(|n| html! { <li>{ n.text.clone() }{ sources(ctx, &c, &n.cites) }</li> }) }</ul>
                </div>
            }
            <h4>{ "Options that guidelines support here, in the order they are usually considered" }</h4>
            <ol class="ng-options">
                { for d.options.iter().filter_map(|o| kb().option(o.id).map(|info| (o, info))).map(|(o, info)| html! {
                    <li class="ng-option" data-option={o.id}>
                        <h5>{ info.label }</h5>
                        <p>{ if lay { info.plain } else { info.technical } }</p>
                        <p><strong>{ "Why it fits: " }</strong>{ o.rationale }{ sources(ctx, &c, &o.cites) }</p>
                        <dl class="ng-option-facts">
                            { fact_row("How it is given", html! { info.how_given }) }
                            if !info.how_often.is_empty() { { fact_row("How often", html! { info.how_often }) } }
                            if !info.side_effects.is_empty() { { fact_row("Main side effects or risks", html! { info.side_effects }) } }
                            { fact_row("What the evidence shows", html! { <>{ info.evidence }{ sources(ctx, &c, info.cites) }</> }) }
                        </dl>
                        if kb().topic(info.topic).is_some() {
                            <p class="ng-more">{ "Read more: " }{ topic_link(ctx, info.topic, kb().topic(info.topic).map(|t| t.title).unwrap_or("")) }</p>
                        }
                    </li>
                }) }
            </ol>
            if medicines.len() >= 2 {
                <div class="ng-compare-wrap">
                    <table class="ng-compare">
                        <caption>{ "Comparing the medicine options. They are listed in a fixed order, not ranked: which is best depends on you and your team." }</caption>
                        <thead><tr><th scope="col">{ "Option" }</th><th scope="col">{ "How it is given" }</th><th scope="col">{ "How often" }</th><th scope="col">{ "Main side effects" }</th><th scope="col">{ "Evidence" }</th></tr></thead>
                        <tbody>
                            { for medicines.iter().map(|m| html! {
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
            if !d.excluded.is_empty() {
                <h4>{ "Options that do not fit here, and why" }</h4>
                <ul class="ng-excluded">
                    { for d.excluded.iter().map(|e| html! {
                        <li data-option={e.id}><strong>{ kb().option(e.id).map(|i| i.label).unwrap_or(e.id) }{ ": " }</strong>{ e.reason.clone() }{ sources(ctx, &c, &e.cites) }</li>
                    }) }
                </ul>
            }
            if !what_if.is_empty() {
                <h4>{ "What knowing more would change" }</h4>
                <ul class="ng-whatif">{ for what_if.iter().map(|n| html! { <li>{ n.text.clone() }</li> }) }</ul>
            }
            if !notes.is_empty() {
                <h4>{ "Good to know" }</h4>
                <ul class="ng-notes">{ for notes.iter().map(|n| html! { <li>{ n.text.clone() }{ sources(ctx, &c, &n.cites) }</li> }) }</ul>
            }
            <h4>{ "Questions to ask your care team" }</h4>
            <ul class="ng-ask">{ for questions_for_team(profile, &d).into_iter().map(|q| html! { <li>{ q }</li> }) }</ul>
            { references(ctx, &c) }
        </section>
    }
}

fn field_name_or(field: &str) -> &'static str {
    match field {
        "prior_therapies" => "treatments already received",
        "risk_features" => "pathology risk features",
        other => field_name(other),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}
