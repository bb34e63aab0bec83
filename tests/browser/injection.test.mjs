// Injection in real Chromium (issue 11, "Injection"): well over 500 hostile payloads (script
// tags, event-handler attributes, javascript:/data:/vbscript: URLs, SVG and MathML, iframes,
// CSS injection, entity/percent/unicode-escaped and double-encoded variants, broken markup,
// quote/template/JSON breakouts, prototype keys, 100k-character strings, NUL/control/RTL
// characters, the fragment parser's own separators) pushed through every input the widget
// reads: <net-guide> attributes (new elements and changes after load), mount() options,
// handle.setProfile/configure/setAudience/ask, the URL fragment, stored values, and the
// question box. After every batch, in the page: the sentinel window.__pwn was never called,
// nothing in the host document was added or changed, no active content (script, iframe,
// object, embed, svg, math, style, img, on*/style attributes, javascript:/data:/vbscript:
// URLs) ever appeared inside a widget's shadow root (a MutationObserver sees even transient
// nodes), notices hold the payload only as text, and every widget still shows its article
// and answers a normal question. Node side: no dialog, no page error or console error, no
// frame, popup, navigation or request beyond the widget's own files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// ---------------------------------------------------------------------------------------
// Payloads: attack vectors × contexts/encodings, plus special strings.

const hex4 = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const altCase = (w) => [...w].map((ch, k) => (k % 2 ? ch.toUpperCase() : ch.toLowerCase())).join('');

/** Each vector gets the sentinel call `s` (e.g. `__pwn('v3c2')`) to run if it ever executes. */
const VECTORS = [
  (s) => `<script>${s}</script>`,
  () => '<script>alert(1)</script>',
  (s) => `<img src=x onerror=${s}>`,
  () => '<img src=x onerror="alert(1)">',
  (s) => `<svg onload=${s}>`,
  (s) => `<svg/onload=${s}//`,
  (s) => `<svg><script>${s}</script></svg>`,
  (s) => `<svg><animate onbegin=${s} attributeName=x dur=1s>`,
  (s) => `<svg><a xlink:href="javascript:${s}"><text x=9 y=9>tap</text></a></svg>`,
  (s) => `<svg><foreignObject><iframe srcdoc="<script>parent.${s}</script>"></iframe></foreignObject></svg>`,
  (s) => `<math><mtext><table><mglyph><style><img src=x onerror=${s}>`,
  (s) => `<math href="javascript:${s}">tap</math>`,
  (s) => `<iframe src="javascript:parent.${s}"></iframe>`,
  (s) => `<iframe srcdoc="&lt;script&gt;parent.${s}&lt;/script&gt;"></iframe>`,
  () => '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
  (s) => `<object data="javascript:${s}"></object>`,
  (s) => `<embed src="javascript:${s}">`,
  (s) => `<a href="javascript:${s}">tap</a>`,
  (s) => `javascript:${s}`,
  (s) => `JaVaScRiPt:${s}`,
  (s) => `java\tscript:${s}`,
  (s) => `data:text/html,<script>${s}</script>`,
  () => `data:text/html;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}`,
  (s) => `vbscript:${s}`,
  () => 'vbscript:msgbox(1)',
  (s) => `<body onload=${s}>`,
  (s) => `<input autofocus onfocus=${s}>`,
  (s) => `<details open ontoggle=${s}>`,
  (s) => `<video><source onerror=${s}></video>`,
  (s) => `<audio src=x onerror=${s}>`,
  (s) => `<marquee onstart=${s}>x</marquee>`,
  (s) => `<div onmouseover=${s} style="position:fixed;inset:0">x</div>`,
  (s) => `<form action="javascript:${s}"><button>go</button></form>`,
  (s) => `<button formaction="javascript:${s}">go</button>`,
  (s) => `<base href="javascript:${s}//">`,
  (s) => `<meta http-equiv="refresh" content="0;url=javascript:${s}">`,
  () => '<link rel=stylesheet href="data:text/css,*{display:none}">',
  (s) => `<template><script>${s}</script></template>`,
  (s) => `<template shadowrootmode=open><img src=x onerror=${s}></template>`,
  (s) => `<style>@import "javascript:${s}";*{display:none}</style>`,
  () => '</style><style>*{display:none!important}</style>',
  (s) => `</style><script>${s}</script>`,
  (s) => `x{background:url(javascript:${s})}`,
  (s) => `width:expression(${s})`,
  (s) => `red;background-image:url("javascript:${s}")`,
  () => '}*{display:none}:host{display:none!important}',
  (s) => `"><img src=x onerror=${s}>`,
  (s) => `'><img src=x onerror=${s}>`,
  (s) => `" onmouseover="${s}" x="`,
  (s) => `' autofocus onfocus='${s}' x='`,
  (s) => `\`><img src=x onerror=${s}>`,
  (s) => `--><img src=x onerror=${s}>`,
  (s) => `]]><img src=x onerror=${s}>`,
  (s) => `</textarea><img src=x onerror=${s}>`,
  (s) => `<noscript><p title="</noscript><img src=x onerror=${s}>">`,
  (s) => `<!--<img src="--><img src=x onerror=${s}>-->`,
  (s) => `<img src=x onerror=${s}`,
  (s) => `<scr<script>ipt>${s}</scr</script>ipt>`,
  (s) => `<<script>${s};//<</script>`,
  (s) => `<img """><script>${s}</script>">`,
  (s) => `<IMG SRC=javascript:${s}>`,
  (s) => `<xss onpointerover=${s}>hover</xss>`,
  (s) => `\${${s}}`,
  (s) => `{{constructor.constructor('${s.replace(/'/g, '"')}')()}}`,
  (s) => `"});${s};//`,
  (s) => `"]}</script><script>${s}</script>`,
  (s) => `\\u003cscript\\u003e${s}\\u003c/script\\u003e`,
  (s) => `<select><style></select><img src=x onerror=${s}></style>`,
];

