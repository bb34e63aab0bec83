//! The one wasm entry module: mounts the Yew app into a host element's shadow root, reads
//! options, remembers the audience in localStorage (`net-guide:*` keys only), emits DOM
//! events and replaces every widget with a readable message if the code ever panics.

use crate::decide::fragment::{from_fragment, PREFIX};
use crate::kb::Audience;
use crate::ui::{App, AppProps, Bridge, HostCallbacks};
use crate::widget::{self, Action, Options, AUDIENCE_KEY, PROFILE_KEY};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, Callback};

// Safety: wasm32 here is single-threaded (no atomics/threads feature is enabled).
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

thread_local! {
    /// Containers of live widgets, so the panic hook can show a message in each.
    static CONTAINERS: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

const FALLBACK: &str = "Sorry, this guide stopped working because of an internal error. \
Please reload the page. If you need medical help now, contact your care team, or call your \
emergency number if it is an emergency.";

#[wasm_bindgen(start)]
pub fn start() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("net-guide: {info}").into());
        // try_with/try_borrow: the hook must never panic itself.
        let _ = CONTAINERS.try_with(|c| {
            if let Ok(containers) = c.try_borrow() {
                containers.iter().for_each(show_fallback);
            }
        });
    }));
}

fn show_fallback(container: &Element) {
    container.set_text_content(None);
    let Some(doc) = container.owner_document() else {
        return;
    };
    if let Ok(box_) = doc.create_element("div") {
        let _ = box_.set_attribute("class", "ng-root ng-fallback");
        let _ = box_.set_attribute("role", "alert");
        box_.set_text_content(Some(FALLBACK));
        let _ = container.append_child(&box_);
    }
}

/// A mounted widget, returned to JavaScript by `mount`.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<App>>,
    bridge: Bridge,
    container: Element,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Switches the audience; an unknown value shows a notice and returns false.
    #[wasm_bindgen(js_name = setAudience)]
    pub fn set_audience(&self, audience: &str) -> bool {
        match Audience::parse(audience) {
            Some(a) => {
                self.bridge.send(Action::SetAudience(a));
                true
            }
            None => {
                self.bridge
                    .send(Action::Notify(widget::unknown_audience_notice(audience)));
                false
            }
        }
    }

    /// The audience currently shown.
    #[wasm_bindgen(getter)]
    pub fn audience(&self) -> String {
        self.bridge.audience().id().to_string()
    }

    /// Answers a follow-up question (SPEC §7) for this widget's audience and answers, or
    /// for `options.audience`, from inside `options.topic` if given; the reply is a plain
    /// JavaScript object.
    pub fn ask(&self, question: &str, options: JsValue) -> JsValue {
        let audience = option(&options, "audience")
            .and_then(|a| Audience::parse(&a))
            .unwrap_or_else(|| self.bridge.audience());
        let profile = self.bridge.profile();
        // `topic`: ask as if from that topic's page (an unknown id is ignored).
        let topic = option(&options, "topic").and_then(|t| crate::kb::kb().topic(&t).map(|t| t.id));
        let reply = crate::search::view::engine().ask_in(question, audience, Some(&profile), topic);
        serde_wasm_bindgen::to_value(&reply).unwrap_or(JsValue::NULL)
    }

    /// Removes the widget and its content from the page.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        let container = self.container.clone();
        CONTAINERS.with(|c| c.borrow_mut().retain(|e| e != &container));
        self.container.remove();
    }
}

fn option(options: &JsValue, name: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    let value = js_sys::Reflect::get(options, &JsValue::from_str(name)).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    // Non-string values (numbers, objects) are rejected politely; no Debug formatting in
    // the wasm (it costs size).
    Some(
        value
            .as_string()
            .unwrap_or_else(|| String::from("(not text)")),
    )
}

fn storage() -> Option<web_sys::Storage> {
    // localStorage can throw (privacy modes, sandboxed frames): treat as unavailable.
    web_sys::window()?.local_storage().ok().flatten()
}

fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn store(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Puts the answers in the page's URL fragment (without reloading or scrolling) and returns
/// the full link; empty if the browser refuses.
fn share_link(fragment: &str) -> String {
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let hash = format!("#{fragment}");
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&hash));
    }
    window.location().href().unwrap_or_default()
}

/// `detail` of `net-guide:question`: what kind of reply a question got and its topics, never
/// the question.
#[derive(serde::Serialize)]
struct QuestionEvent {
    kind: crate::search::Kind,
    topics: Vec<&'static str>,
}

