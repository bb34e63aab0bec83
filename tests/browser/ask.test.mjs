// Follow-up questions in real Chromium: the box and suggestions under the article, topics
// and results; guardrail replies; the JS handle's ask(); the net-guide:question event;
// typed markup staying text; a long visit's memory; axe on the whole flow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready, axeViolations, chooseAudience } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const box = (page) => page.locator('net-guide .ng-ask-form input').first();

async function ask(page, question) {
  const before = await page.locator('net-guide .ng-reply').count();
  await box(page).fill(question);
  await box(page).press('Enter');
  await page.waitForFunction(
    (n) => document.querySelector('net-guide').shadowRoot.querySelectorAll('.ng-reply').length > n
      || document.querySelector('net-guide').shadowRoot.querySelectorAll('.ng-folded').length > 0,
    before,
  );
  return page.locator('net-guide .ng-reply').last();
}

test('a typed question is answered in the thread with cited passages and a topic link', async () => {
  const { context, page, problems } = await openPage(browser, {
    init: () => {
      window.questionEvents = [];
      document.addEventListener('net-guide:question', (e) => window.questionEvents.push(e.detail));
    },
  });
  await ready(page);
  const section = page.locator('net-guide .ng-ask');
  assert.match(await section.locator('h3').innerText(), /Have a follow-up question\?/);
  assert.ok((await section.locator('.ng-suggestion').count()) >= 2, 'suggested questions before any answer');
  const thread = page.locator('net-guide .ng-thread');
  assert.equal(await thread.getAttribute('aria-live'), 'polite');

  const card = await ask(page, 'what are the side effects of lutathera');
  const text = await card.innerText();
  assert.match(text, /You asked: what are the side effects of lutathera/);
  assert.match(text, /PRRT/);
  assert.ok((await card.locator('.ng-cite-link').count()) >= 1, 'the answer cites its sources');
  // A citation number leads to the card's own source list.
  const href = await card.locator('.ng-cite-link').first().getAttribute('href');
  assert.ok((await card.locator(`[id="${href.slice(1)}"]`).count()) === 1, `source ${href} is in the card`);
  assert.ok((await card.locator('.ng-topic-link').count()) >= 1, 'links to the full topic');
  // The box is cleared and keeps focus for the next question.
  assert.equal(await box(page).inputValue(), '');
  const events = await page.evaluate(() => window.questionEvents);
  assert.equal(events.length, 1);
  assert.equal(events[0].kind, 'answer');
  assert.ok(events[0].topics.includes('side_effects_prrt'), JSON.stringify(events[0]));
  assert.ok(!JSON.stringify(events[0]).includes('lutathera'), 'the event never carries the typed text');

  // Following the topic link opens the topic, whose own follow-up box suggests its questions.
  await card.locator('.ng-topic-link').first().click();
  await page.locator('net-guide .ng-topic h3').first().waitFor();
  assert.ok((await page.locator('net-guide .ng-ask').count()) === 1, 'topics end with the follow-up box');
  // A question asked from a topic's page is answered from that topic.
  const title = await page.locator('net-guide .ng-topic h3').first().innerText();
  await page.locator('net-guide .ng-ask .ng-suggestion').first().click();
  const fromTopic = page.locator('net-guide .ng-reply').last();
  await fromTopic.waitFor();
  assert.equal(await fromTopic.locator('.ng-reply-more .ng-topic-link').first().innerText(), title);
  assert.deepEqual(problems, []);
  await context.close();
});

test('guardrails: emergencies first, own-treatment decisions to the care team, off-topic said honestly', async () => {
  const { context, page, problems } = await openPage(browser);
  await ready(page);
  const urgent = await ask(page, 'my blood sugar is very low and I feel faint');
  assert.match(await urgent.getAttribute('class'), /ng-reply-urgent/);
  assert.match(await urgent.locator('.ng-reply-message').innerText(), /emergency|911|999|112/i);

  const personal = await ask(page, 'Should I stop my lanreotide injections before my holiday?');
  assert.match(await personal.getAttribute('class'), /ng-reply-clinician/);
  assert.match(await personal.locator('.ng-reply-message').innerText(), /care team|doctor|nurse/i);

  const scope = await ask(page, 'What is the best pizza in Naples?');
  assert.match(await scope.getAttribute('class'), /ng-reply-scope/);
  assert.equal(await scope.locator('.ng-cite-link').count(), 0, 'no passages for an off-topic question');
  assert.deepEqual(problems, []);
  await context.close();
});

test('suggested questions are buttons that ask; answers follow the audience', async () => {
  const { context, page, problems } = await openPage(browser);
  await ready(page);
  await page.locator('net-guide .ng-suggestion').first().click();
  await page.locator('net-guide .ng-reply').first().waitFor();
  assert.equal(await page.locator('net-guide .ng-reply').count(), 1);

  const patient = await (await ask(page, 'How is PRRT given?')).innerText();
  await chooseAudience(page, 'clinician');
  const clinician = await (await ask(page, 'How is PRRT given?')).innerText();
  assert.notEqual(patient, clinician, 'clinicians get the clinician passage');
  assert.deepEqual(problems, []);
  await context.close();
});

