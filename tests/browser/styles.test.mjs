// The widget's styles on a hostile host page (www/portal.html + www/portal.css: a made-up
// patient portal whose stylesheet resets, hides and recolours everything it can reach):
// both instances stay readable; the widget's styles never reach the host page; theming
// through the documented --ng-* custom properties; light, dark and forced themes; print;
// reduced motion; 320 px wide and 200% text; axe in light and dark; no console errors and
// no CSP violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready, axeViolations, holdCode, BASE } from './helpers.mjs';

const PORTAL = new URL('portal.html', BASE).href;
const GUIDES = ['#patient-guide', '#clinic-guide'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const recordCsp = () => {
  document.addEventListener('securitypolicyviolation', (e) => (window.__csp ||= []).push(`${e.violatedDirective} ${e.blockedURI}`));
};

/** The portal with both widgets drawn. */
async function portal() {
  const opened = await openPage(browser, { url: PORTAL, init: recordCsp });
  for (const guide of GUIDES) await ready(opened.page, guide);
  await opened.page.waitForFunction(() => document.querySelector('#patient-guide').handle && document.querySelector('#clinic-guide').handle);
  return opened;
}

/** No console errors, no page errors, no foreign requests, no CSP violations. */
async function clean({ page, problems, context }) {
  // axe-core injects a style element while it runs (the helpers ignore its console message);
  // the axe test checks for violations before it runs axe.
  const csp = await page.evaluate(() => window.__csp ?? []);
  assert.deepEqual(page.axeUsed ? csp.filter((v) => v !== 'style-src-elem inline') : csp, [], 'CSP violations');
  assert.deepEqual(problems, []);
  await context.close();
}

/** Computed values of `props` on the first element matching `selector`. */
function css(page, selector, props) {
  return page.locator(selector).first().evaluate((el, props) => {
    const s = getComputedStyle(el);
    return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
  }, props);
}

/** Relative luminance of a computed `rgb(...)` colour (0 black, 1 white). */
function luminance(color) {
  const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const bg = async (page, guide) => (await css(page, `${guide} .ng-root`, ['background-color']))['background-color'];

test('both widgets render and stay readable under the portal\'s hostile styles', async () => {
  const opened = await portal();
  const { page } = opened;
  // The hostile rules are really in force on the host elements and the page.
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '5px');
  for (const guide of GUIDES) {
    const host = await css(page, guide, ['font-size', 'color', 'line-height', 'direction']);
    assert.deepEqual(host, { 'font-size': '40px', color: 'rgb(255, 0, 0)', 'line-height': '0px', direction: 'rtl' }, `${guide} host element`);
  }
  for (const guide of GUIDES) {
    const title = page.locator(`${guide} .ng-title`);
    assert.ok(await title.isVisible(), `${guide} title visible`);
    assert.match(await title.innerText(), /neuroendocrine tumors\?/i);
    const root = await page.locator(`${guide} .ng-root`).boundingBox();
    assert.ok(root.width > 600 && root.height > 1000, `${guide} has a real size: ${JSON.stringify(root)}`);
    // Body text: the reader's default size (not 40px, not the 5px root), not red, spaced.
    for (const text of ['.ng-body li', '.ng-body p', '.ng-advisory', '.ng-nav-btn']) {
      const s = await css(page, `${guide} ${text}`, [
        'display', 'visibility', 'font-size', 'line-height', 'color', '-webkit-text-fill-color', 'letter-spacing',
        'word-spacing', 'text-transform', 'text-align', 'text-indent', 'font-style', 'white-space', 'direction', 'text-shadow', 'cursor',
      ]);
      const where = `${guide} ${text}: ${JSON.stringify(s)}`;
      assert.notEqual(s.display, 'none', where);
      assert.equal(s.visibility, 'visible', where);
      const size = parseFloat(s['font-size']);
      assert.ok(size >= 12 && size <= 24, where);
      assert.ok(parseFloat(s['line-height']) >= size * 1.2, where);
      assert.notEqual(s.color, 'rgb(255, 0, 0)', where);
      assert.notEqual(s['-webkit-text-fill-color'], 'rgb(255, 0, 0)', where);
      assert.equal(s['letter-spacing'], 'normal', where);
      assert.equal(s['word-spacing'], '0px', where);
      assert.equal(s['text-transform'], 'none', where);
      assert.equal(s['text-indent'], '0px', where);
      assert.equal(s['font-style'], 'normal', where);
      assert.equal(s['white-space'].startsWith('normal') || s['white-space'] === 'collapse', true, where);
      assert.equal(s.direction, 'ltr', where);
      assert.equal(s['text-shadow'], 'none', where);
      assert.notEqual(s.cursor, 'wait', where);
      if (text !== '.ng-nav-btn') assert.notEqual(s['text-align'], 'right', where);
    }
    // Lists keep their own markers, not the host's squares.
    assert.equal((await css(page, `${guide} .ng-body ul`, ['list-style-type']))['list-style-type'], 'disc');
    // The host's `button { display: none }`, `div { display: none !important }` and rules on
    // the widget's own class names stop at the shadow root.
    assert.ok(await page.locator(`${guide} .ng-nav-btn`).first().isVisible());
    assert.ok(await page.locator(`${guide} input[type=radio]`).first().isVisible());
    assert.ok(await page.locator(`${guide} .ng-refs`).first().isVisible());
  }
  const text = await css(page, '#patient-guide .ng-body li', ['font-size']);
  assert.equal(text['font-size'], '16px', 'medium: the reader\'s default size, whatever html and the host say');
  await clean(opened);
});

test('the widget\'s styles never reach the host page', async () => {
  const opened = await portal();
  const { page } = opened;
  const host = await page.evaluate(() => {
    // Host elements that happen to use the widget's class names.
    const footer = document.querySelector('.portal-footer');
    footer.insertAdjacentHTML('beforeend',
      '<span class="ng-root ng-kicker" id="h-root">x</span><p class="ng-notice" id="h-notice">y</p>'
      + '<a class="ng-link-btn ng-primary" id="h-link" href="#main">z</a><button class="ng-nav-btn" id="h-btn">b</button>');
    const s = (id) => getComputedStyle(document.getElementById(id));
    return {
      sheets: [...document.styleSheets].map((x) => x.href && new URL(x.href).pathname),
      root: (({ display, color, paddingTop, borderTopWidth, maxWidth, textTransform, fontFamily }) => ({ display, color, paddingTop, borderTopWidth, maxWidth, textTransform, fontFamily }))(s('h-root')),
      notice: (({ display, backgroundColor, borderLeftWidth }) => ({ display, backgroundColor, borderLeftWidth }))(s('h-notice')),
      link: (({ color, textDecorationLine, cursor, paddingLeft }) => ({ color, textDecorationLine, cursor, paddingLeft }))(s('h-link')),
      btn: (({ display, backgroundColor, borderRadius, cursor }) => ({ display, backgroundColor, borderRadius, cursor }))(s('h-btn')),
      hostVars: getComputedStyle(document.body).getPropertyValue('--a') + getComputedStyle(document.body).getPropertyValue('--ng-accent'),
    };
  });
  assert.deepEqual(host.sheets, ['/portal.css'], 'net-guide.css is linked only inside the shadow roots');
  // The portal's own `.ng-root { display: none !important; color: red !important }` applies;
  // nothing of the widget's (padding, border, max-width, font, uppercase kicker) does.
  assert.deepEqual(host.root, { display: 'none', color: 'rgb(255, 0, 0)', paddingTop: '0px', borderTopWidth: '0px', maxWidth: 'none', textTransform: 'none', fontFamily: 'Georgia, "Times New Roman", serif' });
  assert.deepEqual(host.notice, { display: 'block', backgroundColor: 'rgba(0, 0, 0, 0)', borderLeftWidth: '0px' });
  assert.deepEqual(host.link, { color: 'rgb(0, 0, 238)', textDecorationLine: 'underline', cursor: 'pointer', paddingLeft: '0px' });
  assert.deepEqual(host.btn, { display: 'none', backgroundColor: 'rgb(255, 0, 0)', borderRadius: '0px', cursor: 'default' });
  assert.equal(host.hostVars, '', 'no custom properties leak onto the page');
  await clean(opened);
});

test('theming through --ng-* custom properties on the host element', async () => {
  const opened = await portal();
  const { page } = opened;
  const before = await css(page, '#clinic-guide .ng-nav-btn[aria-current=page]', ['background-color']);
  await page.evaluate(() => {
    const el = document.getElementById('patient-guide');
    el.style.setProperty('--ng-accent', 'rgb(1, 2, 3)');
    el.style.setProperty('--ng-bg', 'rgb(255, 250, 240)');
    el.style.setProperty('--ng-ink', 'rgb(20, 20, 20)');
    el.style.setProperty('--ng-muted', 'rgb(70, 60, 50)');
    el.style.setProperty('--ng-line', 'rgb(200, 0, 200)');
    el.style.setProperty('--ng-font', 'Georgia, serif');
    el.style.setProperty('--ng-size', '20px');
    el.style.setProperty('--ng-radius', '0px');
  });
  const g = '#patient-guide';
  assert.deepEqual(await css(page, `${g} .ng-nav-btn[aria-current=page]`, ['background-color', 'color', 'border-top-left-radius']),
    { 'background-color': 'rgb(1, 2, 3)', color: 'rgb(255, 250, 240)', 'border-top-left-radius': '0px' });
  assert.equal((await css(page, `${g} .ng-body a`, ['color'])).color, 'rgb(1, 2, 3)');
  assert.equal((await css(page, `${g} .ng-primary`, ['background-color']))['background-color'], 'rgb(1, 2, 3)');
  assert.deepEqual(await css(page, `${g} .ng-root`, ['background-color', 'color', 'font-family', 'font-size', 'border-top-color', 'border-top-left-radius']), {
    'background-color': 'rgb(255, 250, 240)', color: 'rgb(20, 20, 20)', 'font-family': 'Georgia, serif', 'font-size': '20px',
    'border-top-color': 'rgb(200, 0, 200)', 'border-top-left-radius': '0px',
  });
  assert.equal((await css(page, `${g} .ng-advisory`, ['color'])).color, 'rgb(70, 60, 50)');
  assert.equal((await css(page, `${g} .ng-title`, ['font-size']))['font-size'], '32px', 'everything scales with --ng-size');
  // The other instance is untouched.
  assert.deepEqual(await css(page, '#clinic-guide .ng-nav-btn[aria-current=page]', ['background-color']), before);
  // A host value wins in the dark theme too.
  await page.evaluate(() => document.getElementById('clinic-guide').style.setProperty('--ng-accent', 'rgb(200, 220, 255)'));
  assert.equal((await css(page, '#clinic-guide .ng-body a', ['color'])).color, 'rgb(200, 220, 255)');
  await clean(opened);
});

test('dark theme: prefers-color-scheme, theme="dark" and theme="light" on the host', async () => {
  const opened = await portal();
  const { page } = opened;
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await bg(page, '#patient-guide'), 'rgb(255, 255, 255)');
  assert.ok(luminance(await bg(page, '#clinic-guide')) < 0.05, 'theme="dark" is dark on a light system');
  // The CSS follows the attribute by itself (a prerendered widget has no theme class yet).
  await page.evaluate(() => document.querySelector('#clinic-guide').shadowRoot.querySelector('.ng-root').classList.remove('ng-theme-dark'));
  assert.ok(luminance(await bg(page, '#clinic-guide')) < 0.05, ':host([theme=dark]) alone');

  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await css(page, '#patient-guide .ng-root', ['background-color', 'color', 'color-scheme']);
  assert.ok(luminance(dark['background-color']) < 0.05, `no theme attribute follows the system: ${dark['background-color']}`);
  assert.ok(luminance(dark.color) > 0.7);
  assert.equal(dark['color-scheme'], 'dark', 'native controls are dark too');
  await page.evaluate(() => document.getElementById('patient-guide').setAttribute('theme', 'auto'));
  assert.ok(luminance(await bg(page, '#patient-guide')) < 0.05, 'theme="auto" follows the system');

  // theme="light" beats a dark system: by the attribute alone, then with the widget's class.
  await page.evaluate(() => document.getElementById('patient-guide').setAttribute('theme', 'light'));
  assert.equal(await bg(page, '#patient-guide'), 'rgb(255, 255, 255)');
  await page.locator('#patient-guide .ng-root.ng-theme-light').waitFor();
  assert.equal(await bg(page, '#patient-guide'), 'rgb(255, 255, 255)');
  assert.equal((await css(page, '#patient-guide .ng-body li', ['color'])).color, 'rgb(29, 36, 48)');
  await page.evaluate(() => {
    const el = document.getElementById('patient-guide');
    el.removeAttribute('theme');
    el.handle.configure({ theme: 'light' }); // the same from JavaScript, without an attribute
  });
  await page.locator('#patient-guide .ng-root.ng-theme-light').waitFor();
  assert.equal(await bg(page, '#patient-guide'), 'rgb(255, 255, 255)');
  await clean(opened);
});

