// The widget in real headless Chromium, served from dist/ under the production CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { BASE, launch, openPage, ready, widgetText, axeViolations, chooseAudience } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('demo page loads the article with no console errors or foreign requests', async () => {
  const { context, page, problems } = await openPage(browser);
  await ready(page);
  const text = await widgetText(page);
  for (const needle of [
    'What is the definition and treatment of neuroendocrine tumors?',
    'Which best describes you?',
    'From the Guidelines',
    'From the FDA Drug Label',
    'From the Research',
    'References',
    'Last updated:',
  ]) {
    assert.ok(text.includes(needle), `missing "${needle}"`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('switching audience rewrites the visible text and survives a reload', async () => {
  const { context, page, problems } = await openPage(browser);
  await ready(page);
  const patient = await widgetText(page);
  await chooseAudience(page, 'clinician');
  await page.locator('net-guide .ng-audience-clinician').waitFor();
  const clinician = await widgetText(page);
  assert.notEqual(clinician, patient);
  assert.ok(clinician.includes('Professional medical disclaimer'));
  const stored = await page.evaluate(() => localStorage.getItem('net-guide:audience'));
  assert.equal(stored, 'clinician');
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(keys.every((k) => k.startsWith('net-guide:')), `unexpected keys ${keys}`);

  await page.reload();
  await ready(page);
  assert.ok(await page.locator('net-guide input[value=clinician]').isChecked());
  assert.ok((await widgetText(page)).includes('Professional medical disclaimer'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a citation link moves focus to its reference', async () => {
  const { context, page } = await openPage(browser);
  await ready(page);
  const link = page.locator('net-guide .ng-cite-link').first();
  const href = await link.getAttribute('href');
  await link.click();
  const focused = await page.evaluate(() => {
    const host = document.querySelector('net-guide');
    const el = host.shadowRoot.activeElement;
    return el ? { id: el.id, tag: el.tagName, text: el.textContent } : null;
  });
  assert.ok(focused, 'something is focused');
  assert.equal(`#${focused.id}`, href);
  assert.equal(focused.tag, 'LI');
  assert.ok(focused.text.length > 30, 'the reference has bibliographic text');
  await context.close();
});

test('an unknown audience attribute shows a polite notice and falls back to patient', async () => {
  const { context, page, problems } = await openPage(browser);
  await ready(page);
  await page.evaluate(() => {
    document.querySelector('main').innerHTML =
      '<net-guide id="bad" audience="martian&lt;b&gt;" remember="off"></net-guide>';
  });
  await ready(page, '#bad');
  const notice = await page.locator('#bad .ng-notice').innerText();
  assert.match(notice, /not understood/);
  assert.match(notice, /use patient, caregiver or clinician/);
  assert.ok(notice.includes('martian<b>'), 'the bad value is shown as text');
  assert.ok(await page.locator('#bad input[value=patient]').isChecked());
  assert.deepEqual(problems, []);
  await context.close();
});

test('garbage or unavailable storage does not break the widget', async () => {
  const garbage = await openPage(browser, {
    init: () => localStorage.setItem('net-guide:audience', '{"not":"an audience"}\u0000'),
  });
  await ready(garbage.page);
  assert.ok(await garbage.page.locator('net-guide input[value=patient]').isChecked());
  assert.deepEqual(garbage.problems, []);
  await garbage.context.close();

  const blocked = await openPage(browser, {
    init: () => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('blocked', 'SecurityError');
        },
      });
    },
  });
  await ready(blocked.page);
  await chooseAudience(blocked.page, 'caregiver');
  await blocked.page.locator('net-guide .ng-audience-caregiver').waitFor();
  assert.deepEqual(blocked.problems, []);
  await blocked.context.close();
});

test('remember="off" stores nothing', async () => {
  const { context, page } = await openPage(browser);
  await ready(page);
  await page.evaluate(() => {
    localStorage.clear();
    document.querySelector('main').innerHTML = '<net-guide id="quiet" remember="off"></net-guide>';
  });
  await ready(page, '#quiet');
  await chooseAudience(page, 'clinician', '#quiet');
  await page.locator('#quiet .ng-audience-clinician').waitFor();
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await context.close();
});

test('a panic shows the fallback message in every widget on the page; the shipped build has no test hook', async () => {
  const shipped = await openPage(browser);
  await ready(shipped.page);
  const exported = await shipped.page.evaluate(async () => Object.keys(await import('./net-guide.js')));
  assert.deepEqual(exported, ['mount'], 'the shipped module exports mount() only');
  await shipped.context.close();

  const hooks = process.env.NET_GUIDE_HOOKS_URL;
  assert.ok(hooks, 'cargo xtask test serves the build with the panic test hook (NET_GUIDE_HOOKS_URL)');
  const { context, page } = await openPage(browser, { url: hooks });
  await ready(page);
  await page.evaluate(() => {
    const second = document.createElement('net-guide');
    second.id = 'second';
    second.setAttribute('audience', 'clinician');
    document.querySelector('main').append(second);
  });
  await ready(page, '#second');
  await page.evaluate(async () => {
    const module = await import('./net-guide.js');
    try {
      module.__netGuideTestPanic();
    } catch {
      // The trap surfaces here; each widget itself must show the message.
    }
  });
  const alerts = page.locator('net-guide [role=alert]');
  await page.waitForFunction(() => document.querySelectorAll('net-guide').length === 2
    && [...document.querySelectorAll('net-guide')].every((el) => el.shadowRoot.querySelector('[role=alert]')));
  assert.equal(await alerts.count(), 2);
  for (let i = 0; i < 2; i += 1) assert.match(await alerts.nth(i).innerText(), /stopped working/);
  await context.close();
});

