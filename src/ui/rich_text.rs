use super::citation::Cite;
use super::glossary_term::GlossaryTerm;
use super::topic_link::TopicLink;
use crate::kb::{kb, Block, Inline, Inlines, Text};
use crate::page::Citations;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RichTextProps {
    pub text: Text,
    pub citations: Rc<Citations>,
    /// Heading level for `##` subheadings inside the text.
    #[prop_or(4)]
    pub heading_level: u8,
}

/// Renders compiled content blocks. All text goes through Yew text nodes, so nothing in
/// content can become markup or script.
#[function_component(RichText)]
pub fn rich_text(props: &RichTextProps) -> Html {
    let inlines = |items: &Inlines| -> Html {
        html! { { for items.iter().map(|i| inline(i, &props.citations)) } }
    };
    html! { {
        for props.text.blocks().iter().map(|block| match block {
            Block::Heading(h) => {
                let tag = if props.heading_level >= 5 { "h5" } else { "h4" };
                html! { <@{tag} class="ng-subheading">{ *h }</@> }
            }
            Block::Para(items) => html! { <p>{ inlines(items) }</p> },
            Block::List(items) => html! {
                <ul>{ for items.iter().map(|item| html! { <li>{ inlines(item) }</li> }) }</ul>
            },
        })
    } }
}

fn inline(inline: Inline, citations: &Citations) -> Html {
    match inline {
        Inline::Text(t) => html! { { t } },
        Inline::Strong(t) => html! { <strong>{ t }</strong> },
        Inline::Cite(keys) => {
            let numbers: Vec<(usize, &'static str)> = keys
                .iter()
                .filter_map(|k| citations.number(k).map(|n| (n, k)))
                .collect();
            html! { <Cite numbers={numbers} scope={citations.scope.clone()} /> }
        }
        Inline::TopicLink { topic, text } => html! { <TopicLink topic={topic} text={text} /> },
        Inline::Term { term, text } => html! { <GlossaryTerm term={term} text={text} /> },
        Inline::Dose(drug) => match kb().drug(drug) {
            Some(d) => html! { <span class="ng-dose">{ d.dose }</span> },
            None => html! {},
        },
    }
}
