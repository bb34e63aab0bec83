use super::citation::cite;
use super::context::WidgetCtx;
use super::glossary_term::GlossaryTerm;
use super::topic_link::topic_link;
use crate::kb::{kb, Block, Inline, Inlines, Text};
use crate::page::Citations;
use yew::prelude::*;

/// Renders compiled content blocks. All text goes through Yew text nodes, so nothing in
/// content can become markup or script. `##` subheadings become `<h{sub_level}>`.
pub fn rich_text(ctx: &WidgetCtx, text: Text, citations: &Citations, sub_level: u8) -> Html {
    rich_blocks(ctx, &text.blocks(), citations, sub_level)
}

/// [`rich_text`] for some blocks of a text (a follow-up answer's passage).
pub fn rich_blocks(
    ctx: &WidgetCtx,
    blocks: &[Block],
    citations: &Citations,
    sub_level: u8,
) -> Html {
    let inlines = |items: &Inlines| -> Html {
        html! { { for items.iter().map(|i| inline(ctx, i, citations)) } }
    };
    let level = sub_level.clamp(4, 5);
    html! { {
        for blocks.iter().map(|block| match block {
            Block::Heading(h) => ctx.heading(level, None, "ng-subheading", None, *h),
            Block::Para(items) => html! { <p>{ inlines(items) }</p> },
            Block::List(items) => html! {
                <ul>{ for items.iter().map(|item| html! { <li>{ inlines(item) }</li> }) }</ul>
            },
            Block::Table { columns, cells } => table(*columns, cells, &inlines),
        })
    } }
}

/// A content table: the first row is the header; it scrolls sideways on narrow screens.
fn table(columns: usize, cells: &[Inlines], inlines: &dyn Fn(&Inlines) -> Html) -> Html {
    let mut rows = cells.chunks(columns.max(1));
    let head = rows.next().unwrap_or_default();
    html! {
        <div class="ng-table-wrap" tabindex="0" role="region" aria-label="Table">
            <table class="ng-table">
                <thead><tr>{ for head.iter().map(|c| html! { <th scope="col">{ inlines(c) }</th> }) }</tr></thead>
                <tbody>{ for rows.map(|row| html! {
                    <tr>{ for row.iter().enumerate().map(|(i, c)| if i == 0 {
                        html! { <th scope="row">{ inlines(c) }</th> }
                    } else {
                        html! { <td>{ inlines(c) }</td> }
                    }) }</tr>
                }) }</tbody>
            </table>
        </div>
    }
}

fn inline(ctx: &WidgetCtx, inline: Inline, citations: &Citations) -> Html {
    match inline {
        Inline::Text(t) => html! { { t } },
        Inline::Strong(t) => html! { <strong>{ t }</strong> },
        Inline::Cite(keys) => {
            let numbers: Vec<(usize, &'static str)> = keys
                .iter()
                .filter_map(|k| citations.number(k).map(|n| (n, k)))
                .collect();
            cite(ctx, &numbers, &citations.scope)
        }
        Inline::TopicLink { topic, text } => topic_link(ctx, topic, text),
        Inline::Term { term, text } => html! { <GlossaryTerm term={term} text={text} /> },
        // Lay readers get the label dose in plain words (`check` requires it there).
        Inline::Dose(drug) => match kb().drug(drug) {
            Some(d) if ctx.state.audience.is_lay() && !d.plain_dose.is_empty() => {
                html! { <span class="ng-dose">{ d.plain_dose }</span> }
            }
            Some(d) => html! { <span class="ng-dose">{ d.dose }</span> },
            None => html! {},
        },
    }
}
