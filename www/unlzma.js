// Decoder for the .lzma ("LZMA alone") files `cargo xtask build` makes with
// `xz --format=lzma`: the widget's WebAssembly travels this way because LZMA packs the
// code about a sixth smaller than gzip, and decoding it takes a few milliseconds.
// Follows the LZMA specification (Igor Pavlov, LzmaSpec.cpp); the header's size field is
// the exact decoded length (xtask writes it). Throws on damaged input, never loops forever.

const PROB_INIT = 1024;
const TOP = 2 ** 24;

export function unlzma(buffer) {
  const src = new Uint8Array(buffer);
  let props = src[0];
  if (!(props < 225) || src.length < 18) throw new Error('net-guide: damaged code file');
  const lc = props % 9;
  props = (props / 9) | 0;
  const lp = props % 5;
  const pb = (props / 5) | 0;
  let size = 0;
  for (let i = 0; i < 6; i++) size += src[5 + i] * 2 ** (8 * i);
  const out = new Uint8Array(size);

  // Probability layout: one array, each model at its offset.
  const IS_MATCH = 0;
  const IS_REP = 192;
  const IS_REP_G0 = 204;
  const IS_REP_G1 = 216;
  const IS_REP_G2 = 228;
  const IS_REP0_LONG = 240;
  const POS_SLOT = 432;
  const SPEC_POS = 688;
  const ALIGN = 803;
  const LEN = 819;
  const REP_LEN = LEN + 514;
  const LITERAL = REP_LEN + 514;
  const probs = new Uint16Array(LITERAL + (0x300 << (lc + lp))).fill(PROB_INIT);

  let pos = 14;
  // The coder's range and code, unsigned 32-bit: kept in a typed array, because numbers
  // above 2^30 held in variables would be boxed on every change.
  const rc = new Uint32Array(2);
  rc[0] = 0xffffffff;
  for (let i = 0; i < 4; i++) rc[1] = rc[1] * 256 + src[pos++];

  const normalize = () => {
    if (rc[0] < TOP) {
      rc[0] <<= 8;
      // Past the end reads as 0xff; the position check below stops a damaged file.
      rc[1] = (rc[1] << 8) | (pos < src.length ? src[pos] : 255);
      pos++;
    }
  };
  const bit = (i) => {
    const p = probs[i];
    const bound = (rc[0] >>> 11) * p;
    let b;
    if (rc[1] < bound) {
      rc[0] = bound;
      probs[i] = p + ((2048 - p) >> 5);
      b = 0;
    } else {
      rc[0] -= bound;
      rc[1] -= bound;
      probs[i] = p - (p >> 5);
      b = 1;
    }
    normalize();
    return b;
  };
  const tree = (base, bits) => {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) | bit(base + m);
    return m - (1 << bits);
  };
  const reverse = (base, bits) => {
    let m = 1;
    let r = 0;
    for (let i = 0; i < bits; i++) {
      const b = bit(base + m);
      m = (m << 1) | b;
      r |= b << i;
    }
    return r;
  };
  const direct = (bits) => {
    let r = 0;
    for (let i = 0; i < bits; i++) {
      rc[0] >>>= 1;
      let b = 0;
      if (rc[1] >= rc[0]) {
        rc[1] -= rc[0];
        b = 1;
      }
      r = r * 2 + b;
      normalize();
    }
    return r;
  };
  const length = (base, posState) => {
    if (!bit(base)) return tree(base + 2 + posState * 8, 3);
    if (!bit(base + 1)) return 8 + tree(base + 130 + posState * 8, 3);
    return 16 + tree(base + 258, 8);
  };

  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  let at = 0;
  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;
  while (at < size) {
    if (pos > src.length) throw new Error('net-guide: damaged code file');
    const posState = at & pbMask;
    if (!bit(IS_MATCH + (state << 4) + posState)) {
      const previous = at > 0 ? out[at - 1] : 0;
      const base = LITERAL + 0x300 * (((at & lpMask) << lc) + (previous >> (8 - lc)));
      let s = 1;
      if (state >= 7) {
        let matchByte = out[at - rep0 - 1];
        do {
          const matchBit = (matchByte >> 7) & 1;
          matchByte <<= 1;
          const b = bit(base + ((1 + matchBit) << 8) + s);
          s = (s << 1) | b;
          if (matchBit !== b) break;
        } while (s < 0x100);
      }
      while (s < 0x100) s = (s << 1) | bit(base + s);
      out[at++] = s - 0x100;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(IS_REP + state)) {
      if (at === 0) throw new Error('net-guide: damaged code file');
      if (!bit(IS_REP_G0 + state)) {
        if (!bit(IS_REP0_LONG + (state << 4) + posState)) {
          state = state < 7 ? 9 : 11;
          out[at] = out[at - rep0 - 1];
          at++;
          continue;
        }
      } else {
        let distance;
        if (!bit(IS_REP_G1 + state)) {
          distance = rep1;
        } else {
          if (!bit(IS_REP_G2 + state)) {
            distance = rep2;
          } else {
            distance = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = distance;
      }
      len = length(REP_LEN, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(LEN, posState);
      state = state < 7 ? 7 : 10;
      const slot = tree(POS_SLOT + (Math.min(len, 3) << 6), 6);
      if (slot < 4) {
        rep0 = slot;
      } else {
        const bits = (slot >> 1) - 1;
        rep0 = (2 | (slot & 1)) * 2 ** bits;
        if (slot < 14) rep0 += reverse(SPEC_POS + rep0 - slot, bits);
        else rep0 += direct(bits - 4) * 16 + reverse(ALIGN, 4);
        // The end marker; the size in the header ends decoding first.
        if (rep0 === 0xffffffff) break;
      }
    }
    len += 2;
    if (rep0 >= at) throw new Error('net-guide: damaged code file');
    for (; len > 0 && at < size; len--, at++) out[at] = out[at - rep0 - 1];
  }
  if (pos > src.length) throw new Error('net-guide: damaged code file');
  return out;
}
