//! Compression for the knowledge-base blob: a small context-mixing coder in the spirit of
//! lpaq. Each bit is predicted from the bits of earlier bytes (orders 0–4 and 6), the word
//! being written, the previous word and the longest earlier match; a logistic mixer weighs
//! the predictions by how well each has done, and an arithmetic coder spends bits on
//! surprise only. Medical text full of repeated phrases packs about an eighth smaller than
//! with a Burrows–Wheeler coder (and a third smaller than gzip). Integer arithmetic only, so the build script's encoder and
//! the browser's decoder agree bit for bit. Needs only `core` and `alloc`: `build.rs` and the
//! xtask compile this file too, and `unpack/` builds its decoder into the small no_std
//! WebAssembly module that unpacks the widget's code in the page.

extern crate alloc;
use alloc::{vec, vec::Vec};

/// A corrupt header must not make the decoder run without bound; `compress` refuses more,
/// so the build fails instead of shipping data the widget would not read.
pub const MAX_LEN: usize = 1 << 24;

/// Hashed context slots shared by the order-2..6 and word models (4 bytes each), in
/// buckets of 16: a check word, then a counter for each of the 15 bit prefixes of a nibble,
/// so the four bits of a nibble share one cache line.
const TABLE_BITS: u32 = 22;
/// Earlier positions of 6-byte contexts, for the match model.
const MATCH_BITS: u32 = 18;
const MATCH_MIN: usize = 6;
/// How many updates a context counter counts before it moves at a fixed rate: a low limit
/// keeps adapting, which suits both the text and the widget's code (measured: 16 beat 60 by
/// 0.3% on the text and 1.2% on the wasm).
const LIMIT: u32 = 16;
/// Mixer inputs: order 0, 1, 2, 3, 4, 6, word, word pair, match, and a constant bias.
const INPUTS: usize = 10;

/// Logistic function at 33 points (x = -2048, -1920, …, 2048, scaled by 256), in 12 bits.
const SQUASH_AT: [i32; 33] = [
    1, 2, 3, 6, 10, 16, 27, 45, 73, 120, 194, 310, 488, 747, 1101, 1546, 2047, 2549, 2994, 3348,
    3607, 3785, 3901, 3975, 4022, 4050, 4068, 4079, 4085, 4089, 4092, 4093, 4094,
];

/// Probability (12 bits) of a stretched value `d` (log-odds × 256), by interpolation.
fn squash(d: i32) -> i32 {
    if d > 2047 {
        return 4095;
    }
    if d < -2047 {
        return 1;
    }
    let w = d & 127;
    let i = ((d >> 7) + 16) as usize;
    (SQUASH_AT[i] * (128 - w) + SQUASH_AT[i + 1] * w + 64) >> 7
}

/// Inverse of [`squash`] for every 12-bit probability.
fn stretch_table() -> Vec<i16> {
    let mut table = vec![2047i16; 4096];
    let mut next = 0usize;
    for x in -2047..=2047 {
        let v = squash(x) as usize;
        for slot in table.iter_mut().take(v + 1).skip(next) {
            *slot = x as i16;
        }
        next = next.max(v + 1);
    }
    table
}

/// An adaptive probability that the next bit is 1: 22 bits of probability and a 10-bit
/// count; it moves by 1/(n + 1.5) of the error, so it learns fast at first, then settles.
#[derive(Clone, Copy)]
struct Counter(u32);

impl Counter {
    const NEW: Counter = Counter(1 << 31);

    fn p(self) -> usize {
        (self.0 >> 20) as usize
    }

    fn update(&mut self, bit: bool, limit: u32, rates: &[i32; 1024]) {
        let n = self.0 & 1023;
        let p = (self.0 >> 10) as i32;
        let target = if bit { (1 << 22) - 1 } else { 0 };
        let moved = p + (((i64::from(target - p)) * i64::from(rates[n as usize])) >> 16) as i32;
        self.0 = ((moved as u32) << 10) | (n.min(limit - 1) + 1);
    }
}