test('axe finds no WCAG A/AA problems on the portal, light and dark', async () => {
  const opened = await portal();
  const { page } = opened;
  await page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(await page.evaluate(() => window.__csp ?? []), [], 'CSP violations before axe');
  assert.deepEqual(await axeViolations(page), [], 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual(await axeViolations(page), [], 'dark (the patient guide follows the system)');
  // Forced light on a dark system, forced dark, with follow-up answers (urgent and normal).
  await page.evaluate(() => document.getElementById('patient-guide').setAttribute('theme', 'light'));
  await page.locator('#patient-guide .ng-root.ng-theme-light').waitFor();
  for (const [guide, question] of [['#patient-guide', 'I feel faint and my blood sugar is very low'], ['#clinic-guide', 'What are the side effects of everolimus?']]) {
    await page.locator(`${guide} .ng-ask-row input`).fill(question);
    await page.locator(`${guide} .ng-ask-row button`).click();
    await page.locator(`${guide} .ng-reply`).first().waitFor();
  }
  assert.equal(await page.locator('#patient-guide .ng-reply-urgent').count(), 1, 'an urgent reply is styled too');
  assert.deepEqual(await axeViolations(page), [], 'forced themes, follow-up answers');
  // Dark tailored results (clinician) and a topic page (patient, forced light).
  await page.locator('#clinic-guide .ng-nav-btn', { hasText: 'Tailor' }).click();
  const skip = page.locator('#clinic-guide .ng-back', { hasText: 'Skip to the options' });
  if (await skip.count()) await skip.click();
  await page.locator('#clinic-guide .ng-results').waitFor();
  await page.locator('#patient-guide .ng-nav-btn', { hasText: 'All topics' }).click();
  await page.locator('#patient-guide .ng-index a').first().click();
  await page.locator('#patient-guide .ng-topic').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'tailored results and a topic');
  await clean(opened);
});

