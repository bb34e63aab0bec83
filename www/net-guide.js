// net-guide widget module script. Load it with
//   <script type="module" src="net-guide.js"></script>
// then place <net-guide audience="patient"></net-guide> anywhere, or call mount() yourself.
// It fetches only its own files (pkg/net_guide_bg.wasm.lzma, net-guide.css) from its own folder.
import init, { mount as wasmMount } from './pkg/net_guide.js';
import { unlzma } from './unlzma.js';

const STYLESHEET = new URL('./net-guide.css', import.meta.url).href;
let ready = null;

// The code travels LZMA-packed (smaller than gzip); it is unpacked here, then compiled.
async function fetchCode() {
  const response = await fetch(new URL('./pkg/net_guide_bg.wasm.lzma', import.meta.url));
  if (!response.ok) throw new Error(`net-guide: cannot load its code (HTTP ${response.status})`);
  return unlzma(await response.arrayBuffer());
}

function load() {
  ready ??= fetchCode().then((code) => init({ module_or_path: code }));
  return ready;
}

const LOAD_FAILED =
  'Sorry, this guide could not be loaded in this browser. Please reload the page, or try another browser.';

function showLoadFailure(element, error) {
  // Never throw into the host page: log and show a readable message inside the element.
  console.error('net-guide:', error);
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.textContent = LOAD_FAILED;
  root.replaceChildren(box);
}

/**
 * Mounts a widget into `element`.
 * options: { audience: "patient" | "caregiver" | "clinician", remember: "on" | "off" }
 * Resolves to a handle with setAudience(id), audience, ask(question, { audience, topic })
 * (a SPEC §7 object) and unmount().
 */
export async function mount(element, options = {}) {
  await load();
  return wasmMount(element, { ...options, stylesheet: STYLESHEET });
}

class NetGuideElement extends HTMLElement {
  static observedAttributes = ['audience'];

  connectedCallback() {
    if (this._handle || this._mounting) return;
    this._mounting = true;
    const options = {};
    for (const name of ['audience', 'remember']) {
      if (this.hasAttribute(name)) options[name] = this.getAttribute(name);
    }
    mount(this, options)
      .then((handle) => {
        this._mounting = false;
        if (!this.isConnected) return handle.unmount();
        this._handle = handle;
      })
      .catch((error) => {
        this._mounting = false;
        showLoadFailure(this, error);
      });
  }

  disconnectedCallback() {
    this._handle?.unmount();
    this._handle = null;
  }

  attributeChangedCallback(name, _old, value) {
    if (this._handle && name === 'audience' && value !== null && value !== this._handle.audience) {
      this._handle.setAudience(value);
    }
  }

  /** The JS handle of this element's widget (null until ready). */
  get handle() {
    return this._handle ?? null;
  }
}

if (!customElements.get('net-guide')) customElements.define('net-guide', NetGuideElement);
