// Follow-up answering benchmark (issue #10), run by `cargo xtask bench`, all in one run in
// headless Chromium on the built widget: accuracy of the widget's handle.ask() on a question
// set (top-1 and top-3 topic, guardrails) beside MiniSearch indexing the same passages
// (`net-guide passages --json`) in the same page, scored the same way, and time per question
// (p50, p95) for both, measured inside the page.
// Usage: NET_GUIDE_URL=… CHROMIUM=… node bench/ask.mjs NET_GUIDE_BINARY QUESTIONS.json
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { launch, openPage, ready } from '../tests/browser/helpers.mjs';

const require = createRequire(import.meta.url);
const [binary, questionsFile] = process.argv.slice(2);
if (!binary || !questionsFile) {
  console.error('usage: node bench/ask.mjs NET_GUIDE_BINARY QUESTIONS.json');
  process.exit(2);
}
const set = JSON.parse(readFileSync(questionsFile, 'utf8'));
const questions = set.questions;
const GUARDS = new Set(['out_of_scope', 'needs_clinician']);

function run(args) {
  const r = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${binary} ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const passages = run(['passages', '--json']);
const browser = await launch();
const { page, problems } = await openPage(browser);
await ready(page);
// MiniSearch's browser build, in the same page as the widget.
const miniDir = dirname(require.resolve('minisearch'));
await page.evaluate(readFileSync(join(miniDir, '..', 'umd', 'index.js'), 'utf8'));

// Both engines answer every question in the page; times are performance.now() around one
// call each. The widget builds its index at its first question: that time is reported apart.
const answers = await page.evaluate(({ questions, passages }) => {
  const handle = document.querySelector('net-guide').handle;
  let start = performance.now();
  handle.ask('warm up', {});
  const firstMs = performance.now() - start;
  // MiniSearch: title and text, fuzzy and prefix matching, the reader's audience only; a
  // topic's score is its best passage's.
  start = performance.now();
  const mini = new window.MiniSearch({
    fields: ['title', 'text'],
    storeFields: ['topic', 'audience'],
    searchOptions: { boost: { title: 2 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  mini.addAll(passages);
  const miniIndexMs = performance.now() - start;
  const widget = [];
  const minisearch = [];
  // Every question is asked ROUNDS times and each time counts: 30 questions alone make a
  // p95 that one hiccup of the machine decides.
  const ROUNDS = 5;
  const timesOf = (f) => {
    const out = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      f();
      out.push(performance.now() - t);
    }
    return out;
  };
  for (const q of questions) {
    start = performance.now();
    const reply = handle.ask(q.q, { audience: q.audience });
    const ms = [performance.now() - start, ...timesOf(() => handle.ask(q.q, { audience: q.audience })).slice(1)];
    widget.push({ kind: reply.kind === 'urgent' ? 'needs_clinician' : reply.kind, topics: reply.topics, ms });
    start = performance.now();
    const hits = mini.search(q.q, { filter: (r) => r.audience === q.audience });
    const first = performance.now() - start;
    const topics = [];
    for (const h of hits) if (!topics.includes(h.topic)) topics.push(h.topic);
    const miniMs = [first, ...timesOf(() => mini.search(q.q, { filter: (r) => r.audience === q.audience })).slice(1)];
    minisearch.push({ kind: hits.length ? 'answer' : 'out_of_scope', topics, ms: miniMs });
  }
  return { widget, minisearch, firstMs, miniIndexMs };
}, { questions, passages });
await browser.close();
if (problems.length) console.log(`page problems: ${problems.join('; ')}`);

function score(replies) {
  let top1 = 0, top3 = 0, topical = 0, guardRight = 0, guards = 0;
  const times = [];
  const misses = [];
  for (const [i, q] of questions.entries()) {
    const r = replies[i];
    times.push(...r.ms);
    if (GUARDS.has(q.expected_topic)) {
      guards += 1;
      if (r.kind === q.expected_topic) guardRight += 1;
      else misses.push(`${q.expected_topic} → ${r.kind}: ${q.q}`);
      continue;
    }
    topical += 1;
    if (r.kind === 'answer' && r.topics[0] === q.expected_topic) top1 += 1;
    else misses.push(`${q.expected_topic} → ${r.kind} ${r.topics.slice(0, 3).join(',')}: ${q.q}`);
    if (r.kind === 'answer' && r.topics.slice(0, 3).includes(q.expected_topic)) top3 += 1;
  }
  times.sort((a, b) => a - b);
  const pct = (n, d) => (d ? ((100 * n) / d).toFixed(1) : '-') + '%';
  const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
  return {
    top1: pct(top1, topical),
    top3: pct(top3, topical),
    guardrails: `${guardRight}/${guards}`,
    p50_ms: at(0.5),
    p95_ms: at(0.95),
    misses,
  };
}

const results = { 'net-guide': score(answers.widget), minisearch: score(answers.minisearch) };
console.log(`questions: ${questions.length} (${questionsFile})`);
console.log('engine        top-1   top-3   guardrails  p50 ms  p95 ms');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(12)}  ${r.top1.padStart(6)}  ${r.top3.padStart(6)}  ${r.guardrails.padStart(10)}  ${r.p50_ms.padStart(6)}  ${r.p95_ms.padStart(6)}`,
  );
}
console.log(`(times per call in headless Chromium, every question asked 5 times; the widget's index is built at its first question: ${answers.firstMs.toFixed(1)} ms; MiniSearch indexing: ${answers.miniIndexMs.toFixed(1)} ms)`);
for (const [name, r] of Object.entries(results)) {
  if (r.misses.length) console.log(`\n${name} misses:\n  ${r.misses.join('\n  ')}`);
}