fn hash(a: u32, b: u32) -> u32 {
    (a.wrapping_mul(0x9E37_79B1) ^ b.wrapping_mul(0x85EB_CA6B).rotate_left(13))
        .wrapping_mul(0xC2B2_AE35)
}

/// The model shared by encoder and decoder: call `p`, then `update` with the real bit.
struct Predictor {
    stretch: Vec<i16>,
    /// 1/(n + 1.5) in 16 bits: how far a counter seen n times moves.
    rates: [i32; 1024],
    order0: Vec<Counter>,
    order1: Vec<Counter>,
    table: Vec<Counter>,
    /// Per-byte context hashes of the hashed models, and the slot each uses for this bit.
    contexts: [u32; 6],
    buckets: [usize; 6],
    slots: [usize; 6],
    weights: Vec<i32>,
    inputs: [i32; INPUTS],
    mixer_set: usize,
    /// Match model: where the current context last occurred, how long the match is, and
    /// the counters for "the match predicts this bit" by length.
    history: Vec<u8>,
    last_seen: Vec<u32>,
    match_ptr: usize,
    match_len: usize,
    match_counters: [Counter; 64],
    match_slot: usize,
    /// Bits of the byte so far with a leading 1, the last bytes, and the word hashes.
    partial: u32,
    bit_count: u32,
    recent: u64,
    word: u32,
    previous_word: u32,
    pr: i32,
    mixed: i32,
    apm: Vec<u16>,
    apm_slot: usize,
}

impl Predictor {
    fn new() -> Self {
        let mut p = Predictor {
            stretch: stretch_table(),
            rates: core::array::from_fn(|n| 131_072 / (2 * n as i32 + 3)),
            order0: vec![Counter::NEW; 256],
            order1: vec![Counter::NEW; 1 << 16],
            table: vec![Counter::NEW; 1 << TABLE_BITS],
            contexts: [0; 6],
            buckets: [0; 6],
            slots: [0; 6],
            weights: vec![1 << 14; INPUTS * 256 * 4],
            inputs: [0; INPUTS],
            mixer_set: 0,
            history: Vec::new(),
            last_seen: vec![0; 1 << MATCH_BITS],
            match_ptr: 0,
            match_len: 0,
            match_counters: [Counter::NEW; 64],
            match_slot: 0,
            partial: 1,
            bit_count: 0,
            recent: 0,
            word: 0,
            previous_word: 0,
            pr: 2048,
            mixed: 2048,
            apm: (0..1 << 16)
                .flat_map(|_| (0..33).map(|j| (squash((j - 16) * 128) * 16) as u16))
                .collect(),
            apm_slot: 0,
        };
        p.new_byte_contexts();
        p.predict();
        p
    }

    fn st(&self, p: usize) -> i32 {
        i32::from(self.stretch[p.min(4095)])
    }

    /// Probability (12 bits) that the next bit is 1.
    fn p(&self) -> u32 {
        self.pr.clamp(1, 4095) as u32
    }