test('glossary terms open their plain definition in place (patient view)', async () => {
  const { context, page } = await openPage(browser);
  await ready(page);
  const term = page.locator('net-guide .ng-term-btn').first();
  assert.equal(await term.getAttribute('aria-expanded'), 'false');
  await term.press('Enter');
  assert.equal(await term.getAttribute('aria-expanded'), 'true');
  const defId = await term.getAttribute('aria-controls');
  const def = page.locator(`net-guide [id="${defId}"]`);
  assert.ok(await def.isVisible());
  assert.ok((await def.innerText()).length > 20);
  await context.close();
});

test('on a phone, a tap opens a glossary definition and tables scroll inside the page', async () => {
  const { context, page, problems } = await openPage(browser, { touch: true });
  await ready(page);
  const term = page.locator('net-guide .ng-term-btn').first();
  await term.scrollIntoViewIfNeeded();
  await term.tap();
  assert.equal(await term.getAttribute('aria-expanded'), 'true');
  const def = page.locator(`net-guide [id="${await term.getAttribute('aria-controls')}"]`);
  assert.ok(await def.isVisible());
  await term.tap();
  assert.equal(await term.getAttribute('aria-expanded'), 'false');
  await chooseAudience(page, 'clinician');
  const table = page.locator('net-guide .ng-table-wrap').first();
  await table.waitFor();
  const widths = await table.evaluate((el) => [el.clientWidth, document.documentElement.clientWidth]);
  assert.ok(widths[0] <= widths[1], `the table stays inside the screen: ${widths}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('drug boxes differ by reader: plain facts and warnings for patients, label dose and warnings for clinicians', async () => {
  const { context, page } = await openPage(browser);
  await ready(page);
  const box = () => page.locator('net-guide .ng-drug').first();
  await box().waitFor();
  const lay = await box().innerText();
  assert.match(lay, /What it is for/);
  assert.match(lay, /Call your care team at once if/);
  assert.doesNotMatch(lay, /\d\s?mg\b/);
  await chooseAudience(page, 'clinician');
  await page.locator('net-guide .ng-audience-clinician').waitFor();
  const clinician = await box().innerText();
  assert.match(clinician, /Dose on the US label|Schedule used in studies/);
  assert.match(clinician, /Warnings and precautions/);
  await context.close();
});

test('topics: index, reading a topic in place, related links and back', async () => {
  const { context, page, problems } = await openPage(browser);
  await ready(page);
  await page.locator('net-guide .ng-nav-btn', { hasText: 'All topics' }).click();
  const links = page.locator('net-guide .ng-index .ng-topic-link');
  assert.ok((await links.count()) >= 33);
  await page.locator('net-guide .ng-index .ng-topic-link', { hasText: /PRRT/ }).first().click();
  const heading = page.locator('net-guide .ng-topic h3').first();
  await heading.waitFor();
  assert.match(await heading.innerText(), /PRRT/);
  const focusedId = await page.evaluate(() => document.querySelector('net-guide').shadowRoot.activeElement?.id);
  assert.equal(focusedId, await heading.getAttribute('id'), 'focus moves to the topic heading');
  assert.ok((await page.locator('net-guide .ng-topic .ng-refs li').count()) > 0);
  await page.locator('net-guide .ng-related .ng-topic-link').first().click();
  await page.locator('net-guide .ng-back', { hasText: 'Back to the article' }).click();
  await page.locator('net-guide .ng-tier-guidelines').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe-core: no WCAG 2.2 A/AA violations in each audience and on topic pages', async () => {
  const { context, page } = await openPage(browser);
  await ready(page);
  for (const audience of ['patient', 'caregiver', 'clinician']) {
    await chooseAudience(page, audience);
    await page.locator(`net-guide .ng-audience-${audience}`).waitFor();
    await page.locator('net-guide .ng-term-btn').first().click().catch(() => {});
    await page.locator('net-guide details.ng-policy summary').click();
    assert.deepEqual(await axeViolations(page), [], `${audience} article`);
    await page.locator('net-guide details.ng-policy summary').click();
  }
  await page.locator('net-guide .ng-nav-btn', { hasText: 'All topics' }).click();
  assert.deepEqual(await axeViolations(page), [], 'topic index');
  await page.locator('net-guide .ng-index .ng-topic-link').nth(1).click();
  await page.locator('net-guide .ng-topic').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'topic page');
  await context.close();
});

test('README screenshot of the article', async () => {
  const { context, page } = await openPage(browser);
  await page.setViewportSize({ width: 900, height: 1100 });
  await ready(page);
  mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: 'docs/screenshot.png', type: 'png' });
  await context.close();
  assert.ok(BASE.startsWith('http://127.0.0.1'));
});