/** Contexts and encodings each vector is also sent in. */
const CONTEXTS = [
  (x) => x,
  (x) => `patient ${x}`, // a valid value with the payload after it
  (x) => `"'>${x}`, // quote breakout
  (x) => x.replace(/[<>"'&]/g, (c) => `&#${c.charCodeAt(0)};`), // HTML entities
  (x) => encodeURIComponent(x), // percent-encoded
  (x) => encodeURIComponent(encodeURIComponent(x)), // double-encoded
  (x) => x.replace(/[<>"'/]/g, hex4), // JS unicode escapes (as text)
  (x) => x.replace(/<(\/?)([a-z]+)/gi, (m, sl, t) => `<${sl}${altCase(t)}`).replace(/(java|vb)script/gi, altCase),
  (x) => `\u0000${x}\u0007\u001b\u0000`, // NUL and control characters
  (x) => `\u202e${x}\u202c\u200b`, // RTL override, zero-width space
  (x) => `pancreas;site=${x};grade=G1,${x}=`, // the fragment parser's separators
];

const SPECIALS = [
  '__proto__', 'constructor', 'prototype', '__proto__[polluted]', 'constructor.prototype.polluted',
  '__defineGetter__', 'hasOwnProperty', 'toString', 'valueOf',
  '{"__proto__":{"polluted":1}}', '[object Object]', 'undefined', 'null', 'true', 'NaN', 'Infinity',
  '-1', '1e309', '-0', '0x10', '１２', '12abc', '.5e1', '3.', '101', '-5', '1e-400', '50.0000000001',
  '', ' ', '\t\n\r', ';', '=', ',', ';;;', '==', ',,,', '=;=;,,', 'site=lung', 'site=lung;grade=G1',
  'a=b=c;d', 'in=x;site=lung', 'in=;site=lung', 'net-guide:site=lung', '#net-guide:in=;site=lung',
  '%3B%3D%2C', 'ki67=lt3;in=other', 'prior=everolimus,,;,', 'net-guide:', 'net-guide:in=',
  'PATİENT', 'patient\u200b', 'clinician\u0000', 'Clınıcıan', 'ſite', 'patient ', ' CLINICIAN ',
  '🙂'.repeat(40), '\ud800', '\udfff lone', 'Z\u0338\u0322\u0353\u0356'.repeat(20),
  '\u2028\u2029\u0085\ufeff', 'a\u0000b\u0001c\u001fd\u007fe\u009ff',
  '<!--', ']]>', '<![CDATA[<script>__pwn("cdata")</script>]]>', '</net-guide><script>__pwn("close")</script>',
  '<net-guide audience="x"><script>__pwn("nest")</script></net-guide>',
  'A'.repeat(100000), '<'.repeat(100000),
  `<img src=x onerror=__pwn('long')>`.repeat(3500),
  '\u202ex'.repeat(50000), '&#60;'.repeat(20000),
  `${'%3Cscript%3E'.repeat(8000)}__pwn('longpct')`,
];

function buildPayloads() {
  const out = new Set();
  VECTORS.forEach((v, i) => CONTEXTS.forEach((c, j) => out.add(c(v(`__pwn('v${i}c${j}')`)))));
  SPECIALS.forEach((s) => out.add(s));
  return [...out];
}

const PAYLOADS = buildPayloads();
const MIN_PAYLOADS = 500;

// ---------------------------------------------------------------------------------------
// In the page: the sentinel, a watch on every shadow root and on the host document, checks.

function instrument() {
  const report = (id) => { try { window.__pwnReport?.(String(id)); } catch { /* not bound yet */ } };
  window.__pwn = (id) => { (window.__pwned ??= []).push(String(id)); report(id); };
  if (window !== window.top) return;
  const protoNames = Object.getOwnPropertyNames(Object.prototype).sort().join();
  const inj = (window.__inj = { violations: [], hostChanges: [], lastMutation: 0, asked: 0, baseline: null });
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const BAD_TAGS = new Set(('script noscript iframe frame frameset object embed applet param svg math style base meta '
    + 'template slot img image video audio source track picture canvas map area marquee blink body html head title '
    + 'textarea select option portal xmp plaintext listing isindex keygen font center b i u xss foreignobject').split(' '));
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'srcset',
    'xlink:href', 'ping', 'cite', 'codebase', 'dynsrc', 'lowsrc', 'manifest', 'icon']);
  const badUrl = (v) => /^(javascript|data|vbscript):/i.test(v.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''));
  inj.isHost = (n) => n?.nodeType === 1 && (n.localName === 'net-guide' || n.classList.contains('inj-host'));
  inj.inHost = (n) => { for (let x = n; x; x = x.parentNode) if (inj.isHost(x)) return true; return false; };
  inj.hosts = () => [...document.querySelectorAll('net-guide, .inj-host')];
  const FIELDS = ['site', 'differentiation', 'grade', 'ki67', 'stage', 'resectable', 'size_cm', 'functional_syndrome',
    'symptoms_controlled', 'sstr_positive', 'progression', 'prior_therapies', 'age_years', 'gastric_type',
    'hereditary_syndrome', 'liver_dominant', 'risk_features'];
  /** `handle.profile` holds only SPEC §5 names with vocabulary words, numbers and flags. */
  inj.profileOk = (profile) => Object.entries(profile).every(([k, v]) => FIELDS.includes(k)
    && (typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && /^\w+$/.test(v))
      || (Array.isArray(v) && v.every((i) => /^\w+$/.test(i)))));

  /** What is wrong with one element inside a widget's shadow root (empty: nothing). */
  inj.bad = (el) => {
    const out = [];
    const name = el.localName;
    const show = () => el.outerHTML.slice(0, 120);
    if (el.namespaceURI !== XHTML) out.push(`<${name}> in ${el.namespaceURI}: ${show()}`);
    else if (BAD_TAGS.has(name)) out.push(`<${name}> element: ${show()}`);
    else if (el instanceof HTMLUnknownElement) out.push(`unknown <${name}> element: ${show()}`);
    if (name === 'link' && !(el.getAttribute('rel') === 'stylesheet' && /(^|\/)net-guide\.css$/.test(el.getAttribute('href') ?? ''))) {
      out.push(`foreign <link>: ${show()}`);
    }
    if (el.shadowRoot) out.push(`nested shadow root on <${name}>`);
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on') || n === 'style' || n === 'srcdoc' || n === 'formaction' || n === 'action' || n === 'is') {
        out.push(`${n}= attribute on <${name}>: ${show()}`);
      }
      if (URL_ATTRS.has(n) && badUrl(a.value)) out.push(`${n}="${a.value.slice(0, 60)}" on <${name}>`);
      if (n === 'class' && [...el.classList].some((c) => !/^[A-Za-z][\w-]*$/.test(c))) out.push(`class="${a.value.slice(0, 60)}"`);
    }
    return out;
  };

  /** Sees every node and attribute a widget ever puts in its shadow root, even briefly. */
  inj.watch = (root) => {
    new MutationObserver((records) => {
      inj.lastMutation = performance.now();
      for (const r of records) {
        const els = [];
        if (r.type === 'attributes') els.push(r.target);
        for (const n of r.addedNodes ?? []) {
          if (n.nodeType === 1) els.push(n, ...n.querySelectorAll('*'));
        }
        for (const el of els) {
          if (el.nodeType === 1) inj.bad(el).forEach((p) => inj.violations.push(`appeared in a shadow root: ${p}`));
        }
      }
    }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadow(init) {
    const root = attach.call(this, init);
    inj.watch(root);
    return root;
  };
  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('*').forEach((el) => el.shadowRoot && inj.watch(el.shadowRoot));
  });

  /** The host document without the widgets' hosts, and what its styles make of it. */
  inj.snapshot = () => {
    const body = document.body.cloneNode(true);
    body.querySelectorAll('net-guide, .inj-host').forEach((h) => h.remove());
    const look = (el) => {
      if (!el) return '';
      const s = getComputedStyle(el);
      return ['display', 'visibility', 'color', 'background-color', 'font-size', 'opacity'].map((p) => s.getPropertyValue(p)).join(' ');
    };
    return [
      document.documentElement.getAttributeNames().map((n) => `${n}=${document.documentElement.getAttribute(n)}`).join(' '),
      document.head.innerHTML, document.title, body.outerHTML,
      `sheets ${document.styleSheets.length} adopted ${document.adoptedStyleSheets.length} scripts ${document.scripts.length}`,
      look(document.body), look(document.querySelector('h1')), look(document.querySelector('header')), look(document.querySelector('main')),
      `cookie ${document.cookie}`, `name ${window.name}`,
    ].join('\n');
  };
  const firstDiff = (a, b) => {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return `…${b.slice(Math.max(0, i - 40), i + 80)}…`;
  };

  /** Starts watching the host document; call once the page's widget is ready. */
  inj.begin = () => {
    inj.baseline = inj.snapshot();
    new MutationObserver((records) => {
      for (const r of records) {
        if (inj.inHost(r.target)) continue;
        if (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(inj.isHost)) continue;
        const what = r.type === 'attributes' ? `${r.attributeName}= on <${r.target.localName}>`
          : r.type === 'childList' ? [...r.addedNodes].map((n) => n.outerHTML?.slice(0, 80) ?? n.textContent.slice(0, 80)).join(' ')
            : r.target.textContent?.slice(0, 80);
        inj.hostChanges.push(`host document changed (${r.type}): ${what}`);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  };

  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  inj.until = async (condition, ms = 10000) => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      try { if (condition()) return true; } catch { /* not there yet */ }
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    return false;
  };
  /** Waits until the widgets have drawn: no mutation for a while and the scheduler idle. */
  inj.quiet = async (ms = 50, max = 8000) => {
    const end = performance.now() + max;
    let calm = 0;
    while (performance.now() < end && calm < 3) {
      const t0 = performance.now();
      await tick();
      const now = performance.now();
      calm = now - t0 < 12 && now - inj.lastMutation > ms ? calm + 1 : 0;
    }
  };

  /** Splits payloads into groups of at most `count` items and `chars` characters (by `size`). */
  inj.groups = (list, count, chars, size = (p) => p.length) => {
    const out = [];
    let current = [];
    let total = 0;
    for (const p of list) {
      if (current.length && (current.length >= count || total + size(p) > chars)) {
        out.push(current);
        current = [];
        total = 0;
      }
      current.push(p);
      total += size(p);
    }
    if (current.length) out.push(current);
    return out;
  };

  /** Closes a widget's notices (last first, as each button knows its own index). */
  inj.dismiss = async (host) => {
    [...host.shadowRoot.querySelectorAll('.ng-notice-close')].reverse().forEach((b) => b.click());
    await inj.quiet();
  };

  /** Asks every host a normal question through its box; the reply must appear. */
  inj.answer = async (hosts) => {
    const out = [];
    const q = `What is PRRT? ${++inj.asked}`;
    for (const h of hosts) {
      const root = h.shadowRoot;
      if (!root?.querySelector('.ng-ask-form')) {
        root?.querySelector('.ng-nav-btn')?.click(); // back to the article
        await inj.until(() => root.querySelector('.ng-ask-form'), 3000);
      }
      const form = root?.querySelector('.ng-ask-form');
      if (!form) { out.push('no question box'); continue; }
      form.querySelector('input').value = q;
      form.requestSubmit();
    }
    for (const h of hosts) {
      const answered = await inj.until(() => [...h.shadowRoot.querySelectorAll('.ng-reply')]
        .some((r) => r.querySelector('.ng-asked')?.textContent === `You asked: ${q}` && r.querySelector('.ng-cite-link')), 10000);
      if (!answered) out.push(`did not answer "${q}"`);
    }
    return out;
  };

  /** Everything that must hold after a batch; returns the problems, labelled. */
  inj.times = { quiet: 0, scan: 0, answer: 0 };
  inj.check = async (label, { answer = false, hosts = inj.hosts() } = {}) => {
    let t0 = performance.now();
    await inj.quiet();
    inj.times.quiet += performance.now() - t0;
    t0 = performance.now();
    const out = [];
    const add = (m) => out.push(`${label}: ${m}`);
    if (window.__pwned?.length) add(`sentinel called: ${window.__pwned.splice(0).join(', ')}`);
    inj.violations.splice(0).slice(0, 5).forEach(add);
    inj.hostChanges.splice(0).slice(0, 5).forEach(add);
    const snap = inj.snapshot();
    if (snap !== inj.baseline) add(`host document differs: ${firstDiff(inj.baseline, snap)}`);
    if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== protoNames || ({}).polluted !== undefined) {
      add('Object.prototype changed');
    }
    if (Object.keys(localStorage).some((k) => !k.startsWith('net-guide:'))) add(`storage keys ${Object.keys(localStorage)}`);
    for (const h of hosts) {
      const root = h.shadowRoot;
      if (!root) { add('a widget has no shadow root'); continue; }
      for (const el of root.querySelectorAll('*')) inj.bad(el).forEach(add);
      if (root.querySelector('.ng-fallback, .ng-load-failed')) add(`a widget shows its failure message: ${root.textContent.slice(0, 100)}`);
      const title = root.querySelector('.ng-title');
      if (!title || !title.checkVisibility() || title.getBoundingClientRect().height === 0) add('a widget does not show its article title');
      if (!h.checkVisibility()) add('a widget host is hidden');
      for (const n of root.querySelectorAll('.ng-notice')) {
        const inside = [...n.querySelectorAll('*')].map((e) => e.localName).join();
        if (inside !== 'span' && inside !== 'span,button') add(`a notice holds elements: ${inside}`);
      }
    }
    inj.times.scan += performance.now() - t0;
    t0 = performance.now();
    if (answer) (await inj.answer(hosts)).forEach(add);
    inj.times.answer += performance.now() - t0;
    return out;
  };
}