    fn predict(&mut self) {
        let c0 = self.partial as usize;
        let c1 = (self.recent & 0xFF) as usize;
        self.inputs[0] = self.st(self.order0[c0].p());
        self.inputs[1] = self.st(self.order1[c1 << 8 | c0].p());
        if self.bit_count % 4 == 0 {
            self.find_buckets();
        }
        let k = self.bit_count % 4;
        let nibble = (1 << k | (self.partial & ((1 << k) - 1))) as usize;
        for i in 0..6 {
            let slot = self.buckets[i] + nibble;
            self.slots[i] = slot;
            self.inputs[2 + i] = self.st(self.table[slot].p());
        }
        // The match predicts the next bit of the byte that followed last time, while the
        // bits of this byte still agree with it.
        self.inputs[8] = 0;
        self.match_slot = 0;
        if self.match_len > 0 {
            let expected = u32::from(self.history[self.match_ptr]) | 256;
            if expected >> (8 - self.bit_count) == self.partial {
                let bit = (expected >> (7 - self.bit_count)) & 1;
                self.match_slot = (self.match_len.min(31) << 1 | bit as usize) + 1;
                let p = self.match_counters[self.match_slot.min(63)].p();
                self.inputs[8] = self.st(p);
            }
        }
        self.inputs[9] = 256;
        let band = match self.match_len {
            0 => 0,
            1..=11 => 1,
            12..=23 => 2,
            _ => 3,
        };
        self.mixer_set = (band * 256 + c0) * INPUTS;
        let w = &self.weights[self.mixer_set..self.mixer_set + INPUTS];
        let dot: i64 = w
            .iter()
            .zip(&self.inputs)
            .map(|(&w, &x)| i64::from(w) * i64::from(x))
            .sum();
        self.mixed = squash((dot >> 16).clamp(-2047, 2047) as i32);
        // Refine by what that probability has meant after this byte's last byte
        // (secondary estimation), interpolating between the two nearest of 33 buckets.
        let s = self.st(self.mixed as usize) + 2048;
        let (bucket, w) = ((s >> 7) as usize, s & 127);
        let base = (c1 << 8 | c0) * 33 + bucket;
        let refined =
            (i32::from(self.apm[base]) * (128 - w) + i32::from(self.apm[base + 1]) * w) >> 11;
        self.apm_slot = base + (w >> 6) as usize;
        self.pr = (self.mixed + 3 * refined + 2) >> 2;
    }

    /// At each nibble, finds (or claims) the bucket of every hashed context: of two
    /// candidates, the one whose check word matches, else the less used one, cleared.
    fn find_buckets(&mut self) {
        let nibble = if self.bit_count == 0 { 0 } else { self.partial };
        let mask = (1usize << (TABLE_BITS - 4)) - 1;
        for i in 0..6 {
            let h = hash(self.contexts[i], nibble + (i as u32) * 0x100);
            let check = h | 1;
            let first = (h as usize >> 4) & mask;
            let candidates = [first, first ^ 1].map(|b| b * 16);
            let found = candidates.into_iter().find(|&b| self.table[b].0 == check);
            let bucket = found.unwrap_or_else(|| {
                let used = |b: usize| self.table[b + 1].0 & 1023;
                let b = if used(candidates[0]) <= used(candidates[1]) {
                    candidates[0]
                } else {
                    candidates[1]
                };
                self.table[b] = Counter(check);
                self.table[b + 1..b + 16].fill(Counter::NEW);
                b
            });
            self.buckets[i] = bucket;
        }
    }

    fn update(&mut self, bit: bool) {
        let target = if bit { 65535 } else { 0 };
        let a = &mut self.apm[self.apm_slot];
        *a = (i32::from(*a) + ((target - i32::from(*a)) >> 6)) as u16;
        let err = ((i32::from(bit) << 12) - self.mixed) * 16;
        let set = self.mixer_set;
        for (w, &x) in self.weights[set..set + INPUTS].iter_mut().zip(&self.inputs) {
            *w += (x * err + 0x4000) >> 15;
        }
        let c0 = self.partial as usize;
        let c1 = (self.recent & 0xFF) as usize;
        let rates = &self.rates;
        self.order0[c0].update(bit, LIMIT, rates);
        self.order1[c1 << 8 | c0].update(bit, LIMIT, rates);
        for &slot in &self.slots {
            self.table[slot].update(bit, LIMIT, rates);
        }
        if self.match_slot > 0 {
            self.match_counters[self.match_slot.min(63)].update(bit, 1023, rates);
        }
        self.partial = self.partial << 1 | u32::from(bit);
        self.bit_count += 1;
        if self.bit_count == 8 {
            self.end_byte((self.partial & 0xFF) as u8);
            self.partial = 1;
            self.bit_count = 0;
        }
        self.predict();
    }

