// Unpacks the widget's code: a JavaScript twin of the decoder in src/kb/codec.rs (the
// context-mixing coder that also packs the knowledge base), which `cargo xtask build` uses
// to pack the wasm. It packs the code about 4% smaller than LZMA. Integer arithmetic only,
// mirroring the Rust line by line, so both agree bit for bit; a test decodes the build's
// output and compares it with the wasm it was made from.
const TABLE_BITS = 22;
const MATCH_BITS = 18;
const MATCH_MIN = 6;
const INPUTS = 10;
const LIMIT = 16;
const MAX_LEN = 1 << 24;
const SQUASH_AT = [
  1, 2, 3, 6, 10, 16, 27, 45, 73, 120, 194, 310, 488, 747, 1101, 1546, 2047, 2549, 2994, 3348,
  3607, 3785, 3901, 3975, 4022, 4050, 4068, 4079, 4085, 4089, 4092, 4093, 4094,
];

function squash(d) {
  if (d > 2047) return 4095;
  if (d < -2047) return 1;
  const w = d & 127;
  const i = (d >> 7) + 16;
  return (SQUASH_AT[i] * (128 - w) + SQUASH_AT[i + 1] * w + 64) >> 7;
}

function hash(a, b) {
  return Math.imul(Math.imul(a, 0x9e3779b1) ^ rotl(Math.imul(b, 0x85ebca6b), 13), 0xc2b2ae35) >>> 0;
}

function rotl(x, n) {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

const NEW = 0x80000000;

// Gives the page a turn between slices, so scrolling and reading stay smooth while the code
// unpacks (a second or more on a desktop; longer on phones).
const yieldToPage = () => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = resolve;
  channel.port2.postMessage(0);
});