function seedStorage(seed) {
  if (window !== window.top || !seed || location.protocol === 'about:') return;
  for (const [k, v] of Object.entries(seed.storage ?? {})) localStorage.setItem(k, v);
  if (seed.attributes) {
    document.addEventListener('DOMContentLoaded', () => {
      document.querySelectorAll('net-guide').forEach((el) => {
        for (const [n, v] of Object.entries(seed.attributes)) el.setAttribute(n, v);
      });
    });
  }
}

const ALLOWED = /^\/(|index\.html|net-guide\.(js|css)|pkg\/[\w.-]+|demo\.css|favicon\.svg)$/;

/** A demo page under watch: the sentinel, dialogs, frames, popups, navigations, requests. */
async function openWatched({ url = BASE, seed = null } = {}) {
  const init = `(${instrument})();(${seedStorage})(${JSON.stringify(seed)});`;
  const seen = { pwned: [], dialogs: [], frames: [], popups: [], navigations: [], requests: [] };
  const origin = new URL(BASE).origin;
  const { context, page, problems } = await openPage(browser, { url: 'about:blank', init });
  await page.exposeFunction('__pwnReport', (id) => seen.pwned.push(id));
  page.on('dialog', (d) => { seen.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('frameattached', (f) => seen.frames.push(f.url() || '(frame)'));
  context.on('page', (p) => seen.popups.push(p.url()));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin !== origin || !ALLOWED.test(u.pathname)) seen.requests.push(r.url().slice(0, 120));
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame() && f.url().split('#')[0] !== url.split('#')[0]) seen.navigations.push(f.url().slice(0, 120));
  });
  await page.goto(url);
  await ready(page);
  await page.evaluate((payloads) => { window.__payloads = payloads; window.__inj.begin(); }, PAYLOADS);
  return { context, page, problems, seen };
}

