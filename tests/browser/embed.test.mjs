// Embedding in real Chromium: several instances with their own attributes, storage and
// events; attribute changes after load; the JS handle (setProfile, profile, decide, ask,
// configure, unmount, mount twice); the prerendered first screen taken over in place; the
// single file from file://; the opt-in service worker offline; zero CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { launch, openPage, ready, holdCode, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const recordCsp = () => {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
};

test('two instances keep their own audience, answers, headings, theme and storage; attribute changes take effect', async () => {
  const { context, page, problems } = await openPage(browser, { init: recordCsp });
  await ready(page);
  await page.evaluate(() => {
    window.events = [];
    for (const name of ['ready', 'audience-change', 'profile-change']) {
      document.addEventListener(`net-guide:${name}`, (e) => window.events.push({ name, id: e.target.id, detail: e.detail, handled: e.target.handle !== null }));
    }
    document.querySelector('main').innerHTML =
      '<net-guide id="left" audience="caregiver" site="pancreas" grade="g2"></net-guide>'
      + '<net-guide id="right" audience="clinician" site="lung" heading-level="4" theme="dark"></net-guide>';
  });
  await ready(page, '#left');
  await ready(page, '#right');
  await page.waitForFunction(() => document.querySelector('#right').handle && document.querySelector('#left').handle);
  const profiles = await page.evaluate(() => ['left', 'right'].map((id) => document.getElementById(id).handle.profile));
  assert.deepEqual(profiles, [{ site: 'pancreas', grade: 'G2' }, { site: 'lung' }]);
  assert.match(await page.locator('#left .ng-root').getAttribute('class'), /ng-audience-caregiver/);
  const right = page.locator('#right .ng-root');
  assert.match(await right.getAttribute('class'), /ng-audience-clinician/);
  assert.match(await right.getAttribute('class'), /ng-theme-dark/);
  assert.equal(await page.locator('#right .ng-title').evaluate((h) => h.localName), 'h4');
  assert.equal(await page.locator('#left .ng-title').evaluate((h) => h.localName), 'h2');
  const readyEvents = await page.evaluate(() => window.events.filter((e) => e.name === 'ready'));
  assert.equal(readyEvents.length, 2);
  assert.ok(readyEvents.every((e) => e.handled), 'net-guide:ready fires after element.handle exists');

  // Attribute changes after load.
  await page.evaluate(() => {
    const el = document.getElementById('right');
    el.setAttribute('audience', 'patient');
    el.setAttribute('heading-level', '2');
    el.setAttribute('theme', 'light');
    el.setAttribute('site', 'rectum');
  });
  await page.waitForFunction(() => document.getElementById('right').handle.profile.site === 'rectum');
  assert.match(await right.getAttribute('class'), /ng-audience-patient/);
  assert.match(await right.getAttribute('class'), /ng-theme-light/);
  assert.equal(await page.locator('#right .ng-title').evaluate((h) => h.localName), 'h2');
  const changes = await page.evaluate(() => window.events.filter((e) => e.name !== 'ready'));
  assert.deepEqual(changes.find((e) => e.name === 'audience-change'), { name: 'audience-change', id: 'right', detail: { audience: 'patient' }, handled: true });
  assert.deepEqual(changes.find((e) => e.name === 'profile-change').detail, { profile: { site: 'rectum' } });
  assert.ok(changes.every((e) => e.id === 'right'), 'the other instance did not change');

  // A bad value: the same polite notice as at load, and the answer left as it was.
  await page.evaluate(() => document.getElementById('left').setAttribute('grade', 'G9'));
  await page.locator('#left .ng-notice').first().waitFor();
  assert.match(await page.locator('#left .ng-notice').first().innerText(), /grade=“G9”/);
  assert.equal(await page.evaluate(() => document.getElementById('left').handle.profile.grade), 'G2');

  // The reader's own audience choice is stored under this instance's key only.
  await page.locator('#left input[type=radio][value=clinician]').check();
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.deepEqual(keys, ['net-guide:left:audience']);
  assert.equal(await page.evaluate(() => localStorage.getItem('net-guide:left:audience')), 'clinician');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(await page.evaluate(() => document.cookie), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('privacy: only its own files are requested, no cookies, and storage follows remember off, default and all', async () => {
  const requests = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(recordCsp);
  await page.goto(BASE);
  await ready(page);
  await page.evaluate(() => {
    localStorage.clear();
    document.querySelector('main').innerHTML = ['off', 'audience', 'all']
      .map((r) => `<net-guide id="r-${r}" remember="${r}"></net-guide>`).join('');
  });
  for (const r of ['off', 'audience', 'all']) await ready(page, `#r-${r}`);
  const hostSet = await page.evaluate(() => {
    const el = document.getElementById('r-audience');
    el.handle.setAudience('clinician');
    // A storage-key set and removed again: back to the element's id.
    el.setAttribute('storage-key', 'temporary');
    el.removeAttribute('storage-key');
    return Object.keys(localStorage);
  });
  assert.deepEqual(hostSet, [], "the host's setAudience() is not stored as the reader's choice");
  for (const r of ['off', 'audience', 'all']) {
    await page.locator(`#r-${r} input[type=radio][value=caregiver]`).check();
    await page.locator(`#r-${r} .ng-nav-btn`, { hasText: 'Tailor' }).click();
    await page.locator(`#r-${r} .ng-choice`, { hasText: /^Rectum$/ }).locator('input').check();
    await page.locator(`#r-${r} .ng-tailor-nav .ng-primary`).click();
    await page.locator(`#r-${r} .ng-tailor-nav button`, { hasText: 'Skip to the options' }).click();
    await page.locator(`#r-${r} .ng-results`).waitFor();
  }
  // The reader is told when the site keeps answers; otherwise they are asked.
  assert.match(await page.locator('#r-all .ng-remember').innerText(), /This site keeps your answers on this device/);
  assert.equal(await page.locator('#r-audience .ng-remember input[type=checkbox]').isChecked(), false);
  assert.equal(await page.locator('#r-off .ng-remember').count(), 0, 'nothing to offer with remember="off"');
  const stored = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
  assert.deepEqual(stored, {
    'net-guide:r-all:audience': 'caregiver',
    'net-guide:r-all:profile': 'net-guide:site=rectum',
    'net-guide:r-audience:audience': 'caregiver',
  }, 'off stores nothing; the default keeps the chosen audience only; all keeps the answers too');
  assert.equal(await page.evaluate(() => document.cookie), '');
  assert.equal(await page.evaluate(() => {
    const el = document.getElementById('r-off');
    el.handle.unmount();
    return el.handle;
  }), null, 'element.handle is null after unmount()');
  // Every request: the demo page's own files and the widget's four files, nothing else.
  const own = ['', 'demo.css', 'favicon.svg', 'net-guide.js', 'pkg/net_guide_bg.wasm.cm', 'pkg/unpack.wasm', 'net-guide.css']
    .map((file) => new URL(file, BASE).href);
  assert.ok(requests.includes(new URL('pkg/net_guide_bg.wasm.cm', BASE).href), requests.join(' '));
  const other = requests.filter((url) => !own.includes(url));
  assert.deepEqual(other, [], 'no other requests');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the JS handle: options, setProfile/profile/decide/ask round trips, mount twice replaces, unmount', async () => {
  const { context, page, problems } = await openPage(browser, { init: recordCsp });
  await ready(page);
  const result = await page.evaluate(async () => {
    const { mount } = await import('./net-guide.js');
    const el = document.createElement('div');
    document.querySelector('main').append(el);
    const seen = [];
    el.addEventListener('net-guide:ready', (e) => seen.push(e.detail));
    const handle = await mount(el, {
      audience: 'clinician', site: 'small_intestine', differentiation: 'well', grade: 'G2',
      stage: 'metastatic', sstrPositive: true,
      progression: 'progressive', priorTherapies: ['ssa_lanreotide'], headingLevel: 3,
    });
    const first = { profile: handle.profile, decision: handle.decide(), audience: handle.audience, seen: [...seen] };
    const understood = handle.setProfile({ site: 'appendix', size_cm: 1.2 });
    const afterSet = handle.profile;
    const refused = handle.setProfile({ site: 'mars', onclick: 'alert(1)' });
    const reply = handle.ask('What is lanreotide?', {});
    const events = [];
    const second = await mount(el, { audience: 'patient' });
    // From here on only the second widget may speak for the element.
    el.addEventListener('net-guide:profile-change', (e) => events.push(e.detail.profile));
    el.addEventListener('net-guide:audience-change', (e) => events.push(e.detail.audience));
    const drawn = (n) => el.shadowRoot.querySelectorAll('.ng-title').length >= n;
    for (let i = 0; i < 200 && !drawn(1); i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    const roots = el.shadowRoot.querySelectorAll('.ng-root').length;
    const stale = {
      audience: handle.audience ?? 'gone', set: handle.setProfile({ site: 'lung' }),
      profile: handle.profile, decision: handle.decide(), reply: handle.ask('What is a NET?'),
    };
    const secondAudience = second.audience;
    second.unmount();
    return {
      first, understood, afterSet, refused, reply, roots, stale, secondAudience, events,
      afterUnmount: el.shadowRoot.querySelectorAll('.ng-root').length, readyCount: seen.length,
    };
  });
  assert.deepEqual(result.first.profile, {
    site: 'small_intestine', differentiation: 'well', grade: 'G2', stage: 'metastatic',
    sstr_positive: true, progression: 'progressive',
    prior_therapies: ['ssa_lanreotide'],
  });
  assert.equal(result.first.audience, 'clinician');
  assert.deepEqual(result.first.seen, [{ audience: 'clinician' }]);
  const ids = result.first.decision.options.map((o) => o.id);
  assert.ok(ids.includes('prrt_lu177'), ids.join(','));
  for (const o of result.first.decision.options) {
    assert.ok(o.label && o.rationale && Array.isArray(o.cites), JSON.stringify(o));
  }
  assert.ok(Array.isArray(result.first.decision.excluded) && Array.isArray(result.first.decision.notes));
  assert.equal(result.understood, true);
  assert.deepEqual(result.afterSet, { site: 'appendix', size_cm: 1.2 });
  assert.equal(result.refused, false);
  assert.equal(result.reply.kind, 'answer');
  assert.ok(result.reply.answers.length >= 1);
  assert.equal(result.roots, 1, 'mounting twice replaces the first widget');
  assert.ok(
    !result.events.some((p) => p === 'clinician' || p?.site === 'appendix'),
    `the replaced widget still fired events: ${JSON.stringify(result.events)}`,
  );
  assert.equal(result.readyCount, 2);
  assert.equal(result.secondAudience, 'patient');
  assert.deepEqual(result.stale, { audience: 'gone', set: false, profile: null, decision: null, reply: null },
    'a replaced handle is inert');
  assert.equal(result.afterUnmount, 0);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('mounting and unmounting many times leaks no DOM nodes or listeners', async () => {
  const { context, page, problems } = await openPage(browser, { init: recordCsp });
  await ready(page);
  const cdp = await context.newCDPSession(page);
  const cycles = (n) => page.evaluate(async (n) => {
    const { mount } = await import('./net-guide.js');
    const el = document.createElement('div');
    document.querySelector('main').append(el);
    for (let i = 0; i < n; i++) {
      const handle = await mount(el, { audience: i % 2 ? 'clinician' : 'patient', site: 'lung' });
      // Half are replaced by the next mount before they have drawn; half are drawn and unmounted.
      if (i % 2) {
        await new Promise((r) => setTimeout(r, 50));
        handle.ask('What is octreotide?');
        handle.unmount();
      }
    }
    const last = await mount(el, {});
    last.unmount();
    el.remove();
  }, n);
  const counters = async () => {
    await new Promise((r) => setTimeout(r, 200));
    await cdp.send('HeapProfiler.collectGarbage');
    return cdp.send('Memory.getDOMCounters');
  };
  await cycles(6);
  const before = await counters();
  await cycles(24);
  const after = await counters();
  assert.ok(after.nodes <= before.nodes + 50, `DOM nodes grew: ${before.nodes} -> ${after.nodes}`);
  assert.ok(after.jsEventListeners <= before.jsEventListeners + 10,
    `listeners grew: ${before.jsEventListeners} -> ${after.jsEventListeners}`);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the prerendered article shows before the code arrives and is taken over without a jump', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const release = await holdCode(page);
  await page.goto(BASE);
  // Text visible with no WebAssembly yet.
  const title = await page.evaluate(() => document.querySelector('net-guide').shadowRoot.querySelector('.ng-title')?.textContent);
  assert.match(title ?? '', /neuroendocrine/i);
  assert.equal(await page.evaluate(() => document.querySelector('net-guide').handle ?? null), null);
  await page.evaluate(() => window.scrollTo(0, 900));
  const where = () => page.evaluate(() => {
    const root = document.querySelector('net-guide').shadowRoot;
    const el = root.querySelectorAll('.ng-article p')[3];
    return { scroll: Math.round(window.scrollY), top: Math.round(el.getBoundingClientRect().top), text: el.textContent };
  });
  const beforeTakeover = await where();
  release();
  await page.waitForFunction(() => document.querySelector('net-guide').handle);
  const afterTakeover = await where();
  assert.deepEqual(afterTakeover, beforeTakeover, 'same scroll, same place, same text');
  assert.equal(await page.evaluate(() => document.querySelector('net-guide').shadowRoot.querySelectorAll('.ng-root').length), 1);
  // And it is live: the audience picker works.
  await page.locator('net-guide input[type=radio][value=clinician]').check();
  await page.locator('net-guide .ng-audience-clinician').waitFor();
  await context.close();
});

test('before the code arrives a prerendered form does not reload the page; if the code never comes, a message says so and the text stays', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/net_guide_bg.wasm.cm', async (route) => {
    await held;
    await route.fulfill({ status: 404, body: 'gone' });
  });
  await page.goto(BASE);
  await page.evaluate(() => { window.notReloaded = true; });
  await page.locator('net-guide .ng-ask-form input').fill('what is lanreotide');
  await page.locator('net-guide .ng-ask-form input').press('Enter');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the host page was not reloaded');
  release();
  const alert = page.locator('net-guide .ng-load-failed');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.match(await alert.innerText(), /could not be loaded/);
  assert.equal(await alert.evaluate((el) => getComputedStyle(el).borderTopStyle), 'solid', 'styled by net-guide.css');
  assert.match(await page.locator('net-guide .ng-title').innerText(), /neuroendocrine/i, 'the prerendered article stays');
  // A mount() with nothing prerendered shows the short message instead, and throws nothing.
  const bare = await page.evaluate(async () => {
    const el = document.createElement('net-guide-slot');
    document.body.append(el);
    const { mount } = await import('./net-guide.js');
    let outcome;
    try { await mount(el); outcome = 'mounted'; } catch (e) { outcome = `rejected: ${e.message}`; }
    return { outcome, shown: el.shadowRoot?.querySelector('[role=alert]')?.textContent };
  });
  assert.match(bare.outcome, /^rejected: net-guide: cannot load its code/);
  assert.match(bare.shown ?? '', /^Sorry, this guide could not be loaded\. Please reload the page/);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('the single file opens from file:// and answers a question with no server', async () => {
  const dist = process.env.NET_GUIDE_DIST ?? path.resolve('dist');
  const url = pathToFileURL(path.join(dist, 'net-guide-standalone.html')).href;
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('request', (r) => { if (!/^(file|data):/.test(r.url())) problems.push(`request: ${r.url()}`); });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('net-guide')?.handle, null, { timeout: 20000 });
  await page.locator('net-guide .ng-ask-form input').fill('what is a carcinoid crisis');
  await page.locator('net-guide .ng-ask-form input').press('Enter');
  await page.locator('net-guide .ng-reply').first().waitFor();
  assert.match(await page.locator('net-guide .ng-reply').first().innerText(), /crisis/i);
  assert.deepEqual(problems, []);
  await context.close();
});

test('with the opt-in service worker the page and the widget work with the network cut', async () => {
  const { context, page, problems } = await openPage(browser, { url: new URL('offline.html', BASE).href, init: recordCsp });
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Controlled from the next load on; that load fills the page cache.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await ready(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('net-guide')?.handle);
  await page.locator('net-guide input[type=radio][value=caregiver]').check();
  await page.locator('net-guide .ng-audience-caregiver').waitFor();
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems, []);
  await context.close();
});