test('typed markup and script stay text; empty questions get a polite hint', async () => {
  const { context, page, problems } = await openPage(browser, {
    init: () => { window.pwned = 0; },
  });
  await ready(page);
  const payloads = [
    '<img src=x onerror="window.pwned=1">carcinoid',
    '<script>window.pwned=2</script> octreotide',
    '"><svg onload="window.pwned=3"> PRRT',
    'javascript:window.pwned=4 // lanreotide',
    '<a href="javascript:window.pwned=5">click</a> everolimus',
  ];
  for (const p of payloads) {
    const card = await ask(page, p);
    assert.equal(await card.locator('img, script, svg, a[href^="javascript"]').count(), 0, p);
    assert.ok((await card.locator('.ng-asked').innerText()).includes(p.slice(0, 12)), `${p} is shown as text`);
  }
  assert.equal(await page.evaluate(() => window.pwned), 0);

  await box(page).fill('    ');
  await box(page).press('Enter');
  await page.locator('net-guide .ng-notice').filter({ hasText: 'Type a question' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the handle answers ask() with SPEC §7 objects; 2,000 questions keep the thread and memory bounded', async () => {
  const { context, page, problems } = await openPage(browser, {
    // Test-only: keep the widget's WebAssembly memory in reach to measure it.
    init: () => {
      const instantiate = WebAssembly.instantiate;
      WebAssembly.instantiate = async (...args) => {
        const result = await instantiate.apply(WebAssembly, args);
        const exports = (result.instance ?? result).exports;
        for (const value of Object.values(exports)) {
          if (value instanceof WebAssembly.Memory) window.__wasmMemory = value;
        }
        return result;
      };
    },
  });
  await ready(page);
  const reply = await page.evaluate(() => document.querySelector('net-guide').handle.ask('What does the 5-HIAA test measure?', {}));
  assert.equal(reply.kind, 'answer');
  assert.equal(reply.answers[0].topic, 'markers_5hiaa_cga');
  for (const key of ['id', 'title', 'text', 'cites', 'score']) assert.ok(key in reply.answers[0], key);
  assert.ok(Array.isArray(reply.suggestions));
  const clinician = await page.evaluate(() => document.querySelector('net-guide').handle.ask('What does the 5-HIAA test measure?', { audience: 'clinician' }));
  assert.match(clinician.answers[0].id, /:clinician:/);
  const long = await page.evaluate(() => document.querySelector('net-guide').handle.ask('é🙂\u0000<b>'.repeat(2500), {}));
  assert.ok(['answer', 'out_of_scope'].includes(long.kind));

  // 2,000 questions through the box's own path (the reducer), memory measured in the page.
  const memory = async () => page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  const questions = ['carcinoid syndrome diarrhea', 'how does the shot work', 'is PRRT safe', 'what is Ki-67', 'pizza recipe', 'should I stop octreotide'];
  for (let i = 0; i < 40; i++) await ask(page, questions[i % questions.length]);
  const wasmBytes = () => page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
  const heapBefore = await memory();
  const wasmBefore = await wasmBytes();
  // The rest go through the same form from inside the page (a browser round trip per
  // question would make this test take minutes), yielding to the widget after each.
  await page.evaluate(async (questions) => {
    const root = document.querySelector('net-guide').shadowRoot;
    const form = root.querySelector('.ng-ask-form');
    const input = form.querySelector('input');
    for (let i = 40; i < 2000; i++) {
      input.value = `${questions[i % questions.length]} ${i}`;
      form.requestSubmit();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }, questions);
  await page.waitForFunction(() => document.querySelector('net-guide').shadowRoot.querySelector('.ng-thread').textContent.includes(' 1999'));
  const cards = await page.locator('net-guide .ng-reply').count();
  assert.ok(cards <= 12, `the thread folds old answers (${cards} cards)`);
  assert.match(await page.locator('net-guide .ng-folded').innerText(), /folded/);
  const heapAfter = await memory();
  const wasmAfter = await wasmBytes();
  assert.ok(wasmBefore > 0, 'the wasm memory was found');
  assert.ok(heapAfter < heapBefore + 20e6, `JS heap grew from ${heapBefore} to ${heapAfter}`);
  assert.ok(wasmAfter <= wasmBefore * 2 + 4e6, `wasm memory grew from ${wasmBefore} to ${wasmAfter}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe-core: the ask flow has no WCAG 2.2 A/AA violations', async () => {
  const { context, page } = await openPage(browser);
  await ready(page);
  await ask(page, 'What is a carcinoid crisis?');
  await ask(page, 'Should I skip my next lanreotide dose?');
  await ask(page, 'qwzx plorf');
  assert.deepEqual(await axeViolations(page), [], 'article with answers');
  await chooseAudience(page, 'clinician');
  await ask(page, 'CAPTEM response rate in pancreatic NET');
  assert.deepEqual(await axeViolations(page), [], 'clinician answers');
  await context.close();
});
