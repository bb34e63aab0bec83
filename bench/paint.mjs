// First-paint benchmark (issue #11, SPEC §9): the widget's demo page (prerendered
// Declarative Shadow DOM article, then net-guide.js + wasm take it over) beside a static
// HTML page of the same article text and stylesheets with no script (`cargo xtask
// bench-paint` makes it from the demo page), both served locally, in headless Chromium.
// Usage: node bench/paint.mjs WIDGET_URL STATIC_URL [LOADS]   (LOADS default 11, min 9)
// Env: CHROMIUM      browser binary (default /usr/bin/chromium)
//      PAINT_JSON    also write the results as JSON to this path
//      PAINT_CPU_SLOWDOWN=N  CDP Emulation.setCPUThrottlingRate(N) in every page; localhost
//                    has no network cost, so this is the one knob that makes the comparison
//                    look like a slow phone. Default: none, times as measured.
// Each load gets a fresh browser context (own HTTP and code caches: a first visit); the
// widget/static order alternates per load, and one untimed pair warms the server and the
// browser process first. Times are ms from navigation start (performance.now() in the page).
// "visible" = the first animation frame in which the title (.ng-title) and the article's
// first paragraph have a layout box and pass checkVisibility(); the rAF callback runs just
// before that frame paints. Exit code 0 whatever the verdict; 1 on errors.
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const [widgetUrl, staticUrl, loadsArg] = process.argv.slice(2);
const LOADS = Number(loadsArg ?? 11);
if (!widgetUrl || !staticUrl || !(LOADS >= 9)) {
  console.error('usage: node bench/paint.mjs WIDGET_URL STATIC_URL [LOADS>=9]');
  process.exit(2);
}
const SLOWDOWN = Number(process.env.PAINT_CPU_SLOWDOWN ?? 1);
const BUDGET = 1.2;
const AIM = 1.1;

// Runs in the page before any of its scripts.
const INIT = () => {
  const p = (window.__paint = { blankFrames: 0, frames: 0 });
  const now = () => performance.now();
  // Widget: inside <net-guide>'s shadow root; static page: the document itself.
  const root = () => {
    const host = document.querySelector('net-guide');
    return host ? host.shadowRoot : document;
  };
  const shown = (el) => !!el && el.offsetHeight > 0 && el.textContent.trim() !== '' &&
    el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  // Styled = every stylesheet link of the page and of the shadow root has loaded. Chromium
  // (measured) lays out no shadow content before its <link> sheet loads, so this equals
  // visible there; it is kept to catch a flash of unstyled text in other set-ups.
  const styled = (r) => [document, ...(r === document ? [] : [r])]
    .every((n) => [...n.querySelectorAll('link[rel=stylesheet]')].every((l) => l.sheet));
  document.addEventListener('net-guide:ready', () => { p.ready ??= now(); }, { once: true });
  document.addEventListener('DOMContentLoaded', () => { p.dcl = now(); }, { once: true });
  let last = 0;
  const frame = () => {
    p.frames++;
    // Longest wait between frames while the widget is visible but not yet ready: main-thread
    // work (unpacking and compiling the code) that would delay a reader's scroll or click.
    const t = now();
    if (p.visible != null && p.ready == null) p.maxFrameGap = Math.max(p.maxFrameGap ?? 0, t - last);
    last = t;
    const r = root();
    const title = r?.querySelector('.ng-title');
    const ok = shown(title) && shown(r.querySelector('.ng-article :is(p, li)'));
    if (ok) {
      p.visible ??= now();
      if (styled(r)) p.styled ??= now();
      const top = title.getBoundingClientRect().top + scrollY;
      p.titleTop ??= top;
      p.titleTopLast = top;
    } else if (p.visible != null) p.blankFrames++; // the article vanished after showing
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) p.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

async function load(kind, url) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    page.on('response', (res) => { // the static page has no icon link: its favicon.ico 404 is no error
      if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) errors.push(`${res.status()} ${res.url()}`);
    });
    if (SLOWDOWN > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
    }
    await page.addInitScript(INIT);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      (kind) => { const p = window.__paint; return p.visible != null && p.dcl != null && (kind === 'static' || p.ready != null); },
      kind, { timeout: 60000, polling: 50 });
    await page.waitForTimeout(150); // a few more frames, to catch a blank frame at takeover
    const r = await page.evaluate(() => {
      const p = window.__paint;
      const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
      const res = performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), Math.round(e.responseEnd)]);
      const nav = performance.getEntriesByType('navigation')[0];
      return { ...p, fcp: fcp?.startTime, html: nav?.responseEnd, load: nav?.loadEventEnd || undefined, resources: Object.fromEntries(res) };
    });
    if (errors.length) console.error(`${kind}: page errors: ${errors.join(' | ')}`);
    // Static page: interactive once its text shows and the document is parsed.
    r.interactive = kind === 'static' ? Math.max(r.visible, r.dcl) : r.ready;
    if (kind === 'static') delete r.maxFrameGap;
    r.titleShift = Math.round((r.titleTopLast ?? 0) - (r.titleTop ?? 0));
    delete r.titleTop; delete r.titleTopLast;
    return r;
  } finally {
    await context.close();
  }
}