test('print: black on white article and references, no controls, nothing clipped', async () => {
  const opened = await portal();
  const { page } = opened;
  await page.emulateMedia({ colorScheme: 'dark' });
  // A notice with its dismiss button, then print.
  await page.evaluate(() => document.getElementById('patient-guide').setAttribute('grade', 'G9'));
  await page.locator('#patient-guide .ng-notice-close').first().waitFor();
  await page.emulateMedia({ media: 'print' });
  for (const guide of GUIDES) {
    const hidden = await page.locator(guide).evaluate((host) => {
      const root = host.shadowRoot;
      const shown = (el) => el.checkVisibility();
      const all = (sel) => [...root.querySelectorAll(sel)];
      return {
        controls: all('button:not(.ng-term-btn), input, .ng-nav, .ng-audience, .ng-notices, .ng-ask-form, .ng-suggest, .ng-tailor-prompt')
          .filter(shown).map((el) => el.outerHTML.slice(0, 80)),
        refs: all('.ng-refs li').filter(shown).length,
        refsAll: all('.ng-refs li').length,
        terms: all('.ng-term-btn').filter(shown).length,
        termsAll: all('.ng-term-btn').length,
        clipped: all('.ng-table-wrap, .ng-compare-wrap').map((el) => getComputedStyle(el).overflowX).filter((o) => o !== 'visible'),
        title: shown(root.querySelector('.ng-title')),
      };
    });
    assert.deepEqual(hidden.controls, [], `${guide}: controls hidden in print`);
    assert.ok(hidden.refs > 5 && hidden.refs === hidden.refsAll, `${guide}: references printed (${hidden.refs}/${hidden.refsAll})`);
    assert.equal(hidden.terms, hidden.termsAll, `${guide}: glossary words stay in the text`);
    assert.deepEqual(hidden.clipped, [], `${guide}: no scroll regions in print`);
    assert.ok(hidden.title);
    // Black on white, whatever the theme attribute or the system says.
    const root = await css(page, `${guide} .ng-root`, ['color', 'background-color', 'border-top-width']);
    assert.deepEqual(root, { color: 'rgb(0, 0, 0)', 'background-color': 'rgb(255, 255, 255)', 'border-top-width': '0px' }, guide);
    const link = await css(page, `${guide} .ng-body a.ng-topic-link`, ['color', 'text-decoration-line']);
    assert.equal(link['text-decoration-line'], 'underline', `${guide}: links look like links`);
    assert.ok(luminance(link.color) < 0.2, `${guide}: dark links ${link.color}`);
  }
  const table = page.locator('#clinic-guide .ng-table').first();
  const fits = await table.evaluate((t) => t.closest('.ng-root').getBoundingClientRect().right >= t.getBoundingClientRect().right - 1);
  assert.ok(fits, 'the wide table fits the printed page width');
  await clean(opened);
});

