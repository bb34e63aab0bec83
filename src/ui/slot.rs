use super::app::{App, AppProps};
use std::rc::Rc;
use yew::prelude::*;

/// A reusable mount point for one widget at a time. Yew never removes the event listeners
/// an app puts on its root element, so a Yew app per mount would leak them on every
/// unmount; the embedding layer instead parks an unmounted slot (showing nothing) and hands
/// it the next widget to mount.
#[derive(Properties, PartialEq)]
pub struct SlotProps {
    pub widget: Option<Rc<AppProps>>,
}

#[function_component(Slot)]
pub fn slot(props: &SlotProps) -> Html {
    match &props.widget {
        // Keyed by the instance prefix: a new widget starts from its own initial state.
        Some(widget) => html! { <App key={widget.prefix.as_str()} ..(**widget).clone() /> },
        None => html! {},
    }
}
