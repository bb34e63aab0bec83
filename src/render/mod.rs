//! Server-side rendering of the same Yew components into one standalone, styled HTML page:
//! for printing, and as a fallback where scripts cannot run.

use crate::decide::Profile;
use crate::kb::{kb, Audience};
use crate::ui::{App, AppProps};
use crate::widget::settings::{self, Source};
use crate::widget::{Action, WidgetState};
use yew::{AttrValue, Callback, ServerRenderer};

/// The widget's stylesheet, shared with the browser build.
pub const STYLESHEET: &str = include_str!("../../www/net-guide.css");

/// Renders only the widget markup (no page shell).
pub fn render_widget(audience: Audience) -> String {
    render_widget_for(audience, None)
}

/// The widget markup, with the tailored results for `profile` first when one is given.
pub fn render_widget_for(audience: Audience, profile: Option<Profile>) -> String {
    let mut initial = WidgetState::new(audience);
    if let Some(p) = profile {
        initial = initial.reduce(Action::SetProfile(p));
    }
    let renderer = ServerRenderer::<App>::with_props(move || AppProps {
        initial,
        prefix: AttrValue::Static("ng"),
        on_audience_change: Callback::noop(),
        static_page: true,
        bridge: Default::default(),
        host: Default::default(),
    })
    .hydratable(false);
    futures::executor::block_on(renderer.render())
}

/// The widget's first screen for `audience`, as the wasm draws it before the reader does
/// anything, wrapped for Declarative Shadow DOM with the widget's stylesheet: put inside
/// `<net-guide>` it shows, style-isolated, before any script runs, and the widget takes it
/// over in place. `attributes` are the element's own (`heading-level`, `theme`, answers such
/// as `site`), read by the same table as in the browser, so the first screen matches what the
/// widget then draws. No inline script or style, so it passes the strict CSP.
pub fn render_fragment(
    audience: Audience,
    stylesheet: &str,
    attributes: &[(String, String)],
) -> String {
    let read = settings::read(attributes, &Profile::default(), Source::Host);
    let initial = WidgetState::new(audience).reduce(Action::Configure(read));
    let renderer = ServerRenderer::<App>::with_props(move || AppProps {
        initial,
        // The first widget's prefix in the browser, so ids match what replaces them.
        prefix: AttrValue::Static("ng1"),
        on_audience_change: Callback::noop(),
        static_page: false,
        bridge: Default::default(),
        host: Default::default(),
    })
    .hydratable(false);
    let body = futures::executor::block_on(renderer.render());
    format!(
        "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"{}\"><div>{body}</div></template>",
        escape(stylesheet)
    )
}

/// A complete HTML document with the stylesheet inlined, needing no other file.
pub fn render_page(audience: Audience) -> String {
    render_page_for(audience, None)
}

/// `render_page`, starting with the tailored results for `profile` (a printable summary).
pub fn render_page_for(audience: Audience, profile: Option<Profile>) -> String {
    let body = render_widget_for(audience, profile);
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
