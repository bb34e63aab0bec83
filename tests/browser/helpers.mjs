// Shared set-up for the real-browser tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const BASE = process.env.NET_GUIDE_URL ?? 'http://127.0.0.1:8080/';
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A fresh page that records console errors, page errors and requests to other origins. */
export async function openPage(browser, { url = BASE, init, touch = false } = {}) {
  const context = await browser.newContext({ viewport: { width: touch ? 390 : 1000, height: 1400 }, hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    // axe-core injects a style element while it runs; the widget itself never uses inline styles.
    if (page.axeUsed && m.text().includes('Applying inline style violates')) return;
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const origin = new URL(BASE).origin;
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`foreign request: ${r.url()}`);
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return { context, page, problems };
}

/** Waits until the widget's article shows and, for a `<net-guide>` element, until its code
 * has taken over (the prerendered article shows first, with controls that are not live yet). */
/** Holds the widget's code back until the returned function is called, so a test can look
 * at the prerendered page before the widget takes it over. */
export async function holdCode(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/net_guide_bg.wasm.cm', async (route) => { await held; await route.continue(); });
  return release;
}

export async function ready(page, host = 'net-guide') {
  await page.locator(`${host} .ng-title`).first().waitFor({ timeout: 15000 });
  await page.waitForFunction(
    (selector) => [...document.querySelectorAll(selector)]
      .every((el) => el.localName !== 'net-guide' || el.handle),
    host,
    { timeout: 30000 },
  );
}

/** Visible text of the first widget on the page. */
export async function widgetText(page, host = 'net-guide') {
  return page.locator(`${host} .ng-root`).first().innerText();
}

/** Runs axe-core over the page (including shadow roots) for WCAG 2.x A/AA rules. */
export async function axeViolations(page) {
  // evaluate() is not subject to the page's CSP, unlike an injected <script>.
  page.axeUsed = true;
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
}

export async function chooseAudience(page, audience, host = 'net-guide') {
  await page.locator(`${host} input[type=radio][value=${audience}]`).first().check();
}
