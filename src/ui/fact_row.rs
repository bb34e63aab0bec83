use yew::prelude::*;

/// One term and its detail in a `<dl>`. A shared function rather than markup repeated in
/// every fact list: each inline `html!` row costs the wasm its own construction code.
#[inline(never)]
pub fn fact_row(term: &'static str, detail: Html) -> Html {
    html! { <><dt>{ term }</dt><dd>{ detail }</dd></> }
}