async function finish({ context, page, problems, seen }, failures, t) {
  const late = await page.evaluate(() => window.__inj.check('end'));
  const times = await page.evaluate(() => Object.entries(window.__inj.times).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', '));
  t?.diagnostic(`in-page time spent checking: ${times}`);
  assert.deepEqual([...failures, ...late].slice(0, 40), [], 'hostile input got through');
  assert.deepEqual(seen, { pwned: [], dialogs: [], frames: [], popups: [], navigations: [], requests: [] });
  assert.deepEqual(problems, []);
  await context.close();
}

test(`at least ${MIN_PAYLOADS} distinct payloads`, (t) => {
  t.diagnostic(`${PAYLOADS.length} payloads from ${VECTORS.length} vectors × ${CONTEXTS.length} contexts and ${SPECIALS.length} special strings`);
  assert.ok(PAYLOADS.length >= MIN_PAYLOADS, `only ${PAYLOADS.length} payloads`);
  assert.ok(PAYLOADS.some((p) => p.length >= 100000), 'a 100k-character payload');
});

test('attributes: payloads on new <net-guide> elements and changed after load', { timeout: 240000 }, async (t) => {
  const watched = await openWatched();
  const result = await watched.page.evaluate(async () => {
    const P = window.__payloads;
    const inj = window.__inj;
    const names = customElements.get('net-guide').observedAttributes;
    const main = document.querySelector('main');
    const failures = [];
    const created = new Set();
    const changed = new Set();
    const esc = (v) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    // New elements: every observed attribute (and the id) set to a payload, every payload on
    // one; half made with setAttribute, half by the HTML parser.
    const phases = { start: performance.now() };
    const total = Math.ceil(P.length / names.length);
    const BATCH = 9;
    for (let start = 0; start < total; start += BATCH) {
      const els = [];
      for (let j = start; j < Math.min(total, start + BATCH); j++) {
        const values = names.map((_, k) => P[(j * names.length + k) % P.length]);
        const id = P[(j * 13 + 1) % P.length];
        values.forEach((v) => created.add(v));
        created.add(id);
        if (j % 2) {
          const el = document.createElement('net-guide');
          names.forEach((n, k) => el.setAttribute(n, values[k]));
          el.id = id;
          main.append(el);
          els.push(el);
        } else {
          main.insertAdjacentHTML('beforeend',
            `<net-guide id="${esc(id)}" ${names.map((n, k) => `${n}="${esc(values[k])}"`).join(' ')}></net-guide>`);
          els.push(main.lastElementChild);
        }
      }
      if (!await inj.until(() => els.every((e) => e.handle && e.shadowRoot?.querySelector('.ng-title')), 30000)) {
        failures.push(`new elements ${start}: not all widgets came up`);
      }
      // Every element read its attributes: each has garbage, so each says so politely.
      if (!els.every((e) => e.shadowRoot?.querySelector('.ng-notice'))) failures.push(`new elements ${start}: a widget shows no notice`);
      const answer = start === 0 || start + BATCH >= total;
      failures.push(...await inj.check(`new elements ${start}–${start + els.length - 1}`, { answer }));
      els.forEach((e) => e.remove());
    }
    // Changes after load: every round sets all observed attributes of one element to new
    // payloads (and removes some); its notices are dismissed now and then.
    phases.created = performance.now();
    let el = null;
    const fresh = async () => {
      el?.remove();
      el = document.createElement('net-guide');
      el.id = 'changer';
      main.append(el);
      await inj.until(() => el.handle && el.shadowRoot?.querySelector('.ng-title'), 30000);
    };
    await fresh();
    const rounds = Math.ceil(P.length / names.length);
    for (let r = 0; r < rounds; r++) {
      names.forEach((n, k) => {
        const v = P[(r * names.length + k + 7) % P.length];
        el.setAttribute(n, v);
        changed.add(v);
      });
      if (r % 3 === 2) names.filter((_, k) => k % 4 === r % 4).forEach((n) => el.removeAttribute(n));
      failures.push(...await inj.check(`changed attributes, round ${r}`, { answer: r % 12 === 11 || r === rounds - 1 }));
      if (r % 3 === 2) await inj.dismiss(el);
      if (r === Math.floor(rounds / 2)) await fresh();
    }
    phases.changed = performance.now();
    return { failures, created: created.size, changed: changed.size, names,
      times: `new elements ${Math.round(phases.created - phases.start)} ms, changes ${Math.round(phases.changed - phases.created)} ms` };
  });
  t.diagnostic(`${result.times}; distinct payloads: ${result.created} on new elements, ${result.changed} as changes`);
  assert.ok(result.names.length >= 20, `observed attributes: ${result.names}`);
  assert.ok(result.created >= MIN_PAYLOADS, `${result.created} payloads on new elements`);
  assert.ok(result.changed >= MIN_PAYLOADS, `${result.changed} payloads as attribute changes`);
  await finish(watched, result.failures, t);
});

