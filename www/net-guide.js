// net-guide widget module script. Load it with
//   <script type="module" src="net-guide.js"></script>
// then place <net-guide audience="patient"></net-guide> anywhere, or call mount() yourself.
// `cargo xtask build` bundles it with wasm-bindgen's glue (pkg/net_guide.js) and unpack.js
// into dist/net-guide.js. It fetches only its own files (pkg/net_guide_bg.wasm.cm,
// pkg/unpack.wasm, net-guide.css) from its own folder, sets no cookies and stores only net-guide:* keys (see README "Embed it").
import * as wasm from './pkg/net_guide.js';
import { unpack } from './unpack.js';

// The single-file build replaces these three lines with data: URLs.
const STYLESHEET = new URL('./net-guide.css', import.meta.url).href;
const CODE_URL = new URL('./pkg/net_guide_bg.wasm.cm', import.meta.url).href;
const UNPACKER_URL = new URL('./pkg/unpack.wasm', import.meta.url).href;

let ready = null;

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`net-guide: cannot load its code (HTTP ${response.status})`);
  return response.arrayBuffer();
}

// The code travels packed by the knowledge base's own coder (smaller than gzip or LZMA);
// it is unpacked here by that coder's decoder, itself a small WebAssembly module, then
// compiled. Both files download side by side.
async function fetchCode() {
  const [unpacker, packed] = await Promise.all([fetchBytes(UNPACKER_URL), fetchBytes(CODE_URL)]);
  return unpack(unpacker, packed);
}

function load() {
  ready ??= fetchCode().then((code) => wasm.default({ module_or_path: code }));
  return ready;
}

const LOAD_FAILED =
  'Sorry, this guide could not be loaded. Please reload the page, or try another browser.';
const LOAD_FAILED_PRERENDERED =
  'The buttons of this guide do not work because its code could not be loaded. Reload the page to try again; the text below can still be read.';

function showLoadFailure(element, error) {
  // Never throw into the host page: log and show a readable message inside the element.
  console.error('net-guide:', error);
  let root = element.shadowRoot;
  try {
    root ??= element.attachShadow({ mode: 'open' });
  } catch {
    return; // An element that cannot hold a shadow root: the console message must do.
  }
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.className = 'ng-load-failed';
  // A prerendered article stays readable; only its controls are dead.
  if (root.querySelector('.ng-root')) {
    box.textContent = LOAD_FAILED_PRERENDERED;
    root.prepend(box);
  } else {
    box.textContent = LOAD_FAILED;
    root.replaceChildren(box);
  }
}

// Settings cross into the widget as name/value text pairs, read there by one table:
// `headingLevel` or `heading_level` → `heading-level`, lists joined with commas.
function text(value, depth = 0) {
  if (value === null || value === undefined) return '';
  // One level of list is meaningful (priorTherapies); deeper or self-containing ones are not.
  if (Array.isArray(value)) return depth ? '(not text)' : value.map((v) => text(v, 1)).join(',');
  if (typeof value === 'object') return '(not text)';
  return String(value);
}

function pairs(options) {
  if (options === null || typeof options !== 'object') return [];
  return Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), text(v)]);
}

function emit(element, name, detail) {
  element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

const copying = new WeakSet();

// The handle the page gets: plain objects in and out (serde-wasm-bindgen inside).
function wrap(inner, element) {
  const handle = Object.freeze({
    setAudience: (audience) => inner.setAudience(text(audience)),
    get audience() { return inner.audience; },
    setProfile: (profile) => inner.setProfile(pairs(profile)),
    get profile() { return inner.profile; },
    decide: () => inner.decide(),
    ask: (question, options) => inner.ask(text(question), pairs(options)),
    configure: (options) => inner.configure(pairs(options)),
    unmount: () => {
      inner.unmount();
      if (element._handle === handle) element._handle = null;
    },
  });
  return handle;
}

/**
 * Mounts a widget into `element`, replacing one already there. Options: the attribute names
 * (audience, remember, theme, headingLevel, share, storageKey) and any SPEC §5 answer (site,
 * grade, ki67, sizeCm, priorTherapies: [...], …). Resolves to the handle; `net-guide:ready`
 * fires on the element after it exists. See net-guide.d.ts.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('net-guide: mount() needs a DOM element');
  try {
    await load();
  } catch (error) {
    showLoadFailure(element, error);
    throw error;
  }
  // What the shadow root holds now (prerendered markup, a replaced widget, a message) stays
  // until the app has drawn: Yew draws in a microtask queued by mount(), and this removal
  // is queued after it, so both happen before the browser paints and nothing jumps.
  const root = element.shadowRoot;
  const old = root ? [...root.children].filter((child) => child.localName !== 'link') : [];
  const linked = old.length < (root?.children.length ?? 0);
  const handle = wrap(wasm.mount(element, pairs(options), linked ? undefined : STYLESHEET), element);
  // The widget's own box is the root's last child (it may be the very box a replaced widget
  // used, handed on: see Slot in src/ui/slot.rs), so that one stays.
  const live = element.shadowRoot.lastElementChild;
  queueMicrotask(() => old.forEach((child) => child !== live && child.remove()));
  if (!copying.has(element)) {
    copying.add(element);
    // "Copy a share link": the clipboard may be refused (file://, permissions); the link
    // is shown in the widget either way.
    element.addEventListener('net-guide:share', (e) => {
      navigator.clipboard?.writeText(e.detail.url).catch(() => {});
    });
  }
  if (element instanceof NetGuideElement) element._handle = handle;
  emit(element, 'net-guide:ready', { audience: handle.audience });
  return handle;
}

class NetGuideElement extends HTMLElement {
  static observedAttributes = [];

  connectedCallback() {
    if (this._handle || this._mounting) return;
    this._mounting = true;
    const options = {};
    for (const name of NetGuideElement.observedAttributes) {
      if (this.hasAttribute(name)) options[name] = this.getAttribute(name);
    }
    mount(this, options)
      .then((handle) => {
        if (!this.isConnected) handle.unmount();
      })
      // mount() has already shown the message in the element and logged the reason.
      .catch(() => {})
      .finally(() => { this._mounting = false; });
  }

  disconnectedCallback() {
    this._handle?.unmount();
    this._handle = null;
  }

  attributeChangedCallback(name, old, value) {
    if (this._handle && old !== value) this._handle.configure({ [name]: value ?? '' });
  }

  /** The JS handle of this element's widget (null until `net-guide:ready`). */
  get handle() {
    return this._handle ?? null;
  }
}

// Until the code has taken over, a prerendered form must not submit: that would reload the
// host page.
document.querySelectorAll('net-guide').forEach((el) => {
  el.shadowRoot?.addEventListener('submit', (e) => e.preventDefault());
});

// The element is defined once the code is in, so it observes exactly the attributes the
// widget reads (its one settings table). Until then the prerendered article is on screen.
if (!customElements.get('net-guide')) {
  load().then(
    () => {
      NetGuideElement.observedAttributes = wasm.attributeNames();
      customElements.define('net-guide', NetGuideElement);
    },
    (error) => document.querySelectorAll('net-guide').forEach((el) => showLoadFailure(el, error)),
  );
}