fn emit(host: &Element, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

fn shadow_root(host: &Element) -> Result<ShadowRoot, JsValue> {
    if let Some(root) = host.shadow_root() {
        return Ok(root);
    }
    host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
}

/// Mounts a widget into `host`. Options: `audience`, `remember` ("on"/"off") and
/// `stylesheet` (URL of net-guide.css, set by the module script).
#[wasm_bindgen(js_name = mount)]
pub fn mount(host: JsValue, options: JsValue) -> Result<WidgetHandle, JsError> {
    let host: Element = host
        .dyn_into()
        .map_err(|_| JsError::new("net-guide: mount() needs a DOM element"))?;
    let opts = Options {
        audience: option(&options, "audience"),
        remember: option(&options, "remember"),
    };
    let mut startup = widget::startup(&opts, stored(AUDIENCE_KEY).as_deref());
    let remember = startup.remember;
    // A shared link wins over remembered answers; neither ever leaves the browser.
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let remembered = if remember { stored(PROFILE_KEY) } else { None };
    let from_link = from_fragment(&hash);
    let shared = from_link.is_some();
    if let Some((profile, problems)) =
        from_link.or_else(|| remembered.as_deref().and_then(from_fragment))
    {
        if !problems.is_empty() {
            startup.state.notices.push(widget::Notice(format!(
                "Some answers in the link were not understood and were left out ({}).",
                problems.join("; ")
            )));
        }
        let view = startup.state.view;
        startup.state = startup.state.reduce(Action::SetProfile(profile));
        if !shared {
            // Remembered answers are ready in "Tailor", but the article still opens first.
            startup.state.view = view;
        }
    }

    let root = shadow_root(&host)
        .map_err(|_| JsError::new("net-guide: cannot attach a shadow root to this element"))?;
    let doc = host
        .owner_document()
        .ok_or_else(|| JsError::new("net-guide: element has no document"))?;
    if let Some(href) = option(&options, "stylesheet") {
        let link = doc
            .create_element("link")
            .map_err(|_| JsError::new("net-guide: cannot create elements"))?;
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &href);
        let _ = root.append_child(&link);
    }
    let container = doc
        .create_element("div")
        .map_err(|_| JsError::new("net-guide: cannot create elements"))?;
    let _ = root.append_child(&container);
    CONTAINERS.with(|c| c.borrow_mut().push(container.clone()));

    let id = NEXT_ID.with(|n| n.replace(n.get() + 1));
    let bridge = Bridge::new(startup.state.audience);
    let on_audience_change = {
        let host = host.clone();
        Callback::from(move |a: Audience| {
            if remember {
                store(AUDIENCE_KEY, a.id());
            }
            emit(
                &host,
                "net-guide:audience-change",
                &JsValue::from_str(a.id()),
            );
        })
    };
    let asked = {
        let host = host.clone();
        Callback::from(
            move |(kind, topics): (crate::search::Kind, Vec<&'static str>)| {
                let detail = QuestionEvent { kind, topics };
                let detail = serde_wasm_bindgen::to_value(&detail).unwrap_or(JsValue::NULL);
                emit(&host, "net-guide:question", &detail);
            },
        )
    };
    let host_callbacks = HostCallbacks {
        asked,
        share: Callback::from(|fragment: String| share_link(&fragment)),
        print: Callback::from(|_| {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        }),
        profile_changed: Callback::from(move |fragment: String| {
            if remember {
                if fragment == PREFIX {
                    remove(PROFILE_KEY);
                } else {
                    store(PROFILE_KEY, &fragment);
                }
            }
        }),
    };
    let props = AppProps {
        host: host_callbacks,
        initial: startup.state,
        prefix: format!("ng{id}").into(),
        on_audience_change,
        static_page: false,
        bridge: bridge.clone(),
    };
    let app = yew::Renderer::<App>::with_root_and_props(container.clone(), props).render();
    emit(
        &host,
        "net-guide:ready",
        &JsValue::from_str(bridge.audience().id()),
    );
    Ok(WidgetHandle {
        app: Some(app),
        bridge,
        container,
    })
}

/// Deliberately panics: lets the browser tests prove the fallback message appears.
#[wasm_bindgen(js_name = __netGuideTestPanic)]
pub fn test_panic() {
    panic!("net-guide test panic");
}