test('mount() options, setProfile, configure, setAudience and ask take payloads as keys and values', { timeout: 240000 }, async (t) => {
  const watched = await openWatched();
  const result = await watched.page.evaluate(async () => {
    const P = window.__payloads;
    const inj = window.__inj;
    const { mount } = await import('./net-guide.js');
    const failures = [];
    const used = { mount: new Set(), setProfile: new Set(), configure: new Set(), setAudience: new Set(), ask: new Set() };
    const FIELDS = ['site', 'differentiation', 'grade', 'ki67', 'stage', 'resectable', 'size_cm', 'functional_syndrome',
      'symptoms_controlled', 'sstr_positive', 'progression', 'prior_therapies', 'age_years', 'gastric_type',
      'hereditary_syndrome', 'liver_dominant', 'risk_features'];
    const SETTINGS = ['audience', 'remember', 'theme', 'headingLevel', 'share', 'storageKey', 'heading-level', 'storage_key'];
    const camel = (s) => s.replace(/_(\w)/g, (m, c) => c.toUpperCase());
    const kebab = (s) => s.replace(/_/g, '-');
    let at = 0;
    const next = (set) => { const v = P[at++ % P.length]; set.add(v); return v; };
    /** An options object: every known name (in some spelling) and a few payload names. */
    const options = (names, set, j) => {
      const o = {};
      for (const n of names) o[[n, camel(n), kebab(n)][j % 3]] = next(set);
      o.priorTherapies = [next(set), next(set)];
      o.riskFeatures = [next(set), [next(set)]];
      for (let k = 0; k < 6; k++) o[next(set)] = next(set);
      for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
        Object.defineProperty(o, key, { value: next(set), enumerable: true, configurable: true, writable: true });
      }
      return o;
    };
    const profileOk = inj.profileOk;

    const host = document.createElement('div');
    host.className = 'inj-host';
    host.id = 'api';
    document.querySelector('main').append(host);
    let handle = null;
    // mount(element, options): payloads as option values and names.
    let j = 0;
    while (used.mount.size < P.length && j < 200) {
      let threw = null;
      try { handle = await mount(host, options([...SETTINGS, ...FIELDS], used.mount, j)); } catch (e) { threw = String(e); }
      if (threw) failures.push(`mount ${j} threw: ${threw}`);
      else if (!profileOk(handle.profile)) failures.push(`mount ${j}: profile ${JSON.stringify(handle.profile).slice(0, 200)}`);
      failures.push(...await inj.check(`mount options ${j}`, { answer: j % 8 === 7 }));
      j++;
    }
    handle = await mount(host, {});
    // setProfile(object) and configure(object): a few calls, then one check.
    for (const [method, names, set] of [['setProfile', FIELDS, used.setProfile], ['configure', [...SETTINGS, ...FIELDS], used.configure]]) {
      j = 0;
      while (set.size < P.length && j < 400) {
        for (let k = 0; k < 4; k++, j++) {
          let got;
          try { got = handle[method](options(names, set, j)); } catch (e) { failures.push(`${method} ${j} threw: ${e}`); }
          if (got !== false && got !== true) failures.push(`${method} ${j} returned ${got}`);
          if (!profileOk(handle.profile)) failures.push(`${method} ${j}: profile ${JSON.stringify(handle.profile).slice(0, 200)}`);
        }
        failures.push(...await inj.check(`${method} ${j}`, { answer: j % 32 === 0 }));
        await inj.dismiss(host);
      }
    }
    // setAudience(x): one payload a call.
    for (let i = 0; i < P.length; i += 50) {
      for (const p of P.slice(i, i + 50)) {
        used.setAudience.add(p);
        try { handle.setAudience(p); } catch (e) { failures.push(`setAudience threw: ${e}`); }
        if (!['patient', 'caregiver', 'clinician'].includes(handle.audience)) failures.push(`audience ${handle.audience}`);
      }
      failures.push(...await inj.check(`setAudience ${i}`, { answer: i % 300 === 0 }));
      await inj.dismiss(host);
    }
    // ask(question, { topic, audience }): the question, the topic and the audience.
    const KINDS = ['answer', 'needs_clinician', 'urgent', 'out_of_scope'];
    for (let i = 0; i < P.length; i++) {
      const [q, topic, audience] = [P[i], P[(i + 1) % P.length], P[(i + 2) % P.length]];
      [q, topic, audience].forEach((p) => used.ask.add(p));
      for (const [question, opts] of [[q, { topic, audience }], ['What is PRRT?', { topic: q, audience: topic }]]) {
        let reply;
        try { reply = handle.ask(question, opts); } catch (e) { failures.push(`ask ${i} threw: ${e}`); continue; }
        if (!KINDS.includes(reply?.kind) || !Array.isArray(reply.answers) || !Array.isArray(reply.suggestions)
          || reply.answers.some((a) => !/^\w+$/.test(a.topic))) {
          failures.push(`ask ${i}: ${JSON.stringify(reply).slice(0, 200)}`);
        }
      }
      if (i % 100 === 99) failures.push(...await inj.check(`ask ${i}`));
    }
    // A notice repeats a bad value as text, exactly as given.
    const bad = '<img src=x onerror=__pwn("notice")>';
    handle = await mount(host, { site: bad });
    handle.setAudience(bad);
    await inj.quiet();
    const notices = [...host.shadowRoot.querySelectorAll('.ng-notice span')].map((n) => n.textContent).join(' | ');
    if (!notices.includes(`site=“${bad}”`) || !notices.includes(`“${bad}” is not recognised`)) {
      failures.push(`the notices do not show the bad value as text: ${notices.slice(0, 300)}`);
    }
    failures.push(...await inj.check('after the handle', { answer: true }));
    return { failures, counts: Object.fromEntries(Object.entries(used).map(([k, s]) => [k, s.size])) };
  });
  t.diagnostic(`distinct payloads: ${JSON.stringify(result.counts)}`);
  for (const [input, count] of Object.entries(result.counts)) {
    assert.ok(count >= MIN_PAYLOADS, `${input}: ${count} payloads`);
  }
  await finish(watched, result.failures, t);
});