    fn end_byte(&mut self, byte: u8) {
        self.history.push(byte);
        self.recent = self.recent << 8 | u64::from(byte);
        if byte.is_ascii_alphanumeric() {
            self.word = hash(self.word, u32::from(byte.to_ascii_lowercase()));
        } else if self.word != 0 {
            self.previous_word = self.word;
            self.word = 0;
        }
        // Extend the match, or look for a new one after MATCH_MIN bytes of context.
        let n = self.history.len();
        if self.match_len > 0 && self.history.get(self.match_ptr) == Some(&byte) {
            self.match_len += 1;
            self.match_ptr += 1;
        } else {
            self.match_len = 0;
        }
        if n >= MATCH_MIN {
            let key = (hash(
                (self.recent & 0xFFFF_FFFF) as u32,
                (self.recent >> 32) as u32 & 0xFFFF,
            ) >> (32 - MATCH_BITS)) as usize;
            if self.match_len == 0 {
                let candidate = self.last_seen[key] as usize;
                if candidate > 0 {
                    let len = (1..=candidate.min(32))
                        .take_while(|&k| self.history[candidate - k] == self.history[n - k])
                        .count();
                    if len >= MATCH_MIN {
                        self.match_len = len;
                        self.match_ptr = candidate;
                    }
                }
            }
            self.last_seen[key] = n as u32;
        }
        if self.match_ptr >= n {
            self.match_len = 0;
        }
        self.new_byte_contexts();
    }

    fn new_byte_contexts(&mut self) {
        let r = self.recent;
        self.contexts = [
            hash((r & 0xFFFF) as u32, 2),
            hash((r & 0xFF_FFFF) as u32, 3),
            hash((r & 0xFFFF_FFFF) as u32, 4),
            hash(hash((r & 0xFFFF_FFFF) as u32, 6), (r >> 32) as u32 & 0xFFFF),
            hash(self.word, 7) ^ ((r & 0xFF) as u32 * 0x0100_0193),
            hash(hash(self.word, self.previous_word), 8),
        ];
    }
}

/// Writes a LEB128 number (see [`read_varint`]).
pub fn push_varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 number; `None` at the end of input or on overflow.
pub fn read_varint(input: &mut &[u8]) -> Option<usize> {
    let mut v: usize = 0;
    for shift in (0..usize::BITS).step_by(7) {
        let (&byte, rest) = input.split_first()?;
        *input = rest;
        v |= usize::from(byte & 0x7F).checked_shl(shift)?;
        if byte < 0x80 {
            return Some(v);
        }
    }
    None
}

/// Compresses `data`; [`decompress`] restores it exactly. `None` above [`MAX_LEN`] bytes.
pub fn compress(data: &[u8]) -> Option<Vec<u8>> {
    if data.len() > MAX_LEN {
        return None;
    }
    let mut out = Vec::new();
    push_varint(&mut out, data.len());
    let mut model = Predictor::new();
    let (mut low, mut high) = (0u32, u32::MAX);
    for &byte in data {
        for i in (0..8).rev() {
            let bit = (byte >> i) & 1 == 1;
            let mid = low + ((high - low) >> 12) * model.p();
            if bit {
                high = mid;
            } else {
                low = mid + 1;
            }
            model.update(bit);
            while (low ^ high) & 0xFF00_0000 == 0 {
                out.push((high >> 24) as u8);
                low <<= 8;
                high = high << 8 | 0xFF;
            }
        }
    }
    out.extend(low.to_be_bytes());
    Some(out)
}

/// Restores what [`compress`] produced; `None` for a header it did not write. Damaged data
/// decodes to garbage of the stated length, never a panic.
pub fn decompress(packed: &[u8]) -> Option<Vec<u8>> {
    let mut decoder = Decoder::new(packed)?;
    decoder.run(usize::MAX);
    Some(decoder.into_output())
}

/// [`decompress`] a slice at a time, so a page can keep drawing frames between slices.
pub struct Decoder<'a> {
    input: &'a [u8],
    model: Predictor,
    low: u32,
    high: u32,
    x: u32,
    len: usize,
    out: Vec<u8>,
}

impl<'a> Decoder<'a> {
    /// `None` for a header [`compress`] did not write.
    pub fn new(packed: &'a [u8]) -> Option<Self> {
        let mut input = packed;
        let len = read_varint(&mut input)?;
        if len > MAX_LEN {
            return None;
        }
        let mut decoder = Decoder {
            input,
            model: Predictor::new(),
            low: 0,
            high: u32::MAX,
            x: 0,
            len,
            out: Vec::with_capacity(len),
        };
        for _ in 0..4 {
            decoder.x = decoder.x << 8 | u32::from(decoder.next_byte());
        }
        Some(decoder)
    }