export async function uncm(buffer) {
  const input = new Uint8Array(buffer);
  let pos = 0;
  let len = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length || shift > 28) throw new Error('net-guide: damaged code (header)');
    const byte = input[pos++];
    len += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  if (len > MAX_LEN) throw new Error('net-guide: damaged code (length)');
  const next = () => (pos < input.length ? input[pos++] : 0);

  const stretch = new Int16Array(4096).fill(2047);
  for (let x = -2047, from = 0; x <= 2047; x++) {
    const v = squash(x);
    for (let i = from; i <= v; i++) stretch[i] = x;
    from = Math.max(from, v + 1);
  }
  const st = (p) => stretch[Math.min(p, 4095)];
  const rates = new Int32Array(1024).map((_, n) => Math.trunc(131072 / (2 * n + 3)));
  const order0 = new Uint32Array(256).fill(NEW);
  const order1 = new Uint32Array(1 << 16).fill(NEW);
  const table = new Uint32Array(1 << TABLE_BITS).fill(NEW);
  const contexts = new Uint32Array(6);
  const buckets = new Int32Array(6);
  const slots = new Int32Array(6);
  const weights = new Int32Array(INPUTS * 256 * 4).fill(1 << 14);
  const inputs = new Int32Array(INPUTS);
  const history = new Uint8Array(len);
  const lastSeen = new Uint32Array(1 << MATCH_BITS);
  const matchCounters = new Uint32Array(64).fill(NEW);
  const apm = new Uint16Array((1 << 16) * 33);
  const row = Array.from({ length: 33 }, (_, j) => squash((j - 16) * 128) * 16);
  for (let i = 0; i < 1 << 16; i++) apm.set(row, i * 33);
  let n = 0;
  let mixerSet = 0;
  let matchPtr = 0;
  let matchLen = 0;
  let matchSlot = 0;
  let partial = 1;
  let bitCount = 0;
  let lo = 0; // the last four bytes
  let hi = 0; // the four before them
  let word = 0;
  let previousWord = 0;
  let pr = 2048;
  let mixed = 2048;
  let apmSlot = 0;

  const update = (arr, i, bit, limit) => {
    const c = arr[i];
    const count = c & 1023;
    const p = c >>> 10;
    const target = bit ? (1 << 22) - 1 : 0;
    const moved = p + Math.floor(((target - p) * rates[count]) / 65536);
    arr[i] = moved * 1024 + Math.min(count, limit - 1) + 1;
  };

  const newByteContexts = () => {
    contexts[0] = hash(lo & 0xffff, 2);
    contexts[1] = hash(lo & 0xffffff, 3);
    contexts[2] = hash(lo, 4);
    contexts[3] = hash(hash(lo, 6), hi & 0xffff);
    contexts[4] = (hash(word, 7) ^ Math.imul(lo & 0xff, 0x01000193)) >>> 0;
    contexts[5] = hash(hash(word, previousWord), 8);
  };

  const findBuckets = () => {
    const nibble = bitCount === 0 ? 0 : partial;
    const mask = (1 << (TABLE_BITS - 4)) - 1;
    for (let i = 0; i < 6; i++) {
      const h = hash(contexts[i], nibble + i * 0x100);
      const check = (h | 1) >>> 0;
      const first = (h >>> 4) & mask;
      const a = first * 16;
      const b = (first ^ 1) * 16;
      let bucket;
      if (table[a] === check) bucket = a;
      else if (table[b] === check) bucket = b;
      else {
        bucket = (table[a + 1] & 1023) <= (table[b + 1] & 1023) ? a : b;
        table[bucket] = check;
        table.fill(NEW, bucket + 1, bucket + 16);
      }
      buckets[i] = bucket;
    }
  };

  const predict = () => {
    const c0 = partial;
    const c1 = lo & 0xff;
    inputs[0] = st(order0[c0] >>> 20);
    inputs[1] = st(order1[(c1 << 8) | c0] >>> 20);
    if (bitCount % 4 === 0) findBuckets();
    const k = bitCount % 4;
    const nibble = (1 << k) | (partial & ((1 << k) - 1));
    for (let i = 0; i < 6; i++) {
      slots[i] = buckets[i] + nibble;
      inputs[2 + i] = st(table[slots[i]] >>> 20);
    }
    inputs[8] = 0;
    matchSlot = 0;
    if (matchLen > 0) {
      const expected = history[matchPtr] | 256;
      if (expected >> (8 - bitCount) === partial) {
        const bit = (expected >> (7 - bitCount)) & 1;
        matchSlot = ((Math.min(matchLen, 31) << 1) | bit) + 1;
        inputs[8] = st(matchCounters[Math.min(matchSlot, 63)] >>> 20);
      }
    }
    inputs[9] = 256;
    const band = matchLen === 0 ? 0 : matchLen <= 11 ? 1 : matchLen <= 23 ? 2 : 3;
    mixerSet = (band * 256 + c0) * INPUTS;
    let dot = 0;
    for (let i = 0; i < INPUTS; i++) dot += weights[mixerSet + i] * inputs[i];
    mixed = squash(Math.min(Math.max(Math.floor(dot / 65536), -2047), 2047));
    const s = st(mixed) + 2048;
    const bucket = s >> 7;
    const w = s & 127;
    const base = ((c1 << 8) | c0) * 33 + bucket;
    const refined = (apm[base] * (128 - w) + apm[base + 1] * w) >> 11;
    apmSlot = base + (w >> 6);
    pr = (mixed + 3 * refined + 2) >> 2;
  };

  const endByte = (byte) => {
    history[n++] = byte;
    hi = ((hi << 8) | (lo >>> 24)) >>> 0;
    lo = ((lo << 8) | byte) >>> 0;
    const isAlnum = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122);
    if (isAlnum) {
      word = hash(word, byte >= 65 && byte <= 90 ? byte + 32 : byte);
    } else if (word !== 0) {
      previousWord = word;
      word = 0;
    }
    if (matchLen > 0 && matchPtr < n && history[matchPtr] === byte) {
      matchLen += 1;
      matchPtr += 1;
    } else {
      matchLen = 0;
    }
    if (n >= MATCH_MIN) {
      const key = hash(lo, hi & 0xffff) >>> (32 - MATCH_BITS);
      if (matchLen === 0) {
        const candidate = lastSeen[key];
        if (candidate > 0) {
          let found = 0;
          const most = Math.min(candidate, 32);
          while (found < most && history[candidate - found - 1] === history[n - found - 1]) found += 1;
          if (found >= MATCH_MIN) {
            matchLen = found;
            matchPtr = candidate;
          }
        }
      }
      lastSeen[key] = n;
    }
    if (matchPtr >= n) matchLen = 0;
    newByteContexts();
  };

  const learn = (bit) => {
    const a = apm[apmSlot];
    apm[apmSlot] = a + (((bit ? 65535 : 0) - a) >> 6);
    const err = (((bit ? 1 : 0) << 12) - mixed) * 16;
    for (let i = 0; i < INPUTS; i++) weights[mixerSet + i] += (inputs[i] * err + 0x4000) >> 15;
    const c0 = partial;
    const c1 = lo & 0xff;
    update(order0, c0, bit, LIMIT);
    update(order1, (c1 << 8) | c0, bit, LIMIT);
    for (let i = 0; i < 6; i++) update(table, slots[i], bit, LIMIT);
    if (matchSlot > 0) update(matchCounters, Math.min(matchSlot, 63), bit, 1023);
    partial = (partial << 1) | (bit ? 1 : 0);
    bitCount += 1;
    if (bitCount === 8) {
      endByte(partial & 0xff);
      partial = 1;
      bitCount = 0;
    }
    predict();
  };

  newByteContexts();
  predict();
  let low = 0;
  let high = 0xffffffff;
  let x = 0;
  for (let i = 0; i < 4; i++) x = ((x << 8) | next()) >>> 0;
  let slice = performance.now();
  for (let i = 0; i < len; i++) {
    // Every ~12 ms of work, so the page keeps drawing frames and answering input.
    if ((i & 0x3ff) === 0x3ff && performance.now() - slice > 12) {
      await yieldToPage();
      slice = performance.now();
    }
    for (let b = 0; b < 8; b++) {
      const p = Math.min(Math.max(pr, 1), 4095);
      const mid = low + ((high - low) >>> 12) * p;
      const bit = x <= mid;
      if (bit) high = mid;
      else low = mid + 1;
      learn(bit);
      while (((low ^ high) & 0xff000000) === 0) {
        low = (low << 8) >>> 0;
        high = ((high << 8) | 0xff) >>> 0;
        x = ((x << 8) | next()) >>> 0;
      }
    }
  }
  return history;
}