test('reduced motion: no transitions, animations or smooth scrolling', async () => {
  const opened = await portal();
  const { page } = opened;
  // Motion as a later version (or a host's ::part) might add it.
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.ng-root * { transition: background-color 2s; animation: spin 3s infinite; scroll-behavior: smooth; } @keyframes spin { to { opacity: .5 } }');
    for (const id of ['patient-guide', 'clinic-guide']) {
      const root = document.getElementById(id).shadowRoot;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  });
  const props = ['transition-duration', 'animation-name', 'scroll-behavior'];
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  assert.deepEqual(await css(page, '#patient-guide .ng-nav-btn', props), { 'transition-duration': '2s', 'animation-name': 'spin', 'scroll-behavior': 'smooth' });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const guide of GUIDES) {
    for (const el of ['.ng-nav-btn', '.ng-primary', '.ng-body a']) {
      assert.deepEqual(await css(page, `${guide} ${el}`, props), { 'transition-duration': '0s', 'animation-name': 'none', 'scroll-behavior': 'auto' }, `${guide} ${el}`);
    }
  }
  await clean(opened);
});

/** Text inside the widgets that sticks out of its box (outside the table scrollers). */
function overflowing(page) {
  return page.evaluate(() => {
    const out = [];
    for (const host of document.querySelectorAll('net-guide')) {
      const root = host.shadowRoot.querySelector('.ng-root');
      const right = root.getBoundingClientRect().right;
      if (right > innerWidth + 0.5) out.push(`${host.id}: .ng-root ends at ${right}`);
      for (const el of root.querySelectorAll('h1, h2, h3, h4, h5, h6, p, li, dt, dd, a, button, label, legend, summary')) {
        if (el.closest('.ng-table-wrap, .ng-compare-wrap') || !el.checkVisibility()) continue;
        const r = el.getBoundingClientRect();
        if (r.right > right + 0.5 || el.scrollWidth > el.clientWidth + 1) out.push(`${host.id}: ${el.localName}.${el.className} "${el.textContent.slice(0, 40)}"`);
      }
    }
    return out;
  });
}

