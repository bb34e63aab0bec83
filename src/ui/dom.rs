//! The few DOM effects components need (focus after navigation). They run only from event
//! handlers and effects, which never fire during server-side rendering.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Focuses the element with `id` inside the same widget as `from`, and scrolls it into view.
pub fn focus_in_widget(from: &Element, id: &str) {
    let Ok(Some(root)) = from.closest(".ng-root") else {
        return;
    };
    let Ok(Some(target)) = root.query_selector(&format!("#{id}")) else {
        return;
    };
    if let Ok(el) = target.dyn_into::<HtmlElement>() {
        let _ = el.focus();
        el.scroll_into_view();
    }
}

pub fn event_element(e: &web_sys::Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}
