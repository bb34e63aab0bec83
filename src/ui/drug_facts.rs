use super::citation::cite;
use super::context::WidgetCtx;
use super::fact_row::fact_row;
use crate::kb::{kb, Drug, Warning};
use crate::page::Citations;
use yew::prelude::*;

/// One drug's facts box, written for the reader: patients and caregivers get what it is for,
/// how it is given, what to report at once (boxed warnings first) and common side effects,
/// in plain words and without doses; clinicians get the label dose (or, where there is no
/// label dose, the schedule used in studies, named as such), dose changes, uses, every label
/// warning and the key trial. Doses come only from the drug table, so each is written once.
pub fn drug_facts(ctx: &WidgetCtx, drug: &str, citations: &Citations, heading_level: u8) -> Html {
    let Some(d) = kb().drug(drug) else {
        return html! {};
    };
    let source = |key: &'static str| -> Html {
        match citations.number(key) {
            Some(n) => cite(ctx, &[(n, key)], &citations.scope),
            None => html! {},
        }
    };
    let heading_id = ctx.id(&format!("{}drug-{}", citations.scope, d.id));
    let level = heading_level.clamp(4, 5);
    let title = if d.brands.is_empty() {
        format!("Drug facts: {}", d.generic)
    } else {
        format!("Drug facts: {} ({})", d.generic, d.brands.join(", "))
    };
    let lay = ctx.state.audience.is_lay();
    let note = if lay {
        "Your own dose is set by your care team. Do not change or stop a medicine without talking to them."
    } else {
        "Label doses for orientation only; check current prescribing information."
    };
    let rows = if lay {
        lay_rows(d, &source)
    } else {
        clinician_rows(d, &source)
    };
    html! {
        <section class="ng-drug" aria-labelledby={heading_id.clone()}>
            { ctx.heading(level, Some(heading_id), "", None, title) }
            <dl>{ for rows.into_iter().map(|(term, detail)| fact_row(term, detail)) }</dl>
            <p class="ng-drug-note">{ note }</p>
        </section>
    }
}

type Rows = Vec<(&'static str, Html)>;

fn lay_rows(d: &'static Drug, source: &dyn Fn(&'static str) -> Html) -> Rows {
    let mut rows: Rows = vec![
        ("What it is for", html! { d.plain_use }),
        ("How it is given", html! { d.plain_how }),
    ];
    if !d.warnings.is_empty() {
        rows.push((
            "Call your care team at once if",
            warning_list(d.warnings, |w| w.plain, source),
        ));
    }
    if !d.plain_side_effects.is_empty() {
        rows.push((
            "Common side effects",
            html! { d.plain_side_effects.join("; ") },
        ));
    }
    rows
}

fn clinician_rows(d: &'static Drug, source: &dyn Fn(&'static str) -> Html) -> Rows {
    let cited = |text: &'static str, key: &'static str| html! { <>{ text }{ source(key) }</> };
    let boxed: Vec<Warning> = d.warnings.iter().copied().filter(|w| w.boxed).collect();
    let other: Vec<Warning> = d.warnings.iter().copied().filter(|w| !w.boxed).collect();
    let mut rows: Rows = vec![
        ("Type of medicine", html! { d.class }),
        ("How it is given", html! { d.route }),
    ];
    let optional = [
        ("Dose on the US label", d.dose, d.label_ref),
        (
            "Schedule used in studies (not a label dose)",
            d.study_dose,
            d.study_dose_ref,
        ),
        ("Dose changes on the label", d.dose_changes, d.label_ref),
    ];
    for (term, text, key) in optional {
        if !text.is_empty() {
            rows.push((term, cited(text, key)));
        }
    }
    if !d.indications.is_empty() {
        let uses = html! { <ul>{ for d.indications.iter().map(|i| html! { <li>{ cited(i.text, i.source) }</li> }) }</ul> };
        rows.push(("Approved or guideline-supported NET uses", uses));
    }
    for (term, list) in [
        ("Boxed warning", boxed),
        ("Warnings and precautions", other),
    ] {
        if !list.is_empty() {
            rows.push((term, warning_list(&list, |w| w.text, source)));
        }
    }
    if !d.trial_result.is_empty() {
        rows.push(("Key trial", cited(d.trial_result, d.trial_ref)));
    }
    if !d.side_effects.is_empty() {
        rows.push(("Common side effects", html! { d.side_effects.join("; ") }));
    }
    rows
}

fn warning_list(
    warnings: &[Warning],
    text: fn(&Warning) -> &'static str,
    source: &dyn Fn(&'static str) -> Html,
) -> Html {
    // One label behind every item (the usual case): cite it once, after the list.
    let shared = warnings
        .first()
        .map(|w| w.source)
        .filter(|s| warnings.iter().all(|w| w.source == *s));
    html! {
        <>
            <ul class="ng-warn">{ for warnings.iter().map(|w| html! {
                <li>{ text(w) }if shared.is_none() { { source(w.source) } }</li>
            }) }</ul>
            if let Some(s) = shared { { source(s) } }
        </>
    }
}