const runs = { widget: [], static: [] };
const urls = { widget: widgetUrl, static: staticUrl };
await load('widget', widgetUrl);
await load('static', staticUrl);
for (let i = 0; i < LOADS; i++) {
  for (const kind of i % 2 ? ['static', 'widget'] : ['widget', 'static']) {
    runs[kind].push(await load(kind, urls[kind]));
  }
}
await browser.close();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const stats = (kind, key) => {
  const xs = runs[kind].map((r) => r[key]).filter((x) => typeof x === 'number');
  return xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length } : null;
};
const METRICS = [
  ['html', 'HTML response end'],
  ['visible', 'text visible (rAF) *'],
  ['styled', 'text visible, styles loaded'],
  ['fcp', 'first-contentful-paint'],
  ['lcp', 'largest-contentful-paint'],
  ['dcl', 'DOMContentLoaded'],
  ['interactive', 'interactive **'],
  ['load', 'load event end'],
  ['maxFrameGap', 'longest frame gap, visible..ready'],
];
const summary = {};
for (const kind of ['widget', 'static']) {
  summary[kind] = Object.fromEntries(METRICS.map(([k]) => [k, stats(kind, k)]));
}
const f = (s) => (s ? `${s.median.toFixed(1).padStart(7)} ${s.min.toFixed(1).padStart(7)} ${s.max.toFixed(1).padStart(7)}` : '      -       -       -');
console.log(`paint: ${LOADS} loads each (+1 warm-up pair), alternating order, fresh context per load, CPU slowdown ${SLOWDOWN}x`);
console.log(`  widget: ${widgetUrl}\n  static: ${staticUrl}`);
console.log(`${'ms from navigation start'.padEnd(30)} ${'widget: median     min     max'}   ${'static: median     min     max'}`);
for (const [k, label] of METRICS) console.log(`${label.padEnd(30)}        ${f(summary.widget[k])}           ${f(summary.static[k])}`);
console.log('  * primary: first frame with title and first paragraph laid out and visible');
console.log('  ** widget: net-guide:ready fired; static: max(text visible, DOMContentLoaded)');
const res = (name) => median(runs.widget.map((r) => r.resources[name]).filter((x) => x != null));
console.log(`widget resources, median responseEnd ms: net-guide.css ${res('net-guide.css')}, net-guide.js ${res('net-guide.js')}, net_guide_bg.wasm.cm ${res('net_guide_bg.wasm.cm')}, unpack.wasm ${res('unpack.wasm')}`);
const blank = runs.widget.filter((r) => r.blankFrames > 0).length;
const shifts = [...new Set(runs.widget.map((r) => r.titleShift))];
console.log(`widget takeover: loads with a blank frame after text showed: ${blank}/${LOADS}; title moved by ${shifts.join(', ')} px`);
const ratio = summary.widget.visible.median / summary.static.visible.median;
const verdict = ratio <= BUDGET ? 'within budget' : 'OVER BUDGET';
console.log(`visible ratio widget/static (medians): ${ratio.toFixed(3)}x -> ${verdict} (budget <= ${BUDGET}x, aim ${AIM}x${ratio <= AIM ? ', aim met' : ', aim not met'})`);
console.log(`widget interactive (net-guide:ready), median: ${summary.widget.interactive.median.toFixed(1)} ms = ${(summary.widget.interactive.median / summary.static.interactive.median).toFixed(2)}x static interactive`);
if (process.env.PAINT_JSON) {
  writeFileSync(process.env.PAINT_JSON, JSON.stringify({
    widgetUrl, staticUrl, loads: LOADS, cpuSlowdown: SLOWDOWN, budget: BUDGET, aim: AIM,
    visibleRatio: ratio, verdict, summary, runs,
  }, null, 2) + '\n');
}
