//! Server-side rendering of the same Yew components into one standalone, styled HTML page:
//! for printing, and as a fallback where scripts cannot run.

use crate::kb::{kb, Audience};
use crate::ui::{App, AppProps};
use crate::widget::WidgetState;
use yew::{AttrValue, Callback, ServerRenderer};

/// The widget's stylesheet, shared with the browser build.
pub const STYLESHEET: &str = include_str!("../../www/net-guide.css");

/// Renders only the widget markup (no page shell).
pub fn render_widget(audience: Audience) -> String {
    let renderer = ServerRenderer::<App>::with_props(move || AppProps {
        initial: WidgetState::new(audience),
        prefix: AttrValue::Static("ng"),
        on_audience_change: Callback::noop(),
        static_page: true,
        bridge: Default::default(),
        host: Default::default(),
    })
    .hydratable(false);
    futures::executor::block_on(renderer.render())
}

/// A complete HTML document with the stylesheet inlined, needing no other file.
pub fn render_page(audience: Audience) -> String {
    let body = render_widget(audience);
    let question = escape(kb().article.question);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{question} (for {who})</title>\n<style>\n{STYLESHEET}\n</style>\n</head>\n<body class=\"ng-standalone\">\n\
         <main>\n<h1 class=\"ng-page-title\">Neuroendocrine tumors: a cited guide for {who}</h1>\n{body}\n</main>\n</body>\n</html>\n",
        who = crate::widget::audience_phrase(audience),
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
