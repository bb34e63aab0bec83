// The decision flow in real Chromium: answer questions, "I'm not sure", change an answer,
// share-link round trip, remembering, and axe-core at every step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openPage, ready, axeViolations, chooseAudience } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const W = 'net-guide';

async function questionTitle(page) {
  return page.locator(`${W} .ng-question legend h3`).innerText();
}

/** Picks the choice whose label matches `label` on the current question, checks the step
 * with axe-core when asked, then moves on. */
async function answer(page, label, { axe = false } = {}) {
  await page.locator(`${W} .ng-choice`, { hasText: label }).first().locator('input').check();
  if (axe) assert.deepEqual(await axeViolations(page), [], `question: ${await questionTitle(page)}`);
  await page.locator(`${W} .ng-tailor-nav .ng-primary`).click();
}

async function optionIds(page) {
  return page.locator(`${W} .ng-options .ng-option`).evaluateAll((els) => els.map((e) => e.dataset.option));
}

test('answering questions one at a time tailors the options, with axe clean at each step', async () => {
  const { context, page, problems } = await openPage(browser);
  await ready(page);
  await page.locator(`${W} .ng-tailor-prompt .ng-primary`).click();
  assert.match(await questionTitle(page), /Where did the tumor start/);
  assert.deepEqual(await axeViolations(page), [], 'first question');
  // Every question offers "I'm not sure".
  assert.equal(await page.locator(`${W} .ng-choice-unsure`).count(), 1);

  // axe-core runs on every question step.
  const axe = { axe: true };
  await answer(page, 'Small intestine', axe);
  await answer(page, 'Well differentiated', axe);
  await answer(page, 'Grade 1', axe);
  await answer(page, 'Less than 3%', axe);
  await answer(page, 'To other organs', axe);
  await answer(page, 'No, it cannot all be removed', axe);
  await answer(page, "I'm not sure", axe); // size
  await answer(page, 'No hormone symptoms', axe);
  await answer(page, "I'm not sure", axe); // SSTR scan
  await answer(page, 'Yes, it is growing', axe);
  // Prior treatments: tick lanreotide.
  await page.locator(`${W} .ng-choice`, { hasText: 'Lanreotide' }).locator('input').check();
  assert.deepEqual(await axeViolations(page), [], 'prior treatments');
  await page.locator(`${W} .ng-tailor-nav .ng-primary`).click();
  await answer(page, '18 or older', axe);
  await answer(page, "I'm not sure", axe); // hereditary
  await answer(page, "I'm not sure", axe); // liver-dominant
  await page.locator(`${W} .ng-results`).waitFor();

  await page.locator(`${W} .ng-results`).waitFor();
  let ids = await optionIds(page);
  assert.ok(ids.includes('everolimus'), `everolimus offered for a growing gut NET: ${ids}`);
  assert.ok(!ids.includes('prrt_lu177'), 'no PRRT without a receptor scan');
  assert.ok(!ids.includes('sunitinib'), 'no sunitinib outside the pancreas');
  const whatIf = await page.locator(`${W} .ng-whatif`).innerText();
  assert.match(whatIf, /receptor \(SSTR\) scan/);
  assert.match(whatIf, /PRRT/);
  const excluded = await page.locator(`${W} .ng-excluded`).innerText();
  assert.match(excluded, /Sunitinib/);
  assert.ok((await page.locator(`${W} .ng-ask li`).count()) >= 3, 'questions for the care team');
  assert.ok((await page.locator(`${W} .ng-results .ng-refs li`).count()) >= 3, 'results are cited');
  assert.deepEqual(await axeViolations(page), [], 'results');

  // Change one answer from the results: the scan was positive after all.
  await page
    .locator(`${W} .ng-answers .ng-answer`, { hasText: 'receptor (SSTR) scan' })
    .locator('button', { hasText: 'Change' })
    .click();
  assert.match(await questionTitle(page), /somatostatin-receptor scan/);
  await answer(page, 'Yes, it lit up');
  await page.locator(`${W} .ng-results`).waitFor();
  ids = await optionIds(page);
  assert.ok(ids.includes('prrt_lu177'), `PRRT once the scan is positive: ${ids}`);

  // The comparison table lists medicines without ranking them.
  const caption = await page.locator(`${W} .ng-compare caption`).innerText();
  assert.match(caption, /not ranked/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a share link reopens the same tailored view; answers are kept only with consent, never with remember off', async () => {
  const { context, page } = await openPage(browser);
  await ready(page);
  await page.locator(`${W} .ng-nav-btn`, { hasText: 'Tailor' }).click();
  await answer(page, 'Pancreas');
  await answer(page, 'Well differentiated');
  await answer(page, 'Grade 3 NET');
  await page.locator(`${W} .ng-tailor-nav button`, { hasText: 'Skip' }).click();
  await page.locator(`${W} .ng-results`).waitFor();
  const before = await optionIds(page);
  await page.locator(`${W} .ng-tailor-actions button`, { hasText: 'share link' }).click();
  const url = await page.locator(`${W} .ng-share input`).inputValue();
  assert.match(url, /#net-guide:/);
  assert.ok(url.startsWith(BASE.replace(/\/$/, '')));
  assert.equal(await page.evaluate(() => location.hash), '', 'the page address is left alone (share="copy")');
  const keep = () => page.evaluate(() => localStorage.getItem('net-guide:profile'));
  assert.equal(await keep(), null, 'answers are not kept without the reader agreeing');
  await page.locator(`${W} .ng-remember input[type=checkbox]`).check();
  assert.match(await keep(), /site=pancreas/, 'kept once the reader ticks "Remember my answers"');
  await page.locator(`${W} .ng-remember input[type=checkbox]`).uncheck();
  assert.equal(await keep(), null, 'unticking forgets them');

  // Open the link in a fresh context: same options, shown straight away.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(url);
  await fresh.locator(`${W} .ng-results`).waitFor();
  assert.deepEqual(await optionIds(fresh), before);
  await other.close();

  // remember="off": answering stores nothing.
  await page.evaluate(() => {
    localStorage.clear();
    history.replaceState(null, '', location.pathname);
    document.querySelector('main').innerHTML = '<net-guide id="quiet" remember="off"></net-guide>';
  });
  await ready(page, '#quiet');
  await page.locator('#quiet .ng-nav-btn', { hasText: 'Tailor' }).click();
  await page.locator('#quiet .ng-choice', { hasText: /^Rectum$/ }).locator('input').check();
  await page.locator('#quiet .ng-tailor-nav .ng-primary').click();
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await context.close();
});

test('a garbled share link shows a polite notice and keeps what it understood', async () => {
  const { context, page, problems } = await openPage(browser, { url: `${BASE}#net-guide:site=lung;grade=bogus;<x>=1` });
  await page.locator(`${W} .ng-results`).waitFor();
  const notice = await page.locator(`${W} .ng-notice`).innerText();
  assert.match(notice, /not understood/);
  const answers = await page.locator(`${W} .ng-answers`).innerText();
  assert.match(answers, /Lung/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('clinicians see technical wording in the tailored results', async () => {
  const { context, page } = await openPage(browser, { url: `${BASE}#net-guide:site=stomach;diff=poor;grade=NEC;stage=metastatic;resectable=no` });
  await page.locator(`${W} .ng-results`).waitFor();
  const patientText = await page.locator(`${W} .ng-options`).innerText();
  await chooseAudience(page, 'clinician');
  await page.locator(`${W} .ng-audience-clinician`).waitFor();
  const clinicianText = await page.locator(`${W} .ng-options`).innerText();
  assert.notEqual(clinicianText, patientText);
  assert.deepEqual(await optionIds(page), ['platinum_etoposide', 'clinical_trial']);
  assert.deepEqual(await axeViolations(page), [], 'clinician results');
  await context.close();
});

test('answers that contradict each other are said first, with each reading, and no confident list', async () => {
  const { context, page, problems } = await openPage(browser, {
    url: `${BASE}#net-guide:site=small_intestine;diff=poor;grade=G1;stage=metastatic;sstr=yes;progression=progressive;prior=ssa_octreotide`,
  });
  await page.locator(`${W} .ng-results`).waitFor();
  const conflict = page.locator(`${W} .ng-conflict`);
  const text = await conflict.innerText();
  assert.match(text, /do not fit together/);
  assert.match(text, /Platinum-etoposide/, 'the carcinoma reading');
  assert.match(text, /PRRT/, 'the grade 1 NET reading');
  // Said before the options and the answers.
  const order = await page.evaluate(() => {
    const root = document.querySelector('net-guide').shadowRoot;
    const c = root.querySelector('.ng-conflict');
    const o = root.querySelector('.ng-options');
    return Boolean(c.compareDocumentPosition(o) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(order, 'contradiction shown before the options');
  const ids = await optionIds(page);
  assert.ok(!ids.includes('prrt_lu177') && !ids.includes('platinum_etoposide'), `${ids}`);
  assert.deepEqual(await axeViolations(page), [], 'contradictory results');
  assert.deepEqual(problems, []);
  await context.close();
});