test('hostile JavaScript values as options, profiles and questions get a notice, never an exception', { timeout: 60000 }, async (t) => {
  const watched = await openWatched();
  const failures = await watched.page.evaluate(async () => {
    const { mount } = await import('./net-guide.js');
    const host = document.createElement('div');
    host.className = 'inj-host';
    document.querySelector('main').append(host);
    const circular = [];
    circular.push(circular);
    const values = {
      circular, symbol: Symbol('s'), bigint: 10n, nan: NaN, infinity: -Infinity, date: new Date(0),
      fn: () => window.__pwn('fn'), nested: [[['<img src=x onerror=__pwn("nested")>']]], object: { toString: () => window.__pwn('toString') },
      proxy: new Proxy({}, {}), nullProto: Object.create(null), loneSurrogate: '\ud800', regexp: /x/,
    };
    const out = [];
    let handle = await mount(host, {});
    for (const [name, v] of Object.entries(values)) {
      for (const [label, call] of [
        ['mount', () => mount(host, { site: v, audience: v, priorTherapies: v })],
        ['setProfile', () => handle.setProfile({ site: v, prior_therapies: v })],
        ['configure', () => handle.configure({ theme: v, grade: v })],
        ['setAudience', () => handle.setAudience(v)],
        ['ask', () => handle.ask(v, { topic: v, audience: v })],
        ['ask options', () => handle.ask('What is PRRT?', v)],
      ]) {
        try {
          const got = await call();
          if (label === 'mount') handle = got;
        } catch (e) { out.push(`${label} with ${name} threw ${e}`); }
      }
    }
    for (const options of [null, undefined, 'site=lung', 42, ['site', 'lung'], [['site', 'lung']],
      JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}')]) {
      try { handle = await mount(host, options); } catch (e) { out.push(`mount(${String(options)}) threw ${e}`); }
      try { handle.setProfile(options); handle.configure(options); } catch (e) { out.push(`setProfile/configure(${String(options)}) threw ${e}`); }
    }
    out.push(...await window.__inj.check('JavaScript values', { answer: true }));
    return out;
  });
  await finish(watched, failures, t);
});