    /// Past the end the coder reads zeros, as [`compress`] assumed when it flushed.
    fn next_byte(&mut self) -> u8 {
        match self.input.split_first() {
            Some((&byte, rest)) => {
                self.input = rest;
                byte
            }
            None => 0,
        }
    }

    /// Decodes up to `bytes` more bytes; true once the whole output is there.
    pub fn run(&mut self, bytes: usize) -> bool {
        let end = self.len.min(self.out.len().saturating_add(bytes));
        while self.out.len() < end {
            let mut byte = 0u8;
            for _ in 0..8 {
                let mid = self.low + ((self.high - self.low) >> 12) * self.model.p();
                let bit = self.x <= mid;
                if bit {
                    self.high = mid;
                } else {
                    self.low = mid + 1;
                }
                self.model.update(bit);
                byte = byte << 1 | u8::from(bit);
                while (self.low ^ self.high) & 0xFF00_0000 == 0 {
                    self.low <<= 8;
                    self.high = self.high << 8 | 0xFF;
                    self.x = self.x << 8 | u32::from(self.next_byte());
                }
            }
            self.out.push(byte);
        }
        self.out.len() == self.len
    }

    /// What is decoded so far (all of it once [`Decoder::run`] returned true).
    pub fn output(&self) -> &[u8] {
        &self.out
    }

    pub fn into_output(self) -> Vec<u8> {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(data: &[u8]) {
        let packed = compress(data).expect("small enough");
        assert_eq!(decompress(&packed).as_deref(), Some(data), "{data:?}");
    }

    #[test]
    fn restores_edge_cases() {
        roundtrip(b"");
        roundtrip(b"a");
        roundtrip(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        roundtrip(b"banana");
        roundtrip(&(0..=255).collect::<Vec<u8>>());
        roundtrip(&(0..=255).rev().cycle().take(5000).collect::<Vec<u8>>());
        roundtrip("é\u{2}ü\u{3}ñ".repeat(40).as_bytes());
    }

    #[test]
    fn restores_pseudo_random_bytes() {
        let mut x: u32 = 12345;
        let data: Vec<u8> = (0..20000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        roundtrip(&data);
    }

    #[test]
    fn shrinks_repetitive_text_below_its_size() {
        let text = "Somatostatin analogues slow tumor growth. ".repeat(200);
        let packed = compress(text.as_bytes()).expect("small enough");
        assert!(packed.len() < text.len() / 20, "{}", packed.len());
    }

    #[test]
    fn oversized_input_is_refused_at_build_time() {
        assert!(compress(&vec![b'a'; MAX_LEN + 1]).is_none());
    }

    #[test]
    fn damaged_input_is_refused_or_garbled_without_panic() {
        let packed = compress(b"Neuroendocrine tumors grow from hormone-making cells.").unwrap();
        for cut in 0..packed.len() {
            let _ = decompress(&packed[..cut]);
        }
        for i in 0..packed.len() {
            for flip in [1u8, 0x80, 0xFF] {
                let mut bad = packed.clone();
                bad[i] ^= flip;
                let _ = decompress(&bad);
            }
        }
        assert_eq!(decompress(&[]), None);
        assert_eq!(decompress(&[0xFF; 12]), None);
    }

    #[test]
    fn decodes_in_slices_as_in_one_go() {
        let text = "Octreotide and lanreotide are somatostatin analogues. ".repeat(30);
        let packed = compress(text.as_bytes()).unwrap();
        let mut decoder = Decoder::new(&packed).unwrap();
        let mut calls = 0;
        while !decoder.run(7) {
            calls += 1;
            assert_eq!(decoder.output().len(), calls * 7);
        }
        assert_eq!(decoder.output(), text.as_bytes());
        assert!(decoder.run(7), "finished stays finished");
        assert_eq!(decoder.into_output(), text.as_bytes());
    }
}
