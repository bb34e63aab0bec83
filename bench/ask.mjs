// Follow-up answering benchmark (issue #10), run by `cargo xtask bench`:
// accuracy of `net-guide ask` on a question set (top-1 and top-3 topic, guardrails) beside
// MiniSearch indexing the same passages (`net-guide passages --json`), scored the same way,
// and native time per question for both. Usage: node bench/ask.mjs NET_GUIDE_BINARY QUESTIONS.json
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';

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

// The widget's engine. One process per question, so the time includes building the index:
// the per-question search time is reported by the browser benchmark.
function widget(q) {
  const start = performance.now();
  const reply = run(['ask', '--audience', q.audience, '--json', q.q]);
  const ms = performance.now() - start;
  const kind = reply.kind === 'urgent' ? 'needs_clinician' : reply.kind;
  return { kind, topics: reply.topics ?? [], ms };
}

// MiniSearch over the same passages: title and text, fuzzy and prefix matching, the
// reader's audience only; a topic's score is its best passage's.
const passages = run(['passages', '--json']);
const mini = new MiniSearch({
  fields: ['title', 'text'],
  storeFields: ['topic', 'audience'],
  searchOptions: { boost: { title: 2 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
});
mini.addAll(passages);
function miniSearch(q) {
  const start = performance.now();
  const hits = mini.search(q.q, { filter: (r) => r.audience === q.audience });
  const topics = [];
  for (const h of hits) if (!topics.includes(h.topic)) topics.push(h.topic);
  const ms = performance.now() - start;
  return { kind: hits.length ? 'answer' : 'out_of_scope', topics, ms };
}

function score(engine) {
  let top1 = 0, top3 = 0, topical = 0, guardRight = 0, guards = 0;
  const times = [];
  const misses = [];
  for (const q of questions) {
    const r = engine(q);
    times.push(r.ms);
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

const results = { 'net-guide': score(widget), minisearch: score(miniSearch) };
console.log(`questions: ${questions.length} (${questionsFile})`);
console.log('engine        top-1   top-3   guardrails  p50 ms  p95 ms');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(12)}  ${r.top1.padStart(6)}  ${r.top3.padStart(6)}  ${r.guardrails.padStart(10)}  ${r.p50_ms.padStart(6)}  ${r.p95_ms.padStart(6)}`,
  );
}
console.log('(net-guide times are whole `net-guide ask` processes: knowledge base decoded and index built each time)');
for (const [name, r] of Object.entries(results)) {
  if (r.misses.length) console.log(`\n${name} misses:\n  ${r.misses.join('\n  ')}`);
}