/** Fragment pieces: every profile field (twice, so duplicates too) and payload-named keys. */
const FRAGMENT_KEYS = ['site', 'differentiation', 'grade', 'ki67', 'stage', 'resectable', 'size_cm', 'functional_syndrome',
  'symptoms_controlled', 'sstr_positive', 'progression', 'prior_therapies', 'age_years', 'gastric_type',
  'hereditary_syndrome', 'liver_dominant', 'risk_features', 'prior', 'in'];

test('URL fragment: #net-guide: links with payloads, encoded and raw, scoped and not', { timeout: 240000 }, async (t) => {
  const watched = await openWatched();
  const result = await watched.page.evaluate(async (KEYS) => {
    const P = window.__payloads;
    const inj = window.__inj;
    const { mount } = await import('./net-guide.js');
    const failures = [];
    const used = new Set();
    const main = document.querySelector('main');
    const plain = document.createElement('div');
    plain.className = 'inj-host';
    const scoped = document.createElement('div');
    scoped.className = 'inj-host';
    scoped.id = 'frag';
    main.append(plain, scoped);
    const enc = (v) => encodeURIComponent(v.toWellFormed());
    // Groups that keep the address under Chromium's 2 MB limit.
    const groups = inj.groups(P, 3 * KEYS.length + 12, 900000, (p) => enc(p).length);
    for (const [g, group] of groups.entries()) {
      group.forEach((p) => used.add(p));
      const pairs = group.map((p, k) => (k < 3 * KEYS.length ? [KEYS[k % KEYS.length], p] : [p, group[(k + 3) % group.length]]));
      // A last, valid answer shows the link was read (a later value wins).
      const fragments = [
        [plain, `#net-guide:${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join(';')};site=lung`, true],
        [plain, `#net-guide:${pairs.map(([k, v]) => `${k}=${v}`).join(';')};site=lung`, false],
        [scoped, `#net-guide:in=frag;${pairs.map(([k, v]) => `${k}=${enc(v)}`).join(';')};site=lung`, true],
        [scoped, `#${group.join('')}`, false],
      ];
      for (const [host, fragment, read] of fragments) {
        history.replaceState(null, '', fragment);
        const hash = location.hash;
        let handle;
        try { handle = await mount(host, {}); } catch (e) { failures.push(`fragment ${g}: mount threw ${e}`); continue; }
        if (!inj.profileOk(handle.profile)) failures.push(`fragment ${g}: profile ${JSON.stringify(handle.profile).slice(0, 200)}`);
        await inj.quiet();
        if (read && (handle.profile.site !== 'lung' || !host.shadowRoot.querySelector('.ng-notice'))) {
          failures.push(`fragment ${g}: the link was not read (${JSON.stringify(handle.profile).slice(0, 100)}), or no notice`);
        }
        if (location.hash !== hash) failures.push(`fragment ${g}: the widget changed the page URL to ${location.hash.slice(0, 80)}`);
      }
      failures.push(...await inj.check(`fragment group ${g}`, { answer: g % 5 === 0 || g === groups.length - 1 }));
    }
    history.replaceState(null, '', '#');
    return { failures, used: used.size };
  }, FRAGMENT_KEYS);
  t.diagnostic(`distinct payloads in fragments: ${result.used}`);
  assert.ok(result.used >= MIN_PAYLOADS, `${result.used} payloads in fragments`);
  await finish(watched, result.failures, t);

  // The real load path: the page opened with a hostile fragment, read by <net-guide> itself.
  const short = PAYLOADS.filter((p) => p.length < 200);
  const pairs = short.slice(0, 60).map((p, k) => `${FRAGMENT_KEYS[k % FRAGMENT_KEYS.length]}=${p}`);
  for (const hash of [
    `#net-guide:${pairs.map((p) => p.replace(/=(.*)$/s, (m, v) => `=${encodeURIComponent(v.toWellFormed())}`)).join(';')}`,
    `#net-guide:${pairs.join(';').replace(/[\u0000-\u001f\u007f\s]/g, '')}`,
  ]) {
    const loaded = await openWatched({ url: BASE + hash });
    const failures = await loaded.page.evaluate(() => window.__inj.check('opened with a hostile fragment', { answer: true }));
    await finish(loaded, failures, t);
  }
});