test('320 px wide and 200% text: no sideways page scroll, nothing cut off, tables scroll in place', async () => {
  const opened = await portal();
  const { page } = opened;
  for (const [width, size] of [[320, null], [640, null], [640, '32px']]) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate((size) => {
      for (const el of document.querySelectorAll('net-guide')) {
        if (size) el.style.setProperty('--ng-size', size); else el.style.removeProperty('--ng-size');
      }
    }, size);
    const where = `${width}px${size ? `, --ng-size ${size}` : ''}`;
    const page_ = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
    assert.ok(page_.scroll <= page_.inner, `${where}: page scrolls sideways (${page_.scroll} > ${page_.inner})`);
    assert.deepEqual(await overflowing(page), [], where);
    // The clinician article's wide table scrolls inside its own focusable region.
    const wrap = await page.locator('#clinic-guide .ng-table-wrap').first().evaluate((w) => ({
      scrolls: w.scrollWidth > w.clientWidth, overflow: getComputedStyle(w).overflowX, tabindex: w.tabIndex,
    }));
    assert.deepEqual(wrap, { scrolls: true, overflow: 'auto', tabindex: 0 }, where);
  }
  // Narrow screens: the fact grids stack into one column.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.evaluate(() => document.querySelectorAll('net-guide').forEach((el) => el.style.removeProperty('--ng-size')));
  const dl = await css(page, '#clinic-guide .ng-drug dl', ['grid-template-columns']);
  assert.doesNotMatch(dl['grid-template-columns'], / /, `one column: ${dl['grid-template-columns']}`);
  await clean(opened);
});

test('both portal guides are prerendered with their own attributes and taken over in place', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const release = await holdCode(page);
  await page.goto(PORTAL);
  const titles = () => page.evaluate((guides) => guides.map((guide) => {
    const title = document.querySelector(guide).shadowRoot?.querySelector('.ng-title');
    const root = document.querySelector(guide).shadowRoot?.querySelector('.ng-root');
    return title && { tag: title.tagName, top: Math.round(title.getBoundingClientRect().top), root: root.className };
  }), GUIDES);
  const before = await titles();
  // Before any code: each guide drawn as its element says (heading-level 2 and 3, the
  // clinician guide dark).
  assert.deepEqual(before.map((t) => t?.tag), ['H2', 'H3']);
  assert.match(before[1].root, /ng-audience-clinician/);
  assert.match(before[1].root, /ng-theme-dark/);
  release();
  await page.waitForFunction(() => document.querySelector('#patient-guide').handle && document.querySelector('#clinic-guide').handle);
  assert.deepEqual(await titles(), before, 'same headings, same places, same classes after takeover');
  await context.close();
});
