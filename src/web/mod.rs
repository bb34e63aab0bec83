//! The one wasm entry module: mounts Yew apps into host elements' shadow roots, reads the
//! host's settings (through `widget::settings`), keeps each instance's storage under its own
//! `net-guide:*` keys, emits DOM events and, if the code ever panics, replaces every widget
//! with a readable message.

use crate::decide::fragment::to_fragment_in;
use crate::decide::profile::{Answer, Kind, FIELDS};
use crate::decide::{decide, Profile};
use crate::kb::Audience;
use crate::ui::{AppProps, Bridge, HostCallbacks, Slot, SlotProps};
use crate::widget::settings::{self, storage_key, storage_scope, Remember, Share, Source};
use crate::widget::{self, Action, Stored, AUDIENCE_KEY, PROFILE_KEY};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, Callback};

// Safety: wasm32 here is single-threaded (no atomics/threads feature is enabled).
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// One mounted widget.
struct Instance {
    id: u32,
    host: Element,
    container: Element,
    app: AppHandle<Slot>,
    bridge: Bridge,
    storage: Rc<StorageScope>,
}

/// Where and whether an instance stores things; the host can change it after load.
struct StorageScope {
    scope: RefCell<String>,
    /// The scope when the host names none: from the element's id.
    by_id: String,
    remember: Cell<Remember>,
    share: Cell<Share>,
}

impl StorageScope {
    /// Uses the host's `storage-key`; none or an empty one means the element's id.
    fn name(&self, storage_key: Option<&str>) {
        *self.scope.borrow_mut() = storage_key
            .filter(|key| !key.is_empty())
            .map_or_else(|| self.by_id.clone(), str::to_string);
    }

    fn key(&self, name: &str) -> String {
        storage_key(&self.scope.borrow(), name)
    }
}

thread_local! {
    static INSTANCES: RefCell<Vec<Instance>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// Unmounted slots (their root element and app), reused by the next mount: see `Slot`.
    static PARKED: RefCell<Vec<(Element, AppHandle<Slot>)>> = const { RefCell::new(Vec::new()) };
}

const FALLBACK: &str = "Sorry, this guide stopped working because of an internal error. \
Please reload the page. If you need medical help now, contact your care team, or call your \
emergency number if it is an emergency.";