test('stored values: payloads in net-guide:* storage keys, read with remember="all"', { timeout: 240000 }, async (t) => {
  const watched = await openWatched();
  const result = await watched.page.evaluate(async (KEYS) => {
    const P = window.__payloads;
    const inj = window.__inj;
    const { mount } = await import('./net-guide.js');
    const failures = [];
    const used = new Set();
    const main = document.querySelector('main');
    const enc = (v) => encodeURIComponent(v.toWellFormed());
    // Groups that fit the storage quota, even percent-encoded.
    const groups = inj.groups(P, 3 * KEYS.length + 12, 400000, (p) => enc(p).length);
    for (const [g, group] of groups.entries()) {
      const audience = P[(g * 37 + 11) % P.length];
      [...group, audience].forEach((p) => used.add(p));
      const pairs = group.map((p, k) => (k < 3 * KEYS.length ? `${KEYS[k % KEYS.length]}=${p}` : `${p}=${p}`));
      // A last, valid answer shows the stored value was read (a later value wins).
      const profile = g % 3 === 2 ? group.join('') : `net-guide:${g % 3 ? pairs.map(enc).join(';') : pairs.join(';')};site=lung`;
      const scope = ['', `s${g}`, `k${g}`][g % 3];
      const prefix = scope ? `net-guide:${scope}:` : 'net-guide:';
      const written = { [`${prefix}audience`]: audience, [`${prefix}profile`]: profile };
      localStorage.clear();
      Object.entries(written).forEach(([k, v]) => localStorage.setItem(k, v));
      let host;
      if (g % 3 === 1) {
        main.insertAdjacentHTML('beforeend', `<net-guide id="${scope}" remember="all"></net-guide>`);
        host = main.lastElementChild;
        if (!await inj.until(() => host.handle && host.shadowRoot?.querySelector('.ng-title'), 20000)) failures.push(`storage ${g}: no widget`);
      } else {
        host = document.createElement('div');
        host.className = 'inj-host';
        main.append(host);
        try { window.__lastHandle = await mount(host, scope ? { remember: 'all', storageKey: scope } : { remember: 'all' }); } catch (e) { failures.push(`storage ${g}: mount threw ${e}`); }
      }
      const site = (host.handle ?? window.__lastHandle)?.profile?.site;
      if (g % 3 !== 2 && site !== 'lung') failures.push(`stored values ${g}: the stored answers were not read (site ${site})`);
      failures.push(...await inj.check(`stored values ${g} (scope "${scope}")`, { answer: g % 5 === 0 || g === groups.length - 1 }));
      // Whatever the widget wrote back is its own plain vocabulary, never the payload.
      for (const k of Object.keys(localStorage)) {
        const v = localStorage.getItem(k);
        if (v !== written[k] && !/^[\w:=;,.-]*$/.test(v)) failures.push(`stored values ${g}: ${k} rewritten as ${v.slice(0, 80)}`);
      }
      host.remove();
    }
    localStorage.clear();
    return { failures, used: used.size };
  }, FRAGMENT_KEYS);
  t.diagnostic(`distinct payloads in storage: ${result.used}`);
  assert.ok(result.used >= MIN_PAYLOADS, `${result.used} payloads in storage`);
  await finish(watched, result.failures, t);

  // The real load path: the page's own <net-guide> reads hostile storage as it starts.
  const short = PAYLOADS.filter((p) => p.length < 300);
  const seed = {
    storage: {
      'net-guide:audience': short[3],
      'net-guide:profile': `net-guide:${short.slice(0, 80).map((p, k) => `${FRAGMENT_KEYS[k % FRAGMENT_KEYS.length]}=${p}`).join(';')}`,
    },
    attributes: { remember: 'all' },
  };
  const loaded = await openWatched({ seed });
  const failures = await loaded.page.evaluate(() => window.__inj.check('loaded with hostile storage', { answer: true }));
  assert.equal(await loaded.page.evaluate(() => document.querySelector('net-guide').getAttribute('remember')), 'all');
  await finish(loaded, failures, t);
});

test('the question box: payloads typed and submitted stay text', { timeout: 240000 }, async (t) => {
  const watched = await openWatched();
  const { page } = watched;
  const input = page.locator('net-guide .ng-ask-form input').first();
  // A few typed with the keyboard for real (the box holds 500 characters)…
  const typed = PAYLOADS.filter((p) => p.length < 120 && /^[\x20-\x7e]+$/.test(p.trim())).slice(0, 6);
  for (const p of typed) {
    await input.fill(p);
    await input.press('Enter');
    await page.waitForFunction((q) => [...document.querySelector('net-guide').shadowRoot.querySelectorAll('.ng-asked')]
      .some((a) => a.textContent === `You asked: ${q.trim()}`), p);
  }
  // …and every payload through the same form from inside the page, ten per batch.
  const result = await page.evaluate(async () => {
    const P = window.__payloads;
    const inj = window.__inj;
    const root = document.querySelector('net-guide').shadowRoot;
    const failures = [];
    const used = new Set();
    // As the widget shows a question: control characters as spaces, Unicode White_Space
    // trimmed (Rust's str::trim), lone surrogates as U+FFFD.
    const WS = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+';
    const shown = (p) => [...p.toWellFormed()].map((c) => (/\p{Cc}/u.test(c) ? ' ' : c)).join('')
      .replace(new RegExp(`^${WS}|${WS}$`, 'g'), '');
    for (let i = 0; i < P.length; i += 10) {
      const batch = P.slice(i, i + 10);
      const expected = batch.map(shown).filter((q) => q);
      const before = root.querySelectorAll('.ng-notice').length;
      for (const p of batch) {
        const form = root.querySelector('.ng-ask-form');
        const box = form.querySelector('input');
        box.value = p;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        form.requestSubmit();
        used.add(p);
      }
      const last = expected.at(-1);
      const done = await inj.until(() => {
        const asked = [...root.querySelectorAll('.ng-reply .ng-asked')];
        return last === undefined ? root.querySelectorAll('.ng-notice').length > before
          : asked.length && asked.at(-1).textContent.startsWith(`You asked: ${[...last].slice(0, 100).join('')}`);
      }, 20000);
      if (!done) failures.push(`question box ${i}: the replies did not appear`);
      // Each question is echoed as text: its printable start is in a card.
      const cards = [...root.querySelectorAll('.ng-reply .ng-asked')].slice(-expected.length).map((a) => a.textContent);
      expected.forEach((q, k) => {
        const start = q.slice(0, 30);
        if (/^[\x20-\x7e]+$/.test(start) && !(cards[k] ?? '').startsWith(`You asked: ${start}`)) {
          failures.push(`question box ${i}: "${start}" not shown as text (card: ${(cards[k] ?? '').slice(0, 60)})`);
        }
      });
      for (const a of root.querySelectorAll('.ng-asked')) {
        if ([...a.querySelectorAll('*')].some((e) => !e.classList.contains('ng-asked-label'))) failures.push(`question box ${i}: markup in a card`);
      }
      failures.push(...await inj.check(`question box ${i}`, { answer: i % 100 === 0 }));
      // Dismiss the notices (empty questions) so they do not pile up.
      [...root.querySelectorAll('.ng-notice-close')].reverse().forEach((b) => b.click());
    }
    failures.push(...await inj.check('question box, last', { answer: true }));
    return { failures, used: used.size };
  });
  t.diagnostic(`distinct payloads in the question box: ${result.used}`);
  assert.ok(result.used >= MIN_PAYLOADS, `${result.used} payloads in the question box`);
  await finish(watched, result.failures, t);
});