#[wasm_bindgen(start)]
pub fn start() {
    yew::set_custom_panic_hook(Box::new(|_| {
        // A fixed message: formatting the panic's details would add code to the download.
        web_sys::console::error_1(&"net-guide: internal error".into());
        // try_with/try_borrow: the hook must never panic itself. Every instance shares the
        // one wasm module, so each shows the message.
        let _ = INSTANCES.try_with(|list| {
            if let Ok(list) = list.try_borrow() {
                list.iter().for_each(|i| show_fallback(&i.container));
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

/// A mounted widget, returned to JavaScript by `mount`. It only names its instance, so a
/// handle whose widget was replaced or unmounted is harmless.
#[wasm_bindgen]
pub struct WidgetHandle {
    id: u32,
}

/// The connection and storage scope of this handle's instance, if it is still mounted.
fn instance(id: u32) -> Option<(Bridge, Rc<StorageScope>)> {
    INSTANCES.with(|list| {
        let list = list.borrow();
        let i = list.iter().find(|i| i.id == id)?;
        Some((i.bridge.clone(), i.storage.clone()))
    })
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Switches the audience; an unknown value shows a notice and returns false.
    #[wasm_bindgen(js_name = setAudience)]
    pub fn set_audience(&self, audience: &str) -> bool {
        let Some(bridge) = self.bridge() else {
            return false;
        };
        match Audience::parse(audience) {
            Some(a) => {
                bridge.send(Action::SetAudience(a));
                true
            }
            None => {
                bridge.send(Action::Notify(widget::unknown_audience_notice(audience)));
                false
            }
        }
    }

    /// The audience currently shown.
    #[wasm_bindgen(getter)]
    pub fn audience(&self) -> Option<String> {
        self.bridge().map(|b| b.audience().id().to_string())
    }

    /// Replaces the reader's answers (SPEC §5 names; the module script passes them as
    /// name/value text pairs) and shows the tailored results. False if something was not
    /// understood: it is left out and the widget says so.
    #[wasm_bindgen(js_name = setProfile)]
    pub fn set_profile(&self, pairs: JsValue) -> bool {
        let Some(bridge) = self.bridge() else {
            return false;
        };
        let read = settings::read(&pairs_of(pairs), &Profile::default(), Source::Answers);
        let understood = read.notices.is_empty();
        let profile = read.profile.unwrap_or_default();
        // The handle reads the new answers at once, before the widget redraws.
        bridge.profile_changed(&profile);
        bridge.send(Action::SetProfile(profile));
        read.notices
            .into_iter()
            .for_each(|n| bridge.send(Action::Notify(n.0)));
        understood
    }

    /// The reader's answers as a SPEC §5 object (unknown answers left out).
    #[wasm_bindgen(getter)]
    pub fn profile(&self) -> JsValue {
        self.bridge()
            .map_or(JsValue::NULL, |b| profile_object(&b.profile()))
    }

    /// The decision for the current answers as a SPEC §6 object.
    pub fn decide(&self) -> JsValue {
        self.bridge().map_or(JsValue::NULL, |b| {
            decision_object(&decide(&b.profile()).output())
        })
    }

    /// Answers a follow-up question (SPEC §7) for this widget's audience and answers, or
    /// for `options.audience`, from inside `options.topic` if given; the reply is a plain
    /// JavaScript object.
    pub fn ask(&self, question: &str, options: JsValue) -> JsValue {
        let Some(bridge) = self.bridge() else {
            return JsValue::NULL;
        };
        // The same name/value text pairs as every other option object.
        let options = pairs_of(options);
        let option = |name: &str| {
            options
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        };
        let audience = option("audience")
            .and_then(|a| Audience::parse(&a))
            .unwrap_or_else(|| bridge.audience());
        let profile = bridge.profile();
        // `topic`: ask as if from that topic's page (an unknown id is ignored).
        let topic = option("topic").and_then(|t| crate::kb::kb().topic(&t).map(|t| t.id));
        let reply = crate::search::view::engine().ask_in(question, audience, Some(&profile), topic);
        serde_wasm_bindgen::to_value(&reply).unwrap_or(JsValue::NULL)
    }

    /// Applies host settings after load (the element's attributes; the same names and
    /// values as `mount` options). Returns false if something was not understood.
    pub fn configure(&self, pairs: JsValue) -> bool {
        let Some((bridge, storage)) = instance(self.id) else {
            return false;
        };
        let read = settings::read(&pairs_of(pairs), &bridge.profile(), Source::Host);
        let understood = read.notices.is_empty();
        if let Some(key) = &read.storage_key {
            storage.name(Some(key));
        }
        if let Some(r) = read.remember {
            storage.remember.set(r);
        }
        if let Some(m) = read.share {
            storage.share.set(m);
        }
        if let Some(p) = &read.profile {
            bridge.profile_changed(p);
        }
        bridge.send(Action::Configure(read));
        understood
    }

    /// Removes the widget and its content from the page.
    pub fn unmount(&self) {
        unmount(self.id);
    }

    fn bridge(&self) -> Option<Bridge> {
        instance(self.id).map(|(bridge, _)| bridge)
    }
}

fn unmount(id: u32) {
    let gone = INSTANCES.with(|list| {
        let mut list = list.borrow_mut();
        let at = list.iter().position(|i| i.id == id)?;
        Some(list.remove(at))
    });
    // Emptied outside the borrow: tearing down may run the app's own callbacks.
    if let Some(mut instance) = gone {
        instance.app.update(SlotProps { widget: None });
        instance.container.remove();
        PARKED.with(|parked| parked.borrow_mut().push((instance.container, instance.app)));
    }
}

/// Name/value text pairs from the module script (`Object.entries` of normalised options);
/// anything else is skipped. Read with js-sys: serde's deserializer would bring float
/// formatting into the download (~13 KB) for its error messages.
fn pairs_of(value: JsValue) -> Vec<(String, String)> {
    let Ok(list) = value.dyn_into::<js_sys::Array>() else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

fn storage() -> Option<web_sys::Storage> {
    // localStorage can throw (privacy modes, sandboxed frames): treat as unavailable.
    web_sys::window()?.local_storage().ok().flatten()
}

fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn store(key: &str, value: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

/// The link to these answers: the host page's address with this instance's fragment. The
/// page's own address changes only with `share="url"`. Empty if the browser refuses.
fn share_link(profile: &Profile, storage: &StorageScope) -> String {
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let hash = format!("#{}", to_fragment_in(profile, &storage.scope.borrow()));
    if storage.share.get() == Share::Url {
        if let Ok(history) = window.history() {
            // The page's own history state is kept (single-page apps route with it).
            let state = history.state().unwrap_or(JsValue::NULL);
            let _ = history.replace_state_with_url(&state, "", Some(&hash));
        }
    }
    let href = window.location().href().unwrap_or_default();
    let page = href.split('#').next().unwrap_or_default();
    format!("{page}{hash}")
}

/// The answers as a SPEC §5 object, unknown answers left out. Built from the profile schema
/// with js-sys: serde-wasm-bindgen's generic code for it cost about 1 KB of download.
fn profile_object(p: &Profile) -> JsValue {
    let obj = js_sys::Object::new();
    for f in FIELDS {
        let value: JsValue = match (&f.kind, p.get(f.name)) {
            (Kind::List(_), _) if !p.list(f.name).is_empty() => strings(p.list(f.name)),
            (Kind::Type(_), Some(Answer::Word(w))) => {
                JsValue::from(u32::from(w.as_bytes()[0] - b'0'))
            }
            (_, Some(Answer::Word(w))) => JsValue::from_str(w),
            (_, Some(Answer::Flag(b))) => JsValue::from_bool(b),
            (_, Some(Answer::Number(n))) => JsValue::from_f64(n),
            _ => continue,
        };
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(f.name), &value);
    }
    obj.into()
}

/// The SPEC §6 result as a plain object, from the same `DecisionOut` the CLI writes as JSON
/// (built with js-sys like [`profile_object`]: serde's generic code for these few shapes cost
/// about 1 KB of download).
fn decision_object(d: &crate::decide::engine::DecisionOut) -> JsValue {
    let object = |pairs: &[(&str, JsValue)]| -> JsValue {
        let obj = js_sys::Object::new();
        for (name, value) in pairs {
            let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(name), value);
        }
        obj.into()
    };
    let options: js_sys::Array = d
        .options
        .iter()
        .map(|o| {
            object(&[
                ("id", o.id.into()),
                ("label", o.label.into()),
                ("rationale", o.rationale.as_str().into()),
                ("cites", strings(&o.cites)),
            ])
        })
        .collect();
    let excluded: js_sys::Array = d
        .excluded
        .iter()
        .map(|e| object(&[("id", e.id.into()), ("reason", e.reason.as_str().into())]))
        .collect();
    let notes: js_sys::Array = d.notes.iter().map(|n| JsValue::from_str(n)).collect();
    object(&[
        ("options", options.into()),
        ("excluded", excluded.into()),
        ("notes", notes.into()),
    ])
}

fn strings(items: &[&str]) -> JsValue {
    items
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<js_sys::Array>()
        .into()
}

/// `{ name: value }`.
fn detail(name: &str, value: JsValue) -> JsValue {
    let obj = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(name), &value);
    obj.into()
}

fn alive(id: u32) -> bool {
    INSTANCES.with(|list| list.borrow().iter().any(|i| i.id == id))
}

/// Fires `name` on the host, only while instance `id` is mounted: a replaced or unmounted
/// widget never speaks for the element again.
fn emit_from(id: u32, host: &Element, name: &str, detail: &JsValue) {
    if !alive(id) {
        return;
    }
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

/// Mounts a widget into `host`, replacing one already mounted there. `pairs`: the host's
/// settings as name/value text pairs (attributes or `mount` options, read by
/// `widget::settings`); `stylesheet`: URL of net-guide.css, to link when the shadow root
/// has no stylesheet yet.
#[wasm_bindgen(js_name = mount)]
pub fn mount(
    host: JsValue,
    pairs: JsValue,
    stylesheet: Option<String>,
) -> Result<WidgetHandle, JsError> {
    let host: Element = host
        .dyn_into()
        .map_err(|_| JsError::new("net-guide: mount() needs a DOM element"))?;
    let replaced =
        INSTANCES.with(|list| list.borrow().iter().find(|i| i.host == host).map(|i| i.id));
    if let Some(id) = replaced {
        unmount(id);
    }
    let read = settings::read(&pairs_of(pairs), &Profile::default(), Source::Host);
    let storage = Rc::new(StorageScope {
        scope: RefCell::default(),
        by_id: storage_scope(&host.id()),
        remember: Cell::new(read.remember.unwrap_or_default()),
        share: Cell::new(read.share.unwrap_or_default()),
    });
    storage.name(read.storage_key.as_deref());
    // Nothing is read from storage with remember="off".
    let remembered = match storage.remember.get() {
        Remember::Off => Stored::default(),
        _ => Stored {
            audience: stored(&storage.key(AUDIENCE_KEY)),
            profile: stored(&storage.key(PROFILE_KEY)),
        },
    };
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let scope = storage.scope.borrow().clone();
    let initial = widget::startup(read, &remembered, &hash, &scope);

    let root = shadow_root(&host)
        .map_err(|_| JsError::new("net-guide: cannot attach a shadow root to this element"))?;
    let doc = host
        .owner_document()
        .ok_or_else(|| JsError::new("net-guide: element has no document"))?;
    let create = |tag: &str| {
        doc.create_element(tag)
            .map_err(|_| JsError::new("net-guide: cannot create elements"))
    };
    // The module script passes a stylesheet only when the shadow root has none yet (a
    // prerendered one keeps its link, so styles never blink).
    if let Some(href) = stylesheet {
        let link = create("link")?;
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &href);
        let _ = root.append_child(&link);
    }

    let id = NEXT_ID.with(|n| n.replace(n.get() + 1));
    let bridge = Bridge::new(initial.audience);
    // The handle exists before the first draw; it already answers with the starting state.
    bridge.profile_changed(&initial.profile);
    let on_audience_change = {
        let storage = storage.clone();
        // Only the reader's own choice is remembered, never the host's preset.
        Callback::from(move |a: Audience| {
            if storage.remember.get() != Remember::Off {
                store(&storage.key(AUDIENCE_KEY), Some(a.id()));
            }
        })
    };
    let host_callbacks = HostCallbacks {
        asked: {
            let host = host.clone();
            Callback::from(
                move |(kind, topics): (crate::search::Kind, Vec<&'static str>)| {
                    {
                        // What kind of reply a question got and its topics, never the question.
                        let detail = detail("kind", JsValue::from_str(kind.id()));
                        let _ = js_sys::Reflect::set(&detail, &"topics".into(), &strings(&topics));
                        emit_from(id, &host, "net-guide:question", &detail)
                    }
                },
            )
        },
        share: {
            let (host, storage) = (host.clone(), storage.clone());
            Callback::from(move |profile: Profile| {
                let url = share_link(&profile, &storage);
                if !url.is_empty() {
                    emit_from(
                        id,
                        &host,
                        "net-guide:share",
                        &detail("url", JsValue::from_str(&url)),
                    );
                }
                url
            })
        },
        print: Callback::from(|_| {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        }),
        profile_changed: {
            let host = host.clone();
            Callback::from(move |profile: Profile| {
                emit_from(
                    id,
                    &host,
                    "net-guide:profile-change",
                    &detail("profile", profile_object(&profile)),
                )
            })
        },
        store_answers: {
            let storage = storage.clone();
            Callback::from(move |what: Option<Option<String>>| {
                if let (Some(what), true) =
                    (what, storage.remember.get() != Remember::Off && alive(id))
                {
                    store(&storage.key(PROFILE_KEY), what.as_deref());
                }
            })
        },
        audience_changed: {
            let host = host.clone();
            Callback::from(move |a: Audience| {
                emit_from(
                    id,
                    &host,
                    "net-guide:audience-change",
                    &detail("audience", JsValue::from_str(a.id())),
                )
            })
        },
    };
    let props = AppProps {
        host: host_callbacks,
        initial,
        prefix: format!("ng{id}").into(),
        on_audience_change,
        static_page: false,
        bridge: bridge.clone(),
    };
    // Yew draws in a microtask queued here; the module script removes the prerendered
    // markup in the next one, so both happen before the browser paints.
    let widget = Some(Rc::new(props));
    let (container, app) = match PARKED.with(|parked| parked.borrow_mut().pop()) {
        Some((container, mut app)) => {
            app.update(SlotProps { widget });
            (container, app)
        }
        None => {
            let container = create("div")?;
            let app =
                yew::Renderer::<Slot>::with_root_and_props(container.clone(), SlotProps { widget })
                    .render();
            (container, app)
        }
    };
    let _ = root.append_child(&container);
    INSTANCES.with(|list| {
        list.borrow_mut().push(Instance {
            id,
            host,
            container,
            app,
            bridge,
            storage,
        })
    });
    Ok(WidgetHandle { id })
}

/// The attribute names `<net-guide>` observes (settings and every SPEC §5 field).
#[wasm_bindgen(js_name = attributeNames)]
pub fn attribute_names() -> Vec<String> {
    settings::attribute_names()
}

/// Deliberately panics: lets the browser tests prove the fallback message appears. Only in
/// the test build (`--features test-hooks`), never in the shipped widget.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = __netGuideTestPanic)]
pub fn test_panic() {
    panic!("net-guide test panic");
}
